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

/// A process that is not Microsoft's, written from `workbooks/README.md` alone.
const OTHER_PROCESS: &str = "tests/fixtures/mail-migration.ron";

#[test]
fn a_process_written_from_the_format_guide_alone_runs_end_to_end() {
    use phasebook::model::{Assessment, Rollup, assess, scope};
    let loaded = phasebook::store::open(std::path::Path::new(OTHER_PROCESS)).unwrap_or_else(|e| panic!("{e}"));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let mut wb = loaded.workbook;
    let text = std::fs::read_to_string(OTHER_PROCESS).unwrap();
    assert_eq!(
        phasebook::store::load_bytes(std::path::Path::new("x.ron"), phasebook::store::to_ron(&wb).unwrap().as_bytes())
            .unwrap(),
        wb
    );
    assert!(text.contains("receives_remediation: true"));

    // Its scope: the note and the deadline under "personal archives" apply only with them.
    let rollup = Rollup::of(&wb);
    let as_of = chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00+01:00").unwrap();
    let snapshot = phasebook::export::Snapshot::new(&wb, &rollup, as_of);
    assert!(snapshot.deadlines.iter().any(|d| d.id == "archive-export"), "unanswered, it may apply");
    let q = wb.scope.iter().position(|q| q.id == "archives").unwrap();
    let none = wb.scope[q].options.iter().position(|o| o.id == "none").unwrap();
    scope::choose(&wb, q, 0, "Ann", as_of.date_naive()).unwrap().apply(&mut wb).unwrap();
    scope::choose(&wb, q, none, "Ann", as_of.date_naive()).unwrap().apply(&mut wb).unwrap();
    assert_eq!(wb.scope[q].answer, ["none"]);
    let rollup = Rollup::of(&wb);
    let snapshot = phasebook::export::Snapshot::new(&wb, &rollup, as_of);
    assert!(!snapshot.deadlines.iter().any(|d| d.id == "archive-export"));
    assert!(!snapshot.limits.iter().any(|l| l.id == "pst-note"));

    // An assessment failure is tracked into the phase the process declares.
    let threshold = wb.expectations[0].threshold.clone().unwrap();
    let judged = assess::judge(&threshold, "MailServer 9.2");
    assert_eq!(judged.result, Assessment::DoesNotMeet, "9 is not one of the versions the tool reads");
    assess::mark(&wb, "server-version", judged.result, "MailServer 9.2", "Downgrade the export path".into())
        .unwrap()
        .apply(&mut wb)
        .unwrap();
    let (phase, _, item) = assess::remediation_of(&wb, "server-version").unwrap();
    assert_eq!((phase, item.id.as_str()), ("prepare", "prepare.fix.server-version"));

    // The cross-phase criterion waits for the survey's inventory too.
    let rollup = Rollup::of(&wb);
    let move_gate = phasebook::model::gate::review(&wb, &rollup, 2);
    assert!(move_gate.unmet_criteria.contains(&"move.gate.copied".to_string()));

    // Its exports carry its own words and timeline, and nothing of Intune.
    let rollup = Rollup::of(&wb);
    let snapshot = phasebook::export::Snapshot::new(&wb, &rollup, as_of);
    for format in phasebook::export::Format::ALL {
        let out = phasebook::export::render(
            format,
            &snapshot,
            phasebook::i18n::Lang::En.strings(),
            phasebook::export::csv::Separator::Comma,
        );
        for word in ["Intune", "FastTrack"] {
            assert!(!out.contains(word), "{format:?} says {word}");
        }
        assert!(
            out.contains("Mail migration for a small office") || format == phasebook::export::Format::Csv,
            "{format:?}"
        );
    }
    let html = phasebook::export::render(
        phasebook::export::Format::Html,
        &snapshot,
        phasebook::i18n::Lang::En.strings(),
        phasebook::export::csv::Separator::Comma,
    );
    assert!(html.contains("<svg class=\"timeline\"") && html.contains("Engagement window"));

    // It opens in the interface, and is a template for a new engagement.
    let app = phasebook::app::state::App::new(
        wb.clone(),
        "mail.ron".into(),
        phasebook::i18n::Lang::En,
        phasebook::app::config::Config::from_texts(None, "ann"),
        as_of,
    );
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let mut app = app;
    let _ = phasebook::app::update::update(&mut app, phasebook::app::update::Msg::Resize(80, 24));
    terminal.draw(|f| phasebook::ui::draw(&app, f)).unwrap();
    let screen: String = terminal.backend().buffer().content().iter().map(|c| c.symbol()).collect();
    assert!(screen.contains("Survey") && screen.contains("List the mailboxes"), "{screen}");
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fabrikam.ron");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_phasebook"))
        .args(["new", "--template", OTHER_PROCESS, "-o", fresh.to_str().unwrap(), "--customer", "Fabrikam"])
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let made = phasebook::store::load(&fresh).unwrap();
    assert_eq!((made.meta.template.as_str(), made.engagement.customer.as_str()), ("mail-migration", "Fabrikam"));
}

#[test]
fn a_process_without_general_items_shows_no_general_row() {
    let wb = phasebook::store::load(std::path::Path::new(OTHER_PROCESS)).unwrap();
    assert!(wb.general.is_empty());
    let rollup = phasebook::model::Rollup::of(&wb);
    let as_of = chrono::DateTime::parse_from_rfc3339("2026-12-01T12:00:00+01:00").unwrap();
    let snapshot = phasebook::export::Snapshot::new(&wb, &rollup, as_of);
    for format in [phasebook::export::Format::Md, phasebook::export::Format::Html] {
        let out = phasebook::export::render(
            format,
            &snapshot,
            phasebook::i18n::Lang::En.strings(),
            phasebook::export::csv::Separator::Comma,
        );
        assert!(!out.contains("(0/0)"), "{format:?}: an empty General row\n{out}");
    }
}
