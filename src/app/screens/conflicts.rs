//! The conflicts screen's keys: settling each conflict a merge of two copies left, on our
//! value, theirs or the base's, as one recorded change.

use super::error;
use crate::app::action::Action;
use crate::app::commit::commit;
use crate::app::state::{App, Message};
use crate::model::merge::{self, Pick};

/// What the conflicts screen answers to, beside moving and closing.
pub const ACTIONS: &[Action] = &[Action::TakeOurs, Action::TakeTheirs, Action::TakeBase];

pub fn act(app: &mut App, cursor: usize, action: Action) {
    let pick = match action {
        Action::TakeOurs => Pick::Ours,
        Action::TakeTheirs => Pick::Theirs,
        Action::TakeBase => Pick::Base,
        _ => return,
    };
    if app.workbook.conflicts.is_empty() {
        return;
    }
    match merge::settle_edit(&app.workbook, cursor, pick) {
        Ok(edit) => {
            commit(app, edit);
            if let Some(screen) = &mut app.screen {
                screen.cursor = screen.cursor.min(app.workbook.conflicts.len().saturating_sub(1));
            }
            let left = app.workbook.conflicts.len().to_string();
            app.message = Some(Message::info(app.strings().conflict_settled.replace("{n}", &left)));
        }
        Err(e) => error(app, e.to_string()),
    }
}
