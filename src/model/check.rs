//! The rules a workbook must keep, in one place for every path: the loader runs them on a
//! file, the interface on every edit before it stands. Problems that make a file unreadable
//! or ambiguous (duplicate ids, references to nothing) are errors; problems a person can fix
//! in the interface (dates out of order, a ruled-out scope combination, a sign-off on a gate
//! not yet reached) are warnings: the file opens and says what to fix.

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::{Datelike, NaiveDate};

use super::condition::Condition;
use super::due;
use super::edit::Edit;
use super::scope;
use super::workbook::{Choice, Owner, Span, Workbook};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One thing wrong with a workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    NoPhases,
    BadId {
        what: &'static str,
        id: String,
    },
    /// The `nth` (2 or more) sighting of an id.
    DuplicateId {
        what: &'static str,
        id: String,
        nth: usize,
    },
    OptionTwice {
        question: String,
        option: String,
    },
    NoOptions {
        question: String,
    },
    AnswerNotAnOption {
        question: String,
        answer: String,
    },
    TooManyAnswers {
        question: String,
        count: usize,
    },
    UnknownQuestion {
        owner: String,
        question: String,
        option: String,
    },
    UnknownOption {
        owner: String,
        question: String,
        option: String,
    },
    ParentMissing {
        item: String,
        parent: String,
    },
    ParentCycle {
        item: String,
    },
    CriterionForeignItem {
        criterion: String,
        phase: String,
        item: String,
    },
    CriterionMissingItem {
        criterion: String,
        item: String,
    },
    /// A criterion met by a planned meeting no phase plans.
    CriterionMeetingMissing {
        criterion: String,
        meeting: String,
    },
    PassedBeforeEarlierGate {
        gate: String,
    },
    WaiverMissing {
        gate: String,
        waiver: String,
    },
    LimitTargetMissing {
        limit: String,
        target: String,
    },
    RemediatesMissing {
        item: String,
        expectation: String,
    },
    DecisionLinkMissing {
        decision: String,
        target: String,
    },
    SupersededByMissing {
        decision: String,
        by: String,
    },
    MeetingPhaseMissing {
        meeting: String,
        phase: String,
    },
    MinimumNotALevel {
        expectation: String,
        minimum: String,
    },
    MetByMissing {
        deadline: String,
        target: String,
    },
    /// A level in a threshold's `one_of` that is not one of its levels.
    AcceptedNotALevel {
        expectation: String,
        level: String,
    },
    /// A deadline due more than [`MAX_SPAN_DAYS`] after its start: a slip of the keyboard.
    SpanTooLong {
        deadline: String,
    },
    /// A threshold with neither a `minimum` nor `one_of`: nothing would meet it.
    NoThresholdLevel {
        expectation: String,
    },
    /// A threshold with both a `minimum` and `one_of`, one of which would be ignored.
    MinimumAndOneOf {
        expectation: String,
    },
    StartBeforePurchase {
        start: NaiveDate,
        purchase: NaiveDate,
    },
    /// A phase start, a gate pass or a sign-off dated before the engagement started: a slip,
    /// or a start date to put right.
    BeforeStart {
        what: Dated,
        /// The title of the phase or gate, for the people who read the warning.
        title: String,
        date: NaiveDate,
        start: NaiveDate,
    },
    RuledOut {
        conflict: String,
        reason: String,
    },
    SignOffBeforeReached {
        gate: String,
        /// The gate's title, for the people who read the warning.
        title: String,
        party: Owner,
    },
    /// A date outside [`due::YEARS`]: a slip of the keyboard, and one that would make every
    /// timeline and export stretch over millennia.
    DateOutOfRange {
        /// What the date is.
        what: Dated,
        /// The date as written in the file.
        date: String,
    },
    /// `exclusive: true` on an option of a one-choice question, where every option excludes
    /// the others anyway.
    ExclusiveOnOne {
        question: String,
        option: String,
    },
    /// An answer holding an exclusive option ("none of these") and others.
    ExclusiveWithOthers {
        question: String,
        option: String,
    },
    /// `meta.language` names a language phasebook has no labels in.
    UnknownLanguage {
        code: String,
    },
    /// A sign-off dated before the day its gate was reached (the day the gate before passed).
    SignOffBeforeReachedDay {
        gate: String,
        /// The gate's title, for the people who read the warning.
        title: String,
        party: Owner,
        date: NaiveDate,
        reached: NaiveDate,
    },
    /// A phase whose start is after the day its gate passed.
    StartedAfterPass {
        phase: String,
        /// The phase's title, for the people who read the warning.
        title: String,
        started: NaiveDate,
        passed: NaiveDate,
    },
    /// A field two merged copies changed differently, kept as ours until a person settles it.
    MergeConflict {
        target: String,
        field: String,
        /// What the target is called (an item's text, a gate's title), for the people who
        /// read the warning.
        title: String,
    },
    /// A second phase says it receives remediation.
    TwoRemediationPhases {
        first: String,
        second: String,
    },
}

