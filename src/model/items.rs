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

/// Adds a task of `owner` with `text` to `list`, after the last item of that owner there
/// (so it shows in the owner's group), or at the end.
pub fn add(wb: &Workbook, list_at: Option<usize>, owner: Owner, text: &str) -> Option<Edit> {
    let (items, phase) = list(wb, list_at)?;
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let index = items.iter().rposition(|i| i.owner == owner).map_or(items.len(), |i| i + 1);
    let mut item = Item::new(new_id(wb, &phase), owner, text);
    item.kind = ItemKind::Task;
    item.own = true;
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

/// `edit`, and the day its phase started when it is the first status change of one of the
/// phase's items there: a phase starts when its first item moves.
pub fn with_phase_start(wb: &Workbook, edit: Edit, today: chrono::NaiveDate) -> Edit {
    let moved = |e: &Edit| match e {
        Edit::Status { item, to, .. } if *to != Status::NotStarted => Some(item.clone()),
        _ => None,
    };
    let item = match &edit {
        Edit::Batch(all) => all.iter().find_map(moved),
        other => moved(other),
    };
    let phase = item.and_then(|id| wb.phases.iter().find(|p| p.items.iter().any(|i| i.id == id)));
    match phase {
        Some(phase) if phase.started.is_none() => {
            let start = Edit::PhaseStart { phase: phase.id.clone(), from: None, to: Some(today) };
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
    fn an_added_task_gets_a_free_own_id_in_its_owners_group_and_goes_again() {
        let mut wb = fixture::workbook();
        let edit = add(&wb, Some(0), Owner::Customer, "  Book the room ").unwrap();
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
        assert!(add(&wb, None, Owner::Joint, "   ").is_none());
    }

    #[test]
    fn moving_swaps_with_the_nearest_sibling_and_undoes() {
        let mut wb = fixture::workbook();
        for text in ["First", "Second"] {
            add(&wb, Some(0), Owner::Customer, text).unwrap().apply(&mut wb).unwrap();
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
