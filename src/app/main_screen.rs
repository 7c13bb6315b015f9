//! The main screen's actions: moving through the checklist and the phases, changing an
//! item's status, assignee, due date and notes, searching and filtering, the mouse, and
//! opening the workflow screens.

use super::action::Action;
use super::commit::commit;
use super::layout;
use super::prompt;
use super::state::{App, Filter, Message, Pane, PromptKind, Row, ScreenKind, Search, Section};
use super::update::{Effect, global};
use crate::model::Status;
use crate::model::edit::Edit;

/// What the main screen answers to, in the order its help lists them.
pub const ACTIONS: &[Action] = &[
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::Top,
    Action::Bottom,
    Action::NextPhase,
    Action::PrevPhase,
    Action::ShowGeneral,
    Action::SwitchPane,
    Action::ToggleDone,
    Action::CycleStatus,
    Action::SetInProgress,
    Action::SetBlocked,
    Action::SetNotApplicable,
    Action::Reopen,
    Action::Assign,
    Action::SetDue,
    Action::AddNote,
    Action::EditNote,
    Action::Search,
    Action::NextHit,
    Action::PrevHit,
    Action::FilterMine,
    Action::FilterBlocked,
    Action::FilterDue,
    Action::FilterNotStarted,
    Action::HideNotApplicable,
    Action::ClearFilters,
    Action::Export,
    Action::Undo,
    Action::Redo,
    Action::Save,
    Action::SaveAs,
    Action::Scope,
    Action::GateReview,
    Action::Assessment,
    Action::DecisionLog,
    Action::Engagement,
    Action::Upcoming,
    Action::About,
    Action::History,
    Action::Meetings,
    Action::Conflicts,
    Action::AddItem,
    Action::EditItem,
    Action::RemoveItem,
    Action::MoveItemUp,
    Action::MoveItemDown,
    Action::Meeting,
    Action::Help,
    Action::Quit,
];

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    if let Some(effects) = global(app, action) {
        return effects;
    }
    match action {
        Action::Up | Action::Down if app.pane == Pane::Detail => {
            app.detail_scroll = if action == Action::Up {
                app.detail_scroll.saturating_sub(1)
            } else {
                app.detail_scroll.saturating_add(1)
            };
        }
        Action::Up => move_cursor(app, -1),
        Action::Down => move_cursor(app, 1),
        // A page is what the window shows, in rows of any height: the next page starts with
        // the first row not whole on this one, so none is skipped.
        Action::PageUp => {
            let top = app.page_above();
            app.scroll = top;
            set_cursor(app, app.first_item_row_from(top));
        }
        Action::PageDown => {
            let top = app.page_below();
            app.scroll = top;
            set_cursor(app, app.first_item_row_from(top));
        }
        Action::Top => set_cursor(app, app.first_item_row_from(0)),
        Action::Bottom => {
            let last = app.rows.iter().rposition(|r| matches!(r, Row::Item { .. })).unwrap_or(0);
            set_cursor(app, last);
        }
        Action::NextPhase => {
            let next = match app.section {
                Section::General => Section::Phase(0),
                Section::Phase(p) => Section::Phase((p + 1).min(app.workbook.phases.len().saturating_sub(1))),
            };
            show(app, next);
        }
        Action::PrevPhase => {
            let prev = match app.section {
                Section::General | Section::Phase(0) => Section::General,
                Section::Phase(p) => Section::Phase(p - 1),
            };
            show(app, prev);
        }
        Action::ShowGeneral => show(app, Section::General),
        Action::GoToPhase(n) => {
            let index = usize::from(n).saturating_sub(1);
            if index < app.workbook.phases.len() {
                show(app, Section::Phase(index));
            }
        }
        // Folded over the checklist, the detail pane closes on Esc as a popup would.
        Action::ClearFilters if app.pane == Pane::Detail && app.areas().folded => app.pane = Pane::List,
        Action::SwitchPane => app.pane = if app.pane == Pane::List { Pane::Detail } else { Pane::List },
        Action::ToggleDone => {
            set_status(app, |status| if status == Status::Done { Status::NotStarted } else { Status::Done })
        }
        Action::CycleStatus => set_status(app, Status::next),
        Action::SetInProgress => set_status(app, |_| Status::InProgress),
        Action::SetBlocked => set_status(app, |_| Status::Blocked),
        Action::SetNotApplicable => set_status(app, |_| Status::NotApplicable),
        Action::Reopen => set_status(app, |_| Status::NotStarted),
        Action::Assign => {
            if let Some((_, item)) = app.selected() {
                let current = item.assignee.clone();
                prompt::open(app, PromptKind::Assign, &current);
            }
        }
        Action::SetDue => {
            if let Some((_, item)) = app.selected() {
                let current = item.due.map(|d| d.to_string()).unwrap_or_default();
                prompt::open(app, PromptKind::Due, &current);
            }
        }
        Action::AddNote => super::editor::open_note(app, false),
        Action::EditNote => super::editor::open_note(app, true),
        Action::Search => {
            let current = app.search.as_ref().map(|s| s.query.clone()).unwrap_or_default();
            prompt::open(app, PromptKind::Search, &current);
        }
        Action::NextHit => jump_hit(app, true),
        Action::PrevHit => jump_hit(app, false),
        Action::FilterMine => toggle_filter(app, |f| &mut f.mine),
        Action::FilterBlocked => toggle_filter(app, |f| &mut f.blocked),
        Action::FilterDue => toggle_filter(app, |f| &mut f.due),
        Action::FilterNotStarted => toggle_filter(app, |f| &mut f.not_started),
        Action::HideNotApplicable => toggle_filter(app, |f| &mut f.hide_not_applicable),
        Action::ClearFilters if app.filter.is_active() || app.search.is_some() => {
            app.filter = Filter::default();
            app.search = None;
            app.rebuild_rows();
        }
        Action::Export => super::export::open(app),
        Action::SaveAs => super::saving::open_save_as(app),
        Action::Scope => super::screens::open(app, ScreenKind::Scope),
        Action::GateReview => super::screens::open(app, ScreenKind::Gate),
        Action::Assessment => super::screens::open(app, ScreenKind::Assess),
        Action::DecisionLog => super::screens::open(app, ScreenKind::Decisions),
        Action::Engagement => super::screens::open(app, ScreenKind::Engagement),
        Action::Upcoming => super::screens::open(app, ScreenKind::Upcoming),
        Action::History => super::screens::open(app, ScreenKind::History),
        Action::Meetings => super::screens::open(app, ScreenKind::Meetings),
        Action::Conflicts => super::screens::open(app, ScreenKind::Conflicts),
        Action::AddItem => {
            // The task joins the group the cursor is in.
            let owner = match app.rows.get(app.cursor) {
                Some(Row::Group(owner)) => *owner,
                Some(Row::Item { index, .. }) => {
                    app.items().get(*index).map_or(crate::model::Owner::Joint, |i| i.owner)
                }
                None => crate::model::Owner::Joint,
            };
            prompt::open(app, PromptKind::NewItem(owner), "");
        }
        Action::EditItem => {
            app.item_text = None;
            if let Some((_, item)) = app.selected() {
                let text = item.text.clone();
                prompt::open(app, PromptKind::ItemText, &text);
            }
        }
        Action::RemoveItem => {
            if let Some((index, _)) = app.selected() {
                match crate::model::items::remove(&app.workbook, app.section.list(), index) {
                    Some(crate::model::items::Removal::Remove(edit)) => {
                        let text =
                            app.selected().map(|(_, i)| crate::i18n::cells::fit(&i.text, 60)).unwrap_or_default();
                        let before = app.history.revision();
                        super::commit::commit(app, edit);
                        if app.history.revision() != before {
                            let key = app
                                .config
                                .keymap
                                .first(super::context::Context::Main, Action::Undo)
                                .unwrap_or_default();
                            let said = app.strings().item_removed.replace("{text}", &text).replace("{key}", &key);
                            app.message = Some(Message::info(said));
                        }
                    }
                    Some(crate::model::items::Removal::NeedsReason) => prompt::open(app, PromptKind::RemoveReason, ""),
                    None => {}
                }
            }
        }
        Action::MoveItemUp | Action::MoveItemDown => {
            if let Some((index, _)) = app.selected() {
                let up = action == Action::MoveItemUp;
                match crate::model::items::moved(&app.workbook, app.section.list(), index, up) {
                    Some(edit) => {
                        let id = edit.target().to_string();
                        super::commit::commit(app, edit);
                        // The cursor goes with the item, so the key moves it again.
                        go_to_id(app, &id);
                    }
                    None => app.message = Some(Message::info(app.strings().cannot_move.clone())),
                }
            }
        }
        Action::About => super::screens::open(app, ScreenKind::About),
        Action::Meeting => super::screens::open(app, ScreenKind::Meeting),
        _ => {}
    }
    Vec::new()
}

