//! Saving under faults: every file operation of a save failing in turn, real-world faults
//! (a folder, a missing folder, a removed file), the lost-update guard, backups, and the
//! sweep of temp files a killed save left.

use std::path::{Path, PathBuf};

use phasebook::model::Workbook;
use phasebook::store::fs::{Fault, FaultyFs, Op};
use phasebook::store::{
    Expect, Fingerprint, SaveError, backup_path, load, load_bytes, open, save, save_checked, save_with,
    sweep_stale_temps, to_ron,
};

const ENOSPC: i32 = 28;
const EIO: i32 = 5;
const EACCES: i32 = 13;
const FAULTS: [i32; 3] = [ENOSPC, EIO, EACCES];

fn example() -> Workbook {
    load_bytes(Path::new("example.ron"), crate::common::readme_example().as_bytes()).unwrap()
}

/// The example with an edit, as a user would make between two saves.
fn edited(base: &Workbook, customer: &str) -> Workbook {
    let mut wb = base.clone();
    wb.engagement.customer = customer.to_string();
    wb.phases[0].items[0].detail = format!("Notes taken while working for {customer}.");
    wb
}

/// A folder holding a workbook saved twice, so it has a backup: returns the path and what
/// the file holds.
fn saved_workbook(dir: &Path) -> (PathBuf, Workbook, Fingerprint) {
    let path = dir.join("engagement.ron");
    save(&path, &edited(&example(), "First")).unwrap();
    let wb = edited(&example(), "Second");
    save(&path, &wb).unwrap();
    let loaded = open(&path).unwrap();
    assert_eq!(loaded.workbook, wb);
    (path, wb, loaded.fingerprint)
}

/// Names in the folder that look like temp files.
fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// The operations of one clean save of `new` over the workbook in a fresh folder.
fn clean_save_ops() -> Vec<Op> {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    let fs = FaultyFs::new();
    let _ = save_with(&fs, &path, &edited(&old, "Third"), Expect::Unchanged(&fingerprint)).unwrap();
    fs.log()
}

/// Fails operation `n` of a save with `errno` and checks everything the issue promises.
/// Returns whether the save failed (some operations, like a backup step, may fail without
/// stopping the save).
fn fail_op_and_retry(n: usize, errno: i32) -> bool {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    let before = std::fs::read(&path).unwrap();
    let new = edited(&old, "Third");
    let in_memory = new.clone();

    let fs = FaultyFs::failing_with_os_error(Fault::Nth(n), errno);
    let result = save_with(&fs, &path, &new, Expect::Unchanged(&fingerprint));
    assert!(fs.fired(), "operation {n} was never reached: {:?}", fs.log());
    assert_eq!(new, in_memory, "the edits in memory are untouched");
    let op = fs.log()[n];
    if result.is_ok() && op == Op::Remove {
        // The replaced version, left at the temp name when it could not be removed, is the
        // next start's sweep's to remove.
        phasebook::store::sweep_stale_temps(&path).unwrap();
    }
    assert!(temp_files(dir.path()).is_empty(), "no temp file left: {:?}", temp_files(dir.path()));

    let failed = match result {
        Err(e) => {
            assert!(!e.file_may_have_changed(), "op {n} ({op:?}) errno {errno}: {e}");
            assert_eq!(std::fs::read(&path).unwrap(), before, "op {n} ({op:?}) errno {errno}: original intact");
            let message = e.to_string();
            assert!(message.contains(&path.display().to_string()), "the message names the file: {message}");
            match errno {
                ENOSPC => assert!(matches!(e, SaveError::DiskFull { .. }), "{e}"),
                EACCES => assert!(matches!(e, SaveError::PermissionDenied { .. }), "{e}"),
                _ => assert!(matches!(e, SaveError::Io { .. }), "{e}"),
            }
            // The cause is gone: the same call succeeds.
            fs.heal();
            let saved = save_with(&fs, &path, &new, Expect::Unchanged(&fingerprint)).unwrap();
            assert_eq!(saved.fingerprint, open(&path).unwrap().fingerprint);
            true
        }
        Ok(saved) => {
            // Only a step of keeping the backup may fail without failing the save.
            assert!(
                matches!(op, Op::Metadata | Op::Rename | Op::HardLink | Op::Remove),
                "op {n} ({op:?}) failed yet the save went ahead"
            );
            assert_eq!(saved.fingerprint, open(&path).unwrap().fingerprint);
            false
        }
    };
    assert_eq!(load(&path).unwrap(), new);
    assert!(temp_files(dir.path()).is_empty());
    failed
}

