//! The agenda across engagements as plain text (for a terminal, and pasted into a mail) and
//! as JSON (for scripts): what [`crate::model::calendar::gather`] found, one line an entry,
//! with the engagement it belongs to.

use std::fmt::Write;
use std::path::Path;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::i18n::Strings;
use crate::i18n::messages::fill;
use crate::i18n::visible;
use crate::model::Workbook;
use crate::model::calendar::{Entry, Kind, Section, Window};

/// A workbook the agenda was gathered from, and where it lives.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub workbook: &'a Workbook,
}

/// What each engagement is called in the agenda: its customer, with the file's name beside
/// it when another engagement has the same customer, so the two stay apart.
pub fn names(sources: &[Source<'_>], strings: &Strings) -> Vec<String> {
    // On one line, shown as the interface shows it, and never so long it pushes every line
    // of the agenda past the screen.
    let customer = |s: &Source<'_>| match s.workbook.engagement.customer.trim() {
        "" => strings.no_customer.clone(),
        named => crate::i18n::cells::fit(&visible::line(named), 40),
    };
    let all: Vec<String> = sources.iter().map(customer).collect();
    sources
        .iter()
        .zip(&all)
        .map(|(source, name)| {
            if all.iter().filter(|other| *other == name).count() > 1 {
                let file = source.path.file_name().map_or_else(String::new, |f| f.to_string_lossy().into_owned());
                format!("{name} ({file})")
            } else {
                name.clone()
            }
        })
        .collect()
}

/// The agenda as text: a title line, then the overdue entries, then those of the coming
/// days, each `date  days  engagement · phase  what`.
pub fn text(entries: &[Entry], sources: &[Source<'_>], window: Window<'_>, strings: &Strings) -> String {
    let names = names(sources, strings);
    let from = window.today.to_string();
    let to = window.last_day().to_string();
    let mut out = fill(&strings.agenda_title, &[("from", &from), ("to", &to)]);
    if let Some(user) = window.mine {
        out.push_str(" · ");
        out.push_str(&fill(&strings.agenda_mine, &[("user", visible::line(user).as_ref())]));
    }
    out.push('\n');
    let days = window.days.to_string();
    if entries.is_empty() {
        // `--days 0` is today, 1 today and tomorrow: said so, not "the next 1 days".
        let nothing = if window.days <= 1 { &strings.agenda_nothing_one } else { &strings.agenda_nothing };
        let _ = writeln!(out, "\n{}", fill(nothing, &[("n", &days)]));
        return out;
    }
    let rows: Vec<(Section, [String; 4])> = entries
        .iter()
        .map(|e| {
            let name = names.get(e.engagement).cloned().unwrap_or_default();
            let place = match &e.phase {
                Some(phase) => format!("{name} · {}", crate::i18n::cells::fit(&visible::line(phase), 40)),
                None => name,
            };
            let what = match e.kind {
                Kind::Deadline => format!("{}: {}", strings.agenda_deadline, visible::line(&e.text)),
                Kind::Meeting => format!("{}: {}", strings.agenda_meeting, visible::line(&e.text)),
                Kind::Item => item_text(e, strings),
            };
            (e.section, [e.date.to_string(), strings.days(e.days_left), place, what])
        })
        .collect();
    let width = |column: usize| rows.iter().map(|(_, r)| r[column].width()).max().unwrap_or(0);
    let (days_width, place_width) = (width(1), width(2));
    let mut section = None;
    for (at, [date, left, place, what]) in &rows {
        if section != Some(*at) {
            section = Some(*at);
            let heading = match at {
                Section::Overdue => strings.overdue.clone(),
                Section::Coming if window.days <= 1 => strings.agenda_coming_one.clone(),
                Section::Coming => fill(&strings.agenda_coming, &[("n", &days)]),
            };
            let _ = writeln!(out, "\n{heading}");
        }
        let _ = writeln!(out, "  {date}  {}  {}  {what}", pad(left, days_width), pad(place, place_width));
    }
    out
}

/// An item's text, with its status when that is news (blocked, in progress) and who has it.
fn item_text(entry: &Entry, strings: &Strings) -> String {
    let mut text = visible::line(&entry.text).into_owned();
    if let Some(status) = entry.status.filter(|s| *s != crate::model::Status::NotStarted) {
        let _ = write!(text, " [{}]", strings.status(status));
    }
    if !entry.assignee.trim().is_empty() {
        let _ = write!(text, " — {}", visible::line(entry.assignee.trim()));
    }
    text
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

#[derive(Serialize)]
struct AgendaJson<'a> {
    from: String,
    to: String,
    days: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    mine: Option<&'a str>,
    entries: Vec<EntryJson<'a>>,
    skipped: Vec<Skipped>,
}

#[derive(Serialize)]
struct EntryJson<'a> {
    section: &'static str,
    kind: &'static str,
    date: String,
    days_left: i64,
    customer: &'a str,
    path: String,
    phase: Option<&'a str>,
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    assignee: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<crate::model::Status>,
}

/// A file that was named or found but could not be read as a workbook, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    /// As the user would write it (a path that is not UTF-8 shown with replacements).
    pub path: String,
    pub error: String,
}

/// The agenda as JSON: `from`, `to`, `days`, `mine`, `entries[]` (each with `section`
/// `overdue`/`coming`, `kind` `item`/`deadline`/`meeting`, `date`, `days_left`, `customer`,
/// `path`, `phase`, `id`, `text`, `assignee`, `status`) and `skipped[]` (`path`, `error`).
pub fn json(entries: &[Entry], sources: &[Source<'_>], window: Window<'_>, skipped: &[Skipped]) -> String {
    let entries = entries
        .iter()
        .map(|e| {
            let source = sources.get(e.engagement);
            EntryJson {
                section: match e.section {
                    Section::Overdue => "overdue",
                    Section::Coming => "coming",
                },
                kind: match e.kind {
                    Kind::Item => "item",
                    Kind::Deadline => "deadline",
                    Kind::Meeting => "meeting",
                },
                date: e.date.to_string(),
                days_left: e.days_left,
                customer: source.map_or("", |s| s.workbook.engagement.customer.as_str()),
                path: source.map_or_else(String::new, |s| s.path.display().to_string()),
                phase: e.phase.as_deref(),
                id: &e.id,
                text: &e.text,
                assignee: &e.assignee,
                status: e.status,
            }
        })
        .collect();
    let agenda = AgendaJson {
        from: window.today.to_string(),
        to: window.last_day().to_string(),
        days: window.days,
        mine: window.mine,
        entries,
        skipped: skipped.to_vec(),
    };
    let mut text = serde_json::to_string_pretty(&agenda).unwrap_or_default();
    text.push('\n');
    text
}
