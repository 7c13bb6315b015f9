//! The multi-line editor, for a note on an item and for a meeting's minutes. Leaving it
//! keeps what was typed: nothing typed is ever thrown away by a key.

use crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, Scrolling};

use super::action::Action;
use super::commit::commit;
use super::state::{App, Mode};
use super::text;
use super::update::Effect;
use crate::model::Note;
use crate::model::edit::Edit;

/// What the editor answers to beside the text keys.
pub const ACTIONS: &[Action] =
    &[Action::Done, Action::DoneAndSave, Action::NewLine, Action::Up, Action::Down, Action::PageUp, Action::PageDown];

/// Opens the editor on a new note of the selected item, or on its latest note.
pub fn open_note(app: &mut App, edit_latest: bool) {
    let Some((_, item)) = app.selected() else { return };
    let latest = item.notes.len().checked_sub(1);
    let (index, current) = match latest {
        Some(i) if edit_latest => (Some(i), item.notes[i].text.clone()),
        _ => (None, String::new()),
    };
    app.mode = Mode::Note { item: item.id.clone(), index, input: text::multi_line(&current) };
}

/// Opens the editor on the minutes of the meeting in progress.
/// Opens the minutes of held meeting `index` to correct them.
pub fn open_held_minutes(app: &mut App, index: usize) {
    let Some(meeting) = app.workbook.meetings.get(index) else { return };
    let minutes = meeting.minutes.clone();
    app.correcting = Some(index);
    app.mode = Mode::Minutes { input: text::multi_line(&minutes) };
}

pub fn open_minutes(app: &mut App) {
    let minutes = app.meeting_draft.as_ref().map(|d| d.minutes.clone()).unwrap_or_default();
    app.mode = Mode::Minutes { input: text::multi_line(&minutes) };
}

pub fn act(app: &mut App, action: Option<Action>, key: Option<KeyEvent>) -> Vec<Effect> {
    let (Mode::Note { input, .. } | Mode::Minutes { input }) = &mut app.mode else { return Vec::new() };
    match action {
        Some(Action::Done) => keep(app),
        Some(Action::DoneAndSave) => {
            keep(app);
            return super::saving::save(app, false);
        }
        Some(Action::NewLine) => input.insert_newline(),
        Some(Action::Up) => input.move_cursor(CursorMove::Up),
        Some(Action::Down) => input.move_cursor(CursorMove::Down),
        Some(Action::PageUp) => input.scroll(Scrolling::PageUp),
        Some(Action::PageDown) => input.scroll(Scrolling::PageDown),
        Some(other) => {
            text::edit(input, other);
        }
        None => {
            if let Some(key) = key {
                text::insert(input, key);
            }
        }
    }
    Vec::new()
}

/// Closes the editor, keeping the note as one undoable change or the minutes in the meeting.
fn keep(app: &mut App) {
    match std::mem::take(&mut app.mode) {
        Mode::Note { item, index, input } => {
            if let Some(edit) = note_edit(app, &item, index, text::text_of(&input)) {
                commit(app, edit);
            }
        }
        Mode::Minutes { input } => match app.correcting.take() {
            // A held meeting's minutes, put right: one recorded change.
            Some(index) => {
                if let Some(edit) = crate::model::meeting::correct_minutes(&app.workbook, index, &text::text_of(&input))
                {
                    commit(app, edit);
                }
            }
            None => {
                if let Some(d) = &mut app.meeting_draft {
                    d.set_minutes(text::text_of(&input));
                }
            }
        },
        other => app.mode = other,
    }
}

/// The edit that keeps `text` as note `index` of `item` (a new note when `None`); empty
/// text removes the note, or adds nothing. `None` when there is nothing to do.
pub(super) fn note_edit(app: &App, item: &str, index: Option<usize>, text: String) -> Option<Edit> {
    let current = app.workbook.item(item)?;
    let item = item.to_string();
    Some(match index.and_then(|i| current.notes.get(i).map(|n| (i, n.clone()))) {
        Some((i, old)) if text.is_empty() => Edit::Note { item, index: i, from: Some(old), to: None },
        Some((i, old)) => {
            let new = Note { text, ..old.clone() };
            Edit::Note { item, index: i, from: Some(old), to: Some(new) }
        }
        None if text.is_empty() => return None,
        None => {
            let note = Note { at: app.now, by: app.config.user.clone(), text };
            Edit::Note { index: current.notes.len(), item, from: None, to: Some(note) }
        }
    })
}
