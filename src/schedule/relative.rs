//! Dates written relative to another phase: `"start of v22 Active LTS - 1d"`, `"Code freeze + 2w"`,
//! `"end of Drafting + 1m"`.
//!
//! The grammar is `<anchor> [+|- <n><unit>]`. The anchor is `start of NAME` (a window's first
//! day), `end of NAME` (a window's last day) or `NAME` (a milestone's `due`, a key date's `on`).
//! The unit is `d` (days), `w` (weeks) or `m` (months, counted from the anchor's day with the
//! month-end clamp, as cadences count them: Jan 31 + 1m is Feb 28, or Feb 29 in a leap year).
//! or `wd` (working days, counted over the days the schedule does not have off; see
//! [`crate::schedule::days_off`]). Longer words work too: `3 days`, `2 weeks`, `1 month`,
//! `3 working days`. The sign has a space before it, since a
//! name may hold `+` or `-` itself (`Q4-2026 review - 3d`).

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::dates::{FIRST_DAY, LAST_DAY, month_day, month_ordinal};
use crate::schedule::days_off::DaysOff;

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

/// How far from the anchor, signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Offset {
    pub(crate) n: i64,
    pub(crate) unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Days,
    Weeks,
    Months,
    /// Working days only (see [`crate::schedule::days_off`]).
    WorkingDays,
}

/// The farthest an offset may reach: a hundred years, as cadence steps may.
const MAX_DAYS: i64 = 36_525;
const MAX_MONTHS: i64 = 1_200;

impl Relative {
    /// Parses a relative date, with a message saying what is wrong.
    pub(crate) fn parse(text: &str) -> Result<Relative, String> {
        let t = text.trim();
        let (anchor_text, offset) = match split_offset(t) {
            Some((a, o)) => (a, o?),
            None => (
                t,
                Offset {
                    n: 0,
                    unit: Unit::Days,
                },
            ),
        };
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
            return Err(format!(
                "`{text}` names no phase: write a date like 2024-03-06, or one relative to a phase, like \"Code freeze + 2w\" or \"start of Beta - 1d\""
            ));
        }
        Ok(Relative {
            anchor: Anchor {
                edge,
                name: name.to_string(),
            },
            offset,
        })
    }

    /// The date this gives when its anchor is on `anchor`, with `off` the days off (for
    /// working days); `None` outside the days a schedule can name (0001-01-01 to 9999-12-31).
    pub(crate) fn apply(&self, anchor: NaiveDate, off: &DaysOff) -> Option<NaiveDate> {
        let d = match self.offset.unit {
            Unit::Days => anchor.checked_add_signed(chrono::TimeDelta::try_days(self.offset.n)?)?,
            Unit::Weeks => {
                anchor.checked_add_signed(chrono::TimeDelta::try_days(self.offset.n * 7)?)?
            }
            Unit::Months => month_day(month_ordinal(anchor) + self.offset.n, anchor.day())?,
            Unit::WorkingDays => off.add_working(anchor, self.offset.n)?,
        };
        (FIRST_DAY..=LAST_DAY).contains(&d).then_some(d)
    }
}

/// Splits `"NAME - 3d"` into the anchor and the offset; `None` when there is no offset.
fn split_offset(t: &str) -> Option<(&str, Result<Offset, String>)> {
    // The offset is the last `+` or `-` followed by a number: names may hold either sign.
    let at = t
        .char_indices()
        .filter(|&(i, c)| {
            (c == '+' || c == '-')
                && t[i + 1..]
                    .trim_start()
                    .starts_with(|d: char| d.is_ascii_digit())
                && (i == 0 || t[..i].ends_with(' '))
        })
        .map(|(i, _)| i)
        .next_back()?;
    let sign = if t[at..].starts_with('-') { -1 } else { 1 };
    let rest = t[at + 1..].trim();
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (number, unit) = rest.split_at(digits);
    let unit = unit.trim().to_ascii_lowercase();
    let unit = match unit.as_str() {
        "d" | "day" | "days" => Unit::Days,
        "w" | "week" | "weeks" => Unit::Weeks,
        "m" | "month" | "months" => Unit::Months,
        "wd" | "working day" | "working days" => Unit::WorkingDays,
        // Not an offset after all (a name like "Phase - 3 of 4"): the whole text is the name.
        _ => return None,
    };
    let bad = || {
        format!(
            "the offset `{}` is too large: at most a hundred years",
            &t[at..]
        )
    };
    let n: i64 = match number.parse() {
        Ok(n) => n,
        Err(_) => return Some((t[..at].trim_end(), Err(bad()))),
    };
    let limit = match unit {
        Unit::Months => MAX_MONTHS,
        Unit::Weeks | Unit::WorkingDays => MAX_DAYS / 7,
        Unit::Days => MAX_DAYS,
    };
    let offset = if n > limit {
        Err(bad())
    } else {
        Ok(Offset { n: sign * n, unit })
    };
    Some((t[..at].trim_end(), offset))
}

