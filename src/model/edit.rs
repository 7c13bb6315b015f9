//! Edits to an engagement's state, each one reversible. The interface applies edits
//! through here so that undo and redo are exact and the change history can say what
//! changed in words.

use chrono::NaiveDate;
use thiserror::Error;

use super::workbook::{
    Assessment, Decision, Engagement, Item, Meeting, Note, Passage, Said, SignOff, Status, Workbook,
};

/// One change to the workbook, holding both the old and the new value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Status {
        item: String,
        from: Status,
        to: Status,
    },
    Assignee {
        item: String,
        from: String,
        to: String,
    },
    Due {
        item: String,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    /// Adds (`from: None`), changes, or removes (`to: None`) the note at `index`.
    Note {
        item: String,
        index: usize,
        from: Option<Note>,
        to: Option<Note>,
    },
    Answer {
        question: String,
        from: Vec<String>,
        to: Vec<String>,
    },
    /// Adds (`from: None`), replaces, or removes (`to: None`) the decision at `index`.
    Decision {
        index: usize,
        from: Option<Box<Decision>>,
        to: Option<Box<Decision>>,
    },
    /// Marks an exit criterion of a gate met or not.
    Criterion {
        gate: String,
        criterion: String,
        from: bool,
        to: bool,
    },
    /// Replaces a gate's sign-offs.
    SignOffs {
        gate: String,
        from: Vec<SignOff>,
        to: Vec<SignOff>,
    },
    /// Passes a gate (`to: Some`) or reopens it (`to: None`).
    Passage {
        gate: String,
        from: Option<Passage>,
        to: Option<Passage>,
    },
    /// An expectation's assessed result and what was found.
    Assessment {
        expectation: String,
        from: (Assessment, String),
        to: (Assessment, String),
    },
    /// Adds (`from: None`) or removes (`to: None`) the item at `index` of phase `phase`.
    Item {
        phase: String,
        index: usize,
        from: Option<Box<Item>>,
        to: Option<Box<Item>>,
    },
    Engagement {
        from: Box<Engagement>,
        to: Box<Engagement>,
    },
    /// Sets (or clears) the day phase `phase` started.
    PhaseStart {
        phase: String,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    /// Adds (`from: None`) or removes (`to: None`) the held meeting at `index`.
    Meeting {
        index: usize,
        from: Option<Box<Meeting>>,
        to: Option<Box<Meeting>>,
    },
    /// A conflict a merge left, settled: the workbook before and after, its history aside
    /// (which the history of edits keeps itself). `target` and `field` name what was settled.
    Settle {
        target: String,
        field: String,
        from: Box<Workbook>,
        to: Box<Workbook>,
    },
    /// Several edits that make one step for the user (a scope answer and its decision);
    /// they apply in order, undo in reverse, and fail or succeed together.
    Batch(Vec<Edit>),
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("there is no item \"{0}\"")]
    NoSuchItem(String),
    #[error("there is no question \"{0}\"")]
    NoSuchQuestion(String),
    #[error("item \"{0}\" has no note {1}")]
    NoSuchNote(String, usize),
    #[error("there is no decision number {0}")]
    NoSuchDecision(usize),
    #[error("there is no gate \"{0}\"")]
    NoSuchGate(String),
    #[error("gate \"{0}\" has no criterion \"{1}\"")]
    NoSuchCriterion(String, String),
    #[error("there is no expectation \"{0}\"")]
    NoSuchExpectation(String),
    #[error("there is no phase \"{0}\"")]
    NoSuchPhase(String),
    #[error("there is no meeting number {0}")]
    NoSuchMeeting(usize),
}

/// Inserts, replaces or removes the element at `index`, the way the list-shaped edits do.
fn splice<T: Clone>(list: &mut Vec<T>, index: usize, from: Option<&T>, to: Option<&T>) -> bool {
    match (from, to) {
        (None, Some(new)) => {
            let at = index.min(list.len());
            list.insert(at, new.clone());
        }
        (Some(_), Some(new)) => match list.get_mut(index) {
            Some(slot) => *slot = new.clone(),
            None => return false,
        },
        (Some(_), None) => {
            if index >= list.len() {
                return false;
            }
            list.remove(index);
        }
        (None, None) => {}
    }
    true
}

