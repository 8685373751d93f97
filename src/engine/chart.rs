//! What a picture of the schedule shows over a span of days: the Mermaid chart `render` writes
//! and the SVG timeline `export svg` writes. Pure: `today` is an argument.
//!
//! - The phases drawn are those with a day in the span ([`crate::engine::span::Span::touches`]),
//!   each with its state on `today`, in file order (cycles in their rule's place).
//! - A window is drawn over the days it has in the span: from its first day, or the span's first
//!   day when it starts earlier or has no start (`until`), to its last day, or the span's last
//!   day when it goes on. Both ends are included; `before` and `after` say that it was cut.
//! - A milestone or a key date is drawn on its one day.
//! - A date to be announced is on no day. A window whose end is to be announced is drawn to the
//!   span's last day, open there (`open`); a milestone or key date to be announced is a row of
//!   its own kind ([`Shape::Tba`]), in its place, which a picture marks "to be announced" (the
//!   Mermaid chart, which can only place a task on a day, leaves it out).
//! - Days are also given as offsets from the span's first day (0 for that day), so a picture maps
//!   them to positions without any date arithmetic of its own; so are the first days of the
//!   months on the span's axis, and, for spans of up to [`DAY_AXIS_DAYS`] days, every day.
//! - Rows come in groups, each with an optional heading: [`by_year`] makes one group per
//!   calendar year of the rows' first drawn days (the Mermaid chart's sections), [`one_group`]
//!   a single group without a heading.

use chrono::{Datelike, Months, NaiveDate};

use crate::dates::days_between;
use crate::engine::evaluate::State;
use crate::engine::overdue::Part;
use crate::engine::span::Span;
use crate::schedule::model::Schedule;
use crate::schedule::phase::{EventKind, Kind, Phase, When};

/// Spans of at most this many days get an axis of days as well as months.
pub(crate) const DAY_AXIS_DAYS: i64 = 62;

/// A picture's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chart {
    pub(crate) span: Span,
    /// Days in the span, at least 1.
    pub(crate) days: i64,
    pub(crate) today: NaiveDate,
    /// Today's offset from the span's first day, when today is in the span.
    pub(crate) today_at: Option<i64>,
    pub(crate) groups: Vec<Group>,
    /// The span's first day, then the first day of every later month that starts in the span.
    pub(crate) months: Vec<Mark>,
    /// Every day of the span, for spans of up to [`DAY_AXIS_DAYS`] days; empty otherwise.
    pub(crate) day_axis: Vec<Mark>,
}

/// A day on an axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub(crate) date: NaiveDate,
    /// Offset from the span's first day.
    pub(crate) at: i64,
    pub(crate) year: i32,
    /// 1 to 12.
    pub(crate) month: u32,
    /// 1 to 31.
    pub(crate) day: u32,
}

/// Rows under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Group {
    /// `None` for a group drawn without a heading.
    pub(crate) heading: Option<String>,
    pub(crate) rows: Vec<Row>,
}

/// One phase as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) phase: Phase,
    pub(crate) state: State,
    pub(crate) shape: Shape,
}

/// What a row draws, with its days and their offsets from the span's first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A window's days within the span, `first` to `last`, both included.
    Bar {
        first: NaiveDate,
        last: NaiveDate,
        from: i64,
        to: i64,
        /// The window starts before the span, or has no start.
        before: bool,
        /// The window ends after the span (or its end is to be announced).
        after: bool,
        /// The window's end is to be announced: it goes on past every day drawn.
        open: bool,
    },
    Milestone {
        due: NaiveDate,
        at: i64,
    },
    Date {
        on: NaiveDate,
        at: i64,
    },
    /// A milestone (`Due`) or a key date (`KeyDate`) to be announced: on no day.
    Tba {
        event: EventKind,
    },
}

impl Shape {
    /// The first day drawn; `None` for a date to be announced.
    pub(crate) fn first(&self) -> Option<NaiveDate> {
        match *self {
            Shape::Bar { first, .. } => Some(first),
            Shape::Milestone { due: d, .. } | Shape::Date { on: d, .. } => Some(d),
            Shape::Tba { .. } => None,
        }
    }

    /// The last day drawn; `None` for a date to be announced.
    pub(crate) fn last(&self) -> Option<NaiveDate> {
        match *self {
            Shape::Bar { last, .. } => Some(last),
            Shape::Milestone { due: d, .. } | Shape::Date { on: d, .. } => Some(d),
            Shape::Tba { .. } => None,
        }
    }
}

impl Chart {
    /// Every row, group after group.
    pub(crate) fn rows(&self) -> impl Iterator<Item = &Row> {
        self.groups.iter().flat_map(|g| &g.rows)
    }
}

/// How many rows a picture of `span` would have, counted no further than `limit + 1`: so a
/// picture of a dense cadence over centuries is refused before anything is drawn.
pub(crate) fn rows_up_to(parts: &[Part], span: Span, limit: usize) -> usize {
    parts
        .iter()
        .flat_map(|p| {
            p.schedule
                .phases_in(span.from, span.to)
                .filter(move |phase| span.touches(phase))
        })
        .take(limit.saturating_add(1))
        .count()
}

