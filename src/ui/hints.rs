//! The bottom line: a message when there is one, otherwise hints for the keys of the
//! context on screen, generated from the live key table so they never disagree with what
//! the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::context::Context;
use crate::app::state::App;

/// The (key, label) pairs of the actions `context` hints, in its order; actions without a
/// key (unbound by the user) are left out. Sign-off keys only where a sign-off is asked for.
pub fn pairs(app: &App, context: Context) -> Vec<(String, String)> {
    let s = app.strings();
    let joint = app.gate_phase().and_then(|p| app.workbook.phases.get(p)).is_some_and(|p| p.gate.joint);
    context
        .hinted()
        .iter()
        .filter(|a| joint || !matches!(a, Action::SignMicrosoft | Action::SignCustomer))
        .filter_map(|a| {
            let key = app.config.keymap.first(context, *a)?;
            let label = match a {
                // Read-only, "save" keeps the work in a copy: the label says so.
                Action::SaveAndQuit if app.read_only.is_some() => s.save_copy_and_quit.as_str(),
                _ => s.hint(&context.name(), &a.text_key()).unwrap_or_default(),
            };
            Some((key, label.to_string()))
        })
        .collect()
}

/// The pairs as spans, `key label  key label`, as many as fit in `width`.
pub fn spans(pairs: Vec<(String, String)>, width: usize, theme: Theme) -> Vec<Span<'static>> {
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
    spans
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    if let Some(message) = &app.message {
        let style = if message.is_error { theme.error() } else { theme.title() };
        frame.render_widget(Paragraph::new(Span::styled(fit(&message.text, width), style)), area);
        return;
    }
    // The popups that list their choices themselves leave the bar empty.
    let context = app.context();
    let pairs = match context {
        Context::Export | Context::Conflict | Context::ConfirmOverwrite | Context::Quit => Vec::new(),
        other => pairs(app, other),
    };
    frame.render_widget(Paragraph::new(Line::from(spans(pairs, width, theme))), area);
}