impl Edit {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        match self.clone() {
            Edit::Status { item, from, to } => Edit::Status { item, from: to, to: from },
            Edit::Assignee { item, from, to } => Edit::Assignee { item, from: to, to: from },
            Edit::Due { item, from, to } => Edit::Due { item, from: to, to: from },
            Edit::Note { item, index, from, to } => Edit::Note { item, index, from: to, to: from },
            Edit::Answer { question, from, to } => Edit::Answer { question, from: to, to: from },
            Edit::Decision { index, from, to } => Edit::Decision { index, from: to, to: from },
            Edit::Criterion { gate, criterion, from, to } => Edit::Criterion { gate, criterion, from: to, to: from },
            Edit::SignOffs { gate, from, to } => Edit::SignOffs { gate, from: to, to: from },
            Edit::Passage { gate, from, to } => Edit::Passage { gate, from: to, to: from },
            Edit::Assessment { expectation, from, to } => Edit::Assessment { expectation, from: to, to: from },
            Edit::Item { phase, index, from, to } => Edit::Item { phase, index, from: to, to: from },
            Edit::Engagement { from, to } => Edit::Engagement { from: to, to: from },
            Edit::PhaseStart { phase, from, to } => Edit::PhaseStart { phase, from: to, to: from },
            Edit::Meeting { index, from, to } => Edit::Meeting { index, from: to, to: from },
            Edit::Settle { target, field, from, to } => Edit::Settle { target, field, from: to, to: from },
            Edit::Batch(edits) => Edit::Batch(edits.iter().rev().map(Edit::inverse).collect()),
        }
    }

    /// The id of what the edit changes.
    pub fn target(&self) -> &str {
        match self {
            Edit::Status { item, .. }
            | Edit::Assignee { item, .. }
            | Edit::Due { item, .. }
            | Edit::Note { item, .. } => item,
            Edit::Answer { question, .. } => question,
            Edit::Criterion { gate, .. } | Edit::SignOffs { gate, .. } | Edit::Passage { gate, .. } => gate,
            Edit::Assessment { expectation, .. } => expectation,
            Edit::Item { from, to, phase, .. } => {
                to.as_ref().or(from.as_ref()).map_or(phase.as_str(), |i| i.id.as_str())
            }
            Edit::Decision { from, to, .. } => to.as_ref().or(from.as_ref()).map_or("", |d| d.id.as_str()),
            Edit::Meeting { from, to, .. } => to.as_ref().or(from.as_ref()).map_or("", |m| m.id.as_str()),
            Edit::Engagement { .. } => "engagement",
            Edit::PhaseStart { phase, .. } => phase,
            Edit::Settle { target, .. } => target,
            Edit::Batch(edits) => edits.first().map_or("", Edit::target),
        }
    }

    /// Whether the edit changes nothing.
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::Status { from, to, .. } => from == to,
            Edit::Assignee { from, to, .. } => from == to,
            Edit::Due { from, to, .. } => from == to,
            Edit::Note { from, to, .. } => from == to,
            Edit::Answer { from, to, .. } => from == to,
            Edit::Decision { from, to, .. } => from == to,
            Edit::Criterion { from, to, .. } => from == to,
            Edit::SignOffs { from, to, .. } => from == to,
            Edit::Passage { from, to, .. } => from == to,
            Edit::Assessment { from, to, .. } => from == to,
            Edit::Item { from, to, .. } => from == to,
            Edit::Engagement { from, to } => from == to,
            Edit::PhaseStart { from, to, .. } => from == to,
            Edit::Meeting { from, to, .. } => from == to,
            Edit::Settle { from, to, .. } => from == to,
            Edit::Batch(edits) => edits.iter().all(Edit::is_noop),
        }
    }

    /// Applies the edit. Fails, changing nothing, when what it names is not there.
    pub fn apply(&self, workbook: &mut Workbook) -> Result<(), EditError> {
        match self {
            Edit::Batch(edits) => {
                for (done, edit) in edits.iter().enumerate() {
                    if let Err(e) = edit.apply(workbook) {
                        // Take back what already applied, so a failed batch changes nothing.
                        for applied in edits[..done].iter().rev() {
                            let _ = applied.inverse().apply(workbook);
                        }
                        return Err(e);
                    }
                }
                return Ok(());
            }
            Edit::Decision { index, from, to } => {
                let ok = splice(&mut workbook.decisions, *index, from.as_deref(), to.as_deref());
                return if ok { Ok(()) } else { Err(EditError::NoSuchDecision(*index)) };
            }
            Edit::Meeting { index, from, to } => {
                let ok = splice(&mut workbook.meetings, *index, from.as_deref(), to.as_deref());
                return if ok { Ok(()) } else { Err(EditError::NoSuchMeeting(*index)) };
            }
            Edit::Engagement { to, .. } => {
                workbook.engagement = (**to).clone();
                return Ok(());
            }
            Edit::Settle { to, .. } => {
                let history = std::mem::take(&mut workbook.history);
                *workbook = (**to).clone();
                workbook.history = history;
                return Ok(());
            }
            Edit::PhaseStart { phase, to, .. } => {
                let p = workbook
                    .phases
                    .iter_mut()
                    .find(|p| &p.id == phase)
                    .ok_or_else(|| EditError::NoSuchPhase(phase.clone()))?;
                p.started = *to;
                return Ok(());
            }
            Edit::Criterion { gate, criterion, to, .. } => {
                let g = gate_mut(workbook, gate)?;
                let c = g
                    .criteria
                    .iter_mut()
                    .find(|c| &c.id == criterion)
                    .ok_or_else(|| EditError::NoSuchCriterion(gate.clone(), criterion.clone()))?;
                c.met = *to;
                return Ok(());
            }
            Edit::SignOffs { gate, to, .. } => {
                gate_mut(workbook, gate)?.signoffs.clone_from(to);
                return Ok(());
            }
            Edit::Passage { gate, to, .. } => {
                gate_mut(workbook, gate)?.passed.clone_from(to);
                return Ok(());
            }
            Edit::Assessment { expectation, to, .. } => {
                let e = workbook
                    .expectations
                    .iter_mut()
                    .find(|e| &e.id == expectation)
                    .ok_or_else(|| EditError::NoSuchExpectation(expectation.clone()))?;
                e.result = to.0;
                e.found.clone_from(&to.1);
                return Ok(());
            }
            Edit::Item { phase, index, from, to } => {
                // An empty phase id is General.
                let items = if phase.is_empty() {
                    &mut workbook.general
                } else {
                    &mut workbook
                        .phases
                        .iter_mut()
                        .find(|p| &p.id == phase)
                        .ok_or_else(|| EditError::NoSuchPhase(phase.clone()))?
                        .items
                };
                let ok = splice(items, *index, from.as_deref(), to.as_deref());
                let id = to.as_ref().or(from.as_ref()).map(|i| i.id.clone()).unwrap_or_default();
                return if ok { Ok(()) } else { Err(EditError::NoSuchItem(id)) };
            }
            _ => {}
        }
        if let Edit::Answer { question, to, .. } = self {
            let q = workbook
                .scope
                .iter_mut()
                .find(|q| &q.id == question)
                .ok_or_else(|| EditError::NoSuchQuestion(question.clone()))?;
            q.answer.clone_from(to);
            return Ok(());
        }
        let id = self.target().to_string();
        let item = workbook.item_mut(&id).ok_or_else(|| EditError::NoSuchItem(id.clone()))?;
        match self {
            Edit::Status { to, .. } => item.status = *to,
            Edit::Assignee { to, .. } => item.assignee.clone_from(to),
            Edit::Due { to, .. } => item.due = *to,
            Edit::Note { index, from, to, .. } => match (from, to) {
                (None, Some(note)) => {
                    let at = (*index).min(item.notes.len());
                    item.notes.insert(at, note.clone());
                }
                (Some(_), Some(note)) => {
                    *item.notes.get_mut(*index).ok_or(EditError::NoSuchNote(id, *index))? = note.clone();
                }
                (Some(_), None) => {
                    if *index >= item.notes.len() {
                        return Err(EditError::NoSuchNote(id, *index));
                    }
                    item.notes.remove(*index);
                }
                (None, None) => {}
            },
            _ => {}
        }
        Ok(())
    }
}

