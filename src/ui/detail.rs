//! The selected item in full: its text, owner, status, assignee, due date, whether it is
//! in scope and why, the limits and decisions that bear on it, and its notes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::text::{head, safe};
use super::theme::Theme;
use crate::app::state::{App, Pane, Row};
use crate::i18n::Strings;
use crate::i18n::glyphs;
use crate::model::deadline::item_urgency;
use crate::model::scope::{self, OutOfScope};
use crate::model::{Condition, ItemKind, LimitKind, Workbook};

/// The most changes of the selected item the pane shows; the history screen has them all.
const HISTORY_LINES: usize = 5;

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let border = if app.pane == Pane::Detail { theme.focus_border() } else { Style::new() };
    let block = Block::bordered().border_style(border).title(Span::styled(format!(" {} ", s.details), theme.title()));
    // Only what the pane can show is built: a note of any length costs one pane of text.
    let rows = usize::from(area.height) + usize::from(app.detail_scroll);
    let room = rows.saturating_mul(usize::from(area.width));
    let clip = |text: &str| head(text, room).to_string();
    let lines = match (app.selected(), app.rows.get(app.cursor)) {
        (Some((index, item)), _) => {
            let facts = app.rollup.facts(app.section.list(), index);
            let mut lines = vec![Line::from(Span::styled(clip(&item.text), theme.title()))];
            for line in head(&item.detail, room).lines().take(rows) {
                lines.push(Line::from(Span::styled(line.to_string(), theme.dim())));
            }
            lines.push(Line::from(""));
            let kind = if item.kind == ItemKind::Task { &s.task } else { &s.responsibility };
            lines.push(field(
                s.owner_label.as_str(),
                format!("{} · {kind}", s.party(&app.workbook.meta.parties, item.owner)),
                Style::new(),
            ));
            // Its id: what `phasebook log --item` and the exports name it by.
            lines.push(field(&s.id_label, clip(&item.id), theme.dim()));
            let status = if facts.is_group { None } else { Some(item.status) };
            if let Some(status) = status {
                let text = format!("{} {}", glyphs::status(status), s.status(status));
                lines.push(field(&s.status_label, text, theme.status(status)));
            }
            let assignee = if item.assignee.is_empty() { "—".to_string() } else { clip(&item.assignee) };
            lines.push(field(&s.assignee_label, assignee, Style::new()));
            let due = match item.due {
                Some(d) => {
                    let days = s.days((d - app.today()).num_days());
                    let glyph = item_urgency(item, app.today()).map(glyphs::urgency).unwrap_or_default();
                    format!("{d} ({days}) {glyph}")
                }
                None => "—".into(),
            };
            let due_style = item_urgency(item, app.today()).map_or(Style::new(), |u| theme.urgency(u));
            lines.push(field(&s.due_label, due, due_style));
            let scope = match scope::why_out(&app.workbook, app.items(), index) {
                _ if facts.in_scope => s.in_scope.clone(),
                Some(OutOfScope::Own(condition)) => {
                    format!("{} — {}", s.out_of_scope, condition_words(&app.workbook, condition, s))
                }
                Some(OutOfScope::Heading { heading, condition }) => format!(
                    "{} — {}",
                    s.out_of_scope,
                    s.heading_out_of_scope
                        .replace("{heading}", &heading.text)
                        .replace("{why}", &condition_words(&app.workbook, condition, s))
                ),
                None => s.out_of_scope.clone(),
            };
            lines.push(field(&s.scope_label, scope, if facts.in_scope { Style::new() } else { theme.dim() }));

            let limits: Vec<_> = app
                .workbook
                .limits
                .iter()
                .filter(|l| l.applies_to.contains(&item.id) && l.when.evaluate(&app.workbook.scope) != Some(false))
                .collect();
            if !limits.is_empty() {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(s.limits.clone(), theme.heading())));
                for limit in limits {
                    let kind = match limit.kind {
                        LimitKind::Limit => &s.limit,
                        LimitKind::OutOfScope => &s.out_of_scope,
                        LimitKind::Eligibility => &s.eligibility,
                        LimitKind::Note => &s.limit_note,
                    };
                    lines.push(Line::from(format!("• {kind}: {}", clip(&limit.text))));
                }
            }
            let decisions: Vec<_> = app.workbook.decisions.iter().filter(|d| d.links.contains(&item.id)).collect();
            if !decisions.is_empty() {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(s.decisions.clone(), theme.heading())));
                for d in decisions {
                    lines.push(Line::from(format!(
                        "• {} {} ({})",
                        d.date,
                        clip(&d.title),
                        s.decision_status(d.status)
                    )));
                }
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(format!("{} ({})", s.notes, item.notes.len()), theme.heading())));
            for note in &item.notes {
                if lines.len() >= rows {
                    break;
                }
                lines.push(Line::from(Span::styled(
                    format!("{} · {}", note.at.format("%Y-%m-%d %H:%M"), clip(&note.by)),
                    theme.dim(),
                )));
                for text in head(&note.text, room).lines().take(rows) {
                    lines.push(Line::from(format!("  {text}")));
                }
            }
            // The item's own changes, newest first.
            let changes: Vec<_> =
                app.workbook.history.iter().rev().filter(|c| c.target == item.id).take(HISTORY_LINES).collect();
            if !changes.is_empty() && lines.len() < rows {
                lines.push(Line::from(""));
                lines.push(Line::from(Span::styled(s.item_history.clone(), theme.heading())));
                let names = crate::i18n::describe::Names::of(&app.workbook);
                for c in changes {
                    let said = crate::i18n::describe::change(s, &names, c);
                    lines.push(Line::from(vec![
                        Span::styled(format!("{} · {} ", c.at.format("%Y-%m-%d %H:%M"), clip(&c.by)), theme.dim()),
                        Span::raw(clip(&said)),
                    ]));
                }
            }
            lines.truncate(rows.max(1));
            lines
        }
        (None, Some(Row::Group(owner))) => {
            vec![Line::from(Span::styled(s.party(&app.workbook.meta.parties, *owner).to_string(), theme.title()))]
        }
        _ => purpose(app, theme),
    };
    frame.render_widget(
        Paragraph::new(safe(lines)).block(block).wrap(Wrap { trim: false }).scroll((app.detail_scroll, 0)),
        area,
    );
}

