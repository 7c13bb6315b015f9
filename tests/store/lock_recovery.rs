//! One writer per workbook (the lock file) and recovery files for unsaved changes.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Barrier};
use std::time::{Duration, SystemTime};

use phasebook::model::Workbook;
use phasebook::store::{
    Holder, Lock, LockError, RecoveryError, discard_recovery, find_recovery, load_bytes, lock_path, open,
    recovery_path, save, write_recovery,
};

fn example() -> Workbook {
    load_bytes(Path::new("example.ron"), crate::common::readme_example().as_bytes()).unwrap()
}

fn workbook_in(dir: &Path) -> PathBuf {
    let path = dir.join("contoso.ron");
    save(&path, &example()).unwrap();
    path
}

/// Writes a lock file as another process would have left it.
fn plant_lock(workbook: &Path, host: &str, pid: u32) -> PathBuf {
    let holder = Holder { user: "anna".into(), host: host.into(), pid, since: chrono::Local::now().fixed_offset() };
    let path = lock_path(workbook);
    std::fs::write(&path, ron::ser::to_string(&holder).unwrap()).unwrap();
    path
}

/// A pid that belonged to a process which has exited.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .arg("--list")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    child.wait().unwrap();
    pid
}

#[test]
fn a_second_acquire_is_told_who_holds_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let lock = Lock::acquire(&path).unwrap();
    assert_eq!(lock.path(), dir.path().join(".contoso.ron.lock"));
    match Lock::acquire(&path) {
        Err(LockError::HeldBy { holder, .. }) => {
            assert_eq!(holder.pid, std::process::id());
            assert_eq!(&holder, lock.holder());
        }
        other => panic!("expected HeldBy, got {other:?}"),
    }
    let message = Lock::acquire(&path).unwrap_err().to_string();
    assert!(message.contains("contoso.ron: opened by") && message.contains("read-only"), "{message}");
}

#[test]
fn dropping_the_lock_removes_its_file_and_frees_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let lock = Lock::acquire(&path).unwrap();
    let file = lock.path().to_path_buf();
    assert!(file.exists());
    drop(lock);
    assert!(!file.exists());
    let _again = Lock::acquire(&path).unwrap();
}

#[test]
fn the_lock_file_names_user_host_and_pid_in_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let lock = Lock::acquire(&path).unwrap();
    let text = std::fs::read_to_string(lock.path()).unwrap();
    assert!(text.contains(&format!("pid:{}", std::process::id())), "{text}");
    assert!(text.contains("user:") && text.contains("host:") && text.contains("since:"), "{text}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_stale_lock_from_a_dead_process_on_this_host_is_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    plant_lock(&path, &Holder::current().host, dead_pid());
    let lock = Lock::acquire(&path).unwrap();
    assert_eq!(lock.holder().pid, std::process::id());
}

#[cfg(target_os = "linux")]
#[test]
fn a_lock_of_a_live_process_on_this_host_stands() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    // pid 1 is always alive; its lock file is not flocked, which alone proves nothing.
    plant_lock(&path, &Holder::current().host, 1);
    assert!(matches!(Lock::acquire(&path), Err(LockError::HeldBy { holder, .. }) if holder.pid == 1));
}

#[test]
fn a_lock_from_another_host_is_never_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let planted = plant_lock(&path, "laptop-of-someone-else", dead_pid());
    match Lock::acquire(&path) {
        Err(e @ LockError::HeldBy { .. }) => {
            let message = e.to_string();
            assert!(message.contains("anna on laptop-of-someone-else"), "{message}");
            assert!(message.contains(&planted.display().to_string()), "says which file to remove: {message}");
        }
        other => panic!("expected HeldBy, got {other:?}"),
    }
    assert!(planted.exists());
}

#[test]
fn an_empty_lock_file_is_busy_while_fresh_and_cleared_once_old() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let planted = lock_path(&path);
    let file = std::fs::File::create(&planted).unwrap();
    assert!(matches!(Lock::acquire(&path), Err(LockError::Busy { .. })));
    file.set_modified(SystemTime::now() - Duration::from_secs(60)).unwrap();
    drop(file);
    let _lock = Lock::acquire(&path).unwrap();
}

