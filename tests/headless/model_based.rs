//! The interface and the effect runner driven by random sequences of messages — keys from
//! every context's table, typing, pastes, resizes (below the minimum too), saves, undo and
//! redo, quits answered every way — over both bundled workbooks and a generated one. After
//! every step the rules that make the record trustworthy must hold:
//! - nothing panics;
//! - the file on disk always opens without errors, and when nothing is unsaved it holds
//!   exactly what is in memory;
//! - a read-only session never changes the workbook's bytes;
//! - no frame shows a `{placeholder}` left unfilled;
//! - at the end, undoing everything gives back the workbook as it was loaded.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyEvent};
use phasebook::app::config::Config;
use phasebook::app::state::{App, Mode};
use phasebook::app::update::{Msg, update};
use phasebook::i18n::Lang;
use phasebook::model::Workbook;
use phasebook::run::effects::Runner;
use phasebook::store::{self, fs::FaultyFs};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One thing that happens to the interface.
#[derive(Debug, Clone)]
enum Step {
    /// The `n`th of every key the tables bind and a few plain ones, modulo their number.
    Key(usize),
    /// Text typed one character at a time.
    Type(String),
    Paste(String),
    Resize(u16, u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => any::<usize>().prop_map(Step::Key),
        2 => "[a-zåäö0-9 +\\-]{1,8}".prop_map(Step::Type),
        1 => "[a-zA-Z0-9 ;,\n]{0,12}".prop_map(Step::Paste),
        1 => (60u16..=160, 18u16..=50).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

/// The workbooks a case runs on.
fn workbook(which: u8) -> Workbook {
    match which % 3 {
        0 => phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap(),
        1 => phasebook::templates::find("intune-fasttrack", "sv").unwrap().workbook().unwrap(),
        _ => phasebook::generate::workbook(300, 7),
    }
}

/// A folder in memory where there is one, so saves cost no disk syncs.
fn folder() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() { tempfile::tempdir_in(shm).unwrap() } else { tempfile::tempdir().unwrap() }
}

struct Case {
    _dir: tempfile::TempDir,
    path: PathBuf,
    app: App,
    runner: Runner,
    keys: Vec<KeyEvent>,
    loaded: Workbook,
    bytes: Vec<u8>,
    read_only: bool,
    ended: bool,
}

impl Case {
    fn new(which: u8, read_only: bool) -> Case {
        let dir = folder();
        let path = dir.path().join("w.ron");
        store::save(&path, &workbook(which)).unwrap();
        let loaded = store::open(&path).unwrap();
        let lang = if which % 3 == 1 { Lang::Sv } else { Lang::En };
        let now = crate::common::headless::now();
        let mut app = App::new(loaded.workbook.clone(), path.clone(), lang, Config::from_texts(None, "ann"), now);
        update(&mut app, Msg::Resize(100, 30));
        if read_only {
            app.read_only = Some("Read-only: opened elsewhere. Saving is off.".into());
        }
        let data = dir.path().join("data");
        let recovery =
            if read_only { store::session_recovery_path(&data, &path, 1) } else { store::recovery_path(&data, &path) };
        let runner =
            Runner::new(path.clone(), loaded.fingerprint, Some(recovery), Arc::new(FaultyFs::new()), None, &app);
        let mut keys: Vec<KeyEvent> = app.config.keymap.all_keys().into_iter().map(|k| k.event()).collect();
        keys.extend([KeyCode::Enter, KeyCode::Esc, KeyCode::Backspace, KeyCode::Tab].map(KeyEvent::from));
        keys.extend("abcxyz19å ".chars().map(|c| KeyEvent::from(KeyCode::Char(c))));
        let bytes = std::fs::read(&path).unwrap();
        Case { _dir: dir, path, app, runner, keys, loaded: loaded.workbook, bytes, read_only, ended: false }
    }

    fn send(&mut self, msg: Msg) {
        let effects = update(&mut self.app, msg);
        self.ended |= self.runner.settle(&mut self.app, effects);
    }

