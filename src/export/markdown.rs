//! The snapshot as Markdown, for a mail or a wiki. It is written to read well as plain
//! text too: tables are padded into columns, progress is a text bar, and every state
//! has a word, so nothing depends on how (or whether) the Markdown is rendered.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

use super::snapshot::{ItemLine, Snapshot};
use super::text::{List, bar, gate_label, markdown as md, one_line, taken};
use crate::i18n::Strings;
use crate::i18n::glyphs;
use crate::model::deadline::Urgency;
use crate::model::{Progress, Status};

const BAR_WIDTH: usize = 10;

/// The snapshot as Markdown.
pub fn render(snapshot: &Snapshot, strings: &Strings) -> String {
    let mut out = String::new();
    heading(&mut out, snapshot, strings);
    warnings(&mut out, snapshot, strings);
    engagement(&mut out, snapshot, strings);
    progress(&mut out, snapshot, strings);
    signoffs(&mut out, snapshot, strings);
    current_phase(&mut out, snapshot, strings);
    item_list(&mut out, &strings.blocked, &snapshot.blocked, strings, List::Blocked);
    item_list(&mut out, &strings.overdue, &snapshot.overdue, strings, List::Overdue);
    next_actions(&mut out, snapshot, strings);
    deadlines(&mut out, snapshot, strings);
    scope(&mut out, snapshot, strings);
    assessment(&mut out, snapshot, strings);
    limits(&mut out, snapshot, strings);
    decisions(&mut out, snapshot, strings);
    last_meeting(&mut out, snapshot, strings);
    changes(&mut out, snapshot, strings);
    let _ = writeln!(out, "---\n\n{}", strings.exported_by.replace("{title}", &md(&snapshot.title)));
    if !snapshot.source.is_empty() {
        let _ = writeln!(out, "\n{}", md(&snapshot.source));
    }
    out
}

fn heading(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let customer = &snapshot.engagement.customer;
    let customer = if customer.trim().is_empty() { strings.no_customer.clone() } else { md(customer) };
    let _ = writeln!(out, "# {}: {customer}\n", strings.snapshot);
    let _ = writeln!(out, "{} · {}\n", md(&snapshot.title), taken(snapshot, strings));
}

/// What the rules find that should be fixed, first, so nobody reads past it.
fn warnings(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    if snapshot.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", strings.warnings);
    for issue in &snapshot.warnings {
        let _ = writeln!(out, "- ⚠ {}", md(&strings.warning(issue).unwrap_or_default()));
    }
    out.push('\n');
}

fn engagement(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let e = &snapshot.engagement;
    let _ = writeln!(out, "## {}\n", strings.engagement);
    let text = |value: &str| if value.trim().is_empty() { strings.not_set.clone() } else { md(value) };
    let date = |value: Option<chrono::NaiveDate>| value.map_or_else(|| strings.not_set.clone(), |d| d.to_string());
    for (label, value) in [
        (&strings.customer, text(&e.customer)),
        (&strings.tenant, text(&e.tenant)),
        (&strings.project_lead, text(&e.project_lead)),
        (&strings.partner, text(&e.partner)),
        (&strings.purchase_date, date(e.purchase_date)),
        (&strings.start_date, date(e.start_date)),
    ] {
        let _ = writeln!(out, "- **{label}:** {value}");
    }
    out.push('\n');
}

/// "`[####------]` 40 % (4/10)", with a unit after the count when given.
fn progress_cell(progress: Progress, unit: Option<&str>) -> String {
    let percent = progress.percent();
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    format!("`{}` {percent} % ({}/{}{unit})", bar(percent, BAR_WIDTH), progress.done, progress.total)
}

