//! Gates: what still blocks the checkpoint at the end of a phase, whether it may pass,
//! and which phase the engagement stands in. Phases run in order: a phase is current
//! until its gate is passed, and a gate cannot pass before the gates before it.

use chrono::NaiveDate;
use thiserror::Error;

use super::decision;
use super::edit::Edit;
use super::rollup::Rollup;
use super::workbook::{DecisionKind, Item, Owner, Passage, Phase, Workbook};

/// Where the engagement stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Working in the phase at this index.
    In(usize),
    /// Every gate has passed.
    Finished,
}

/// The first phase whose gate has not passed.
pub fn standing(workbook: &Workbook) -> Standing {
    workbook.phases.iter().position(|phase| phase.gate.passed.is_none()).map_or(Standing::Finished, Standing::In)
}

/// Everything that stands between a gate and its passing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GateReview {
    /// Ids of in-scope items of the phase that are neither done nor marked not applicable.
    pub open_items: Vec<String>,
    /// Ids of exit criteria not yet met.
    pub unmet_criteria: Vec<String>,
    /// Parties of a joint gate who have not signed off.
    pub missing_signoffs: Vec<Owner>,
    /// The id of an earlier phase whose gate has not passed.
    pub earlier_open: Option<String>,
}

impl GateReview {
    /// Nothing blocks the gate.
    pub fn is_clear(&self) -> bool {
        self.open_items.is_empty()
            && self.unmet_criteria.is_empty()
            && self.missing_signoffs.is_empty()
            && self.earlier_open.is_none()
    }

    /// Only what a waiver may cover blocks the gate: open items and unmet criteria.
    pub fn is_waivable(&self) -> bool {
        self.missing_signoffs.is_empty() && self.earlier_open.is_none()
    }
}

/// The state of a gate, for the stepper and the status report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateState {
    Passed,
    /// Passed on a waiver while criteria were still open.
    Waived,
    /// Nothing blocks it; it waits to be passed.
    Ready,
    /// This many things block it.
    Blocked(usize),
    /// An earlier gate is still open.
    NotReached,
}

/// The in-scope items of phase `index` that are neither done nor marked not applicable.
fn open_items<'a>(phase: &'a Phase, rollup: &'a Rollup, index: usize) -> impl Iterator<Item = &'a Item> + 'a {
    phase.items.iter().enumerate().filter_map(move |(i, item)| {
        let facts = rollup.facts(Some(index), i);
        (facts.counts(item.status) && !facts.closed).then_some(item)
    })
}

/// What blocks the gate of phase `index`, counted without listing it: the stepper and
/// every derived figure need this on each change, so it allocates nothing per item.
fn blocking_count(workbook: &Workbook, rollup: &Rollup, index: usize) -> (usize, bool) {
    let Some(phase) = workbook.phases.get(index) else { return (0, false) };
    let open_items = open_items(phase, rollup, index).count();
    // Criteria and sign-offs are few; the full review of them costs nothing worth saving.
    let review = review_gate_only(workbook, rollup, index);
    let earlier_open = workbook.phases[..index].iter().any(|p| p.gate.passed.is_none());
    (open_items + review.unmet_criteria.len() + review.missing_signoffs.len(), earlier_open)
}

/// Reviews the gate of phase `index`.
pub fn review(workbook: &Workbook, rollup: &Rollup, index: usize) -> GateReview {
    let Some(phase) = workbook.phases.get(index) else {
        return GateReview::default();
    };
    let open_items: Vec<String> = open_items(phase, rollup, index).map(|item| item.id.clone()).collect();
    let GateReview { unmet_criteria, missing_signoffs, earlier_open, .. } = review_gate_only(workbook, rollup, index);
    GateReview { open_items, unmet_criteria, missing_signoffs, earlier_open }
}

