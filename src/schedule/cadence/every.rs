//! How far apart cycles are (`every = "quarter"`, `"6 weeks"`), and where cycle number k starts.
//!
//! Cycle k starts at the anchor plus k steps, computed from the anchor every time: a monthly
//! cadence from January 31 starts on Feb 28, Mar 31, Apr 30 (the anchor's day, clamped to the
//! month's end), never on a date stepped from the previous, clamped one.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

use crate::dates::{add_days, month_day, month_ordinal};

/// The distance between the starts of two cycles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    /// Calendar months (a quarter is 3, a year 12).
    Months(u32),
    /// Whole days (a week is 7).
    Days(u32),
}

/// At most a century between cycles, so offsets stay far from overflow.
pub(crate) const MAX_MONTHS: u32 = 1200;
pub(super) const MAX_DAYS: u32 = crate::dates::MAX_DAYS;

impl FromStr for Step {
    type Err = String;

    fn from_str(text: &str) -> Result<Step, String> {
        let bad = || {
            format!(
                "`{text}` is not a cadence: write \"month\", \"quarter\", \"year\", \"2 weeks\", \
                 \"6 weeks\", \"10 days\" or \"3 months\""
            )
        };
        let lower = text.trim().to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let (count, unit) = match words.as_slice() {
            [unit] => (1u64, *unit),
            [count, unit] => (count.parse::<u64>().map_err(|_| bad())?, *unit),
            _ => return Err(bad()),
        };
        let (per, months) = match unit.trim_end_matches('s') {
            "day" => (1, false),
            "week" => (7, false),
            "month" => (1, true),
            "quarter" => (3, true),
            "year" => (12, true),
            _ => return Err(bad()),
        };
        if count == 0 {
            return Err(format!(
                "`{text}`: a cadence needs a step of at least one day"
            ));
        }
        let total = count.saturating_mul(per);
        if months {
            u32::try_from(total)
                .ok()
                .filter(|&m| m <= MAX_MONTHS)
                .map(Step::Months)
                .ok_or_else(|| format!("`{text}`: the step can be at most {MAX_MONTHS} months"))
        } else {
            u32::try_from(total)
                .ok()
                .filter(|&d| d <= MAX_DAYS)
                .map(Step::Days)
                .ok_or_else(|| format!("`{text}`: the step can be at most {MAX_DAYS} days"))
        }
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Step::Months(1) => write!(f, "month"),
            Step::Months(3) => write!(f, "quarter"),
            Step::Months(12) => write!(f, "year"),
            Step::Months(n) => write!(f, "{n} months"),
            Step::Days(7) => write!(f, "week"),
            Step::Days(n) if n % 7 == 0 => write!(f, "{} weeks", n / 7),
            Step::Days(n) => write!(f, "{n} days"),
        }
    }
}

impl Step {
    /// The first day of cycle `k` (0 = the anchor's cycle); `None` past the calendar's ends.
    pub(crate) fn start(self, anchor: NaiveDate, k: i64) -> Option<NaiveDate> {
        match self {
            Step::Months(s) => {
                let m = month_ordinal(anchor).checked_add(k.checked_mul(i64::from(s))?)?;
                month_day(m, anchor.day())
            }
            Step::Days(d) => {
                let days = k.checked_mul(i64::from(d))?;
                anchor.checked_add_signed(chrono::TimeDelta::try_days(days)?)
            }
        }
    }

    /// Cycle numbers `(lo, hi)` such that every cycle starting within `a..=b` is in `lo..=hi`
    /// (a superset: callers check the dates). Pure index arithmetic, no stepping.
    pub(crate) fn cycles_starting_within(
        self,
        anchor: NaiveDate,
        a: NaiveDate,
        b: NaiveDate,
    ) -> (i64, i64) {
        match self {
            Step::Months(s) => {
                // A cycle starting on or after `a` starts in `a`'s month or later, and so on.
                let s = i64::from(s);
                let ma = month_ordinal(a) - month_ordinal(anchor);
                let mb = month_ordinal(b) - month_ordinal(anchor);
                (div_ceil(ma, s), mb.div_euclid(s))
            }
            Step::Days(d) => {
                let d = i64::from(d);
                let da = (a - anchor).num_days();
                let db = (b - anchor).num_days();
                (div_ceil(da, d), db.div_euclid(d))
            }
        }
    }

