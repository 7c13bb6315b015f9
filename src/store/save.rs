//! Saving: serialize, read the text back as a check, then replace the file atomically: a
//! temp file in the same folder, synced, the old version kept as a backup, renamed over the
//! target, the folder synced. A crash at any instant leaves the old file or the new one.

use std::ffi::OsString;
use std::fs::{Metadata, Permissions};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::error::SaveError;
use super::fingerprint::Fingerprint;
use super::format::{from_ron, to_ron};
use super::fs::{FileOps, RealFs, TEMP_RANDOM_LEN};
use crate::model::Workbook;

/// How many previous versions a save keeps beside the workbook, as `.<name>.bak1` (the
/// newest) to `.<name>.bak3`.
pub const BACKUPS: usize = 3;

/// A temp file that no live process holds a lock on is swept; where the file system has no
/// locks, one untouched for this long is. A save takes milliseconds, even on a slow share.
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(120);

/// What the caller knows the file on disk holds, checked just before it is replaced.
#[derive(Debug, Clone, Copy)]
pub enum Expect<'a> {
    /// The content phasebook read or last wrote; anything else is someone else's change.
    Unchanged(&'a Fingerprint),
    /// No file: a new workbook, or one re-created after it was removed under us.
    Absent,
    /// Whatever is there is overwritten: the user confirmed it.
    Anything,
}

/// A save that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "the new fingerprint is what the next save must expect"]
pub struct Saved {
    /// What the file holds now: pass it to the next save.
    pub fingerprint: Fingerprint,
    /// Why no backup of the previous version was kept, if none could be. The save itself
    /// went ahead: keeping the user's edits matters more than keeping the old copy.
    pub backup_skipped: Option<String>,
}

/// Writes the workbook to `path` whatever is there now (as the command line's `new` does
/// after claiming the name). The interface uses [`save_checked`].
pub fn save(path: &Path, workbook: &Workbook) -> Result<(), SaveError> {
    save_with(&RealFs, path, workbook, Expect::Anything).map(|_| ())
}

/// Writes the workbook to a new file at `path`, never over an existing one: the name is
/// claimed first, so two writers cannot both create it.
pub fn create_new(path: &Path, workbook: &Workbook) -> Result<Saved, SaveError> {
    create_new_with(&RealFs, path, workbook)
}

/// [`create_new`] through any [`FileOps`].
pub fn create_new_with(fs: &dyn FileOps, path: &Path, workbook: &Workbook) -> Result<Saved, SaveError> {
    if let Err(e) = std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        return Err(match e.kind() {
            io::ErrorKind::AlreadyExists => SaveError::AlreadyExists { path: path.to_path_buf() },
            io::ErrorKind::NotFound => {
                SaveError::FolderMissing { path: path.to_path_buf(), folder: folder_of(path).to_path_buf() }
            }
            _ => SaveError::from_io(path, e),
        });
    }
    save_with(fs, path, workbook, Expect::Anything).inspect_err(|_| {
        let _ = std::fs::remove_file(path);
    })
}

/// Writes the workbook to `path` if the file still holds what `expected` describes, or,
/// when `expected` is `None`, if there is no file there. Returns what the file holds now.
pub fn save_checked(path: &Path, workbook: &Workbook, expected: Option<&Fingerprint>) -> Result<Saved, SaveError> {
    let expect = match expected {
        Some(fingerprint) => Expect::Unchanged(fingerprint),
        None => Expect::Absent,
    };
    save_with(&RealFs, path, workbook, expect)
}

/// The general save, through any [`FileOps`]: what the others call, and what tests call
/// with a file system that fails.
pub fn save_with(fs: &dyn FileOps, path: &Path, workbook: &Workbook, expect: Expect<'_>) -> Result<Saved, SaveError> {
    let text = to_ron(workbook).map_err(|e| SaveError::Serialize(e.to_string()))?;
    let back: Workbook = from_ron(&text).map_err(|_| SaveError::RoundTrip)?;
    if &back != workbook {
        return Err(SaveError::RoundTrip);
    }
    replace(fs, path, text.as_bytes(), expect, Keep { backups: BACKUPS, private: false, through_links: true })
}

