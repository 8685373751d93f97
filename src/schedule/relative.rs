//! Dates written relative to another phase: `"start of v22 Active LTS - 1d"`, `"Code freeze + 2w"`,
//! `"end of Drafting + 1m"`, `"Period end + 1m 7d"`; and the offsets that day rules take too,
//! parsed here once.
//!
//! The grammar is `<anchor> [<offset>]`. The anchor is `start of NAME` (a window's first day),
//! `end of NAME` (a window's last day) or `NAME` (a milestone's `due`, a key date's `on`). An
//! offset is a sign and one or more terms, and may go on with another sign and terms:
//! `+ 1m 7d`, `- 1w 2d`, `+ 1w - 1d`. A term is a number and its unit: `d` (days), `w` (weeks),
//! `m` (months: counted from the day with the month-end clamp, as cadences count them: Jan 31
//! `+ 1m` is Feb 28, or Feb 29 in a leap year) or `wd` (working days, counted over the days the
//! schedule does not have off; see [`crate::schedule::days_off`]). Longer words work too:
//! `3 days`, `2 weeks`, `1 month`, `3 working days`. The terms apply in one order whatever order
//! they are written in: months first, then days and weeks, then working days, so `+ 1m 7d` is "one
//! calendar month and 7 days after". Each kind of term is at most a hundred years in all. The
//! sign has a space before it, since a name may hold `+` or `-` itself (`Q4-2026 review - 3d`).

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::dates::{FIRST_DAY, LAST_DAY, month_day, month_ordinal};
use crate::schedule::days_off::{DaysOff, SHIFT_REACH};

/// A date written as another phase's date moved by an offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Relative {
    pub(crate) anchor: Anchor,
    pub(crate) offset: Offset,
}

/// Which date of which phase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub(crate) edge: Edge,
    pub(crate) name: String,
}

/// Which of a phase's dates an anchor takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    /// `start of NAME`: a window's first day.
    Start,
    /// `end of NAME`: a window's last day.
    End,
    /// `NAME`: a milestone's due date or a key date's day.
    Date,
}

/// How far from an anchor, each part signed: calendar months first, then days, then working
/// days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Offset {
    pub(crate) months: i64,
    pub(crate) days: i64,
    pub(crate) working: i64,
}

/// Why a text is not an offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NotOffset {
    /// It does not read as one (`3y`, or a name's tail like `- 3 of 4`); the message names the
    /// term at fault.
    Shape(String),
    /// It reads as one, but reaches farther than a hundred years.
    TooFar(String),
}

impl NotOffset {
    pub(crate) fn message(self) -> String {
        match self {
            NotOffset::Shape(m) | NotOffset::TooFar(m) => m,
        }
    }
}

/// The farthest each kind of term may reach in all: a hundred years, as cadence steps may.
pub(crate) const MAX_DAYS: i64 = crate::dates::MAX_DAYS as i64;
pub(crate) const MAX_MONTHS: i64 = 1_200;
pub(crate) const MAX_WORKING: i64 = MAX_DAYS / 7;

/// What an offset's terms look like, for messages.
pub(crate) const TERMS: &str =
    "days (`3d`), weeks (`2w`), months (`1m`) or working days (`3wd`), like `+ 1m 7d`";

#[derive(Clone, Copy)]
enum Unit {
    Days,
    Weeks,
    Months,
    Working,
}