#[test]
fn every_file_operation_of_a_save_failing_in_turn_leaves_the_original_and_a_retry_succeeds() {
    let ops = clean_save_ops();
    for kind in [Op::CreateTemp, Op::Write, Op::SyncFile, Op::Rename, Op::SyncFolder] {
        assert!(ops.contains(&kind), "a save does {kind:?}: {ops:?}");
    }
    let mut injected = 0;
    let mut failed = 0;
    for errno in FAULTS {
        for n in 0..ops.len() {
            injected += 1;
            failed += usize::from(fail_op_and_retry(n, errno));
        }
    }
    eprintln!(
        "faults injected: {injected} ({} operations x {} errors); saves refused: {failed}",
        ops.len(),
        FAULTS.len()
    );
    assert!(failed >= 5 * FAULTS.len());
}

#[test]
fn create_write_sync_rename_and_folder_sync_each_fail_the_save_with_each_error() {
    let ops = clean_save_ops();
    let first = |kind| ops.iter().position(|&o| o == kind).unwrap();
    // The rename that matters is the last one, over the workbook; earlier ones shift backups.
    let last_rename = ops.iter().rposition(|&o| o == Op::Rename).unwrap();
    for n in [first(Op::CreateTemp), first(Op::Write), first(Op::SyncFile), last_rename, first(Op::SyncFolder)] {
        for errno in FAULTS {
            assert!(fail_op_and_retry(n, errno), "failing op {n} ({:?}) with errno {errno} must fail the save", ops[n]);
        }
    }
}

#[test]
fn a_new_file_that_fails_to_save_is_not_left_half_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.ron");
    let wb = example();
    let fs = FaultyFs::new();
    let _ = save_with(&fs, &path, &wb, Expect::Absent).unwrap();
    let ops = fs.log();
    std::fs::remove_file(&path).unwrap();
    for errno in FAULTS {
        for (n, op) in ops.iter().enumerate() {
            let fs = FaultyFs::failing_with_os_error(Fault::Nth(n), errno);
            let result = save_with(&fs, &path, &wb, Expect::Absent);
            assert!(result.is_err(), "op {n} ({op:?})");
            assert!(!path.exists(), "op {n} ({op:?}) errno {errno}: no file");
            assert!(temp_files(dir.path()).is_empty());
            fs.heal();
            let _ = save_with(&fs, &path, &wb, Expect::Absent).unwrap();
            assert_eq!(load(&path).unwrap(), wb);
            std::fs::remove_file(&path).unwrap();
        }
    }
}

#[test]
fn a_read_only_disk_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    let fs = FaultyFs::failing_with_kind(Fault::First(Op::CreateTemp), std::io::ErrorKind::ReadOnlyFilesystem);
    let e = save_with(&fs, &path, &edited(&old, "Third"), Expect::Unchanged(&fingerprint)).unwrap_err();
    assert!(matches!(e, SaveError::ReadOnly { .. }));
    assert!(e.to_string().contains("read-only") && e.to_string().contains("Save a copy elsewhere"), "{e}");
}

#[test]
fn saving_onto_a_folder_says_it_is_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let e = save_checked(dir.path(), &example(), None).unwrap_err();
    assert!(matches!(e, SaveError::IsFolder { .. }), "{e}");
    assert!(e.to_string().contains("is a folder"), "{e}");
}

#[test]
fn saving_into_a_missing_folder_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("unplugged");
    let path = folder.join("wb.ron");
    let e = save_checked(&path, &example(), None).unwrap_err();
    assert!(matches!(e, SaveError::FolderMissing { .. }), "{e}");
    assert!(e.to_string().contains("does not exist"), "{e}");
    std::fs::create_dir(&folder).unwrap();
    let _ = save_checked(&path, &example(), None).unwrap();
}

#[test]
fn a_file_removed_under_us_is_reported_and_saving_it_anew_works() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    std::fs::remove_file(&path).unwrap();
    let wb = edited(&old, "Third");
    let e = save_checked(&path, &wb, Some(&fingerprint)).unwrap_err();
    assert!(matches!(e, SaveError::Removed { .. }), "{e}");
    assert!(e.to_string().contains("removed or renamed"), "{e}");
    assert!(!path.exists(), "nothing was written");
    let saved = save_checked(&path, &wb, None).unwrap();
    assert_eq!(open(&path).unwrap().fingerprint, saved.fingerprint);
}

#[test]
fn saving_as_new_over_a_file_that_appeared_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = crate::common::write(dir.path(), "wb.ron", b"someone else's");
    let e = save_checked(&path, &example(), None).unwrap_err();
    assert!(matches!(e, SaveError::AlreadyExists { .. }), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), b"someone else's");
}

