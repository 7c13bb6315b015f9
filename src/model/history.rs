//! The history of an editing session: every edit applied with its change-history entry, the
//! undo and redo stacks, the edits not yet saved (so they can be replayed onto another
//! version of the file), and revisions that tell whether what is in memory is what was saved.

use super::edit::{Edit, EditError};
use super::reapply::{Outcome, reapply};
use super::workbook::{Change, Workbook};

/// An applied edit with the history entry it added, so undo can take both back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub edit: Edit,
    pub change: Change,
    /// The revision before and after the edit.
    pub before: u64,
    pub after: u64,
}

/// An edit made since the file was last saved, kept so it can be replayed onto another
/// version of the file; `change` is its history entry, `None` once undone (or for an undo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsaved {
    pub edit: Edit,
    pub change: Option<Change>,
}

/// What replaying the unsaved edits onto another version did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replay {
    /// Changes reapplied.
    pub applied: usize,
    /// Of those, the ones that replaced a different value set in the other version.
    pub replaced: usize,
    /// The changes that could not be reapplied, each with the reason.
    pub skipped: Vec<(Change, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct History {
    undo: Vec<Done>,
    redo: Vec<Done>,
    /// Every edit, undo and redo since the last save, in order.
    unsaved: Vec<Unsaved>,
    /// Whether `unsaved` holds all the unsaved work: not so for changes recovered at start,
    /// which are a whole workbook rather than edits.
    replayable: bool,
    /// Names the workbook's state: each change makes a new one, undo and redo return to
    /// earlier ones, so undoing back to what was saved leaves nothing unsaved.
    revision: u64,
    saved_revision: u64,
    /// The name the next change will get.
    next_revision: u64,
}

impl Default for History {
    fn default() -> History {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            unsaved: Vec::new(),
            replayable: true,
            revision: 0,
            saved_revision: 0,
            next_revision: 1,
        }
    }
}

impl History {
    /// A session whose workbook holds changes recovered at start: unsaved, and not edits
    /// that could be replayed.
    pub fn recovered() -> History {
        History { saved_revision: u64::MAX, replayable: false, ..History::default() }
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved_revision
    }

    pub fn is_replayable(&self) -> bool {
        self.replayable
    }

    /// The edits since the last save, in order.
    pub fn unsaved(&self) -> &[Unsaved] {
        &self.unsaved
    }

    /// The history entries of the changes since the last save that still stand.
    pub fn unsaved_changes(&self) -> impl Iterator<Item = &Change> {
        self.unsaved.iter().filter_map(|u| u.change.as_ref())
    }

    /// What is in memory now is what the file holds.
    pub fn mark_saved(&mut self) {
        self.saved_revision = self.revision;
        self.unsaved.clear();
        self.replayable = true;
    }

    /// Applies `edit`, adds `change` to the workbook's change history, and makes it the step
    /// the next undo takes back. Nothing changes when the edit fails.
    pub fn commit(&mut self, workbook: &mut Workbook, edit: Edit, change: Change) -> Result<(), EditError> {
        edit.apply(workbook)?;
        self.record(workbook, edit, change);
        Ok(())
    }

    /// Records an edit already applied to `workbook` as the step the next undo takes back.
    pub fn record(&mut self, workbook: &mut Workbook, edit: Edit, change: Change) {
        workbook.history.push(change.clone());
        let before = self.revision;
        self.revision = self.take_revision();
        self.unsaved.push(Unsaved { edit: edit.clone(), change: Some(change.clone()) });
        self.undo.push(Done { edit, change, before, after: self.revision });
        self.redo.clear();
    }

    fn take_revision(&mut self) -> u64 {
        let next = self.next_revision;
        self.next_revision += 1;
        next
    }

    /// Takes back the last change; `None` when there is nothing to undo.
    pub fn undo(&mut self, workbook: &mut Workbook) -> Option<Done> {
        let done = self.undo.pop()?;
        if done.edit.inverse().apply(workbook).is_err() {
            self.undo.push(done);
            return None;
        }
        if let Some(at) = workbook.history.iter().rposition(|c| *c == done.change) {
            workbook.history.remove(at);
        }
        self.revision = done.before;
        if let Some(entry) = self.unsaved.iter_mut().rev().find(|u| u.change.as_ref() == Some(&done.change)) {
            entry.change = None;
        }
        self.unsaved.push(Unsaved { edit: done.edit.inverse(), change: None });
        self.redo.push(done.clone());
        Some(done)
    }