impl Offset {
    /// Parses `+ 1m 7d`, `- 1w 2d`, `+ 1w - 1d`, `+ 3 working days`. With `unsigned`, terms
    /// before any sign count forward (`1w`, as a cycle's move is written).
    pub(crate) fn parse(text: &str, unsigned: bool) -> Result<Offset, NotOffset> {
        let lower = text.to_ascii_lowercase();
        let shape = |m: String| Err(NotOffset::Shape(m));
        let mut at = 0;
        let mut sign: Option<i64> = unsigned.then_some(1);
        // A sign read with no term after it yet.
        let mut bare_sign: Option<usize> = None;
        let mut off = Offset::default();
        let mut any = false;
        let skip_blank = |at: usize| at + lower[at..].len() - lower[at..].trim_start().len();
        loop {
            at = skip_blank(at);
            let rest = &lower[at..];
            if rest.is_empty() {
                break;
            }
            if let Some(c) = rest.chars().next().filter(|c| *c == '+' || *c == '-') {
                if let Some(s) = bare_sign {
                    return shape(format!(
                        "`{}` has no number after it: write {TERMS}",
                        text[s..=at].trim()
                    ));
                }
                sign = Some(if c == '-' { -1 } else { 1 });
                bare_sign = Some(at);
                at += 1;
                continue;
            }
            let Some(sign) = sign else {
                return shape(format!("an offset starts with `+` or `-`: write {TERMS}"));
            };
            let term_start = at;
            let digits = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            let word_end = |from: usize| {
                let r = &lower[from..];
                from + r
                    .find(|c: char| !c.is_ascii_alphabetic())
                    .unwrap_or(r.len())
            };
            let unit_at = skip_blank(at + digits);
            let mut end = word_end(unit_at);
            let unit = match &lower[unit_at..end] {
                _ if digits == 0 => None,
                "d" | "day" | "days" => Some(Unit::Days),
                "w" | "week" | "weeks" => Some(Unit::Weeks),
                "m" | "month" | "months" => Some(Unit::Months),
                "wd" | "workingday" | "workingdays" => Some(Unit::Working),
                "working" => {
                    let next = skip_blank(end);
                    let next_end = word_end(next);
                    let days = matches!(&lower[next..next_end], "day" | "days");
                    end = next_end;
                    days.then_some(Unit::Working)
                }
                _ => None,
            };
            let Some(unit) = unit else {
                let term = if digits == 0 {
                    let r = &text[term_start..];
                    r[..r.find(char::is_whitespace).unwrap_or(r.len())].to_string()
                } else {
                    text[term_start..end].to_string()
                };
                let what = if digits > 0 && unit_at == end {
                    "has no unit"
                } else {
                    "is not a term of an offset"
                };
                return shape(format!("`{term}` {what}: write {TERMS}"));
            };
            let too_far = || {
                NotOffset::TooFar(format!(
                    "the offset `{}` is too large: at most a hundred years",
                    text.trim()
                ))
            };
            let n: i64 = lower[at..at + digits].parse().map_err(|_| too_far())?;
            let n = n.checked_mul(sign).ok_or_else(too_far)?;
            let (part, by) = match unit {
                Unit::Days => (&mut off.days, 1),
                Unit::Weeks => (&mut off.days, 7),
                Unit::Months => (&mut off.months, 1),
                Unit::Working => (&mut off.working, 1),
            };
            *part = n
                .checked_mul(by)
                .and_then(|n| part.checked_add(n))
                .ok_or_else(too_far)?;
            if off.months.abs() > MAX_MONTHS
                || off.days.abs() > MAX_DAYS
                || off.working.abs() > MAX_WORKING
            {
                return Err(too_far());
            }
            bare_sign = None;
            any = true;
            at = end;
        }
        if let Some(s) = bare_sign {
            return shape(format!(
                "`{}` has no number after it: write {TERMS}",
                text[s..].trim()
            ));
        }
        if !any {
            return shape(format!("the offset is empty: write {TERMS}"));
        }
        Ok(off)
    }

    pub(crate) fn is_zero(self) -> bool {
        self == Offset::default()
    }

    /// True when it leads back in time (its first part, in the order they apply, is negative).
    pub(crate) fn is_backward(self) -> bool {
        [self.months, self.days, self.working]
            .into_iter()
            .find(|n| *n != 0)
            .is_some_and(|n| n < 0)
    }

    /// True when it counts working days, so its dates depend on the days off.
    pub(crate) fn in_working_days(self) -> bool {
        self.working != 0
    }

    /// `d` moved by this offset; `None` outside the days a schedule can name (0001-01-01 to
    /// 9999-12-31).
    pub(crate) fn apply(self, d: NaiveDate, off: &DaysOff) -> Option<NaiveDate> {
        self.apply_anywhere(d, off)
            .filter(|d| (FIRST_DAY..=LAST_DAY).contains(d))
    }

    /// `d` moved by this offset: months (with the month-end clamp), then days, then working
    /// days over `off`, anywhere in chrono's calendar (cadence cycles run past 9999).
    pub(crate) fn apply_anywhere(self, d: NaiveDate, off: &DaysOff) -> Option<NaiveDate> {
        let d = if self.months == 0 {
            d
        } else {
            month_day(month_ordinal(d).checked_add(self.months)?, d.day())?
        };
        let d = d.checked_add_signed(chrono::TimeDelta::try_days(self.days)?)?;
        if self.working == 0 {
            Some(d)
        } else {
            off.add_working(d, self.working)
        }
    }

