//! The interactive loop: open the workbook, set up the terminal, then draw, wait for an
//! event, update, and carry out the effects, until quit. The only place with terminal
//! and file I/O for the interface; the terminal is restored however the loop ends.

use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use color_eyre::eyre::{Result, WrapErr};
use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use crossterm::execute;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

use crate::app::config::Config;
use crate::app::drafts;
use crate::app::state::App;
use crate::app::update::{Effect, Msg, update};
use crate::cli::{Cli, interface_lang};
use crate::i18n::Lang;
use crate::model::Workbook;
use crate::store;
use crate::templates::{self, DEFAULT_TEMPLATE};

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "phasebook")
}

/// The user's working copy of the bundled workbook, made from the embedded one on first use.
pub fn working_copy(lang: Lang) -> Result<PathBuf> {
    let dirs =
        project_dirs().ok_or_else(|| color_eyre::eyre::eyre!("cannot find a home folder to keep the workbook in"))?;
    let folder = dirs.data_dir();
    std::fs::create_dir_all(folder).wrap_err_with(|| format!("cannot create {}", folder.display()))?;
    let template = templates::find(DEFAULT_TEMPLATE, lang.code())
        .or_else(|| templates::find(DEFAULT_TEMPLATE, "en"))
        .ok_or_else(|| color_eyre::eyre::eyre!("the bundled workbook is missing from this build"))?;
    let path = folder.join(template.file_name);
    if !path.exists() {
        let workbook = template.workbook()?;
        crate::cli::create_new(&path, &workbook).map_err(|e| color_eyre::eyre::eyre!("{}: {e}", path.display()))?;
    }
    Ok(path)
}

/// The configuration: the defaults, patched by the user's file if there is one.
pub fn load_config() -> Config {
    let login = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "me".into());
    let path = project_dirs().map(|d| d.config_dir().join("config.ron"));
    match path.as_deref().map(|p| (p, std::fs::read_to_string(p))) {
        Some((p, Ok(text))) => Config::from_texts(Some((&p.display().to_string(), &text)), &login),
        _ => Config::from_texts(None, &login),
    }
}

fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// Colours are on unless `--no-color` is given or NO_COLOR is set to anything non-empty.
pub fn wants_color(cli: &Cli) -> bool {
    !cli.no_color && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub fn run(cli: &Cli) -> Result<ExitCode> {
    let lang = interface_lang(cli);
    let path = match &cli.file {
        Some(file) => file.clone(),
        None => working_copy(lang)?,
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
            eprintln!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    let data = project_dirs().map(|d| d.data_dir().to_path_buf());
    let mut workbook = loaded.workbook;
    let mut recovered = false;
    if read_only.is_none()
        && let Some(folder) = &data
    {
        match store::find_recovery(folder, &path) {
            Ok(Some(recovery)) => {
                if offer_recovery(&recovery, &loaded.fingerprint, lang)? {
                    workbook = recovery.workbook;
                    recovered = true;
                } else {
                    let _ = store::discard_recovery(folder, &path);
                }
            }
            Ok(None) => {}
            Err(e) => eprintln!("{e}"),
        }
    }
    let config = load_config();
    let mouse = config.mouse;
    let mut app = App::new(workbook, path.clone(), lang, config, now());
    app.color = wants_color(cli);
    if recovered {
        // The recovered changes are not in the file yet, and are not edits that could be replayed.
        app.saved_revision = u64::MAX;
        app.replayable = false;
    }
    if let Some(e) = &read_only {
        let s = app.strings();
        let reason = match e {
            store::LockError::HeldBy { holder, .. } => s
                .read_only_held
                .replace("{user}", &holder.user)
                .replace("{host}", &holder.host)
                .replace("{since}", &holder.since.format("%Y-%m-%d %H:%M").to_string()),
            other => s.read_only_other.replace("{reason}", &other.to_string()),
        };
        app.message = Some(crate::app::state::Message { text: reason.clone(), is_error: true });
        app.read_only = Some(reason);
    }
    let mut session = Session {
        path,
        data: if read_only.is_some() { None } else { data },
        fingerprint: loaded.fingerprint,
        recovered_revision: app.revision,
        recovered_drafts: drafts::signature(&app),
        edits_since_recovery: 0,
        last_recovery: Instant::now(),
        _lock: lock,
    };

    // Signals and terminal input reach the loop through one channel, so a signal wakes it
    // however long it has been waiting for a key.
    let (tx, rx) = mpsc::channel();
    listen_for_signals(tx.clone())?;
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), event::EnableBracketedPaste);
    if mouse {
        let _ = execute!(std::io::stdout(), event::EnableMouseCapture);
    }
    let result = match read_terminal(tx) {
        Ok(()) => std::panic::catch_unwind(AssertUnwindSafe(|| event_loop(&mut terminal, &mut app, &mut session, &rx))),
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
        session.write_recovery(&app);
    }
    if mouse {
        let _ = execute!(std::io::stdout(), event::DisableMouseCapture);
    }
    let _ = execute!(std::io::stdout(), event::DisableBracketedPaste);
    // Restoring can fail when the terminal is gone (a hang-up); there is nothing left to restore then.
    let _ = ratatui::try_restore();
    let _ = terminal.show_cursor();
    // Dropping the terminal would show the cursor again and, when the terminal is gone, report
    // that with a print that panics, aborting before the lock is released. The cursor is shown.
    std::mem::forget(terminal);
    let kept = session.recovery_note(&app);
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
            say(&format!("phasebook stopped by {}. {kept}", signal_name(signal)));
            Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)))
        }
    }
}

