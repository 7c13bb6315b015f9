//! `update` and the effect runner together, headless, over a real folder and a file system
//! that fails on demand: what a save, an overwrite, a copy and a reload leave on disk and
//! what the user is told.

use std::path::Path;
use std::sync::Arc;

use crate::common::headless::{keys, open};
use phasebook::app::state::Mode;
use phasebook::model::{Status, Workbook};
use phasebook::run::effects::Runner;
use phasebook::store::fs::{Fault, FaultyFs, Op};
use phasebook::store::{self, backup_path};

/// Someone else's save: the first item of the second phase marked blocked.
fn their_save(path: &Path) -> Workbook {
    let mut theirs = store::load(path).unwrap();
    theirs.phases[1].items[0].status = Status::Blocked;
    store::save(path, &theirs).unwrap();
    theirs
}

#[test]
fn a_save_writes_the_file_and_clears_the_unsaved_mark() {
    let mut s = open(Arc::new(FaultyFs::new()));
    keys(&mut s.app, " ");
    assert!(s.app.is_dirty());
    assert!(!s.save());
    assert!(!s.app.is_dirty());
    assert!(s.on_disk() == s.app.workbook);
    assert!(s.message().starts_with("Saved"), "{}", s.message());
}

#[test]
fn overwriting_after_confirming_replaces_their_version_and_keeps_it_as_the_first_backup() {
    let mut s = open(Arc::new(FaultyFs::new()));
    keys(&mut s.app, " ");
    let theirs = their_save(&s.path);
    s.save();
    assert!(matches!(s.app.mode, Mode::Conflict { confirm: false, .. }), "the save found their change");
    assert!(s.on_disk() == theirs, "and wrote nothing");
    s.typed("oy");
    assert!(s.on_disk() == s.app.workbook, "our version is on disk: {}", s.message());
    assert!(store::load(&backup_path(&s.path, 1)).unwrap() == theirs, "theirs is the newest backup");
    assert!(!s.app.is_dirty());
    // The overwrite's fingerprint is what the next save expects: it saves without asking.
    keys(&mut s.app, "j ");
    s.save();
    assert!(matches!(s.app.mode, Mode::Normal));
    assert!(s.on_disk() == s.app.workbook);
}

#[test]
fn a_save_for_quitting_that_finds_their_change_quits_only_once_the_copy_is_written() {
    let mut s = open(Arc::new(FaultyFs::new()));
    keys(&mut s.app, " ");
    let theirs = their_save(&s.path);
    assert!(!s.typed("q"), "asks first");
    assert!(!s.typed("s"), "the save found their change: not quitting yet");
    assert!(matches!(s.app.mode, Mode::Conflict { quit: true, .. }));
    assert!(s.typed("c"), "the copy is written, so it quits");
    assert!(s.on_disk() == theirs, "their version is untouched");
    let copies: Vec<_> = std::fs::read_dir(s.path.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("contoso.conflict-"))
        .collect();
    assert_eq!(copies.len(), 1);
    assert!(store::load(&copies[0].path()).unwrap() == s.app.workbook);
}

#[test]
fn reloading_replays_our_change_onto_theirs_and_the_next_save_keeps_both() {
    let mut s = open(Arc::new(FaultyFs::new()));
    keys(&mut s.app, " ");
    let ours = s.app.selected().unwrap().1.id.clone();
    let theirs = their_save(&s.path);
    s.save();
    s.typed("r");
    assert!(s.message().contains("reapplied 1"), "{}", s.message());
    s.save();
    let on_disk = s.on_disk();
    assert_eq!(on_disk.item(&ours).unwrap().status, Status::Done);
    assert_eq!(on_disk.phases[1].items[0].status, theirs.phases[1].items[0].status);
}

