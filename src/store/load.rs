//! Loading: refuse what is too big, binary or not UTF-8 before parsing; read the version
//! first so a newer file gets "update phasebook" rather than a field error; then parse
//! and validate, reporting every problem at once.

use std::io::Read;
use std::path::Path;
use std::time::SystemTime;

use serde::Deserialize;

use super::error::{LoadError, NotWorkbook, Owner, Problem, SHAPED_FIELDS, Syntax};
use super::fingerprint::Fingerprint;
use super::format::from_ron;
use super::validate::validate;
use crate::model::{FORMAT_VERSION, Workbook};

/// Larger than a workbook of several hundred thousand items; refused before reading.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// A workbook as read from its file, with what the file held, so a later save can tell
/// whether someone else changed it meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub workbook: Workbook,
    /// Pass to [`save_checked`](super::save_checked).
    pub fingerprint: Fingerprint,
    /// What the file should have fixed but can be opened with, each placed in its text.
    pub warnings: Vec<Problem>,
}

/// Reads and checks a workbook file.
pub fn load(path: &Path) -> Result<Workbook, LoadError> {
    open(path).map(|loaded| loaded.workbook)
}

/// Reads and checks a workbook file, remembering what it held.
pub fn open(path: &Path) -> Result<Loaded, LoadError> {
    let (bytes, modified) = read_limited(path)?;
    let (workbook, warnings) = parse_checked(path, &bytes)?;
    Ok(Loaded { workbook, fingerprint: Fingerprint::of(&bytes, modified), warnings })
}

/// The file's bytes and modification time, refusing a folder or a file over the size limit.
fn read_limited(path: &Path) -> Result<(Vec<u8>, Option<SystemTime>), LoadError> {
    let io = |source| LoadError::Io { path: path.to_path_buf(), source };
    // Never waits: a FIFO is refused, a device read as far as it has something.
    let file = super::fs::open_for_reading(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { path: path.to_path_buf(), size: meta.len(), limit: MAX_FILE_BYTES });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // Read one byte past the limit, in case the file grew after the size check.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    Ok((bytes, meta.modified().ok()))
}

/// Checks and parses the bytes of a workbook; `path` is only used in messages.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Workbook, LoadError> {
    parse_checked(path, bytes).map(|(workbook, _)| workbook)
}

/// The workbook in `bytes` with the warnings it opens with, or why it cannot be opened.
fn parse_checked(path: &Path, bytes: &[u8]) -> Result<(Workbook, Vec<Problem>), LoadError> {
    let size = bytes.len() as u64;
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge { path: path.to_path_buf(), size, limit: MAX_FILE_BYTES });
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = line_col_of_byte(bytes, nul);
        return Err(LoadError::Binary { path: path.to_path_buf(), line, col });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col_of_byte(bytes, e.valid_up_to());
        LoadError::NotUtf8 { path: path.to_path_buf(), line, col }
    })?;
    // Notepad starts a UTF-8 file with a byte-order mark; it is no part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // A workbook is one `( … )`: anything else is not one, whatever a parser would say.
    match first_token(text) {
        None => return Err(LoadError::NotAWorkbook { path: path.to_path_buf(), what: NotWorkbook::Empty }),
        Some((_, '(')) => {}
        Some((at, c)) => {
            let (line, col) = line_col_of_byte(text.as_bytes(), at);
            let what = NotWorkbook::StartsWith { line, col, found: c };
            return Err(LoadError::NotAWorkbook { path: path.to_path_buf(), what });
        }
    }
    let syntax = |e: ron::error::SpannedError| {
        let (what, at) = described(&e.code, text, e.span.start.line, e.span.start.col);
        let (line, col) = at.map_or((e.span.start.line, e.span.start.col), |at| line_col_of_byte(text.as_bytes(), at));
        LoadError::Syntax { path: path.to_path_buf(), line, col, what }
    };

    #[derive(Deserialize)]
    struct VersionProbe {
        version: Option<u32>,
    }
    // The whole file is parsed once when it is a current workbook; only when that fails,
    // or the version is off, is it read again for just its version, so a newer file gets
    // "update phasebook" rather than a complaint about a field this version does not know.
    let parsed: Result<Workbook, _> = from_ron(text);
    let version = match &parsed {
        Ok(workbook) => Some(workbook.version),
        Err(_) => from_ron::<VersionProbe>(text).map_err(syntax)?.version,
    };
    match version {
        None => {
            return Err(LoadError::Syntax { path: path.to_path_buf(), line: 1, col: 1, what: Syntax::NoVersion });
        }
        Some(found) if found > FORMAT_VERSION => {
            return Err(LoadError::FutureVersion { path: path.to_path_buf(), found, supported: FORMAT_VERSION });
        }
        Some(0) => {
            return Err(LoadError::UnknownVersion { path: path.to_path_buf(), found: 0, supported: FORMAT_VERSION });
        }
        // Version 1 is the only one so far: nothing to migrate yet.
        Some(_) => {}
    }
    let workbook = parsed.map_err(syntax)?;
    let checked = validate(&workbook, text);
    if checked.errors.is_empty() {
        Ok((workbook, checked.warnings))
    } else {
        Err(LoadError::Invalid { path: path.to_path_buf(), problems: checked.errors })
    }
}