/// Which date of a workbook a [`Issue::DateOutOfRange`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dated {
    Purchase,
    Start,
    /// The start of the phase with this id.
    PhaseStarted(String),
    /// A sign-off on the gate with this id.
    SignOff(String),
    /// The day the gate with this id was passed.
    GatePassed(String),
    /// The due date of the item with this id.
    ItemDue(String),
    /// A note on the item with this id.
    Note(String),
    Decision(String),
    Meeting(String),
    /// A change in the history.
    Change,
}

impl fmt::Display for Dated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dated::Purchase => write!(f, "purchase date"),
            Dated::Start => write!(f, "start date"),
            Dated::PhaseStarted(id) => write!(f, "start of phase \"{id}\""),
            Dated::SignOff(id) => write!(f, "sign-off date on gate \"{id}\""),
            Dated::GatePassed(id) => write!(f, "date gate \"{id}\" passed"),
            Dated::ItemDue(id) => write!(f, "due date of item \"{id}\""),
            Dated::Note(id) => write!(f, "date of a note on item \"{id}\""),
            Dated::Decision(id) => write!(f, "date of decision \"{id}\""),
            Dated::Meeting(id) => write!(f, "date of meeting \"{id}\""),
            Dated::Change => write!(f, "date of a change in the history"),
        }
    }
}

