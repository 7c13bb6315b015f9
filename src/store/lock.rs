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
use super::save::{hidden_sibling, resolve_symlink};

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

/// Why a lock file that names a holder is left standing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// A running phasebook holds the lock file's kernel lock.
    Locked,
    /// Process `pid` runs on this host, though it holds no kernel lock on the file (it is
    /// `name`, when that can be read): it may be a phasebook that cannot lock this disk.
    Running { name: Option<String> },
    /// Taken on another computer, whose processes cannot be checked from here.
    OtherHost,
    /// Nothing here can tell whether the process still runs.
    Unknown,
}

impl std::fmt::Display for Standing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Standing::Locked => write!(f, "that phasebook is running"),
            Standing::Running { name: Some(name) } => {
                write!(f, "a process of that number is running (`{name}`), so the lock is left standing")
            }
            Standing::Running { name: None } => {
                write!(f, "a process of that number is running, so the lock is left standing")
            }
            Standing::OtherHost => write!(f, "it was taken on another computer, which cannot be checked from here"),
            Standing::Unknown => write!(f, "whether that process still runs cannot be told here"),
        }
    }
}

#[derive(Debug, Error)]
pub enum LockError {
    #[error(
        "{}: opened by {} on {} (process {}) since {}; {standing}. Open it read-only, or ask them to close it. If no phasebook has it open, remove {} and open the workbook again.",
        workbook.display(), holder.user, holder.host, holder.pid, holder.since.format("%Y-%m-%d %H:%M"), lock.display()
    )]
    HeldBy { workbook: PathBuf, lock: PathBuf, holder: Box<Holder>, standing: Standing },
    #[error(
        "{}: its lock file {} is not written yet (another phasebook is opening the workbook at this very moment) or holds nothing phasebook can read. Try again in a few seconds, or open it read-only; if no phasebook is starting on it, remove {} and open the workbook again.",
        workbook.display(), lock.display(), lock.display()
    )]
    Busy { workbook: PathBuf, lock: PathBuf },
    #[error(
        "{}: where its lock file belongs there is {what}, not a lock phasebook wrote, so it is left alone and the workbook opens read-only. If no phasebook has the workbook open, remove {} and open it again.",
        workbook.display(), lock.display()
    )]
    NotALock { workbook: PathBuf, lock: PathBuf, what: &'static str },
    #[error(
        "{}: another phasebook has this very file open, though no lock file says so here (its lock file was removed, or it opened the file under another name: a hard link). Open it read-only, or close that one first.",
        workbook.display()
    )]
    FileInUse { workbook: PathBuf },
    #[error("{}: cannot create the lock file that keeps a second phasebook off it: {source}. It can still be opened read-only.", lock.display())]
    Io { lock: PathBuf, source: io::Error },
}

/// What became of the lock when a save checked it.
#[derive(Debug, Error)]
pub enum LockLost {
    #[error(
        "{}: another phasebook took this workbook while it was open here ({holder}; its lock file {} was removed or replaced). Nothing was saved over their work: save yours as a copy.",
        workbook.display(), lock.display()
    )]
    TakenBy { workbook: PathBuf, lock: PathBuf, holder: String },
}

/// Held while a workbook is open for writing; dropping it removes the lock file.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    /// Kept open, and on Unix locked (flock), so that the kernel tells other processes this
    /// holder is alive and releases the lock at once if the process dies.
    file: File,
    holder: Holder,
    /// The workbook file itself, open and locked: the lock file goes by the name, this by
    /// the file, so a second name for it (a hard link) finds it taken too. Taken again on
    /// the new file after every save, which replaces the file.
    identity: Option<File>,
}

/// The most of a lock file that is read: what phasebook writes takes a hundred bytes or so.
const LOCK_READ_LIMIT: u64 = 4096;

