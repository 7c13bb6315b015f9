//! Scope answers: the combinations the source rules out, and an answer as the user gives
//! it — one reversible step that changes the answer and records it as a decision.

use chrono::NaiveDate;

use super::decision;
use super::edit::Edit;
use super::workbook::{Choice, DecisionKind, ScopeConflict, Workbook};

/// The conflicts whose combination the current answers make true. Undecided ones are not
/// flagged: a half-answered scope is not yet wrong.
pub fn conflicts(workbook: &Workbook) -> Vec<&ScopeConflict> {
    workbook.scope_conflicts.iter().filter(|c| c.when.evaluate(&workbook.scope) == Some(true)).collect()
}

/// Choosing `option` of question `question`: selects it (One) or toggles it (Many), and
/// records the new answer as a scope decision. `None` when nothing would change.
pub fn choose(workbook: &Workbook, question: usize, option: usize, by: &str, date: NaiveDate) -> Option<Edit> {
    let q = workbook.scope.get(question)?;
    let chosen = q.options.get(option)?;
    let mut to = match q.choice {
        Choice::One => vec![chosen.id.clone()],
        Choice::Many if q.answer.contains(&chosen.id) => {
            q.answer.iter().filter(|a| **a != chosen.id).cloned().collect()
        }
        Choice::Many => {
            // Keep the answer in the order the options are listed, so the file diffs cleanly.
            q.options.iter().filter(|o| o.id == chosen.id || q.answer.contains(&o.id)).map(|o| o.id.clone()).collect()
        }
    };
    to.dedup();
    if to == q.answer {
        return None;
    }
    let labels: Vec<&str> = q.options.iter().filter(|o| to.contains(&o.id)).map(|o| o.label.as_str()).collect();
    let title = format!("{}: {}", q.text, if labels.is_empty() { "—".to_string() } else { labels.join(", ") });
    let mut record = decision::record(workbook, title, DecisionKind::Scope, by, date);
    record.outcome = labels.join(", ");
    record.options = q.options.iter().map(|o| o.label.clone()).collect();
    record.links = vec![q.id.clone()];
    let answer = Edit::Answer { question: q.id.clone(), from: q.answer.clone(), to };
    let index = workbook.decisions.len();
    Some(Edit::Batch(vec![answer, Edit::Decision { index, from: None, to: Some(Box::new(record)) }]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rollup;
    use crate::model::fixture::date;
    use crate::model::workbook::DecisionStatus;

    fn bundled() -> Workbook {
        crate::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap()
    }

    fn pick(wb: &mut Workbook, question: &str, option: &str) {
        let q = wb.scope.iter().position(|q| q.id == question).unwrap();
        let o = wb.scope[q].options.iter().position(|o| o.id == option).unwrap();
        choose(wb, q, o, "Ann", date(2026, 11, 26)).unwrap().apply(wb).unwrap();
    }

    #[test]
    fn no_conflict_is_flagged_while_the_scope_is_unanswered() {
        assert!(conflicts(&bundled()).is_empty());
    }

    #[test]
    fn federated_identities_with_several_forests_are_flagged_with_the_reason() {
        let mut wb = bundled();
        pick(&mut wb, "identity", "federated");
        assert!(conflicts(&wb).is_empty(), "one half of the combination is not a conflict");
        pick(&mut wb, "forests", "multiple");
        let flagged: Vec<&str> = conflicts(&wb).iter().map(|c| c.id.as_str()).collect();
        assert_eq!(flagged, ["federated-multi-forest"]);
        assert!(conflicts(&wb)[0].reason.contains("AD FS"));
        pick(&mut wb, "forests", "single");
        assert!(conflicts(&wb).is_empty());
    }

    #[test]
    fn mdm_without_an_authority_is_flagged() {
        let mut wb = bundled();
        pick(&mut wb, "mdm-authority", "none");
        pick(&mut wb, "workloads", "mdm");
        assert!(conflicts(&wb).iter().any(|c| c.id == "mdm-without-authority"));
    }

    #[test]
    fn an_answer_is_recorded_as_an_accepted_scope_decision_linked_to_the_question() {
        let mut wb = bundled();
        pick(&mut wb, "identity", "cloud");
        assert_eq!(wb.question("identity").unwrap().answer, ["cloud"]);
        let d = wb.decisions.last().unwrap();
        assert_eq!((d.kind, d.status), (DecisionKind::Scope, DecisionStatus::Accepted));
        assert_eq!(d.links, ["identity"]);
        assert_eq!(d.deciders, ["Ann"]);
        assert_eq!(d.date, date(2026, 11, 26));
    }

    #[test]
    fn a_many_choice_toggles_and_one_answer_and_its_decision_undo_together() {
        let original = bundled();
        let mut wb = original.clone();
        pick(&mut wb, "workloads", "mam");
        pick(&mut wb, "workloads", "mdm");
        assert_eq!(wb.question("workloads").unwrap().answer, ["mdm", "mam"]);
        let q = wb.scope.iter().position(|q| q.id == "workloads").unwrap();
        let toggle_off = choose(&wb, q, 0, "Ann", date(2026, 11, 26)).unwrap();
        toggle_off.apply(&mut wb).unwrap();
        assert_eq!(wb.question("workloads").unwrap().answer, ["mam"]);
        toggle_off.inverse().apply(&mut wb).unwrap();
        assert_eq!(wb.question("workloads").unwrap().answer, ["mdm", "mam"]);
        assert_eq!(wb.decisions.len(), 2);
    }

    #[test]
    fn answering_takes_items_out_of_scope_and_out_of_progress() {
        let mut wb = bundled();
        let before = Rollup::of(&wb).overall.total;
        pick(&mut wb, "workloads", "mam");
        assert!(Rollup::of(&wb).overall.total < before);
    }
}