#[test]
fn a_save_over_someone_elses_save_is_refused_and_keeps_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _) = saved_workbook(dir.path());
    let a = open(&path).unwrap();
    let b = open(&path).unwrap();
    let b_version = edited(&b.workbook, "Saved by B");
    let _ = save_checked(&path, &b_version, Some(&b.fingerprint)).unwrap();

    let a_version = edited(&a.workbook, "Saved by A");
    let e = save_checked(&path, &a_version, Some(&a.fingerprint)).unwrap_err();
    assert!(matches!(e, SaveError::ChangedOnDisk { .. }), "{e}");
    assert!(e.to_string().contains("changed on disk") && e.to_string().contains("Nothing was overwritten"), "{e}");
    assert_eq!(load(&path).unwrap(), b_version);

    // Overwriting on purpose is a separate, explicit call.
    let _ = save_with(&phasebook::store::RealFs, &path, &a_version, Expect::Anything).unwrap();
    assert_eq!(load(&path).unwrap(), a_version);
}

#[test]
fn a_change_on_disk_of_the_same_size_is_still_seen() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    let text = std::fs::read_to_string(&path).unwrap().replacen("Second", "Sekond", 1);
    std::fs::write(&path, &text).unwrap();
    let e = save_checked(&path, &edited(&old, "Third"), Some(&fingerprint)).unwrap_err();
    assert!(matches!(e, SaveError::ChangedOnDisk { .. }), "{e}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn touching_the_file_without_changing_it_is_not_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60)).unwrap();
    let _ = save_checked(&path, &edited(&old, "Third"), Some(&fingerprint)).unwrap();
}

#[test]
fn each_save_returns_the_fingerprint_the_next_save_expects() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wb.ron");
    let mut fingerprint = save_checked(&path, &example(), None).unwrap().fingerprint;
    for i in 0..5 {
        fingerprint =
            save_checked(&path, &edited(&example(), &format!("Round {i}")), Some(&fingerprint)).unwrap().fingerprint;
    }
    assert_eq!(open(&path).unwrap().fingerprint, fingerprint);
}

#[test]
fn the_last_three_versions_are_kept_as_backups() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wb.ron");
    let versions: Vec<Workbook> = (0..6).map(|i| edited(&example(), &format!("Version {i}"))).collect();
    for wb in &versions {
        save(&path, wb).unwrap();
    }
    assert_eq!(load(&path).unwrap(), versions[5]);
    for n in 1..=3 {
        assert_eq!(load(&backup_path(&path, n)).unwrap(), versions[5 - n], "backup {n}");
    }
    assert!(!backup_path(&path, 4).exists(), "no more than three");
    assert_eq!(backup_path(&path, 1).file_name().unwrap(), ".wb.ron.bak1");
}

#[test]
fn failed_saves_retried_shift_the_backups_no_more_than_one_save_would() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wb.ron");
    let versions: Vec<Workbook> = (0..4).map(|i| edited(&example(), &format!("Version {i}"))).collect();
    for wb in &versions {
        save(&path, wb).unwrap();
    }
    let fingerprint = open(&path).unwrap().fingerprint;
    let fs = FaultyFs::new();
    for _ in 0..3 {
        // Fails after the rename, so the save is undone from the backup.
        let fs = FaultyFs::failing_with_os_error(Fault::First(Op::SyncFolder), EIO);
        let _ = save_with(&fs, &path, &edited(&example(), "Never"), Expect::Unchanged(&fingerprint)).unwrap_err();
        assert_eq!(load(&path).unwrap(), versions[3]);
    }
    let _ = save_with(&fs, &path, &edited(&example(), "At last"), Expect::Unchanged(&fingerprint)).unwrap();
    for n in 1..=3 {
        assert_eq!(load(&backup_path(&path, n)).unwrap(), versions[3 - n + 1], "backup {n}");
    }
}

#[cfg(unix)]
#[test]
fn the_files_permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    let _ = save_checked(&path, &edited(&old, "Third"), Some(&fingerprint)).unwrap();
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let (target, old, _) = saved_workbook(dir.path());
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let loaded = open(&link).unwrap();
    let wb = edited(&old, "Via the link");
    let _ = save_checked(&link, &wb, Some(&loaded.fingerprint)).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(load(&target).unwrap(), wb);
}

#[test]
fn the_sweep_removes_temp_files_left_by_a_killed_save_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _) = saved_workbook(dir.path());
    let stale = crate::common::write(dir.path(), ".engagement.ron.Ab3dE5gH9k.tmp", b"(version: 1, meta: (");
    let live = crate::common::write(dir.path(), ".engagement.ron.Zz9yY8xX7w.tmp", b"being written");
    let held = std::fs::File::open(&live).unwrap();
    held.try_lock().unwrap();
    let keep = [
        crate::common::write(dir.path(), ".other.ron.Ab3dE5gH9k.tmp", b"another workbook's"),
        crate::common::write(dir.path(), ".engagement.ron.notrandom.tmp", b"not ours"),
        crate::common::write(dir.path(), "notes.tmp", b"the user's"),
    ];

    let swept = sweep_stale_temps(&path).unwrap();
    assert_eq!(swept, vec![stale.clone()]);
    assert!(!stale.exists());
    assert!(live.exists(), "a temp file a live save holds is left alone");
    assert!(keep.iter().all(|p| p.exists()));
    assert!(path.exists() && backup_path(&path, 1).exists());

    drop(held);
    assert_eq!(sweep_stale_temps(&path).unwrap(), vec![live]);
}

