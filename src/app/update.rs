//! `update`: the one place the interface state changes. It takes a message (a key, a
//! click, the result of a save), changes the state, and returns the effects the loop must
//! carry out. It never touches the terminal or the disk.

use chrono::{Days, Months, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::action::Action;
use super::keys::Key;
use super::state::{App, Done, Message, Mode, Pane, PromptKind, Row, ScreenKind, Search, Section, Unsaved};
use crate::model::edit::Edit;
use crate::model::{Change, Note, Rollup, Status, Workbook};

/// Something that happened, for `update` to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Key(KeyEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        down: bool,
        column: u16,
        row: u16,
    },
    Resize(u16, u16),
    /// What came of an `Effect::Save`.
    Saved(Result<(), String>),
    /// What came of an `Effect::Export`: the file written, or why not.
    Exported(Result<std::path::PathBuf, String>),
    /// An action, as if its key had been pressed.
    Action(Action),
    /// A save found the file changed on disk (at `modified`, when known) and wrote nothing.
    ChangedOnDisk {
        modified: Option<chrono::DateTime<chrono::FixedOffset>>,
        quit: bool,
    },
    /// The file as it is on disk now, read for an `Effect::Reload`, or why it could not be.
    Reloaded(Result<Box<Workbook>, String>),
    /// What came of an `Effect::SaveCopy`: the copy written, or why not.
    CopySaved(Result<std::path::PathBuf, String>),
}

/// Work for the loop: the only things that leave the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Save,
    /// Write a snapshot of the workbook as it is now.
    Export {
        format: crate::export::Format,
        path: std::path::PathBuf,
    },
    /// Save, and quit if the save succeeded.
    SaveAndQuit,
    Quit,
    /// Read the file again, to replay the unsaved edits onto it.
    Reload,
    /// Write `workbook` (the one being edited when `None`) to a new file beside the
    /// workbook; then quit if `quit` and that worked.
    SaveCopy {
        workbook: Option<Box<Workbook>>,
        quit: bool,
    },
    /// Save over a file that changed on disk, as the user confirmed; then quit if `quit`.
    Overwrite {
        quit: bool,
    },
}

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Resize(w, h) => {
            app.size = (w, h);
            app.clamp_scroll();
            Vec::new()
        }
        Msg::Saved(result) => {
            match result {
                Ok(()) => {
                    app.saved_revision = app.revision;
                    app.unsaved.clear();
                    app.replayable = true;
                    let text = app.strings().saved.replace("{path}", &app.path.display().to_string());
                    app.message = Some(Message { text, is_error: false });
                }
                Err(e) => app.message = Some(Message { text: e, is_error: true }),
            }
            Vec::new()
        }
        Msg::Exported(result) => {
            app.message = Some(match result {
                Ok(path) => Message {
                    text: app.strings().exported.replace("{path}", &path.display().to_string()),
                    is_error: false,
                },
                Err(e) => Message { text: e, is_error: true },
            });
            Vec::new()
        }
        Msg::ChangedOnDisk { modified, quit } => {
            app.mode = Mode::Conflict { modified, quit, confirm: false };
            Vec::new()
        }
        Msg::Reloaded(Ok(theirs)) => super::conflict::reloaded(app, *theirs),
        Msg::Reloaded(Err(e)) => {
            app.message = Some(Message { text: e, is_error: true });
            Vec::new()
        }
        Msg::CopySaved(result) => {
            super::conflict::copy_saved(app, result);
            Vec::new()
        }
        Msg::Paste(text) => {
            paste(app, &text);
            Vec::new()
        }
        Msg::Click { column, row } => {
            // A workflow screen covers the checklist: clicks must not reach what is under it.
            if app.config.mouse && matches!(app.mode, Mode::Normal) && app.screen.is_none() {
                click(app, column, row);
            }
            Vec::new()
        }
        Msg::Scroll { down, column, row } => {
            if app.config.mouse && matches!(app.mode, Mode::Normal) && app.screen.is_none() {
                let areas = crate::ui::layout::areas(app.size.0, app.size.1);
                let action = if down { Action::Down } else { Action::Up };
                if areas.detail.contains((column, row).into()) {
                    app.pane = Pane::Detail;
                }
                for _ in 0..3 {
                    act(app, action);
                }
            }
            Vec::new()
        }
        Msg::Action(action) => {
            app.message = None;
            act(app, action)
        }
        Msg::Key(key) => {
            app.message = None;
            match app.mode {
                Mode::Normal if app.screen.is_some() => super::screens::key(app, key),
                Mode::Normal => {
                    let action = Key::from_event(key).and_then(|k| app.config.keymap.action(k));
                    // Ctrl+C always offers a way out, whatever the bindings say.
                    let action = action.or_else(|| is_ctrl_c(key).then_some(Action::Quit));
                    action.map_or_else(Vec::new, |a| act(app, a))
                }
                Mode::Help { .. } => {
                    help_key(app, key);
                    Vec::new()
                }
                Mode::Prompt { .. } => {
                    prompt_key(app, key);
                    Vec::new()
                }
                Mode::Note { .. } => note_key(app, key),
                Mode::Export { .. } => export_key(app, key),
                Mode::Minutes { .. } => {
                    super::screens::minutes_key(app, key);
                    Vec::new()
                }
                Mode::ConfirmQuit => confirm_quit_key(app, key),
                Mode::Conflict { .. } => super::conflict::key(app, key),
            }
        }
    }
}

