//! What the workflow screens share: the frame they are drawn in (everything above the
//! hint bar), word wrapping, and a list that scrolls to keep its selected line in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;

/// The area a screen covers: the whole window but the hint bar.
pub fn area(full: Rect) -> Rect {
    Rect { height: full.height.saturating_sub(1), ..full }
}

/// The most lines a paragraph on a screen is wrapped into; what a window could never show
/// is not wrapped at all.
pub const MAX_LINES: usize = 400;

/// Splits text into lines of at most `width` cells at spaces; a longer word gets a line
/// of its own and is cut by the frame.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    super::text::wrap(text, width, MAX_LINES)
}

/// Wrapped text as lines, each starting with `indent` and styled alike.
pub fn para(text: &str, width: usize, indent: &str, style: ratatui::style::Style) -> Vec<Line<'static>> {
    wrap(text, width.saturating_sub(indent.width()))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!("{indent}{l}"), style)))
        .collect()
}

/// [`para`] with a hanging indent: the first line at the margin (or after what the caller
/// puts before it, `indent` wide), the lines under it indented by `indent`.
pub fn hanging(text: &str, width: usize, indent: &str, style: ratatui::style::Style) -> Vec<Line<'static>> {
    wrap(text, width.saturating_sub(indent.width()))
        .into_iter()
        .enumerate()
        .map(|(n, l)| Line::from(Span::styled(if n == 0 { l } else { format!("{indent}{l}") }, style)))
        .collect()
}

/// Draws a bordered screen with `lines`, scrolled so the line `selected` is in view.
pub fn render(
    frame: &mut Frame,
    full: Rect,
    theme: Theme,
    title: &str,
    lines: Vec<Line<'static>>,
    selected: Option<usize>,
) {
    render_further(frame, full, theme, title, lines, selected, 0);
}

/// [`render`], scrolled `further` lines beyond what keeps `selected` in view: what lies
/// below the selection (a meeting's minutes) can be read too.
pub fn render_further(
    frame: &mut Frame,
    full: Rect,
    theme: Theme,
    title: &str,
    lines: Vec<Line<'static>>,
    selected: Option<usize>,
    further: usize,
) {
    let area = area(full);
    let block = block(area, theme, title);
    let height = usize::from(block.inner(area).height).max(1);
    // Keep a line of context under the selection where there is room.
    let scroll = selected.map_or(0, |s| (s + 2).saturating_sub(height)) + further;
    draw(frame, area, theme, block, lines, selected, scroll);
}

/// Draws a bordered screen with `lines` and nothing selected, scrolled down `scroll` lines
/// (as far as there are lines to show).
pub fn render_scrolled(
    frame: &mut Frame,
    full: Rect,
    theme: Theme,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
) {
    let area = area(full);
    draw(frame, area, theme, block(area, theme, title), lines, None, scroll);
}

fn block(area: Rect, theme: Theme, title: &str) -> Block<'static> {
    Block::bordered().border_style(theme.focus_border()).title(Span::styled(
        format!(" {} ", super::fit(title, usize::from(area.width).saturating_sub(4))),
        theme.title(),
    ))
}

fn draw(
    frame: &mut Frame,
    area: Rect,
    theme: Theme,
    block: Block<'static>,
    lines: Vec<Line<'static>>,
    selected: Option<usize>,
    scroll: usize,
) {
    let height = usize::from(block.inner(area).height).max(1);
    let scroll = scroll.min(lines.len().saturating_sub(height));
    let mut lines = lines;
    if let Some(s) = selected
        && let Some(line) = lines.get_mut(s)
    {
        *line = line.clone().patch_style(theme.selected());
    }
    // Only what the window shows is drawn.
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(height).collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(super::text::safe(shown)).block(block), area);
}

/// The width text may take inside a screen's border.
pub fn text_width(full: Rect) -> usize {
    usize::from(full.width.saturating_sub(2))
}