    /// Bounds on a cycle's length in days (the clamping of a month-end anchor moves it by up
    /// to 3 days).
    pub(crate) fn length_bounds(self) -> (i64, i64) {
        match self {
            Step::Months(s) => (28 * i64::from(s) - 3, 31 * i64::from(s) + 3),
            Step::Days(d) => (i64::from(d), i64::from(d)),
        }
    }

    /// How many cycles make up one full repeat of the calendar as seen by the rules: the
    /// Gregorian calendar repeats every 400 years (4800 months, exactly 20871 weeks); rules of a
    /// cadence counted in days depend only on the weekday its cycle starts on.
    pub(crate) fn repeat(self) -> i64 {
        match self {
            Step::Months(s) => 4800 / gcd(4800, i64::from(s)),
            Step::Days(d) => 7 / gcd(7, i64::from(d)),
        }
    }

    pub(crate) fn in_months(self) -> bool {
        matches!(self, Step::Months(_))
    }
}

/// The day before the next cycle starts.
pub(super) fn last_day(step: Step, anchor: NaiveDate, k: i64) -> Option<NaiveDate> {
    let next = step.start(anchor, k.checked_add(1)?)?;
    Some(add_days(next, -1)).filter(|&d| d < next)
}

fn div_ceil(a: i64, b: i64) -> i64 {
    -((-a).div_euclid(b))
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    #[test]
    fn parses_steps() {
        let cases = [
            ("month", Step::Months(1)),
            ("Quarter", Step::Months(3)),
            ("2 quarters", Step::Months(6)),
            ("year", Step::Months(12)),
            ("6 weeks", Step::Days(42)),
            ("week", Step::Days(7)),
            ("10 days", Step::Days(10)),
            ("3 months", Step::Months(3)),
        ];
        for (text, want) in cases {
            assert_eq!(text.parse::<Step>(), Ok(want), "{text}");
        }
        for bad in [
            "",
            "0 weeks",
            "fortnight",
            "six weeks",
            "1 2 weeks",
            "-1 month",
            "101 years",
        ] {
            assert!(bad.parse::<Step>().is_err(), "{bad}");
        }
    }

    #[test]
    fn month_starts_clamp_from_the_anchor() {
        let a = date(2021, 1, 31);
        let got: Vec<_> = (0..5)
            .map(|k| Step::Months(1).start(a, k).unwrap())
            .collect();
        assert_eq!(
            got,
            [
                date(2021, 1, 31),
                date(2021, 2, 28),
                date(2021, 3, 31),
                date(2021, 4, 30),
                date(2021, 5, 31)
            ]
        );
        assert_eq!(Step::Months(1).start(a, 37), Some(date(2024, 2, 29)));
        assert_eq!(Step::Months(1).start(a, i64::MAX), None);
        assert_eq!(Step::Days(42).start(a, i64::MAX / 2), None);
    }

    #[test]
    fn index_ranges_cover_the_starts() {
        let a = date(2015, 6, 25);
        let (lo, hi) =
            Step::Days(42).cycles_starting_within(a, date(2025, 10, 30), date(2025, 10, 30));
        assert_eq!((lo, hi), (90, 90));
        let (lo, hi) = Step::Months(3).cycles_starting_within(
            date(2022, 1, 1),
            date(2021, 1, 1),
            date(2022, 12, 31),
        );
        assert_eq!((lo, hi), (-4, 3));
    }
}
