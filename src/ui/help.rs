//! The help overlay: the keys of the context help was asked for first, then those of the
//! main screen and of text fields, each action with its keys and what it does, from the
//! live key table; any problem in the user's key config at the top.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::app::action::Action;
use crate::app::context::Context;
use crate::app::layout::centered;
use crate::app::state::App;

/// Width of the keys column.
const KEYS_WIDTH: usize = 18;

/// The help's lines for keys pressed in `from`, wrapped to `width` with the descriptions
/// in a column of their own. Actions that do the same there share a line.
pub fn lines(app: &App, from: Context, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let s = app.strings();
    let mut lines = Vec::new();
    for problem in &app.config.problems {
        lines.extend(super::screen::para(&format!("! {problem}"), width, "", theme.error()));
    }
    for context in crate::app::help::sections(from) {
        if !lines.is_empty() {
            lines.push(Line::from(""));
        }
        lines.push(Line::from(Span::styled(s.context_name(&context.name()).to_string(), theme.heading())));
        let mut rows: Vec<(Vec<String>, String)> = Vec::new();
        for action in context.actions() {
            if let Action::GoToPhase(n) = action
                && usize::from(n) > app.workbook.phases.len()
            {
                continue;
            }
            let keys = app.config.keymap.describe(context, action);
            let mut text = s.with_parties(
                s.help_text(&context.name(), &action.text_key()).unwrap_or_default(),
                &app.workbook.meta.parties,
            );
            if let Action::GoToPhase(n) = action {
                text = text.replace("{n}", &n.to_string());
            }
            match rows.iter_mut().find(|(_, t)| *t == text) {
                Some((all, _)) => all.push(keys),
                None => rows.push((vec![keys], text)),
            }
        }
        for (keys, text) in rows {
            let keys = keys.into_iter().filter(|k| !k.is_empty()).collect::<Vec<_>>().join(", ");
            let wrapped = super::screen::wrap(&text, width.saturating_sub(KEYS_WIDTH));
            // Keys too many for their column take a line of their own above the description.
            let keys = if keys.width() < KEYS_WIDTH {
                keys
            } else {
                lines.push(Line::from(Span::styled(keys, theme.key())));
                String::new()
            };
            for (i, part) in wrapped.into_iter().enumerate() {
                let key = if i == 0 { format!("{keys:<KEYS_WIDTH$}") } else { " ".repeat(KEYS_WIDTH) };
                lines.push(Line::from(vec![Span::styled(key, theme.key()), Span::raw(part)]));
            }
        }
    }
    lines.push(Line::from(""));
    lines.extend(super::screen::para(&s.help_footer, width, "", theme.dim()));
    lines
}

pub fn render(app: &App, scroll: u16, from: Context, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let popup = centered(area, 76, area.height.saturating_sub(2));
    let block = Block::bordered().title(Span::styled(format!(" {} ", s.help_title), theme.title()));
    frame.render_widget(Clear, popup);
    let inner = block.inner(popup);
    let lines = lines(app, from, usize::from(inner.width), theme);
    // Scrolled no further than the last page.
    let last = u16::try_from(lines.len().saturating_sub(usize::from(inner.height))).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(super::text::safe(lines)).block(block).scroll((scroll.min(last), 0)), popup);
}
