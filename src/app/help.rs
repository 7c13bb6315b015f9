//! The help overlay's keys: scrolling and closing.

use super::action::Action;
use super::context::Context;
use super::state::{App, Mode};

/// What the help answers to.
pub const ACTIONS: &[Action] =
    &[Action::Up, Action::Down, Action::PageUp, Action::PageDown, Action::Top, Action::Close];

/// The contexts the help lists for keys pressed in `from`, in order: that one, the main
/// screen, and text fields.
pub fn sections(from: Context) -> Vec<Context> {
    let mut sections = vec![from];
    for also in [Context::Main, Context::Prompt] {
        if !sections.contains(&also) {
            sections.push(also);
        }
    }
    sections
}

pub fn act(app: &mut App, action: Action) {
    let problems = app.config.problems.len();
    let Mode::Help { scroll, from } = &mut app.mode else { return };
    // Never past the end: a line a section, one an action, the problems and the footer.
    let lines = sections(*from).iter().map(|c| c.actions().len() + 2).sum::<usize>() + problems + 2;
    let last = u16::try_from(lines).unwrap_or(u16::MAX);
    match action {
        Action::Close => app.mode = Mode::Normal,
        Action::Down => *scroll = scroll.saturating_add(1).min(last),
        Action::Up => *scroll = scroll.saturating_sub(1),
        Action::PageDown => *scroll = scroll.saturating_add(10).min(last),
        Action::PageUp => *scroll = scroll.saturating_sub(10),
        Action::Top => *scroll = 0,
        _ => {}
    }
}
