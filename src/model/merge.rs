//! Three-way merge of two copies of one workbook that grew apart from a common base: what
//! only one side changed is taken, what both changed alike is taken once, and what both
//! changed differently keeps ours and is listed in `Workbook::conflicts` for a person to
//! settle with [`resolved`]. Everything is matched by id, never by position.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

use super::check::{Issue, check};
use super::reapply::Renumbering;
use super::workbook::{
    Change, Conflict, Criterion, Deadline, Decision, Engagement, Expectation, Gate, Item, Limit, Meeting, Meta, Note,
    Owner, Phase, PlannedMeeting, ScopeConflict, ScopeQuestion, SignOff, Workbook,
};

/// One of the two copies merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// Which value of a conflict to settle on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    Base,
    Ours,
    Theirs,
    /// A text of the person's own, for a conflict about a text ([`written`] has one).
    Written(String),
}

/// Why two copies cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MergeError {
    #[error("the copies follow different processes: ours \"{ours}\", theirs \"{theirs}\"")]
    DifferentTemplate { ours: String, theirs: String },
    #[error("the copies are in different languages: ours \"{ours}\", theirs \"{theirs}\"")]
    DifferentLanguage { ours: String, theirs: String },
    #[error(
        "the base follows another process, or is in another language, than the copies, so it cannot be what both grew from"
    )]
    NotRelated,
    /// The base has history (or conflicts) one of the copies lacks: it is no common ancestor.
    #[error(
        "the base holds changes one of the copies does not, so it is not what both grew from (give the version both started from)"
    )]
    NotAncestor,
    #[error("{} still holds {count} conflict(s) from an earlier merge, committed unsettled; {}", side_name(*side), unresolved_advice(*side))]
    Unresolved { side: Side, count: usize },
    /// A value could not be written as RON for a conflict (never expected of the model's
    /// plain data; kept as an error rather than a wrong conflict).
    #[error("the {field} of \"{target}\" could not be written down: {reason}")]
    Unwritable { target: String, field: String, reason: String },
}

/// What to do about conflicts a copy holds, by whose copy it is.
fn unresolved_advice(side: Side) -> &'static str {
    match side {
        Side::Ours => "open this workbook in phasebook, settle them (C), save and commit, then pull again",
        Side::Theirs => {
            "ask whoever committed them to settle them in phasebook (C) and push, then pull again; nothing here was changed"
        }
    }
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Ours => "our copy",
        Side::Theirs => "their copy",
    }
}

/// Why a conflict cannot be settled as asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ResolveError {
    #[error("there is no conflict number {0}")]
    NoSuchConflict(usize),
    #[error("\"{0}\" is not in the workbook any more")]
    NotThere(String),
    #[error("\"{target}\" has no field \"{field}\" a conflict can be about")]
    UnknownField { target: String, field: String },
    #[error("the {field} of \"{target}\" had no value on that side")]
    NoValue { target: String, field: String },
    #[error("the {field} of \"{target}\" cannot be read back: {reason}")]
    Unreadable { target: String, field: String, reason: String },
    #[error("settling it so would leave a workbook that does not open: {0}")]
    WouldNotLoad(String),
    /// Only a conflict about a text can be settled on a text typed in.
    #[error("the {field} of \"{target}\" is not a text: settle it on one of the values")]
    NotText { target: String, field: String },
}

/// The text a conflict is about, as ours has it (theirs, when ours has none), for a person
/// to write their own from; `None` when the conflict is not about a text (a status, a date,
/// a whole record).
pub fn written(conflict: &Conflict) -> Option<String> {
    // A day or a moment is written as a RON string too; it is no text to write freely.
    let dated =
        |v: &str| ron::from_str::<chrono::NaiveDate>(v).is_ok() || ron::from_str::<DateTime<FixedOffset>>(v).is_ok();
    if [&conflict.base, &conflict.ours, &conflict.theirs].iter().any(|v| v.as_deref().is_some_and(dated)) {
        return None;
    }
    let text = |value: &Option<String>| value.as_deref().and_then(|v| ron::from_str::<String>(v).ok());
    let read = text(&conflict.ours).or_else(|| text(&conflict.theirs))?;
    // Every side's value is a text or nothing: a field that is sometimes a text and
    // sometimes something else is not one to write freely.
    [&conflict.base, &conflict.ours, &conflict.theirs].iter().all(|v| v.is_none() || text(v).is_some()).then_some(read)
}

/// The target of conflicts about the engagement's fields and the workbook's meta data.
const ENGAGEMENT: &str = "engagement";
const META: &str = "meta";

/// Merges `ours` and `theirs`, two copies of `base` changed apart, into one workbook. What
/// one side removed while the merge still names it is put back, so that the result opens;
/// changes to the process itself on both sides (a question's options on one, an answer
/// naming a removed option on the other) are not repaired, and [`check`] would say so.
pub fn merge(base: &Workbook, ours: &Workbook, theirs: &Workbook) -> Result<Workbook, MergeError> {
    if ours.meta.template != theirs.meta.template {
        return Err(MergeError::DifferentTemplate {
            ours: ours.meta.template.clone(),
            theirs: theirs.meta.template.clone(),
        });
    }
    if ours.meta.language != theirs.meta.language {
        return Err(MergeError::DifferentLanguage {
            ours: ours.meta.language.clone(),
            theirs: theirs.meta.language.clone(),
        });
    }
    if base.meta.template != ours.meta.template || base.meta.language != ours.meta.language {
        return Err(MergeError::NotRelated);
    }
    // What both grew from holds no conflicts, and its history is in both of theirs: the
    // history only grows. A later copy given as the base would drop work silently.
    let grew_from = |copy: &Workbook| {
        let had: HashSet<&Change> = copy.history.iter().collect();
        base.history.iter().all(|c| had.contains(c))
    };
    if !base.conflicts.is_empty() || !grew_from(ours) || !grew_from(theirs) {
        return Err(MergeError::NotAncestor);
    }
    for (side, copy) in [(Side::Ours, ours), (Side::Theirs, theirs)] {
        if !copy.conflicts.is_empty() {
            return Err(MergeError::Unresolved { side, count: copy.conflicts.len() });
        }
    }
    // Ids both sides gave to different new things: theirs' take fresh ones first, so that
    // from here on one id means one thing on every side.
    let renumbering = renumbering(base, ours, theirs);
    let renumbered;
    let theirs = if renumbering.is_empty() {
        theirs
    } else {
        renumbered = renumbered_since(&renumbering, theirs, base);
        &renumbered
    };

    let mut m = Merger::default();
    let mut merged = Workbook {
        version: ours.version,
        meta: Meta::merge_fields(&mut m, META, Some(&base.meta), &ours.meta, &theirs.meta),
        engagement: Engagement::merge_fields(
            &mut m,
            ENGAGEMENT,
            Some(&base.engagement),
            &ours.engagement,
            &theirs.engagement,
        ),
        deadlines: plain_records(&mut m, "deadline", &base.deadlines, &ours.deadlines, &theirs.deadlines, |d| &d.id),
        limits: plain_records(&mut m, "limit", &base.limits, &ours.limits, &theirs.limits, |l| &l.id),
        scope: plain_records(&mut m, "question", &base.scope, &ours.scope, &theirs.scope, |q| &q.id),
        scope_conflicts: plain_records(
            &mut m,
            "scope_conflict",
            &base.scope_conflicts,
            &ours.scope_conflicts,
            &theirs.scope_conflicts,
            |c| &c.id,
        ),
        expectations: plain_records(
            &mut m,
            "expectation",
            &base.expectations,
            &ours.expectations,
            &theirs.expectations,
            |e| &e.id,
        ),
        general: Vec::new(),
        phases: records(&mut m, "phase", None, &base.phases, &ours.phases, &theirs.phases, |p| &p.id, phase),
        decisions: plain_records(&mut m, "decision", &base.decisions, &ours.decisions, &theirs.decisions, |d| &d.id),
        meetings: plain_records(&mut m, "meeting", &base.meetings, &ours.meetings, &theirs.meetings, |m| &m.id),
        history: entries(&base.history, &ours.history, &theirs.history, |c| c.at),
        conflicts: Vec::new(),
    };
    let sides = Sides::of(base, ours, theirs);
    sides.place_items(&mut m, &mut merged);
    sides.keep_what_is_named(&mut m, &mut merged);
    if let Some(error) = m.unwritable {
        return Err(error);
    }
    merged.conflicts = m.conflicts;
    Ok(merged)
}

/// The workbook with conflict `index` settled on `pick`'s value, and the conflict gone. It
/// is refused when that value would leave the workbook unable to open.
pub fn resolved(workbook: &Workbook, index: usize, pick: Pick) -> Result<Workbook, ResolveError> {
    let conflict = workbook.conflicts.get(index).ok_or(ResolveError::NoSuchConflict(index))?;
    if let Pick::Written(_) = pick
        && written(conflict).is_none()
    {
        return Err(ResolveError::NotText { target: conflict.target.clone(), field: conflict.field.clone() });
    }
    let own;
    let value = match &pick {
        Pick::Base => conflict.base.as_deref(),
        Pick::Ours => conflict.ours.as_deref(),
        Pick::Theirs => conflict.theirs.as_deref(),
        Pick::Written(text) => {
            own = ron::to_string(text).map_err(|e| ResolveError::Unreadable {
                target: conflict.target.clone(),
                field: conflict.field.clone(),
                reason: e.to_string(),
            })?;
            Some(own.as_str())
        }
    };
    let mut wb = workbook.clone();
    wb.conflicts.remove(index);
    match settle(&mut wb, conflict, value) {
        // What a field conflict was about has since been removed: nothing is left to settle.
        Err(ResolveError::NotThere(gone)) if gone == conflict.target && !is_whole_record(&conflict.field) => {}
        done => done?,
    }
    if let Some(issue) = check(&wb).into_iter().find(Issue::is_error) {
        return Err(ResolveError::WouldNotLoad(issue.to_string()));
    }
    Ok(wb)
}

