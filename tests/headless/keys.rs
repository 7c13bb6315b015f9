//! The key table as a user changes it: keys moved in the user's config act on every screen
//! that uses them, the old keys no longer do, and `?` on each screen lists its keys as bound.

use crate::common::headless::{keys, now};
use phasebook::app::config::Config;
use phasebook::app::context::Context;
use phasebook::app::state::{App, Mode, ScreenKind};
use phasebook::app::update::{Msg, update};
use phasebook::i18n::Lang;
use phasebook::model::edit::Edit;
use phasebook::ui::theme::Theme;

/// Up on `i`, down on `v`, toggling a row on `t`: none of them bound anywhere by default.
const REBOUND: &str = r#"(keys: { list: { up: ["z"], down: ["v"], toggle_done: ["t"] } })"#;

/// The bundled workbook with enough on every screen to move through: two items due this
/// week and two decisions.
fn app(config: Option<&str>) -> App {
    let wb = phasebook::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap();
    let config = Config::from_texts(config.map(|text| ("config.ron", text)), "ann");
    let mut app = App::new(wb, "test.ron".into(), Lang::En, config, now());
    update(&mut app, Msg::Resize(100, 30));
    for item in app.workbook.phases[0].items.iter_mut().take(2) {
        item.due = chrono::NaiveDate::from_ymd_opt(2026, 11, 27);
    }
    for title in ["Pilot group", "Enrolment order"] {
        let record = phasebook::model::decision::record(
            &app.workbook,
            title.into(),
            phasebook::model::DecisionKind::General,
            "ann",
            now().date_naive(),
        );
        let index = app.workbook.decisions.len();
        Edit::Decision { index, from: None, to: Some(Box::new(record)) }.apply(&mut app.workbook).unwrap();
    }
    app.rollup = phasebook::model::Rollup::of(&app.workbook);
    app.rebuild_rows();
    app
}

/// The screens that list rows, with the main-screen key that opens each.
const SCREENS: [(ScreenKind, &str); 7] = [
    (ScreenKind::Scope, "O"),
    (ScreenKind::Gate, "r"),
    (ScreenKind::Assess, "A"),
    (ScreenKind::Decisions, "L"),
    (ScreenKind::Engagement, "E"),
    (ScreenKind::Upcoming, "U"),
    (ScreenKind::Meeting, "m"),
];

fn cursor(app: &App) -> usize {
    app.screen.as_ref().map(|s| s.cursor).unwrap()
}

/// The help as text, one string per line.
fn help_text(app: &App) -> Vec<String> {
    let Mode::Help { from, .. } = app.mode else { panic!("help is not open") };
    phasebook::ui::help::lines(app, from, 200, Theme { color: false })
        .iter()
        .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect()
}

/// The help's line for an action, found by its description.
fn help_line<'a>(help: &'a [String], description: &str) -> &'a str {
    help.iter().find(|l| l.contains(description)).map_or("", String::as_str)
}

#[test]
fn keys_moved_in_the_config_move_on_every_screen_that_lists_rows_and_the_old_ones_stop() {
    let mut app = app(Some(REBOUND));
    assert!(app.config.problems.is_empty(), "{:?}", app.config.problems);
    for (kind, open) in SCREENS {
        keys(&mut app, open);
        assert_eq!(app.screen.as_ref().map(|s| s.kind), Some(kind));
        assert_eq!(cursor(&app), 0);
        keys(&mut app, "j");
        assert_eq!(cursor(&app), 0, "{kind:?}: the old down key does nothing");
        keys(&mut app, "v");
        assert_eq!(cursor(&app), 1, "{kind:?}: the new down key moves");
        keys(&mut app, "k");
        assert_eq!(cursor(&app), 1, "{kind:?}: the old up key does nothing");
        keys(&mut app, "z");
        assert_eq!(cursor(&app), 0, "{kind:?}: the new up key moves");
        keys(&mut app, "\x1b");
        assert!(app.screen.is_none());
    }
    // The main screen too.
    let before = app.cursor;
    keys(&mut app, "j");
    assert_eq!(app.cursor, before);
    keys(&mut app, "v");
    assert_ne!(app.cursor, before);
}

#[test]
fn the_toggle_key_moved_in_the_config_toggles_rows_on_every_screen_that_has_them() {
    let mut app = app(Some(REBOUND));
    // The main screen: an item done.
    let status = |app: &App| app.selected().unwrap().1.status;
    keys(&mut app, " ");
    assert_eq!(status(&app), phasebook::model::Status::NotStarted, "Space no longer marks done");
    keys(&mut app, "t");
    assert_eq!(status(&app), phasebook::model::Status::Done);
    // The scope screen: an option chosen.
    keys(&mut app, "O ");
    assert!(app.workbook.scope[0].answer.is_empty(), "Space no longer chooses");
    keys(&mut app, "t\x1b");
    assert_eq!(app.workbook.scope[0].answer.len(), 1);
    // The gate screen: a criterion met.
    keys(&mut app, "r ");
    assert!(!app.workbook.phases[0].gate.criteria[0].met, "Space no longer marks met");
    keys(&mut app, "t\x1b");
    assert!(app.workbook.phases[0].gate.criteria[0].met);
}

