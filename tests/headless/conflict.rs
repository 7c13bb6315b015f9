//! A save that finds the file changed on disk by someone else: the choices, and reloading
//! with the unsaved edits replayed onto the other version. Headless: the loop's part (the
//! file reads and writes) is played by the test.

use crate::common::headless::{changed_on_disk, keys, saved};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use phasebook::app::state::{App, Mode};
use phasebook::app::update::{CopyReason, Effect, Msg, update};
use phasebook::i18n::Lang;
use phasebook::model::{Status, Workbook};

fn app() -> App {
    crate::common::headless::app(Lang::En, (100, 30))
}

fn ctrl_s(app: &mut App) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)))
}

fn selected_id(app: &App) -> String {
    app.selected().map(|(_, item)| item.id.clone()).unwrap()
}

fn status_of(workbook: &Workbook, id: &str) -> Status {
    workbook.all_items().find(|(_, item)| item.id == id).map(|(_, item)| item.status).unwrap()
}

/// The app after one edit (the selected item marked done) and a save that found the file changed.
fn in_conflict() -> (App, Workbook, String) {
    let mut app = app();
    let original = app.workbook.clone();
    let id = selected_id(&app);
    keys(&mut app, " ");
    assert_eq!(ctrl_s(&mut app), vec![Effect::Save { quit: false }]);
    update(&mut app, changed_on_disk(None, false));
    assert!(matches!(app.mode, Mode::Conflict { confirm: false, .. }));
    (app, original, id)
}

#[test]
fn overwriting_asks_once_more_and_only_yes_overwrites() {
    let (mut app, _, _) = in_conflict();
    keys(&mut app, "o");
    assert!(matches!(app.mode, Mode::Conflict { confirm: true, .. }));
    keys(&mut app, "n");
    assert!(matches!(app.mode, Mode::Conflict { confirm: false, .. }), "any other key goes back to the choices");
    keys(&mut app, "o");
    assert_eq!(
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE))),
        vec![Effect::Overwrite { quit: false }]
    );
    update(&mut app, saved(false));
    assert!(!app.is_dirty());
}

#[test]
fn a_conflict_while_quitting_quits_only_after_the_chosen_save() {
    let mut app = app();
    keys(&mut app, " q");
    assert!(matches!(app.mode, Mode::ConfirmQuit));
    assert_eq!(
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE))),
        vec![Effect::Save { quit: true }]
    );
    update(&mut app, changed_on_disk(None, true));
    assert_eq!(
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE))),
        vec![Effect::SaveCopy { workbook: None, why: CopyReason::Conflict, quit: true }]
    );
}

#[test]
fn saving_a_copy_says_where_and_keeps_the_changes_unsaved() {
    let (mut app, _, _) = in_conflict();
    assert_eq!(
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE))),
        vec![Effect::SaveCopy { workbook: None, why: CopyReason::Conflict, quit: false }]
    );
    update(&mut app, Msg::CopySaved { result: Ok("test.conflict-20261126-103000.ron".into()), quit: false });
    let message = app.message.clone().unwrap();
    assert!(message.text.contains("test.conflict-20261126-103000.ron"), "{}", message.text);
    assert!(!message.is_error);
    assert!(app.is_dirty(), "the file itself still lacks the changes");
}

#[test]
fn going_back_saves_nothing_and_says_so() {
    let (mut app, _, _) = in_conflict();
    assert!(update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE))).is_empty());
    assert!(matches!(app.mode, Mode::Normal));
    assert!(app.message.unwrap().text.starts_with("Not saved"));
}

#[test]
fn reloading_replays_the_edits_onto_their_version_and_undo_gives_theirs_back() {
    let (mut app, original, ours) = in_conflict();
    assert_eq!(update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE))), vec![Effect::Reload]);
    // Someone else marked another item blocked and assigned ours to Bo.
    let mut theirs = original.clone();
    let other = theirs.phases[1].items[0].id.clone();
    theirs.item_mut(&other).unwrap().status = Status::Blocked;
    theirs.item_mut(&ours).unwrap().assignee = "Bo".into();
    assert!(update(&mut app, Msg::Reloaded(Ok(Box::new(theirs.clone())))).is_empty());

    assert_eq!(status_of(&app.workbook, &ours), Status::Done, "our edit is replayed");
    assert_eq!(status_of(&app.workbook, &other), Status::Blocked, "their edit is kept");
    assert_eq!(app.workbook.item_mut(&ours).unwrap().assignee, "Bo");
    assert!(app.is_dirty());
    assert!(app.message.clone().unwrap().text.contains("reapplied 1"), "{:?}", app.message);
    assert_eq!(app.workbook.history.len(), theirs.history.len() + 1);

    keys(&mut app, "u");
    assert_eq!(app.workbook, theirs, "undoing the replayed edit leaves their version exactly");
    assert!(!app.is_dirty());
}

#[test]
fn an_edit_that_cannot_be_replayed_sends_the_whole_version_to_a_copy() {
    let (mut app, original, ours) = in_conflict();
    keys(&mut app, "r");
    // Someone else removed the item we marked done.
    let mut theirs = original.clone();
    for phase in &mut theirs.phases {
        phase.items.retain(|item| item.id != ours);
    }
    theirs.general.retain(|item| item.id != ours);
    let ours_before = app.workbook.clone();
    let effects = update(&mut app, Msg::Reloaded(Ok(Box::new(theirs.clone()))));
    assert_eq!(
        effects,
        vec![Effect::SaveCopy { workbook: Some(Box::new(ours_before)), why: CopyReason::Conflict, quit: false }]
    );
    assert_eq!(app.workbook, theirs);
    assert!(!app.is_dirty());
    assert!(app.message.clone().unwrap().is_error);
    update(&mut app, Msg::CopySaved { result: Ok("w.conflict.ron".into()), quit: false });
    let text = app.message.unwrap().text;
    assert!(text.contains("Could not reapply") && text.contains("w.conflict.ron"), "{text}");
}

#[test]
fn undone_edits_are_not_replayed() {
    let (mut app, original, ours) = in_conflict();
    keys(&mut app, "\x1bu");
    update(&mut app, changed_on_disk(None, false));
    keys(&mut app, "r");
    update(&mut app, Msg::Reloaded(Ok(Box::new(original.clone()))));
    assert_eq!(status_of(&app.workbook, &ours), status_of(&original, &ours));
    assert!(!app.is_dirty());
}

#[test]
fn changes_recovered_at_start_cannot_be_replayed_and_the_popup_says_so() {
    let (mut app, _, _) = in_conflict();
    app.history = phasebook::model::history::History::recovered();
    assert!(update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE))).is_empty());
    assert!(matches!(app.mode, Mode::Conflict { .. }));
    assert!(app.message.unwrap().text.starts_with("Reapplying is not available"));
}

#[test]
fn a_file_that_cannot_be_read_again_is_reported() {
    let (mut app, _, _) = in_conflict();
    keys(&mut app, "r");
    let error = phasebook::store::load_bytes(std::path::Path::new("w.ron"), b"(").unwrap_err();
    update(&mut app, Msg::Reloaded(Err(error)));
    assert!(app.message.clone().unwrap().is_error);
    assert!(app.is_dirty(), "the edits are still here");
}