impl Issue {
    pub fn severity(&self) -> Severity {
        match self {
            Issue::StartBeforePurchase { .. }
            | Issue::BeforeStart { .. }
            | Issue::RuledOut { .. }
            | Issue::SignOffBeforeReached { .. }
            | Issue::UnknownLanguage { .. }
            | Issue::MergeConflict { .. }
            | Issue::StartedAfterPass { .. }
            | Issue::SignOffBeforeReachedDay { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity() == Severity::Error
    }

    /// Where a reference to something missing is: the text of the reference, looked for
    /// after the entry that makes it (its `id: "…"`), so a name that also appears earlier
    /// for something else is not taken for it. Tried before [`Issue::place`].
    pub fn reference(&self) -> Option<(String, String)> {
        let q = |s: &str| format!("\"{s}\"");
        let id = |s: &str| format!("id: \"{s}\"");
        Some(match self {
            Issue::LimitTargetMissing { target, limit } => (id(limit), q(target)),
            Issue::DecisionLinkMissing { target, decision } => (id(decision), q(target)),
            Issue::CriterionMissingItem { item, criterion } | Issue::CriterionForeignItem { item, criterion, .. } => {
                (id(criterion), q(item))
            }
            Issue::MetByMissing { target, deadline } => (id(deadline), q(target)),
            // A level not among the levels is first written after the expectation's id in `one_of`.
            Issue::AcceptedNotALevel { level, expectation } => (id(expectation), q(level)),
            Issue::NoThresholdLevel { expectation } | Issue::MinimumAndOneOf { expectation } => {
                (id(expectation), "threshold:".to_string())
            }
            Issue::ParentMissing { parent, item } => (id(item), format!("parent: \"{parent}\"")),
            Issue::RemediatesMissing { expectation, item } => (id(item), format!("remediates: \"{expectation}\"")),
            Issue::SupersededByMissing { by, decision } => (id(decision), format!("superseded_by: \"{by}\"")),
            Issue::MeetingPhaseMissing { phase, meeting } => (id(meeting), format!("phase: \"{phase}\"")),
            Issue::CriterionMeetingMissing { criterion, meeting } => (id(criterion), format!("meeting: \"{meeting}\"")),
            Issue::WaiverMissing { waiver, gate } => (id(gate), format!("waiver: \"{waiver}\"")),
            _ => return None,
        })
    }

    /// Where in a file's text the problem is: pieces of text to look for, each with which
    /// occurrence (1-based) to take, best first.
    pub fn place(&self) -> Vec<(String, usize)> {
        let q = |s: &str| format!("\"{s}\"");
        let id = |s: &str| format!("id: \"{s}\"");
        match self {
            Issue::NoPhases => vec![("phases".into(), 1)],
            Issue::BadId { id: bad, .. } => vec![(q(bad), 1)],
            Issue::DuplicateId { id: dup, nth, .. } => vec![(id(dup), *nth)],
            Issue::OptionTwice { option, question } => vec![(id(option), 2), (id(question), 1)],
            Issue::NoOptions { question } | Issue::TooManyAnswers { question, .. } => vec![(id(question), 1)],
            Issue::AnswerNotAnOption { answer, question } => vec![(q(answer), 1), (id(question), 1)],
            Issue::UnknownQuestion { owner, question, option } | Issue::UnknownOption { owner, question, option } => {
                vec![(format!("Is(\"{question}\", \"{option}\")"), 1), (id(owner), 1)]
            }
            Issue::ParentMissing { parent, item } => vec![(format!("parent: \"{parent}\""), 1), (id(item), 1)],
            Issue::ParentCycle { item } => vec![(id(item), 1)],
            // The item is named once as an item and again in the criterion; when the item's
            // own id is the one misspelt, the criterion's mention is the only one.
            Issue::CriterionForeignItem { item, criterion, .. } | Issue::CriterionMissingItem { item, criterion } => {
                vec![(q(item), 2), (q(item), 1), (id(criterion), 1)]
            }
            Issue::CriterionMeetingMissing { criterion, meeting } => {
                vec![(format!("meeting: \"{meeting}\""), 1), (id(criterion), 1)]
            }
            Issue::PassedBeforeEarlierGate { gate } => vec![(id(gate), 1)],
            Issue::TwoRemediationPhases { .. } => vec![("receives_remediation: true".into(), 2)],
            Issue::UnknownLanguage { code } => vec![(format!("language: \"{code}\""), 1)],
            Issue::ExclusiveOnOne { option, question } => vec![(id(option), 1), (id(question), 1)],
            Issue::ExclusiveWithOthers { question, .. } => vec![(id(question), 1)],
            Issue::WaiverMissing { waiver, gate } => vec![(format!("waiver: \"{waiver}\""), 1), (id(gate), 1)],
            Issue::LimitTargetMissing { target, limit } => vec![(q(target), 1), (id(limit), 1)],
            Issue::DecisionLinkMissing { target, decision } => vec![(q(target), 1), (id(decision), 1)],
            Issue::RemediatesMissing { expectation, item } => {
                vec![(format!("remediates: \"{expectation}\""), 1), (id(item), 1)]
            }
            Issue::SupersededByMissing { by, decision } => {
                vec![(format!("superseded_by: \"{by}\""), 1), (id(decision), 1)]
            }
            Issue::MeetingPhaseMissing { phase, meeting } => {
                vec![(format!("phase: \"{phase}\""), 1), (id(meeting), 1)]
            }
            Issue::MinimumNotALevel { minimum, expectation } => {
                vec![(format!("minimum: \"{minimum}\""), 1), (id(expectation), 1)]
            }
            Issue::NoThresholdLevel { expectation } | Issue::MinimumAndOneOf { expectation } => {
                vec![(id(expectation), 1)]
            }
            Issue::SpanTooLong { deadline } => vec![(id(deadline), 1)],
            Issue::AcceptedNotALevel { expectation, .. } => vec![(id(expectation), 1)],
            Issue::MetByMissing { target, deadline } => vec![(q(target), 1), (id(deadline), 1)],
            Issue::StartBeforePurchase { .. } => vec![("start_date".into(), 1)],
            Issue::SignOffBeforeReachedDay { gate, date, .. } => vec![(format!("\"{date}\""), 1), (id(gate), 1)],
            Issue::StartedAfterPass { phase, started, .. } => {
                vec![(format!("started: Some(\"{started}\")"), 1), (id(phase), 1)]
            }
            Issue::MergeConflict { target, field, .. } => {
                vec![(format!("field: \"{field}\""), 1), (format!("target: \"{target}\""), 1), ("conflicts:".into(), 1)]
            }
            Issue::BeforeStart { what, date, .. } => match what {
                Dated::PhaseStarted(phase) => vec![(format!("started: Some(\"{date}\")"), 1), (id(phase), 1)],
                Dated::SignOff(gate) | Dated::GatePassed(gate) => vec![(format!("\"{date}\""), 1), (id(gate), 1)],
                _ => vec![(format!("\"{date}\""), 1)],
            },
            Issue::RuledOut { conflict, .. } => vec![(id(conflict), 1)],
            Issue::SignOffBeforeReached { gate, .. } => vec![(id(gate), 1)],
            Issue::DateOutOfRange { date, .. } => vec![(format!("\"{date}"), 1)],
        }
    }
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Issue::NoPhases => write!(f, "a workbook needs at least one phase"),
            Issue::ExclusiveOnOne { question, option } => write!(
                f,
                "option \"{option}\" of question \"{question}\" is `exclusive`, but the question takes one answer (`choice: One`) anyway; `exclusive` is for `choice: Many`"
            ),
            Issue::ExclusiveWithOthers { question, option } => write!(
                f,
                "question \"{question}\" is answered with \"{option}\", which excludes the others, and with others too; keep one or the other"
            ),
            Issue::UnknownLanguage { code } => write!(
                f,
                "language \"{code}\" is not one phasebook has labels in ({}): its labels, dates and exports are shown in English",
                LANGUAGES.join(", ")
            ),
            Issue::TwoRemediationPhases { first, second } => write!(
                f,
                "phases \"{first}\" and \"{second}\" both say `receives_remediation: true`; one phase receives the items failed expectations raise"
            ),
            Issue::BadId { what, id } => write!(f, "{what} id {id:?} must be non-empty and without spaces"),
            Issue::DuplicateId { what, id, .. } => {
                write!(f, "duplicate id \"{id}\": {what} ids must be unique in the workbook")
            }
            Issue::OptionTwice { question, option } => {
                write!(f, "question \"{question}\" has option \"{option}\" twice")
            }
            Issue::NoOptions { question } => write!(f, "question \"{question}\" has no options"),
            Issue::AnswerNotAnOption { question, answer } => {
                write!(f, "question \"{question}\" is answered \"{answer}\", which is not one of its options")
            }
            Issue::TooManyAnswers { question, count } => {
                write!(f, "question \"{question}\" takes one answer but has {count}")
            }
            Issue::UnknownQuestion { owner, question, .. } => {
                write!(f, "\"{owner}\" depends on question \"{question}\", which does not exist")
            }
            Issue::UnknownOption { owner, question, option } => write!(
                f,
                "\"{owner}\" depends on option \"{option}\" of question \"{question}\", which has no such option"
            ),
            Issue::ParentMissing { item, parent } => {
                write!(f, "item \"{item}\" names parent \"{parent}\", which is not an item of the same list")
            }
            Issue::ParentCycle { item } => write!(f, "item \"{item}\" is its own ancestor (a parent cycle)"),
            Issue::CriterionForeignItem { criterion, phase, item } => write!(
                f,
                "criterion \"{criterion}\" of phase \"{phase}\" names item \"{item}\" of another list (a later phase, or General); a gate can wait for items of its own phase and the phases before it"
            ),
            Issue::CriterionMissingItem { criterion, item } => {
                write!(f, "criterion \"{criterion}\" names item \"{item}\", which does not exist")
            }
            Issue::CriterionMeetingMissing { criterion, meeting } => write!(
                f,
                "criterion \"{criterion}\" is met by meeting \"{meeting}\", which no phase plans (its `meetings`)"
            ),
            Issue::PassedBeforeEarlierGate { gate } => {
                write!(f, "gate \"{gate}\" is passed while an earlier gate is still open")
            }
            Issue::WaiverMissing { gate, waiver } => {
                write!(f, "gate \"{gate}\" is waived by decision \"{waiver}\", which does not exist")
            }
            Issue::LimitTargetMissing { limit, target } => {
                write!(f, "limit \"{limit}\" applies to \"{target}\", which does not exist")
            }
            Issue::RemediatesMissing { item, expectation } => {
                write!(f, "item \"{item}\" remediates \"{expectation}\", which is not an expectation")
            }
            Issue::DecisionLinkMissing { decision, target } => {
                write!(f, "decision \"{decision}\" links to \"{target}\", which does not exist")
            }
            Issue::SupersededByMissing { decision, by } => {
                write!(f, "decision \"{decision}\" is superseded by \"{by}\", which does not exist")
            }
            Issue::MeetingPhaseMissing { meeting, phase } => {
                write!(f, "meeting \"{meeting}\" belongs to phase \"{phase}\", which does not exist")
            }
            Issue::MinimumNotALevel { expectation, minimum } => {
                write!(f, "expectation \"{expectation}\" has minimum \"{minimum}\", which is not one of its levels")
            }
            Issue::MetByMissing { deadline, target } => {
                write!(f, "deadline \"{deadline}\" is met by \"{target}\", which is neither an item nor a gate")
            }
            Issue::AcceptedNotALevel { expectation, level } => write!(
                f,
                "expectation \"{expectation}\" accepts \"{level}\" (`one_of`), which is not one of its levels"
            ),
            Issue::SpanTooLong { deadline } => write!(
                f,
                "deadline \"{deadline}\" is due more than 100 years after it starts; a span is at most `Days({MAX_SPAN_DAYS})` or `Months({MAX_SPAN_MONTHS})`"
            ),
            Issue::NoThresholdLevel { expectation } => write!(
                f,
                "expectation \"{expectation}\" has a threshold with neither `minimum` nor a level in `one_of`; give the least level that meets (`minimum: \"…\"`) or the levels that do (`one_of: [\"…\"]`)"
            ),
            Issue::MinimumAndOneOf { expectation } => write!(
                f,
                "expectation \"{expectation}\" has a threshold with both `minimum` and `one_of`; give one: `minimum` for a level and every level above it, `one_of` for a set"
            ),
            Issue::StartBeforePurchase { start, purchase } => write!(
                f,
                "the start date {start} is before the purchase date {purchase}; onboarding starts after the purchase (fix the dates on the engagement screen)"
            ),
            Issue::SignOffBeforeReachedDay { gate, party, date, reached, .. } => write!(
                f,
                "gate \"{gate}\" has a sign-off for {party:?} dated {date}, before the gate was reached on {reached} (the day the gate before it passed)"
            ),
            Issue::StartedAfterPass { phase, started, passed, .. } => write!(
                f,
                "phase \"{phase}\" started {started}, after its gate passed ({passed}); fix the start on its gate screen"
            ),
            Issue::MergeConflict { target, field, .. } => write!(
                f,
                "the merge of two copies left \"{field}\" of \"{target}\" changed differently on each side; the workbook holds ours until it is resolved (the conflicts screen in the interface)"
            ),
            Issue::BeforeStart { what, date, start, .. } => write!(
                f,
                "the {what} is {date}, before the engagement started ({start}); fix the day, or the start date on the engagement screen"
            ),
            Issue::RuledOut { conflict, reason } => {
                write!(f, "the scope answers make a combination the process rules out ({conflict}): {reason}")
            }
            Issue::SignOffBeforeReached { gate, party, .. } => write!(
                f,
                "gate \"{gate}\" has a sign-off for {party:?} while an earlier gate is still open; sign off once the gate is reached"
            ),
            Issue::DateOutOfRange { what, date } => write!(
                f,
                "the {what} is {date}, outside the years {} to {}; write dates as YYYY-MM-DD, e.g. 2026-11-26",
                due::YEARS.start(),
                due::YEARS.end()
            ),
        }
    }
}

