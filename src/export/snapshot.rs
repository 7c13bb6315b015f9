//! What a snapshot shows, gathered once from the workbook and its rollup at one moment,
//! so that every format shows the same facts and none of them applies a rule of its own.
//! Lists keep the workbook's order unless a sort is stated; nothing here reads the clock.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::i18n::Lang;
use crate::model::check::{self, Issue};
use crate::model::deadline::{self, Urgency};
use crate::model::gate::{self, GateState, Standing};
use crate::model::rollup::counting_items;
use crate::model::{
    Decision, Engagement, Item, Meeting, Note, Owner, Passage, Phase, Progress, Rollup, Status, Workbook,
};

/// How many next actions each owner gets; the rest are counted.
pub const NEXT_ACTIONS_PER_OWNER: usize = 5;
/// How many decisions the snapshot lists, latest first.
pub const RECENT_DECISIONS: usize = 5;

/// Everything the exported formats show, as of one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub taken_at: DateTime<FixedOffset>,
    /// The language of the workbook's content, which the labels follow.
    pub lang: Lang,
    pub template: String,
    pub title: String,
    /// Where the workbook's content comes from and under what licence (`meta.source`).
    pub source: String,
    /// What the workbook calls its parties, where it names them.
    pub parties: crate::model::Parties,
    /// What the change history calls things by.
    pub names: crate::i18n::describe::Names,
    pub engagement: Engagement,
    /// Over the phases; General runs beside them and is shown on its own.
    pub overall: Progress,
    pub general: Progress,
    pub phases: Vec<PhaseLine>,
    /// `None` once every gate has passed.
    pub current: Option<CurrentPhase>,
    pub blocked: Vec<ItemLine>,
    /// Soonest due first.
    pub overdue: Vec<ItemLine>,
    /// In owner order (Microsoft, customer, joint); owners with nothing open are left out.
    pub next_actions: Vec<OwnerActions>,
    pub deadlines: Vec<DeadlineLine>,
    pub scope: Vec<ScopeAnswer>,
    /// The expectations of the source environment that apply under the scope answers, in
    /// workbook order, each with what was found and the remediation item it raised.
    pub assessment: Vec<AssessmentLine>,
    /// The limits and notes that apply under the scope answers: those about nothing in
    /// particular, and those about something still in scope.
    pub limits: Vec<LimitLine>,
    /// Latest first.
    pub decisions: Vec<Decision>,
    pub last_meeting: Option<Meeting>,
    /// Every meeting held, in file order.
    pub meetings: Vec<Meeting>,
    /// The change history, oldest first.
    pub history: Vec<crate::model::Change>,
    /// The day from which the changes are reported (`--since`); `None` reports those since
    /// the last meeting, or all when none was held.
    pub since: Option<NaiveDate>,
    /// The engagement's window: from the start date (or, before it is set, the purchase
    /// date) to the last of its deadlines, or while it has none dated, to the last phase
    /// date or today. `None` while neither date it could start from is set.
    pub window: Option<(NaiveDate, NaiveDate)>,
    /// Every item of the workbook, General first, in file order.
    pub items: Vec<ItemLine>,
    /// What the rules find that a person should fix (the file opens with these).
    pub warnings: Vec<Issue>,
}

/// One phase with its progress and gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseLine {
    pub id: String,
    pub title: String,
    pub stage: String,
    pub progress: Progress,
    pub gate_id: String,
    pub gate_title: String,
    pub gate: GateState,
    pub passed: Option<Passage>,
    /// Who signed the gate off for each party, and when.
    pub signoffs: Vec<crate::model::SignOff>,
    pub started: Option<NaiveDate>,
    pub current: bool,
}

/// The phase the engagement stands in and what stands between its gate and passing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentPhase {
    /// Index into [`Snapshot::phases`].
    pub index: usize,
    pub open_items: usize,
    /// Unmet exit criteria: (id, text).
    pub unmet_criteria: Vec<(String, String)>,
    pub missing_signoffs: Vec<Owner>,
}

impl CurrentPhase {
    pub fn is_clear(&self) -> bool {
        self.open_items == 0 && self.unmet_criteria.is_empty() && self.missing_signoffs.is_empty()
    }
}

