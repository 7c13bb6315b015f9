//! The interface driven headless: messages in, state and effects out, no terminal.

use crate::common::headless::now;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use phasebook::app::action::Action;
use phasebook::app::config::Config;
use phasebook::app::state::{App, Mode, Row, Section};
use phasebook::app::update::{Effect, Msg, update};
use phasebook::i18n::Lang;
use phasebook::model::Status;
use phasebook::templates::find;

fn app() -> App {
    crate::common::headless::app(Lang::En, (100, 30))
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(app: &mut App, c: char) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        let modifiers = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
        update(app, Msg::Key(KeyEvent::new(KeyCode::Char(c), modifiers)));
    }
}

fn selected_id(app: &App) -> String {
    app.selected().map(|(_, item)| item.id.clone()).unwrap_or_default()
}

fn selected_status(app: &App) -> Status {
    app.selected().map(|(_, item)| item.status).unwrap()
}

#[test]
fn it_opens_on_the_phase_the_engagement_stands_in_with_an_item_selected() {
    let app = app();
    assert_eq!(app.section, Section::Phase(0));
    assert!(matches!(app.rows[0], Row::Group(_)));
    assert_eq!(selected_id(&app), app.workbook.phases[0].items[0].id);
}

#[test]
fn moving_down_and_up_skips_the_owner_headings() {
    let mut app = app();
    let before = app.cursor;
    for _ in 0..20 {
        typed(&mut app, "j");
        assert!(matches!(app.rows[app.cursor], Row::Item { .. }));
    }
    for _ in 0..40 {
        typed(&mut app, "k");
    }
    assert_eq!(app.cursor, before);
    typed(&mut app, "G");
    assert_eq!(app.cursor, app.rows.len() - 1);
    typed(&mut app, "g");
    assert_eq!(app.cursor, before);
}

#[test]
fn phases_change_with_brackets_numbers_and_arrows() {
    let mut app = app();
    typed(&mut app, "]");
    assert_eq!(app.section, Section::Phase(1));
    typed(&mut app, "4");
    assert_eq!(app.section, Section::Phase(3));
    press(&mut app, KeyCode::Left);
    assert_eq!(app.section, Section::Phase(2));
    typed(&mut app, "0");
    assert_eq!(app.section, Section::General);
    typed(&mut app, "9");
    assert_eq!(app.section, Section::General, "there is no ninth phase");
    assert!(selected_id(&app).starts_with("general."));
}

#[test]
fn space_marks_done_and_records_who_and_when() {
    let mut app = app();
    let id = selected_id(&app);
    typed(&mut app, " ");
    assert_eq!(selected_status(&app), Status::Done);
    let change = app.workbook.history.last().unwrap();
    assert_eq!((change.by.as_str(), change.at, change.target.as_str()), ("ann", now(), id.as_str()));
    // The phase's first item to move starts the phase, in the same step.
    assert_eq!(change.what, "status not started → done; phase started 2026-11-26");
    assert_eq!(app.workbook.phases[0].started, Some(now().date_naive()));
    assert!(app.is_dirty());
    assert_eq!(app.rollup.phase_progress[0].done, 1);
    typed(&mut app, " ");
    assert_eq!(selected_status(&app), Status::NotStarted);
}

#[test]
fn status_keys_set_each_status_and_s_cycles() {
    let mut app = app();
    for (key, status) in
        [("p", Status::InProgress), ("b", Status::Blocked), ("x", Status::NotApplicable), ("o", Status::NotStarted)]
    {
        typed(&mut app, key);
        assert_eq!(selected_status(&app), status, "{key}");
    }
    typed(&mut app, "s");
    assert_eq!(selected_status(&app), Status::InProgress);
    typed(&mut app, "s");
    assert_eq!(selected_status(&app), Status::Done);
}

#[test]
fn a_heading_does_not_take_a_status_of_its_own() {
    let mut app = app();
    typed(&mut app, "2");
    while !app.selected().is_some_and(|(i, _)| app.rollup.facts(Some(1), i).is_group) {
        typed(&mut app, "j");
    }
    typed(&mut app, " ");
    assert_eq!(selected_status(&app), Status::NotStarted);
    assert!(app.message.as_ref().is_some_and(|m| m.is_error));
}

#[test]
fn assigning_takes_a_name_with_swedish_letters() {
    let mut app = app();
    typed(&mut app, "a");
    assert!(matches!(app.mode, Mode::Prompt { .. }));
    typed(&mut app, "Åsa Öberg");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(app.selected().unwrap().1.assignee, "Åsa Öberg");
    assert_eq!(app.workbook.history.last().unwrap().what, "assigned to Åsa Öberg");
}

