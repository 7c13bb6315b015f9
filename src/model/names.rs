//! Lists of people typed on one line — a meeting's attendees, a decision's deciders — read
//! and shown the same way everywhere.

/// What names are separated by when typed: a comma or a semicolon, either.
pub const SEPARATORS: [char; 2] = [',', ';'];

/// The names typed on `text`, trimmed, empty ones left out.
pub fn split(text: &str) -> Vec<String> {
    text.split(SEPARATORS).map(str::trim).filter(|n| !n.is_empty()).map(str::to_string).collect()
}

/// The names as one line, as a prompt offers them again and every screen shows them.
pub fn join(names: &[String]) -> String {
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commas_and_semicolons_both_separate_and_a_list_reads_back_as_typed() {
        assert_eq!(split(" Ann, Bo Ek;Cy ;; "), ["Ann", "Bo Ek", "Cy"]);
        assert_eq!(join(&split("Ann; Bo Ek")), "Ann, Bo Ek");
        assert_eq!(split(&join(&split("Ann, Bo"))), split("Ann, Bo"));
    }
}
