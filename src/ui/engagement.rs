//! The engagement screen: who the engagement is for and the dates the deadlines count
//! from, with each deadline and how far away it is.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::state::App;
use crate::i18n::glyphs;
use crate::model::check::Issue;
use crate::model::deadline;

pub fn render(app: &App, cursor: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let e = &app.workbook.engagement;
    let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| s.not_set.clone(), |d| d.to_string());
    let text = |t: &str| if t.is_empty() { s.not_set.clone() } else { t.to_string() };
    let fields = [
        (&s.customer, text(&e.customer)),
        (&s.tenant, text(&e.tenant)),
        (&s.project_lead, text(&e.project_lead)),
        (&s.partner, text(&e.partner)),
        (&s.purchase_date, date(e.purchase_date)),
        (&s.start_date, date(e.start_date)),
    ];
    let label_width = fields.iter().map(|(l, _)| unicode_width::UnicodeWidthStr::width(l.as_str())).max().unwrap_or(0);
    let mut lines: Vec<Line<'static>> = fields
        .iter()
        .map(|(label, value)| {
            let pad = label_width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
            Line::from(format!("{label}{}  {value}", " ".repeat(pad)))
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(s.deadlines.clone(), theme.heading())));
    let today = app.today();
    let deadlines = deadline::deadlines(&app.workbook);
    let whens: Vec<Span> = deadlines
        .iter()
        .map(|d| match (d.date, d.days_left(today), d.urgency(today)) {
            (_, _, Some(u @ deadline::Urgency::Met)) => {
                Span::styled(format!("{} {}", glyphs::urgency(u), s.met(d.met_on, d.date)), theme.urgency(u))
            }
            (Some(date), Some(days), Some(u)) => {
                let glyph = glyphs::urgency(u);
                let glyph = if glyph.is_empty() { String::new() } else { format!("{glyph} ") };
                Span::styled(format!("{glyph}{date} ({})", s.days(days)), theme.urgency(u))
            }
            _ => Span::styled(s.not_set.clone(), theme.dim()),
        })
        .collect();
    // The titles line up, after the widest date.
    let column = whens.iter().map(Span::width).max().unwrap_or(0);
    for (d, when) in deadlines.iter().zip(whens) {
        let when = Span::styled(format!("{}{}", when.content, " ".repeat(column - when.width())), when.style);
        // The date first: the titles are long, and the date is what the screen is for.
        // The title whole, wrapped, its further lines under its first.
        let indent = " ".repeat(column + 2);
        let mut title =
            screen::hanging(&d.deadline.title, screen::text_width(area), &indent, ratatui::style::Style::new());
        if let Some(first) = title.first_mut() {
            first.spans.splice(0..0, [when, Span::raw("  ")]);
        }
        lines.extend(title);
    }
    // The dates' warning where they are fixed.
    for issue in app.warnings().filter(|i| matches!(i, Issue::StartBeforePurchase { .. })) {
        lines.push(Line::from(""));
        let text = format!("⚠ {}", s.warning(issue).unwrap_or_default());
        lines.extend(screen::para(&text, screen::text_width(area), "", theme.urgency(deadline::Urgency::Soon)));
    }
    screen::render(frame, area, theme, &s.engagement, lines, Some(cursor.min(5)));
}
