//! Calendar dates and spans of whole days: the arithmetic every layer shares.
//!
//! A date here is a civil calendar date with no time and no zone (chrono's `NaiveDate`). Dates a
//! person writes, on the command line, in the environment or in a file, have four-digit years:
//! from [`FIRST_DAY`] (0001-01-01) to [`LAST_DAY`] (9999-12-31).
//!
//! A span between two dates is measured two ways: in whole days ([`days_between`], what JSON
//! gives) and in calendar years, months and days ([`elapsed`], what a reader is shown for long
//! spans). Months count as a relative date's `+ 1m` does: from the earlier date's day of the
//! month, clamped to the month's last day, so January 31 to February 29, 2024 is one month and
//! 2024-01-31 `+ 1m` is that day too.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// The first day a schedule or a flag can name.
pub(crate) const FIRST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// The last day a schedule or a flag can name: TOML dates have four-digit years.
pub(crate) const LAST_DAY: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Parses `YYYY-MM-DD` with a four-digit year from 0001 to 9999 and nothing else: no sign, no
/// fifth digit, no time, no spaces.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
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
pub(crate) fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// A span of calendar time: whole years, months (0 to 11) and days left over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Elapsed {
    pub(crate) years: i64,
    pub(crate) months: i64,
    pub(crate) days: i64,
}

