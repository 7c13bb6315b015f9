//! What can go wrong reading or writing a workbook, worded for the person at the keyboard.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

/// One thing wrong with a workbook, with where it is when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column, when the problem can be placed in the text.
    pub at: Option<(usize, usize)>,
    pub message: String,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Problem {
        Problem { at: None, message: message.into() }
    }

    /// `path:line:col: {label}message`, or `path: {label}message` when it has no place.
    pub fn located(&self, path: &std::path::Path, label: &str) -> String {
        match self.at {
            Some((line, col)) => format!("{}:{line}:{col}: {label}{}", path.display(), self.message),
            None => format!("{}: {label}{}", path.display(), self.message),
        }
    }
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{}: cannot read: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: is {size} bytes, more than the {limit} bytes a workbook may be; is this the right file?", path.display())]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{}:{line}:{col}: not a workbook: the file holds binary data (a NUL byte)", path.display())]
    Binary { path: PathBuf, line: usize, col: usize },
    #[error("{}:{line}:{col}: not UTF-8 text; save the file as UTF-8", path.display())]
    NotUtf8 { path: PathBuf, line: usize, col: usize },
    #[error("{}: this is not a phasebook workbook: {what}", path.display())]
    NotAWorkbook { path: PathBuf, what: String },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax { path: PathBuf, line: usize, col: usize, message: String },
    #[error("{}: written by a newer phasebook (format version {found}; this one reads up to {supported}); update phasebook to open it", path.display())]
    FutureVersion { path: PathBuf, found: u32, supported: u32 },
    #[error("{}: format version {found} is not one phasebook has ever written (expected 1 to {supported})", path.display())]
    UnknownVersion { path: PathBuf, found: u32, supported: u32 },
    #[error("{}", Invalid { path, problems })]
    Invalid { path: PathBuf, problems: Vec<Problem> },
}

/// Formats every problem on a line of its own, as `path:line:col: message`.
struct Invalid<'a> {
    path: &'a PathBuf,
    problems: &'a [Problem],
}

impl fmt::Display for Invalid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", problem.located(self.path, ""))?;
        }
        Ok(())
    }
}

/// Why a save did not happen. Each message names the file and what to do; in every case
/// but [`SaveError::Unconfirmed`] the file on disk is as it was, and the caller still holds
/// the edits, so saving again once the cause is gone succeeds.
#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot write the workbook as RON: {0}")]
    Serialize(String),
    #[error("the written workbook did not read back the same; nothing was saved")]
    RoundTrip,
    #[error("{}: cannot save: permission denied. Check that you may write to the file and its folder, or save a copy elsewhere. The file on disk is unchanged.", path.display())]
    PermissionDenied { path: PathBuf, source: std::io::Error },
    #[error("{}: cannot save: the folder is on a read-only disk or share. Save a copy elsewhere, or make the disk writable and save again. The file on disk is unchanged.", path.display())]
    ReadOnly { path: PathBuf, source: std::io::Error },
    #[error("{}: cannot save: the file is marked read-only (by you or someone else, to protect it). Remove the mark if it should change, or save a copy under another name. The file on disk is unchanged.", path.display())]
    ReadOnlyFile { path: PathBuf },
    #[error("{}: cannot save: the disk is full. Free some space and save again, or save a copy on another disk. The file on disk is unchanged.", path.display())]
    DiskFull { path: PathBuf, source: std::io::Error },
    #[error("{}: cannot save: this is a folder, not a workbook file. Save under a file name, e.g. {}.", path.display(), path.join("workbook.ron").display())]
    IsFolder { path: PathBuf },
    #[error("{}: cannot save: its folder {} does not exist (removed, or a drive or share disconnected?). Reconnect it and save again, or save a copy elsewhere.", path.display(), folder.display())]
    FolderMissing { path: PathBuf, folder: PathBuf },
    #[error("{}: was removed or renamed since phasebook opened it. Save again to create it anew, or save a copy under another name.", path.display())]
    Removed { path: PathBuf },
    #[error("{}: was changed on disk since phasebook opened it (by another program or person). Nothing was overwritten: reload it and reapply your changes, save a copy, or overwrite it on purpose.", path.display())]
    ChangedOnDisk {
        path: PathBuf,
        /// When the file on disk was last modified, when the file system says.
        modified: Option<std::time::SystemTime>,
    },
    #[error("{}: cannot save: you may not write this file (it belongs to someone else, or its permissions keep you out); replacing it would take it from them. Save a copy under another name, or ask its owner. The file on disk is unchanged.", path.display())]
    NotWritable { path: PathBuf },
    /// Another program saved the file in the instant this save replaced it, and it could not
    /// be put back at its name: it is kept at `theirs`.
    #[error("{}: another program saved this file at the very moment phasebook did; your version is in place and theirs is kept as {}. Compare the two before going on.", path.display(), theirs.display())]
    TheirsKeptAside { path: PathBuf, theirs: PathBuf },
    #[error("{}: a file of this name appeared since phasebook last looked. Nothing was overwritten: save under another name, or overwrite it on purpose.", path.display())]
    AlreadyExists { path: PathBuf },
    #[error("{}: cannot save: {source}. The file on disk is unchanged; save again, or save a copy elsewhere.", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// The new content is in place, but the disk did not confirm it is stored for good, and
    /// the old version could not be put back. `fingerprint` is what the file now holds.
    #[error("{}: the new version was written, but the disk did not confirm it is stored safely ({source}). Save again to be sure, or save a copy elsewhere.", path.display())]
    Unconfirmed { path: PathBuf, source: std::io::Error, fingerprint: super::Fingerprint },
    /// Another phasebook holds the workbook now; this session may no longer write it.
    #[error(transparent)]
    LockLost(#[from] super::lock::LockLost),
}

impl SaveError {
    /// Words an I/O failure of a save of `path` by its cause.
    pub(crate) fn from_io(path: &std::path::Path, source: std::io::Error) -> SaveError {
        use std::io::ErrorKind;
        // std maps each OS's numbers (ENOSPC, EDQUOT, EROFS, EACCES, EISDIR and Windows's
        // equivalents) onto these kinds.
        let path = path.to_path_buf();
        match source.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => SaveError::DiskFull { path, source },
            ErrorKind::ReadOnlyFilesystem => SaveError::ReadOnly { path, source },
            ErrorKind::PermissionDenied => SaveError::PermissionDenied { path, source },
            ErrorKind::IsADirectory => SaveError::IsFolder { path },
            _ => SaveError::Io { path, source },
        }
    }

    /// Whether the file on disk may differ from before the save was tried.
    pub fn file_may_have_changed(&self) -> bool {
        matches!(self, SaveError::Unconfirmed { .. } | SaveError::TheirsKeptAside { .. })
    }
}