/// Reads a workbook in its JSON form (the shape `phasebook schema` describes), with every
/// check a RON file gets: what a script that generates workbooks writes, to be made RON.
pub fn load_json(path: &Path) -> Result<Workbook, LoadError> {
    let (bytes, _) = read_limited(path)?;
    // What is no text at all is said as for a RON file.
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        let (line, col) = line_col_of_byte(&bytes, nul);
        return Err(LoadError::Binary { path: path.to_path_buf(), line, col });
    }
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let (line, col) = line_col_of_byte(&bytes, e.valid_up_to());
        LoadError::NotUtf8 { path: path.to_path_buf(), line, col }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.char_indices().find(|(_, c)| !c.is_whitespace()) {
        None => return Err(LoadError::NotAWorkbook { path: path.to_path_buf(), what: NotWorkbook::Empty }),
        Some((_, '{')) => {}
        Some((at, found)) => {
            let (line, col) = line_col_of_byte(text.as_bytes(), at);
            let what = NotWorkbook::StartsWithNotJson { line, col, found };
            return Err(LoadError::NotAWorkbook { path: path.to_path_buf(), what });
        }
    }
    let workbook: Workbook = serde_json::from_str(text).map_err(|e| LoadError::Syntax {
        path: path.to_path_buf(),
        line: e.line().max(1),
        col: e.column().max(1),
        // The position is in the message's place already; serde's own words say it again.
        what: Syntax::Json(
            e.to_string().rsplit_once(" at line ").map_or_else(|| e.to_string(), |(m, _)| m.to_string()),
        ),
    })?;
    if workbook.version > FORMAT_VERSION {
        return Err(LoadError::FutureVersion {
            path: path.to_path_buf(),
            found: workbook.version,
            supported: FORMAT_VERSION,
        });
    }
    if workbook.version == 0 {
        return Err(LoadError::UnknownVersion { path: path.to_path_buf(), found: 0, supported: FORMAT_VERSION });
    }
    let checked = super::validate::validate_json(&workbook, text);
    if checked.errors.is_empty() {
        Ok(workbook)
    } else {
        Err(LoadError::Invalid { path: path.to_path_buf(), problems: checked.errors })
    }
}

/// The byte offset and character of the first thing in `text` that is not blank space, a
/// RON comment or a RON attribute (`#![enable(…)]`); `None` for a text with nothing else.
fn first_token(text: &str) -> Option<(usize, char)> {
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        if let Some(after) = trimmed.strip_prefix("//") {
            rest = after.find('\n').map_or("", |end| &after[end..]);
        } else if let Some(after) = trimmed.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |end| &after[end + 2..]);
        } else if let Some(after) = trimmed.strip_prefix("#![") {
            rest = after.find(']').map_or("", |end| &after[end + 1..]);
        } else {
            let c = trimmed.chars().next()?;
            return Some((text.len() - trimmed.len(), c));
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col_of_byte(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, col)
}