fn progress(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, "## {}\n", strings.progress);
    let _ = writeln!(out, "**{}:** {}\n", strings.overall, progress_cell(snapshot.overall, Some(&strings.items)));
    let started = snapshot.phases.iter().any(|p| p.started.is_some());
    let mut rows: Vec<Vec<String>> = snapshot
        .phases
        .iter()
        .enumerate()
        .map(|(i, phase)| {
            let marker = if phase.current { "▶ " } else { "" };
            // A passed gate says when and by whom, and on which waiver, instead of just "passed".
            let gate = match &phase.passed {
                Some(passed) => {
                    let by = if passed.by.trim().is_empty() { strings.not_set.clone() } else { md(&passed.by) };
                    let mut text = format!(
                        "{} {}",
                        glyphs::gate(phase.gate),
                        strings.passed_on.replace("{date}", &passed.date.to_string()).replace("{by}", &by)
                    );
                    if let Some(waiver) = &passed.waiver {
                        let _ = write!(text, ", {}", strings.on_waiver.replace("{id}", &md(waiver)));
                    }
                    text
                }
                None => gate_label(strings, phase.gate),
            };
            let current = if phase.current { format!(" ({})", strings.current) } else { String::new() };
            let mut row = vec![
                format!("{marker}{}. {}{current}", i + 1, md(&phase.title)),
                progress_cell(phase.progress, None),
                gate,
            ];
            if started {
                row.push(phase.started.map_or_else(|| "—".to_string(), |d| d.to_string()));
            }
            row
        })
        .collect();
    if snapshot.general.total > 0 {
        let mut row = vec![strings.general.clone(), progress_cell(snapshot.general, None), String::new()];
        if started {
            row.push(String::new());
        }
        rows.push(row);
    }
    // The day each phase started, once one has.
    let mut headings = vec![strings.phase.as_str(), strings.progress.as_str(), strings.gate_column.as_str()];
    if started {
        headings.push(&strings.started);
    }
    table(out, &headings, &rows);
}

fn current_phase(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let Some((current, phase)) = snapshot.current_phase() else {
        let _ = writeln!(out, "## {}\n\n{}\n", strings.current_phase, strings.finished);
        return;
    };
    let _ = writeln!(out, "## {}: {}. {}\n", strings.current_phase, current.index + 1, md(&phase.title));
    let _ = writeln!(out, "{}: {} — {}\n", strings.gate_column, md(&phase.gate_title), gate_label(strings, phase.gate));
    if current.is_clear() {
        let _ = writeln!(out, "{}\n", strings.gate_clear);
        return;
    }
    let _ = writeln!(out, "{}:\n", strings.gate_blockers);
    if current.open_items > 0 {
        let _ = writeln!(out, "- {}", strings.open_in_phase(current.open_items));
    }
    if !current.unmet_criteria.is_empty() {
        let _ = writeln!(out, "- {}:", strings.unmet_criteria);
        for (_, text) in &current.unmet_criteria {
            let _ = writeln!(out, "  - {}", md(text));
        }
    }
    if !current.missing_signoffs.is_empty() {
        let parties: Vec<&str> = current.missing_signoffs.iter().map(|o| strings.owner(*o)).collect();
        let _ = writeln!(out, "- {}: {}", strings.missing_signoffs, parties.join(", "));
    }
    out.push('\n');
}

/// The facts after an item's text: phase and owner (left out of a list of one owner's
/// next actions, whose heading says them), assignee, status (but for the obvious one),
/// due date.
fn item_facts(item: &ItemLine, strings: &Strings, list: List) -> String {
    let mut facts = Vec::new();
    if list != List::NextActions {
        facts.push(item.phase.as_ref().map_or_else(|| strings.general.clone(), |(_, title)| md(title)));
        facts.push(strings.owner(item.owner).to_string());
    }
    if !item.assignee.trim().is_empty() {
        facts.push(format!("{}: {}", strings.assignee, md(&item.assignee)));
    }
    let obvious = match list {
        List::Blocked => Status::Blocked,
        List::Overdue | List::NextActions => Status::NotStarted,
    };
    if item.status != obvious {
        facts.push(strings.status(item.status).to_string());
    }
    if let (Some(due), Some(days)) = (item.due, item.days_left) {
        facts.push(format!("{} {due} ({})", strings.due, strings.days(days)));
    }
    if facts.is_empty() { String::new() } else { format!(" — {}", facts.join(" · ")) }
}

fn item_list(out: &mut String, title: &str, items: &[ItemLine], strings: &Strings, list: List) {
    let _ = writeln!(out, "## {title}\n");
    if items.is_empty() {
        let _ = writeln!(out, "{}\n", strings.none);
        return;
    }
    for item in items {
        let _ = writeln!(out, "- {}{}", md(&item.text), item_facts(item, strings, list));
        if list == List::Blocked
            && let Some(note) = &item.last_note
        {
            let _ = writeln!(
                out,
                "  - {} ({}, {}): {}",
                strings.last_note,
                note.at.format("%Y-%m-%d"),
                md(&note.by),
                md(&note.text)
            );
        }
    }
    out.push('\n');
}

fn next_actions(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, "## {}\n", strings.next_actions);
    if snapshot.next_actions.is_empty() {
        let _ = writeln!(out, "{}\n", strings.none);
        return;
    }
    for actions in &snapshot.next_actions {
        let _ = writeln!(out, "### {}\n", strings.owner(actions.owner));
        for (n, item) in actions.items.iter().enumerate() {
            let _ = writeln!(out, "{}. {}{}", n + 1, md(&item.text), item_facts(item, strings, List::NextActions));
        }
        if actions.more > 0 {
            let _ = writeln!(out, "\n{}", strings.and_more.replace("{n}", &actions.more.to_string()));
        }
        out.push('\n');
    }
}