/// How the loop ended.
enum Ending {
    Quit,
    Signal(i32),
    Failed(color_eyre::Report),
    Panicked,
}

/// What reaches the loop: a terminal event (or the error reading one), or a signal.
enum Incoming {
    Terminal(std::io::Result<Event>),
    Signal(i32),
}

const SIGNALS: [i32; 3] = [SIGTERM, SIGHUP, SIGINT];

fn signal_name(signal: i32) -> &'static str {
    match signal {
        SIGTERM => "SIGTERM",
        SIGHUP => "SIGHUP (the terminal closed)",
        SIGINT => "SIGINT",
        _ => "a signal",
    }
}

/// Forwards SIGTERM, SIGHUP and SIGINT to the loop instead of letting them end the process
/// with the work unsaved and the terminal raw.
fn listen_for_signals(tx: mpsc::Sender<Incoming>) -> Result<()> {
    let mut signals = signal_hook::iterator::Signals::new(SIGNALS).wrap_err("cannot listen for signals")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Incoming::Signal(signal)).is_err() {
                    break;
                }
            }
        })
        .wrap_err("cannot start the signal listener")?;
    Ok(())
}

/// Reads terminal events on a thread of their own and hands them to the loop; stops after
/// a read error, which it hands on too.
fn read_terminal(tx: mpsc::Sender<Incoming>) -> std::io::Result<()> {
    std::thread::Builder::new().name("terminal".into()).spawn(move || {
        loop {
            let event = event::read();
            let failed = event.is_err();
            if tx.send(Incoming::Terminal(event)).is_err() || failed {
                break;
            }
        }
    })?;
    Ok(())
}

/// A line on standard error that is dropped if standard error is gone (after a hang-up).
fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Asks on the plain terminal, before the interface starts, whether to apply recovered changes.
fn offer_recovery(recovery: &store::Recovery, current: &store::Fingerprint, lang: Lang) -> Result<bool> {
    use std::io::Write;
    let s = lang.strings();
    let mut err = std::io::stderr();
    writeln!(
        err,
        "{}",
        s.recovery_found
            .replace("{path}", &recovery.workbook_path.display().to_string())
            .replace("{n}", &recovery.changes.len().to_string())
            .replace("{when}", &recovery.written.format("%Y-%m-%d %H:%M").to_string())
            .replace("{age}", &age(s, now() - recovery.written)),
    )?;
    for change in recovery.changes.iter().rev().take(10) {
        writeln!(err, "  - {change}")?;
    }
    if recovery.changes.len() > 10 {
        writeln!(err, "  …")?;
    }
    if recovery.base.as_ref().is_some_and(|base| base != current) {
        writeln!(err, "{}", s.recovery_saved_since)?;
    }
    write!(err, "{} ", s.recovery_question)?;
    err.flush()?;
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "j" | "J" | "yes" | "ja"))
}