/// The parser's finding made plainer with what the text around it says: a missing field
/// names the phase or item it is missing from, and a value of the wrong shape for a field
/// whose shape is easy to get wrong names the shape.
/// Also where to report it, when that is better than where the parser stopped: a missing
/// field at the start of the entry it is missing from (its `id`), not at its closing bracket.
fn described(code: &ron::Error, text: &str, line: usize, col: usize) -> (Syntax, Option<usize>) {
    let at = byte_of_line_col(text, line, col);
    if let ron::Error::MissingStructField { field, outer } = code {
        let owner = outer.as_deref().map_or(Owner::Entry, Owner::of);
        let entry = at.and_then(|at| enclosing_id(text, at));
        let id = entry.as_ref().map(|(id, _)| id.clone());
        return (Syntax::MissingField { owner, id, field }, entry.map(|(_, start)| start));
    }
    let found = describe(code);
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let before: String = line_text.chars().take(col.saturating_sub(1)).collect();
    match shaped_field(&before) {
        // A bad date says how dates are written already.
        Some(field) if !matches!(found, Syntax::BadDate { .. }) => {
            (Syntax::Shape { field, found: Box::new(found) }, None)
        }
        _ => (found, None),
    }
}

/// The field of a shape easy to get wrong whose value the text `before` the error is in:
/// the last `field:` on the line, with no comma after it (`within: Days(` is in `within`).
fn shaped_field(before: &str) -> Option<&'static str> {
    let starts_word = |at: usize| !before[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_');
    SHAPED_FIELDS
        .iter()
        .filter_map(|field| {
            let at = before.rfind(&format!("{field}:"))?;
            (starts_word(at) && !before[at..].contains(',')).then_some((at, *field))
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, field)| field)
}

/// The byte offset of 1-based `line` and `col` (in characters) in `text`.
fn byte_of_line_col(text: &str, line: usize, col: usize) -> Option<usize> {
    let start = if line <= 1 { 0 } else { text.match_indices('\n').nth(line - 2)?.0 + 1 };
    let rest = &text[start..];
    let within = rest.char_indices().nth(col.saturating_sub(1)).map_or(rest.len(), |(i, _)| i);
    Some(start + within)
}

/// The `id` of the entry (a `( … )`) that ends at byte `at`, or that `at` is inside, with
/// the byte offset of its `id:`.
fn enclosing_id(text: &str, at: usize) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    let (mut open, mut i, mut found) = (Vec::new(), 0, None);
    while i < bytes.len() && i <= at {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' | b'[' | b'{' => open.push((i, bytes[i])),
            b')' | b']' | b'}' => {
                let closed = open.pop();
                if i == at {
                    found = closed;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let (start, _) = found.or_else(|| open.iter().rev().find(|(_, b)| *b == b'(').copied())?;
    // `id: "…"` among the entry's own fields, not those of what it holds.
    let body = &text[start + 1..];
    let mut depth = 0usize;
    let mut chars = body.char_indices().peekable();
    while let Some((j, c)) = chars.next() {
        match c {
            '"' => {
                let mut escaped = false;
                for (_, d) in chars.by_ref() {
                    if d == '"' && !escaped {
                        break;
                    }
                    escaped = d == '\\' && !escaped;
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return None,
            ')' | ']' | '}' => depth -= 1,
            'i' if depth == 0
                && body[j..].starts_with("id:")
                && !body[..j].ends_with(|p: char| p.is_alphanumeric() || p == '_') =>
            {
                let value = body[j + 3..].trim_start().strip_prefix('"')?;
                return value.split('"').next().map(|id| (id.to_string(), start + 1 + j));
            }
            _ => {}
        }
    }
    None
}

fn describe(code: &ron::Error) -> Syntax {
    match code {
        ron::Error::ExceededRecursionLimit => Syntax::TooDeep,
        ron::Error::Eof => Syntax::Eof,
        // chrono's own words for a bad date or time, which say nothing of what to write.
        ron::Error::Message(m)
            if ["out of range", "invalid characters", "premature end", "trailing input", "not enough"]
                .iter()
                .any(|k| m.contains(k)) =>
        {
            Syntax::BadDate { reason: m.clone() }
        }
        _ => Syntax::Parser(code.clone()),
    }
}
