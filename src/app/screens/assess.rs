//! The assessment screen's keys: an expectation met or not, and what was found, judged
//! against its minimum level.

use crate::app::action::Action;
use crate::app::commit::commit;
use crate::app::prompt;
use crate::app::state::{App, Message, PromptKind};
use crate::model::edit::Edit;
use crate::model::{Assessment, DecisionKind, assess, decision};

/// What the assessment screen answers to, beside moving and closing.
pub const ACTIONS: &[Action] = &[Action::Meets, Action::DoesNotMeet, Action::Found, Action::Select];

pub fn act(app: &mut App, cursor: usize, action: Action) {
    let Some(e) = app.workbook.expectations.get(cursor) else { return };
    let (id, found) = (e.id.clone(), e.found.clone());
    match action {
        // A level judged not to meet is only overridden with a reason, which is recorded.
        Action::Meets if e.result == Assessment::DoesNotMeet => prompt::open(app, PromptKind::Override(cursor), ""),
        Action::Meets => {
            let text = app.strings().remediation_text.replace("{text}", &e.text);
            if let Some(edit) = assess::mark(&app.workbook, &id, Assessment::Meets, &found, text) {
                commit(app, edit);
            }
        }
        Action::DoesNotMeet => prompt::open(app, PromptKind::Found(cursor, Some(Assessment::DoesNotMeet)), &found),
        Action::Found | Action::Select => prompt::open(app, PromptKind::Found(cursor, None), &found),
        _ => {}
    }
}

/// Expectation `index` meets after all, for the reason typed: one step that marks it met
/// (closing its remediation item) and records the decision, linked to the expectation.
pub fn overridden(app: &mut App, index: usize, reason: &str) -> Result<(), String> {
    let s = app.strings();
    if reason.is_empty() {
        return Err(s.override_empty.clone());
    }
    let Some(e) = app.workbook.expectations.get(index) else { return Ok(()) };
    let remediation = s.remediation_text.replace("{text}", &e.text);
    let Some(mark) = assess::mark(&app.workbook, &e.id, Assessment::Meets, &e.found, remediation) else {
        return Ok(());
    };
    let mut record = decision::record(
        &app.workbook,
        s.override_title.replace("{text}", &e.text),
        DecisionKind::General,
        &app.config.user,
        app.today(),
    );
    record.context = reason.to_string();
    record.outcome = s.result_meets.clone();
    record.links = vec![e.id.clone()];
    let add = Edit::Decision { index: app.workbook.decisions.len(), from: None, to: Some(Box::new(record)) };
    commit(app, Edit::Batch(vec![mark, add]));
    Ok(())
}

/// What was found for expectation `index`: recorded with `result`, or, when `None`, judged
/// against the expectation's threshold (and the judgment said).
pub fn submit(app: &mut App, index: usize, result: Option<Assessment>, typed: &str) -> Result<(), String> {
    let s = app.strings();
    let Some(e) = app.workbook.expectations.get(index) else { return Ok(()) };
    let id = e.id.clone();
    let remediation = s.remediation_text.replace("{text}", &e.text);
    let result = match (result, &e.threshold) {
        (Some(r), _) => r,
        (None, Some(threshold)) => {
            let judged = assess::judge(threshold, typed);
            app.message = Some(match &judged.level {
                Some(level) => {
                    let said = if threshold.one_of.is_empty() {
                        s.judged.replace("{minimum}", &threshold.minimum)
                    } else {
                        s.judged_one_of.replace("{accepted}", &threshold.one_of.join(", "))
                    };
                    Message::info(said.replace("{level}", level).replace("{result}", s.assessment(judged.result)))
                }
                None => Message::error(
                    s.unknown_level.replace("{found}", typed).replace("{levels}", &threshold.levels.join(", ")),
                ),
            });
            judged.result
        }
        (None, None) => e.result,
    };
    if let Some(edit) = assess::mark(&app.workbook, &id, result, typed, remediation) {
        commit(app, edit);
    }
    Ok(())
}
