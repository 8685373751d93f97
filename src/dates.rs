//! Calendar dates and spans of whole days: the arithmetic every layer shares.
//!
//! A date here is a civil calendar date with no time and no zone (chrono's `NaiveDate`). Dates a
//! person writes, on the command line, in the environment or in a file, have four-digit years:
//! from [`FIRST_DAY`] (0001-01-01) to [`LAST_DAY`] (9999-12-31).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// The first day a schedule or a flag can name.
pub const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The last day a schedule or a flag can name: TOML dates have four-digit years.
pub const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Parses `YYYY-MM-DD` with a four-digit year from 0001 to 9999 and nothing else: no sign, no
/// fifth digit, no time, no spaces.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let bad = || format!("`{text}` is not a date: write it as YYYY-MM-DD, like 2021-06-20");
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return Err(bad());
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| bad())?;
    if date < FIRST_DAY {
        return Err(format!(
            "`{text}` is before 0001-01-01, the first day a schedule can name"
        ));
    }
    Ok(date)
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// `date` plus `days`, saturating at the calendar's end rather than overflowing.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_signed(chrono::TimeDelta::days(days))
        .unwrap_or(if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// Months since January of year 0, for month arithmetic without stepping.
pub fn month_ordinal(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// Day `day` of the month with ordinal `m`, clamped to that month's last day.
pub fn month_day(m: i64, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(m.div_euclid(12)).ok()?;
    let month = u32::try_from(m.rem_euclid(12)).ok()? + 1;
    let last = days_in_month(year, month);
    NaiveDate::from_ymd_opt(year, month, day.clamp(1, last))
}

/// The last day of the month with ordinal `m`.
pub fn month_last(m: i64) -> Option<NaiveDate> {
    month_day(m, 31)
}

/// How many days month `month` (1-12) of `year` has.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

pub fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// A count of whole days, at most a century, so date arithmetic cannot overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Days(pub u32);

pub const MAX_DAYS: u32 = 36_525;

impl Days {
    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 != 0 && self.0.is_multiple_of(7) {
            write!(f, "{}w", self.0 / 7)
        } else {
            write!(f, "{}d", self.0)
        }
    }
}

impl FromStr for Days {
    type Err = String;

    fn from_str(text: &str) -> Result<Days, String> {
        let bad = || format!("`{text}` is not a span of days: write it like 14d, 2w or 30");
        let t = text.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (number, unit) = t.split_at(split);
        if number.is_empty() {
            return Err(bad());
        }
        // All digits, so a failed parse means the number is too large.
        let n: u64 = number.parse().unwrap_or(u64::MAX);
        let per = match unit.trim() {
            "" | "d" | "day" | "days" => 1,
            "w" | "week" | "weeks" => 7,
            _ => return Err(bad()),
        };
        let days = n.checked_mul(per).filter(|&d| d <= u64::from(MAX_DAYS));
        match days {
            Some(d) => Ok(Days(d as u32)),
            None => Err(format!("`{text}` is too long: at most {MAX_DAYS} days")),
        }
    }
}

/// `y-m-d`, for tests: the one date helper of the unit tests.
#[cfg(test)]
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d} is not a date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_four_digit_years_and_nothing_else() {
        assert_eq!(
            parse_date("2021-06-20"),
            Ok(NaiveDate::from_ymd_opt(2021, 6, 20).unwrap())
        );
        assert_eq!(parse_date("0001-01-01"), Ok(FIRST_DAY));
        assert_eq!(parse_date("9999-12-31"), Ok(LAST_DAY));
        for bad in [
            "2021-6-2",
            "2021-02-30",
            "20210620",
            "yesterday",
            "",
            "0000-12-31",
            "+99999-01-01",
            "+2021-06-20",
            "10000-01-01",
            " 2021-06-20",
            "2021-06-20 ",
            "2021-06-20T00:00",
            "２０２１-06-20",
        ] {
            assert!(parse_date(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn months_clamp_and_leap_years() {
        let m = month_ordinal(NaiveDate::from_ymd_opt(2024, 2, 1).unwrap());
        assert_eq!(month_day(m, 31), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(month_day(m + 12, 30), NaiveDate::from_ymd_opt(2025, 2, 28));
        assert_eq!(month_last(m - 1), NaiveDate::from_ymd_opt(2024, 1, 31));
        assert!(is_leap(2000) && !is_leap(1900) && is_leap(2024) && !is_leap(2023));
    }

    #[test]
    fn parses_days_and_weeks() {
        let cases = [
            ("14d", Some(14)),
            ("2w", Some(14)),
            ("30", Some(30)),
            ("0d", Some(0)),
            ("1 week", Some(7)),
            ("3 days", Some(3)),
            (" 5d ", Some(5)),
            ("36525d", Some(36_525)),
            ("36526d", None),
            ("99999999999999999999d", None),
            ("d", None),
            ("", None),
            ("-3d", None),
            ("2m", None),
            ("1.5w", None),
        ];
        for (text, want) in cases {
            assert_eq!(text.parse::<Days>().ok().map(|d| d.0), want, "{text:?}");
        }
        let err = "99999999999999999999d".parse::<Days>().unwrap_err();
        assert!(err.contains("too long"), "{err}");
    }

    #[test]
    fn displays_weeks_when_whole() {
        assert_eq!(Days(14).to_string(), "2w");
        assert_eq!(Days(10).to_string(), "10d");
        assert_eq!(Days(0).to_string(), "0d");
    }
}
