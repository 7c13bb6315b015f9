//! The change history's line for an edit, in the interface language.

use super::Strings;
use crate::model::edit::Edit;
use crate::model::{Change, Parties, Said, Workbook};

/// What the history's lines call things by: the parties as the workbook names them, and
/// each gate criterion by its text rather than its id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    pub parties: Parties,
    criteria: Vec<(String, String)>,
    /// What a change's target is called, for all but items: phases, gates, questions,
    /// decisions, meetings, expectations.
    titles: Vec<(String, String)>,
    /// A question's options by id: `(question, option, label)`.
    options: Vec<(String, String, String)>,
}

impl Names {
    pub fn of(workbook: &Workbook) -> Names {
        let criteria =
            workbook.phases.iter().flat_map(|p| &p.gate.criteria).map(|c| (c.id.clone(), c.text.clone())).collect();
        let mut titles: Vec<(String, String)> = Vec::new();
        for p in &workbook.phases {
            titles.push((p.id.clone(), p.title.clone()));
            titles.push((p.gate.id.clone(), p.gate.title.clone()));
        }
        titles.extend(workbook.scope.iter().map(|q| (q.id.clone(), q.text.clone())));
        titles.extend(workbook.decisions.iter().map(|d| (d.id.clone(), format!("{} {}", d.id, d.title))));
        titles.extend(workbook.meetings.iter().map(|m| (m.id.clone(), m.title.clone())));
        titles.extend(workbook.expectations.iter().map(|e| (e.id.clone(), e.text.clone())));
        titles.extend(workbook.phases.iter().flat_map(|p| &p.gate.criteria).map(|c| (c.id.clone(), c.text.clone())));
        let options = workbook
            .scope
            .iter()
            .flat_map(|q| q.options.iter().map(move |o| (q.id.clone(), o.id.clone(), o.label.clone())))
            .collect();
        Names { parties: workbook.meta.parties.clone(), criteria, titles, options }
    }

    /// What the thing with `id` is called, where it is no item (those the caller has).
    pub fn title(&self, id: &str) -> Option<&str> {
        self.titles.iter().find(|(t, _)| t == id).map(|(_, title)| title.as_str())
    }

    /// A criterion's text, or its id where the workbook has no such criterion (any more).
    fn criterion<'a>(&'a self, id: &'a str) -> &'a str {
        self.criteria.iter().find(|(c, _)| c == id).map_or(id, |(_, text)| text.as_str())
    }
}

/// What `edit` did, in a few words: "status not started → done"; a party is called what
/// the workbook calls it.
pub fn describe(s: &Strings, names: &Names, edit: &Edit) -> String {
    words(s, names, &edit.said())
}

/// What a change of the history did, in `s`'s language where the change says it as data,
/// else in the words it was written with.
pub fn change(s: &Strings, names: &Names, change: &Change) -> String {
    match &change.said {
        // A scope answer names its options by their labels.
        Some(Said::Answer { to }) => {
            let label = |o: &String| {
                names
                    .options
                    .iter()
                    .find(|(q, id, _)| *q == change.target && id == o)
                    .map_or(o.clone(), |x| x.2.clone())
            };
            words(s, names, &Said::Answer { to: to.iter().map(label).collect() })
        }
        Some(said) => words(s, names, said),
        None => change.what.clone(),
    }
}

/// What a change changed, as a reader knows it: the item's text (`item`, where the caller
/// found one), else the thing's title, else its id.
pub fn target(names: &Names, item: Option<&str>, change: &Change) -> String {
    match &change.said {
        Some(Said::ItemRemovedText { text }) => return text.clone(),
        // The words name it already.
        Some(Said::ItemReworded { .. } | Said::Meeting { .. } | Said::MinutesCorrected { .. }) => return String::new(),
        _ => {}
    }
    item.or_else(|| names.title(&change.target)).unwrap_or(&change.target).to_string()
}

