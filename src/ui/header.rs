//! The top two lines: the engagement, the open file, overall progress and the deadlines;
//! and under them, when the rules find something to fix, a banner that says what.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::fit;
use super::text::fit_left;
use super::theme::{Theme, bar};
use crate::app::action::Action;
use crate::app::context::Context;
use crate::app::state::App;
use crate::i18n::glyphs;
use crate::model::check::Issue;
use crate::model::deadline;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = usize::from(area.width);
    let e = &app.workbook.engagement;
    let customer = if e.customer.is_empty() { s.no_customer.as_str() } else { e.customer.as_str() };
    let mut dirty = if app.is_dirty() { format!(" [+] {}", s.unsaved) } else { String::new() };
    if app.read_only.is_some() {
        dirty = format!(" [{}]{dirty}", s.read_only_badge);
    }
    let path = app.path.display().to_string();
    let right_budget = (width / 2).saturating_sub(dirty.width());
    let right = format!("{}{dirty}", fit_left(&path, right_budget));
    let left = fit(&format!("{customer} · {}", app.workbook.meta.title), width.saturating_sub(right.width() + 1));
    let gap = width.saturating_sub(left.width() + right.width());
    let first = Line::from(vec![
        Span::styled(left, theme.title()),
        Span::raw(" ".repeat(gap)),
        Span::styled(
            right,
            if app.is_dirty() || app.read_only.is_some() {
                theme.urgency(deadline::Urgency::Soon)
            } else {
                theme.dim()
            },
        ),
    ]);

    let overall = app.rollup.overall;
    let mut spans = vec![
        Span::styled(format!("{} {:>3} % ", s.overall, overall.percent()), theme.title()),
        Span::styled(bar(overall.percent(), 10), theme.gauge()),
    ];
    let today = app.today();
    let deadlines = deadline::deadlines(&app.workbook);
    let used: usize = spans.iter().map(|sp| sp.content.width()).sum();
    let per = if deadlines.is_empty() { 0 } else { width.saturating_sub(used) / deadlines.len() };
    for d in &deadlines {
        let glyph = d.urgency(today).map(glyphs::urgency).unwrap_or_default();
        let tail = |with_date: bool| match (d.date, d.days_left(today)) {
            _ if d.met && with_date => format!(": {glyph} {}", s.met(d.met_on)),
            _ if d.met => format!(": {glyph} {}", s.deadline_met),
            (Some(date), Some(days)) if with_date => format!(": {date} {} {glyph}", s.days(days)),
            (Some(_), Some(days)) => format!(": {} {glyph}", s.days(days)),
            _ => format!(": {}", s.not_set),
        };
        // The deadline's title gives way first, then its date; the days left always show.
        let mut tail_text = tail(true);
        if per.saturating_sub(tail_text.width() + 3) < 12 {
            tail_text = tail(false);
        }
        let title = fit(short_title(&d.deadline.title), per.saturating_sub(tail_text.width() + 3));
        let style = d.urgency(today).map_or_else(ratatui::style::Style::new, |u| theme.urgency(u));
        spans.push(Span::raw(" · "));
        spans.push(Span::styled(format!("{title}{}", tail_text.trim_end()), style));
    }
    frame.render_widget(Paragraph::new(super::text::safe(vec![first, Line::from(spans)])), area);
}

/// The first warning the rules found, with the key of the screen that fixes it and how many
/// more there are; drawn only when there is one.
pub fn render_banner(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let warnings: Vec<&Issue> = app.warnings().collect();
    let Some(first) = warnings.first() else { return };
    // What to press and how many more come first: a long warning is cut at its end.
    let mut text = String::from("⚠");
    let fixed_by = match first {
        Issue::StartBeforePurchase { .. } => Some(Action::Engagement),
        Issue::RuledOut { .. } => Some(Action::Scope),
        _ => None,
    };
    if let Some(key) = fixed_by.and_then(|a| app.config.keymap.first(Context::Main, a)) {
        text.push_str(&format!(" [{key}]"));
    }
    text.push_str(&format!(" {}", s.warning(first).unwrap_or_default()));
    if warnings.len() > 1 {
        text = format!("{} {}", s.w_more.replace("{n}", &(warnings.len() - 1).to_string()), text);
    }
    let style = theme.urgency(deadline::Urgency::Soon);
    frame.render_widget(Paragraph::new(Span::styled(fit(&text, usize::from(area.width)), style)), area);
}

/// A deadline title without its explanation in brackets.
fn short_title(title: &str) -> &str {
    title.split(" (").next().unwrap_or(title)
}
