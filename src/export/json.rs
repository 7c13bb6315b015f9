//! The snapshot as JSON for other tools, in the `phasebook-snapshot` shape documented in
//! `workbooks/README.md`. The shape is spelled out here as its own structs, so renaming a
//! field inside phasebook cannot change it by accident; keys come out in struct order.
//! Values are ids and fixed words, never interface labels, so the JSON is the same in
//! every language but for the workbook's own text.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::snapshot::{ItemLine, Snapshot};
use crate::model::check::{Dated, Issue};
use crate::model::deadline::Urgency;
use crate::model::gate::GateState;
use crate::model::{Assessment, LimitKind};
use crate::model::{DecisionKind, DecisionStatus, MeetingKind, Owner, Progress, Status};

/// The value of the `format` key.
pub const FORMAT: &str = "phasebook-snapshot";
/// The value of the `version` key; raised whenever a key changes meaning or goes away.
pub const VERSION: u32 = 1;

/// The snapshot as pretty-printed JSON, ending in a line break.
pub fn render(snapshot: &Snapshot) -> String {
    let document = Document::of(snapshot);
    // Serializing plain structs of strings, numbers and dates cannot fail; an empty
    // object would still be valid JSON if it ever did.
    let text = serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".to_string());
    // The serializer escapes C0 controls but writes DEL and the C1 controls as they are,
    // and a terminal acts on those; outside strings JSON holds none, so each is escaped.
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if c.is_control() && c != '\n' {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    taken_at: DateTime<FixedOffset>,
    language: &'static str,
    workbook: WorkbookJson<'a>,
    engagement: EngagementJson<'a>,
    progress: ProgressSummary,
    phases: Vec<PhaseJson<'a>>,
    current_phase: Option<CurrentJson<'a>>,
    blocked: Vec<ItemJson<'a>>,
    overdue: Vec<ItemJson<'a>>,
    next_actions: Vec<ActionsJson<'a>>,
    deadlines: Vec<DeadlineJson<'a>>,
    scope: Vec<ScopeJson<'a>>,
    assessment: Vec<AssessmentJson<'a>>,
    limits: Vec<LimitJson<'a>>,
    recent_decisions: Vec<DecisionJson<'a>>,
    last_meeting: Option<MeetingJson<'a>>,
    items: Vec<ItemJson<'a>>,
    warnings: Vec<WarningJson<'a>>,
    history: Vec<ChangeJson<'a>>,
}

/// One entry of the change history, as recorded.
#[derive(Serialize)]
struct ChangeJson<'a> {
    at: DateTime<FixedOffset>,
    by: &'a str,
    target: &'a str,
    what: &'a str,
}

#[derive(Serialize)]
struct AssessmentJson<'a> {
    id: &'a str,
    area: &'a str,
    text: &'a str,
    minimum: Option<&'a str>,
    accepted: &'a [String],
    result: &'static str,
    found: &'a str,
    remediation: Option<RemediationJson<'a>>,
}

#[derive(Serialize)]
struct RemediationJson<'a> {
    id: &'a str,
    status: &'static str,
}

#[derive(Serialize)]
struct LimitJson<'a> {
    id: &'a str,
    kind: &'static str,
    text: &'a str,
}

#[derive(Serialize)]
struct WarningJson<'a> {
    kind: &'static str,
    id: &'a str,
}

#[derive(Serialize)]
struct WorkbookJson<'a> {
    template: &'a str,
    title: &'a str,
    source: &'a str,
}

#[derive(Serialize)]
struct EngagementJson<'a> {
    customer: &'a str,
    tenant: &'a str,
    project_lead: &'a str,
    partner: &'a str,
    purchase_date: Option<NaiveDate>,
    start_date: Option<NaiveDate>,
}

#[derive(Serialize)]
struct ProgressSummary {
    overall: ProgressJson,
    general: ProgressJson,
}

#[derive(Serialize)]
struct ProgressJson {
    done: usize,
    total: usize,
    percent: u8,
}