/// The rows of every phase with a day in `span`, with their states on `today`, in file order.
pub(crate) fn rows(schedule: &Schedule, today: NaiveDate, span: Span) -> Vec<Row> {
    crate::engine::doc_table::rows(schedule, today, span)
        .into_iter()
        .map(|(phase, state)| row(phase, state, span))
        .collect()
}

/// One phase with a day in `span`, as drawn.
pub(crate) fn row(phase: Phase, state: State, span: Span) -> Row {
    let at = |d: NaiveDate| days_between(span.from, d);
    let shape = match phase.kind {
        Kind::Window { start, end } => {
            let first = start.map_or(span.from, |s| s.max(span.from));
            let last = end.date().map_or(span.to, |e| e.min(span.to));
            Shape::Bar {
                first,
                last,
                from: at(first),
                to: at(last),
                before: start.is_none_or(|s| s < span.from),
                after: end > When::On(span.to),
                open: end.is_tba(),
            }
        }
        Kind::Milestone {
            due: When::On(due), ..
        } => Shape::Milestone { due, at: at(due) },
        Kind::KeyDate { on: When::On(on) } => Shape::Date { on, at: at(on) },
        Kind::Milestone { due: When::Tba, .. } => Shape::Tba {
            event: EventKind::Due,
        },
        Kind::KeyDate { on: When::Tba } => Shape::Tba {
            event: EventKind::KeyDate,
        },
    };
    Row {
        phase,
        state,
        shape,
    }
}

/// One group per calendar year of the rows' first drawn days, years in order, rows in their
/// order within each, headed by the year; rows to be announced, on no day, are left out (the
/// Mermaid chart, which groups by year, can only place a task on a day).
pub(crate) fn by_year(rows: Vec<Row>) -> Vec<Group> {
    let mut groups: Vec<(i32, Vec<Row>)> = Vec::new();
    for row in rows {
        let Some(first) = row.shape.first() else {
            continue;
        };
        let year = first.year();
        match groups.iter_mut().find(|(y, _)| *y == year) {
            Some((_, rows)) => rows.push(row),
            None => groups.push((year, vec![row])),
        }
    }
    groups.sort_by_key(|(y, _)| *y);
    groups
        .into_iter()
        .map(|(year, rows)| Group {
            heading: Some(year.to_string()),
            rows,
        })
        .collect()
}

/// One group per document, headed by its name, each document's rows on its own today in file
/// order; a document with nothing in the span has no group.
pub(crate) fn by_document(parts: &[Part], names: &[String], span: Span) -> Vec<Group> {
    parts
        .iter()
        .zip(names)
        .map(|(p, name)| Group {
            heading: Some(name.clone()),
            rows: rows(p.schedule, p.today, span),
        })
        .filter(|g| !g.rows.is_empty())
        .collect()
}

/// All rows in one group without a heading.
pub(crate) fn one_group(rows: Vec<Row>) -> Vec<Group> {
    vec![Group {
        heading: None,
        rows,
    }]
}

