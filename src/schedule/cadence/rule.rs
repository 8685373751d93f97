//! Date rules inside a cycle: `"last day"`, `"day 15"`, `"2nd Monday of month 3"`,
//! `"last Monday of November"`, `"last day - 3d"`, `"last day + 1m 7d"` (the offset as
//! relative dates write it, [`crate::schedule::relative::Offset`]).
//!
//! A rule picks a day in a span: the cycle (from its first day to the day before the next cycle
//! starts) or, with `of month N` / `of November`, one calendar month of the cycle. Every rule is
//! computed from the cycle's start alone, so any cycle can be computed without its neighbours.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use super::every::{self, Step};
use crate::schedule::days_off::DaysOff;
use crate::schedule::relative::Offset;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rule {
    pub(crate) day: DaySpec,
    pub(crate) month: Option<MonthRef>,
    /// Moves the day picked, as a relative date's offset does.
    pub(crate) offset: Offset,
}

/// Which day of the span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DaySpec {
    /// Day n (1 = the first), clamped to the span's last day.
    Day(u32),
    LastDay,
    /// The nth (1 to 4) such weekday from the span's first day.
    Nth(u8, Weekday),
    /// The last such weekday up to the span's last day.
    Last(Weekday),
    /// The nth (1 to 4) working day from the span's first day.
    NthWorking(u8),
    /// The last working day up to the span's last day.
    LastWorking,
}

/// A calendar month of the cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MonthRef {
    /// Month n of the cycle: 1 is the month the cycle starts in.
    Nth(u32),
    /// The first month with this number (1-12) from the month the cycle starts in.
    Named(u32),
}

pub(super) const MAX_MONTH_INDEX: u32 = every::MAX_MONTHS;

pub(super) const HELP: &str = "a day rule looks like \"first day\", \"last day\", \"day 15\", \"2nd Monday\", \
\"last Friday\", \"2nd Monday of month 3\", \"last day of month 2\" or \"2nd Friday of December\", \
\"last working day\", \"1st working day of month 2\", optionally with an offset: \"last day - 3d\", \
\"first day + 2w\", \"last day - 3 working days\", \"last day + 1m 7d\"";

