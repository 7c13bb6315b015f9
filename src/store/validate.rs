//! The model's checks of a parsed workbook, each problem placed in the file's text (line
//! and column) where a person editing it will find it.

use super::error::Problem;
use crate::model::Workbook;
use crate::model::check::{Issue, check};

/// What the checks found in a file, placed: errors keep it from opening, warnings do not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// Every problem with a parsed workbook; `text` is its source, used to place them.
pub fn validate(workbook: &Workbook, text: &str) -> Checked {
    validate_placed(workbook, text, &|needle| needle.to_string())
}

/// [`validate`] of a workbook read from its JSON form, placed in the JSON text.
pub fn validate_json(workbook: &Workbook, text: &str) -> Checked {
    validate_placed(workbook, text, &json_needle)
}

fn validate_placed(workbook: &Workbook, text: &str, needle: &dyn Fn(&str) -> String) -> Checked {
    let mut checked = Checked::default();
    for issue in check(workbook) {
        let list = if issue.is_error() { &mut checked.errors } else { &mut checked.warnings };
        list.push(Problem { at: place(text, &issue, needle), issue });
    }
    for list in [&mut checked.errors, &mut checked.warnings] {
        list.sort_by_key(|p| p.at.unwrap_or((usize::MAX, 0)));
    }
    checked
}

/// Where in the text an issue is, when it can be found there.
fn place(text: &str, issue: &Issue, form: &dyn Fn(&str) -> String) -> Option<(usize, usize)> {
    let after = issue.reference().and_then(|(owner, needle)| {
        let from = text.find(&form(&owner))?;
        let at = from + text[from..].find(&form(&needle))?;
        Some(line_col(text, at))
    });
    after.or_else(|| issue.place().into_iter().find_map(|(needle, nth)| locate(text, &form(&needle), nth)))
}

/// A piece of RON to look for as JSON writes it: `id: "x"` as `"id": "x"`, `phases` as
/// `"phases"`; a quoted value is the same in both.
fn json_needle(needle: &str) -> String {
    let is_name = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    match needle.split_once(": ") {
        Some((key, value)) if is_name(key) => format!("\"{key}\": {value}"),
        _ if is_name(needle) => format!("\"{needle}\""),
        _ => needle.to_string(),
    }
}

/// 1-based line and column of byte `offset`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// 1-based line and column of the `nth` (1-based) occurrence of `needle`.
fn locate(text: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    let offset = text.match_indices(needle).nth(nth.saturating_sub(1))?.0;
    Some(line_col(text, offset))
}
