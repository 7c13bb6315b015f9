//! The exported status snapshot: one [`Snapshot`] taken from a workbook at a given moment,
//! rendered as Markdown, HTML, JSON, CSV or iCalendar by pure functions, and written to a file that
//! is checked first (never the workbook, never through a link) and replaced atomically.

pub mod agenda;
pub mod csv;
mod destination;
pub mod facts;
pub mod html;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod portfolio;
mod snapshot;
pub mod text;
mod timeline;

pub use destination::{ExportError, default_file_name, is_phasebooks_own, write_export};
pub use snapshot::{
    CurrentPhase, DeadlineLine, ItemLine, NEXT_ACTIONS_PER_OWNER, OwnerActions, PhaseLine, RECENT_DECISIONS,
    ScopeAnswer, Snapshot,
};

use crate::i18n::{Strings, visible};

/// The formats a snapshot can be exported in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Markdown, for a mail or a wiki.
    Md,
    /// One self-contained HTML page that prints on A4.
    Html,
    /// JSON in the documented `phasebook-snapshot` shape, for other tools.
    Json,
    /// Every item as CSV, for a spreadsheet.
    Csv,
    /// iCalendar: due dates as to-dos, deadlines and meetings as all-day events.
    Ics,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::Md, Format::Html, Format::Json, Format::Csv, Format::Ics];

    /// The usual file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Ics => "ics",
        }
    }
}

/// The snapshot in `format`, with labels from `strings`, CSV cells separated by
/// `separator`. No control character but tab and line feed reaches the text: a workbook
/// may hold them, but they would act on a terminal the export is shown in, and HTML and
/// Markdown have no use for them; they are written visibly (`\u{1b}`), or, in JSON, as the
/// `\u001b` escapes that read back as the same text; iCalendar, which has no way to carry
/// them, leaves them out.
pub fn render(format: Format, snapshot: &Snapshot, strings: &Strings, separator: csv::Separator) -> String {
    let keep = |c: char| c == '\n' || c == '\t';
    // The parties are called what the workbook calls them, wherever an export names one.
    let named;
    let strings = if snapshot.parties.is_empty() {
        strings
    } else {
        named = strings.with_party_names(&snapshot.parties);
        &named
    };
    match format {
        Format::Md => visible::escaped(&markdown::render(snapshot, strings), keep).into_owned(),
        Format::Html => visible::escaped(&html::render(snapshot, strings), keep).into_owned(),
        Format::Json => json::render(snapshot),
        Format::Csv => csv::render(snapshot, strings, separator),
        Format::Ics => ics::render(snapshot),
    }
}
