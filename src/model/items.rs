//! Shaping a list of items in an engagement: adding the customer's own tasks, rewording an
//! item, taking out one added by mistake (a process's own items are set not applicable
//! instead, with the reason noted) and ordering items among their siblings. Each is one
//! edit, undoable and recorded like any other.

use chrono::{DateTime, FixedOffset};

use super::edit::Edit;
use super::workbook::{Item, ItemKind, Note, Owner, Status, Workbook};

/// The items of `list` (`None` for General) and the phase id edits name it by (empty for
/// General).
fn list(wb: &Workbook, list: Option<usize>) -> Option<(&[Item], String)> {
    match list {
        None => Some((wb.general.as_slice(), String::new())),
        Some(p) => wb.phases.get(p).map(|phase| (phase.items.as_slice(), phase.id.clone())),
    }
}

/// A new item's id: `<phase>.own.<n>` (`general.own.<n>`), the first `n` no id has, so ids
/// added on two copies of a workbook line up as far as the same items are added.
pub fn new_id(wb: &Workbook, phase_id: &str) -> String {
    let prefix = if phase_id.is_empty() { "general" } else { phase_id };
    (1..).map(|n| format!("{prefix}.own.{n}")).find(|id| wb.item(id).is_none()).unwrap_or_default()
}

/// Adds a task of `owner` with `text` to `list`: under the heading `under` (an item of the
/// list), after its last sub-item; else after the last item of that owner there (so it
/// shows in the owner's group), or at the end.
pub fn add(wb: &Workbook, list_at: Option<usize>, owner: Owner, text: &str, under: Option<&str>) -> Option<Edit> {
    let (items, phase) = list(wb, list_at)?;
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let heading = under.and_then(|id| items.iter().position(|i| i.id == id));
    let index = match heading {
        // After the heading's block: its sub-items, and theirs.
        Some(at) => {
            let mut within = vec![items[at].id.as_str()];
            let mut end = at + 1;
            while let Some(next) = items.get(end)
                && next.parent.as_deref().is_some_and(|p| within.contains(&p))
            {
                within.push(next.id.as_str());
                end += 1;
            }
            end
        }
        None => items.iter().rposition(|i| i.owner == owner).map_or(items.len(), |i| i + 1),
    };
    let mut item = Item::new(new_id(wb, &phase), owner, text);
    item.kind = ItemKind::Task;
    item.own = true;
    item.parent = heading.map(|at| items[at].id.clone());
    Some(Edit::Item { phase, index, from: None, to: Some(Box::new(item)) })
}

/// Rewords the item at `index` of `list` (and its detail); `None` when nothing changes.
pub fn reword(wb: &Workbook, list_at: Option<usize>, index: usize, text: &str, detail: Option<&str>) -> Option<Edit> {
    let (items, phase) = list(wb, list_at)?;
    let old = items.get(index)?;
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut new = old.clone();
    new.text = text.to_string();
    if let Some(detail) = detail {
        new.detail = detail.trim().to_string();
    }
    (new != *old).then(|| Edit::Item { phase, index, from: Some(Box::new(old.clone())), to: Some(Box::new(new)) })
}

/// What taking the item at `index` out of the engagement is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// Added in this engagement: it goes.
    Remove(Edit),
    /// The process's own: it is set not applicable, with the reason as a note; asks for one.
    NeedsReason,
}

/// Takes out the item at `index` of `list`: one this engagement added goes; one of the
/// process's asks for the reason it does not apply.
pub fn remove(wb: &Workbook, list_at: Option<usize>, index: usize) -> Option<Removal> {
    let (items, phase) = list(wb, list_at)?;
    let item = items.get(index)?;
    if !item.own {
        return Some(Removal::NeedsReason);
    }
    Some(Removal::Remove(Edit::Item { phase, index, from: Some(Box::new(item.clone())), to: None }))
}

/// Sets a process's item not applicable, with the reason noted: one step.
pub fn set_aside(
    wb: &Workbook,
    list_at: Option<usize>,
    index: usize,
    reason: &str,
    by: &str,
    at: DateTime<FixedOffset>,
) -> Option<Edit> {
    let (items, _) = list(wb, list_at)?;
    let item = items.get(index)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return None;
    }
    let note = Note { at, by: by.to_string(), text: reason.to_string() };
    Some(Edit::Batch(vec![
        Edit::Status { item: item.id.clone(), from: item.status, to: Status::NotApplicable },
        Edit::Note { item: item.id.clone(), index: item.notes.len(), from: None, to: Some(note) },
    ]))
}

/// Moves the item at `index` of `list` before its previous sibling (`up`) or after its
/// next: the nearest item of the same owner under the same heading. `None` at either end.
pub fn moved(wb: &Workbook, list_at: Option<usize>, index: usize, up: bool) -> Option<Edit> {
    let (items, phase) = list(wb, list_at)?;
    let item = items.get(index)?;
    let sibling = |i: &Item| i.owner == item.owner && i.parent == item.parent;
    let other = if up {
        items[..index].iter().rposition(sibling)?
    } else {
        index + 1 + items[index + 1..].iter().position(sibling)?
    };
    // Out of its place, then in at the sibling's index: before it going up; going down,
    // the sibling has moved up one by then, so that is after it.
    let boxed = Box::new(item.clone());
    Some(Edit::Batch(vec![
        Edit::Item { phase: phase.clone(), index, from: Some(boxed.clone()), to: None },
        Edit::Item { phase, index: other, from: None, to: Some(boxed) },
    ]))
}

