//! The agenda of a checkpoint meeting: what needs talking about in every phase reached so
//! far (the current one and those passed, waived ones included) — open in-scope items that
//! are blocked or overdue, and every item changed since the last meeting held, closed ones
//! too — grouped by phase.

use chrono::NaiveDate;

use super::deadline::{Urgency, item_urgency};
use super::gate::{Standing, standing};
use super::rollup::Rollup;
use super::workbook::{Status, Workbook};

/// Why an item is on the agenda, most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    Blocked,
    Overdue,
    Changed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// The title of the item's phase.
    pub phase: String,
    pub item: String,
    pub text: String,
    pub reason: Reason,
}

/// The agenda for a meeting held now: phase by phase in order, and within a phase blocked
/// items first, then overdue, then changed.
pub fn agenda(workbook: &Workbook, rollup: &Rollup, today: NaiveDate) -> Vec<Point> {
    let reached = match standing(workbook) {
        Standing::In(index) => index + 1,
        Standing::Finished => workbook.phases.len(),
    };
    let since = workbook.meetings.iter().map(|m| m.held).max();
    let changed = |id: &str| workbook.history.iter().any(|c| c.target == id && since.is_none_or(|held| c.at > held));
    let mut points = Vec::new();
    for (index, phase) in workbook.phases.iter().enumerate().take(reached) {
        let mut in_phase: Vec<Point> = phase
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                let facts = rollup.facts(Some(index), i);
                if facts.is_group || !facts.in_scope {
                    return None;
                }
                let open = facts.counts(item.status) && !facts.closed;
                let reason = if open && item.status == Status::Blocked {
                    Reason::Blocked
                } else if open && item_urgency(item, today) == Some(Urgency::Passed) {
                    Reason::Overdue
                } else if changed(&item.id) {
                    Reason::Changed
                } else {
                    return None;
                };
                Some(Point { phase: phase.title.clone(), item: item.id.clone(), text: item.text.clone(), reason })
            })
            .collect();
        // A stable sort keeps the checklist's order within each reason.
        in_phase.sort_by_key(|p| p.reason);
        points.extend(in_phase);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{self, date};
    use crate::model::workbook::{Change, Meeting, MeetingKind};
    use chrono::DateTime;

    fn at(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn a_quiet_phase_has_an_empty_agenda() {
        let wb = fixture::workbook();
        assert!(agenda(&wb, &Rollup::of(&wb), date(2026, 3, 1)).is_empty());
    }

    #[test]
    fn blocked_comes_before_overdue_and_closed_items_stay_off() {
        let mut wb = fixture::workbook();
        wb.phases[0].items[1].status = Status::Blocked;
        wb.phases[0].items[0].due = Some(date(2026, 2, 1));
        let points = agenda(&wb, &Rollup::of(&wb), date(2026, 3, 1));
        let reasons: Vec<Reason> = points.iter().map(|p| p.reason).collect();
        assert_eq!(reasons, [Reason::Blocked, Reason::Overdue]);
        wb.phases[0].items[0].status = Status::Done;
        assert_eq!(agenda(&wb, &Rollup::of(&wb), date(2026, 3, 1)).len(), 1);
    }

    #[test]
    fn earlier_phases_count_and_a_closed_item_changed_since_the_last_meeting_is_listed() {
        let mut wb = fixture::workbook();
        // The first gate passed on a waiver, with an item still blocked there.
        wb.phases[0].gate.passed =
            Some(crate::model::Passage { date: date(2026, 2, 1), by: "Ann".into(), waiver: None });
        wb.phases[0].items[1].status = Status::Blocked;
        let done = wb.phases[1].items[0].id.clone();
        wb.phases[1].items[0].status = Status::Done;
        wb.history.push(Change {
            at: at("2026-02-10T10:00:00+01:00"),
            by: "Ann".into(),
            target: done.clone(),
            what: "done".into(),
            said: None,
        });
        let points = agenda(&wb, &Rollup::of(&wb), date(2026, 3, 1));
        let got: Vec<(&str, &str, Reason)> =
            points.iter().map(|p| (p.phase.as_str(), p.item.as_str(), p.reason)).collect();
        assert_eq!(
            got,
            [
                (wb.phases[0].title.as_str(), wb.phases[0].items[1].id.as_str(), Reason::Blocked),
                (wb.phases[1].title.as_str(), done.as_str(), Reason::Changed),
            ]
        );
    }

    #[test]
    fn only_changes_since_the_last_meeting_count() {
        let mut wb = fixture::workbook();
        let id = wb.phases[0].items[0].id.clone();
        wb.history.push(Change {
            at: at("2026-02-01T10:00:00+01:00"),
            by: "Ann".into(),
            target: id,
            what: "x".into(),
            said: None,
        });
        assert_eq!(agenda(&wb, &Rollup::of(&wb), date(2026, 3, 1))[0].reason, Reason::Changed);
        wb.meetings.push(Meeting {
            id: "M-1".into(),
            kind: MeetingKind::Checkpoint,
            title: "Checkpoint".into(),
            phase: None,
            held: at("2026-02-02T10:00:00+01:00"),
            attendees: Vec::new(),
            agenda: Vec::new(),
            minutes: String::new(),
            planned: None,
        });
        assert!(agenda(&wb, &Rollup::of(&wb), date(2026, 3, 1)).is_empty());
    }
}
