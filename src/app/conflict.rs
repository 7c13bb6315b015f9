//! A save that found the file changed on disk by someone else: the choices offered
//! (reload and reapply, save a copy, overwrite once confirmed) and what reloading does to
//! the state. Nothing here reads or writes files; the loop does that for the effects.

use std::path::PathBuf;

use super::action::Action;
use super::state::{App, Message, Mode};
use super::update::{CopyReason, Effect};
use crate::model::{Rollup, Workbook};
use crate::store::SaveError;

/// What the changed-on-disk popup answers to.
pub const ACTIONS: &[Action] = &[Action::Reload, Action::SaveCopy, Action::Overwrite, Action::Cancel];

/// What the overwrite confirmation answers to; any other key goes back.
pub const CONFIRM_ACTIONS: &[Action] = &[Action::Confirm];

pub fn act(app: &mut App, action: Option<Action>) -> Vec<Effect> {
    let Mode::Conflict { quit, confirm, .. } = &mut app.mode else { return Vec::new() };
    let quit = *quit;
    if *confirm {
        // Overwriting throws away someone else's work: only an explicit yes does it.
        if action == Some(Action::Confirm) {
            app.mode = Mode::Normal;
            return vec![Effect::Overwrite { quit }];
        }
        *confirm = false;
        return Vec::new();
    }
    match action {
        Some(Action::Reload) if app.history.is_replayable() => {
            app.mode = Mode::Normal;
            vec![Effect::Reload]
        }
        Some(Action::Reload) => {
            app.message = Some(Message::error(app.strings().conflict_cannot_replay.clone()));
            Vec::new()
        }
        Some(Action::SaveCopy) => {
            app.mode = Mode::Normal;
            vec![Effect::SaveCopy { workbook: None, why: CopyReason::Conflict, quit }]
        }
        Some(Action::Overwrite) => {
            *confirm = true;
            Vec::new()
        }
        Some(Action::Cancel) => {
            app.mode = Mode::Normal;
            app.message = Some(Message::error(app.strings().conflict_not_saved.clone()));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The file as it is on disk replaces the workbook, and the edits made since the last save
/// are replayed onto it. Replayed edits can be undone one by one; undoing them all leaves
/// the file's version, unchanged. If any edit could not be replayed, the user's whole
/// version is written to a copy so nothing typed is lost.
pub fn reloaded(app: &mut App, theirs: Workbook) -> Vec<Effect> {
    let mut workbook = theirs;
    let replay = app.history.replay_onto(&mut workbook);
    let ours = std::mem::replace(&mut app.workbook, workbook);
    app.rollup = Rollup::of(&app.workbook);
    app.issues = crate::model::check::check(&app.workbook);
    app.search = None;
    if let Some(screen) = &mut app.screen {
        screen.cursor = 0;
    }
    app.rebuild_rows();

    let s = app.strings();
    let mut text = s
        .conflict_reloaded
        .replace("{path}", &app.path.display().to_string())
        .replace("{n}", &replay.applied.to_string());
    if replay.replaced > 0 {
        text.push(' ');
        text.push_str(&s.conflict_replaced.replace("{n}", &replay.replaced.to_string()));
    }
    if replay.skipped.is_empty() {
        app.message = Some(Message::info(text));
        return Vec::new();
    }
    let skipped: Vec<String> = replay.skipped.iter().map(|(change, why)| format!("{} ({why})", change.what)).collect();
    text.push(' ');
    text.push_str(&s.conflict_skipped.replace("{what}", &skipped.join("; ")));
    app.message = Some(Message::error(text));
    vec![Effect::SaveCopy { workbook: Some(Box::new(ours)), why: CopyReason::Conflict, quit: false }]
}

/// Says where the copy went, after whatever the same key already said; quits when the copy
/// was for quitting and it was written.
pub fn copy_saved(app: &mut App, result: Result<PathBuf, SaveError>, quit: bool) -> Vec<Effect> {
    let (text, is_error) = match &result {
        Ok(copy) => (
            app.strings()
                .conflict_copy_saved
                .replace("{copy}", &copy.display().to_string())
                .replace("{path}", &app.path.display().to_string()),
            false,
        ),
        Err(e) => (crate::i18n::messages::save_error(e, app.lang), true),
    };
    app.message = Some(match app.message.take() {
        Some(before) => Message { text: format!("{} {text}", before.text), is_error: before.is_error || is_error },
        None => Message { text, is_error },
    });
    if quit && result.is_ok() { vec![Effect::Quit] } else { Vec::new() }
}