/// The edit that settles conflict `index` on `pick`: what the interface records, undoes
/// and shows in the history like any change.
pub fn settle_edit(workbook: &Workbook, index: usize, pick: Pick) -> Result<super::edit::Edit, ResolveError> {
    let conflict = workbook.conflicts.get(index).ok_or(ResolveError::NoSuchConflict(index))?;
    let mut to = resolved(workbook, index, pick)?;
    let mut from = workbook.clone();
    // The history of edits keeps the history; the edit holds the rest.
    from.history.clear();
    to.history.clear();
    Ok(super::edit::Edit::Settle {
        target: conflict.target.clone(),
        field: conflict.field.clone(),
        from: Box::new(from),
        to: Box::new(to),
    })
}

/// Collects the conflicts of one merge as it goes.
#[derive(Default)]
struct Merger {
    conflicts: Vec<Conflict>,
    unwritable: Option<MergeError>,
}

impl Merger {
    /// One field three ways: the side that changed it wins; both changing it differently
    /// keeps ours and is a conflict. `base` is `None` for a thing both sides added.
    fn value<T: Clone + PartialEq + Serialize>(
        &mut self,
        target: &str,
        field: &str,
        base: Option<&T>,
        ours: &T,
        theirs: &T,
    ) -> T {
        if ours != theirs && base != Some(theirs) {
            if base == Some(ours) {
                return theirs.clone();
            }
            self.conflict(target, field, base, Some(ours), Some(theirs));
        }
        ours.clone()
    }

    fn conflict<T: Serialize>(
        &mut self,
        target: &str,
        field: &str,
        base: Option<&T>,
        ours: Option<&T>,
        theirs: Option<&T>,
    ) {
        let mut write = |value: Option<&T>| {
            value.and_then(|v| match ron::to_string(v) {
                Ok(text) => Some(text),
                Err(e) => {
                    self.unwritable.get_or_insert_with(|| MergeError::Unwritable {
                        target: target.to_string(),
                        field: field.to_string(),
                        reason: e.to_string(),
                    });
                    None
                }
            })
        };
        let (base, ours, theirs) = (write(base), write(ours), write(theirs));
        self.conflicts.push(Conflict { target: target.to_string(), field: field.to_string(), base, ours, theirs });
    }

    fn has_conflict(&self, target: &str, field: &str) -> bool {
        self.conflicts.iter().any(|c| c.target == target && c.field == field)
    }
}

/// A part of the workbook whose fields merge one by one, and can be set again from the RON
/// text a conflict keeps. Fields not listed (ids, nested lists, notes) are the caller's.
trait Fields: Clone + PartialEq + Serialize + DeserializeOwned {
    fn merge_fields(m: &mut Merger, target: &str, base: Option<&Self>, ours: &Self, theirs: &Self) -> Self;
    /// Sets `field` from `text`; `Ok(false)` when there is no such field.
    fn set_field(&mut self, field: &str, text: &str) -> Result<bool, ron::error::SpannedError>;
}

macro_rules! fields {
    ($($kind:ty { $($field:ident),* $(,)? })*) => {$(
        impl Fields for $kind {
            fn merge_fields(m: &mut Merger, target: &str, base: Option<&Self>, ours: &Self, theirs: &Self) -> Self {
                let mut merged = ours.clone();
                $(merged.$field = m.value(
                    target, stringify!($field), base.map(|b| &b.$field), &ours.$field, &theirs.$field,
                );)*
                merged
            }

            fn set_field(&mut self, field: &str, text: &str) -> Result<bool, ron::error::SpannedError> {
                match field {
                    $(stringify!($field) => self.$field = ron::from_str(text)?,)*
                    _ => return Ok(false),
                }
                Ok(true)
            }
        }
    )*};
}

fields! {
    Meta { title, summary, source, parties }
    // Not its id: two leads who each made the file keep ours; no person could choose.
    Engagement { customer, tenant, project_lead, partner, purchase_date, start_date }
    Deadline { title, from, within, met_by, when }
    Limit { kind, text, applies_to, when }
    ScopeQuestion { text, help, choice, options, answer }
    ScopeConflict { when, reason }
    Expectation { area, text, threshold, when, result, found }
    Item { owner, kind, text, parent, detail, when, status, assignee, due, remediates, own }
    Phase { title, stage, purpose, receives_remediation, started }
    PlannedMeeting { kind, title, purpose }
    Gate { title, detail, joint, passed }
    Criterion { text, items, meeting, met }
    Decision { title, date, status, kind, deciders, context, options, outcome, consequences, links, superseded_by }
    Meeting { kind, title, phase, held, attendees, agenda, minutes, planned }
}

/// A list of records with ids whose fields merge one by one and nothing else.
fn plain_records<T: Fields>(
    m: &mut Merger,
    kind: &str,
    base: &[T],
    ours: &[T],
    theirs: &[T],
    id: fn(&T) -> &str,
) -> Vec<T> {
    records(m, kind, None, base, ours, theirs, id, T::merge_fields)
}

/// A list of records with ids, three ways: each record merged by `merge_one`, an addition
/// on either side kept where it stood there, a removal on either side honoured. Removed on
/// one side and changed on the other is a conflict about the whole record (field `kind`),
/// settled for now as ours has it. Records inside another (a gate's criteria) name that
/// one as `parent`, and a conflict keeps `(parent, record)` so it can be put back.
#[allow(clippy::too_many_arguments)]
fn records<'r, T: Clone + PartialEq + Serialize>(
    m: &mut Merger,
    kind: &str,
    parent: Option<&str>,
    base: &'r [T],
    ours: &'r [T],
    theirs: &'r [T],
    id: fn(&T) -> &str,
    mut merge_one: impl FnMut(&mut Merger, &str, Option<&T>, &T, &T) -> T,
) -> Vec<T> {
    if ours == base {
        return theirs.to_vec();
    }
    if theirs == base || ours == theirs {
        return ours.to_vec();
    }
    fn by_id<T>(list: &[T], id: fn(&T) -> &str) -> HashMap<&str, &T> {
        list.iter().map(|r| (id(r), r)).collect()
    }
    let (base_of, ours_of, theirs_of) = (by_id(base, id), by_id(ours, id), by_id(theirs, id));
    let mut kept: HashMap<String, T> = HashMap::new();
    let whole = |record: Option<&T>| record.map(|r| (parent.unwrap_or_default(), r.clone()));
    for record in ours.iter().chain(theirs) {
        let key = id(record);
        if kept.contains_key(key) {
            continue;
        }
        let b = base_of.get(key).copied();
        let merged = match (ours_of.get(key).copied(), theirs_of.get(key).copied()) {
            (Some(o), Some(t)) if o == t => Some(o.clone()),
            (Some(o), Some(t)) if b == Some(o) => Some(t.clone()),
            (Some(o), Some(t)) if b == Some(t) => Some(o.clone()),
            (Some(o), Some(t)) => Some(merge_one(m, key, b, o, t)),
            (Some(o), None) | (None, Some(o)) => match b {
                None => Some(o.clone()),
                Some(b) if b == o => None,
                Some(b) => {
                    let ours_kept = ours_of.get(key).copied();
                    let theirs_kept = theirs_of.get(key).copied();
                    if parent.is_some() {
                        m.conflict(
                            key,
                            kind,
                            whole(Some(b)).as_ref(),
                            whole(ours_kept).as_ref(),
                            whole(theirs_kept).as_ref(),
                        );
                    } else {
                        m.conflict(key, kind, Some(b), ours_kept, theirs_kept);
                    }
                    ours_kept.cloned()
                }
            },
            (None, None) => None,
        };
        if let Some(merged) = merged {
            kept.insert(key.to_string(), merged);
        }
    }
    let ids = |list: &'r [T]| list.iter().map(id).collect::<Vec<&str>>();
    let keep: HashSet<String> = kept.keys().cloned().collect();
    order(&ids(base), &ids(ours), &ids(theirs), &keep).into_iter().filter_map(|key| kept.remove(key)).collect()
}

/// The order of a merged list: the side that reordered what both still hold sets it (ours,
/// when both did), and each record only the other side has goes in after the nearest one
/// before it there that the list holds, or first when none does.
fn order<'i>(base: &[&'i str], ours: &[&'i str], theirs: &[&'i str], keep: &HashSet<String>) -> Vec<&'i str> {
    // Neither side added, removed or moved anything: the order stands.
    if ours == base && theirs == base {
        return base.iter().copied().filter(|id| keep.contains(*id)).collect();
    }
    let everywhere: HashSet<&str> = {
        let (o, t): (HashSet<&str>, HashSet<&str>) = (ours.iter().copied().collect(), theirs.iter().copied().collect());
        base.iter().copied().filter(|id| o.contains(id) && t.contains(id)).collect()
    };
    let common = |list: &[&'i str]| list.iter().copied().filter(|id| everywhere.contains(id)).collect::<Vec<_>>();
    let (lead, other) = if common(ours) == common(base) { (theirs, ours) } else { (ours, theirs) };
    let mut merged: Vec<&str> = lead.iter().copied().filter(|id| keep.contains(*id)).collect();
    let mut placed: HashSet<&str> = merged.iter().copied().collect();
    for source in [other, base] {
        for (at, id) in source.iter().copied().enumerate() {
            if !keep.contains(id) || placed.contains(id) {
                continue;
            }
            merged.insert(after_predecessor(&merged, &source[..at]), id);
            placed.insert(id);
        }
    }
    merged
}

