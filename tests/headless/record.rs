//! The record holds on every path: each rule the interface, the loader and the command
//! line share, pinned by the bug that once broke it.

use std::sync::Arc;

use crate::common::headless::{Workspace, keys, open};
use crossterm::event::{KeyCode, KeyModifiers};
use phasebook::app::state::Mode;
use phasebook::app::update::{Msg, update};
use phasebook::store::fs::FaultyFs;
use phasebook::store::{self, backup_path};

/// The workspace opened read-only, as when another phasebook holds the lock.
fn read_only() -> Workspace {
    let mut w = open(Arc::new(FaultyFs::new()));
    w.app.read_only = Some("Read-only: opened by bo on laptop since 2026-11-26 09:00. Saving is off.".into());
    w
}

fn files_beside(w: &Workspace) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(w.path.parent().unwrap())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_read_only_phasebook_never_writes_the_workbook_and_quitting_keeps_the_work_in_a_copy() {
    let mut w = read_only();
    let before = std::fs::read(&w.path).unwrap();
    keys(&mut w.app, " ");
    w.save();
    assert!(w.message().contains("Saving is off") && w.message().contains("copy"), "{}", w.message());
    // Ctrl+S in the note editor.
    w.typed("cA note");
    w.press(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(matches!(w.app.mode, Mode::Normal));
    assert_eq!(w.app.selected().unwrap().1.notes.len(), 1, "the note is kept in memory");
    assert_eq!(std::fs::read(&w.path).unwrap(), before);
    assert!(!backup_path(&w.path, 1).exists(), "no backup was rotated");
    // q, then s in the quit prompt: the work goes to a copy, the workbook is untouched.
    assert!(!w.typed("q"));
    assert!(w.typed("s"), "it quits once the copy is written");
    assert_eq!(std::fs::read(&w.path).unwrap(), before);
    let copies: Vec<String> = files_beside(&w).into_iter().filter(|n| n.starts_with("contoso.copy-")).collect();
    assert_eq!(copies.len(), 1, "{:?}", files_beside(&w));
    let copy = store::load(&w.path.with_file_name(&copies[0])).unwrap();
    assert!(copy == w.app.workbook);
}

#[test]
fn a_start_date_before_the_purchase_date_is_a_warning_and_the_saved_file_opens() {
    let mut w = open(Arc::new(FaultyFs::new()));
    // Purchase date (row 5), then start date (row 6), in the engagement screen.
    keys(&mut w.app, "Ejjjj\n2026-11-20\nj\n2026-11-01\n\x1b");
    assert_eq!(w.app.workbook.engagement.start_date, chrono::NaiveDate::from_ymd_opt(2026, 11, 1));
    let warnings: Vec<String> = w.app.warnings().map(|i| i.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("before the purchase date"));
    w.save();
    let loaded = store::open(&w.path).expect("a file phasebook wrote opens");
    assert_eq!(loaded.warnings.len(), 1);
}

#[test]
fn an_edit_that_would_keep_the_file_from_opening_is_refused_with_the_loaders_words() {
    let mut w = open(Arc::new(FaultyFs::new()));
    let before = w.app.workbook.clone();
    let mut decision = phasebook::model::decision::record(
        &w.app.workbook,
        "Link to nothing".into(),
        phasebook::model::DecisionKind::General,
        "ann",
        w.app.today(),
    );
    decision.links = vec!["no-such-item".into()];
    let edit = phasebook::model::edit::Edit::Decision { index: 0, from: None, to: Some(Box::new(decision)) };
    phasebook::app::commit::commit(&mut w.app, edit);
    assert!(w.app.workbook == before, "nothing changed");
    assert!(!w.app.is_dirty());
    assert!(w.message().contains("links to \"no-such-item\", which does not exist"), "{}", w.message());
}

#[test]
fn nothing_acts_while_the_window_is_too_small_but_a_resize() {
    let mut w = open(Arc::new(FaultyFs::new()));
    update(&mut w.app, Msg::Resize(60, 20));
    let before = w.app.workbook.clone();
    let cursor = w.app.cursor;
    w.typed("j ");
    w.typed("Ojj ");
    assert!(w.app.workbook == before, "no key changed the workbook");
    assert_eq!((w.app.cursor, w.app.screen.is_none()), (cursor, true), "nor moved or opened anything");
    update(&mut w.app, Msg::Resize(100, 30));
    w.typed(" ");
    assert!(w.app.is_dirty(), "at a size that shows the workbook, keys act again");
    // Too small with unsaved work: quitting asks, on the small screen, and the answer acts.
    update(&mut w.app, Msg::Resize(60, 20));
    assert!(!w.typed("q"));
    assert!(matches!(w.app.mode, Mode::ConfirmQuit));
    let screen = crate::common::headless::screen_text(&w.app);
    assert!(screen.contains("s save and quit"), "{screen}");
    w.typed("\x1b");
    assert!(matches!(w.app.mode, Mode::Normal));
    assert!(!w.typed("q"));
    assert!(w.typed("s"), "saved and quit");
    assert!(!w.app.is_dirty());
}

#[test]
fn a_search_opens_empty_and_up_recalls_the_last_query() {
    let mut w = open(Arc::new(FaultyFs::new()));
    keys(&mut w.app, "/kick\n");
    assert_eq!(w.app.search.as_ref().unwrap().query, "kick");
    keys(&mut w.app, "/");
    let typed = |w: &Workspace| match &w.app.mode {
        Mode::Prompt { input, .. } => input.lines().join(""),
        _ => panic!("no prompt"),
    };
    assert_eq!(typed(&w), "", "a new search starts empty");
    w.press(KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(typed(&w), "kick", "Up recalls the last query");
    w.press(KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(typed(&w), "", "Down comes back to what was typed");
}

#[test]
fn a_value_prompt_starts_with_the_value_selected_so_typing_replaces_it() {
    let mut w = open(Arc::new(FaultyFs::new()));
    keys(&mut w.app, "aAnna Berg\n");
    assert_eq!(w.app.selected().unwrap().1.assignee, "Anna Berg");
    keys(&mut w.app, "aBo Lind\n");
    assert_eq!(w.app.selected().unwrap().1.assignee, "Bo Lind", "typing replaced the old name");
    keys(&mut w.app, "a\n");
    assert_eq!(w.app.selected().unwrap().1.assignee, "Bo Lind", "Enter keeps it");
    w.press(KeyCode::Char('a'), KeyModifiers::NONE);
    w.press(KeyCode::End, KeyModifiers::NONE);
    keys(&mut w.app, " Jr\n");
    assert_eq!(w.app.selected().unwrap().1.assignee, "Bo Lind Jr", "a move keeps it to edit");
}

#[test]
fn a_gate_not_yet_reached_cannot_be_signed_off() {
    let mut w = open(Arc::new(FaultyFs::new()));
    // The joint Remediate gate, while Initiate's is open.
    keys(&mut w.app, "3rC");
    assert!(matches!(w.app.mode, Mode::Normal), "no sign-off prompt");
    assert!(w.message().contains("not reached"), "{}", w.message());
    assert!(w.app.workbook.phases[2].gate.signoffs.is_empty());
    // A gate that is not joint takes no sign-off at all.
    keys(&mut w.app, "\x1b1rM");
    assert!(matches!(w.app.mode, Mode::Normal), "no sign-off prompt");
    assert!(w.message().contains("not a joint gate"), "{}", w.message());
}

#[test]
fn an_item_reopened_after_its_gate_passed_is_said_on_the_gate_and_in_status() {
    let mut w = open(Arc::new(FaultyFs::new()));
    let first = &mut w.app.workbook.phases[0];
    for item in &mut first.items {
        item.status = phasebook::model::Status::Done;
    }
    for criterion in &mut first.gate.criteria {
        criterion.met = true;
    }
    w.app.rollup = phasebook::model::Rollup::of(&w.app.workbook);
    w.app.rebuild_rows();
    keys(&mut w.app, "rp\x1b");
    assert!(w.app.workbook.phases[0].gate.passed.is_some());
    keys(&mut w.app, "1o");
    keys(&mut w.app, "r");
    let screen = crate::common::headless::screen_text(&w.app);
    assert!(screen.contains("1 item(s) reopened after the gate passed"), "{screen}");
    let status = phasebook::report::status(&w.app.workbook, &w.app.rollup, w.app.strings(), w.app.today());
    assert!(status.contains("reopened after the gate passed"), "{status}");
}

#[test]
fn a_ruled_out_combination_shows_on_the_main_screen_until_resolved() {
    let mut w = open(Arc::new(FaultyFs::new()));
    let pick = |w: &mut Workspace, question: &str, option: &str| {
        let q = w.app.workbook.scope.iter().position(|q| q.id == question).unwrap();
        let o = w.app.workbook.scope[q].options.iter().position(|o| o.id == option).unwrap();
        let edit = phasebook::model::scope::choose(&w.app.workbook, q, o, "ann", w.app.today()).unwrap();
        phasebook::app::commit::commit(&mut w.app, edit);
    };
    pick(&mut w, "identity", "federated");
    pick(&mut w, "forests", "multiple");
    let screen = crate::common::headless::screen_text(&w.app);
    let banner = screen.lines().nth(usize::from(w.app.areas().banner.y)).unwrap();
    assert!(banner.starts_with("⚠ [O] The scope answers make a combination the process rules out"), "{screen}");
    pick(&mut w, "forests", "single");
    let screen = crate::common::headless::screen_text(&w.app);
    assert!(!screen.contains("rules out"), "{screen}");
}

#[test]
fn a_sub_items_detail_names_its_heading_when_the_heading_is_out_of_scope() {
    let mut w = open(Arc::new(FaultyFs::new()));
    for (question, answer) in [("identity", "synchronized"), ("forests", "multiple")] {
        w.app.workbook.scope.iter_mut().find(|q| q.id == question).unwrap().answer = vec![answer.into()];
    }
    w.app.rollup = phasebook::model::Rollup::of(&w.app.workbook);
    keys(&mut w.app, "4");
    let row = w
        .app
        .rows
        .iter()
        .position(|r| {
            matches!(r, phasebook::app::state::Row::Item { index, .. }
        if w.app.items()[*index].id == "enable-core.ms.single-forest.password-sync")
        })
        .unwrap();
    w.app.cursor = row;
    update(&mut w.app, Msg::Resize(300, 50));
    let screen = crate::common::headless::screen_text(&w.app);
    assert!(screen.contains("out of scope — its heading “Guidance for an environment"), "{screen}");
    assert!(!screen.contains("not (Which identity option"), "the sub-item's own condition holds: {screen}");
}

#[test]
fn a_sign_off_given_before_its_gate_was_reached_can_be_taken_back() {
    let mut w = open(Arc::new(FaultyFs::new()));
    let remediate = w.app.workbook.phase_index("remediate").unwrap();
    let signoff =
        phasebook::model::SignOff { party: phasebook::model::Owner::Microsoft, name: "Bo".into(), date: w.app.today() };
    w.app.workbook.phases[remediate].gate.signoffs.push(signoff);
    w.app.issues = phasebook::model::check::check(&w.app.workbook);
    assert_eq!(w.app.warnings().count(), 1);
    keys(&mut w.app, "3rM");
    assert!(matches!(w.app.mode, Mode::Prompt { .. }), "the early sign-off opens to be removed: {}", w.message());
    keys(&mut w.app, "Anna\n");
    assert!(matches!(w.app.mode, Mode::Prompt { .. }), "a new name is refused while the gate is not reached");
    w.press(KeyCode::Char('u'), KeyModifiers::CONTROL);
    keys(&mut w.app, "\n");
    assert!(w.app.workbook.phases[remediate].gate.signoffs.is_empty());
    assert_eq!(w.app.warnings().count(), 0, "the warning is gone with it");
}

#[test]
fn a_meeting_with_minutes_is_thrown_away_only_on_a_second_press() {
    let mut w = open(Arc::new(FaultyFs::new()));
    keys(&mut w.app, "mnAgreed the plan\x1bx");
    assert!(w.app.meeting_in_progress(), "the first x only asks");
    assert!(w.message().contains("again"), "{}", w.message());
    keys(&mut w.app, "tx");
    assert!(matches!(w.app.mode, Mode::Prompt { .. }), "another key disarms it");
    keys(&mut w.app, "\x1bxx");
    assert!(w.app.meeting_draft.is_none(), "two presses in a row throw it away");
}

#[test]
fn the_history_screen_lists_changes_newest_first_narrows_them_and_goes_to_the_item() {
    let mut app = crate::common::headless::app(phasebook::i18n::Lang::En, (120, 40));
    // Done on the first item, an assignee on the second.
    crate::common::headless::keys(&mut app, " ja");
    crate::common::headless::keys(&mut app, "Åsa\n");
    crate::common::headless::keys(&mut app, "T");
    let screen = crate::common::headless::screen_text(&app);
    let first = screen.find("assigned to Åsa · Start the onboarding together with you.").expect(&screen);
    let second =
        screen.find("status not started → done; phase started 2026-11-26 · Get in touch with you").expect(&screen);
    assert!(first < second, "newest first:\n{screen}");
    assert!(screen.contains("2026-11-26 10:30  ann"), "{screen}");
    // Narrowed to a word: only the change that mentions it.
    crate::common::headless::keys(&mut app, "/touch\n");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("1 of 2 changes mention “touch”"), "{screen}");
    assert!(!screen.contains("assigned to Åsa"), "{screen}");
    // Enter goes to the item it changed, on the main screen.
    crate::common::headless::keys(&mut app, "\n");
    assert!(app.screen.is_none());
    assert!(app.selected().unwrap().1.text.starts_with("Get in touch with you"));
    // Read in Swedish, the same changes say it in Swedish.
    let mut wb = app.workbook.clone();
    wb.meta.language = "sv".into();
    let mut sv = phasebook::app::state::App::new(
        wb,
        "t.ron".into(),
        phasebook::i18n::Lang::Sv,
        phasebook::app::config::Config::from_texts(None, "ann"),
        crate::common::headless::now(),
    );
    phasebook::app::update::update(&mut sv, phasebook::app::update::Msg::Resize(120, 40));
    crate::common::headless::keys(&mut sv, "T");
    let screen = crate::common::headless::screen_text(&sv);
    assert!(screen.contains("tilldelad Åsa · Start the onboarding"), "{screen}");
    assert!(screen.contains("status ej påbörjad → klar; fasen påbörjad 2026-11-26 · Get in touch"), "{screen}");
}

#[test]
fn a_row_shows_how_many_notes_its_item_has_and_undo_names_the_item() {
    let mut app = crate::common::headless::app(phasebook::i18n::Lang::En, (120, 40));
    crate::common::headless::keys(&mut app, "cCalled them\x1b");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("are purchased. ✎1"), "{screen}");
    crate::common::headless::keys(&mut app, "u");
    let message = app.message.as_ref().unwrap().text.clone();
    assert_eq!(message, "Undone: note added · Get in touch with you within 30 days after eligible license…");
}

#[test]
fn a_gate_passed_and_signed_on_an_earlier_day_keeps_that_day_in_status_and_exports() {
    use std::sync::Arc;
    let mut w = crate::common::headless::open(Arc::new(phasebook::store::fs::FaultyFs::new()));
    // Close every item and criterion of the first phase, then pass its gate three days ago.
    for item in &mut w.app.workbook.phases[0].items {
        item.status = phasebook::model::Status::Done;
    }
    for c in &mut w.app.workbook.phases[0].gate.criteria {
        c.met = true;
    }
    w.app.rollup = phasebook::model::Rollup::of(&w.app.workbook);
    w.typed("1rd");
    assert!(matches!(w.app.mode, phasebook::app::state::Mode::Prompt { .. }));
    w.typed("-3d\n");
    let passed = w.app.workbook.phases[0].gate.passed.clone().expect("passed");
    assert_eq!(passed.date, w.app.today() - chrono::Days::new(3));
    w.typed("\x1b");
    assert!(!w.save(), "saving does not end the session");
    let on_disk = w.on_disk();
    assert_eq!(on_disk.phases[0].gate.passed.as_ref().map(|p| p.date), Some(passed.date));
    let rollup = phasebook::model::Rollup::of(&on_disk);
    let status = phasebook::report::status(&on_disk, &rollup, phasebook::i18n::Lang::En.strings(), w.app.today());
    assert!(status.contains(&format!("passed {}", passed.date)), "{status}");
    let snapshot = phasebook::export::Snapshot::new(&on_disk, &rollup, w.app.now);
    let md = phasebook::export::render(
        phasebook::export::Format::Md,
        &snapshot,
        phasebook::i18n::Lang::En.strings(),
        phasebook::export::csv::Separator::Comma,
    );
    assert!(md.contains(&passed.date.to_string()), "{md}");
}

#[test]
fn a_sign_off_takes_a_day_after_a_comma_and_refuses_one_to_come() {
    let mut app = crate::common::headless::app(phasebook::i18n::Lang::En, (120, 40));
    // The joint gate of Remediate, reached once the gates before it have passed.
    for p in 0..2 {
        let today = app.today();
        app.workbook.phases[p].gate.passed =
            Some(phasebook::model::Passage { date: today, by: "ann".into(), waiver: None });
    }
    app.rollup = phasebook::model::Rollup::of(&app.workbook);
    crate::common::headless::keys(&mut app, "3rMAnna Berg, 2026-11-20\n");
    let signed = app.workbook.phases[2].gate.signoffs.clone();
    assert_eq!(signed.len(), 1);
    assert_eq!((signed[0].name.as_str(), signed[0].date.to_string().as_str()), ("Anna Berg", "2026-11-20"));
    crate::common::headless::keys(&mut app, "CBo Ek, +2d\n");
    assert!(matches!(app.mode, phasebook::app::state::Mode::Prompt { .. }), "a day to come is refused");
    let phasebook::app::state::Mode::Prompt { error, .. } = &app.mode else { panic!("a prompt") };
    assert_eq!(error.as_deref(), Some("A sign-off is given today or before, not on a day still to come."));
    // A day that is no day is refused too, not taken into the name.
    crate::common::headless::keys(&mut app, "\x1bCBo Ek, 2026-13-01\n");
    assert!(matches!(app.mode, phasebook::app::state::Mode::Prompt { .. }), "a bad day is refused");
    assert!(app.workbook.phases[2].gate.signoffs.iter().all(|s| !s.name.contains("2026")));
}

#[test]
fn a_lead_adds_rewords_moves_and_removes_items_each_undoable_and_saved() {
    use std::sync::Arc;
    let mut w = crate::common::headless::open(Arc::new(phasebook::store::fs::FaultyFs::new()));
    let before = w.app.workbook.clone();
    let phase = w.app.workbook.phases[0].id.clone();
    // A task of the customer's own, in the Customer group.
    w.typed("jjjjjj");
    let owner = w.app.selected().unwrap().1.owner;
    w.typed("+Book the workshop room\n");
    let (_, added) = w.app.selected().unwrap();
    assert_eq!(added.text, "Book the workshop room");
    assert_eq!((added.id.clone(), added.owner, added.own), (format!("{phase}.own.1"), owner, true));
    // Reworded.
    w.typed("=");
    w.press(crossterm::event::KeyCode::Char('u'), crossterm::event::KeyModifiers::CONTROL);
    w.typed("Book the big room\n");
    // Then its detail, kept as it was with a bare Enter.
    assert!(matches!(
        w.app.mode,
        phasebook::app::state::Mode::Prompt { kind: phasebook::app::state::PromptKind::ItemDetail, .. }
    ));
    w.typed("\n");
    assert_eq!(w.app.selected().unwrap().1.text, "Book the big room");
    assert_eq!(w.app.workbook.history.last().unwrap().what, "reworded: Book the big room");
    // Up one among its siblings, and the cursor stays on it.
    let at = w.app.items().iter().position(|i| i.id == format!("{phase}.own.1")).unwrap();
    w.typed("K");
    let now = w.app.items().iter().position(|i| i.id == format!("{phase}.own.1")).unwrap();
    assert!(now < at, "moved up from {at} to {now}");
    assert_eq!(w.app.workbook.history.last().unwrap().what, "moved");
    assert_eq!(w.app.selected().unwrap().1.id, format!("{phase}.own.1"), "the cursor went with it");
    // Saved, it opens with the new task; the file validates.
    assert!(!w.save());
    let on_disk = w.on_disk();
    assert!(on_disk.phases[0].items.iter().any(|i| i.text == "Book the big room" && i.own));
    // Removed: an own item goes.
    let go_to = w
        .app
        .rows
        .iter()
        .position(|r| matches!(r, phasebook::app::state::Row::Item { index, .. } if *index == now))
        .unwrap();
    w.app.cursor = go_to;
    w.typed("-");
    assert!(w.app.items().iter().all(|i| !i.own));
    // Undo each, back to where the workbook began.
    w.typed("uuuu");
    assert_eq!(w.app.workbook.phases, before.phases);
    // One of the process's is set not applicable with the reason noted, not deleted.
    w.app.cursor = w.app.first_item_row_from(0);
    let id = w.app.selected().unwrap().1.id.clone();
    w.typed("-Done by their own IT already\n");
    let item = w.app.workbook.item(&id).unwrap();
    assert_eq!(item.status, phasebook::model::Status::NotApplicable);
    assert_eq!(item.notes.last().unwrap().text, "Done by their own IT already");
    // And the history says what was done, in words (what was undone is no longer in it).
    let history: Vec<String> = w.app.workbook.history.iter().map(|c| c.what.clone()).collect();
    assert_eq!(history, ["status not started → not applicable; note added; phase started 2026-11-26"]);
}

#[test]
fn a_meeting_started_from_the_planned_kick_off_is_closed_reread_and_its_minutes_corrected() {
    let mut app = crate::common::headless::app(phasebook::i18n::Lang::En, (120, 40));
    crate::common::headless::keys(&mut app, "m");
    let draft = app.meeting_draft.clone().unwrap();
    assert_eq!(draft.kind, phasebook::model::MeetingKind::KickOff);
    assert_eq!(draft.title, "Engagement kick-off meeting");
    let kickoff = |app: &phasebook::app::state::App| {
        app.workbook.phases[0].gate.criteria.iter().find(|c| c.id == "initiate.gate.kickoff").unwrap().met
    };
    assert!(!kickoff(&app));
    crate::common::headless::keys(&mut app, "nAgreed the plan.\x1bc");
    assert_eq!(app.workbook.meetings.len(), 1);
    let planned = app.workbook.phases[0].meetings[0].id.clone();
    assert_eq!(app.workbook.meetings[0].planned.as_deref(), Some(planned.as_str()));
    // Holding the kick-off meets the gate's criterion that names it, in the same step.
    assert!(kickoff(&app), "the kick-off criterion is met");
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(said.contains("Criterion met: Kick-off meeting held"), "{said}");
    crate::common::headless::keys(&mut app, "u");
    assert!(app.workbook.meetings.is_empty() && !kickoff(&app), "undone as one");
    phasebook::app::update::update(&mut app, phasebook::app::update::Msg::Action(phasebook::app::action::Action::Redo));
    assert!(app.workbook.meetings.len() == 1 && kickoff(&app));
    // The meetings screen: the planned one held, and the minutes to reread.
    crate::common::headless::keys(&mut app, "w");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("Initiate · kick-off: Engagement kick-off meeting — held 2026-11-26"), "{screen}");
    assert!(screen.contains("2026-11-26 10:30 · kick-off · Engagement kick-off meeting"), "{screen}");
    assert!(screen.contains("Agreed the plan."), "{screen}");
    // PgDn reads on into long minutes; moving the selection starts them from the top.
    phasebook::app::update::update(
        &mut app,
        phasebook::app::update::Msg::Action(phasebook::app::action::Action::PageDown),
    );
    assert!(app.detail_scroll > 0);
    crate::common::headless::keys(&mut app, "k");
    assert_eq!(app.detail_scroll, 0);
    // Corrected afterwards: one recorded change, undoable.
    crate::common::headless::keys(&mut app, "n Bo keeps the list.\x1b");
    assert_eq!(app.workbook.meetings[0].minutes, "Agreed the plan. Bo keeps the list.");
    let last = app.workbook.history.last().unwrap();
    assert_eq!(last.what, "minutes corrected: Engagement kick-off meeting");
    crate::common::headless::keys(&mut app, "u");
    assert_eq!(app.workbook.meetings[0].minutes, "Agreed the plan.");
    // The next meeting started is no longer the kick-off.
    crate::common::headless::keys(&mut app, "\x1bm");
    assert_ne!(app.meeting_draft.as_ref().unwrap().planned.as_deref(), Some(planned.as_str()));
}

