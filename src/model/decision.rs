//! Decisions as they are made: a new record with the next free id, and a draft written field
//! by field that becomes one edit — an addition, a change of the one it edits, or a new
//! decision that supersedes an older one.

use chrono::NaiveDate;
use thiserror::Error;

use super::edit::Edit;
use super::workbook::{Decision, DecisionKind, DecisionStatus, Workbook};

/// The next free decision id, `D-1`, `D-2`, … counting past any id already taken.
pub fn next_id(workbook: &Workbook) -> String {
    let taken: std::collections::HashSet<u64> =
        workbook.decisions.iter().filter_map(|d| d.id.strip_prefix("D-").and_then(|n| n.parse().ok())).collect();
    let highest = taken.iter().copied().max().unwrap_or(0);
    // A hand-made file may hold the largest number there is: then the first free one.
    let next = highest.checked_add(1).unwrap_or_else(|| (1..).find(|n| !taken.contains(n)).unwrap_or(1));
    format!("D-{next}")
}

/// A decision with every field but the essentials empty, accepted, decided by `by`.
pub fn record(workbook: &Workbook, title: String, kind: DecisionKind, by: &str, date: NaiveDate) -> Decision {
    Decision {
        id: next_id(workbook),
        title,
        date,
        status: DecisionStatus::Accepted,
        kind,
        deciders: if by.trim().is_empty() { Vec::new() } else { vec![by.to_string()] },
        context: String::new(),
        options: Vec::new(),
        outcome: String::new(),
        consequences: String::new(),
        links: Vec::new(),
        superseded_by: None,
    }
}

/// The fields of a decision a person writes, in the order they are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Title,
    Context,
    Options,
    Outcome,
    Consequences,
    Deciders,
}

impl Field {
    pub const ALL: [Field; 6] =
        [Field::Title, Field::Context, Field::Options, Field::Outcome, Field::Consequences, Field::Deciders];

    /// The field asked for after this one, `None` after the last.
    pub fn next(self) -> Option<Field> {
        Field::ALL.iter().position(|f| *f == self).and_then(|i| Field::ALL.get(i + 1)).copied()
    }

    /// 1 for the first field.
    pub fn number(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).map_or(1, |i| i + 1)
    }
}

/// The status a decision steps to: proposed, accepted, rejected, and round again; one that
/// is superseded stays so (a later decision replaced it).
pub fn next_status(status: DecisionStatus) -> DecisionStatus {
    match status {
        DecisionStatus::Proposed => DecisionStatus::Accepted,
        DecisionStatus::Accepted => DecisionStatus::Rejected,
        DecisionStatus::Rejected => DecisionStatus::Proposed,
        DecisionStatus::Superseded => DecisionStatus::Superseded,
    }
}

/// Why a decision's status cannot step on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StepError {
    #[error("decision number {0} does not exist")]
    NoSuchDecision(usize),
    #[error("the decision is superseded")]
    Superseded,
    /// Rejecting the waiver of gate `.0` would reopen it, but a later gate has passed.
    #[error("rejecting the waiver would reopen gate {0}, but a later gate has passed")]
    LaterPassed(String),
}

/// What stepping a decision's status does: the edit, and the gate a rejected waiver reopened.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub edit: Edit,
    /// The title of the gate that passed on this waiver and is open again.
    pub reopened: Option<String>,
}

