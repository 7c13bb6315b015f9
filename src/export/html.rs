//! The snapshot as one self-contained HTML page: inline CSS, inline SVG, no script, no
//! request to anywhere (the content-security policy forbids it too), and made to print on
//! A4. Every piece of user text is escaped on its way in, never put into an attribute and
//! never made a link; attributes hold only numbers and names chosen here.

use std::fmt::Write;

use super::snapshot::{ItemLine, Snapshot};
use super::text::{List, gate_class, gate_label, html, taken};
use super::timeline;
use crate::i18n::Strings;
use crate::model::deadline::Urgency;
use crate::model::{Progress, Status};

const CSS: &str = include_str!("../../assets/export.css");
/// Nothing may load or run: only the inline style, and images that are data already.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The snapshot as an HTML page.
pub fn render(snapshot: &Snapshot, strings: &Strings) -> String {
    let mut out = String::new();
    let customer = customer(snapshot, strings);
    let _ = writeln!(out, "<!DOCTYPE html>");
    let _ = writeln!(out, r#"<html lang="{}">"#, snapshot.lang.code());
    let _ = writeln!(out, "<head>");
    let _ = writeln!(out, r#"<meta charset="utf-8">"#);
    let _ = writeln!(out, r#"<meta http-equiv="Content-Security-Policy" content="{CSP}">"#);
    let _ = writeln!(out, r#"<meta name="referrer" content="no-referrer">"#);
    let _ = writeln!(out, r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#);
    let _ = writeln!(out, "<title>{}: {customer} — {}</title>", html(&strings.snapshot), snapshot.today());
    let _ = writeln!(out, "<style>\n{CSS}</style>");
    let _ = writeln!(out, "</head>");
    let _ = writeln!(out, "<body>");
    let _ = writeln!(out, "<header>");
    let _ = writeln!(out, "<h1>{}: {customer}</h1>", html(&strings.snapshot));
    let _ = writeln!(out, r#"<p class="subtitle">{} · {}</p>"#, html(&snapshot.title), html(&taken(snapshot, strings)));
    let _ = writeln!(out, "</header>");
    warnings(&mut out, snapshot, strings);
    engagement(&mut out, snapshot, strings);
    progress(&mut out, snapshot, strings);
    timeline_section(&mut out, snapshot, strings);
    current_phase(&mut out, snapshot, strings);
    item_list(&mut out, "blocked", &strings.blocked, &snapshot.blocked, strings, List::Blocked);
    item_list(&mut out, "overdue", &strings.overdue, &snapshot.overdue, strings, List::Overdue);
    next_actions(&mut out, snapshot, strings);
    deadlines(&mut out, snapshot, strings);
    signoffs(&mut out, snapshot, strings);
    scope(&mut out, snapshot, strings);
    assessment(&mut out, snapshot, strings);
    limits(&mut out, snapshot, strings);
    decisions(&mut out, snapshot, strings);
    last_meeting(&mut out, snapshot, strings);
    changes(&mut out, snapshot, strings);
    let _ = write!(out, "<footer>{}", html(&strings.exported_by.replace("{title}", &snapshot.title)));
    if !snapshot.source.is_empty() {
        let _ = write!(out, "<br>{}", html(&snapshot.source));
    }
    let _ = writeln!(out, "</footer>");
    let _ = writeln!(out, "</body>\n</html>");
    out
}

fn customer(snapshot: &Snapshot, strings: &Strings) -> String {
    let customer = &snapshot.engagement.customer;
    html(if customer.trim().is_empty() { &strings.no_customer } else { customer })
}

fn or_not_set(value: &str, strings: &Strings) -> String {
    if value.trim().is_empty() {
        format!(r#"<span class="muted">{}</span>"#, html(&strings.not_set))
    } else {
        html(value)
    }
}

/// What the rules find that should be fixed, first, so nobody reads past it.
fn warnings(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    if snapshot.warnings.is_empty() {
        return;
    }
    let _ = writeln!(out, r#"<section class="warnings keep">"#);
    let _ = writeln!(out, "<h2>{}</h2>\n<ul>", html(&strings.warnings));
    for issue in &snapshot.warnings {
        let _ = writeln!(out, "<li>⚠ {}</li>", html(&strings.warning(issue).unwrap_or_default()));
    }
    let _ = writeln!(out, "</ul>\n</section>");
}

fn engagement(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let e = &snapshot.engagement;
    let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| or_not_set("", strings), |d| d.to_string());
    let _ = writeln!(out, r#"<section class="keep">"#);
    let _ = writeln!(out, "<h2>{}</h2>", html(&strings.engagement));
    let _ = writeln!(out, r#"<dl class="details">"#);
    for (label, value) in [
        (&strings.customer, or_not_set(&e.customer, strings)),
        (&strings.tenant, or_not_set(&e.tenant, strings)),
        (&strings.project_lead, or_not_set(&e.project_lead, strings)),
        (&strings.partner, or_not_set(&e.partner, strings)),
        (&strings.purchase_date, date(e.purchase_date)),
        (&strings.start_date, date(e.start_date)),
    ] {
        let _ = writeln!(out, "<dt>{}</dt><dd>{value}</dd>", html(label));
    }
    let _ = writeln!(out, "</dl>\n</section>");
}

/// A bar with the figures beside it, so the number reads without the fill; `unit` (never
/// user text) follows the count when given.
fn bar(progress: Progress, class: &str, unit: Option<&str>) -> String {
    let percent = progress.percent();
    let unit = unit.map(|u| format!(" {}", html(u))).unwrap_or_default();
    format!(
        r#"<span class="bar{class}" role="img" aria-label="{percent} %"><span style="width:{percent}%"></span></span>{percent} % ({}/{}{unit})"#,
        progress.done, progress.total
    )
}

fn gate_badge(strings: &Strings, state: crate::model::gate::GateState) -> String {
    format!(r#"<span class="badge gate-{}">{}</span>"#, gate_class(state), html(&gate_label(strings, state)))
}

fn progress(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h2>{}</h2>", html(&strings.progress));
    let _ = writeln!(
        out,
        "<p><strong>{}:</strong> {}</p>",
        html(&strings.overall),
        bar(snapshot.overall, " wide", Some(&strings.items))
    );
    let _ = writeln!(out, "<table>");
    let _ = writeln!(
        out,
        "<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>",
        html(&strings.phase),
        html(&strings.progress),
        html(&strings.gate_column),
        html(&strings.started),
        html(&strings.ended)
    );
    let _ = writeln!(out, "<tbody>");
    for (i, phase) in snapshot.phases.iter().enumerate() {
        let (class, marker) =
            if phase.current { (r#" class="current""#, r#"<span class="marker">▶</span> "#) } else { ("", "") };
        let current = if phase.current { format!(" ({})", html(&strings.current)) } else { String::new() };
        let mut gate = gate_badge(strings, phase.gate);
        if let Some(passed) = &phase.passed {
            let by = if passed.by.trim().is_empty() { strings.not_set.as_str() } else { passed.by.as_str() };
            let _ = write!(
                gate,
                r#"<span class="facts"> {}"#,
                html(&strings.passed_on.replace("{date}", &passed.date.to_string()).replace("{by}", by))
            );
            if let Some(waiver) = &passed.waiver {
                let _ = write!(gate, ", {}", html(&strings.on_waiver.replace("{id}", waiver)));
            }
            gate.push_str("</span>");
        }
        let started = phase.started.map_or_else(|| "—".to_string(), |d| d.to_string());
        let ended = phase.passed.as_ref().map_or_else(|| "—".to_string(), |p| p.date.to_string());
        let _ = writeln!(
            out,
            r#"<tr{class}><td class="phase">{marker}{}. {}{current}</td><td class="nowrap">{}</td><td>{gate}</td><td class="date">{started}</td><td class="date">{ended}</td></tr>"#,
            i + 1,
            html(&phase.title),
            bar(phase.progress, "", None)
        );
    }
    // A process with no whole-engagement responsibilities has no General row to show.
    if snapshot.general.total > 0 {
        let _ = writeln!(
            out,
            r#"<tr><td class="phase">{}</td><td class="nowrap">{}</td><td></td><td></td><td></td></tr>"#,
            html(&strings.general),
            bar(snapshot.general, "", None)
        );
    }
    let _ = writeln!(out, "</tbody>\n</table>\n</section>");
}

fn timeline_section(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    // Not kept whole on a printed page: the chart keeps itself whole, and the heading stays with it.
    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h2>{}</h2>", html(&strings.timeline));
    match timeline::svg(snapshot, strings) {
        Some(svg) => {
            out.push_str(&svg);
            let dated: Vec<String> = snapshot
                .deadlines
                .iter()
                .enumerate()
                .filter_map(|(n, d)| d.date.map(|date| format!("⚑{} {} — {date}", n + 1, html(&d.title))))
                .collect();
            if !dated.is_empty() {
                let _ = writeln!(out, r#"<p class="legend">{}</p>"#, dated.join(" · "));
            }
        }
        None => {
            let _ = writeln!(out, r#"<p class="muted">{}</p>"#, html(&strings.no_start_date));
        }
    }
    let _ = writeln!(out, "</section>");
}

fn current_phase(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, r#"<section class="keep">"#);
    let Some((current, phase)) = snapshot.current_phase() else {
        let _ =
            writeln!(out, "<h2>{}</h2>\n<p>{}</p>\n</section>", html(&strings.current_phase), html(&strings.finished));
        return;
    };
    let _ = writeln!(out, "<h2>{}: {}. {}</h2>", html(&strings.current_phase), current.index + 1, html(&phase.title));
    let _ = writeln!(
        out,
        "<p>{}: {} {}</p>",
        html(&strings.gate_column),
        html(&phase.gate_title),
        gate_badge(strings, phase.gate)
    );
    if current.is_clear() {
        let _ = writeln!(out, "<p>{}</p>\n</section>", html(&strings.gate_clear));
        return;
    }
    let _ = writeln!(out, "<h3>{}</h3>\n<ul>", html(&strings.gate_blockers));
    if current.open_items > 0 {
        let _ = writeln!(out, "<li>{}</li>", html(&strings.open_in_phase(current.open_items)));
    }
    if !current.unmet_criteria.is_empty() {
        let _ = writeln!(out, "<li>{}:\n<ul>", html(&strings.unmet_criteria));
        for (_, text) in &current.unmet_criteria {
            let _ = writeln!(out, "<li>{}</li>", html(text));
        }
        let _ = writeln!(out, "</ul></li>");
    }
    if !current.missing_signoffs.is_empty() {
        let parties: Vec<&str> = current.missing_signoffs.iter().map(|o| strings.owner(*o)).collect();
        let _ = writeln!(out, "<li>{}: {}</li>", html(&strings.missing_signoffs), html(&parties.join(", ")));
    }
    let _ = writeln!(out, "</ul>\n</section>");
}

/// The facts after an item's text: phase and owner (left out of a list of one owner's
/// next actions, whose heading says them), assignee, status (but for the obvious one),
/// due date.
fn item_facts(item: &ItemLine, strings: &Strings, list: List) -> String {
    let mut facts = Vec::new();
    if list != List::NextActions {
        facts.push(html(item.phase.as_ref().map_or(&strings.general, |(_, title)| title)));
        facts.push(html(strings.owner(item.owner)));
    }
    if !item.assignee.trim().is_empty() {
        facts.push(format!("{}: {}", html(&strings.assignee), html(&item.assignee)));
    }
    let obvious = match list {
        List::Blocked => Status::Blocked,
        List::Overdue | List::NextActions => Status::NotStarted,
    };
    if item.status != obvious {
        facts.push(html(strings.status(item.status)));
    }
    if let (Some(due), Some(days)) = (item.due, item.days_left) {
        let when = html(&strings.days(days));
        let when = if days < 0 { format!(r#"<span class="overdue-days">{when}</span>"#) } else { when };
        facts.push(format!("{} {due} ({when})", html(&strings.due)));
    }
    if facts.is_empty() { String::new() } else { format!(r#" — <span class="facts">{}</span>"#, facts.join(" · ")) }
}

fn item_list(out: &mut String, id: &str, title: &str, items: &[ItemLine], strings: &Strings, list: List) {
    let _ = writeln!(out, r#"<section id="{id}">"#);
    let _ = writeln!(out, "<h2>{} ({})</h2>", html(title), items.len());
    if items.is_empty() {
        let _ = writeln!(out, r#"<p class="muted">{}</p>"#, html(&strings.none));
    } else {
        let _ = writeln!(out, "<ul>");
        for item in items {
            let _ = write!(out, "<li>{}{}", html(&item.text), item_facts(item, strings, list));
            if list == List::Blocked
                && let Some(note) = &item.last_note
            {
                let _ = write!(
                    out,
                    r#"<span class="note">{} ({}, {}): {}</span>"#,
                    html(&strings.last_note),
                    note.at.format("%Y-%m-%d"),
                    html(&note.by),
                    html(&note.text)
                );
            }
            let _ = writeln!(out, "</li>");
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</section>");
}

fn next_actions(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h2>{}</h2>", html(&strings.next_actions));
    if snapshot.next_actions.is_empty() {
        let _ = writeln!(out, r#"<p class="muted">{}</p>"#, html(&strings.none));
    }
    for actions in &snapshot.next_actions {
        let _ = writeln!(out, "<h3>{}</h3>\n<ol>", html(strings.owner(actions.owner)));
        for item in &actions.items {
            let _ = writeln!(out, "<li>{}{}</li>", html(&item.text), item_facts(item, strings, List::NextActions));
        }
        let _ = writeln!(out, "</ol>");
        if actions.more > 0 {
            let _ = writeln!(
                out,
                r#"<p class="muted">{}</p>"#,
                html(&strings.and_more.replace("{n}", &actions.more.to_string()))
            );
        }
    }
    let _ = writeln!(out, "</section>");
}

fn deadlines(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, r#"<section class="keep">"#);
    let _ = writeln!(out, "<h2>{}</h2>", html(&strings.deadlines));
    if snapshot.deadlines.is_empty() {
        let _ = writeln!(out, r#"<p class="muted">{}</p>"#, html(&strings.none));
    } else {
        let _ = writeln!(out, "<table>");
        let _ = writeln!(
            out,
            "<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            html(&strings.deadline),
            html(&strings.date),
            html(&strings.time_left)
        );
        for (n, d) in snapshot.deadlines.iter().enumerate() {
            let date = d.date.map_or_else(|| or_not_set("", strings), |d| d.to_string());
            let left = match d.days_left {
                _ if d.urgency == Some(Urgency::Met) => {
                    format!(r#"<span class="flag-met">✓ {}</span>"#, html(&strings.met(d.met_on, d.date)))
                }
                Some(days) => {
                    let flag = match d.urgency {
                        Some(Urgency::Passed) => {
                            format!(r#" <span class="flag-passed">⚑ {}</span>"#, html(&strings.deadline_passed))
                        }
                        Some(Urgency::Soon) => {
                            format!(r#" <span class="flag-soon">⚑ {}</span>"#, html(&strings.deadline_soon))
                        }
                        _ => String::new(),
                    };
                    format!("{}{flag}", html(&strings.days(days)))
                }
                None => String::new(),
            };
            // The number ties the row to its line on the timeline, when there is one.
            let mark =
                if snapshot.window.is_some() && d.date.is_some() { format!("⚑{} ", n + 1) } else { String::new() };
            let _ = writeln!(
                out,
                r#"<tr><td>{mark}{}</td><td class="date">{date}</td><td>{left}</td></tr>"#,
                html(&d.title)
            );
        }
        let _ = writeln!(out, "</tbody>\n</table>");
    }
    let _ = writeln!(out, "</section>");
}

fn scope(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, r#"<section class="keep">"#);
    let _ = writeln!(out, "<h2>{}</h2>", html(&strings.scope));
    if snapshot.scope.is_empty() {
        let _ = writeln!(out, r#"<p class="muted">{}</p>"#, html(&strings.none));
    } else {
        let _ = writeln!(out, r#"<dl class="details">"#);
        for answer in &snapshot.scope {
            let chosen = if answer.answers.is_empty() {
                format!(r#"<em class="muted">{}</em>"#, html(&strings.unanswered))
            } else {
                answer.answers.iter().map(|(_, label)| html(label)).collect::<Vec<_>>().join(", ")
            };
            let _ = writeln!(out, "<dt>{}</dt><dd>{chosen}</dd>", html(&answer.question));
        }
        let _ = writeln!(out, "</dl>");
    }
    let _ = writeln!(out, "</section>");
}

/// Each expectation that applies, with its minimum, the result, what was found and the
/// remediation item it raised.
fn assessment(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    if snapshot.assessment.is_empty() {
        return;
    }
    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h2>{}</h2>", html(&strings.assessment_report));
    let _ = writeln!(out, "<table>");
    let _ = writeln!(
        out,
        "<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        html(&strings.area),
        html(&strings.expectation),
        html(&strings.minimum_label),
        html(&strings.result),
        html(&strings.found_label),
        html(&strings.remediation_label)
    );
    for e in &snapshot.assessment {
        let remediation = e
            .remediation
            .as_ref()
            .map_or_else(String::new, |(id, status)| format!("{} ({})", html(id), html(strings.status(*status))));
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{remediation}</td></tr>",
            html(&e.area),
            html(&e.text),
            if e.accepted.is_empty() {
                e.minimum.as_deref().map_or_else(String::new, html)
            } else {
                format!("{}: {}", html(&strings.accepted_label), html(&e.accepted.join(", ")))
            },
            html(strings.assessment(e.result)),
            html(&e.found)
        );
    }
    let _ = writeln!(out, "</tbody>\n</table>\n</section>");
}

/// The limits and notes of the process that apply under the scope answers.
fn limits(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    if snapshot.limits.is_empty() {
        return;
    }
    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h2>{}</h2>\n<ul>", html(&strings.limits));
    for limit in &snapshot.limits {
        let _ =
            writeln!(out, "<li><strong>{}</strong>: {}</li>", html(strings.limit_kind(limit.kind)), html(&limit.text));
    }
    let _ = writeln!(out, "</ul>\n</section>");
}

/// Who signed each gate off, for each party, when any gate is signed off.
fn signoffs(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    if snapshot.phases.iter().all(|p| p.signoffs.is_empty()) {
        return;
    }
    let _ = writeln!(out, "<section>\n<h2>{}</h2>\n<ul>", html(&strings.signoffs));
    for phase in snapshot.phases.iter().filter(|p| !p.signoffs.is_empty()) {
        let names: Vec<String> = phase
            .signoffs
            .iter()
            .map(|o| format!("{}: {} ({})", html(strings.owner(o.party)), html(&o.name), o.date))
            .collect();
        let _ = writeln!(out, "<li><strong>{}</strong>: {}</li>", html(&phase.gate_title), names.join("; "));
    }
    let _ = writeln!(out, "</ul>\n</section>");
}

fn decisions(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h2>{}</h2>", html(&strings.recent_decisions));
    if snapshot.decisions.is_empty() {
        let _ = writeln!(out, r#"<p class="muted">{}</p>"#, html(&strings.none));
    } else {
        let _ = writeln!(out, "<ul>");
        for decision in &snapshot.decisions {
            let mut about = vec![strings.decision_status(decision.status).to_string()];
            about.extend(strings.decision_kind(decision.kind).map(str::to_string));
            let _ = write!(
                out,
                "<li>{} · {} · <strong>{}</strong> <span class=\"facts\">({})</span>",
                decision.date,
                html(&decision.id),
                html(&decision.title),
                html(&about.join(", "))
            );
            if !decision.outcome.trim().is_empty() {
                let _ = write!(out, ": {}", html(&decision.outcome));
            }
            let _ = writeln!(out, "</li>");
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</section>");
}

/// What changed since the last meeting (or `--since`), oldest first.
fn changes(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let Some(report) = super::markdown::changes_report(snapshot, strings) else { return };
    let _ = writeln!(out, "<section>\n<h2>{}</h2>", html(&report.heading));
    if let Some(earlier) = &report.earlier {
        let _ = writeln!(out, r#"<p class="muted">{}</p>"#, html(earlier));
    }
    if report.lines.is_empty() {
        let _ = writeln!(out, r#"<p class="muted">{}</p>"#, html(&strings.none));
    } else {
        let _ = writeln!(out, "<ul>");
        for line in &report.lines {
            let _ = writeln!(out, "<li>{}</li>", html(line));
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "</section>");
}

fn last_meeting(out: &mut String, snapshot: &Snapshot, strings: &Strings) {
    let Some(meeting) = &snapshot.last_meeting else {
        return;
    };
    let _ = writeln!(out, "<section>");
    let _ = writeln!(out, "<h2>{}: {}</h2>", html(&strings.last_meeting), html(&meeting.title));
    let held = strings.held.replace("{time}", &meeting.held.format("%Y-%m-%d %H:%M").to_string());
    let _ = writeln!(out, r#"<p class="muted">{}</p>"#, html(&held));
    if !meeting.attendees.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}: {}</p>",
            html(&strings.attendees),
            html(&crate::model::names::join(&meeting.attendees))
        );
    }
    if !meeting.minutes.trim().is_empty() {
        let _ = writeln!(out, "<h3>{}</h3>", html(&strings.minutes));
        let _ = writeln!(out, "<blockquote>{}</blockquote>", html(meeting.minutes.trim()));
    }
    let _ = writeln!(out, "</section>");
}
