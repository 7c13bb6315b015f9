//! The help overlay: every action with its keys and what it does, from the live
//! bindings, with any problem in the user's key config at the top.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::layout::centered;
use super::theme::Theme;
use crate::app::action::Action;
use crate::app::state::App;

pub fn render(app: &App, scroll: u16, theme: Theme, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let popup = centered(area, 76, area.height.saturating_sub(2));
    let mut lines = Vec::new();
    for problem in &app.config.problems {
        lines.push(Line::from(Span::styled(format!("! {problem}"), theme.error())));
    }
    if !app.config.problems.is_empty() {
        lines.push(Line::from(""));
    }
    for action in Action::all() {
        if let Action::GoToPhase(n) = action
            && (n == 0 || usize::from(n) > app.workbook.phases.len())
        {
            continue;
        }
        let keys = app.config.keymap.describe(action);
        let mut text = s.help_text(action).to_string();
        if let Action::GoToPhase(n) = action {
            text = text.replace("{n}", &n.to_string());
        }
        lines.push(Line::from(vec![Span::styled(format!("{keys:<18}"), theme.key()), Span::raw(text)]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(s.help_footer.clone(), theme.dim())));
    let block = Block::bordered().title(Span::styled(format!(" {} ", s.help_title), theme.title()));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)), popup);
}
