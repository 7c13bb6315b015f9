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
            assert_eq!(&*holder, lock.holder());
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

/// Runs `f` on a thread and fails the test if it has not returned in ten seconds: what is
/// tested here used to hang.
fn within_seconds<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(10)).expect("returned in time instead of hanging")
}

#[test]
fn something_other_than_a_lock_file_at_its_name_is_named_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let lock = lock_path(&path);
    let fifo = std::ffi::CString::new(lock.to_str().unwrap()).unwrap();
    let makers: [(&str, &dyn Fn()); 5] = [
        ("a folder", &|| std::fs::create_dir(&lock).unwrap()),
        ("a symbolic link", &|| std::os::unix::fs::symlink(dir.path().join("nowhere"), &lock).unwrap()),
        ("a symbolic link", &|| std::os::unix::fs::symlink("/dev/urandom", &lock).unwrap()),
        ("a symbolic link", &|| std::os::unix::fs::symlink(&path, &lock).unwrap()),
        // SAFETY: a valid C string and a mode; mkfifo only creates the FIFO.
        ("a FIFO", &|| assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0)),
    ];
    for (what, make) in makers {
        make();
        let p = path.clone();
        let result = within_seconds(move || Lock::acquire(&p).map(|_| ()));
        let message = result.unwrap_err().to_string();
        assert!(message.contains(what), "{what}: {message}");
        assert!(message.contains(&format!("remove {}", lock.display())), "says how to clear it: {message}");
        assert!(std::fs::symlink_metadata(&lock).is_ok(), "{what} left alone");
        let _ = std::fs::remove_dir(&lock).or_else(|_| std::fs::remove_file(&lock));
    }
    assert_eq!(open(&path).unwrap().workbook, example(), "the workbook is untouched");
}

#[test]
fn a_lock_naming_a_negative_process_is_busy_while_fresh_says_how_to_clear_it_and_goes_once_old() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let planted = lock_path(&path);
    std::fs::write(&planted, "(user:\"anna\",host:\"h\",pid:-1,since:\"2026-11-26T10:00:00+01:00\")").unwrap();
    let message = Lock::acquire(&path).unwrap_err().to_string();
    assert!(message.contains(&format!("remove {}", planted.display())), "{message}");
    let file = std::fs::File::options().write(true).open(&planted).unwrap();
    file.set_modified(SystemTime::now() - Duration::from_secs(60)).unwrap();
    drop(file);
    let _lock = Lock::acquire(&path).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn a_lock_naming_a_live_unrelated_process_says_what_runs_why_it_stands_and_how_to_clear_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let planted = plant_lock(&path, &Holder::current().host, 1);
    let message = Lock::acquire(&path).unwrap_err().to_string();
    assert!(message.contains("a process of that number is running"), "{message}");
    assert!(message.contains(&format!("remove {}", planted.display())), "{message}");
}

#[test]
fn two_names_of_one_file_cannot_both_be_opened_for_writing() {
    let dir = tempfile::tempdir().unwrap();
    let a = workbook_in(dir.path());
    let b = dir.path().join("same.ron");
    std::fs::hard_link(&a, &b).unwrap();
    let mut held = Lock::acquire(&a).unwrap();
    let message = Lock::acquire(&b).unwrap_err().to_string();
    assert!(message.contains("has this very file open"), "{message}");
    assert!(!lock_path(&b).exists(), "the refused lock is not left behind");
    // A save replaces the file: the two names are two files from then on.
    save(&a, &example()).unwrap();
    held.follow(&a);
    let _b = Lock::acquire(&b).unwrap();
    assert!(matches!(Lock::acquire(&a), Err(LockError::HeldBy { .. })));
}

#[test]
fn a_lock_file_removed_while_open_is_put_back_at_the_next_save_and_one_taken_over_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let mut lock = Lock::acquire(&path).unwrap();
    std::fs::remove_file(lock_path(&path)).unwrap();
    // Meanwhile a second phasebook is kept off by the lock on the file itself.
    assert!(matches!(Lock::acquire(&path), Err(LockError::FileInUse { .. })));
    lock.reassert(&path).unwrap();
    let text = std::fs::read_to_string(lock_path(&path)).unwrap();
    assert!(text.contains(&format!("pid:{}", std::process::id())), "{text}");
    // Removed again, and another phasebook (on a disk without file locks) wrote its own.
    std::fs::remove_file(lock_path(&path)).unwrap();
    plant_lock(&path, "laptop-of-someone-else", 4242);
    let lost = lock.reassert(&path).unwrap_err().to_string();
    assert!(
        lost.contains("another phasebook took this workbook") && lost.contains("anna on laptop-of-someone-else"),
        "{lost}"
    );
    drop(lock);
    assert!(lock_path(&path).exists(), "their lock stays");
}