/// With no item selected, the shown phase's purpose.
fn purpose(app: &App, theme: Theme) -> Vec<Line<'static>> {
    match app.section.list().and_then(|p| app.workbook.phases.get(p)) {
        Some(phase) => vec![
            Line::from(Span::styled(phase.title.clone(), theme.title())),
            Line::from(""),
            Line::from(head(&phase.purpose, 4000).to_string()),
        ],
        None => Vec::new(),
    }
}

fn field(label: &str, value: String, style: Style) -> Line<'static> {
    Line::from(vec![Span::raw(format!("{label}: ")), Span::styled(value, style)])
}

/// A condition in words: `Workloads in scope = MDM and not …`.
pub fn condition_words(workbook: &Workbook, condition: &Condition, s: &Strings) -> String {
    match condition {
        Condition::Always => String::new(),
        Condition::Is(q, o) => match workbook.question(q) {
            Some(question) => {
                let option = question.options.iter().find(|x| &x.id == o).map_or(o.as_str(), |x| x.label.as_str());
                format!("{} = {option}", question.text.trim_end_matches('?'))
            }
            None => format!("{q} = {o}"),
        },
        Condition::Not(inner) => format!("{} ({})", s.cond_not, condition_words(workbook, inner, s)),
        Condition::All(parts) => join(workbook, parts, &s.cond_and, s),
        Condition::Any(parts) => join(workbook, parts, &s.cond_or, s),
    }
}

fn join(workbook: &Workbook, parts: &[Condition], word: &str, s: &Strings) -> String {
    parts.iter().map(|c| condition_words(workbook, c, s)).collect::<Vec<_>>().join(&format!(" {word} "))
}
