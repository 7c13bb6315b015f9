//! The top two lines: the engagement, the open file, overall progress and the deadlines;
//! and under them, when the rules find something to fix, a banner that says what.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::text::fit_left;
use super::theme::{Theme, bar};
use crate::app::state::App;
use crate::model::deadline;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = usize::from(area.width);
    let e = &app.workbook.engagement;
    let customer = if e.customer.is_empty() { s.no_customer.as_str() } else { e.customer.as_str() };
    let mut dirty = if app.is_dirty() { format!(" [+] {}", s.unsaved) } else { String::new() };
    if app.read_only.is_some() {
        dirty = format!(" [{}]{dirty}", s.read_only_badge);
    }
    let path = app.path.display().to_string();
    let right_budget = (width / 2).saturating_sub(dirty.width());
    let right = format!("{}{dirty}", fit_left(&path, right_budget));
    let left = fit(&format!("{customer} · {}", app.workbook.meta.title), width.saturating_sub(right.width() + 1));
    let gap = width.saturating_sub(left.width() + right.width());
    let first = Line::from(vec![
        Span::styled(left, theme.title()),
        Span::raw(" ".repeat(gap)),
        Span::styled(
            right,
            if app.is_dirty() || app.read_only.is_some() {
                theme.urgency(deadline::Urgency::Soon)
            } else {
                theme.dim()
            },
        ),
    ]);

    let percent = app.rollup.overall.percent();
    let (form, deadline_lines) = app.deadline_lines(width);
    let (overall, bar_cells) = form.text(app, percent);
    let mut spans = vec![Span::styled(overall, theme.title())];
    if bar_cells > 0 {
        spans.push(Span::styled(bar(percent, bar_cells), theme.gauge()));
    }
    let mut lines = vec![first];
    for (n, deadlines) in deadline_lines.into_iter().enumerate() {
        for d in deadlines {
            let style = d.urgency.map_or_else(ratatui::style::Style::new, |u| theme.urgency(u));
            // The first on a line of its own starts at the left edge.
            spans.push(Span::raw(if n > 0 && spans.is_empty() { "" } else { " · " }));
            spans.push(Span::styled(d.text, style));
        }
        lines.push(Line::from(std::mem::take(&mut spans)));
    }
    if lines.len() == 1 {
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(super::text::safe(lines)), area);
}

/// The first warning the rules found, with the key of the screen that fixes it and how many
/// more there are; drawn only when there is one.
pub fn render_banner(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let style = theme.urgency(deadline::Urgency::Soon);
    let width = usize::from(area.width);
    let lines: Vec<Line> = app.banner_lines().iter().map(|l| Line::from(Span::styled(fit(l, width), style))).collect();
    frame.render_widget(Paragraph::new(lines), area);
}
