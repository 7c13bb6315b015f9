//! The workflow screens' keys and what their prompts do when submitted: scope answers,
//! gate review and passage, assessment, the decision log, engagement details, the
//! upcoming list and meetings. Every change to the workbook goes through `commit`, so
//! each one is a single undoable step with its line in the history.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::state::{App, DecisionDraft, MeetingDraft, Message, Mode, PromptKind, Row, Screen, ScreenKind, Section};
use super::update::{Effect, commit, open_prompt, set_cursor, show};
use crate::model::deadline::{Urgency, items_with_urgency};
use crate::model::edit::Edit;
use crate::model::gate;
use crate::model::{
    Assessment, Decision, DecisionKind, DecisionStatus, Meeting, MeetingKind, Owner, SignOff, agenda, assess, scope,
};

/// Opens a screen, remembering the selected item for linking.
pub fn open(app: &mut App, kind: ScreenKind) {
    let item = app.selected().map(|(_, item)| item.id.clone());
    if kind == ScreenKind::Meeting && app.meeting_draft.is_none() {
        let points = agenda::agenda(&app.workbook, &app.rollup, app.today());
        let agenda = points.iter().map(|p| format!("{} ({})", p.text, reason(app, p.reason))).collect();
        app.meeting_draft = Some(MeetingDraft {
            kind: MeetingKind::Checkpoint,
            title: match gate::standing(&app.workbook) {
                gate::Standing::In(p) => {
                    app.workbook.phases.get(p).map_or_else(String::new, |phase| phase.title.clone())
                }
                gate::Standing::Finished => String::new(),
            },
            attendees: Vec::new(),
            minutes: String::new(),
            agenda,
        });
    }
    app.screen = Some(Screen { kind, cursor: 0, item });
}

pub fn reason(app: &App, reason: agenda::Reason) -> &str {
    let s = app.strings();
    match reason {
        agenda::Reason::Blocked => &s.reason_blocked,
        agenda::Reason::Overdue => &s.reason_overdue,
        agenda::Reason::Changed => &s.reason_changed,
    }
}

/// Every (question, option) pair in screen order: the scope screen's rows.
pub fn scope_rows(app: &App) -> Vec<(usize, usize)> {
    app.workbook
        .scope
        .iter()
        .enumerate()
        .flat_map(|(q, question)| (0..question.options.len()).map(move |o| (q, o)))
        .collect()
}

/// The items the upcoming screen lists: overdue first, then due this week, soonest first.
pub fn upcoming(app: &App) -> Vec<(Section, usize)> {
    let today = app.today();
    [Urgency::Passed, Urgency::Soon]
        .into_iter()
        .flat_map(|u| items_with_urgency(&app.workbook, &app.rollup, today, u))
        .map(|(list, index)| (list.map_or(Section::General, Section::Phase), index))
        .collect()
}

fn rows(app: &App, kind: ScreenKind) -> usize {
    match kind {
        ScreenKind::Scope => scope_rows(app).len(),
        ScreenKind::Gate => {
            app.gate_phase().and_then(|p| app.workbook.phases.get(p)).map_or(0, |p| p.gate.criteria.len())
        }
        ScreenKind::Assess => app.workbook.expectations.len(),
        ScreenKind::Decisions => app.workbook.decisions.len(),
        ScreenKind::Engagement => 6,
        ScreenKind::Upcoming => upcoming(app).len(),
        ScreenKind::Meeting => 0,
    }
}

pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(screen) = app.screen.clone() else { return Vec::new() };
    let count = rows(app, screen.kind);
    let cursor = screen.cursor.min(count.saturating_sub(1));
    let set = |app: &mut App, cursor: usize| {
        if let Some(s) = &mut app.screen {
            s.cursor = cursor;
        }
    };
    // Control keys are never a screen's own: Ctrl+Z, Ctrl+S and Ctrl+C keep their meaning.
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        let action = super::keys::Key::from_event(key).and_then(|k| app.config.keymap.action(k));
        let action = action.or_else(|| (key.code == KeyCode::Char('c')).then_some(Action::Quit));
        if let Some(a @ (Action::Undo | Action::Redo | Action::Save | Action::Help | Action::Quit)) = action {
            return super::update::update(app, super::update::Msg::Action(a));
        }
        return Vec::new();
    }
    match key.code {
        KeyCode::Esc | KeyCode::Char('q') => {
            app.screen = None;
            return Vec::new();
        }
        KeyCode::Down | KeyCode::Char('j') => set(app, (cursor + 1).min(count.saturating_sub(1))),
        KeyCode::Up | KeyCode::Char('k') => set(app, cursor.saturating_sub(1)),
        KeyCode::Home | KeyCode::Char('g') => set(app, 0),
        KeyCode::End | KeyCode::Char('G') => set(app, count.saturating_sub(1)),
        _ => {
            if !screen_key(app, screen.kind, cursor, key) {
                // Undo, redo, save and help work on every screen, with their own keys.
                let action = super::keys::Key::from_event(key).and_then(|k| app.config.keymap.action(k));
                if let Some(a @ (Action::Undo | Action::Redo | Action::Save | Action::Help)) = action {
                    return super::update::update(app, super::update::Msg::Action(a));
                }
            }
        }
    }
    Vec::new()
}

/// A screen's own keys; false when the key is not one of them.
fn screen_key(app: &mut App, kind: ScreenKind, cursor: usize, key: KeyEvent) -> bool {
    let c = match key.code {
        KeyCode::Enter => '\n',
        KeyCode::Char(c) => c,
        KeyCode::Tab => '\t',
        _ => return false,
    };
    match (kind, c) {
        (ScreenKind::Scope, ' ' | '\n') => choose(app, cursor),
        (ScreenKind::Gate, ' ' | '\n') => toggle_criterion(app, cursor),
        (ScreenKind::Gate, 'p') => pass(app),
        (ScreenKind::Gate, 'w') => waive(app),
        (ScreenKind::Gate, 'M') => sign_off(app, Owner::Microsoft),
        (ScreenKind::Gate, 'C') => sign_off(app, Owner::Customer),
        (ScreenKind::Gate, 'o') => reopen_gate(app),
        (ScreenKind::Assess, 'y') => assessed(app, cursor, Assessment::Meets),
        (ScreenKind::Assess, 'n') => {
            let found = app.workbook.expectations.get(cursor).map(|e| e.found.clone()).unwrap_or_default();
            open_prompt(app, PromptKind::Found(cursor, Some(Assessment::DoesNotMeet)), &found);
        }
        (ScreenKind::Assess, 'f' | '\n') => {
            let found = app.workbook.expectations.get(cursor).map(|e| e.found.clone()).unwrap_or_default();
            open_prompt(app, PromptKind::Found(cursor, None), &found);
        }
        (ScreenKind::Decisions, 'a') => start_decision(app, None, false),
        (ScreenKind::Decisions, 'e' | '\n') if cursor < app.workbook.decisions.len() => {
            start_decision(app, Some(cursor), false)
        }
        (ScreenKind::Decisions, 's') if cursor < app.workbook.decisions.len() => {
            if app.workbook.decisions[cursor].status == DecisionStatus::Superseded {
                app.message = Some(Message { text: app.strings().d_already_superseded.clone(), is_error: true });
            } else {
                start_decision(app, Some(cursor), true);
            }
        }
        (ScreenKind::Engagement, '\n' | 'e') => {
            let e = &app.workbook.engagement;
            let current = match cursor {
                0 => e.customer.clone(),
                1 => e.tenant.clone(),
                2 => e.project_lead.clone(),
                3 => e.partner.clone(),
                4 => e.purchase_date.map(|d| d.to_string()).unwrap_or_default(),
                _ => e.start_date.map(|d| d.to_string()).unwrap_or_default(),
            };
            open_prompt(app, PromptKind::EngagementField(u8::try_from(cursor).unwrap_or(0)), &current);
        }
        (ScreenKind::Upcoming, '\n') => {
            if let Some((section, index)) = upcoming(app).get(cursor).copied() {
                app.screen = None;
                app.filter = Default::default();
                show(app, section);
                app.rebuild_rows();
                if let Some(row) = app.rows.iter().position(|r| matches!(r, Row::Item { index: i, .. } if *i == index))
                {
                    set_cursor(app, row);
                }
            }
        }
        (ScreenKind::Meeting, '\t' | 'K') => {
            if let Some(d) = &mut app.meeting_draft {
                d.kind = match d.kind {
                    MeetingKind::KickOff => MeetingKind::Checkpoint,
                    MeetingKind::Checkpoint => MeetingKind::Other,
                    MeetingKind::Other => MeetingKind::KickOff,
                };
            }
        }
        (ScreenKind::Meeting, 't') => {
            let title = app.meeting_draft.as_ref().map(|d| d.title.clone()).unwrap_or_default();
            open_prompt(app, PromptKind::MeetingTitle, &title);
        }
        (ScreenKind::Meeting, 'a') => {
            let attendees = app.meeting_draft.as_ref().map(|d| d.attendees.join(", ")).unwrap_or_default();
            open_prompt(app, PromptKind::Attendees, &attendees);
        }
        (ScreenKind::Meeting, 'n' | '\n') => {
            let minutes = app.meeting_draft.as_ref().map(|d| d.minutes.clone()).unwrap_or_default();
            let lines: Vec<String> = minutes.split('\n').map(str::to_string).collect();
            let mut input = ratatui_textarea::TextArea::new(lines);
            input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
            input.move_cursor(ratatui_textarea::CursorMove::Bottom);
            input.move_cursor(ratatui_textarea::CursorMove::End);
            app.mode = Mode::Minutes { input };
        }
        (ScreenKind::Meeting, 'c') => close_meeting(app),
        (ScreenKind::Meeting, 'x') => {
            app.meeting_draft = None;
            app.screen = None;
        }
        _ => return false,
    }
    true
}

