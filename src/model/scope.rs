//! Scope answers: the combinations the source rules out, and an answer as the user gives
//! it — one reversible step that changes the answer and records it as a decision.

use chrono::NaiveDate;

use super::condition::Condition;
use super::decision;
use super::edit::Edit;
use super::workbook::{Choice, Decision, DecisionKind, DecisionStatus, Item, ScopeConflict, ScopeQuestion, Workbook};

/// The conflicts whose combination the current answers make true. Undecided ones are not
/// flagged: a half-answered scope is not yet wrong.
pub fn conflicts(workbook: &Workbook) -> Vec<&ScopeConflict> {
    conflicts_of(workbook, &workbook.scope)
}

/// The conflicts the answers in `scope` make true.
fn conflicts_of<'a>(workbook: &'a Workbook, scope: &[ScopeQuestion]) -> Vec<&'a ScopeConflict> {
    workbook.scope_conflicts.iter().filter(|c| c.when.evaluate(scope) == Some(true)).collect()
}

/// Why an item is out of scope: the part of a condition the answers make false, its own or
/// that of a heading above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutOfScope<'a> {
    Own(&'a Condition),
    Heading { heading: &'a Item, condition: &'a Condition },
}

/// Why item `index` of `items` (one list of the workbook) is out of scope, when it is: its own
/// condition first, then its headings', nearest first.
pub fn why_out<'a>(workbook: &Workbook, items: &'a [Item], index: usize) -> Option<OutOfScope<'a>> {
    let item = items.get(index)?;
    if let Some(part) = item.when.false_part(&workbook.scope) {
        return Some(OutOfScope::Own(part));
    }
    let mut parent = item.parent.as_deref();
    // Bounded, in case of a cycle in a hand-made file.
    for _ in 0..items.len() {
        let heading = items.iter().find(|i| Some(i.id.as_str()) == parent)?;
        if let Some(part) = heading.when.false_part(&workbook.scope) {
            return Some(OutOfScope::Heading { heading, condition: part });
        }
        parent = heading.parent.as_deref();
    }
    None
}

/// Whether decision `d` records an answer to question `question` that still stands.
fn stands_for(d: &Decision, question: &str) -> bool {
    d.kind == DecisionKind::Scope
        && d.links.iter().any(|l| l == question)
        && matches!(d.status, DecisionStatus::Accepted | DecisionStatus::Proposed)
}

