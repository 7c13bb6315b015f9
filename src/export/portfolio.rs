//! The list of engagements as a plain-text table and as JSON: one
//! [`Summary`](crate::model::portfolio::Summary) a row, with the file it came from.

use std::path::Path;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::agenda::Skipped;
use crate::i18n::{Strings, visible};
use crate::model::portfolio::Summary;

/// One engagement of the list.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub path: &'a Path,
    pub summary: &'a Summary,
}

/// The table: customer, template, phase, progress, next deadline with days left, overdue,
/// blocked and file, under a heading row; columns padded to their widest cell.
pub fn table(rows: &[Row<'_>], strings: &Strings) -> String {
    let heading = [
        strings.customer.clone(),
        strings.template.clone(),
        strings.phase.clone(),
        strings.progress.clone(),
        strings.next_deadline.clone(),
        strings.overdue.clone(),
        strings.blocked.clone(),
        strings.export_path.clone(),
    ];
    let cells: Vec<[String; 8]> = rows
        .iter()
        .map(|row| {
            let s = row.summary;
            let customer = match s.customer.trim() {
                "" => strings.no_customer.clone(),
                named => visible::line(named).into_owned(),
            };
            let phase = s.phase.as_deref().map_or_else(|| strings.finished.clone(), |p| visible::line(p).into_owned());
            let next = s.next_deadline.as_ref().map_or_else(String::new, |d| {
                format!("{} {} ({})", d.date, visible::line(&d.title), strings.days(d.days_left))
            });
            [
                customer,
                visible::line(&s.template).into_owned(),
                phase,
                format!("{} %", s.progress.percent()),
                next,
                s.overdue.to_string(),
                s.blocked.to_string(),
                visible::line(&row.path.display().to_string()).into_owned(),
            ]
        })
        .collect();
    let mut widths = heading.clone().map(|h| h.width());
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&heading).chain(&cells) {
        let mut line = String::new();
        for (column, (cell, width)) in row.iter().zip(widths).enumerate() {
            if column > 0 {
                line.push_str("  ");
            }
            // The counts are numbers: right-aligned under their heading.
            let padding = " ".repeat(width.saturating_sub(cell.width()));
            if matches!(column, 3 | 5 | 6) {
                line.push_str(&padding);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&padding);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct ListJson<'a> {
    engagements: Vec<RowJson<'a>>,
    skipped: Vec<Skipped>,
}

#[derive(Serialize)]
struct RowJson<'a> {
    path: String,
    customer: &'a str,
    template: &'a str,
    phase: Option<&'a str>,
    progress: ProgressJson,
    next_deadline: Option<DeadlineJson<'a>>,
    overdue: usize,
    blocked: usize,
}

#[derive(Serialize)]
struct ProgressJson {
    done: usize,
    total: usize,
    percent: u8,
}

#[derive(Serialize)]
struct DeadlineJson<'a> {
    title: &'a str,
    date: String,
    days_left: i64,
}

/// The list as JSON: `engagements[]` (each `path`, `customer`, `template`, `phase` (null once
/// finished), `progress` {`done`, `total`, `percent`}, `next_deadline` {`title`, `date`,
/// `days_left`} or null, `overdue`, `blocked`) and `skipped[]` (`path`, `error`).
pub fn json(rows: &[Row<'_>], skipped: &[Skipped]) -> String {
    let engagements = rows
        .iter()
        .map(|row| {
            let s = row.summary;
            RowJson {
                path: row.path.display().to_string(),
                customer: &s.customer,
                template: &s.template,
                phase: s.phase.as_deref(),
                progress: ProgressJson {
                    done: s.progress.done,
                    total: s.progress.total,
                    percent: s.progress.percent(),
                },
                next_deadline: s.next_deadline.as_ref().map(|d| DeadlineJson {
                    title: &d.title,
                    date: d.date.to_string(),
                    days_left: d.days_left,
                }),
                overdue: s.overdue,
                blocked: s.blocked,
            }
        })
        .collect();
    let mut text =
        serde_json::to_string_pretty(&ListJson { engagements, skipped: skipped.to_vec() }).unwrap_or_default();
    text.push('\n');
    text
}
