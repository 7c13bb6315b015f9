//! The gate screen: the shown phase's checkpoint, its exit criteria, the sign-offs of a
//! joint gate, and what still blocks it, in words.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::state::App;
use crate::i18n::glyphs;
use crate::model::{Owner, gate};

pub fn render(app: &App, cursor: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = screen::text_width(area);
    let Some((index, phase)) = app.gate_phase().and_then(|p| app.workbook.phases.get(p).map(|phase| (p, phase))) else {
        screen::render(frame, area, theme, &s.scr_gate, vec![Line::from(s.finished.clone())], None);
        return;
    };
    let g = &phase.gate;
    let state = gate::state(&app.workbook, &app.rollup, index);
    let state_text = s.gate_state(state);
    let mut lines: Vec<Line<'static>> = vec![Line::from(vec![
        Span::styled(format!("{} {state_text}", glyphs::gate(state)), theme.gate(state)),
        Span::styled(format!("  {} · {}", phase.title, g.id), theme.dim()),
    ])];
    if let Some(passage) = &g.passed {
        let mut text = s.passed_on.replace("{date}", &passage.date.to_string()).replace("{by}", &passage.by);
        if let Some(w) = &passage.waiver {
            text.push_str(&format!(", {}", s.on_waiver.replace("{id}", w)));
        }
        lines.push(Line::from(text));
        let reopened = gate::reopened(&app.workbook, &app.rollup, index);
        if !reopened.is_empty() {
            let text = format!("⚠ {}", s.reopened_after_pass.replace("{n}", &reopened.len().to_string()));
            lines.push(Line::from(Span::styled(text, theme.urgency(crate::model::deadline::Urgency::Soon))));
            for id in &reopened {
                let text = app.workbook.item(id).map_or(id.as_str(), |i| i.text.as_str());
                lines.extend(screen::para(text, width, "    ", theme.dim()));
            }
        }
    }
    if !g.detail.is_empty() {
        lines.extend(screen::para(&g.detail, width, "", theme.dim()));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(s.exit_criteria.clone(), theme.heading())));
    let mut selected = None;
    let review = gate::review(&app.workbook, &app.rollup, index);
    for (i, c) in g.criteria.iter().enumerate() {
        if i == cursor {
            selected = Some(lines.len());
        }
        let mark = if c.met { "[x]" } else { "[ ]" };
        let style = if c.met { theme.status(crate::model::Status::Done) } else { ratatui::style::Style::new() };
        // Marked met is not yet met while the items the criterion names are open: say which.
        let waits = c.met && g.passed.is_none() && review.unmet_criteria.contains(&c.id);
        lines.push(Line::from(Span::styled(super::fit(&format!("{mark} {}", c.text), width), style)));
        if waits {
            let open: Vec<&str> = c
                .items
                .iter()
                .filter_map(|id| app.workbook.item(id))
                .filter(|i| !matches!(i.status, crate::model::Status::Done | crate::model::Status::NotApplicable))
                .map(|i| i.text.as_str())
                .collect();
            // Each item's own full stop is dropped: the list is punctuated by its separators.
            let open: Vec<&str> = open.iter().map(|t| t.trim_end_matches('.')).collect();
            let text = s.criterion_waits.replace("{items}", &open.join("; "));
            lines.extend(screen::para(&text, width, "    ", theme.dim()).into_iter().take(3));
        }
    }
    if g.joint {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(s.signoffs.clone(), theme.heading())));
        for party in [Owner::Microsoft, Owner::Customer] {
            let text = match g.signoffs.iter().find(|so| so.party == party && !so.name.trim().is_empty()) {
                Some(so) => format!("✓ {}: {} ({})", s.party(&app.workbook.meta.parties, party), so.name, so.date),
                None => format!("· {}: {}", s.party(&app.workbook.meta.parties, party), s.not_signed),
            };
            lines.push(Line::from(text));
        }
    }
    if g.passed.is_none() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(s.blocks.clone(), theme.heading())));
        if review.is_clear() {
            lines.push(Line::from(Span::styled(
                format!("{} {}", glyphs::gate(gate::GateState::Ready), s.gate_clear),
                theme.gate(state),
            )));
        }
        if let Some(earlier) = &review.earlier_open {
            lines.push(Line::from(Span::styled(
                format!("■ {}", s.earlier_open.replace("{id}", &phase_title(app, earlier))),
                theme.error(),
            )));
        }
        if !review.open_items.is_empty() {
            lines.push(Line::from(format!("■ {}", s.open_in_phase(review.open_items.len()))));
            // Each whole, wrapped, as many as the rows below what is already there hold (at
            // least five), the rest counted; the lines still to come keep their rows.
            let after =
                2 + usize::from(!review.unmet_criteria.is_empty()) + usize::from(!review.missing_signoffs.is_empty());
            let room = usize::from(area.height).saturating_sub(lines.len() + after).max(6);
            let mut listed = 0;
            let mut used = 0;
            for (n, id) in review.open_items.iter().enumerate() {
                let text = app.workbook.item(id).map_or(id.as_str(), |i| i.text.as_str());
                let para = screen::para(text, width, "    ", theme.dim());
                // The last row left is for "… and N more" while more are to come.
                let reserve = usize::from(n + 1 < review.open_items.len());
                if used + para.len() + reserve > room {
                    break;
                }
                used += para.len();
                listed += 1;
                lines.extend(para);
            }
            if review.open_items.len() > listed {
                let more = s.and_more.replace("{n}", &(review.open_items.len() - listed).to_string());
                lines.push(Line::from(Span::styled(format!("    {more}"), theme.dim())));
            }
        }
        if !review.unmet_criteria.is_empty() {
            lines.push(Line::from(format!("■ {}: {}", s.unmet_criteria, review.unmet_criteria.len())));
        }
        if !review.missing_signoffs.is_empty() {
            let parties: Vec<&str> =
                review.missing_signoffs.iter().map(|p| s.party(&app.workbook.meta.parties, *p)).collect();
            lines.push(Line::from(format!("■ {}: {}", s.missing_signoffs, parties.join(", "))));
        }
    }
    let title = format!("{}: {}", s.scr_gate, g.title);
    screen::render(frame, area, theme, &title, lines, selected);
}

/// The title of the phase with `id`, or the id when there is no such phase.
fn phase_title(app: &App, id: &str) -> String {
    app.workbook.phase(id).map_or_else(|| id.to_string(), |p| p.title.clone())
}
