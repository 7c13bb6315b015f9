//! How the checklist's rows are laid out in the list's width. An item row shows its whole
//! text, wrapped onto as many lines as it needs; the assignee and due date sit beside the
//! first line where that leaves the text room, else on a line of their own under it. The
//! same layout is what the screen draws and what the cursor scrolls by, so the selected
//! row is always whole on screen.

use super::state::{App, Row};
use crate::i18n::cells::{cells, fit, head, wrap};
use crate::model::{Item, ItemKind};

/// The most lines an item's text takes; a text longer than that (a pasted page) ends in `…`
/// and is read whole in the detail pane — or on the selected row, which takes as many lines
/// as the window has.
pub const MAX_TEXT_LINES: usize = 8;
/// The fewest cells the text keeps beside the assignee and due date; narrower, they move
/// under it.
const MIN_BESIDE: usize = 32;
/// The widest an assignee is shown in the checklist, in a narrow list and a wide one.
const ASSIGNEE_CELLS: usize = 16;
const ASSIGNEE_CELLS_WIDE: usize = 32;
/// A due date and its urgency mark: `2026-12-08⚠`.
const DUE_CELLS: usize = 11;
/// Cells of the status mark at the start of a row (`[x]`).
pub const MARK_CELLS: usize = 3;

/// The widths of the assignee and due columns of a list: as wide as its rows need, so an
/// empty column costs no room.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Columns {
    pub assignee: usize,
    pub due: usize,
    /// The list's width inside its border, which the rows are laid out in.
    pub list: usize,
}

impl Columns {
    /// Cells the two columns take, with the space before each.
    pub fn width(self) -> usize {
        let one = |w: usize| if w > 0 { w + 1 } else { 0 };
        one(self.assignee) + one(self.due)
    }
}

/// One item row as laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemLines {
    /// Cells before the text: the indent under headings, the status mark and a space.
    pub lead: usize,
    /// The text, line by line: the first at most `text_width` cells, the rest `rest_width`
    /// (wider when the assignee and due date sit beside the first line only).
    pub text: Vec<String>,
    pub text_width: usize,
    pub rest_width: usize,
    /// Whether the assignee and due date go on a line under the text rather than beside it.
    pub facts_below: bool,
}

impl ItemLines {
    pub fn height(&self) -> usize {
        self.text.len() + usize::from(self.facts_below)
    }
}

/// Lays out an item whose shown text is `text` (marks included), `depth` levels under
/// headings, in a list `width` cells wide inside its border.
pub fn item_lines(text: &str, depth: u8, width: usize, columns: Columns, has_facts: bool, most: usize) -> ItemLines {
    let lead = 2 * usize::from(depth) + MARK_CELLS + 1;
    let beside = width.saturating_sub(lead + columns.width());
    // A row with no assignee or due date has nothing beside its text, which takes the width.
    let (text_width, facts_below) = if !has_facts || columns.width() == 0 {
        (width.saturating_sub(lead), false)
    } else if beside >= MIN_BESIDE {
        (beside, false)
    } else {
        (width.saturating_sub(lead), true)
    };
    let text_width = text_width.max(1);
    let most = most.max(1);
    // Beside the facts only the first line is narrowed: the lines under it take the width.
    let full = width.saturating_sub(lead).max(1);
    let mut lines = wrap(text, text_width, most + 1);
    let mut rest_width = text_width;
    if !facts_below
        && has_facts
        && full > text_width
        && lines.len() > 1
        && let Some(rest) = lines.first().and_then(|first| rest_after(text, first))
    {
        let mut under = wrap(rest, full, most);
        lines.truncate(1);
        lines.append(&mut under);
        rest_width = full;
    }
    let width_of = |n: usize| if n == 0 { text_width } else { rest_width };
    if lines.len() > most {
        lines.truncate(most);
        let n = lines.len() - 1;
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last} …"), width_of(n));
        }
    }
    // `wrap` breaks no line narrower than ten cells; a list that narrow is cut instead.
    for (n, line) in lines.iter_mut().enumerate() {
        if cells(line) > width_of(n) {
            *line = fit(line, width_of(n));
        }
    }
    ItemLines { lead, text: lines, text_width, rest_width, facts_below }
}