#[test]
fn names_that_differ_only_in_bytes_that_are_not_utf8_keep_locks_and_backups_of_their_own() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join(std::ffi::OsStr::from_bytes(b"a\xff.ron"));
    let b = dir.path().join(std::ffi::OsStr::from_bytes(b"a\xfe.ron"));
    save(&a, &example()).unwrap();
    save(&b, &example()).unwrap();
    assert_ne!(lock_path(&a), lock_path(&b));
    assert_ne!(phasebook::store::backup_path(&a, 1), phasebook::store::backup_path(&b, 1));
    let _la = Lock::acquire(&a).unwrap();
    let _lb = Lock::acquire(&b).unwrap();
    save(&a, &example()).unwrap();
    assert!(phasebook::store::backup_path(&a, 1).exists());
    assert!(!phasebook::store::backup_path(&b, 1).exists(), "b's backups are b's alone");
}

#[test]
fn a_fifo_where_a_workbook_recovery_or_temp_file_would_be_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let fifo = dir.path().join("fifo.ron");
    crate::common::mkfifo(&fifo);
    let f = fifo.clone();
    let message = within_seconds(move || open(&f).map(|_| ()).unwrap_err().to_string());
    assert!(message.contains("FIFO"), "{message}");
    // A FIFO named like a save's temp file is not a temp file to sweep.
    let temp = dir.path().join(".contoso.ron.abcdefghij.tmp");
    crate::common::mkfifo(&temp);
    let p = path.clone();
    let swept = within_seconds(move || phasebook::store::sweep_stale_temps(&p).unwrap());
    assert!(swept.is_empty() && temp.exists());
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    crate::common::mkfifo(&recovery_path(&data, &path));
    let p = path.clone();
    let found = within_seconds(move || find_recovery(&data, &p).map(|_| ()));
    assert!(matches!(found, Err(RecoveryError::Read { .. })), "{found:?}");
}

#[test]
#[cfg(unix)]
fn a_recovery_for_a_workbook_whose_name_is_not_utf8_is_written_and_found() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = dir.path().join(std::ffi::OsStr::from_bytes(b"contoso-\xff.ron"));
    save(&path, &example()).unwrap();
    let written = write_recovery(&data, &path, None, &["a change".into()], &example()).unwrap();
    let found = find_recovery(&data, &path).unwrap().expect("found again");
    assert_eq!(found.workbook_path.file_name().unwrap().as_bytes(), b"contoso-\xff.ron");
    assert_eq!(found.changes, ["a change"]);
    // A name differing in that byte alone has a recovery file of its own.
    let other = dir.path().join(std::ffi::OsStr::from_bytes(b"contoso-\xfe.ron"));
    assert_ne!(recovery_path(&data, &other), written);
    assert!(find_recovery(&data, &other).unwrap().is_none());
}

#[test]
fn a_recovery_file_whose_workbook_would_not_open_is_damaged_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = workbook_in(dir.path());
    let written = write_recovery(&data, &path, None, &[], &example()).unwrap();
    // Two items of one id: parses, but no workbook may hold it.
    let text = std::fs::read_to_string(&written).unwrap();
    let ids: Vec<&str> = text.match_indices("id: \"").map(|(at, _)| &text[at + 5..]).collect();
    let first = ids[1].split('"').next().unwrap().to_string();
    let second = ids[2].split('"').next().unwrap().to_string();
    std::fs::write(&written, text.replacen(&format!("id: \"{second}\""), &format!("id: \"{first}\""), 1)).unwrap();
    let e = find_recovery(&data, &path).unwrap_err();
    assert!(matches!(e, RecoveryError::Damaged { .. }), "{e}");
    assert!(e.to_string().contains(&first), "the rule it breaks is named: {e}");
}

#[test]
#[cfg(unix)]
fn a_recovery_file_or_workbook_that_reads_without_end_is_refused_at_its_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = workbook_in(dir.path());
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::os::unix::fs::symlink("/dev/zero", recovery_path(&data, &path)).unwrap();
    let p = path.clone();
    let found = within_seconds(move || find_recovery(&data, &p).map(|_| ()));
    assert!(matches!(found, Err(RecoveryError::Read { .. })), "{found:?}");
    let endless = dir.path().join("endless.ron");
    std::os::unix::fs::symlink("/dev/zero", &endless).unwrap();
    let message = within_seconds(move || open(&endless).map(|_| ()).unwrap_err().to_string());
    assert!(message.contains("endless.ron"), "{message}");
}
