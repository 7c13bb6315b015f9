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
    let mut checked = Checked::default();
    for issue in check(workbook) {
        let list = if issue.is_error() { &mut checked.errors } else { &mut checked.warnings };
        list.push(Problem { at: place(text, &issue), issue });
    }
    for list in [&mut checked.errors, &mut checked.warnings] {
        list.sort_by_key(|p| p.at.unwrap_or((usize::MAX, 0)));
    }
    checked
}

/// Where in the text an issue is, when it can be found there.
fn place(text: &str, issue: &Issue) -> Option<(usize, usize)> {
    let after = issue.reference().and_then(|(owner, needle)| {
        let from = text.find(&owner)?;
        let at = from + text[from..].find(&needle)?;
        Some(line_col(text, at))
    });
    after.or_else(|| issue.place().into_iter().find_map(|(needle, nth)| locate(text, &needle, nth)))
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
