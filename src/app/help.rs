//! The help overlay's keys: scrolling and closing.

use super::action::Action;
use super::state::{App, Mode};

/// What the help answers to.
pub const ACTIONS: &[Action] =
    &[Action::Up, Action::Down, Action::PageUp, Action::PageDown, Action::Top, Action::Close];

pub fn act(app: &mut App, action: Action) {
    let Mode::Help { scroll, .. } = &mut app.mode else { return };
    match action {
        Action::Close => app.mode = Mode::Normal,
        Action::Down => *scroll = scroll.saturating_add(1),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown => *scroll = scroll.saturating_add(10),
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::Top => *scroll = 0,
        _ => {}
    }
}
