//! Changing the workbook from the interface: every change is an edit committed to the
//! session's history, described in the interface language, and followed by a refresh of
//! what derives from it. Undo and redo go back and forth along the same history.

use super::state::{App, Message};
use crate::i18n::describe::describe;
use crate::model::edit::Edit;
use crate::model::{Change, Rollup, Workbook};

/// Applies an edit as one undoable step with its line in the change history; says why when
/// it cannot be applied.
pub fn commit(app: &mut App, edit: Edit) {
    if edit.is_noop() {
        return;
    }
    let change = Change {
        at: app.now,
        by: app.config.user.clone(),
        target: edit.target().to_string(),
        what: describe(app.strings(), &edit),
    };
    match app.history.commit(&mut app.workbook, edit.clone(), change) {
        Ok(()) => refresh(app, &edit),
        Err(e) => app.message = Some(Message::error(e.to_string())),
    }
}

pub fn undo(app: &mut App) {
    match app.history.undo(&mut app.workbook) {
        Some(done) => {
            app.message = Some(Message::info(format!("{}: {}", app.strings().undone, done.change.what)));
            refresh(app, &done.edit);
        }
        None => app.message = Some(Message::info(app.strings().nothing_to_undo.clone())),
    }
}

pub fn redo(app: &mut App) {
    match app.history.redo(&mut app.workbook) {
        Some(done) => {
            app.message = Some(Message::info(format!("{}: {}", app.strings().redone, done.change.what)));
            refresh(app, &done.edit);
        }
        None => app.message = Some(Message::info(app.strings().nothing_to_redo.clone())),
    }
}

/// Refreshes what derives from the workbook after `edit`: only the edited item's list
/// when that is all it can touch, everything when scope answers change.
pub fn refresh(app: &mut App, edit: &Edit) {
    match edit {
        Edit::Answer { .. } => app.rollup = Rollup::of(&app.workbook),
        other => match list_of(&app.workbook, other.target()) {
            Some(list) => app.rollup.refresh_list(&app.workbook, list),
            None => app.rollup = Rollup::of(&app.workbook),
        },
    }
    app.rebuild_rows();
}

/// The list holding item `id`: `Some(None)` for General, `Some(Some(p))` for phase `p`.
fn list_of(workbook: &Workbook, id: &str) -> Option<Option<usize>> {
    if workbook.general.iter().any(|i| i.id == id) {
        return Some(None);
    }
    workbook.phases.iter().position(|p| p.items.iter().any(|i| i.id == id)).map(Some)
}
