//! The engagement workflow screens driven headless: scope, gate review and waivers,
//! assessment and remediation, the decision log, engagement dates, upcoming items and
//! meetings. Each change must be one undoable step.

use crate::common::headless::keys;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use phasebook::app::state::{App, Mode, ScreenKind, Section};
use phasebook::app::update::{Msg, update};
use phasebook::i18n::Lang;
use phasebook::model::gate::{self, GateState, Standing};
use phasebook::model::{Assessment, DecisionKind, DecisionStatus, Status, assess};

fn app() -> App {
    crate::common::headless::app(Lang::En, (100, 30))
}

fn screen(app: &App) -> Option<ScreenKind> {
    app.screen.as_ref().map(|s| s.kind)
}

/// Moves the scope screen's cursor onto an option.
fn scope_cursor_to(app: &mut App, question: &str, option: &str) {
    let rows = phasebook::app::screens::scope::rows(app);
    let q = app.workbook.scope.iter().position(|q| q.id == question).unwrap();
    let o = app.workbook.scope[q].options.iter().position(|o| o.id == option).unwrap();
    let at = rows.iter().position(|r| *r == (q, o)).unwrap();
    keys(app, "g");
    keys(app, &"j".repeat(at));
}

fn state(app: &App, phase: usize) -> GateState {
    gate::state(&app.workbook, &app.rollup, phase)
}

#[test]
fn a_scope_answer_shrinks_the_checklist_records_a_decision_and_undoes_in_one_step() {
    let mut app = app();
    let before = app.rollup.overall.total;
    keys(&mut app, "O");
    assert_eq!(screen(&app), Some(ScreenKind::Scope));
    scope_cursor_to(&mut app, "workloads", "mam");
    keys(&mut app, " ");
    assert_eq!(app.workbook.question("workloads").unwrap().answer, ["mam"]);
    assert!(app.rollup.overall.total < before, "answering MAM only takes items out of scope");
    let d = app.workbook.decisions.last().unwrap();
    assert_eq!(
        (d.kind, d.status, d.links.clone()),
        (DecisionKind::Scope, DecisionStatus::Accepted, vec!["workloads".to_string()])
    );
    keys(&mut app, "u");
    assert!(app.workbook.question("workloads").unwrap().answer.is_empty());
    assert!(app.workbook.decisions.is_empty());
    assert_eq!(app.rollup.overall.total, before);
    keys(&mut app, "\x1b");
    assert_eq!(screen(&app), None);
}

#[test]
fn a_ruled_out_combination_is_flagged_on_the_scope_screen() {
    let mut app = app();
    keys(&mut app, "O");
    scope_cursor_to(&mut app, "identity", "federated");
    keys(&mut app, " ");
    scope_cursor_to(&mut app, "forests", "multiple");
    keys(&mut app, "\n");
    let flagged = phasebook::model::scope::conflicts(&app.workbook);
    assert_eq!(flagged.len(), 1);
    assert_eq!(flagged[0].id, "federated-multi-forest");
}

#[test]
fn advancing_past_an_open_gate_needs_a_waiver() {
    let mut app = app();
    keys(&mut app, "r");
    assert_eq!(screen(&app), Some(ScreenKind::Gate));
    keys(&mut app, "p");
    assert!(app.message.as_ref().unwrap().is_error);
    assert!(app.workbook.phases[0].gate.passed.is_none());
    keys(&mut app, "w");
    assert!(matches!(app.mode, Mode::Prompt { .. }));
    keys(&mut app, "\n");
    assert!(matches!(app.mode, Mode::Prompt { .. }), "a waiver without a reason is refused");
    keys(&mut app, "Kick-off held by phone\n");
    let passage = app.workbook.phases[0].gate.passed.clone().unwrap();
    let waiver = app.workbook.decisions.last().unwrap();
    assert_eq!(passage.waiver.as_deref(), Some(waiver.id.as_str()));
    assert_eq!(waiver.kind, DecisionKind::Waiver);
    assert_eq!(waiver.context, "Kick-off held by phone");
    // The waiver names the gate and everything it passed over.
    let review_ids: Vec<String> = std::iter::once("initiate.gate".to_string())
        .chain(app.workbook.phases[0].items.iter().map(|i| i.id.clone()))
        .chain(app.workbook.phases[0].gate.criteria.iter().map(|c| c.id.clone()))
        .collect();
    assert_eq!(waiver.links, review_ids);
    assert_eq!(state(&app, 0), GateState::Waived);
    assert_eq!(gate::standing(&app.workbook), Standing::In(1));
    keys(&mut app, "u");
    assert!(app.workbook.phases[0].gate.passed.is_none());
    assert!(app.workbook.decisions.is_empty());
}

