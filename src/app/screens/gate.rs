//! The gate screen's keys: marking criteria met, signing off, passing (on a waiver when
//! things are still open) and reopening the shown phase's gate.

use super::error;
use crate::app::action::Action;
use crate::app::commit::commit;
use crate::app::prompt;
use crate::app::state::{App, Message, PromptKind};
use crate::model::due;
use crate::model::edit::Edit;
use crate::model::gate::{self, Blocked};
use crate::model::{Gate, Owner, SignOff};

/// What the gate screen answers to, beside moving and closing.
pub const ACTIONS: &[Action] = &[
    Action::ToggleDone,
    Action::Select,
    Action::Pass,
    Action::PassOn,
    Action::SetStart,
    Action::Waive,
    Action::SignMicrosoft,
    Action::SignCustomer,
    Action::ReopenGate,
];

/// The gate the screen shows, with its phase's index.
pub fn shown(app: &App) -> Option<(usize, &Gate)> {
    let p = app.gate_phase()?;
    app.workbook.phases.get(p).map(|phase| (p, &phase.gate))
}

pub fn act(app: &mut App, cursor: usize, action: Action) {
    match action {
        Action::ToggleDone | Action::Select => toggle_criterion(app, cursor),
        Action::Pass => pass(app, None),
        Action::PassOn => prompt::open(app, PromptKind::PassDate, &app.today().to_string()),
        Action::SetStart => {
            let started = shown(app).and_then(|(p, _)| app.workbook.phases[p].started);
            prompt::open(app, PromptKind::PhaseStart, &started.map(|d| d.to_string()).unwrap_or_default());
        }
        Action::Waive => waive(app),
        Action::SignMicrosoft => sign_off(app, Owner::Microsoft),
        Action::SignCustomer => sign_off(app, Owner::Customer),
        Action::ReopenGate => reopen(app),
        _ => {}
    }
}

fn toggle_criterion(app: &mut App, cursor: usize) {
    let Some((_, g)) = shown(app) else { return };
    let Some(c) = g.criteria.get(cursor) else { return };
    let edit = Edit::Criterion { gate: g.id.clone(), criterion: c.id.clone(), from: c.met, to: !c.met };
    commit(app, edit);
}

/// Passes the shown gate, today or on `day`, when nothing blocks it; otherwise says what is
/// needed.
fn pass(app: &mut App, day: Option<chrono::NaiveDate>) {
    let Some((p, g)) = shown(app) else { return };
    let (id, title) = (g.id.clone(), g.title.clone());
    match gate::passage(&app.workbook, &app.rollup, p, &app.config.user, day.unwrap_or_else(|| app.today()), None) {
        Ok(passage) => {
            commit(app, Edit::Passage { gate: id, from: None, to: Some(passage) });
            app.message = Some(Message::info(app.strings().gate_passed_msg.replace("{gate}", &title)));
        }
        // Passing on a day given, with things still open: a waiver, on that day.
        Err(Blocked::Open(..)) if day.is_some() => prompt::open(app, PromptKind::Waiver(day), ""),
        Err(Blocked::Open(..)) => {
            let key = app.config.keymap.first(crate::app::context::Context::Gate, Action::Waive).unwrap_or_default();
            error(app, app.strings().gate_needs_waiver.replace("{key}", &key));
        }
        Err(e) => error(app, blocked(app, &e)),
    }
}

/// Asks for a waiver's reason, when a waiver is what stands between the gate and passing.
fn waive(app: &mut App) {
    let Some((p, _)) = shown(app) else { return };
    match gate::passage(&app.workbook, &app.rollup, p, &app.config.user, app.today(), None) {
        // Nothing open: there is nothing to waive, so the gate simply passes.
        Ok(_) => pass(app, None),
        Err(Blocked::Open(..)) => prompt::open(app, PromptKind::Waiver(None), ""),
        Err(e) => error(app, blocked(app, &e)),
    }
}

fn sign_off(app: &mut App, party: Owner) {
    let Some((p, g)) = shown(app) else { return };
    if !g.joint {
        return error(app, app.strings().not_joint.clone());
    }
    let signed = g.signoffs.iter().any(|s| s.party == party);
    match gate::may_sign_off(&app.workbook, p) {
        Ok(()) => {}
        // One given before the gate was reached (an earlier gate reopened since) can be taken back.
        Err(Blocked::EarlierOpen(_)) if signed => {}
        Err(Blocked::EarlierOpen(_)) => return error(app, app.strings().signoff_not_reached.clone()),
        Err(e) => return error(app, blocked(app, &e)),
    }
    let current = g.signoffs.iter().find(|s| s.party == party).map(|s| s.name.clone()).unwrap_or_default();
    prompt::open(app, PromptKind::SignOff(party), &current);
}