#[test]
fn a_full_disk_keeps_the_changes_says_why_and_the_same_key_saves_once_there_is_room() {
    let fs = Arc::new(FaultyFs::failing_with_os_error(Fault::Every(Op::Write), 28));
    let mut s = open(fs.clone());
    let before = s.on_disk();
    keys(&mut s.app, " ");
    s.save();
    assert!(s.message().contains("the disk is full"), "{}", s.message());
    assert!(s.app.message.as_ref().unwrap().is_error);
    assert!(s.app.is_dirty());
    assert!(s.on_disk() == before);
    fs.heal();
    s.save();
    assert!(!s.app.is_dirty());
    assert!(s.on_disk() == s.app.workbook);
}

#[test]
fn a_save_that_could_keep_no_backup_says_so() {
    let fs = FaultyFs::failing_with_os_error(Fault::Every(Op::HardLink), 1).and_os_error(Fault::Every(Op::Copy), 28);
    let mut s = open(Arc::new(fs));
    keys(&mut s.app, " ");
    s.save();
    assert!(!s.app.is_dirty(), "the save itself went ahead");
    assert!(s.message().contains("no backup of the previous version was kept"), "{}", s.message());
    assert!(s.app.message.as_ref().unwrap().is_error);
}

#[test]
fn a_save_the_disk_did_not_confirm_is_reported_and_the_next_save_expects_what_was_written() {
    // The folder sync fails, and so does every step after it (putting the old version back).
    let mut s = open(Arc::new(FaultyFs::new()));
    keys(&mut s.app, " ");
    let probe = FaultyFs::new();
    let probe_path = s.path.with_file_name("probe.ron");
    std::fs::copy(&s.path, &probe_path).unwrap();
    let probe_print = store::open(&probe_path).unwrap().fingerprint;
    let _ = store::save_with(&probe, &probe_path, &s.app.workbook, store::Expect::Unchanged(&probe_print));
    let sync_folder = probe.log().iter().position(|&o| o == Op::SyncFolder).unwrap();
    let failing = Arc::new(FaultyFs::failing_with_os_error(Fault::From(sync_folder), 5));
    let fingerprint = store::open(&s.path).unwrap().fingerprint;
    s.runner = Runner::new(s.path.clone(), fingerprint, None, failing.clone(), None, &s.app);
    s.save();
    assert!(s.message().contains("Save again to be sure"), "{}", s.message());
    assert!(s.app.is_dirty(), "not known to be saved");
    failing.heal();
    s.save();
    assert!(matches!(s.app.mode, Mode::Normal), "no conflict with our own unconfirmed version: {}", s.message());
    assert!(!s.app.is_dirty());
}

/// Another phasebook, on a disk without file locks, finds the lock file gone and takes it.
fn another_phasebook_takes_the_lock(workbook: &Path) {
    let lock = store::lock_path(workbook);
    std::fs::remove_file(&lock).unwrap();
    let holder =
        store::Holder { user: "bo".into(), host: "laptop".into(), pid: 4242, since: crate::common::headless::now() };
    std::fs::write(&lock, ron::ser::to_string(&holder).unwrap()).unwrap();
}

#[test]
fn a_save_after_another_phasebook_took_the_lock_writes_nothing_and_the_session_goes_read_only() {
    let mut s = crate::common::headless::open_with_lock(Arc::new(FaultyFs::new()), true);
    let before = std::fs::read(&s.path).unwrap();
    // Their phasebook, on a disk without file locks, found the lock file gone and took it.
    another_phasebook_takes_the_lock(&s.path);
    keys(&mut s.app, " ");
    assert!(!s.save());
    assert_eq!(std::fs::read(&s.path).unwrap(), before, "nothing written over their work");
    assert!(s.message().contains("another phasebook took this workbook"), "{}", s.message());
    assert!(s.message().contains("bo on laptop"), "{}", s.message());
    assert!(s.app.read_only.is_some(), "read-only from here on");
    assert!(s.app.is_dirty(), "the change is still there, for a copy");
}

