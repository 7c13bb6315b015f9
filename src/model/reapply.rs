//! Reload and reapply: when someone else saved the workbook while the user was editing,
//! the user's unsaved edits are replayed onto the version on disk ("theirs"). Each edit is
//! adapted to what is there — things are found by id or by content, never by position — so
//! that nothing typed is lost without a word and every replayed edit still undoes exactly.

use std::collections::HashMap;

use super::decision::next_id as next_decision_id;
use super::edit::{Edit, EditError};
use super::workbook::{Decision, Engagement, Gate, Item, Meeting, Note, Passage, Said, Workbook};

/// What happened to one edit when replayed onto another version of the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Theirs still held what ours changed from; ours is in now.
    Applied,
    /// Nothing to do: theirs already holds what ours changed to, or ours changed nothing.
    AlreadyThere,
    /// Theirs held a different value, which ours overwrote.
    Replaced,
    /// What ours changed was changed or removed in theirs, so ours went in beside it as a
    /// new note or decision rather than being lost.
    KeptAsNew,
    /// Theirs had given the id of our decision or meeting to another one; ours took `to`,
    /// and the edits after it that named `from` were made to name `to`.
    Renumbered { from: String, to: String },
    /// Ours could not go in; why, in plain words. Theirs is left as it was.
    Skipped(String),
}

/// One replayed edit and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    /// The edit as applied to theirs: its inverse undoes exactly this replay. A no-op for
    /// [`Outcome::AlreadyThere`]; the original, applied nowhere, for [`Outcome::Skipped`].
    pub edit: Edit,
    pub outcome: Outcome,
}

/// Replays `edits` in order onto `workbook`, adapting each to what is there. A batch goes
/// in whole or not at all, as it applies; its outcome is its most notable part's.
pub fn reapply(workbook: &mut Workbook, edits: &[Edit]) -> Vec<Replayed> {
    let mut replay = Replay::default();
    edits.iter().map(|edit| replay.edit(workbook, edit)).collect()
}

/// The state one replay carries from edit to edit.
#[derive(Default)]
struct Replay {
    /// Ids of ours that theirs had taken, each with the id ours got instead.
    renumbered: Renumbering,
}

/// Ids one copy of a workbook gave to something the other copy had given the same id to,
/// each with the id it takes instead, and the rewriting of what names them. Shared by the
/// replay of edits and the three-way merge, so both follow a new id to the same places.
/// One step only, never chained: a `D-3` may become `D-4` while a `D-4` becomes `D-5`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Renumbering(HashMap<String, String>);

impl Renumbering {
    pub(crate) fn insert(&mut self, from: String, to: String) {
        self.0.insert(from, to);
    }

    pub(crate) fn remove(&mut self, id: &str) {
        self.0.remove(id);
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The id `id` now has: its new one when renumbered, else itself.
    pub(crate) fn follow(&self, id: &mut String) {
        if let Some(now) = self.0.get(id.as_str()) {
            id.clone_from(now);
        }
    }

    /// What a decision names (its links and its successor), not its own id.
    pub(crate) fn decision_references(&self, decision: &mut Decision) {
        decision.links.iter_mut().for_each(|id| self.follow(id));
        decision.superseded_by.iter_mut().for_each(|id| self.follow(id));
    }

    /// The waiver a gate was passed on.
    pub(crate) fn passage(&self, passage: &mut Passage) {
        passage.waiver.iter_mut().for_each(|id| self.follow(id));
    }

    /// A history entry's words with every renumbered id in them (`decision D-7 added`) said
    /// by its new one; an id inside a longer word (`D-70`, `the-D-7`) is left alone.
    pub(crate) fn words(&self, text: &str) -> String {
        let part_of_id = |c: char| c.is_alphanumeric() || "-_.".contains(c);
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find(|c: char| part_of_id(c)) {
            out.push_str(&rest[..start]);
            let word = &rest[start..];
            let end = word.find(|c: char| !part_of_id(c)).unwrap_or(word.len());
            // A sentence's full stop after an id is not part of it.
            let token = word[..end].trim_end_matches('.');
            match self.0.get(token) {
                Some(now) => out.push_str(now),
                None => out.push_str(token),
            }
            rest = &word[token.len()..];
            if token.is_empty() {
                // Only full stops: keep one and go on.
                out.push_str(&rest[..1]);
                rest = &rest[1..];
            }
        }
        out.push_str(rest);
        out
    }

    /// The ids a history entry's data names.
    pub(crate) fn said(&self, said: &mut Said) {
        match said {
            Said::DecisionAdded { id }
            | Said::DecisionEdited { id }
            | Said::DecisionStatus { id, .. }
            | Said::CriterionMet { id }
            | Said::CriterionUnmet { id } => self.follow(id),
            Said::DecisionSuperseded { id, replaces } => {
                self.follow(id);
                self.follow(replaces);
            }
            Said::Waived { decision, .. } => self.follow(decision),
            Said::Several(all) => all.iter_mut().for_each(|s| self.said(s)),
            _ => {}
        }
    }

    /// Every id in `workbook` that was renumbered, wherever it stands: the ids of items,
    /// decisions and held meetings, and every reference to one (a parent, a criterion's
    /// items, a deadline's or limit's targets, a decision's links and successor, a waiver, a
    /// history entry's target and data).
    pub(crate) fn workbook(&self, workbook: &mut Workbook) {
        if self.is_empty() {
            return;
        }
        let follow = |id: &mut String| self.follow(id);
        for item in workbook.general.iter_mut().chain(workbook.phases.iter_mut().flat_map(|p| p.items.iter_mut())) {
            follow(&mut item.id);
            item.parent.iter_mut().for_each(follow);
        }
        for phase in &mut workbook.phases {
            for criterion in &mut phase.gate.criteria {
                criterion.items.iter_mut().for_each(follow);
            }
            phase.gate.passed.iter_mut().for_each(|p| self.passage(p));
        }
        for deadline in &mut workbook.deadlines {
            deadline.met_by.iter_mut().for_each(follow);
        }
        for limit in &mut workbook.limits {
            limit.applies_to.iter_mut().for_each(follow);
        }
        for decision in &mut workbook.decisions {
            follow(&mut decision.id);
            self.decision_references(decision);
        }
        for meeting in &mut workbook.meetings {
            follow(&mut meeting.id);
        }
        for change in &mut workbook.history {
            follow(&mut change.target);
            change.said.iter_mut().for_each(|s| self.said(s));
            change.what = self.words(&change.what);
        }
    }
}

impl Replay {
    fn edit(&mut self, workbook: &mut Workbook, edit: &Edit) -> Replayed {
        if let Edit::Batch(parts) = edit {
            return self.batch(workbook, edit, parts);
        }
        let ours = self.follow_renumbering(edit);
        let replayed = adapt(workbook, &ours).and_then(|(adapted, outcome)| match adapted.apply(workbook) {
            Ok(()) => Ok((adapted, outcome)),
            Err(e) => Err(e.to_string()),
        });
        match replayed {
            Ok((adapted, outcome)) => {
                self.remember(&ours, &outcome);
                Replayed { edit: adapted, outcome }
            }
            Err(reason) => skipped(edit, reason),
        }
    }

