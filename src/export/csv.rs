//! Every item of the workbook as CSV, for a spreadsheet: RFC 4180 (CRLF line ends,
//! fields quoted when they hold a separator, quote or line break, inner quotes doubled),
//! separated by `,` or `;`, with cells that a spreadsheet would take for a formula
//! neutralised as OWASP recommends.

use super::snapshot::Snapshot;
use crate::i18n::Strings;

/// A UTF-8 byte order mark first: without it Excel reads a CSV file in the system's
/// legacy code page and shows Swedish letters (å ä ö) as mojibake. Other spreadsheets
/// and most CSV readers skip it.
const BOM: &str = "\u{feff}";

/// The items as CSV: a header row in the workbook's language, then one row per item.
pub fn render(snapshot: &Snapshot, strings: &Strings, separator: Separator) -> String {
    let mut out = String::from(BOM);
    row(
        &mut out,
        separator,
        [
            &strings.phase,
            &strings.id,
            &strings.item,
            &strings.owner,
            &strings.status,
            &strings.assignee,
            &strings.due,
            &strings.col_in_scope,
            &strings.last_note,
        ]
        .map(String::as_str),
    );
    for item in &snapshot.items {
        let phase = item.phase.as_ref().map_or(strings.general.as_str(), |(_, title)| title.as_str());
        let due = item.due.map(|d| d.to_string()).unwrap_or_default();
        let in_scope = if item.in_scope { &strings.yes } else { &strings.no };
        let note = item.last_note.as_ref().map_or("", |n| n.text.as_str());
        row(
            &mut out,
            separator,
            [
                phase,
                &item.id,
                &item.text,
                strings.owner(item.owner),
                strings.status(item.status),
                &item.assignee,
                &due,
                in_scope,
                note,
            ],
        );
    }
    out
}

fn row<const N: usize>(out: &mut String, separator: Separator, cells: [&str; N]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(separator.char());
        }
        out.push_str(&field(cell));
    }
    out.push_str("\r\n");
}

/// What separates the cells of a row. Spreadsheets set to a language that writes a decimal
/// comma (Swedish among them) split on `;`, so a file for them needs `;` to open in columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Separator {
    #[value(name = ",")]
    Comma,
    #[value(name = ";")]
    Semicolon,
}

impl Separator {
    /// The separator a spreadsheet in the workbook's language expects.
    pub fn for_language(code: &str) -> Separator {
        if code == "sv" { Separator::Semicolon } else { Separator::Comma }
    }

    pub fn char(self) -> char {
        match self {
            Separator::Comma => ',',
            Separator::Semicolon => ';',
        }
    }
}

/// Characters that make a spreadsheet read a cell as a formula when they come first, with
/// their fullwidth forms, which some spreadsheets fold to the plain ones.
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}'];

/// One field, the same whichever separator the row uses: control characters shown as
/// `\u{…}`, each line that could start a formula neutralised, then quoted when it must be.
pub fn field(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let text = crate::i18n::visible::escaped(&text, |c| c == '\n' || c == '\t');
    // OWASP's rule: a cell whose first character (after any blanks, which spreadsheets
    // skip) starts a formula is read as one, so a single quote goes in front, which
    // spreadsheets take as "this is text". A line break inside a cell starts a new cell
    // for readers that ignore quotes, so every line is treated as a cell of its own.
    let mut risky = false;
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let blank = line.len() - line.trim_start().len();
            if line[blank..].starts_with(FORMULA_STARTS) || (blank > 0 && line.starts_with('\t')) {
                risky = true;
                format!("'{line}")
            } else {
                line.to_string()
            }
        })
        .collect();
    let text = lines.join("\n");
    // Quoted when it holds either separator, so the cell is the same under both.
    if risky || text.contains([',', ';', '"', '\n', '\t']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_fields_are_left_as_they_are() {
        assert_eq!(field("Contoso AB"), "Contoso AB");
        assert_eq!(field("2026-11-26"), "2026-11-26");
        assert_eq!(field(""), "");
    }

    #[test]
    fn fields_with_separators_quotes_or_line_breaks_are_quoted() {
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("line\r\nbreak"), "\"line\nbreak\"");
        assert_eq!(field("a;b"), "\"a;b\"", "quoted under either separator");
    }

    #[test]
    fn formula_starts_get_a_single_quote_and_quotes() {
        assert_eq!(field("=1+1"), "\"'=1+1\"");
        assert_eq!(field("-1"), "\"'-1\"");
        assert_eq!(field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(field("\t=1"), "\"'\t=1\"");
        assert_eq!(field(" =1+1"), "\"' =1+1\"", "after blanks");
        assert_eq!(field("\u{ff1d}1+1"), "\"'\u{ff1d}1+1\"", "fullwidth");
        assert_eq!(field("fine\n=1+1"), "\"fine\n'=1+1\"", "after a line break");
        assert_eq!(field("a\u{1b}]2;x\u{7}"), "\"a\\u{1b}]2;x\\u{7}\"", "controls shown");
        assert_eq!(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    }
}