/// A change kept as data, in words.
pub fn words(s: &Strings, names: &Names, said: &Said) -> String {
    let dash = "—".to_string();
    let parties = &names.parties;
    match said {
        Said::Status { from, to } => s.h_status.replace("{from}", s.status(*from)).replace("{to}", s.status(*to)),
        Said::Assigned { to } if to.is_empty() => s.h_unassigned.clone(),
        Said::Assigned { to } => s.h_assigned.replace("{to}", to),
        Said::Due { to: None } => s.h_due_cleared.clone(),
        Said::Due { to: Some(date) } => s.h_due.replace("{to}", &date.to_string()),
        Said::NoteAdded => s.h_note_added.clone(),
        Said::NoteRemoved => s.h_note_removed.clone(),
        Said::NoteEdited => s.h_note_edited.clone(),
        Said::Answer { to } => s.h_answer.replace("{to}", &if to.is_empty() { dash } else { to.join(", ") }),
        Said::DecisionAdded { id } => s.h_decision_added.replace("{id}", id),
        Said::DecisionEdited { id } => s.h_decision_edited.replace("{id}", id),
        Said::DecisionStatus { id, to } => {
            s.h_decision_status.replace("{id}", id).replace("{status}", s.decision_status(*to))
        }
        Said::CriterionMet { id } => s.h_criterion_met.replace("{id}", names.criterion(id)),
        Said::CriterionUnmet { id } => s.h_criterion_unmet.replace("{id}", names.criterion(id)),
        Said::DecisionSuperseded { id, replaces } => {
            s.h_decision_superseded.replace("{id}", id).replace("{replaces}", replaces)
        }
        Said::SignOff { party, name, on } => {
            let who = match on {
                Some(day) if !name.is_empty() => format!("{name}, {day}"),
                _ if name.is_empty() => dash,
                _ => name.clone(),
            };
            s.h_signoff.replace("{party}", s.party(parties, *party)).replace("{name}", &who)
        }
        Said::Passed => s.h_passed.clone(),
        Said::PassedOn { on } => s.h_passed_on.replace("{date}", &on.to_string()),
        Said::Waived { decision, on: None } => s.h_waived.replace("{id}", decision),
        Said::Waived { decision, on: Some(day) } => {
            s.h_waived_on.replace("{id}", decision).replace("{date}", &day.to_string())
        }
        Said::Reopened => s.h_reopened.clone(),
        Said::Assessed { result } => s.h_assessed.replace("{result}", s.assessment(*result)),
        Said::ItemAdded => s.h_item_added.clone(),
        Said::ItemRemoved | Said::ItemRemovedText { .. } => s.h_item_removed.clone(),
        Said::ItemReworded { to } => s.h_item_reworded.replace("{to}", to),
        Said::ItemMoved => s.h_item_moved.clone(),
        Said::Upgraded { template, new, reworded, conflicts } => crate::i18n::messages::fill(
            &s.h_upgraded,
            &[
                ("template", template),
                ("new", &new.to_string()),
                ("reworded", &reworded.to_string()),
                ("conflicts", &conflicts.to_string()),
            ],
        ),
        Said::Engagement => s.h_engagement.clone(),
        Said::Meeting { title } => s.h_meeting.replace("{title}", title),
        Said::MeetingRemoved => s.h_meeting_removed.clone(),
        Said::ConflictSettled { field, .. } => s.h_conflict_settled.replace("{field}", field),
        Said::MinutesCorrected { title } => s.h_minutes_corrected.replace("{title}", title),
        Said::PhaseStarted { on: Some(day) } => s.h_phase_started.replace("{date}", &day.to_string()),
        Said::PhaseStarted { on: None } => s.h_phase_start_cleared.clone(),
        Said::Several(all) => all.iter().map(|one| words(s, names, one)).collect::<Vec<_>>().join("; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::Owner;

    #[test]
    fn a_sign_off_names_the_party_as_the_workbook_does_and_the_history_reads_in_each_language() {
        let said = Said::SignOff { party: Owner::Microsoft, name: "Anna Berg".into(), on: None };
        let named = Names {
            parties: Parties { provider: "Northwind Consulting".into(), ..Parties::default() },
            ..Names::default()
        };
        assert_eq!(words(Lang::En.strings(), &named, &said), "sign-off for Northwind Consulting: Anna Berg");
        assert_eq!(words(Lang::En.strings(), &Names::default(), &said), "sign-off for Microsoft: Anna Berg");
        // Kept as data, a change reads in the reader's language; an old one as it was written.
        let at = chrono::DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap_or_default();
        let change = |said| Change { at, by: "ann".into(), target: "x".into(), what: "status done".into(), said };
        let status = Said::Status { from: crate::model::Status::NotStarted, to: crate::model::Status::Done };
        let sv = change(Some(status));
        assert_eq!(super::change(Lang::Sv.strings(), &Names::default(), &sv), "status ej påbörjad → klar");
        let old = change(None);
        assert_eq!(super::change(Lang::Sv.strings(), &Names::default(), &old), "status done");
    }

    #[test]
    fn a_criterion_is_called_by_its_text_and_a_supersession_says_what_it_replaces() {
        let wb = crate::model::fixture::workbook();
        let names = Names::of(&wb);
        let id = wb.phases[0].gate.criteria[0].id.clone();
        let met = words(Lang::En.strings(), &names, &Said::CriterionMet { id });
        assert_eq!(met, format!("criterion met: {}", wb.phases[0].gate.criteria[0].text));
        let gone = words(Lang::En.strings(), &names, &Said::CriterionMet { id: "gone".into() });
        assert_eq!(gone, "criterion met: gone");
        let superseded = Said::DecisionSuperseded { id: "D-2".into(), replaces: "D-1".into() };
        assert_eq!(words(Lang::Sv.strings(), &names, &superseded), "beslut D-2 ersätter D-1");
    }
}
