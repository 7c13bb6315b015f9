//! The change history's line for an edit, in the interface language.

use super::Strings;
use crate::model::edit::Edit;

/// What `edit` did, in a few words: "status not started → done".
pub fn describe(s: &Strings, edit: &Edit) -> String {
    let dash = "—".to_string();
    match edit {
        Edit::Status { from, to, .. } => s.h_status.replace("{from}", s.status(*from)).replace("{to}", s.status(*to)),
        Edit::Assignee { to, .. } if to.is_empty() => s.h_unassigned.clone(),
        Edit::Assignee { to, .. } => s.h_assigned.replace("{to}", to),
        Edit::Due { to: None, .. } => s.h_due_cleared.clone(),
        Edit::Due { to: Some(date), .. } => s.h_due.replace("{to}", &date.to_string()),
        Edit::Note { from: None, .. } => s.h_note_added.clone(),
        Edit::Note { to: None, .. } => s.h_note_removed.clone(),
        Edit::Note { .. } => s.h_note_edited.clone(),
        Edit::Answer { to, .. } => s.h_answer.replace("{to}", &if to.is_empty() { dash } else { to.join(", ") }),
        Edit::Decision { from: None, to: Some(d), .. } => s.h_decision_added.replace("{id}", &d.id),
        Edit::Decision { to, from, .. } => {
            s.h_decision_edited.replace("{id}", to.as_ref().or(from.as_ref()).map_or("", |d| d.id.as_str()))
        }
        Edit::Criterion { criterion, to: true, .. } => s.h_criterion_met.replace("{id}", criterion),
        Edit::Criterion { criterion, .. } => s.h_criterion_unmet.replace("{id}", criterion),
        Edit::SignOffs { from, to, .. } => {
            // Name the party whose sign-off changed.
            let changed = to.iter().find(|s| !from.contains(s)).or_else(|| from.iter().find(|s| !to.contains(s)));
            changed.map_or_else(String::new, |signoff| {
                let name = if to.contains(signoff) { signoff.name.clone() } else { dash.clone() };
                s.h_signoff.replace("{party}", s.owner(signoff.party)).replace("{name}", &name)
            })
        }
        Edit::Passage { to: Some(passage), .. } => match &passage.waiver {
            Some(id) => s.h_waived.replace("{id}", id),
            None => s.h_passed.clone(),
        },
        Edit::Passage { to: None, .. } => s.h_reopened.clone(),
        Edit::Assessment { to, .. } => s.h_assessed.replace("{result}", s.assessment(to.0)),
        Edit::Item { to: Some(_), .. } => s.h_item_added.clone(),
        Edit::Item { to: None, .. } => s.h_item_removed.clone(),
        Edit::Engagement { .. } => s.h_engagement.clone(),
        Edit::Meeting { to: Some(m), .. } => s.h_meeting.replace("{title}", &m.title),
        Edit::Meeting { to: None, .. } => s.h_meeting_removed.clone(),
        Edit::Batch(edits) => edits.iter().map(|e| describe(s, e)).collect::<Vec<_>>().join("; "),
    }
}
