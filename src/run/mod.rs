//! The interactive session: start-up (the workbook, its lock, recovered changes, the
//! config), the terminal, the effect runner, and the loop that ties them together. The only
//! place with terminal and file I/O for the interface; the terminal is restored however the
//! session ends.

pub mod effects;
mod event_loop;
mod picker;
pub mod startup;
mod terminal;

use std::panic::AssertUnwindSafe;
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc;

use color_eyre::eyre::Result;

use crate::app::state::{App, Message};
use crate::cli::{Cli, interface_lang};
use crate::i18n::Lang;
use crate::model::Workbook;
use crate::model::history::History;
use crate::store;
use effects::Runner;
use event_loop::{Ending, event_loop};
use terminal::say;

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

pub fn run(cli: &Cli) -> Result<ExitCode> {
    if let Some(missing) = terminal::missing() {
        say(missing);
        return Ok(ExitCode::from(1));
    }
    // Bare `phasebook` with more than one engagement known lets the user pick one.
    let chosen = match &cli.file {
        Some(file) => Some(file.clone()),
        None => {
            let keymap = startup::load_config().keymap;
            match picker::choose(interface_lang(cli), startup::wants_color(cli), keymap)? {
                picker::Chosen::Open(path) => Some(path),
                picker::Chosen::Quit => return Ok(ExitCode::SUCCESS),
                picker::Chosen::AsBefore => None,
            }
        }
    };
    let Some((mut app, mut runner)) = start(cli, chosen)? else { return Ok(ExitCode::from(1)) };
    let mouse = app.config.mouse;

    // Signals and terminal input reach the loop through one channel, so a signal wakes it
    // however long it has been waiting for a key.
    let (tx, rx) = mpsc::channel();
    terminal::listen_for_signals(tx.clone())?;
    let mut screen = match terminal::enter(mouse) {
        Ok(screen) => screen,
        Err(e) => {
            let _ = ratatui::try_restore();
            say(&format!("phasebook: cannot set up the terminal: {e}"));
            return Ok(ExitCode::from(1));
        }
    };
    let result = match terminal::read_terminal(tx) {
        Ok(()) => std::panic::catch_unwind(AssertUnwindSafe(|| event_loop(&mut screen, &mut app, &mut runner, &rx))),
        // Without the reader no key would ever arrive: end as a failed terminal does.
        Err(e) => Ok(Err(color_eyre::Report::new(e).wrap_err("cannot start reading the terminal"))),
    };
    let ending = match result {
        Ok(Ok(ending)) => ending,
        // The terminal went away or failed: keep what was typed for the next start.
        Ok(Err(e)) => Ending::Failed(e),
        Err(_) => Ending::Panicked,
    };
    if !matches!(ending, Ending::Quit) {
        let _ = runner.write_recovery(&app);
    }
    terminal::leave(screen, mouse);
    let kept = runner.recovery_note(&app);
    match ending {
        Ending::Quit => {
            // The last word of the session (where it was saved, or the copy) stays readable.
            if let Some(message) = &app.message {
                say(&message.text);
            }
            Ok(ExitCode::SUCCESS)
        }
        Ending::Failed(e) => Err(e.wrap_err(kept)),
        Ending::Panicked => {
            say(&format!("phasebook stopped on an internal error. {kept}"));
            Ok(ExitCode::from(101))
        }
        Ending::Signal(signal) => {
            say(&format!("phasebook stopped by {}. {kept}", terminal::signal_name(signal)));
            Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)))
        }
    }
}