/// Decision `index` with its status stepped on. A waiver a gate passed on that is rejected
/// no longer carries the gate: it is reopened in the same step (and undone with it).
pub fn step_status(workbook: &Workbook, index: usize) -> Result<Step, StepError> {
    let old = workbook.decisions.get(index).ok_or(StepError::NoSuchDecision(index))?;
    let status = next_status(old.status);
    if status == old.status {
        return Err(StepError::Superseded);
    }
    let mut new = old.clone();
    new.status = status;
    let edit = Edit::Decision { index, from: Some(Box::new(old.clone())), to: Some(Box::new(new)) };
    let carried =
        workbook.phases.iter().enumerate().find(|(_, p)| {
            p.gate.passed.as_ref().and_then(|passage| passage.waiver.as_deref()) == Some(old.id.as_str())
        });
    match carried {
        Some((at, phase)) if status == DecisionStatus::Rejected => {
            if workbook.phases.get(at + 1).is_some_and(|next| next.gate.passed.is_some()) {
                return Err(StepError::LaterPassed(phase.gate.title.clone()));
            }
            let reopen = Edit::Passage { gate: phase.gate.id.clone(), from: phase.gate.passed.clone(), to: None };
            Ok(Step { edit: Edit::Batch(vec![edit, reopen]), reopened: Some(phase.gate.title.clone()) })
        }
        _ => Ok(Step { edit, reopened: None }),
    }
}

/// The decisions decision `index` replaced and was replaced by, oldest first, itself among
/// them: `D-1 → D-3 → D-5`.
pub fn chain(workbook: &Workbook, index: usize) -> Vec<&Decision> {
    let all = &workbook.decisions;
    let Some(me) = all.get(index) else { return Vec::new() };
    let mut chain = vec![me];
    // Back through what each superseded (bounded, in case of a loop in a hand-made file).
    while let Some(earlier) = chain.first().and_then(|d| all.iter().find(|o| o.superseded_by.as_deref() == Some(&d.id)))
    {
        if chain.len() > all.len() || chain.iter().any(|c| c.id == earlier.id) {
            break;
        }
        chain.insert(0, earlier);
    }
    while let Some(later) =
        chain.last().and_then(|d| d.superseded_by.as_ref()).and_then(|id| all.iter().find(|o| &o.id == id))
    {
        if chain.len() > all.len() || chain.iter().any(|c| c.id == later.id) {
            break;
        }
        chain.push(later);
    }
    chain
}

/// Options are typed on one line, separated by this.
pub const OPTION_SEPARATOR: char = ';';

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DraftError {
    #[error("there is no decision number {0}")]
    NoSuchDecision(usize),
    #[error("decision {0} is already superseded")]
    AlreadySuperseded(String),
    #[error("a decision needs a title")]
    NoTitle,
}

/// A decision being written; `replaces` is the index of the decision it edits
/// (`supersedes: false`) or supersedes (`supersedes: true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub decision: Decision,
    pub replaces: Option<usize>,
    pub supersedes: bool,
}

impl Draft {
    /// A new general decision, linked to `link` (the item it is about) when given.
    pub fn new(workbook: &Workbook, by: &str, today: NaiveDate, link: Option<String>) -> Draft {
        let mut decision = record(workbook, String::new(), DecisionKind::General, by, today);
        decision.links.extend(link);
        Draft { decision, replaces: None, supersedes: false }
    }

    /// A change to decision `index`, starting from what it says now.
    pub fn editing(workbook: &Workbook, index: usize) -> Result<Draft, DraftError> {
        let decision = workbook.decisions.get(index).ok_or(DraftError::NoSuchDecision(index))?.clone();
        Ok(Draft { decision, replaces: Some(index), supersedes: false })
    }

    /// A new decision that will supersede decision `index`, starting from what it says (its
    /// kind too: a scope answer's successor is a scope answer, which the next answer supersedes).
    pub fn superseding(workbook: &Workbook, index: usize, by: &str, today: NaiveDate) -> Result<Draft, DraftError> {
        let old = workbook.decisions.get(index).ok_or(DraftError::NoSuchDecision(index))?;
        if old.status == DecisionStatus::Superseded {
            return Err(DraftError::AlreadySuperseded(old.id.clone()));
        }
        let fresh = record(workbook, old.title.clone(), old.kind, by, today);
        let decision = Decision {
            id: fresh.id,
            date: fresh.date,
            deciders: fresh.deciders,
            status: fresh.status,
            superseded_by: None,
            ..old.clone()
        };
        Ok(Draft { decision, replaces: Some(index), supersedes: true })
    }

