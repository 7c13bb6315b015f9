//! Colours and glyphs in one place. Colours come from the terminal's own palette (named
//! ANSI colours), never RGB, and every colour is paired with a glyph or word so meaning
//! survives NO_COLOR and colour blindness.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Status;
use crate::model::deadline::Urgency;
use crate::model::gate::GateState;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    fn fg(self, color: Color) -> Style {
        if self.color { Style::new().fg(color) } else { Style::new() }
    }

    pub fn status(self, status: Status) -> Style {
        match status {
            Status::NotStarted => Style::new(),
            Status::InProgress => self.fg(Color::Yellow),
            Status::Done => self.fg(Color::Green),
            Status::Blocked => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Status::NotApplicable => self.dim(),
        }
    }

    pub fn urgency(self, urgency: Urgency) -> Style {
        match urgency {
            Urgency::Later => Style::new(),
            Urgency::Soon => self.fg(Color::Yellow),
            Urgency::Passed => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Urgency::Met => self.fg(Color::Green),
        }
    }

    pub fn gate(self, state: GateState) -> Style {
        match state {
            GateState::Passed => self.fg(Color::Green),
            GateState::Waived => self.fg(Color::Yellow),
            GateState::Ready => self.fg(Color::Cyan),
            GateState::Blocked(_) => self.fg(Color::Red),
            GateState::NotReached => self.dim(),
        }
    }

    /// Out of scope, not applicable, secondary text.
    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn heading(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn title(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The selected row: reversed, which reads in any palette and without colour.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn focus_border(self) -> Style {
        self.fg(Color::Cyan)
    }

    pub fn error(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn key(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn gauge(self) -> Style {
        self.fg(Color::Green)
    }
}

/// A progress bar of `width` cells: `█████░░░░░`.
pub fn bar(percent: u8, width: usize) -> String {
    let filled = usize::from(percent.min(100)) * width / 100;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_no_style_carries_a_colour_but_meaning_keeps_its_glyph() {
        use crate::i18n::glyphs::{gate as gate_glyph, status as status_glyph, urgency as urgency_glyph};
        let plain = Theme { color: false };
        for status in Status::ALL {
            assert_eq!(plain.status(status).fg, None);
            assert!(!status_glyph(status).is_empty());
        }
        for urgency in [Urgency::Soon, Urgency::Passed] {
            assert_eq!(plain.urgency(urgency).fg, None);
            assert!(!urgency_glyph(urgency).is_empty());
        }
        for state in
            [GateState::Passed, GateState::Waived, GateState::Ready, GateState::Blocked(1), GateState::NotReached]
        {
            assert_eq!(plain.gate(state).fg, None);
            assert!(!gate_glyph(state).is_empty());
        }
        assert_eq!(Theme { color: true }.status(Status::Blocked).fg, Some(Color::Red));
    }
}