/// One item as the snapshot shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemLine {
    /// The phase's id and title; `None` for General.
    pub phase: Option<(String, String)>,
    pub id: String,
    pub text: String,
    pub owner: Owner,
    pub status: Status,
    pub assignee: String,
    pub due: Option<NaiveDate>,
    /// Days from the snapshot's day to the due date; negative when late.
    pub days_left: Option<i64>,
    pub in_scope: bool,
    pub last_note: Option<Note>,
}

/// The next actions of one owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnerActions {
    pub owner: Owner,
    pub items: Vec<ItemLine>,
    /// How many more open items the owner has beyond those listed.
    pub more: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineLine {
    pub id: String,
    pub title: String,
    /// `None` while the date it counts from is not set.
    pub date: Option<NaiveDate>,
    pub days_left: Option<i64>,
    pub urgency: Option<Urgency>,
    /// When a met deadline was met, when that is known.
    pub met_on: Option<NaiveDate>,
}

/// One expectation of the source environment, as judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentLine {
    pub id: String,
    pub area: String,
    pub text: String,
    /// The least level that meets, when the expectation has a threshold of a minimum.
    pub minimum: Option<String>,
    /// The levels that meet, when the threshold names them as a set.
    pub accepted: Vec<String>,
    pub result: crate::model::Assessment,
    pub found: String,
    /// The item a "does not meet" raised: its id and status.
    pub remediation: Option<(String, Status)>,
}

/// A limit, an out-of-scope note or an eligibility condition of the process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitLine {
    pub id: String,
    pub kind: crate::model::LimitKind,
    pub text: String,
}

/// A scope question and the labels of the chosen options; none while unanswered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeAnswer {
    pub id: String,
    pub question: String,
    /// (option id, label) of each chosen option, in the question's option order.
    pub answers: Vec<(String, String)>,
}

impl Snapshot {
    /// Takes the snapshot of `workbook` as of `as_of`; `rollup` must be of this workbook.
    pub fn new(workbook: &Workbook, rollup: &Rollup, as_of: DateTime<FixedOffset>) -> Snapshot {
        let today = as_of.date_naive();
        let standing = gate::standing(workbook);
        let phases = workbook
            .phases
            .iter()
            .enumerate()
            .map(|(i, phase)| PhaseLine {
                id: phase.id.clone(),
                title: phase.title.clone(),
                stage: phase.stage.clone(),
                progress: rollup.phase_progress.get(i).copied().unwrap_or_default(),
                gate_id: phase.gate.id.clone(),
                gate_title: phase.gate.title.clone(),
                gate: gate::state(workbook, rollup, i),
                passed: phase.gate.passed.clone(),
                signoffs: phase.gate.signoffs.clone(),
                started: phase.started,
                current: standing == Standing::In(i),
            })
            .collect();
        let current = match standing {
            Standing::In(index) => Some(current_phase(workbook, rollup, index)),
            Standing::Finished => None,
        };
        let line = |(list, index): (Option<usize>, usize), item: &Item| {
            item_line(list.and_then(|p| workbook.phases.get(p)), item, rollup.facts(list, index).in_scope, today)
        };
        let blocked = counting_items(workbook, rollup, |item| item.status == Status::Blocked)
            .map(|(at, i)| line(at, i))
            .collect();
        let overdue = deadline::items_with_urgency(workbook, rollup, today, Urgency::Passed)
            .into_iter()
            .filter_map(|at| item_at(workbook, at).map(|item| line(at, item)))
            .collect();
        let next_actions = match standing {
            Standing::In(index) => next_actions(workbook, rollup, index, today),
            Standing::Finished => Vec::new(),
        };
        let deadlines: Vec<DeadlineLine> = deadline::deadlines(workbook)
            .into_iter()
            .map(|d| DeadlineLine {
                id: d.deadline.id.clone(),
                title: d.deadline.title.clone(),
                date: d.date,
                days_left: d.days_left(today),
                urgency: d.urgency(today),
                met_on: d.met_on,
            })
            .collect();
        let scope = workbook
            .scope
            .iter()
            .map(|question| ScopeAnswer {
                id: question.id.clone(),
                question: question.text.clone(),
                answers: question
                    .options
                    .iter()
                    .filter(|option| question.answer.contains(&option.id))
                    .map(|option| (option.id.clone(), option.label.clone()))
                    .collect(),
            })
            .collect();
        let items = std::iter::once((None, &workbook.general))
            .chain(workbook.phases.iter().enumerate().map(|(p, phase)| (Some(p), &phase.items)))
            .flat_map(|(list, items)| items.iter().enumerate().map(move |(index, item)| ((list, index), item)))
            .map(|(at, item)| line(at, item))
            .collect();
        Snapshot {
            taken_at: as_of,
            lang: Lang::from_code(&workbook.meta.language),
            template: workbook.meta.template.clone(),
            title: workbook.meta.title.clone(),
            source: workbook.meta.source.clone(),
            parties: workbook.meta.parties.clone(),
            names: crate::i18n::describe::Names::of(workbook),
            engagement: workbook.engagement.clone(),
            overall: rollup.overall,
            general: rollup.general_progress,
            phases,
            current,
            blocked,
            overdue,
            next_actions,
            window: window(workbook, &deadlines, as_of.date_naive()),
            deadlines,
            scope,
            assessment: assessment(workbook),
            limits: limits(workbook, rollup),
            decisions: recent_decisions(&workbook.decisions),
            last_meeting: last_meeting(&workbook.meetings),
            meetings: workbook.meetings.clone(),
            history: workbook.history.clone(),
            since: None,
            items,
            warnings: check::check(workbook).into_iter().filter(|i| !i.is_error()).collect(),
        }
    }

