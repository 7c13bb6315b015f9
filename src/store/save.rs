//! Saving: serialize, read the text back as a check, then replace the file atomically:
//! a temporary file in the same folder, synced, renamed over the target, the folder
//! synced. A crash at any instant leaves either the old file or the new one.

use std::io::Write;
use std::path::Path;

use super::error::SaveError;
use super::format::{from_ron, to_ron};
use crate::model::Workbook;

/// Writes the workbook to `path`, atomically.
pub fn save(path: &Path, workbook: &Workbook) -> Result<(), SaveError> {
    let text = to_ron(workbook).map_err(|e| SaveError::Serialize(e.to_string()))?;
    let back: Workbook = from_ron(&text).map_err(|_| SaveError::RoundTrip)?;
    if &back != workbook {
        return Err(SaveError::RoundTrip);
    }
    write_atomically(path, text.as_bytes()).map_err(|source| SaveError::Io { path: path.to_path_buf(), source })
}

/// Replaces `path` with `bytes` so that readers see the old content or the new, never a mix.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut temp = tempfile::Builder::new().prefix(&format!(".{name}.")).suffix(".tmp").tempfile_in(folder)?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Keep the original's permissions; a fresh temp file is private by default.
        temp.as_file().set_permissions(meta.permissions())?;
    }
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    sync_folder(folder)
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> std::io::Result<()> {
    std::fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> std::io::Result<()> {
    // Windows offers no folder handle to sync; the rename itself is durable there.
    Ok(())
}
