//! A workbook made a template: the process kept (phases, items, questions, expectations,
//! gates, deadlines, limits), everything one engagement did with it cleared.

use super::workbook::{Assessment, Engagement, Item, Said, Status, Workbook};

/// `workbook` with the engagement's state cleared: its fields, statuses, assignees, due
/// dates, notes, scope answers, findings, met criteria, sign-offs, passes, phase starts,
/// decisions, meetings, history and merge conflicts; items a failed finding raised are removed with it.
pub fn cleared(workbook: &Workbook) -> Workbook {
    let mut wb = workbook.clone();
    wb.engagement = Engagement::default();
    for question in &mut wb.scope {
        question.answer.clear();
    }
    for expectation in &mut wb.expectations {
        expectation.result = Assessment::default();
        expectation.found.clear();
    }
    clear_items(&mut wb.general);
    for phase in &mut wb.phases {
        clear_items(&mut phase.items);
        phase.started = None;
        phase.gate.signoffs.clear();
        phase.gate.passed = None;
        for criterion in &mut phase.gate.criteria {
            criterion.met = false;
        }
    }
    wb.decisions.clear();
    wb.meetings.clear();
    wb.history.clear();
    wb.conflicts.clear();
    wb
}

fn clear_items(items: &mut Vec<Item>) {
    // Raised by a finding, not part of the process.
    items.retain(|item| item.remediates.is_none() && !item.own);
    for item in items {
        item.status = Status::default();
        item.assignee.clear();
        item.due = None;
        item.notes.clear();
    }
}
/// What an engagement and a newer version of its process both grew from, for `upgrade`:
/// the engagement's own process cleared of its state; but where the engagement reworded an
/// item itself, that item with the newer version's wording, so the lead's own words stay.
pub fn upgrade_base(engagement: &Workbook, newer: &Workbook) -> Workbook {
    fn rewords(said: &Said) -> bool {
        match said {
            Said::ItemReworded { .. } => true,
            Said::Several(all) => all.iter().any(rewords),
            _ => false,
        }
    }
    let reworded_here =
        |id: &str| engagement.history.iter().any(|c| c.target == id && c.said.as_ref().is_some_and(rewords));
    let mut base = cleared(engagement);
    let own_wording: Vec<String> = base.all_items().map(|(_, i)| i.id.clone()).filter(|id| reworded_here(id)).collect();
    for id in &own_wording {
        if let (Some(new), Some(item)) = (newer.item(id), base.item_mut(id)) {
            item.text.clone_from(&new.text);
            item.detail.clone_from(&new.detail);
        }
    }
    base
}
