//! Saving as the interface asks for it and hears back: refused while read-only, the result
//! of the store's checked save turned into what the user sees, and quitting once saved.

use super::state::{App, Message, Mode};
use super::update::Effect;
use crate::store::{RecoveryError, SaveError, Saved};

/// Asks the loop to save (and then quit, if `quit`), unless the workbook may not be saved.
pub fn save(app: &mut App, quit: bool) -> Vec<Effect> {
    if let Some(reason) = &app.read_only {
        app.message = Some(Message::error(format!("{reason} {}", app.strings().read_only_copy_hint)));
        return Vec::new();
    }
    vec![Effect::Save { quit }]
}

/// What came of a save or an overwrite.
pub fn saved(app: &mut App, result: Result<Saved, SaveError>, quit: bool) -> Vec<Effect> {
    match result {
        Ok(saved) => {
            app.history.mark_saved();
            let mut text = app.strings().saved.replace("{path}", &app.path.display().to_string());
            // The save went ahead, but the previous version is in no backup: the user must know.
            if let Some(why) = &saved.backup_skipped {
                text.push_str(&format!(" {}", app.strings().backup_skipped.replace("{reason}", why)));
                app.message = Some(Message::error(text));
            } else {
                app.message = Some(Message::info(text));
            }
            if quit {
                return vec![Effect::Quit];
            }
        }
        Err(SaveError::ChangedOnDisk { modified, .. }) => {
            let offset = *app.now.offset();
            let modified = modified.map(|t| chrono::DateTime::<chrono::Utc>::from(t).with_timezone(&offset));
            app.mode = Mode::Conflict { modified, quit, confirm: false };
        }
        // Another phasebook holds the workbook now: from here on this session is read-only,
        // and its work goes into a copy.
        Err(e @ SaveError::LockLost(_)) => {
            let reason = e.to_string();
            app.message = Some(Message::error(format!("{reason} {}", app.strings().read_only_copy_hint)));
            app.read_only = Some(reason);
        }
        Err(e) => app.message = Some(Message::error(e.to_string())),
    }
    Vec::new()
}

/// Says that the unsaved work can no longer be kept in the recovery file (the data folder
/// full or gone), or that it can again.
pub fn recovery(app: &mut App, result: Result<(), RecoveryError>) {
    app.message = Some(match result {
        Err(e) => Message::error(app.strings().recovery_failing.replace("{reason}", &e.to_string())),
        Ok(()) => Message::info(app.strings().recovery_works.clone()),
    });
}