#[test]
fn help_on_each_screen_lists_that_screens_keys_first_as_bound() {
    let mut app = app(Some(REBOUND));
    for (kind, open) in SCREENS {
        keys(&mut app, open);
        keys(&mut app, "?");
        let help = help_text(&app);
        let context = kind.context();
        let name = app.strings().context_name(&context.name()).to_string();
        assert_eq!(help[0], name, "{kind:?}: the screen's own keys come first");
        assert!(help_line(&help, "Move to the next row").starts_with("v "), "{kind:?}: {help:?}");
        let own: Vec<&String> = help.iter().take_while(|l| !l.is_empty()).collect();
        assert!(!own.iter().any(|l| l.starts_with("↓") || l.starts_with("j ")), "{kind:?}: old keys listed");
        // Every action the screen answers to is listed with the keys it has now.
        let bindings = &app.config.keymap;
        for action in context.actions() {
            let described = bindings.describe(context, action);
            let text = app.strings().help_text(&context.name(), &action.text_key()).unwrap();
            let text = app.strings().with_parties(text, &app.workbook.meta.parties);
            assert!(help.iter().any(|l| l.contains(&described) && l.contains(&text)), "{kind:?}: {action:?}");
        }
        keys(&mut app, "\x1b");
        assert!(matches!(app.mode, Mode::Normal));
        keys(&mut app, "\x1b");
    }
}

#[test]
fn a_screens_own_key_can_be_moved_in_its_context_alone() {
    let mut app = app(Some(r#"(keys: { gate: { pass: ["P"] }, decisions: { add: ["n"] } })"#));
    assert!(app.config.problems.is_empty(), "{:?}", app.config.problems);
    keys(&mut app, "L");
    let before = app.workbook.decisions.len();
    keys(&mut app, "a");
    assert!(matches!(app.mode, Mode::Normal), "the old key does nothing");
    keys(&mut app, "nKick-off date\n\n\n\n\n\n");
    assert_eq!(app.workbook.decisions.len(), before + 1);
    keys(&mut app, "\x1b");
    keys(&mut app, "n");
    assert!(
        app.message.as_ref().is_some_and(|m| m.text.contains("No search yet")),
        "n still jumps to a hit on the main screen"
    );
    let hints = phasebook::ui::hints::pairs(&app, Context::Main);
    assert!(hints.iter().any(|(_, key, _)| key == "?"));
}

#[test]
fn a_prompt_keeps_readline_habits() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app(None);
    let press = |app: &mut App, code: KeyCode, modifiers: KeyModifiers| {
        update(app, Msg::Key(KeyEvent::new(code, modifiers)));
    };
    let typed = |app: &App| match &app.mode {
        Mode::Prompt { input, .. } => input.lines().join(""),
        _ => panic!("the prompt closed"),
    };
    keys(&mut app, "aAnna Maria Berg");
    press(&mut app, KeyCode::Char('w'), KeyModifiers::CONTROL);
    assert_eq!(typed(&app), "Anna Maria ");
    press(&mut app, KeyCode::Char('b'), KeyModifiers::ALT);
    press(&mut app, KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert_eq!(typed(&app), "Anna ");
    press(&mut app, KeyCode::Char('a'), KeyModifiers::CONTROL);
    keys(&mut app, "Dr ");
    press(&mut app, KeyCode::Char('e'), KeyModifiers::CONTROL);
    keys(&mut app, "Berg");
    assert_eq!(typed(&app), "Dr Anna Berg");
    press(&mut app, KeyCode::Char('b'), KeyModifiers::ALT);
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(typed(&app), "Berg");
    press(&mut app, KeyCode::Char('y'), KeyModifiers::CONTROL);
    assert_eq!(typed(&app), "Dr Anna Berg", "Ctrl+Y puts back what was deleted");
    keys(&mut app, "\n");
    assert_eq!(app.selected().unwrap().1.assignee, "Dr Anna Berg");
}

#[test]
fn shift_tab_acts_as_bound_whichever_way_the_terminal_reports_it() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = app(None);
    for modifiers in [KeyModifiers::SHIFT, KeyModifiers::NONE] {
        let before = app.pane;
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::BackTab, modifiers)));
        assert_ne!(app.pane, before, "Shift+Tab ({modifiers:?}) switches the pane");
    }
    keys(&mut app, "X\t");
    let format = |app: &App| match &app.mode {
        Mode::Export { format, .. } => *format,
        _ => panic!("no export dialog"),
    };
    assert_eq!(format(&app), phasebook::export::Format::Html);
    update(&mut app, Msg::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)));
    assert_eq!(format(&app), phasebook::export::Format::Md, "Shift+Tab steps back");
}

#[test]
fn the_overwrite_question_takes_only_y_so_j_the_down_key_goes_back() {
    let mut app = app(None);
    keys(&mut app, " ");
    update(&mut app, crate::common::headless::changed_on_disk(None, false));
    keys(&mut app, "o");
    let effects = update(&mut app, Msg::Key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('j'))));
    assert!(effects.is_empty(), "{effects:?}");
    assert!(matches!(app.mode, Mode::Conflict { confirm: false, .. }));
}

#[test]
fn a_meeting_only_looked_at_is_no_meeting_in_progress() {
    let mut app = app(None);
    keys(&mut app, "m\x1b");
    assert!(app.meeting_draft.is_none(), "nothing entered, nothing kept");
    let effects = update(&mut app, Msg::Key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char('q'))));
    assert_eq!(effects, [phasebook::app::update::Effect::Quit], "quits without asking");
    let mut app = self::app(None);
    keys(&mut app, "mtWeekly call\n\x1b");
    assert!(app.meeting_in_progress(), "a title entered makes it a meeting");
}