#[test]
fn a_phase_starts_when_its_first_item_moves_and_its_start_can_be_set_and_is_exported() {
    let mut app = crate::common::headless::app(phasebook::i18n::Lang::En, (120, 40));
    assert_eq!(app.workbook.phases[0].started, None);
    crate::common::headless::keys(&mut app, "p");
    assert_eq!(app.workbook.phases[0].started, Some(app.today()));
    // Undone with the status, as one step.
    crate::common::headless::keys(&mut app, "u");
    assert_eq!(app.workbook.phases[0].started, None);
    // Set by hand on the gate screen.
    crate::common::headless::keys(&mut app, "rs2026-11-20\n");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 20);
    assert_eq!(app.workbook.phases[0].started, day);
    let rollup = phasebook::model::Rollup::of(&app.workbook);
    let snapshot = phasebook::export::Snapshot::new(&app.workbook, &rollup, app.now);
    let md = phasebook::export::render(
        phasebook::export::Format::Md,
        &snapshot,
        phasebook::i18n::Lang::En.strings(),
        phasebook::export::csv::Separator::Comma,
    );
    assert!(md.lines().any(|l| l.contains("Initiate") && l.contains("| 2026-11-20")), "{md}");
}

#[test]
fn moving_an_item_in_a_filtered_list_keeps_the_filter() {
    let mut app = crate::common::headless::app(phasebook::i18n::Lang::En, (120, 40));
    crate::common::headless::keys(&mut app, "jS");
    assert!(app.filter.not_started);
    let (before, item) = app.selected().unwrap();
    let id = item.id.clone();
    crate::common::headless::keys(&mut app, "J");
    assert_ne!(app.selected().unwrap().0, before, "it moved");
    assert!(app.filter.not_started, "the filter stays on");
    assert_eq!(app.selected().unwrap().1.id, id, "the cursor went with the item");
}