#[test]
fn a_save_passes_its_text_through_the_loader_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wb.ron");
    let wb = edited(&example(), "Round trip");
    save(&path, &wb).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), to_ron(&wb).unwrap());
}

#[test]
fn when_the_disk_dies_after_the_rename_the_error_says_the_new_version_may_be_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    let ops = clean_save_ops();
    let sync_folder = ops.iter().position(|&o| o == Op::SyncFolder).unwrap();
    // The folder sync fails, and so does every attempt to put the old version back.
    let fs = FaultyFs::failing_with_os_error(Fault::From(sync_folder), EIO);
    let new = edited(&old, "Third");
    match save_with(&fs, &path, &new, Expect::Unchanged(&fingerprint)) {
        Err(e @ SaveError::Unconfirmed { .. }) => {
            assert!(e.file_may_have_changed());
            assert!(e.to_string().contains("Save again to be sure"), "{e}");
            let SaveError::Unconfirmed { fingerprint: now, .. } = e else { unreachable!() };
            // The caller's next save expects what the file holds now.
            assert_eq!(now, open(&path).unwrap().fingerprint);
            assert_eq!(load(&path).unwrap(), new);
        }
        other => panic!("expected Unconfirmed, got {other:?}"),
    }
}

#[test]
fn a_file_system_without_hard_links_gets_copied_backups() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    let before = std::fs::read(&path).unwrap();
    let fs = FaultyFs::failing_with_os_error(Fault::Every(Op::HardLink), 1 /* EPERM, as FAT gives */);
    let saved = save_with(&fs, &path, &edited(&old, "Third"), Expect::Unchanged(&fingerprint)).unwrap();
    assert_eq!(saved.backup_skipped, None);
    assert!(fs.log().contains(&Op::Copy));
    assert_eq!(std::fs::read(backup_path(&path, 1)).unwrap(), before);
}

#[test]
fn a_backup_that_cannot_be_made_is_reported_and_the_save_goes_ahead() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    let fs =
        FaultyFs::failing_with_os_error(Fault::Every(Op::HardLink), 1).and_os_error(Fault::Every(Op::Copy), ENOSPC);
    let new = edited(&old, "Third");
    let saved = save_with(&fs, &path, &new, Expect::Unchanged(&fingerprint)).unwrap();
    let note = saved.backup_skipped.unwrap();
    assert!(note.contains("no backup"), "{note}");
    assert_eq!(load(&path).unwrap(), new);
}

#[cfg(unix)]
#[test]
fn saving_through_a_link_to_a_missing_file_creates_the_file_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("real.ron", &link).unwrap();
    let _ = save_checked(&link, &example(), None).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(load(&dir.path().join("real.ron")).unwrap(), example());
}

#[test]
fn a_sweep_running_beside_a_live_save_never_breaks_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, mut fingerprint) = saved_workbook(dir.path());
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sweeper = {
        let (path, done) = (path.clone(), done.clone());
        std::thread::spawn(move || {
            let mut swept = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                swept += sweep_stale_temps(&path).unwrap().len();
            }
            swept
        })
    };
    for i in 0..200 {
        let wb = edited(&old, &format!("Save {i}"));
        fingerprint =
            save_checked(&path, &wb, Some(&fingerprint)).unwrap_or_else(|e| panic!("save {i}: {e}")).fingerprint;
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    // The sweeper may catch a temp file in the instant between its creation and its lock;
    // the save then notices and takes another name, so every save above succeeded.
    let swept = sweeper.join().unwrap();
    eprintln!("temp files swept from under a live save (and replaced by it): {swept}");
    assert!(temp_files(dir.path()).is_empty());
}

#[test]
fn a_file_marked_read_only_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (path, old, fingerprint) = saved_workbook(dir.path());
    let before = std::fs::read(&path).unwrap();
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions.clone()).unwrap();
    let new = edited(&old, "Third");
    let e = save_checked(&path, &new, Some(&fingerprint)).unwrap_err();
    assert!(matches!(e, SaveError::ReadOnlyFile { .. }), "{e}");
    assert!(e.to_string().contains("marked read-only"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&path, permissions).unwrap();
    let _ = save_checked(&path, &new, Some(&fingerprint)).unwrap();
}