/// Writes the workbook to `path` as one atomic replacement and no backup: for a file that is
/// not the user's own copy, such as the one git hands its merge driver.
pub fn write_workbook(path: &Path, workbook: &Workbook) -> Result<(), SaveError> {
    let text = to_ron(workbook).map_err(|e| SaveError::Serialize(e.to_string()))?;
    let back: Workbook = from_ron(&text).map_err(|_| SaveError::RoundTrip)?;
    if &back != workbook {
        return Err(SaveError::RoundTrip);
    }
    let keep = Keep { backups: 0, private: false, through_links: true };
    replace(&RealFs, path, text.as_bytes(), Expect::Anything, keep).map(|_| ())
}

/// Replaces `path` with `bytes` so that readers see the old content or the new, never a
/// mix; no backup is kept. For files other than workbooks (exports). The name itself is
/// replaced: a link put there, even in the instant before the rename, is replaced by the
/// file, never written through.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let keep = Keep { backups: 0, private: false, through_links: false };
    replace(&RealFs, path, bytes, Expect::Anything, keep).map(|_| ())
}

/// The path of the `n`th backup of `path` (1 is the newest).
pub fn backup_path(path: &Path, n: usize) -> PathBuf {
    hidden_sibling(path, &format!(".bak{n}"))
}

/// What a replace keeps beyond the new content.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Keep {
    /// How many previous versions to keep beside the file.
    pub backups: usize,
    /// A new file is readable by its owner alone (recovery files, which copy a workbook
    /// into a folder with other permissions).
    pub private: bool,
    /// A symlink at the name is followed and the file it points to replaced (a workbook
    /// opened through a link); otherwise the link itself is replaced.
    pub through_links: bool,
}

