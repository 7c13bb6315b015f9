//! Text made safe to show: a workbook may hold any character, but control characters sent
//! to a terminal act (`ESC ] 2 ;` sets its title, `ESC [ 2 J` clears it) instead of
//! showing. Each is written visibly instead, as `\u{1b}`; line breaks stay, and tabs where
//! the place allows them.

use std::borrow::Cow;

/// Whether a character acts on a terminal rather than showing: C0 and C1 controls and DEL.
fn acts(c: char) -> bool {
    // Controls, and the marks that turn the text after them around (a file name that reads
    // backwards) or break a line where a terminal shows none: what the interface escapes too.
    c.is_control()
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

/// `text` for a terminal's lines: controls but line breaks and tabs shown as `\u{…}`.
pub fn terminal(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c == '\n' || c == '\t')
}

/// `text` on one line of a terminal: a line break or tab as a space, every other control
/// shown as `\u{…}`.
pub fn line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts) {
        return Cow::Borrowed(text);
    }
    let spaced = text.replace("\r\n", " ").replace(['\n', '\t'], " ");
    Cow::Owned(spaced.chars().map(|c| if acts(c) { escape(c) } else { c.to_string() }).collect())
}

/// `text` with every control but those `keep` lets through written as `\u{…}`.
pub fn escaped(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| acts(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if acts(c) && !keep(c) { escape(c) } else { c.to_string() }).collect())
}

fn escape(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
}

/// JSON text with the marks that turn text around (and the line and paragraph separators)
/// written as JSON's own `\u202e` escapes: they read back as the same text, and never act
/// on the terminal the JSON is shown in. JSON already escapes the controls.
pub fn json_marks(json: &str) -> Cow<'_, str> {
    if !json.chars().any(|c| acts(c) && !c.is_control()) {
        return Cow::Borrowed(json);
    }
    Cow::Owned(
        json.chars()
            .map(|c| if acts(c) && !c.is_control() { format!("\\u{:04x}", u32::from(c)) } else { c.to_string() })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_shown_not_sent() {
        assert_eq!(terminal("a\x1b]2;owned\x07b"), "a\\u{1b}]2;owned\\u{7}b");
        assert_eq!(terminal("line\nnext\tcol"), "line\nnext\tcol");
        assert_eq!(terminal("\u{9b}2J"), "\\u{9b}2J", "C1 controls too");
        assert_eq!(line("a\tb\nc\r\nd\re"), "a b c d\\u{d}e");
        assert!(matches!(terminal("plain åäö"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_carries_a_turning_mark_as_its_own_escape() {
        let json = serde_json::to_string("RLO\u{202e}gnp.exe").unwrap();
        let safe = json_marks(&json);
        assert_eq!(safe, "\"RLO\\u202egnp.exe\"");
        assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "RLO\u{202e}gnp.exe");
    }
}
