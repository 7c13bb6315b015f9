//! Edits to an engagement's state, each one reversible. The interface applies edits
//! through here so that undo and redo are exact and the change history can say what
//! changed in words.

use chrono::NaiveDate;
use thiserror::Error;

use super::workbook::{Note, Status, Workbook};

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
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EditError {
    #[error("there is no item \"{0}\"")]
    NoSuchItem(String),
    #[error("there is no question \"{0}\"")]
    NoSuchQuestion(String),
    #[error("item \"{0}\" has no note {1}")]
    NoSuchNote(String, usize),
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
        }
    }

    /// Applies the edit. Fails, changing nothing, when what it names is not there.
    pub fn apply(&self, workbook: &mut Workbook) -> Result<(), EditError> {
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
            Edit::Answer { .. } => {}
        }
        Ok(())
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
