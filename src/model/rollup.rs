//! The derived figures: which items are in scope, which count towards progress, and
//! the progress of each phase and of the whole engagement. Computed in one pass over the
//! workbook; callers recompute it after any change to the workbook, and only then.

use std::collections::HashMap;

use super::gate::{self, GateState};
use super::workbook::{Item, Status, Workbook};

/// Done out of total, over the items that count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// Whole percent, rounded down so 99.9 % never shows as 100 %. Nothing to do is 100 %.
    pub fn percent(self) -> u8 {
        // done ≤ total, so the quotient is at most 100.
        (self.done * 100).checked_div(self.total).map_or(100, |p| u8::try_from(p).unwrap_or(100))
    }

    pub fn is_complete(self) -> bool {
        self.done == self.total
    }

    fn add(&mut self, other: Progress) {
        self.done += other.done;
        self.total += other.total;
    }
}

/// What the rules say about one item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemFacts {
    /// The scope answers leave it (and its heading) applicable.
    pub in_scope: bool,
    /// A heading whose sub-items are in scope: they count, it does not.
    pub is_group: bool,
    /// Closed: done, or marked not applicable, or a heading whose sub-items are all closed.
    pub closed: bool,
}

impl ItemFacts {
    /// Whether the item is a line of work of its own in this engagement.
    pub fn counts(self, status: Status) -> bool {
        self.in_scope && !self.is_group && status != Status::NotApplicable
    }
}

/// Facts for every item, and progress per list, for one state of a workbook.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rollup {
    pub general: Vec<ItemFacts>,
    pub phases: Vec<Vec<ItemFacts>>,
    pub general_progress: Progress,
    pub phase_progress: Vec<Progress>,
    /// Over the phases only: General responsibilities run for the whole engagement.
    pub overall: Progress,
    /// The state of each phase's gate.
    pub gates: Vec<GateState>,
}

impl Rollup {
    pub fn of(workbook: &Workbook) -> Rollup {
        let (general, general_progress) = list_facts(workbook, &workbook.general);
        let mut phases = Vec::with_capacity(workbook.phases.len());
        let mut phase_progress = Vec::with_capacity(workbook.phases.len());
        let mut overall = Progress::default();
        for phase in &workbook.phases {
            let (facts, progress) = list_facts(workbook, &phase.items);
            overall.add(progress);
            phases.push(facts);
            phase_progress.push(progress);
        }
        let mut rollup = Rollup { general, phases, general_progress, phase_progress, overall, gates: Vec::new() };
        rollup.refresh_gates(workbook);
        rollup
    }

    /// Recomputes after a change confined to one list (an item's status, say): that list's
    /// facts, the sums, and the gates. A change to scope answers needs `Rollup::of`.
    pub fn refresh_list(&mut self, workbook: &Workbook, list: Option<usize>) {
        match list {
            None => {
                let (facts, progress) = list_facts(workbook, &workbook.general);
                self.general = facts;
                self.general_progress = progress;
            }
            Some(p) => {
                let (Some(phase), Some(facts), Some(progress)) =
                    (workbook.phases.get(p), self.phases.get_mut(p), self.phase_progress.get_mut(p))
                else {
                    *self = Rollup::of(workbook);
                    return;
                };
                (*facts, *progress) = list_facts(workbook, &phase.items);
                self.overall = Progress::default();
                for progress in &self.phase_progress {
                    self.overall.add(*progress);
                }
            }
        }
        self.refresh_gates(workbook);
    }

    /// Gate states depend on the facts, so they are computed after them.
    pub fn refresh_gates(&mut self, workbook: &Workbook) {
        self.gates = (0..workbook.phases.len()).map(|i| gate::state(workbook, self, i)).collect();
    }

    pub fn gate(&self, phase: usize) -> GateState {
        self.gates.get(phase).copied().unwrap_or(GateState::NotReached)
    }

    /// Facts for item `index` of a list: `None` is General, `Some(p)` is phase `p`.
    pub fn facts(&self, list: Option<usize>, index: usize) -> ItemFacts {
        let facts = match list {
            None => self.general.get(index),
            Some(p) => self.phases.get(p).and_then(|f| f.get(index)),
        };
        facts.copied().unwrap_or_default()
    }
}

/// Where an item sits: `None` for General, `Some(p)` for phase `p`, and its index there.
pub type ItemPlace = (Option<usize>, usize);