    /// Bounds in days on how far this offset moves any day: a month is 28 to 31 days (less
    /// the month-end clamp's 3), a working day at most a week, plus the days off in a row a
    /// shift looks past.
    pub(crate) fn bounds(self) -> (i64, i64) {
        let m = self.months;
        let (mlo, mhi) = match m.signum() {
            1 => (28 * m - 3, 31 * m),
            -1 => (31 * m, 28 * m + 3),
            _ => (0, 0),
        };
        let far = 7 * self.working.abs() + SHIFT_REACH;
        let (wlo, whi) = match self.working.signum() {
            1 => (0, far),
            -1 => (-far, 0),
            _ => (0, 0),
        };
        (mlo + self.days + wlo, mhi + self.days + whi)
    }
}

/// `+ 1m 7d`, `- 2w`, `+ 1m - 2d`, `+ 3wd`: each part with its sign where it changes; nothing
/// for no offset.
impl fmt::Display for Offset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last_sign = 0;
        let parts = [
            (self.months, "m", 1),
            (self.days, "w", 7),
            (self.days, "d", 1),
            (self.working, "wd", 1),
        ];
        for (i, (n, unit, per)) in parts.into_iter().enumerate() {
            // Days show as weeks when they are whole weeks, alone ("1m 7d" as UK VAT says it).
            let weeks = self.days % 7 == 0 && self.months == 0;
            if n == 0 || (i == 1 && !weeks) || (i == 2 && weeks) {
                continue;
            }
            if n.signum() != last_sign {
                let sign = if n < 0 { "-" } else { "+" };
                let space = if last_sign == 0 { "" } else { " " };
                write!(f, "{space}{sign}")?;
                last_sign = n.signum();
            }
            write!(f, " {}{unit}", n.abs() / per)?;
        }
        Ok(())
    }
}

impl Relative {
    /// Parses a relative date, with a message saying what is wrong. The offset is the longest
    /// tail of the text that reads as one; [`Relative::readings`] gives the others.
    pub(crate) fn parse(text: &str) -> Result<Relative, String> {
        let readings = Relative::readings(text)?;
        readings.into_iter().next().ok_or_else(|| {
            format!(
                "`{text}` names no phase: write a date like 2024-03-06, or one relative to a phase, like \"Code freeze + 2w\" or \"start of Beta - 1d\""
            )
        })
    }

    /// Every way to read `text` as an anchor and an offset, the longest offset first and the
    /// whole text as a name last: a name may end in what reads as an offset (`Sprint - 2d`), so
    /// the loader takes the first whose phase exists.
    pub(crate) fn readings(text: &str) -> Result<Vec<Relative>, String> {
        let t = text.trim();
        let mut splits: Vec<(&str, Offset)> = Vec::new();
        for (i, c) in t.char_indices() {
            if !(c == '+' || c == '-') || i == 0 || !t[..i].ends_with(' ') {
                continue;
            }
            if !t[i + 1..]
                .trim_start()
                .starts_with(|d: char| d.is_ascii_digit())
            {
                continue;
            }
            match Offset::parse(&t[i..], false) {
                Ok(o) => splits.push((t[..i].trim_end(), o)),
                Err(NotOffset::TooFar(m)) if splits.is_empty() => return Err(m),
                Err(_) => {}
            }
        }
        splits.push((t, Offset::default()));
        let mut out = Vec::with_capacity(splits.len());
        for (anchor_text, offset) in splits {
            let lower = anchor_text.to_ascii_lowercase();
            let after = |word: &str| {
                lower
                    .strip_prefix(word)
                    .filter(|rest| rest.is_empty() || rest.starts_with(' '))
                    .map(|_| anchor_text[word.len()..].trim())
            };
            let (edge, name) = match (after("start of"), after("end of")) {
                (Some(name), _) => (Edge::Start, name),
                (_, Some(name)) => (Edge::End, name),
                _ => (Edge::Date, anchor_text),
            };
            if name.is_empty() {
                continue;
            }
            out.push(Relative {
                anchor: Anchor {
                    edge,
                    name: name.to_string(),
                },
                offset,
            });
        }
        Ok(out)
    }

    /// Why the tail of `text` that looks like an offset (a sign, a blank, then a number) is
    /// not one, for the message about a name that is not found: `3y` in "Release + 3y".
    pub(crate) fn offset_hint(text: &str) -> Option<String> {
        let t = text.trim();
        let at = t
            .char_indices()
            .filter(|&(i, c)| {
                (c == '+' || c == '-')
                    && i > 0
                    && t[..i].ends_with(' ')
                    && t[i + 1..]
                        .trim_start()
                        .starts_with(|d: char| d.is_ascii_digit())
            })
            .map(|(i, _)| i)
            .next_back()?;
        Offset::parse(&t[at..], false).err().map(NotOffset::message)
    }

