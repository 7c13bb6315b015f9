//! The effect runner: carries out what `update` asks for — saves, overwrites, copies,
//! reloads, exports — through the file-operations seam, keeps the unsaved work in the
//! recovery file, and hands every result back to `update` as a message. Tests drive it with
//! a file system that fails.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use crate::app::drafts;
use crate::app::state::App;
use crate::app::update::{CopyReason, Effect, Msg, update};
use crate::export::{ExportError, Format};
use crate::i18n::Lang;
use crate::model::Workbook;
use crate::store::{self, Expect, FileOps, Fingerprint, SaveError, Saved};

/// Unsaved work goes to the recovery file after this many changes, after this long idle,
/// and, while typing goes on without a pause, at least this often.
pub const RECOVER_EVERY: u32 = 5;
pub const RECOVER_IDLE: Duration = Duration::from_secs(3);
const RECOVER_AT_LEAST_EVERY: Duration = Duration::from_secs(30);

/// What the runner keeps about the file beside the interface state.
pub struct Runner {
    path: PathBuf,
    /// The recovery file this session keeps its unsaved work in (a read-only session has
    /// one of its own, never the lock holder's); `None` when there is no data folder.
    recovery: Option<PathBuf>,
    /// What the file held when it was read or last saved: a save over anything else is
    /// someone else's change being replaced.
    fingerprint: Fingerprint,
    fs: Arc<dyn FileOps>,
    /// The revision last written to the recovery file (or loaded).
    recovered_revision: u64,
    /// The drafts' signature when the recovery file was last written.
    recovered_drafts: u64,
    edits_since_recovery: u32,
    last_recovery: Instant,
    /// The last write of the recovery file failed (and the user was told).
    recovery_failing: bool,
    lock: Option<store::Lock>,
}

/// What came of carrying out one effect.
pub enum Step {
    /// A result for `update`.
    Then(Msg),
    /// The session ends now.
    Quit,
}

impl Runner {
    /// A runner for the workbook at `path`, read with `fingerprint`, as `app` holds it now.
    pub fn new(
        path: PathBuf,
        fingerprint: Fingerprint,
        recovery: Option<PathBuf>,
        fs: Arc<dyn FileOps>,
        lock: Option<store::Lock>,
        app: &App,
    ) -> Runner {
        Runner {
            path,
            recovery,
            fingerprint,
            fs,
            recovered_revision: app.history.revision(),
            recovered_drafts: drafts::signature(app),
            edits_since_recovery: 0,
            last_recovery: Instant::now(),
            recovery_failing: false,
            lock,
        }
    }