/// The criteria, sign-offs and ordering part of a review, without the open items.
fn review_gate_only(workbook: &Workbook, rollup: &Rollup, index: usize) -> GateReview {
    let Some(phase) = workbook.phases.get(index) else {
        return GateReview::default();
    };
    let unmet_criteria = phase
        .gate
        .criteria
        .iter()
        .filter(|criterion| {
            // Its own phase's items, or an earlier phase's.
            let items_closed = criterion.items.iter().all(|id| {
                let found = workbook
                    .phases
                    .iter()
                    .enumerate()
                    .take(index + 1)
                    .find_map(|(p, phase)| phase.items.iter().position(|item| &item.id == id).map(|i| (p, i)));
                found.is_none_or(|(p, i)| {
                    let facts = rollup.facts(Some(p), i);
                    !facts.in_scope || facts.closed
                })
            });
            !(criterion.met && items_closed)
        })
        .map(|criterion| criterion.id.clone())
        .collect();
    let missing_signoffs = if phase.gate.joint {
        [Owner::Microsoft, Owner::Customer]
            .into_iter()
            .filter(|party| !phase.gate.signoffs.iter().any(|s| s.party == *party && !s.name.trim().is_empty()))
            .collect()
    } else {
        Vec::new()
    };
    let earlier_open = workbook.phases[..index].iter().find(|p| p.gate.passed.is_none()).map(|p| p.id.clone());
    GateReview { open_items: Vec::new(), unmet_criteria, missing_signoffs, earlier_open }
}

pub fn state(workbook: &Workbook, rollup: &Rollup, index: usize) -> GateState {
    let Some(phase) = workbook.phases.get(index) else {
        return GateState::NotReached;
    };
    match &phase.gate.passed {
        Some(passage) if passage.waiver.is_some() => GateState::Waived,
        Some(_) => GateState::Passed,
        None => match blocking_count(workbook, rollup, index) {
            (_, true) => GateState::NotReached,
            (0, false) => GateState::Ready,
            (n, false) => GateState::Blocked(n),
        },
    }
}

/// Why a gate may not pass now.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Blocked {
    #[error("there is no phase number {0}")]
    NoSuchPhase(usize),
    #[error("the gate has passed already")]
    AlreadyPassed,
    #[error("the gate of an earlier phase ({0}) is still open")]
    EarlierOpen(String),
    #[error("a joint gate needs a sign-off from each party")]
    SignOffMissing,
    #[error("{0} item(s) and {1} criteria are still open; a waiver decision is needed")]
    Open(usize, usize),
    #[error("the waiver names decision {0}, which does not exist")]
    NoSuchWaiver(String),
}

/// The passage of the gate of phase `index` by `by` on `date`, on the recorded waiver
/// decision `waiver` when things are still open; apply it as an [`Edit::Passage`].
pub fn passage(
    workbook: &Workbook,
    rollup: &Rollup,
    index: usize,
    by: &str,
    date: NaiveDate,
    waiver: Option<&str>,
) -> Result<Passage, Blocked> {
    if let Some(id) = waiver
        && !workbook.decisions.iter().any(|d| d.id == id)
    {
        return Err(Blocked::NoSuchWaiver(id.to_string()));
    }
    checked_passage(workbook, rollup, index, by, date, waiver)
}

/// The checks of a passage, taking `waiver` to name a decision that is (or will be) recorded.
fn checked_passage(
    workbook: &Workbook,
    rollup: &Rollup,
    index: usize,
    by: &str,
    date: NaiveDate,
    waiver: Option<&str>,
) -> Result<Passage, Blocked> {
    let phase = workbook.phases.get(index).ok_or(Blocked::NoSuchPhase(index))?;
    if phase.gate.passed.is_some() {
        return Err(Blocked::AlreadyPassed);
    }
    let review = review(workbook, rollup, index);
    if let Some(earlier) = review.earlier_open {
        return Err(Blocked::EarlierOpen(earlier));
    }
    if !review.missing_signoffs.is_empty() {
        return Err(Blocked::SignOffMissing);
    }
    let waiver = match waiver {
        // A waiver for a gate with nothing open waives nothing.
        _ if review.is_clear() => None,
        Some(id) => Some(id.to_string()),
        None => return Err(Blocked::Open(review.open_items.len(), review.unmet_criteria.len())),
    };
    Ok(Passage { date, by: by.to_string(), waiver })
}

/// Whether the gate of phase `index` may be signed off now: only once it is reached, when
/// every earlier gate has passed.
pub fn may_sign_off(workbook: &Workbook, index: usize) -> Result<(), Blocked> {
    let phase = workbook.phases.get(index).ok_or(Blocked::NoSuchPhase(index))?;
    if phase.gate.passed.is_some() {
        return Err(Blocked::AlreadyPassed);
    }
    match workbook.phases[..index].iter().find(|p| p.gate.passed.is_none()) {
        Some(earlier) => Err(Blocked::EarlierOpen(earlier.id.clone())),
        None => Ok(()),
    }
}