#[test]
fn a_clear_gate_passes_and_can_be_reopened() {
    let mut app = app();
    for item in &mut app.workbook.phases[0].items {
        item.status = Status::Done;
    }
    app.rollup = phasebook::model::Rollup::of(&app.workbook);
    keys(&mut app, "r");
    let criteria = app.workbook.phases[0].gate.criteria.len();
    for _ in 0..criteria {
        keys(&mut app, " j");
    }
    assert_eq!(state(&app, 0), GateState::Ready);
    keys(&mut app, "p");
    assert_eq!(state(&app, 0), GateState::Passed);
    keys(&mut app, "o");
    assert_eq!(state(&app, 0), GateState::Ready);
    assert!(app.workbook.history.last().unwrap().what.contains("reopened"));
}

#[test]
fn the_joint_gate_needs_a_named_sign_off_from_each_party_even_for_a_waiver() {
    let mut app = app();
    for phase in 0..2 {
        keys(&mut app, &format!("{}r", phase + 1));
        keys(&mut app, "wok\n\x1b");
        assert!(app.workbook.phases[phase].gate.passed.is_some());
    }
    keys(&mut app, "3r");
    assert!(app.workbook.phases[2].gate.joint);
    keys(&mut app, "w");
    assert!(app.message.as_ref().unwrap().is_error, "no waiver without both sign-offs");
    keys(&mut app, "MMia Microsoft\n");
    keys(&mut app, "w");
    assert!(app.message.as_ref().unwrap().is_error, "one party is not enough");
    keys(&mut app, "COla Customer\n");
    assert_eq!(app.workbook.phases[2].gate.signoffs.len(), 2);
    keys(&mut app, "wverified together\n");
    assert!(app.workbook.phases[2].gate.passed.is_some());
}

#[test]
fn a_found_level_below_the_minimum_raises_remediation_and_a_later_pass_closes_it() {
    let mut app = app();
    keys(&mut app, "A");
    assert_eq!(screen(&app), Some(ScreenKind::Assess));
    keys(&mut app, "fWindows Server 2003\n");
    let e = &app.workbook.expectations[0];
    assert_eq!((e.result, e.found.as_str()), (Assessment::DoesNotMeet, "Windows Server 2003"));
    let (phase, _, item) = assess::remediation_of(&app.workbook, "forest-level").unwrap();
    assert_eq!((phase, item.status), ("remediate", Status::NotStarted));
    keys(&mut app, "f");
    // Clear the prompt's current text first.
    for _ in 0..40 {
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
    }
    keys(&mut app, "windows server 2012\n");
    assert_eq!(app.workbook.expectations[0].result, Assessment::Meets);
    assert_eq!(assess::remediation_of(&app.workbook, "forest-level").unwrap().2.status, Status::Done);
}

#[test]
fn unknown_found_text_is_unknown_with_a_message() {
    let mut app = app();
    keys(&mut app, "Afsomething old\n");
    assert_eq!(app.workbook.expectations[0].result, Assessment::Unknown);
    assert!(app.message.as_ref().unwrap().text.contains("something old"));
}

