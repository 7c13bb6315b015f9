//! The workbook as it lives in a file: the process definition (phases, responsibilities,
//! scope questions, expectations, gates) and the engagement's state (statuses, notes,
//! decisions, history) side by side. Plain data; the rules live in sibling modules.

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::condition::Condition;

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The file format version this build writes. Older versions are migrated on load.
pub const FORMAT_VERSION: u32 = 1;

/// A whole engagement workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Workbook {
    pub version: u32,
    pub meta: Meta,
    #[serde(default, skip_serializing_if = "is_default")]
    pub engagement: Engagement,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<Deadline>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<Limit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope: Vec<ScopeQuestion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope_conflicts: Vec<ScopeConflict>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expectations: Vec<Expectation>,
    /// Responsibilities that hold for the whole engagement, outside any phase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub general: Vec<Item>,
    pub phases: Vec<Phase>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<Meeting>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Change>,
    /// What a merge of two copies could not settle, left for a person to: the workbook
    /// holds ours meanwhile.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// A field two copies of one workbook changed differently since their common base. The
/// workbook holds `ours`; each value is the field's value written as RON (`None`: the thing
/// is not there on that side, e.g. an item one side removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The id of what both changed: an item, question, gate, criterion, decision, meeting,
    /// phase, or `engagement`.
    pub target: String,
    /// Which of its fields: `status`, `assignee`, `due`, `text`, `answer`, …
    pub field: String,
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
}

/// What the workbook is and where its content comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Template id shared by every language of the same process, e.g. `intune-fasttrack`.
    pub template: String,
    pub title: String,
    /// BCP 47 language tag of the content (`sv`, `en`).
    pub language: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    /// Credit for the source the content follows, with its licence.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// What the process calls its parties, where not the interface's words for them
    /// (Microsoft, Customer, Joint): `parties: (provider: "Northwind Consulting")`.
    #[serde(default, skip_serializing_if = "Parties::is_empty")]
    pub parties: Parties,
}

/// The names of the parties an item belongs to, as a workbook's process calls them. An empty
/// one keeps the interface's word.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Parties {
    /// The party that runs the engagement: `owner: Microsoft` in the file.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub provider: String,
    /// The party it is run for: `owner: Customer`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub customer: String,
    /// Both together: `owner: Joint`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub joint: String,
}

impl Parties {
    pub fn is_empty(&self) -> bool {
        self.provider.is_empty() && self.customer.is_empty() && self.joint.is_empty()
    }

    /// The workbook's own name for `owner`, if it gives one.
    pub fn name(&self, owner: Owner) -> Option<&str> {
        let name = match owner {
            Owner::Microsoft => &self.provider,
            Owner::Customer => &self.customer,
            Owner::Joint => &self.joint,
        };
        (!name.trim().is_empty()).then_some(name.as_str())
    }
}

/// Who the engagement is for and the dates the deadlines count from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Engagement {
    /// What tells this engagement from every other, whatever its customer is called: given
    /// once when it is made (`phasebook new`, the picker's `n`), never changed. Calendar
    /// entries are known by it. Empty in a workbook made before there were ids.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    pub customer: String,
    pub tenant: String,
    pub project_lead: String,
    pub partner: String,
    pub purchase_date: Option<NaiveDate>,
    pub start_date: Option<NaiveDate>,
}

/// The engagement date a deadline counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Anchor {
    Purchase,
    Start,
}

/// How long after its anchor a deadline falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Span {
    Days(u32),
    Months(u32),
}

/// A deadline the process sets, such as first contact within 30 days of purchase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    pub id: String,
    pub title: String,
    pub from: Anchor,
    pub within: Span,
    /// The items and gates that meet the deadline once all of them are closed (items done or
    /// not applicable, gates passed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub met_by: Vec<String>,
    /// When the deadline applies ("for a new tenant"); while false under the scope answers
    /// it is shown nowhere.
    #[serde(default, skip_serializing_if = "Condition::is_always")]
    pub when: Condition,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum LimitKind {
    /// A bound on what the service covers (two test devices per platform, …).
    Limit,
    /// Something the service explicitly does not cover.
    OutOfScope,
    /// A condition for being entitled to the service at all.
    Eligibility,
    /// Something worth knowing that neither bounds nor excludes anything ("giving Microsoft
    /// access is not required"; support hours).
    Note,
}