    /// The day the snapshot counts days from.
    pub fn today(&self) -> NaiveDate {
        self.taken_at.date_naive()
    }

    /// The phase the engagement stands in.
    pub fn current_phase(&self) -> Option<(&CurrentPhase, &PhaseLine)> {
        self.current.as_ref().and_then(|current| self.phases.get(current.index).map(|phase| (current, phase)))
    }
}

fn assessment(workbook: &Workbook) -> Vec<AssessmentLine> {
    workbook
        .expectations
        .iter()
        .filter(|e| e.when.evaluate(&workbook.scope) != Some(false))
        .map(|e| AssessmentLine {
            id: e.id.clone(),
            area: e.area.clone(),
            text: e.text.clone(),
            minimum: e.threshold.as_ref().filter(|t| t.one_of.is_empty()).map(|t| t.minimum.clone()),
            accepted: e.threshold.as_ref().map(|t| t.one_of.clone()).unwrap_or_default(),
            result: e.result,
            found: e.found.clone(),
            remediation: crate::model::assess::remediation_of(workbook, &e.id)
                .map(|(_, _, item)| (item.id.clone(), item.status)),
        })
        .collect()
}

/// The limits that apply: about nothing in particular, or about something in scope (an
/// item in scope, or anything that is not an item: a deadline, a phase).
fn limits(workbook: &Workbook, rollup: &Rollup) -> Vec<LimitLine> {
    let in_scope = |id: &str| match workbook.place_of(id) {
        Some((list, index)) => rollup.facts(list, index).in_scope,
        None => true,
    };
    workbook
        .limits
        .iter()
        .filter(|l| l.when.evaluate(&workbook.scope) != Some(false))
        .filter(|l| l.applies_to.is_empty() || l.applies_to.iter().any(|id| in_scope(id)))
        .map(|l| LimitLine { id: l.id.clone(), kind: l.kind, text: l.text.clone() })
        .collect()
}

/// The span the timeline draws as the engagement's window; see [`Snapshot::window`].
fn window(workbook: &Workbook, deadlines: &[DeadlineLine], today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let start = workbook.engagement.start_date.or(workbook.engagement.purchase_date)?;
    let last_deadline = deadlines.iter().filter_map(|d| d.date).filter(|d| *d > start).max();
    let last_phase_date =
        workbook.phases.iter().flat_map(|p| p.started.into_iter().chain(p.gate.passed.as_ref().map(|g| g.date))).max();
    let end = last_deadline.unwrap_or_else(|| last_phase_date.unwrap_or(today).max(today));
    (end > start).then_some((start, end))
}

fn item_at(workbook: &Workbook, (list, index): (Option<usize>, usize)) -> Option<&Item> {
    match list {
        None => workbook.general.get(index),
        Some(p) => workbook.phases.get(p).and_then(|phase| phase.items.get(index)),
    }
}

fn item_line(phase: Option<&Phase>, item: &Item, in_scope: bool, today: NaiveDate) -> ItemLine {
    // The latest note by time; of notes with the same time stamp, the one written last.
    let last_note = item.notes.iter().enumerate().max_by_key(|(i, note)| (note.at, *i)).map(|(_, note)| note.clone());
    ItemLine {
        phase: phase.map(|p| (p.id.clone(), p.title.clone())),
        id: item.id.clone(),
        text: item.text.clone(),
        owner: item.owner,
        status: item.status,
        assignee: item.assignee.clone(),
        due: item.due,
        days_left: item.due.map(|due| (due - today).num_days()),
        in_scope,
        last_note,
    }
}

