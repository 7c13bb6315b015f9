//! Structural checks behind the speed figures (the figures themselves are benchmarks):
//! a frame builds only the rows in view however long the list, and an idle interface
//! does no work at all.

use chrono::DateTime;
use phasebook::app::config::Config;
use phasebook::app::layout::areas;
use phasebook::app::state::App;
use phasebook::app::update::{Msg, update};
use phasebook::i18n::Lang;
use phasebook::ui::theme::Theme;

#[test]
fn a_frame_of_a_100000_item_workbook_builds_only_the_visible_rows() {
    let now = DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap();
    let wb = phasebook::generate::workbook(100_000, 1);
    let mut app = App::new(wb, "big.ron".into(), Lang::En, Config::from_texts(None, "Åsa"), now);
    update(&mut app, Msg::Resize(200, 50));
    assert!(app.rows.len() > 10_000, "the shown list is long: {}", app.rows.len());
    let list = areas(200, 50).list;
    let inner = ratatui::layout::Rect { x: list.x + 1, y: list.y + 1, width: list.width - 2, height: list.height - 2 };
    for _ in 0..3 {
        let lines = phasebook::ui::checklist::lines_in_view(&app, Theme { color: true }, inner);
        assert_eq!(lines.len(), usize::from(inner.height));
        update(&mut app, Msg::Key(crossterm::event::KeyEvent::from(crossterm::event::KeyCode::End)));
    }
}

/// CPU time the process has used, in clock ticks (utime + stime from /proc).
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
}

/// Times any thread of the process has woken up and gone back to sleep.
fn wake_ups(pid: u32) -> u64 {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap().flatten() {
        let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
        for line in status.lines() {
            if let Some(n) = line.strip_prefix("voluntary_ctxt_switches:") {
                total += n.trim().parse::<u64>().unwrap_or(0);
            }
        }
    }
    total
}

#[test]
fn an_idle_interface_draws_nothing_and_uses_no_cpu() {
    if !std::path::Path::new("/proc/self/stat").exists() {
        return; // CPU time is read from /proc, which only Linux has.
    }
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("w.ron");
    std::fs::copy("workbooks/intune-fasttrack.en.ron", &file).unwrap();
    let mut s = crate::common::pty::Session::start(&[file.to_str().unwrap()], home.path(), &[]);
    s.wait_for("quit");
    std::thread::sleep(std::time::Duration::from_millis(300)); // let start-up finish
    let pid = s.pid().unwrap();
    let (bytes, ticks, wakes) = (s.bytes_received(), cpu_ticks(pid), wake_ups(pid));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(s.bytes_received(), bytes, "the screen was redrawn with no event");
    // Waiting on the terminal blocks; a polling timer would wake up every few milliseconds.
    assert!(wake_ups(pid) - wakes <= 2, "woke {} times while idle", wake_ups(pid) - wakes);
    // A tick is 10 ms; a timer or a reload loop would use many in 1.5 s.
    assert!(cpu_ticks(pid) - ticks <= 1, "idle CPU: {} ticks", cpu_ticks(pid) - ticks);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