/// Where a record goes in `merged`: after the nearest of `before` (what stood before it on
/// its side) that `merged` holds, or first when none does.
fn after_predecessor(merged: &[&str], before: &[&str]) -> usize {
    let at: HashMap<&str, usize> = merged.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    before.iter().rev().find_map(|id| at.get(id)).map_or(0, |i| i + 1)
}

/// Entries without ids (notes, history) as a set three ways: what both hold, plus what
/// either added, less what either removed; an entry both added is there once. In time order,
/// entries of one time in the order ours has them.
fn entries<T: Clone + Eq + Hash>(
    base: &[T],
    ours: &[T],
    theirs: &[T],
    at: impl Fn(&T) -> DateTime<FixedOffset>,
) -> Vec<T> {
    if ours == base {
        return theirs.to_vec();
    }
    if theirs == base || ours == theirs {
        return ours.to_vec();
    }
    let (b, o, t) = (counts(base), counts(ours), counts(theirs));
    let mut left: HashMap<&T, usize> = HashMap::new();
    for entry in o.keys().chain(t.keys()) {
        let n = |counts: &HashMap<&T, usize>| counts.get(entry).copied().unwrap_or(0);
        let (b, o, t) = (n(&b), n(&o), n(&t));
        let n = match (o.cmp(&b), t.cmp(&b)) {
            (std::cmp::Ordering::Equal, _) => t,
            (_, std::cmp::Ordering::Equal) => o,
            (std::cmp::Ordering::Greater, std::cmp::Ordering::Greater) => o.max(t),
            (std::cmp::Ordering::Less, std::cmp::Ordering::Less) => o.min(t),
            _ => (o + t).saturating_sub(b),
        };
        left.insert(entry, n);
    }
    let mut merged = Vec::new();
    for entry in ours.iter().chain(theirs) {
        if let Some(n) = left.get_mut(entry)
            && *n > 0
        {
            *n -= 1;
            merged.push(entry.clone());
        }
    }
    merged.sort_by_key(|e| at(e));
    merged
}

/// How often each entry stands in `list`.
fn counts<T: Eq + Hash>(list: &[T]) -> HashMap<&T, usize> {
    let mut counts: HashMap<&T, usize> = HashMap::new();
    for entry in list {
        *counts.entry(entry).or_default() += 1;
    }
    counts
}

/// One phase: its own fields, its planned meetings and its gate. Its items are placed with
/// every other item's, afterwards.
fn phase(m: &mut Merger, target: &str, base: Option<&Phase>, ours: &Phase, theirs: &Phase) -> Phase {
    // Its fields without its items, which are not copied only to be replaced.
    let bare = |p: &Phase| Phase {
        id: p.id.clone(),
        title: p.title.clone(),
        stage: p.stage.clone(),
        purpose: p.purpose.clone(),
        receives_remediation: p.receives_remediation,
        items: Vec::new(),
        meetings: Vec::new(),
        gate: p.gate.clone(),
        started: p.started,
    };
    let base_bare = base.map(bare);
    let mut merged = Phase::merge_fields(m, target, base_bare.as_ref(), &bare(ours), &bare(theirs));
    let empty = Vec::new();
    merged.meetings = records(
        m,
        "planned_meeting",
        Some(target),
        base.map_or(&empty, |b| &b.meetings),
        &ours.meetings,
        &theirs.meetings,
        |p| &p.id,
        PlannedMeeting::merge_fields,
    );
    merged.gate = gate(m, base.map(|b| &b.gate), &ours.gate, &theirs.gate);
    merged
}

/// A gate: its fields, each criterion, and each party's sign-off apart.
fn gate(m: &mut Merger, base: Option<&Gate>, ours: &Gate, theirs: &Gate) -> Gate {
    if ours.id != theirs.id {
        // The phase gave its gate a new id on one side: there is no one gate to merge into.
        return ours.clone();
    }
    let target = ours.id.as_str();
    let mut merged = Gate::merge_fields(m, target, base, ours, theirs);
    merged.criteria = records(
        m,
        "criterion",
        Some(target),
        base.map_or(&[], |b| &b.criteria),
        &ours.criteria,
        &theirs.criteria,
        |c| &c.id,
        Criterion::merge_fields,
    );
    let signoff = |gate: &Gate, party: Owner| gate.signoffs.iter().find(|s| s.party == party).cloned();
    merged.signoffs = if Some(&ours.signoffs) == base.map(|b| &b.signoffs) {
        theirs.signoffs.clone()
    } else if Some(&theirs.signoffs) == base.map(|b| &b.signoffs) {
        ours.signoffs.clone()
    } else {
        let parties = ours.signoffs.iter().chain(&theirs.signoffs).map(|s| s.party);
        let mut seen = HashSet::new();
        parties
            .filter(|party| seen.insert(*party))
            .filter_map(|party| {
                let b = base.map(|b| signoff(b, party));
                let (o, t) = (signoff(ours, party), signoff(theirs, party));
                m.value(target, &signoff_field(party), b.as_ref(), &o, &t)
            })
            .collect()
    };
    merged
}

/// The field name of one party's sign-off in a conflict: `signoff.Customer`.
fn signoff_field(party: Owner) -> String {
    format!("signoff.{party:?}")
}

/// An item and the list it stands in (a phase's id, empty for General), as `Edit::Item`
/// names lists.
#[derive(Clone, Copy)]
struct Placed<'a> {
    list: &'a str,
    item: &'a Item,
}

/// Every item of each side by id, and each list's ids in order: items are merged across
/// lists, so one that moved to another list is still the same item.
struct Sides<'a> {
    /// Each side's items by id, made when first asked for: a merge in which no item was
    /// added, removed or moved never needs them.
    by_id: std::cell::OnceCell<[HashMap<&'a str, Placed<'a>>; 3]>,
    lists: [HashMap<&'a str, Vec<&'a str>>; 3],
    copies: [&'a Workbook; 3],
}

impl<'a> Sides<'a> {
    fn of(base: &'a Workbook, ours: &'a Workbook, theirs: &'a Workbook) -> Sides<'a> {
        let ids = |wb: &'a Workbook| {
            lists(wb).map(|(list, items)| (list, items.iter().map(|i| i.id.as_str()).collect())).collect()
        };
        Sides {
            by_id: std::cell::OnceCell::new(),
            lists: [ids(base), ids(ours), ids(theirs)],
            copies: [base, ours, theirs],
        }
    }

    /// Side `side`'s items by id (0: the base, 1: ours, 2: theirs).
    fn side(&self, side: usize) -> &HashMap<&'a str, Placed<'a>> {
        // Only the lists that changed: an item of one that did not is in it on every side.
        let maps = self.by_id.get_or_init(|| {
            self.copies.map(|wb| {
                lists(wb)
                    .filter(|(list, _)| !self.unchanged(list))
                    .flat_map(|(list, items)| items.iter().map(move |item| (item.id.as_str(), Placed { list, item })))
                    .collect()
            })
        });
        &maps[side.min(2)]
    }

    /// Merges every item and puts each in its list of the merged workbook, in order.
    fn place_items(&self, m: &mut Merger, merged: &mut Workbook) {
        let [base, ours, theirs] = self.copies;
        // One side left every item as it was: the other's lists are the merge's.
        let untouched = |side: &Workbook| {
            base.general == side.general
                && base.phases.iter().map(|p| &p.items).eq(side.phases.iter().map(|p| &p.items))
        };
        for (kept, changed) in [(ours, theirs), (theirs, ours)] {
            if untouched(kept) && changed.phases.iter().map(|p| &p.id).eq(merged.phases.iter().map(|p| &p.id)) {
                merged.general.clone_from(&changed.general);
                for (phase, from) in merged.phases.iter_mut().zip(&changed.phases) {
                    phase.items.clone_from(&from.items);
                }
                return;
            }
        }
        // A list holding the same items in the same order on every side merges item by item;
        // the items of the other lists by id, for one may have moved between them.
        let mut kept: HashMap<&str, HashMap<String, Item>> = HashMap::new();
        let changed = |wb: &'a Workbook| lists(wb).filter(|(list, _)| !self.unchanged(list));
        let everything =
            changed(ours).chain(changed(theirs)).flat_map(|(_, items)| items.iter().map(|i| i.id.as_str()));
        let mut seen = HashSet::new();
        for id in everything.filter(|id| seen.insert(*id)) {
            if let Some((list, item)) = self.item(m, id) {
                kept.entry(list).or_default().insert(id.to_string(), item);
            }
        }
        let mut fill = |m: &mut Merger, list: &str, items: &mut Vec<Item>| {
            if self.unchanged(list) {
                let [b, o, t] = self.copies.map(|wb| items_of(wb, list));
                let placed = |item| Some(Placed { list: "", item });
                *items = b
                    .iter()
                    .zip(o)
                    .zip(t)
                    .filter_map(|((b, o), t)| Some(self.merged_item(m, &b.id, placed(b), placed(o), placed(t))?.1))
                    .collect();
                return;
            }
            let Some(mut mine) = kept.remove(list) else {
                items.clear();
                return;
            };
            let keep: HashSet<String> = mine.keys().cloned().collect();
            let ids = |side: usize| self.lists[side].get(list).map_or(&[][..], |ids| ids.as_slice());
            *items = order(ids(0), ids(1), ids(2), &keep).into_iter().filter_map(|id| mine.remove(id)).collect();
        };
        fill(m, "", &mut merged.general);
        for phase in &mut merged.phases {
            fill(m, &phase.id, &mut phase.items);
        }
    }

