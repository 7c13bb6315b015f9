//! The note editor: a multi-line text area over the screen, for a new note or the
//! latest one of the selected item.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear};
use ratatui_textarea::TextArea;

use super::theme::Theme;
use crate::app::layout::centered;
use crate::app::state::App;

pub fn render(
    app: &App,
    item: &str,
    editing: bool,
    input: &TextArea<'static>,
    theme: Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let s = app.strings();
    let title = app.workbook.item(item).map_or(item, |i| i.text.as_str());
    let heading = if editing { &s.note_edit } else { &s.note_new };
    let popup = centered(area, area.width.saturating_sub(8).max(40), area.height.saturating_sub(6).max(8));
    let block = Block::bordered()
        .border_style(theme.focus_border())
        .title(Span::styled(
            format!(" {heading}: {} ", super::fit(title, usize::from(popup.width).saturating_sub(20))),
            theme.title(),
        ))
        .title_bottom(super::meeting::editor_keys(app, popup, theme));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    frame.render_widget(input, inner);
}
