//! One writer per workbook: a lock file beside it (`.<name>.lock`) naming the user, host and
//! process that has it open, so a second phasebook can say who and offer read-only. A lock
//! left by a process that died on this host is cleared; one from another host never is.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::format::from_ron;
use super::save::{file_name, resolve_symlink, sibling};

/// A lock file that is still empty or cut short after this long was left by a process that
/// died between creating and writing it (which takes microseconds).
const UNREADABLE_LOCK_AGE: Duration = Duration::from_secs(10);

/// Who holds a workbook open: what the lock file says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    pub user: String,
    pub host: String,
    pub pid: u32,
    pub since: DateTime<FixedOffset>,
}

impl Holder {
    /// This process, now.
    pub fn current() -> Holder {
        Holder {
            user: current_user(),
            host: current_host().unwrap_or_else(|| UNKNOWN_HOST.to_string()),
            pid: std::process::id(),
            since: chrono::Local::now().fixed_offset(),
        }
    }
}

/// Written when the host name cannot be found; such a lock is never cleared automatically.
const UNKNOWN_HOST: &str = "(unknown host)";

#[derive(Debug, Error)]
pub enum LockError {
    #[error(
        "{}: opened by {} on {} (process {}) since {}. Open it read-only, or ask them to close it. If that phasebook is no longer running, remove {} and open the workbook again.",
        workbook.display(), holder.user, holder.host, holder.pid, holder.since.format("%Y-%m-%d %H:%M"), lock.display()
    )]
    HeldBy { workbook: PathBuf, lock: PathBuf, holder: Holder },
    #[error(
        "{}: another phasebook is opening it at this very moment (its lock file {} is not written yet). Try again in a few seconds, or open it read-only.",
        workbook.display(), lock.display()
    )]
    Busy { workbook: PathBuf, lock: PathBuf },
    #[error("{}: cannot create the lock file that keeps a second phasebook off it: {source}. It can still be opened read-only.", lock.display())]
    Io { lock: PathBuf, source: io::Error },
}

/// Held while a workbook is open for writing; dropping it removes the lock file.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    /// Kept open, and on Unix locked (flock), so that the kernel tells other processes this
    /// holder is alive and releases the lock at once if the process dies.
    file: File,
    holder: Holder,
}

/// The lock file of the workbook at `workbook`.
pub fn lock_path(workbook: &Path) -> PathBuf {
    let workbook = resolve_symlink(workbook);
    sibling(&workbook, &format!(".{}.lock", file_name(&workbook)))
}

impl Lock {
    /// Takes the lock on the workbook at `workbook`, clearing a stale one left by a dead
    /// process on this host; reports who holds it otherwise.
    pub fn acquire(workbook: &Path) -> Result<Lock, LockError> {
        let path = lock_path(workbook);
        let me = Holder::current();
        // A few rounds: a cleared stale lock may be taken by a third process in between.
        for _ in 0..3 {
            match OpenOptions::new().read(true).write(true).create_new(true).open(&path) {
                Ok(file) => return Lock::write(path, file, me),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(source) => return Err(LockError::Io { lock: path, source }),
            }
            match judge(&path, &me).map_err(|source| LockError::Io { lock: path.clone(), source })? {
                Verdict::Cleared => continue,
                Verdict::Held(holder) => {
                    return Err(LockError::HeldBy { workbook: workbook.to_path_buf(), lock: path, holder });
                }
                Verdict::Busy => break,
            }
        }
        Err(LockError::Busy { workbook: workbook.to_path_buf(), lock: path })
    }

    fn write(path: PathBuf, mut file: File, me: Holder) -> Result<Lock, LockError> {
        // Locked before the content is written: a reader that sees the content can trust
        // that an obtainable flock means a dead holder.
        #[cfg(unix)]
        let _ = file.try_lock();
        let text = ron::ser::to_string(&me).map_err(io::Error::other);
        let written = text.and_then(|t| {
            file.write_all(t.as_bytes())?;
            file.write_all(b"\n")?;
            file.sync_all()
        });
        match written {
            Ok(()) => Ok(Lock { path, file, holder: me }),
            Err(source) => {
                let _ = std::fs::remove_file(&path);
                Err(LockError::Io { lock: path, source })
            }
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What the lock file says: this process.
    pub fn holder(&self) -> &Holder {
        &self.holder
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Only our own file: if someone removed it by hand and another phasebook took the
        // name, that one's lock stays.
        if is_still_at(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

enum Verdict {
    /// The lock was stale and is gone (or vanished by itself): try again.
    Cleared,
    Held(Holder),
    /// Being written by another process right now.
    Busy,
}

/// Decides whether the existing lock file at `path` still stands, clearing it if not.
fn judge(path: &Path, me: &Holder) -> io::Result<Verdict> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Verdict::Cleared),
        Err(e) => return Err(e),
    };
    let flock = try_flock(&file);
    let mut text = String::new();
    let holder = file.read_to_string(&mut text).ok().and_then(|_| from_ron::<Holder>(&text).ok());
    if flock == Flock::HeldByOther {
        return Ok(holder.map_or(Verdict::Busy, Verdict::Held));
    }
    // We hold its flock now; if the name points to another file, someone else cleared and
    // re-took the lock meanwhile.
    if !is_still_at(&file, path) {
        return Ok(Verdict::Cleared);
    }
    let stale = match &holder {
        None => file
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| SystemTime::now().duration_since(t).unwrap_or_default() > UNREADABLE_LOCK_AGE),
        Some(h) if h.host == me.host && h.host != UNKNOWN_HOST => match process_alive(h.pid) {
            Some(alive) => !alive,
            // No way to ask about the process: only the kernel's lock can speak for it.
            None => flock == Flock::Obtained,
        },
        // Another host's process cannot be checked from here.
        Some(_) => false,
    };
    match (stale, holder) {
        (true, _) => {
            // Removed while we hold its flock, so a third process cannot judge it meanwhile.
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(Verdict::Cleared),
            }
        }
        (false, Some(h)) => Ok(Verdict::Held(h)),
        (false, None) => Ok(Verdict::Busy),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flock {
    Obtained,
    HeldByOther,
    /// The file system or OS gives no answer.
    Unknown,
}

#[cfg(unix)]
fn try_flock(file: &File) -> Flock {
    match file.try_lock() {
        Ok(()) => Flock::Obtained,
        Err(std::fs::TryLockError::WouldBlock) => Flock::HeldByOther,
        Err(std::fs::TryLockError::Error(_)) => Flock::Unknown,
    }
}

#[cfg(not(unix))]
fn try_flock(_file: &File) -> Flock {
    // Windows locks are mandatory: locking the file would keep others from reading who holds it.
    Flock::Unknown
}

/// Whether the process `pid` on this host is alive, where that can be told.
fn process_alive(pid: u32) -> Option<bool> {
    if cfg!(target_os = "linux") { Some(Path::new("/proc").join(pid.to_string()).exists()) } else { None }
}

/// Whether `path` still names the file that `file` has open.
#[cfg(unix)]
fn is_still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_still_at(file: &File, path: &Path) -> bool {
    // No inode numbers in std here; the size and time of the open file and the name agree
    // unless another lock replaced ours.
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.len() == b.len() && a.modified().ok() == b.modified().ok(),
        _ => false,
    }
}

fn current_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "(unknown user)".to_string())
}

/// This machine's name, where it can be found without calling into the OS.
pub(crate) fn current_host() -> Option<String> {
    let from_kernel = std::fs::read_to_string("/proc/sys/kernel/hostname").ok();
    from_kernel
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
}
