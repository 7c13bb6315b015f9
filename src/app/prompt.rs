//! The one-line prompt: opened with the current value, edited with the text keys, and on
//! submit handed to what asked for it (an item's assignee or due date, the search, or a
//! workflow screen's field). A refused value keeps the prompt open with the reason.

use crossterm::event::KeyEvent;

use super::action::Action;
use super::commit::commit;
use super::screens;
use super::state::{App, Mode, PromptKind};
use super::text;
use super::update::Effect;
use crate::model::due;
use crate::model::edit::Edit;

/// What a prompt answers to beside the text keys.
pub const ACTIONS: &[Action] = &[Action::Submit, Action::Cancel, Action::Up, Action::Down];

/// How many entries of each kind Up can recall.
const HISTORY: usize = 20;

/// Prompts whose entries are alike share a history: names with names, dates with dates.
fn history_key(kind: PromptKind) -> &'static str {
    match kind {
        PromptKind::Search | PromptKind::HistoryFilter => "search",
        PromptKind::Assign | PromptKind::SignOff(_) | PromptKind::Attendees => "names",
        PromptKind::Due | PromptKind::PassDate | PromptKind::PhaseStart => "dates",
        PromptKind::EngagementField(field) if field.is_date() => "dates",
        PromptKind::SaveAs => "files",
        _ => "text",
    }
}

/// Opens a prompt. A search starts empty (the last one is Up away); a prompt that edits a
/// value starts with it selected, so typing replaces it and Enter keeps it.
pub fn open(app: &mut App, kind: PromptKind, current: &str) {
    let input = if kind == PromptKind::Search { text::single_line("") } else { text::selected(current) };
    app.mode = Mode::Prompt { kind, input, error: None, recall: None };
}