#[test]
fn the_first_group_heading_comes_back_into_view_and_a_resize_starts_the_details_at_their_top() {
    let mut w = open(Arc::new(FaultyFs::new()));
    let app = &mut w.app;
    update(app, Msg::Resize(80, 24));
    assert!(matches!(app.rows[0], phasebook::app::state::Row::Group(_)));
    // Scrolled one row too far, as a shorter window (the note editor's) left it.
    app.cursor = app.first_item_row_from(0);
    app.scroll = app.cursor;
    update(app, Msg::Resize(80, 24));
    assert_eq!(app.scroll, 0, "the heading above the first item is shown again");
    app.detail_scroll = 12;
    update(app, Msg::Resize(100, 30));
    assert_eq!(app.detail_scroll, 0);
}

#[test]
fn a_task_added_on_a_sub_item_goes_under_its_heading_and_a_reword_takes_the_detail_too() {
    let mut app = crate::common::headless::app(phasebook::i18n::Lang::En, (120, 40));
    // Assess: a sub-item of "Give guidance on these topics:".
    crate::common::headless::keys(&mut app, "2");
    let heading_row = app.rows.iter().position(
        |r| matches!(r, phasebook::app::state::Row::Item { index, .. } if app.items()[*index].parent.is_some()),
    );
    app.cursor = heading_row.expect("a sub-item");
    let parent = app.selected().unwrap().1.parent.clone();
    crate::common::headless::keys(&mut app, "+Ask for the licence list\n");
    let added = app.items().iter().find(|i| i.own).unwrap();
    assert_eq!(added.parent, parent, "under the same heading");
    assert_eq!(app.selected().unwrap().1.id, added.id, "the cursor is on it");
    // Reworded with a detail, as one change, undone as one.
    crate::common::headless::keys(&mut app, "=");
    for _ in 0..40 {
        crate::common::headless::keys(&mut app, "\x08");
    }
    crate::common::headless::keys(&mut app, "Ask Bo for the licence list\nFrom the purchase mail.\n");
    let item = app.selected().unwrap().1.clone();
    assert_eq!((item.text.as_str(), item.detail.as_str()), ("Ask Bo for the licence list", "From the purchase mail."));
    crate::common::headless::keys(&mut app, "u");
    let item = app.selected().unwrap().1.clone();
    assert_eq!((item.text.as_str(), item.detail.as_str()), ("Ask for the licence list", ""));
}

