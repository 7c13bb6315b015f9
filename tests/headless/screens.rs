//! The screens as drawn, through ratatui's TestBackend: snapshots of the main screen and
//! each popup in both languages at 80×24 and 120×40, and a sweep over window sizes.

use crate::common::headless::{keys, now};

use phasebook::app::config::Config;
use phasebook::app::state::App;
use phasebook::app::update::{Msg, update};
use phasebook::i18n::Lang;
use phasebook::templates::find;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(lang: Lang, size: (u16, u16)) -> App {
    let wb = find("intune-fasttrack", lang.code()).unwrap().workbook().unwrap();
    let mut app = App::new(wb, "engagement.ron".into(), lang, Config::from_texts(None, "ann"), now());
    app.workbook.engagement.customer = "Contoso".into();
    app.workbook.engagement.purchase_date = chrono::NaiveDate::from_ymd_opt(2026, 11, 2);
    app.workbook.engagement.start_date = chrono::NaiveDate::from_ymd_opt(2026, 11, 20);
    app.rollup = phasebook::model::Rollup::of(&app.workbook);
    update(&mut app, Msg::Resize(size.0, size.1));
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal.draw(|f| phasebook::ui::draw(app, f)).unwrap();
    terminal
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [Lang; 2] = [Lang::En, Lang::Sv];

fn name(screen: &str, lang: Lang, size: (u16, u16)) -> String {
    format!("{screen}_{}_{}x{}", lang.code(), size.0, size.1)
}

#[test]
fn main_screen() {
    for lang in LANGS {
        for size in SIZES {
            let mut app = app(lang, size);
            // Some state worth seeing: one done, one blocked, an assignee and a due date.
            keys(&mut app, " jbja");
            keys(&mut app, "Åsa\nd+3d\n");
            insta::assert_snapshot!(name("main", lang, size), draw(&app).backend());
        }
    }
}

#[test]
fn main_screen_on_a_phase_with_sub_items_scrolled_down() {
    for lang in LANGS {
        let mut app = app(lang, (80, 24));
        keys(&mut app, "5Gkkkkk");
        insta::assert_snapshot!(name("enable_intune_scrolled", lang, (80, 24)), draw(&app).backend());
    }
}

#[test]
fn help() {
    for lang in LANGS {
        for size in SIZES {
            let mut app = app(lang, size);
            keys(&mut app, "?");
            insta::assert_snapshot!(name("help", lang, size), draw(&app).backend());
        }
    }
}

#[test]
fn search() {
    for lang in LANGS {
        for size in SIZES {
            let mut app = app(lang, size);
            keys(&mut app, "/dns");
            insta::assert_snapshot!(name("search_prompt", lang, size), draw(&app).backend());
            keys(&mut app, "\n");
            insta::assert_snapshot!(name("search_hit", lang, size), draw(&app).backend());
        }
    }
}

#[test]
fn note_being_edited() {
    for lang in LANGS {
        for size in SIZES {
            let mut app = app(lang, size);
            keys(&mut app, "c");
            keys(&mut app, "Åtgärda DNS-posterna före mötet.\nKontakt: Örjan på IT.");
            insta::assert_snapshot!(name("note", lang, size), draw(&app).backend());
        }
    }
}

#[test]
fn filter_in_effect_and_quit_prompt() {
    for lang in LANGS {
        let mut app = app(lang, (80, 24));
        keys(&mut app, "jbB");
        insta::assert_snapshot!(name("filter_blocked", lang, (80, 24)), draw(&app).backend());
        keys(&mut app, "q");
        insta::assert_snapshot!(name("quit_prompt", lang, (80, 24)), draw(&app).backend());
    }
}

#[test]
fn a_window_below_the_minimum_says_how_big_it_must_be() {
    let app = app(Lang::En, (60, 20));
    insta::assert_snapshot!("too_small_en_60x20", draw(&app).backend());
}

#[test]
fn every_screen_draws_at_every_size_without_a_panic() {
    let screens: [&str; 6] = ["", "?", "/dns", "c", "a", " q"];
    for keys_for_screen in screens {
        let mut app = app(Lang::Sv, (80, 24));
        keys(&mut app, keys_for_screen);
        // Every size near the edges and the minimum, and a grid over the rest.
        let widths = (0..=5).chain((6..300).step_by(13)).chain(78..=82).chain([299, 300]);
        for width in widths {
            let heights = (0..=5).chain((6..100).step_by(9)).chain(22..=26).chain([100]);
            for height in heights {
                update(&mut app, Msg::Resize(width, height));
                let _ = draw(&app);
            }
        }
    }
}

#[test]
fn export_dialog() {
    for lang in LANGS {
        for size in SIZES {
            let mut app = app(lang, size);
            keys(&mut app, "X\t");
            insta::assert_snapshot!(name("export_dialog", lang, size), draw(&app).backend());
        }
    }
}

/// Each workflow screen, with some state worth seeing, in both languages and both sizes.
#[test]
fn workflow_screens() {
    let screens: [(&str, &str); 11] = [
        // A scope answer and a ruled-out combination.
        ("scope", "Ojj jj "),
        // The first gate, one criterion met.
        ("gate", "r "),
        // The joint gate, after waiving the two before it and one sign-off.
        ("gate_joint", "rwok\n\x1b2rwok\n\x1b3rMMia\n"),
        // One expectation judged below its minimum, so it raised a remediation item.
        ("assess", "AfWindows Server 2003\n"),
        // A decision with every field, linked to the selected item.
        ("decisions", "LaUse cloud identities\nSmall organisation\nCloud; Synchronized\nCloud\nNo directory sync\n\n"),
        ("engagement", "Ejj"),
        // One item overdue, one due this week.
        ("upcoming", "d2026-11-20\njd+3d\nU"),
        // One blocked item on the agenda, attendees and minutes.
        ("meeting", "bmaAnn, Bo\nnAgreed the plan\x1b"),
        // A decision with its deciders, superseded by a second: the chain on both.
        ("decision_chain", "LaPilot group\n\n\n\n\nAnn, Bo Ek\nsEveryone\n\n\n\n\n\n"),
        // The selected item's details: folded over the list below 120 columns.
        ("details", "jc Bring the licence list.\x1b\t"),
        // A task of the lead's own being added under the selected item's party.
        ("add_item", "+Book the room for the kick-off"),
    ];
    for lang in LANGS {
        for size in SIZES {
            for (screen, keys_typed) in screens {
                let mut app = app(lang, size);
                keys(&mut app, keys_typed);
                insta::assert_snapshot!(name(screen, lang, size), draw(&app).backend());
            }
        }
    }
}

/// The choices when a save found the file changed on disk, and the overwrite confirmation.
#[test]
fn changed_on_disk() {
    for lang in LANGS {
        for size in SIZES {
            let mut app = app(lang, size);
            keys(&mut app, " ");
            let modified = chrono::DateTime::parse_from_rfc3339("2026-11-26T10:12:00+01:00").unwrap();
            update(&mut app, crate::common::headless::changed_on_disk(Some(modified.into()), false));
            insta::assert_snapshot!(name("changed_on_disk", lang, size), draw(&app).backend());
            keys(&mut app, "o");
            insta::assert_snapshot!(name("changed_on_disk_confirm", lang, size), draw(&app).backend());
        }
    }
}

/// Quitting with a meeting in progress and a change: the prompt says both.
#[test]
fn quit_prompt_with_a_meeting_in_progress() {
    for lang in LANGS {
        let mut app = app(lang, (80, 24));
        keys(&mut app, " mnAgreed\x1b\x1bq");
        insta::assert_snapshot!(name("quit_prompt_meeting", lang, (80, 24)), draw(&app).backend());
    }
}

#[test]
fn a_message_longer_than_the_line_is_shown_whole_above_it() {
    let mut app = app(Lang::En, (80, 24));
    let text = "/home/anna/engagements/data/phasebook/contoso-9abd089ea88d0e24.recovery.ron: the recovery file of \
                unsaved changes is damaged (1:17: expected a string). It is kept as \
                /home/anna/engagements/data/phasebook/contoso-9abd089ea88d0e24.recovery.kept-20261201-101500.ron.";
    app.message = Some(phasebook::app::state::Message::error(text));
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> =
        (0..24).map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect::<String>().trim_end().to_string()).collect();
    // Every character, in order: a path longer than the line is broken where it ends.
    let bottom: String = rows[19..].concat().split_whitespace().collect();
    let whole: String = text.split_whitespace().collect();
    assert_eq!(bottom, whole, "\n{}", rows.join("\n"));
    insta::assert_snapshot!("long_message_en_80x24", terminal.backend());
}

