//! The phase stepper: General, then each phase with its progress and gate, the phase
//! the engagement stands in marked, the shown one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit;
use super::theme::{Theme, bar};
use crate::app::layout::stepper_cells;
use crate::app::state::{App, Section};
use crate::i18n::glyphs;
use crate::model::gate::{self, Standing};

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let standing = gate::standing(&app.workbook);
    for (section, cell) in stepper_cells(area, app.workbook.phases.len()) {
        let width = usize::from(cell.width.saturating_sub(1));
        let shown = section == app.section;
        let title_style = if shown { theme.selected().patch(theme.title()) } else { theme.title() };
        let lines = match section {
            Section::General => {
                let p = app.rollup.general_progress;
                vec![
                    Line::from(Span::styled(fit(&format!("0 {}", s.general), width), title_style)),
                    Line::from(Span::styled(fit(&format!("{}/{}", p.done, p.total), width), theme.dim())),
                    Line::from(""),
                ]
            }
            Section::Phase(i) => {
                let Some(phase) = app.workbook.phases.get(i) else { continue };
                let marker = if standing == Standing::In(i) { "▶" } else { " " };
                let progress = app.rollup.phase_progress.get(i).copied().unwrap_or_default();
                let state = app.rollup.gate(i);
                let percent = format!(" {:>3}%", progress.percent());
                let bar_width = width.saturating_sub(percent.len()).min(12);
                let gate_text = format!("{} {}", glyphs::gate(state), s.gate_state(state));
                // The day it started after its progress, where the bar can give way for it.
                let since = phase.started.map(|day| format!(" {}", day.format("%m-%d"))).unwrap_or_default();
                let (percent, bar_width) = if width >= percent.len() + since.len() + 4 {
                    let percent = format!("{percent}{since}");
                    let bar = width.saturating_sub(percent.len()).min(12);
                    (percent, bar)
                } else {
                    (percent, bar_width)
                };
                vec![
                    Line::from(Span::styled(
                        fit(&format!("{marker}{} {}", i + 1, short_title(phase, width)), width),
                        title_style,
                    )),
                    Line::from(vec![
                        Span::styled(bar(progress.percent(), bar_width), theme.gauge()),
                        Span::raw(percent),
                    ]),
                    Line::from(Span::styled(fit(&gate_text, width), theme.gate(state))),
                ]
            }
        };
        frame.render_widget(Paragraph::new(super::text::safe(lines)), cell);
    }
}

/// A phase's title for a cell `width` wide: whole where it fits; otherwise, for a phase that
/// is one part of a stage ("Enable: core capabilities"), the part without the stage, so two
/// parts of one stage still read apart in a narrow stepper.
fn short_title(phase: &crate::model::Phase, width: usize) -> &str {
    let whole = phase.title.as_str();
    if unicode_width::UnicodeWidthStr::width(whole) + 3 <= width || phase.stage.is_empty() {
        return whole;
    }
    match whole.strip_prefix(phase.stage.as_str()) {
        Some(rest) => match rest.trim_start_matches([':', ' ', '-', '\u{2013}', '\u{2014}', '\u{b7}']) {
            "" => whole,
            part => part,
        },
        None => whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_of_a_stage_drops_the_stage_only_where_the_whole_title_does_not_fit() {
        let mut phase = crate::model::fixture::workbook().phases.remove(0);
        phase.title = "Enable: core capabilities".into();
        phase.stage = "Enable".into();
        assert_eq!(short_title(&phase, 40), "Enable: core capabilities");
        assert_eq!(short_title(&phase, 13), "core capabilities");
        phase.stage = String::new();
        assert_eq!(short_title(&phase, 13), "Enable: core capabilities");
        phase.stage = "Enable".into();
        phase.title = "Enable".into();
        assert_eq!(short_title(&phase, 3), "Enable");
    }
}