/// How long ago, in the largest whole unit: "just now", "5 min ago", "3 h ago", "2 days ago".
fn age(s: &crate::i18n::Strings, elapsed: chrono::TimeDelta) -> String {
    let (n, unit) = if elapsed.num_days() >= 1 {
        (elapsed.num_days(), &s.age_days)
    } else if elapsed.num_hours() >= 1 {
        (elapsed.num_hours(), &s.age_hours)
    } else if elapsed.num_minutes() >= 1 {
        (elapsed.num_minutes(), &s.age_minutes)
    } else {
        return s.age_now.clone();
    };
    unit.replace("{n}", &n.to_string())
}

/// What the loop keeps about the file beside the interface state.
struct Session {
    path: PathBuf,
    /// Where recovery files go; `None` when there is none, or the workbook is open
    /// read-only (the recovery file belongs to the phasebook that holds the lock).
    data: Option<PathBuf>,
    fingerprint: store::Fingerprint,
    /// The revision last written to the recovery file (or loaded).
    recovered_revision: u64,
    /// The drafts' signature when the recovery file was last written.
    recovered_drafts: u64,
    edits_since_recovery: u32,
    last_recovery: Instant,
    _lock: Option<store::Lock>,
}

/// Unsaved work goes to the recovery file after this many changes, after this long idle,
/// and, while typing goes on without a pause, at least this often.
const RECOVER_EVERY: u32 = 5;
const RECOVER_IDLE: Duration = Duration::from_secs(3);
const RECOVER_AT_LEAST_EVERY: Duration = Duration::from_secs(30);

impl Session {
    fn needs_recovery(&self, app: &App) -> bool {
        (app.is_dirty() && app.revision != self.recovered_revision) || drafts::signature(app) != self.recovered_drafts
    }

    /// Writes the unsaved work, drafts included, to the recovery file; removes the file
    /// when nothing is unsaved any more.
    fn write_recovery(&mut self, app: &App) {
        if !self.needs_recovery(app) {
            return;
        }
        let Some(folder) = &self.data else { return };
        let folded = drafts::folded(app);
        let written = if !app.is_dirty() && folded.is_none() {
            store::discard_recovery(folder, &self.path).is_ok()
        } else {
            let mut changes: Vec<String> = app
                .unsaved
                .iter()
                .filter_map(|u| u.change.as_ref())
                .map(|c| format!("{}: {}", c.target, c.what))
                .collect();
            let workbook = match folded {
                Some((workbook, drafts)) => {
                    changes.extend(drafts);
                    std::borrow::Cow::Owned(workbook)
                }
                None => std::borrow::Cow::Borrowed(&app.workbook),
            };
            store::write_recovery(folder, &self.path, Some(&self.fingerprint), &changes, &workbook).is_ok()
        };
        if written {
            self.recovered_revision = app.revision;
            self.recovered_drafts = drafts::signature(app);
            self.edits_since_recovery = 0;
            self.last_recovery = Instant::now();
        }
    }

    /// Where unsaved work went, for the last line phasebook prints.
    fn recovery_note(&self, app: &App) -> String {
        let unsaved = app.is_dirty() || drafts::folded(app).is_some();
        match (&self.data, unsaved) {
            (_, false) => "Nothing was left unsaved.".into(),
            (Some(folder), true) if !self.needs_recovery(app) => format!(
                "The unsaved changes are kept in {} and offered at the next start.",
                store::recovery_path(folder, &self.path).display()
            ),
            _ => "The unsaved changes could not be kept.".into(),
        }
    }

    fn discard_recovery(&self) {
        if let Some(folder) = &self.data {
            let _ = store::discard_recovery(folder, &self.path);
        }
    }

