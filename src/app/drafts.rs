//! Text typed but not yet part of the workbook: a note in its editor, a meeting in
//! progress and its minutes, a decision being written field by field. The recovery file
//! must hold these too, or an hour of minutes would be lost with the terminal; they are
//! folded into a copy of the workbook as if they had been kept, the state itself untouched.

use std::hash::{Hash, Hasher};

use super::editor::note_edit;
use super::state::{App, Mode, PromptKind};
use super::text;
use crate::model::Workbook;

/// Names what the drafts hold now: equal values mean nothing new was typed.
pub fn signature(app: &App) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    match &app.mode {
        Mode::Note { item, index, input } => (1u8, item, index, input.lines()).hash(&mut hasher),
        Mode::Minutes { input } => (2u8, input.lines()).hash(&mut hasher),
        Mode::Prompt { kind: PromptKind::DecisionField(step), input, .. } => {
            (3u8, step, input.lines()).hash(&mut hasher)
        }
        _ => 0u8.hash(&mut hasher),
    }
    if let Some(d) = &app.meeting_draft {
        (&d.title, &d.attendees, &d.minutes, &d.agenda).hash(&mut hasher);
    }
    if let Some(d) = &app.decision_draft {
        format!("{d:?}").hash(&mut hasher);
    }
    hasher.finish()
}

/// The workbook with the drafts kept, and a line for each draft, or `None` when there are
/// no drafts (the workbook itself is what there is to keep).
pub fn folded(app: &App) -> Option<(Workbook, Vec<String>)> {
    let note = match &app.mode {
        Mode::Note { item, index, input } => {
            Some((item, *index, text::text_of(input))).filter(|(_, _, t)| !t.is_empty())
        }
        _ => None,
    };
    let decision = app.decision_draft.clone().map(|mut draft| {
        if let Mode::Prompt { kind: PromptKind::DecisionField(step), input, .. } = &app.mode {
            // A title cannot be emptied: a draft with none holds nothing to keep anyway.
            let _ = draft.set(*step, &text::line_of(input));
        }
        draft
    });
    // A decision with nothing typed yet holds nothing to keep.
    let decision = decision.filter(|d| !d.decision.title.trim().is_empty());
    // A meeting counts once anything is entered, the minutes being typed included.
    let meeting = app.meeting_draft.clone().map(|mut draft| {
        if let Mode::Minutes { input } = &app.mode {
            draft.set_minutes(text::text_of(input));
        }
        draft
    });
    let meeting = meeting.filter(|d| d.touched);
    if note.is_none() && meeting.is_none() && decision.is_none() {
        return None;
    }
    let s = app.strings();
    let mut workbook = app.workbook.clone();
    let mut lines = Vec::new();
    if let Some((id, index, text)) = note
        && let Some(edit) = note_edit(app, id, index, text)
        && edit.apply(&mut workbook).is_ok()
    {
        lines.push(format!("{id}: {}", s.draft_note));
    }
    if let Some(draft) = meeting {
        let meeting = draft.held(&workbook, app.now);
        lines.push(format!("{}: {}", meeting.id, s.draft_meeting.replace("{title}", &meeting.title)));
        workbook.meetings.push(meeting);
    }
    if let Some(draft) = decision
        && let Some(edit) = draft.edit(&workbook)
        && edit.apply(&mut workbook).is_ok()
    {
        lines.push(format!("{}: {}", draft.decision.id, s.draft_decision.replace("{title}", &draft.decision.title)));
    }
    Some((workbook, lines))
}
