//! The engagement's timeline as inline SVG for the HTML page: the engagement's window
//! (from the start date to its last deadline), one row per phase from when it started to when its gate passed, the
//! deadlines as dashed lines numbered for the legend beside it, and today as a solid line.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};

use super::snapshot::Snapshot;
use super::text::html;
use crate::i18n::Strings;
use crate::model::deadline::Urgency;

const WIDTH: f64 = 900.0;
/// Where the chart starts; phase titles sit to the left of it.
const CHART_LEFT: f64 = 210.0;
const CHART_RIGHT: f64 = 885.0;
const AXIS_HEIGHT: f64 = 38.0;
const ROW_HEIGHT: f64 = 26.0;
const BAR_HEIGHT: f64 = 13.0;
/// Longest phase title, in characters, before it is cut with an ellipsis.
const LABEL_CHARS: usize = 30;
/// Least room between two month labels on the axis.
const MONTH_LABEL_SPACING: f64 = 52.0;

/// "12-month window" when the window is whole months long, else "Engagement window".
fn window_label(start: NaiveDate, end: NaiveDate, strings: &Strings) -> String {
    let months = (1..=120u32).find(|n| start.checked_add_months(chrono::Months::new(*n)) == Some(end));
    match months {
        Some(n) => strings.window_months.replace("{n}", &n.to_string()),
        None => strings.window.clone(),
    }
}

