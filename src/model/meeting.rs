//! A meeting in progress: started with an agenda of what needs talking about, given a kind,
//! a title, attendees and minutes, and stored in the workbook as held when it closes.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::agenda::{self, Point};
use super::gate::{Standing, standing};
use super::rollup::Rollup;
use super::workbook::{Meeting, MeetingKind, Workbook};

/// The next free meeting id, `M-1`, `M-2`, … counting past any `M-n` already taken, by a
/// held meeting or one the process plans.
pub fn next_id(workbook: &Workbook) -> String {
    let taken: std::collections::HashSet<u64> = workbook
        .meetings
        .iter()
        .map(|m| m.id.as_str())
        .chain(workbook.phases.iter().flat_map(|p| p.meetings.iter().map(|m| m.id.as_str())))
        .filter_map(|id| id.strip_prefix("M-").and_then(|n| n.parse().ok()))
        .collect();
    let highest = taken.iter().copied().max().unwrap_or(0);
    let next = highest.checked_add(1).unwrap_or_else(|| (1..).find(|n| !taken.contains(n)).unwrap_or(1));
    format!("M-{next}")
}

/// A meeting in progress, stored in the workbook when it is closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: MeetingKind,
    pub title: String,
    pub attendees: Vec<String>,
    pub minutes: String,
    pub agenda: Vec<String>,
    /// Whether anything was entered: a meeting only looked at is no meeting held.
    pub touched: bool,
    /// The planned meeting this one is (the phase's kick-off, a checkpoint), when it is one.
    pub planned: Option<String>,
    /// The day it was held, when not the day it is stored (recorded afterwards).
    pub held_on: Option<NaiveDate>,
}

impl Draft {
    /// A checkpoint in the phase the engagement stands in, titled after it, with the agenda
    /// phasebook builds; `point` words each agenda point in the interface language.
    pub fn start(workbook: &Workbook, rollup: &Rollup, today: NaiveDate, point: impl Fn(&Point) -> String) -> Draft {
        let title = match standing(workbook) {
            Standing::In(p) => workbook.phases.get(p).map_or_else(String::new, |phase| phase.title.clone()),
            Standing::Finished => String::new(),
        };
        let agenda = agenda::agenda(workbook, rollup, today).iter().map(point).collect();
        let mut draft = Draft {
            kind: MeetingKind::Checkpoint,
            title,
            attendees: Vec::new(),
            minutes: String::new(),
            agenda,
            touched: false,
            planned: None,
            held_on: None,
        };
        // The phase's first planned meeting not yet held is the one this is, most likely.
        if let Some(planned) = next_planned(workbook) {
            draft.kind = planned.kind;
            draft.title = planned.title.clone();
            draft.planned = Some(planned.id.clone());
        }
        draft
    }

    /// Steps the kind: kick-off, checkpoint, other, and round again.
    pub fn next_kind(&mut self) {
        self.kind = match self.kind {
            MeetingKind::KickOff => MeetingKind::Checkpoint,
            MeetingKind::Checkpoint => MeetingKind::Other,
            MeetingKind::Other => MeetingKind::KickOff,
        };
        self.touched = true;
    }

    pub fn set_title(&mut self, title: &str) {
        self.touched |= self.title != title;
        self.title = title.to_string();
    }

    pub fn set_minutes(&mut self, minutes: String) {
        self.touched |= self.minutes != minutes;
        self.minutes = minutes;
    }

    /// Sets the day it was held; `today` is no earlier day.
    pub fn set_held_on(&mut self, day: NaiveDate, today: NaiveDate) {
        self.touched = true;
        self.held_on = (day != today).then_some(day);
    }

    /// Sets the attendees from one line of names.
    pub fn set_attendees(&mut self, text: &str) {
        self.touched = true;
        self.attendees = super::names::split(text);
    }

    /// The attendees as their prompt shows them.
    pub fn attendees_text(&self) -> String {
        super::names::join(&self.attendees)
    }

