//! The Assess phase: judging what was found against an expectation's threshold, and the
//! link from an unmet expectation to the remediation item that fixes it. Marking one
//! "does not meet" raises the item; marking it "meets" later closes it.

use super::edit::Edit;
use super::workbook::{Assessment, Item, ItemKind, Owner, Status, Threshold, Workbook};

/// The judgment of a found level against a threshold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgment {
    pub result: Assessment,
    /// The known level the found text was read as, when it was recognised.
    pub level: Option<String>,
}

/// Reads `found` as one of the threshold's levels (case-insensitive; the longest level the
/// text names wins, so "Windows Server 2008 R2" is not read as "Windows Server 2008") and
/// compares it with the minimum. Text naming no known level is Unknown.
pub fn judge(threshold: &Threshold, found: &str) -> Judgment {
    let found = found.trim().to_lowercase();
    let position = |text: &str| threshold.levels.iter().position(|l| l.to_lowercase() == text.to_lowercase());
    let level = threshold
        .levels
        .iter()
        .enumerate()
        .filter(|(_, level)| !found.is_empty() && found.contains(&level.to_lowercase()))
        .max_by_key(|(_, level)| level.len())
        .map(|(i, _)| i);
    if !threshold.one_of.is_empty() {
        let Some(at) = level else { return Judgment { result: Assessment::Unknown, level: None } };
        let name = threshold.levels.get(at).cloned();
        let meets = name.as_ref().is_some_and(|n| threshold.one_of.iter().any(|o| o.eq_ignore_ascii_case(n)));
        return Judgment { result: if meets { Assessment::Meets } else { Assessment::DoesNotMeet }, level: name };
    }
    match (level, position(&threshold.minimum)) {
        (Some(at), Some(minimum)) => Judgment {
            result: if at >= minimum { Assessment::Meets } else { Assessment::DoesNotMeet },
            level: threshold.levels.get(at).cloned(),
        },
        _ => Judgment { result: Assessment::Unknown, level: None },
    }
}

/// The id of the remediation item an expectation raises in the phase `phase`.
pub fn remediation_id(phase: &str, expectation: &str) -> String {
    format!("{phase}.fix.{expectation}")
}

/// The remediation item linked to an expectation, with its phase id and index.
pub fn remediation_of<'a>(workbook: &'a Workbook, expectation: &str) -> Option<(&'a str, usize, &'a Item)> {
    workbook.phases.iter().find_map(|phase| {
        phase
            .items
            .iter()
            .position(|item| item.remediates.as_deref() == Some(expectation))
            .map(|i| (phase.id.as_str(), i, &phase.items[i]))
    })
}