    fn batch(&mut self, workbook: &mut Workbook, edit: &Edit, parts: &[Edit]) -> Replayed {
        let renumbered = self.renumbered.clone();
        let mut done: Vec<Replayed> = Vec::with_capacity(parts.len());
        for part in parts {
            let replayed = self.edit(workbook, part);
            if let Outcome::Skipped(reason) = replayed.outcome {
                // A batch is one step for the user (an answer and its decision, a waiver and
                // the passage it allows): half of it would leave the other half dangling.
                for applied in done.iter().rev() {
                    let _ = applied.edit.inverse().apply(workbook);
                }
                self.renumbered = renumbered;
                return skipped(edit, reason);
            }
            done.push(replayed);
        }
        let mut outcome = Outcome::AlreadyThere;
        for part in &done {
            if notability(&part.outcome) > notability(&outcome) {
                outcome = part.outcome.clone();
            }
        }
        Replayed { edit: Edit::Batch(done.into_iter().map(|part| part.edit).collect()), outcome }
    }

    /// The edit naming the ids ours has in theirs. An added decision or meeting keeps its
    /// own id: that is checked against theirs when it goes in.
    fn follow_renumbering(&self, edit: &Edit) -> Edit {
        let mut edit = edit.clone();
        let renumbered = &self.renumbered;
        if renumbered.is_empty() {
            return edit;
        }
        match &mut edit {
            Edit::Decision { from, to, .. } => {
                let adding = from.is_none();
                for d in from.iter_mut().chain(to.iter_mut()) {
                    if !adding {
                        renumbered.follow(&mut d.id);
                    }
                    renumbered.decision_references(d);
                }
            }
            Edit::Meeting { from, to, .. } if from.is_some() => {
                for m in from.iter_mut().chain(to.iter_mut()) {
                    renumbered.follow(&mut m.id);
                }
            }
            Edit::Passage { from, to, .. } => {
                for p in from.iter_mut().chain(to.iter_mut()) {
                    renumbered.passage(p);
                }
            }
            _ => {}
        }
        edit
    }

    fn remember(&mut self, ours: &Edit, outcome: &Outcome) {
        if let Outcome::Renumbered { from, to } = outcome {
            self.renumbered.insert(from.clone(), to.clone());
        } else if let Edit::Decision { from: None, to: Some(d), .. } = ours {
            // Ours kept its id, so the edits after it that name the id mean this one.
            self.renumbered.remove(&d.id);
        } else if let Edit::Meeting { from: None, to: Some(m), .. } = ours {
            self.renumbered.remove(&m.id);
        }
    }
}

fn skipped(edit: &Edit, reason: String) -> Replayed {
    Replayed { edit: edit.clone(), outcome: Outcome::Skipped(reason) }
}

/// How much an outcome asks of the user, for the one a batch reports: what ours overwrote
/// first, then doubles to tidy, then ids that changed.
fn notability(outcome: &Outcome) -> u8 {
    match outcome {
        Outcome::AlreadyThere => 0,
        Outcome::Applied => 1,
        Outcome::Renumbered { .. } => 2,
        Outcome::KeptAsNew => 3,
        Outcome::Replaced => 4,
        Outcome::Skipped(_) => 5,
    }
}

/// An edit that changes nothing, for when there is nothing in theirs to name.
fn nothing() -> Edit {
    Edit::Batch(Vec::new())
}

/// The edit `ours` becomes on `workbook` and what it will do there, or why it cannot go in.
fn adapt(workbook: &Workbook, ours: &Edit) -> Result<(Edit, Outcome), String> {
    Ok(match ours {
        Edit::Status { item, from, to } => {
            let (from, to, outcome) = settle(&found_item(workbook, item)?.status, from, to);
            (Edit::Status { item: item.clone(), from, to }, outcome)
        }
        Edit::Assignee { item, from, to } => {
            let (from, to, outcome) = settle(&found_item(workbook, item)?.assignee, from, to);
            (Edit::Assignee { item: item.clone(), from, to }, outcome)
        }
        Edit::Due { item, from, to } => {
            let (from, to, outcome) = settle(&found_item(workbook, item)?.due, from, to);
            (Edit::Due { item: item.clone(), from, to }, outcome)
        }
        Edit::Answer { question, from, to } => {
            let found =
                workbook.question(question).ok_or_else(|| missing(EditError::NoSuchQuestion(question.clone())))?;
            let (from, to, outcome) = settle(&found.answer, from, to);
            (Edit::Answer { question: question.clone(), from, to }, outcome)
        }
        Edit::Criterion { gate, criterion, from, to } => {
            let found = found_gate(workbook, gate)?
                .criteria
                .iter()
                .find(|c| &c.id == criterion)
                .ok_or_else(|| missing(EditError::NoSuchCriterion(gate.clone(), criterion.clone())))?;
            let (from, to, outcome) = settle(&found.met, from, to);
            (Edit::Criterion { gate: gate.clone(), criterion: criterion.clone(), from, to }, outcome)
        }
        Edit::SignOffs { gate, from, to } => {
            let (from, to, outcome) = settle(&found_gate(workbook, gate)?.signoffs, from, to);
            (Edit::SignOffs { gate: gate.clone(), from, to }, outcome)
        }
        Edit::Passage { gate, from, to } => {
            let (from, to, outcome) = settle(&found_gate(workbook, gate)?.passed, from, to);
            (Edit::Passage { gate: gate.clone(), from, to }, outcome)
        }
        Edit::Assessment { expectation, from, to } => {
            let found = workbook
                .expectations
                .iter()
                .find(|e| &e.id == expectation)
                .ok_or_else(|| missing(EditError::NoSuchExpectation(expectation.clone())))?;
            let (from, to, outcome) = settle(&(found.result, found.found.clone()), from, to);
            (Edit::Assessment { expectation: expectation.clone(), from, to }, outcome)
        }
        Edit::Engagement { from, to } => engagement(&workbook.engagement, from, to),
        Edit::PhaseStart { phase, from, to } => {
            let found = workbook.phase(phase).ok_or_else(|| missing(EditError::NoSuchPhase(phase.clone())))?;
            let (from, to, outcome) = settle(&found.started, from, to);
            (Edit::PhaseStart { phase: phase.clone(), from, to }, outcome)
        }
        Edit::Note { item, index, from, to } => {
            note(&found_item(workbook, item)?.notes, item, *index, from.as_ref(), to.as_ref())
        }
        Edit::Decision { from, to, .. } => {
            record(&workbook.decisions, || next_decision_id(workbook), from.as_deref(), to.as_deref())
        }
        Edit::Meeting { from, to, .. } => {
            record(&workbook.meetings, || next_meeting_id(workbook), from.as_deref(), to.as_deref())
        }
        Edit::Item { phase, from, to, .. } => item(workbook, phase, from.as_deref(), to.as_deref())?,
        // Settled on the version it was made on; the other version has conflicts of its own.
        Edit::Settle { .. } => return Err("a settled merge conflict is settled again on the other version".into()),
        Edit::Batch(_) => return Err("a batch is replayed part by part".into()),
    })
}

/// Why an edit cannot go in, in the words `apply` uses for the same failure.
fn missing(error: EditError) -> String {
    error.to_string()
}

fn found_item<'a>(workbook: &'a Workbook, id: &str) -> Result<&'a Item, String> {
    workbook.item(id).ok_or_else(|| missing(EditError::NoSuchItem(id.to_string())))
}

