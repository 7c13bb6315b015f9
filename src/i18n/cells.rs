//! User text made fit for terminal cells, for the screen and for anything that lays
//! text out in cells (the checklist's row heights, which the interface scrolls by). A workbook may hold anything, and the terminal
//! must still show each row in the columns it was laid out for, so what is drawn is a
//! shown form of the text, measured the way the screen buffer measures it (by grapheme
//! cluster):
//! - control characters are written visibly (`\u{1b}`), as are the marks and overrides
//!   that reorder text right to left;
//! - a tab becomes spaces up to the next stop, and a line break in one-line text a space;
//! - zero-width joiners, variation selectors and skin-tone modifiers are left out: each
//!   terminal draws the sequences they build at a width of its own (a joined emoji takes
//!   two cells in one and four in the next), while the emoji they join show the same
//!   everywhere;
//! - conjoining Hangul jamo are composed into the syllables they spell.
//!
//! Long text is cut before it is shown, so a note of any size costs what fits.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns between tab stops.
const TAB: usize = 4;

/// Whether `c` is left out of what is shown.
fn left_out(c: char) -> bool {
    matches!(c, '\u{200d}' | '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' | '\u{1f3fb}'..='\u{1f3ff}')
}

/// Whether `c` is written as `\u{…}`: it would act on the terminal, or reorder the text
/// around it where the terminal lays text out right to left.
fn escaped(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

fn jamo_l(c: char) -> Option<u32> {
    ('\u{1100}'..='\u{1112}').contains(&c).then(|| u32::from(c) - 0x1100)
}

fn jamo_v(c: char) -> Option<u32> {
    ('\u{1161}'..='\u{1175}').contains(&c).then(|| u32::from(c) - 0x1161)
}

fn jamo_t(c: char) -> Option<u32> {
    ('\u{11a8}'..='\u{11c2}').contains(&c).then(|| u32::from(c) - 0x11a7)
}

/// Whether the text needs no change to be shown.
pub fn plain(text: &str) -> bool {
    !text.chars().any(|c| c == '\t' || c == '\n' || left_out(c) || escaped(c) || jamo_l(c).is_some())
}

/// `text` as it is shown on one line of cells.
pub fn shown(text: &str) -> Cow<'_, str> {
    if plain(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut column = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => {
                let spaces = TAB - column % TAB;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                out.push(' ');
                column += 1;
            }
            c if left_out(c) => {}
            c if escaped(c) => {
                let visible = format!("\\u{{{:x}}}", u32::from(c));
                column += visible.len();
                out.push_str(&visible);
            }
            c => {
                // A leading and a vowel jamo, and a trailing one if it follows, are one syllable.
                let syllable = jamo_l(c).and_then(|l| {
                    let v = chars.peek().copied().and_then(jamo_v)?;
                    chars.next();
                    let t = chars.peek().copied().and_then(jamo_t).inspect(|_| {
                        chars.next();
                    });
                    char::from_u32(0xac00 + (l * 21 + v) * 28 + t.unwrap_or(0))
                });
                let c = syllable.unwrap_or(c);
                column += c.width().unwrap_or(0);
                out.push(c);
            }
        }
    }
    Cow::Owned(out)
}

