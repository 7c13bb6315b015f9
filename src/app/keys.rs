//! Keys as the config writes them (`ctrl-s`, `shift-tab`, `?`) and as a terminal sends
//! them, normalised so the two compare equal.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key name in the config that names no key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a key phasebook knows (try `k`, `ctrl-s`, `space`, `pgdn`, `f2`)")]
pub struct UnknownKey(pub String);

/// One key with its modifiers, normalised so that `A` and `shift-a` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
    shift: bool,
}

/// `KeyCode` without the variants we never bind, ordered, so keys can be sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
    Char(char),
    F(u8),
    Named(u8),
}

const NAMED: &[(&str, KeyCode, &str)] = &[
    ("up", KeyCode::Up, "↑"),
    ("down", KeyCode::Down, "↓"),
    ("left", KeyCode::Left, "←"),
    ("right", KeyCode::Right, "→"),
    ("pgup", KeyCode::PageUp, "PgUp"),
    ("pgdn", KeyCode::PageDown, "PgDn"),
    ("home", KeyCode::Home, "Home"),
    ("end", KeyCode::End, "End"),
    ("tab", KeyCode::Tab, "Tab"),
    ("backtab", KeyCode::BackTab, "Shift+Tab"),
    ("enter", KeyCode::Enter, "Enter"),
    ("esc", KeyCode::Esc, "Esc"),
    ("backspace", KeyCode::Backspace, "Bksp"),
    ("delete", KeyCode::Delete, "Del"),
    ("insert", KeyCode::Insert, "Ins"),
];

