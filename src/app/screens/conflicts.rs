//! The conflicts screen's keys: settling each conflict a merge of two copies left, on our
//! value, theirs, the base's or a text of one's own, as one recorded change.

use super::error;
use crate::app::action::Action;
use crate::app::commit::commit;
use crate::app::prompt;
use crate::app::state::{App, Message, PromptKind};
use crate::model::merge::{self, Pick};

/// What the conflicts screen answers to, beside moving and closing.
pub const ACTIONS: &[Action] = &[Action::TakeOurs, Action::TakeTheirs, Action::TakeBase, Action::Edit];

pub fn act(app: &mut App, cursor: usize, action: Action) {
    let pick = match action {
        Action::TakeOurs => Pick::Ours,
        Action::TakeTheirs => Pick::Theirs,
        Action::TakeBase => Pick::Base,
        Action::Edit => {
            // A text can be written anew from ours; anything else is settled on a value.
            match app.workbook.conflicts.get(cursor).map(merge::written) {
                Some(Some(text)) => prompt::open(app, PromptKind::ConflictText(cursor), &text),
                Some(None) => app.message = Some(Message::info(app.strings().conflict_not_text.clone())),
                None => {}
            }
            return;
        }
        _ => return,
    };
    settle(app, cursor, pick);
}

/// The text typed for conflict `index`, settled on.
pub fn written(app: &mut App, index: usize, typed: &str) {
    settle(app, index, Pick::Written(typed.to_string()));
}

fn settle(app: &mut App, cursor: usize, pick: Pick) {
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