    /// Carries out `effects` and every effect their results lead to; true when the session
    /// is to end.
    pub fn settle(&mut self, app: &mut App, effects: Vec<Effect>) -> bool {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match self.carry_out(effect, app) {
                Step::Quit => return true,
                Step::Then(msg) => queue.extend(update(app, msg)),
            }
        }
        false
    }

    /// Carries out one effect.
    pub fn carry_out(&mut self, effect: Effect, app: &App) -> Step {
        match effect {
            Effect::Save { quit } => Step::Then(Msg::Saved { result: self.save(&app.workbook), quit }),
            Effect::Overwrite { quit } => {
                let result = self.write(&app.workbook, Expect::Anything);
                Step::Then(Msg::Saved { result, quit })
            }
            Effect::Quit => {
                // Quitting with unsaved changes was confirmed as a discard.
                self.discard_recovery();
                Step::Quit
            }
            Effect::Export { format, path } => Step::Then(Msg::Exported(export(app, format, &path).map(|()| path))),
            Effect::Reload => Step::Then(Msg::Reloaded(self.reload().map(Box::new))),
            Effect::SaveAs { path, switch } => {
                let result = self.save_as(&app.workbook, &path, switch);
                Step::Then(Msg::SavedAs { path, result })
            }
            Effect::SaveCopy { workbook, why, quit } => {
                let result = self.save_copy(workbook.as_deref().unwrap_or(&app.workbook), why, app.now);
                Step::Then(Msg::CopySaved { result, quit })
            }
        }
    }

    /// Saves over the file as it was read or last saved; one removed under us is written
    /// anew, since that loses nothing of anyone's.
    fn save(&mut self, workbook: &Workbook) -> Result<Saved, SaveError> {
        let fingerprint = self.fingerprint.clone();
        match self.write(workbook, Expect::Unchanged(&fingerprint)) {
            Err(SaveError::Removed { .. }) => self.write(workbook, Expect::Absent),
            other => other,
        }
    }

    /// One save through the store, keeping what the file holds afterwards.
    fn write(&mut self, workbook: &Workbook, expect: Expect<'_>) -> Result<Saved, SaveError> {
        // The lock is checked first: if another phasebook took the workbook meanwhile, the
        // file is theirs.
        if let Some(lock) = &mut self.lock
            && let Err(lost) = lock.reassert(&self.path)
        {
            // Unsaved work goes on being kept, in a file of this session's own: the holder's
            // recovery file is the new holder's now.
            self.lock = None;
            self.recovery = self.recovery.as_deref().map(|r| store::session_recovery_beside(r, std::process::id()));
            return Err(lost.into());
        }
        let result = store::save_with(self.fs.as_ref(), &self.path, workbook, expect);
        match &result {
            Ok(saved) => {
                self.fingerprint = saved.fingerprint.clone();
                self.discard_recovery();
                if let Some(lock) = &mut self.lock {
                    lock.follow(&self.path);
                }
            }
            // The file may hold the new version: the next save must expect it.
            Err(SaveError::Unconfirmed { fingerprint, .. }) => self.fingerprint = fingerprint.clone(),
            Err(_) => {}
        }
        result
    }

    /// Writes the workbook to a new file at `path`, never over an existing one. With
    /// `switch` the copy becomes the open file: its lock taken, the old one's released,
    /// unsaved work kept for it from then on. Returns whether it switched (not when the
    /// copy's lock cannot be taken: then the session goes on as it was).
    fn save_as(&mut self, workbook: &Workbook, path: &Path, switch: bool) -> Result<bool, SaveError> {
        let saved = store::create_new_with(self.fs.as_ref(), path, workbook)?;
        if !switch {
            return Ok(false);
        }
        let Ok(lock) = store::Lock::acquire(path) else { return Ok(false) };
        let folder = self.recovery.as_deref().and_then(Path::parent).map(Path::to_path_buf);
        // The work is saved in the copy: nothing is left for the old file's recovery.
        self.discard_recovery();
        self.lock = Some(lock);
        self.path = path.to_path_buf();
        self.fingerprint = saved.fingerprint;
        self.recovery = folder.map(|folder| store::recovery_path(&folder, path));
        Ok(true)
    }

    /// Reads the file as it is now; its fingerprint becomes the one the next save checks.
    fn reload(&mut self) -> Result<Workbook, store::LoadError> {
        let loaded = store::open(&self.path)?;
        self.fingerprint = loaded.fingerprint;
        Ok(loaded.workbook)
    }

    /// Writes `workbook` to a new file beside the workbook, never over an existing one.
    fn save_copy(
        &self,
        workbook: &Workbook,
        why: CopyReason,
        now: DateTime<FixedOffset>,
    ) -> Result<PathBuf, SaveError> {
        let mut last = None;
        for n in 1..=20 {
            let copy = copy_name(&self.path, why, now, n);
            match store::create_new_with(self.fs.as_ref(), &copy, workbook) {
                Ok(_) => return Ok(copy),
                Err(e @ SaveError::AlreadyExists { .. }) => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or(SaveError::AlreadyExists { path: copy_name(&self.path, why, now, 1) }))
    }

    /// Whether there is unsaved work, drafts included, not yet in the recovery file.
    pub fn needs_recovery(&self, app: &App) -> bool {
        (app.is_dirty() && app.history.revision() != self.recovered_revision)
            || drafts::signature(app) != self.recovered_drafts
    }

    /// After each message: counts changes, and keeps the work in the recovery file every few
    /// changes and at least every little while. Returns what `update` is to hear when
    /// keeping it began to fail or works again.
    pub fn after_update(&mut self, app: &App, revision_before: u64) -> Option<Msg> {
        if app.history.revision() != revision_before {
            self.edits_since_recovery += 1;
        }
        if self.edits_since_recovery >= RECOVER_EVERY
            || (self.needs_recovery(app) && self.last_recovery.elapsed() >= RECOVER_AT_LEAST_EVERY)
        {
            return self.write_recovery(app);
        }
        None
    }

    /// Writes the unsaved work, drafts included, to the recovery file; removes the file
    /// when nothing is unsaved any more. A write that fails is tried again at the next
    /// change or pause; the first failure, and the first success after it, come back as a
    /// message for `update`.
    pub fn write_recovery(&mut self, app: &App) -> Option<Msg> {
        if !self.needs_recovery(app) {
            return None;
        }
        let file = self.recovery.clone()?;
        let file = &file;
        let folded = drafts::folded(app);
        let written = if !app.is_dirty() && folded.is_none() {
            remove(file)
        } else {
            let mut changes: Vec<String> =
                app.history.unsaved_changes().map(|c| format!("{}: {}", c.target, c.what)).collect();
            let workbook = match folded {
                Some((workbook, drafts)) => {
                    changes.extend(drafts);
                    std::borrow::Cow::Owned(workbook)
                }
                None => std::borrow::Cow::Borrowed(&app.workbook),
            };
            match store::write_recovery_to(file, &self.path, Some(&self.fingerprint), &changes, &workbook) {
                Ok(_) => true,
                Err(e) => {
                    self.last_recovery = Instant::now();
                    if self.recovery_failing {
                        return None;
                    }
                    self.recovery_failing = true;
                    return Some(Msg::Recovery(Err(e)));
                }
            }
        };
        if written {
            self.recovered_revision = app.history.revision();
            self.recovered_drafts = drafts::signature(app);
            self.edits_since_recovery = 0;
            self.last_recovery = Instant::now();
            if std::mem::take(&mut self.recovery_failing) {
                return Some(Msg::Recovery(Ok(())));
            }
        }
        None
    }

    /// Where unsaved work went, for the last line phasebook prints.
    pub fn recovery_note(&self, app: &App) -> String {
        let unsaved = app.is_dirty() || drafts::folded(app).is_some();
        match (&self.recovery, unsaved) {
            (_, false) => "Nothing was left unsaved.".into(),
            (Some(file), true) if !self.needs_recovery(app) && app.read_only.is_some() => {
                format!("The unsaved changes are kept in {}.", file.display())
            }
            (Some(file), true) if !self.needs_recovery(app) => {
                format!("The unsaved changes are kept in {} and offered at the next start.", file.display())
            }
            _ => "The unsaved changes could not be kept.".into(),
        }
    }

    fn discard_recovery(&self) {
        if let Some(file) = &self.recovery {
            remove(file);
        }
    }
}

