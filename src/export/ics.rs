//! iCalendar (RFC 5545): the dates of one or more engagements for the calendar a lead lives
//! in. A to-do for every item with a due date (completed or cancelled once closed or out of
//! scope), an all-day event for every dated deadline and every meeting held. Written by hand, as the format is small: TEXT
//! values escaped, lines folded at 75 octets on character boundaries, CRLF line ends.
//!
//! The same snapshots give the same bytes: the stamp is the snapshot's moment, and each
//! entry's UID is made from the process, the engagement and the entry's id, so a calendar
//! that imports a later export updates its entries instead of adding new ones.

use std::fmt::Write;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

use super::snapshot::{ItemLine, Snapshot};
use crate::i18n::Strings;
use crate::model::{Meeting, Status};

/// The longest a line may be, in octets, line break not counted (RFC 5545, 3.1).
const LINE_OCTETS: usize = 75;

/// One calendar holding the entries of every snapshot, stamped with the first one's moment
/// (all of them are taken at one moment when several engagements go into one calendar).
pub fn calendar(snapshots: &[&Snapshot]) -> String {
    let stamp = snapshots.first().map_or_else(DateTime::<FixedOffset>::default, |s| s.taken_at);
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        concat!("PRODID:-//phasebook//phasebook ", env!("CARGO_PKG_VERSION"), "//EN"),
        "CALSCALE:GREGORIAN",
    ] {
        fold(line, &mut out);
    }
    // The name a calendar application gives the imported calendar: the engagement and its
    // process for one, phasebook's for several.
    let name = match snapshots {
        [one] => format!("{} · {}", customer(one), one.title),
        _ => "phasebook".to_string(),
    };
    fold(&format!("X-WR-CALNAME:{}", text(&name)), &mut out);
    for snapshot in snapshots {
        entries(snapshot, stamp, &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

/// The calendar of one snapshot.
pub fn render(snapshot: &Snapshot) -> String {
    calendar(&[snapshot])
}

fn entries(snapshot: &Snapshot, stamp: DateTime<FixedOffset>, out: &mut String) {
    let strings = snapshot.lang.strings();
    let engagement = engagement_key(snapshot);
    let uid = |kind: &str, id: &str| format!("{}/{engagement}/{kind}/{}@phasebook", key(&snapshot.template), key(id));
    let stamp = format!("DTSTAMP:{}", utc(stamp));
    let customer = customer(snapshot);
    // Closed ones and those out of scope too, as completed or cancelled: a calendar that
    // imported one while it was open is told so, rather than keeping it open for ever.
    for item in &snapshot.items {
        let Some(due) = item.due else { continue };
        let phase = item.phase.as_ref().map_or(strings.general.as_str(), |(_, title)| title.as_str());
        let status = match item.status {
            _ if !item.in_scope => "CANCELLED",
            Status::InProgress => "IN-PROCESS",
            Status::Done => "COMPLETED",
            Status::NotApplicable => "CANCELLED",
            Status::NotStarted | Status::Blocked => "NEEDS-ACTION",
        };
        let mut component = Component::new("VTODO", &uid("item", &item.id), &stamp);
        component.line(&format!("DUE;VALUE=DATE:{}", date(due)));
        component.line(&format!("STATUS:{status}"));
        component.text("SUMMARY", &format!("{customer} · {phase}: {}", item.text));
        component.text("DESCRIPTION", &item_description(item, strings));
        component.end(out);
    }
    for deadline in &snapshot.deadlines {
        let Some(day) = deadline.date else { continue };
        let mut component = Component::new("VEVENT", &uid("deadline", &deadline.id), &stamp);
        all_day(&mut component, day);
        component.text("SUMMARY", &format!("{customer} · {}: {}", strings.deadline, deadline.title));
        component.line("TRANSP:TRANSPARENT");
        component.end(out);
    }
    for meeting in &snapshot.meetings {
        let mut component = Component::new("VEVENT", &uid("meeting", &meeting.id), &stamp);
        all_day(&mut component, meeting.held.date_naive());
        component.text("SUMMARY", &format!("{customer} · {}", meeting_title(snapshot, meeting)));
        if !meeting.minutes.is_empty() {
            component.text("DESCRIPTION", &meeting.minutes);
        }
        component.line("TRANSP:TRANSPARENT");
        component.end(out);
    }
}

/// The engagement's customer, or the words for none set.
fn customer(snapshot: &Snapshot) -> &str {
    match snapshot.engagement.customer.trim() {
        "" => snapshot.lang.strings().no_customer.as_str(),
        named => named,
    }
}

/// The item's text, who it is assigned to, and its last note with who wrote it and when.
fn item_description(item: &ItemLine, strings: &Strings) -> String {
    let mut text = item.text.clone();
    if !item.assignee.trim().is_empty() {
        let _ = write!(text, "\n{}: {}", strings.assignee_label, item.assignee);
    }
    if let Some(note) = &item.last_note {
        let _ = write!(text, "\n\n{} ({}, {}): {}", strings.last_note, note.at.format("%Y-%m-%d"), note.by, note.text);
    }
    text
}

fn meeting_title(snapshot: &Snapshot, meeting: &Meeting) -> String {
    let phase = meeting.phase.as_deref().and_then(|id| snapshot.phases.iter().find(|p| p.id == id));
    match phase {
        Some(phase) => format!("{}: {}", phase.title, meeting.title),
        None => meeting.title.clone(),
    }
}

fn all_day(component: &mut Component, day: NaiveDate) {
    component.line(&format!("DTSTART;VALUE=DATE:{}", date(day)));
    // An all-day event ends (exclusively) on the next day.
    let next = day.succ_opt().unwrap_or(day);
    component.line(&format!("DTEND;VALUE=DATE:{}", date(next)));
}

/// A component being written: its lines go out folded when it ends.
struct Component {
    name: &'static str,
    lines: Vec<String>,
}

impl Component {
    fn new(name: &'static str, uid: &str, stamp: &str) -> Component {
        let lines = vec![format!("BEGIN:{name}"), format!("UID:{}", text(uid)), stamp.to_string()];
        Component { name, lines }
    }

    fn line(&mut self, line: &str) {
        self.lines.push(line.to_string());
    }

    fn text(&mut self, property: &str, value: &str) {
        self.lines.push(format!("{property}:{}", text(value)));
    }

    fn end(mut self, out: &mut String) {
        self.lines.push(format!("END:{}", self.name));
        for line in &self.lines {
            fold(line, out);
        }
    }
}

/// The engagement as a stable key: its id, or, in a workbook from before ids, its customer
/// and tenant.
fn engagement_key(snapshot: &Snapshot) -> String {
    // Its id, so renaming the customer or filling in the tenant later keeps every entry;
    // a workbook from before there were ids by its customer and tenant.
    if !snapshot.engagement.id.is_empty() {
        return key(&snapshot.engagement.id);
    }
    format!("{}/{}", key(&snapshot.engagement.customer), key(&snapshot.engagement.tenant))
}

/// `part` for a UID: letters, digits, `.`, `-` and `_` as they are, every other character
/// as `%` and its UTF-8 bytes in hex, so different ids never give the same UID.
fn key(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for c in part.chars() {
        if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
            out.push(c);
        } else {
            let mut bytes = [0; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// A DATE value: `20261201`.
fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// A DATE-TIME value in UTC: `20261210T110000Z`.
fn utc(moment: DateTime<FixedOffset>) -> String {
    moment.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string()
}

/// `value` as a TEXT value: backslash, semicolon and comma escaped, every line break (CR LF,
/// LF or a lone CR) as `\n`, tabs kept, and every other control character left out, as
/// the format has no way to carry one.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` to `out` folded: no physical line longer than 75 octets, each
/// continuation starting with one space, a break never inside a character; CRLF after each.
pub fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        let octets = c.len_utf8();
        if used + octets > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += octets;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rollup;
    use crate::model::fixture::{self, date as day};

    fn folded(line: &str) -> String {
        let mut out = String::new();
        fold(line, &mut out);
        out
    }

    fn snapshot(wb: &crate::model::Workbook) -> Snapshot {
        let at = DateTime::parse_from_rfc3339("2026-03-01T12:00:00+01:00").unwrap_or_default();
        Snapshot::new(wb, &Rollup::of(wb), at)
    }

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_line_breaks() {
        assert_eq!(text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(text("one\ntwo\r\nthree\rfour"), r"one\ntwo\nthree\nfour");
        assert_eq!(text("tab\tkept"), "tab\tkept");
    }

    #[test]
    fn text_leaves_out_every_other_control_character() {
        assert_eq!(text("x\u{1b}]2;owned\u{7}\u{9b}2J\u{7f}\u{0}y"), r"x]2\;owned2Jy");
    }

    #[test]
    fn a_short_line_is_not_folded() {
        assert_eq!(folded("SUMMARY:short"), "SUMMARY:short\r\n");
        let exactly = "X".repeat(LINE_OCTETS);
        assert_eq!(folded(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn a_long_line_folds_at_75_octets_with_a_space_before_each_continuation() {
        let line = "A".repeat(200);
        let out = folded(&line);
        let lines: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(lines[0].len(), 75);
        assert!(lines[1..].iter().all(|l| l.starts_with(' ') && l.len() <= 75));
        let unfolded: String = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn a_fold_never_splits_a_multi_byte_character() {
        // 74 octets, then "å" (2 octets) would end on octet 76: it goes to the next line whole.
        let line = format!("{}å{}", "a".repeat(74), "€".repeat(40));
        let out = folded(&line);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets: {physical:?}", physical.len());
        }
        assert!(out.starts_with(&format!("{}\r\n å", "a".repeat(74))));
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
        let emoji = "😀".repeat(30); // four octets each
        let out = folded(&emoji);
        assert!(out.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(out.replace("\r\n ", ""), format!("{emoji}\r\n"));
    }

    #[test]
    fn uids_stay_the_same_across_exports_and_differ_between_engagements() {
        let mut wb = fixture::workbook();
        wb.phases[0].items[0].due = Some(day(2026, 3, 5));
        let uids = |wb: &crate::model::Workbook| -> Vec<String> {
            render(&snapshot(wb)).lines().filter(|l| l.starts_with("UID:")).map(str::to_string).collect()
        };
        let first = uids(&wb);
        assert_eq!(first.len(), 3, "one item and two deadlines: {first:?}");
        assert!(first[0].contains("test/Contoso/") && first[0].contains("item/initiate.contact"), "{first:?}");
        // Another day, other statuses, another note: the same entries.
        wb.phases[0].items[0].status = Status::InProgress;
        wb.phases[0].items[0].due = Some(day(2026, 3, 9));
        assert_eq!(uids(&wb), first);
        let mut other = wb.clone();
        other.engagement.customer = "Fabrikam".into();
        assert!(uids(&other).iter().all(|uid| !first.contains(uid)));
        let mut tenant = wb.clone();
        tenant.engagement.tenant = "contoso2.onmicrosoft.com".into();
        assert!(uids(&tenant).iter().all(|uid| !first.contains(uid)));
        // With an id, the engagement is known by it: renamed, its entries stay the same;
        // two of one customer stay apart.
        let mut named = wb.clone();
        named.engagement.id = "e-1".into();
        let kept = uids(&named);
        named.engagement.customer = "Contoso Ltd".into();
        named.engagement.tenant = "contoso.onmicrosoft.com".into();
        assert_eq!(uids(&named), kept);
        let mut twin = named.clone();
        twin.engagement.id = "e-2".into();
        assert!(uids(&twin).iter().all(|uid| !kept.contains(uid)));
    }

    #[test]
    fn ids_that_differ_only_in_punctuation_give_different_uids() {
        assert_ne!(key("a b"), key("a-b"));
        assert_eq!(key("Åkesson AB;x"), "Åkesson%20AB%3Bx");
    }

    #[test]
    fn an_undated_item_gives_no_todo_and_a_closed_one_says_it_is_completed() {
        let mut wb = fixture::workbook();
        wb.phases[0].items[0].due = Some(day(2026, 3, 5));
        wb.phases[0].items[0].status = Status::InProgress;
        wb.phases[0].items[1].due = Some(day(2026, 3, 6));
        wb.phases[0].items[1].status = Status::Done;
        let ics = render(&snapshot(&wb));
        assert_eq!(ics.matches("BEGIN:VTODO").count(), 2, "the two dated ones");
        assert!(ics.contains("STATUS:IN-PROCESS\r\n") && ics.contains("DUE;VALUE=DATE:20260305\r\n"), "{ics}");
        assert!(ics.contains("STATUS:COMPLETED\r\n") && ics.contains("DUE;VALUE=DATE:20260306\r\n"), "{ics}");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "no bare LF");
    }
}
