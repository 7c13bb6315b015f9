//! The history screen's keys: going to the changed item, narrowing the list to a text.

use crate::app::action::Action;
use crate::app::main_screen::go_to_id;
use crate::app::prompt;
use crate::app::state::{App, PromptKind};
use crate::i18n::describe;
use crate::model::Change;

/// What the history screen answers to, beside moving and closing.
pub const ACTIONS: &[Action] = &[Action::Select, Action::FilterHistory];

/// The changes the screen lists, newest first, narrowed to the filter: each with its index
/// in the workbook's history.
pub fn shown(app: &App) -> Vec<usize> {
    let filter = app.history_filter.trim().to_lowercase();
    let names = describe::Names::of(&app.workbook);
    (0..app.workbook.history.len())
        .rev()
        .filter(|&i| filter.is_empty() || mentions(app, &names, &app.workbook.history[i], &filter))
        .collect()
}

/// Whether a change mentions `filter` (lower case): in who made it, what it did (in either
/// wording), what it changed (its id, text or phase) or when.
fn mentions(app: &App, names: &describe::Names, change: &Change, filter: &str) -> bool {
    let phase = app.workbook.place_of(&change.target).and_then(|(list, _)| match list {
        Some(p) => app.workbook.phases.get(p).map(|p| p.title.as_str()),
        None => Some(app.strings().general.as_str()),
    });
    let text = app.workbook.item(&change.target).map(|i| i.text.as_str());
    let when = change.at.format("%Y-%m-%d %H:%M").to_string();
    let words = describe::change(app.strings(), names, change);
    [
        Some(change.by.as_str()),
        Some(change.target.as_str()),
        Some(change.what.as_str()),
        Some(&words),
        Some(&when),
        text,
        phase,
    ]
    .into_iter()
    .flatten()
    .any(|field| field.to_lowercase().contains(filter))
}

pub fn act(app: &mut App, cursor: usize, action: Action) {
    match action {
        Action::Select => {
            let Some(&index) = shown(app).get(cursor) else { return };
            let id = app.workbook.history[index].target.clone();
            if app.workbook.place_of(&id).is_some() {
                app.screen = None;
                go_to_id(app, &id);
            }
        }
        Action::FilterHistory => {
            let current = app.history_filter.clone();
            prompt::open(app, PromptKind::HistoryFilter, &current);
        }
        _ => {}
    }
}

/// Narrows the list to the changes that mention `typed`; empty shows them all.
pub fn filter(app: &mut App, typed: &str) {
    app.mode = crate::app::state::Mode::Normal;
    app.history_filter = typed.trim().to_string();
    if let Some(screen) = &mut app.screen {
        screen.cursor = 0;
    }
}