/// The lock file of the workbook at `workbook`.
pub fn lock_path(workbook: &Path) -> PathBuf {
    let workbook = resolve_symlink(workbook);
    hidden_sibling(&workbook, ".lock")
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
                Ok(file) => {
                    let mut lock = Lock::write(path, file, me)?;
                    let resolved = resolve_symlink(workbook);
                    return match lock_identity(&resolved) {
                        Ok(identity) => {
                            lock.identity = identity;
                            Ok(lock)
                        }
                        Err(()) => Err(LockError::FileInUse { workbook: workbook.to_path_buf() }),
                    };
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(source) => return Err(LockError::Io { lock: path, source }),
            }
            let not_a_lock = |what| LockError::NotALock { workbook: workbook.to_path_buf(), lock: path.clone(), what };
            match judge(&path, &me).map_err(|source| LockError::Io { lock: path.clone(), source })? {
                Verdict::Cleared => continue,
                Verdict::Held(holder, standing) => {
                    return Err(LockError::HeldBy {
                        workbook: workbook.to_path_buf(),
                        lock: path,
                        holder: Box::new(holder),
                        standing,
                    });
                }
                Verdict::NotALock(what) => return Err(not_a_lock(what)),
                Verdict::Busy => break,
            }
        }
        Err(LockError::Busy { workbook: workbook.to_path_buf(), lock: path })
    }

    /// Checks, before a save, that the lock file is still this one. One removed meanwhile
    /// is put back (nobody else took the workbook); one that another phasebook wrote in its
    /// place means the workbook is theirs now.
    pub fn reassert(&mut self, workbook: &Path) -> Result<(), LockLost> {
        if is_still_at(&self.file, &self.path) {
            return Ok(());
        }
        let taken =
            |holder: String| LockLost::TakenBy { workbook: workbook.to_path_buf(), lock: self.path.clone(), holder };
        match OpenOptions::new().read(true).write(true).create_new(true).open(&self.path) {
            Ok(file) => match Lock::write(self.path.clone(), file, self.holder.clone()) {
                Ok(mut fresh) => {
                    // The new file takes over; the old handle's lock goes with it.
                    std::mem::swap(&mut self.file, &mut fresh.file);
                    fresh.path = PathBuf::new();
                    Ok(())
                }
                Err(e) => Err(taken(format!("its lock file could not be written again: {e}"))),
            },
            Err(_) => {
                let holder = read_holder(&self.path).map_or_else(
                    || "who, its lock file does not say".to_string(),
                    |h| format!("{} on {}, process {}", h.user, h.host, h.pid),
                );
                Err(taken(holder))
            }
        }
    }

    /// Takes the file lock on the workbook as it is after a save replaced it.
    pub fn follow(&mut self, workbook: &Path) {
        if let Ok(identity) = lock_identity(&resolve_symlink(workbook)) {
            self.identity = identity;
        }
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
            Ok(()) => Ok(Lock { path, file, holder: me, identity: None }),
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
        if !self.path.as_os_str().is_empty() && is_still_at(&self.file, &self.path) {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

enum Verdict {
    /// The lock was stale and is gone (or vanished by itself): try again.
    Cleared,
    Held(Holder, Standing),
    /// Being written by another process right now.
    Busy,
    /// Something that is not a lock file is at its name.
    NotALock(&'static str),
}

/// What is at a path, when it is not a regular file.
fn not_a_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_symlink() {
        Some("a symbolic link")
    } else if kind.is_dir() {
        Some("a folder")
    } else if !kind.is_file() {
        Some("a FIFO, socket or device")
    } else {
        None
    }
}

/// Opens a regular file for reading without following a link or waiting on a FIFO.
fn open_file(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let file = options.open(path)?;
    match file.metadata().map(|m| not_a_file(&m)) {
        Ok(None) => Ok(file),
        Ok(Some(what)) => Err(io::Error::other(format!("is {what}"))),
        Err(e) => Err(e),
    }
}

/// The holder a lock file names, read no further than a lock file can be long.
fn read_holder(path: &Path) -> Option<Holder> {
    let file = open_file(path).ok()?;
    holder_in(&file)
}

fn holder_in(file: &File) -> Option<Holder> {
    let mut text = String::new();
    file.take(LOCK_READ_LIMIT).read_to_string(&mut text).ok()?;
    from_ron::<Holder>(&text).ok()
}

/// Locks the workbook file itself; `Err` when another process holds that lock. `None`
/// where there is no file yet or the file system cannot lock.
fn lock_identity(workbook: &Path) -> Result<Option<File>, ()> {
    let Ok(file) = open_file(workbook) else { return Ok(None) };
    match try_flock(&file) {
        Flock::Obtained => Ok(Some(file)),
        Flock::HeldByOther => Err(()),
        Flock::Unknown => Ok(None),
    }
}

/// Decides whether the existing lock file at `path` still stands, clearing it if not.
fn judge(path: &Path, me: &Holder) -> io::Result<Verdict> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) => {
            if let Some(what) = not_a_file(&meta) {
                return Ok(Verdict::NotALock(what));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Verdict::Cleared),
        Err(e) => return Err(e),
    }
    let file = match open_file(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Verdict::Cleared),
        // Replaced by something else between the look and the open.
        Err(e) if e.kind() == io::ErrorKind::Other => return Ok(Verdict::NotALock("not a regular file")),
        Err(e) => return Err(e),
    };
    let flock = try_flock(&file);
    let holder = holder_in(&file);
    if flock == Flock::HeldByOther {
        return Ok(holder.map_or(Verdict::Busy, |h| Verdict::Held(h, Standing::Locked)));
    }
    // We hold its flock now; if the name points to another file, someone else cleared and
    // re-took the lock meanwhile.
    if !is_still_at(&file, path) {
        return Ok(Verdict::Cleared);
    }
    let (stale, standing) = match &holder {
        None => {
            let old = file
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| SystemTime::now().duration_since(t).unwrap_or_default() > UNREADABLE_LOCK_AGE);
            (old, Standing::Unknown)
        }
        Some(h) if h.host == me.host && h.host != UNKNOWN_HOST => match process_alive(h.pid) {
            Some(alive) => (!alive, Standing::Running { name: process_name(h.pid) }),
            // No way to ask about the process: only the kernel's lock can speak for it.
            None => (flock == Flock::Obtained, Standing::Unknown),
        },
        // Another host's process cannot be checked from here.
        Some(_) => (false, Standing::OtherHost),
    };
    match (stale, holder) {
        (true, _) => {
            // Removed while we hold its flock, so a third process cannot judge it meanwhile.
            match std::fs::remove_file(path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(Verdict::Cleared),
            }
        }
        (false, Some(h)) => Ok(Verdict::Held(h, standing)),
        (false, None) => Ok(Verdict::Busy),
    }
}

/// The name of process `pid`, where the system tells it.
fn process_name(pid: u32) -> Option<String> {
    let name = std::fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("comm")).ok()?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.chars().filter(|c| !c.is_control()).take(32).collect())
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

/// Whether the process `pid` on this host is alive, where that can be told. Process 0 is
/// no process a lock could name.
fn process_alive(pid: u32) -> Option<bool> {
    if pid == 0 {
        return Some(false);
    }
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
