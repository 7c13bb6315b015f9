//! Dates that matter: the process deadlines counted from the engagement dates, and the
//! due dates of items relative to a given day. "Today" is always passed in, never read
//! from the clock, so the rules are testable and exports are reproducible.

use chrono::{Months, NaiveDate};

use super::rollup::{ItemPlace, Rollup, counting_items};
use super::workbook::{Anchor, Deadline, Item, Span, Workbook};

/// Within this many days a deadline shows as a warning.
pub const WARNING_DAYS: i64 = 14;
/// Within this many days an item counts as due soon ("due this week").
pub const DUE_SOON_DAYS: i64 = 7;

/// How near a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// More than the warning window away.
    Later,
    /// Inside the warning window, today included.
    Soon,
    /// The day has gone by.
    Passed,
    /// What the deadline asks for is done: a deadline only, never an item.
    Met,
}

/// A process deadline resolved against the engagement's dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineDate<'a> {
    pub deadline: &'a Deadline,
    /// `None` while the anchor date is not yet known.
    pub date: Option<NaiveDate>,
    /// Whether everything the deadline names in `met_by` is closed.
    pub met: bool,
    /// When the last of them closed, as the change history or the gate's passage says.
    pub met_on: Option<NaiveDate>,
}

impl DeadlineDate<'_> {
    /// Days from `today` to the deadline: negative once passed.
    pub fn days_left(&self, today: NaiveDate) -> Option<i64> {
        self.date.map(|d| (d - today).num_days())
    }

    pub fn urgency(&self, today: NaiveDate) -> Option<Urgency> {
        // Met as of `today`: a snapshot taken before the day it was met does not show it met.
        if self.met && self.met_on.is_none_or(|on| on <= today) {
            return Some(Urgency::Met);
        }
        self.days_left(today).map(|days| urgency(days, WARNING_DAYS))
    }
}

fn urgency(days_left: i64, window: i64) -> Urgency {
    if days_left < 0 {
        Urgency::Passed
    } else if days_left <= window {
        Urgency::Soon
    } else {
        Urgency::Later
    }
}

/// The date a deadline falls on, or `None` when its anchor is unknown or out of range.
pub fn deadline_date(workbook: &Workbook, deadline: &Deadline) -> Option<NaiveDate> {
    let anchor = match deadline.from {
        Anchor::Purchase => workbook.engagement.purchase_date,
        Anchor::Start => workbook.engagement.start_date,
    }?;
    match deadline.within {
        Span::Days(days) => anchor.checked_add_days(chrono::Days::new(u64::from(days))),
        Span::Months(months) => anchor.checked_add_months(Months::new(months)),
    }
}

/// Every deadline of the workbook, in file order, with its date and whether it is met.
pub fn deadlines(workbook: &Workbook) -> Vec<DeadlineDate<'_>> {
    workbook
        .deadlines
        .iter()
        .filter(|deadline| deadline.when.evaluate(&workbook.scope) != Some(false))
        .map(|deadline| {
            let (met, met_on) = met(workbook, deadline);
            DeadlineDate { deadline, date: deadline_date(workbook, deadline), met, met_on }
        })
        .collect()
}

