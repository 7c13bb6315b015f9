//! The decision log's keys: adding, editing and superseding decisions, each written field
//! by field in a prompt and stored as one change.

use super::error;
use crate::app::action::Action;
use crate::app::commit::commit;
use crate::app::prompt;
use crate::app::state::{App, PromptKind};
use crate::model::decision::{Draft, DraftError, Field};

/// What the decision log answers to, beside moving and closing.
pub const ACTIONS: &[Action] = &[Action::Add, Action::Edit, Action::Select, Action::Supersede];

pub fn act(app: &mut App, cursor: usize, action: Action) {
    let (by, today) = (app.config.user.clone(), app.today());
    let exists = cursor < app.workbook.decisions.len();
    let draft = match action {
        Action::Add => {
            let link = app.screen.as_ref().and_then(|s| s.item.clone());
            Ok(Draft::new(&app.workbook, &by, today, link))
        }
        Action::Edit | Action::Select if exists => Draft::editing(&app.workbook, cursor),
        Action::Supersede if exists => Draft::superseding(&app.workbook, cursor, &by, today),
        _ => return,
    };
    match draft {
        Ok(draft) => {
            let title = draft.field(Field::Title);
            app.decision_draft = Some(draft);
            prompt::open(app, PromptKind::DecisionField(Field::Title), &title);
        }
        Err(DraftError::AlreadySuperseded(_)) => error(app, app.strings().d_already_superseded.clone()),
        Err(e) => error(app, e.to_string()),
    }
}

/// A field of the decision being written; after the last one the decision is stored.
pub fn submit(app: &mut App, field: Field, typed: &str) -> Result<(), String> {
    let s = app.strings();
    let Some(draft) = &mut app.decision_draft else { return Ok(()) };
    draft.set(field, typed).map_err(|_| s.d_title_empty.clone())?;
    if let Some(next) = field.next() {
        let current = draft.field(next);
        prompt::open(app, PromptKind::DecisionField(next), &current);
        return Ok(());
    }
    if let Some(draft) = app.decision_draft.take() {
        let at = draft.stored_index(&app.workbook);
        if let Some(edit) = draft.edit(&app.workbook) {
            commit(app, edit);
            if let Some(screen) = &mut app.screen {
                screen.cursor = at;
            }
        }
    }
    Ok(())
}
