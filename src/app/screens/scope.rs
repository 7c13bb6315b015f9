//! The scope screen's keys: choosing an option of a question.

use crate::app::action::Action;
use crate::app::commit::commit;
use crate::app::state::App;
use crate::model::scope;

/// What the scope screen answers to, beside moving and closing.
pub const ACTIONS: &[Action] = &[Action::ToggleDone, Action::Select];

/// Every (question, option) pair in screen order: the screen's rows.
pub fn rows(app: &App) -> Vec<(usize, usize)> {
    app.workbook
        .scope
        .iter()
        .enumerate()
        .flat_map(|(q, question)| (0..question.options.len()).map(move |o| (q, o)))
        .collect()
}

pub fn act(app: &mut App, cursor: usize, action: Action) {
    if !matches!(action, Action::ToggleDone | Action::Select) {
        return;
    }
    let Some((q, o)) = rows(app).get(cursor).copied() else { return };
    let (by, today) = (app.config.user.clone(), app.today());
    if let Some(edit) = scope::choose(&app.workbook, q, o, &by, today) {
        commit(app, edit);
    }
}
