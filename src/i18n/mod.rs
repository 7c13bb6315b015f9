//! Interface text in English and Swedish, from the string tables under `assets/`. Each
//! table is a struct with every key required, so a missing translation fails the tests
//! rather than showing a blank on screen. Also the glyphs that go beside the words, and the
//! change history's lines. Nothing here knows the interface: callers pass names in.

pub mod cells;
pub mod describe;
pub mod glyphs;
pub mod messages;
mod strings;
pub mod visible;

pub use strings::Strings;

/// A language the interface speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Sv,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
        }
    }

    /// The language of a workbook's content, falling back to English.
    pub fn from_code(code: &str) -> Lang {
        if code.eq_ignore_ascii_case("sv") || code.to_ascii_lowercase().starts_with("sv-") {
            Lang::Sv
        } else {
            Lang::En
        }
    }

    /// Swedish when the locale variables say so, else English.
    pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Lang {
        // POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG; the first one set wins.
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().filter_map(get).find(|v| !v.is_empty());
        match locale {
            Some(v) if v.to_ascii_lowercase().starts_with("sv") => Lang::Sv,
            _ => Lang::En,
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::En => &tables().0,
            Lang::Sv => &tables().1,
        }
    }
}

const EN: &str = include_str!("../../assets/strings.en.ron");
const SV: &str = include_str!("../../assets/strings.sv.ron");

fn tables() -> &'static (Strings, Strings) {
    static TABLES: std::sync::OnceLock<(Strings, Strings)> = std::sync::OnceLock::new();
    // The tables are compiled in and checked by the tests; a broken one falls back to keys.
    TABLES.get_or_init(|| (parse(EN), parse(SV)))
}

fn parse(text: &str) -> Strings {
    crate::store::from_ron(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[derive(serde::Deserialize)]
    struct Term {
        concept: String,
        term: String,
        avoid: Vec<String>,
    }

    #[test]
    fn the_swedish_texts_use_one_term_per_concept_as_the_glossary_says() {
        let glossary: Vec<Term> =
            crate::store::from_ron(include_str!("../../assets/glossary.sv.ron")).unwrap_or_else(|e| panic!("{e}"));
        let texts = [
            ("the Swedish strings", SV),
            ("the Swedish messages", include_str!("../../assets/messages.sv.ron")),
            ("the Swedish workbook", include_str!("../../workbooks/intune-fasttrack.sv.ron")),
        ];
        for entry in &glossary {
            assert!(
                SV.to_lowercase().contains(&entry.term),
                "{}: the term “{}” is not used",
                entry.concept,
                entry.term
            );
            for (what, text) in texts {
                let lower = text.to_lowercase();
                for word in &entry.avoid {
                    assert!(
                        !lower.contains(word.as_str()),
                        "{what} say “{word}” for {}: the glossary's term is “{}”",
                        entry.concept,
                        entry.term
                    );
                }
            }
        }
    }

    #[test]
    fn both_string_tables_parse_with_every_key() {
        for text in [EN, SV] {
            let parsed: Result<Strings, _> = crate::store::from_ron(text);
            assert!(parsed.is_ok(), "{parsed:?}");
        }
    }

    /// Every string of a table with where it sits: `field`, `hints.up`, `date_today[0]`.
    fn strings_of(text: &str) -> BTreeMap<String, String> {
        fn walk(prefix: &str, value: &ron::Value, out: &mut BTreeMap<String, String>) {
            match value {
                ron::Value::String(s) => {
                    out.insert(prefix.to_string(), s.clone());
                }
                ron::Value::Map(map) => {
                    for (k, v) in map.iter() {
                        let ron::Value::String(k) = k else { continue };
                        let key = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                        walk(&key, v, out);
                    }
                }
                ron::Value::Seq(items) => {
                    for (i, v) in items.iter().enumerate() {
                        walk(&format!("{prefix}[{i}]"), v, out);
                    }
                }
                _ => {}
            }
        }
        let value: ron::Value = ron::from_str(text).unwrap();
        let mut out = BTreeMap::new();
        walk("", &value, &mut out);
        out
    }

    fn placeholders(text: &str) -> std::collections::BTreeSet<&str> {
        text.match_indices('{').filter_map(|(at, _)| text[at..].find('}').map(|end| &text[at..=at + end])).collect()
    }

    #[test]
    fn english_and_swedish_use_the_same_placeholders_in_every_string() {
        let (en, sv) = (strings_of(EN), strings_of(SV));
        assert!(en.len() > 300, "the walk found the strings: {}", en.len());
        let en_keys: Vec<&String> = en.keys().filter(|k| !k.starts_with("date_")).collect();
        let sv_keys: Vec<&String> = sv.keys().filter(|k| !k.starts_with("date_")).collect();
        assert_eq!(en_keys, sv_keys, "both tables have the same keys");
        for (key, text) in &en {
            let Some(other) = sv.get(key) else { continue };
            assert_eq!(placeholders(text), placeholders(other), "{key}: {text:?} and {other:?}");
        }
    }

    #[test]
    fn each_language_reads_dates_in_its_own_words() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let sv = Lang::Sv.strings().date_words();
        assert_eq!(crate::model::due::parse("i dag", today, &sv), Ok(Some(today)));
        assert_eq!(crate::model::due::parse("+1v", today, &sv), Ok(chrono::NaiveDate::from_ymd_opt(2026, 12, 3)));
        let en = Lang::En.strings().date_words();
        assert_eq!(crate::model::due::parse("today", today, &en), Ok(Some(today)));
        assert!(crate::model::due::parse("+1v", today, &en).is_err());
    }

    #[test]
    fn a_swedish_locale_picks_swedish_and_lc_all_wins() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| v.to_string())
        };
        assert_eq!(Lang::from_locale(env(&[("LANG", "sv_SE.UTF-8")])), Lang::Sv);
        assert_eq!(Lang::from_locale(env(&[("LANG", "sv_SE.UTF-8"), ("LC_ALL", "C")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[])), Lang::En);
    }

    #[test]
    fn days_read_as_future_today_and_past() {
        let s = Lang::En.strings();
        assert_eq!(s.days(3), "in 3 days");
        assert_eq!(s.days(0), "today");
        assert_eq!(s.days(-2), "2 days ago");
        assert_eq!(s.days(1), "in 1 day");
        assert_eq!(Lang::Sv.strings().days(-1), "för 1 dag sedan");
    }

    #[test]
    fn one_open_item_is_singular() {
        assert_eq!(Lang::En.strings().open_in_phase(1), "1 open item in the phase");
        assert_eq!(Lang::En.strings().open_in_phase(3), "3 open items in the phase");
        assert_eq!(Lang::Sv.strings().open_in_phase(1), "1 öppen punkt i fasen");
        assert_eq!(Lang::Sv.strings().open_in_phase(2), "2 öppna punkter i fasen");
    }
}
