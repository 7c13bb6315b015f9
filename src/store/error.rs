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
            match problem.at {
                Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path.display(), problem.message)?,
                None => write!(f, "{}: {}", self.path.display(), problem.message)?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, Error)]
pub enum SaveError {
    #[error("cannot write the workbook as RON: {0}")]
    Serialize(String),
    #[error("the written workbook did not read back the same; nothing was saved")]
    RoundTrip,
    #[error("{}: cannot save: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}
