//! The engagement screen's keys: editing a field of the engagement.

use crate::app::action::Action;
use crate::app::commit::commit;
use crate::app::prompt;
use crate::app::state::{App, PromptKind};
use crate::model::edit::Edit;
use crate::model::engagement::Field;

/// What the engagement screen answers to, beside moving and closing.
pub const ACTIONS: &[Action] = &[Action::Select, Action::Edit];

pub fn act(app: &mut App, cursor: usize, action: Action) {
    if !matches!(action, Action::Select | Action::Edit) {
        return;
    }
    let Some(field) = Field::ALL.get(cursor).copied() else { return };
    let current = field.value(&app.workbook.engagement);
    prompt::open(app, PromptKind::EngagementField(field), &current);
}

pub fn submit(app: &mut App, field: Field, typed: &str) -> Result<(), String> {
    let from = app.workbook.engagement.clone();
    let words = app.strings().date_words();
    let to = field.set(&from, typed, app.today(), &words).map_err(|_| app.strings().bad_date.clone())?;
    commit(app, Edit::Engagement { from: Box::new(from), to: Box::new(to) });
    Ok(())
}
