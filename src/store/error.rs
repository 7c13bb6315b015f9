//! What can go wrong reading or writing a workbook, worded for the person at the keyboard.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

use crate::model::check::Issue;

/// One thing wrong with a workbook, with where it is when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column, when the problem can be placed in the text.
    pub at: Option<(usize, usize)>,
    /// The rule the workbook breaks; its `Display` is the message in English.
    pub issue: Issue,
}

impl Problem {
    /// The message, in English.
    pub fn message(&self) -> String {
        self.issue.to_string()
    }

    /// `path:line:col: {label}message`, or `path: {label}message` when it has no place.
    pub fn located(&self, path: &std::path::Path, label: &str) -> String {
        self.located_as(path, label, &self.message())
    }

    /// [`Problem::located`] with `message` in place of the English one.
    pub fn located_as(&self, path: &std::path::Path, label: &str, message: &str) -> String {
        match self.at {
            Some((line, col)) => format!("{}:{line}:{col}: {label}{message}", path.display()),
            None => format!("{}: {label}{message}", path.display()),
        }
    }
}

/// Why the text of a workbook cannot be read as one: the parser's finding, made plainer
/// with what the text around it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Syntax {
    /// A field every `owner` has is not there; `id` is the entry's own, when it has one.
    MissingField {
        owner: Owner,
        id: Option<String>,
        field: &'static str,
    },
    /// A value of the wrong shape for `field`, whose shape is easy to get wrong.
    Shape {
        field: &'static str,
        found: Box<Syntax>,
    },
    TooDeep,
    /// The file ends inside a bracket or a quote.
    Eof,
    /// A date or time that is not one; `reason` is the date library's words.
    BadDate {
        reason: String,
    },
    NoVersion,
    /// What the parser said, as it said it.
    Parser(ron::Error),
    /// What the JSON parser said of a workbook's JSON form, as it said it.
    Json(String),
}

/// What an entry of a workbook is, in its author's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Phase,
    Item,
    Gate,
    Criterion,
    Deadline,
    Limit,
    Question,
    Option,
    ScopeConflict,
    Expectation,
    Threshold,
    Decision,
    Meeting,
    Meta,
    Note,
    SignOff,
    Passage,
    Entry,
}

impl Owner {
    /// The entry of the struct the parser names `outer`.
    pub fn of(outer: &str) -> Owner {
        match outer {
            "Phase" => Owner::Phase,
            "Item" => Owner::Item,
            "Gate" => Owner::Gate,
            "Criterion" => Owner::Criterion,
            "Deadline" => Owner::Deadline,
            "Limit" => Owner::Limit,
            "ScopeQuestion" => Owner::Question,
            "ScopeOption" => Owner::Option,
            "ScopeConflict" => Owner::ScopeConflict,
            "Expectation" => Owner::Expectation,
            "Threshold" => Owner::Threshold,
            "Decision" => Owner::Decision,
            "Meeting" | "PlannedMeeting" => Owner::Meeting,
            "Meta" => Owner::Meta,
            "Note" => Owner::Note,
            "SignOff" => Owner::SignOff,
            "Passage" => Owner::Passage,
            _ => Owner::Entry,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Owner::Phase => "phase",
            Owner::Item => "item",
            Owner::Gate => "gate",
            Owner::Criterion => "criterion",
            Owner::Deadline => "deadline",
            Owner::Limit => "limit",
            Owner::Question => "question",
            Owner::Option => "option",
            Owner::ScopeConflict => "scope conflict",
            Owner::Expectation => "expectation",
            Owner::Threshold => "threshold",
            Owner::Decision => "decision",
            Owner::Meeting => "meeting",
            Owner::Meta => "`meta`",
            Owner::Note => "note",
            Owner::SignOff => "sign-off",
            Owner::Passage => "gate pass",
            Owner::Entry => "entry",
        }
    }
}

/// How the value of a field whose shape is easy to get wrong is written.
pub fn shape_of(field: &str) -> Option<&'static str> {
    Some(match field {
        "within" => "`Days(n)` or `Months(n)`, e.g. `within: Days(30)`",
        "from" => "`Purchase` or `Start`",
        "when" => "`Always`, `Is(\"question\", \"option\")`, `Not(…)`, `All([…])` or `Any([…])`",
        "threshold" => "`(minimum: \"level\", levels: [\"lowest\", …, \"highest\"])`",
        "choice" => "`One` or `Many`",
        "purchase_date" | "start_date" | "due" | "started" => "as a date, `YYYY-MM-DD`",
        "receives_remediation" | "exclusive" | "joint" | "met" => "`true` or `false`",
        _ => return None,
    })
}