#[test]
fn does_not_meet_with_a_note_raises_remediation_for_an_expectation_without_threshold() {
    let mut app = app();
    keys(&mut app, "Ajnthree forests, two trusts\n");
    let e = &app.workbook.expectations[1];
    assert_eq!(e.result, Assessment::DoesNotMeet);
    assert!(assess::remediation_of(&app.workbook, &e.id).is_some());
    // Meets after all: only with a reason, recorded as a decision linked to the expectation.
    keys(&mut app, "y\n");
    assert!(matches!(app.mode, Mode::Prompt { .. }), "an override without a reason is refused");
    keys(&mut app, "Two of the forests are retired next week\n");
    let e = &app.workbook.expectations[1];
    assert_eq!(e.result, Assessment::Meets);
    assert_eq!(assess::remediation_of(&app.workbook, &e.id).unwrap().2.status, Status::Done);
    let d = app.workbook.decisions.last().unwrap();
    assert_eq!((d.context.as_str(), d.links.clone()), ("Two of the forests are retired next week", vec![e.id.clone()]));
    keys(&mut app, "u");
    assert_eq!(app.workbook.expectations[1].result, Assessment::DoesNotMeet, "one step undoes both");
    assert!(app.workbook.decisions.is_empty());
}

#[test]
fn a_finding_whose_remediation_item_closed_asks_to_be_checked_again() {
    let mut app = app();
    keys(&mut app, "Ajnthree forests\n\x1b");
    let e = app.workbook.expectations[1].id.clone();
    let fix = assess::remediation_of(&app.workbook, &e).unwrap().2.id.clone();
    app.workbook.item_mut(&fix).unwrap().status = Status::Done;
    keys(&mut app, "A");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("remediated — check again"), "{screen}");
}

#[test]
fn a_decision_added_from_an_item_is_linked_to_it_and_can_be_superseded() {
    let mut app = app();
    let item = app.selected().unwrap().1.id.clone();
    keys(&mut app, "La");
    keys(&mut app, "Use cloud identities\nSmall org\nCloud; Synchronized\nCloud\nNo AD sync\n\n");
    assert_eq!(app.workbook.decisions.len(), 1);
    let d = &app.workbook.decisions[0];
    assert_eq!(d.title, "Use cloud identities");
    assert_eq!(d.options, ["Cloud", "Synchronized"]);
    assert_eq!(d.links, [item]);
    keys(&mut app, "s");
    for _ in 0..40 {
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
    }
    keys(&mut app, "Use synchronized identities\n\n\n\n\n\n");
    assert_eq!(app.workbook.decisions.len(), 2);
    assert_eq!(app.workbook.decisions[0].status, DecisionStatus::Superseded);
    assert_eq!(app.workbook.decisions[0].superseded_by.as_deref(), Some(app.workbook.decisions[1].id.as_str()));
    keys(&mut app, "u");
    assert_eq!(app.workbook.decisions.len(), 1);
    assert_eq!(app.workbook.decisions[0].status, DecisionStatus::Accepted);
}

#[test]
fn engagement_dates_are_edited_on_the_engagement_screen_and_bad_dates_refused() {
    let mut app = app();
    keys(&mut app, "E\nContoso\n");
    assert_eq!(app.workbook.engagement.customer, "Contoso");
    keys(&mut app, "jjjj\nnot a date\n");
    assert!(matches!(app.mode, Mode::Prompt { error: Some(_), .. }));
    for _ in 0..20 {
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
    }
    keys(&mut app, "2026-11-01\n");
    assert_eq!(app.workbook.engagement.purchase_date, NaiveDate::from_ymd_opt(2026, 11, 1));
    keys(&mut app, "u");
    assert_eq!(app.workbook.engagement.purchase_date, None);
}

#[test]
fn upcoming_lists_overdue_items_and_enter_jumps_to_one() {
    let mut app = app();
    keys(&mut app, "jd2026-11-20\n");
    let late = app.selected().unwrap().1.id.clone();
    keys(&mut app, "3");
    assert_eq!(app.section, Section::Phase(2));
    keys(&mut app, "U");
    assert_eq!(phasebook::app::screens::upcoming::places(&app).len(), 1);
    keys(&mut app, "\n");
    assert_eq!(screen(&app), None);
    assert_eq!(app.section, Section::Phase(0));
    assert_eq!(app.selected().unwrap().1.id, late);
}