fn gate_mut<'a>(workbook: &'a mut Workbook, gate: &str) -> Result<&'a mut super::workbook::Gate, EditError> {
    workbook
        .phases
        .iter_mut()
        .map(|p| &mut p.gate)
        .find(|g| g.id == gate)
        .ok_or_else(|| EditError::NoSuchGate(gate.to_string()))
}

impl Edit {
    /// What the edit did, as the change history keeps it.
    pub fn said(&self) -> Said {
        match self {
            Edit::Status { from, to, .. } => Said::Status { from: *from, to: *to },
            Edit::Assignee { to, .. } => Said::Assigned { to: to.clone() },
            Edit::Due { to, .. } => Said::Due { to: *to },
            Edit::Note { from: None, .. } => Said::NoteAdded,
            Edit::Note { to: None, .. } => Said::NoteRemoved,
            Edit::Note { .. } => Said::NoteEdited,
            Edit::Answer { to, .. } => Said::Answer { to: to.clone() },
            Edit::Decision { from: None, to: Some(d), .. } => Said::DecisionAdded { id: d.id.clone() },
            Edit::Decision { from: Some(old), to: Some(new), .. }
                if old.status != new.status && {
                    let mut same = new.clone();
                    same.status = old.status;
                    **old == *same
                } =>
            {
                Said::DecisionStatus { id: new.id.clone(), to: new.status }
            }
            Edit::Decision { to, from, .. } => {
                Said::DecisionEdited { id: to.as_ref().or(from.as_ref()).map_or_else(String::new, |d| d.id.clone()) }
            }
            Edit::Criterion { criterion, to: true, .. } => Said::CriterionMet { id: criterion.clone() },
            Edit::Criterion { criterion, .. } => Said::CriterionUnmet { id: criterion.clone() },
            Edit::SignOffs { from, to, .. } => {
                // The party whose sign-off changed.
                let changed = to.iter().find(|s| !from.contains(s)).or_else(|| from.iter().find(|s| !to.contains(s)));
                match changed {
                    Some(signoff) if to.contains(signoff) => {
                        Said::SignOff { party: signoff.party, name: signoff.name.clone(), on: Some(signoff.date) }
                    }
                    Some(signoff) => Said::SignOff { party: signoff.party, name: String::new(), on: None },
                    None => Said::Several(Vec::new()),
                }
            }
            Edit::Passage { to: Some(passage), .. } => match &passage.waiver {
                Some(id) => Said::Waived { decision: id.clone(), on: Some(passage.date) },
                None => Said::PassedOn { on: passage.date },
            },
            Edit::Passage { to: None, .. } => Said::Reopened,
            Edit::Assessment { to, .. } => Said::Assessed { result: to.0 },
            Edit::Item { from: Some(old), to: Some(new), .. } if old.text != new.text => {
                Said::ItemReworded { to: new.text.clone() }
            }
            Edit::Item { to: Some(_), .. } => Said::ItemAdded,
            Edit::Item { from: Some(old), to: None, .. } => Said::ItemRemovedText { text: old.text.clone() },
            Edit::Item { to: None, .. } => Said::ItemRemoved,
            Edit::Engagement { .. } => Said::Engagement,
            Edit::PhaseStart { to, .. } => Said::PhaseStarted { on: *to },
            Edit::Meeting { from: Some(_), to: Some(m), .. } => Said::MinutesCorrected { title: m.title.clone() },
            Edit::Meeting { to: Some(m), .. } => Said::Meeting { title: m.title.clone() },
            Edit::Meeting { to: None, .. } => Said::MeetingRemoved,
            Edit::Settle { target, field, .. } => {
                Said::ConflictSettled { target: target.clone(), field: field.clone() }
            }
            Edit::Batch(edits) => match &edits[..] {
                // Out of its place and in at another: a move.
                [Edit::Item { from: Some(a), to: None, .. }, Edit::Item { from: None, to: Some(b), .. }]
                    if a.id == b.id =>
                {
                    Said::ItemMoved
                }
                // A new decision, and the one it replaced marked superseded by it.
                [Edit::Decision { from: None, to: Some(new), .. }, Edit::Decision { to: Some(old), .. }]
                    if old.superseded_by.as_deref() == Some(new.id.as_str()) =>
                {
                    Said::DecisionSuperseded { id: new.id.clone(), replaces: old.id.clone() }
                }
                _ => Said::Several(edits.iter().map(Edit::said).collect()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{self, date};

    fn note(text: &str) -> Note {
        Note { at: chrono::DateTime::default(), by: "Ann".into(), text: text.into() }
    }

    #[test]
    fn every_edit_undone_gives_back_the_same_workbook() {
        let original = fixture::workbook();
        let edits = [
            Edit::Status { item: "initiate.contact".into(), from: Status::NotStarted, to: Status::Done },
            Edit::Assignee { item: "initiate.contact".into(), from: String::new(), to: "Åsa".into() },
            Edit::Due { item: "initiate.kickoff".into(), from: None, to: Some(date(2026, 3, 1)) },
            Edit::Note { item: "initiate.kickoff".into(), index: 0, from: None, to: Some(note("Åtgärda DNS")) },
            Edit::Answer { question: "workloads".into(), from: Vec::new(), to: vec!["mdm".into()] },
            Edit::Criterion {
                gate: "initiate.gate".into(),
                criterion: "initiate.gate.kickoff".into(),
                from: false,
                to: true,
            },
            Edit::Passage {
                gate: "initiate.gate".into(),
                from: None,
                to: Some(crate::model::Passage { date: date(2026, 3, 1), by: "Ann".into(), waiver: None }),
            },
            Edit::SignOffs {
                gate: "initiate.gate".into(),
                from: Vec::new(),
                to: vec![crate::model::SignOff {
                    party: crate::model::Owner::Customer,
                    name: "Bo".into(),
                    date: date(2026, 3, 1),
                }],
            },
            Edit::Item {
                phase: "enable".into(),
                index: 0,
                from: None,
                to: Some(Box::new(crate::model::Item::new("x", crate::model::Owner::Customer, "X"))),
            },
            Edit::Engagement {
                from: Box::new(original.engagement.clone()),
                to: Box::new(crate::model::Engagement { customer: "Fabrikam".into(), ..original.engagement.clone() }),
            },
            Edit::Decision {
                index: 0,
                from: None,
                to: Some(Box::new(crate::model::decision::record(
                    &original,
                    "Cloud".into(),
                    crate::model::DecisionKind::Scope,
                    "Ann",
                    date(2026, 3, 1),
                ))),
            },
            Edit::Meeting {
                index: 0,
                from: None,
                to: Some(Box::new(crate::model::Meeting {
                    id: "M-1".into(),
                    kind: crate::model::MeetingKind::KickOff,
                    title: "Kick-off".into(),
                    phase: None,
                    held: chrono::DateTime::default(),
                    attendees: vec!["Ann".into()],
                    agenda: Vec::new(),
                    minutes: "Agreed".into(),
                    planned: None,
                })),
            },
            Edit::Batch(vec![
                Edit::Answer { question: "workloads".into(), from: Vec::new(), to: vec!["mdm".into()] },
                Edit::Status { item: "initiate.contact".into(), from: Status::NotStarted, to: Status::Done },
            ]),
        ];
        for edit in &edits {
            let mut wb = original.clone();
            edit.apply(&mut wb).unwrap();
            assert_ne!(wb, original, "{edit:?} changed nothing");
            edit.inverse().apply(&mut wb).unwrap();
            assert_eq!(wb, original, "{edit:?} did not undo");
        }
    }

    #[test]
    fn a_batch_that_fails_part_way_changes_nothing() {
        let mut wb = fixture::workbook();
        let before = wb.clone();
        let batch = Edit::Batch(vec![
            Edit::Status { item: "initiate.contact".into(), from: Status::NotStarted, to: Status::Done },
            Edit::Status { item: "nope".into(), from: Status::NotStarted, to: Status::Done },
        ]);
        assert!(batch.apply(&mut wb).is_err());
        assert_eq!(wb, before);
    }

    #[test]
    fn editing_a_note_replaces_it_in_place() {
        let mut wb = fixture::workbook();
        let add = Edit::Note { item: "initiate.kickoff".into(), index: 0, from: None, to: Some(note("a")) };
        add.apply(&mut wb).unwrap();
        let change =
            Edit::Note { item: "initiate.kickoff".into(), index: 0, from: Some(note("a")), to: Some(note("b")) };
        change.apply(&mut wb).unwrap();
        assert_eq!(wb.item("initiate.kickoff").map(|i| i.notes.clone()), Some(vec![note("b")]));
    }

    #[test]
    fn an_edit_of_a_missing_item_fails_and_changes_nothing() {
        let mut wb = fixture::workbook();
        let before = wb.clone();
        let edit = Edit::Status { item: "nope".into(), from: Status::NotStarted, to: Status::Done };
        assert_eq!(edit.apply(&mut wb), Err(EditError::NoSuchItem("nope".into())));
        assert_eq!(wb, before);
    }
}
