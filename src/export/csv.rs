//! Every item of the workbook as CSV, for a spreadsheet: RFC 4180 (CRLF line ends,
//! fields quoted when they hold a comma, quote or line break, inner quotes doubled), with
//! cells that a spreadsheet would take for a formula neutralised as OWASP recommends.

use super::snapshot::Snapshot;
use crate::i18n::Strings;

/// A UTF-8 byte order mark first: without it Excel reads a CSV file in the system's
/// legacy code page and shows Swedish letters (å ä ö) as mojibake. Other spreadsheets
/// and most CSV readers skip it.
const BOM: &str = "\u{feff}";

/// The items as CSV: a header row in the workbook's language, then one row per item.
pub fn render(snapshot: &Snapshot, strings: &Strings) -> String {
    let mut out = String::from(BOM);
    row(
        &mut out,
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

fn row<const N: usize>(out: &mut String, cells: [&str; N]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(cell));
    }
    out.push_str("\r\n");
}

/// One field: neutralised when it could start a formula, then quoted when it must be.
pub fn field(text: &str) -> String {
    // OWASP's rule: a cell starting with one of these is read as a formula (or, for tab
    // and carriage return, can hide one behind white space), so a single quote goes in
    // front, which spreadsheets take as "this is text", and the cell is quoted.
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if risky { format!("'{text}") } else { text.to_string() };
    if risky || text.contains([',', '"', '\r', '\n']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text }
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
        assert_eq!(field("line\r\nbreak"), "\"line\r\nbreak\"");
    }

    #[test]
    fn formula_starts_get_a_single_quote_and_quotes() {
        assert_eq!(field("=1+1"), "\"'=1+1\"");
        assert_eq!(field("-1"), "\"'-1\"");
        assert_eq!(field("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(field("\t=1"), "\"'\t=1\"");
        assert_eq!(field("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
    }
}