/// The steps of an atomic replace, each through `fs`, undone as far as they can be when a
/// later one fails, so a failed save leaves the file as it was and no temp file behind.
pub(crate) fn replace(
    fs: &dyn FileOps,
    path: &Path,
    bytes: &[u8],
    expect: Expect<'_>,
    keep: Keep,
) -> Result<Saved, SaveError> {
    // Saving a workbook through a symlink must replace the file it points to, not the link.
    let path = &if keep.through_links { resolve_symlink(path) } else { path.to_path_buf() };
    let fail = |e: io::Error| SaveError::from_io(path, e);
    if path.file_name().is_none() {
        return Err(SaveError::IsFolder { path: path.clone() });
    }
    let folder = folder_of(path);

    let existing = match fs.metadata(path) {
        Ok(meta) if meta.is_dir() => return Err(SaveError::IsFolder { path: path.clone() }),
        // A link that is replaced, not followed, lends the new file nothing of its own.
        Ok(meta) if meta.file_type().is_symlink() => None,
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(fail(e)),
    };
    match (expect, &existing) {
        // A rename would replace it regardless of its mode, as if the mark were not there.
        (_, Some(meta)) if meta.permissions().readonly() => {
            return Err(SaveError::ReadOnlyFile { path: path.clone() });
        }
        // Nor may a rename in a folder the user can write replace a file they may not.
        (_, Some(_)) if !may_write(path) => return Err(SaveError::NotWritable { path: path.clone() }),
        (Expect::Unchanged(_), None) => return Err(SaveError::Removed { path: path.clone() }),
        (Expect::Absent, Some(_)) => return Err(SaveError::AlreadyExists { path: path.clone() }),
        _ => {}
    }

    let permissions = existing.as_ref().map(Metadata::permissions).or_else(|| new_file_permissions(keep.private));
    let prefix = hidden_name(path, ".");
    let (mut file, temp) = fs.create_temp(folder, &prefix, permissions.as_ref()).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            SaveError::FolderMissing { path: path.clone(), folder: folder.to_path_buf() }
        } else {
            fail(e)
        }
    })?;
    let mut temp = TempGuard { fs, path: Some(temp) };
    if let Some(meta) = &existing {
        fs.keep_attributes(path, meta, &file).map_err(fail)?;
    }
    if let (Some(_), Some(p)) = (&existing, permissions) {
        // Creation applied the umask (and a change of owner cleared set-id bits); the
        // original's mode is restored exactly.
        fs.set_permissions(&file, p).map_err(fail)?;
    }
    fs.write_all(&mut file, bytes).map_err(fail)?;
    fs.sync_file(&file).map_err(fail)?;
    let fingerprint = Fingerprint::of(bytes, file.metadata().ok().and_then(|m| m.modified().ok()));

    // Checked as late as possible, to leave another writer the smallest window.
    let mut checked = None;
    match expect {
        Expect::Unchanged(expected) => checked = Some(check_unchanged(fs, path, expected)?),
        Expect::Absent => match fs.metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Ok(_) => return Err(SaveError::AlreadyExists { path: path.clone() }),
            Err(e) => return Err(fail(e)),
        },
        Expect::Anything => {}
    }

    let mut backup_skipped = None;
    let mut restorable = false;
    if keep.backups > 0 && existing.as_ref().is_some_and(|m| m.len() > 0) {
        match rotate_backups(fs, path, keep.backups) {
            Ok(()) => restorable = true,
            Err(e) => backup_skipped = Some(format!("no backup of the previous version was kept: {e}")),
        }
    }

    let temp_path = temp.path.clone().unwrap_or_default();
    let changed = |meta: &Metadata| SaveError::ChangedOnDisk { path: path.clone(), modified: meta.modified().ok() };
    // Once more right before the replace: the file must still be the one whose content
    // was checked (another program's atomic save puts a new file at the name).
    if let Some(checked) = &checked {
        match fs.metadata(path) {
            Ok(now) if !untouched_since(&now, checked) => return Err(changed(&now)),
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(SaveError::Removed { path: path.clone() }),
            Err(e) => return Err(fail(e)),
        }
    }
    // Where the file system can swap the two names in one step, what was replaced is left
    // at the temp name, to be compared with what was checked: a save by someone else that
    // landed in the instant since is put back and this save refused, as if it had been seen.
    let swap = if existing.is_some() { fs.exchange(&temp_path, path) } else { Err(io::ErrorKind::Unsupported.into()) };
    let exchanged = match (&checked, swap) {
        (Some(checked), Ok(())) => {
            if let Ok(replaced) = fs.metadata(&temp_path)
                && !untouched_since(&replaced, checked)
            {
                return Err(match fs.exchange(&temp_path, path) {
                    // Theirs is the file again; ours goes with the temp file.
                    Ok(()) => changed(&replaced),
                    Err(_) => {
                        // Theirs is at the temp name: never to be removed with it.
                        temp.path = None;
                        let copy = aside_name(path, "theirs");
                        match fs.rename(&temp_path, &copy) {
                            Ok(()) => SaveError::TheirsKeptAside { path: path.clone(), theirs: copy },
                            Err(_) => SaveError::TheirsKeptAside { path: path.clone(), theirs: temp_path },
                        }
                    }
                });
            }
            true
        }
        (None, Ok(())) => true,
        (_, Err(e)) if matches!(e.kind(), io::ErrorKind::Unsupported | io::ErrorKind::NotFound) => {
            fs.rename(&temp_path, path).map_err(fail)?;
            temp.path = None;
            false
        }
        (_, Err(e)) => return Err(fail(e)),
    };
    // The temp file's sweep lock goes now, by name of its open file, not only when this
    // descriptor closes: a child process another thread forked in the meantime holds a copy
    // of it until it execs, and the file is the workbook now, whose own lock the session
    // takes next.
    let _ = file.unlock();
    drop(file);

    if let Err(e) = fs.sync_folder(folder) {
        // The rename may or may not last; put the old version back, so that "not saved" is
        // true and the caller's fingerprint still matches the file.
        let undone = match &existing {
            // The old version is still at the temp name; the new one goes there instead.
            Some(_) if exchanged => fs.exchange(&temp_path, path).is_ok(),
            Some(_) if restorable => restore_backup(fs, path, &temp_path),
            Some(_) => false,
            None => fs.remove(path).is_ok(),
        };
        if undone {
            let _ = fs.sync_folder(folder);
            return Err(fail(e));
        }
        return Err(SaveError::Unconfirmed { path: path.clone(), source: e, fingerprint });
    }
    // The temp name holds the old version now (also in the newest backup, if one was kept);
    // the guard removes it.
    drop(temp);
    Ok(Saved { fingerprint, backup_skipped })
}

