//! Dates as people type them: `2026-12-01`, `today`, or an offset from today (`+7d`, `+2w`,
//! `+1m`, `-3d`, `+3` for days). The one parser for due dates, engagement dates and the
//! command line's dates; the words (`today`, the unit letters) come from the caller, in the
//! interface language.

use chrono::{Days, Months, NaiveDate};
use thiserror::Error;

/// The words a language uses for today and the units of an offset, lower case.
#[derive(Debug, Clone, Copy)]
pub struct DateWords<'a> {
    pub today: &'a [String],
    pub days: &'a [String],
    pub weeks: &'a [String],
    pub months: &'a [String],
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0:?} is not a date: write YYYY-MM-DD (a year from 1900 to 2200), today, or an offset such as +7d or -2w")]
pub struct NotADate(pub String);

/// The years a date may fall in: beyond them a date is a slip of the keyboard (`+2950000d`).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Reads a date as typed; empty text means no date (`Ok(None)`).
pub fn parse(text: &str, today: NaiveDate, words: &DateWords<'_>) -> Result<Option<NaiveDate>, NotADate> {
    let wrong = || NotADate(text.to_string());
    let typed = text.trim().to_lowercase();
    if typed.is_empty() {
        return Ok(None);
    }
    if words.today.contains(&typed) {
        return Ok(Some(today));
    }
    let (forward, rest) = match (typed.strip_prefix('+'), typed.strip_prefix('-')) {
        (Some(rest), _) => (true, rest),
        (_, Some(rest)) => (false, rest),
        _ => {
            let date = NaiveDate::parse_from_str(&typed, "%Y-%m-%d").ok();
            return date.filter(|d| YEARS.contains(&chrono::Datelike::year(d))).map(Some).ok_or_else(wrong);
        }
    };
    let split = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (number, unit) = rest.split_at(split);
    let n: u32 = number.parse().map_err(|_| wrong())?;
    let unit = unit.trim();
    let is = |list: &[String]| list.iter().any(|w| w == unit);
    let date = if unit.is_empty() || is(words.days) {
        shift_days(today, u64::from(n), forward)
    } else if is(words.weeks) {
        shift_days(today, u64::from(n) * 7, forward)
    } else if is(words.months) {
        if forward { today.checked_add_months(Months::new(n)) } else { today.checked_sub_months(Months::new(n)) }
    } else {
        None
    };
    date.filter(|d| YEARS.contains(&chrono::Datelike::year(d))).map(Some).ok_or_else(wrong)
}

fn shift_days(today: NaiveDate, days: u64, forward: bool) -> Option<NaiveDate> {
    if forward { today.checked_add_days(Days::new(days)) } else { today.checked_sub_days(Days::new(days)) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixture::date;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    fn parse_sv(text: &str) -> Result<Option<NaiveDate>, NotADate> {
        let (today, days, weeks, months) = (words(&["idag", "i dag"]), words(&["d"]), words(&["v"]), words(&["m"]));
        let sv = DateWords { today: &today, days: &days, weeks: &weeks, months: &months };
        parse(text, date(2026, 11, 26), &sv)
    }

    fn parse_en(text: &str) -> Result<Option<NaiveDate>, NotADate> {
        let (today, days, weeks, months) = (words(&["today"]), words(&["d"]), words(&["w"]), words(&["m"]));
        let en = DateWords { today: &today, days: &days, weeks: &weeks, months: &months };
        parse(text, date(2026, 11, 26), &en)
    }

    #[test]
    fn dates_offsets_and_today_read_in_the_language_given() {
        assert_eq!(parse_en("2026-12-01"), Ok(Some(date(2026, 12, 1))));
        assert_eq!(parse_en(" Today "), Ok(Some(date(2026, 11, 26))));
        assert_eq!(parse_en("+7d"), Ok(Some(date(2026, 12, 3))));
        assert_eq!(parse_en("+3"), Ok(Some(date(2026, 11, 29))));
        assert_eq!(parse_en("+2w"), Ok(Some(date(2026, 12, 10))));
        assert_eq!(parse_en("+1m"), Ok(Some(date(2026, 12, 26))));
        assert_eq!(parse_en("-3d"), Ok(Some(date(2026, 11, 23))));
        assert_eq!(parse_en("-1m"), Ok(Some(date(2026, 10, 26))));
        assert_eq!(parse_sv("i dag"), Ok(Some(date(2026, 11, 26))));
        assert_eq!(parse_sv("+2v"), Ok(Some(date(2026, 12, 10))));
    }

    #[test]
    fn empty_means_no_date_and_anything_else_is_refused() {
        assert_eq!(parse_en("  "), Ok(None));
        for wrong in [
            "idag",
            "+2v",
            "2026-13-01",
            "+",
            "+x",
            "next week",
            "+99999999999d",
            "+4294967295m",
            "+2950000d",
            "1850-01-01",
        ] {
            assert_eq!(parse_en(wrong), Err(NotADate(wrong.to_string())), "{wrong}");
        }
    }
}
