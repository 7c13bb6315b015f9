//! The engagements picker as drawn, through ratatui's TestBackend: the list, the new
//! engagement's fields, the agenda and the help, in both languages at 80×24 and 120×40.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use phasebook::app::config::Config;
use phasebook::app::picker::{NewEngagement, Next, Picker, Row};
use phasebook::i18n::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn row(customer: &str, phase: &str, percent: u8, next: Option<(&str, i64)>, counts: (usize, usize)) -> Row {
    Row {
        path: format!("/home/ann/{}.ron", customer.to_lowercase().replace(' ', "-")).into(),
        customer: customer.into(),
        template: "intune-fasttrack".into(),
        phase: phase.into(),
        percent,
        next: next.map(|(title, days)| Next {
            title: title.into(),
            date: today().checked_add_signed(chrono::Duration::days(days)).unwrap(),
            days,
        }),
        overdue: counts.0,
        blocked: counts.1,
        error: None,
    }
}

fn picker(lang: Lang) -> Picker {
    let mut broken = row("", "", 0, None, (0, 0));
    broken.path = "/home/ann/old.ron".into();
    broken.error = Some("not a workbook: it holds no engagement".into());
    let rows = vec![
        row("Contoso AB", "Assess", 34, Some(("Onboarding of every eligible service done", -3)), (2, 1)),
        row(
            "Fabrikam Industries International",
            "Initiate",
            0,
            Some(("First contact from the FastTrack Center", 12)),
            (0, 0),
        ),
        row("Northwind", "Enable: core capabilities", 81, None, (0, 3)),
        broken,
    ];
    let defaults =
        NewEngagement { language: lang.code().into(), template: "intune-fasttrack".into(), ..Default::default() };
    let mut p = Picker::new(rows, lang, Config::from_texts(None, "ann").keymap, today(), defaults);
    p.color = false;
    p.new_folder = "/home/ann/.local/share/phasebook/engagements".into();
    p
}

fn draw(p: &Picker, size: (u16, u16)) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    terminal.draw(|f| phasebook::ui::picker::draw(p, f)).unwrap();
    terminal
}

fn press(p: &mut Picker, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        let _ = p.update(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

#[test]
fn the_picker_lists_each_engagement_asks_for_a_new_one_and_shows_the_agenda_and_help() {
    for lang in [Lang::En, Lang::Sv] {
        for size in [(80, 24), (120, 40)] {
            let name = |screen: &str| format!("picker_{screen}_{}_{}x{}", lang.code(), size.0, size.1);
            let mut p = picker(lang);
            insta::assert_snapshot!(name("list"), draw(&p, size).backend());
            press(&mut p, "nContoso\n");
            insta::assert_snapshot!(name("new"), draw(&p, size).backend());
            let mut p = picker(lang);
            p.agenda(vec![
                "Agenda 2026-12-01 to 2026-12-08".into(),
                String::new(),
                "Overdue".into(),
                "  2026-11-28  3 days ago  Contoso AB · Assess  Run the assessment tools and collect every report the customer's team asked for".into(),
            ]);
            insta::assert_snapshot!(name("agenda"), draw(&p, size).backend());
            let mut p = picker(lang);
            press(&mut p, "?");
            insta::assert_snapshot!(name("help"), draw(&p, size).backend());
        }
    }
}