#[test]
fn a_recovery_file_that_cannot_be_written_is_said_once_tried_again_and_said_again_when_it_works() {
    let mut ws = open(Arc::new(FaultyFs::new()));
    // A file where the data folder belongs: no recovery file can be made in it.
    let data = ws.path.parent().unwrap().join("data");
    std::fs::write(&data, "not a folder").unwrap();
    ws.typed(" ");
    let said = ws.runner.write_recovery(&ws.app).expect("the first failure is said");
    let _ = phasebook::app::update::update(&mut ws.app, said);
    assert!(ws.message().contains("keeps trying"), "{}", ws.message());
    assert!(ws.app.message.as_ref().unwrap().is_error);
    ws.typed("j ");
    assert!(ws.runner.needs_recovery(&ws.app), "the work is still not kept");
    assert!(ws.runner.write_recovery(&ws.app).is_none(), "said once, not at every try");
    // The folder can be made again: the next try keeps the work, and says so.
    std::fs::remove_file(&data).unwrap();
    let said = ws.runner.write_recovery(&ws.app).expect("the recovery working again is said");
    let _ = phasebook::app::update::update(&mut ws.app, said);
    assert!(ws.message().contains("written again"), "{}", ws.message());
    assert!(!ws.runner.needs_recovery(&ws.app));
    let kept = store::find_recovery(&data, &ws.path).unwrap().expect("a recovery file");
    assert_eq!(kept.workbook, ws.app.workbook);
}

#[test]
fn save_as_writes_a_copy_and_goes_on_with_the_open_file_unless_asked() {
    let mut ws = open(Arc::new(FaultyFs::new()));
    let before = std::fs::read(&ws.path).unwrap();
    ws.typed(" ");
    // The suggested name is selected: typing replaces it; a name without a folder goes
    // beside the workbook. Enter on the question keeps the open file.
    ws.typed("Wcopy-for-anna.ron\n");
    assert!(ws.screen_says("Work on the copy from now on?"));
    ws.typed("\n");
    let copy = ws.path.with_file_name("copy-for-anna.ron");
    assert!(ws.message().contains("A copy is saved as"), "{}", ws.message());
    assert_eq!(store::load(&copy).unwrap(), ws.app.workbook, "the copy holds the work");
    assert_eq!(std::fs::read(&ws.path).unwrap(), before, "the open file is not saved");
    assert_eq!(ws.app.path, ws.path, "and is still the open one");
    assert!(ws.app.is_dirty());

    // The same name again is refused: nothing is written over.
    let written = std::fs::read(&copy).unwrap();
    ws.typed("j ");
    ws.typed("Wcopy-for-anna.ron\n");
    assert!(ws.screen_says("exists already"), "said at once, before the next question");
    ws.typed("\x1b");
    assert_eq!(std::fs::read(&copy).unwrap(), written);

    // Nor is one of phasebook's own names taken.
    ws.typed("W.contoso.ron.lock\n");
    assert!(ws.screen_says("a name phasebook keeps"));
    ws.typed("\x1b");
    assert!(ws.app.save_as.is_none());
}

#[test]
fn save_as_with_a_yes_makes_the_copy_the_open_file_even_for_a_read_only_session() {
    let mut ws = crate::common::headless::open_with_lock(Arc::new(FaultyFs::new()), true);
    let before = std::fs::read(&ws.path).unwrap();
    // Another phasebook took the workbook: this session is read-only.
    another_phasebook_takes_the_lock(&ws.path);
    ws.typed(" ");
    assert!(!ws.save());
    assert!(ws.app.read_only.is_some());
    assert!(ws.message().contains("as a copy (W)"), "{}", ws.message());

    ws.typed("Wmine.ron\ny\n");
    let copy = ws.path.with_file_name("mine.ron");
    assert!(ws.message().contains("it is the open file now"), "{}", ws.message());
    assert_eq!(ws.app.path, copy);
    assert!(ws.app.read_only.is_none(), "the copy is this session's to write");
    assert!(!ws.app.is_dirty());
    assert!(store::lock_path(&copy).exists(), "the copy's lock is taken");
    assert!(store::Lock::acquire(&copy).is_err(), "so no second phasebook writes it");
    // Saving from now on writes the copy, never the file another phasebook holds.
    ws.typed("j ");
    assert!(!ws.save());
    assert_eq!(store::load(&copy).unwrap(), ws.app.workbook);
    assert_eq!(std::fs::read(&ws.path).unwrap(), before);
}