fn move_cursor(app: &mut App, by: isize) {
    if app.rows.is_empty() {
        return;
    }
    let last = app.rows.len() - 1;
    let target = app.cursor.saturating_add_signed(by).min(last);
    // Land on an item, skipping owner headings in the direction of travel.
    let is_item = |i: usize| matches!(app.rows.get(i), Some(Row::Item { .. }));
    let mut at = target;
    if by < 0 {
        while at > 0 && !is_item(at) {
            at -= 1;
        }
        if !is_item(at) {
            at = app.first_item_row_from(at);
        }
    } else {
        at = app.first_item_row_from(at);
    }
    set_cursor(app, at);
}

pub(crate) fn set_cursor(app: &mut App, row: usize) {
    if app.cursor != row {
        app.detail_scroll = 0;
    }
    app.cursor = row;
    app.clamp_scroll();
}

pub(crate) fn show(app: &mut App, section: Section) {
    if app.section != section {
        app.section = section;
        app.cursor = 0;
        app.scroll = 0;
        app.detail_scroll = 0;
        app.rebuild_rows();
    }
}

/// Shows item `index` of `section`, with the filters cleared so it is in the list.
pub(crate) fn go_to_item(app: &mut App, section: Section, index: usize) {
    app.filter = Filter::default();
    show(app, section);
    app.rebuild_rows();
    if let Some(row) = app.rows.iter().position(|r| matches!(r, Row::Item { index: i, .. } if *i == index)) {
        set_cursor(app, row);
    }
}

