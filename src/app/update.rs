//! `update`: the one place the interface state changes. It takes a message (a key, a
//! click, what came of a save), changes the state, and returns the effects the loop must
//! carry out. It never touches the terminal or the disk. A key becomes an action through the
//! key table of the context it was pressed in, and the context's handler carries it out.

use std::path::PathBuf;

use crossterm::event::KeyEvent;

use super::action::Action;
use super::context::Context;
use super::keys::Key;
use super::state::{App, Message, Mode};
use crate::export::ExportError;
use crate::model::Workbook;
use crate::store::{LoadError, RecoveryError, SaveError, Saved};

/// Something that happened, for `update` to act on.
#[derive(Debug)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        down: bool,
        column: u16,
        row: u16,
    },
    Resize(u16, u16),
    /// An action, as if its key had been pressed where the keyboard is now.
    Action(Action),
    /// What came of an `Effect::Save` or `Effect::Overwrite`; `quit` when it was for quitting.
    Saved {
        result: Result<Saved, SaveError>,
        quit: bool,
    },
    /// What came of an `Effect::Export`: the file written, or why not.
    Exported(Result<PathBuf, ExportError>),
    /// The file as it is on disk now, read for an `Effect::Reload`, or why it could not be.
    Reloaded(Result<Box<Workbook>, LoadError>),
    /// What came of an `Effect::SaveCopy`: the copy written, or why not.
    CopySaved {
        result: Result<PathBuf, SaveError>,
        quit: bool,
    },
    /// Keeping the unsaved work in the recovery file began to fail, or works again after
    /// failing: said once each time, not at every try.
    Recovery(Result<(), RecoveryError>),
    /// What came of an `Effect::SaveAs`: where the copy went and whether it is the open
    /// file now (`switched`), or why not.
    SavedAs {
        path: PathBuf,
        result: Result<bool, SaveError>,
    },
}

/// Why a copy is saved beside the workbook, which its name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyReason {
    /// The file changed on disk: `NAME.conflict-DATE-TIME.ron`.
    Conflict,
    /// The workbook is open read-only: `NAME.copy-DATE-TIME.ron`.
    ReadOnly,
}

/// Work for the loop: the only things that leave the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save over the file as it was read or last saved; a file changed on disk by someone
    /// else is not overwritten. Then quit if `quit` and it worked.
    Save { quit: bool },
    /// Write a snapshot of the workbook as it is now.
    Export { format: crate::export::Format, path: PathBuf },
    /// End the session; unsaved changes were confirmed as discarded.
    Quit,
    /// Read the file again, to replay the unsaved edits onto it.
    Reload,
    /// Write `workbook` (the one being edited when `None`) to a new file beside the
    /// workbook, named for why; then quit if `quit` and that worked.
    SaveCopy { workbook: Option<Box<Workbook>>, why: CopyReason, quit: bool },
    /// Writes the workbook to a new file at `path`; with `switch`, that file is the open
    /// one from then on (its lock taken, the old one's released).
    SaveAs { path: PathBuf, switch: bool },
    /// Save over a file that changed on disk, as the user confirmed; then quit if `quit`.
    Overwrite { quit: bool },
}

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    // While the window is too small to show the workbook, nothing the user cannot see may
    // change: only a resize acts, and quitting when nothing would be lost.
    if app.areas().too_small
        && matches!(msg, Msg::Key(_) | Msg::Paste(_) | Msg::Click { .. } | Msg::Scroll { .. } | Msg::Action(_))
    {
        return too_small(app, msg);
    }
    match msg {
        Msg::Resize(w, h) => {
            // Text rewraps at a new width: a scroll into the details would point elsewhere
            // (or past the end), so they start again at their top.
            if app.size.0 != w {
                app.detail_scroll = 0;
            }
            app.size = (w, h);
            app.clamp_scroll();
            Vec::new()
        }
        Msg::Saved { result, quit } => super::saving::saved(app, result, quit),
        Msg::Exported(result) => {
            app.message = Some(match result {
                Ok(path) => Message::info(app.strings().exported.replace("{path}", &path.display().to_string())),
                Err(e) => Message::error(e.in_lang(app.lang)),
            });
            Vec::new()
        }
        Msg::Reloaded(Ok(theirs)) => super::conflict::reloaded(app, *theirs),
        Msg::Reloaded(Err(e)) => {
            app.message = Some(Message::error(crate::i18n::messages::load_error(&e, app.lang)));
            Vec::new()
        }
        Msg::CopySaved { result, quit } => super::conflict::copy_saved(app, result, quit),
        Msg::SavedAs { path, result } => {
            super::saving::saved_as(app, path, result);
            Vec::new()
        }
        Msg::Recovery(result) => {
            super::saving::recovery(app, result);
            Vec::new()
        }
        Msg::Paste(text) => {
            paste(app, &text);
            Vec::new()
        }
        Msg::Click { column, row } => {
            // A workflow screen or popup covers the checklist: clicks must not reach what is under it.
            if app.config.mouse && app.context() == Context::Main {
                super::main_screen::click(app, column, row);
            }
            Vec::new()
        }
        Msg::Scroll { down, column, row } => {
            if app.config.mouse && app.context() == Context::Main {
                super::main_screen::scroll(app, down, column, row);
            }
            Vec::new()
        }
        Msg::Action(action) => {
            app.message = None;
            act(app, Some(action), None)
        }
        Msg::Key(key) => {
            app.message = None;
            let action = Key::from_event(key).and_then(|k| app.config.keymap.action(app.context(), k));
            // A second press must follow at once: anything else disarms it.
            if app.armed.is_some() && action != app.armed {
                app.armed = None;
            }
            act(app, action, Some(key))
        }
    }
}