fn choose(app: &mut App, cursor: usize) {
    let Some((q, o)) = scope_rows(app).get(cursor).copied() else { return };
    let (by, today) = (app.config.user.clone(), app.today());
    if let Some(edit) = scope::choose(&app.workbook, q, o, &by, today) {
        commit(app, edit);
    }
}

fn shown_gate(app: &App) -> Option<(usize, &crate::model::Gate)> {
    let p = app.gate_phase()?;
    app.workbook.phases.get(p).map(|phase| (p, &phase.gate))
}

fn toggle_criterion(app: &mut App, cursor: usize) {
    let Some((_, g)) = shown_gate(app) else { return };
    let Some(c) = g.criteria.get(cursor) else { return };
    let edit = Edit::Criterion { gate: g.id.clone(), criterion: c.id.clone(), from: c.met, to: !c.met };
    commit(app, edit);
}

fn error(app: &mut App, text: String) {
    app.message = Some(Message { text, is_error: true });
}

/// Passes the shown gate when nothing blocks it; otherwise says what is needed.
fn pass(app: &mut App) {
    let Some((p, g)) = shown_gate(app) else { return };
    let (id, title) = (g.id.clone(), g.title.clone());
    let mut trial = app.workbook.clone();
    let (by, today) = (app.config.user.clone(), app.today());
    match gate::pass(&mut trial, &app.rollup, p, &by, today, None) {
        Ok(()) => {
            let to = trial.phases.get(p).and_then(|phase| phase.gate.passed.clone());
            commit(app, Edit::Passage { gate: id, from: None, to });
            app.message =
                Some(Message { text: app.strings().gate_passed_msg.replace("{gate}", &title), is_error: false });
        }
        Err(gate::GateError::Open(..)) => error(app, app.strings().gate_needs_waiver.clone()),
        Err(e) => error(app, e.to_string()),
    }
}