/// `edit`, and the day its phase started where this is when it starts: the first status
/// change of one of the phase's items (today, or the day its gate passed if that was
/// earlier), or its gate passing before any item moved (the day it passed).
pub fn with_phase_start(wb: &Workbook, edit: Edit, today: chrono::NaiveDate) -> Edit {
    let starts = |e: &Edit| match e {
        Edit::Status { item, to, .. } if *to != Status::NotStarted => {
            let phase = wb.phases.iter().find(|p| p.items.iter().any(|i| &i.id == item))?;
            let passed = phase.gate.passed.as_ref().map(|p| p.date);
            Some((phase, passed.map_or(today, |d| d.min(today))))
        }
        Edit::Passage { gate, to: Some(passage), .. } => {
            wb.phases.iter().find(|p| &p.gate.id == gate).map(|phase| (phase, passage.date))
        }
        _ => None,
    };
    let start = match &edit {
        Edit::Batch(all) => all.iter().find_map(starts),
        other => starts(other),
    };
    match start {
        Some((phase, day)) if phase.started.is_none() => {
            let start = Edit::PhaseStart { phase: phase.id.clone(), from: None, to: Some(day) };
            Edit::Batch(vec![edit, start])
        }
        _ => edit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture;

    #[test]
    fn a_phase_starts_with_its_first_moved_item_or_its_pass_never_after_the_pass() {
        let wb = fixture::workbook();
        let today = fixture::date(2026, 3, 20);
        let item = wb.phases[0].items[0].id.clone();
        let status = Edit::Status { item, from: Status::NotStarted, to: Status::Done };
        let started = |edit: &Edit| match edit {
            Edit::Batch(all) => all.iter().find_map(|e| match e {
                Edit::PhaseStart { to, .. } => *to,
                _ => None,
            }),
            _ => None,
        };
        assert_eq!(started(&with_phase_start(&wb, status.clone(), today)), Some(today));
        // Passed (on a waiver) before any item moved: it started by the day it passed.
        let passage = crate::model::Passage { date: fixture::date(2026, 3, 1), by: "Ann".into(), waiver: None };
        let pass = Edit::Passage { gate: wb.phases[0].gate.id.clone(), from: None, to: Some(passage.clone()) };
        assert_eq!(started(&with_phase_start(&wb, pass, today)), Some(passage.date));
        let mut passed = wb.clone();
        passed.phases[0].gate.passed = Some(passage.clone());
        assert_eq!(started(&with_phase_start(&passed, status, today)), Some(passage.date));
    }

    #[test]
    fn a_task_added_under_a_heading_goes_after_its_sub_items_with_it_as_parent() {
        let mut wb = fixture::workbook();
        let items = &mut wb.phases[0].items;
        let heading = items[0].id.clone();
        let mut sub = Item::new("initiate.sub", items[0].owner, "A sub-item");
        sub.parent = Some(heading.clone());
        items.insert(1, sub);
        let owner = items[0].owner;
        let Some(Edit::Item { index, to: Some(item), .. }) = add(&wb, Some(0), owner, "Mine", Some(&heading)) else {
            panic!("an item is added")
        };
        assert_eq!(index, 2, "after the heading's sub-item");
        assert_eq!(item.parent.as_deref(), Some(heading.as_str()));
    }

    #[test]
    fn an_added_task_gets_a_free_own_id_in_its_owners_group_and_goes_again() {
        let mut wb = fixture::workbook();
        let edit = add(&wb, Some(0), Owner::Customer, "  Book the room ", None).unwrap();
        edit.apply(&mut wb).unwrap();
        let phase = &wb.phases[0];
        let added = phase.items.iter().position(|i| i.id == format!("{}.own.1", phase.id)).unwrap();
        let item = &phase.items[added];
        assert_eq!((item.text.as_str(), item.kind, item.own), ("Book the room", ItemKind::Task, true));
        assert_eq!(new_id(&wb, &wb.phases[0].id), format!("{}.own.2", wb.phases[0].id));
        // A template leaves the engagement's own tasks behind.
        assert!(crate::model::template::cleared(&wb).phases[0].items.iter().all(|i| !i.own));
        let Some(Removal::Remove(gone)) = remove(&wb, Some(0), added) else { panic!("an own item goes") };
        gone.apply(&mut wb).unwrap();
        assert!(wb.phases[0].items.iter().all(|i| !i.own));
        assert_eq!(remove(&wb, Some(0), 0), Some(Removal::NeedsReason));
        assert!(add(&wb, None, Owner::Joint, "   ", None).is_none());
    }

    #[test]
    fn moving_swaps_with_the_nearest_sibling_and_undoes() {
        let mut wb = fixture::workbook();
        for text in ["First", "Second"] {
            add(&wb, Some(0), Owner::Customer, text, None).unwrap().apply(&mut wb).unwrap();
        }
        let before = wb.clone();
        let at = |wb: &Workbook, text: &str| wb.phases[0].items.iter().position(|i| i.text == text).unwrap();
        let edit = moved(&wb, Some(0), at(&wb, "Second"), true).unwrap();
        edit.apply(&mut wb).unwrap();
        assert!(at(&wb, "Second") < at(&wb, "First"));
        edit.inverse().apply(&mut wb).unwrap();
        assert_eq!(wb, before);
        // Down is the same move the other way; neither goes past the end of its siblings.
        let down = moved(&wb, Some(0), at(&wb, "First"), false).unwrap();
        down.apply(&mut wb).unwrap();
        assert!(at(&wb, "Second") < at(&wb, "First"));
        assert!(moved(&wb, Some(0), at(&wb, "First"), false).is_none());
    }
}
