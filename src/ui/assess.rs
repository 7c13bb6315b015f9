//! The assessment screen: each source-environment expectation with its result, what was
//! found, its minimum level, and the remediation item it raised.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::state::App;
use crate::model::{Assessment, Status, assess};

pub fn render(app: &App, cursor: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = screen::text_width(area);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected = None;
    let mut area_name = "";
    for (i, e) in app.workbook.expectations.iter().enumerate() {
        if e.area != area_name {
            area_name = &e.area;
            if !lines.is_empty() {
                lines.push(Line::from(""));
            }
            lines.push(Line::from(Span::styled(e.area.clone(), theme.heading())));
        }
        let in_scope = e.when.evaluate(&app.workbook.scope) != Some(false);
        let (glyph, style) = match e.result {
            Assessment::Unknown => ("[?]", Style::new()),
            Assessment::Meets => ("[✓]", theme.status(Status::Done)),
            Assessment::DoesNotMeet => ("[✗]", theme.status(Status::Blocked)),
        };
        let style = if in_scope { style } else { theme.dim() };
        if i == cursor {
            selected = Some(lines.len());
        }
        // Not met, but the item raised to fix it is closed: time to judge it again.
        let remediated = e.result == Assessment::DoesNotMeet
            && assess::remediation_of(&app.workbook, &e.id).is_some_and(|(_, _, item)| item.status.is_closed());
        let result = if remediated { s.result_remediated.as_str() } else { s.assessment(e.result) };
        let mut head = format!("{glyph} {result}");
        if !in_scope {
            head.push_str(&format!(" · {}", s.out_of_scope));
        }
        lines.push(Line::from(vec![Span::styled(head, style), Span::styled(format!("  {}", e.id), theme.dim())]));
        let text_style = if in_scope { Style::new() } else { theme.dim() };
        lines.extend(screen::para(&e.text, width, "    ", text_style));
        if let Some(t) = &e.threshold {
            let wanted = if t.one_of.is_empty() {
                format!("    {}: {}", s.minimum_label, t.minimum)
            } else {
                format!("    {}: {}", s.accepted_label, t.one_of.join(", "))
            };
            lines.push(Line::from(Span::styled(wanted, theme.dim())));
        }
        if !e.found.is_empty() {
            lines.extend(screen::para(&format!("{}: {}", s.found_label, e.found), width, "    ", Style::new()));
        }
        if let Some((_, _, item)) = assess::remediation_of(&app.workbook, &e.id) {
            let text = format!("    → {}: {} ({})", s.remediation_label, item.id, s.status(item.status));
            lines.push(Line::from(Span::styled(super::fit(&text, width), theme.status(item.status))));
        }
    }
    screen::render(frame, area, theme, &s.scr_assess, lines, selected);
}