/// Sets an expectation's result and what was found, with what follows for its remediation
/// item, as one reversible step: "does not meet" raises the item (or reopens it), "meets"
/// marks it done. `None` when the expectation does not exist or nothing would change.
pub fn mark(workbook: &Workbook, expectation: &str, result: Assessment, found: &str, text: String) -> Option<Edit> {
    let current = workbook.expectations.iter().find(|e| e.id == expectation)?;
    let mut edits = vec![Edit::Assessment {
        expectation: expectation.to_string(),
        from: (current.result, current.found.clone()),
        to: (result, found.to_string()),
    }];
    let linked = remediation_of(workbook, expectation);
    match (result, linked) {
        (Assessment::DoesNotMeet, None) => {
            let phase = workbook.remediation_phase()?;
            let mut item = Item::new(remediation_id(&phase.id, expectation), Owner::Customer, text);
            item.kind = ItemKind::Task;
            item.remediates = Some(expectation.to_string());
            if !found.trim().is_empty() {
                item.detail = found.to_string();
            }
            edits.push(Edit::Item {
                phase: phase.id.clone(),
                index: phase.items.len(),
                from: None,
                to: Some(Box::new(item)),
            });
        }
        (Assessment::DoesNotMeet, Some((_, _, item))) if item.status.is_closed() => {
            edits.push(Edit::Status { item: item.id.clone(), from: item.status, to: Status::NotStarted });
        }
        (Assessment::Meets, Some((_, _, item))) if item.status != Status::Done => {
            edits.push(Edit::Status { item: item.id.clone(), from: item.status, to: Status::Done });
        }
        _ => {}
    }
    let edit = if edits.len() == 1 { edits.remove(0) } else { Edit::Batch(edits) };
    (!edit.is_noop()).then_some(edit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Workbook {
        crate::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap()
    }

    fn forest() -> Threshold {
        bundled().expectations.into_iter().find(|e| e.id == "forest-level").unwrap().threshold.unwrap()
    }

    #[test]
    fn remediation_goes_into_the_phase_that_says_it_receives_it_whatever_its_id() {
        let mut wb = bundled();
        // The process calls its phase "fix-up", and the "assess" phase must not get it.
        let at = wb.phase_index("remediate").unwrap();
        wb.phases[at].id = "fix-up".into();
        let edit = mark(&wb, "forest-level", Assessment::DoesNotMeet, "Windows Server 2003", "Fix".into()).unwrap();
        edit.apply(&mut wb).unwrap();
        let (phase, _, item) = remediation_of(&wb, "forest-level").unwrap();
        assert_eq!((phase, item.id.as_str()), ("fix-up", "fix-up.fix.forest-level"));
        // Without the mark, a phase called `remediate` receives it (files from before it), else the first.
        let mut old = bundled();
        old.phases.iter_mut().for_each(|p| p.receives_remediation = false);
        assert_eq!(old.remediation_phase().unwrap().id, "remediate");
        old.phases[at].id = "fix-up".into();
        assert_eq!(old.remediation_phase().unwrap().id, old.phases[0].id);
    }

    #[test]
    fn two_phases_receiving_remediation_is_an_error() {
        let mut wb = bundled();
        wb.phases[1].receives_remediation = true;
        let issues = crate::model::check::check(&wb);
        assert!(
            issues.iter().any(|i| i.is_error() && i.to_string().contains("both say `receives_remediation: true`")),
            "{issues:?}"
        );
    }

    #[test]
    fn a_threshold_of_a_set_meets_only_with_one_of_its_levels() {
        let exchange = Threshold {
            minimum: String::new(),
            levels: vec![
                "Exchange 2007".into(),
                "Exchange 2010".into(),
                "Exchange 2013".into(),
                "Exchange 2016".into(),
            ],
            one_of: vec!["Exchange 2010".into(), "Exchange 2013".into()],
        };
        let judged = |found: &str| judge(&exchange, found).result;
        assert_eq!(judged("exchange 2013 CU23"), Assessment::Meets);
        assert_eq!(judged("Exchange 2010 SP3"), Assessment::Meets);
        assert_eq!(judged("Exchange 2016"), Assessment::DoesNotMeet, "a later one is not in the set");
        assert_eq!(judged("Exchange 2007"), Assessment::DoesNotMeet);
        assert_eq!(judged("Lotus Notes"), Assessment::Unknown);
        // Every level named as meeting must be one it knows.
        let mut wb = bundled();
        wb.expectations[0].threshold = Some(Threshold { one_of: vec!["Exchange 2019".into()], ..exchange });
        let issues: Vec<String> = crate::model::check::check(&wb).iter().map(ToString::to_string).collect();
        assert!(issues.iter().any(|i| i.contains("Exchange 2019")), "{issues:?}");
    }

    #[test]
    fn a_level_below_the_minimum_does_not_meet() {
        assert_eq!(judge(&forest(), "Windows Server 2003").result, Assessment::DoesNotMeet);
        assert_eq!(judge(&forest(), "windows 2000").result, Assessment::DoesNotMeet);
    }

    #[test]
    fn the_minimum_and_above_meet_whatever_the_case() {
        assert_eq!(judge(&forest(), "Windows Server 2008").result, Assessment::Meets);
        assert_eq!(judge(&forest(), "WINDOWS SERVER 2016").result, Assessment::Meets);
    }

    #[test]
    fn the_longest_named_level_wins() {
        let j = judge(&forest(), "Forest level: Windows Server 2008 R2");
        assert_eq!(j.level.as_deref(), Some("Windows Server 2008 R2"));
        assert_eq!(j.result, Assessment::Meets);
    }

    #[test]
    fn unknown_text_is_unknown() {
        assert_eq!(judge(&forest(), "2003-ish").result, Assessment::Unknown);
        assert_eq!(judge(&forest(), "").result, Assessment::Unknown);
    }

    #[test]
    fn configuration_manager_2012_sp1_is_below_2012_r2() {
        let wb = bundled();
        let t = wb.expectations.iter().find(|e| e.id == "configmgr-version").unwrap().threshold.clone().unwrap();
        assert_eq!(judge(&t, "Configuration Manager 2012 SP1").result, Assessment::DoesNotMeet);
        assert_eq!(judge(&t, "configuration manager 2012 r2").result, Assessment::Meets);
    }

    #[test]
    fn does_not_meet_raises_a_customer_remediation_item_linked_back() {
        let mut wb = bundled();
        let edit = mark(&wb, "forest-level", Assessment::DoesNotMeet, "Windows Server 2003", "Fix".into()).unwrap();
        edit.apply(&mut wb).unwrap();
        let (phase, _, item) = remediation_of(&wb, "forest-level").unwrap();
        assert_eq!(phase, "remediate");
        assert_eq!(item.id, "remediate.fix.forest-level");
        assert_eq!(item.owner, Owner::Customer);
        assert_eq!(item.kind, ItemKind::Task);
        assert_eq!(item.status, Status::NotStarted);
    }

    #[test]
    fn meets_later_closes_the_remediation_item_and_undo_reopens_it() {
        let mut wb = bundled();
        mark(&wb, "forest-level", Assessment::DoesNotMeet, "2003", "Fix".into()).unwrap().apply(&mut wb).unwrap();
        let before = wb.clone();
        let met = mark(&wb, "forest-level", Assessment::Meets, "Windows Server 2012", "Fix".into()).unwrap();
        met.apply(&mut wb).unwrap();
        assert_eq!(remediation_of(&wb, "forest-level").unwrap().2.status, Status::Done);
        met.inverse().apply(&mut wb).unwrap();
        assert_eq!(wb, before);
    }

    #[test]
    fn failing_again_reopens_the_same_item_rather_than_raising_a_second() {
        let mut wb = bundled();
        for result in [Assessment::DoesNotMeet, Assessment::Meets, Assessment::DoesNotMeet] {
            mark(&wb, "forest-level", result, "x", "Fix".into()).unwrap().apply(&mut wb).unwrap();
        }
        let count = wb.all_items().filter(|(_, i)| i.remediates.as_deref() == Some("forest-level")).count();
        assert_eq!(count, 1);
        assert_eq!(remediation_of(&wb, "forest-level").unwrap().2.status, Status::NotStarted);
    }

    #[test]
    fn raising_the_item_undoes_completely() {
        let original = bundled();
        let mut wb = original.clone();
        let edit = mark(&wb, "forest-level", Assessment::DoesNotMeet, "2003", "Fix".into()).unwrap();
        edit.apply(&mut wb).unwrap();
        edit.inverse().apply(&mut wb).unwrap();
        assert_eq!(wb, original);
    }
}
