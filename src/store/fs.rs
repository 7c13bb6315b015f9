//! The seam between saving and the file system: every file operation a save makes goes
//! through [`FileOps`], so tests can swap in [`FaultyFs`] and fail any one of them with the
//! error a full disk, a dying disk or a revoked permission would give.

use std::fs::{File, Metadata, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Length of the random part of a temp file's name: `.<name>.<random>.tmp`.
pub const TEMP_RANDOM_LEN: usize = 10;

/// The kinds of file operation a save makes, as counted and failed by [`FaultyFs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// Create a new temp file, exclusively, with a name no one can guess.
    CreateTemp,
    SetPermissions,
    Write,
    /// fsync of a file's data and metadata.
    SyncFile,
    Rename,
    HardLink,
    Copy,
    /// fsync of a folder, which makes a rename in it durable.
    SyncFolder,
    Read,
    Remove,
    Metadata,
}

/// The file operations a save needs. [`RealFs`] does them; [`FaultyFs`] fails a chosen one.
pub trait FileOps {
    /// Creates `<folder>/<prefix><random>.tmp` exclusively (never an existing file), with
    /// `permissions` when given, and holds an advisory lock on it while it is open so that
    /// [`sweep_stale_temps`](super::sweep_stale_temps) leaves a live save's file alone.
    fn create_temp(
        &self,
        folder: &Path,
        prefix: &std::ffi::OsStr,
        permissions: Option<&Permissions>,
    ) -> io::Result<(File, PathBuf)>;
    fn set_permissions(&self, file: &File, permissions: Permissions) -> io::Result<()>;
    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    fn sync_file(&self, file: &File) -> io::Result<()>;
    /// Renames atomically, replacing `to` if it exists.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn copy(&self, from: &Path, to: &Path) -> io::Result<()>;
    fn sync_folder(&self, folder: &Path) -> io::Result<()>;
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    fn remove(&self, path: &Path) -> io::Result<()>;
    /// Metadata of the path itself, not following a final symlink's target.
    fn metadata(&self, path: &Path) -> io::Result<Metadata>;
    /// Swaps what the two names hold, atomically, where the file system can; fails with
    /// [`io::ErrorKind::Unsupported`] where it cannot, and the caller renames instead.
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        let _ = (a, b);
        Err(io::ErrorKind::Unsupported.into())
    }
    /// Gives the new `file` the owner, group and extended attributes of `original` (whose
    /// metadata is `meta`), as far as this user may: the owner only root can give, the
    /// group any member of it can, and attributes of a namespace the user may not set are
    /// left out.
    fn keep_attributes(&self, original: &Path, meta: &Metadata, file: &File) -> io::Result<()> {
        let _ = (original, meta, file);
        Ok(())
    }
}

/// How many temp files a save makes before giving up, when each is swept from under it.
const TEMP_ATTEMPTS: usize = 20;

/// The file system as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct RealFs;

impl FileOps for RealFs {
    fn create_temp(
        &self,
        folder: &Path,
        prefix: &std::ffi::OsStr,
        permissions: Option<&Permissions>,
    ) -> io::Result<(File, PathBuf)> {
        let mut builder = tempfile::Builder::new();
        builder.prefix(prefix).suffix(".tmp").rand_bytes(TEMP_RANDOM_LEN);
        if let Some(p) = permissions {
            builder.permissions(p.clone());
        }
        for _ in 0..TEMP_ATTEMPTS {
            let (file, path) = builder.tempfile_in(folder)?.keep().map_err(|e| e.error)?;
            // Advisory, and only to tell the sweeper "a live process is writing this". A
            // file system without locks still saves; the sweeper then goes by the file's age.
            let locked = file.try_lock();
            // A sweep at another phasebook's start may have judged the file in the instant
            // between its creation and our lock, and removed it: then take another name.
            let swept = matches!(locked, Err(std::fs::TryLockError::WouldBlock)) || is_unlinked(&file);
            if !swept {
                return Ok((file, path));
            }
            let _ = std::fs::remove_file(&path);
        }
        // A file that was swept would be renamed into nothing; failing leaves the original.
        Err(io::Error::other("another process keeps removing the temporary files in this folder"))
    }

    fn set_permissions(&self, file: &File, permissions: Permissions) -> io::Result<()> {
        file.set_permissions(permissions)
    }

    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn sync_file(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::hard_link(from, to)
    }

    fn copy(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::copy(from, to).map(|_| ())
    }

