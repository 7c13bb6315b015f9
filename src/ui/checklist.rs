//! The shown list as a checklist grouped by owner. Only the rows in the window are
//! built and drawn, so a list of any length costs the same per frame.

use super::fit;
use super::text::{cells, pad};
use super::theme::Theme;
use crate::app::rows::{Columns, ItemLines, MARK_CELLS};
use crate::app::state::{App, Pane, Row};
use crate::i18n::glyphs;
use crate::model::Status;
use crate::model::deadline::item_urgency;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let border = if app.pane == Pane::List { theme.focus_border() } else { Style::new() };
    let mut block = Block::bordered().border_style(border).title(Line::from(Span::styled(
        format!(" {} ", fit(&app.section_title(), usize::from(area.width).saturating_sub(4))),
        theme.title(),
    )));
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

/// The lines of the rows inside the window `inner`, and no others: each item's whole text,
/// wrapped as [`crate::app::rows`] lays it out.
pub fn lines_in_view(app: &App, theme: Theme, inner: Rect) -> Vec<Line<'static>> {
    let s = app.strings();
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let today = app.today();
    let items = app.items();
    let list = app.section.list();
    let columns = app.columns();
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    for at in app.scroll..app.rows.len() {
        if lines.len() >= height {
            break;
        }
        let selected = at == app.cursor;
        let mut row_lines = match app.rows[at] {
            Row::Group(owner) => {
                vec![Line::from(Span::styled(fit(s.party(&app.workbook.meta.parties, owner), width), theme.heading()))]
            }
            Row::Item { index, .. } => {
                let (Some(item), Some(laid)) = (items.get(index), app.item_lines(at, columns)) else { continue };
                item_row(app, theme, item, list, index, &laid, columns, today)
            }
        };
        if selected {
            row_lines = row_lines.into_iter().map(|l| l.patch_style(theme.selected())).collect();
        }
        // A row is drawn whole or not at all (unless it alone is taller than the list): the
        // next page starts with it.
        if !lines.is_empty() && lines.len() + row_lines.len() > height {
            break;
        }
        lines.extend(row_lines);
    }
    lines.truncate(height);
    lines
}

/// The lines of one item row: its status mark and text, the assignee and due date beside
/// the first line or under the text.
#[allow(clippy::too_many_arguments)]
fn item_row(
    app: &App,
    theme: Theme,
    item: &crate::model::Item,
    list: Option<usize>,
    index: usize,
    laid: &ItemLines,
    columns: Columns,
    today: chrono::NaiveDate,
) -> Vec<Line<'static>> {
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
    let facts_text = |room: usize| {
        let mut right = String::new();
        if columns.assignee > 0 {
            right.push_str(&format!(" {}", pad(&fit(&item.assignee, columns.assignee), columns.assignee, true)));
        }
        if columns.due > 0 {
            right.push_str(&format!(" {:>width$}", due, width = columns.due));
        }
        fit(&right, room)
    };
    let facts_style = urgency.map_or(theme.dim(), |u| theme.urgency(u));
    let text_style = if out_of_scope || status == Status::NotApplicable {
        theme.dim()
    } else if facts.is_group {
        theme.title()
    } else {
        Style::new()
    };
    let indent = " ".repeat(laid.lead - MARK_CELLS - 1);
    let mut lines = Vec::with_capacity(laid.height());
    for (n, text) in laid.text.iter().enumerate() {
        let line_width = if n == 0 { laid.text_width } else { laid.rest_width };
        let fill = " ".repeat(line_width.saturating_sub(cells(text)));
        let mark = if n == 0 {
            Span::styled(glyphs::status(status), theme.status(status))
        } else {
            Span::raw(" ".repeat(MARK_CELLS))
        };
        let mut spans =
            vec![Span::raw(indent.clone()), mark, Span::raw(" "), Span::styled(format!("{text}{fill}"), text_style)];
        if n == 0 && !laid.facts_below {
            spans.push(Span::styled(facts_text(columns.width()), facts_style));
        }
        lines.push(Line::from(spans));
    }
    if laid.facts_below {
        let room = laid.text_width;
        let below = facts_text(room).trim_start().to_string();
        let under = " ".repeat(MARK_CELLS + 1);
        lines.push(Line::from(vec![Span::raw(format!("{indent}{under}")), Span::styled(below, facts_style)]));
    }
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
