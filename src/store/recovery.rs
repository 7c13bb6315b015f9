//! Recovery files: unsaved changes to a workbook, written atomically into a folder the app
//! chooses (its data folder) so that after a crash the next start can offer them back.
//! One file per workbook, named from a hash of the workbook's absolute path.

use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::error::SaveError;
use super::fingerprint::{Fingerprint, fnv1a};
use super::format::{from_ron, to_ron_pretty};
use super::fs::RealFs;
use super::load::MAX_FILE_BYTES;
use super::save::{Expect, Keep, replace, sweep_stale_temps};
use crate::model::Workbook;

/// What a recovery file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    /// The workbook these changes belong to, absolute. Text when the path is UTF-8, its
    /// bytes when it is not (a name from another system's encoding).
    #[serde(with = "path_text_or_bytes")]
    pub workbook_path: PathBuf,
    /// When the recovery file was written.
    pub written: DateTime<FixedOffset>,
    /// What the workbook file held when the changes were started, if it existed: when the
    /// file no longer matches, someone saved it since, and applying the recovery would
    /// replace their version.
    pub base: Option<Fingerprint>,
    /// The unsaved changes in a few words each, as the app describes them.
    pub changes: Vec<String>,
    /// The whole workbook with the changes applied.
    pub workbook: Workbook,
}

#[derive(Debug, Error)]
pub enum RecoveryError {
    #[error("cannot write the recovery file: {0}")]
    Serialize(String),
    #[error("{}: cannot write the recovery file for unsaved changes: {source}", path.display())]
    Write { path: PathBuf, source: SaveError },
    #[error("{}: cannot read the recovery file: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: the recovery file of unsaved changes is damaged ({message}).", path.display())]
    Damaged { path: PathBuf, message: String },
}

impl RecoveryError {
    /// The recovery file it is about, when there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            RecoveryError::Serialize(_) => None,
            RecoveryError::Write { path, .. }
            | RecoveryError::Read { path, .. }
            | RecoveryError::Damaged { path, .. } => Some(path),
        }
    }

    /// What went wrong, without the file's name: for a message that names it otherwise.
    pub fn cause(&self) -> String {
        match self {
            RecoveryError::Serialize(message) | RecoveryError::Damaged { message, .. } => message.clone(),
            RecoveryError::Write { source, .. } => match source {
                SaveError::DiskFull { .. } => "the disk is full".into(),
                SaveError::PermissionDenied { .. } => "permission denied".into(),
                SaveError::ReadOnly { .. } => "the disk is read-only".into(),
                SaveError::FolderMissing { .. } => "its folder is missing".into(),
                SaveError::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            },
            RecoveryError::Read { source, .. } => source.to_string(),
        }
    }
}

/// A path as RON text, or as its bytes when it is not UTF-8 (which RON text cannot hold).
pub(super) mod path_text_or_bytes {
    use std::path::PathBuf;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    #[serde(untagged)]
    enum Repr {
        Text(String),
        Bytes(Vec<u8>),
    }

    #[allow(clippy::ptr_arg, reason = "serde's `with` hands over the field as it is")]
    pub fn serialize<S: Serializer>(path: &PathBuf, s: S) -> Result<S::Ok, S::Error> {
        match path.to_str() {
            Some(text) => Repr::Text(text.to_string()),
            None => Repr::Bytes(path.as_os_str().as_encoded_bytes().to_vec()),
        }
        .serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<PathBuf, D::Error> {
        Ok(match Repr::deserialize(d)? {
            Repr::Text(text) => PathBuf::from(text),
            #[cfg(unix)]
            Repr::Bytes(bytes) => {
                PathBuf::from(<std::ffi::OsString as std::os::unix::ffi::OsStringExt>::from_vec(bytes))
            }
            #[cfg(not(unix))]
            Repr::Bytes(bytes) => PathBuf::from(String::from_utf8_lossy(&bytes).into_owned()),
        })
    }
}

/// Where the recovery file for `workbook_path` lives in `folder`.
pub fn recovery_path(folder: &Path, workbook_path: &Path) -> PathBuf {
    let absolute = absolute(workbook_path);
    let stem: String = absolute
        .file_stem()
        .map(|s| {
            s.to_string_lossy()
                .chars()
                .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .take(40)
                .collect()
        })
        .unwrap_or_default();
    // The readable stem helps a person looking in the folder; the hash tells apart
    // workbooks of the same name in different folders.
    let hash = fnv1a(absolute.as_os_str().as_encoded_bytes());
    folder.join(format!("{stem}-{hash:016x}.recovery.ron"))
}

/// Where a read-only session keeps its unsaved work: a file of its own beside the lock
/// holder's recovery file, never that one, named for the process.
pub fn session_recovery_path(folder: &Path, workbook_path: &Path, pid: u32) -> PathBuf {
    session_recovery_beside(&recovery_path(folder, workbook_path), pid)
}

/// The read-only session's recovery file beside the holder's recovery file `path`.
pub fn session_recovery_beside(path: &Path, pid: u32) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(name.replace(".recovery.ron", &format!(".read-only-{pid}.recovery.ron")))
}

/// Writes (or replaces) the recovery file for `workbook_path` in `folder`, creating the
/// folder if needed; `base` is what the workbook file held when editing started.
pub fn write_recovery(
    folder: &Path,
    workbook_path: &Path,
    base: Option<&Fingerprint>,
    changes: &[String],
    workbook: &Workbook,
) -> Result<PathBuf, RecoveryError> {
    write_recovery_to(&recovery_path(folder, workbook_path), workbook_path, base, changes, workbook)
}