    /// Whether list `list` holds the same items in the same order on every side (what each
    /// item says may differ): nothing added to it, removed from it or moved in it.
    fn unchanged(&self, list: &str) -> bool {
        let [base, ours, theirs] = &self.lists;
        base.get(list).is_some_and(|b| ours.get(list) == Some(b) && theirs.get(list) == Some(b))
    }

    /// Whether every list holds the same items in the same order on every side (what each
    /// item says may differ): nothing added, removed or moved.
    fn same_items(&self) -> bool {
        let [base, ours, theirs] = &self.lists;
        base == ours && base == theirs
    }

    /// One item three ways, with the list it goes in; `None` when it goes.
    fn item(&self, m: &mut Merger, id: &str) -> Option<(&'a str, Item)> {
        let (b, o, t) = (self.side(0).get(id).copied(), self.side(1).get(id).copied(), self.side(2).get(id).copied());
        self.merged_item(m, id, b, o, t)
    }

    /// One item three ways, as each side places it.
    fn merged_item(
        &self,
        m: &mut Merger,
        id: &str,
        b: Option<Placed<'a>>,
        o: Option<Placed<'a>>,
        t: Option<Placed<'a>>,
    ) -> Option<(&'a str, Item)> {
        let (b, o, t) = (b.as_ref(), o.as_ref(), t.as_ref());
        let list = |p: Option<&Placed<'a>>| p.map(|p| p.list);
        match (o, t) {
            (Some(o), Some(t)) => {
                let list = if list(b) == Some(o.list) { t.list } else { o.list };
                let item = if o.item == t.item || b.map(|b| b.item) == Some(t.item) {
                    o.item.clone()
                } else if b.map(|b| b.item) == Some(o.item) {
                    t.item.clone()
                } else {
                    let base = b.map(|b| b.item);
                    let mut item = Item::merge_fields(m, id, base, o.item, t.item);
                    let none = Vec::new();
                    item.notes =
                        entries(base.map_or(&none, |b| &b.notes), &o.item.notes, &t.item.notes, |n: &Note| n.at);
                    item
                };
                Some((list, item))
            }
            (Some(one), None) | (None, Some(one)) => match b {
                None => Some((one.list, one.item.clone())),
                Some(b) if b.item == one.item => None,
                Some(b) => {
                    m.conflict(id, "item", whole(Some(b)).as_ref(), whole(o).as_ref(), whole(t).as_ref());
                    o.map(|o| (o.list, o.item.clone()))
                }
            },
            (None, None) => None,
        }
    }

    /// Puts back what one side removed while the merge still names it (a sub-item's
    /// heading, a decision's link, a waiver): the file would not open without it. Each is a
    /// conflict about the whole record, for a person to see.
    fn keep_what_is_named(&self, m: &mut Merger, merged: &mut Workbook) {
        // Nothing removed on either side (the same items, decisions and meetings everywhere):
        // whatever the merge names, a side named and had.
        let [base, ours, theirs] = self.copies;
        let ids = |wb: &'a Workbook| {
            let decisions: Vec<&str> = wb.decisions.iter().map(|d| d.id.as_str()).collect();
            (decisions, wb.meetings.iter().map(|m| m.id.as_str()).collect::<Vec<_>>())
        };
        if self.same_items() && ids(base) == ids(ours) && ids(base) == ids(theirs) {
            return;
        }
        // Each round may put back something that names something else removed.
        for _ in 0..16 {
            let missing: Vec<String> = check(merged)
                .into_iter()
                .filter_map(|issue| match issue {
                    Issue::ParentMissing { parent: id, .. }
                    | Issue::DecisionLinkMissing { target: id, .. }
                    | Issue::SupersededByMissing { by: id, .. }
                    | Issue::WaiverMissing { waiver: id, .. }
                    | Issue::CriterionMissingItem { item: id, .. }
                    | Issue::LimitTargetMissing { target: id, .. }
                    | Issue::MetByMissing { target: id, .. } => Some(id),
                    _ => None,
                })
                .collect();
            let mut restored = false;
            for id in missing {
                restored |= self.put_back(m, merged, &id);
            }
            if !restored {
                return;
            }
        }
    }

    fn put_back(&self, m: &mut Merger, merged: &mut Workbook, id: &str) -> bool {
        let [base, ours, theirs] = self.copies;
        let record = |wb: &'a Workbook| wb.decisions.iter().find(|d| d.id == id);
        if let Some(decision) = record(theirs).or_else(|| record(ours)) {
            if merged.decisions.iter().any(|d| d.id == id) {
                return false;
            }
            if !m.has_conflict(id, "decision") {
                m.conflict(id, "decision", record(base), record(ours), record(theirs));
            }
            merged.decisions.push(decision.clone());
            return true;
        }
        let Some(placed) = self.side(2).get(id).or_else(|| self.side(1).get(id)) else { return false };
        if merged.item(id).is_some() {
            return false;
        }
        let items = if placed.list.is_empty() {
            &mut merged.general
        } else {
            match merged.phases.iter_mut().find(|p| p.id == placed.list) {
                Some(phase) => &mut phase.items,
                None => return false,
            }
        };
        if !m.has_conflict(id, "item") {
            m.conflict(
                id,
                "item",
                whole(self.side(0).get(id)).as_ref(),
                whole(self.side(1).get(id)).as_ref(),
                whole(self.side(2).get(id)).as_ref(),
            );
        }
        let side = if self.side(2).contains_key(id) { 2 } else { 1 };
        let there = self.lists[side].get(placed.list).map_or(&[][..], |ids| ids.as_slice());
        let before = there.iter().position(|i| *i == id).map_or(there, |at| &there[..at]);
        let current: Vec<&str> = items.iter().map(|i| i.id.as_str()).collect();
        let at = after_predecessor(&current, before).min(items.len());
        items.insert(at, placed.item.clone());
        true
    }
}

/// An item with its list, as a conflict about the whole item keeps it.
fn whole<'b>(placed: Option<&Placed<'b>>) -> Option<(&'b str, &'b Item)> {
    placed.map(|p| (p.list, p.item))
}

/// Each list of items of a workbook with the name `Edit::Item` gives it.
fn lists(wb: &Workbook) -> impl Iterator<Item = (&str, &Vec<Item>)> {
    std::iter::once(("", &wb.general)).chain(wb.phases.iter().map(|p| (p.id.as_str(), &p.items)))
}

/// The items of the list `Edit::Item` calls `list` in `wb`; none when it has no such list.
fn items_of<'w>(wb: &'w Workbook, list: &str) -> &'w [Item] {
    if list.is_empty() {
        return &wb.general;
    }
    wb.phases.iter().find(|p| p.id == list).map_or(&[], |p| &p.items)
}

