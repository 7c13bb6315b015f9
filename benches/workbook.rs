//! Speed at every size a real engagement reaches and far beyond: loading, saving, the
//! rules after a change, a key press drawn into a 200×50 screen, each export, and the
//! agenda across many engagements.
//! Run with `cargo bench`; figures for this machine are in the README.

// Benchmark code: a failed setup step should stop the run, loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use chrono::DateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use phasebook::app::config::Config;
use phasebook::app::state::App;
use phasebook::app::update::{Msg, update};
use phasebook::export::{self, Format, Snapshot};
use phasebook::generate;
use phasebook::i18n::Lang;
use phasebook::model::deadline::{Urgency, items_with_urgency};
use phasebook::model::{Owner, Rollup, Status};
use phasebook::store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn app(items: usize) -> App {
    let now = DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap();
    let mut app =
        App::new(generate::workbook(items, 1), "bench.ron".into(), Lang::En, Config::from_texts(None, "Åsa"), now);
    update(&mut app, Msg::Resize(200, 50));
    app
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn load_and_validate(bencher: Bencher, items: usize) {
    let text = store::to_ron(&generate::workbook(items, 1)).unwrap();
    bencher.bench(|| store::load_bytes(Path::new("bench.ron"), text.as_bytes()).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn save_with_syncs(bencher: Bencher, items: usize) {
    let workbook = generate::workbook(items, 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.ron");
    bencher.bench(|| store::save(&path, &workbook).unwrap());
}

/// The parts of a save that are not the disk: the text written, and the check that reads it back.
#[divan::bench(args = SIZES, sample_count = 20)]
fn save_serialize(bencher: Bencher, items: usize) {
    let workbook = generate::workbook(items, 1);
    bencher.bench(|| store::to_ron(&workbook).unwrap());
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn save_read_back(bencher: Bencher, items: usize) {
    let text = store::to_ron(&generate::workbook(items, 1)).unwrap();
    bencher.bench(|| store::from_ron::<phasebook::model::Workbook>(&text).unwrap());
}

/// One item's status changes; progress, scope, gates and the overdue list are brought up to date.
#[divan::bench(args = SIZES, sample_count = 100)]
fn rules_after_one_change(bencher: Bencher, items: usize) {
    let mut workbook = generate::workbook(items, 1);
    let mut rollup = Rollup::of(&workbook);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let mut done = false;
    bencher.bench_local(|| {
        done = !done;
        workbook.phases[2].items[0].status = if done { Status::Done } else { Status::NotStarted };
        rollup.refresh_list(&workbook, Some(2));
        items_with_urgency(&workbook, &rollup, today, Urgency::Passed).len()
    });
}

/// Moving down a row, then drawing the whole main screen.
#[divan::bench(args = SIZES, sample_count = 500)]
fn key_press_move_and_draw(bencher: Bencher, items: usize) {
    let mut app = app(items);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    let mut down = 0;
    bencher.bench_local(|| {
        // Down forty rows, then up forty, so the cursor stays within the list.
        down = (down + 1) % 80;
        update(&mut app, key(if down < 40 { 'j' } else { 'k' }));
        terminal.draw(|f| phasebook::ui::draw(&app, f)).unwrap();
    });
}

/// Marking an item done (history, undo, figures, rows), then drawing the whole main screen.
#[divan::bench(args = SIZES, sample_count = 200)]
fn key_press_edit_and_draw(bencher: Bencher, items: usize) {
    let mut app = app(items);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    bencher.bench_local(|| {
        update(&mut app, key('s'));
        terminal.draw(|f| phasebook::ui::draw(&app, f)).unwrap();
    });
}

#[divan::bench(args = Format::ALL, sample_count = 20)]
fn export_10k(bencher: Bencher, format: Format) {
    let workbook = generate::workbook(10_000, 1);
    let rollup = Rollup::of(&workbook);
    let now = DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap();
    let strings = Lang::En.strings();
    bencher.bench(|| {
        export::render(format, &Snapshot::new(&workbook, &rollup, now), strings, export::csv::Separator::Comma)
    });
}

/// A frame drawn with a huge text on the selected item: a detail and a note of this many
/// megabytes (pasted logs, say). Only what fits on screen is laid out, so a frame costs
/// about the same whatever the size.
#[divan::bench(args = [1, 10, 50], sample_count = 20)]
fn draw_with_a_huge_note_selected(bencher: Bencher, megabytes: usize) {
    let mut app = app(1_000);
    let text = "A line of a pasted log, with words to wrap. ".repeat(megabytes * 1024 * 1024 / 44);
    let id = app.selected().map(|(_, item)| item.id.clone()).unwrap();
    let item = app.workbook.phases.iter_mut().flat_map(|p| p.items.iter_mut()).find(|i| i.id == id).unwrap();
    item.detail = text.clone();
    item.notes.push(phasebook::model::Note {
        at: DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap(),
        by: "Åsa".into(),
        text,
    });
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap();
    bencher.bench_local(|| terminal.draw(|f| phasebook::ui::draw(&app, f)).unwrap().area.width);
}

/// Two copies of a 10,000-item workbook, each with 100 changes of its own (statuses,
/// assignees, notes; a few on the same items, so some conflict), merged three ways.
#[divan::bench(sample_count = 20)]
fn merge_10k_with_100_edits_a_side(bencher: Bencher) {
    let base = generate::workbook(10_000, 1);
    let at = DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap();
    let edited = |offset: usize, who: &str| {
        let mut copy = base.clone();
        for n in 0..100 {
            let item = copy.item_mut(&format!("g{}", (n * 97 + offset) % 10_000)).unwrap();
            match n % 3 {
                0 => item.status = Status::Done,
                1 => item.assignee = who.into(),
                _ => item.notes.push(phasebook::model::Note { at, by: who.into(), text: format!("Note {n}") }),
            }
        }
        copy
    };
    let (ours, theirs) = (edited(0, "Åsa"), edited(970, "Bo"));
    bencher.bench(|| phasebook::model::merge::merge(&base, &ours, &theirs).unwrap());
}

/// As above, and each side adds ten tasks of its own (ours to Assess, theirs to Remediate):
/// the lists that grew are merged by id, the others item by item.
#[divan::bench(sample_count = 20)]
fn merge_10k_with_100_edits_and_10_new_items_a_side(bencher: Bencher) {
    let base = generate::workbook(10_000, 1);
    let edited = |list: usize, who: &str| {
        let mut copy = base.clone();
        for n in 0..100 {
            let item = copy.item_mut(&format!("g{}", (n * 89 + list) % 10_000)).unwrap();
            item.assignee = who.into();
        }
        for n in 0..10 {
            let add = phasebook::model::items::add(&copy, Some(list), Owner::Customer, &format!("{who} {n}"), None);
            add.unwrap().apply(&mut copy).unwrap();
        }
        copy
    };
    let (ours, theirs) = (edited(1, "Åsa"), edited(2, "Bo"));
    bencher.bench(|| phasebook::model::merge::merge(&base, &ours, &theirs).unwrap());
}

/// A manager's week: the agenda over 100 engagements of 100 items each (the rules of each
/// run once), gathered in process as `phasebook agenda` does after loading them.
#[divan::bench(sample_count = 20)]
fn agenda_100_workbooks_of_100_items(bencher: Bencher) {
    let workbooks: Vec<_> = (0..100).map(|seed| generate::workbook(100, seed)).collect();
    let books: Vec<&phasebook::model::Workbook> = workbooks.iter().collect();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let window = phasebook::model::calendar::Window { today, days: 7, mine: None };
    bencher.bench(|| phasebook::model::calendar::gather(&books, window));
}