/// Every problem with a workbook, in the order the checks find them.
pub fn check(wb: &Workbook) -> Vec<Issue> {
    let mut c = Checker { issues: Vec::new(), seen: HashMap::new() };
    c.ids(wb);
    c.scope(wb);
    c.items(wb);
    c.gates(wb);
    c.references(wb);
    c.dates(wb);
    let language = wb.meta.language.to_ascii_lowercase();
    if !LANGUAGES.iter().any(|l| language == *l || language.starts_with(&format!("{l}-"))) {
        c.issues.push(Issue::UnknownLanguage { code: wb.meta.language.clone() });
    }
    for conflict in &wb.conflicts {
        let id = conflict.target.as_str();
        let title = wb
            .item(id)
            .map(|i| i.text.clone())
            .or_else(|| wb.phases.iter().find(|p| p.id == id).map(|p| p.title.clone()))
            .or_else(|| wb.phases.iter().find(|p| p.gate.id == id).map(|p| p.gate.title.clone()))
            .or_else(|| wb.scope.iter().find(|q| q.id == id).map(|q| q.text.clone()))
            .or_else(|| wb.decisions.iter().find(|d| d.id == id).map(|d| format!("{} {}", d.id, d.title)))
            .or_else(|| wb.meetings.iter().find(|m| m.id == id).map(|m| format!("{} {}", m.id, m.title)))
            .or_else(|| (id == "engagement").then(|| wb.engagement.customer.clone()).filter(|c| !c.is_empty()))
            // An item one copy removed: its text as the other kept it.
            .or_else(|| {
                let text = |v: &Option<String>| {
                    let (_, item): (String, super::workbook::Item) = ron::from_str(v.as_deref()?).ok()?;
                    Some(item.text)
                };
                text(&conflict.theirs).or_else(|| text(&conflict.ours)).or_else(|| text(&conflict.base))
            })
            .unwrap_or_else(|| id.to_string());
        c.issues.push(Issue::MergeConflict { target: id.to_string(), field: conflict.field.clone(), title });
    }
    let mut receiving = wb.phases.iter().filter(|p| p.receives_remediation);
    if let (Some(first), Some(second)) = (receiving.next(), receiving.next()) {
        c.issues.push(Issue::TwoRemediationPhases { first: first.id.clone(), second: second.id.clone() });
    }
    c.issues
}