/// Asks for a waiver's reason, when a waiver is what stands between the gate and passing.
fn waive(app: &mut App) {
    let Some((p, g)) = shown_gate(app) else { return };
    if g.passed.is_some() {
        return error(app, gate::GateError::AlreadyPassed.to_string());
    }
    let review = gate::review(&app.workbook, &app.rollup, p);
    if let Some(earlier) = review.earlier_open {
        return error(app, gate::GateError::EarlierOpen(earlier).to_string());
    }
    if !review.missing_signoffs.is_empty() {
        return error(app, gate::GateError::SignOffMissing.to_string());
    }
    if review.is_clear() {
        return pass(app);
    }
    open_prompt(app, PromptKind::Waiver, "");
}

fn sign_off(app: &mut App, party: Owner) {
    let Some((_, g)) = shown_gate(app) else { return };
    let current = g.signoffs.iter().find(|s| s.party == party).map(|s| s.name.clone()).unwrap_or_default();
    open_prompt(app, PromptKind::SignOff(party), &current);
}

fn reopen_gate(app: &mut App) {
    let Some((p, g)) = shown_gate(app) else { return };
    let Some(passed) = g.passed.clone() else {
        return error(app, app.strings().gate_not_passed.clone());
    };
    if app.workbook.phases.get(p + 1).is_some_and(|next| next.gate.passed.is_some()) {
        return error(app, app.strings().gate_later_passed.clone());
    }
    let (id, title) = (g.id.clone(), g.title.clone());
    commit(app, Edit::Passage { gate: id, from: Some(passed), to: None });
    app.message = Some(Message { text: app.strings().gate_reopened.replace("{gate}", &title), is_error: false });
}

fn assessed(app: &mut App, cursor: usize, result: Assessment) {
    let Some(e) = app.workbook.expectations.get(cursor) else { return };
    let (id, found) = (e.id.clone(), e.found.clone());
    let text = app.strings().remediation_text.replace("{text}", &e.text);
    if let Some(edit) = assess::mark(&app.workbook, &id, result, &found, text) {
        commit(app, edit);
    }
}

fn start_decision(app: &mut App, index: Option<usize>, supersedes: bool) {
    let (by, today) = (app.config.user.clone(), app.today());
    let decision = match index.and_then(|i| app.workbook.decisions.get(i)) {
        Some(existing) if !supersedes => existing.clone(),
        existing => {
            let mut d = scope::decision(&app.workbook, String::new(), DecisionKind::General, &by, today);
            if let Some(old) = existing {
                d.links.clone_from(&old.links);
                d.title.clone_from(&old.title);
            } else if let Some(item) = app.screen.as_ref().and_then(|s| s.item.clone()) {
                d.links.push(item);
            }
            d
        }
    };
    let title = decision.title.clone();
    app.decision_draft = Some(DecisionDraft { decision, replaces: index, supersedes });
    open_prompt(app, PromptKind::DecisionField(0), &title);
}

/// The text a decision field shows in its prompt.
fn decision_field(d: &Decision, step: u8) -> String {
    match step {
        0 => d.title.clone(),
        1 => d.context.clone(),
        2 => d.options.join("; "),
        3 => d.outcome.clone(),
        _ => d.consequences.clone(),
    }
}

/// The meeting in progress as the workbook stores it once held, at `now`, in the current phase.
pub fn held_meeting(
    workbook: &crate::model::Workbook,
    draft: &MeetingDraft,
    now: chrono::DateTime<chrono::FixedOffset>,
) -> Meeting {
    let phase = match gate::standing(workbook) {
        gate::Standing::In(p) => workbook.phases.get(p).map(|phase| phase.id.clone()),
        gate::Standing::Finished => None,
    };
    Meeting {
        id: format!("M-{}", workbook.meetings.len() + 1),
        kind: draft.kind,
        title: draft.title.clone(),
        phase,
        held: now,
        attendees: draft.attendees.clone(),
        agenda: draft.agenda.clone(),
        minutes: draft.minutes.clone(),
    }
}