#[test]
fn a_meeting_gets_an_agenda_attendees_and_minutes_and_is_stored_undoably() {
    let mut app = app();
    keys(&mut app, "b");
    let blocked = app.selected().unwrap().1.text.clone();
    keys(&mut app, "m");
    let draft = app.meeting_draft.clone().unwrap();
    let phase = app.workbook.phases[0].title.clone();
    assert!(draft.agenda.iter().any(|p| p.starts_with(&format!("{phase} · {blocked}"))), "{:?}", draft.agenda);
    keys(&mut app, "\t");
    keys(&mut app, "aAnn; Bo\n");
    keys(&mut app, "nAgreed the plan\x1b");
    keys(&mut app, "c");
    assert_eq!(screen(&app), None);
    let m = app.workbook.meetings.last().unwrap();
    assert_eq!(m.attendees, ["Ann", "Bo"]);
    assert_eq!(m.minutes, "Agreed the plan");
    assert!(app.workbook.history.last().unwrap().what.contains("meeting"));
    keys(&mut app, "u");
    assert!(app.workbook.meetings.is_empty());
}

#[test]
fn enable_intune_cannot_pass_before_enable_core_even_on_a_waiver() {
    let mut app = app();
    keys(&mut app, "5r");
    keys(&mut app, "w");
    assert!(app.message.as_ref().unwrap().is_error);
    assert!(!matches!(app.mode, Mode::Prompt { .. }), "no reason is asked for a waiver that cannot help");
    keys(&mut app, "p");
    assert!(app.message.as_ref().unwrap().text.contains("earlier phase"));
    assert!(app.workbook.phases[4].gate.passed.is_none());
}

#[test]
fn control_keys_keep_their_meaning_on_a_screen() {
    let mut app = app();
    keys(&mut app, "m");
    let effects = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    assert_eq!(effects, [phasebook::app::update::Effect::Save { quit: false }]);
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)));
    assert!(app.workbook.meetings.is_empty(), "Ctrl+C must not close and store the meeting");
}

#[test]
fn a_decisions_status_and_deciders_are_set_its_chain_shown_and_the_log_filtered() {
    let mut app = app();
    keys(&mut app, "La");
    keys(&mut app, "Pilot group\n\n\n\n\nAnn, Bo Ek\n");
    assert_eq!(app.workbook.decisions[0].deciders, ["Ann", "Bo Ek"]);
    // Accepted when recorded; t steps it on.
    keys(&mut app, "t");
    assert_eq!(app.workbook.decisions[0].status, DecisionStatus::Rejected);
    keys(&mut app, "tt");
    assert_eq!(app.workbook.decisions[0].status, DecisionStatus::Accepted);
    // Superseded: the new one says what it replaces, and both show the chain.
    keys(&mut app, "s");
    for _ in 0..40 {
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)));
    }
    keys(&mut app, "Everyone\n\n\n\n\n\n");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("supersedes D-1"), "{screen}");
    assert!(screen.contains("Chain: D-1 → [D-2]"), "{screen}");
    // Shown by kind and status: general first, then the statuses.
    keys(&mut app, "fff");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("Showing: general (2 of 2)"), "{screen}");
    keys(&mut app, "ffff");
    let screen = crate::common::headless::screen_text(&app);
    assert!(screen.contains("Showing: superseded (1 of 2)"), "{screen}");
    assert!(screen.contains("D-1   2026") && !screen.contains("D-2   2026"), "{screen}");
    keys(&mut app, "f");
    assert!(!crate::common::headless::screen_text(&app).contains("Showing:"));
}

#[test]
fn rejecting_the_waiver_a_gate_passed_on_reopens_the_gate_and_the_history_says_so() {
    let mut app = app();
    keys(&mut app, "rwLate kick-off\n\x1b");
    assert!(app.workbook.phases[0].gate.passed.is_some());
    keys(&mut app, "Lt");
    assert_eq!(app.workbook.decisions[0].status, DecisionStatus::Rejected);
    assert!(app.workbook.phases[0].gate.passed.is_none(), "the gate no longer stands on a rejected waiver");
    let said = app.message.as_ref().unwrap().text.clone();
    assert!(said.starts_with("Waiver rejected; gate reopened: Ready to assess"), "{said}");
    let last = app.workbook.history.last().unwrap();
    assert_eq!(last.what, "decision D-1 set to rejected; gate reopened");
    keys(&mut app, "u");
    assert!(app.workbook.phases[0].gate.passed.is_some());
    assert_eq!(app.workbook.decisions[0].status, DecisionStatus::Accepted);
}