#[test]
fn a_meeting_written_up_afterwards_is_stored_on_the_day_it_was_held_and_a_day_to_come_is_refused() {
    let mut app = crate::common::headless::app(phasebook::i18n::Lang::En, (120, 40));
    crate::common::headless::keys(&mut app, "md+2d\n");
    assert!(matches!(&app.mode, Mode::Prompt { error: Some(e), .. } if e.contains("not on a day still to come")));
    crate::common::headless::keys(&mut app, "\x1bd-3d\nc");
    let held = app.workbook.meetings[0].held;
    assert_eq!(held.date_naive(), app.today() - chrono::Days::new(3));
    assert_eq!(held.time(), app.now.time(), "at the time of day it was stored");
}

#[test]
fn passing_a_blocked_gate_on_a_day_asks_for_the_waiver_and_passes_on_that_day() {
    let mut app = crate::common::headless::app(phasebook::i18n::Lang::En, (120, 40));
    crate::common::headless::keys(&mut app, "rd");
    for _ in 0..12 {
        crate::common::headless::keys(&mut app, "\x08");
    }
    crate::common::headless::keys(&mut app, "-2d\nHeld at the pre-sales call\n");
    let passed = app.workbook.phases[0].gate.passed.clone().expect("passed on a waiver");
    assert_eq!(passed.date, app.today() - chrono::Days::new(2));
    assert!(passed.waiver.is_some());
    // The phase started by the day it passed, not after it.
    assert_eq!(app.workbook.phases[0].started, Some(passed.date));
}