/// Puts the cursor on the item with `id`: in the list shown, as it is filtered, when it is
/// there; else in its own section, with the filters cleared so it shows.
pub(crate) fn go_to_id(app: &mut App, id: &str) {
    let Some((list, index)) = app.workbook.place_of(id) else { return };
    let section = list.map_or(Section::General, Section::Phase);
    let row = |app: &App| app.rows.iter().position(|r| matches!(r, Row::Item { index: i, .. } if *i == index));
    match row(app) {
        Some(at) if app.section == section => set_cursor(app, at),
        _ => go_to_item(app, section, index),
    }
}

/// Sets the selected item's status, unless it is a heading whose status its sub-items decide.
fn set_status(app: &mut App, status: impl Fn(Status) -> Status) {
    let Some((index, item)) = app.selected() else { return };
    if app.rollup.facts(app.section.list(), index).is_group {
        app.message = Some(Message::error(app.strings().heading_follows.clone()));
        return;
    }
    let edit = Edit::Status { item: item.id.clone(), from: item.status, to: status(item.status) };
    commit(app, edit);
}

fn toggle_filter(app: &mut App, field: impl Fn(&mut Filter) -> &mut bool) {
    let flag = field(&mut app.filter);
    *flag = !*flag;
    app.rebuild_rows();
}