/// The longest a deadline's span may be, in days or months: a hundred years.
pub const MAX_SPAN_DAYS: u32 = 36_500;
pub const MAX_SPAN_MONTHS: u32 = 1_200;

/// The languages phasebook has labels in (the interface's string tables), by code.
pub const LANGUAGES: &[&str] = &["en", "sv"];

/// Whether an edit can change what [`check`] finds: statuses, assignees, notes,
/// findings and criteria are in no rule, so the interface need not check again after them.
pub fn affected_by(edit: &Edit) -> bool {
    match edit {
        Edit::Status { .. }
        | Edit::Assignee { .. }
        | Edit::Note { .. }
        | Edit::Assessment { .. }
        | Edit::Criterion { .. } => false,
        Edit::Batch(edits) => edits.iter().any(affected_by),
        _ => true,
    }
}

/// The errors among `issues`.
pub fn errors(issues: &[Issue]) -> impl Iterator<Item = &Issue> {
    issues.iter().filter(|i| i.is_error())
}

struct Checker {
    issues: Vec<Issue>,
    /// How often each id has been seen.
    seen: HashMap<String, usize>,
}

impl Checker {
    /// Registers an id; a second sighting is a duplicate.
    fn id(&mut self, id: &str, what: &'static str) {
        let count = self.seen.entry(id.to_string()).or_insert(0);
        *count += 1;
        let nth = *count;
        if id.trim().is_empty() || id.chars().any(char::is_whitespace) {
            self.issues.push(Issue::BadId { what, id: id.to_string() });
        } else if nth > 1 {
            self.issues.push(Issue::DuplicateId { what, id: id.to_string(), nth });
        }
    }