#[test]
fn of_many_racing_for_a_workbook_exactly_one_gets_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    for round in 0..20 {
        if cfg!(target_os = "linux") && round % 2 == 1 {
            // Half the rounds race to clear a stale lock as well.
            plant_lock(&path, &Holder::current().host, dead_pid());
        }
        let barrier = Arc::new(Barrier::new(6));
        let racers: Vec<_> = (0..6)
            .map(|_| {
                let (barrier, path) = (barrier.clone(), path.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    let got = Lock::acquire(&path);
                    // Hold on until every racer has tried.
                    std::thread::sleep(Duration::from_millis(50));
                    got.is_ok()
                })
            })
            .collect();
        let winners = racers.into_iter().map(|r| r.join().unwrap()).filter(|&won| won).count();
        assert_eq!(winners, 1, "round {round}");
        assert!(!lock_path(&path).exists(), "the winner's drop removed it");
    }
}

#[test]
fn a_recovery_file_gives_back_the_changes_and_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = workbook_in(dir.path());
    let base = open(&path).unwrap().fingerprint;
    let mut wb = example();
    wb.phases[0].items[0].detail = "Typed for an hour before the laptop died.".into();
    let changes = vec!["Hold the kick-off meeting: note added".to_string()];

    let written = write_recovery(&data, &path, Some(&base), &changes, &wb).unwrap();
    assert!(written.starts_with(&data), "in the folder the app chose");
    assert_eq!(written, recovery_path(&data, &path));

    let found = find_recovery(&data, &path).unwrap().unwrap();
    assert_eq!(found.workbook, wb);
    assert_eq!(found.changes, changes);
    assert_eq!(found.base, Some(base));
    assert_eq!(found.workbook_path, std::fs::canonicalize(&path).unwrap());
    let age = chrono::Local::now().fixed_offset() - found.written;
    assert!(age.num_seconds() < 60);

    discard_recovery(&data, &path).unwrap();
    assert!(find_recovery(&data, &path).unwrap().is_none());
    discard_recovery(&data, &path).unwrap();
}

#[test]
fn a_recovery_for_another_workbook_is_not_found() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let one = workbook_in(dir.path());
    std::fs::create_dir(dir.path().join("other")).unwrap();
    let same_name_elsewhere = workbook_in(&dir.path().join("other"));
    write_recovery(&data, &one, None, &[], &example()).unwrap();
    assert!(find_recovery(&data, &same_name_elsewhere).unwrap().is_none());
    assert!(find_recovery(&data, &dir.path().join("third.ron")).unwrap().is_none());
    assert!(find_recovery(&data, &one).unwrap().is_some());
}

#[test]
fn a_workbook_named_two_ways_finds_the_same_recovery() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = workbook_in(dir.path());
    let roundabout = dir.path().join("sub").join("..").join("contoso.ron");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    write_recovery(&data, &roundabout, None, &[], &example()).unwrap();
    assert!(find_recovery(&data, &path).unwrap().is_some());
}

#[test]
fn a_damaged_recovery_file_is_reported_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = workbook_in(dir.path());
    let written = write_recovery(&data, &path, None, &[], &example()).unwrap();
    let text = std::fs::read_to_string(&written).unwrap();
    std::fs::write(&written, &text[..text.len() / 2]).unwrap();
    let e = find_recovery(&data, &path).unwrap_err();
    assert!(matches!(e, RecoveryError::Damaged { .. }), "{e}");
    assert!(written.exists(), "kept for a person to read");
}

#[test]
fn rewriting_a_recovery_file_replaces_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = workbook_in(dir.path());
    write_recovery(&data, &path, None, &["first".into()], &example()).unwrap();
    write_recovery(&data, &path, None, &["first".into(), "second".into()], &example()).unwrap();
    assert_eq!(find_recovery(&data, &path).unwrap().unwrap().changes, ["first", "second"]);
    let names: Vec<_> = std::fs::read_dir(&data).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temp file left: {names:?}");
}

#[cfg(unix)]
#[test]
fn a_recovery_file_is_readable_by_its_owner_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let written = write_recovery(&dir.path().join("data"), &path, None, &[], &example()).unwrap();
    assert_eq!(std::fs::metadata(written).unwrap().permissions().mode() & 0o777, 0o600);
}
