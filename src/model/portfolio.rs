//! One engagement in a line, for a list of many: who it is for, which process, where it
//! stands, how far along, the deadline nearest and what needs attention. What `phasebook
//! list` prints and the engagement picker shows; the figures come from the same rules as
//! every other view (the rollup, the deadlines), so they never disagree with the workbook.

use chrono::NaiveDate;

use super::deadline::{self, Urgency};
use super::gate::{self, Standing};
use super::rollup::{Progress, Rollup, counting_items};
use super::workbook::{Status, Workbook};

/// The deadline nearest in time that is not yet met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextDeadline {
    pub title: String,
    pub date: NaiveDate,
    /// Days from the summary's day to the deadline; negative once it has passed.
    pub days_left: i64,
}

/// An engagement at a glance, as of one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// `engagement.customer` as the file has it; empty when not set.
    pub customer: String,
    /// `meta.template`: the process the workbook follows.
    pub template: String,
    /// The title of the phase the engagement stands in; `None` once every gate has passed.
    pub phase: Option<String>,
    /// Over the phases, as the stepper and the exports count it.
    pub progress: Progress,
    /// The earliest dated deadline not yet met, a passed one included (it is the most
    /// pressing); `None` when every dated deadline is met or none has a date.
    pub next_deadline: Option<NextDeadline>,
    /// In-scope open items whose due date has gone by.
    pub overdue: usize,
    /// In-scope items marked blocked.
    pub blocked: usize,
}

impl Summary {
    /// The summary of `workbook` as of `today`.
    pub fn of(workbook: &Workbook, today: NaiveDate) -> Summary {
        Summary::with_rollup(workbook, &Rollup::of(workbook), today)
    }

    /// As [`Summary::of`], for a caller that already holds the workbook's rollup.
    pub fn with_rollup(workbook: &Workbook, rollup: &Rollup, today: NaiveDate) -> Summary {
        let phase = match gate::standing(workbook) {
            Standing::In(index) => workbook.phases.get(index).map(|p| p.title.clone()),
            Standing::Finished => None,
        };
        let next_deadline = deadline::deadlines(workbook)
            .into_iter()
            .filter(|d| d.urgency(today) != Some(Urgency::Met))
            .filter_map(|d| {
                let date = d.date?;
                Some(NextDeadline { title: d.deadline.title.clone(), date, days_left: (date - today).num_days() })
            })
            .min_by_key(|d| d.date);
        Summary {
            customer: workbook.engagement.customer.clone(),
            template: workbook.meta.template.clone(),
            phase,
            progress: rollup.overall,
            next_deadline,
            overdue: deadline::items_with_urgency(workbook, rollup, today, Urgency::Passed).len(),
            blocked: counting_items(workbook, rollup, |item| item.status == Status::Blocked).count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{self, date};

    #[test]
    fn a_new_engagement_stands_in_its_first_phase_with_nothing_done() {
        let summary = Summary::of(&fixture::workbook(), date(2026, 1, 20));
        assert_eq!(summary.customer, "Contoso");
        assert_eq!(summary.template, "test");
        assert_eq!(summary.phase.as_deref(), Some("Initiate"));
        assert_eq!(summary.progress.done, 0);
        assert_eq!((summary.overdue, summary.blocked), (0, 0));
    }

    #[test]
    fn the_next_deadline_is_the_earliest_unmet_one_even_when_it_has_passed() {
        let mut wb = fixture::workbook();
        let passed = Summary::of(&wb, date(2026, 3, 1)).next_deadline;
        assert_eq!(
            passed,
            Some(NextDeadline { title: "First contact".into(), date: date(2026, 2, 9), days_left: -20 })
        );
        wb.item_mut("initiate.contact").unwrap().status = Status::Done;
        let next = Summary::of(&wb, date(2026, 3, 1)).next_deadline;
        assert_eq!(next.map(|d| (d.title, d.date)), Some(("All onboarded".into(), date(2027, 2, 1))));
    }

    #[test]
    fn overdue_and_blocked_count_only_items_in_scope() {
        let mut wb = fixture::workbook();
        wb.phases[0].items[0].due = Some(date(2026, 1, 15));
        wb.phases[0].items[1].status = Status::Blocked;
        wb.phases[1].items[4].status = Status::Blocked; // MAM, out of scope below
        fixture::answer(&mut wb, "workloads", &["mdm"]);
        let summary = Summary::of(&wb, date(2026, 1, 20));
        assert_eq!((summary.overdue, summary.blocked), (1, 1));
    }

    #[test]
    fn a_finished_engagement_has_no_current_phase() {
        let mut wb = fixture::workbook();
        for phase in &mut wb.phases {
            phase.gate.passed = Some(crate::model::Passage { date: date(2026, 3, 1), by: "Ann".into(), waiver: None });
        }
        assert_eq!(Summary::of(&wb, date(2026, 3, 2)).phase, None);
    }
}
