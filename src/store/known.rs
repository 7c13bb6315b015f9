//! The engagements a user has opened: a short list of workbook paths in the data folder, so
//! `phasebook list`, `phasebook agenda` and the picker know them without being told. Only
//! paths are kept, never a copy of a workbook; forgetting one never touches its file.
//!
//! Two phasebooks may remember at once: each reads the list afresh and replaces it
//! atomically, so the worst that can happen is that one of the two entries is lost, never
//! a torn file. A list that cannot be read as one (damaged, too big, not text) is set aside
//! beside itself (`known-engagements.ron.damaged-<seconds>`) before anything writes a new
//! one, and [`Known::set_aside_damaged`] says where.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::error::SaveError;
use super::format::{from_ron, to_ron_pretty};
use super::fs::RealFs;
use super::save::{Expect, Keep, replace, sweep_stale_temps};

/// The list's name in the data folder.
pub const FILE_NAME: &str = "known-engagements.ron";

/// Far more than any person's engagements; a bigger file is not read.
const READ_LIMIT: u64 = 4 * 1024 * 1024;

#[derive(Debug, Error)]
pub enum KnownError {
    #[error("cannot find a home folder to keep the list of engagements in")]
    NoDataFolder,
    #[error("{}: cannot keep the list of engagements: {source}", path.display())]
    Write { path: PathBuf, source: SaveError },
    #[error("cannot write the list of engagements: {0}")]
    Serialize(String),
}

/// The file as written: `(engagements: [(path: "/home/ann/contoso.ron"), …])`.
#[derive(Debug, Default, Serialize, Deserialize)]
struct ListFile {
    #[serde(default)]
    engagements: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    #[serde(with = "super::recovery::path_text_or_bytes")]
    path: PathBuf,
}

/// The list of known engagements kept in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    file: PathBuf,
}

impl Known {
    /// The list kept in the file `file` (tests, and a caller with a folder of its own).
    pub fn at(file: impl Into<PathBuf>) -> Known {
        Known { file: file.into() }
    }

    /// The list in the data folder `folder`.
    pub fn in_folder(folder: &Path) -> Known {
        Known::at(folder.join(FILE_NAME))
    }

    /// The user's list, in phasebook's data folder (Linux: `$XDG_DATA_HOME/phasebook/`).
    pub fn user() -> Result<Known, KnownError> {
        crate::project_dirs().map(|d| Known::in_folder(d.data_dir())).ok_or(KnownError::NoDataFolder)
    }

    /// Where the list is kept.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The workbooks remembered, in the order they were first opened. A list that is
    /// missing or cannot be read gives none.
    pub fn entries(&self) -> Vec<PathBuf> {
        self.read().engagements.into_iter().map(|e| e.path).collect()
    }

    /// Adds `workbook` to the list under its full path, links and `..` resolved, unless it is
    /// there already; gives that path. The workbook should exist (it was just opened).
    pub fn remember(&self, workbook: &Path) -> Result<PathBuf, KnownError> {
        let path = full_path(workbook);
        let mut list = self.read();
        if list.engagements.iter().any(|e| e.path == path) {
            return Ok(path);
        }
        list.engagements.push(Entry { path: path.clone() });
        self.write(&list)?;
        Ok(path)
    }

    /// Takes `workbook` off the list; whether it was on it. The file itself is left alone.
    pub fn forget(&self, workbook: &Path) -> Result<bool, KnownError> {
        let (given, full) = (workbook.to_path_buf(), full_path(workbook));
        let mut list = self.read();
        let before = list.engagements.len();
        list.engagements.retain(|e| e.path != given && e.path != full);
        if list.engagements.len() == before {
            return Ok(false);
        }
        self.write(&list)?;
        Ok(true)
    }

    /// The remembered workbooks whose file is no longer there (moved or deleted). One that
    /// is there but cannot be read (permissions, a disk not mounted) is not gone.
    pub fn missing(&self) -> Vec<PathBuf> {
        self.entries().into_iter().filter(|p| is_gone(p)).collect()
    }

    /// Takes the workbooks whose file is gone off the list and gives them, for the caller to
    /// say so; the workbooks still there, in list order, are what [`Known::entries`] gives next.
    pub fn drop_missing(&self) -> Result<Vec<PathBuf>, KnownError> {
        let mut list = self.read();
        let (gone, kept): (Vec<Entry>, Vec<Entry>) = list.engagements.into_iter().partition(|e| is_gone(&e.path));
        list.engagements = kept;
        if !gone.is_empty() {
            self.write(&list)?;
        }
        Ok(gone.into_iter().map(|e| e.path).collect())
    }