fn is_ctrl_c(key: KeyEvent) -> bool {
    key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL)
}

fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let page = app.list_height().max(1);
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
        Action::PageUp => move_cursor(app, -isize::try_from(page).unwrap_or(1)),
        Action::PageDown => move_cursor(app, isize::try_from(page).unwrap_or(1)),
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
        Action::SwitchPane => {
            app.pane = if app.pane == Pane::List { Pane::Detail } else { Pane::List };
        }
        Action::ToggleDone => {
            with_item(app, |status| if status == Status::Done { Status::NotStarted } else { Status::Done })
        }
        Action::CycleStatus => with_item(app, Status::next),
        Action::SetInProgress => with_item(app, |_| Status::InProgress),
        Action::SetBlocked => with_item(app, |_| Status::Blocked),
        Action::SetNotApplicable => with_item(app, |_| Status::NotApplicable),
        Action::Reopen => with_item(app, |_| Status::NotStarted),
        Action::Assign => {
            if let Some((_, item)) = app.selected() {
                let current = item.assignee.clone();
                open_prompt(app, PromptKind::Assign, &current);
            }
        }
        Action::SetDue => {
            if let Some((_, item)) = app.selected() {
                let current = item.due.map(|d| d.to_string()).unwrap_or_default();
                open_prompt(app, PromptKind::Due, &current);
            }
        }
        Action::AddNote => open_note(app, false),
        Action::EditNote => open_note(app, true),
        Action::Search => {
            let current = app.search.as_ref().map(|s| s.query.clone()).unwrap_or_default();
            open_prompt(app, PromptKind::Search, &current);
        }
        Action::NextHit => jump_hit(app, true),
        Action::PrevHit => jump_hit(app, false),
        Action::FilterMine => toggle_filter(app, |f| &mut f.mine),
        Action::FilterBlocked => toggle_filter(app, |f| &mut f.blocked),
        Action::FilterDue => toggle_filter(app, |f| &mut f.due),
        Action::FilterNotStarted => toggle_filter(app, |f| &mut f.not_started),
        Action::HideNotApplicable => toggle_filter(app, |f| &mut f.hide_not_applicable),
        Action::ClearFilters => {
            if app.filter.is_active() || app.search.is_some() {
                app.filter = Default::default();
                app.search = None;
                app.rebuild_rows();
            }
        }
        Action::Export => {
            let format = crate::export::Format::Md;
            app.mode = Mode::Export { format, path: single_line(&default_export_path(app, format)), edited: false };
        }
        Action::Undo => undo(app),
        Action::Redo => redo(app),
        Action::Save => {
            if let Some(reason) = &app.read_only {
                app.message = Some(Message { text: reason.clone(), is_error: true });
            } else {
                return vec![Effect::Save];
            }
        }
        Action::Help => app.mode = Mode::Help { scroll: 0 },
        Action::Scope => super::screens::open(app, ScreenKind::Scope),
        Action::GateReview => super::screens::open(app, ScreenKind::Gate),
        Action::Assessment => super::screens::open(app, ScreenKind::Assess),
        Action::DecisionLog => super::screens::open(app, ScreenKind::Decisions),
        Action::Engagement => super::screens::open(app, ScreenKind::Engagement),
        Action::Upcoming => super::screens::open(app, ScreenKind::Upcoming),
        Action::Meeting => super::screens::open(app, ScreenKind::Meeting),
        Action::Quit => {
            // A meeting in progress is not in the workbook yet: quitting would lose it too.
            if app.is_dirty() || app.meeting_draft.is_some() {
                app.mode = Mode::ConfirmQuit;
            } else {
                return vec![Effect::Quit];
            }
        }
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

