//! The decision log: every decision with its id, date, status and title, and the MADR
//! fields of the selected one below.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::screen;
use super::theme::Theme;
use crate::app::screens::decisions::Shown;
use crate::app::state::App;
use crate::model::DecisionStatus;

pub fn render(app: &App, cursor: usize, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let width = screen::text_width(area);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected = None;
    if app.workbook.decisions.is_empty() {
        let key = app.config.keymap.first(crate::app::context::Context::Decisions, crate::app::action::Action::Add);
        lines.push(Line::from(Span::styled(s.no_decisions.replace("{key}", &key.unwrap_or_default()), theme.dim())));
    }
    let shown = crate::app::screens::decisions::shown(app);
    let filter = crate::app::screens::decisions::filter(app);
    if filter != Shown::All {
        let name = match filter {
            Shown::All => s.decisions_all.clone(),
            Shown::Kind(kind) => s.decision_kind(kind).unwrap_or(&s.decision_general).to_string(),
            Shown::Status(status) => s.decision_status(status).to_string(),
        };
        let said = s
            .decisions_shown
            .replace("{filter}", &name)
            .replace("{n}", &shown.len().to_string())
            .replace("{total}", &app.workbook.decisions.len().to_string());
        lines.push(Line::from(Span::styled(super::fit(&said, width), theme.heading())));
    }
    for (row, &i) in shown.iter().enumerate() {
        let d = &app.workbook.decisions[i];
        if row == cursor {
            selected = Some(lines.len());
        }
        let style = if d.status == DecisionStatus::Superseded { theme.dim() } else { Style::new() };
        let kind = s.decision_kind(d.kind).map(|k| format!(" · {k}")).unwrap_or_default();
        let text = format!("{:<5} {} {:<10} {}{kind}", d.id, d.date, s.decision_status(d.status), d.title);
        lines.push(Line::from(Span::styled(super::fit(&text, width), style)));
    }
    if let Some(&index) = shown.get(cursor) {
        let d = &app.workbook.decisions[index];
        lines.push(Line::from(""));
        lines.extend(screen::para(&format!("{} · {}", d.id, d.title), width, "", theme.heading()));
        let mut field = |label: &str, value: &str| {
            if !value.trim().is_empty() {
                lines.extend(screen::para(&format!("{label}: {value}"), width, "", Style::new()));
            }
        };
        field(&s.deciders, &crate::model::names::join(&d.deciders));
        field(&s.context, &d.context);
        field(&s.options, &d.options.join("; "));
        field(&s.outcome, &d.outcome);
        field(&s.consequences, &d.consequences);
        // Each by what it is called: an item by its text, the rest by their titles.
        let names = crate::i18n::describe::Names::of(&app.workbook);
        let linked: Vec<String> = d
            .links
            .iter()
            .map(|id| match app.workbook.item(id) {
                Some(item) => item.text.trim_end_matches('.').to_string(),
                None => names.title(id).map_or_else(|| id.clone(), |t| t.trim_end_matches('.').to_string()),
            })
            .collect();
        field(&s.links, &linked.join("; "));
        // What it replaced, what replaced it, and the whole chain when there is one.
        let replaced: Vec<&str> = app
            .workbook
            .decisions
            .iter()
            .filter(|o| o.superseded_by.as_deref() == Some(d.id.as_str()))
            .map(|o| o.id.as_str())
            .collect();
        for id in replaced {
            lines.push(Line::from(Span::styled(s.supersedes.replace("{id}", id), theme.dim())));
        }
        if let Some(by) = &d.superseded_by {
            lines.push(Line::from(Span::styled(s.superseded_by.replace("{id}", by), theme.dim())));
        }
        let chain = crate::model::decision::chain(&app.workbook, index);
        if chain.len() > 1 {
            let ids: Vec<String> =
                chain.iter().map(|c| if c.id == d.id { format!("[{}]", c.id) } else { c.id.clone() }).collect();
            lines.extend(screen::para(&format!("{}: {}", s.decision_chain, ids.join(" → ")), width, "", theme.dim()));
        }
    }
    screen::render(frame, area, theme, &s.scr_decisions, lines, selected);
}