/// Removes a recovery file; true when it is gone (or never was).
fn remove(file: &Path) -> bool {
    match std::fs::remove_file(file) {
        Ok(()) => true,
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// `contoso.ron` → `contoso.conflict-20261126-103000.ron` (or `.copy-` for a read-only
/// session's) beside it; `-2`, `-3`, … after it for the `n`th try.
fn copy_name(path: &Path, why: CopyReason, now: DateTime<FixedOffset>, n: u32) -> PathBuf {
    // The stem's own bytes, so names that are not UTF-8 keep copies of their own.
    let mut name = path.file_stem().map_or_else(|| "workbook".into(), std::ffi::OsStr::to_os_string);
    let again = if n > 1 { format!("-{n}") } else { String::new() };
    let kind = match why {
        CopyReason::Conflict => "conflict",
        CopyReason::ReadOnly => "copy",
    };
    name.push(format!(".{kind}-{}{again}.ron", now.format("%Y%m%d-%H%M%S")));
    path.with_file_name(name)
}

/// Renders the snapshot as of now and writes it where the user chose, by the export rules.
fn export(app: &App, format: Format, path: &Path) -> Result<(), ExportError> {
    let strings = Lang::from_code(&app.workbook.meta.language).strings();
    let snapshot = crate::export::Snapshot::new(&app.workbook, &app.rollup, app.now);
    let separator = crate::export::csv::Separator::for_language(&app.workbook.meta.language);
    let text = crate::export::render(format, &snapshot, strings, separator);
    crate::export::write_export(path, text.as_bytes(), Some(&app.path))
}
