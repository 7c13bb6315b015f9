//! `update` and the effect runner together, headless, over a real folder and a file system
//! that fails on demand: what a save, an overwrite, a copy and a reload leave on disk and
//! what the user is told.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common::headless::{keys, now};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use phasebook::app::config::Config;
use phasebook::app::state::{App, Mode};
use phasebook::app::update::{Msg, update};
use phasebook::i18n::Lang;
use phasebook::model::{Status, Workbook};
use phasebook::run::effects::Runner;
use phasebook::store::fs::{Fault, FaultyFs, Op};
use phasebook::store::{self, backup_path};

/// A workbook saved in a folder of its own, opened in the interface with a runner over `fs`.
struct Session {
    _dir: tempfile::TempDir,
    path: PathBuf,
    app: App,
    runner: Runner,
}

fn open(fs: Arc<FaultyFs>) -> Session {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contoso.ron");
    let wb = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    store::save(&path, &wb).unwrap();
    let loaded = store::open(&path).unwrap();
    let mut app = App::new(loaded.workbook, path.clone(), Lang::En, Config::from_texts(None, "ann"), now());
    update(&mut app, Msg::Resize(100, 30));
    let data = dir.path().join("data");
    let runner = Runner::new(path.clone(), loaded.fingerprint, Some(data), fs, None, &app);
    Session { _dir: dir, path, app, runner }
}

impl Session {
    /// A key, and every effect it leads to carried out; true when the session ended.
    fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) -> bool {
        let effects = update(&mut self.app, Msg::Key(KeyEvent::new(code, modifiers)));
        self.runner.settle(&mut self.app, effects)
    }

    fn save(&mut self) -> bool {
        self.press(KeyCode::Char('s'), KeyModifiers::CONTROL)
    }

    fn typed(&mut self, text: &str) -> bool {
        let mut ended = false;
        for c in text.chars() {
            let modifiers = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            ended = self.press(KeyCode::Char(c), modifiers);
        }
        ended
    }

    fn on_disk(&self) -> Workbook {
        store::load(&self.path).unwrap()
    }

    fn message(&self) -> String {
        self.app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
    }
}

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
