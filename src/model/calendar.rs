//! What is due across engagements: the overdue items and passed deadlines, then what falls
//! in the next days (items due, deadlines, meetings on a day), each with the engagement it
//! belongs to, soonest first. The agenda `phasebook agenda` prints; not to be confused with
//! [`super::agenda`], the points of one checkpoint meeting. Pure: "today" is passed in.

use chrono::NaiveDate;

use super::deadline::{self, Urgency};
use super::rollup::{Rollup, counting_items};
use super::workbook::{Item, Status, Workbook};

/// How many days ahead the agenda looks unless told otherwise.
pub const DEFAULT_DAYS: u32 = 7;

/// Which part of the agenda an entry is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Its day has gone by and it is still open.
    Overdue,
    /// It falls between today and the end of the window, both included.
    Coming,
}

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A process deadline not yet met.
    Deadline,
    /// An open in-scope item with a due date.
    Item,
    /// A meeting held on a day inside the window.
    Meeting,
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index into the engagements the agenda was gathered from.
    pub engagement: usize,
    pub section: Section,
    pub kind: Kind,
    pub date: NaiveDate,
    /// Days from today; negative when overdue.
    pub days_left: i64,
    /// The id of the item, deadline or meeting.
    pub id: String,
    /// The item's text, the deadline's or the meeting's title.
    pub text: String,
    /// The title of the item's or meeting's phase; `None` for General items, deadlines and
    /// meetings of no phase.
    pub phase: Option<String>,
    /// Who the item is assigned to; empty for deadlines and meetings.
    pub assignee: String,
    /// The item's status; `None` for deadlines and meetings.
    pub status: Option<Status>,
}

/// What to gather.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window<'a> {
    pub today: NaiveDate,
    /// How many days after today the window reaches (7: today and the seven days after it).
    pub days: u32,
    /// Only items assigned to this name (deadlines and meetings, which belong to the whole
    /// engagement, stay).
    pub mine: Option<&'a str>,
}

impl Window<'_> {
    /// The last day inside the window.
    pub fn last_day(&self) -> NaiveDate {
        self.today.checked_add_days(chrono::Days::new(u64::from(self.days))).unwrap_or(NaiveDate::MAX)
    }

    fn section(&self, date: NaiveDate) -> Option<Section> {
        if date < self.today {
            Some(Section::Overdue)
        } else if date <= self.last_day() {
            Some(Section::Coming)
        } else {
            None
        }
    }
}

/// Whether `item` is assigned to `user`: the same name whatever the case (Åsa and ÅSA alike)
/// and blanks around it. What "mine" means, in the interface's filter and in the agenda.
pub fn assigned_to(item: &Item, user: &str) -> bool {
    is_name_of(&item.assignee, user)
}

/// Whether `assignee` names `user`, as [`assigned_to`] compares them.
pub fn is_name_of(assignee: &str, user: &str) -> bool {
    let (assignee, user) = (assignee.trim(), user.trim());
    !user.is_empty() && assignee.chars().flat_map(char::to_lowercase).eq(user.chars().flat_map(char::to_lowercase))
}

/// The agenda over `engagements` for `window`: overdue entries first, then the coming ones,
/// each part soonest first; on one day deadlines before items before meetings, then in the
/// order of the engagements given and of the workbook.
pub fn gather(engagements: &[&Workbook], window: Window<'_>) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (index, workbook) in engagements.iter().enumerate() {
        entries.extend(of_engagement(workbook, &Rollup::of(workbook), index, window));
    }
    // A stable sort keeps the workbook's own order among equals.
    entries.sort_by_key(|e| (e.section, e.date, e.kind, e.engagement));
    entries
}