/// The start of `text`, enough to fill `cells` cells: a text of any length is looked at
/// only as far as a line of the screen could show.
pub fn head(text: &str, cells: usize) -> &str {
    // Every character worth showing takes a cell or more; a few zero-width ones ride along.
    let chars = cells.saturating_mul(2).saturating_add(16);
    match text.char_indices().nth(chars) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// How many cells `text` takes once shown.
pub fn cells(text: &str) -> usize {
    shown(text).width()
}

/// `text` shown and shortened to `width` cells, ending in `…` when cut.
pub fn fit(text: &str, width: usize) -> String {
    let start = head(text, width);
    let cut_short = start.len() < text.len();
    let shown = shown(start);
    if !cut_short && shown.width() <= width {
        return shown.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in shown.graphemes(true) {
        let w = grapheme.width();
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(grapheme);
    }
    out.push('…');
    out
}

/// `text` shown and shortened from the left to `width` cells, keeping its end (which, in
/// a path, names the file).
pub fn fit_left(text: &str, width: usize) -> String {
    let shown = shown(text);
    if shown.width() <= width {
        return shown.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut kept: Vec<&str> = Vec::new();
    let mut used = 1;
    for grapheme in shown.graphemes(true).rev() {
        let w = grapheme.width();
        if used + w > width {
            break;
        }
        used += w;
        kept.push(grapheme);
    }
    std::iter::once("…").chain(kept.into_iter().rev()).collect()
}

/// `text` shown and padded with spaces to `width` cells, on the right (`align_right`:
/// on the left).
pub fn pad(text: &str, width: usize, align_right: bool) -> String {
    let shown = shown(text);
    let spaces = " ".repeat(width.saturating_sub(shown.width()));
    if align_right { format!("{spaces}{shown}") } else { format!("{shown}{spaces}") }
}

/// Splits text into lines of at most `width` cells at white space, at most `max_lines` of
/// them; a word longer than a line (a path) is broken where the line ends. Line breaks in
/// the text count as white space.
pub fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(10);
    let text = head(text, width.saturating_add(1).saturating_mul(max_lines));
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    let words = text.split_whitespace().flat_map(|word| pieces(word, width));
    for word in words {
        let word = shown(word);
        let word_width = word.width();
        if !line.is_empty() && line_width + 1 + word_width > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
            if lines.len() == max_lines {
                return lines;
            }
        }
        if !line.is_empty() {
            line.push(' ');
            line_width += 1;
        }
        line.push_str(&word);
        line_width += word_width;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `word` in pieces of at most `width` cells, broken between grapheme clusters.
fn pieces(word: &str, width: usize) -> Vec<&str> {
    if word.len() <= width {
        return vec![word];
    }
    let mut out = Vec::new();
    let (mut start, mut used) = (0, 0);
    for (at, grapheme) in word.grapheme_indices(true) {
        let w = cells(grapheme);
        if used + w > width && at > start {
            out.push(&word[start..at]);
            (start, used) = (at, 0);
        }
        used += w;
    }
    out.push(&word[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_show_as_escapes() {
        assert_eq!(shown("a\u{1b}]2;x\u{7}b"), "a\\u{1b}]2;x\\u{7}b");
        assert_eq!(shown("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(shown("\u{9b}2J"), "\\u{9b}2J");
    }

    #[test]
    fn tabs_become_spaces_to_the_next_stop_and_line_breaks_spaces() {
        assert_eq!(shown("a\tb"), "a   b");
        assert_eq!(shown("abcd\te"), "abcd    e");
        assert_eq!(shown("one\r\ntwo\nthree"), "one two three");
    }

    #[test]
    fn sequences_terminals_disagree_on_are_taken_apart() {
        assert_eq!(shown("👩\u{200d}🔬"), "👩🔬");
        assert_eq!(shown("❤\u{fe0f}"), "❤");
        assert_eq!(shown("👍🏽"), "👍");
        assert_eq!(shown("\u{1112}\u{1161}\u{11ab}\u{1100}\u{1161}"), "한가");
        // What is left is as wide one character at a time as the screen buffer measures it.
        for text in ["👩\u{200d}🔬", "❤\u{fe0f}", "👍🏽", "\u{1112}\u{1161}\u{11ab}", "🇸🇪", "e\u{301}"]
        {
            let shown = shown(text);
            let by_char: usize = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(by_char, shown.width(), "{text:?}");
        }
    }

    #[test]
    fn fitting_measures_cells_and_cuts_by_grapheme() {
        assert_eq!(fit("Åkesson", 10), "Åkesson");
        assert_eq!(fit("abcdefghij", 5), "abcd…");
        assert_eq!(fit("日本語テキスト", 7), "日本語…");
        assert_eq!(fit("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(cells(&fit("x\u{1b}[2Jy", 6)), 6);
        assert_eq!(pad("田中", 6, true), "  田中");
    }

    #[test]
    fn a_huge_text_is_looked_at_only_as_far_as_it_shows() {
        let huge = "word ".repeat(2_000_000);
        assert_eq!(fit(&huge, 12), "word word w…");
        assert_eq!(head(&huge, 80).len(), 176);
        let lines = wrap(&huge, 20, 3);
        assert_eq!(lines, vec!["word word word word"; 3]);
    }
}