/// Sets the selected item's status, unless it is a heading whose status its sub-items decide.
fn with_item(app: &mut App, status: impl Fn(Status) -> Status) {
    let Some((index, item)) = app.selected() else { return };
    if app.rollup.facts(app.section.list(), index).is_group {
        app.message = Some(Message { text: app.strings().heading_follows.clone(), is_error: true });
        return;
    }
    let edit = Edit::Status { item: item.id.clone(), from: item.status, to: status(item.status) };
    commit(app, edit);
}

/// Applies an edit, records it in the history and the undo stack, and refreshes what derives from it.
pub fn commit(app: &mut App, edit: Edit) {
    if edit.is_noop() {
        return;
    }
    if let Err(e) = edit.apply(&mut app.workbook) {
        app.message = Some(Message { text: e.to_string(), is_error: true });
        return;
    }
    let change = Change {
        at: app.now,
        by: app.config.user.clone(),
        target: edit.target().to_string(),
        what: describe(app, &edit),
    };
    app.workbook.history.push(change.clone());
    let before = app.revision;
    let after = app.next_revision;
    app.next_revision += 1;
    app.revision = after;
    changed(app, &edit);
    app.unsaved.push(Unsaved { edit: edit.clone(), change: Some(change.clone()) });
    app.undo.push(Done { edit, change, before, after });
    app.redo.clear();
}

/// Refreshes what derives from the workbook after `edit`: only the edited item's list
/// when that is all it can touch, everything when scope answers change.
pub(super) fn changed(app: &mut App, edit: &Edit) {
    match edit {
        Edit::Answer { .. } => app.rollup = Rollup::of(&app.workbook),
        other => match list_of(&app.workbook, other.target()) {
            Some(list) => app.rollup.refresh_list(&app.workbook, list),
            None => app.rollup = Rollup::of(&app.workbook),
        },
    }
    app.rebuild_rows();
}

/// The list holding item `id`: `Some(None)` for General, `Some(Some(p))` for phase `p`.
fn list_of(workbook: &crate::model::Workbook, id: &str) -> Option<Option<usize>> {
    if workbook.general.iter().any(|i| i.id == id) {
        return Some(None);
    }
    workbook.phases.iter().position(|p| p.items.iter().any(|i| i.id == id)).map(Some)
}

fn undo(app: &mut App) {
    let Some(done) = app.undo.pop() else {
        app.message = Some(Message { text: app.strings().nothing_to_undo.clone(), is_error: false });
        return;
    };
    if done.edit.inverse().apply(&mut app.workbook).is_ok() {
        if let Some(at) = app.workbook.history.iter().rposition(|c| *c == done.change) {
            app.workbook.history.remove(at);
        }
        app.message =
            Some(Message { text: format!("{}: {}", app.strings().undone, done.change.what), is_error: false });
        app.revision = done.before;
        changed(app, &done.edit);
        if let Some(entry) = app.unsaved.iter_mut().rev().find(|u| u.change.as_ref() == Some(&done.change)) {
            entry.change = None;
        }
        app.unsaved.push(Unsaved { edit: done.edit.inverse(), change: None });
        app.redo.push(done);
    }
}

fn redo(app: &mut App) {
    let Some(done) = app.redo.pop() else {
        app.message = Some(Message { text: app.strings().nothing_to_redo.clone(), is_error: false });
        return;
    };
    if done.edit.apply(&mut app.workbook).is_ok() {
        app.workbook.history.push(done.change.clone());
        app.message =
            Some(Message { text: format!("{}: {}", app.strings().redone, done.change.what), is_error: false });
        app.revision = done.after;
        changed(app, &done.edit);
        app.unsaved.push(Unsaved { edit: done.edit.clone(), change: Some(done.change.clone()) });
        app.undo.push(done);
    }
}