fn current_phase(workbook: &Workbook, rollup: &Rollup, index: usize) -> CurrentPhase {
    let review = gate::review(workbook, rollup, index);
    let criteria = workbook.phases.get(index).map(|p| p.gate.criteria.as_slice()).unwrap_or_default();
    let unmet_criteria = review
        .unmet_criteria
        .iter()
        .map(|id| {
            let text = criteria.iter().find(|c| &c.id == id).map(|c| c.text.clone()).unwrap_or_default();
            (id.clone(), text)
        })
        .collect();
    CurrentPhase {
        index,
        open_items: review.open_items.len(),
        unmet_criteria,
        missing_signoffs: review.missing_signoffs,
    }
}

/// The open items of the current phase per owner, soonest due first (undated last, then in
/// file order). Blocked items are left out: nobody can act on them, and they have a list of
/// their own.
fn next_actions(workbook: &Workbook, rollup: &Rollup, index: usize, today: NaiveDate) -> Vec<OwnerActions> {
    let Some(phase) = workbook.phases.get(index) else {
        return Vec::new();
    };
    let mut open: Vec<(usize, &Item)> = phase
        .items
        .iter()
        .enumerate()
        .filter(|(i, item)| {
            let facts = rollup.facts(Some(index), *i);
            facts.counts(item.status) && !facts.closed && item.status != Status::Blocked
        })
        .collect();
    open.sort_by_key(|(i, item)| (item.due.is_none(), item.due, *i));
    Owner::ALL
        .into_iter()
        .filter_map(|owner| {
            let mine: Vec<_> = open.iter().filter(|(_, item)| item.owner == owner).collect();
            if mine.is_empty() {
                return None;
            }
            let items = mine
                .iter()
                .take(NEXT_ACTIONS_PER_OWNER)
                .map(|(i, item)| item_line(Some(phase), item, rollup.facts(Some(index), *i).in_scope, today))
                .collect();
            Some(OwnerActions { owner, items, more: mine.len().saturating_sub(NEXT_ACTIONS_PER_OWNER) })
        })
        .collect()
}

/// The latest decisions by date; of the same date, the one recorded last comes first.
fn recent_decisions(decisions: &[Decision]) -> Vec<Decision> {
    let mut order: Vec<(usize, &Decision)> = decisions.iter().enumerate().collect();
    order.sort_by(|(a, da), (b, db)| db.date.cmp(&da.date).then(b.cmp(a)));
    order.into_iter().take(RECENT_DECISIONS).map(|(_, d)| d.clone()).collect()
}

/// The meeting held last; of two held at the same moment, the one recorded last.
/// The most changes an export lists; the rest are counted.
pub const CHANGES: usize = 30;

impl Snapshot {
    /// The changes the export reports: those on or after `since`, or else those after the last
    /// meeting (all when none was held); the latest [`CHANGES`] of them, with how many more
    /// there were, and the day they run from when there is one.
    pub fn changes(&self) -> (Vec<&crate::model::Change>, usize, Option<NaiveDate>) {
        // Nothing after the moment the snapshot is taken at (`--as-of` an earlier day).
        let taken = self.history.iter().filter(|c| c.at <= self.taken_at);
        let all: Vec<&crate::model::Change> = match (self.since, &self.last_meeting) {
            (Some(day), _) => taken.filter(|c| c.at.date_naive() >= day).collect(),
            (None, Some(m)) => taken.filter(|c| c.at > m.held).collect(),
            (None, None) => taken.collect(),
        };
        let from = self.since.or_else(|| self.last_meeting.as_ref().map(|m| m.held.date_naive()));
        let more = all.len().saturating_sub(CHANGES);
        (all.into_iter().skip(more).collect(), more, from)
    }
}