#[test]
fn escape_leaves_a_prompt_without_a_change() {
    let mut app = app();
    typed(&mut app, "a");
    typed(&mut app, "Bo");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.selected().unwrap().1.assignee, "");
    assert!(!app.is_dirty());
}

#[test]
fn a_due_date_is_typed_as_a_date_or_as_days_from_today_and_cleared_when_empty() {
    let mut app = app();
    typed(&mut app, "d");
    typed(&mut app, "+7d");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected().unwrap().1.due, NaiveDate::from_ymd_opt(2026, 12, 3));
    typed(&mut app, "d");
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "2027-01-15");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected().unwrap().1.due, NaiveDate::from_ymd_opt(2027, 1, 15));
    typed(&mut app, "d");
    for _ in 0..10 {
        press(&mut app, KeyCode::Backspace);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.selected().unwrap().1.due, None);
}

#[test]
fn a_bad_due_date_keeps_the_prompt_open_with_the_reason() {
    let mut app = app();
    typed(&mut app, "d");
    typed(&mut app, "next tuesday");
    press(&mut app, KeyCode::Enter);
    match &app.mode {
        Mode::Prompt { error: Some(e), .. } => assert!(e.contains("2026-12-01"), "{e}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(app.selected().unwrap().1.due, None);
}

#[test]
fn a_multi_line_note_is_added_with_time_and_author_and_then_edited() {
    let mut app = app();
    typed(&mut app, "c");
    typed(&mut app, "Åtgärda DNS");
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "rad två");
    press(&mut app, KeyCode::Left);
    press(&mut app, KeyCode::Backspace); // removes the "v" of "två"
    press(&mut app, KeyCode::Esc);
    let note = app.selected().unwrap().1.notes.last().cloned().unwrap();
    assert_eq!(note.text, "Åtgärda DNS\nrad tå");
    assert_eq!((note.by.as_str(), note.at), ("ann", now()));
    typed(&mut app, "e");
    typed(&mut app, "!");
    press(&mut app, KeyCode::Esc);
    let notes = &app.selected().unwrap().1.notes;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].text, "Åtgärda DNS\nrad tå!");
}

#[test]
fn pasted_text_goes_into_the_note_whole() {
    let mut app = app();
    typed(&mut app, "c");
    update(&mut app, Msg::Paste("första\r\nandra".into()));
    let effects = ctrl(&mut app, 's');
    assert_eq!(effects, vec![Effect::Save { quit: false }]);
    assert_eq!(app.selected().unwrap().1.notes[0].text, "första\nandra");
}

#[test]
fn an_empty_new_note_adds_nothing() {
    let mut app = app();
    typed(&mut app, "c");
    press(&mut app, KeyCode::Esc);
    assert!(app.selected().unwrap().1.notes.is_empty());
    assert!(!app.is_dirty());
}

#[test]
fn undo_and_redo_go_many_steps_deep_and_take_the_history_with_them() {
    let mut app = app();
    let original = app.workbook.clone();
    let mut states = vec![original.clone()];
    for step in 0..12 {
        typed(&mut app, if step % 2 == 0 { "s" } else { "j" });
        if step % 2 == 0 {
            states.push(app.workbook.clone());
        }
    }
    typed(&mut app, "a");
    typed(&mut app, "Bo");
    press(&mut app, KeyCode::Enter);
    states.push(app.workbook.clone());
    for expected in states.iter().rev().skip(1) {
        typed(&mut app, "u");
        assert_eq!(&app.workbook, expected);
    }
    assert_eq!(app.workbook, original);
    for expected in states.iter().skip(1) {
        ctrl(&mut app, 'r');
        assert_eq!(&app.workbook, expected);
    }
}

#[test]
fn a_new_change_after_undo_drops_the_redo_steps() {
    let mut app = app();
    typed(&mut app, " ");
    typed(&mut app, "u");
    typed(&mut app, "b");
    ctrl(&mut app, 'r');
    assert_eq!(selected_status(&app), Status::Blocked);
}

#[test]
fn search_finds_text_across_phases_and_n_steps_through_the_hits() {
    let mut app = app();
    typed(&mut app, "/");
    typed(&mut app, "dns");
    press(&mut app, KeyCode::Enter);
    let search = app.search.clone().unwrap();
    assert!(search.hits.len() >= 3, "{:?}", search.hits);
    let phases: std::collections::BTreeSet<_> = search.hits.iter().map(|(s, _)| format!("{s:?}")).collect();
    assert!(phases.len() >= 2, "hits in more than one phase: {phases:?}");
    let first = selected_id(&app);
    assert!(app.selected().unwrap().1.text.to_lowercase().contains("dns"));
    typed(&mut app, "n");
    assert_ne!(selected_id(&app), first);
    typed(&mut app, "N");
    assert_eq!(selected_id(&app), first);
}