#[test]
fn about() {
    for lang in LANGS {
        for size in SIZES {
            let mut app = app(lang, size);
            keys(&mut app, "i");
            let shown = draw(&app);
            let text: String = shown.backend().buffer().content().iter().map(|c| c.symbol()).collect();
            // The credit the bundled content owes its source is on screen.
            assert!(text.contains("CC BY 4.0") || size.1 < 30, "{lang:?} {size:?}: the licence is not shown");
            insta::assert_snapshot!(name("about", lang, size), shown.backend());
            keys(&mut app, "\x1b");
            assert!(app.screen.is_none());
        }
    }
}

#[test]
fn the_selected_questions_help_and_the_selected_options_help_show_whole() {
    let mut app = app(Lang::En, (80, 24));
    app.workbook.scope[0].help = "How users sign in decides which directory work is in scope.".into();
    let long = "An option explained at a length no row of eighty columns can hold: the lead reads all of it here, wrapped, not cut.";
    app.workbook.scope[0].options[0].help = long.into();
    keys(&mut app, "O");
    let text = |app: &App| {
        let terminal = draw(app);
        let buffer = terminal.backend().buffer();
        (0..24).map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect::<String>()).collect::<Vec<_>>().join("\n")
    };
    let shown: String = text(&app).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(shown.contains("How users sign in decides"), "{shown}");
    // Its last words are on screen: wrapped, not cut with an ellipsis.
    assert!(text(&app).contains("wrapped, not cut."), "{}", text(&app));
    // On another question, neither shows.
    keys(&mut app, "jjj");
    let shown = text(&app);
    assert!(!shown.contains("How users sign in decides"), "{shown}");
    assert!(!shown.contains("wrapped, not cut."), "{shown}");
}