/// Opens the workbook for the interface: the one named or picked, else the working copy; its lock
/// (read-only when another phasebook holds it), recovered changes if the user wants them,
/// the config. `None` when the file cannot be opened (the reason is printed).
fn start(cli: &Cli, chosen: Option<std::path::PathBuf>) -> Result<Option<(App, Runner)>> {
    let lang = interface_lang(cli);
    let path = match chosen {
        Some(file) => file,
        None => startup::working_copy(lang)?,
    };
    // Temp files of a save that was killed are swept before anything else reads the folder.
    let _ = store::sweep_stale_temps(&path);
    let (lock, read_only) = match store::Lock::acquire(&path) {
        Ok(lock) => (Some(lock), None),
        Err(e) => (None, Some(e)),
    };
    let loaded = match store::open(&path) {
        Ok(loaded) => loaded,
        Err(e) => {
            say(&crate::i18n::messages::load_error(&e, lang));
            return Ok(None);
        }
    };
    // Every workbook the interface opens joins the known engagements (`phasebook list`, the
    // agenda). A list that cannot be kept is no reason to refuse the workbook.
    if let Ok(known) = store::Known::user() {
        let _ = known.remember(&path);
    }
    let data = startup::project_dirs().map(|d| d.data_dir().to_path_buf());
    let mut workbook = loaded.workbook;
    let (mut recovered, mut note) = (false, None);
    if read_only.is_none()
        && let Some(folder) = &data
    {
        match recovery(folder, &path, &loaded.fingerprint, lang)? {
            Recovered::Applied(changed) => (workbook, recovered) = (*changed, true),
            Recovered::Said(said) => note = said,
            Recovered::Failed => return Ok(None),
        }
    }
    let config = startup::load_config();
    let mut app = App::new(workbook, path.clone(), lang, config, now());
    app.color = startup::wants_color(cli);
    if recovered {
        app.history = History::recovered();
    }
    if let Some(text) = note {
        app.message = Some(Message::info(text));
    }
    if let Some(e) = &read_only {
        let reason = startup::read_only_reason(app.strings(), e);
        app.message = Some(Message::error(reason.clone()));
        app.read_only = Some(reason);
    }
    // A read-only session keeps its work in a recovery file of its own, never the holder's.
    let recovery = data.map(|folder| match read_only {
        Some(_) => store::session_recovery_path(&folder, &path, std::process::id()),
        None => store::recovery_path(&folder, &path),
    });
    let runner = Runner::new(path, loaded.fingerprint, recovery, std::sync::Arc::new(store::RealFs), lock, &app);
    Ok(Some((app, runner)))
}

/// What came of the changes a stopped session kept.
enum Recovered {
    Applied(Box<Workbook>),
    /// Nothing applied; what to say in the interface, if anything (where they were kept).
    Said(Option<String>),
    /// They could not be kept aside: the session does not start, so nothing writes over them.
    Failed,
}

/// Offers the changes kept in the recovery file for `path`, if there is one.
fn recovery(folder: &Path, path: &Path, current: &store::Fingerprint, lang: Lang) -> Result<Recovered> {
    let recovery = match store::find_recovery(folder, path) {
        Ok(Some(recovery)) => recovery,
        Ok(None) => return Ok(Recovered::Said(None)),
        // What cannot be read is moved aside, never written over by this session's autosave,
        // and said in the interface, where it is seen.
        Err(e) => {
            let stamp = now().format("%Y%m%d-%H%M%S").to_string();
            return Ok(match store::set_aside_recovery(folder, path, &stamp) {
                Ok(kept) => Recovered::Said(Some(
                    lang.strings()
                        .recovery_damaged
                        .replace("{reason}", &e.cause())
                        .replace("{path}", &kept.display().to_string()),
                )),
                Err(aside) => {
                    say(&format!("{e}\n{aside}"));
                    Recovered::Failed
                }
            });
        }
    };
    Ok(match startup::offer_recovery(&recovery, current, lang)? {
        startup::Answer::Apply => Recovered::Applied(Box::new(recovery.workbook)),
        startup::Answer::Discard => {
            let _ = store::discard_recovery(folder, path);
            Recovered::Said(None)
        }
        startup::Answer::Keep => {
            let stamp = now().format("%Y%m%d-%H%M%S").to_string();
            match store::set_aside_recovery(folder, path, &stamp) {
                // Said in the interface, where it is seen, not on the terminal the interface covers.
                Ok(kept) => {
                    Recovered::Said(Some(lang.strings().recovery_kept.replace("{path}", &kept.display().to_string())))
                }
                Err(e) => {
                    say(&e.to_string());
                    Recovered::Failed
                }
            }
        }
    })
}
