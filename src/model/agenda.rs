//! The agenda of a checkpoint meeting: what in the current phase needs talking about —
//! open in-scope items that are blocked, overdue, or changed since the last meeting held.

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
    pub item: String,
    pub text: String,
    pub reason: Reason,
}

/// The agenda for a meeting held now, blocked items first, then overdue, then changed.
pub fn agenda(workbook: &Workbook, rollup: &Rollup, today: NaiveDate) -> Vec<Point> {
    let Standing::In(index) = standing(workbook) else { return Vec::new() };
    let Some(phase) = workbook.phases.get(index) else { return Vec::new() };
    let since = workbook.meetings.iter().map(|m| m.held).max();
    let mut points: Vec<Point> = phase
        .items
        .iter()
        .enumerate()
        .filter(|(i, item)| {
            let facts = rollup.facts(Some(index), *i);
            facts.counts(item.status) && !facts.closed && !facts.is_group
        })
        .filter_map(|(_, item)| {
            let changed =
                || workbook.history.iter().any(|c| c.target == item.id && since.is_none_or(|held| c.at > held));
            let reason = if item.status == Status::Blocked {
                Reason::Blocked
            } else if item_urgency(item, today) == Some(Urgency::Passed) {
                Reason::Overdue
            } else if changed() {
                Reason::Changed
            } else {
                return None;
            };
            Some(Point { item: item.id.clone(), text: item.text.clone(), reason })
        })
        .collect();
    // A stable sort keeps the checklist's order within each reason.
    points.sort_by_key(|p| p.reason);
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
    fn only_changes_since_the_last_meeting_count() {
        let mut wb = fixture::workbook();
        let id = wb.phases[0].items[0].id.clone();
        wb.history.push(Change { at: at("2026-02-01T10:00:00+01:00"), by: "Ann".into(), target: id, what: "x".into() });
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
        });
        assert!(agenda(&wb, &Rollup::of(&wb), date(2026, 3, 1)).is_empty());
    }
}