/// The fields [`shape_of`] knows.
pub const SHAPED_FIELDS: &[&str] = &[
    "within",
    "from",
    "when",
    "threshold",
    "choice",
    "purchase_date",
    "start_date",
    "due",
    "started",
    "receives_remediation",
    "exclusive",
    "joint",
    "met",
];

impl fmt::Display for Syntax {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Syntax::MissingField { owner, id: Some(id), field } => {
                let kind = owner.word();
                write!(f, "{kind} \"{id}\": missing `{field}`, which every {kind} has")
            }
            Syntax::MissingField { owner, id: None, field } => {
                let kind = owner.word();
                write!(f, "{kind}: missing `{field}`, which every {kind} has")
            }
            Syntax::Shape { field, found } => {
                // The parser's advice for a number where a name belongs (`r#30`) leads nowhere here.
                let found = found.to_string();
                let found = found.split(", try the raw identifier").next().unwrap_or(&found);
                write!(f, "`{field}` is written {} ({found})", shape_of(field).unwrap_or("differently"))
            }
            Syntax::TooDeep => write!(f, "nested too deeply: a workbook never needs values inside values this deep"),
            Syntax::Eof => {
                write!(f, "the file ends too early: a bracket or quote is not closed (is the file cut short?)")
            }
            Syntax::BadDate { reason } => {
                write!(f, "not a valid date or time ({reason}); write dates as YYYY-MM-DD, e.g. 2026-11-26")
            }
            Syntax::NoVersion => {
                write!(f, "missing the `version` field that every workbook starts with (`version: 1`)")
            }
            Syntax::Parser(e) => write!(f, "{e}"),
            Syntax::Json(e) => write!(f, "not the JSON form of a workbook: {e}"),
        }
    }
}

/// Why a file is not a workbook at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotWorkbook {
    /// Nothing but blanks and comments.
    Empty,
    /// It starts with `found` at `line`:`col`, where a workbook starts with `(`.
    StartsWith { line: usize, col: usize, found: char },
    /// A workbook's JSON form that starts with `found`, where it starts with `{`.
    StartsWithNotJson { line: usize, col: usize, found: char },
}

impl NotWorkbook {
    /// `path`, with the line and column where the file shows it is not a workbook.
    pub fn at(&self, path: &std::path::Path) -> String {
        match self {
            NotWorkbook::Empty => path.display().to_string(),
            NotWorkbook::StartsWith { line, col, .. } | NotWorkbook::StartsWithNotJson { line, col, .. } => {
                format!("{}:{line}:{col}", path.display())
            }
        }
    }
}

impl fmt::Display for NotWorkbook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotWorkbook::Empty => write!(f, "it is empty"),
            NotWorkbook::StartsWith { found: '{', .. } => write!(
                f,
                "it starts with `{{`, where a workbook starts with `(` (a workbook's JSON form is read by `phasebook template FILE.json`)"
            ),
            NotWorkbook::StartsWith { found, .. } => {
                write!(f, "it starts with `{}`, where a workbook starts with `(`", found.escape_default())
            }
            NotWorkbook::StartsWithNotJson { found, .. } => {
                write!(f, "it starts with `{}`, where a workbook's JSON form starts with `{{`", found.escape_default())
            }
        }
    }
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{}: cannot read: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}: is {}, more than the {} a workbook may be; is this the right file?", path.display(), mebibytes(*size), mebibytes(*limit))]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{}:{line}:{col}: not a workbook: the file holds binary data (a NUL byte)", path.display())]
    Binary { path: PathBuf, line: usize, col: usize },
    #[error("{}:{line}:{col}: not UTF-8 text; save the file as UTF-8", path.display())]
    NotUtf8 { path: PathBuf, line: usize, col: usize },
    #[error("{}: this is not a phasebook workbook: {what}", what.at(path))]
    NotAWorkbook { path: PathBuf, what: NotWorkbook },
    #[error("{}:{line}:{col}: {what}", path.display())]
    Syntax { path: PathBuf, line: usize, col: usize, what: Syntax },
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

/// A size as people read it: `128 MiB`, `130.5 MiB`, or bytes below one.
pub fn mebibytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes < MIB {
        return format!("{bytes} bytes");
    }
    let tenths = bytes.saturating_mul(10) / MIB;
    if tenths.is_multiple_of(10) {
        format!("{} MiB", tenths / 10)
    } else {
        format!("{}.{} MiB", tenths / 10, tenths % 10)
    }
}
