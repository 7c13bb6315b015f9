//! The bottom line: a message when there is one, otherwise hints for the keys of the
//! context on screen, generated from the live key table so they never disagree with what
//! the keys do.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::context::Context;
use crate::app::state::App;

/// Rows a message may take at the bottom of the screen.
const MESSAGE_LINES: usize = 8;

/// One hint: the action, its first key, and its label.
pub type Hint = (Action, String, String);

/// The hints of the actions `context` offers, in its order; actions without a key (unbound
/// by the user) are left out. Sign-off keys only where a sign-off is asked for.
pub fn pairs(app: &App, context: Context) -> Vec<Hint> {
    let s = app.strings();
    let joint = app.gate_phase().and_then(|p| app.workbook.phases.get(p)).is_some_and(|p| p.gate.joint);
    let mut hints: Vec<Hint> = context
        .hinted()
        .iter()
        .filter(|a| joint || !matches!(a, Action::SignMicrosoft | Action::SignCustomer))
        // Minutes to correct only once a meeting has been held.
        .filter(|a| !(context == Context::Meetings && **a == Action::Minutes && app.workbook.meetings.is_empty()))
        .filter_map(|a| {
            let key = app.config.keymap.first(context, *a)?;
            let label = match a {
                // Read-only, "save" keeps the work in a copy: the label says so.
                Action::SaveAndQuit if app.read_only.is_some() => s.save_copy_and_quit.as_str(),
                // Folded over the checklist, the same key goes back to it.
                Action::SwitchPane if app.pane == crate::app::state::Pane::Detail && app.areas().folded => {
                    s.hint_checklist.as_str()
                }
                _ => s.hint(&context.name(), &a.text_key()).unwrap_or_default(),
            };
            Some((*a, key, s.with_parties(label, &app.workbook.meta.parties)))
        })
        .collect();
    // The two sign-offs share one hint, as they share one purpose: `M/C sign-off …`.
    if let Some(at) = hints.iter().position(|h| h.0 == Action::SignMicrosoft)
        && hints.get(at + 1).is_some_and(|h| h.0 == Action::SignCustomer)
    {
        let customer = hints.remove(at + 1);
        let both = s.with_parties(s.hint(&context.name(), "sign_both").unwrap_or_default(), &app.workbook.meta.parties);
        hints[at] = (Action::SignMicrosoft, format!("{}/{}", hints[at].1, customer.1), both);
    }
    hints
}

/// The ways to help and out: they show whatever else does not fit.
const PINNED: [Action; 4] = [Action::Help, Action::Quit, Action::Close, Action::Cancel];

/// The hints as spans, `key label  key label`, as many as fit in `width`: the help and the
/// way out first, then the others in order, each whole or not at all.
pub fn spans(hints: Vec<Hint>, width: usize, theme: Theme) -> Vec<Span<'static>> {
    let cost = |(_, key, label): &Hint| key.width() + label.width() + 3;
    let mut room = width;
    let mut shown = vec![false; hints.len()];
    for pinned in [true, false] {
        for (i, hint) in hints.iter().enumerate() {
            if PINNED.contains(&hint.0) == pinned && !shown[i] && cost(hint) <= room {
                room -= cost(hint);
                shown[i] = true;
            } else if !pinned && !shown[i] {
                // Keep the order: once one does not fit, none after it is squeezed in.
                room = 0;
            }
        }
    }
    let mut spans = Vec::new();
    for (hint, _) in hints.into_iter().zip(&shown).filter(|(_, shown)| **shown) {
        let (_, key, label) = hint;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {label}  ")));
    }
    spans
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    if let Some(message) = &app.message {
        // A message longer than the line takes the rows above it too, over the bottom of
        // the panes, until the next key clears it: what went wrong is read whole.
        let style = if message.is_error { theme.error() } else { theme.title() };
        let lines = super::text::wrap(&message.text, width, MESSAGE_LINES);
        let rows = u16::try_from(lines.len()).unwrap_or(1).clamp(1, area.y.saturating_add(1));
        let rect = Rect::new(area.x, area.y + 1 - rows, area.width, rows);
        let lines: Vec<Line> = lines.iter().map(|l| Line::from(Span::styled(fit(l, width), style))).collect();
        frame.render_widget(Clear, rect);
        // Over the panes, a rule above it: the message reads as laid over them, not as
        // panes that lost their bottom border.
        if rows > 1 && rect.y > 0 {
            let rule = Rect::new(area.x, rect.y - 1, area.width, 1);
            frame.render_widget(Clear, rule);
            frame.render_widget(Block::new().borders(Borders::TOP).border_style(style), rule);
        }
        frame.render_widget(Paragraph::new(lines), rect);
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
