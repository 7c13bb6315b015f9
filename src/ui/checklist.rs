//! The shown list as a checklist grouped by owner. Only the rows in the window are
//! built and drawn, so a list of any length costs the same per frame.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::text::{cells, pad};
use super::theme::Theme;
use crate::app::state::{App, Pane, Row};
use crate::i18n::glyphs;
use crate::model::deadline::item_urgency;
use crate::model::{ItemKind, Status};

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let border = if app.pane == Pane::List { theme.focus_border() } else { Style::new() };
    let mut block = Block::bordered()
        .border_style(border)
        .title(Line::from(Span::styled(format!(" {} ", app.section_title()), theme.title())));
    if let Some(status) = filter_line(app) {
        block =
            block.title_bottom(Line::from(Span::styled(status, theme.urgency(crate::model::deadline::Urgency::Soon))));
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if app.rows.is_empty() {
        let text = if app.filter.is_active() { &s.nothing_matches } else { &s.nothing_here };
        frame.render_widget(Paragraph::new(Span::styled(text.as_str(), theme.dim())), inner);
        return;
    }
    frame.render_widget(Paragraph::new(lines_in_view(app, theme, inner)), inner);
}

/// The lines of the rows inside the window `inner`, and no others.
pub fn lines_in_view(app: &App, theme: Theme, inner: Rect) -> Vec<Line<'static>> {
    let s = app.strings();
    let width = usize::from(inner.width);
    let today = app.today();
    let items = app.items();
    let list = app.section.list();
    let window = || app.rows.iter().enumerate().skip(app.scroll).take(usize::from(inner.height));
    // Columns are as wide as the rows in view need, so empty ones cost no room.
    let shown = || {
        window().filter_map(|(_, row)| match row {
            Row::Item { index, .. } => items.get(*index),
            Row::Group(_) => None,
        })
    };
    let assignee_width = shown().map(|i| cells(super::text::head(&i.assignee, 14))).max().unwrap_or(0).min(14);
    let due_width = if shown().any(|i| i.due.is_some()) { 11 } else { 0 };
    let lines: Vec<Line> = window()
        .map(|(at, row)| {
            let selected = at == app.cursor;
            let line = match *row {
                Row::Group(owner) => Line::from(Span::styled(fit(s.owner(owner), width), theme.heading())),
                Row::Item { index, depth } => {
                    let Some(item) = items.get(index) else { return Line::from("") };
                    let facts = app.rollup.facts(list, index);
                    let out_of_scope = !facts.in_scope;
                    let status = if out_of_scope {
                        Status::NotApplicable
                    } else if facts.is_group {
                        if facts.closed { Status::Done } else { Status::NotStarted }
                    } else {
                        item.status
                    };
                    let urgency = if out_of_scope { None } else { item_urgency(item, today) };
                    let due = match (item.due, urgency) {
                        (Some(d), Some(u)) => format!("{d}{}", glyphs::urgency(u)),
                        (Some(d), None) => d.to_string(),
                        (None, _) => String::new(),
                    };
                    let assignee = fit(&item.assignee, assignee_width);
                    // The owner is the group heading above the row, so it is not repeated here.
                    let mut right = String::new();
                    if assignee_width > 0 {
                        right.push_str(&format!(" {}", pad(&assignee, assignee_width, true)));
                    }
                    if due_width > 0 {
                        right.push_str(&format!(" {due:>due_width$}"));
                    }
                    let indent = "  ".repeat(usize::from(depth));
                    let task = if item.kind == ItemKind::Task { "› " } else { "" };
                    let left_width = width.saturating_sub(right.width() + 4 + indent.len());
                    let item_text = super::text::head(&item.text, left_width);
                    let mut text = format!("{task}{item_text}");
                    if out_of_scope {
                        text = format!("({}) {text}", s.out_of_scope);
                    }
                    let text_style = if out_of_scope || status == Status::NotApplicable {
                        theme.dim()
                    } else if facts.is_group {
                        theme.title()
                    } else {
                        Style::new()
                    };
                    let text = fit(&text, left_width);
                    let fill = " ".repeat(left_width.saturating_sub(cells(&text)));
                    Line::from(vec![
                        Span::raw(indent),
                        Span::styled(glyphs::status(status), theme.status(status)),
                        Span::raw(" "),
                        Span::styled(format!("{text}{fill}"), text_style),
                        Span::styled(right, urgency.map_or(theme.dim(), |u| theme.urgency(u))),
                    ])
                }
            };
            if selected { line.patch_style(theme.selected()) } else { line }
        })
        .collect();
    lines
}

/// The filters and search in effect, in words, for the list's bottom border.
pub fn filter_line(app: &App) -> Option<String> {
    let s = app.strings();
    let f = app.filter;
    let mut parts: Vec<&str> = Vec::new();
    for (on, name) in [
        (f.mine, &s.f_mine),
        (f.blocked, &s.f_blocked),
        (f.due, &s.f_due),
        (f.not_started, &s.f_not_started),
        (f.hide_not_applicable, &s.f_hide_na),
    ] {
        if on {
            parts.push(name);
        }
    }
    let mut text = String::new();
    if !parts.is_empty() {
        text = format!(" {}: {} ", s.filter, parts.join(", "));
    }
    if let Some(search) = &app.search {
        let position = search.current.map_or(0, |c| c + 1);
        text.push_str(&format!(" /{}  {position}/{} ", search.query, search.hits.len()));
    }
    (!text.is_empty()).then_some(text)
}