    fn ids(&mut self, wb: &Workbook) {
        if wb.phases.is_empty() {
            self.issues.push(Issue::NoPhases);
        }
        for d in &wb.deadlines {
            self.id(&d.id, "deadline");
        }
        for l in &wb.limits {
            self.id(&l.id, "limit");
        }
        for q in &wb.scope {
            self.id(&q.id, "question");
        }
        for c in &wb.scope_conflicts {
            self.id(&c.id, "conflict");
        }
        for e in &wb.expectations {
            self.id(&e.id, "expectation");
        }
        for item in &wb.general {
            self.id(&item.id, "item");
        }
        for phase in &wb.phases {
            self.id(&phase.id, "phase");
            for item in &phase.items {
                self.id(&item.id, "item");
            }
            for m in &phase.meetings {
                self.id(&m.id, "meeting");
            }
            self.id(&phase.gate.id, "gate");
            for c in &phase.gate.criteria {
                self.id(&c.id, "criterion");
            }
        }
        for d in &wb.decisions {
            self.id(&d.id, "decision");
        }
        for m in &wb.meetings {
            self.id(&m.id, "meeting");
        }
    }

    fn scope(&mut self, wb: &Workbook) {
        for q in &wb.scope {
            let mut options = HashSet::new();
            for o in &q.options {
                if !options.insert(o.id.as_str()) {
                    self.issues.push(Issue::OptionTwice { question: q.id.clone(), option: o.id.clone() });
                }
            }
            if q.options.is_empty() {
                self.issues.push(Issue::NoOptions { question: q.id.clone() });
            }
            for a in &q.answer {
                if !options.contains(a.as_str()) {
                    self.issues.push(Issue::AnswerNotAnOption { question: q.id.clone(), answer: a.clone() });
                }
            }
            if q.choice == Choice::One && q.answer.len() > 1 {
                self.issues.push(Issue::TooManyAnswers { question: q.id.clone(), count: q.answer.len() });
            }
            for o in q.options.iter().filter(|o| o.exclusive) {
                if q.choice == Choice::One {
                    self.issues.push(Issue::ExclusiveOnOne { question: q.id.clone(), option: o.id.clone() });
                } else if q.answer.contains(&o.id) && q.answer.len() > 1 {
                    self.issues.push(Issue::ExclusiveWithOthers { question: q.id.clone(), option: o.id.clone() });
                }
            }
        }
        let conditions = wb
            .all_items()
            .map(|(_, item)| (&item.id, &item.when))
            .chain(wb.expectations.iter().map(|e| (&e.id, &e.when)))
            .chain(wb.scope_conflicts.iter().map(|c| (&c.id, &c.when)))
            .chain(wb.limits.iter().map(|l| (&l.id, &l.when)))
            .chain(wb.deadlines.iter().map(|d| (&d.id, &d.when)));
        for (owner, condition) in conditions {
            self.condition(wb, owner, condition);
        }
        for conflict in scope::conflicts(wb) {
            self.issues.push(Issue::RuledOut { conflict: conflict.id.clone(), reason: conflict.reason.clone() });
        }
    }

    fn condition(&mut self, wb: &Workbook, owner: &str, condition: &Condition) {
        for (question, option) in condition.references() {
            let (owner, question_id) = (owner.to_string(), question.to_string());
            match wb.question(question) {
                None => self.issues.push(Issue::UnknownQuestion {
                    owner,
                    question: question_id,
                    option: option.to_string(),
                }),
                Some(q) if !q.options.iter().any(|o| o.id == option) => {
                    self.issues.push(Issue::UnknownOption { owner, question: question_id, option: option.to_string() })
                }
                Some(_) => {}
            }
        }
    }

    fn items(&mut self, wb: &Workbook) {
        let lists = std::iter::once(&wb.general).chain(wb.phases.iter().map(|p| &p.items));
        for items in lists {
            let ids: HashMap<&str, Option<&str>> = items.iter().map(|i| (i.id.as_str(), i.parent.as_deref())).collect();
            for item in items {
                let Some(parent) = item.parent.as_deref() else { continue };
                if !ids.contains_key(parent) {
                    self.issues.push(Issue::ParentMissing { item: item.id.clone(), parent: parent.to_string() });
                    continue;
                }
                // Follow the parents; coming back to the item is a cycle.
                let mut at = Some(parent);
                for _ in 0..=items.len() {
                    match at {
                        Some(p) if p == item.id => {
                            self.issues.push(Issue::ParentCycle { item: item.id.clone() });
                            break;
                        }
                        Some(p) => at = ids.get(p).copied().flatten(),
                        None => break,
                    }
                }
            }
        }
    }