    /// Saves through the store's checked save: a file changed by someone else since it was
    /// read is never overwritten without the user's word.
    fn save(&mut self, app: &App) -> SaveOutcome {
        match store::save_checked(&self.path, &app.workbook, Some(&self.fingerprint)) {
            Ok(saved) => {
                self.fingerprint = saved.fingerprint;
                self.discard_recovery();
                SaveOutcome::Saved
            }
            // Removed under us: writing it again loses nothing of anyone's.
            Err(store::SaveError::Removed { .. }) => match self.overwrite(app) {
                Ok(()) => SaveOutcome::Saved,
                Err(e) => SaveOutcome::Failed(e),
            },
            Err(store::SaveError::ChangedOnDisk { .. }) => {
                let modified = std::fs::metadata(&self.path).and_then(|m| m.modified()).ok();
                SaveOutcome::ChangedOnDisk(modified.map(|t| chrono::DateTime::<chrono::Local>::from(t).fixed_offset()))
            }
            Err(e) => SaveOutcome::Failed(e.to_string()),
        }
    }

    /// Saves whatever is on disk now, as the user confirmed.
    fn overwrite(&mut self, app: &App) -> Result<(), String> {
        let saved = store::save_checked(&self.path, &app.workbook, None).map_err(|e| e.to_string())?;
        self.fingerprint = saved.fingerprint;
        self.discard_recovery();
        Ok(())
    }

    /// Reads the file as it is now; its fingerprint becomes the one the next save checks.
    fn reload(&mut self) -> Result<Workbook, String> {
        let loaded = store::open(&self.path).map_err(|e| e.to_string())?;
        self.fingerprint = loaded.fingerprint;
        Ok(loaded.workbook)
    }

    /// Writes `workbook` to a new file beside the workbook, never over an existing one.
    fn save_copy(&self, workbook: &Workbook, now: chrono::DateTime<chrono::FixedOffset>) -> Result<PathBuf, String> {
        let mut last = String::new();
        for n in 1..=20 {
            let copy = conflict_copy(&self.path, now, n);
            match crate::cli::create_new(&copy, workbook) {
                Ok(()) => return Ok(copy),
                Err(e) if copy.exists() => last = e,
                Err(e) => return Err(e),
            }
        }
        Err(last)
    }
}

/// What came of a checked save.
enum SaveOutcome {
    Saved,
    Failed(String),
    /// The file changed on disk since it was read (last modified then, when known).
    ChangedOnDisk(Option<chrono::DateTime<chrono::FixedOffset>>),
}

/// `contoso.ron` → `contoso.conflict-20261126-103000.ron` beside it; `-2`, `-3`, … after it
/// for the `n`th try.
fn conflict_copy(path: &std::path::Path, now: chrono::DateTime<chrono::FixedOffset>, n: u32) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "workbook".into());
    let again = if n > 1 { format!("-{n}") } else { String::new() };
    path.with_file_name(format!("{stem}.conflict-{}{again}.ron", now.format("%Y%m%d-%H%M%S")))
}

