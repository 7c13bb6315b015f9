//! Drawing: `draw` paints the whole screen from the state and changes nothing. One file
//! per pane or popup; layout and theme in their own.

pub mod about;
pub mod assess;
pub mod checklist;
pub mod conflicts;
pub mod decisions;
pub mod detail;
pub mod engagement;
pub mod gate;
pub mod header;
pub mod help;
pub mod hints;
pub mod history;
pub mod meeting;
pub mod meetings;
pub mod note;
pub mod picker;
pub mod prompt;
pub mod scope;
pub mod screen;
pub mod stepper;
pub mod text;
pub mod theme;
pub mod upcoming;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::context::Context;
use crate::app::layout;
use crate::app::state::{App, Mode, ScreenKind};
use theme::Theme;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme { color: app.color };
    let areas = app.areas();
    if areas.too_small {
        let s = app.strings();
        let text = s
            .too_small
            .replace("{w}", &layout::MIN_WIDTH.to_string())
            .replace("{h}", &layout::MIN_HEIGHT.to_string())
            .replace("{cw}", &area.width.to_string())
            .replace("{ch}", &area.height.to_string());
        let mut lines = vec![Line::from(text), Line::from("")];
        // What can still be answered here, so a quit with unsaved work is not a dead end.
        match &app.mode {
            Mode::ConfirmQuit => {
                lines.push(Line::from(s.unsaved_question.clone()));
                lines.push(Line::from(hints::spans(hints::pairs(app, Context::Quit), usize::from(area.width), theme)));
            }
            Mode::Conflict { .. } => {
                lines.push(Line::from(s.conflict_title.clone()));
                lines.push(Line::from(hints::spans(hints::pairs(app, app.context()), usize::from(area.width), theme)));
            }
            _ if app.is_dirty() || app.meeting_in_progress() || !matches!(app.mode, Mode::Normal) => {
                lines.push(Line::from(s.too_small_unsaved.clone()));
            }
            _ => {}
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    }
    header::render(app, theme, frame, areas.header);
    header::render_banner(app, theme, frame, areas.banner);
    stepper::render(app, theme, frame, areas.stepper);
    // Folded, the detail pane takes the checklist's place while it has the keys.
    if !areas.folded || app.pane == crate::app::state::Pane::List {
        checklist::render(app, theme, frame, areas.list);
    }
    if !areas.folded || app.pane == crate::app::state::Pane::Detail {
        detail::render(app, theme, frame, areas.detail);
    }
    if let Some(open) = &app.screen {
        let cursor = open.cursor;
        match open.kind {
            ScreenKind::Scope => scope::render(app, cursor, theme, frame, area),
            ScreenKind::Gate => gate::render(app, cursor, theme, frame, area),
            ScreenKind::Assess => assess::render(app, cursor, theme, frame, area),
            ScreenKind::Decisions => decisions::render(app, cursor, theme, frame, area),
            ScreenKind::Engagement => engagement::render(app, cursor, theme, frame, area),
            ScreenKind::Upcoming => upcoming::render(app, cursor, theme, frame, area),
            ScreenKind::About => about::render(app, cursor, theme, frame, area),
            ScreenKind::Meeting => meeting::render(app, cursor, theme, frame, area),
            ScreenKind::History => history::render(app, cursor, theme, frame, area),
            ScreenKind::Meetings => meetings::render(app, cursor, theme, frame, area),
            ScreenKind::Conflicts => conflicts::render(app, cursor, theme, frame, area),
        }
    }
    match &app.mode {
        Mode::Normal => {}
        Mode::Help { scroll, from } => help::render(app, *scroll, *from, theme, frame, area),
        Mode::Prompt { kind, input, error, .. } => {
            prompt::render(app, *kind, input, error.as_deref(), theme, frame, area)
        }
        Mode::Note { item, index, input } => note::render(app, item, index.is_some(), input, theme, frame, area),
        Mode::Minutes { input } => meeting::render_minutes(app, input, theme, frame, area),
        Mode::ConfirmQuit => prompt::render_quit(app, theme, frame, area),
        Mode::Conflict { modified, confirm, .. } => {
            prompt::render_conflict(app, *modified, *confirm, theme, frame, area);
        }
        Mode::Export { format, path, .. } => prompt::render_export(app, *format, path, theme, frame, area),
    }
    // Last, so a message longer than its line is read whole over whatever screen is open.
    hints::render(app, theme, frame, areas.hints);
}

pub use text::fit;
