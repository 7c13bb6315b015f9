//! Text for the screen: the cell measures of [`crate::i18n::cells`], and the last guard
//! before the buffer.

use std::borrow::Cow;

use ratatui::text::Line;

pub use crate::i18n::cells::*;

/// Lines with every span's text shown: the last guard before the buffer, for text that
/// reached a line without being fitted or wrapped.
pub fn safe(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    lines
        .into_iter()
        .map(|mut line| {
            for span in &mut line.spans {
                if !plain(&span.content) {
                    span.content = Cow::Owned(shown(&span.content).into_owned());
                }
            }
            line
        })
        .collect()
}
