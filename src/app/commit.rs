//! Changing the workbook from the interface: every change is an edit committed to the
//! session's history, described in the interface language, and followed by a refresh of
//! what derives from it. Undo and redo go back and forth along the same history.

use super::state::{App, Message};
use crate::i18n::describe::describe;
use crate::model::check;
use crate::model::edit::Edit;
use crate::model::{Change, Rollup, Workbook};

/// Applies an edit as one undoable step with its line in the change history; says why when
/// it cannot be applied. An edit that would give the workbook an error the loader would
/// refuse is taken back at once, with the loader's words: a file phasebook wrote, it opens.
pub fn commit(app: &mut App, edit: Edit) {
    if edit.is_noop() {
        return;
    }
    let edit = crate::model::items::with_phase_start(&app.workbook, edit, app.today());
    if let Err(e) = edit.apply(&mut app.workbook) {
        app.message = Some(Message::error(e.to_string()));
        return;
    }
    if check::affected_by(&edit) {
        let issues = check::check(&app.workbook);
        if let Some(new) = check::errors(&issues).find(|e| !app.issues.contains(e)) {
            let text = app.strings().refused.replace("{problem}", &crate::i18n::messages::issue(new, app.lang));
            let _ = edit.inverse().apply(&mut app.workbook);
            app.message = Some(Message::error(text));
            return;
        }
        app.issues = issues;
    }
    let change = Change {
        at: app.now,
        by: app.config.user.clone(),
        target: edit.target().to_string(),
        what: describe(app.strings(), &crate::i18n::describe::Names::of(&app.workbook), &edit),
        said: Some(edit.said()),
    };
    app.history.record(&mut app.workbook, edit.clone(), change);
    refresh_derived(app, &edit);
}

/// A change in words with what it changed: "status not started → done · Hold the kick-off".
fn change_line(app: &App, change: &Change) -> String {
    let names = crate::i18n::describe::Names::of(&app.workbook);
    let said = crate::i18n::describe::change(app.strings(), &names, change);
    let item = app.workbook.item(&change.target).map(|i| i.text.as_str());
    match crate::i18n::describe::target(&names, item, change) {
        what if what.is_empty() => said,
        what => format!("{said} · {}", crate::i18n::cells::fit(&what, 60)),
    }
}

pub fn undo(app: &mut App) {
    match app.history.undo(&mut app.workbook) {
        Some(done) => {
            let what = change_line(app, &done.change);
            app.message = Some(Message::info(format!("{}: {what}", app.strings().undone)));
            refresh(app, &done.edit);
        }
        None => app.message = Some(Message::info(app.strings().nothing_to_undo.clone())),
    }
}

pub fn redo(app: &mut App) {
    match app.history.redo(&mut app.workbook) {
        Some(done) => {
            let what = change_line(app, &done.change);
            app.message = Some(Message::info(format!("{}: {what}", app.strings().redone)));
            refresh(app, &done.edit);
        }
        None => app.message = Some(Message::info(app.strings().nothing_to_redo.clone())),
    }
}

/// Refreshes what derives from the workbook after `edit` (undone or made again): the rules'
/// findings when the edit can change them, and the figures.
pub fn refresh(app: &mut App, edit: &Edit) {
    if check::affected_by(edit) {
        app.issues = check::check(&app.workbook);
    }
    refresh_derived(app, edit);
}

/// The figures after `edit`: only the edited item's list when that is all it can touch,
/// everything when scope answers change.
fn refresh_derived(app: &mut App, edit: &Edit) {
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