    /// The date this gives when its anchor is on `anchor`, with `off` the days off (for
    /// working days); `None` outside the days a schedule can name (0001-01-01 to 9999-12-31).
    pub(crate) fn apply(&self, anchor: NaiveDate, off: &DaysOff) -> Option<NaiveDate> {
        self.offset.apply(anchor, off)
    }
}

impl fmt::Display for Anchor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.edge {
            Edge::Start => write!(f, "start of {}", self.name),
            Edge::End => write!(f, "end of {}", self.name),
            Edge::Date => write!(f, "{}", self.name),
        }
    }
}

impl fmt::Display for Relative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.anchor)?;
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

    fn off(months: i64, days: i64, working: i64) -> Offset {
        Offset {
            months,
            days,
            working,
        }
    }

    fn rel(edge: Edge, name: &str, offset: Offset) -> Relative {
        Relative {
            anchor: Anchor {
                edge,
                name: name.into(),
            },
            offset,
        }
    }

    #[test]
    fn parses_anchors_and_offsets() {
        let cases = [
            (
                "start of v22 Active LTS - 1d",
                rel(Edge::Start, "v22 Active LTS", off(0, -1, 0)),
            ),
            (
                "Code freeze + 2w",
                rel(Edge::Date, "Code freeze", off(0, 14, 0)),
            ),
            // The sign needs a space before it: names may hold `+` and `-`.
            (
                "end of Drafting+1m",
                rel(Edge::End, "Drafting+1m", off(0, 0, 0)),
            ),
            (
                "end of Drafting +1m",
                rel(Edge::End, "Drafting", off(1, 0, 0)),
            ),
            ("Release", rel(Edge::Date, "Release", off(0, 0, 0))),
            (
                "  Start of  Beta - 10 days ",
                rel(Edge::Start, "Beta", off(0, -10, 0)),
            ),
            (
                "Q4-2026 review - 3d",
                rel(Edge::Date, "Q4-2026 review", off(0, -3, 0)),
            ),
            (
                "Phase - 3 of 4",
                rel(Edge::Date, "Phase - 3 of 4", off(0, 0, 0)),
            ),
            ("v1.0 + 2 weeks", rel(Edge::Date, "v1.0", off(0, 14, 0))),
            (
                "Release - 3 working days",
                rel(Edge::Date, "Release", off(0, 0, -3)),
            ),
            ("Release - 3wd", rel(Edge::Date, "Release", off(0, 0, -3))),
            // Several terms, and several signs: UK VAT's "one month and 7 days".
            (
                "Period end + 1m 7d",
                rel(Edge::Date, "Period end", off(1, 7, 0)),
            ),
            (
                "Period end + 1 month 7 days",
                rel(Edge::Date, "Period end", off(1, 7, 0)),
            ),
            ("X - 1w 2d", rel(Edge::Date, "X", off(0, -9, 0))),
            ("X + 1w - 1d", rel(Edge::Date, "X", off(0, 6, 0))),
            ("X + 1m - 2d", rel(Edge::Date, "X", off(1, -2, 0))),
            ("X + 1m 3wd", rel(Edge::Date, "X", off(1, 0, 3))),
            (
                "Phase - 3 of 4 - 2d",
                rel(Edge::Date, "Phase - 3 of 4", off(0, -2, 0)),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(Relative::parse(text), Ok(want), "{text}");
        }
        for bad in [
            "",
            "start of ",
            "x + 99999999999999999999d",
            "x + 101000d",
            "x - 1201m",
            "x + 36000d 600d",
        ] {
            assert!(Relative::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_name_that_ends_like_an_offset_has_a_reading_of_its_own() {
        let all = Relative::readings("Sprint - 2d + 3d").unwrap();
        let names: Vec<(&str, Offset)> = all
            .iter()
            .map(|r| (r.anchor.name.as_str(), r.offset))
            .collect();
        assert_eq!(
            names,
            [
                ("Sprint", off(0, 1, 0)),
                ("Sprint - 2d", off(0, 3, 0)),
                ("Sprint - 2d + 3d", off(0, 0, 0))
            ]
        );
    }

    #[test]
    fn a_bad_offset_names_its_term() {
        let cases = [
            ("+ 1w-1d", None),
            ("+ 3y", Some("`3y` is not a term of an offset")),
            ("+ 1w 3", Some("`3` has no unit")),
            ("+ 1m 7 fortnights", Some("`7 fortnights` is not a term")),
            ("+", Some("`+` has no number after it")),
            ("+ 1w -", Some("`-` has no number after it")),
            ("1w", Some("an offset starts with `+` or `-`")),
            ("+ 2 working weeks", Some("`2 working weeks` is not a term")),
        ];
        for (text, want) in cases {
            match (Offset::parse(text, false), want) {
                (Ok(_), None) => {}
                (Err(e), Some(w)) => assert!(e.clone().message().contains(w), "{text}: {e:?}"),
                (got, _) => panic!("{text}: {got:?}"),
            }
        }
        assert_eq!(Offset::parse("1w", true), Ok(off(0, 7, 0)));
        assert_eq!(Offset::parse("-3d", true), Ok(off(0, -3, 0)));
        assert_eq!(
            Relative::offset_hint("Release + 3y").as_deref(),
            Some(
                "`3y` is not a term of an offset: write days (`3d`), weeks (`2w`), months (`1m`) or working days (`3wd`), like `+ 1m 7d`"
            )
        );
        assert_eq!(Relative::offset_hint("Phase - 3d"), None);
    }

    #[test]
    fn applies_offsets_with_the_month_end_clamp() {
        let r = |s: &str| Relative::parse(s).unwrap();
        let none = DaysOff::default();
        let cases = [
            ("a + 1m", date(2024, 1, 31), date(2024, 2, 29)),
            ("a + 1m", date(2023, 1, 31), date(2023, 2, 28)),
            ("a - 1m", date(2024, 3, 31), date(2024, 2, 29)),
            ("a + 12m", date(2024, 2, 29), date(2025, 2, 28)),
            ("a - 1d", date(2024, 3, 1), date(2024, 2, 29)),
            ("a + 2w", date(2021, 12, 25), date(2022, 1, 8)),
            ("a", date(2021, 6, 30), date(2021, 6, 30)),
            // Months first, then days: the month end, then a week on.
            ("a + 1m 7d", date(2024, 1, 31), date(2024, 3, 7)),
            ("a + 7d 1m", date(2024, 1, 31), date(2024, 3, 7)),
            ("a + 1m 7d", date(2023, 12, 31), date(2024, 2, 7)),
            ("a - 1m 1d", date(2024, 3, 31), date(2024, 2, 28)),
            ("a + 1m - 1d", date(2024, 2, 29), date(2024, 3, 28)),
        ];
        for (text, anchor, want) in cases {
            assert_eq!(
                r(text).apply(anchor, &none),
                Some(want),
                "{text} from {anchor}"
            );
        }
        assert_eq!(r("a + 1d").apply(LAST_DAY, &none), None);
        assert_eq!(r("a + 1m").apply(date(9999, 12, 1), &none), None);
        assert_eq!(r("a + 1m 2d").apply(date(9999, 11, 30), &none), None);
        // Working days: the same as days with none off; over a weekend with one.
        assert_eq!(
            r("a - 3 working days").apply(date(2024, 3, 6), &none),
            Some(date(2024, 3, 3))
        );
        let weekends = DaysOff::new(&[chrono::Weekday::Sat, chrono::Weekday::Sun], []);
        assert_eq!(
            r("a - 3wd").apply(date(2024, 3, 6), &weekends),
            Some(date(2024, 3, 1))
        );
        // A month, then two working days: from Friday 2024-03-29 to Monday 2024-04-29, then
        // Wednesday.
        assert_eq!(
            r("a + 1m 2wd").apply(date(2024, 3, 29), &weekends),
            Some(date(2024, 5, 1))
        );
        // Nor before the first day a schedule can name: no year 0000.
        assert_eq!(r("a - 1d").apply(FIRST_DAY, &none), None);
        assert_eq!(r("a - 1m").apply(date(1, 1, 31), &none), None);
        assert_eq!(r("a - 1d").apply(date(1, 1, 2), &none), Some(FIRST_DAY));
    }

    #[test]
    fn bounds_hold_for_every_day_of_four_years() {
        let none = DaysOff::default();
        for o in [
            off(1, 0, 0),
            off(-1, 0, 0),
            off(13, -3, 0),
            off(-25, 9, 0),
            off(1, 7, 0),
        ] {
            let (lo, hi) = o.bounds();
            for d in date(2023, 1, 1).iter_days().take(4 * 366) {
                let moved = (o.apply(d, &none).unwrap() - d).num_days();
                assert!(lo <= moved && moved <= hi, "{o} from {d}: {moved}");
            }
        }
    }

    #[test]
    fn shows_as_written_in_a_canonical_form() {
        for text in [
            "start of Beta - 1d",
            "Code freeze + 2w",
            "end of X + 3m",
            "Release",
            "X + 1m 7d",
            "X + 1m - 2d",
            "X - 3wd",
        ] {
            assert_eq!(Relative::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(
            Relative::parse("X + 1w - 1d").unwrap().to_string(),
            "X + 6d"
        );
    }
}