/// Whether this user may write the file at `path` (as root, any file not marked read-only).
#[cfg(unix)]
fn may_write(path: &Path) -> bool {
    // Only a clear "no" refuses; a file system that cannot tell lets the save try.
    !matches!(rustix::fs::access(path, rustix::fs::Access::WRITE_OK), Err(rustix::io::Errno::ACCESS))
}

#[cfg(not(unix))]
fn may_write(_path: &Path) -> bool {
    true
}

/// `contoso.ron` → `contoso.theirs-20261126-103000.ron`, beside it, a name not taken.
fn aside_name(path: &Path, what: &str) -> PathBuf {
    let stem = path.file_stem().map(OsString::from).unwrap_or_default();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    for n in 0u32.. {
        let mut name = stem.clone();
        name.push(format!(".{what}-{stamp}"));
        if n > 0 {
            name.push(format!("-{n}"));
        }
        name.push(".ron");
        let candidate = path.with_file_name(name);
        if std::fs::symlink_metadata(&candidate).is_err() {
            return candidate;
        }
    }
    path.with_extension(what)
}

/// A new workbook gets the mode any new file would (0666 less the umask), not the temp
/// file's 0600; a private one keeps 0600.
#[cfg(unix)]
fn new_file_permissions(private: bool) -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(Permissions::from_mode(if private { 0o600 } else { 0o666 }))
}

#[cfg(not(unix))]
fn new_file_permissions(_private: bool) -> Option<Permissions> {
    None
}

/// Puts the newest backup back over `path`, keeping the backup: through a second hard link
/// at the temp file's name (free again since its rename), so the backups do not shift.
fn restore_backup(fs: &dyn FileOps, path: &Path, free_temp: &Path) -> bool {
    let newest = backup_path(path, 1);
    if fs.hard_link(&newest, free_temp).is_ok() {
        if fs.rename(free_temp, path).is_ok() {
            return true;
        }
        let _ = fs.remove(free_temp);
    }
    // A backup made by copying (no hard links here) is given up for the file itself.
    fs.rename(&newest, path).is_ok()
}

/// Refuses when the file no longer holds what the caller loaded or last saved.
/// Returns the metadata of the file that was checked, to compare its identity with later.
fn check_unchanged(fs: &dyn FileOps, path: &Path, expected: &Fingerprint) -> Result<Metadata, SaveError> {
    let gone = |e: &io::Error| e.kind() == io::ErrorKind::NotFound;
    let meta = match fs.metadata(path) {
        Ok(meta) => meta,
        Err(e) if gone(&e) => return Err(SaveError::Removed { path: path.to_path_buf() }),
        Err(e) => return Err(SaveError::from_io(path, e)),
    };
    // The size alone often tells; reading is needed only when it matches.
    let changed = || SaveError::ChangedOnDisk { path: path.to_path_buf(), modified: meta.modified().ok() };
    if meta.len() != expected.len {
        return Err(changed());
    }
    let bytes = match fs.read(path) {
        Ok(bytes) => bytes,
        Err(e) if gone(&e) => return Err(SaveError::Removed { path: path.to_path_buf() }),
        Err(e) => return Err(SaveError::from_io(path, e)),
    };
    if Fingerprint::of(&bytes, None).same_content(expected) { Ok(meta) } else { Err(changed()) }
}