/// Every item that counts in this engagement (in scope, not a heading, not marked not
/// applicable) and satisfies `keep`, General first, then phase by phase.
pub fn counting_items<'a>(
    workbook: &'a Workbook,
    rollup: &'a Rollup,
    keep: impl Fn(&Item) -> bool + 'a,
) -> impl Iterator<Item = (ItemPlace, &'a Item)> + 'a {
    let lists = std::iter::once((None, &workbook.general))
        .chain(workbook.phases.iter().enumerate().map(|(p, phase)| (Some(p), &phase.items)));
    lists
        .flat_map(move |(list, items)| items.iter().enumerate().map(move |(index, item)| ((list, index), item)))
        .filter(move |((list, index), item)| rollup.facts(*list, *index).counts(item.status) && keep(item))
}

fn list_facts(workbook: &Workbook, items: &[Item]) -> (Vec<ItemFacts>, Progress) {
    let scope = &workbook.scope;
    // Scope of each item on its own; a sub-item is then also bound by its heading's.
    let own: Vec<bool> = items.iter().map(|item| item.when.evaluate(scope) != Some(false)).collect();
    let index_of: HashMap<&str, usize> = items.iter().enumerate().map(|(i, item)| (item.id.as_str(), i)).collect();
    let parent_index: Vec<Option<usize>> =
        items.iter().map(|item| item.parent.as_deref().and_then(|p| index_of.get(p).copied())).collect();
    let in_scope: Vec<bool> = (0..items.len())
        .map(|i| {
            // Walk up the headings; a bounded walk so a cycle in a hand-written file cannot hang.
            let mut ok = own[i];
            let mut at = parent_index[i];
            let mut steps = 0;
            while let Some(p) = at {
                if !ok || steps > items.len() {
                    break;
                }
                ok = own[p];
                at = parent_index[p];
                steps += 1;
            }
            ok
        })
        .collect();

    let mut has_children = vec![false; items.len()];
    let mut open_children = vec![false; items.len()];
    for (i, item) in items.iter().enumerate() {
        if let Some(p) = parent_index[i]
            && in_scope[i]
        {
            has_children[p] = true;
            if !item.status.is_closed() {
                open_children[p] = true;
            }
        }
    }

    let mut progress = Progress::default();
    let facts = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let is_group = has_children[i];
            let closed = if is_group { !open_children[i] } else { item.status.is_closed() };
            let facts = ItemFacts { in_scope: in_scope[i], is_group, closed };
            if facts.counts(item.status) {
                progress.total += 1;
                if item.status == Status::Done {
                    progress.done += 1;
                }
            }
            facts
        })
        .collect();
    (facts, progress)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture;
    use crate::model::workbook::Status;

    #[test]
    fn progress_counts_done_items_of_each_phase() {
        let mut wb = fixture::workbook();
        wb.phases[0].items[0].status = Status::Done;
        let rollup = Rollup::of(&wb);
        assert_eq!(rollup.phase_progress[0], Progress { done: 1, total: 2 });
        assert_eq!(rollup.phase_progress[0].percent(), 50);
    }

    #[test]
    fn overall_progress_sums_the_phases_but_not_general() {
        let mut wb = fixture::workbook();
        wb.general[0].status = Status::Done;
        wb.phases[1].items[0].status = Status::Done;
        let rollup = Rollup::of(&wb);
        let phase_total: usize = rollup.phase_progress.iter().map(|p| p.total).sum();
        assert_eq!(rollup.overall.total, phase_total);
        assert_eq!(rollup.overall.done, 1);
        assert_eq!(rollup.general_progress.done, 1);
    }

    #[test]
    fn unanswered_questions_keep_conditional_items_in_scope() {
        let wb = fixture::workbook();
        let rollup = Rollup::of(&wb);
        assert!(rollup.phases[1].iter().all(|f| f.in_scope));
    }

    #[test]
    fn items_out_of_scope_count_for_nothing() {
        let mut wb = fixture::workbook();
        let before = Rollup::of(&wb).phase_progress[1].total;
        fixture::answer(&mut wb, "workloads", &["mam"]);
        let rollup = Rollup::of(&wb);
        // The MDM item and its heading's sub-item drop out; the MAM item stays.
        assert!(!rollup.facts(Some(1), 1).in_scope);
        assert!(rollup.facts(Some(1), 4).in_scope);
        assert!(rollup.phase_progress[1].total < before);
    }

    #[test]
    fn a_sub_item_falls_out_of_scope_with_its_heading() {
        let mut wb = fixture::workbook();
        fixture::answer(&mut wb, "workloads", &["mam"]);
        let rollup = Rollup::of(&wb);
        let sub = wb.phases[1].items.iter().position(|i| i.id == "enable.mdm.devices").unwrap();
        assert!(!rollup.facts(Some(1), sub).in_scope);
    }

    #[test]
    fn a_heading_counts_through_its_sub_items_only() {
        let mut wb = fixture::workbook();
        let rollup = Rollup::of(&wb);
        let heading = rollup.facts(Some(1), 1);
        assert!(heading.is_group);
        assert!(!heading.closed);
        for item in &mut wb.phases[1].items {
            if item.parent.as_deref() == Some("enable.mdm") {
                item.status = Status::Done;
            }
        }
        assert!(Rollup::of(&wb).facts(Some(1), 1).closed);
    }

    #[test]
    fn an_item_marked_not_applicable_leaves_the_total() {
        let mut wb = fixture::workbook();
        wb.phases[0].items[1].status = Status::NotApplicable;
        let rollup = Rollup::of(&wb);
        assert_eq!(rollup.phase_progress[0].total, 1);
        assert!(rollup.facts(Some(0), 1).closed);
    }

    #[test]
    fn a_list_with_nothing_to_do_is_complete() {
        assert_eq!(Progress::default().percent(), 100);
        assert_eq!(Progress { done: 2, total: 3 }.percent(), 66);
    }

    #[test]
    fn refreshing_one_list_gives_the_same_figures_as_a_full_rollup() {
        let mut wb = fixture::workbook();
        let mut rollup = Rollup::of(&wb);
        wb.phases[1].items[0].status = Status::Done;
        wb.phases[0].items[0].status = Status::Done;
        rollup.refresh_list(&wb, Some(1));
        rollup.refresh_list(&wb, Some(0));
        assert_eq!(rollup, Rollup::of(&wb));
        wb.general[0].status = Status::Done;
        rollup.refresh_list(&wb, None);
        assert_eq!(rollup, Rollup::of(&wb));
    }

    #[test]
    fn a_parent_cycle_does_not_hang() {
        let mut wb = fixture::workbook();
        wb.phases[0].items[0].parent = Some(wb.phases[0].items[1].id.clone());
        wb.phases[0].items[1].parent = Some(wb.phases[0].items[0].id.clone());
        let _ = Rollup::of(&wb);
    }
}