/// Writes (or replaces) the recovery file `path` for `workbook_path`, creating its folder.
pub fn write_recovery_to(
    path: &Path,
    workbook_path: &Path,
    base: Option<&Fingerprint>,
    changes: &[String],
    workbook: &Workbook,
) -> Result<PathBuf, RecoveryError> {
    let path = path.to_path_buf();
    let folder = super::save::folder_of(&path).to_path_buf();
    let recovery = Recovery {
        workbook_path: absolute(workbook_path),
        written: chrono::Local::now().fixed_offset(),
        base: base.cloned(),
        changes: changes.to_vec(),
        workbook: workbook.clone(),
    };
    let text = to_ron_pretty(&recovery).map_err(|e| RecoveryError::Serialize(e.to_string()))?;
    if let Err(source) = std::fs::create_dir_all(&folder) {
        return Err(RecoveryError::Write { path, source: SaveError::from_io(&folder, source) });
    }
    match replace(
        &RealFs,
        &path,
        text.as_bytes(),
        Expect::Anything,
        Keep { backups: 0, private: true, through_links: false },
    ) {
        Ok(_) => Ok(path),
        Err(source) => Err(RecoveryError::Write { path, source }),
    }
}

/// The recovery file for `workbook_path` in `folder`, if there is one.
pub fn find_recovery(folder: &Path, workbook_path: &Path) -> Result<Option<Recovery>, RecoveryError> {
    let path = recovery_path(folder, workbook_path);
    // A write killed halfway leaves a temp file beside it; the recovery file itself is whole.
    let _ = sweep_stale_temps(&path);
    let read_error = |source| RecoveryError::Read { path: path.clone(), source };
    let meta = match std::fs::metadata(&path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(read_error(e)),
    };
    // A recovery file is a workbook plus a few lines.
    if meta.len() > MAX_FILE_BYTES + 1024 * 1024 {
        return Err(RecoveryError::Damaged {
            path,
            message: format!("{} bytes is more than any workbook", meta.len()),
        });
    }
    let bytes = super::fs::read_capped(&path, MAX_FILE_BYTES + 1024 * 1024).map_err(read_error)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| RecoveryError::Damaged { path: path.clone(), message: format!("not UTF-8 text ({e})") })?;
    let recovery: Recovery =
        from_ron(&text).map_err(|e| RecoveryError::Damaged { path: path.clone(), message: e.to_string() })?;
    // A workbook in it that breaks the rules a file must keep to open is never offered:
    // applied and saved, it would give a file phasebook refuses.
    let text = super::format::to_ron(&recovery.workbook).map_err(|e| RecoveryError::Serialize(e.to_string()))?;
    if let Some(problem) = super::validate::validate(&recovery.workbook, &text).errors.first() {
        return Err(RecoveryError::Damaged { path: path.clone(), message: problem.message() });
    }
    // Two paths whose hashes collide share a file name; only the right one is offered.
    if recovery.workbook_path != absolute(workbook_path) {
        return Ok(None);
    }
    Ok(Some(recovery))
}

/// Removes the recovery file for `workbook_path`: once its changes are applied and saved,
/// or the user chose to discard them. No file is not an error.
pub fn discard_recovery(folder: &Path, workbook_path: &Path) -> Result<(), RecoveryError> {
    let path = recovery_path(folder, workbook_path);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(RecoveryError::Read { path, source: e }),
        _ => Ok(()),
    }
}

/// Moves the recovery file for `workbook_path` aside, out of the way of this session's own,
/// as `NAME-HASH.recovery.kept-STAMP.ron`, so nothing writes over it; returns where it went.
pub fn set_aside_recovery(folder: &Path, workbook_path: &Path, stamp: &str) -> Result<PathBuf, RecoveryError> {
    let path = recovery_path(folder, workbook_path);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut last = io::Error::from(io::ErrorKind::AlreadyExists);
    for n in 1..=99 {
        let again = if n > 1 { format!("-{n}") } else { String::new() };
        let kept = path.with_file_name(name.replace(".recovery.ron", &format!(".recovery.kept-{stamp}{again}.ron")));
        // A link never replaces a file of that name, as a rename would: one kept earlier stays.
        match std::fs::hard_link(&path, &kept) {
            Ok(()) => {
                std::fs::remove_file(&path).map_err(|source| RecoveryError::Read { path: path.clone(), source })?;
                return Ok(kept);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = e,
            // A file system without links: a rename, once the name is seen to be free.
            Err(_) if !kept.exists() => {
                std::fs::rename(&path, &kept).map_err(|source| RecoveryError::Read { path: path.clone(), source })?;
                return Ok(kept);
            }
            Err(e) => last = e,
        }
    }
    Err(RecoveryError::Read { path, source: last })
}

/// The workbook's path made absolute with its folder's symlinks resolved, so every way of
/// naming the same file finds the same recovery file. The file itself may not exist.
fn absolute(path: &Path) -> PathBuf {
    let plain = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (plain.parent(), plain.file_name()) {
        (Some(folder), Some(name)) => match std::fs::canonicalize(folder) {
            Ok(folder) => folder.join(name),
            Err(_) => plain,
        },
        _ => plain,
    }
}