#[test]
fn pasted_control_characters_are_left_out_and_a_removed_task_is_named_on_remove_and_redo() {
    let mut app = crate::common::headless::app(phasebook::i18n::Lang::En, (120, 40));
    crate::common::headless::keys(&mut app, "+\n");
    assert!(matches!(&app.mode, Mode::Prompt { error: Some(_), .. }), "an empty task is refused");
    update(&mut app, Msg::Paste("Call\u{1b}[31m Bo\tnow\u{7}".into()));
    assert!(matches!(&app.mode, Mode::Prompt { error: None, .. }), "the paste clears the error");
    crate::common::headless::keys(&mut app, "\n");
    let item = app.selected().unwrap().1.clone();
    assert_eq!(item.text, "Call[31m Bo now");
    crate::common::headless::keys(&mut app, "-");
    let said = app.message.as_ref().unwrap().text.clone();
    assert_eq!(said, "Removed: Call[31m Bo now (u brings it back)");
    crate::common::headless::keys(&mut app, "u");
    update(&mut app, Msg::Action(phasebook::app::action::Action::Redo));
    let said = app.message.as_ref().unwrap().text.clone();
    assert_eq!(said, "Redone: item removed · Call[31m Bo now");
}

#[test]
fn a_merge_conflict_shows_in_the_banner_and_is_settled_on_the_conflicts_screen_as_one_change() {
    use phasebook::model::Status;
    let base = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.phases[0].items[3].status = Status::Blocked;
    theirs.phases[0].items[3].status = Status::Done;
    let merged = phasebook::model::merge::merge(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1);
    let mut app = merged_app(merged);
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("A merge left"), "{screen}");
    crate::common::headless::keys(&mut app, "C");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("Conflicts a merge left") && screen.contains("theirs: done"), "{screen}");
    crate::common::headless::keys(&mut app, "t");
    assert!(app.workbook.conflicts.is_empty());
    assert_eq!(app.workbook.phases[0].items[3].status, Status::Done);
    assert_eq!(app.workbook.history.last().unwrap().what, "merge conflict on status settled");
    crate::common::headless::keys(&mut app, "u");
    assert_eq!(app.workbook.conflicts.len(), 1);
    assert_eq!(app.workbook.phases[0].items[3].status, Status::Blocked);
}