    /// Makes the last undone change again; `None` when there is nothing to redo.
    pub fn redo(&mut self, workbook: &mut Workbook) -> Option<Done> {
        let done = self.redo.pop()?;
        if done.edit.apply(workbook).is_err() {
            self.redo.push(done);
            return None;
        }
        workbook.history.push(done.change.clone());
        self.revision = done.after;
        self.unsaved.push(Unsaved { edit: done.edit.clone(), change: Some(done.change.clone()) });
        self.undo.push(done.clone());
        Some(done)
    }

    /// Replays the unsaved edits onto `theirs` (the file as someone else saved it), which
    /// becomes the saved state; the replayed edits are unsaved and undo one by one back to it.
    pub fn replay_onto(&mut self, theirs: &mut Workbook) -> Replay {
        let log = std::mem::take(&mut self.unsaved);
        let edits: Vec<_> = log.iter().map(|u| u.edit.clone()).collect();
        let replayed = reapply(theirs, &edits);
        let base = self.take_revision();
        self.saved_revision = base;
        self.revision = base;
        self.undo.clear();
        self.redo.clear();
        let mut report = Replay::default();
        for (entry, result) in log.into_iter().zip(replayed) {
            let Some(mut change) = entry.change else {
                // An undo, or an edit later undone: replayed so the pair cancels, not listed.
                if !matches!(result.outcome, Outcome::Skipped(_)) {
                    self.unsaved.push(Unsaved { edit: result.edit, change: None });
                }
                continue;
            };
            match &result.outcome {
                Outcome::Skipped(reason) => {
                    report.skipped.push((change, reason.clone()));
                    continue;
                }
                Outcome::AlreadyThere => continue,
                Outcome::Replaced => report.replaced += 1,
                Outcome::Renumbered { from, to } => change.what = format!("{} ({from} → {to})", change.what),
                Outcome::Applied | Outcome::KeptAsNew => {}
            }
            report.applied += 1;
            change.target = result.edit.target().to_string();
            theirs.history.push(change.clone());
            let before = self.revision;
            self.revision = self.take_revision();
            self.unsaved.push(Unsaved { edit: result.edit.clone(), change: Some(change.clone()) });
            self.undo.push(Done { edit: result.edit, change, before, after: self.revision });
        }
        report
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::model::fixture;

    fn change(what: &str) -> Change {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").unwrap();
        Change { at, by: "Ann".into(), target: "initiate.contact".into(), what: what.into(), said: None }
    }

    fn done(to: Status) -> Edit {
        Edit::Status { item: "initiate.contact".into(), from: Status::NotStarted, to }
    }

    #[test]
    fn undoing_back_to_the_saved_state_leaves_nothing_unsaved() {
        let original = fixture::workbook();
        let mut wb = original.clone();
        let mut history = History::default();
        history.commit(&mut wb, done(Status::Done), change("done")).unwrap();
        assert!(history.is_dirty());
        assert_eq!(wb.history.len(), original.history.len() + 1);
        history.undo(&mut wb).unwrap();
        assert!(!history.is_dirty());
        assert_eq!(wb, original);
        history.redo(&mut wb).unwrap();
        assert!(history.is_dirty());
        assert!(history.undo(&mut wb).is_some() && history.undo(&mut wb).is_none());
    }

    #[test]
    fn a_failed_edit_changes_nothing() {
        let mut wb = fixture::workbook();
        let before = wb.clone();
        let mut history = History::default();
        let missing = Edit::Status { item: "nope".into(), from: Status::NotStarted, to: Status::Done };
        assert!(history.commit(&mut wb, missing, change("x")).is_err());
        assert_eq!((wb, history.is_dirty()), (before, false));
    }

    #[test]
    fn a_recovered_session_is_unsaved_and_cannot_be_replayed_until_saved() {
        let mut history = History::recovered();
        assert!(history.is_dirty() && !history.is_replayable());
        history.mark_saved();
        assert!(!history.is_dirty() && history.is_replayable());
    }

    #[test]
    fn replaying_onto_their_version_keeps_theirs_as_saved() {
        let mut wb = fixture::workbook();
        let mut theirs = wb.clone();
        theirs.phases[0].items[1].status = Status::Blocked;
        let mut history = History::default();
        history.commit(&mut wb, done(Status::Done), change("done")).unwrap();
        let replay = history.replay_onto(&mut theirs);
        assert_eq!((replay.applied, replay.skipped.len()), (1, 0));
        assert!(history.is_dirty());
        let before_undo = theirs.clone();
        history.undo(&mut theirs).unwrap();
        assert!(!history.is_dirty());
        assert_ne!(theirs, before_undo);
    }
}