/// A limit or out-of-scope note from the source, tied to the items it qualifies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub id: String,
    pub kind: LimitKind,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applies_to: Vec<String>,
    /// When the limit or note applies (the notes for several forests); while false under
    /// the scope answers it is shown nowhere.
    #[serde(default, skip_serializing_if = "Condition::is_always")]
    pub when: Condition,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Choice {
    /// Exactly one option may be chosen.
    #[default]
    One,
    /// Any number of options may be chosen.
    Many,
}

/// A question whose answer decides which items are in scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeQuestion {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub help: String,
    #[serde(default)]
    pub choice: Choice,
    pub options: Vec<ScopeOption>,
    /// The chosen option ids; empty while unanswered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeOption {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub help: String,
    /// On a many-choice question: "none of these". Choosing it clears the others, and
    /// choosing another clears it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub exclusive: bool,
}

/// A combination of answers the source rules out, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeConflict {
    pub id: String,
    pub when: Condition,
    pub reason: String,
}

/// The assessed state of one source-environment expectation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Assessment {
    #[default]
    Unknown,
    Meets,
    DoesNotMeet,
}

/// A minimum level with the known levels in ascending order, so a found level can be judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// The least level that meets: every level from it up does.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub minimum: String,
    pub levels: Vec<String>,
    /// The levels that meet when they are a set rather than everything from a minimum up
    /// (Exchange 2013 or 2010, not 2016); when given, the minimum is not used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
}

/// What the source environment must offer before onboarding, and what was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    pub id: String,
    /// The part of the onboarding it belongs to (core capabilities, service onboarding).
    pub area: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Threshold>,
    #[serde(default, skip_serializing_if = "Condition::is_always")]
    pub when: Condition,
    #[serde(default, skip_serializing_if = "is_default")]
    pub result: Assessment,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub found: String,
}

/// A step of the process, with the checklist that belongs to it and the gate at its end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    pub title: String,
    /// The stage a phase is part of when one stage has several parts (Enable: core, then service).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stage: String,
    pub purpose: String,
    /// The phase that receives the remediation item a failed expectation raises; at most
    /// one phase may say so. Without one, a phase with the id `remediate` does, else the first.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub receives_remediation: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meetings: Vec<PlannedMeeting>,
    pub gate: Gate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<NaiveDate>,
}

/// Who is responsible for an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Owner {
    Microsoft,
    Customer,
    Joint,
}

impl Owner {
    pub const ALL: [Owner; 3] = [Owner::Microsoft, Owner::Customer, Owner::Joint];
}

/// Whether an item is one of the source's responsibility bullets or a task of the checklist.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum ItemKind {
    #[default]
    Responsibility,
    Task,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Blocked,
    /// Set by hand: does not apply to this engagement whatever the scope says.
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 5] =
        [Status::NotStarted, Status::InProgress, Status::Done, Status::Blocked, Status::NotApplicable];

    /// The next status in the cycle a single key steps through.
    pub fn next(self) -> Status {
        match self {
            Status::NotStarted => Status::InProgress,
            Status::InProgress => Status::Done,
            Status::Done => Status::Blocked,
            Status::Blocked => Status::NotApplicable,
            Status::NotApplicable => Status::NotStarted,
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, Status::Done | Status::NotApplicable)
    }
}