impl Key {
    /// Reads a key as the config writes it: `k`, `K`, `?`, `space`, `ctrl-s`, `alt-up`, `f2`.
    pub fn parse(text: &str) -> Result<Key, UnknownKey> {
        let lower = text.to_lowercase();
        let mut rest = text;
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        // Peel off modifiers, but a lone "-" is the minus key itself.
        loop {
            let l = rest.to_lowercase();
            if let Some(r) = l.strip_prefix("ctrl-").filter(|r| !r.is_empty()) {
                ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = l.strip_prefix("alt-").filter(|r| !r.is_empty()) {
                alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = l.strip_prefix("shift-").filter(|r| !r.is_empty()) {
                shift = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let code = if rest.chars().count() == 1 {
            let c = rest.chars().next().unwrap_or(' ');
            let c = if shift { c.to_uppercase().next().unwrap_or(c) } else { c };
            KeyCodeOrd::Char(if ctrl || alt { c.to_ascii_lowercase() } else { c })
        } else {
            let name = rest.to_lowercase();
            if name == "space" {
                KeyCodeOrd::Char(' ')
            } else if let Some(n) = name.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                KeyCodeOrd::F(n)
            } else if let Some(i) = NAMED.iter().position(|(n, _, _)| *n == name) {
                KeyCodeOrd::Named(u8::try_from(i).unwrap_or(0))
            } else {
                return Err(UnknownKey(lower));
            }
        };
        Ok(Key::normalised(code, ctrl, alt, shift))
    }

    /// One spelling for each key: shift is part of a character's case, and Shift+Tab is the
    /// back-tab key terminals send for it (with Shift held, or not, as each reports it).
    fn normalised(code: KeyCodeOrd, ctrl: bool, alt: bool, shift: bool) -> Key {
        let named = |name: &str| NAMED.iter().position(|(n, _, _)| *n == name).and_then(|i| u8::try_from(i).ok());
        let (tab, backtab) = (named("tab"), named("backtab"));
        match code {
            KeyCodeOrd::Char(_) => Key { code, ctrl, alt, shift: false },
            KeyCodeOrd::Named(i) if Some(i) == backtab => Key { code, ctrl, alt, shift: false },
            KeyCodeOrd::Named(i) if shift && Some(i) == tab => {
                Key { code: backtab.map_or(code, KeyCodeOrd::Named), ctrl, alt, shift: false }
            }
            _ => Key { code, ctrl, alt, shift },
        }
    }

    /// Whether the key types a character into a text field (no Ctrl or Alt held).
    pub fn types_text(self) -> bool {
        matches!(self.code, KeyCodeOrd::Char(_)) && !self.ctrl && !self.alt
    }

    /// The key a terminal event stands for.
    pub fn from_event(event: KeyEvent) -> Option<Key> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let shift = event.modifiers.contains(KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl || alt { c.to_ascii_lowercase() } else { c }),
            KeyCode::F(n) => KeyCodeOrd::F(n),
            other => {
                let i = NAMED.iter().position(|(_, code, _)| *code == other)?;
                KeyCodeOrd::Named(u8::try_from(i).ok()?)
            }
        };
        Some(Key::normalised(code, ctrl, alt, shift))
    }
}

impl Key {
    /// The terminal event this key stands for: what a test types to press it.
    pub fn event(self) -> KeyEvent {
        let mut modifiers = KeyModifiers::NONE;
        if self.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if self.alt {
            modifiers |= KeyModifiers::ALT;
        }
        let code = match self.code {
            KeyCodeOrd::Char(c) => {
                if c.is_uppercase() {
                    modifiers |= KeyModifiers::SHIFT;
                }
                KeyCode::Char(c)
            }
            KeyCodeOrd::F(n) => KeyCode::F(n),
            KeyCodeOrd::Named(i) => NAMED.get(usize::from(i)).map_or(KeyCode::Null, |(_, code, _)| *code),
        };
        if self.shift {
            modifiers |= KeyModifiers::SHIFT;
        }
        KeyEvent::new(code, modifiers)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            write!(f, "Ctrl+")?;
        }
        if self.alt {
            write!(f, "Alt+")?;
        }
        if self.shift {
            write!(f, "Shift+")?;
        }
        match self.code {
            KeyCodeOrd::Char(' ') => write!(f, "Space"),
            KeyCodeOrd::Char(c) if self.ctrl || self.alt => write!(f, "{}", c.to_ascii_uppercase()),
            KeyCodeOrd::Char(c) => write!(f, "{c}"),
            KeyCodeOrd::F(n) => write!(f, "F{n}"),
            KeyCodeOrd::Named(i) => write!(f, "{}", NAMED.get(usize::from(i)).map_or("?", |(_, _, label)| *label)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key::from_event(KeyEvent::new(code, modifiers)).unwrap()
    }

    #[test]
    fn written_keys_match_the_events_a_terminal_sends() {
        assert_eq!(Key::parse("ctrl-s"), Ok(key(KeyCode::Char('s'), KeyModifiers::CONTROL)));
        assert_eq!(Key::parse("G"), Ok(key(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        assert_eq!(Key::parse("shift-g"), Ok(key(KeyCode::Char('G'), KeyModifiers::SHIFT)));
        assert_eq!(Key::parse("?"), Ok(key(KeyCode::Char('?'), KeyModifiers::SHIFT)));
        assert_eq!(Key::parse("space"), Ok(key(KeyCode::Char(' '), KeyModifiers::NONE)));
        assert_eq!(Key::parse("pgdn"), Ok(key(KeyCode::PageDown, KeyModifiers::NONE)));
        assert_eq!(Key::parse("-"), Ok(key(KeyCode::Char('-'), KeyModifiers::NONE)));
        assert_eq!(Key::parse("f2"), Ok(key(KeyCode::F(2), KeyModifiers::NONE)));
        assert!(Key::parse("hyper-x").is_err());
    }

    #[test]
    fn shift_tab_is_the_back_tab_key_however_the_terminal_sends_it() {
        let back = Key::parse("backtab").unwrap();
        assert_eq!(Key::parse("shift-tab"), Ok(back));
        assert_eq!(Key::from_event(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(back));
        assert_eq!(Key::from_event(KeyEvent::new(KeyCode::BackTab, KeyModifiers::NONE)), Some(back));
        assert_eq!(back.to_string(), "Shift+Tab");
    }

    #[test]
    fn a_key_read_back_from_its_event_is_the_same_key() {
        for text in ["k", "G", "?", "space", "ctrl-s", "alt-b", "shift-tab", "f2", "pgdn", "ctrl-left", "å"] {
            let key = Key::parse(text).unwrap();
            assert_eq!(Key::from_event(key.event()), Some(key), "{text}");
        }
    }

    #[test]
    fn keys_display_as_the_help_shows_them() {
        assert_eq!(Key::parse("ctrl-s").unwrap().to_string(), "Ctrl+S");
        assert_eq!(Key::parse("space").unwrap().to_string(), "Space");
        assert_eq!(Key::parse("up").unwrap().to_string(), "↑");
    }
}
