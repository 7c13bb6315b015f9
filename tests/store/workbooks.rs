//! The bundled workbooks: both load cleanly, line up id for id, and hold every list of
//! the source with the number of entries the source has.

use std::collections::BTreeSet;

use phasebook::model::{ItemKind, LimitKind, Owner, Workbook};
use phasebook::templates::{TEMPLATES, find};

fn bundled(language: &str) -> Workbook {
    find("intune-fasttrack", language).expect("bundled").workbook().unwrap_or_else(|e| panic!("{e}"))
}

fn ids(wb: &Workbook) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    ids.extend(wb.deadlines.iter().map(|d| d.id.clone()));
    ids.extend(wb.limits.iter().map(|l| l.id.clone()));
    ids.extend(wb.scope.iter().map(|q| q.id.clone()));
    ids.extend(wb.scope.iter().flat_map(|q| q.options.iter().map(move |o| format!("{}={}", q.id, o.id))));
    ids.extend(wb.scope_conflicts.iter().map(|c| c.id.clone()));
    ids.extend(wb.expectations.iter().map(|e| e.id.clone()));
    ids.extend(wb.all_items().map(|(_, i)| i.id.clone()));
    for p in &wb.phases {
        ids.insert(p.id.clone());
        ids.insert(p.gate.id.clone());
        ids.extend(p.gate.criteria.iter().map(|c| c.id.clone()));
        ids.extend(p.meetings.iter().map(|m| m.id.clone()));
    }
    ids
}

/// Responsibility items of the named lists with this owner: (top level, all).
fn count(wb: &Workbook, lists: &[&str], owner: Owner) -> (usize, usize) {
    let items: Vec<_> = wb
        .all_items()
        .filter(|(phase, item)| {
            let list = phase.map_or("general", |p| p.id.as_str());
            lists.contains(&list) && item.owner == owner && item.kind == ItemKind::Responsibility
        })
        .map(|(_, item)| item)
        .collect();
    (items.iter().filter(|i| i.parent.is_none()).count(), items.len())
}

#[test]
fn every_bundled_workbook_loads_without_problems() {
    for template in TEMPLATES {
        if let Err(e) = template.workbook() {
            panic!("{}:\n{e}", template.file_name);
        }
    }
}