/// The entries of one engagement, in workbook order; `index` is what their `engagement` says.
pub fn of_engagement(workbook: &Workbook, rollup: &Rollup, index: usize, window: Window<'_>) -> Vec<Entry> {
    let today = window.today;
    let mut entries = Vec::new();
    for d in deadline::deadlines(workbook) {
        let (Some(date), false) = (d.date, d.urgency(today) == Some(Urgency::Met)) else { continue };
        let Some(section) = window.section(date) else { continue };
        entries.push(Entry {
            engagement: index,
            section,
            kind: Kind::Deadline,
            date,
            days_left: (date - today).num_days(),
            id: d.deadline.id.clone(),
            text: d.deadline.title.clone(),
            phase: None,
            assignee: String::new(),
            status: None,
        });
    }
    let open_and_dated = |item: &Item| {
        !item.status.is_closed() && item.due.is_some() && window.mine.is_none_or(|user| assigned_to(item, user))
    };
    for ((list, _), item) in counting_items(workbook, rollup, open_and_dated) {
        let Some(date) = item.due else { continue };
        let Some(section) = window.section(date) else { continue };
        entries.push(Entry {
            engagement: index,
            section,
            kind: Kind::Item,
            date,
            days_left: (date - today).num_days(),
            id: item.id.clone(),
            text: item.text.clone(),
            phase: list.and_then(|p| workbook.phases.get(p)).map(|p| p.title.clone()),
            assignee: item.assignee.clone(),
            status: Some(item.status),
        });
    }
    for meeting in &workbook.meetings {
        let date = meeting.held.date_naive();
        // A meeting held is no longer due: only one on a day inside the window is shown.
        if window.section(date) != Some(Section::Coming) {
            continue;
        }
        entries.push(Entry {
            engagement: index,
            section: Section::Coming,
            kind: Kind::Meeting,
            date,
            days_left: (date - today).num_days(),
            id: meeting.id.clone(),
            text: meeting.title.clone(),
            phase: meeting.phase.as_deref().and_then(|id| workbook.phase(id)).map(|p| p.title.clone()),
            assignee: String::new(),
            status: None,
        });
    }
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::{self, date};

    fn window(today: NaiveDate) -> Window<'static> {
        Window { today, days: DEFAULT_DAYS, mine: None }
    }

    #[test]
    fn overdue_comes_first_then_the_coming_days_soonest_first() {
        let mut wb = fixture::workbook();
        wb.engagement.purchase_date = Some(date(2026, 3, 1)); // first contact due 2026-03-31
        wb.phases[0].items[1].due = Some(date(2026, 3, 20)); // overdue on the 25th
        wb.phases[1].items[0].due = Some(date(2026, 3, 27));
        wb.general[0].due = Some(date(2026, 3, 26));
        let entries = gather(&[&wb], window(date(2026, 3, 25)));
        let seen: Vec<(Section, &str)> = entries.iter().map(|e| (e.section, e.id.as_str())).collect();
        assert_eq!(
            seen,
            vec![
                (Section::Overdue, "initiate.kickoff"),
                (Section::Coming, "general.support"),
                (Section::Coming, "enable.tenant"),
                (Section::Coming, "contact"),
            ]
        );
        assert_eq!(entries[0].days_left, -5);
        assert_eq!(entries[0].phase.as_deref(), Some("Initiate"));
        assert_eq!(entries[1].phase, None, "a General item has no phase");
    }

    #[test]
    fn a_passed_deadline_not_met_is_overdue_and_a_met_one_is_left_out() {
        let mut wb = fixture::workbook();
        let today = date(2026, 2, 15); // first contact was due 2026-02-09
        let overdue = gather(&[&wb], window(today));
        assert_eq!(overdue.len(), 1);
        assert_eq!((overdue[0].section, overdue[0].kind), (Section::Overdue, Kind::Deadline));
        wb.item_mut("initiate.contact").unwrap().status = Status::Done;
        assert!(gather(&[&wb], window(today)).is_empty());
    }

    #[test]
    fn the_window_ends_on_its_last_day_and_closed_or_out_of_scope_items_stay_out() {
        let mut wb = fixture::workbook();
        let today = date(2026, 6, 1);
        wb.phases[0].items[0].due = Some(date(2026, 6, 8)); // the last day of seven
        wb.phases[0].items[1].due = Some(date(2026, 6, 9)); // one past it
        wb.phases[1].items[2].due = Some(date(2026, 6, 2));
        wb.phases[1].items[2].status = Status::Done;
        wb.phases[1].items[4].due = Some(date(2026, 6, 2)); // MAM, out of scope below
        fixture::answer(&mut wb, "workloads", &["mdm"]);
        wb.engagement.purchase_date = None;
        let ids: Vec<String> = gather(&[&wb], window(today)).into_iter().map(|e| e.id).collect();
        assert_eq!(ids, vec!["initiate.contact".to_string()]);
    }

    #[test]
    fn mine_keeps_my_items_and_the_deadlines() {
        let mut wb = fixture::workbook();
        let today = date(2026, 2, 2); // first contact is due on the window's last day
        wb.phases[0].items[0].due = Some(date(2026, 2, 3));
        wb.phases[0].items[0].assignee = " Åsa Berg ".into();
        wb.phases[0].items[1].due = Some(date(2026, 2, 3));
        wb.phases[0].items[1].assignee = "Bo".into();
        let mine = Window { mine: Some("åsa berg"), ..window(today) };
        let ids: Vec<String> = gather(&[&wb], mine).into_iter().map(|e| e.id).collect();
        assert_eq!(ids, vec!["initiate.contact".to_string(), "contact".to_string()]);
    }

    #[test]
    fn entries_of_two_engagements_on_one_day_keep_the_order_the_engagements_were_given() {
        let mut a = fixture::workbook();
        a.engagement.customer = "A".into();
        a.phases[0].items[0].due = Some(date(2026, 1, 12));
        let mut b = a.clone();
        b.engagement.customer = "B".into();
        let entries = gather(&[&b, &a], window(date(2026, 1, 11)));
        let order: Vec<usize> = entries.iter().filter(|e| e.kind == Kind::Item).map(|e| e.engagement).collect();
        assert_eq!(order, vec![0, 1]);
    }
}