impl From<Progress> for ProgressJson {
    fn from(p: Progress) -> Self {
        ProgressJson { done: p.done, total: p.total, percent: p.percent() }
    }
}

#[derive(Serialize)]
struct PhaseJson<'a> {
    id: &'a str,
    title: &'a str,
    stage: &'a str,
    current: bool,
    started: Option<NaiveDate>,
    progress: ProgressJson,
    gate: GateJson<'a>,
}

#[derive(Serialize)]
struct GateJson<'a> {
    id: &'a str,
    title: &'a str,
    state: &'static str,
    /// How many things block it, when `state` is `blocked`.
    blocked_by: Option<usize>,
    passed: Option<PassageJson<'a>>,
    signoffs: Vec<SignOffJson<'a>>,
}

#[derive(Serialize)]
struct SignOffJson<'a> {
    party: &'static str,
    name: &'a str,
    date: chrono::NaiveDate,
}

#[derive(Serialize)]
struct PassageJson<'a> {
    date: NaiveDate,
    by: &'a str,
    waiver: Option<&'a str>,
}

#[derive(Serialize)]
struct CurrentJson<'a> {
    phase: &'a str,
    open_items: usize,
    unmet_criteria: Vec<CriterionJson<'a>>,
    missing_signoffs: Vec<&'static str>,
}

#[derive(Serialize)]
struct CriterionJson<'a> {
    id: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    phase: Option<&'a str>,
    id: &'a str,
    text: &'a str,
    owner: &'static str,
    status: &'static str,
    assignee: &'a str,
    due: Option<NaiveDate>,
    days_left: Option<i64>,
    in_scope: bool,
    last_note: Option<NoteJson<'a>>,
}

#[derive(Serialize)]
struct NoteJson<'a> {
    at: DateTime<FixedOffset>,
    by: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct ActionsJson<'a> {
    owner: &'static str,
    items: Vec<ItemJson<'a>>,
    more: usize,
}

#[derive(Serialize)]
struct DeadlineJson<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<NaiveDate>,
    days_left: Option<i64>,
    urgency: Option<&'static str>,
    met_on: Option<NaiveDate>,
}

#[derive(Serialize)]
struct ScopeJson<'a> {
    id: &'a str,
    question: &'a str,
    answers: Vec<OptionJson<'a>>,
}

#[derive(Serialize)]
struct OptionJson<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct DecisionJson<'a> {
    id: &'a str,
    title: &'a str,
    date: NaiveDate,
    status: &'static str,
    kind: &'static str,
    deciders: &'a [String],
    outcome: &'a str,
}

#[derive(Serialize)]
struct MeetingJson<'a> {
    id: &'a str,
    kind: &'static str,
    title: &'a str,
    phase: Option<&'a str>,
    held: DateTime<FixedOffset>,
    attendees: &'a [String],
    minutes: &'a str,
}