#[test]
fn swedish_and_english_workbooks_have_the_same_ids_in_the_same_order() {
    let (sv, en) = (bundled("sv"), bundled("en"));
    assert_eq!(ids(&sv), ids(&en));
    let order = |wb: &Workbook| wb.all_items().map(|(_, i)| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(order(&sv), order(&en));
    let shape = |wb: &Workbook| {
        wb.all_items().map(|(_, i)| (i.owner, i.kind, i.parent.clone(), i.when.clone())).collect::<Vec<_>>()
    };
    assert_eq!(shape(&sv), shape(&en));
    assert_eq!(sv.meta.language, "sv");
    assert_eq!(en.meta.language, "en");
}

#[test]
fn the_phases_run_initiate_assess_remediate_then_enable_in_two_parts() {
    for wb in [bundled("sv"), bundled("en")] {
        let phases: Vec<_> = wb.phases.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(phases, ["initiate", "assess", "remediate", "enable-core", "enable-intune"]);
        assert_eq!(wb.phases[3].stage, wb.phases[4].stage, "both Enable parts share a stage");
        assert!(!wb.phases[3].stage.is_empty());
    }
}

#[test]
fn every_responsibility_list_has_as_many_entries_as_the_source() {
    // (lists, owner, top-level bullets, all bullets including nested ones), counted in the source.
    let expected: &[(&[&str], Owner, usize, usize)] = &[
        (&["general"], Owner::Microsoft, 2, 2),
        (&["general"], Owner::Customer, 20, 20),
        (&["initiate"], Owner::Microsoft, 3, 3),
        (&["initiate"], Owner::Customer, 2, 2),
        (&["assess"], Owner::Microsoft, 4, 8),
        (&["assess"], Owner::Customer, 6, 6),
        (&["remediate"], Owner::Microsoft, 2, 2),
        (&["remediate"], Owner::Customer, 2, 2),
        (&["enable-core"], Owner::Microsoft, 7, 9),
        (&["enable-intune"], Owner::Microsoft, 7, 23),
        // The source gives the customer one Enable list; the workbook splits it over the two parts.
        (&["enable-core", "enable-intune"], Owner::Customer, 12, 12),
    ];
    for language in ["sv", "en"] {
        let wb = bundled(language);
        for (lists, owner, top, all) in expected {
            assert_eq!(count(&wb, lists, *owner), (*top, *all), "{language}: {lists:?} {owner:?}");
        }
    }
}

#[test]
fn the_gate_before_enable_is_a_joint_verification() {
    for wb in [bundled("sv"), bundled("en")] {
        let remediate = wb.phase("remediate").expect("remediate phase");
        assert!(remediate.gate.joint);
        assert!(!remediate.gate.criteria.is_empty());
    }
}

#[test]
fn scope_questions_cover_every_branch_of_the_source() {
    for wb in [bundled("sv"), bundled("en")] {
        let options = |q: &str| {
            wb.question(q).map(|q| q.options.iter().map(|o| o.id.clone()).collect::<Vec<_>>()).unwrap_or_default()
        };
        assert_eq!(options("identity"), ["cloud", "synchronized", "federated"]);
        assert_eq!(options("forests"), ["single", "multiple"]);
        assert_eq!(options("mdm-authority"), ["intune", "configmgr", "none"]);
        assert_eq!(options("workloads"), ["mdm", "mam", "pc", "exchange-connector", "configmgr"]);
    }
}

#[test]
fn every_limit_and_out_of_scope_note_is_there_with_its_figure() {
    let expected: &[(&str, LimitKind, &str)] = &[
        ("contact-30-days", LimitKind::Limit, "30"),
        ("complete-12-months", LimitKind::Limit, "12"),
        ("test-devices-2", LimitKind::Limit, "2"),
        ("apps-2", LimitKind::Limit, "2"),
        ("forest-level-2008", LimitKind::Limit, "2008"),
        ("configmgr-2012r2", LimitKind::Limit, "2012 R2"),
        ("adfs-multi-forest", LimitKind::OutOfScope, "AD FS"),
        ("custom-sync-rules", LimitKind::OutOfScope, "rule|regel"),
        ("configmgr-setup", LimitKind::OutOfScope, "configuration manager"),
        ("licences-150", LimitKind::Eligibility, "150"),
        ("once-per-service", LimitKind::Eligibility, "once|en gång"),
        ("remote-business-hours", LimitKind::Limit, "remote|distans"),
        ("support-languages", LimitKind::Limit, "japan"),
        ("mam-only-no-authority", LimitKind::Limit, "mdm"),
    ];
    for wb in [bundled("sv"), bundled("en")] {
        for (id, kind, figure) in expected {
            let limit =
                wb.limits.iter().find(|l| l.id == *id).unwrap_or_else(|| panic!("{}: no limit {id}", wb.meta.language));
            assert_eq!(limit.kind, *kind, "{id}");
            // A figure, or a word in either language ("a|b"), that the note must hold.
            let text = limit.text.to_lowercase();
            assert!(
                figure.split('|').any(|f| text.contains(&f.to_lowercase())),
                "{id}: {:?} lacks {figure}",
                limit.text
            );
            assert!(!limit.applies_to.is_empty(), "{id} applies to nothing");
        }
    }
}

#[test]
fn the_deadlines_are_thirty_days_from_purchase_and_twelve_months_from_start() {
    use phasebook::model::{Anchor, Span};
    for wb in [bundled("sv"), bundled("en")] {
        let spans: Vec<_> = wb.deadlines.iter().map(|d| (d.id.as_str(), d.from, d.within)).collect();
        assert_eq!(
            spans,
            [
                ("first-contact", Anchor::Purchase, Span::Days(30)),
                ("onboarding-complete", Anchor::Start, Span::Months(12))
            ]
        );
    }
}

#[test]
fn the_source_environment_table_is_there_with_its_thresholds() {
    for wb in [bundled("sv"), bundled("en")] {
        let ids: Vec<_> = wb.expectations.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["forest-level", "forest-config", "configmgr-version", "configmgr-checklist"]);
        let minimum = |id: &str| {
            wb.expectations.iter().find(|e| e.id == id).and_then(|e| e.threshold.as_ref()).map(|t| t.minimum.clone())
        };
        assert!(minimum("forest-level").is_some_and(|m| m.contains("2008")));
        assert!(minimum("configmgr-version").is_some_and(|m| m.contains("2012 R2")));
    }
}

#[test]
fn both_workbooks_credit_the_source_and_its_licence() {
    for wb in [bundled("sv"), bundled("en")] {
        assert!(wb.meta.source.contains("MicrosoftDocs"), "{}", wb.meta.source);
        assert!(wb.meta.source.contains("CC BY 4.0"), "{}", wb.meta.source);
    }
}

#[test]
fn a_used_engagement_cleared_is_the_template_it_came_from() {
    use phasebook::model::template::cleared;
    use phasebook::model::{Assessment, Status};
    for language in ["en", "sv"] {
        let template = phasebook::templates::find("intune-fasttrack", language).unwrap().workbook().unwrap();
        let mut used = template.clone();
        used.engagement.customer = "Contoso".into();
        used.engagement.start_date = chrono::NaiveDate::from_ymd_opt(2026, 11, 20);
        used.scope[0].answer = vec![used.scope[0].options[0].id.clone()];
        used.expectations[0].result = Assessment::DoesNotMeet;
        used.expectations[0].found = "Windows Server 2003".into();
        let item = &mut used.phases[1].items[0];
        item.status = Status::Done;
        item.assignee = "Åsa".into();
        item.due = chrono::NaiveDate::from_ymd_opt(2026, 12, 8);
        item.notes.push(phasebook::model::Note {
            at: chrono::DateTime::parse_from_rfc3339("2026-11-26T10:30:00+01:00").unwrap(),
            by: "Åsa".into(),
            text: "Done on the call".into(),
        });
        let mut raised = used.phases[2].items[0].clone();
        raised.id = "remediate.raised".into();
        raised.remediates = Some(used.expectations[0].id.clone());
        used.phases[2].items.push(raised);
        used.phases[0].started = chrono::NaiveDate::from_ymd_opt(2026, 11, 20);
        used.phases[0].gate.criteria[0].met = true;
        assert_ne!(used, template);
        assert_eq!(cleared(&used), template, "{language}");
    }
}