/// The new ids theirs' additions take where ours added something else under the same id:
/// a decision or held meeting the next free number, an item the next free own id of its list.
/// What both added alike keeps its id and is one thing; an item counts as alike when its
/// owner and text are (the rest of it merges field by field).
fn renumbering<'a>(base: &'a Workbook, ours: &'a Workbook, theirs: &'a Workbook) -> Renumbering {
    let mut renumbering = Renumbering::default();
    let copies = [base, ours, theirs];

    // From theirs' first clash on, every decision theirs added takes a new number, in
    // order, counting on from the highest the others hold: a chain (D-4 superseding D-3)
    // keeps reading forward.
    let ours_new: HashMap<&str, &Decision> =
        added(&base.decisions, &ours.decisions, |d| &d.id).map(|d| (d.id.as_str(), d)).collect();
    let mut clashed = false;
    let block: Vec<&str> = added(&base.decisions, &theirs.decisions, |d| &d.id)
        .filter(|d| {
            clashed |= ours_new.get(d.id.as_str()).is_some_and(|o| *o != *d);
            clashed && !ours_new.get(d.id.as_str()).is_some_and(|o| *o == *d)
        })
        .map(|d| d.id.as_str())
        .collect();
    let mut taken: HashSet<String> = copies
        .iter()
        .flat_map(|wb| wb.decisions.iter().map(|d| d.id.as_str()))
        .filter(|id| {
            !block.contains(id)
                || ours.decisions.iter().any(|d| d.id == *id)
                || base.decisions.iter().any(|d| d.id == *id)
        })
        .map(str::to_string)
        .collect();
    for id in block {
        let fresh = next_numbered("D-", &taken);
        taken.insert(fresh.clone());
        renumbering.insert(id.to_string(), fresh);
    }

    let planned =
        |wb: &Workbook| wb.phases.iter().flat_map(|p| p.meetings.iter().map(|m| m.id.clone())).collect::<Vec<_>>();
    let ours_new: HashMap<&str, &Meeting> =
        added(&base.meetings, &ours.meetings, |m| &m.id).map(|m| (m.id.as_str(), m)).collect();
    let mut clashed = false;
    let block: Vec<String> = added(&base.meetings, &theirs.meetings, |m| &m.id)
        .filter(|held| {
            clashed |= ours_new.get(held.id.as_str()).is_some_and(|o| *o != *held);
            clashed && !ours_new.get(held.id.as_str()).is_some_and(|o| *o == *held)
        })
        .map(|m| m.id.clone())
        .collect();
    let ours_or_base = |id: &str| [base, ours].iter().any(|wb| wb.meetings.iter().any(|m| m.id == id));
    let mut taken: HashSet<String> = copies
        .iter()
        .flat_map(|wb| wb.meetings.iter().map(|m| m.id.clone()).chain(planned(wb)))
        .filter(|id| !block.contains(id) || ours_or_base(id))
        .collect();
    for id in block {
        let fresh = next_numbered("M-", &taken);
        taken.insert(fresh.clone());
        renumbering.insert(id, fresh);
    }

    // A side that added no item cannot clash with the other's.
    let same_ids = |a: &Workbook, b: &Workbook| a.all_items().map(|(_, i)| &i.id).eq(b.all_items().map(|(_, i)| &i.id));
    if same_ids(base, ours) || same_ids(base, theirs) {
        return renumbering;
    }
    // An id once used, by an item since removed, is taken too: the history still names it.
    let items = |wb: &'a Workbook| {
        wb.all_items().map(|(_, i)| i.id.as_str()).chain(wb.history.iter().map(|c| c.target.as_str()))
    };
    let taken: HashSet<&str> = copies.iter().flat_map(|wb| items(wb)).collect();
    let mut given: HashSet<String> = HashSet::new();
    let before: HashSet<&str> = base.all_items().map(|(_, i)| i.id.as_str()).collect();
    let ours_new: HashMap<&str, &Item> =
        ours.all_items().map(|(_, i)| (i.id.as_str(), i)).filter(|(id, _)| !before.contains(id)).collect();
    for (phase, item) in theirs.all_items() {
        let Some(o) = ours_new.get(item.id.as_str()) else { continue };
        if o.owner == item.owner && o.text == item.text {
            continue;
        }
        let prefix = phase.map_or("general", |p| p.id.as_str());
        let free = |id: &String| !taken.contains(id.as_str()) && !given.contains(id);
        let fresh = (1..).map(|n| format!("{prefix}.own.{n}")).find(free).unwrap_or_default();
        given.insert(fresh.clone());
        renumbering.insert(item.id.clone(), fresh);
    }
    renumbering
}

/// `wb` with the new ids `renumbering` gives, but for the history it shares with `base`: an
/// id may have been used before, by something since removed, and those entries mean that.
fn renumbered_since(renumbering: &Renumbering, wb: &Workbook, base: &Workbook) -> Workbook {
    let mut copy = wb.clone();
    renumbering.workbook(&mut copy);
    let shared: HashSet<&Change> = base.history.iter().collect();
    for (entry, before) in copy.history.iter_mut().zip(&wb.history) {
        if shared.contains(before) {
            entry.clone_from(before);
        }
    }
    copy
}

/// The records of `side` whose id `base` has not.
fn added<'a, T>(base: &[T], side: &'a [T], id: fn(&T) -> &str) -> impl Iterator<Item = &'a T> {
    let before: HashSet<String> = base.iter().map(|r| id(r).to_string()).collect();
    side.iter().filter(move |r| !before.contains(id(r)))
}

/// The next free `<prefix>n`, counting past the highest taken, as `decision::next_id` and
/// `meeting::next_id` number a new one; the first free number when the highest is the largest.
fn next_numbered(prefix: &str, taken: &HashSet<String>) -> String {
    let numbers: HashSet<u64> = taken.iter().filter_map(|id| id.strip_prefix(prefix)?.parse().ok()).collect();
    let highest = numbers.iter().copied().max().unwrap_or(0);
    let next = highest.checked_add(1).unwrap_or_else(|| (1..).find(|n| !numbers.contains(n)).unwrap_or(1));
    format!("{prefix}{next}")
}

/// Whether a conflict with `field` is about a whole record (one side removed it) rather
/// than one of its fields.
fn is_whole_record(field: &str) -> bool {
    matches!(
        field,
        "item"
            | "decision"
            | "meeting"
            | "question"
            | "phase"
            | "deadline"
            | "limit"
            | "expectation"
            | "scope_conflict"
            | "criterion"
            | "planned_meeting"
    )
}

/// Sets what `conflict` is about to `value` (`None`: the thing is not there).
fn settle(wb: &mut Workbook, conflict: &Conflict, value: Option<&str>) -> Result<(), ResolveError> {
    let (target, field) = (conflict.target.as_str(), conflict.field.as_str());
    let unreadable = |e: ron::error::SpannedError| ResolveError::Unreadable {
        target: target.to_string(),
        field: field.to_string(),
        reason: e.to_string(),
    };
    match field {
        "item" => {
            let placed: Option<(String, Item)> = read(value).map_err(unreadable)?;
            return put_item(wb, target, placed);
        }
        "decision" => return put_record(&mut wb.decisions, target, read(value).map_err(unreadable)?, |d| &d.id),
        "meeting" => return put_record(&mut wb.meetings, target, read(value).map_err(unreadable)?, |m| &m.id),
        "question" => return put_record(&mut wb.scope, target, read(value).map_err(unreadable)?, |q| &q.id),
        "phase" => return put_record(&mut wb.phases, target, read(value).map_err(unreadable)?, |p| &p.id),
        "deadline" => return put_record(&mut wb.deadlines, target, read(value).map_err(unreadable)?, |d| &d.id),
        "limit" => return put_record(&mut wb.limits, target, read(value).map_err(unreadable)?, |l| &l.id),
        "expectation" => return put_record(&mut wb.expectations, target, read(value).map_err(unreadable)?, |e| &e.id),
        "scope_conflict" => {
            return put_record(&mut wb.scope_conflicts, target, read(value).map_err(unreadable)?, |c| &c.id);
        }
        "criterion" => {
            let (parent, record) = within::<Criterion>(conflict, value).map_err(unreadable)?;
            let gate = wb.phases.iter_mut().map(|p| &mut p.gate).find(|g| g.id == parent);
            let gate = gate.ok_or(ResolveError::NotThere(parent))?;
            return put_record(&mut gate.criteria, target, record, |c| &c.id);
        }
        "planned_meeting" => {
            let (parent, record) = within::<PlannedMeeting>(conflict, value).map_err(unreadable)?;
            let phase = wb.phases.iter_mut().find(|p| p.id == parent).ok_or(ResolveError::NotThere(parent))?;
            return put_record(&mut phase.meetings, target, record, |p| &p.id);
        }
        _ => {}
    }
    let no_value = || ResolveError::NoValue { target: target.to_string(), field: field.to_string() };
    if let Some(party) = field.strip_prefix("signoff.") {
        let party = Owner::ALL.into_iter().find(|o| format!("{o:?}") == party);
        let party = party.ok_or_else(|| ResolveError::UnknownField { target: target.into(), field: field.into() })?;
        let signoff: Option<SignOff> = ron::from_str(value.ok_or_else(no_value)?).map_err(unreadable)?;
        let gate = wb.phases.iter_mut().map(|p| &mut p.gate).find(|g| g.id == target);
        let gate = gate.ok_or_else(|| ResolveError::NotThere(target.to_string()))?;
        match (gate.signoffs.iter().position(|s| s.party == party), signoff) {
            (Some(at), Some(s)) => gate.signoffs[at] = s,
            (Some(at), None) => {
                gate.signoffs.remove(at);
            }
            (None, Some(s)) => gate.signoffs.push(s),
            (None, None) => {}
        }
        return Ok(());
    }
    let text = value.ok_or_else(no_value)?;
    let set = match target {
        ENGAGEMENT => wb.engagement.set_field(field, text),
        META => wb.meta.set_field(field, text),
        _ => set_by_id(wb, target, field, text).ok_or_else(|| ResolveError::NotThere(target.to_string()))?,
    };
    match set.map_err(unreadable)? {
        true => Ok(()),
        false => Err(ResolveError::UnknownField { target: target.to_string(), field: field.to_string() }),
    }
}

/// A value as a conflict keeps it, read back; `None` stays `None`.
fn read<T: DeserializeOwned>(text: Option<&str>) -> Result<Option<T>, ron::error::SpannedError> {
    text.map(ron::from_str).transpose()
}

/// A record kept inside another (a criterion in its gate) as a conflict keeps it: the id of
/// the one it belongs to, named by whichever value has one, and the record `value` holds.
fn within<T: DeserializeOwned>(
    conflict: &Conflict,
    value: Option<&str>,
) -> Result<(String, Option<T>), ron::error::SpannedError> {
    let picked: Option<(String, T)> = read(value)?;
    if let Some((parent, record)) = picked {
        return Ok((parent, Some(record)));
    }
    let named = [conflict.base.as_deref(), conflict.ours.as_deref(), conflict.theirs.as_deref()];
    let parent = match named.into_iter().flatten().next() {
        Some(text) => ron::from_str::<(String, T)>(text)?.0,
        None => String::new(),
    };
    Ok((parent, None))
}

