//! Saving as the interface asks for it and hears back: refused while read-only, the result
//! of the store's checked save turned into what the user sees, and quitting once saved.

use std::path::PathBuf;

use super::state::{App, Message, Mode, PromptKind};
use super::update::Effect;
use crate::i18n::messages::save_error;
use crate::store::{RecoveryError, SaveError, Saved};

/// Asks the loop to save (and then quit, if `quit`), unless the workbook may not be saved.
pub fn save(app: &mut App, quit: bool) -> Vec<Effect> {
    if let Some(reason) = &app.read_only {
        app.message = Some(Message::error(format!("{reason} {}", copy_hint(app))));
        return Vec::new();
    }
    vec![Effect::Save { quit }]
}

/// How a read-only session keeps its work, with the keys as bound.
fn copy_hint(app: &App) -> String {
    use super::action::Action;
    use super::context::Context;
    let key = |action| app.config.keymap.first(Context::Main, action).unwrap_or_default();
    app.strings().read_only_copy_hint.replace("{save_as}", &key(Action::SaveAs)).replace("{quit}", &key(Action::Quit))
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
            let reason = save_error(&e, app.lang);
            app.message = Some(Message::error(format!("{reason} {}", copy_hint(app))));
            app.read_only = Some(reason);
        }
        Err(e) => app.message = Some(Message::error(save_error(&e, app.lang))),
    }
    Vec::new()
}

/// Says that the unsaved work can no longer be kept in the recovery file (the data folder
/// full or gone), or that it can again.
pub fn recovery(app: &mut App, result: Result<(), RecoveryError>) {
    app.message = Some(match result {
        Err(e) => Message::error(
            app.strings()
                .recovery_failing
                .replace("{path}", &e.path().map(|p| p.display().to_string()).unwrap_or_default())
                .replace("{reason}", &e.cause()),
        ),
        Ok(()) => Message::info(app.strings().recovery_works.clone()),
    });
}

/// Asks where to save a copy, offering `NAME.copy.ron` beside the workbook.
pub fn open_save_as(app: &mut App) {
    let stem = app.path.file_stem().map_or_else(|| "workbook".into(), |s| s.to_string_lossy().into_owned());
    let suggested = app.path.with_file_name(format!("{stem}.copy.ron"));
    super::prompt::open(app, PromptKind::SaveAs, &suggested.display().to_string());
}

/// The copy's name was given: asks whether to go on working on it. A name without a
/// folder goes beside the workbook.
pub fn save_as_named(app: &mut App, typed: &str) -> Result<(), String> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(app.strings().save_as_empty.clone());
    }
    let mut path = PathBuf::from(typed);
    if path.is_relative()
        && let Some(folder) = app.path.parent()
        && !folder.as_os_str().is_empty()
    {
        path = folder.join(path);
    }
    if crate::export::is_phasebooks_own(&path) {
        return Err(app.strings().save_as_own.replace("{path}", &path.display().to_string()));
    }
    // Said now, before the next question, not after it.
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(app.strings().save_as_exists.replace("{path}", &path.display().to_string()));
    }
    app.save_as = Some(path);
    super::prompt::open(app, PromptKind::SaveAsSwitch, &app.strings().no_word.clone());
    Ok(())
}

/// The answer to "work on the copy from now on?": only a yes makes it the open file.
pub fn save_as_answered(app: &mut App, typed: &str) -> Vec<Effect> {
    let Some(path) = app.save_as.take() else { return Vec::new() };
    let switch = app.strings().is_yes(typed);
    vec![Effect::SaveAs { path, switch }]
}

/// What came of a save-as.
pub fn saved_as(app: &mut App, path: PathBuf, result: Result<bool, SaveError>) {
    let shown = path.display().to_string();
    app.message = Some(match result {
        Ok(true) => {
            app.path = path;
            app.history.mark_saved();
            app.read_only = None;
            Message::info(app.strings().saved_as_open.replace("{path}", &shown))
        }
        Ok(false) => Message::info(
            app.strings().saved_as_copy.replace("{path}", &shown).replace("{open}", &app.path.display().to_string()),
        ),
        Err(SaveError::AlreadyExists { .. }) => Message::error(app.strings().save_as_exists.replace("{path}", &shown)),
        Err(e) => Message::error(save_error(&e, app.lang)),
    });
}
