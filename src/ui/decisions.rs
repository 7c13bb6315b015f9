//! The decision log: every decision with its id, date, status and title, and the MADR
//! fields of the selected one below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::state::App;
use crate::model::DecisionStatus;

pub fn render(app: &App, cursor: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = screen::text_width(area);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected = None;
    if app.workbook.decisions.is_empty() {
        let key = app.config.keymap.first(crate::app::context::Context::Decisions, crate::app::action::Action::Add);
        lines.push(Line::from(Span::styled(s.no_decisions.replace("{key}", &key.unwrap_or_default()), theme.dim())));
    }
    for (i, d) in app.workbook.decisions.iter().enumerate() {
        if i == cursor {
            selected = Some(lines.len());
        }
        let style = if d.status == DecisionStatus::Superseded { theme.dim() } else { Style::new() };
        let kind = s.decision_kind(d.kind).map(|k| format!(" · {k}")).unwrap_or_default();
        let text = format!("{:<5} {} {:<10} {}{kind}", d.id, d.date, s.decision_status(d.status), d.title);
        lines.push(Line::from(Span::styled(super::fit(&text, width), style)));
    }
    if let Some(d) = app.workbook.decisions.get(cursor) {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(format!("{} · {}", d.id, d.title), theme.heading())));
        let mut field = |label: &str, value: &str| {
            if !value.trim().is_empty() {
                lines.extend(screen::para(&format!("{label}: {value}"), width, "", Style::new()));
            }
        };
        field(&s.deciders, &d.deciders.join(", "));
        field(&s.context, &d.context);
        field(&s.options, &d.options.join("; "));
        field(&s.outcome, &d.outcome);
        field(&s.consequences, &d.consequences);
        field(&s.links, &d.links.join(", "));
        if let Some(by) = &d.superseded_by {
            lines.push(Line::from(Span::styled(s.superseded_by.replace("{id}", by), theme.dim())));
        }
    }
    screen::render(frame, area, theme, &s.scr_decisions, lines, selected);
}
