//! Reading and writing workbook files: the RON text form, loading with checks that name
//! the file, line and column of every problem, and saving so that nothing typed is lost —
//! atomic replace with backups, a lost-update guard, a lock, and recovery files.
//!
//! # How the app uses it
//!
//! At start, for the workbook at `path`:
//! 1. [`sweep_stale_temps`]`(path)` removes temp files a killed save left.
//! 2. [`Lock::acquire`]`(path)`; on [`LockError::HeldBy`] say who holds it and offer
//!    read-only. Keep the [`Lock`] while the workbook is open; dropping it removes the lock.
//! 3. [`open`]`(path)` gives a [`Loaded`]: the workbook and its [`Fingerprint`].
//! 4. [`find_recovery`]`(data_folder, path)`: if `Some`, offer its `changes` (and how old it
//!    is: `written`) to apply or discard; warn when `base` no longer matches the loaded
//!    fingerprint. [`discard_recovery`] once applied-and-saved or declined. An `Err` means
//!    a damaged recovery file: say so (the message names it) rather than drop it.
//!
//! While editing: [`write_recovery`]`(data_folder, path, Some(&fingerprint), &changes, &wb)`
//! every few changes or seconds of idle, and on a signal or a lost terminal.
//!
//! To save: [`save_checked`]`(path, &wb, Some(&fingerprint))`, then keep the returned
//! [`Saved::fingerprint`] for the next save and discard the recovery file. The errors:
//! - [`SaveError::ChangedOnDisk`]: someone else saved; offer reload and reapply, save as a
//!   copy ([`create_new`]), or overwrite (`save_with(&RealFs, path, &wb, Expect::Anything)`);
//! - [`SaveError::Removed`]: the file is gone; `save_checked(path, &wb, None)` creates it anew;
//! - disk full, permission denied, read-only disk, a file marked read-only, a folder, a
//!   missing folder: show the message (it names the file and what to do); the edits are
//!   still the caller's, and the same call succeeds once the cause is gone. Only [`SaveError::Unconfirmed`] means the file
//!   may hold the new version: take its fingerprint.
//!
//! A save keeps the previous versions as `.<name>.bak1` (newest) to `.<name>.bak3`
//! beside the workbook ([`backup_path`]); if it could not, [`Saved::backup_skipped`] says why.
//! A save needs to create files in the workbook's folder: a writable file in a read-only
//! folder is refused (with [`SaveError::PermissionDenied`]) rather than written in place.
//!
//! Every file operation of a save goes through [`fs::FileOps`]; tests pass
//! [`fs::FaultyFs`] to [`save_with`] to fail any of them.

mod error;
mod fingerprint;
mod format;
pub mod fs;
mod known;
mod load;
mod lock;
mod recovery;
mod save;
mod validate;

pub use error::{LoadError, NotWorkbook, Owner, Problem, SHAPED_FIELDS, SaveError, Syntax, mebibytes, shape_of};
pub use fingerprint::Fingerprint;
pub use format::{from_ron, schema, to_ron, to_ron_value};
pub use fs::{FileOps, RealFs};
pub use known::{Known, KnownError, workbooks_in};
pub use load::{Loaded, MAX_FILE_BYTES, load, load_bytes, load_json, open};
pub use lock::{Holder, Lock, LockError, LockLost, Standing, lock_path};
pub use recovery::{
    Recovery, RecoveryError, discard_recovery, find_recovery, recovery_path, session_recovery_beside,
    session_recovery_path, set_aside_recovery, write_recovery, write_recovery_to,
};
pub use save::{
    BACKUPS, Expect, STALE_TEMP_AGE, Saved, backup_path, create_new, create_new_with, save, save_checked, save_with,
    sweep_stale_temps, write_atomically, write_workbook,
};
pub use validate::validate;

/// A new engagement's id: the moment it is made, to the nanosecond, and the process making
/// it, so two made at once on one machine differ. Never read back as a time.
pub fn fresh_engagement_id() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("e-{nanos:x}-{:x}", std::process::id())
}