/// The history line for an edit, in the interface language.
fn describe(app: &App, edit: &Edit) -> String {
    let s = app.strings();
    let dash = "—".to_string();
    match edit {
        Edit::Status { from, to, .. } => s.h_status.replace("{from}", s.status(*from)).replace("{to}", s.status(*to)),
        Edit::Assignee { to, .. } if to.is_empty() => s.h_unassigned.clone(),
        Edit::Assignee { to, .. } => s.h_assigned.replace("{to}", to),
        Edit::Due { to: None, .. } => s.h_due_cleared.clone(),
        Edit::Due { to: Some(date), .. } => s.h_due.replace("{to}", &date.to_string()),
        Edit::Note { from: None, .. } => s.h_note_added.clone(),
        Edit::Note { to: None, .. } => s.h_note_removed.clone(),
        Edit::Note { .. } => s.h_note_edited.clone(),
        Edit::Answer { to, .. } => s.h_answer.replace("{to}", &if to.is_empty() { dash } else { to.join(", ") }),
        Edit::Decision { from: None, to: Some(d), .. } => s.h_decision_added.replace("{id}", &d.id),
        Edit::Decision { to, from, .. } => {
            s.h_decision_edited.replace("{id}", to.as_ref().or(from.as_ref()).map_or("", |d| d.id.as_str()))
        }
        Edit::Criterion { criterion, to: true, .. } => s.h_criterion_met.replace("{id}", criterion),
        Edit::Criterion { criterion, .. } => s.h_criterion_unmet.replace("{id}", criterion),
        Edit::SignOffs { from, to, .. } => {
            // Name the party whose sign-off changed.
            let changed = to.iter().find(|s| !from.contains(s)).or_else(|| from.iter().find(|s| !to.contains(s)));
            changed.map_or_else(String::new, |signoff| {
                let name = if to.contains(signoff) { signoff.name.clone() } else { dash.clone() };
                s.h_signoff.replace("{party}", s.owner(signoff.party)).replace("{name}", &name)
            })
        }
        Edit::Passage { to: Some(passage), .. } => match &passage.waiver {
            Some(id) => s.h_waived.replace("{id}", id),
            None => s.h_passed.clone(),
        },
        Edit::Passage { to: None, .. } => s.h_reopened.clone(),
        Edit::Assessment { to, .. } => s.h_assessed.replace("{result}", super::screens::assessment(app, to.0)),
        Edit::Item { to: Some(_), .. } => s.h_item_added.clone(),
        Edit::Item { to: None, .. } => s.h_item_removed.clone(),
        Edit::Engagement { .. } => s.h_engagement.clone(),
        Edit::Meeting { to: Some(m), .. } => s.h_meeting.replace("{title}", &m.title),
        Edit::Meeting { to: None, .. } => s.h_meeting_removed.clone(),
        Edit::Batch(edits) => edits.iter().map(|e| describe(app, e)).collect::<Vec<_>>().join("; "),
    }
}

fn toggle_filter(app: &mut App, field: impl Fn(&mut super::state::Filter) -> &mut bool) {
    let flag = field(&mut app.filter);
    *flag = !*flag;
    app.rebuild_rows();
}

fn single_line(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![text.to_string()]);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    input
}

pub(crate) fn open_prompt(app: &mut App, kind: PromptKind, current: &str) {
    app.mode = Mode::Prompt { kind, input: single_line(current), error: None };
}

fn open_note(app: &mut App, edit_latest: bool) {
    let Some((_, item)) = app.selected() else { return };
    let latest = item.notes.len().checked_sub(1);
    let (index, text) = match latest {
        Some(i) if edit_latest => (Some(i), item.notes[i].text.clone()),
        _ => (None, String::new()),
    };
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut input = TextArea::new(lines);
    input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    input.move_cursor(ratatui_textarea::CursorMove::Bottom);
    input.move_cursor(ratatui_textarea::CursorMove::End);
    app.mode = Mode::Note { item: item.id.clone(), index, input };
}