fn deadlines(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, "## {}\n", strings.deadlines);
    if snapshot.deadlines.is_empty() {
        let _ = writeln!(out, "{}\n", strings.none);
        return;
    }
    let rows: Vec<Vec<String>> = snapshot
        .deadlines
        .iter()
        .map(|d| {
            let left = match d.days_left {
                _ if d.urgency == Some(Urgency::Met) => format!("✓ {}", strings.met(d.met_on, d.date)),
                Some(days) => {
                    let flag = match d.urgency {
                        Some(Urgency::Passed) => format!(" — ⚑ {}", strings.deadline_passed),
                        Some(Urgency::Soon) => format!(" — ⚑ {}", strings.deadline_soon),
                        _ => String::new(),
                    };
                    format!("{}{flag}", strings.days(days))
                }
                None => String::new(),
            };
            let date = d.date.map_or_else(|| strings.not_set.clone(), |date| date.to_string());
            vec![md(&d.title), date, left]
        })
        .collect();
    table(out, &[&strings.deadline, &strings.date, &strings.time_left], &rows);
}

fn scope(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, "## {}\n", strings.scope);
    if snapshot.scope.is_empty() {
        let _ = writeln!(out, "{}\n", strings.none);
        return;
    }
    for answer in &snapshot.scope {
        let chosen = if answer.answers.is_empty() {
            format!("*{}*", strings.unanswered)
        } else {
            answer.answers.iter().map(|(_, label)| md(label)).collect::<Vec<_>>().join(", ")
        };
        let _ = writeln!(out, "- **{}** {chosen}", md(&answer.question));
    }
    out.push('\n');
}

/// Each expectation that applies, with its minimum, the result, what was found and the
/// remediation item it raised: a list, since its sentences are too long for table cells.
fn assessment(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    if snapshot.assessment.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", strings.assessment_report);
    for e in &snapshot.assessment {
        let _ = writeln!(out, "- **{}**: {}", md(&e.area), md(&one_line(&e.text)));
        let mut facts = Vec::new();
        if let Some(minimum) = &e.minimum {
            facts.push(format!("{}: {}", strings.minimum_label, md(minimum)));
        }
        if !e.accepted.is_empty() {
            let levels: Vec<String> = e.accepted.iter().map(|l| md(l)).collect();
            facts.push(format!("{}: {}", strings.accepted_label, levels.join(", ")));
        }
        facts.push(format!("{}: **{}**", strings.result, strings.assessment(e.result)));
        if !e.found.trim().is_empty() {
            facts.push(format!("{}: {}", strings.found_label, md(&one_line(&e.found))));
        }
        if let Some((id, status)) = &e.remediation {
            facts.push(format!("{}: {} ({})", strings.remediation_label, md(id), strings.status(*status)));
        }
        let _ = writeln!(out, "  {}", facts.join(" · "));
    }
    out.push('\n');
}

/// The limits and notes of the process that apply under the scope answers.
fn limits(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    if snapshot.limits.is_empty() {
        return;
    }
    let _ = writeln!(out, "## {}\n", strings.limits);
    for limit in &snapshot.limits {
        let _ = writeln!(out, "- {}: {}", strings.limit_kind(limit.kind), md(&one_line(&limit.text)));
    }
    out.push('\n');
}

/// Who signed each gate off, for each party, when any gate is signed off.
fn signoffs(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    if snapshot.phases.iter().all(|p| p.signoffs.is_empty()) {
        return;
    }
    let _ = writeln!(out, "## {}\n", strings.signoffs);
    for phase in snapshot.phases.iter().filter(|p| !p.signoffs.is_empty()) {
        let names: Vec<String> = phase
            .signoffs
            .iter()
            .map(|o| format!("{}: {} ({})", strings.owner(o.party), md(&o.name), o.date))
            .collect();
        let _ = writeln!(out, "- **{}**: {}", md(&phase.gate_title), names.join("; "));
    }
    out.push('\n');
}

