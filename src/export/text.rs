//! Making user text safe for each format, and the small wordings several formats share.
//! Anything a user typed passes through one of the escape functions here before it is
//! written into markup.

use super::snapshot::Snapshot;
use crate::i18n::{Strings, glyphs};
use crate::model::gate::GateState;

/// Text for HTML element content and quoted attribute values: the five characters that
/// can end a text run or an attribute are replaced by character references.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Text on one line: line breaks and runs of white space become one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// User text for inline Markdown, on one line. Every character that could start
/// emphasis, a link, an image, raw HTML, an autolink, code or a table cell is escaped
/// with a backslash (CommonMark allows that before any ASCII punctuation), and so is a
/// leading character that would open a heading, list or quote, and the start of a bare
/// URL that a wiki would make a link. The text stays readable
/// as plain text: ordinary words and punctuation pass unchanged.
pub fn markdown(text: &str) -> String {
    let text = one_line(text);
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let at_start = i == 0;
        // Wikis that autolink bare URLs (GitHub's `http://…` and `www.…`) would turn typed
        // text into links; an escaped `:` or `.` leaves the text as it reads, unlinked.
        let url_start = (c == ':' && chars.get(i + 1..i + 3) == Some(&['/', '/']))
            || (c == '.' && i >= 3 && chars[i - 3..i].iter().collect::<String>().eq_ignore_ascii_case("www"));
        if url_start {
            out.push('\\');
            out.push(c);
            continue;
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    // "1. text" or "1) text" at the start would open an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.' | ')')) {
        out.insert(digits, '\\');
    }
    out
}

/// The item lists of a snapshot, which show an item's facts a little differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Blocked,
    Overdue,
    NextActions,
}

/// "Taken 2026-11-26 12:00 +01:00": when the snapshot was taken, with its offset.
pub fn taken(snapshot: &Snapshot, strings: &Strings) -> String {
    strings.taken_at.replace("{time}", &snapshot.taken_at.format("%Y-%m-%d %H:%M %:z").to_string())
}

/// A text bar of `width` cells for a percentage: `[####------]`.
pub fn bar(percent: u8, width: usize) -> String {
    let filled = usize::from(percent.min(100)) * width / 100;
    format!("[{}{}]", "#".repeat(filled), "-".repeat(width - filled))
}

/// "✓ passed", "■ 3 open": glyph and word.
pub fn gate_label(strings: &Strings, state: GateState) -> String {
    format!("{} {}", glyphs::gate(state), strings.gate_state(state))
}

/// The CSS class suffix of a gate state; never user text.
pub fn gate_class(state: GateState) -> &'static str {
    match state {
        GateState::Passed => "passed",
        GateState::Waived => "waived",
        GateState::Ready => "ready",
        GateState::Blocked(_) => "blocked",
        GateState::NotReached => "not-reached",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five_special_characters() {
        assert_eq!(html(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn markdown_escapes_markup_but_keeps_plain_words() {
        assert_eq!(markdown("Plan the roll-out, then go."), "Plan the roll-out, then go.");
        assert_eq!(markdown("<script>x</script>"), r"\<script\>x\</script\>");
        assert_eq!(markdown("[click](javascript:alert(1))"), r"\[click\](javascript:alert(1))");
        assert_eq!(markdown("# not a heading"), r"\# not a heading");
        assert_eq!(markdown("- not a list"), r"\- not a list");
        assert_eq!(markdown("12. not a list"), r"12\. not a list");
        assert_eq!(markdown("a | b\nc"), r"a \| b c");
        assert_eq!(markdown("see http://x and WWW.x.se"), r"see http\://x and WWW\.x.se");
    }
}
