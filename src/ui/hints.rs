//! The bottom line: a message when there is one, otherwise hints for the main keys,
//! generated from the live bindings so they never disagree with what the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::state::{App, Mode, ScreenKind};

/// The actions the hint bar offers, most needed first; those that do not fit are left out.
const HINTED: &[Action] = &[
    Action::ToggleDone,
    Action::CycleStatus,
    Action::Assign,
    Action::SetDue,
    Action::AddNote,
    Action::Search,
    Action::Undo,
    Action::Save,
    Action::Help,
    Action::Quit,
    Action::NextPhase,
    Action::FilterBlocked,
];

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    let s = app.strings();
    if let Some(message) = &app.message {
        let style = if message.is_error { theme.error() } else { theme.title() };
        frame.render_widget(Paragraph::new(Span::styled(fit(&message.text, width), style)), area);
        return;
    }
    let pairs: Vec<(String, String)> = match &app.mode {
        Mode::Normal if app.screen.is_some() => screen_hints(app),
        Mode::Normal => HINTED
            .iter()
            .filter_map(|a| {
                let key = app.config.keymap.keys(*a).first()?;
                Some((key.to_string(), s.hint(*a).to_string()))
            })
            .collect(),
        Mode::Prompt { .. } => vec![("Enter".into(), s.ok.clone()), ("Esc".into(), s.cancel.clone())],
        Mode::Note { .. } => vec![("Esc".into(), s.note_done.clone()), ("Ctrl+S".into(), s.note_done_save.clone())],
        Mode::Help { .. } => vec![("↑↓".into(), s.scroll.clone()), ("Esc".into(), s.close.clone())],
        Mode::Minutes { .. } => vec![("Esc".into(), s.note_done.clone())],
        Mode::ConfirmQuit | Mode::Conflict { .. } | Mode::Export { .. } => Vec::new(),
    };
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, label) in pairs {
        let cost = key.width() + label.width() + 3;
        if used + cost > width {
            break;
        }
        used += cost;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The keys of the open workflow screen, its own first, then closing and undo.
fn screen_hints(app: &App) -> Vec<(String, String)> {
    let s = app.strings();
    let Some(screen) = &app.screen else { return Vec::new() };
    let own: Vec<(&str, &String)> = match screen.kind {
        ScreenKind::Scope => vec![("Space", &s.k_choose)],
        ScreenKind::Gate => {
            let joint = app.gate_phase().and_then(|p| app.workbook.phases.get(p)).is_some_and(|p| p.gate.joint);
            let mut keys = vec![("Space", &s.k_toggle_met), ("p", &s.k_pass), ("w", &s.k_waive)];
            // Sign-off keys only where a sign-off is asked for, so the bar stays short.
            if joint {
                keys.push(("M/C", &s.k_sign));
            }
            keys.push(("o", &s.k_reopen_gate));
            keys
        }
        ScreenKind::Assess => vec![("y", &s.k_meets), ("n", &s.k_does_not_meet), ("f", &s.k_found)],
        ScreenKind::Decisions => vec![("a", &s.k_add), ("e", &s.k_edit), ("s", &s.k_supersede)],
        ScreenKind::Engagement => vec![("Enter", &s.k_edit_field)],
        ScreenKind::Upcoming => vec![("Enter", &s.k_jump)],
        ScreenKind::Meeting => vec![
            ("Tab", &s.k_kind),
            ("t", &s.k_title),
            ("a", &s.k_attendees),
            ("n", &s.k_minutes),
            ("c", &s.k_close_meeting),
            ("x", &s.k_discard),
        ],
    };
    // Esc first: the way out must never be cut off by a narrow window.
    let mut pairs = vec![("Esc".to_string(), s.close.clone())];
    pairs.extend(own.into_iter().map(|(k, l)| (k.to_string(), l.clone())));
    if let Some(key) = app.config.keymap.keys(Action::Undo).first() {
        pairs.push((key.to_string(), s.hint(Action::Undo).to_string()));
    }
    pairs
}