    /// A field as its prompt shows it.
    pub fn field(&self, field: Field) -> String {
        let d = &self.decision;
        match field {
            Field::Title => d.title.clone(),
            Field::Context => d.context.clone(),
            Field::Options => d.options.join(&format!("{OPTION_SEPARATOR} ")),
            Field::Outcome => d.outcome.clone(),
            Field::Consequences => d.consequences.clone(),
            Field::Deciders => super::names::join(&d.deciders),
        }
    }

    /// Sets a field from the text typed for it; a title may not be empty.
    pub fn set(&mut self, field: Field, text: &str) -> Result<(), DraftError> {
        let text = text.trim();
        let d = &mut self.decision;
        match field {
            Field::Title if text.is_empty() => return Err(DraftError::NoTitle),
            Field::Title => d.title = text.to_string(),
            Field::Context => d.context = text.to_string(),
            Field::Options => {
                d.options =
                    text.split(OPTION_SEPARATOR).map(str::trim).filter(|o| !o.is_empty()).map(str::to_string).collect();
            }
            Field::Outcome => d.outcome = text.to_string(),
            Field::Consequences => d.consequences = text.to_string(),
            Field::Deciders => {
                d.deciders = super::names::split(text);
            }
        }
        Ok(())
    }

    /// The edit that stores the finished draft: added, replacing the one it edits, or
    /// superseding one; `None` when the decision it names is gone.
    pub fn edit(&self, workbook: &Workbook) -> Option<Edit> {
        let new_index = workbook.decisions.len();
        let decision = Box::new(self.decision.clone());
        Some(match (self.replaces, self.supersedes) {
            (Some(i), false) => {
                let old = workbook.decisions.get(i)?;
                Edit::Decision { index: i, from: Some(Box::new(old.clone())), to: Some(decision) }
            }
            (Some(i), true) => {
                let old = workbook.decisions.get(i)?;
                let mut retired = old.clone();
                retired.status = DecisionStatus::Superseded;
                retired.superseded_by = Some(self.decision.id.clone());
                Edit::Batch(vec![
                    Edit::Decision { index: new_index, from: None, to: Some(decision) },
                    Edit::Decision { index: i, from: Some(Box::new(old.clone())), to: Some(Box::new(retired)) },
                ])
            }
            (None, _) => Edit::Decision { index: new_index, from: None, to: Some(decision) },
        })
    }