fn help_key(app: &mut App, key: KeyEvent) {
    let Mode::Help { scroll } = &mut app.mode else { return };
    match key.code {
        KeyCode::Esc | KeyCode::Char('q' | '?') | KeyCode::F(1) => app.mode = Mode::Normal,
        KeyCode::Down | KeyCode::Char('j') => *scroll = scroll.saturating_add(1),
        KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
        KeyCode::PageDown => *scroll = scroll.saturating_add(10),
        KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
        KeyCode::Home | KeyCode::Char('g') => *scroll = 0,
        _ => {}
    }
}

fn prompt_key(app: &mut App, key: KeyEvent) {
    let Mode::Prompt { kind, input, error } = &mut app.mode else { return };
    match key.code {
        KeyCode::Esc => app.mode = Mode::Normal,
        KeyCode::Enter => {
            let kind = *kind;
            let text = input.lines().join(" ").trim().to_string();
            match submit_prompt(app, kind, &text) {
                Ok(()) => {
                    // A prompt may open the next one (the fields of a decision); only close this one.
                    if matches!(&app.mode, Mode::Prompt { kind: open, .. } if *open == kind) {
                        app.mode = Mode::Normal;
                    }
                }
                Err(e) => {
                    if let Mode::Prompt { error, .. } = &mut app.mode {
                        *error = Some(e);
                    }
                }
            }
        }
        _ => {
            *error = None;
            input.input(key);
        }
    }
}

fn submit_prompt(app: &mut App, kind: PromptKind, text: &str) -> Result<(), String> {
    match kind {
        PromptKind::Search => {
            app.mode = Mode::Normal;
            run_search(app, text);
            Ok(())
        }
        PromptKind::Assign => {
            if let Some((_, item)) = app.selected() {
                let edit = Edit::Assignee { item: item.id.clone(), from: item.assignee.clone(), to: text.to_string() };
                commit(app, edit);
            }
            Ok(())
        }
        PromptKind::Due => {
            let due = parse_due(text, app.today()).ok_or_else(|| app.strings().bad_due.clone())?;
            if let Some((_, item)) = app.selected() {
                let edit = Edit::Due { item: item.id.clone(), from: item.due, to: due };
                commit(app, edit);
            }
            Ok(())
        }
        other => super::screens::submit(app, other, text),
    }
}

/// Reads a due date as typed: `2026-12-01`, `+7d`, `+2w`, `+1m`, `+3` (days), `today`;
/// empty clears it. `None` when the text is none of these.
pub fn parse_due(text: &str, today: NaiveDate) -> Option<Option<NaiveDate>> {
    let text = text.trim().to_lowercase();
    if text.is_empty() {
        return Some(None);
    }
    if text == "today" || text == "idag" || text == "i dag" {
        return Some(Some(today));
    }
    if let Some(rest) = text.strip_prefix('+') {
        let (number, unit) = match rest.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
            Some((at, _)) => rest.split_at(at),
            None => (rest, "d"),
        };
        let n: u32 = number.parse().ok()?;
        let date = match unit.trim() {
            "d" => today.checked_add_days(Days::new(u64::from(n))),
            "w" | "v" => today.checked_add_days(Days::new(u64::from(n) * 7)),
            "m" => today.checked_add_months(Months::new(n)),
            _ => None,
        }?;
        return Some(Some(date));
    }
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok().map(Some)
}

fn note_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Mode::Note { input, .. } = &mut app.mode else { return Vec::new() };
    let ctrl_s = key.code == KeyCode::Char('s') && key.modifiers.contains(KeyModifiers::CONTROL);
    if key.code == KeyCode::Esc || ctrl_s {
        // Leaving the editor keeps what was typed: nothing typed is ever thrown away by a key.
        keep_note(app);
        return if ctrl_s { vec![Effect::Save] } else { Vec::new() };
    }
    input.input(key);
    Vec::new()
}

fn keep_note(app: &mut App) {
    let Mode::Note { item, index, input } = std::mem::take(&mut app.mode) else { return };
    let text = input.lines().join("\n").trim_end().to_string();
    if let Some(edit) = note_edit(app, &item, index, text) {
        commit(app, edit);
    }
}