/// Choosing `option` of question `question`: selects it (One) or toggles it (Many), and
/// records the new answer as a scope decision that supersedes the one for the answer before.
/// An answer that makes a combination the process rules out is recorded as proposed, with
/// the reason, until a later answer resolves it; then the proposed ones are accepted.
/// `None` when nothing would change.
pub fn choose(workbook: &Workbook, question: usize, option: usize, by: &str, date: NaiveDate) -> Option<Edit> {
    let q = workbook.scope.get(question)?;
    let chosen = q.options.get(option)?;
    let mut to = match q.choice {
        Choice::One => vec![chosen.id.clone()],
        Choice::Many if q.answer.contains(&chosen.id) => {
            q.answer.iter().filter(|a| **a != chosen.id).cloned().collect()
        }
        // "None of these" stands alone.
        Choice::Many if chosen.exclusive => vec![chosen.id.clone()],
        Choice::Many => {
            // Keep the answer in the order the options are listed, so the file diffs cleanly;
            // an exclusive option chosen before goes.
            q.options
                .iter()
                .filter(|o| o.id == chosen.id || (q.answer.contains(&o.id) && !o.exclusive))
                .map(|o| o.id.clone())
                .collect()
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

    let mut after = workbook.scope.clone();
    if let Some(answered) = after.get_mut(question) {
        answered.answer.clone_from(&to);
    }
    let ruled_out = conflicts_of(workbook, &after);
    if !ruled_out.is_empty() {
        record.status = DecisionStatus::Proposed;
        record.context = ruled_out.iter().map(|c| c.reason.as_str()).collect::<Vec<_>>().join(" ");
    }

    let mut edits = vec![Edit::Answer { question: q.id.clone(), from: q.answer.clone(), to }];
    for (i, d) in workbook.decisions.iter().enumerate() {
        let mut changed = d.clone();
        if stands_for(d, &q.id) {
            changed.status = DecisionStatus::Superseded;
            changed.superseded_by = Some(record.id.clone());
        } else if ruled_out.is_empty() && d.kind == DecisionKind::Scope && d.status == DecisionStatus::Proposed {
            // This answer resolves what the earlier one was proposed under.
            changed.status = DecisionStatus::Accepted;
        } else {
            continue;
        }
        edits.push(Edit::Decision { index: i, from: Some(Box::new(d.clone())), to: Some(Box::new(changed)) });
    }
    let index = workbook.decisions.len();
    edits.push(Edit::Decision { index, from: None, to: Some(Box::new(record)) });
    Some(Edit::Batch(edits))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rollup;
    use crate::model::fixture::date;
    use crate::model::workbook::{DecisionStatus, ScopeOption};

    fn bundled() -> Workbook {
        crate::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap()
    }

    fn pick(wb: &mut Workbook, question: &str, option: &str) {
        let q = wb.scope.iter().position(|q| q.id == question).unwrap();
        let o = wb.scope[q].options.iter().position(|o| o.id == option).unwrap();
        choose(wb, q, o, "Ann", date(2026, 11, 26)).unwrap().apply(wb).unwrap();
    }

    #[test]
    fn an_exclusive_option_stands_alone_in_a_many_choice_answer() {
        let mut wb = crate::model::fixture::workbook();
        wb.scope[0].options.push(ScopeOption {
            id: "none".into(),
            label: "None of these".into(),
            help: String::new(),
            exclusive: true,
        });
        pick(&mut wb, "workloads", "mdm");
        pick(&mut wb, "workloads", "mam");
        assert_eq!(wb.scope[0].answer, ["mdm", "mam"]);
        pick(&mut wb, "workloads", "none");
        assert_eq!(wb.scope[0].answer, ["none"], "none of these clears the others");
        pick(&mut wb, "workloads", "mam");
        assert_eq!(wb.scope[0].answer, ["mam"], "another clears none of these");
        assert!(crate::model::check::check(&wb).is_empty());

        // Exclusive means nothing on a one-choice question, and none beside others is a slip.
        wb.scope[0].answer = vec!["none".into(), "mdm".into()];
        let issues: Vec<String> = crate::model::check::check(&wb).iter().map(ToString::to_string).collect();
        assert_eq!(
            issues,
            [
                "question \"workloads\" is answered with \"none\", which excludes the others, and with others too; keep one or the other"
            ]
        );
        wb.scope[0].answer.clear();
        wb.scope[0].choice = Choice::One;
        let issues: Vec<String> = crate::model::check::check(&wb).iter().map(ToString::to_string).collect();
        assert_eq!(
            issues,
            [
                "option \"none\" of question \"workloads\" is `exclusive`, but the question takes one answer (`choice: One`) anyway; `exclusive` is for `choice: Many`"
            ]
        );
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

    fn standing(wb: &Workbook) -> Vec<(&str, DecisionStatus)> {
        wb.decisions
            .iter()
            .filter(|d| d.status != DecisionStatus::Superseded)
            .map(|d| (d.links[0].as_str(), d.status))
            .collect()
    }

    #[test]
    fn a_new_answer_supersedes_the_decision_of_the_one_before() {
        let mut wb = bundled();
        pick(&mut wb, "identity", "federated");
        pick(&mut wb, "identity", "synchronized");
        assert_eq!(wb.decisions.len(), 2);
        assert_eq!(wb.decisions[0].status, DecisionStatus::Superseded);
        assert_eq!(wb.decisions[0].superseded_by.as_deref(), Some(wb.decisions[1].id.as_str()));
        for _ in 0..9 {
            pick(&mut wb, "identity", "cloud");
            pick(&mut wb, "identity", "federated");
        }
        assert_eq!(standing(&wb), [("identity", DecisionStatus::Accepted)], "one answer, one standing decision");
    }

    #[test]
    fn a_scope_decision_superseded_by_hand_is_still_superseded_by_the_next_answer() {
        let mut wb = bundled();
        pick(&mut wb, "identity", "cloud");
        let draft = crate::model::decision::Draft::superseding(&wb, 0, "Bo", date(2026, 11, 27)).unwrap();
        draft.edit(&wb).unwrap().apply(&mut wb).unwrap();
        assert_eq!(wb.decisions[1].kind, DecisionKind::Scope);
        assert_eq!(wb.decisions[1].outcome, wb.decisions[0].outcome, "the successor starts from what it replaces");
        pick(&mut wb, "identity", "synchronized");
        assert_eq!(standing(&wb), [("identity", DecisionStatus::Accepted)], "one standing answer: {:?}", wb.decisions);
    }

    #[test]
    fn a_ruled_out_combination_is_proposed_with_the_reason_until_an_answer_resolves_it() {
        let mut wb = bundled();
        pick(&mut wb, "forests", "multiple");
        pick(&mut wb, "identity", "federated");
        let proposed = wb.decisions.last().unwrap();
        assert_eq!(proposed.status, DecisionStatus::Proposed);
        assert!(proposed.context.contains("AD FS"), "{}", proposed.context);
        assert!(
            crate::model::check::check(&wb).iter().any(|i| matches!(i, crate::model::check::Issue::RuledOut { .. }))
        );
        pick(&mut wb, "forests", "single");
        assert_eq!(standing(&wb), [("identity", DecisionStatus::Accepted), ("forests", DecisionStatus::Accepted)]);
        assert!(crate::model::check::check(&wb).is_empty());
    }

    #[test]
    fn a_sub_item_out_of_scope_names_its_headings_condition_when_that_is_the_cause() {
        let mut wb = bundled();
        pick(&mut wb, "identity", "synchronized");
        pick(&mut wb, "forests", "multiple");
        let p = wb.phase_index("enable-core").unwrap();
        let items = &wb.phases[p].items;
        let sync = items.iter().position(|i| i.id == "enable-core.ms.single-forest.password-sync").unwrap();
        match why_out(&wb, items, sync) {
            Some(OutOfScope::Heading { heading, condition }) => {
                assert_eq!(heading.id, "enable-core.ms.single-forest");
                assert_eq!(condition, &Condition::Is("forests".into(), "single".into()));
            }
            other => panic!("{other:?}"),
        }
        pick(&mut wb, "identity", "cloud");
        let items = &wb.phases[p].items;
        assert_eq!(
            why_out(&wb, items, sync),
            Some(OutOfScope::Own(&Condition::Not(Box::new(Condition::Is("identity".into(), "cloud".into())))))
        );
    }
}
