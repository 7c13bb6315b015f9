//! A small workbook for the model's unit tests: two phases, a scope question, a heading
//! with sub-items, and a joint gate.

use chrono::NaiveDate;

use super::condition::Condition;
use super::workbook::*;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub fn answer(wb: &mut Workbook, question: &str, options: &[&str]) {
    if let Some(q) = wb.scope.iter_mut().find(|q| q.id == question) {
        q.answer = options.iter().map(|o| o.to_string()).collect();
    }
}

fn gate(id: &str, joint: bool, criteria: Vec<Criterion>) -> Gate {
    Gate {
        id: id.into(),
        title: format!("Gate {id}"),
        detail: String::new(),
        joint,
        criteria,
        signoffs: Vec::new(),
        passed: None,
    }
}

pub fn workbook() -> Workbook {
    let is = |q: &str, o: &str| Condition::Is(q.into(), o.into());
    let mut mdm = Item::new("enable.mdm", Owner::Microsoft, "MDM guidance");
    mdm.when = is("workloads", "mdm");
    let mut mdm_devices = Item::new("enable.mdm.devices", Owner::Microsoft, "Enrol two test devices");
    mdm_devices.parent = Some("enable.mdm".into());
    let mut mdm_groups = Item::new("enable.mdm.groups", Owner::Microsoft, "Test groups");
    mdm_groups.parent = Some("enable.mdm".into());
    let mut mam = Item::new("enable.mam", Owner::Microsoft, "MAM guidance");
    mam.when = is("workloads", "mam");
    Workbook {
        version: FORMAT_VERSION,
        meta: Meta {
            template: "test".into(),
            title: "Test process".into(),
            language: "en".into(),
            summary: String::new(),
            source: String::new(),
            parties: Default::default(),
        },
        engagement: Engagement {
            customer: "Contoso".into(),
            purchase_date: Some(date(2026, 1, 10)),
            start_date: Some(date(2026, 2, 1)),
            ..Engagement::default()
        },
        deadlines: vec![
            Deadline {
                id: "contact".into(),
                title: "First contact".into(),
                from: Anchor::Purchase,
                within: Span::Days(30),
                met_by: vec!["initiate.contact".into()],
                when: Condition::Always,
            },
            Deadline {
                id: "finish".into(),
                title: "All onboarded".into(),
                from: Anchor::Start,
                within: Span::Months(12),
                met_by: Vec::new(),
                when: Condition::Always,
            },
        ],
        limits: Vec::new(),
        scope: vec![ScopeQuestion {
            id: "workloads".into(),
            text: "Workloads in scope".into(),
            help: String::new(),
            choice: Choice::Many,
            options: vec![
                ScopeOption { id: "mdm".into(), label: "MDM".into(), help: String::new(), exclusive: false },
                ScopeOption { id: "mam".into(), label: "MAM".into(), help: String::new(), exclusive: false },
            ],
            answer: Vec::new(),
        }],
        scope_conflicts: Vec::new(),
        expectations: Vec::new(),
        general: vec![Item::new("general.support", Owner::Microsoft, "Remote support")],
        phases: vec![
            Phase {
                id: "initiate".into(),
                title: "Initiate".into(),
                stage: String::new(),
                receives_remediation: false,
                purpose: "Begin".into(),
                items: vec![
                    Item::new("initiate.contact", Owner::Microsoft, "Contact the customer"),
                    Item::new("initiate.kickoff", Owner::Customer, "Attend the kick-off"),
                ],
                meetings: Vec::new(),
                gate: gate(
                    "initiate.gate",
                    false,
                    vec![Criterion {
                        id: "initiate.gate.kickoff".into(),
                        text: "Kick-off held".into(),
                        items: vec!["initiate.kickoff".into()],
                        meeting: None,
                        met: false,
                    }],
                ),
                started: None,
            },
            Phase {
                id: "enable".into(),
                title: "Enable".into(),
                stage: String::new(),
                receives_remediation: false,
                purpose: "Switch on".into(),
                items: vec![
                    Item::new("enable.tenant", Owner::Joint, "Activate tenant"),
                    mdm,
                    mdm_devices,
                    mdm_groups,
                    mam,
                ],
                meetings: Vec::new(),
                gate: gate("enable.gate", true, Vec::new()),
                started: None,
            },
        ],
        decisions: Vec::new(),
        meetings: Vec::new(),
        history: Vec::new(),
        conflicts: Vec::new(),
    }
}
