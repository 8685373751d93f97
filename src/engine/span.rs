//! Spans of days that commands look at, both ends included, and how each command fills in an
//! end that was not given.
//!
//! - [`Span::calendar_year`] (render, phases, check --doc): a missing end is taken from the
//!   calendar year of the other one, or of today when neither is given.
//! - [`Span::feed`] (export): from a year before today to two years after.
//! - [`Span::view`] (timeline): twelve months from the first of the month three months before
//!   today; either end alone gives twelve months from or to it.
//!
//! A span that ends before it begins is an error naming both days.

use chrono::{Datelike, Months, NaiveDate};

use crate::dates::{FIRST_DAY, LAST_DAY};
use crate::schedule::phase::{Kind, Phase};

/// The days from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
}

impl Span {
    fn checked(from: NaiveDate, to: NaiveDate) -> Result<Span, String> {
        if to < from {
            return Err(format!(
                "--to {to} is before --from {from}: --to must be on or after --from"
            ));
        }
        Ok(Span { from, to })
    }

    /// A calendar year, or the part of one that `--from`/`--to` choose.
    pub(crate) fn calendar_year(
        today: NaiveDate,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Span, String> {
        let from = from.unwrap_or_else(|| first_of_year(to.unwrap_or(today).year()));
        let to = to.unwrap_or_else(|| last_of_year(from.year()));
        Span::checked(from, to)
    }

    /// A year back and two years ahead of today, for a calendar feed.
    pub(crate) fn feed(
        today: NaiveDate,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Span, String> {
        let from = from
            .or_else(|| today.checked_sub_months(Months::new(12)))
            .unwrap_or(FIRST_DAY)
            .max(FIRST_DAY);
        let to = to
            .or_else(|| today.checked_add_months(Months::new(24)))
            .unwrap_or(LAST_DAY)
            .min(LAST_DAY);
        Span::checked(from, to)
    }

    /// Twelve months around today for a picture, or twelve months from or to the day given.
    pub(crate) fn view(
        today: NaiveDate,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Span, String> {
        let year = Months::new(12);
        let year_after = |f: NaiveDate| {
            f.checked_add_months(year)
                .map_or(f, |d| d.pred_opt().unwrap_or(d))
                .min(LAST_DAY)
        };
        let (from, to) = match (from, to) {
            (Some(f), Some(t)) => (f, t),
            (Some(f), None) => (f, year_after(f)),
            (None, Some(t)) => (
                t.checked_sub_months(year)
                    .map_or(t, |d| d.succ_opt().unwrap_or(d))
                    .max(FIRST_DAY),
                t,
            ),
            (None, None) => {
                let first = today.with_day(1).unwrap_or(today);
                let f = first
                    .checked_sub_months(Months::new(3))
                    .unwrap_or(first)
                    .max(FIRST_DAY);
                (f, year_after(f))
            }
        };
        Span::checked(from, to)
    }

    /// The one calendar year the span lies in, if it lies in one.
    pub(crate) fn single_year(self) -> Option<i32> {
        (self.from.year() == self.to.year()).then_some(self.from.year())
    }

    pub(crate) fn contains(self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// True when `phase` has a day within the span; a window with no start (`until`) reaches
    /// back without end, one whose end is to be announced forward. A milestone or key date to
    /// be announced is on no day, so it is in every span: every listing and picture shows it.
    pub(crate) fn touches(self, phase: &Phase) -> bool {
        match phase.kind {
            Kind::Window { start, end } => {
                end.date().is_none_or(|e| e >= self.from) && start.is_none_or(|s| s <= self.to)
            }
            Kind::Milestone { due: d, .. } | Kind::KeyDate { on: d } => {
                d.date().is_none_or(|d| self.contains(d))
            }
        }
    }
}

fn first_of_year(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN)
}

fn last_of_year(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    fn span(from: NaiveDate, to: NaiveDate) -> Span {
        Span { from, to }
    }

    #[test]
    fn calendar_year_by_default() {
        let cases = [
            (
                date(2021, 1, 15),
                None,
                None,
                span(date(2021, 1, 1), date(2021, 12, 31)),
            ),
            (
                date(2021, 1, 1),
                None,
                None,
                span(date(2021, 1, 1), date(2021, 12, 31)),
            ),
            (
                date(2021, 12, 31),
                None,
                None,
                span(date(2021, 1, 1), date(2021, 12, 31)),
            ),
            (
                date(2024, 2, 29),
                None,
                None,
                span(date(2024, 1, 1), date(2024, 12, 31)),
            ),
            (
                date(2021, 1, 15),
                Some(date(2022, 3, 1)),
                None,
                span(date(2022, 3, 1), date(2022, 12, 31)),
            ),
            (
                date(2021, 1, 15),
                None,
                Some(date(2023, 6, 30)),
                span(date(2023, 1, 1), date(2023, 6, 30)),
            ),
            (
                date(2021, 1, 15),
                Some(date(2021, 6, 1)),
                Some(date(2022, 5, 31)),
                span(date(2021, 6, 1), date(2022, 5, 31)),
            ),
        ];
        for (today, from, to, want) in cases {
            assert_eq!(Span::calendar_year(today, from, to), Ok(want));
        }
        let d = date(2021, 5, 1);
        assert!(Span::calendar_year(d, Some(date(2021, 5, 2)), Some(d)).is_err());
        assert!(Span::calendar_year(d, Some(d), Some(d)).is_ok());
    }

    #[test]
    fn feed_reaches_a_year_back_and_two_ahead() {
        let today = date(2021, 6, 20);
        let got = Span::feed(today, None, None).unwrap();
        assert_eq!(got, span(date(2020, 6, 20), date(2023, 6, 20)));
        let leap = Span::feed(date(2024, 2, 29), None, None).unwrap();
        assert_eq!(leap, span(date(2023, 2, 28), date(2026, 2, 28)));
        assert!(Span::feed(today, Some(date(2021, 2, 1)), Some(date(2021, 1, 1))).is_err());
        // The calendar's ends are not crossed.
        let end = Span::feed(date(9999, 6, 1), None, None).unwrap();
        assert_eq!(end.to, LAST_DAY);
    }

    #[test]
    fn view_is_a_year_around_today() {
        let today = date(2021, 6, 20);
        let cases = [
            (None, None, span(date(2021, 3, 1), date(2022, 2, 28))),
            (
                Some(date(2021, 1, 1)),
                None,
                span(date(2021, 1, 1), date(2021, 12, 31)),
            ),
            (
                None,
                Some(date(2021, 12, 31)),
                span(date(2021, 1, 1), date(2021, 12, 31)),
            ),
            (
                Some(date(2021, 5, 1)),
                Some(date(2021, 5, 31)),
                span(date(2021, 5, 1), date(2021, 5, 31)),
            ),
        ];
        for (from, to, want) in cases {
            assert_eq!(
                Span::view(today, from, to).unwrap(),
                want,
                "{from:?} {to:?}"
            );
        }
        assert_eq!(
            Span::view(date(2021, 1, 31), None, None).unwrap(),
            span(date(2020, 10, 1), date(2021, 9, 30))
        );
        assert!(Span::view(today, Some(date(2021, 2, 1)), Some(date(2021, 1, 1))).is_err());
    }

    #[test]
    fn which_phases_touch_the_span() {
        let year = span(date(2021, 1, 1), date(2021, 12, 31));
        let w = |s: Option<NaiveDate>, e: NaiveDate| Kind::Window {
            start: s,
            end: e.into(),
        };
        let m = |d: NaiveDate| Kind::Milestone {
            due: d.into(),
            done: None,
        };
        let cases = [
            (year, w(None, date(2021, 1, 1)), true), // until the span's first day
            (year, w(None, date(2020, 12, 31)), false), // until the day before
            (year, w(None, date(2022, 3, 1)), true),
            (year, w(Some(date(2020, 12, 20)), date(2021, 1, 1)), true),
            (year, w(Some(date(2020, 12, 20)), date(2020, 12, 31)), false),
            (year, w(Some(date(2021, 12, 31)), date(2022, 1, 5)), true),
            (year, w(Some(date(2022, 1, 1)), date(2022, 1, 5)), false),
            (year, w(Some(date(2020, 1, 1)), date(2022, 1, 1)), true), // spans the whole year
            (year, m(date(2021, 1, 1)), true),
            (year, m(date(2021, 12, 31)), true),
            (year, m(date(2020, 12, 31)), false),
            (year, m(date(2022, 1, 1)), false),
            // A window with no start reaches back.
            (
                span(date(2020, 1, 1), date(2020, 2, 1)),
                w(None, date(2021, 3, 31)),
                true,
            ),
            (
                span(date(2021, 4, 1), date(2021, 5, 1)),
                w(None, date(2021, 3, 31)),
                false,
            ),
            (
                span(date(2021, 3, 31), date(2021, 3, 31)),
                m(date(2021, 3, 31)),
                true,
            ),
            (
                span(date(2021, 4, 1), date(2021, 5, 1)),
                m(date(2021, 3, 31)),
                false,
            ),
        ];
        for (within, kind, want) in cases {
            let p = Phase::new("p", kind, 1);
            assert_eq!(within.touches(&p), want, "{kind:?} in {within:?}");
        }
    }
}