/// What of `text` comes after its first line `first` as wrapping made it, when that can be
/// told (the line is the text's own characters, whitespace aside).
fn rest_after<'a>(text: &'a str, first: &str) -> Option<&'a str> {
    let mut chars = text.char_indices().peekable();
    for wanted in first.chars().filter(|c| !c.is_whitespace()) {
        loop {
            match chars.next() {
                Some((_, c)) if c.is_whitespace() => {}
                Some((_, c)) if c == wanted => break,
                _ => return None,
            }
        }
    }
    let at = chars.peek().map_or(text.len(), |(i, _)| *i);
    let rest = text.get(at..)?.trim_start();
    (!rest.is_empty()).then_some(rest)
}

/// An item's text as its row shows it: a task is marked, one out of scope says so, and one
/// with notes says how many (`✎2`).
pub fn shown_text(item: &Item, out_of_scope: Option<&str>) -> String {
    let task = if item.kind == ItemKind::Task { "› " } else { "" };
    let notes = if item.notes.is_empty() { String::new() } else { format!(" ✎{}", item.notes.len()) };
    match out_of_scope {
        Some(mark) => format!("({mark}) {task}{}{notes}", item.text),
        None => format!("{task}{}{notes}", item.text),
    }
}

impl App {
    /// The assignee and due columns of the shown list.
    pub fn columns(&self) -> Columns {
        let items = self.items();
        let shown = || {
            self.rows.iter().filter_map(|row| match row {
                Row::Item { index, .. } => items.get(*index),
                Row::Group(_) => None,
            })
        };
        let width = usize::from(self.areas().list.width);
        let most = if width >= 90 { ASSIGNEE_CELLS_WIDE } else { ASSIGNEE_CELLS };
        let assignee = shown().map(|i| cells(head(&i.assignee, most))).max().unwrap_or(0);
        let due = if shown().any(|i| i.due.is_some()) { DUE_CELLS } else { 0 };
        Columns { assignee: assignee.min(most), due, list: width.saturating_sub(2) }
    }

    /// The layout of row `at`, or `None` for an owner heading (one line) or no row.
    pub fn item_lines(&self, at: usize, columns: Columns) -> Option<ItemLines> {
        let Some(Row::Item { index, depth }) = self.rows.get(at) else { return None };
        let item = self.items().get(*index)?;
        let in_scope = self.rollup.facts(self.section.list(), *index).in_scope;
        let text = shown_text(item, (!in_scope).then_some(self.strings().out_of_scope.as_str()));
        // The selected row is read whole, as far as the window goes.
        let most =
            if at == self.cursor { self.list_height().saturating_sub(1).max(MAX_TEXT_LINES) } else { MAX_TEXT_LINES };
        Some(item_lines(&text, *depth, columns.list, columns, !item.assignee.is_empty() || item.due.is_some(), most))
    }

    /// How many screen lines row `at` takes.
    pub fn row_height(&self, at: usize, columns: Columns) -> usize {
        self.item_lines(at, columns).map_or(1, |l| l.height())
    }

    /// The row drawn at line `line` (0 = the first inside the border) of the checklist.
    pub fn row_at_line(&self, line: usize) -> Option<usize> {
        let columns = self.columns();
        let mut top = 0;
        for at in self.scroll..self.rows.len() {
            let height = self.row_height(at, columns);
            if line < top + height {
                return Some(at);
            }
            top += height;
        }
        None
    }

    /// The row a page down starts with: the first one not whole in the window now, or the
    /// last row when every row to the end is.
    pub fn page_below(&self) -> usize {
        let (height, columns) = (self.list_height().max(1), self.columns());
        let mut used = 0;
        for at in self.scroll..self.rows.len() {
            used += self.row_height(at, columns);
            if used > height {
                return at.max(self.scroll + 1).min(self.rows.len().saturating_sub(1));
            }
        }
        self.rows.len().saturating_sub(1)
    }

    /// The row a page up starts with: the first of the rows that fill the window above the
    /// one at its top now.
    pub fn page_above(&self) -> usize {
        let (height, columns) = (self.list_height().max(1), self.columns());
        let mut top = self.scroll;
        let mut used = 0;
        while top > 0 {
            let above = self.row_height(top - 1, columns);
            if used + above > height {
                break;
            }
            used += above;
            top -= 1;
        }
        // Always a move, even past a row taller than the window.
        if top == self.scroll { self.scroll.saturating_sub(1) } else { top }
    }

