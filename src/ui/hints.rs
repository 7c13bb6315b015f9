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
use crate::app::state::{App, Mode};

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
        Mode::ConfirmQuit | Mode::Export { .. } => Vec::new(),
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
