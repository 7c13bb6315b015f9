//! Typing in a text field: the editing actions of the key table (readline's habits) carried
//! out on the field, and plain characters inserted.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::action::Action;

/// A one-line field holding `text`, the cursor at its end.
pub fn single_line(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(vec![text.to_string()]);
    input.move_cursor(CursorMove::End);
    input
}

/// A one-line field holding `text`, all of it selected: typing replaces it, a move keeps it.
pub fn selected(text: &str) -> TextArea<'static> {
    let mut input = single_line(text);
    input.set_selection_style(ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED));
    if !text.is_empty() {
        input.select_all();
    }
    input
}

/// A multi-line field holding `text`, wrapped at words, the cursor at its end.
pub fn multi_line(text: &str) -> TextArea<'static> {
    let mut input = TextArea::new(text.split('\n').map(str::to_string).collect());
    input.set_wrap_mode(WrapMode::WordOrGlyph);
    input.move_cursor(CursorMove::Bottom);
    input.move_cursor(CursorMove::End);
    input
}

/// The text of a one-line field.
pub fn line_of(input: &TextArea<'_>) -> String {
    input.lines().join(" ").trim().to_string()
}

/// The text of a multi-line field, without trailing blank space.
pub fn text_of(input: &TextArea<'_>) -> String {
    input.lines().join("\n").trim_end().to_string()
}

/// Carries out an editing action on `input`; false when `action` is not one.
pub fn edit(input: &mut TextArea<'_>, action: Action) -> bool {
    // A move ends a selection rather than growing it.
    if matches!(
        action,
        Action::CursorLeft
            | Action::CursorRight
            | Action::LineStart
            | Action::LineEnd
            | Action::WordBack
            | Action::WordForward
    ) {
        input.cancel_selection();
    }
    match action {
        Action::CursorLeft => input.move_cursor(CursorMove::Back),
        Action::CursorRight => input.move_cursor(CursorMove::Forward),
        Action::LineStart => input.move_cursor(CursorMove::Head),
        Action::LineEnd => input.move_cursor(CursorMove::End),
        Action::WordBack => input.move_cursor(CursorMove::WordBack),
        Action::WordForward => input.move_cursor(CursorMove::WordForward),
        Action::DeleteBack => {
            input.delete_char();
        }
        Action::DeleteForward => {
            input.delete_next_char();
        }
        Action::DeleteToStart => {
            input.delete_line_by_head();
        }
        Action::DeleteToEnd => {
            input.delete_line_by_end();
        }
        Action::DeleteWordBack => {
            input.delete_word();
        }
        Action::DeleteWordForward => {
            input.delete_next_word();
        }
        Action::Yank => {
            input.paste();
        }
        _ => return false,
    }
    true
}

/// Inserts the character a key types, when it types one (no Ctrl or Alt held).
pub fn insert(input: &mut TextArea<'_>, key: KeyEvent) -> bool {
    let KeyCode::Char(c) = key.code else { return false };
    if key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) || c.is_control() {
        return false;
    }
    input.insert_char(c);
    true
}

/// The editing actions, in the order the help lists them.
pub const ACTIONS: &[Action] = &[
    Action::CursorLeft,
    Action::CursorRight,
    Action::LineStart,
    Action::LineEnd,
    Action::WordBack,
    Action::WordForward,
    Action::DeleteBack,
    Action::DeleteForward,
    Action::DeleteToStart,
    Action::DeleteToEnd,
    Action::DeleteWordBack,
    Action::DeleteWordForward,
    Action::Yank,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextArea<'static> {
        let mut input = single_line("");
        for c in text.chars() {
            insert(&mut input, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        input
    }

    #[test]
    fn readline_habits_edit_a_line() {
        let mut input = typed("hello big world");
        edit(&mut input, Action::DeleteWordBack);
        assert_eq!(line_of(&input), "hello big");
        edit(&mut input, Action::Yank);
        assert_eq!(line_of(&input), "hello big world");
        edit(&mut input, Action::WordBack);
        edit(&mut input, Action::DeleteToEnd);
        assert_eq!(line_of(&input), "hello big");
        edit(&mut input, Action::LineStart);
        edit(&mut input, Action::WordForward);
        edit(&mut input, Action::DeleteToStart);
        assert_eq!(line_of(&input), "big");
        assert!(!edit(&mut input, Action::Save));
    }

    #[test]
    fn control_and_alt_keys_type_nothing() {
        let mut input = typed("a");
        assert!(!insert(&mut input, KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL)));
        assert!(!insert(&mut input, KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT)));
        assert!(insert(&mut input, KeyEvent::new(KeyCode::Char('Å'), KeyModifiers::SHIFT)));
        assert_eq!(line_of(&input), "aÅ");
    }
}