/// A key while the window is too small: quitting, and the quit question and its save's
/// changed-on-disk choices, which the small screen shows; nothing else.
fn too_small(app: &mut App, msg: Msg) -> Vec<Effect> {
    let context = match app.mode {
        Mode::ConfirmQuit | Mode::Conflict { .. } => app.context(),
        // Typed text in a popup (a note, a decision being written) is never lost by a quit.
        Mode::Normal => Context::Main,
        _ => return Vec::new(),
    };
    let action = match msg {
        Msg::Key(key) => Key::from_event(key).and_then(|k| app.config.keymap.action(context, k)),
        Msg::Action(action) => Some(action),
        _ => None,
    };
    match (context, action) {
        (Context::Main, Some(Action::Quit)) => super::quit::ask(app),
        (Context::Quit, Some(a)) => super::quit::act(app, a),
        (Context::Conflict | Context::ConfirmOverwrite, action) => super::conflict::act(app, action),
        _ => Vec::new(),
    }
}

/// Hands an action (and the key, for typing into text fields) to the context that has the
/// keyboard.
fn act(app: &mut App, action: Option<Action>, key: Option<KeyEvent>) -> Vec<Effect> {
    let context = app.context();
    match context {
        Context::Main => action.map_or_else(Vec::new, |a| super::main_screen::act(app, a)),
        Context::Scope
        | Context::Gate
        | Context::Assess
        | Context::Decisions
        | Context::Engagement
        | Context::Upcoming
        | Context::About
        | Context::History
        | Context::Meetings
        | Context::Conflicts
        | Context::Meeting => action.map_or_else(Vec::new, |a| super::screens::act(app, a)),
        Context::Help => {
            if let Some(a) = action {
                super::help::act(app, a);
            }
            Vec::new()
        }
        Context::Prompt => super::prompt::act(app, action, key),
        Context::Editor => super::editor::act(app, action, key),
        Context::Export => super::export::act(app, action, key),
        Context::Conflict | Context::ConfirmOverwrite => super::conflict::act(app, action),
        Context::Quit => action.map_or_else(Vec::new, |a| super::quit::act(app, a)),
        // The picker runs before a workbook is open, with keys of its own (`picker::Picker`).
        Context::Picker | Context::List | Context::Global | Context::Screen | Context::Text => Vec::new(),
    }
}

/// What the main screen and every workflow screen do alike: undo, redo, save, help, quit.
/// `None` when `action` is not one of them.
pub(crate) fn global(app: &mut App, action: Action) -> Option<Vec<Effect>> {
    match action {
        Action::Undo => super::commit::undo(app),
        Action::Redo => super::commit::redo(app),
        Action::Save => return Some(super::saving::save(app, false)),
        Action::Help => app.mode = Mode::Help { scroll: 0, from: app.context() },
        Action::Quit => return Some(super::quit::ask(app)),
        _ => return None,
    }
    Some(Vec::new())
}

/// Pasted text goes into the text field that has the keyboard, if any.
fn paste(app: &mut App, text: &str) {
    // Control characters pasted from a terminal or a document would act on the terminal
    // when drawn: a line break and a tab stay text, the rest are left out.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let kept = |keep_lines: bool| -> String {
        text.chars()
            .filter_map(|c| match c {
                '\n' if keep_lines => Some('\n'),
                '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect()
    };
    match &mut app.mode {
        Mode::Note { input, .. } | Mode::Minutes { input } => {
            input.insert_str(kept(true));
        }
        Mode::Prompt { input, error, .. } => {
            input.insert_str(kept(false));
            *error = None;
        }
        Mode::Export { path: input, .. } => {
            input.insert_str(kept(false));
        }
        _ => {}
    }
}
