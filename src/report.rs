//! The short plain-text status that `phasebook status` prints: phases with progress and
//! gate state, where the engagement stands, deadlines, and counts of what needs
//! attention. Plain text so it reads the same in a terminal and pasted into a mail.

use std::fmt::Write;

use chrono::NaiveDate;
use unicode_width::UnicodeWidthStr;

use crate::export::text::bar;
use crate::i18n::Strings;
use crate::model::deadline::{self, Urgency};
use crate::model::gate::{self, Standing};
use crate::model::rollup::counting_items;
use crate::model::{Rollup, Status, Workbook, check};

fn pad(text: &str, width: usize) -> String {
    let used = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}

/// The status summary as of `today`.
pub fn status(workbook: &Workbook, rollup: &Rollup, strings: &Strings, today: NaiveDate) -> String {
    let mut out = String::new();
    let e = &workbook.engagement;
    let customer = if e.customer.is_empty() { strings.no_customer.as_str() } else { e.customer.as_str() };
    // On one line: a line break or tab in a name never makes a line of its own.
    let (title, customer) = (crate::i18n::visible::line(&workbook.meta.title), crate::i18n::visible::line(customer));
    let _ = writeln!(out, "{title} — {customer}");
    let mut who = Vec::new();
    if !e.tenant.is_empty() {
        who.push(format!("{}: {}", strings.tenant, e.tenant));
    }
    if !e.project_lead.is_empty() {
        who.push(format!("{}: {}", strings.lead, e.project_lead));
    }
    if !e.partner.is_empty() {
        who.push(format!("{}: {}", strings.partner, e.partner));
    }
    who.push(format!("{} {today}", strings.as_of));
    let _ = writeln!(out, "{}\n", who.join(" · "));

    let standing = gate::standing(workbook);
    let title_width = workbook.phases.iter().map(|p| p.title.width()).max().unwrap_or(0);
    let _ = writeln!(out, "{}", strings.phases);
    for (i, phase) in workbook.phases.iter().enumerate() {
        let progress = rollup.phase_progress.get(i).copied().unwrap_or_default();
        let marker = if standing == Standing::In(i) { ">" } else { " " };
        let mut state = strings.gate_state(rollup.gate(i));
        // A passed gate says the day it passed, which may be before it was recorded.
        if let Some(passed) = &phase.gate.passed {
            state.push_str(&format!(" {}", passed.date));
        }
        let reopened = gate::reopened(workbook, rollup, i).len();
        if reopened > 0 {
            state.push_str(&format!(" · ⚠ {}", strings.reopened_after_pass.replace("{n}", &reopened.to_string())));
        }
        let _ = writeln!(
            out,
            "{marker} {}. {} {:>3} % {}  {}: {state}",
            i + 1,
            pad(&phase.title, title_width),
            progress.percent(),
            bar(progress.percent(), 10),
            strings.gate,
        );
    }
    let overall = rollup.overall;
    let _ = writeln!(
        out,
        "  {}: {} % ({}/{} {})",
        strings.overall,
        overall.percent(),
        overall.done,
        overall.total,
        strings.items
    );
    match standing {
        Standing::In(i) => {
            let title = workbook.phases.get(i).map_or("", |p| p.title.as_str());
            let _ = writeln!(out, "  > {}: {title}", strings.current);
        }
        Standing::Finished => {
            let _ = writeln!(out, "  {}", strings.finished);
        }
    }

    let deadlines = deadline::deadlines(workbook);
    if !deadlines.is_empty() {
        let _ = writeln!(out, "\n{}", strings.deadlines);
        let width = deadlines.iter().map(|d| d.deadline.title.width()).max().unwrap_or(0);
        for d in &deadlines {
            let when = match (d.date, d.days_left(today)) {
                _ if d.met => format!("✓ {}", strings.met(d.met_on, d.date)),
                (Some(date), Some(days)) => {
                    let flag = match d.urgency(today) {
                        Some(Urgency::Passed) => " (!)",
                        Some(Urgency::Soon) => " (*)",
                        _ => "",
                    };
                    format!("{date}  {}{flag}", strings.days(days))
                }
                _ => strings.not_set.clone(),
            };
            let _ = writeln!(out, "  {}  {when}", pad(&d.deadline.title, width));
        }
    }

    let blocked = counting_items(workbook, rollup, |item| item.status == Status::Blocked).count();
    let overdue = deadline::items_with_urgency(workbook, rollup, today, Urgency::Passed).len();
    let soon = deadline::items_with_urgency(workbook, rollup, today, Urgency::Soon).len();
    let _ = writeln!(
        out,
        "\n{}: {blocked} · {}: {overdue} · {}: {soon}",
        strings.blocked, strings.overdue, strings.due_soon
    );
    let warnings: Vec<String> = check::check(workbook).iter().filter_map(|i| strings.warning(i)).collect();
    if !warnings.is_empty() {
        let _ = writeln!(out, "\n{}", strings.warnings);
        for warning in warnings {
            let _ = writeln!(out, "  ⚠ {warning}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_fills_in_proportion() {
        assert_eq!(bar(0, 10), "[----------]");
        assert_eq!(bar(55, 10), "[#####-----]");
        assert_eq!(bar(100, 4), "[####]");
    }
}