fn found_gate<'a>(workbook: &'a Workbook, id: &str) -> Result<&'a Gate, String> {
    let gate = workbook.phases.iter().map(|p| &p.gate).find(|g| g.id == id);
    gate.ok_or_else(|| missing(EditError::NoSuchGate(id.to_string())))
}

/// Ours changing a value from `from` to `to`, where theirs holds `found`: the `from` and
/// `to` to apply, `from` being what theirs holds so that undo gives theirs back.
fn settle<T: Clone + PartialEq>(found: &T, from: &T, to: &T) -> (T, T, Outcome) {
    if found == to || from == to {
        (found.clone(), found.clone(), Outcome::AlreadyThere)
    } else if found == from {
        (found.clone(), to.clone(), Outcome::Applied)
    } else {
        (found.clone(), to.clone(), Outcome::Replaced)
    }
}

/// Our change to the engagement, field by field: only the fields we changed are set, so a
/// field they changed and we did not keeps their value.
fn engagement(found: &Engagement, from: &Engagement, to: &Engagement) -> (Edit, Outcome) {
    let mut merged = found.clone();
    let (mut applied, mut replaced) = (false, false);
    macro_rules! take {
        ($($name:ident),*) => {$(
            if from.$name != to.$name && merged.$name != to.$name {
                if merged.$name == from.$name { applied = true } else { replaced = true }
                merged.$name = to.$name.clone();
            }
        )*};
    }
    take!(customer, tenant, project_lead, partner, purchase_date, start_date);
    let outcome = match (applied, replaced) {
        (_, true) => Outcome::Replaced,
        (true, false) => Outcome::Applied,
        (false, false) => Outcome::AlreadyThere,
    };
    (Edit::Engagement { from: Box::new(found.clone()), to: Box::new(merged) }, outcome)
}

/// Notes have no id: a note is found by its content, at the index it was recorded at if it
/// is still there, else wherever theirs moved it.
fn note(notes: &[Note], item: &str, index: usize, from: Option<&Note>, to: Option<&Note>) -> (Edit, Outcome) {
    let edit = |index: usize, from: Option<&Note>, to: Option<&Note>| Edit::Note {
        item: item.to_string(),
        index,
        from: from.cloned(),
        to: to.cloned(),
    };
    let find = |wanted: &Note| {
        if notes.get(index) == Some(wanted) { Some(index) } else { notes.iter().position(|n| n == wanted) }
    };
    let already = |wanted: &Note| find(wanted).map(|at| (edit(at, Some(wanted), Some(wanted)), Outcome::AlreadyThere));
    let append = |new: &Note, outcome: Outcome| (edit(notes.len(), None, Some(new)), outcome);
    match (from, to) {
        (None, Some(new)) => already(new).unwrap_or_else(|| append(new, Outcome::Applied)),
        (Some(old), Some(new)) if old != new => match find(old) {
            Some(at) => (edit(at, Some(old), Some(new)), Outcome::Applied),
            None => already(new).unwrap_or_else(|| append(new, Outcome::KeptAsNew)),
        },
        (Some(old), None) => match find(old) {
            Some(at) => (edit(at, Some(old), None), Outcome::Applied),
            None => (nothing(), Outcome::AlreadyThere),
        },
        _ => (nothing(), Outcome::AlreadyThere),
    }
}

/// A decision or a held meeting: a record with an id that must stay unique in the file.
trait Record: Clone + PartialEq {
    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);
    fn edit(index: usize, from: Option<&Self>, to: Option<&Self>) -> Edit;
}

impl Record for Decision {
    fn id(&self) -> &str {
        &self.id
    }
    fn set_id(&mut self, id: String) {
        self.id = id;
    }
    fn edit(index: usize, from: Option<&Self>, to: Option<&Self>) -> Edit {
        Edit::Decision { index, from: from.cloned().map(Box::new), to: to.cloned().map(Box::new) }
    }
}

impl Record for Meeting {
    fn id(&self) -> &str {
        &self.id
    }
    fn set_id(&mut self, id: String) {
        self.id = id;
    }
    fn edit(index: usize, from: Option<&Self>, to: Option<&Self>) -> Edit {
        Edit::Meeting { index, from: from.cloned().map(Box::new), to: to.cloned().map(Box::new) }
    }
}

/// Records are found by id, not index: theirs may have added or removed others before it.
fn record<R: Record>(
    list: &[R],
    fresh_id: impl FnOnce() -> String,
    from: Option<&R>,
    to: Option<&R>,
) -> (Edit, Outcome) {
    let find = |id: &str| list.iter().enumerate().find(|(_, r)| r.id() == id);
    match (from, to) {
        (None, Some(new)) => add_record(list, fresh_id, new),
        (Some(old), Some(new)) if old != new => match find(old.id()) {
            Some((at, found)) => {
                let (from, to, outcome) = settle(found, old, new);
                (R::edit(at, Some(&from), Some(&to)), outcome)
            }
            None => match add_record(list, fresh_id, new) {
                (edit, Outcome::Applied) => (edit, Outcome::KeptAsNew),
                other => other,
            },
        },
        (Some(old), None) => match find(old.id()) {
            Some((at, found)) => {
                let outcome = if found == old { Outcome::Applied } else { Outcome::Replaced };
                (R::edit(at, Some(found), None), outcome)
            }
            None => (nothing(), Outcome::AlreadyThere),
        },
        _ => (nothing(), Outcome::AlreadyThere),
    }
}

fn add_record<R: Record>(list: &[R], fresh_id: impl FnOnce() -> String, new: &R) -> (Edit, Outcome) {
    if let Some((at, same)) = list.iter().enumerate().find(|(_, r)| *r == new) {
        return (R::edit(at, Some(same), Some(same)), Outcome::AlreadyThere);
    }
    if list.iter().any(|r| r.id() == new.id()) {
        let mut ours = new.clone();
        let id = fresh_id();
        ours.set_id(id.clone());
        return (R::edit(list.len(), None, Some(&ours)), Outcome::Renumbered { from: new.id().to_string(), to: id });
    }
    (R::edit(list.len(), None, Some(new)), Outcome::Applied)
}

/// The next free meeting id, `M-1`, `M-2`, … counting past any taken and past the count
/// (the interface numbers a new meeting by how many there are).
fn next_meeting_id(workbook: &Workbook) -> String {
    super::meeting::next_id(workbook)
}