/// Finds the query in item text, detail, notes and assignees across every list, in
/// screen order, and jumps to the first hit.
pub(crate) fn run_search(app: &mut App, query: &str) {
    if query.is_empty() {
        app.search = None;
        return;
    }
    let needle = query.to_lowercase();
    let today = app.today();
    let mut hits = Vec::new();
    let sections = std::iter::once(Section::General).chain((0..app.workbook.phases.len()).map(Section::Phase));
    for section in sections {
        let items = match section {
            Section::General => &app.workbook.general,
            Section::Phase(p) => &app.workbook.phases[p].items,
        };
        for (index, item) in items.iter().enumerate() {
            let in_scope = app.rollup.facts(section.list(), index).in_scope;
            if !app.filter.keeps(item, in_scope, &app.config.user, today) {
                continue;
            }
            let found = item.text.to_lowercase().contains(&needle)
                || item.detail.to_lowercase().contains(&needle)
                || item.assignee.to_lowercase().contains(&needle)
                || item.notes.iter().any(|n| n.text.to_lowercase().contains(&needle));
            if found {
                hits.push((section, index));
            }
        }
    }
    app.search = Some(Search { query: query.to_string(), hits, current: None });
    jump_hit(app, true);
}

fn jump_hit(app: &mut App, forward: bool) {
    let Some(search) = &app.search else {
        let key = app.config.keymap.first(super::context::Context::Main, Action::Search).unwrap_or_default();
        app.message = Some(Message::info(app.strings().no_search.replace("{key}", &key)));
        return;
    };
    if search.hits.is_empty() {
        let text = app.strings().no_hits.replace("{query}", &search.query);
        app.message = Some(Message::error(text));
        return;
    }
    let count = search.hits.len();
    let next = match search.current {
        None => 0,
        Some(i) if forward => (i + 1) % count,
        Some(i) => (i + count - 1) % count,
    };
    let (section, index) = search.hits[next];
    if let Some(s) = &mut app.search {
        s.current = Some(next);
    }
    show(app, section);
    if let Some(row) = app.rows.iter().position(|r| matches!(r, Row::Item { index: i, .. } if *i == index)) {
        set_cursor(app, row);
    }
    let text = app.strings().hit_of.replace("{n}", &(next + 1).to_string()).replace("{total}", &count.to_string());
    app.message = Some(Message::info(text));
}

/// A click: a phase in the stepper, a row of the checklist, or the detail pane.
pub fn click(app: &mut App, column: u16, row: u16) {
    let areas = app.areas();
    let position = (column, row).into();
    if areas.stepper.contains(position) {
        if let Some(section) = layout::section_at(areas.stepper, app.workbook.phases.len(), column) {
            show(app, section);
        }
    } else if areas.folded && app.pane == Pane::Detail && areas.detail.contains(position) {
        // The detail pane is where the checklist was; a click there stays in it.
    } else if areas.list.contains(position) {
        app.pane = Pane::List;
        // The list has a border row on top.
        let line = usize::from(row.saturating_sub(areas.list.y + 1));
        if let Some(target) = app.row_at_line(line)
            && matches!(app.rows.get(target), Some(Row::Item { .. }))
            && row > areas.list.y
        {
            set_cursor(app, target);
        }
    } else if areas.detail.contains(position) {
        app.pane = Pane::Detail;
    }
}

/// The wheel scrolls the pane under the pointer, three rows at a time.
pub fn scroll(app: &mut App, down: bool, column: u16, row: u16) {
    let areas = app.areas();
    if areas.detail.contains((column, row).into()) {
        app.pane = Pane::Detail;
    }
    for _ in 0..3 {
        act(app, if down { Action::Down } else { Action::Up });
    }
}

/// The heading a task added now goes under: the selected sub-item's, or the selected item
/// itself when it has sub-items; `None` for a task of the group.
pub fn heading_for_new(app: &App) -> Option<String> {
    let (_, item) = app.selected()?;
    match &item.parent {
        Some(parent) => Some(parent.clone()),
        None => app.items().iter().any(|i| i.parent.as_deref() == Some(item.id.as_str())).then(|| item.id.clone()),
    }
}