    #[cfg(unix)]
    fn sync_folder(&self, folder: &Path) -> io::Result<()> {
        match File::open(folder)?.sync_all() {
            // Some file systems (certain network and FUSE ones) cannot sync a folder at all;
            // failing every save there would help no one.
            Err(e) if matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported) => Ok(()),
            other => other,
        }
    }

    #[cfg(not(unix))]
    fn sync_folder(&self, _folder: &Path) -> io::Result<()> {
        // Windows has no folder handle to sync; its rename (MoveFileEx) is durable by itself.
        Ok(())
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        read_capped(path, super::MAX_FILE_BYTES)
    }

    fn remove(&self, path: &Path) -> io::Result<()> {
        std::fs::remove_file(path)
    }

    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        std::fs::symlink_metadata(path)
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(()),
            // Kernels before 3.15 and file systems without it (some network and FUSE ones).
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::OPNOTSUPP) => {
                Err(io::ErrorKind::Unsupported.into())
            }
            Err(e) => Err(e.into()),
        }
    }

    #[cfg(unix)]
    fn keep_attributes(&self, original: &Path, meta: &Metadata, file: &File) -> io::Result<()> {
        use std::os::unix::fs::MetadataExt;
        let mine = file.metadata()?;
        if (mine.uid(), mine.gid()) != (meta.uid(), meta.gid())
            && std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid())).is_err()
        {
            // Not root: the file becomes this user's, but it keeps its group where the user
            // is a member of it.
            let _ = std::os::unix::fs::fchown(file, None, Some(meta.gid()));
        }
        copy_extended_attributes(original, file);
        Ok(())
    }
}

/// Copies the extended attributes of the file at `from` onto `to`, each as far as the user
/// may set it; on file systems without them there are none to copy.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn copy_extended_attributes(from: &Path, to: &File) {
    use rustix::fs::{XattrFlags, fsetxattr, getxattr, getxattr_query, listxattr, listxattr_query};
    let Ok(size) = listxattr_query(from) else { return };
    if size == 0 {
        return;
    }
    let mut names = vec![0u8; size];
    let Ok(len) = listxattr(from, &mut names[..]) else { return };
    names.truncate(len);
    for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let Ok(name) = std::ffi::CStr::from_bytes_until_nul(&[name, &[0]].concat()).map(std::ffi::CStr::to_owned)
        else {
            continue;
        };
        let Ok(size) = getxattr_query(from, &name) else { continue };
        let mut value = vec![0u8; size];
        let Ok(len) = getxattr(from, &name, &mut value[..]) else { continue };
        value.truncate(len);
        let _ = fsetxattr(to, &name, &value, XattrFlags::empty());
    }
}

#[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
fn copy_extended_attributes(_from: &Path, _to: &File) {}

/// Opens `path` for reading without waiting on it: opening a FIFO waits for a writer, and
/// reading one waits for data, so a FIFO or socket is refused, and a device is read only
/// as far as it has something (`/dev/null` reads as empty; a terminal is not waited on).
pub fn open_for_reading(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, "it is a folder, not a file"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() || kind.is_socket() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "it is a FIFO or socket, not a file"));
        }
    }
    Ok(file)
}

/// The bytes of the file at `path`, opened as [`open_for_reading`] does, refused when they
/// are more than `limit` (a link to `/dev/urandom` is never read without end).
pub fn read_capped(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let file = open_for_reading(path)?;
    let size = file.metadata()?.len();
    if size > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("it is {size} bytes, more than the {limit} it may be"),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("it holds more than the {limit} bytes it may"),
        ));
    }
    Ok(bytes)
}

/// Whether the open `file` no longer has a name in any folder.
#[cfg(unix)]
fn is_unlinked(file: &File) -> bool {
    use std::os::unix::fs::MetadataExt;
    file.metadata().is_ok_and(|m| m.nlink() == 0)
}

#[cfg(not(unix))]
fn is_unlinked(_file: &File) -> bool {
    // Windows does not let the sweeper delete a file that is open here.
    false
}

/// Which operations [`FaultyFs`] fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The operation with this 0-based index, counting every operation since the fault was
    /// set (or the last heal).
    Nth(usize),
    /// The first operation of this kind.
    First(Op),
    /// Every operation of this kind, as on a file system that cannot do it.
    Every(Op),
    /// Every operation from this index on, as when a disk dies.
    From(usize),
}

/// A file system for tests: does the real thing, except that it fails the chosen operations
/// with the chosen errors, and logs every operation it was asked to do.
///
/// A failed write first writes half its bytes, as a disk filling up mid-write would.
#[derive(Debug, Default)]
pub struct FaultyFs {
    state: Mutex<FaultState>,
}

#[derive(Debug, Default)]
struct FaultState {
    faults: Vec<Injected>,
    log: Vec<Op>,
}

#[derive(Debug)]
struct Injected {
    fault: Fault,
    kind: io::ErrorKind,
    errno: Option<i32>,
    fired: bool,
}

impl FaultyFs {
    /// A file system that fails nothing (yet).
    pub fn new() -> FaultyFs {
        FaultyFs::default()
    }