    /// Keeps the cursor's row whole inside the visible lines, and no blank lines under the
    /// last row while there are rows above to show.
    pub fn clamp_scroll(&mut self) {
        let height = self.list_height().max(1);
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        if self.rows.is_empty() {
            self.scroll = 0;
            return;
        }
        let columns = self.columns();
        if self.cursor < self.scroll {
            self.scroll = self.cursor;
        }
        // The first row that lets the cursor's row end inside the window; looking back from
        // the cursor, so it costs the rows of a window, however far the cursor jumped.
        let mut used = self.row_height(self.cursor, columns);
        let mut first = self.cursor;
        while first > self.scroll {
            let above = self.row_height(first - 1, columns);
            if used + above > height {
                break;
            }
            used += above;
            first -= 1;
        }
        self.scroll = first.max(self.scroll);
        // The group heading right above the top row comes into view where the cursor's row
        // still ends inside the window: a list never starts under a heading it hides.
        if self.scroll > 0 && matches!(self.rows.get(self.scroll - 1), Some(Row::Group(_))) {
            let shown: usize = (self.scroll..=self.cursor).map(|at| self.row_height(at, columns)).sum();
            if shown < height {
                self.scroll -= 1;
            }
        }
        // Scrolled further than the rows below need: pull rows back in from above.
        let mut below: usize = 0;
        for at in self.scroll..self.rows.len() {
            below += self.row_height(at, columns);
            if below > height {
                return;
            }
        }
        while self.scroll > 0 {
            let above = self.row_height(self.scroll - 1, columns);
            if below + above > height {
                break;
            }
            below += above;
            self.scroll -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_keeps_room_beside_the_columns_or_they_move_under_it() {
        let both = Columns { assignee: 9, due: 11, list: 0 };
        let wide = item_lines("Take part in the engagement kick-off meeting.", 0, 118, both, true, MAX_TEXT_LINES);
        assert_eq!(wide.text, ["Take part in the engagement kick-off meeting."]);
        assert!(!wide.facts_below);
        assert_eq!(wide.text_width, 118 - 4 - 22);
        let narrow = item_lines("Take part in the engagement kick-off meeting.", 1, 52, both, true, MAX_TEXT_LINES);
        assert!(narrow.facts_below);
        assert_eq!(narrow.text, ["Take part in the engagement kick-off meeting."]);
        assert_eq!(narrow.height(), 2);
        // An item with neither has no line for them, and its text the whole width.
        let bare = item_lines("Short.", 0, 50, both, false, MAX_TEXT_LINES);
        assert_eq!((bare.height(), bare.text_width), (1, 46));
    }

    #[test]
    fn beside_the_facts_only_the_first_line_is_narrowed() {
        let both = Columns { assignee: 9, due: 11, list: 0 };
        let text = "Take part in the engagement kick-off meeting, manage and lead your organization's participants, \
                    and confirm the remediation timelines with the people who will carry them out.";
        let laid = item_lines(text, 0, 78, both, true, MAX_TEXT_LINES);
        assert!(!laid.facts_below);
        assert_eq!((laid.text_width, laid.rest_width), (78 - 4 - 22, 78 - 4));
        assert!(cells(&laid.text[0]) <= laid.text_width);
        assert!(laid.text[1..].iter().all(|l| cells(l) <= laid.rest_width));
        assert!(laid.text[1..].iter().any(|l| cells(l) > laid.text_width), "{laid:?}");
        let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&laid.text.join(" ")), words(text), "every word, once, in order");
        assert_eq!(rest_after("one two three", "one"), Some("two three"));
        assert_eq!(rest_after("one", "one"), None);
        assert_eq!(rest_after("abc", "ab-"), None);
    }

    #[test]
    fn a_long_text_wraps_whole_and_a_huge_one_ends_in_an_ellipsis() {
        let text =
            "Provide the list of devices, their owners and the platforms they run, so that enrollment can be planned.";
        let lines = item_lines(text, 0, 60, Columns::default(), false, MAX_TEXT_LINES);
        assert_eq!(lines.text.join(" "), text);
        assert!(lines.text.iter().all(|l| cells(l) <= 58), "{lines:?}");
        let huge = "word ".repeat(10_000);
        let lines = item_lines(&huge, 0, 60, Columns::default(), false, MAX_TEXT_LINES);
        assert_eq!(lines.text.len(), MAX_TEXT_LINES);
        assert!(lines.text[MAX_TEXT_LINES - 1].ends_with('…'));
        // Selected, in a taller window: as many lines as it has room for.
        let selected = item_lines(&huge, 0, 60, Columns::default(), false, 20);
        assert_eq!(selected.text.len(), 20);
        let text = "word ".repeat(100);
        assert!(!item_lines(&text, 0, 60, Columns::default(), false, 20).text.concat().contains('…'));
    }
}