/// Sets a field of whatever has the id `id`; `None` when nothing has it.
fn set_by_id(wb: &mut Workbook, id: &str, field: &str, text: &str) -> Option<Result<bool, ron::error::SpannedError>> {
    if let Some(item) = wb.item_mut(id) {
        return Some(item.set_field(field, text));
    }
    macro_rules! among {
        ($($list:expr),*) => {$(
            if let Some(found) = $list.find(|r| r.id == id) {
                return Some(found.set_field(field, text));
            }
        )*};
    }
    among!(wb.scope.iter_mut(), wb.decisions.iter_mut(), wb.meetings.iter_mut(), wb.deadlines.iter_mut());
    among!(wb.limits.iter_mut(), wb.expectations.iter_mut(), wb.scope_conflicts.iter_mut(), wb.phases.iter_mut());
    among!(
        wb.phases.iter_mut().map(|p| &mut p.gate),
        wb.phases.iter_mut().flat_map(|p| p.gate.criteria.iter_mut()),
        wb.phases.iter_mut().flat_map(|p| p.meetings.iter_mut())
    );
    None
}

/// Puts `record` in place of the one with id `id` (at the end when there is none), or takes
/// that one out when `record` is `None`.
fn put_record<T>(list: &mut Vec<T>, id: &str, record: Option<T>, id_of: fn(&T) -> &str) -> Result<(), ResolveError> {
    let at = list.iter().position(|r| id_of(r) == id);
    match (at, record) {
        (Some(at), Some(record)) => list[at] = record,
        (Some(at), None) => {
            list.remove(at);
        }
        (None, Some(record)) => list.push(record),
        (None, None) => {}
    }
    Ok(())
}

