//! The meeting in progress: its kind, title, attendees, the agenda phasebook built, and
//! the minutes so far; and the minutes editor.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use ratatui_textarea::TextArea;

use super::screen;
use super::theme::Theme;
use crate::app::context::Context;
use crate::app::layout::centered;
use crate::app::state::App;

pub fn render(app: &App, scroll: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = screen::text_width(area);
    let Some(draft) = &app.meeting_draft else { return };
    let mut lines: Vec<Line<'static>> = vec![
        Line::from(format!("{}: {}", s.kind_label, s.meeting_kind(draft.kind))),
        Line::from(super::fit(&format!("{}: {}", s.title_label, draft.title), width)),
    ];
    if let Some(day) = draft.held_on {
        lines.push(Line::from(format!("{}: {day}", s.held_on_label)));
    }
    lines.extend(screen::para(&format!("{}: {}", s.attendees, draft.attendees_text()), width, "", Style::new()));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(s.agenda.clone(), theme.heading())));
    if draft.agenda.is_empty() {
        lines.push(Line::from(Span::styled(s.no_agenda.clone(), theme.dim())));
    }
    for point in &draft.agenda {
        lines.extend(screen::para(&format!("• {point}"), width, "", Style::new()));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(s.minutes.clone(), theme.heading())));
    for line in draft.minutes.lines() {
        lines.extend(screen::para(line, width, "", Style::new()));
    }
    let title = format!("{}: {}", s.scr_meeting, draft.title);
    screen::render_scrolled(frame, area, theme, &title, lines, scroll);
}

/// The editor's keys, for the bottom of its frame.
pub fn editor_keys(app: &App, popup: Rect, theme: Theme) -> ratatui::text::Line<'static> {
    let pairs = super::hints::pairs(app, Context::Editor);
    let mut spans = vec![Span::raw(" ")];
    spans.extend(super::hints::spans(pairs, usize::from(popup.width.saturating_sub(4)), theme));
    ratatui::text::Line::from(spans)
}

pub fn render_minutes(app: &App, input: &TextArea<'static>, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let popup = centered(area, area.width.saturating_sub(8).max(40), area.height.saturating_sub(6).max(8));
    let block = Block::bordered()
        .border_style(theme.focus_border())
        .title(Span::styled(format!(" {} ", s.minutes), theme.title()))
        .title_bottom(editor_keys(app, popup, theme));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(input, inner);
}
