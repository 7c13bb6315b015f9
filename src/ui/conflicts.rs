//! The conflicts screen: each field two merged copies changed differently, with the base's
//! value, ours (which the workbook holds meanwhile) and theirs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::state::App;

pub fn render(app: &App, cursor: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = screen::text_width(area);
    let wb = &app.workbook;
    let names = crate::i18n::describe::Names::of(wb);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if wb.conflicts.is_empty() {
        lines.push(Line::from(Span::styled(s.no_conflicts.clone(), theme.dim())));
    }
    let mut selected = None;
    for (row, c) in wb.conflicts.iter().enumerate() {
        if row == cursor {
            selected = Some(lines.len());
        }
        let engagement = (c.target == "engagement").then_some(s.fact_engagement.as_str());
        let what = wb
            .item(&c.target)
            .map(|i| i.text.as_str())
            .or_else(|| names.title(&c.target))
            .or(engagement)
            .unwrap_or(&c.target);
        let text = format!("{} · {}", s.field_name(&c.field), what);
        lines.push(Line::from(Span::raw(super::fit(&text, width))));
    }
    if let Some(c) = wb.conflicts.get(cursor) {
        let dash = || "—".to_string();
        lines.push(Line::from(""));
        for (label, value, style) in [
            (&s.conflict_ours, &c.ours, theme.title()),
            (&s.conflict_theirs, &c.theirs, Style::new()),
            (&s.conflict_base, &c.base, theme.dim()),
        ] {
            let value = value.as_deref().map_or_else(dash, |v| match answer_labels(wb, c, v) {
                Some(labels) => labels,
                None => crate::export::facts::readable(s, v),
            });
            lines.extend(screen::para(&format!("{label}: {value}"), width, "    ", style));
        }
    }
    screen::render(frame, area, theme, &s.scr_conflicts, lines, selected);
}

/// A scope answer as the scope screen says it: the options' labels, not their ids.
fn answer_labels(wb: &crate::model::Workbook, c: &crate::model::Conflict, value: &str) -> Option<String> {
    if c.field != "answer" {
        return None;
    }
    let question = wb.scope.iter().find(|q| q.id == c.target)?;
    let ids: Vec<String> = crate::store::from_ron(value).ok()?;
    let labels: Vec<&str> = ids
        .iter()
        .map(|id| question.options.iter().find(|o| &o.id == id).map_or(id.as_str(), |o| o.label.as_str()))
        .collect();
    Some(if labels.is_empty() { "—".to_string() } else { crate::i18n::cells::fit(&labels.join(", "), 200) })
}
