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
        let what = wb.item(&c.target).map(|i| i.text.as_str()).or_else(|| names.title(&c.target)).unwrap_or(&c.target);
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
            let value = value.as_deref().map_or_else(dash, |v| crate::export::facts::readable(s, v));
            lines.extend(screen::para(&format!("{label}: {value}"), width, "    ", style));
        }
    }
    screen::render(frame, area, theme, &s.scr_conflicts, lines, selected);
}