/// The edit that keeps `text` as note `index` of `item` (a new note when `None`); empty
/// text removes the note, or adds nothing. `None` when there is nothing to do.
pub(super) fn note_edit(app: &App, item: &str, index: Option<usize>, text: String) -> Option<Edit> {
    let current = app.workbook.item(item)?;
    let item = item.to_string();
    Some(match index.and_then(|i| current.notes.get(i).map(|n| (i, n.clone()))) {
        Some((i, old)) if text.is_empty() => Edit::Note { item, index: i, from: Some(old), to: None },
        Some((i, old)) => {
            let new = Note { text, ..old.clone() };
            Edit::Note { item, index: i, from: Some(old), to: Some(new) }
        }
        None if text.is_empty() => return None,
        None => {
            let note = Note { at: app.now, by: app.config.user.clone(), text };
            Edit::Note { index: current.notes.len(), item, from: None, to: Some(note) }
        }
    })
}

fn confirm_quit_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Char('s' | 'y' | 'S' | 'Y' | 'j' | 'J') => {
            app.mode = Mode::Normal;
            // Saving keeps the meeting in progress as held now.
            if app.meeting_draft.is_some() {
                super::screens::close_meeting(app);
            }
            vec![Effect::SaveAndQuit]
        }
        KeyCode::Char('d' | 'D') => vec![Effect::Quit],
        KeyCode::Esc | KeyCode::Char('n' | 'N' | 'q') => {
            app.mode = Mode::Normal;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn paste(app: &mut App, text: &str) {
    match &mut app.mode {
        Mode::Note { input, .. } => {
            input.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
        }
        Mode::Prompt { input, .. } | Mode::Export { path: input, .. } => {
            input.insert_str(text.replace(['\r', '\n'], " "));
        }
        Mode::Minutes { input } => {
            input.insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
        }
        _ => {}
    }
}

/// Finds the query in item text, detail, notes and assignees across every list, in
/// screen order, and jumps to the first hit.
fn run_search(app: &mut App, query: &str) {
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
        app.message = Some(Message { text: app.strings().no_search.clone(), is_error: false });
        return;
    };
    if search.hits.is_empty() {
        let text = app.strings().no_hits.replace("{query}", &search.query);
        app.message = Some(Message { text, is_error: true });
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
    app.message = Some(Message { text, is_error: false });
}

fn click(app: &mut App, column: u16, row: u16) {
    let areas = crate::ui::layout::areas(app.size.0, app.size.1);
    let position = (column, row).into();
    if areas.stepper.contains(position) {
        if let Some(section) = crate::ui::stepper::section_at(areas.stepper, app.workbook.phases.len(), column) {
            show(app, section);
        }
    } else if areas.list.contains(position) {
        app.pane = Pane::List;
        // The list has a border row on top.
        let offset = usize::from(row.saturating_sub(areas.list.y + 1));
        let target = app.scroll + offset;
        if matches!(app.rows.get(target), Some(Row::Item { .. })) && row > areas.list.y {
            set_cursor(app, target);
        }
    } else if areas.detail.contains(position) {
        app.pane = Pane::Detail;
    }
}

/// Where a snapshot goes unless the user says otherwise: beside the workbook, named from
/// the customer, the format and the day.
fn default_export_path(app: &App, format: crate::export::Format) -> String {
    let name = crate::export::default_file_name(&app.workbook, format, app.today());
    match app.path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.join(name).display().to_string(),
        _ => name,
    }
}

fn export_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    use crate::export::Format;
    let Mode::Export { format, path, edited } = &mut app.mode else { return Vec::new() };
    match key.code {
        KeyCode::Esc => app.mode = Mode::Normal,
        KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => {
            let at = Format::ALL.iter().position(|f| f == format).unwrap_or(0);
            let step = if matches!(key.code, KeyCode::BackTab | KeyCode::Up) { Format::ALL.len() - 1 } else { 1 };
            *format = Format::ALL[(at + step) % Format::ALL.len()];
            if !*edited {
                let format = *format;
                let default = default_export_path(app, format);
                if let Mode::Export { path, .. } = &mut app.mode {
                    *path = single_line(&default);
                }
            }
        }
        KeyCode::Enter => {
            let target = path.lines().join("").trim().to_string();
            if target.is_empty() {
                return Vec::new();
            }
            let effect = Effect::Export { format: *format, path: target.into() };
            app.mode = Mode::Normal;
            return vec![effect];
        }
        _ => {
            *edited = true;
            path.input(key);
        }
    }
    Vec::new()
}
