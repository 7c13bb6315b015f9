//! Crash safety: a process saving in a loop is killed with SIGKILL at random moments, and the
//! workbook must then hold the old version or the new one, byte for byte, never a mix; the
//! next start's sweep leaves no temp file.
//!
//! The saving process is this test binary run again with `PHASEBOOK_TEST_SAVE_LOOP` set:
//! only then does `save_loop_child` do anything, so no test-only target is built or installed.

#![cfg(unix)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use phasebook::model::Workbook;
use phasebook::store::{backup_path, load, load_bytes, open, save, save_checked, sweep_stale_temps, to_ron};

/// Set (to the workbook's path) only in the child that saves in a loop.
const CHILD_ENV: &str = "PHASEBOOK_TEST_SAVE_LOOP";
const READY: &str = "save-loop-ready";

/// Two versions that differ in size, the second large enough (≈ 45 KB) that a kill often
/// lands mid-write rather than between saves.
fn versions() -> (Workbook, Workbook) {
    let old = load_bytes(Path::new("example.ron"), crate::common::readme_example().as_bytes()).unwrap();
    let mut new = old.clone();
    new.engagement.customer = "Contoso, after the meeting".into();
    new.phases[0].items[0].detail = "Minutes of the kick-off, typed for an hour. ".repeat(1000);
    (old, new)
}

#[test]
fn save_loop_child() {
    let Ok(path) = std::env::var(CHILD_ENV) else { return };
    let path = PathBuf::from(path);
    let (old, new) = versions();
    let mut fingerprint = open(&path).unwrap().fingerprint;
    let mut out = std::io::stdout();
    writeln!(out, "{READY}").unwrap();
    out.flush().unwrap();
    loop {
        for wb in [&new, &old] {
            match save_checked(&path, wb, Some(&fingerprint)) {
                Ok(saved) => fingerprint = saved.fingerprint,
                Err(e) => {
                    eprintln!("save failed: {e}");
                    std::process::exit(3);
                }
            }
        }
    }
}

/// A small xorshift: the delays need spread, not quality, and no extra crate.
struct Rng(u64);

impl Rng {
    fn seeded() -> Rng {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        Rng((nanos as u64) | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn temp_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tmp"))
        .collect()
}

/// Kills a saving child `rounds` times and checks the file after each kill.
fn kill_during_saves(rounds: usize) {
    let (old, new) = versions();
    let (old_bytes, new_bytes) = (to_ron(&old).unwrap().into_bytes(), to_ron(&new).unwrap().into_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("engagement.ron");
    save(&path, &old).unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng::seeded();
    // Kills spread over about two pairs of saves, so that every step of one is hit; how
    // long a save takes depends on the build and the disk, so it is measured.
    let timing = Instant::now();
    save(&path, &new).unwrap();
    save(&path, &old).unwrap();
    let spread = u64::try_from(timing.elapsed().as_micros()).unwrap() * 2 + 1;
    let (mut saw_old, mut saw_new, mut temps_left) = (0, 0, 0);
    let started = Instant::now();

    for round in 0..rounds {
        let mut child = Command::new(&exe)
            .args(["save_kill::save_loop_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        assert!(lines.any(|l| l.is_ok_and(|l| l.contains(READY))), "round {round}: the child did not start");
        std::thread::sleep(Duration::from_micros(rng.below(spread)));
        child.kill().unwrap();
        let status = child.wait().unwrap();
        if status.code().is_some() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
            panic!("round {round}: the child stopped by itself ({status}): {err}");
        }

        let bytes = std::fs::read(&path).unwrap();
        if bytes == old_bytes {
            saw_old += 1;
        } else if bytes == new_bytes {
            saw_new += 1;
        } else {
            panic!("round {round}: the workbook is neither version ({} bytes)", bytes.len());
        }
        assert!(load(&path).is_ok(), "round {round}: the workbook parses");
        for n in 1..=3 {
            let backup = backup_path(&path, n);
            if backup.exists() {
                let b = std::fs::read(&backup).unwrap();
                assert!(b == old_bytes || b == new_bytes, "round {round}: backup {n} is whole");
            }
        }
        if !temp_files(dir.path()).is_empty() {
            temps_left += 1;
        }
        // What the next start does: the kill left no live saver, so every temp file goes.
        sweep_stale_temps(&path).unwrap();
        assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new(), "round {round}: no temp file after the sweep");
    }
    eprintln!(
        "kills survived: {rounds} in {:.1?}, spread over {spread} µs (old version {saw_old}, new {saw_new}; killed mid-save with a temp file left: {temps_left})",
        started.elapsed()
    );
    assert!(saw_old > 0 && saw_new > 0, "kills landed on both sides of the rename");
    assert!(temps_left > 0, "some kills landed mid-save");
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_version() {
    kill_during_saves(300);
}

#[test]
#[ignore = "long: thousands of kills; run with --ignored"]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_version_3000_times() {
    kill_during_saves(3000);
}
