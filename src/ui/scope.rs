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
    let mut selected = None;
    for (q, question) in app.workbook.scope.iter().enumerate() {
        lines.push(Line::from(""));
        lines.extend(screen::para(&question.text, width, "", theme.heading()));
        for (o, option) in question.options.iter().enumerate() {
            let chosen = question.answer.contains(&option.id);
            let mark = match (question.choice, chosen) {
                (Choice::One, true) => "(•)",
                (Choice::One, false) => "( )",
                (Choice::Many, true) => "[x]",
                (Choice::Many, false) => "[ ]",
            };
            if rows.get(cursor) == Some(&(q, o)) {
                selected = Some(lines.len());
            }
            let help = if option.help.is_empty() { String::new() } else { format!(" — {}", option.help) };
            let text = super::fit(&format!("  {mark} {}{help}", option.label), width);
            let style = if chosen { theme.status(crate::model::Status::Done) } else { ratatui::style::Style::new() };
            lines.push(Line::from(Span::styled(text, style)));
        }
    }
    screen::render(frame, area, theme, &s.scr_scope, lines, selected);
}