    /// Where the stored decision sits in the log: its own place when edited, else the end.
    pub fn stored_index(&self, workbook: &Workbook) -> usize {
        match (self.replaces, self.supersedes) {
            (Some(i), false) => i,
            _ => workbook.decisions.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{self, date};

    #[test]
    fn decision_ids_count_past_the_highest() {
        let mut wb = fixture::workbook();
        wb.decisions.push(record(&wb, "a".into(), DecisionKind::General, "Ann", date(2026, 1, 1)));
        wb.decisions[0].id = "D-7".into();
        assert_eq!(next_id(&wb), "D-8");
        wb.decisions[0].id = format!("D-{}", u64::MAX);
        assert_eq!(next_id(&wb), "D-1");
    }

    #[test]
    fn a_draft_is_written_field_by_field_and_stored_as_one_edit() {
        let mut wb = fixture::workbook();
        let mut draft = Draft::new(&wb, "Ann", date(2026, 3, 1), Some("initiate.contact".into()));
        assert_eq!(draft.set(Field::Title, "  "), Err(DraftError::NoTitle));
        draft.set(Field::Title, "Pilot group").unwrap();
        draft.set(Field::Options, "IT only; ; everyone ").unwrap();
        assert_eq!(draft.field(Field::Options), "IT only; everyone");
        assert_eq!(Field::Title.next(), Some(Field::Context));
        assert_eq!(Field::Consequences.next(), Some(Field::Deciders));
        assert_eq!(Field::Deciders.next(), None);
        assert_eq!(draft.field(Field::Deciders), "Ann");
        draft.set(Field::Deciders, "Ann, Bo Ek;  ").unwrap();
        draft.edit(&wb).unwrap().apply(&mut wb).unwrap();
        let d = wb.decisions.last().unwrap();
        assert_eq!((d.id.as_str(), d.title.as_str()), ("D-1", "Pilot group"));
        assert_eq!(d.links, ["initiate.contact"]);
        assert_eq!(d.deciders, ["Ann", "Bo Ek"]);
    }

    #[test]
    fn a_status_steps_round_and_a_chain_runs_oldest_first() {
        let mut wb = fixture::workbook();
        for title in ["First", "Second"] {
            Draft::new(&wb, "Ann", date(2026, 3, 1), None).edit(&wb).unwrap().apply(&mut wb).unwrap();
            wb.decisions.last_mut().unwrap().title = title.into();
        }
        let first = wb.decisions.len() - 2;
        // Recorded as accepted; stepped, rejected, then proposed, then accepted again.
        for expected in [DecisionStatus::Rejected, DecisionStatus::Proposed, DecisionStatus::Accepted] {
            step_status(&wb, first).unwrap().edit.apply(&mut wb).unwrap();
            assert_eq!(wb.decisions[first].status, expected);
        }
        // Superseding the first makes a chain of two, whichever is asked about.
        let draft = Draft::superseding(&wb, first, "Ann", date(2026, 3, 2)).unwrap();
        draft.edit(&wb).unwrap().apply(&mut wb).unwrap();
        let last = wb.decisions.len() - 1;
        let ids = |i| chain(&wb, i).iter().map(|d| d.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(first), ids(last));
        assert_eq!(ids(last), [wb.decisions[first].id.clone(), wb.decisions[last].id.clone()]);
        assert_eq!(step_status(&wb, first), Err(StepError::Superseded), "a superseded decision stays so");
    }

    #[test]
    fn rejecting_the_waiver_a_gate_passed_on_reopens_that_gate_in_the_same_step() {
        let mut wb = fixture::workbook();
        let rollup = crate::model::Rollup::of(&wb);
        crate::model::gate::waive(&wb, &rollup, 0, "Ann", date(2026, 3, 1), "Waiver".into(), "Late")
            .unwrap()
            .apply(&mut wb)
            .unwrap();
        let before = wb.clone();
        let waiver = wb.decisions.len() - 1;
        let step = step_status(&wb, waiver).unwrap();
        assert_eq!(step.reopened.as_deref(), Some(wb.phases[0].gate.title.as_str()));
        step.edit.apply(&mut wb).unwrap();
        assert_eq!(wb.decisions[waiver].status, DecisionStatus::Rejected);
        assert!(wb.phases[0].gate.passed.is_none(), "the gate no longer stands on a rejected waiver");
        step.edit.inverse().apply(&mut wb).unwrap();
        assert_eq!(wb, before, "undone as one");
        // With the next gate passed too, the rejection is refused: that one is reopened first.
        wb.phases[1].gate.passed =
            Some(crate::model::Passage { date: date(2026, 3, 2), by: "Ann".into(), waiver: None });
        assert!(matches!(step_status(&wb, waiver), Err(StepError::LaterPassed(_))));
    }

    #[test]
    fn superseding_retires_the_old_decision_and_undoes_as_one() {
        let mut wb = fixture::workbook();
        Draft::new(&wb, "Ann", date(2026, 3, 1), None).edit(&wb).unwrap().apply(&mut wb).unwrap();
        let original = wb.clone();
        let draft = Draft::superseding(&wb, 0, "Bo", date(2026, 3, 2)).unwrap();
        let edit = draft.edit(&wb).unwrap();
        edit.apply(&mut wb).unwrap();
        assert_eq!(wb.decisions[0].status, DecisionStatus::Superseded);
        assert_eq!(wb.decisions[0].superseded_by.as_deref(), Some("D-2"));
        assert_eq!(wb.decisions[1].title, wb.decisions[0].title, "the successor starts from what it supersedes");
        assert_eq!(
            Draft::superseding(&wb, 0, "Bo", date(2026, 3, 2)),
            Err(DraftError::AlreadySuperseded("D-1".into()))
        );
        edit.inverse().apply(&mut wb).unwrap();
        assert_eq!(wb, original);
    }
}