#[test]
fn search_matches_notes_and_assignees() {
    let mut app = app();
    typed(&mut app, "3");
    typed(&mut app, "a");
    typed(&mut app, "Zelda");
    press(&mut app, KeyCode::Enter);
    let assigned = selected_id(&app);
    typed(&mut app, "1");
    typed(&mut app, "/");
    typed(&mut app, "zeld");
    press(&mut app, KeyCode::Enter);
    assert_eq!(selected_id(&app), assigned);
    assert_eq!(app.section, Section::Phase(2));
}

fn item_rows(app: &App) -> Vec<String> {
    app.rows
        .iter()
        .filter_map(|r| match r {
            Row::Item { index, .. } => Some(app.items()[*index].id.clone()),
            Row::Group(_) => None,
        })
        .collect()
}

#[test]
fn the_blocked_filter_shows_only_blocked_items_and_says_so() {
    let mut app = app();
    typed(&mut app, "j");
    typed(&mut app, "b");
    let blocked = selected_id(&app);
    typed(&mut app, "B");
    assert_eq!(item_rows(&app), vec![blocked]);
    let line = phasebook::ui::checklist::filter_line(&app).unwrap();
    assert!(line.contains("blocked"), "{line}");
    typed(&mut app, "F");
    assert!(item_rows(&app).len() > 1);
    assert_eq!(phasebook::ui::checklist::filter_line(&app), None);
}

#[test]
fn the_mine_filter_shows_items_assigned_to_the_user() {
    let mut app = app();
    typed(&mut app, "a");
    typed(&mut app, "ann");
    press(&mut app, KeyCode::Enter);
    let mine = selected_id(&app);
    typed(&mut app, "M");
    assert_eq!(item_rows(&app), vec![mine]);
}

#[test]
fn the_due_filter_shows_overdue_and_this_weeks_items_only() {
    let mut app = app();
    typed(&mut app, "d");
    typed(&mut app, "2026-11-20");
    press(&mut app, KeyCode::Enter);
    let overdue = selected_id(&app);
    typed(&mut app, "j");
    typed(&mut app, "d");
    typed(&mut app, "+3d");
    press(&mut app, KeyCode::Enter);
    let soon = selected_id(&app);
    typed(&mut app, "j");
    typed(&mut app, "d");
    typed(&mut app, "+30d");
    press(&mut app, KeyCode::Enter);
    typed(&mut app, "D");
    assert_eq!(item_rows(&app), vec![overdue, soon]);
}

#[test]
fn the_not_started_filter_leaves_out_started_items() {
    let mut app = app();
    let total = item_rows(&app).len();
    typed(&mut app, "p");
    typed(&mut app, "S");
    assert_eq!(item_rows(&app).len(), total - 1);
}

#[test]
fn hiding_not_applicable_leaves_out_items_marked_so() {
    let mut app = app();
    let total = item_rows(&app).len();
    typed(&mut app, "x");
    typed(&mut app, "H");
    assert_eq!(item_rows(&app).len(), total - 1);
}

#[test]
fn quitting_a_clean_workbook_just_quits() {
    let mut app = app();
    assert_eq!(typed_effects(&mut app, 'q'), vec![Effect::Quit]);
}

fn typed_effects(app: &mut App, c: char) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
}

#[test]
fn quitting_with_unsaved_changes_asks_first() {
    let mut app = app();
    typed(&mut app, " ");
    assert_eq!(typed_effects(&mut app, 'q'), vec![]);
    assert!(matches!(app.mode, Mode::ConfirmQuit));
    assert_eq!(press(&mut app, KeyCode::Esc), vec![]);
    assert!(matches!(app.mode, Mode::Normal));
    typed(&mut app, "q");
    assert_eq!(typed_effects(&mut app, 's'), vec![Effect::Save { quit: true }]);
    typed(&mut app, "q");
    assert_eq!(typed_effects(&mut app, 'd'), vec![Effect::Quit]);
}

#[test]
fn ctrl_s_saves_and_a_saved_workbook_is_clean() {
    let mut app = app();
    typed(&mut app, " ");
    assert_eq!(ctrl(&mut app, 's'), vec![Effect::Save { quit: false }]);
    update(&mut app, crate::common::headless::saved(false));
    assert!(!app.is_dirty());
    assert!(app.message.as_ref().unwrap().text.starts_with("Saved"));
}