/// Items are found by id in whichever phase holds them now. Ours adding an item whose id
/// theirs gave to a different one is skipped: item ids are the template's, not numbers.
fn item(workbook: &Workbook, phase: &str, from: Option<&Item>, to: Option<&Item>) -> Result<(Edit, Outcome), String> {
    let edit = |phase: &str, index: usize, from: Option<&Item>, to: Option<&Item>| Edit::Item {
        phase: phase.to_string(),
        index,
        from: from.cloned().map(Box::new),
        to: to.cloned().map(Box::new),
    };
    // General's items are named by an empty phase id.
    let place = |id: &str| {
        let general = workbook.general.iter().enumerate().find(|(_, i)| i.id == id).map(|(at, found)| ("", at, found));
        general.or_else(|| {
            workbook.phases.iter().find_map(|p| {
                p.items.iter().enumerate().find(|(_, i)| i.id == id).map(|(at, found)| (p.id.as_str(), at, found))
            })
        })
    };
    Ok(match (from, to) {
        (None, Some(new)) => match workbook.item(&new.id) {
            Some(found) if found == new => {
                let named = place(&new.id).map(|(p, at, found)| edit(p, at, Some(found), Some(found)));
                (named.unwrap_or_else(nothing), Outcome::AlreadyThere)
            }
            Some(_) => return Err(format!("their version already has a different item \"{}\"", new.id)),
            None => {
                let len = if phase.is_empty() {
                    workbook.general.len()
                } else {
                    workbook.phase(phase).ok_or_else(|| missing(EditError::NoSuchPhase(phase.to_string())))?.items.len()
                };
                (edit(phase, len, None, Some(new)), Outcome::Applied)
            }
        },
        (Some(old), Some(new)) if old != new => match place(&old.id) {
            Some((p, at, found)) => {
                let (from, to, outcome) = settle(found, old, new);
                (edit(p, at, Some(&from), Some(&to)), outcome)
            }
            None => return Err(missing(EditError::NoSuchItem(old.id.clone()))),
        },
        (Some(old), None) => match place(&old.id) {
            Some((p, at, found)) => {
                let outcome = if found == old { Outcome::Applied } else { Outcome::Replaced };
                (edit(p, at, Some(found), None), outcome)
            }
            None => (nothing(), Outcome::AlreadyThere),
        },
        _ => (nothing(), Outcome::AlreadyThere),
    })
}

#[cfg(test)]
mod engagement_tests {
    use super::*;
    use crate::model::fixture;

