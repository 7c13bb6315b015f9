//! The workflow screens drawn over the checklist: scope, gate, assessment, decisions,
//! engagement, upcoming and meeting. What they share is here — opening, closing, moving
//! through their rows (the meeting screen scrolls); each screen's own keys and prompts are in its file. Every change to
//! the workbook goes through `commit`, so each one is a single undoable step.

pub mod assess;
pub mod conflicts;
pub mod decisions;
pub mod engagement;
pub mod gate;
pub mod history;
pub mod meeting;
pub mod meetings;
pub mod scope;
pub mod upcoming;

use super::action::Action;
use super::state::{App, Message, Screen, ScreenKind};
use super::update::{Effect, global};

/// Moving through a screen's rows, as in any list.
pub const MOVING: &[Action] =
    &[Action::Up, Action::Down, Action::PageUp, Action::PageDown, Action::Top, Action::Bottom];

/// What every screen answers to after its own keys.
pub const SHARED: &[Action] = &[Action::Close, Action::Undo, Action::Redo, Action::Save, Action::Help, Action::Quit];

/// How many rows a page key moves on a screen.
const PAGE: usize = 10;

/// Opens a screen, remembering the selected item for linking.
pub fn open(app: &mut App, kind: ScreenKind) {
    let item = app.selected().map(|(_, item)| item.id.clone());
    if kind == ScreenKind::Meeting {
        meeting::start(app);
    }
    app.screen = Some(Screen { kind, cursor: 0, item });
}

/// How many rows the screen lists, for the cursor.
fn rows(app: &App, kind: ScreenKind) -> usize {
    match kind {
        ScreenKind::Scope => scope::rows(app).len(),
        ScreenKind::Gate => gate::shown(app).map_or(0, |(_, g)| g.criteria.len()),
        ScreenKind::Assess => app.workbook.expectations.len(),
        ScreenKind::Decisions => decisions::shown(app).len(),
        ScreenKind::Engagement => crate::model::engagement::Field::ALL.len(),
        ScreenKind::Upcoming => upcoming::places(app).len(),
        ScreenKind::History => history::shown(app).len(),
        ScreenKind::Meetings => app.workbook.meetings.len(),
        ScreenKind::Conflicts => app.workbook.conflicts.len(),
        // The about screen scrolls: as many rows as its text could take at the narrowest.
        ScreenKind::About => about_lines(app),
        // The meeting screen scrolls instead: one row per line it may show.
        ScreenKind::Meeting => app.meeting_draft.as_ref().map_or(0, |d| d.agenda.len() + d.minutes.lines().count() + 8),
    }
}

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(screen) = app.screen.clone() else { return Vec::new() };
    if let Some(effects) = global(app, action) {
        return effects;
    }
    let last = rows(app, screen.kind).saturating_sub(1);
    let cursor = screen.cursor.min(last);
    // On the meetings screen the pages scroll the selected meeting's minutes; a new
    // selection starts at its top.
    if screen.kind == ScreenKind::Meetings {
        match action {
            Action::PageDown => {
                app.detail_scroll = app.detail_scroll.saturating_add(PAGE as u16);
                return Vec::new();
            }
            Action::PageUp => {
                app.detail_scroll = app.detail_scroll.saturating_sub(PAGE as u16);
                return Vec::new();
            }
            Action::Up | Action::Down | Action::Top | Action::Bottom => app.detail_scroll = 0,
            _ => {}
        }
    }
    let moved = match action {
        Action::Close => {
            app.screen = None;
            // A meeting only looked at leaves nothing behind.
            if !app.meeting_in_progress() {
                app.meeting_draft = None;
            }
            return Vec::new();
        }
        Action::Up => Some(cursor.saturating_sub(1)),
        Action::Down => Some((cursor + 1).min(last)),
        Action::PageUp => Some(cursor.saturating_sub(PAGE)),
        Action::PageDown => Some((cursor + PAGE).min(last)),
        Action::Top => Some(0),
        Action::Bottom => Some(last),
        _ => None,
    };
    if let Some(to) = moved {
        if let Some(s) = &mut app.screen {
            s.cursor = to;
        }
        return Vec::new();
    }
    match screen.kind {
        ScreenKind::Scope => scope::act(app, cursor, action),
        ScreenKind::Gate => gate::act(app, cursor, action),
        ScreenKind::Assess => assess::act(app, cursor, action),
        ScreenKind::Decisions => decisions::act(app, cursor, action),
        ScreenKind::Engagement => engagement::act(app, cursor, action),
        ScreenKind::Upcoming => upcoming::act(app, cursor, action),
        ScreenKind::History => history::act(app, cursor, action),
        ScreenKind::Meetings => meetings::act(app, cursor, action),
        ScreenKind::Conflicts => conflicts::act(app, cursor, action),
        ScreenKind::About => {}
        ScreenKind::Meeting => meeting::act(app, action),
    }
    Vec::new()
}

/// How far the about screen can scroll: its text's lines at the narrowest screen's width.
fn about_lines(app: &App) -> usize {
    let meta = &app.workbook.meta;
    (meta.title.len() + meta.summary.len() + meta.source.len()) / 60 + 8
}

fn error(app: &mut App, text: String) {
    app.message = Some(Message::error(text));
}