#[test]
fn a_failed_save_keeps_the_changes_and_says_why() {
    let mut app = app();
    typed(&mut app, " ");
    let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
    let error = phasebook::store::SaveError::DiskFull { path: "test.ron".into(), source: full };
    update(&mut app, Msg::Saved { result: Err(error), quit: false });
    assert!(app.is_dirty());
    assert!(app.message.as_ref().unwrap().is_error);
}

#[test]
fn a_failed_save_is_said_in_the_interface_language() {
    let mut app = crate::common::headless::app(Lang::Sv, (100, 30));
    typed(&mut app, " ");
    let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
    let error = phasebook::store::SaveError::DiskFull { path: "test.ron".into(), source: full };
    update(&mut app, Msg::Saved { result: Err(error), quit: false });
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "test.ron: kan inte spara: disken är full. Frigör utrymme och spara igen, eller spara en kopia på en annan disk. Filen på disken är oförändrad."
    );
}

#[test]
fn help_opens_on_question_mark_and_closes_on_escape() {
    let mut app = app();
    typed(&mut app, "?");
    assert!(matches!(app.mode, Mode::Help { .. }));
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn tab_moves_the_keys_to_the_detail_pane_where_j_scrolls() {
    let mut app = app();
    let cursor = app.cursor;
    press(&mut app, KeyCode::Tab);
    typed(&mut app, "jj");
    assert_eq!(app.cursor, cursor);
    assert_eq!(app.detail_scroll, 2);
}

#[test]
fn a_click_selects_a_row_and_a_phase() {
    let mut app = app();
    let areas = app.areas();
    // A click on the line where an item's row starts selects that item.
    let screen = crate::common::headless::screen_text(&app);
    let line = screen.lines().position(|l| l.contains("Start the onboarding together")).unwrap();
    update(&mut app, Msg::Click { column: areas.list.x + 5, row: u16::try_from(line).unwrap() });
    assert!(app.selected().unwrap().1.text.starts_with("Start the onboarding together"));
    update(&mut app, Msg::Click { column: areas.stepper.right() - 2, row: areas.stepper.y });
    assert_eq!(app.section, Section::Phase(4));
    update(&mut app, Msg::Scroll { down: true, column: areas.list.x + 5, row: areas.list.y + 4 });
    assert!(app.cursor > 0);
}

#[test]
fn with_the_mouse_off_clicks_do_nothing() {
    let wb = find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    let config = Config::from_texts(Some(("c", "(mouse: false)")), "ann");
    let mut app = App::new(wb, "t.ron".into(), Lang::En, config, now());
    let areas = phasebook::app::layout::areas(80, 24);
    update(&mut app, Msg::Click { column: areas.stepper.right() - 2, row: areas.stepper.y });
    assert_eq!(app.section, Section::Phase(0));
}

#[test]
fn actions_can_be_sent_without_keys() {
    let mut app = app();
    update(&mut app, Msg::Action(Action::GoToPhase(2)));
    assert_eq!(app.section, Section::Phase(1));
}

#[test]
fn the_export_dialog_offers_a_default_path_per_format_and_returns_the_export_effect() {
    let mut app = app();
    app.workbook.engagement.customer = "Åkesson AB".into();
    typed(&mut app, "X");
    assert!(matches!(app.mode, Mode::Export { .. }));
    press(&mut app, KeyCode::Tab);
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(
        effects,
        vec![Effect::Export {
            format: phasebook::export::Format::Html,
            path: "åkesson-ab-status-2026-11-26.html".into()
        }]
    );
    assert!(matches!(app.mode, Mode::Normal));
    update(&mut app, Msg::Exported(Ok("x.html".into())));
    assert!(app.message.as_ref().unwrap().text.contains("x.html"));
}

#[test]
fn a_name_typed_over_the_suggested_export_path_replaces_it() {
    let mut app = app();
    typed(&mut app, "X");
    typed(&mut app, "mine.md");
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::Export { format: phasebook::export::Format::Md, path: "mine.md".into() }]);
}

#[test]
fn a_typed_export_path_is_kept_when_the_format_changes() {
    let mut app = app();
    typed(&mut app, "X");
    for _ in 0..60 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "out.txt");
    press(&mut app, KeyCode::Tab);
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::Export { format: phasebook::export::Format::Html, path: "out.txt".into() }]);
}

