//! The header's deadline line: each deadline's short title, date and days left, whole,
//! on as many lines as they need (two at most). The layout asks how many; the screen
//! draws the same lines.

use unicode_width::UnicodeWidthStr;

use super::state::App;
use crate::i18n::cells::fit;
use crate::i18n::glyphs;
use crate::model::deadline::{self, DeadlineDate, Urgency};

/// How the overall progress starts the deadline line: in full (`Overall  40 % ` and a bar
/// of ten), as a word and a figure, or the figure alone, whichever lets the deadlines show
/// whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overall {
    Full,
    Word,
    Figure,
}

impl Overall {
    /// The overall progress of `percent` in this form: its text, and the cells of its bar.
    pub fn text(self, app: &App, percent: u8) -> (String, usize) {
        match self {
            Overall::Full => (format!("{} {percent:>3} % ", app.strings().overall), 10),
            Overall::Word => (format!("{} {percent} %", app.strings().overall), 0),
            Overall::Figure => (format!("{percent} %"), 0),
        }
    }

    fn cells(self, app: &App) -> usize {
        let (text, bar) = self.text(app, 100);
        text.width() + bar
    }
}

/// The most lines the deadlines take.
pub const MAX_LINES: usize = 2;

/// One deadline as the header shows it, with its urgency for the colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    pub urgency: Option<Urgency>,
}

impl App {
    /// The deadlines, line by line, for a header `width` cells wide: the first line after the
    /// overall progress, the next from the start. Each whole (title, date, days left) where
    /// two lines hold them; else their titles give way, then their dates.
    pub fn deadline_lines(&self, width: usize) -> (Overall, Vec<Vec<Shown>>) {
        let today = self.today();
        let s = self.strings();
        let deadlines = deadline::deadlines(&self.workbook);
        let shown = |d: &DeadlineDate, with_date: bool, title_cells: Option<usize>| {
            let glyph = d.urgency(today).map(glyphs::urgency).unwrap_or_default();
            let tail = match (d.date, d.days_left(today)) {
                _ if d.met && with_date => format!(": {glyph} {}", s.met(d.met_on, d.date)),
                _ if d.met => format!(": {glyph} {}", s.deadline_met),
                (Some(date), Some(days)) if with_date => format!(": {date} {} {glyph}", s.days(days)),
                (Some(_), Some(days)) => format!(": {} {glyph}", s.days(days)),
                _ => format!(": {}", s.not_set),
            };
            let title = short_title(&d.deadline.title);
            let title = title_cells.map_or_else(|| title.to_string(), |c| fit(title, c));
            Shown { text: format!("{title}{}", tail.trim_end()), urgency: d.urgency(today) }
        };
        // Whole, packed onto the lines in order, the overall progress as short as that needs.
        let whole: Vec<Shown> = deadlines.iter().map(|d| shown(d, true, None)).collect();
        for overall in [Overall::Full, Overall::Word, Overall::Figure] {
            if let Some(lines) = pack(&whole, width.saturating_sub(overall.cells(self)), width) {
                return (overall, lines);
            }
        }
        let first = width.saturating_sub(Overall::Full.cells(self));
        // Else all on the first line, each with an equal share, as before: the title gives
        // way first, then the date; the days left always show.
        let per = if deadlines.is_empty() { 0 } else { first / deadlines.len() };
        let cut = deadlines
            .iter()
            .map(|d| {
                let with_date = shown(d, true, Some(0)).text.width() + 3 + 12 <= per;
                let tail = shown(d, with_date, Some(0)).text.width();
                shown(d, with_date, Some(per.saturating_sub(tail + 3)))
            })
            .collect();
        (Overall::Full, vec![cut])
    }

    /// Lines the header takes: the engagement's, and the deadlines'.
    pub fn header_lines(&self) -> u16 {
        let lines = self.deadline_lines(usize::from(self.size.0)).1.len().clamp(1, MAX_LINES);
        1 + u16::try_from(lines).unwrap_or(1)
    }
}

impl App {
    /// The banner under the header: the first warning the rules found, with the key of the
    /// screen that fixes it and how many more there are; `None` when there is none.
    pub fn banner_text(&self) -> Option<String> {
        use super::action::Action;
        use super::context::Context;
        use crate::model::check::Issue;
        let s = self.strings();
        let warnings: Vec<&Issue> = self.warnings().collect();
        let first = warnings.first()?;
        // What to press and how many more come first.
        let mut text = String::from("⚠");
        let fixed_by = match first {
            Issue::StartBeforePurchase { .. } => Some(Action::Engagement),
            Issue::RuledOut { .. } => Some(Action::Scope),
            _ => None,
        };
        if let Some(key) = fixed_by.and_then(|a| self.config.keymap.first(Context::Main, a)) {
            text.push_str(&format!(" [{key}]"));
        }
        text.push_str(&format!(" {}", s.warning(first).unwrap_or_default()));
        if warnings.len() > 1 {
            text = format!("{} {}", s.w_more.replace("{n}", &(warnings.len() - 1).to_string()), text);
        }
        Some(text)
    }

    /// The banner's lines at the window's width: none, one, or two for a long warning.
    pub fn banner_lines(&self) -> Vec<String> {
        let Some(text) = self.banner_text() else { return Vec::new() };
        let width = usize::from(self.size.0);
        let mut lines = crate::i18n::cells::wrap(&text, width, BANNER_LINES + 1);
        if lines.len() > BANNER_LINES {
            lines.truncate(BANNER_LINES);
            if let Some(last) = lines.last_mut() {
                *last = fit(&format!("{last} …"), width);
            }
        }
        lines
    }
}

/// The most lines the banner takes; a longer warning is cut at its end (the key to fix it
/// and how many more come first).
pub const BANNER_LINES: usize = 2;

/// Cells a deadline takes on its line: ` · ` and its text.
fn cost(shown: &Shown) -> usize {
    shown.text.width() + 3
}

/// `all` on at most [`MAX_LINES`] lines, the first `first` cells wide and the next `width`,
/// in order and each whole; `None` when they do not fit.
fn pack(all: &[Shown], first: usize, width: usize) -> Option<Vec<Vec<Shown>>> {
    let mut lines: Vec<Vec<Shown>> = vec![Vec::new()];
    let mut room = first;
    for d in all {
        if cost(d) > room {
            if lines.len() == MAX_LINES {
                return None;
            }
            lines.push(Vec::new());
            room = width;
            if cost(d) > room {
                return None;
            }
        }
        room -= cost(d);
        lines.last_mut()?.push(d.clone());
    }
    Some(lines)
}

/// A deadline title without its explanation in brackets.
pub fn short_title(title: &str) -> &str {
    title.split(" (").next().unwrap_or(title)
}