/// The picture of `groups` over `span` on `today`, with its axis.
pub(crate) fn chart(span: Span, today: NaiveDate, groups: Vec<Group>) -> Chart {
    let days = days_between(span.from, span.to) + 1;
    let mark = |d: NaiveDate| Mark {
        date: d,
        at: days_between(span.from, d),
        year: d.year(),
        month: d.month(),
        day: d.day(),
    };
    let mut months = vec![mark(span.from)];
    let mut m = span.from.with_day(1).unwrap_or(span.from);
    while let Some(next) = m.checked_add_months(Months::new(1)) {
        if next > span.to {
            break;
        }
        months.push(mark(next));
        m = next;
    }
    let day_axis = if days <= DAY_AXIS_DAYS {
        span.from
            .iter_days()
            .take_while(|d| *d <= span.to)
            .map(mark)
            .collect()
    } else {
        Vec::new()
    };
    Chart {
        span,
        days,
        today,
        today_at: span.contains(today).then(|| days_between(span.from, today)),
        groups,
        months,
        day_axis,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    fn span(from: NaiveDate, to: NaiveDate) -> Span {
        Span { from, to }
    }

    fn window(name: &str, start: Option<NaiveDate>, end: NaiveDate) -> Phase {
        Phase::new(
            name,
            Kind::Window {
                start,
                end: end.into(),
            },
            1,
        )
    }

    #[test]
    fn windows_are_cut_at_the_span() {
        let year = span(date(2021, 1, 1), date(2021, 12, 31));
        let cases = [
            // June 14 - June 30: 17 days, offsets 164 to 180.
            (
                window("q2", Some(date(2021, 6, 14)), date(2021, 6, 30)),
                (date(2021, 6, 14), date(2021, 6, 30), 164, 180, false, false),
            ),
            (
                window("until", None, date(2021, 3, 31)),
                (date(2021, 1, 1), date(2021, 3, 31), 0, 89, true, false),
            ),
            (
                window("winter", Some(date(2020, 12, 20)), date(2022, 1, 10)),
                (date(2021, 1, 1), date(2021, 12, 31), 0, 364, true, true),
            ),
            (
                window("last day", Some(date(2021, 12, 31)), date(2021, 12, 31)),
                (
                    date(2021, 12, 31),
                    date(2021, 12, 31),
                    364,
                    364,
                    false,
                    false,
                ),
            ),
        ];
        for (phase, want) in cases {
            let name = phase.name.clone();
            let got = row(phase, State::Upcoming, year).shape;
            let (first, last, from, to, before, after) = want;
            assert_eq!(
                got,
                Shape::Bar {
                    first,
                    last,
                    from,
                    to,
                    before,
                    after,
                    open: false,
                },
                "{name}"
            );
            if let Shape::Bar { from, to, .. } = got
                && name == "q2"
            {
                assert_eq!(to - from + 1, 17, "June 14 - June 30 is 17 days");
            }
        }
        let due = Phase::new(
            "m",
            Kind::Milestone {
                due: date(2021, 3, 31).into(),
                done: None,
            },
            2,
        );
        assert_eq!(
            row(due, State::Overdue, year).shape,
            Shape::Milestone {
                due: date(2021, 3, 31),
                at: 89
            }
        );
    }

    #[test]
    fn the_axis_has_every_month_and_short_spans_every_day() {
        let c = chart(
            span(date(2021, 3, 15), date(2022, 2, 28)),
            date(2021, 6, 20),
            Vec::new(),
        );
        assert_eq!(c.days, 351);
        assert_eq!(c.today_at, Some(97));
        let months: Vec<(i64, i32, u32, u32)> = c
            .months
            .iter()
            .map(|m| (m.at, m.year, m.month, m.day))
            .collect();
        assert_eq!(months.len(), 12);
        assert_eq!(months[0], (0, 2021, 3, 15));
        assert_eq!(months[1], (17, 2021, 4, 1));
        assert_eq!(months[10], (292, 2022, 1, 1));
        assert!(c.day_axis.is_empty());

        let one = chart(
            span(date(2021, 6, 20), date(2021, 6, 20)),
            date(2021, 6, 21),
            Vec::new(),
        );
        assert_eq!((one.days, one.today_at), (1, None));
        assert_eq!(one.months.len(), 1);
        assert_eq!(one.day_axis.len(), 1);
        assert_eq!(one.day_axis[0].day, 20);

        // Fifty years: 600 months, no day axis, and the calendar's last day is reached.
        let long = chart(
            span(date(1990, 1, 1), date(2039, 12, 31)),
            date(2021, 6, 20),
            Vec::new(),
        );
        assert_eq!(long.months.len(), 600);
        assert_eq!(long.days, 18_262);
        let end = chart(
            span(date(9999, 11, 20), date(9999, 12, 31)),
            date(9999, 12, 31),
            Vec::new(),
        );
        assert_eq!(end.months.len(), 2);
        assert_eq!(
            end.day_axis.last().map(|m| m.date),
            Some(date(9999, 12, 31))
        );
        assert_eq!(end.today_at, Some(41));
    }

    #[test]
    fn groups_by_year_keep_file_order() {
        let wide = span(date(2020, 12, 1), date(2021, 1, 31));
        let rows: Vec<Row> = [
            window("a 2021", Some(date(2021, 1, 5)), date(2021, 1, 9)),
            window("b 2020", Some(date(2020, 12, 5)), date(2021, 1, 9)),
            window("c 2021", None, date(2021, 1, 20)),
            window("d 2020", Some(date(2020, 12, 30)), date(2020, 12, 31)),
        ]
        .into_iter()
        .map(|p| row(p, State::Upcoming, wide))
        .collect();
        let groups = by_year(rows);
        let shown: Vec<(Option<&str>, Vec<&str>)> = groups
            .iter()
            .map(|g| {
                (
                    g.heading.as_deref(),
                    g.rows.iter().map(|r| r.phase.name.as_str()).collect(),
                )
            })
            .collect();
        // The `until` window is drawn from the span's first day, in 2020.
        assert_eq!(
            shown,
            [
                (Some("2020"), vec!["b 2020", "c 2021", "d 2020"]),
                (Some("2021"), vec!["a 2021"])
            ]
        );
        assert_eq!(one_group(Vec::new())[0].heading, None);
    }

    #[test]
    fn the_bundled_schedule_in_2021() {
        let s =
            crate::schedule::portfolio::from_file(std::path::Path::new("schedule.toml")).unwrap();
        let today = date(2021, 6, 20);
        let year = Span::calendar_year(today, None, None).unwrap();
        let c = chart(year, today, by_year(rows(&s, today, year)));
        assert_eq!(c.groups.len(), 1);
        assert_eq!(c.groups[0].heading.as_deref(), Some("2021"));
        let states: Vec<&str> = c.rows().map(|r| r.state.as_str()).collect();
        assert_eq!(
            states,
            [
                "past", "overdue", "current", "upcoming", "upcoming", "upcoming", "upcoming",
                "upcoming"
            ]
        );
        assert_eq!(c.today_at, Some(170));
    }
}