/// Shifts `.bak1`… up by one, dropping the oldest, and makes `.bak1` a hard link to the
/// current file: no copy, and atomic, so a crash leaves at worst one backup fewer. A retried
/// save whose `.bak1` already is the current file shifts nothing, so retries do not push
/// the older backups out.
fn rotate_backups(fs: &dyn FileOps, path: &Path, count: usize) -> io::Result<()> {
    let newest = backup_path(path, 1);
    if let (Ok(current), Ok(previous)) = (fs.metadata(path), fs.metadata(&newest))
        && same_file(&current, &previous)
    {
        return Ok(());
    }
    for n in (1..count).rev() {
        match fs.rename(&backup_path(path, n), &backup_path(path, n + 1)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    match fs.hard_link(path, &newest) {
        Ok(()) => Ok(()),
        // File systems without hard links (FAT, some shares) get a copy instead.
        Err(_) => {
            let _ = fs.remove(&newest);
            fs.copy(path, &newest)
        }
    }
}

/// Whether `now` is the file `checked` described, not written since: the same file (an
/// atomic save by another program makes a new one) of the same size and modification
/// time (one writing in place keeps the file but changes those).
fn untouched_since(now: &Metadata, checked: &Metadata) -> bool {
    same_file(now, checked) && now.len() == checked.len() && now.modified().ok() == checked.modified().ok()
}

#[cfg(unix)]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &Metadata, b: &Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

/// Removes the temp file unless it was renamed into place.
struct TempGuard<'a> {
    fs: &'a dyn FileOps,
    path: Option<PathBuf>,
}

impl Drop for TempGuard<'_> {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            // Left behind if this fails too; the next start's sweep removes it.
            let _ = self.fs.remove(&path);
        }
    }
}

/// Removes temp files that a killed save left beside the workbook at `path`
/// (`.<name>.<random>.tmp`), and returns their paths. Call it when the app starts on a
/// workbook. A temp file that a live save holds locked is left alone; where the file system
/// has no locks, only files untouched for [`STALE_TEMP_AGE`] are removed.
pub fn sweep_stale_temps(path: &Path) -> io::Result<Vec<PathBuf>> {
    let path = resolve_symlink(path);
    let prefix = hidden_name(&path, ".");
    let mut swept = Vec::new();
    let entries = match std::fs::read_dir(folder_of(&path)) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(swept),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(random) = name
            .as_encoded_bytes()
            .strip_prefix(prefix.as_encoded_bytes())
            .and_then(|n| n.strip_suffix(b".tmp".as_slice()))
        else {
            continue;
        };
        if random.len() != TEMP_RANDOM_LEN || !random.iter().all(u8::is_ascii_alphanumeric) {
            continue;
        }
        let temp = entry.path();
        // Only regular files: opening a FIFO of that name would wait for a writer.
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let Ok(file) = super::fs::open_for_reading(&temp) else { continue };
        let stale = match file.try_lock() {
            Ok(()) => true,
            Err(std::fs::TryLockError::WouldBlock) => false,
            Err(std::fs::TryLockError::Error(_)) => file
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| SystemTime::now().duration_since(t).unwrap_or_default() > STALE_TEMP_AGE),
        };
        // Removed while still holding the lock, so no save can take the file up meanwhile.
        if stale && std::fs::remove_file(&temp).is_ok() {
            swept.push(temp);
        }
    }
    Ok(swept)
}

/// The file `path` names once symlinks are followed, even if that file does not exist
/// (yet): a save through a link must replace the file it points to, not the link.
pub(crate) fn resolve_symlink(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    // As many hops as Linux itself follows before giving up on a loop.
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        let Some(target) = is_link.then(|| std::fs::read_link(&path).ok()).flatten() else {
            return path;
        };
        path = if target.is_absolute() { target } else { folder_of(&path).join(target) };
    }
    path
}

pub(crate) fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.NAME` followed by `suffix`, beside `path`, built from the name's own bytes: two names
/// that differ only in bytes that are not UTF-8 keep files of their own.
pub(crate) fn hidden_sibling(path: &Path, suffix: &str) -> PathBuf {
    folder_of(path).join(hidden_name(path, suffix))
}

fn hidden_name(path: &Path, suffix: &str) -> OsString {
    let mut name = OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(suffix);
    name
}
