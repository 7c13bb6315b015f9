//! The upcoming screen's keys: going to the selected item.

use crate::app::action::Action;
use crate::app::main_screen::go_to_item;
use crate::app::state::{App, Section};
use crate::model::deadline::{Urgency, items_with_urgency};

/// What the upcoming screen answers to, beside moving and closing.
pub const ACTIONS: &[Action] = &[Action::Select];

/// The items the screen lists: overdue first, then due this week, soonest first.
pub fn places(app: &App) -> Vec<(Section, usize)> {
    let today = app.today();
    [Urgency::Passed, Urgency::Soon]
        .into_iter()
        .flat_map(|u| items_with_urgency(&app.workbook, &app.rollup, today, u))
        .map(|(list, index)| (list.map_or(Section::General, Section::Phase), index))
        .collect()
}

pub fn act(app: &mut App, cursor: usize, action: Action) {
    if action != Action::Select {
        return;
    }
    if let Some((section, index)) = places(app).get(cursor).copied() {
        app.screen = None;
        go_to_item(app, section, index);
    }
}