    /// Fails the chosen operation with an OS error number: 28 (ENOSPC), 5 (EIO), 13 (EACCES)…
    pub fn failing_with_os_error(fault: Fault, errno: i32) -> FaultyFs {
        FaultyFs::new().and_os_error(fault, errno)
    }

    /// Fails the chosen operation with an error of this kind.
    pub fn failing_with_kind(fault: Fault, kind: io::ErrorKind) -> FaultyFs {
        let fs = FaultyFs::new();
        fs.lock().faults.push(Injected { fault, kind, errno: None, fired: false });
        fs
    }

    /// Fails these operations too.
    pub fn and_os_error(self, fault: Fault, errno: i32) -> FaultyFs {
        let kind = io::Error::from_raw_os_error(errno).kind();
        self.lock().faults.push(Injected { fault, kind, errno: Some(errno), fired: false });
        self
    }

    /// Stops failing anything; the log starts afresh.
    pub fn heal(&self) {
        let mut state = self.lock();
        state.faults.clear();
        state.log.clear();
    }

    /// Every operation asked for since the faults were set (or the last heal), in order.
    pub fn log(&self) -> Vec<Op> {
        self.lock().log.clone()
    }

    /// Whether any chosen fault has happened.
    pub fn fired(&self) -> bool {
        self.lock().faults.iter().any(|f| f.fired)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, FaultState> {
        // A test that panicked while holding the lock has failed already; its state is fine to reuse.
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Logs `op` and returns the error it should fail with, if it is one of the chosen.
    fn check(&self, op: Op) -> Option<io::Error> {
        let mut state = self.lock();
        let index = state.log.len();
        state.log.push(op);
        let injected = state.faults.iter_mut().find(|f| match f.fault {
            Fault::Nth(n) => n == index,
            Fault::First(kind) => kind == op && !f.fired,
            Fault::Every(kind) => kind == op,
            Fault::From(n) => index >= n,
        })?;
        injected.fired = true;
        Some(match injected.errno {
            Some(n) => io::Error::from_raw_os_error(n),
            None => io::Error::new(injected.kind, "injected fault"),
        })
    }
}

impl FileOps for FaultyFs {
    fn create_temp(
        &self,
        folder: &Path,
        prefix: &std::ffi::OsStr,
        permissions: Option<&Permissions>,
    ) -> io::Result<(File, PathBuf)> {
        match self.check(Op::CreateTemp) {
            Some(e) => Err(e),
            None => RealFs.create_temp(folder, prefix, permissions),
        }
    }

    fn set_permissions(&self, file: &File, permissions: Permissions) -> io::Result<()> {
        match self.check(Op::SetPermissions) {
            Some(e) => Err(e),
            None => RealFs.set_permissions(file, permissions),
        }
    }

    fn write_all(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        match self.check(Op::Write) {
            Some(e) => {
                file.write_all(&bytes[..bytes.len() / 2])?;
                Err(e)
            }
            None => RealFs.write_all(file, bytes),
        }
    }

    fn sync_file(&self, file: &File) -> io::Result<()> {
        match self.check(Op::SyncFile) {
            Some(e) => Err(e),
            None => RealFs.sync_file(file),
        }
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        match self.check(Op::Rename) {
            Some(e) => Err(e),
            None => RealFs.rename(from, to),
        }
    }

    fn hard_link(&self, from: &Path, to: &Path) -> io::Result<()> {
        match self.check(Op::HardLink) {
            Some(e) => Err(e),
            None => RealFs.hard_link(from, to),
        }
    }

    fn copy(&self, from: &Path, to: &Path) -> io::Result<()> {
        match self.check(Op::Copy) {
            Some(e) => Err(e),
            None => RealFs.copy(from, to),
        }
    }

    fn sync_folder(&self, folder: &Path) -> io::Result<()> {
        match self.check(Op::SyncFolder) {
            Some(e) => Err(e),
            None => RealFs.sync_folder(folder),
        }
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        match self.check(Op::Read) {
            Some(e) => Err(e),
            None => RealFs.read(path),
        }
    }

    fn remove(&self, path: &Path) -> io::Result<()> {
        match self.check(Op::Remove) {
            Some(e) => Err(e),
            None => RealFs.remove(path),
        }
    }

    fn metadata(&self, path: &Path) -> io::Result<Metadata> {
        match self.check(Op::Metadata) {
            Some(e) => Err(e),
            None => RealFs.metadata(path),
        }
    }

    /// Counted and failed as a rename: it is the one that puts the new version in place.
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        match self.check(Op::Rename) {
            Some(e) => Err(e),
            None => RealFs.exchange(a, b),
        }
    }

    fn keep_attributes(&self, original: &Path, meta: &Metadata, file: &File) -> io::Result<()> {
        RealFs.keep_attributes(original, meta, file)
    }
}
