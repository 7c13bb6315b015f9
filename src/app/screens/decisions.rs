//! The decision log's keys: adding, editing and superseding decisions, each written field
//! by field in a prompt and stored as one change; stepping a decision's status; showing one
//! kind or status of decision only.

use super::error;
use crate::app::action::Action;
use crate::app::commit::commit;
use crate::app::prompt;
use crate::app::state::{App, Message, PromptKind};
use crate::model::decision::{self, Draft, DraftError, Field, StepError};
use crate::model::{Decision, DecisionKind, DecisionStatus};

/// What the decision log answers to, beside moving and closing.
pub const ACTIONS: &[Action] =
    &[Action::Add, Action::Edit, Action::Select, Action::Supersede, Action::StepStatus, Action::FilterDecisions];

/// What the log can show: everything, one kind, or one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    All,
    Kind(DecisionKind),
    Status(DecisionStatus),
}

/// The filters in the order the key steps through them.
pub const FILTERS: [Shown; 8] = [
    Shown::All,
    Shown::Kind(DecisionKind::Scope),
    Shown::Kind(DecisionKind::Waiver),
    Shown::Kind(DecisionKind::General),
    Shown::Status(DecisionStatus::Proposed),
    Shown::Status(DecisionStatus::Accepted),
    Shown::Status(DecisionStatus::Rejected),
    Shown::Status(DecisionStatus::Superseded),
];

impl Shown {
    pub fn keeps(self, d: &Decision) -> bool {
        match self {
            Shown::All => true,
            Shown::Kind(kind) => d.kind == kind,
            Shown::Status(status) => d.status == status,
        }
    }
}

/// The filter in effect.
pub fn filter(app: &App) -> Shown {
    FILTERS.get(app.decision_filter).copied().unwrap_or(Shown::All)
}

/// The indices of the decisions the log lists.
pub fn shown(app: &App) -> Vec<usize> {
    let keep = filter(app);
    app.workbook.decisions.iter().enumerate().filter(|(_, d)| keep.keeps(d)).map(|(i, _)| i).collect()
}

pub fn act(app: &mut App, cursor: usize, action: Action) {
    let (by, today) = (app.config.user.clone(), app.today());
    let index = shown(app).get(cursor).copied();
    let draft = match (action, index) {
        (Action::Add, _) => {
            let link = app.screen.as_ref().and_then(|s| s.item.clone());
            Ok(Draft::new(&app.workbook, &by, today, link))
        }
        (Action::Edit | Action::Select, Some(i)) => Draft::editing(&app.workbook, i),
        (Action::Supersede, Some(i)) => Draft::superseding(&app.workbook, i, &by, today),
        (Action::StepStatus, Some(i)) => {
            match decision::step_status(&app.workbook, i) {
                Ok(step) => {
                    commit(app, step.edit);
                    if let Some(gate) = step.reopened {
                        app.message = Some(Message::info(app.strings().d_waiver_rejected.replace("{gate}", &gate)));
                    } else if let Some(gate) = waiver_of_open_gate(app, i) {
                        // A waiver accepted again does not pass its gate by itself.
                        app.message = Some(Message::info(app.strings().d_waiver_gate_open.replace("{gate}", &gate)));
                    }
                }
                Err(StepError::LaterPassed(gate)) => {
                    error(app, app.strings().d_waiver_later_passed.replace("{gate}", &gate))
                }
                Err(_) => error(app, app.strings().d_already_superseded.clone()),
            }
            return;
        }
        (Action::FilterDecisions, _) => {
            app.decision_filter = (app.decision_filter + 1) % FILTERS.len();
            if let Some(screen) = &mut app.screen {
                screen.cursor = 0;
            }
            return;
        }
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
            // The stored decision is shown, under whatever filter was on.
            app.decision_filter = 0;
            if let Some(screen) = &mut app.screen {
                screen.cursor = at;
            }
        }
    }
    Ok(())
}

/// The title of the gate decision `index` waived, when it is an accepted waiver whose gate
/// is open again (it was rejected since).
fn waiver_of_open_gate(app: &App, index: usize) -> Option<String> {
    let d = app.workbook.decisions.get(index)?;
    if d.kind != DecisionKind::Waiver || d.status != DecisionStatus::Accepted {
        return None;
    }
    app.workbook
        .phases
        .iter()
        .find(|p| p.gate.passed.is_none() && d.links.contains(&p.gate.id))
        .map(|p| p.gate.title.clone())
}
