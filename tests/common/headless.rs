//! The interface without a terminal: a bundled workbook in an `App` at a fixed moment,
//! and keys typed into it.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use phasebook::app::config::Config;
use phasebook::app::state::App;
use phasebook::app::update::{Msg, update};
use phasebook::i18n::Lang;
use phasebook::model::Workbook;
use phasebook::run::effects::Runner;
use phasebook::store::{self, fs::FaultyFs};

/// The moment every headless test lives in.
pub fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").expect("a fixed moment")
}

/// The bundled workbook in `lang`, opened as user "ann" in a window of `size`.
pub fn app(lang: Lang, size: (u16, u16)) -> App {
    let wb = phasebook::templates::find("intune-fasttrack", lang.code()).expect("bundled").workbook().expect("valid");
    let mut app = App::new(wb, "test.ron".into(), lang, Config::from_texts(None, "ann"), now());
    update(&mut app, Msg::Resize(size.0, size.1));
    app
}

/// The key a character of a test's text stands for: `\n` is Enter, `\x1b` Esc, `\t` Tab,
/// anything else the character (with Shift when it is upper case).
pub fn key_of(c: char) -> KeyEvent {
    let code = match c {
        '\n' => KeyCode::Enter,
        '\x1b' => KeyCode::Esc,
        '\t' => KeyCode::Tab,
        '\x08' => KeyCode::Backspace,
        c => KeyCode::Char(c),
    };
    let modifiers = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    KeyEvent::new(code, modifiers)
}

/// Presses keys, one for each character as [`key_of`] reads it.
pub fn keys(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Msg::Key(key_of(c)));
    }
}

/// What the runner reports after a save that worked.
pub fn saved(quit: bool) -> Msg {
    let saved =
        phasebook::store::Saved { fingerprint: phasebook::store::Fingerprint::of(b"", None), backup_skipped: None };
    Msg::Saved { result: Ok(saved), quit }
}

/// What the runner reports after a save that found the file changed on disk (last modified
/// at `modified`).
pub fn changed_on_disk(modified: Option<std::time::SystemTime>, quit: bool) -> Msg {
    let error = phasebook::store::SaveError::ChangedOnDisk { path: "test.ron".into(), modified };
    Msg::Saved { result: Err(error), quit }
}

/// A workbook saved in a folder of its own, opened in the interface with a runner over `fs`.
pub struct Workspace {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
    pub app: App,
    pub runner: Runner,
}

pub fn open(fs: Arc<FaultyFs>) -> Workspace {
    open_with_lock(fs, false)
}

/// As [`open`], holding the workbook's lock as the interface does when `locked`.
pub fn open_with_lock(fs: Arc<FaultyFs>, locked: bool) -> Workspace {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("contoso.ron");
    let wb = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    store::save(&path, &wb).unwrap();
    let loaded = store::open(&path).unwrap();
    let mut app = App::new(loaded.workbook, path.clone(), Lang::En, Config::from_texts(None, "ann"), now());
    update(&mut app, Msg::Resize(100, 30));
    let recovery = store::recovery_path(&dir.path().join("data"), &path);
    let lock = locked.then(|| store::Lock::acquire(&path).unwrap());
    let runner = Runner::new(path.clone(), loaded.fingerprint, Some(recovery), fs, lock, &app);
    Workspace { _dir: dir, path, app, runner }
}

impl Workspace {
    /// A key, and every effect it leads to carried out; true when the session ended.
    pub fn press(&mut self, code: KeyCode, modifiers: KeyModifiers) -> bool {
        let effects = update(&mut self.app, Msg::Key(KeyEvent::new(code, modifiers)));
        self.runner.settle(&mut self.app, effects)
    }

    pub fn save(&mut self) -> bool {
        self.press(KeyCode::Char('s'), KeyModifiers::CONTROL)
    }

    /// Presses keys as [`keys`] does, carrying out their effects; true when the session ended.
    pub fn typed(&mut self, text: &str) -> bool {
        let mut ended = false;
        for c in text.chars() {
            let key = key_of(c);
            ended = self.press(key.code, key.modifiers);
        }
        ended
    }

    pub fn on_disk(&self) -> Workbook {
        store::load(&self.path).unwrap()
    }

    /// Whether the screen, drawn now, shows `text` on one of its lines.
    pub fn screen_says(&self, text: &str) -> bool {
        screen_text(&self.app).contains(text)
    }

    pub fn message(&self) -> String {
        self.app.message.as_ref().map(|m| m.text.clone()).unwrap_or_default()
    }
}

/// The screen as a user would read it, drawn at the app's size.
pub fn screen_text(app: &App) -> String {
    let backend = ratatui::backend::TestBackend::new(app.size.0, app.size.1);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal.draw(|frame| phasebook::ui::draw(app, frame)).expect("draw");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}