    fn gates(&mut self, wb: &Workbook) {
        let mut earlier_open = false;
        // The day the gate before passed: the day this one was reached.
        let mut reached: Option<NaiveDate> = None;
        // A gate may wait for items of its own phase and of the phases before it.
        let mut own: HashSet<&str> = HashSet::new();
        for phase in &wb.phases {
            own.extend(phase.items.iter().map(|i| i.id.as_str()));
            for criterion in &phase.gate.criteria {
                for id in &criterion.items {
                    if own.contains(id.as_str()) {
                        continue;
                    }
                    let (criterion, item) = (criterion.id.clone(), id.clone());
                    self.issues.push(if wb.item(id).is_some() {
                        Issue::CriterionForeignItem { criterion, phase: phase.id.clone(), item }
                    } else {
                        Issue::CriterionMissingItem { criterion, item }
                    });
                }
            }
            for signoff in phase.gate.signoffs.iter().filter(|s| !s.name.trim().is_empty()) {
                let (gate, title, party) = (phase.gate.id.clone(), phase.gate.title.clone(), signoff.party);
                if earlier_open {
                    self.issues.push(Issue::SignOffBeforeReached { gate, title, party });
                } else if let Some(reached) = reached.filter(|day| signoff.date < *day) {
                    self.issues.push(Issue::SignOffBeforeReachedDay {
                        gate,
                        title,
                        party,
                        date: signoff.date,
                        reached,
                    });
                }
            }
            if let Some(passage) = &phase.gate.passed {
                reached = Some(passage.date);
                if let Some(started) = phase.started
                    && started > passage.date
                {
                    self.issues.push(Issue::StartedAfterPass {
                        phase: phase.id.clone(),
                        title: phase.title.clone(),
                        started,
                        passed: passage.date,
                    });
                }
                if earlier_open {
                    self.issues.push(Issue::PassedBeforeEarlierGate { gate: phase.gate.id.clone() });
                }
                if let Some(waiver) = &passage.waiver
                    && !wb.decisions.iter().any(|d| &d.id == waiver)
                {
                    self.issues.push(Issue::WaiverMissing { gate: phase.gate.id.clone(), waiver: waiver.clone() });
                }
            } else {
                earlier_open = true;
            }
        }
    }

    fn references(&mut self, wb: &Workbook) {
        let mut found = Vec::new();
        let known = |id: &str| self.seen.contains_key(id);
        for limit in &wb.limits {
            for id in limit.applies_to.iter().filter(|id| !known(id)) {
                found.push(Issue::LimitTargetMissing { limit: limit.id.clone(), target: id.clone() });
            }
        }
        for d in &wb.deadlines {
            let too_long = match d.within {
                Span::Days(n) => n > MAX_SPAN_DAYS,
                Span::Months(n) => n > MAX_SPAN_MONTHS,
            };
            if too_long {
                found.push(Issue::SpanTooLong { deadline: d.id.clone() });
            }
            for id in &d.met_by {
                if wb.item(id).is_none() && !wb.phases.iter().any(|p| &p.gate.id == id) {
                    found.push(Issue::MetByMissing { deadline: d.id.clone(), target: id.clone() });
                }
            }
        }
        for (_, item) in wb.all_items() {
            if let Some(e) = &item.remediates
                && !wb.expectations.iter().any(|x| &x.id == e)
            {
                found.push(Issue::RemediatesMissing { item: item.id.clone(), expectation: e.clone() });
            }
        }
        for d in &wb.decisions {
            for id in d.links.iter().filter(|id| !known(id)) {
                found.push(Issue::DecisionLinkMissing { decision: d.id.clone(), target: id.clone() });
            }
            if let Some(s) = &d.superseded_by
                && !wb.decisions.iter().any(|x| &x.id == s)
            {
                found.push(Issue::SupersededByMissing { decision: d.id.clone(), by: s.clone() });
            }
        }
        for phase in &wb.phases {
            for c in &phase.gate.criteria {
                if let Some(m) = &c.meeting
                    && !wb.phases.iter().any(|p| p.meetings.iter().any(|planned| &planned.id == m))
                {
                    found.push(Issue::CriterionMeetingMissing { criterion: c.id.clone(), meeting: m.clone() });
                }
            }
        }
        for m in &wb.meetings {
            if let Some(p) = &m.phase
                && wb.phase(p).is_none()
            {
                found.push(Issue::MeetingPhaseMissing { meeting: m.id.clone(), phase: p.clone() });
            }
        }
        for e in &wb.expectations {
            let Some(t) = &e.threshold else { continue };
            let expectation = || e.id.clone();
            // Every level named as meeting must be one the threshold knows.
            match (t.minimum.is_empty(), t.one_of.is_empty()) {
                (true, true) => found.push(Issue::NoThresholdLevel { expectation: expectation() }),
                (false, false) => found.push(Issue::MinimumAndOneOf { expectation: expectation() }),
                (false, true) if !t.levels.contains(&t.minimum) => {
                    found.push(Issue::MinimumNotALevel { expectation: expectation(), minimum: t.minimum.clone() });
                }
                _ => {}
            }
            for level in t.one_of.iter().filter(|l| !t.levels.contains(l)) {
                found.push(Issue::AcceptedNotALevel { expectation: expectation(), level: level.clone() });
            }
        }
        self.issues.extend(found);
    }

