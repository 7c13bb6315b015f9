//! The upcoming list: open items overdue or due within the week, across every phase,
//! overdue first and soonest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use unicode_width::UnicodeWidthStr;

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
    // The deadlines inside the window come first: they are what the items are due for.
    for d in crate::model::deadline::deadlines(&app.workbook) {
        let (Some(u), Some(date), Some(days)) = (d.urgency(today), d.date, d.days_left(today)) else { continue };
        if d.met || !matches!(u, crate::model::deadline::Urgency::Passed | crate::model::deadline::Urgency::Soon) {
            continue;
        }
        let text = format!("{} {date} {} · {}", glyphs::urgency(u), s.days(days), d.deadline.title);
        lines.extend(screen::hanging(&text, width, "  ", theme.urgency(u)));
    }
    if !lines.is_empty() {
        lines.push(Line::from(""));
    }
    let first = lines.len();
    if places.is_empty() {
        lines.push(Line::from(Span::styled(s.no_upcoming.clone(), theme.dim())));
    }
    // The dates line up: every "when" as wide as the widest.
    let when_of = |item: &crate::model::Item| {
        let (due, u) = (item.due?, item_urgency(item, today)?);
        Some((format!("{} {due} {}", glyphs::urgency(u), s.days((due - today).num_days())), u))
    };
    let item_at = |(section, index): &(Section, usize)| match section {
        Section::General => app.workbook.general.get(*index),
        Section::Phase(p) => app.workbook.phases.get(*p).and_then(|phase| phase.items.get(*index)),
    };
    let column = places.iter().filter_map(item_at).filter_map(when_of).map(|(w, _)| w.width()).max().unwrap_or(0);
    for (section, index) in &places {
        let (list, phase) = match section {
            Section::General => (&app.workbook.general, s.general.clone()),
            Section::Phase(p) => match app.workbook.phases.get(*p) {
                Some(phase) => (&phase.items, phase.title.clone()),
                None => continue,
            },
        };
        let Some(item) = list.get(*index) else { continue };
        let Some((when, u)) = when_of(item) else { continue };
        let when = format!("{when}{}", " ".repeat(column.saturating_sub(when.width())));
        // The phase first: the text is the longer, and what gives way at the end.
        let rest = super::fit(&format!("  {phase} · {}", item.text), width.saturating_sub(when.chars().count()));
        lines.push(Line::from(vec![Span::styled(when, theme.urgency(u)), Span::raw(rest)]));
    }
    let selected = (!places.is_empty()).then_some(cursor + first);
    screen::render(frame, area, theme, &s.scr_upcoming, lines, selected);
}
