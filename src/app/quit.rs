//! Quitting: at once when nothing would be lost, else a question — save and quit, quit
//! without saving, or stay.

use super::action::Action;
use super::state::{App, Mode};
use super::update::{CopyReason, Effect};

/// What the quit question answers to.
pub const ACTIONS: &[Action] = &[Action::SaveAndQuit, Action::DiscardAndQuit, Action::Cancel];

/// Quits, or asks first when there are unsaved changes or a meeting in progress (which is
/// not in the workbook yet, so quitting would lose it too).
pub fn ask(app: &mut App) -> Vec<Effect> {
    if app.is_dirty() || app.meeting_in_progress() {
        app.mode = Mode::ConfirmQuit;
        Vec::new()
    } else {
        vec![Effect::Quit]
    }
}

pub fn act(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::SaveAndQuit => {
            app.mode = Mode::Normal;
            // Saving keeps the meeting in progress as held now.
            if app.meeting_in_progress() {
                super::screens::meeting::close(app);
                // Not stored (the message says why): staying keeps it.
                if app.meeting_in_progress() {
                    return Vec::new();
                }
            }
            // Read-only, the file is never written: the work goes to a copy beside it.
            if app.read_only.is_some() {
                return vec![Effect::SaveCopy { workbook: None, why: CopyReason::ReadOnly, quit: true }];
            }
            super::saving::save(app, true)
        }
        Action::DiscardAndQuit => vec![Effect::Quit],
        Action::Cancel => {
            app.mode = Mode::Normal;
            Vec::new()
        }
        _ => Vec::new(),
    }
}