/// Month names as the rules read them (lower case; their first three letters work too).
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl Rule {
    /// Parses a rule, with a message saying what is wrong.
    pub(crate) fn parse(text: &str) -> Result<Rule, String> {
        let bad = |what: String| format!("`{text}` is not a day rule: {what}");
        // The offset starts at the first sign: a day rule holds none.
        let (main, offset) = match text.find(['+', '-']) {
            Some(i) => (
                &text[..i],
                Offset::parse(&text[i..], false).map_err(|e| bad(e.message()))?,
            ),
            None => (text, Offset::default()),
        };
        let lower = main.to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().filter(|w| *w != "the").collect();
        let (day_words, month_words) = match words.iter().position(|w| *w == "of") {
            Some(i) => (&words[..i], Some(&words[i + 1..])),
            None => (&words[..], None),
        };
        let day = day_spec(day_words).map_err(bad)?;
        let month = month_words.map(month_ref).transpose().map_err(bad)?;
        if let (DaySpec::Day(n), Some(_)) = (day, month)
            && n > 31
        {
            return Err(bad(format!("a month has no day {n}")));
        }
        Ok(Rule { day, month, offset })
    }

    /// True when `text` reads as a day rule, right or wrong, by its first word (`last`,
    /// `2nd`, `day`, ...), not as a phase's name.
    pub(crate) fn looks_like_one(text: &str) -> bool {
        let lower = text.trim_start().to_ascii_lowercase();
        let first = lower.split_whitespace().next().unwrap_or("");
        matches!(
            first,
            "first" | "last" | "day" | "second" | "third" | "fourth" | "the"
        ) || ordinal(first).is_some()
            || first.starts_with(|c: char| c.is_ascii_digit())
            // An offset with no day before it.
            || first.starts_with(['+', '-'])
            || first.is_empty()
    }

    /// The day this rule picks in the cycle that runs from `start` to `last`, with `off` the
    /// schedule's days off (for rules in working days).
    pub(crate) fn date(
        &self,
        start: NaiveDate,
        last: NaiveDate,
        off: &DaysOff,
    ) -> Option<NaiveDate> {
        let (first, end) = match self.month {
            None => (start, last),
            Some(m) => {
                let ordinal = crate::dates::month_ordinal(start)
                    .checked_add(i64::from(m.index(start.month0())))?;
                (
                    crate::dates::month_day(ordinal, 1)?,
                    crate::dates::month_last(ordinal)?,
                )
            }
        };
        let day = match self.day {
            DaySpec::Day(n) => {
                let d = first.checked_add_days(chrono::Days::new(u64::from(n - 1)))?;
                d.min(end)
            }
            DaySpec::LastDay => end,
            DaySpec::Nth(n, wd) => {
                let ahead =
                    (7 + wd.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
                first
                    .checked_add_days(chrono::Days::new(u64::from(ahead) + 7 * u64::from(n - 1)))?
            }
            DaySpec::Last(wd) => {
                let back =
                    (7 + end.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                end.checked_sub_days(chrono::Days::new(u64::from(back)))?
            }
            DaySpec::NthWorking(n) => off.nth_working(first, end, u32::from(n))?,
            DaySpec::LastWorking => off.last_working(first, end)?,
        };
        self.offset.apply_anywhere(day, off)
    }

    /// True when the rule counts working days (so its dates depend on the days off).
    pub(crate) fn in_working_days(&self) -> bool {
        self.offset.in_working_days()
            || matches!(self.day, DaySpec::NthWorking(_) | DaySpec::LastWorking)
    }

    /// How many months past the cycle's first month this rule can look.
    pub(crate) fn months_reached(&self) -> u32 {
        match self.month {
            None => 0,
            Some(MonthRef::Nth(n)) => n - 1,
            Some(MonthRef::Named(_)) => 11,
        }
    }

    /// Bounds in days, from the cycle's first day, on the day this rule can pick.
    pub(crate) fn bounds(&self, step: Step) -> (i64, i64) {
        let (short, long) = step.length_bounds();
        // Days off can push a working day as far as a shift looks for one.
        let reach = crate::schedule::days_off::SHIFT_REACH;
        let (lo, hi) = match self.month {
            None => match self.day {
                DaySpec::Day(n) => (0, i64::from(n) - 1),
                DaySpec::LastDay => (short - 1, long - 1),
                DaySpec::Nth(n, _) => (7 * (i64::from(n) - 1), 7 * i64::from(n) - 1),
                DaySpec::Last(_) => (short - 7, long - 1),
                DaySpec::NthWorking(n) => (i64::from(n) - 1, 7 * i64::from(n) + reach),
                DaySpec::LastWorking => (short - 1 - reach, long - 1),
            },
            // The month starts at most 30 days before the cycle's first day (which may be the
            // 31st) and the rule picks a day within the month.
            Some(MonthRef::Nth(m)) => (28 * (i64::from(m) - 1) - 30, 31 * i64::from(m) + 30),
            Some(MonthRef::Named(_)) => (-30, 31 * 12 + 30),
        };
        let (a, b) = self.offset.bounds();
        (lo + a, hi + b)
    }
}

impl MonthRef {
    /// Months from the cycle's first month (`start_month0`, 0-11) to this one.
    pub(crate) fn index(self, start_month0: u32) -> u32 {
        match self {
            MonthRef::Nth(n) => n - 1,
            MonthRef::Named(m) => (m + 12 - 1 - start_month0) % 12,
        }
    }
}

pub(super) fn month_name(m: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES[(m as usize + 11) % 12]
}

fn day_spec(words: &[&str]) -> Result<DaySpec, String> {
    match words {
        ["first", "day"] => Ok(DaySpec::Day(1)),
        ["last", "day"] => Ok(DaySpec::LastDay),
        ["last", "working", "day"] => Ok(DaySpec::LastWorking),
        [nth, "working", "day"] => ordinal(nth)
            .map(DaySpec::NthWorking)
            .ok_or_else(|| format!("`{nth}` is not 1st, 2nd, 3rd, 4th or last")),
        ["day", n] => {
            let n: u32 = n
                .parse()
                .ok()
                .filter(|&n| (1..=every::MAX_DAYS).contains(&n))
                .ok_or_else(|| format!("`day {n}` needs a day number from 1"))?;
            Ok(DaySpec::Day(n))
        }
        ["last", wd] => Ok(DaySpec::Last(weekday(wd)?)),
        [nth, wd] => {
            let n =
                ordinal(nth).ok_or_else(|| format!("`{nth}` is not 1st, 2nd, 3rd, 4th or last"))?;
            Ok(DaySpec::Nth(n, weekday(wd)?))
        }
        [] => Err(format!("it names no day; {HELP}")),
        _ => Err(HELP.to_string()),
    }
}

fn ordinal(word: &str) -> Option<u8> {
    match word {
        "1st" | "first" => Some(1),
        "2nd" | "second" => Some(2),
        "3rd" | "third" => Some(3),
        "4th" | "fourth" => Some(4),
        _ => None,
    }
}

fn weekday(word: &str) -> Result<Weekday, String> {
    let names: [(&[&str], Weekday); 7] = [
        (&["mon", "monday"], Weekday::Mon),
        (&["tue", "tues", "tuesday"], Weekday::Tue),
        (&["wed", "wednesday"], Weekday::Wed),
        (&["thu", "thur", "thurs", "thursday"], Weekday::Thu),
        (&["fri", "friday"], Weekday::Fri),
        (&["sat", "saturday"], Weekday::Sat),
        (&["sun", "sunday"], Weekday::Sun),
    ];
    names
        .iter()
        .find(|(forms, _)| forms.contains(&word))
        .map(|&(_, d)| d)
        .ok_or_else(|| format!("`{word}` is not a day of the week"))
}

fn month_ref(words: &[&str]) -> Result<MonthRef, String> {
    match words {
        ["month", n] => n
            .parse::<u32>()
            .ok()
            .filter(|&n| (1..=MAX_MONTH_INDEX).contains(&n))
            .map(MonthRef::Nth)
            .ok_or_else(|| format!("`month {n}` needs a month number from 1 to {MAX_MONTH_INDEX}")),
        [name] => MONTHS
            .iter()
            .position(|m| *m == *name || (name.len() == 3 && m.starts_with(name)))
            .map(|i| MonthRef::Named(i as u32 + 1))
            .ok_or_else(|| {
                format!("`{name}` is not a month: write `month 3` (of the cycle) or a month's name")
            }),
        _ => Err(format!(
            "after `of`, write `month N` or a month's name; {HELP}"
        )),
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            DaySpec::Day(1) => write!(f, "first day")?,
            DaySpec::Day(n) => write!(f, "day {n}")?,
            DaySpec::LastDay => write!(f, "last day")?,
            DaySpec::Nth(n, wd) => write!(
                f,
                "{} {wd}",
                ["1st", "2nd", "3rd", "4th"][usize::from(n - 1)]
            )?,
            DaySpec::Last(wd) => write!(f, "last {wd}")?,
            DaySpec::NthWorking(n) => write!(
                f,
                "{} working day",
                ["1st", "2nd", "3rd", "4th"][usize::from(n - 1)]
            )?,
            DaySpec::LastWorking => write!(f, "last working day")?,
        }
        match self.month {
            Some(MonthRef::Nth(n)) => write!(f, " of month {n}")?,
            Some(MonthRef::Named(m)) => write!(f, " of {}", month_name(m))?,
            None => {}
        }
        if !self.offset.is_zero() {
            write!(f, " {}", self.offset)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    fn on(rule: &str, start: NaiveDate, last: NaiveDate) -> NaiveDate {
        Rule::parse(rule)
            .unwrap()
            .date(start, last, &DaysOff::default())
            .unwrap()
    }

    #[test]
    fn rules_pick_days_in_a_quarter() {
        let (s, l) = (date(2021, 4, 1), date(2021, 6, 30));
        let cases = [
            ("first day", date(2021, 4, 1)),
            ("last day", date(2021, 6, 30)),
            ("day 15", date(2021, 4, 15)),
            ("2nd Monday of month 3", date(2021, 6, 14)),
            ("second monday of month 3", date(2021, 6, 14)),
            ("last day of month 2", date(2021, 5, 31)),
            ("day 31 of month 3", date(2021, 6, 30)),
            ("1st Thursday", date(2021, 4, 1)),
            ("last Friday", date(2021, 6, 25)),
            ("last day - 3d", date(2021, 6, 27)),
            ("first day+2w", date(2021, 4, 15)),
            ("2nd Monday of the month 3 - 1 week", date(2021, 6, 7)),
            ("1st Mon of June", date(2021, 6, 7)),
        ];
        for (rule, want) in cases {
            assert_eq!(on(rule, s, l), want, "{rule}");
        }
        let (s, l) = (date(2021, 10, 1), date(2021, 12, 31));
        assert_eq!(on("last Monday of November", s, l), date(2021, 11, 29));
        assert_eq!(on("2nd Friday of December", s, l), date(2021, 12, 10));
        assert_eq!(on("2nd Fri of Dec", s, l), date(2021, 12, 10));
    }

    #[test]
    fn named_months_count_from_the_cycle_start() {
        // A cycle starting in November reaches the following February.
        let (s, l) = (date(2021, 11, 1), date(2022, 4, 30));
        assert_eq!(on("last day of February", s, l), date(2022, 2, 28));
        assert_eq!(MonthRef::Named(2).index(10), 3);
        assert_eq!(MonthRef::Named(11).index(10), 0);
    }

    #[test]
    fn bad_rules_say_why() {
        for bad in [
            "",
            "day 0",
            "5th Monday",
            "last Funday",
            "2nd Monday of month 0",
            "2nd Monday of Smarch",
            "last day + 3y",
            "day 32 of month 1",
            "last day +",
            "first",
            "2021-06-30",
        ] {
            assert!(Rule::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bounds_hold_for_every_cycle_start() {
        let step = Step::Months(3);
        for rule in [
            "last day",
            "2nd Monday of month 3",
            "last Monday of November",
            "first day - 2w",
        ] {
            let r = Rule::parse(rule).unwrap();
            let (lo, hi) = r.bounds(step);
            for k in 0..400 {
                let s = step.start(date(2021, 1, 31), k).unwrap();
                let l = every::last_day(step, date(2021, 1, 31), k).unwrap();
                let off = (r.date(s, l, &DaysOff::default()).unwrap() - s).num_days();
                assert!(
                    lo <= off && off <= hi,
                    "{rule} cycle {k}: {off} not in {lo}..={hi}"
                );
            }
        }
    }
}