/// An item put back in its list (in place of itself, or at the list's end), or taken out.
fn put_item(wb: &mut Workbook, id: &str, placed: Option<(String, Item)>) -> Result<(), ResolveError> {
    let Some((list, item)) = placed else {
        if let Some((phase, at)) = wb.place_of(id) {
            match phase {
                None => wb.general.remove(at),
                Some(p) => wb.phases[p].items.remove(at),
            };
        }
        return Ok(());
    };
    if let Some(found) = wb.item_mut(id) {
        *found = item;
        return Ok(());
    }
    let items = if list.is_empty() {
        &mut wb.general
    } else {
        &mut wb.phases.iter_mut().find(|p| p.id == list).ok_or(ResolveError::NotThere(list))?.items
    };
    items.push(item);
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate};
    use proptest::prelude::*;

    use super::*;
    use crate::model::edit::Edit;
    use crate::model::fixture::{self, date};
    use crate::model::items::{self, Removal};
    use crate::model::workbook::{Change, DecisionKind, Passage, Said, Status};
    use crate::model::{decision, scope};

    fn at(minutes: i64) -> DateTime<FixedOffset> {
        let start = DateTime::parse_from_rfc3339("2026-03-01T09:00:00+01:00").unwrap();
        start + Duration::minutes(minutes)
    }

    fn note(text: &str, minutes: i64) -> Note {
        Note { at: at(minutes), by: "Ann".into(), text: text.into() }
    }

    fn after(wb: &Workbook, change: impl FnOnce(&mut Workbook)) -> Workbook {
        let mut wb = wb.clone();
        change(&mut wb);
        wb
    }

    fn applied(wb: &mut Workbook, edit: Edit) {
        edit.apply(wb).unwrap();
    }

    fn decision(wb: &Workbook, id: &str, title: &str) -> Decision {
        let mut d = decision::record(wb, title.into(), DecisionKind::General, "Ann", date(2026, 3, 1));
        d.id = id.into();
        d
    }

    fn own_item(wb: &mut Workbook, text: &str) -> String {
        let edit = items::add(wb, Some(0), Owner::Customer, text, None).unwrap();
        let id = edit.target().to_string();
        applied(wb, edit);
        id
    }

    /// Merged, and checked to open and to come back the same from its file.
    fn merged(base: &Workbook, ours: &Workbook, theirs: &Workbook) -> Workbook {
        let wb = merge(base, ours, theirs).unwrap();
        assert_opens(&wb);
        wb
    }

    fn assert_opens(wb: &Workbook) {
        let errors: Vec<String> = check(wb).iter().filter(|i| i.is_error()).map(|i| i.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let text = crate::store::to_ron(wb).unwrap();
        let back = crate::store::load_bytes(std::path::Path::new("merged.ron"), text.as_bytes()).unwrap();
        assert_eq!(&back, wb);
    }

    #[test]
    fn two_decisions_both_numbered_d7_are_both_kept_and_theirs_renumbered_with_its_references() {
        let mut base = fixture::workbook();
        base.decisions = (1..=6).map(|n| decision(&base, &format!("D-{n}"), &format!("Old {n}"))).collect();
        let ours = after(&base, |wb| wb.decisions.push(decision(wb, "D-7", "Ours")));
        let theirs = after(&base, |wb| {
            let mut waiver = decision(wb, "D-7", "Theirs");
            waiver.kind = DecisionKind::Waiver;
            wb.decisions.push(waiver);
            let mut later = decision(wb, "D-8", "Later");
            later.links = vec!["D-7".into()];
            wb.decisions.push(later);
            wb.decisions[0].superseded_by = Some("D-7".into());
            wb.phases[0].gate.passed =
                Some(Passage { date: date(2026, 3, 2), by: "Bo".into(), waiver: Some("D-7".into()) });
            let said = Said::Several(vec![Said::DecisionAdded { id: "D-7".into() }]);
            wb.history.push(Change {
                at: at(1),
                by: "Bo".into(),
                target: "D-7".into(),
                what: "x".into(),
                said: Some(said),
            });
        });
        let wb = merged(&base, &ours, &theirs);
        let titles: Vec<(&str, &str)> = wb.decisions.iter().map(|d| (d.id.as_str(), d.title.as_str())).collect();
        // Theirs' new decisions renumbered as a block, in their order, on from ours' D-7.
        assert_eq!(&titles[6..], [("D-7", "Ours"), ("D-8", "Theirs"), ("D-9", "Later")]);
        assert_eq!(wb.decisions[0].superseded_by.as_deref(), Some("D-8"));
        assert_eq!(wb.decisions[8].links, ["D-8"], "Later's link follows the one it named, one step, not chained");
        assert_eq!(wb.phases[0].gate.passed.as_ref().and_then(|p| p.waiver.as_deref()), Some("D-8"));
        assert_eq!(wb.history[0].target, "D-8");
        assert_eq!(wb.history[0].said, Some(Said::Several(vec![Said::DecisionAdded { id: "D-8".into() }])));
        assert!(wb.conflicts.is_empty(), "{:?}", wb.conflicts);
    }

    #[test]
    fn a_decision_both_added_alike_is_there_once() {
        let base = fixture::workbook();
        let ours = after(&base, |wb| wb.decisions.push(decision(wb, "D-1", "Same")));
        let wb = merged(&base, &ours, &ours.clone());
        assert_eq!(wb.decisions.len(), 1);
    }

    #[test]
    fn notes_added_to_one_item_on_either_side_are_both_kept_in_time_order() {
        let base = fixture::workbook();
        let ours = after(&base, |wb| wb.item_mut("initiate.contact").unwrap().notes.push(note("ours", 2)));
        let theirs = after(&base, |wb| wb.item_mut("initiate.contact").unwrap().notes.push(note("theirs", 1)));
        let wb = merged(&base, &ours, &theirs);
        let texts: Vec<&str> = wb.item("initiate.contact").unwrap().notes.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["theirs", "ours"]);
        assert!(wb.conflicts.is_empty());
    }

    #[test]
    fn a_note_one_side_removed_goes_and_one_both_added_is_there_once() {
        let base =
            after(&fixture::workbook(), |wb| wb.item_mut("initiate.contact").unwrap().notes.push(note("old", 0)));
        let ours = after(&base, |wb| {
            let notes = &mut wb.item_mut("initiate.contact").unwrap().notes;
            notes.clear();
            notes.push(note("both", 1));
        });
        let theirs = after(&base, |wb| wb.item_mut("initiate.contact").unwrap().notes.push(note("both", 1)));
        let wb = merged(&base, &ours, &theirs);
        assert_eq!(wb.item("initiate.contact").unwrap().notes, [note("both", 1)]);
    }

    #[test]
    fn a_status_changed_both_ways_is_one_conflict_that_keeps_ours_until_settled() {
        let base = fixture::workbook();
        let status = |s: Status| after(&base, |wb| wb.item_mut("initiate.contact").unwrap().status = s);
        let (ours, theirs) = (status(Status::Done), status(Status::Blocked));
        let wb = merged(&base, &ours, &theirs);
        assert_eq!(wb.item("initiate.contact").unwrap().status, Status::Done);
        assert_eq!(
            wb.conflicts,
            [Conflict {
                target: "initiate.contact".into(),
                field: "status".into(),
                base: Some("NotStarted".into()),
                ours: Some("Done".into()),
                theirs: Some("Blocked".into()),
            }]
        );
        let settled = resolved(&wb, 0, Pick::Theirs).unwrap();
        assert_eq!(settled.item("initiate.contact").unwrap().status, Status::Blocked);
        assert!(settled.conflicts.is_empty());
        assert_opens(&settled);
        assert_eq!(resolved(&wb, 1, Pick::Base), Err(ResolveError::NoSuchConflict(1)));
    }

    #[test]
    fn a_text_both_reworded_can_be_settled_on_a_text_of_ones_own_and_a_status_cannot() {
        let base = fixture::workbook();
        let ours = after(&base, |wb| wb.item_mut("initiate.contact").unwrap().assignee = "Åsa".into());
        let theirs = after(&base, |wb| wb.item_mut("initiate.contact").unwrap().assignee = "Bo".into());
        let wb = merged(&base, &ours, &theirs);
        assert_eq!(written(&wb.conflicts[0]).as_deref(), Some("Åsa"));
        let settled = resolved(&wb, 0, Pick::Written("Åsa and Bo".into())).unwrap();
        assert_eq!(settled.item("initiate.contact").unwrap().assignee, "Åsa and Bo");
        assert!(settled.conflicts.is_empty());

        let ours = after(&base, |wb| wb.item_mut("initiate.contact").unwrap().status = Status::Done);
        let theirs = after(&base, |wb| wb.item_mut("initiate.contact").unwrap().status = Status::Blocked);
        let wb = merged(&base, &ours, &theirs);
        assert_eq!(written(&wb.conflicts[0]), None);
        assert!(matches!(resolved(&wb, 0, Pick::Written("done".into())), Err(ResolveError::NotText { .. })));
        // A decision's day is written as a RON string, and is still no text.
        let day = Conflict {
            target: "D-1".into(),
            field: "date".into(),
            base: Some("\"2026-03-01\"".into()),
            ours: Some("\"2026-03-02\"".into()),
            theirs: Some("\"2026-03-03\"".into()),
        };
        assert_eq!(written(&day), None);
    }

    #[test]
    fn a_field_conflict_on_an_item_since_removed_settles_on_any_pick() {
        let mut base = fixture::workbook();
        let id = own_item(&mut base, "Book the kick-off room");
        let ours = after(&base, |wb| wb.item_mut(&id).unwrap().status = Status::Done);
        let theirs = after(&base, |wb| wb.item_mut(&id).unwrap().status = Status::Blocked);
        let mut wb = merged(&base, &ours, &theirs);
        assert_eq!(wb.conflicts.len(), 1);
        for list in std::iter::once(&mut wb.general).chain(wb.phases.iter_mut().map(|p| &mut p.items)) {
            list.retain(|i| i.id != id);
        }
        for pick in [Pick::Ours, Pick::Theirs, Pick::Base] {
            assert!(resolved(&wb, 0, pick).unwrap().conflicts.is_empty());
        }
    }

    #[test]
    fn a_base_in_another_language_is_no_base_of_the_copies() {
        let base = fixture::workbook();
        let mut other = base.clone();
        other.meta.language = "sv".into();
        assert_eq!(merge(&other, &base, &base), Err(MergeError::NotRelated));
    }

    #[test]
    fn the_same_change_on_both_sides_and_changes_to_different_fields_are_no_conflict() {
        let base = fixture::workbook();
        let ours = after(&base, |wb| {
            wb.item_mut("initiate.contact").unwrap().status = Status::Done;
            wb.engagement.customer = "Ours".into();
        });
        let theirs = after(&base, |wb| {
            let item = wb.item_mut("initiate.contact").unwrap();
            item.status = Status::Done;
            item.assignee = "Bo".into();
            wb.engagement.tenant = "theirs.example".into();
        });
        let wb = merged(&base, &ours, &theirs);
        let item = wb.item("initiate.contact").unwrap();
        assert_eq!((item.status, item.assignee.as_str()), (Status::Done, "Bo"));
        assert_eq!((wb.engagement.customer.as_str(), wb.engagement.tenant.as_str()), ("Ours", "theirs.example"));
        assert!(wb.conflicts.is_empty());
    }

    #[test]
    fn an_item_removed_on_one_side_and_changed_on_the_other_is_a_conflict_that_keeps_ours() {
        let mut base = fixture::workbook();
        let id = own_item(&mut base, "Book the room");
        let removed = after(&base, |wb| {
            let (_, index) = wb.place_of(&id).unwrap();
            let Some(Removal::Remove(edit)) = items::remove(wb, Some(0), index) else { panic!("own items go") };
            applied(wb, edit);
        });
        let changed = after(&base, |wb| wb.item_mut(&id).unwrap().status = Status::Done);

        let wb = merged(&base, &removed, &changed);
        assert!(wb.item(&id).is_none(), "ours removed it");
        assert_eq!((wb.conflicts.len(), wb.conflicts[0].field.as_str()), (1, "item"));
        assert_eq!(wb.conflicts[0].ours, None);
        let settled = resolved(&wb, 0, Pick::Theirs).unwrap();
        assert_eq!(settled.item(&id).map(|i| i.status), Some(Status::Done));
        assert_eq!(settled.place_of(&id).map(|(list, _)| list), Some(Some(0)));

        let wb = merged(&base, &changed, &removed);
        assert_eq!(wb.item(&id).map(|i| i.status), Some(Status::Done), "ours changed it");
        assert_eq!(wb.conflicts[0].theirs, None);
        assert!(resolved(&wb, 0, Pick::Theirs).unwrap().item(&id).is_none());
    }

    #[test]
    fn own_items_both_sides_added_under_one_id_are_both_kept() {
        let base = fixture::workbook();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let id = own_item(&mut ours, "Ours");
        assert_eq!(own_item(&mut theirs, "Theirs"), id);
        let wb = merged(&base, &ours, &theirs);
        let texts: Vec<(&str, &str)> =
            wb.phases[0].items.iter().filter(|i| i.own).map(|i| (i.id.as_str(), i.text.as_str())).collect();
        assert_eq!(texts, [(id.as_str(), "Ours"), ("initiate.own.2", "Theirs")]);
    }

    #[test]
    fn an_added_item_goes_after_the_one_it_follows_on_its_side() {
        let base = fixture::workbook();
        let theirs = after(&base, |wb| {
            let mut extra = Item::new("initiate.extra", Owner::Microsoft, "Extra");
            extra.own = true;
            wb.phases[0].items.insert(1, extra);
        });
        let ours = after(&base, |wb| {
            wb.phases[0].items.swap(0, 1);
            wb.phases[0].items.push(Item::new("initiate.last", Owner::Joint, "Last"));
        });
        let wb = merged(&base, &ours, &theirs);
        let ids: Vec<&str> = wb.phases[0].items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["initiate.kickoff", "initiate.contact", "initiate.extra", "initiate.last"]);
    }

    #[test]
    fn a_decision_one_side_removed_is_put_back_when_the_other_links_to_it() {
        let base = after(&fixture::workbook(), |wb| wb.decisions.push(decision(wb, "D-1", "Old")));
        let ours = after(&base, |wb| wb.decisions.clear());
        let theirs = after(&base, |wb| {
            let mut new = decision(wb, "D-2", "New");
            new.links = vec!["D-1".into()];
            wb.decisions.push(new);
        });
        let wb = merged(&base, &ours, &theirs);
        let ids: Vec<&str> = wb.decisions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["D-2", "D-1"]);
        assert_eq!((wb.conflicts[0].target.as_str(), wb.conflicts[0].field.as_str()), ("D-1", "decision"));
    }

    #[test]
    fn copies_of_different_processes_languages_or_with_conflicts_are_refused() {
        let base = fixture::workbook();
        let other = after(&base, |wb| wb.meta.template = "other".into());
        assert_eq!(
            merge(&base, &base, &other),
            Err(MergeError::DifferentTemplate { ours: "test".into(), theirs: "other".into() })
        );
        let swedish = after(&base, |wb| wb.meta.language = "sv".into());
        assert_eq!(
            merge(&base, &base, &swedish),
            Err(MergeError::DifferentLanguage { ours: "en".into(), theirs: "sv".into() })
        );
        assert_eq!(merge(&other, &base, &base), Err(MergeError::NotRelated));
        let unsettled = after(&base, |wb| {
            wb.conflicts.push(Conflict {
                target: ENGAGEMENT.into(),
                field: "customer".into(),
                base: None,
                ours: None,
                theirs: None,
            });
        });
        assert_eq!(merge(&base, &base, &unsettled), Err(MergeError::Unresolved { side: Side::Theirs, count: 1 }));
    }

    #[test]
    fn a_signoff_and_a_criterion_merge_apart_per_party() {
        let base = fixture::workbook();
        let sign = |party: Owner, name: &str| SignOff { party, name: name.into(), date: date(2026, 3, 1) };
        let ours = after(&base, |wb| wb.phases[0].gate.signoffs.push(sign(Owner::Customer, "Bo")));
        let theirs = after(&base, |wb| {
            wb.phases[0].gate.signoffs.push(sign(Owner::Microsoft, "Ann"));
            wb.phases[0].gate.criteria[0].met = true;
        });
        let wb = merged(&base, &ours, &theirs);
        assert_eq!(wb.phases[0].gate.signoffs, [sign(Owner::Customer, "Bo"), sign(Owner::Microsoft, "Ann")]);
        assert!(wb.phases[0].gate.criteria[0].met);
        assert!(wb.conflicts.is_empty());
    }

    // Random sessions on either side.

    const KINDS: u8 = 10;

    /// An edit as the interface makes one on `wb`: `kind` chooses what, `pick` the details,
    /// `clock` the minute it is made at.
    fn user_edit(wb: &Workbook, kind: u8, pick: u16, clock: i64) -> Option<Edit> {
        let n = usize::from(pick);
        let ids: Vec<&Item> = wb.all_items().map(|(_, i)| i).collect();
        let item = ids[n % ids.len()];
        let id = item.id.clone();
        let day = NaiveDate::from_ymd_opt(2026, 3, 1 + u32::from(pick % 28)).unwrap();
        let list_at = |n: usize| if n.is_multiple_of(6) { None } else { Some(n % wb.phases.len()) };
        let own: Vec<(Option<usize>, usize)> =
            wb.all_items().filter(|(_, i)| i.own).filter_map(|(_, i)| wb.place_of(&i.id)).collect();
        let edit = match kind {
            0 => Edit::Status { item: id, from: item.status, to: Status::ALL[n % 5] },
            1 => Edit::Assignee { item: id, from: item.assignee.clone(), to: ["Ann", "Bo", ""][n % 3].into() },
            2 => Edit::Due { item: id, from: item.due, to: (!pick.is_multiple_of(3)).then_some(day) },
            3 => {
                Edit::Note { item: id, index: item.notes.len(), from: None, to: Some(note(&format!("n{pick}"), clock)) }
            }
            4 => {
                let with_notes: Vec<&Item> = ids.iter().copied().filter(|i| !i.notes.is_empty()).collect();
                let item = with_notes.get(n % with_notes.len().max(1))?;
                let index = n % item.notes.len();
                Edit::Note { item: item.id.clone(), index, from: Some(item.notes[index].clone()), to: None }
            }
            5 => {
                let record = decision::record(wb, format!("Decision {pick}"), DecisionKind::General, "Ann", day);
                Edit::Decision { index: wb.decisions.len(), from: None, to: Some(Box::new(record)) }
            }
            6 => items::add(wb, list_at(n), Owner::ALL[n % 3], &format!("Own {}", pick % 7), None)?,
            7 => {
                let (list, index) = *own.get(n % own.len().max(1))?;
                match items::remove(wb, list, index)? {
                    Removal::Remove(edit) => edit,
                    Removal::NeedsReason => return None,
                }
            }
            8 => {
                let (list, index) = *own.get(n % own.len().max(1))?;
                items::moved(wb, list, index, pick.is_multiple_of(2))?
            }
            _ => {
                let q = n % wb.scope.len().max(1);
                let options = wb.scope.get(q)?.options.len();
                scope::choose(wb, q, (n / 7) % options.max(1), "Ann", day)?
            }
        };
        (!edit.is_noop()).then_some(edit)
    }

    /// `choices` made one after another on a copy of `wb`, each recorded in the history.
    fn session(wb: &Workbook, choices: &[(u8, u16)]) -> Workbook {
        let mut wb = wb.clone();
        for (step, &(kind, pick)) in choices.iter().enumerate() {
            let clock = i64::from(pick % 50) + i64::try_from(step).unwrap();
            if let Some(edit) = user_edit(&wb, kind, pick, clock) {
                applied(&mut wb, edit.clone());
                let change = Change {
                    at: at(clock),
                    by: "Ann".into(),
                    target: edit.target().into(),
                    what: "x".into(),
                    said: Some(edit.said()),
                };
                wb.history.push(change);
            }
        }
        wb
    }

    /// The bundled workbook or a generated one, worked on a little before the copies part.
    fn base(which: u8) -> Workbook {
        let fresh = match which % 3 {
            0 => crate::templates::find("intune-fasttrack", "en").unwrap().workbook().unwrap(),
            n => crate::generate::workbook(200, u64::from(n)),
        };
        let before: Vec<(u8, u16)> = (0..24u16).map(|n| (u8::try_from(n % 10).unwrap(), n * 37)).collect();
        session(&fresh, &before)
    }

    /// What a merge says, whichever side it calls ours: the ids only one side gave (new items,
    /// decisions, meetings) named by what they hold, and every list in one order.
    fn facts(wb: &Workbook, base: &Workbook) -> Workbook {
        // Two things alike but for their ids are told apart by when the history says they came.
        let since: Vec<&Change> = wb.history.iter().filter(|c| !base.history.contains(c)).collect();
        let came = |id: &str| {
            let names = |said: &Said| match said {
                Said::DecisionAdded { id: added } => added == id,
                Said::Several(all) => all.iter().any(|s| matches!(s, Said::DecisionAdded { id: added } if added == id)),
                _ => false,
            };
            let mut times: Vec<_> =
                since.iter().filter(|c| c.target == id || c.said.as_ref().is_some_and(names)).map(|c| c.at).collect();
            times.sort();
            format!("{times:?}")
        };
        let mut keys: Vec<(String, String)> = Vec::new();
        for (phase, item) in wb.all_items().filter(|(_, i)| base.item(&i.id).is_none()) {
            let mut bare = item.clone();
            bare.id.clear();
            let key = format!("{:?}{}{}", phase.map(|p| &p.id), ron::to_string(&bare).unwrap(), came(&item.id));
            keys.push((key, item.id.clone()));
        }
        for d in wb.decisions.iter().filter(|d| !base.decisions.iter().any(|b| b.id == d.id)) {
            let mut bare = d.clone();
            bare.id.clear();
            bare.superseded_by = None;
            keys.push((format!("decision {}{}", ron::to_string(&bare).unwrap(), came(&d.id)), d.id.clone()));
        }
        keys.sort();
        let mut renumbering = Renumbering::default();
        for (n, (_, id)) in keys.into_iter().enumerate() {
            renumbering.insert(id, format!("new-{n}"));
        }
        let mut wb = renumbered_since(&renumbering, wb, base);
        wb.general.sort_by(|a, b| a.id.cmp(&b.id));
        for phase in &mut wb.phases {
            phase.items.sort_by(|a, b| a.id.cmp(&b.id));
        }
        for item in wb.general.iter_mut().chain(wb.phases.iter_mut().flat_map(|p| p.items.iter_mut())) {
            item.notes.sort_by_key(|n| (n.at, n.by.clone(), n.text.clone()));
        }
        wb.decisions.sort_by(|a, b| a.id.cmp(&b.id));
        wb.meetings.sort_by(|a, b| a.id.cmp(&b.id));
        wb.history.sort_by_key(|c| ron::to_string(c).unwrap());
        wb
    }

    /// Every conflict settled on `pick`, one after the other.
    fn settled(wb: &Workbook, pick: Pick) -> Workbook {
        let mut wb = wb.clone();
        while !wb.conflicts.is_empty() {
            let conflict = wb.conflicts[0].clone();
            wb = resolved(&wb, 0, pick.clone()).unwrap_or_else(|e| panic!("{conflict:?}: {e}"));
        }
        wb
    }

    fn places(wb: &Workbook) -> Vec<(String, String)> {
        let mut places: Vec<_> = wb.conflicts.iter().map(|c| (c.target.clone(), c.field.clone())).collect();
        places.sort();
        places
    }

    #[test]
    fn an_id_once_used_by_an_item_since_removed_is_never_given_to_theirs() {
        // Ours added two tasks and removed the second; theirs added one with the first's id.
        let b = base(0);
        let (x, y) = (session(&b, &[(6, 5297), (6, 22412), (7, 28265)]), session(&b, &[(6, 31587)]));
        let xy = merge(&b, &x, &y).unwrap();
        let yx = merge(&b, &y, &x).unwrap();
        let (xy, yx) = (settled(&xy, Pick::Theirs), settled(&yx, Pick::Ours));
        assert_eq!(facts(&xy, &b), facts(&yx, &b));
        let removed: Vec<&str> =
            x.history.iter().filter(|c| !b.history.contains(c)).map(|c| c.target.as_str()).collect();
        for (_, item) in xy.all_items().filter(|(_, i)| i.own && i.text == "Own 3") {
            assert!(!removed.contains(&item.id.as_str()) || x.item(&item.id).is_some(), "{}", item.id);
        }
    }

    proptest! {
        // No failure files written into the crate's folder: a failure prints its input.
        #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn a_merge_with_one_side_unchanged_is_the_other_side(
            which in 0..3u8,
            choices in prop::collection::vec((0..KINDS, any::<u16>()), 0..16),
        ) {
            let b = base(which);
            let x = session(&b, &choices);
            prop_assert_eq!(&merge(&b, &x, &b).unwrap(), &x);
            prop_assert_eq!(&merge(&b, &b, &x).unwrap(), &x);
        }

        #[test]
        fn a_merge_holds_the_same_facts_whichever_side_is_ours_and_always_opens(
            which in 0..3u8,
            ours in prop::collection::vec((0..KINDS, any::<u16>()), 0..16),
            theirs in prop::collection::vec((0..KINDS, any::<u16>()), 0..16),
        ) {
            let b = base(which);
            let (x, y) = (session(&b, &ours), session(&b, &theirs));
            let xy = merge(&b, &x, &y).unwrap();
            let yx = merge(&b, &y, &x).unwrap();
            assert_opens(&xy);
            assert_opens(&yx);
            prop_assert_eq!(places(&xy), places(&yx));
            // Settled towards y both ways, the two merges are one workbook.
            let (xy, yx) = (settled(&xy, Pick::Theirs), settled(&yx, Pick::Ours));
            let (f, g) = (facts(&xy, &b), facts(&yx, &b));
            if f != g {
                let (f, g) = (crate::store::to_ron(&f).unwrap(), crate::store::to_ron(&g).unwrap());
                let diff: Vec<String> = f.lines().zip(g.lines()).enumerate().filter(|(_, (a, b))| a != b).take(12).map(|(n, (a, b))| format!("{n}: {a}  |  {b}")).collect();
                prop_assert!(false, "facts differ ({which} {ours:?} {theirs:?}):\n{}", diff.join("\n"));
            }
        }
    }
}