impl<'a> Document<'a> {
    fn of(s: &'a Snapshot) -> Document<'a> {
        let e = &s.engagement;
        Document {
            format: FORMAT,
            version: VERSION,
            taken_at: s.taken_at,
            language: s.lang.code(),
            workbook: WorkbookJson { template: &s.template, title: &s.title, source: &s.source },
            engagement: EngagementJson {
                customer: &e.customer,
                tenant: &e.tenant,
                project_lead: &e.project_lead,
                partner: &e.partner,
                purchase_date: e.purchase_date,
                start_date: e.start_date,
            },
            progress: ProgressSummary { overall: s.overall.into(), general: s.general.into() },
            phases: s
                .phases
                .iter()
                .map(|p| PhaseJson {
                    id: &p.id,
                    title: &p.title,
                    stage: &p.stage,
                    current: p.current,
                    started: p.started,
                    progress: p.progress.into(),
                    gate: GateJson {
                        id: &p.gate_id,
                        title: &p.gate_title,
                        state: gate_state(p.gate),
                        blocked_by: match p.gate {
                            GateState::Blocked(n) => Some(n),
                            _ => None,
                        },
                        passed: p.passed.as_ref().map(|passed| PassageJson {
                            date: passed.date,
                            by: &passed.by,
                            waiver: passed.waiver.as_deref(),
                        }),
                        signoffs: p
                            .signoffs
                            .iter()
                            .map(|o| SignOffJson { party: owner(o.party), name: &o.name, date: o.date })
                            .collect(),
                    },
                })
                .collect(),
            current_phase: s.current_phase().map(|(current, phase)| CurrentJson {
                phase: &phase.id,
                open_items: current.open_items,
                unmet_criteria: current.unmet_criteria.iter().map(|(id, text)| CriterionJson { id, text }).collect(),
                missing_signoffs: current.missing_signoffs.iter().map(|o| owner(*o)).collect(),
            }),
            blocked: s.blocked.iter().map(item).collect(),
            overdue: s.overdue.iter().map(item).collect(),
            next_actions: s
                .next_actions
                .iter()
                .map(|a| ActionsJson { owner: owner(a.owner), items: a.items.iter().map(item).collect(), more: a.more })
                .collect(),
            deadlines: s
                .deadlines
                .iter()
                .map(|d| DeadlineJson {
                    id: &d.id,
                    title: &d.title,
                    date: d.date,
                    days_left: d.days_left,
                    urgency: d.urgency.map(urgency),
                    met_on: d.met_on,
                })
                .collect(),
            scope: s
                .scope
                .iter()
                .map(|q| ScopeJson {
                    id: &q.id,
                    question: &q.question,
                    answers: q.answers.iter().map(|(id, label)| OptionJson { id, label }).collect(),
                })
                .collect(),
            assessment: s
                .assessment
                .iter()
                .map(|e| AssessmentJson {
                    id: &e.id,
                    area: &e.area,
                    text: &e.text,
                    minimum: e.minimum.as_deref(),
                    accepted: &e.accepted,
                    result: match e.result {
                        Assessment::Unknown => "unknown",
                        Assessment::Meets => "meets",
                        Assessment::DoesNotMeet => "does_not_meet",
                    },
                    found: &e.found,
                    remediation: e.remediation.as_ref().map(|(id, s)| RemediationJson { id, status: status(*s) }),
                })
                .collect(),
            limits: s
                .limits
                .iter()
                .map(|l| LimitJson {
                    id: &l.id,
                    kind: match l.kind {
                        LimitKind::Limit => "limit",
                        LimitKind::OutOfScope => "out_of_scope",
                        LimitKind::Eligibility => "eligibility",
                        LimitKind::Note => "note",
                    },
                    text: &l.text,
                })
                .collect(),
            recent_decisions: s
                .decisions
                .iter()
                .map(|d| DecisionJson {
                    id: &d.id,
                    title: &d.title,
                    date: d.date,
                    status: decision_status(d.status),
                    kind: decision_kind(d.kind),
                    deciders: &d.deciders,
                    outcome: &d.outcome,
                })
                .collect(),
            last_meeting: s.last_meeting.as_ref().map(|m| MeetingJson {
                id: &m.id,
                kind: meeting_kind(m.kind),
                title: &m.title,
                phase: m.phase.as_deref(),
                held: m.held,
                attendees: &m.attendees,
                minutes: &m.minutes,
            }),
            items: s.items.iter().map(item).collect(),
            warnings: s.warnings.iter().filter_map(warning).collect(),
            history: s
                .history
                .iter()
                .map(|c| ChangeJson { at: c.at, by: &c.by, target: &c.target, what: &c.what })
                .collect(),
        }
    }
}

fn item(line: &ItemLine) -> ItemJson<'_> {
    ItemJson {
        phase: line.phase.as_ref().map(|(id, _)| id.as_str()),
        id: &line.id,
        text: &line.text,
        owner: owner(line.owner),
        status: status(line.status),
        assignee: &line.assignee,
        due: line.due,
        days_left: line.days_left,
        in_scope: line.in_scope,
        last_note: line.last_note.as_ref().map(|n| NoteJson { at: n.at, by: &n.by, text: &n.text }),
    }
}

