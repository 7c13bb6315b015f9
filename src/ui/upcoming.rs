//! The upcoming list: open items overdue or due within the week, across every phase,
//! overdue first and soonest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::screens::upcoming::places as upcoming;
use crate::app::state::{App, Section};
use crate::i18n::glyphs;
use crate::model::deadline::item_urgency;

pub fn render(app: &App, cursor: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = screen::text_width(area);
    let today = app.today();
    let places = upcoming(app);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if places.is_empty() {
        lines.push(Line::from(Span::styled(s.no_upcoming.clone(), theme.dim())));
    }
    for (section, index) in &places {
        let (list, phase) = match section {
            Section::General => (&app.workbook.general, s.general.clone()),
            Section::Phase(p) => match app.workbook.phases.get(*p) {
                Some(phase) => (&phase.items, phase.title.clone()),
                None => continue,
            },
        };
        let Some(item) = list.get(*index) else { continue };
        let (Some(due), Some(u)) = (item.due, item_urgency(item, today)) else { continue };
        let when = format!("{} {due} {}", glyphs::urgency(u), s.days((due - today).num_days()));
        let rest = super::fit(&format!("  {} · {phase}", item.text), width.saturating_sub(when.chars().count()));
        lines.push(Line::from(vec![Span::styled(when, theme.urgency(u)), Span::raw(rest)]));
    }
    let selected = (!places.is_empty()).then_some(cursor);
    screen::render(frame, area, theme, &s.scr_upcoming, lines, selected);
}