/// The checklist's text as drawn, page by page through the shown list: the lines inside its
/// border, with the assignee, due date and their marks taken out.
fn list_text_paged(app: &mut App, assignee: &str, due: &str) -> String {
    let mut all = String::new();
    loop {
        let screen = crate::common::headless::screen_text(app);
        let list = app.areas().list;
        for line in screen.lines().skip(usize::from(list.y) + 1).take(usize::from(list.height.saturating_sub(2))) {
            let inner: String = line.chars().skip(1).take(usize::from(list.width.saturating_sub(2))).collect();
            all.push_str(&inner.replace(assignee, " ").replace(due, " ").replace(['⚠', '✗'], " "));
            all.push(' ');
        }
        let before = app.cursor;
        update(app, Msg::Action(phasebook::app::action::Action::PageDown));
        if app.cursor == before {
            break;
        }
    }
    all.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_item_row_shows_its_whole_text_every_deadline_its_date_and_the_footer_help() {
    let (assignee, due) = ("Åsa Öberg", "2026-12-24");
    for lang in LANGS {
        for size in [(80, 24), (100, 30), (160, 50)] {
            let mut app = app(lang, size);
            let day = chrono::NaiveDate::parse_from_str(due, "%Y-%m-%d").unwrap();
            for item in
                app.workbook.general.iter_mut().chain(app.workbook.phases.iter_mut().flat_map(|p| p.items.iter_mut()))
            {
                item.assignee = assignee.into();
                item.due = Some(day);
            }
            app.rollup = phasebook::model::Rollup::of(&app.workbook);
            use phasebook::app::action::Action;
            let sections = std::iter::once(Action::ShowGeneral)
                .chain((1..=app.workbook.phases.len()).map(|n| Action::GoToPhase(u8::try_from(n).unwrap())));
            for section in sections {
                update(&mut app, Msg::Action(section));
                update(&mut app, Msg::Action(phasebook::app::action::Action::Top));
                let drawn = list_text_paged(&mut app, assignee, due);
                for item in app.items() {
                    let whole = item.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert!(drawn.contains(&whole), "{lang:?} {size:?} {section:?}: {whole:?} not whole in\n{drawn}");
                }
            }
            let screen = crate::common::headless::screen_text(&app);
            let header: String = screen.lines().take(usize::from(app.header_lines())).collect::<Vec<_>>().join("\n");
            for d in phasebook::model::deadline::deadlines(&app.workbook) {
                if let Some(date) = d.date {
                    assert!(header.contains(&date.to_string()), "{lang:?} {size:?}: {date} not in\n{header}");
                }
            }
            let footer = screen.lines().last().unwrap();
            assert!(footer.contains("? "), "{lang:?} {size:?}: {footer}");
        }
    }
}

#[test]
fn history_screen() {
    for lang in LANGS {
        for size in SIZES {
            let mut app = app(lang, size);
            keys(&mut app, " jbja");
            keys(&mut app, "Åsa\nd+3d\nT");
            insta::assert_snapshot!(name("history", lang, size), draw(&app).backend());
            keys(&mut app, "/Åsa\n");
            insta::assert_snapshot!(name("history_filtered", lang, size), draw(&app).backend());
        }
    }
}

#[test]
fn meetings_screen() {
    for lang in LANGS {
        for size in SIZES {
            let mut app = app(lang, size);
            keys(&mut app, "maÅsa, Bo\nnAgreed the plan.\nBo keeps the list.\x1bcw");
            insta::assert_snapshot!(name("meetings", lang, size), draw(&app).backend());
        }
    }
}

/// The conflicts a merge left, in both languages and both sizes.
#[test]
fn conflicts_screen() {
    for lang in LANGS {
        for size in SIZES {
            let mut app = app(lang, size);
            let base = app.workbook.clone();
            let (mut ours, mut theirs) = (base.clone(), base.clone());
            ours.phases[0].items[3].status = phasebook::model::Status::Blocked;
            theirs.phases[0].items[3].status = phasebook::model::Status::Done;
            ours.phases[0].items[1].assignee = "Åsa".into();
            theirs.phases[0].items[1].assignee = "Bo".into();
            app.workbook = phasebook::model::merge::merge(&base, &ours, &theirs).unwrap();
            app.rollup = phasebook::model::Rollup::of(&app.workbook);
            app.issues = phasebook::model::check::check(&app.workbook);
            insta::assert_snapshot!(name("conflicts_banner", lang, size), draw(&app).backend());
            keys(&mut app, "C");
            insta::assert_snapshot!(name("conflicts", lang, size), draw(&app).backend());
        }
    }
}