fn owner(owner: Owner) -> &'static str {
    match owner {
        Owner::Microsoft => "microsoft",
        Owner::Customer => "customer",
        Owner::Joint => "joint",
    }
}

fn status(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "not_started",
        Status::InProgress => "in_progress",
        Status::Done => "done",
        Status::Blocked => "blocked",
        Status::NotApplicable => "not_applicable",
    }
}

fn gate_state(state: GateState) -> &'static str {
    match state {
        GateState::Passed => "passed",
        GateState::Waived => "waived",
        GateState::Ready => "ready",
        GateState::Blocked(_) => "blocked",
        GateState::NotReached => "not_reached",
    }
}

/// A warning as a fixed word and the id of what it is about; `None` for an error, which no
/// snapshot has (a workbook with one does not open).
fn warning(issue: &Issue) -> Option<WarningJson<'_>> {
    Some(match issue {
        Issue::StartBeforePurchase { .. } => WarningJson { kind: "start_before_purchase", id: "engagement" },
        Issue::RuledOut { conflict, .. } => WarningJson { kind: "ruled_out", id: conflict },
        Issue::SignOffBeforeReached { gate, .. } | Issue::SignOffBeforeReachedDay { gate, .. } => {
            WarningJson { kind: "signoff_before_reached", id: gate }
        }
        Issue::UnknownLanguage { .. } => WarningJson { kind: "unknown_language", id: "meta" },
        Issue::BeforeStart { what, .. } => WarningJson {
            kind: "before_start",
            id: match what {
                Dated::PhaseStarted(id) | Dated::SignOff(id) | Dated::GatePassed(id) => id,
                _ => "engagement",
            },
        },
        Issue::StartedAfterPass { phase, .. } => WarningJson { kind: "started_after_pass", id: phase },
        Issue::MergeConflict { target, .. } => WarningJson { kind: "merge_conflict", id: target },
        _ => return None,
    })
}

fn urgency(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Later => "later",
        Urgency::Soon => "soon",
        Urgency::Passed => "passed",
        Urgency::Met => "met",
    }
}

fn decision_status(status: DecisionStatus) -> &'static str {
    match status {
        DecisionStatus::Proposed => "proposed",
        DecisionStatus::Accepted => "accepted",
        DecisionStatus::Rejected => "rejected",
        DecisionStatus::Superseded => "superseded",
    }
}

fn decision_kind(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::General => "general",
        DecisionKind::Scope => "scope",
        DecisionKind::Waiver => "waiver",
    }
}

fn meeting_kind(kind: MeetingKind) -> &'static str {
    match kind {
        MeetingKind::KickOff => "kick_off",
        MeetingKind::Checkpoint => "checkpoint",
        MeetingKind::Other => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_warning_has_a_kind_in_the_json_and_an_error_none() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        let id = || "x".to_string();
        let warnings = [
            Issue::StartBeforePurchase { start: day, purchase: day },
            Issue::BeforeStart { what: Dated::GatePassed(id()), title: id(), date: day, start: day },
            Issue::StartedAfterPass { phase: id(), title: id(), started: day, passed: day },
            Issue::MergeConflict { target: id(), field: id(), title: id() },
            Issue::SignOffBeforeReachedDay {
                gate: id(),
                title: id(),
                party: crate::model::Owner::Customer,
                date: day,
                reached: day,
            },
        ];
        for issue in &warnings {
            assert!(!issue.is_error());
            assert!(warning(issue).is_some_and(|w| w.id == "x" || w.id == "engagement"), "{issue:?}");
        }
        assert!(warning(&Issue::NoPhases).is_none());
    }
}