    fn run(&mut self, step: &Step) {
        match step {
            Step::Key(n) => {
                let key = self.keys[n % self.keys.len()];
                self.send(Msg::Key(key));
            }
            Step::Type(text) => {
                for c in text.chars() {
                    self.send(Msg::Key(KeyEvent::from(KeyCode::Char(c))));
                    if self.ended {
                        return;
                    }
                }
            }
            Step::Paste(text) => self.send(Msg::Paste(text.clone())),
            Step::Resize(w, h) => self.send(Msg::Resize(*w, *h)),
        }
    }

    /// The rules that must hold after every step.
    fn holds(&self) -> Result<(), TestCaseError> {
        let now = std::fs::read(&self.path).unwrap();
        if self.read_only {
            prop_assert!(now == self.bytes, "a read-only session changed the workbook");
            prop_assert!(!store::backup_path(&self.path, 1).exists(), "a read-only session rotated a backup");
        }
        if now != self.bytes || !self.app.is_dirty() {
            let on_disk = store::open(&self.path);
            prop_assert!(on_disk.is_ok(), "the file does not open: {:?}", on_disk.err().map(|e| e.to_string()));
            if !self.app.is_dirty() && !self.read_only {
                prop_assert!(on_disk.unwrap().workbook == self.app.workbook, "saved, but the file differs from memory");
            }
        }
        let frame = drawn(&self.app);
        if let Some(at) = unfilled_placeholder(&frame) {
            prop_assert!(false, "a placeholder is left unfilled: {at}\n{frame}");
        }
        Ok(())
    }

    /// Closes whatever is open and undoes everything.
    fn undo_all(&mut self) {
        for _ in 0..8 {
            if matches!(self.app.mode, Mode::Normal) && self.app.screen.is_none() {
                break;
            }
            if let Mode::Conflict { .. } | Mode::ConfirmQuit = self.app.mode {
                self.app.mode = Mode::Normal;
            }
            update(&mut self.app, Msg::Key(KeyEvent::from(KeyCode::Esc)));
        }
        self.app.mode = Mode::Normal;
        self.app.screen = None;
        update(&mut self.app, Msg::Resize(100, 30));
        for _ in 0..10_000 {
            let before = self.app.history.revision();
            update(&mut self.app, Msg::Action(phasebook::app::action::Action::Undo));
            if self.app.history.revision() == before {
                break;
            }
        }
    }
}

fn drawn(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|frame| phasebook::ui::draw(app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A `{name}` of the kind the string tables fill in, if one shows.
fn unfilled_placeholder(text: &str) -> Option<&str> {
    text.match_indices('{').find_map(|(at, _)| {
        let rest = &text[at + 1..];
        let end = rest.find('}')?;
        let name = &rest[..end];
        (!name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')).then(|| &text[at..at + end + 2])
    })
}

fn run_case(which: u8, read_only: bool, steps: &[Step]) -> Result<(), TestCaseError> {
    let mut case = Case::new(which, read_only);
    case.holds()?;
    for step in steps {
        case.run(step);
        case.holds()?;
        if case.ended {
            return Ok(());
        }
    }
    case.undo_all();
    // What the change history recorded is undone with the change: the workbook is as loaded.
    prop_assert!(case.app.workbook == case.loaded, "undoing everything does not give back the loaded workbook");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_messages_keeps_the_record_whole(which in 0u8..3, steps in prop::collection::vec(step(), 1..60)) {
        run_case(which, false, &steps)?;
    }

    #[test]
    fn a_read_only_session_never_writes_whatever_is_pressed(which in 0u8..3, steps in prop::collection::vec(step(), 1..40)) {
        run_case(which, true, &steps)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, failure_persistence: None, ..ProptestConfig::default() })]

    /// The long run, before resolving: `cargo test --test headless -- --ignored model_based`.
    #[test]
    #[ignore = "thousands of cases: run by hand before resolving"]
    fn any_sequence_of_messages_keeps_the_record_whole_long(which in 0u8..3, read_only in any::<bool>(), steps in prop::collection::vec(step(), 1..120)) {
        run_case(which, read_only, &steps)?;
    }
}
