//! The meetings screen: the meetings each phase plans, held or not yet, and every meeting
//! held, newest first; the selected one's attendees, agenda and minutes below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::screens::meetings::held;
use crate::app::state::App;

pub fn render(app: &App, cursor: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = screen::text_width(area);
    let wb = &app.workbook;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let planned: Vec<_> = wb.phases.iter().flat_map(|p| p.meetings.iter().map(move |m| (p, m))).collect();
    let next = crate::model::meeting::next_planned(wb);
    if !planned.is_empty() {
        lines.push(Line::from(Span::styled(s.meetings_planned.clone(), theme.heading())));
        for (phase, m) in planned {
            let when = wb.meetings.iter().find(|h| h.planned.as_deref() == Some(m.id.as_str())).map_or_else(
                || s.meeting_not_held.clone(),
                |h| s.meeting_held_on.replace("{date}", &h.held.date_naive().to_string()),
            );
            let text = format!("{} · {}: {} — {when}", phase.title, s.meeting_kind(m.kind), m.title);
            lines.extend(screen::para(&text, width, "", Style::new()));
            // What the next one is for, as the process says.
            if next.is_some_and(|n| n.id == m.id) && !m.purpose.trim().is_empty() {
                lines.extend(screen::para(&m.purpose, width, "  ", theme.dim()));
            }
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(Span::styled(s.meetings_held_heading.clone(), theme.heading())));
    let held = held(app);
    if held.is_empty() {
        let key = app.config.keymap.first(crate::app::context::Context::Main, crate::app::action::Action::Meeting);
        lines
            .push(Line::from(Span::styled(s.no_meetings_held.replace("{key}", &key.unwrap_or_default()), theme.dim())));
    }
    let mut selected = None;
    for (row, &i) in held.iter().enumerate() {
        let m = &wb.meetings[i];
        if row == cursor {
            selected = Some(lines.len());
        }
        let text = format!("{} · {} · {}", m.held.format("%Y-%m-%d %H:%M"), s.meeting_kind(m.kind), m.title);
        lines.push(Line::from(Span::raw(super::fit(&text, width))));
    }
    if let Some(m) = held.get(cursor).and_then(|&i| wb.meetings.get(i)) {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(super::fit(&m.title, width), theme.heading())));
        if !m.attendees.is_empty() {
            lines.extend(screen::para(
                &format!("{}: {}", s.attendees_label, crate::model::names::join(&m.attendees)),
                width,
                "",
                Style::new(),
            ));
        }
        if !m.agenda.is_empty() {
            lines.push(Line::from(Span::styled(s.agenda_label.clone(), theme.heading())));
            for point in &m.agenda {
                lines.extend(screen::para(&format!("• {point}"), width, "  ", Style::new()));
            }
        }
        lines.push(Line::from(Span::styled(s.minutes_label.clone(), theme.heading())));
        for line in m.minutes.lines() {
            lines.extend(screen::para(line, width, "", Style::new()));
        }
    }
    let further = usize::from(app.detail_scroll);
    screen::render_further(frame, area, theme, &s.scr_meetings, lines, selected, further);
}