/// The timeline, or `None` while the start date it counts from is not set.
pub fn svg(snapshot: &Snapshot, strings: &Strings) -> Option<String> {
    let (start, end) = snapshot.window?;
    let today = snapshot.today();
    let mut dates = vec![start, end, today];
    dates.extend(snapshot.deadlines.iter().filter_map(|d| d.date));
    for phase in &snapshot.phases {
        dates.extend(phase.started);
        dates.extend(phase.passed.as_ref().map(|p| p.date));
    }
    let first = dates.iter().min().copied().unwrap_or(start);
    let last = dates.iter().max().copied().unwrap_or(end);
    // A day of room at either end so a line on the first or last day is not on the edge.
    let first = first.pred_opt().unwrap_or(first);
    let last = last.succ_opt().unwrap_or(last);
    let span = (last - first).num_days().max(1) as f64;
    let x = |day: NaiveDate| CHART_LEFT + (day - first).num_days() as f64 / span * (CHART_RIGHT - CHART_LEFT);

    let rows = snapshot.phases.len() + 1;
    let rows_top = AXIS_HEIGHT;
    let rows_bottom = rows_top + rows as f64 * ROW_HEIGHT;
    let height = rows_bottom + 22.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="timeline-title">"#
    );
    let _ = writeln!(out, r#"<title id="timeline-title">{}</title>"#, html(&strings.timeline));

    // Months along the top, with a faint line down through the rows.
    let _ = writeln!(out, r#"<g class="axis">"#);
    let months = month_starts(first, last);
    let step = ((MONTH_LABEL_SPACING * months.len() as f64) / (CHART_RIGHT - CHART_LEFT)).ceil().max(1.0) as usize;
    for (n, month) in months.iter().enumerate() {
        let mx = x(*month);
        let _ = writeln!(out, r#"<line class="grid" x1="{mx:.1}" y1="16" x2="{mx:.1}" y2="{rows_bottom:.1}"/>"#);
        if n % step == 0 && mx + 40.0 <= WIDTH {
            let _ = writeln!(out, r#"<text x="{:.1}" y="12">{}</text>"#, mx + 2.0, month.format("%Y-%m"));
        }
    }
    let _ = writeln!(out, "</g>");

    // Row 0: the window; then one row per phase.
    let bar_y = |row: usize| rows_top + row as f64 * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2.0;
    let text_y = |row: usize| rows_top + row as f64 * ROW_HEIGHT + ROW_HEIGHT / 2.0 + 4.0;
    let _ = writeln!(out, r#"<text x="0" y="{:.1}">{}</text>"#, text_y(0), html(&window_label(start, end, strings)));
    let _ = writeln!(
        out,
        r#"<rect class="window" x="{:.1}" y="{:.1}" width="{:.1}" height="{BAR_HEIGHT}"/>"#,
        x(start),
        bar_y(0),
        (x(end) - x(start)).max(1.0)
    );
    for (i, phase) in snapshot.phases.iter().enumerate() {
        let row = i + 1;
        let label = format!("{}. {}", i + 1, cut(&phase.title, LABEL_CHARS));
        let _ = writeln!(out, r#"<text x="0" y="{:.1}">{}</text>"#, text_y(row), html(&label));
        let ended = phase.passed.as_ref().map(|p| p.date);
        let (from, to, class, words) = match (phase.started, ended) {
            (Some(from), Some(to)) => (from, to, "done", format!("✓ {to}")),
            (Some(from), None) => (from, today.max(from), "running", format!("… {}", strings.status_in_progress)),
            (None, Some(to)) => (to, to, "done", format!("✓ {to}")),
            (None, None) => {
                // Beside today's line, where the phase would begin if it began now.
                let tx = x(today);
                let (tx, anchor) = if CHART_RIGHT - tx > 110.0 { (tx + 6.0, "start") } else { (tx - 6.0, "end") };
                let _ = writeln!(
                    out,
                    r#"<text class="muted" x="{tx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#,
                    text_y(row),
                    html(&strings.status_not_started)
                );
                continue;
            }
        };
        let (x1, x2) = (x(from), x(to).max(x(from) + 3.0));
        let _ = writeln!(
            out,
            r#"<rect class="{class}" x="{x1:.1}" y="{:.1}" width="{:.1}" height="{BAR_HEIGHT}" rx="2"/>"#,
            bar_y(row),
            x2 - x1
        );
        // The words go after the bar, or before it when the bar reaches the right edge.
        let room_after = CHART_RIGHT - x2;
        let (tx, anchor) = if room_after > 110.0 { (x2 + 4.0, "start") } else { (x1 - 4.0, "end") };
        let _ =
            writeln!(out, r#"<text x="{tx:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"#, text_y(row), html(&words));
    }

    // Deadlines: dashed lines numbered at the top, for the legend under the chart.
    for (n, deadline) in snapshot.deadlines.iter().enumerate() {
        let Some(date) = deadline.date else { continue };
        let dx = x(date);
        // A met deadline is drawn in the colour of done: it no longer threatens.
        let met = if deadline.urgency == Some(Urgency::Met) { " met" } else { "" };
        let _ = writeln!(
            out,
            r#"<line class="deadline{met}" x1="{dx:.1}" y1="20" x2="{dx:.1}" y2="{rows_bottom:.1}"/><text class="deadline-mark{met}" x="{:.1}" y="32" text-anchor="middle">⚑{}</text>"#,
            dx,
            n + 1
        );
    }
    let tx = x(today);
    let anchor = if tx > CHART_RIGHT - 90.0 { "end" } else { "middle" };
    let _ = writeln!(
        out,
        r#"<line class="today" x1="{tx:.1}" y1="{:.1}" x2="{tx:.1}" y2="{:.1}"/><text x="{tx:.1}" y="{:.1}" text-anchor="{anchor}">▲ {} {today}</text>"#,
        rows_top - 2.0,
        rows_bottom + 2.0,
        rows_bottom + 16.0,
        html(&strings.today)
    );
    out.push_str("</svg>\n");
    Some(out)
}

/// The first day of every month after `first` up to `last`.
fn month_starts(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    let mut at = NaiveDate::from_ymd_opt(first.year(), first.month(), 1);
    while let Some(month) = at {
        if month > last {
            break;
        }
        if month >= first {
            months.push(month);
        }
        at = month.checked_add_months(chrono::Months::new(1));
    }
    months
}

/// At most `limit` characters, the last one an ellipsis when cut.
fn cut(text: &str, limit: usize) -> String {
    let text = super::text::one_line(text);
    if text.chars().count() <= limit {
        text
    } else {
        let kept: String = text.chars().take(limit.saturating_sub(1)).collect();
        format!("{}…", kept.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_are_cut_with_an_ellipsis() {
        assert_eq!(cut("Enable: Microsoft Intune", 30), "Enable: Microsoft Intune");
        assert_eq!(cut("abcdefghij", 5), "abcd…");
    }

    #[test]
    fn month_starts_are_the_firsts_inside_the_range() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default();
        assert_eq!(month_starts(d(1, 15), d(3, 1)), vec![d(2, 1), d(3, 1)]);
    }
}