/// Carries out one effect; returns what came of it for `update`, and whether to quit now.
fn carry_out(effect: Effect, app: &App, session: &mut Session) -> (Option<Msg>, bool) {
    let saved = |outcome: SaveOutcome, quit: bool| match outcome {
        SaveOutcome::Saved => (Some(Msg::Saved(Ok(()))), quit),
        SaveOutcome::Failed(e) => (Some(Msg::Saved(Err(e))), false),
        SaveOutcome::ChangedOnDisk(modified) => (Some(Msg::ChangedOnDisk { modified, quit }), false),
    };
    match effect {
        Effect::Save => saved(session.save(app), false),
        Effect::SaveAndQuit => saved(session.save(app), true),
        Effect::Quit => {
            // Quitting with unsaved changes was confirmed as a discard.
            session.discard_recovery();
            (None, true)
        }
        Effect::Export { format, path } => (Some(Msg::Exported(export(app, format, &path).map(|()| path))), false),
        Effect::Reload => (Some(Msg::Reloaded(session.reload().map(Box::new))), false),
        Effect::SaveCopy { workbook, quit } => {
            let result = session.save_copy(workbook.as_deref().unwrap_or(&app.workbook), app.now);
            let quit = quit && result.is_ok();
            if quit {
                // The work is in the copy: nothing is left to recover.
                session.discard_recovery();
            }
            (Some(Msg::CopySaved(result)), quit)
        }
        Effect::Overwrite { quit } => {
            let result = session.overwrite(app);
            let quit = quit && result.is_ok();
            (Some(Msg::Saved(result)), quit)
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    session: &mut Session,
    incoming: &mpsc::Receiver<Incoming>,
) -> Result<Ending> {
    let size = terminal.size()?;
    app.size = (size.width, size.height);
    loop {
        terminal.draw(|frame| crate::ui::draw(app, frame))?;
        // Blocks until something happens: nothing redraws or reloads while the user is away.
        // Only with unsaved work not yet in the recovery file does it wait at most a moment.
        let next = if session.needs_recovery(app) {
            match incoming.recv_timeout(RECOVER_IDLE) {
                Ok(next) => next,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    session.write_recovery(app);
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(Ending::Signal(SIGHUP)),
            }
        } else {
            match incoming.recv() {
                Ok(next) => next,
                Err(mpsc::RecvError) => return Ok(Ending::Signal(SIGHUP)),
            }
        };
        let event = match next {
            Incoming::Signal(signal) => return Ok(Ending::Signal(signal)),
            Incoming::Terminal(event) => event?,
        };
        let Some(msg) = to_msg(event) else { continue };
        #[cfg(debug_assertions)]
        panic_if_asked(&msg);
        app.now = now();
        let before = app.revision;
        let mut effects: std::collections::VecDeque<Effect> = update(app, msg).into();
        while let Some(effect) = effects.pop_front() {
            let (result, quit) = carry_out(effect, app, session);
            if let Some(result) = result {
                effects.extend(update(app, result));
            }
            if quit {
                return Ok(Ending::Quit);
            }
        }
        if app.revision != before {
            session.edits_since_recovery += 1;
        }
        if session.edits_since_recovery >= RECOVER_EVERY
            || (session.needs_recovery(app) && session.last_recovery.elapsed() >= RECOVER_AT_LEAST_EVERY)
        {
            session.write_recovery(app);
        }
    }
}

/// Debug builds only: the key named by `PHASEBOOK_DEBUG_PANIC_KEY` panics, so the tests can
/// prove that a panic restores the terminal and keeps the unsaved work.
#[cfg(debug_assertions)]
#[allow(clippy::panic)]
fn panic_if_asked(msg: &Msg) {
    if let Msg::Key(key) = msg
        && let Ok(wanted) = std::env::var("PHASEBOOK_DEBUG_PANIC_KEY")
        && wanted.chars().next().is_some_and(|c| key.code == crossterm::event::KeyCode::Char(c))
    {
        panic!("PHASEBOOK_DEBUG_PANIC_KEY was pressed");
    }
}

/// Renders the snapshot as of now and writes it where the user chose, by the export rules.
fn export(app: &App, format: crate::export::Format, path: &std::path::Path) -> Result<(), String> {
    let strings = Lang::from_code(&app.workbook.meta.language).strings();
    let snapshot = crate::export::Snapshot::new(&app.workbook, &app.rollup, app.now);
    let text = crate::export::render(format, &snapshot, strings);
    crate::export::write_export(path, text.as_bytes(), Some(&app.path)).map_err(|e| e.to_string())
}

fn to_msg(event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => Some(Msg::Key(key)),
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => Some(Msg::Click { column: m.column, row: m.row }),
            MouseEventKind::ScrollDown => Some(Msg::Scroll { down: true, column: m.column, row: m.row }),
            MouseEventKind::ScrollUp => Some(Msg::Scroll { down: false, column: m.column, row: m.row }),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_in_the_largest_whole_unit() {
        let s = Lang::En.strings();
        assert_eq!(age(s, chrono::TimeDelta::seconds(-5)), "just now");
        assert_eq!(age(s, chrono::TimeDelta::seconds(59)), "just now");
        assert_eq!(age(s, chrono::TimeDelta::minutes(12)), "12 min ago");
        assert_eq!(age(s, chrono::TimeDelta::minutes(150)), "2 h ago");
        assert_eq!(age(s, chrono::TimeDelta::hours(49)), "2 days ago");
        assert_eq!(age(Lang::Sv.strings(), chrono::TimeDelta::hours(49)), "för 2 dagar sedan");
    }
}