    fn read(&self) -> ListFile {
        self.parsed().unwrap_or_default()
    }

    /// The list, `None` when the file is there but cannot be read as one.
    fn parsed(&self) -> Option<ListFile> {
        let bytes = match super::fs::read_capped(&self.file, READ_LIMIT) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Some(ListFile::default()),
            Err(_) => return None,
        };
        from_ron(&String::from_utf8(bytes).ok()?).ok()
    }

    /// Moves a list that cannot be read out of the way, so the next change starts a new
    /// one without writing over it; where it went, when it was damaged.
    pub fn set_aside_damaged(&self) -> Option<PathBuf> {
        if self.parsed().is_some() || !self.file.is_file() {
            return None;
        }
        let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        // Never over one set aside before, in the same second or not.
        let aside = (0..1000).find_map(|n| {
            let mut name = self.file.file_name()?.to_os_string();
            name.push(if n == 0 { format!(".damaged-{seconds}") } else { format!(".damaged-{seconds}-{n}") });
            let aside = self.file.with_file_name(name);
            (std::fs::symlink_metadata(&aside).is_err()).then_some(aside)
        })?;
        std::fs::rename(&self.file, &aside).ok()?;
        Some(aside)
    }

    fn write(&self, list: &ListFile) -> Result<(), KnownError> {
        // A damaged list is kept, not written over.
        let _ = self.set_aside_damaged();
        let text = to_ron_pretty(list).map_err(|e| KnownError::Serialize(e.to_string()))?;
        let write_error = |source| KnownError::Write { path: self.file.clone(), source };
        if let Some(folder) = self.file.parent().filter(|f| !f.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|e| write_error(SaveError::from_io(folder, e)))?;
        }
        // A write killed halfway leaves its temp file; the list itself is whole either way.
        let _ = sweep_stale_temps(&self.file);
        // Readable by its owner alone: it tells where someone's engagements are.
        let keep = Keep { backups: 0, private: true, through_links: false };
        replace(&RealFs, &self.file, text.as_bytes(), Expect::Anything, keep).map(|_| ()).map_err(write_error)
    }
}