/// The items of a passed gate's phase that are open again: every open one after a plain
/// passage, and those its waiver did not name after a waived one.
pub fn reopened(workbook: &Workbook, rollup: &Rollup, index: usize) -> Vec<String> {
    let Some(phase) = workbook.phases.get(index) else { return Vec::new() };
    let Some(passage) = &phase.gate.passed else { return Vec::new() };
    let waived: Vec<&str> = passage
        .waiver
        .as_ref()
        .and_then(|id| workbook.decisions.iter().find(|d| &d.id == id))
        .map(|d| d.links.iter().map(String::as_str).collect())
        .unwrap_or_default();
    // A waiver from before waivers named their items names none: then nothing can be told apart.
    if passage.waiver.is_some() && waived.len() <= 1 {
        return Vec::new();
    }
    open_items(phase, rollup, index).filter(|item| !waived.contains(&item.id.as_str())).map(|i| i.id.clone()).collect()
}

/// Passing the gate of phase `index` on a waiver: one step that records the waiver
/// decision (titled `title`, with `reason` as its context) and passes the gate on it.
pub fn waive(
    workbook: &Workbook,
    rollup: &Rollup,
    index: usize,
    by: &str,
    date: NaiveDate,
    title: String,
    reason: &str,
) -> Result<Edit, Blocked> {
    let mut record = decision::record(workbook, title, DecisionKind::Waiver, by, date);
    record.context = reason.to_string();
    let phase = workbook.phases.get(index).ok_or(Blocked::NoSuchPhase(index))?;
    // The decision names what it waived: the gate, its open items and its unmet criteria.
    let waived = review(workbook, rollup, index);
    record.links =
        std::iter::once(phase.gate.id.clone()).chain(waived.open_items).chain(waived.unmet_criteria).collect();
    let passage = checked_passage(workbook, rollup, index, by, date, Some(&record.id))?;
    let add = Edit::Decision { index: workbook.decisions.len(), from: None, to: Some(Box::new(record)) };
    Ok(Edit::Batch(vec![add, Edit::Passage { gate: phase.gate.id.clone(), from: None, to: Some(passage) }]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{self, date};
    use crate::model::workbook::{Decision, DecisionKind, DecisionStatus, SignOff, Status};

    /// Passes the gate the way the interface does: the passage applied as an edit.
    fn pass(
        wb: &mut Workbook,
        rollup: &Rollup,
        index: usize,
        by: &str,
        date: NaiveDate,
        waiver: Option<&str>,
    ) -> Result<(), Blocked> {
        let passage = passage(wb, rollup, index, by, date, waiver)?;
        let gate = wb.phases[index].gate.id.clone();
        Edit::Passage { gate, from: None, to: Some(passage) }.apply(wb).unwrap();
        Ok(())
    }

    fn close_phase(wb: &mut Workbook, index: usize) {
        for item in &mut wb.phases[index].items {
            item.status = Status::Done;
        }
        for criterion in &mut wb.phases[index].gate.criteria {
            criterion.met = true;
        }
    }

    fn waiver(wb: &mut Workbook) -> String {
        wb.decisions.push(Decision {
            id: "D-1".into(),
            title: "Waive kick-off".into(),
            date: date(2026, 3, 1),
            status: DecisionStatus::Accepted,
            kind: DecisionKind::Waiver,
            deciders: vec!["Ann".into()],
            context: "Held informally".into(),
            options: Vec::new(),
            outcome: "Proceed".into(),
            consequences: String::new(),
            links: vec!["initiate.gate".into()],
            superseded_by: None,
        });
        "D-1".into()
    }

    #[test]
    fn a_new_engagement_stands_in_the_first_phase() {
        assert_eq!(standing(&fixture::workbook()), Standing::In(0));
    }

    #[test]
    fn a_criterion_may_wait_for_an_item_of_an_earlier_phase_but_not_a_later_one() {
        let mut wb = fixture::workbook();
        let earlier = wb.phases[0].items[0].id.clone();
        wb.phases[1].gate.criteria.push(crate::model::workbook::Criterion {
            id: "enable.gate.contact-done".into(),
            text: "First contact made".into(),
            items: vec![earlier.clone()],
            meeting: None,
            met: true,
        });
        assert!(crate::model::check::check(&wb).is_empty(), "{:?}", crate::model::check::check(&wb));
        let unmet = |wb: &Workbook| review(wb, &Rollup::of(wb), 1).unmet_criteria;
        assert!(unmet(&wb).contains(&"enable.gate.contact-done".to_string()), "waits while the item is open");
        wb.item_mut(&earlier).unwrap().status = Status::Done;
        assert!(!unmet(&wb).contains(&"enable.gate.contact-done".to_string()), "met once it is closed");
        // A later phase's item is no gate's to wait for.
        let later = wb.phases[1].items[0].id.clone();
        wb.phases[0].gate.criteria[0].items.push(later);
        let issues: Vec<String> = crate::model::check::check(&wb).iter().map(ToString::to_string).collect();
        assert!(issues.iter().any(|i| i.contains("a later phase, or General")), "{issues:?}");
    }

    #[test]
    fn open_items_and_unmet_criteria_block_a_gate() {
        let wb = fixture::workbook();
        let review = review(&wb, &Rollup::of(&wb), 0);
        assert_eq!(review.open_items, vec!["initiate.contact", "initiate.kickoff"]);
        assert_eq!(review.unmet_criteria, vec!["initiate.gate.kickoff"]);
        assert_eq!(state(&wb, &Rollup::of(&wb), 0), GateState::Blocked(3));
    }

    #[test]
    fn a_criterion_marked_met_still_waits_for_its_items() {
        let mut wb = fixture::workbook();
        wb.phases[0].gate.criteria[0].met = true;
        let review = review(&wb, &Rollup::of(&wb), 0);
        assert_eq!(review.unmet_criteria, vec!["initiate.gate.kickoff"]);
    }

    #[test]
    fn a_gate_with_everything_closed_is_ready_and_passes() {
        let mut wb = fixture::workbook();
        close_phase(&mut wb, 0);
        let rollup = Rollup::of(&wb);
        assert_eq!(state(&wb, &rollup, 0), GateState::Ready);
        assert_eq!(pass(&mut wb, &rollup, 0, "Ann", date(2026, 3, 1), None), Ok(()));
        assert_eq!(state(&wb, &rollup, 0), GateState::Passed);
        assert_eq!(standing(&wb), Standing::In(1));
    }

    #[test]
    fn advancing_past_an_open_gate_needs_a_waiver() {
        let mut wb = fixture::workbook();
        let rollup = Rollup::of(&wb);
        assert_eq!(pass(&mut wb, &rollup, 0, "Ann", date(2026, 3, 1), None), Err(Blocked::Open(2, 1)));
        assert_eq!(standing(&wb), Standing::In(0));
    }

    #[test]
    fn a_waiver_decision_lets_an_open_gate_pass_and_is_recorded() {
        let mut wb = fixture::workbook();
        let id = waiver(&mut wb);
        let rollup = Rollup::of(&wb);
        assert_eq!(pass(&mut wb, &rollup, 0, "Ann", date(2026, 3, 1), Some(&id)), Ok(()));
        assert_eq!(state(&wb, &rollup, 0), GateState::Waived);
        assert_eq!(wb.phases[0].gate.passed.as_ref().and_then(|p| p.waiver.clone()), Some(id));
    }

    #[test]
    fn a_waiver_records_the_decision_and_passes_in_one_step_that_undoes_whole() {
        let original = fixture::workbook();
        let mut wb = original.clone();
        let rollup = Rollup::of(&wb);
        let edit =
            waive(&wb, &rollup, 0, "Ann", date(2026, 3, 1), "Waiver: kick-off".into(), "Held informally").unwrap();
        assert_eq!(wb, original, "working out a passage changes nothing");
        edit.apply(&mut wb).unwrap();
        let d = wb.decisions.last().unwrap();
        assert_eq!((d.kind, d.context.as_str()), (DecisionKind::Waiver, "Held informally"));
        // It names what it waived: the gate, its open items, its unmet criteria.
        assert_eq!(d.links, ["initiate.gate", "initiate.contact", "initiate.kickoff", "initiate.gate.kickoff"]);
        assert_eq!(wb.phases[0].gate.passed.as_ref().and_then(|p| p.waiver.clone()), Some(d.id.clone()));
        edit.inverse().apply(&mut wb).unwrap();
        assert_eq!(wb, original);
        close_phase(&mut wb, 1);
        let later = waive(&wb, &Rollup::of(&wb), 1, "Ann", date(2026, 3, 1), "w".into(), "r");
        assert_eq!(later, Err(Blocked::EarlierOpen("initiate".into())));
    }

    #[test]
    fn an_item_reopened_after_its_gate_passed_is_told_apart_from_what_the_waiver_named() {
        let mut wb = fixture::workbook();
        let edit = waive(&wb, &Rollup::of(&wb), 0, "Ann", date(2026, 3, 1), "Waiver".into(), "Later").unwrap();
        edit.apply(&mut wb).unwrap();
        assert!(reopened(&wb, &Rollup::of(&wb), 0).is_empty(), "what the waiver passed over is not reopened");
        // Close everything, pass plainly, then reopen one.
        let mut plain = fixture::workbook();
        close_phase(&mut plain, 0);
        let rollup = Rollup::of(&plain);
        pass(&mut plain, &rollup, 0, "Ann", date(2026, 3, 1), None).unwrap();
        plain.phases[0].items[0].status = Status::InProgress;
        assert_eq!(reopened(&plain, &Rollup::of(&plain), 0), ["initiate.contact"]);
    }

    #[test]
    fn a_gate_is_signed_off_only_once_it_is_reached() {
        let wb = fixture::workbook();
        assert_eq!(may_sign_off(&wb, 1), Err(Blocked::EarlierOpen("initiate".into())));
        assert_eq!(may_sign_off(&wb, 0), Ok(()));
    }

    #[test]
    fn a_waiver_must_name_a_recorded_decision() {
        let mut wb = fixture::workbook();
        let rollup = Rollup::of(&wb);
        assert_eq!(
            pass(&mut wb, &rollup, 0, "Ann", date(2026, 3, 1), Some("D-9")),
            Err(Blocked::NoSuchWaiver("D-9".into()))
        );
    }

    #[test]
    fn a_later_gate_cannot_pass_before_an_earlier_one() {
        let mut wb = fixture::workbook();
        close_phase(&mut wb, 1);
        let rollup = Rollup::of(&wb);
        assert_eq!(state(&wb, &rollup, 1), GateState::NotReached);
        assert_eq!(
            pass(&mut wb, &rollup, 1, "Ann", date(2026, 3, 1), None),
            Err(Blocked::EarlierOpen("initiate".into()))
        );
    }

    #[test]
    fn a_joint_gate_missing_one_party_does_not_pass_even_with_a_waiver() {
        let mut wb = fixture::workbook();
        close_phase(&mut wb, 0);
        close_phase(&mut wb, 1);
        let id = waiver(&mut wb);
        let rollup = Rollup::of(&wb);
        pass(&mut wb, &rollup, 0, "Ann", date(2026, 3, 1), None).unwrap();
        wb.phases[1].gate.signoffs.push(SignOff { party: Owner::Customer, name: "Ann".into(), date: date(2026, 3, 2) });
        let review = review(&wb, &rollup, 1);
        assert_eq!(review.missing_signoffs, vec![Owner::Microsoft]);
        assert_eq!(pass(&mut wb, &rollup, 1, "Ann", date(2026, 3, 2), Some(&id)), Err(Blocked::SignOffMissing));
        wb.phases[1].gate.signoffs.push(SignOff { party: Owner::Microsoft, name: "Bo".into(), date: date(2026, 3, 2) });
        assert_eq!(pass(&mut wb, &rollup, 1, "Ann", date(2026, 3, 2), None), Ok(()));
        assert_eq!(standing(&wb), Standing::Finished);
    }

    #[test]
    fn out_of_scope_items_do_not_block_a_gate() {
        let mut wb = fixture::workbook();
        fixture::answer(&mut wb, "workloads", &["mdm"]);
        for item in &mut wb.phases[1].items {
            if item.id != "enable.mam" {
                item.status = Status::Done;
            }
        }
        let review = review(&wb, &Rollup::of(&wb), 1);
        assert!(review.open_items.is_empty(), "{:?}", review.open_items);
    }
}