/// The calendar span between two dates, in either order, counted from the earlier to the later:
/// the most whole months `m` for which the earlier date plus `m` months (its day clamped to the
/// month's end, as [`month_day`] does) is not after the later date, as years and months, then
/// the days from there to the later date. So 2021-03-31 to 2021-06-30 is 3 months (March 31
/// plus 3 months is June 30), 2024-01-31 to 2024-03-01 is 1 month 1 day (plus 1 month is
/// February 29), 2024-02-29 to 2025-02-28 is 1 year, and 2023-12-31 to 2024-01-30 is 30 days.
pub(crate) fn elapsed(a: NaiveDate, b: NaiveDate) -> Elapsed {
    let (from, to) = if a <= b { (a, b) } else { (b, a) };
    let start = month_ordinal(from);
    let mut months = month_ordinal(to) - start;
    // `from` plus `months` months lies in `to`'s month; one month fewer when that is after `to`.
    let plus = |m: i64| month_day(start + m, from.day()).unwrap_or(to);
    if plus(months) > to {
        months -= 1;
    }
    Elapsed {
        years: months.div_euclid(12),
        months: months.rem_euclid(12),
        days: days_between(plus(months), to),
    }
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
pub(crate) fn month_ordinal(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

/// Day `day` of the month with ordinal `m`, clamped to that month's last day.
pub(crate) fn month_day(m: i64, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(m.div_euclid(12)).ok()?;
    let month = u32::try_from(m.rem_euclid(12)).ok()? + 1;
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    first.with_day(day.clamp(1, u32::from(first.num_days_in_month())))
}

/// The last day of the month with ordinal `m`.
pub(crate) fn month_last(m: i64) -> Option<NaiveDate> {
    month_day(m, 31)
}

/// A count of whole days, at most a century, so date arithmetic cannot overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Days(pub u32);

pub(crate) const MAX_DAYS: u32 = 36_525;

impl Days {
    pub(crate) fn get(self) -> i64 {
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
pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
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
        // Centuries are leap years only every 400 years.
        assert_eq!(
            month_last(1900 * 12 + 1),
            NaiveDate::from_ymd_opt(1900, 2, 28)
        );
        assert_eq!(
            month_last(2000 * 12 + 1),
            NaiveDate::from_ymd_opt(2000, 2, 29)
        );
    }

    #[test]
    fn elapsed_counts_calendar_months_from_the_earlier_day() {
        let e = |years, months, days| Elapsed {
            years,
            months,
            days,
        };
        let cases = [
            // Plain spans.
            (date(2021, 6, 20), date(2021, 6, 20), e(0, 0, 0)),
            (date(2021, 6, 20), date(2021, 6, 30), e(0, 0, 10)),
            (date(2021, 7, 1), date(2021, 9, 13), e(0, 2, 12)),
            (date(2021, 3, 31), date(2021, 6, 20), e(0, 2, 20)),
            (date(2021, 6, 20), date(2024, 4, 17), e(2, 9, 28)),
            // Month ends: the day clamps to the month's last, as `+ 1m` does.
            (date(2021, 3, 31), date(2021, 6, 30), e(0, 3, 0)),
            (date(2023, 1, 31), date(2023, 2, 27), e(0, 0, 27)),
            (date(2023, 1, 31), date(2023, 2, 28), e(0, 1, 0)),
            (date(2023, 1, 31), date(2023, 3, 1), e(0, 1, 1)),
            (date(2023, 1, 30), date(2023, 2, 28), e(0, 1, 0)),
            (date(2021, 1, 31), date(2021, 3, 31), e(0, 2, 0)),
            (date(2021, 5, 31), date(2021, 6, 30), e(0, 1, 0)),
            (date(2021, 6, 30), date(2021, 7, 30), e(0, 1, 0)),
            (date(2021, 6, 30), date(2021, 7, 31), e(0, 1, 1)),
            // Feb 29.
            (date(2024, 1, 31), date(2024, 2, 29), e(0, 1, 0)),
            (date(2024, 1, 31), date(2024, 3, 1), e(0, 1, 1)),
            (date(2024, 2, 29), date(2024, 3, 29), e(0, 1, 0)),
            (date(2024, 2, 29), date(2025, 2, 28), e(1, 0, 0)),
            (date(2024, 2, 29), date(2025, 3, 1), e(1, 0, 1)),
            (date(2024, 2, 29), date(2028, 2, 29), e(4, 0, 0)),
            (date(2023, 2, 28), date(2024, 2, 29), e(1, 0, 1)),
            (date(2024, 2, 28), date(2024, 3, 28), e(0, 1, 0)),
            // Year ends.
            (date(2023, 12, 31), date(2024, 1, 1), e(0, 0, 1)),
            (date(2023, 12, 31), date(2024, 1, 30), e(0, 0, 30)),
            (date(2023, 12, 31), date(2024, 1, 31), e(0, 1, 0)),
            (date(2023, 12, 31), date(2024, 12, 31), e(1, 0, 0)),
            (date(2023, 12, 15), date(2024, 1, 14), e(0, 0, 30)),
            (date(2023, 12, 15), date(2025, 1, 15), e(1, 1, 0)),
            // The calendar's ends.
            (FIRST_DAY, LAST_DAY, e(9998, 11, 30)),
            (date(9999, 11, 30), LAST_DAY, e(0, 1, 1)),
        ];
        for (a, b, want) in cases {
            assert_eq!(elapsed(a, b), want, "{a} to {b}");
            assert_eq!(elapsed(b, a), want, "{b} to {a}, the other way");
        }
    }

    proptest::proptest! {
        /// The earlier date plus the months, then the days, is the later date; one month more
        /// would pass it.
        #[test]
        fn elapsed_adds_back_up(a in 0i64..3_652_059, b in 0i64..3_652_059) {
            let day = |n: i64| add_days(FIRST_DAY, n);
            let (from, to) = (day(a.min(b)), day(a.max(b)));
            let e = elapsed(day(a), day(b));
            let months = e.years * 12 + e.months;
            proptest::prop_assert!((0..12).contains(&e.months) && e.days >= 0);
            let plus = from
                .checked_add_months(chrono::Months::new(u32::try_from(months).unwrap()))
                .unwrap();
            proptest::prop_assert_eq!(add_days(plus, e.days), to);
            let one_more = from.checked_add_months(chrono::Months::new(
                u32::try_from(months + 1).unwrap(),
            ));
            proptest::prop_assert!(one_more.is_none_or(|d| d > to));
        }
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
