//! A save that found the file changed on disk by someone else: the choices offered
//! (reload and reapply, save a copy, overwrite once confirmed) and what reloading does to
//! the state. Nothing here reads or writes files; the loop does that for the effects.

use crossterm::event::{KeyCode, KeyEvent};

use super::state::{App, Done, Message, Mode, Unsaved};
use super::update::Effect;
use crate::model::reapply::{Outcome, reapply};
use crate::model::{Rollup, Workbook};

/// A key in the changed-on-disk popup.
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Mode::Conflict { quit, confirm, .. } = &mut app.mode else { return Vec::new() };
    let quit = *quit;
    if *confirm {
        // Overwriting throws away someone else's work: only an explicit yes does it.
        if matches!(key.code, KeyCode::Char('y' | 'Y' | 'j' | 'J')) {
            app.mode = Mode::Normal;
            return vec![Effect::Overwrite { quit }];
        }
        *confirm = false;
        return Vec::new();
    }
    match key.code {
        KeyCode::Char('r' | 'R') if app.replayable => {
            app.mode = Mode::Normal;
            vec![Effect::Reload]
        }
        KeyCode::Char('r' | 'R') => {
            app.message = Some(Message { text: app.strings().conflict_cannot_replay.clone(), is_error: true });
            Vec::new()
        }
        KeyCode::Char('c' | 'C' | 'k' | 'K') => {
            app.mode = Mode::Normal;
            vec![Effect::SaveCopy { workbook: None, quit }]
        }
        KeyCode::Char('o' | 'O' | 'w' | 'W') => {
            *confirm = true;
            Vec::new()
        }
        KeyCode::Esc | KeyCode::Char('q') => {
            app.mode = Mode::Normal;
            app.message = Some(Message { text: app.strings().conflict_not_saved.clone(), is_error: true });
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
    let log = std::mem::take(&mut app.unsaved);
    let edits: Vec<_> = log.iter().map(|u| u.edit.clone()).collect();
    let mut workbook = theirs;
    let replayed = reapply(&mut workbook, &edits);

    let base = app.next_revision;
    app.next_revision += 1;
    app.saved_revision = base;
    app.revision = base;
    app.undo.clear();
    app.redo.clear();

    let (mut applied, mut replaced, mut skipped) = (0usize, 0usize, Vec::new());
    for (entry, result) in log.into_iter().zip(replayed) {
        let Some(mut change) = entry.change else {
            // An undo, or an edit later undone: replayed so the pair cancels, not listed.
            if !matches!(result.outcome, Outcome::Skipped(_)) {
                app.unsaved.push(Unsaved { edit: result.edit, change: None });
            }
            continue;
        };
        match &result.outcome {
            Outcome::Skipped(reason) => {
                skipped.push(format!("{} ({reason})", change.what));
                continue;
            }
            Outcome::AlreadyThere => continue,
            Outcome::Replaced => replaced += 1,
            Outcome::Renumbered { from, to } => change.what = format!("{} ({from} → {to})", change.what),
            Outcome::Applied | Outcome::KeptAsNew => {}
        }
        applied += 1;
        change.target = result.edit.target().to_string();
        workbook.history.push(change.clone());
        let before = app.revision;
        let after = app.next_revision;
        app.next_revision += 1;
        app.revision = after;
        app.unsaved.push(Unsaved { edit: result.edit.clone(), change: Some(change.clone()) });
        app.undo.push(Done { edit: result.edit, change, before, after });
    }

    let ours = std::mem::replace(&mut app.workbook, workbook);
    app.rollup = Rollup::of(&app.workbook);
    app.search = None;
    if let Some(screen) = &mut app.screen {
        screen.cursor = 0;
    }
    app.rebuild_rows();

    let s = app.strings();
    let mut text =
        s.conflict_reloaded.replace("{path}", &app.path.display().to_string()).replace("{n}", &applied.to_string());
    if replaced > 0 {
        text.push(' ');
        text.push_str(&s.conflict_replaced.replace("{n}", &replaced.to_string()));
    }
    if skipped.is_empty() {
        app.message = Some(Message { text, is_error: false });
        return Vec::new();
    }
    text.push(' ');
    text.push_str(&s.conflict_skipped.replace("{what}", &skipped.join("; ")));
    app.message = Some(Message { text, is_error: true });
    vec![Effect::SaveCopy { workbook: Some(Box::new(ours)), quit: false }]
}

/// Says where the copy went, after whatever the same key already said.
pub fn copy_saved(app: &mut App, result: Result<std::path::PathBuf, String>) {
    let (text, is_error) = match result {
        Ok(copy) => (
            app.strings()
                .conflict_copy_saved
                .replace("{copy}", &copy.display().to_string())
                .replace("{path}", &app.path.display().to_string()),
            false,
        ),
        Err(e) => (e, true),
    };
    app.message = Some(match app.message.take() {
        Some(before) => Message { text: format!("{} {text}", before.text), is_error: before.is_error || is_error },
        None => Message { text, is_error },
    });
}