    fn dates(&mut self, wb: &Workbook) {
        let e = &wb.engagement;
        let mut date = |what: &dyn Fn() -> Dated, day: NaiveDate| {
            if !due::YEARS.contains(&day.year()) {
                self.issues.push(Issue::DateOutOfRange { what: what(), date: day.format("%Y-%m-%d").to_string() });
            }
        };
        if let Some(d) = e.purchase_date {
            date(&|| Dated::Purchase, d);
        }
        if let Some(d) = e.start_date {
            date(&|| Dated::Start, d);
        }
        for phase in &wb.phases {
            if let Some(d) = phase.started {
                date(&|| Dated::PhaseStarted(phase.id.clone()), d);
            }
            for signoff in &phase.gate.signoffs {
                date(&|| Dated::SignOff(phase.gate.id.clone()), signoff.date);
            }
            if let Some(passed) = &phase.gate.passed {
                date(&|| Dated::GatePassed(phase.gate.id.clone()), passed.date);
            }
        }
        for (_, item) in wb.all_items() {
            if let Some(d) = item.due {
                date(&|| Dated::ItemDue(item.id.clone()), d);
            }
            for note in &item.notes {
                date(&|| Dated::Note(item.id.clone()), note.at.date_naive());
            }
        }
        for d in &wb.decisions {
            date(&|| Dated::Decision(d.id.clone()), d.date);
        }
        for m in &wb.meetings {
            date(&|| Dated::Meeting(m.id.clone()), m.held.date_naive());
        }
        for c in &wb.history {
            date(&|| Dated::Change, c.at.date_naive());
        }
        if let (Some(purchase), Some(start)) = (e.purchase_date, e.start_date)
            && start < purchase
        {
            self.issues.push(Issue::StartBeforePurchase { start, purchase });
        }
        if let Some(start) = e.start_date {
            for phase in &wb.phases {
                let gate = || phase.gate.id.clone();
                let (on_phase, on_gate) = (&phase.title, &phase.gate.title);
                let dated = phase.started.map(|d| (Dated::PhaseStarted(phase.id.clone()), on_phase, d)).into_iter();
                let signed = phase.gate.signoffs.iter().map(|s| (Dated::SignOff(gate()), on_gate, s.date));
                let passed = phase.gate.passed.iter().map(|p| (Dated::GatePassed(gate()), on_gate, p.date));
                for (what, title, date) in dated.chain(signed).chain(passed) {
                    if date < start && due::YEARS.contains(&date.year()) {
                        self.issues.push(Issue::BeforeStart { what, title: title.clone(), date, start });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{self, date};

    #[test]
    fn a_clean_workbook_has_no_issues() {
        assert_eq!(check(&fixture::workbook()), []);
    }

    #[test]
    fn a_phase_started_passed_or_signed_before_the_engagement_started_is_a_warning() {
        let mut wb = fixture::workbook();
        wb.engagement.start_date = Some(date(2026, 3, 1));
        wb.phases[0].started = Some(date(2026, 2, 27));
        wb.phases[0].gate.passed =
            Some(crate::model::Passage { date: date(2026, 3, 1), by: "Ann".into(), waiver: None });
        let issues = check(&wb);
        let gate = wb.phases[0].gate.id.clone();
        let phase = wb.phases[0].id.clone();
        assert_eq!(
            issues,
            [Issue::BeforeStart {
                what: Dated::PhaseStarted(phase),
                title: wb.phases[0].title.clone(),
                date: date(2026, 2, 27),
                start: date(2026, 3, 1)
            }]
        );
        assert_eq!(issues[0].severity(), Severity::Warning);
        wb.phases[0].gate.passed.as_mut().unwrap().date = date(2026, 2, 28);
        assert!(check(&wb).contains(&Issue::BeforeStart {
            what: Dated::GatePassed(gate),
            title: wb.phases[0].gate.title.clone(),
            date: date(2026, 2, 28),
            start: date(2026, 3, 1)
        }));
    }

    #[test]
    fn a_sign_off_dated_before_its_gate_was_reached_and_a_start_after_the_pass_are_warnings() {
        let mut wb = fixture::workbook();
        wb.phases[0].gate.passed =
            Some(crate::model::Passage { date: date(2026, 3, 10), by: "Ann".into(), waiver: None });
        wb.phases[1].gate.signoffs =
            vec![crate::model::SignOff { party: Owner::Microsoft, name: "Bo".into(), date: date(2026, 3, 9) }];
        assert!(matches!(&check(&wb)[..], [Issue::SignOffBeforeReachedDay { party: Owner::Microsoft, .. }]));
        wb.phases[1].gate.signoffs[0].date = date(2026, 3, 10);
        assert_eq!(check(&wb), []);
        wb.phases[0].started = Some(date(2026, 3, 11));
        let issues = check(&wb);
        assert!(matches!(&issues[..], [Issue::StartedAfterPass { .. }]), "{issues:?}");
        assert_eq!(issues[0].severity(), Severity::Warning);
    }

    #[test]
    fn dates_out_of_order_are_a_warning_a_duplicate_id_an_error() {
        let mut wb = fixture::workbook();
        wb.engagement.purchase_date = Some(date(2026, 11, 20));
        wb.engagement.start_date = Some(date(2026, 11, 1));
        let issues = check(&wb);
        assert_eq!(issues, [Issue::StartBeforePurchase { start: date(2026, 11, 1), purchase: date(2026, 11, 20) }]);
        assert_eq!(issues[0].severity(), Severity::Warning);
        wb.phases[1].id = wb.phases[0].id.clone();
        assert!(check(&wb).iter().any(|i| matches!(i, Issue::DuplicateId { nth: 2, .. }) && i.is_error()));
    }
}
