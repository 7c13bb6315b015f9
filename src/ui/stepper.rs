//! The phase stepper: General, then each phase with its progress and gate, the phase
//! the engagement stands in marked, the shown one highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::fit;
use super::theme::{Theme, bar, gate_glyph};
use crate::app::state::{App, Section};
use crate::model::gate::{self, Standing};

/// Width of the General cell at the left of the stepper.
const GENERAL_WIDTH: u16 = 10;

/// The cells of the stepper: General first, then one per phase.
fn cells(area: Rect, phases: usize) -> Vec<(Section, Rect)> {
    let mut cells = vec![(Section::General, Rect::new(area.x, area.y, GENERAL_WIDTH.min(area.width), area.height))];
    if phases == 0 {
        return cells;
    }
    let rest = area.width.saturating_sub(GENERAL_WIDTH);
    let n = u16::try_from(phases).unwrap_or(u16::MAX);
    let each = rest / n;
    for i in 0..phases {
        let i16 = u16::try_from(i).unwrap_or(0);
        let x = area.x + GENERAL_WIDTH + each * i16;
        // The last cell takes the remainder so the row is filled.
        let width = if i + 1 == phases { area.right().saturating_sub(x) } else { each };
        cells.push((Section::Phase(i), Rect::new(x, area.y, width, area.height)));
    }
    cells
}

/// The section whose cell holds column `column`, for mouse clicks.
pub fn section_at(area: Rect, phases: usize, column: u16) -> Option<Section> {
    cells(area, phases).into_iter().find(|(_, r)| column >= r.x && column < r.right()).map(|(s, _)| s)
}

pub fn render(app: &App, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let standing = gate::standing(&app.workbook);
    for (section, cell) in cells(area, app.workbook.phases.len()) {
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
                let gate_text = format!("{} {}", gate_glyph(state), crate::report::gate_words(s, state));
                vec![
                    Line::from(Span::styled(fit(&format!("{marker}{} {}", i + 1, phase.title), width), title_style)),
                    Line::from(vec![
                        Span::styled(bar(progress.percent(), bar_width), theme.gauge()),
                        Span::raw(percent),
                    ]),
                    Line::from(Span::styled(fit(&gate_text, width), theme.gate(state))),
                ]
            }
        };
        frame.render_widget(Paragraph::new(lines), cell);
    }
}
