//! The meeting screen's keys: the meeting's kind, title, attendees and minutes, and closing
//! it (stored as held) or discarding it.

use crate::app::action::Action;
use crate::app::commit::commit;
use crate::app::context::Context;
use crate::app::state::{App, Message, PromptKind};
use crate::app::{editor, prompt};
use crate::model::edit::Edit;
use crate::model::meeting::Draft;

/// What the meeting screen answers to, beside scrolling and closing.
pub const ACTIONS: &[Action] = &[
    Action::MeetingKind,
    Action::Title,
    Action::Attendees,
    Action::Minutes,
    Action::HeldOn,
    Action::Select,
    Action::CloseMeeting,
    Action::DiscardMeeting,
];

/// Starts a meeting, unless one is in progress: the screen then shows that one.
pub fn start(app: &mut App) {
    if app.meeting_draft.is_some() {
        return;
    }
    let s = app.strings();
    let point = |p: &crate::model::agenda::Point| format!("{} · {} ({})", p.phase, p.text, s.agenda_reason(p.reason));
    app.meeting_draft = Some(Draft::start(&app.workbook, &app.rollup, app.today(), point));
}

pub fn act(app: &mut App, action: Action) {
    match action {
        Action::MeetingKind => {
            if let Some(d) = &mut app.meeting_draft {
                d.next_kind();
            }
        }
        Action::Title => {
            let title = app.meeting_draft.as_ref().map(|d| d.title.clone()).unwrap_or_default();
            prompt::open(app, PromptKind::MeetingTitle, &title);
        }
        Action::Attendees => {
            let attendees = app.meeting_draft.as_ref().map(Draft::attendees_text).unwrap_or_default();
            prompt::open(app, PromptKind::Attendees, &attendees);
        }
        Action::Minutes | Action::Select => editor::open_minutes(app),
        Action::HeldOn => {
            let day = app.meeting_draft.as_ref().and_then(|d| d.held_on).unwrap_or_else(|| app.today());
            prompt::open(app, PromptKind::HeldOn, &day.to_string());
        }
        Action::CloseMeeting => close(app),
        // Typed minutes are thrown away only on a second press.
        Action::DiscardMeeting if app.meeting_in_progress() && app.armed != Some(Action::DiscardMeeting) => {
            app.armed = Some(Action::DiscardMeeting);
            let key = app.config.keymap.first(Context::Meeting, Action::DiscardMeeting).unwrap_or_default();
            app.message = Some(Message::error(app.strings().discard_again.replace("{key}", &key)));
        }
        Action::DiscardMeeting => {
            app.armed = None;
            app.meeting_draft = None;
            app.screen = None;
        }
        _ => {}
    }
}

/// Stores the meeting in progress as held now, as one change.
pub fn close(app: &mut App) {
    let Some(draft) = app.meeting_draft.clone() else { return };
    let meeting = draft.held(&app.workbook, app.now);
    let before = app.history.revision();
    let edit = crate::model::meeting::hold(&app.workbook, meeting);
    let met: Vec<String> = criteria_met(&app.workbook, &edit);
    commit(app, edit);
    // Refused (the commit said why): the meeting stays in progress, nothing is lost.
    if app.history.revision() == before {
        return;
    }
    app.meeting_draft = None;
    app.screen = None;
    let stored = app.strings().meeting_stored.replace("{title}", &draft.title);
    app.message = Some(Message::info(if met.is_empty() {
        stored
    } else {
        format!("{stored}. {}", app.strings().meeting_met_criteria.replace("{criteria}", &met.join("; ")))
    }));
}

/// The texts of the criteria `edit` ticks.
fn criteria_met(workbook: &crate::model::Workbook, edit: &Edit) -> Vec<String> {
    let Edit::Batch(edits) = edit else { return Vec::new() };
    edits
        .iter()
        .filter_map(|e| match e {
            Edit::Criterion { gate, criterion, to: true, .. } => workbook
                .phases
                .iter()
                .filter(|p| &p.gate.id == gate)
                .flat_map(|p| &p.gate.criteria)
                .find(|c| &c.id == criterion)
                .map(|c| c.text.clone()),
            _ => None,
        })
        .collect()
}

/// The title, the attendees or the day held, typed in their prompt.
pub fn submit(app: &mut App, kind: PromptKind, typed: &str) -> Result<(), String> {
    let (today, s) = (app.today(), app.strings());
    let Some(d) = &mut app.meeting_draft else { return Ok(()) };
    match kind {
        PromptKind::MeetingTitle => d.set_title(typed),
        PromptKind::Attendees => d.set_attendees(typed),
        PromptKind::HeldOn => {
            let day = crate::model::due::parse(typed, today, &s.date_words()).map_err(|_| s.bad_past_day.clone())?;
            let day = day.unwrap_or(today);
            if day > today {
                return Err(s.held_future.clone());
            }
            d.set_held_on(day, today);
        }
        _ => {}
    }
    Ok(())
}
