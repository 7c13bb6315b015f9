//! Where an export goes: a default file name made from the customer's name, and the
//! checks before writing. An export never replaces the workbook it was made from, never
//! writes through a symbolic link or into a FIFO or device, and replaces a file atomically.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use thiserror::Error;

use super::Format;
use crate::model::Workbook;
use crate::store::write_atomically;

/// Longest customer part of a default file name, in characters: well inside the 255
/// bytes a file name may have, even when every character takes four bytes.
const NAME_CHARS: usize = 40;

#[derive(Debug, Error)]
pub enum ExportError {
    #[error("{}: is the workbook itself; an export never overwrites it (choose another name)", path.display())]
    WorkbookItself { path: PathBuf },
    #[error("{}: is a symbolic link; phasebook does not write through links (give the real path)", path.display())]
    Symlink { path: PathBuf },
    #[error("{}: is not a regular file (a folder, FIFO or device); choose a file name", path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: is one of phasebook's own files (a backup, lock, temp or recovery file); an export never replaces it (choose another name)", path.display())]
    PhasebookFile { path: PathBuf },
    #[error("{}: is a workbook file; an export never replaces one (choose another name)", path.display())]
    Workbook { path: PathBuf },
    #[error("{}: cannot write the export: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// Writing the file itself failed; the message names the file and what to do.
    #[error(transparent)]
    Write(#[from] crate::store::SaveError),
}

impl ExportError {
    /// The message in `lang`.
    pub fn in_lang(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::messages::{fill, io_reason, table};
        let Some(m) = table(lang) else { return self.to_string() };
        let at = |template: &str, path: &Path| fill(template, &[("path", &path.display().to_string())]);
        match self {
            ExportError::WorkbookItself { path } => at(&m.export_workbook_itself, path),
            ExportError::Symlink { path } => at(&m.export_symlink, path),
            ExportError::NotAFile { path } => at(&m.export_not_a_file, path),
            ExportError::PhasebookFile { path } => at(&m.export_phasebook_file, path),
            ExportError::Workbook { path } => at(&m.export_workbook, path),
            ExportError::Io { path, source } => {
                fill(&m.export_io, &[("path", &path.display().to_string()), ("reason", &io_reason(source, lang))])
            }
            ExportError::Write(e) => crate::i18n::messages::save_error(e, lang),
        }
    }
}

/// Writes `bytes` to `dest`, replacing a regular file there atomically. `workbook` is
/// the file the export was made from, which is refused as a destination.
pub fn write_export(dest: &Path, bytes: &[u8], workbook: Option<&Path>) -> Result<(), ExportError> {
    if is_phasebooks_own(dest) {
        return Err(ExportError::PhasebookFile { path: dest.to_path_buf() });
    }
    // `symlink_metadata` looks at the name itself, not at what a link points to.
    match std::fs::symlink_metadata(dest) {
        Ok(meta) if meta.file_type().is_symlink() => return Err(ExportError::Symlink { path: dest.to_path_buf() }),
        Ok(meta) if !meta.is_file() => return Err(ExportError::NotAFile { path: dest.to_path_buf() }),
        Ok(meta) => {
            if let Some(workbook) = workbook
                && is_same_file(dest, &meta, workbook)
            {
                return Err(ExportError::WorkbookItself { path: dest.to_path_buf() });
            }
            // Someone's workbook (another engagement, a copy) is never replaced by a snapshot,
            // whatever it is called: one open in a phasebook has a lock beside it, and any
            // other reads as one.
            if dest.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
                || crate::store::lock_path(dest).exists()
                || reads_as_workbook(dest)
            {
                return Err(ExportError::Workbook { path: dest.to_path_buf() });
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => return Err(ExportError::Io { path: dest.to_path_buf(), source }),
    }
    // The rename at the end replaces the name, never writes into what it points at, so
    // even a link or FIFO put there after the checks above is replaced, not written through.
    Ok(write_atomically(dest, bytes)?)
}

/// Whether a name is one phasebook keeps beside a workbook: `.NAME.bak1`, `NAME.lock`, a
/// save's `.NAME.xxxx.tmp`, or a recovery file.
pub fn is_phasebooks_own(dest: &Path) -> bool {
    let Some(name) = dest.file_name().map(|n| n.to_string_lossy().into_owned()) else { return false };
    let hidden_backup = name.starts_with('.') && name.rsplit_once(".bak").is_some_and(|(_, n)| n.parse::<u8>().is_ok());
    let temp = name.starts_with('.') && name.ends_with(".tmp");
    hidden_backup || temp || name.ends_with(".lock") || name.ends_with(".recovery.ron")
}

/// Whether the file at `path` starts as a workbook does: `(` first (after a byte-order mark,
/// blank space, comments and RON's `#![enable(…)]`) and a `version:` field near the top. No export starts so.
fn reads_as_workbook(path: &Path) -> bool {
    use std::io::Read;
    let Ok(file) = crate::store::fs::open_for_reading(path) else { return false };
    let mut start = Vec::new();
    if file.take(4096).read_to_end(&mut start).is_err() {
        return false;
    }
    let text = String::from_utf8_lossy(&start);
    let text = text.trim_start_matches('\u{feff}');
    let body: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("//") && !l.trim_start().starts_with("#!["))
        .collect::<Vec<_>>()
        .join("\n");
    body.trim_start().starts_with('(') && body.contains("version:")
}

/// Whether the existing file `dest` is the workbook: the same path once links and `..`
/// are resolved, or (on Unix) the same file under another name, as with a hard link.
fn is_same_file(dest: &Path, dest_meta: &std::fs::Metadata, workbook: &Path) -> bool {
    if let (Ok(a), Ok(b)) = (dest.canonicalize(), workbook.canonicalize())
        && a == b
    {
        return true;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(wb) = std::fs::metadata(workbook) {
            return wb.dev() == dest_meta.dev() && wb.ino() == dest_meta.ino();
        }
    }
    let _ = dest_meta;
    false
}

/// A file name for an export, like `contoso-status-2026-11-26.md`: the customer's name
/// kept to letters (å, ä and ö included) and digits, lower case, with every other run of
/// characters made one `-`; just `status-…` when nothing is left.
pub fn default_file_name(workbook: &Workbook, format: Format, date: NaiveDate) -> String {
    let mut name = String::new();
    for c in workbook.engagement.customer.chars() {
        if c.is_alphanumeric() {
            name.extend(c.to_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name: String = name.trim_matches('-').chars().take(NAME_CHARS).collect();
    let name = name.trim_end_matches('-');
    let ext = format.extension();
    if name.is_empty() { format!("status-{date}.{ext}") } else { format!("{name}-status-{date}.{ext}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(customer: &str) -> String {
        let mut wb = crate::model::fixture::workbook();
        wb.engagement.customer = customer.into();
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
        default_file_name(&wb, Format::Md, day)
    }

    #[test]
    fn the_default_name_is_the_customer_then_status_and_date() {
        assert_eq!(named("Contoso"), "contoso-status-2026-11-26.md");
        assert_eq!(named("Åkesson & Öberg AB"), "åkesson-öberg-ab-status-2026-11-26.md");
    }

    #[test]
    fn path_characters_and_dots_cannot_reach_the_default_name() {
        assert_eq!(named("../../etc/passwd"), "etc-passwd-status-2026-11-26.md");
        assert_eq!(named("a\\b:c*?\"<>|\u{202e}d\n"), "a-b-c-d-status-2026-11-26.md");
    }

    #[test]
    fn an_empty_or_symbol_only_customer_falls_back_to_status() {
        assert_eq!(named(""), "status-2026-11-26.md");
        assert_eq!(named(" -- ./ "), "status-2026-11-26.md");
    }

    #[test]
    fn a_long_customer_name_is_capped() {
        let name = named(&"å".repeat(300));
        assert_eq!(name, format!("{}-status-2026-11-26.md", "å".repeat(NAME_CHARS)));
        assert!(name.len() < 255);
    }
}