    #[test]
    fn our_change_to_one_engagement_field_keeps_theirs_to_another() {
        let base = fixture::workbook();
        let mut theirs = base.clone();
        theirs.engagement.customer = "Theirs Ltd".into();
        let mut ours = base.engagement.clone();
        ours.tenant = "ours.onmicrosoft.com".into();
        let edit = Edit::Engagement { from: Box::new(base.engagement.clone()), to: Box::new(ours) };
        let replayed = reapply(&mut theirs, &[edit]);
        assert_eq!(replayed[0].outcome, Outcome::Applied);
        assert_eq!(theirs.engagement.customer, "Theirs Ltd", "their field is kept");
        assert_eq!(theirs.engagement.tenant, "ours.onmicrosoft.com", "ours is applied");
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use proptest::prelude::*;

    use super::*;
    use crate::model::fixture::{self, date};
    use crate::model::{
        Assessment, Condition, DecisionKind, DecisionStatus, Engagement, Expectation, MeetingKind, Owner, Passage,
        SignOff, Status,
    };
    use crate::model::{decision, scope};

    #[test]
    fn a_history_entrys_words_and_data_say_a_renumbered_decision_by_its_new_id() {
        let mut renumbering = Renumbering::default();
        renumbering.insert("D-7".into(), "D-9".into());
        assert_eq!(renumbering.words("decision D-7 added."), "decision D-9 added.");
        assert_eq!(renumbering.words("D-7 supersedes D-70 (D-7)"), "D-9 supersedes D-70 (D-9)");
        assert_eq!(renumbering.words("...x-D-7 and D-7... é D-7"), "...x-D-7 and D-9... é D-9");
        let mut said = Said::DecisionSuperseded { id: "D-7".into(), replaces: "D-1".into() };
        renumbering.said(&mut said);
        assert_eq!(said, Said::DecisionSuperseded { id: "D-9".into(), replaces: "D-1".into() });
    }

    fn note(text: &str) -> Note {
        Note { at: DateTime::default(), by: "Ann".into(), text: text.into() }
    }

    fn decision(id: &str, title: &str) -> Decision {
        let mut d =
            decision::record(&fixture::workbook(), title.into(), DecisionKind::General, "Ann", date(2026, 3, 1));
        d.id = id.into();
        d
    }

    fn meeting(id: &str, title: &str) -> Meeting {
        Meeting {
            id: id.into(),
            kind: MeetingKind::Checkpoint,
            title: title.into(),
            phase: None,
            held: DateTime::default(),
            attendees: vec!["Ann".into()],
            agenda: Vec::new(),
            minutes: String::new(),
            planned: None,
        }
    }

    fn add_decision(index: usize, d: &Decision) -> Edit {
        Edit::Decision { index, from: None, to: Some(Box::new(d.clone())) }
    }

    fn add_meeting(index: usize, m: &Meeting) -> Edit {
        Edit::Meeting { index, from: None, to: Some(Box::new(m.clone())) }
    }

    fn add_note(item: &str, index: usize, text: &str) -> Edit {
        Edit::Note { item: item.into(), index, from: None, to: Some(note(text)) }
    }

    fn add_item(phase: &str, index: usize, item: &Item) -> Edit {
        Edit::Item { phase: phase.into(), index, from: None, to: Some(Box::new(item.clone())) }
    }

    fn remove_item(wb: &Workbook, phase: &str, id: &str) -> Edit {
        let p = wb.phase(phase).unwrap();
        let index = p.items.iter().position(|i| i.id == id).unwrap();
        Edit::Item { phase: phase.into(), index, from: Some(Box::new(p.items[index].clone())), to: None }
    }

    fn status(item: &str, from: Status, to: Status) -> Edit {
        Edit::Status { item: item.into(), from, to }
    }

    /// The fixture with an expectation, so every kind of edit has something to change.
    fn base() -> Workbook {
        let mut wb = fixture::workbook();
        wb.expectations.push(Expectation {
            id: "licences".into(),
            area: "Core".into(),
            text: "Licences assigned".into(),
            threshold: None,
            when: Condition::Always,
            result: Assessment::Unknown,
            found: String::new(),
        });
        wb
    }

    /// `wb` with `edits` applied as the user made them.
    fn after(wb: &Workbook, edits: impl IntoIterator<Item = Edit>) -> Workbook {
        let mut wb = wb.clone();
        for edit in edits {
            edit.apply(&mut wb).unwrap();
        }
        wb
    }

    /// Replays one edit of ours onto `theirs` and checks that its undo gives theirs back.
    fn replay(theirs: &Workbook, ours: Edit) -> (Workbook, Replayed) {
        let mut wb = theirs.clone();
        let mut replayed = reapply(&mut wb, &[ours]);
        assert_eq!(replayed.len(), 1);
        let replayed = replayed.remove(0);
        if !matches!(replayed.outcome, Outcome::Skipped(_)) {
            assert_eq!(after(&wb, [replayed.edit.inverse()]), *theirs, "{replayed:?} does not undo exactly");
        }
        (wb, replayed)
    }

    fn notes(wb: &Workbook, item: &str) -> Vec<String> {
        wb.item(item).unwrap().notes.iter().map(|n| n.text.clone()).collect()
    }

    fn titles<T>(list: &[T], title: impl Fn(&T) -> (&str, &str)) -> Vec<(String, String)> {
        list.iter().map(title).map(|(id, t)| (id.to_string(), t.to_string())).collect()
    }

    fn decisions(wb: &Workbook) -> Vec<(String, String)> {
        titles(&wb.decisions, |d| (&d.id, &d.title))
    }

    fn meetings(wb: &Workbook) -> Vec<(String, String)> {
        titles(&wb.meetings, |m| (&m.id, &m.title))
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn a_value_theirs_left_alone_takes_ours() {
        let theirs = base();
        let ours = status("initiate.contact", Status::NotStarted, Status::Done);
        let (wb, replayed) = replay(&theirs, ours.clone());
        assert_eq!(replayed, Replayed { edit: ours, outcome: Outcome::Applied });
        assert_eq!(wb.item("initiate.contact").unwrap().status, Status::Done);
    }

    #[test]
    fn a_value_theirs_already_has_is_left_as_it_is() {
        let theirs = after(&base(), [status("initiate.contact", Status::NotStarted, Status::Done)]);
        let (wb, replayed) = replay(&theirs, status("initiate.contact", Status::NotStarted, Status::Done));
        assert_eq!(replayed.outcome, Outcome::AlreadyThere);
        assert_eq!(replayed.edit, status("initiate.contact", Status::Done, Status::Done));
        assert_eq!(wb, theirs);
    }

    #[test]
    fn a_value_theirs_changed_otherwise_is_overwritten_and_undo_gives_theirs_back() {
        let theirs = after(&base(), [status("initiate.contact", Status::NotStarted, Status::Blocked)]);
        let (wb, replayed) = replay(&theirs, status("initiate.contact", Status::NotStarted, Status::Done));
        assert_eq!(replayed.outcome, Outcome::Replaced);
        assert_eq!(replayed.edit, status("initiate.contact", Status::Blocked, Status::Done));
        assert_eq!(wb.item("initiate.contact").unwrap().status, Status::Done);
    }

    #[test]
    fn an_edit_of_something_theirs_no_longer_has_is_skipped_with_the_reason() {
        let b = base();
        let mut theirs = after(&b, [remove_item(&b, "enable", "enable.mam")]);
        theirs.phases[0].gate.criteria.clear();
        let cases = [
            (status("enable.mam", Status::NotStarted, Status::Done), "there is no item \"enable.mam\""),
            (
                Edit::Criterion {
                    gate: "initiate.gate".into(),
                    criterion: "initiate.gate.kickoff".into(),
                    from: false,
                    to: true,
                },
                "gate \"initiate.gate\" has no criterion \"initiate.gate.kickoff\"",
            ),
            (add_note("enable.mam", 0, "a"), "there is no item \"enable.mam\""),
        ];
        for (ours, reason) in cases {
            let (wb, replayed) = replay(&theirs, ours.clone());
            assert_eq!(replayed, Replayed { edit: ours, outcome: Outcome::Skipped(reason.into()) });
            assert_eq!(wb, theirs);
        }
    }

    #[test]
    fn every_kind_of_value_is_compared_with_what_theirs_holds() {
        let b = base();
        let passage = |by: &str| Some(Passage { date: date(2026, 3, 1), by: by.into(), waiver: None });
        let signoff = |name: &str| vec![SignOff { party: Owner::Customer, name: name.into(), date: date(2026, 3, 1) }];
        let engagement = |customer: &str| Box::new(Engagement { customer: customer.into(), ..b.engagement.clone() });
        let assessed = |found: &str| (Assessment::DoesNotMeet, found.to_string());
        let gate = || "enable.gate".to_string();
        // (theirs, ours, outcome): both changed the same value from the same start.
        let cases = [
            (
                Edit::Assignee { item: "enable.tenant".into(), from: String::new(), to: "Bo".into() },
                Edit::Assignee { item: "enable.tenant".into(), from: String::new(), to: "Åsa".into() },
                Outcome::Replaced,
            ),
            (
                Edit::Due { item: "enable.tenant".into(), from: None, to: Some(date(2026, 4, 1)) },
                Edit::Due { item: "enable.tenant".into(), from: None, to: Some(date(2026, 5, 1)) },
                Outcome::Replaced,
            ),
            (
                Edit::Answer { question: "workloads".into(), from: Vec::new(), to: vec!["mam".into()] },
                Edit::Answer { question: "workloads".into(), from: Vec::new(), to: vec!["mdm".into()] },
                Outcome::Replaced,
            ),
            (
                Edit::Criterion {
                    gate: "initiate.gate".into(),
                    criterion: "initiate.gate.kickoff".into(),
                    from: false,
                    to: true,
                },
                Edit::Criterion {
                    gate: "initiate.gate".into(),
                    criterion: "initiate.gate.kickoff".into(),
                    from: false,
                    to: true,
                },
                Outcome::AlreadyThere,
            ),
            (
                Edit::SignOffs { gate: gate(), from: Vec::new(), to: signoff("Bo") },
                Edit::SignOffs { gate: gate(), from: Vec::new(), to: signoff("Åsa") },
                Outcome::Replaced,
            ),
            (
                Edit::Passage { gate: gate(), from: None, to: passage("Bo") },
                Edit::Passage { gate: gate(), from: None, to: passage("Åsa") },
                Outcome::Replaced,
            ),
            (
                Edit::Assessment {
                    expectation: "licences".into(),
                    from: (Assessment::Unknown, String::new()),
                    to: assessed("E3"),
                },
                Edit::Assessment {
                    expectation: "licences".into(),
                    from: (Assessment::Unknown, String::new()),
                    to: assessed("none"),
                },
                Outcome::Replaced,
            ),
            (
                Edit::Engagement { from: engagement("Contoso"), to: engagement("Fabrikam") },
                Edit::Engagement { from: engagement("Contoso"), to: engagement("Northwind") },
                Outcome::Replaced,
            ),
        ];
        for (their_edit, ours, outcome) in cases {
            let theirs = after(&b, [their_edit.clone()]);
            let (wb, replayed) = replay(&theirs, ours.clone());
            assert_eq!(replayed.outcome, outcome, "{ours:?}");
            // A value edit sets its `to` whatever its `from`: ours must be what is there now.
            let expected =
                if outcome == Outcome::AlreadyThere { theirs.clone() } else { after(&theirs, [ours.clone()]) };
            assert_eq!(wb, expected, "{ours:?}");
        }
    }

    #[test]
    fn a_note_goes_after_the_notes_theirs_added() {
        let theirs = after(&base(), [add_note("initiate.kickoff", 0, "theirs")]);
        let (wb, replayed) = replay(&theirs, add_note("initiate.kickoff", 0, "ours"));
        assert_eq!(replayed, Replayed { edit: add_note("initiate.kickoff", 1, "ours"), outcome: Outcome::Applied });
        assert_eq!(notes(&wb, "initiate.kickoff"), ["theirs", "ours"]);
    }

    #[test]
    fn a_note_theirs_also_has_is_not_added_twice() {
        let theirs = after(&base(), [add_note("initiate.kickoff", 0, "z"), add_note("initiate.kickoff", 1, "same")]);
        let (wb, replayed) = replay(&theirs, add_note("initiate.kickoff", 0, "same"));
        assert_eq!(replayed.outcome, Outcome::AlreadyThere);
        assert!(replayed.edit.is_noop());
        assert_eq!(notes(&wb, "initiate.kickoff"), ["z", "same"]);
    }

    #[test]
    fn a_changed_note_is_found_by_its_text_where_theirs_moved_it() {
        let b = after(&base(), [add_note("initiate.kickoff", 0, "a")]);
        let theirs = after(&b, [add_note("initiate.kickoff", 0, "z")]);
        let ours = Edit::Note { item: "initiate.kickoff".into(), index: 0, from: Some(note("a")), to: Some(note("b")) };
        let (wb, replayed) = replay(&theirs, ours);
        assert_eq!(replayed.outcome, Outcome::Applied);
        assert!(matches!(replayed.edit, Edit::Note { index: 1, .. }), "{:?}", replayed.edit);
        assert_eq!(notes(&wb, "initiate.kickoff"), ["z", "b"]);
    }

    #[test]
    fn a_note_theirs_changed_or_removed_keeps_ours_as_a_new_note() {
        let b = after(&base(), [add_note("initiate.kickoff", 0, "a")]);
        let changed =
            Edit::Note { item: "initiate.kickoff".into(), index: 0, from: Some(note("a")), to: Some(note("c")) };
        let removed = Edit::Note { item: "initiate.kickoff".into(), index: 0, from: Some(note("a")), to: None };
        let ours = Edit::Note { item: "initiate.kickoff".into(), index: 0, from: Some(note("a")), to: Some(note("b")) };
        for (theirs, expected) in [(after(&b, [changed]), vec!["c", "b"]), (after(&b, [removed]), vec!["b"])] {
            let (wb, replayed) = replay(&theirs, ours.clone());
            assert_eq!(replayed.outcome, Outcome::KeptAsNew);
            assert_eq!(notes(&wb, "initiate.kickoff"), expected);
        }
    }

    #[test]
    fn a_removed_note_is_found_by_its_text_and_one_theirs_removed_is_already_gone() {
        let b = after(&base(), [add_note("initiate.kickoff", 0, "a"), add_note("initiate.kickoff", 1, "b")]);
        let ours = Edit::Note { item: "initiate.kickoff".into(), index: 1, from: Some(note("b")), to: None };

        let theirs = after(&b, [add_note("initiate.kickoff", 0, "z")]);
        let (wb, replayed) = replay(&theirs, ours.clone());
        assert_eq!(replayed.outcome, Outcome::Applied);
        assert_eq!(notes(&wb, "initiate.kickoff"), ["z", "a"]);

        let theirs = after(&b, [ours.clone()]);
        let (wb, replayed) = replay(&theirs, ours);
        assert_eq!(replayed.outcome, Outcome::AlreadyThere);
        assert_eq!(notes(&wb, "initiate.kickoff"), ["a"]);
    }

    #[test]
    fn a_decision_id_theirs_also_used_is_renumbered_and_later_edits_follow() {
        let b = base();
        let theirs =
            after(&b, [add_decision(0, &decision("D-1", "Theirs")), add_decision(1, &decision("D-2", "Also"))]);

        let mut waiver = decision("D-1", "Ours");
        waiver.links = vec!["initiate.gate".into()];
        let passage = Passage { date: date(2026, 3, 2), by: "Ann".into(), waiver: Some("D-1".into()) };
        let mut later = decision("D-2", "Later");
        later.links = vec!["D-1".into()];
        let mut retired = waiver.clone();
        retired.status = DecisionStatus::Superseded;
        retired.superseded_by = Some("D-2".into());
        let ours = [
            Edit::Batch(vec![
                add_decision(0, &waiver),
                Edit::Passage { gate: "initiate.gate".into(), from: None, to: Some(passage) },
            ]),
            add_decision(1, &later),
            Edit::Decision { index: 0, from: Some(Box::new(waiver)), to: Some(Box::new(retired)) },
        ];
        let _ = after(&b, ours.clone());

        let mut wb = theirs.clone();
        let replayed = reapply(&mut wb, &ours);
        let outcomes: Vec<Outcome> = replayed.iter().map(|r| r.outcome.clone()).collect();
        assert_eq!(
            outcomes,
            [
                Outcome::Renumbered { from: "D-1".into(), to: "D-3".into() },
                Outcome::Renumbered { from: "D-2".into(), to: "D-4".into() },
                Outcome::Applied,
            ]
        );
        assert_eq!(decisions(&wb), pairs(&[("D-1", "Theirs"), ("D-2", "Also"), ("D-3", "Ours"), ("D-4", "Later")]));
        assert_eq!(wb.decisions[2].superseded_by.as_deref(), Some("D-4"));
        assert_eq!(wb.decisions[2].status, DecisionStatus::Superseded);
        assert_eq!(wb.decisions[3].links, ["D-3"]);
        assert_eq!(wb.phases[0].gate.passed.as_ref().and_then(|p| p.waiver.as_deref()), Some("D-3"));
        assert_eq!(&wb.decisions[..2], &theirs.decisions[..]);
    }

    #[test]
    fn a_decision_theirs_also_has_is_already_there() {
        let ours = add_decision(0, &decision("D-1", "Same"));
        let theirs = after(&base(), [ours.clone()]);
        let (wb, replayed) = replay(&theirs, ours);
        assert_eq!(replayed.outcome, Outcome::AlreadyThere);
        assert!(replayed.edit.is_noop());
        assert_eq!(wb, theirs);
    }

    #[test]
    fn a_changed_decision_is_found_by_its_id_wherever_it_now_is() {
        let (a, b_) = (decision("D-1", "a"), decision("D-2", "b"));
        let b = after(&base(), [add_decision(0, &a), add_decision(1, &b_)]);
        let ours =
            Edit::Decision { index: 1, from: Some(Box::new(b_.clone())), to: Some(Box::new(decision("D-2", "ours"))) };

        let theirs = after(&b, [Edit::Decision { index: 0, from: Some(Box::new(a)), to: None }]);
        let (wb, replayed) = replay(&theirs, ours.clone());
        assert_eq!(replayed.outcome, Outcome::Applied);
        assert!(matches!(replayed.edit, Edit::Decision { index: 0, .. }), "{:?}", replayed.edit);
        assert_eq!(decisions(&wb), pairs(&[("D-2", "ours")]));

        let theirs = after(
            &b,
            [Edit::Decision { index: 1, from: Some(Box::new(b_)), to: Some(Box::new(decision("D-2", "c"))) }],
        );
        let (wb, replayed) = replay(&theirs, ours);
        assert_eq!(replayed.outcome, Outcome::Replaced);
        assert_eq!(decisions(&wb), pairs(&[("D-1", "a"), ("D-2", "ours")]));
    }

    #[test]
    fn a_decision_theirs_removed_keeps_our_change_as_new_and_our_removal_as_done() {
        let a = decision("D-1", "a");
        let b = after(&base(), [add_decision(0, &a)]);
        let removal = Edit::Decision { index: 0, from: Some(Box::new(a.clone())), to: None };
        let theirs = after(&b, [removal.clone()]);

        let change = Edit::Decision { index: 0, from: Some(Box::new(a)), to: Some(Box::new(decision("D-1", "ours"))) };
        let (wb, replayed) = replay(&theirs, change);
        assert_eq!(replayed.outcome, Outcome::KeptAsNew);
        assert_eq!(decisions(&wb), pairs(&[("D-1", "ours")]));

        let (wb, replayed) = replay(&theirs, removal);
        assert_eq!(replayed.outcome, Outcome::AlreadyThere);
        assert_eq!(wb, theirs);
    }

    #[test]
    fn a_meeting_id_theirs_also_used_is_renumbered_so_the_file_still_loads() {
        let theirs = after(&base(), [add_meeting(0, &meeting("M-1", "Theirs"))]);
        let (wb, replayed) = replay(&theirs, add_meeting(0, &meeting("M-1", "Ours")));
        assert_eq!(replayed.outcome, Outcome::Renumbered { from: "M-1".into(), to: "M-2".into() });
        assert_eq!(meetings(&wb), pairs(&[("M-1", "Theirs"), ("M-2", "Ours")]));

        let (wb, replayed) = replay(&theirs, add_meeting(0, &meeting("M-1", "Theirs")));
        assert_eq!(replayed.outcome, Outcome::AlreadyThere);
        assert_eq!(wb, theirs);
    }

    #[test]
    fn a_meeting_is_removed_by_its_id() {
        let (one, two) = (meeting("M-1", "one"), meeting("M-2", "two"));
        let b = after(&base(), [add_meeting(0, &one), add_meeting(1, &two)]);
        let theirs = after(&b, [Edit::Meeting { index: 0, from: Some(Box::new(one)), to: None }]);
        let ours = Edit::Meeting { index: 1, from: Some(Box::new(two)), to: None };
        let (wb, replayed) = replay(&theirs, ours.clone());
        assert_eq!(replayed.outcome, Outcome::Applied);
        assert!(wb.meetings.is_empty());

        let (wb, replayed) = replay(&wb, ours);
        assert_eq!(replayed.outcome, Outcome::AlreadyThere);
        assert!(wb.meetings.is_empty());
    }

    #[test]
    fn an_item_goes_to_the_end_of_its_phase_unless_theirs_has_its_id() {
        let theirs_item = Item::new("enable.extra", Owner::Customer, "Theirs");
        let theirs = after(&base(), [add_item("enable", 0, &theirs_item)]);

        let ours = Item::new("enable.ours", Owner::Customer, "Ours");
        let (wb, replayed) = replay(&theirs, add_item("enable", 0, &ours));
        assert_eq!(replayed, Replayed { edit: add_item("enable", 6, &ours), outcome: Outcome::Applied });
        assert_eq!(wb.phase("enable").unwrap().items.last(), Some(&ours));

        let (wb, replayed) = replay(&theirs, add_item("enable", 0, &theirs_item));
        assert_eq!(replayed.outcome, Outcome::AlreadyThere);
        assert_eq!(wb, theirs);

        let clash = Item::new("enable.extra", Owner::Customer, "Ours");
        let (wb, replayed) = replay(&theirs, add_item("enable", 0, &clash));
        let reason = "their version already has a different item \"enable.extra\"";
        assert_eq!(
            replayed,
            Replayed { edit: add_item("enable", 0, &clash), outcome: Outcome::Skipped(reason.into()) }
        );
        assert_eq!(wb, theirs);
    }

    #[test]
    fn an_item_is_removed_by_its_id_and_one_theirs_removed_is_already_gone() {
        let b = base();
        let ours = remove_item(&b, "enable", "enable.mam");
        let theirs = after(&b, [remove_item(&b, "enable", "enable.tenant")]);
        let (wb, replayed) = replay(&theirs, ours.clone());
        assert_eq!(replayed.outcome, Outcome::Applied);
        assert!(matches!(replayed.edit, Edit::Item { index: 3, .. }), "{:?}", replayed.edit);
        let ids: Vec<&str> = wb.phase("enable").unwrap().items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["enable.mdm", "enable.mdm.devices", "enable.mdm.groups"]);

        let theirs = after(&b, [ours.clone()]);
        let (wb, replayed) = replay(&theirs, ours);
        assert_eq!(replayed.outcome, Outcome::AlreadyThere);
        assert_eq!(wb, theirs);
    }

    #[test]
    fn a_batch_with_a_part_that_cannot_go_in_changes_nothing() {
        let b = base();
        let theirs = after(&b, [remove_item(&b, "enable", "enable.mam")]);
        let ours = Edit::Batch(vec![
            add_decision(0, &decision("D-1", "Ours")),
            status("initiate.contact", Status::NotStarted, Status::Done),
            status("enable.mam", Status::NotStarted, Status::Done),
        ]);
        let (wb, replayed) = replay(&theirs, ours.clone());
        assert_eq!(
            replayed,
            Replayed { edit: ours, outcome: Outcome::Skipped("there is no item \"enable.mam\"".into()) }
        );
        assert_eq!(wb, theirs);
    }

    #[test]
    fn a_batch_reports_its_most_notable_part() {
        let b = after(&base(), [add_note("initiate.kickoff", 0, "a")]);
        let theirs =
            after(&b, [Edit::Assignee { item: "initiate.contact".into(), from: String::new(), to: "Bo".into() }]);
        let ours = Edit::Batch(vec![
            add_note("initiate.kickoff", 0, "a"),
            status("initiate.contact", Status::NotStarted, Status::Done),
            Edit::Assignee { item: "initiate.contact".into(), from: String::new(), to: "Åsa".into() },
        ]);
        let (wb, replayed) = replay(&theirs, ours);
        assert_eq!(replayed.outcome, Outcome::Replaced);
        let Edit::Batch(parts) = &replayed.edit else { panic!("{:?}", replayed.edit) };
        assert_eq!(parts.len(), 3);
        assert!(parts[0].is_noop());
        assert_eq!(wb.item("initiate.contact").unwrap().assignee, "Åsa");
        assert_eq!(wb.item("initiate.contact").unwrap().status, Status::Done);
    }

    #[test]
    fn replaying_onto_the_version_they_were_made_on_is_plain_apply() {
        let b = base();
        let mut ours = Vec::new();
        let mut wb = b.clone();
        for kind in 0..KINDS {
            if let Some(edit) = user_edit(&wb, kind, 1) {
                edit.apply(&mut wb).unwrap();
                ours.push(edit);
            }
        }
        assert!(ours.len() > 15, "only {} edits", ours.len());
        let mut replayed_onto = b.clone();
        let replayed = reapply(&mut replayed_onto, &ours);
        assert_eq!(replayed_onto, wb);
        for (r, edit) in replayed.iter().zip(&ours) {
            assert_eq!(&r.edit, edit);
            assert_eq!(r.outcome, Outcome::Applied, "{edit:?}");
        }
    }

    const KINDS: u8 = 20;

    /// An edit as the interface makes one on `wb`: `kind` chooses what, `pick` the details.
    fn user_edit(wb: &Workbook, kind: u8, pick: u8) -> Option<Edit> {
        let items = ["initiate.contact", "initiate.kickoff", "enable.tenant", "enable.mam", "general.support"];
        let id = items[usize::from(pick) % items.len()];
        let item = wb.item(id)?;
        let day = date(2026, 3, 1 + u32::from(pick % 28));
        let n = usize::from(pick);
        let edit = match kind {
            0 => status(id, item.status, Status::ALL[n % 5]),
            1 => Edit::Assignee { item: id.into(), from: item.assignee.clone(), to: ["Ann", "Bo", ""][n % 3].into() },
            2 => Edit::Due { item: id.into(), from: item.due, to: (!pick.is_multiple_of(3)).then_some(day) },
            3 => add_note(id, item.notes.len(), &format!("note {pick}")),
            4 | 5 => {
                let index = n % item.notes.len().max(1);
                let old = item.notes.get(index)?.clone();
                let to = (kind == 4).then(|| note(&format!("edited {pick}")));
                Edit::Note { item: id.into(), index, from: Some(old), to }
            }
            6 => scope::choose(wb, 0, n % 2, "Ann", day)?,
            7 => {
                let c = wb.phases[0].gate.criteria.first()?;
                let gate = wb.phases[0].gate.id.clone();
                Edit::Criterion { gate, criterion: c.id.clone(), from: c.met, to: !c.met }
            }
            8 => {
                let g = &wb.phases[n % 2].gate;
                let to = vec![SignOff { party: Owner::Customer, name: format!("Bo {pick}"), date: day }];
                Edit::SignOffs { gate: g.id.clone(), from: g.signoffs.clone(), to }
            }
            9 => {
                let g = &wb.phases[n % 2].gate;
                match &g.passed {
                    Some(passed) => Edit::Passage { gate: g.id.clone(), from: Some(passed.clone()), to: None },
                    None => {
                        let mut record = decision::record(wb, "Waiver".into(), DecisionKind::Waiver, "Ann", day);
                        record.links = vec![g.id.clone()];
                        let passage = Passage { date: day, by: "Ann".into(), waiver: Some(record.id.clone()) };
                        Edit::Batch(vec![
                            add_decision(wb.decisions.len(), &record),
                            Edit::Passage { gate: g.id.clone(), from: None, to: Some(passage) },
                        ])
                    }
                }
            }
            10 => {
                let e = wb.expectations.first()?;
                let to = ([Assessment::Unknown, Assessment::Meets, Assessment::DoesNotMeet][n % 3], format!("{pick}"));
                Edit::Assessment { expectation: e.id.clone(), from: (e.result, e.found.clone()), to }
            }
            11 => {
                let to = Engagement { customer: format!("Customer {}", pick % 3), ..wb.engagement.clone() };
                Edit::Engagement { from: Box::new(wb.engagement.clone()), to: Box::new(to) }
            }
            12 => {
                let record = decision::record(wb, format!("Decision {pick}"), DecisionKind::General, "Ann", day);
                add_decision(wb.decisions.len(), &record)
            }
            13..=15 => {
                let index = n % wb.decisions.len().max(1);
                let old = wb.decisions.get(index)?.clone();
                if kind == 15 {
                    return Some(Edit::Decision { index, from: Some(Box::new(old)), to: None });
                }
                let mut changed = old.clone();
                changed.title = format!("Changed {pick}");
                if kind == 13 {
                    return Some(Edit::Decision { index, from: Some(Box::new(old)), to: Some(Box::new(changed)) });
                }
                let mut new = decision::record(wb, format!("Instead {pick}"), DecisionKind::General, "Ann", day);
                new.links = vec![old.id.clone()];
                changed.status = DecisionStatus::Superseded;
                changed.superseded_by = Some(new.id.clone());
                Edit::Batch(vec![
                    add_decision(wb.decisions.len(), &new),
                    Edit::Decision { index, from: Some(Box::new(old)), to: Some(Box::new(changed)) },
                ])
            }
            16 => add_meeting(wb.meetings.len(), &meeting(&format!("M-{}", wb.meetings.len() + 1), &format!("{pick}"))),
            17 => {
                let index = n % wb.meetings.len().max(1);
                Edit::Meeting { index, from: Some(Box::new(wb.meetings.get(index)?.clone())), to: None }
            }
            18 => {
                let phase = &wb.phases[n % 2];
                let new = Item::new(format!("extra.{}", pick % 4), Owner::Joint, format!("Extra {pick}"));
                if wb.item(&new.id).is_some() {
                    return None;
                }
                add_item(&phase.id, phase.items.len(), &new)
            }
            _ => {
                let phase = &wb.phases[n % 2];
                let index = n % phase.items.len().max(1);
                let old = phase.items.get(index)?.clone();
                Edit::Item { phase: phase.id.clone(), index, from: Some(Box::new(old)), to: None }
            }
        };
        (!edit.is_noop()).then_some(edit)
    }

    /// `choices` made one after another on a copy of `wb`, as a user would: the edits and
    /// the workbook they lead to.
    fn session(wb: &Workbook, choices: &[(u8, u8)]) -> (Vec<Edit>, Workbook) {
        let mut wb = wb.clone();
        let mut edits = Vec::new();
        for &(kind, pick) in choices {
            if let Some(edit) = user_edit(&wb, kind, pick) {
                edit.apply(&mut wb).unwrap();
                edits.push(edit);
            }
        }
        (edits, wb)
    }

    /// A workbook both sides have worked on before: notes, decisions and meetings to change.
    fn worked_on() -> Workbook {
        let mut wb = base();
        for (n, item) in wb.phases.iter_mut().flat_map(|p| p.items.iter_mut()).enumerate() {
            item.notes = (0..n % 3).map(|i| note(&format!("{} {i}", item.id))).collect();
        }
        wb.decisions = vec![decision("D-1", "First"), decision("D-2", "Second")];
        wb.meetings = vec![meeting("M-1", "Kick-off"), meeting("M-2", "Checkpoint")];
        wb
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever both sides did, each replayed edit undoes exactly, a skipped one changes
        /// nothing, and one that was already there is a no-op.
        #[test]
        fn every_replayed_edit_undoes_exactly(
            theirs_choices in prop::collection::vec((0..KINDS, any::<u8>()), 0..10),
            our_choices in prop::collection::vec((0..KINDS, any::<u8>()), 0..10),
        ) {
            let b = worked_on();
            let (_, theirs) = session(&b, &theirs_choices);
            let (ours, _) = session(&b, &our_choices);
            let mut wb = theirs.clone();
            let replayed = reapply(&mut wb, &ours);
            prop_assert_eq!(replayed.len(), ours.len());

            // Step through what reapply reports; it must lead exactly where reapply went.
            let mut step = theirs.clone();
            for (r, original) in replayed.iter().zip(&ours) {
                if let Outcome::Skipped(reason) = &r.outcome {
                    prop_assert_eq!(&r.edit, original);
                    prop_assert!(!reason.is_empty());
                    continue;
                }
                let before = step.clone();
                prop_assert!(r.edit.apply(&mut step).is_ok(), "{:?} does not apply", r.edit);
                let mut undone = step.clone();
                prop_assert!(r.edit.inverse().apply(&mut undone).is_ok(), "{:?} does not undo", r.edit);
                prop_assert_eq!(&undone, &before, "{:?} does not undo exactly", r);
                if r.outcome == Outcome::AlreadyThere {
                    prop_assert!(r.edit.is_noop(), "{:?}", r);
                    prop_assert_eq!(&step, &before);
                }
            }
            prop_assert_eq!(&step, &wb);
        }
    }
}