fn decisions(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, "## {}\n", strings.recent_decisions);
    if snapshot.decisions.is_empty() {
        let _ = writeln!(out, "{}\n", strings.none);
        return;
    }
    for decision in &snapshot.decisions {
        let mut about = vec![strings.decision_status(decision.status).to_string()];
        about.extend(strings.decision_kind(decision.kind).map(str::to_string));
        let _ = write!(
            out,
            "- {} · {} · **{}** ({})",
            decision.date,
            md(&decision.id),
            md(&decision.title),
            about.join(", ")
        );
        if !decision.outcome.trim().is_empty() {
            let _ = write!(out, ": {}", md(&decision.outcome));
        }
        out.push('\n');
    }
    out.push('\n');
}

/// What changed since the last meeting (or `--since`), oldest first.
fn changes(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let Some(report) = changes_report(snapshot, strings) else { return };
    let _ = writeln!(out, "## {}\n", md(&report.heading));
    if let Some(earlier) = &report.earlier {
        let _ = writeln!(out, "{}\n", md(earlier));
    }
    if report.lines.is_empty() {
        let _ = writeln!(out, "{}", md(&strings.none));
    }
    for line in &report.lines {
        let _ = writeln!(out, "- {}", md(line));
    }
    out.push('\n');
}

/// The changes section of the Markdown and HTML exports, in words, before either's escaping.
pub(super) struct ChangesReport {
    pub heading: String,
    /// How many earlier changes are left out, when some are.
    pub earlier: Option<String>,
    pub lines: Vec<String>,
}

/// The changes the exports report, or `None` when there are none.
pub(super) fn changes_report(snapshot: &Snapshot, strings: &Strings) -> Option<ChangesReport> {
    let (changes, more, _) = snapshot.changes();
    // A workbook nothing has happened to yet has no such section; one that has says "None".
    if changes.is_empty() && snapshot.since.is_none() && snapshot.last_meeting.is_none() && snapshot.history.is_empty()
    {
        return None;
    }
    let heading = match (snapshot.since, &snapshot.last_meeting) {
        (Some(day), _) => strings.changes_since.replace("{date}", &day.to_string()),
        (None, Some(m)) => strings
            .changes_since_meeting
            .replace("{title}", &m.title)
            .replace("{time}", &m.held.format("%Y-%m-%d %H:%M").to_string()),
        (None, None) => strings.changes.clone(),
    };
    let earlier = (more > 0).then(|| strings.changes_earlier.replace("{n}", &more.to_string()));
    let lines = changes.into_iter().map(|c| change_line(snapshot, strings, c)).collect();
    Some(ChangesReport { heading, earlier, lines })
}

/// A change as the exports list it: "2026-11-26 10:30 · ann · status not started → done · Hold the kick-off".
fn change_line(snapshot: &Snapshot, strings: &Strings, c: &crate::model::Change) -> String {
    let said = crate::i18n::describe::change(strings, &snapshot.names, c);
    let item = snapshot.items.iter().find(|i| i.id == c.target).map(|i| i.text.as_str());
    let what = crate::i18n::describe::target(&snapshot.names, item, c);
    let what = if what.is_empty() { String::new() } else { format!(" · {}", one_line(&what)) };
    format!("{} · {} · {said}{what}", c.at.format("%Y-%m-%d %H:%M"), c.by)
}

fn last_meeting(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let Some(meeting) = &snapshot.last_meeting else {
        return;
    };
    let _ = writeln!(out, "## {}: {}\n", strings.last_meeting, md(&meeting.title));
    let _ = writeln!(out, "{}\n", strings.held.replace("{time}", &meeting.held.format("%Y-%m-%d %H:%M").to_string()));
    if !meeting.attendees.is_empty() {
        let names: Vec<String> = meeting.attendees.iter().map(|a| md(a)).collect();
        let _ = writeln!(out, "{}: {}\n", strings.attendees, names.join(", "));
    }
    if !meeting.minutes.trim().is_empty() {
        let _ = writeln!(out, "{}:\n", strings.minutes);
        // A quote keeps the minutes' own line breaks; each line is escaped on its own.
        for line in meeting.minutes.trim().lines() {
            let line = one_line(line);
            if line.is_empty() {
                out.push_str(">\n");
            } else {
                let _ = writeln!(out, "> {}", md(&line));
            }
        }
        out.push('\n');
    }
}

/// A Markdown table padded into columns, so it reads as a table in plain text too.
fn table(out: &mut String, headers: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w.saturating_sub(cell.width()))))
            .collect();
        format!("| {} |", padded.join(" | ")).trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(headers.iter().map(|h| h.to_string()).collect()));
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat((*w).max(3))).collect();
    let _ = writeln!(out, "|-{}-|", rule.join("-|-"));
    for row in rows {
        let _ = writeln!(out, "{}", line(row.clone()));
    }
    out.push('\n');
}
