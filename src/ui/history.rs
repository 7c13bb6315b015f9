//! The history screen: every change, newest first, with when, who, what it changed and what
//! it did, in the interface language.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::screens::history::shown;
use crate::app::state::App;
use crate::i18n::describe;

pub fn render(app: &App, cursor: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = screen::text_width(area);
    let shown = shown(app);
    let history = &app.workbook.history;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let filter = app.history_filter.trim();
    if !filter.is_empty() {
        let said = s
            .history_filtered
            .replace("{n}", &shown.len().to_string())
            .replace("{total}", &history.len().to_string())
            .replace("{filter}", filter);
        lines.push(Line::from(Span::styled(super::fit(&said, width), theme.heading())));
    }
    let first = lines.len();
    if shown.is_empty() {
        let none =
            if filter.is_empty() { s.no_history.clone() } else { s.history_none_match.replace("{filter}", filter) };
        lines.push(Line::from(Span::styled(none, theme.dim())));
    }
    // The names are as wide as the widest shown, up to a limit.
    let who_width = shown.iter().map(|&i| super::text::cells(&history[i].by)).max().unwrap_or(0).min(16);
    let names = describe::Names::of(&app.workbook);
    for &index in &shown {
        let change = &history[index];
        let when = change.at.format("%Y-%m-%d %H:%M").to_string();
        let item = app.workbook.item(&change.target).map(|i| i.text.as_str());
        let what = describe::target(&names, item, change);
        let said = describe::change(s, &names, change);
        // What it did first, then what it changed: the item's text is the longer.
        let rest = if what.is_empty() { said } else { format!("{said} · {what}") };
        let who = super::text::pad(&super::fit(&change.by, who_width), who_width, false);
        let text = super::fit(&format!("  {who}  {rest}"), width.saturating_sub(when.len()));
        lines.push(Line::from(vec![Span::styled(when, theme.dim()), Span::raw(text)]));
    }
    let selected = (!shown.is_empty()).then_some(cursor + first);
    screen::render(frame, area, theme, &s.scr_history, lines, selected);
}