fn reopen(app: &mut App) {
    let Some((p, g)) = shown(app) else { return };
    let Some(passed) = g.passed.clone() else {
        return error(app, app.strings().gate_not_passed.clone());
    };
    if app.workbook.phases.get(p + 1).is_some_and(|next| next.gate.passed.is_some()) {
        return error(app, app.strings().gate_later_passed.clone());
    }
    let (id, title) = (g.id.clone(), g.title.clone());
    commit(app, Edit::Passage { gate: id, from: Some(passed), to: None });
    app.message = Some(Message::info(app.strings().gate_reopened.replace("{gate}", &title)));
}

/// A sign-off name or a waiver's reason, typed in its prompt.
pub fn submit(app: &mut App, kind: PromptKind, typed: &str) -> Result<(), String> {
    let s = app.strings();
    let Some((p, g)) = shown(app) else { return Ok(()) };
    match kind {
        PromptKind::SignOff(party) => {
            if !typed.is_empty() && gate::may_sign_off(&app.workbook, p).is_err() {
                return Err(s.signoff_not_reached.clone());
            }
            // "Anna Berg, 2026-11-20": a day after the last comma dates it; else today.
            let words = s.date_words();
            // A part with a digit after the last comma is meant as a day; it must be one.
            let (name, date) = match typed.rsplit_once(',') {
                Some((name, day)) if day.chars().any(|c| c.is_ascii_digit()) => {
                    match due::parse(day, app.today(), &words) {
                        Ok(Some(day)) if day > app.today() => return Err(s.signoff_future.clone()),
                        Ok(Some(day)) => (name.trim(), day),
                        _ => return Err(s.bad_past_day.clone()),
                    }
                }
                _ => (typed, app.today()),
            };
            let mut to: Vec<SignOff> = g.signoffs.iter().filter(|s| s.party != party).cloned().collect();
            if !name.is_empty() {
                to.push(SignOff { party, name: name.to_string(), date });
                to.sort_by_key(|s| s.party);
            }
            let edit = Edit::SignOffs { gate: g.id.clone(), from: g.signoffs.clone(), to };
            commit(app, edit);
        }
        PromptKind::PhaseStart => {
            let day = due::parse(typed, app.today(), &s.date_words()).map_err(|_| s.bad_past_day.clone())?;
            if day.is_some_and(|d| d > app.today()) {
                return Err(s.start_future.clone());
            }
            let phase = &app.workbook.phases[p];
            let edit = Edit::PhaseStart { phase: phase.id.clone(), from: phase.started, to: day };
            commit(app, edit);
        }
        PromptKind::PassDate => {
            let day = due::parse(typed, app.today(), &s.date_words()).map_err(|_| s.bad_past_day.clone())?;
            let day = day.unwrap_or_else(|| app.today());
            if day > app.today() {
                return Err(s.pass_date_future.clone());
            }
            app.mode = crate::app::state::Mode::Normal;
            pass(app, Some(day));
        }
        PromptKind::Waiver(day) => {
            if typed.is_empty() {
                return Err(s.waiver_empty.clone());
            }
            let title = g.title.clone();
            let record_title = s.waiver_title.replace("{gate}", &title);
            let day = day.unwrap_or_else(|| app.today());
            let edit = gate::waive(&app.workbook, &app.rollup, p, &app.config.user, day, record_title, typed)
                .map_err(|e| blocked(app, &e))?;
            commit(app, edit);
            app.message = Some(Message::info(s.gate_passed_msg.replace("{gate}", &title)));
        }
        _ => {}
    }
    Ok(())
}

/// Why a gate may not pass, in the interface's words, naming an earlier phase by its title.
fn blocked(app: &App, e: &Blocked) -> String {
    match e {
        Blocked::EarlierOpen(id) => app.strings().earlier_open.replace("{id}", &phase_title(app, id)),
        other => other.to_string(),
    }
}

/// The title of the phase with `id`, or the id when there is no such phase.
fn phase_title(app: &App, id: &str) -> String {
    app.workbook.phase(id).map_or_else(|| id.to_string(), |p| p.title.clone())
}
