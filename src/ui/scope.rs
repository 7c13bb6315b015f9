//! The scope screen: each question with its options, the chosen ones marked, and the
//! combinations the source rules out flagged with its reason.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::screens::scope::rows as scope_rows;
use crate::app::state::App;
use crate::model::{Choice, scope};

pub fn render(app: &App, cursor: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = screen::text_width(area);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let conflicts = scope::conflicts(&app.workbook);
    for conflict in &conflicts {
        lines.extend(screen::para(&format!("✗ {}: {}", s.ruled_out, conflict.reason), width, "", theme.error()));
    }
    if conflicts.is_empty() {
        lines.extend(screen::para(&s.scope_hint, width, "", theme.dim()));
    }
    let rows = scope_rows(app);
    let current = rows.get(cursor).copied();
    let mut selected = None;
    for (q, question) in app.workbook.scope.iter().enumerate() {
        lines.push(Line::from(""));
        lines.extend(screen::para(&question.text, width, "", theme.heading()));
        // The selected question's help, and the selected option's in full: what the
        // choice means is read where it is made.
        if current.is_some_and(|(cq, _)| cq == q) && !question.help.trim().is_empty() {
            lines.extend(screen::para(&question.help, width, "  ", theme.dim()));
        }
        for (o, option) in question.options.iter().enumerate() {
            let chosen = question.answer.contains(&option.id);
            let mark = match (question.choice, chosen) {
                (Choice::One, true) => "(•)",
                (Choice::One, false) => "( )",
                (Choice::Many, true) => "[x]",
                (Choice::Many, false) => "[ ]",
            };
            let style = if chosen { theme.status(crate::model::Status::Done) } else { ratatui::style::Style::new() };
            if current == Some((q, o)) {
                selected = Some(lines.len());
                lines.push(Line::from(Span::styled(super::fit(&format!("  {mark} {}", option.label), width), style)));
                if !option.help.trim().is_empty() {
                    lines.extend(screen::para(&option.help, width, "      ", theme.dim()));
                }
                continue;
            }
            let help = if option.help.is_empty() { String::new() } else { format!(" — {}", option.help) };
            let text = super::fit(&format!("  {mark} {}{help}", option.label), width);
            lines.push(Line::from(Span::styled(text, style)));
        }
    }
    screen::render(frame, area, theme, &s.scr_scope, lines, selected);
}