#[test]
fn a_text_both_leads_changed_is_settled_on_one_written_from_ours_and_a_status_cannot_be_written() {
    use phasebook::model::Status;
    let base = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.phases[0].items[3].assignee = "Åsa".into();
    theirs.phases[0].items[3].assignee = "Bo".into();
    ours.phases[0].items[4].status = Status::Blocked;
    theirs.phases[0].items[4].status = Status::Done;
    let merged = phasebook::model::merge::merge(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 2);
    let at = merged.conflicts.iter().position(|c| c.field == "assignee").unwrap();
    let mut app = merged_app(merged);
    crate::common::headless::keys(&mut app, "C");
    // The status is not a text: `e` says to pick one.
    let status_at = 1 - at;
    for _ in 0..status_at {
        crate::common::headless::keys(&mut app, "j");
    }
    crate::common::headless::keys(&mut app, "e");
    assert!(app.message.as_ref().unwrap().text.contains("not a text"), "{:?}", app.message);
    assert_eq!(app.workbook.conflicts.len(), 2);
    // The assignee is: written anew from ours ("Åsa"), settled on what was typed.
    crate::common::headless::keys(&mut app, if at < status_at { "k" } else { "j" });
    crate::common::headless::keys(&mut app, "e");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("Settle on your own text") && screen.contains("Åsa"), "{screen}");
    // Ours stands selected in the prompt: typing replaces it.
    crate::common::headless::keys(&mut app, "Åsa and Bo\n");
    assert_eq!(app.workbook.conflicts.len(), 1);
    assert_eq!(app.workbook.phases[0].items[3].assignee, "Åsa and Bo");
    assert_eq!(app.workbook.history.last().unwrap().what, "merge conflict on assignee settled");
    crate::common::headless::keys(&mut app, "u");
    assert_eq!(app.workbook.conflicts.len(), 2);
    assert_eq!(app.workbook.phases[0].items[3].assignee, "Åsa");
}

#[test]
fn a_scope_answer_both_leads_gave_differently_reads_as_the_options_labels_on_the_conflicts_screen() {
    let base = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let at = ours.scope.iter().position(|q| q.id == "identity").unwrap();
    ours.scope[at].answer = vec!["cloud".into()];
    theirs.scope[at].answer = vec!["federated".into()];
    let merged = phasebook::model::merge::merge(&base, &ours, &theirs).unwrap();
    assert_eq!(merged.conflicts.len(), 1);
    let mut app = merged_app(merged);
    crate::common::headless::keys(&mut app, "C");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("ours (kept for now): Cloud identities"), "{screen}");
    assert!(screen.contains("theirs: Federated identities") && !screen.contains("[\""), "{screen}");
}

/// The interface on a workbook a merge left, at 100×30.
fn merged_app(merged: phasebook::model::Workbook) -> phasebook::app::state::App {
    let mut app = phasebook::app::state::App::new(
        merged,
        "w.ron".into(),
        phasebook::i18n::Lang::En,
        phasebook::app::config::Config::from_texts(None, "ann"),
        crate::common::headless::now(),
    );
    update(&mut app, Msg::Resize(100, 30));
    app
}