/// One line of a checklist: a responsibility or a task, with its state in this engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub owner: Owner,
    #[serde(default, skip_serializing_if = "is_default")]
    pub kind: ItemKind,
    pub text: String,
    /// Groups a sub-bullet under its heading item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    #[serde(default, skip_serializing_if = "Condition::is_always")]
    pub when: Condition,
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: Status,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub assignee: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// The expectation this item remediates, when it was raised by an assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remediates: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    /// Added in this engagement, not part of the process: it may be removed again, and a
    /// template leaves it behind.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own: bool,
}

impl Item {
    /// A new item with every engagement field at its default.
    pub fn new(id: impl Into<String>, owner: Owner, text: impl Into<String>) -> Item {
        Item {
            id: id.into(),
            owner,
            kind: ItemKind::Responsibility,
            text: text.into(),
            parent: None,
            detail: String::new(),
            when: Condition::Always,
            status: Status::NotStarted,
            assignee: String::new(),
            due: None,
            remediates: None,
            own: false,
            notes: Vec::new(),
        }
    }
}

/// A time-stamped note on an item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub at: DateTime<FixedOffset>,
    pub by: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum MeetingKind {
    KickOff,
    #[default]
    Checkpoint,
    Other,
}

/// A meeting the process calls for in a phase (the kick-off, the checkpoint calls).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedMeeting {
    pub id: String,
    pub kind: MeetingKind,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub purpose: String,
}

/// A meeting that was held, with its minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    pub kind: MeetingKind,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    pub held: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agenda: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub minutes: String,
    /// The planned meeting (a phase's `meetings` entry) this one was, when it was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<String>,
}

/// The checkpoint at the end of a phase: its exit criteria and whether it was passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    /// A joint gate needs a named sign-off from each party.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub joint: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signoffs: Vec<SignOff>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passed: Option<Passage>,
}

/// One exit criterion. It is met when marked so and every item it names is closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
    /// The planned meeting (an id among the phases' `meetings`) whose holding meets this
    /// criterion: closing that meeting ticks it, in the same step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meeting: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub met: bool,
}

/// A party's named approval of a joint gate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    pub party: Owner,
    pub name: String,
    pub date: NaiveDate,
}

/// When and by whom a gate was passed; with a waiver when criteria were still open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Passage {
    pub date: NaiveDate,
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum DecisionStatus {
    #[default]
    Proposed,
    Accepted,
    Rejected,
    Superseded,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum DecisionKind {
    #[default]
    General,
    /// The answer to a scope question.
    Scope,
    /// Leave to pass a gate with open criteria.
    Waiver,
}

/// A decision record in the MADR style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    #[serde(default)]
    pub status: DecisionStatus,
    #[serde(default)]
    pub kind: DecisionKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deciders: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub context: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outcome: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub consequences: String,
    /// Ids of the phases, items, gates or questions the decision is about.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
}

/// One entry of the change history.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Change {
    pub at: DateTime<FixedOffset>,
    pub by: String,
    /// The id of what changed, when it has one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub target: String,
    /// The change in words, in the language of the session that made it: for a reader of
    /// the file, and for entries written before `said`.
    pub what: String,
    /// What the change did, as data, so each reader's interface says it in its own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<Said>,
}

impl Change {
    /// Whether the change is about `id`: what it changed, or a decision it names (the one a
    /// new decision superseded, the waiver a gate passed on).
    pub fn names(&self, id: &str) -> bool {
        fn said_names(said: &Said, id: &str) -> bool {
            match said {
                Said::DecisionSuperseded { replaces, .. } => replaces == id,
                Said::Waived { decision, .. } => decision == id,
                Said::Several(all) => all.iter().any(|s| said_names(s, id)),
                _ => false,
            }
        }
        self.target == id || self.said.as_ref().is_some_and(|said| said_names(said, id))
    }
}