pub(super) fn close_meeting(app: &mut App) {
    let Some(draft) = app.meeting_draft.clone() else { return };
    let meeting = held_meeting(&app.workbook, &draft, app.now);
    let index = app.workbook.meetings.len();
    commit(app, Edit::Meeting { index, from: None, to: Some(Box::new(meeting)) });
    app.meeting_draft = None;
    app.screen = None;
    app.message =
        Some(Message { text: app.strings().meeting_stored.replace("{title}", &draft.title), is_error: false });
}

fn parse_date(text: &str) -> Option<Option<NaiveDate>> {
    let text = text.trim();
    if text.is_empty() {
        return Some(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Some)
}

/// Carries out a workflow prompt; `Err` keeps the prompt open with the message.
pub fn submit(app: &mut App, kind: PromptKind, text: &str) -> Result<(), String> {
    let s = app.strings();
    match kind {
        PromptKind::SignOff(party) => {
            let Some((_, g)) = shown_gate(app) else { return Ok(()) };
            let mut to: Vec<SignOff> = g.signoffs.iter().filter(|s| s.party != party).cloned().collect();
            if !text.is_empty() {
                to.push(SignOff { party, name: text.to_string(), date: app.today() });
                to.sort_by_key(|s| s.party);
            }
            let edit = Edit::SignOffs { gate: g.id.clone(), from: g.signoffs.clone(), to };
            commit(app, edit);
        }
        PromptKind::Waiver => {
            if text.is_empty() {
                return Err(s.waiver_empty.clone());
            }
            let Some((p, g)) = shown_gate(app) else { return Ok(()) };
            let (gate_id, title) = (g.id.clone(), g.title.clone());
            let (by, today) = (app.config.user.clone(), app.today());
            let mut record = scope::decision(
                &app.workbook,
                s.waiver_title.replace("{gate}", &title),
                DecisionKind::Waiver,
                &by,
                today,
            );
            record.context = text.to_string();
            record.links = vec![gate_id.clone()];
            let add =
                Edit::Decision { index: app.workbook.decisions.len(), from: None, to: Some(Box::new(record.clone())) };
            // Try the passage on a copy first: the waiver is only recorded if the gate then passes.
            let mut trial = app.workbook.clone();
            add.apply(&mut trial).map_err(|e| e.to_string())?;
            gate::pass(&mut trial, &app.rollup, p, &by, today, Some(&record.id)).map_err(|e| e.to_string())?;
            let to = trial.phases.get(p).and_then(|phase| phase.gate.passed.clone());
            commit(app, Edit::Batch(vec![add, Edit::Passage { gate: gate_id, from: None, to }]));
            app.message = Some(Message { text: s.gate_passed_msg.replace("{gate}", &title), is_error: false });
        }
        PromptKind::Found(index, result) => {
            let Some(e) = app.workbook.expectations.get(index) else { return Ok(()) };
            let id = e.id.clone();
            let remediation = s.remediation_text.replace("{text}", &e.text);
            let result = match (result, &e.threshold) {
                (Some(r), _) => r,
                (None, Some(threshold)) => {
                    let judged = assess::judge(threshold, text);
                    let message = match &judged.level {
                        Some(level) => s
                            .judged
                            .replace("{level}", level)
                            .replace("{result}", assessment(app, judged.result))
                            .replace("{minimum}", &threshold.minimum),
                        None => {
                            s.unknown_level.replace("{found}", text).replace("{levels}", &threshold.levels.join(", "))
                        }
                    };
                    app.message = Some(Message { text: message, is_error: judged.level.is_none() });
                    judged.result
                }
                (None, None) => e.result,
            };
            if let Some(edit) = assess::mark(&app.workbook, &id, result, text, remediation) {
                commit(app, edit);
            }
        }
        PromptKind::DecisionField(step) => {
            if step == 0 && text.is_empty() {
                return Err(s.d_title_empty.clone());
            }
            let Some(draft) = &mut app.decision_draft else { return Ok(()) };
            let d = &mut draft.decision;
            set_decision_field(d, step, text);
            if step < 4 {
                let next = decision_field(d, step + 1);
                open_prompt(app, PromptKind::DecisionField(step + 1), &next);
                return Ok(());
            }
            if let Some(draft) = app.decision_draft.take() {
                store_decision(app, draft);
            }
        }
        PromptKind::EngagementField(field) => {
            let from = app.workbook.engagement.clone();
            let mut to = from.clone();
            match field {
                0 => to.customer = text.to_string(),
                1 => to.tenant = text.to_string(),
                2 => to.project_lead = text.to_string(),
                3 => to.partner = text.to_string(),
                4 => to.purchase_date = parse_date(text).ok_or_else(|| s.bad_date.clone())?,
                _ => to.start_date = parse_date(text).ok_or_else(|| s.bad_date.clone())?,
            }
            commit(app, Edit::Engagement { from: Box::new(from), to: Box::new(to) });
        }
        PromptKind::MeetingTitle => {
            if let Some(d) = &mut app.meeting_draft {
                d.title = text.to_string();
            }
        }
        PromptKind::Attendees => {
            if let Some(d) = &mut app.meeting_draft {
                d.attendees = text.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
            }
        }
        PromptKind::Assign | PromptKind::Due | PromptKind::Search => {}
    }
    Ok(())
}

/// Step `step` (0–4) of a decision being written, from the text typed for it.
pub fn set_decision_field(d: &mut Decision, step: u8, text: &str) {
    match step {
        0 => d.title = text.to_string(),
        1 => d.context = text.to_string(),
        2 => d.options = text.split(';').map(str::trim).filter(|o| !o.is_empty()).map(str::to_string).collect(),
        3 => d.outcome = text.to_string(),
        _ => d.consequences = text.to_string(),
    }
}

/// The edit that stores a finished decision draft: added, replacing the one it edits, or
/// superseding one; `None` when the decision it names is gone.
pub fn decision_edit(workbook: &crate::model::Workbook, draft: &DecisionDraft) -> Option<Edit> {
    let new_index = workbook.decisions.len();
    let decision = Box::new(draft.decision.clone());
    Some(match (draft.replaces, draft.supersedes) {
        (Some(i), false) => {
            let old = workbook.decisions.get(i)?;
            Edit::Decision { index: i, from: Some(Box::new(old.clone())), to: Some(decision) }
        }
        (Some(i), true) => {
            let old = workbook.decisions.get(i)?;
            let mut retired = old.clone();
            retired.status = DecisionStatus::Superseded;
            retired.superseded_by = Some(draft.decision.id.clone());
            Edit::Batch(vec![
                Edit::Decision { index: new_index, from: None, to: Some(decision) },
                Edit::Decision { index: i, from: Some(Box::new(old.clone())), to: Some(Box::new(retired)) },
            ])
        }
        (None, _) => Edit::Decision { index: new_index, from: None, to: Some(decision) },
    })
}

fn store_decision(app: &mut App, draft: DecisionDraft) {
    let new_index = app.workbook.decisions.len();
    let Some(edit) = decision_edit(&app.workbook, &draft) else { return };
    commit(app, edit);
    if let Some(screen) = &mut app.screen
        && draft.replaces.is_none_or(|_| draft.supersedes)
    {
        screen.cursor = new_index;
    }
}

pub fn assessment(app: &App, result: Assessment) -> &str {
    let s = app.strings();
    match result {
        Assessment::Unknown => &s.result_unknown,
        Assessment::Meets => &s.result_meets,
        Assessment::DoesNotMeet => &s.result_does_not_meet,
    }
}

/// Keys in the minutes editor: Esc keeps what was typed in the meeting draft.
pub fn minutes_key(app: &mut App, key: KeyEvent) {
    let Mode::Minutes { input } = &mut app.mode else { return };
    if key.code == KeyCode::Esc {
        let text = input.lines().join("\n").trim_end().to_string();
        if let Some(d) = &mut app.meeting_draft {
            d.minutes = text;
        }
        app.mode = Mode::Normal;
        return;
    }
    input.input(key);
}