#[test]
fn a_name_typed_without_a_folder_is_exported_beside_the_workbook() {
    for (typed_name, goes_to) in [("out.md", "/engagements/acme/out.md"), ("/tmp/out.md", "/tmp/out.md")] {
        let mut app = app();
        app.path = "/engagements/acme/acme.ron".into();
        typed(&mut app, "X");
        for _ in 0..80 {
            press(&mut app, KeyCode::Backspace);
        }
        typed(&mut app, typed_name);
        let effects = press(&mut app, KeyCode::Enter);
        assert_eq!(effects, vec![Effect::Export { format: phasebook::export::Format::Md, path: goes_to.into() }]);
    }
}

#[test]
fn undoing_back_to_the_saved_state_leaves_nothing_unsaved() {
    let mut app = app();
    typed(&mut app, " ");
    assert!(app.is_dirty());
    typed(&mut app, "u");
    assert!(!app.is_dirty());
    ctrl(&mut app, 'r');
    update(&mut app, crate::common::headless::saved(false));
    typed(&mut app, "u");
    assert!(app.is_dirty(), "the saved file has the change that was undone");
    typed(&mut app, " ");
    typed(&mut app, "u");
    assert!(app.is_dirty());
}

#[test]
fn a_control_character_in_a_phase_title_is_shown_in_the_checklist_title_not_dropped() {
    let mut wb = find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    wb.phases[0].title = "Pl\u{1b}[31man\u{7}".into();
    let mut app = App::new(wb, "t.ron".into(), Lang::En, Config::from_texts(None, "ann"), now());
    update(&mut app, Msg::Resize(100, 30));
    let screen = crate::common::headless::screen_text(&app);
    let list_top = screen.lines().nth(usize::from(app.areas().list.y)).unwrap();
    assert!(list_top.starts_with("┌ Pl\\u{1b}[31man\\u{7} ─"), "{screen}");
}

#[test]
fn the_gate_screen_names_an_earlier_open_phase_by_its_title() {
    let mut app = crate::common::headless::app(Lang::En, (100, 30));
    crate::common::headless::keys(&mut app, "2r");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("■ Gate of an earlier phase still open: Initiate"), "{screen}");
}

#[test]
fn a_long_message_on_a_workflow_screen_is_read_whole_over_it() {
    let mut app = crate::common::headless::app(Lang::En, (110, 30));
    // A sign-off on the joint gate of a phase not reached yet.
    crate::common::headless::keys(&mut app, "3rM");
    let screen = crate::common::headless::screen_text(&app);
    let said: String = screen.lines().rev().take(2).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join(" ");
    let words = said.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("The gate is not reached yet: sign off once the earlier gates have passed (an early sign-off can be removed: leave the name empty)."),
        "{screen}"
    );
}

#[test]
fn the_parties_a_workbook_names_are_called_so_on_screen_and_in_the_keys() {
    let mut wb = find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    wb.meta.parties.provider = "Northwind Consulting".into();
    wb.meta.parties.customer = "Client".into();
    let mut app = App::new(wb, "t.ron".into(), Lang::En, Config::from_texts(None, "ann"), now());
    update(&mut app, Msg::Resize(120, 40));
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("│Northwind Consulting "), "{screen}");
    assert!(screen.contains("│Client "), "{screen}");
    crate::common::headless::keys(&mut app, "3r");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("· Northwind Consulting: not signed"), "{screen}");
    assert!(screen.contains("sign-off Northwind Consulting/Client"), "{screen}");
    crate::common::headless::keys(&mut app, "?");
    let screen = crate::common::headless::screen_text(&app);
    assert!(
        screen.contains("Sign off the gate for Northwind Consulting")
            && screen.contains("Sign off the gate for Client"),
        "{screen}"
    );
}

#[test]
fn a_long_warning_takes_a_second_banner_line_and_the_folded_details_offer_the_way_back() {
    let mut wb = find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    wb.meta.language = "de".into();
    let mut app = App::new(wb, "t.ron".into(), Lang::En, Config::from_texts(None, "ann"), now());
    update(&mut app, Msg::Resize(80, 24));
    let screen = crate::common::headless::screen_text(&app);
    let banner = app.areas().banner;
    assert_eq!(banner.height, 2, "{screen}");
    let lines: Vec<&str> = screen.lines().skip(usize::from(banner.y)).take(2).collect();
    let said = lines.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(said.contains("Set `meta.language` to one of them."), "{screen}");
    crate::common::headless::keys(&mut app, "\t");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.lines().last().unwrap().contains("Tab checklist"), "{screen}");
}