/// The workbook files in `folder`: its `.ron` files (any case), in name order, not those of
/// its subfolders and not phasebook's own files beside a workbook (recovery files, this
/// list). Nothing is opened: a folder of thousands of other files costs one listing.
pub fn workbooks_in(folder: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ron = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
        if !ron || name.starts_with('.') || name.ends_with(".recovery.ron") || name == FILE_NAME {
            continue;
        }
        // A link is followed to see what it names; a folder called `x.ron` is not a workbook.
        if std::fs::metadata(&path).is_ok_and(|m| !m.is_dir()) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// The path with links and `..` resolved when the file is there, else made absolute.
fn full_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Gone: its folder is there and it is not. A folder that is not there (a share not
/// mounted, a disk not plugged in) may come back with everything in it.
fn is_gone(path: &Path) -> bool {
    let folder_there = path.parent().is_none_or(|f| f.as_os_str().is_empty() || f.is_dir());
    folder_there && matches!(std::fs::metadata(path), Err(e) if e.kind() == io::ErrorKind::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workbook(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, "(version: 1)").unwrap();
        path
    }

    #[test]
    fn a_workbook_is_remembered_once_under_its_full_path() {
        let dir = tempfile::tempdir().unwrap();
        let known = Known::in_folder(&dir.path().join("data"));
        let a = workbook(dir.path(), "a.ron");
        let through_dots = dir.path().join("data").join("..").join("a.ron");
        let full = known.remember(&a).unwrap();
        assert!(full.is_absolute());
        known.remember(&through_dots).unwrap();
        assert_eq!(known.entries(), vec![full]);
    }

    #[test]
    fn forgetting_takes_it_off_the_list_and_leaves_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let known = Known::in_folder(dir.path());
        let (a, b) = (workbook(dir.path(), "a.ron"), workbook(dir.path(), "b.ron"));
        known.remember(&a).unwrap();
        let b_full = known.remember(&b).unwrap();
        assert!(known.forget(&a).unwrap());
        assert!(!known.forget(&a).unwrap(), "a second time there is nothing to forget");
        assert_eq!(known.entries(), vec![b_full]);
        assert!(a.exists());
    }

    #[test]
    fn files_gone_are_found_and_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let known = Known::in_folder(dir.path());
        let (a, b) = (workbook(dir.path(), "a.ron"), workbook(dir.path(), "b.ron"));
        let a_full = known.remember(&a).unwrap();
        let b_full = known.remember(&b).unwrap();
        std::fs::remove_file(&a).unwrap();
        assert_eq!(known.missing(), vec![a_full.clone()]);
        assert_eq!(known.drop_missing().unwrap(), vec![a_full]);
        assert_eq!(known.entries(), vec![b_full]);
        assert!(known.drop_missing().unwrap().is_empty());
    }

    #[test]
    fn a_damaged_list_counts_as_empty_and_is_set_aside_never_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let known = Known::in_folder(dir.path());
        std::fs::write(known.file(), "(engagements: [(path: \"/x.ron\"), ((((").unwrap();
        assert!(known.entries().is_empty());
        std::fs::write(known.file(), b"\xff\xfe\x00garbage").unwrap();
        assert!(known.entries().is_empty());
        let a = known.remember(&workbook(dir.path(), "a.ron")).unwrap();
        assert_eq!(known.entries(), vec![a]);
        let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().contains(".damaged-"))
            .collect();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(std::fs::read(&kept[0]).unwrap(), b"\xff\xfe\x00garbage");
        // Said once, by whoever looks first; a second in the same second never over the first.
        std::fs::write(known.file(), "((((").unwrap();
        let first = known.set_aside_damaged().unwrap();
        assert_eq!(known.set_aside_damaged(), None);
        std::fs::write(known.file(), "))))").unwrap();
        let second = known.set_aside_damaged().unwrap();
        assert_ne!(first, second);
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "((((");
    }

    #[test]
    fn a_workbook_whose_folder_is_not_there_is_kept_for_when_it_comes_back() {
        let dir = tempfile::tempdir().unwrap();
        let known = Known::in_folder(dir.path());
        let share = dir.path().join("share");
        std::fs::create_dir(&share).unwrap();
        let a = known.remember(&workbook(&share, "a.ron")).unwrap();
        std::fs::rename(&share, dir.path().join("unplugged")).unwrap();
        assert!(known.drop_missing().unwrap().is_empty(), "the folder may come back");
        assert_eq!(known.entries(), vec![a.clone()]);
        std::fs::create_dir(&share).unwrap();
        assert_eq!(known.drop_missing().unwrap(), vec![a], "its folder is back, the file is not: gone");
    }

    #[test]
    fn a_folder_gives_its_ron_files_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.ron", "a.RON", "notes.txt", ".a.ron.bak1", ".hidden.ron", "x.recovery.ron", FILE_NAME] {
            workbook(dir.path(), name);
        }
        std::fs::create_dir(dir.path().join("folder.ron")).unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        workbook(&dir.path().join("sub"), "deeper.ron");
        let names: Vec<String> = workbooks_in(dir.path())
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["a.RON".to_string(), "b.ron".to_string()]);
    }

    #[test]
    fn no_list_yet_is_an_empty_list() {
        let dir = tempfile::tempdir().unwrap();
        let known = Known::in_folder(&dir.path().join("not-yet"));
        assert!(known.entries().is_empty());
        assert!(known.missing().is_empty());
        assert!(!known.forget(Path::new("/nowhere.ron")).unwrap());
    }

    #[test]
    fn many_remembering_at_once_never_leave_a_broken_list() {
        let dir = tempfile::tempdir().unwrap();
        let known = Known::in_folder(dir.path());
        let files: Vec<PathBuf> = (0..8).map(|n| workbook(dir.path(), &format!("w{n}.ron"))).collect();
        std::thread::scope(|s| {
            for file in &files {
                let known = known.clone();
                s.spawn(move || {
                    for _ in 0..5 {
                        known.remember(file).unwrap();
                        let _ = known.forget(file);
                        known.remember(file).unwrap();
                    }
                });
            }
        });
        let text = std::fs::read_to_string(known.file()).unwrap();
        let parsed: Result<ListFile, _> = from_ron(&text);
        assert!(parsed.is_ok(), "the list reads as one after racing writers: {text}");
        assert!(!known.entries().is_empty());
    }
}