    /// The meeting as the workbook stores it once held, at `now`, in the current phase.
    pub fn held(&self, workbook: &Workbook, now: DateTime<FixedOffset>) -> Meeting {
        let phase = match standing(workbook) {
            Standing::In(p) => workbook.phases.get(p).map(|phase| phase.id.clone()),
            Standing::Finished => None,
        };
        Meeting {
            id: next_id(workbook),
            kind: self.kind,
            title: self.title.clone(),
            phase,
            // On the day given, at the time of day it is stored.
            held: self
                .held_on
                .and_then(|day| day.and_time(now.time()).and_local_timezone(*now.offset()).single())
                .unwrap_or(now),
            attendees: self.attendees.clone(),
            agenda: self.agenda.clone(),
            minutes: self.minutes.clone(),
            planned: self.planned.clone(),
        }
    }
}

/// Storing `meeting` as held, as one step: with it, every criterion not yet met that this
/// planned meeting meets (a criterion's `meeting`) is ticked.
pub fn hold(workbook: &Workbook, meeting: Meeting) -> crate::model::edit::Edit {
    use crate::model::edit::Edit;
    let index = workbook.meetings.len();
    let ticked: Vec<Edit> = match meeting.planned.as_deref() {
        Some(planned) => workbook
            .phases
            .iter()
            .flat_map(|p| p.gate.criteria.iter().map(move |c| (p, c)))
            .filter(|(_, c)| !c.met && c.meeting.as_deref() == Some(planned))
            .map(|(p, c)| Edit::Criterion { gate: p.gate.id.clone(), criterion: c.id.clone(), from: false, to: true })
            .collect(),
        None => Vec::new(),
    };
    let held = Edit::Meeting { index, from: None, to: Some(Box::new(meeting)) };
    if ticked.is_empty() { held } else { Edit::Batch(std::iter::once(held).chain(ticked).collect()) }
}

/// The first planned meeting, of the phase the engagement stands in or one before it, that
/// no held meeting was.
pub fn next_planned(workbook: &Workbook) -> Option<&crate::model::PlannedMeeting> {
    let Standing::In(p) = standing(workbook) else { return None };
    let held = |id: &str| workbook.meetings.iter().any(|m| m.planned.as_deref() == Some(id));
    // Of the phases reached, the earliest: a kick-off not held when its gate was waived is
    // still the one to hold.
    workbook.phases.get(..=p)?.iter().flat_map(|phase| &phase.meetings).find(|m| !held(&m.id))
}

/// Held meeting `index` with its minutes corrected to `minutes`; `None` when unchanged.
pub fn correct_minutes(workbook: &Workbook, index: usize, minutes: &str) -> Option<crate::model::edit::Edit> {
    let old = workbook.meetings.get(index)?;
    (old.minutes != minutes).then(|| {
        let mut new = old.clone();
        new.minutes = minutes.to_string();
        crate::model::edit::Edit::Meeting { index, from: Some(Box::new(old.clone())), to: Some(Box::new(new)) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture;

    #[test]
    fn a_meeting_starts_in_the_current_phase_and_is_held_there() {
        let wb = fixture::workbook();
        let mut draft = Draft::start(&wb, &Rollup::of(&wb), fixture::date(2026, 3, 1), |p| p.text.clone());
        assert_eq!(draft.title, wb.phases[0].title);
        draft.set_attendees(" Ann; ;Bo ");
        assert_eq!(draft.attendees, ["Ann", "Bo"]);
        assert_eq!(draft.attendees_text(), "Ann, Bo");
        draft.next_kind();
        assert_eq!(draft.kind, MeetingKind::Other);
        let now = DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").unwrap();
        let held = draft.held(&wb, now);
        assert_eq!((held.id.as_str(), held.phase.as_deref()), ("M-1", Some(wb.phases[0].id.as_str())));
    }

    #[test]
    fn a_new_meeting_takes_the_next_free_id_past_any_taken() {
        let mut wb = fixture::workbook();
        let now = DateTime::parse_from_rfc3339("2026-03-01T10:00:00+01:00").unwrap();
        let draft = Draft::start(&wb, &Rollup::of(&wb), fixture::date(2026, 3, 1), |p| p.text.clone());
        let mut by_hand = draft.held(&wb, now);
        by_hand.id = "M-5".into();
        wb.meetings.push(by_hand);
        assert_eq!(draft.held(&wb, now).id, "M-6");
    }
}