/// What a change did, as the history keeps it: enough to say it in any language, without
/// the texts (notes, decisions) it changed, which the workbook holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Said {
    Status {
        from: Status,
        to: Status,
    },
    /// Assigned to `to`; unassigned when empty.
    Assigned {
        to: String,
    },
    /// A due date set, or cleared (`None`).
    Due {
        to: Option<NaiveDate>,
    },
    NoteAdded,
    NoteEdited,
    NoteRemoved,
    Answer {
        to: Vec<String>,
    },
    DecisionAdded {
        id: String,
    },
    DecisionEdited {
        id: String,
    },
    /// Decision `id` recorded in place of `replaces`, which it superseded.
    DecisionSuperseded {
        id: String,
        replaces: String,
    },
    /// Decision `id` set to the status `to`.
    DecisionStatus {
        id: String,
        to: DecisionStatus,
    },
    CriterionMet {
        id: String,
    },
    CriterionUnmet {
        id: String,
    },
    /// The sign-off of `party` given by `name` on the day `on`, or removed (empty).
    SignOff {
        party: Owner,
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<NaiveDate>,
    },
    /// Passed, as files from before passes were dated say it.
    Passed,
    /// Passed on the day `on`.
    PassedOn {
        on: NaiveDate,
    },
    Waived {
        decision: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on: Option<NaiveDate>,
    },
    Reopened,
    Assessed {
        result: Assessment,
    },
    ItemAdded,
    /// Removed, as files from before removals kept the item's text say it.
    ItemRemoved,
    /// Removed: the item's text, the one thing left to tell it by.
    ItemRemovedText {
        text: String,
    },
    /// Reworded, to `to`.
    ItemReworded {
        to: String,
    },
    /// Moved among its siblings.
    ItemMoved,
    /// The engagement brought up to a newer version of its process (`phasebook upgrade`).
    Upgraded {
        template: String,
        new: usize,
        reworded: usize,
        conflicts: usize,
    },
    Engagement,
    Meeting {
        title: String,
    },
    /// The day a phase started set, or cleared (`None`).
    PhaseStarted {
        on: Option<NaiveDate>,
    },
    /// A held meeting's minutes put right afterwards.
    MinutesCorrected {
        title: String,
    },
    MeetingRemoved,
    /// A conflict a merge left on `field` of `target`, settled.
    ConflictSettled {
        target: String,
        field: String,
    },
    /// Several at once, as one step.
    Several(Vec<Said>),
}

impl Workbook {
    /// Every item, General first, then each phase's, with the phase it belongs to.
    pub fn all_items(&self) -> impl Iterator<Item = (Option<&Phase>, &Item)> {
        self.general
            .iter()
            .map(|item| (None, item))
            .chain(self.phases.iter().flat_map(|phase| phase.items.iter().map(move |item| (Some(phase), item))))
    }

    /// The phase a failed expectation's remediation item goes into: the one that says it
    /// receives remediation, else one with the id `remediate` (files written before phases
    /// could say so), else the first.
    pub fn remediation_phase(&self) -> Option<&Phase> {
        self.phases
            .iter()
            .find(|p| p.receives_remediation)
            .or_else(|| self.phase("remediate"))
            .or_else(|| self.phases.first())
    }

    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    pub fn phase_index(&self, id: &str) -> Option<usize> {
        self.phases.iter().position(|p| p.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&ScopeQuestion> {
        self.scope.iter().find(|q| q.id == id)
    }

    /// Finds an item anywhere in the workbook.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.all_items().map(|(_, item)| item).find(|item| item.id == id)
    }

    /// Where the item with `id` is: its list (`None` for General, else the phase's index)
    /// and its index there.
    pub fn place_of(&self, id: &str) -> Option<(Option<usize>, usize)> {
        self.general.iter().position(|i| i.id == id).map(|index| (None, index)).or_else(|| {
            self.phases
                .iter()
                .enumerate()
                .find_map(|(p, phase)| phase.items.iter().position(|i| i.id == id).map(|index| (Some(p), index)))
        })
    }

    /// Finds an item anywhere in the workbook, for editing.
    pub fn item_mut(&mut self, id: &str) -> Option<&mut Item> {
        self.general
            .iter_mut()
            .chain(self.phases.iter_mut().flat_map(|p| p.items.iter_mut()))
            .find(|item| item.id == id)
    }
}