/// Whether everything `deadline.met_by` names is closed, and on which day the last one
/// closed when that is known. A deadline that names nothing is never met.
fn met(workbook: &Workbook, deadline: &Deadline) -> (bool, Option<NaiveDate>) {
    if deadline.met_by.is_empty() {
        return (false, None);
    }
    let mut last: Option<NaiveDate> = None;
    for id in &deadline.met_by {
        let closed_on = if let Some(gate) = workbook.phases.iter().map(|p| &p.gate).find(|g| &g.id == id) {
            match &gate.passed {
                Some(passage) => Some(passage.date),
                None => return (false, None),
            }
        } else {
            match workbook.item(id) {
                Some(item) if item.status.is_closed() => {
                    workbook.history.iter().rev().find(|c| &c.target == id).map(|c| c.at.date_naive())
                }
                _ => return (false, None),
            }
        };
        last = match (last, closed_on) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
    (true, last)
}

/// Whether an open item is late or due soon. Closed and undated items have no urgency.
pub fn item_urgency(item: &Item, today: NaiveDate) -> Option<Urgency> {
    if item.status.is_closed() {
        return None;
    }
    item.due.map(|due| urgency((due - today).num_days(), DUE_SOON_DAYS))
}

/// Every in-scope, open, dated item with the given urgency, soonest first.
pub fn items_with_urgency(workbook: &Workbook, rollup: &Rollup, today: NaiveDate, wanted: Urgency) -> Vec<ItemPlace> {
    let mut found: Vec<(NaiveDate, ItemPlace)> =
        counting_items(workbook, rollup, |item| item_urgency(item, today) == Some(wanted))
            .filter_map(|(place, item)| item.due.map(|due| (due, place)))
            .collect();
    found.sort_by_key(|(due, _)| *due);
    found.into_iter().map(|(_, place)| place).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{self, date};
    use crate::model::workbook::Status;

    #[test]
    fn first_contact_falls_thirty_days_after_purchase() {
        let wb = fixture::workbook();
        let all = deadlines(&wb);
        assert_eq!(all[0].date, Some(date(2026, 2, 9)));
    }

    #[test]
    fn a_deadline_is_met_once_what_it_names_is_closed_on_the_day_the_last_one_closed() {
        let mut wb = fixture::workbook();
        let today = date(2026, 3, 1);
        assert_eq!(deadlines(&wb)[0].urgency(today), Some(Urgency::Passed));
        wb.item_mut("initiate.contact").unwrap().status = Status::Done;
        let at = chrono::DateTime::parse_from_rfc3339("2026-01-20T09:00:00+01:00").unwrap();
        let change = |what: &str| crate::model::Change {
            at,
            by: "Ann".into(),
            target: "initiate.contact".into(),
            what: what.into(),
            said: None,
        };
        wb.history.push(change("done"));
        let first = &deadlines(&wb)[0];
        assert!(first.met);
        assert_eq!((first.urgency(today), first.met_on), (Some(Urgency::Met), Some(date(2026, 1, 20))));
        assert!(!deadlines(&wb)[1].met, "a deadline that names nothing is never met");
        assert_eq!(first.urgency(date(2026, 1, 19)), Some(Urgency::Later), "not yet met the day before");
        wb.item_mut("initiate.contact").unwrap().status = Status::InProgress;
        assert!(!deadlines(&wb)[0].met);
    }

    #[test]
    fn onboarding_ends_twelve_months_after_the_start() {
        let wb = fixture::workbook();
        assert_eq!(deadlines(&wb)[1].date, Some(date(2027, 2, 1)));
    }

    #[test]
    fn twelve_months_from_the_end_of_a_long_month_lands_on_the_last_day() {
        let mut wb = fixture::workbook();
        wb.engagement.start_date = Some(date(2028, 2, 29));
        assert_eq!(deadlines(&wb)[1].date, Some(date(2029, 2, 28)));
    }

    #[test]
    fn a_deadline_without_its_anchor_date_has_no_date() {
        let mut wb = fixture::workbook();
        wb.engagement.purchase_date = None;
        assert_eq!(deadlines(&wb)[0].date, None);
        assert_eq!(deadlines(&wb)[0].days_left(date(2026, 1, 1)), None);
    }

    #[test]
    fn days_left_count_down_to_zero_then_go_negative() {
        let wb = fixture::workbook();
        let contact = &deadlines(&wb)[0];
        assert_eq!(contact.days_left(date(2026, 2, 8)), Some(1));
        assert_eq!(contact.days_left(date(2026, 2, 9)), Some(0));
        assert_eq!(contact.days_left(date(2026, 2, 10)), Some(-1));
    }

    #[test]
    fn deadline_urgency_at_the_boundary_days() {
        let wb = fixture::workbook();
        let contact = &deadlines(&wb)[0];
        // 2026-02-09 is the deadline: 15 days before is later, 14 is a warning, the day after is passed.
        assert_eq!(contact.urgency(date(2026, 1, 25)), Some(Urgency::Later));
        assert_eq!(contact.urgency(date(2026, 1, 26)), Some(Urgency::Soon));
        assert_eq!(contact.urgency(date(2026, 2, 9)), Some(Urgency::Soon));
        assert_eq!(contact.urgency(date(2026, 2, 10)), Some(Urgency::Passed));
    }

    #[test]
    fn an_item_due_yesterday_is_overdue_and_one_due_today_is_not() {
        let mut item = Item::new("x", crate::model::Owner::Customer, "x");
        item.due = Some(date(2026, 3, 10));
        assert_eq!(item_urgency(&item, date(2026, 3, 11)), Some(Urgency::Passed));
        assert_eq!(item_urgency(&item, date(2026, 3, 10)), Some(Urgency::Soon));
        assert_eq!(item_urgency(&item, date(2026, 3, 3)), Some(Urgency::Soon));
        assert_eq!(item_urgency(&item, date(2026, 3, 2)), Some(Urgency::Later));
    }

    #[test]
    fn a_done_item_is_never_overdue() {
        let mut item = Item::new("x", crate::model::Owner::Customer, "x");
        item.due = Some(date(2026, 3, 10));
        item.status = Status::Done;
        assert_eq!(item_urgency(&item, date(2027, 1, 1)), None);
    }

    #[test]
    fn overdue_items_are_listed_soonest_first_and_skip_out_of_scope_ones() {
        let mut wb = fixture::workbook();
        wb.phases[1].items[0].due = Some(date(2026, 3, 5));
        wb.phases[0].items[1].due = Some(date(2026, 3, 1));
        wb.phases[1].items[4].due = Some(date(2026, 3, 2)); // MAM, taken out of scope below
        fixture::answer(&mut wb, "workloads", &["mdm"]);
        let rollup = Rollup::of(&wb);
        let overdue = items_with_urgency(&wb, &rollup, date(2026, 4, 1), Urgency::Passed);
        assert_eq!(overdue, vec![(Some(0), 1), (Some(1), 0)]);
    }
}
