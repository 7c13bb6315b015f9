//! The glyphs that go beside a word so meaning survives without colour: one set for the
//! screen and every export alike.

use crate::model::Status;
use crate::model::deadline::Urgency;
use crate::model::gate::GateState;

/// The glyph of a status: brackets read in every terminal font.
pub fn status(status: Status) -> &'static str {
    match status {
        Status::NotStarted => "[ ]",
        Status::InProgress => "[~]",
        Status::Done => "[x]",
        Status::Blocked => "[!]",
        Status::NotApplicable => "[-]",
    }
}

/// The glyph of a gate state: passed, passed on a waiver, ready to pass, blocked, not reached.
pub fn gate(state: GateState) -> &'static str {
    match state {
        GateState::Passed => "✓",
        GateState::Waived => "≈",
        GateState::Ready => "○",
        GateState::Blocked(_) => "■",
        GateState::NotReached => "·",
    }
}

/// The glyph of a date's urgency; none for a date that is not near.
pub fn urgency(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Later => "",
        Urgency::Soon => "⚠",
        Urgency::Passed => "✗",
        Urgency::Met => "✓",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_gate_state_has_a_glyph_of_its_own() {
        let states =
            [GateState::Passed, GateState::Waived, GateState::Ready, GateState::Blocked(1), GateState::NotReached];
        let glyphs: std::collections::HashSet<&str> = states.iter().map(|s| gate(*s)).collect();
        assert_eq!(glyphs.len(), states.len());
        assert!(Status::ALL.iter().all(|s| !status(*s).is_empty()));
    }
}