fn last_meeting(meetings: &[Meeting]) -> Option<Meeting> {
    meetings.iter().enumerate().max_by_key(|(i, meeting)| (meeting.held, *i)).map(|(_, meeting)| meeting.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{self, date};
    use crate::model::{DecisionKind, DecisionStatus};

    fn noon(day: NaiveDate) -> DateTime<FixedOffset> {
        let offset = FixedOffset::east_opt(3600).unwrap();
        day.and_hms_opt(12, 0, 0).unwrap().and_local_timezone(offset).unwrap()
    }

    fn decision(id: &str, day: NaiveDate) -> Decision {
        Decision {
            id: id.into(),
            title: id.into(),
            date: day,
            status: DecisionStatus::Accepted,
            kind: DecisionKind::General,
            deciders: Vec::new(),
            context: String::new(),
            options: Vec::new(),
            outcome: String::new(),
            consequences: String::new(),
            links: Vec::new(),
            superseded_by: None,
        }
    }

    #[test]
    fn next_actions_are_per_owner_soonest_due_first_without_blocked_items() {
        let mut wb = fixture::workbook();
        wb.phases.swap(0, 1);
        wb.phases[0].items[0].status = Status::Blocked; // enable.tenant, joint
        wb.phases[0].items[4].due = Some(date(2026, 3, 9)); // enable.mam
        wb.phases[0].items[2].due = Some(date(2026, 3, 20)); // enable.mdm.devices
        let rollup = Rollup::of(&wb);
        let snapshot = Snapshot::new(&wb, &rollup, noon(date(2026, 3, 1)));
        assert_eq!(snapshot.next_actions.len(), 1, "only Microsoft has open, unblocked items");
        let ids: Vec<_> = snapshot.next_actions[0].items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["enable.mam", "enable.mdm.devices", "enable.mdm.groups"]);
        assert_eq!(snapshot.blocked.len(), 1);
    }

    #[test]
    fn an_owner_with_many_open_items_shows_a_few_and_counts_the_rest() {
        let mut wb = fixture::workbook();
        for n in 0..8 {
            wb.phases[0].items.push(Item::new(format!("initiate.extra{n}"), Owner::Customer, "more"));
        }
        let rollup = Rollup::of(&wb);
        let snapshot = Snapshot::new(&wb, &rollup, noon(date(2026, 3, 1)));
        let customer = snapshot.next_actions.iter().find(|a| a.owner == Owner::Customer).unwrap();
        assert_eq!(customer.items.len(), NEXT_ACTIONS_PER_OWNER);
        assert_eq!(customer.more, 9 - NEXT_ACTIONS_PER_OWNER);
    }

    #[test]
    fn recent_decisions_are_the_latest_five_by_date() {
        let mut wb = fixture::workbook();
        for (n, day) in [5, 1, 9, 3, 7, 2, 9].into_iter().enumerate() {
            wb.decisions.push(decision(&format!("D-{n}"), date(2026, 3, day)));
        }
        let rollup = Rollup::of(&wb);
        let snapshot = Snapshot::new(&wb, &rollup, noon(date(2026, 3, 10)));
        let ids: Vec<_> = snapshot.decisions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["D-6", "D-2", "D-4", "D-0", "D-3"]);
    }

    #[test]
    fn scope_answers_name_the_chosen_labels_in_option_order() {
        let mut wb = fixture::workbook();
        fixture::answer(&mut wb, "workloads", &["mam", "mdm"]);
        let rollup = Rollup::of(&wb);
        let snapshot = Snapshot::new(&wb, &rollup, noon(date(2026, 3, 1)));
        let labels: Vec<_> = snapshot.scope[0].answers.iter().map(|(_, label)| label.as_str()).collect();
        assert_eq!(labels, ["MDM", "MAM"]);
    }

    #[test]
    fn the_window_runs_from_the_start_date_to_the_last_deadline() {
        let mut wb = fixture::workbook();
        let snapshot = Snapshot::new(&wb, &Rollup::of(&wb), noon(date(2026, 3, 1)));
        // Its deadline of twelve months from the start is the last.
        assert_eq!(snapshot.window, Some((date(2026, 2, 1), date(2027, 2, 1))));
        // A process of other deadlines gets a window of its own.
        wb.deadlines[1].within = crate::model::Span::Days(90);
        let snapshot = Snapshot::new(&wb, &Rollup::of(&wb), noon(date(2026, 3, 1)));
        assert_eq!(snapshot.window, Some((date(2026, 2, 1), date(2026, 5, 2))));
        // With no deadlines, it runs to today or the last phase date.
        wb.deadlines.clear();
        let snapshot = Snapshot::new(&wb, &Rollup::of(&wb), noon(date(2026, 3, 1)));
        assert_eq!(snapshot.window, Some((date(2026, 2, 1), date(2026, 3, 1))));
    }
}
