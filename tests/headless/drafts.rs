//! Text typed but not yet kept (a note in its editor, a meeting in progress and its
//! minutes) is part of what the recovery file holds, and quitting does not drop it silently.

use crate::common::headless::keys;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use phasebook::app::drafts;
use phasebook::app::state::{App, Mode};
use phasebook::app::update::{Effect, Msg, update};
use phasebook::i18n::Lang;

fn app() -> App {
    crate::common::headless::app(Lang::En, (100, 30))
}

#[test]
fn nothing_typed_means_nothing_to_fold_in() {
    let mut app = app();
    assert!(drafts::folded(&app).is_none());
    keys(&mut app, "c");
    assert!(drafts::folded(&app).is_none(), "an empty note editor holds nothing");
}

#[test]
fn a_note_being_written_is_kept_as_written_so_far() {
    let mut app = app();
    let id = app.selected().unwrap().1.id.clone();
    let before = drafts::signature(&app);
    keys(&mut app, "cCalled the customer");
    assert_ne!(drafts::signature(&app), before, "typing changes the signature");
    let (workbook, lines) = drafts::folded(&app).unwrap();
    let notes = &workbook.all_items().find(|(_, i)| i.id == id).unwrap().1.notes;
    assert_eq!(notes.last().unwrap().text, "Called the customer");
    assert_eq!(notes.last().unwrap().by, "ann");
    assert_eq!(lines, [format!("{id}: the note being written, kept as written so far")]);
    assert!(app.workbook.all_items().find(|(_, i)| i.id == id).unwrap().1.notes.is_empty(), "the state is untouched");
}

#[test]
fn editing_a_note_replaces_its_text_in_the_fold() {
    let mut app = app();
    let id = app.selected().unwrap().1.id.clone();
    keys(&mut app, "cFirst\x1b");
    keys(&mut app, "e, then second");
    let (workbook, _) = drafts::folded(&app).unwrap();
    let notes = &workbook.all_items().find(|(_, i)| i.id == id).unwrap().1.notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "First, then second");
}

#[test]
fn a_meeting_in_progress_is_kept_as_held_with_the_minutes_in_the_editor() {
    let mut app = app();
    keys(&mut app, "m\taAnn; Bo\nnAgreed the plan");
    assert!(matches!(app.mode, Mode::Minutes { .. }));
    let (workbook, lines) = drafts::folded(&app).unwrap();
    let meeting = workbook.meetings.last().unwrap();
    assert_eq!(meeting.minutes, "Agreed the plan");
    assert_eq!(meeting.attendees, ["Ann", "Bo"]);
    assert!(lines[0].contains("meeting in progress"), "{lines:?}");
    assert!(app.workbook.meetings.is_empty(), "the state is untouched");
    assert_eq!(app.meeting_draft.as_ref().unwrap().minutes, "", "the draft itself is untouched");
}

#[test]
fn quitting_with_a_meeting_in_progress_asks_and_saving_keeps_the_meeting() {
    let mut app = app();
    keys(&mut app, "mnAgreed the plan\x1b\x1b");
    assert!(!app.is_dirty(), "a meeting in progress is not an edit yet");
    assert!(app.meeting_draft.is_some());
    keys(&mut app, "q");
    assert!(matches!(app.mode, Mode::ConfirmQuit), "quitting would lose the meeting");
    let effects = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE)));
    assert_eq!(effects, vec![Effect::Save { quit: true }]);
    assert_eq!(app.workbook.meetings.last().unwrap().minutes, "Agreed the plan");
}

#[test]
fn a_decision_being_written_is_kept_with_the_field_being_typed() {
    let mut app = app();
    keys(&mut app, "La");
    assert!(drafts::folded(&app).is_none(), "an untitled decision holds nothing yet");
    keys(&mut app, "Use cloud identities\nSmall org, no on-premises AD");
    let (workbook, lines) = drafts::folded(&app).unwrap();
    let d = workbook.decisions.last().unwrap();
    assert_eq!(d.title, "Use cloud identities");
    assert_eq!(d.context, "Small org, no on-premises AD");
    assert!(lines[0].contains("decision being written"), "{lines:?}");
    assert!(app.workbook.decisions.is_empty(), "the state is untouched");
}
