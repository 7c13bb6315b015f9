//! About the workbook: its title, template and language, its summary, and where its
//! content comes from with its licence (the credit the bundled content owes its source).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::state::App;

pub fn render(app: &App, scroll: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let meta = &app.workbook.meta;
    let width = screen::text_width(area).saturating_sub(2).max(20);
    let mut lines: Vec<Line<'static>> =
        vec![Line::from(Span::styled(super::text::shown(&meta.title).into_owned(), theme.title()))];
    lines.push(Line::from(Span::styled(
        s.about_template.replace("{template}", &meta.template).replace("{language}", &meta.language),
        theme.dim(),
    )));
    let mut section = |heading: &str, text: &str| {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(heading.to_string(), theme.title())));
        if text.trim().is_empty() {
            lines.push(Line::from(Span::styled(s.not_set.clone(), theme.dim())));
        }
        for paragraph in text.split('\n') {
            lines.extend(super::text::wrap(paragraph, width, usize::MAX / 2).into_iter().map(Line::from));
        }
    };
    section(&s.about_summary, &meta.summary);
    section(&s.about_source, &meta.source);
    lines.push(Line::from(""));
    lines
        .push(Line::from(Span::styled(s.about_phasebook.replace("{version}", env!("CARGO_PKG_VERSION")), theme.dim())));
    screen::render_scrolled(frame, area, theme, &s.scr_about, lines, scroll);
}
