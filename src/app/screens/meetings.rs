//! The meetings screen's keys: correcting a held meeting's minutes.

use crate::app::action::Action;
use crate::app::editor;
use crate::app::state::App;

/// What the meetings screen answers to, beside moving and closing.
pub const ACTIONS: &[Action] = &[Action::Minutes];

/// The held meetings, newest first, by index.
pub fn held(app: &App) -> Vec<usize> {
    (0..app.workbook.meetings.len()).rev().collect()
}

pub fn act(app: &mut App, cursor: usize, action: Action) {
    if action == Action::Minutes
        && let Some(&index) = held(app).get(cursor)
    {
        editor::open_held_minutes(app, index);
    }
}