pub fn act(app: &mut App, action: Option<Action>, key: Option<KeyEvent>) -> Vec<Effect> {
    let Mode::Prompt { kind, input, error, recall } = &mut app.mode else { return Vec::new() };
    let kind = *kind;
    match action {
        Some(step @ (Action::Up | Action::Down)) => {
            let earlier = app.prompt_history.get(history_key(kind)).map_or(&[][..], Vec::as_slice);
            let at = match (recall.as_ref().map(|(i, _)| *i), step) {
                (None, Action::Up) if !earlier.is_empty() => Some(0),
                (Some(i), Action::Up) => Some((i + 1).min(earlier.len().saturating_sub(1))),
                (Some(0), _) => None,
                (Some(i), _) => Some(i - 1),
                (None, _) => return Vec::new(),
            };
            let typed = recall.take().map_or_else(|| text::line_of(input), |(_, typed)| typed);
            *input = text::single_line(at.and_then(|i| earlier.get(i)).unwrap_or(&typed));
            *recall = at.map(|i| (i, typed));
        }
        Some(Action::Cancel) => {
            if matches!(kind, PromptKind::DecisionField(_)) {
                app.decision_draft = None;
            }
            app.save_as = None;
            app.item_text = None;
            app.mode = Mode::Normal;
        }
        Some(Action::Submit) if kind == PromptKind::SaveAsSwitch => {
            let typed = text::line_of(input);
            app.mode = Mode::Normal;
            return super::saving::save_as_answered(app, &typed);
        }
        Some(Action::Submit) => {
            let typed = text::line_of(input);
            remember(app, kind, &typed);
            match submit(app, kind, &typed) {
                // A prompt may open the next one (the fields of a decision); only close this one.
                Ok(()) => {
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
        Some(other) => {
            if text::edit(input, other) {
                *error = None;
            }
        }
        None => {
            if key.is_some_and(|k| text::insert(input, k)) {
                *error = None;
            }
        }
    }
    Vec::new()
}

/// Keeps an entry for Up to recall in prompts of its kind.
fn remember(app: &mut App, kind: PromptKind, typed: &str) {
    if typed.is_empty() {
        return;
    }
    let list = app.prompt_history.entry(history_key(kind)).or_default();
    list.retain(|t| t != typed);
    list.insert(0, typed.to_string());
    list.truncate(HISTORY);
}

/// Carries out a submitted prompt; `Err` keeps the prompt open with the message.
fn submit(app: &mut App, kind: PromptKind, typed: &str) -> Result<(), String> {
    match kind {
        PromptKind::Search => {
            app.mode = Mode::Normal;
            super::main_screen::run_search(app, typed);
        }
        PromptKind::Assign => {
            if let Some((_, item)) = app.selected() {
                let edit = Edit::Assignee { item: item.id.clone(), from: item.assignee.clone(), to: typed.to_string() };
                commit(app, edit);
            }
        }
        PromptKind::Due => {
            let words = app.strings().date_words();
            let due = due::parse(typed, app.today(), &words).map_err(|_| app.strings().bad_due.clone())?;
            if let Some((_, item)) = app.selected() {
                let edit = Edit::Due { item: item.id.clone(), from: item.due, to: due };
                commit(app, edit);
            }
        }
        PromptKind::SignOff(_) | PromptKind::Waiver(_) | PromptKind::PassDate | PromptKind::PhaseStart => {
            return screens::gate::submit(app, kind, typed);
        }
        PromptKind::Found(index, result) => return screens::assess::submit(app, index, result, typed),
        PromptKind::Override(index) => return screens::assess::overridden(app, index, typed),
        PromptKind::DecisionField(field) => return screens::decisions::submit(app, field, typed),
        PromptKind::EngagementField(field) => return screens::engagement::submit(app, field, typed),
        PromptKind::MeetingTitle | PromptKind::Attendees | PromptKind::HeldOn => {
            return screens::meeting::submit(app, kind, typed);
        }
        PromptKind::SaveAs => super::saving::save_as_named(app, typed)?,
        // Answered in `act`, which hands its effect on.
        PromptKind::SaveAsSwitch => {}
        PromptKind::HistoryFilter => screens::history::filter(app, typed),
        PromptKind::ConflictText(index) => screens::conflicts::written(app, index, typed),
        PromptKind::NewItem(owner) => {
            let list = app.section.list();
            let under = super::main_screen::heading_for_new(app);
            let edit = crate::model::items::add(&app.workbook, list, owner, typed, under.as_deref())
                .ok_or_else(|| app.strings().item_text_empty.clone())?;
            let id = edit.target().to_string();
            commit(app, edit);
            // The cursor goes to the new task.
            super::main_screen::go_to_id(app, &id);
        }
        // The wording first, then the detail; stored together, as one change.
        PromptKind::ItemText => {
            if typed.trim().is_empty() {
                return Err(app.strings().item_text_empty.clone());
            }
            let detail = app.selected().map(|(_, item)| item.detail.clone()).unwrap_or_default();
            app.item_text = Some(typed.to_string());
            open(app, PromptKind::ItemDetail, &detail);
            return Ok(());
        }
        PromptKind::ItemDetail => {
            let Some(text) = app.item_text.take() else { return Ok(()) };
            if let Some((index, _)) = app.selected()
                && let Some(edit) =
                    crate::model::items::reword(&app.workbook, app.section.list(), index, &text, Some(typed))
            {
                commit(app, edit);
            }
        }
        PromptKind::RemoveReason => {
            let Some((index, _)) = app.selected() else { return Ok(()) };
            let (by, at) = (app.config.user.clone(), app.now);
            let edit = crate::model::items::set_aside(&app.workbook, app.section.list(), index, typed, &by, at)
                .ok_or_else(|| app.strings().reason_empty.clone())?;
            let text = app.selected().map(|(_, i)| crate::i18n::cells::fit(&i.text, 60)).unwrap_or_default();
            commit(app, edit);
            app.message = Some(super::state::Message::info(app.strings().item_set_aside.replace("{text}", &text)));
        }
    }
    Ok(())
}