impl fmt::Display for Relative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.anchor.edge {
            Edge::Start => write!(f, "start of {}", self.anchor.name)?,
            Edge::End => write!(f, "end of {}", self.anchor.name)?,
            Edge::Date => write!(f, "{}", self.anchor.name)?,
        }
        let unit = match self.offset.unit {
            Unit::Days => "d",
            Unit::Weeks => "w",
            Unit::Months => "m",
            Unit::WorkingDays => " working days",
        };
        match self.offset.n {
            0 => Ok(()),
            n if n < 0 => write!(f, " - {}{unit}", -n),
            n => write!(f, " + {n}{unit}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    fn rel(edge: Edge, name: &str, n: i64, unit: Unit) -> Relative {
        Relative {
            anchor: Anchor {
                edge,
                name: name.into(),
            },
            offset: Offset { n, unit },
        }
    }

    #[test]
    fn parses_anchors_and_offsets() {
        let cases = [
            (
                "start of v22 Active LTS - 1d",
                rel(Edge::Start, "v22 Active LTS", -1, Unit::Days),
            ),
            (
                "Code freeze + 2w",
                rel(Edge::Date, "Code freeze", 14 / 7, Unit::Weeks),
            ),
            // The sign needs a space before it: names may hold `+` and `-`.
            (
                "end of Drafting+1m",
                rel(Edge::End, "Drafting+1m", 0, Unit::Days),
            ),
            (
                "end of Drafting +1m",
                rel(Edge::End, "Drafting", 1, Unit::Months),
            ),
            ("Release", rel(Edge::Date, "Release", 0, Unit::Days)),
            (
                "  Start of  Beta - 10 days ",
                rel(Edge::Start, "Beta", -10, Unit::Days),
            ),
            (
                "Q4-2026 review - 3d",
                rel(Edge::Date, "Q4-2026 review", -3, Unit::Days),
            ),
            (
                "Phase - 3 of 4",
                rel(Edge::Date, "Phase - 3 of 4", 0, Unit::Days),
            ),
            ("v1.0 + 2 weeks", rel(Edge::Date, "v1.0", 2, Unit::Weeks)),
            (
                "Release - 3 working days",
                rel(Edge::Date, "Release", -3, Unit::WorkingDays),
            ),
            (
                "Release - 3wd",
                rel(Edge::Date, "Release", -3, Unit::WorkingDays),
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
        ] {
            assert!(Relative::parse(bad).is_err(), "{bad}");
        }
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
        // Nor before the first day a schedule can name: no year 0000.
        assert_eq!(r("a - 1d").apply(FIRST_DAY, &none), None);
        assert_eq!(r("a - 1m").apply(date(1, 1, 31), &none), None);
        assert_eq!(r("a - 1d").apply(date(1, 1, 2), &none), Some(FIRST_DAY));
    }

    #[test]
    fn shows_as_written_in_a_canonical_form() {
        for text in [
            "start of Beta - 1d",
            "Code freeze + 2w",
            "end of X + 3m",
            "Release",
        ] {
            assert_eq!(Relative::parse(text).unwrap().to_string(), text);
        }
    }
}
