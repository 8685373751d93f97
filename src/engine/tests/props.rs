//! Property tests of the date engine (its module doc is the contract): for random schedules and
//! random days it never panics, and what it reports agrees with a plain reading of the rules,
//! computed here phase by phase without the engine's own helpers.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::dates::{Days, add_days, date, days_between};
use crate::engine::evaluate::{State, evaluate, state_of, states};
use crate::schedule::model::Schedule;
use crate::schedule::phase::EventKind;
use crate::schedule::phase::{Kind, Phase};

/// `to - from` in days, counted one day at a time (no subtraction of dates).
fn walk(from: NaiveDate, to: NaiveDate) -> i64 {
    let (mut d, mut n, step) = if from <= to {
        (from, 0, 1)
    } else {
        (to, 0, -1)
    };
    let end = from.max(to);
    while d < end {
        d = d.succ_opt().unwrap();
        n += 1;
    }
    n * step
}

/// Days that often go wrong: month ends, leap days, year ends, and the days around them.
fn tricky_day() -> impl Strategy<Value = NaiveDate> {
    let days = [
        date(2020, 2, 28),
        date(2020, 2, 29),
        date(2021, 2, 28),
        date(2000, 2, 29),
        date(2100, 2, 28),
        date(2021, 1, 31),
        date(2021, 4, 30),
        date(2021, 6, 30),
        date(2021, 12, 31),
        date(2022, 1, 1),
        date(2023, 12, 31),
        date(2024, 12, 31),
    ];
    (proptest::sample::select(days.to_vec()), -2i64..=2).prop_map(|(d, k)| add_days(d, k))
}

/// Days from 1999 to 2031, with the tricky ones more often than chance would pick them.
fn day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        2 => (0i64..12_000).prop_map(|n| add_days(date(1999, 1, 1), n)),
        1 => tricky_day(),
    ]
}

#[derive(Debug, Clone)]
enum Shape {
    Window(NaiveDate, i64),
    Until(NaiveDate),
    Milestone(NaiveDate, Option<i64>),
    Date(NaiveDate),
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        (day(), prop_oneof![0i64..3, 0i64..120]).prop_map(|(s, len)| Shape::Window(s, len)),
        day().prop_map(Shape::Until),
        (day(), proptest::option::of(-40i64..80)).prop_map(|(d, done)| Shape::Milestone(d, done)),
        day().prop_map(Shape::Date),
    ]
}

/// A schedule of written phases in file order, with unique names and increasing lines.
fn schedule() -> impl Strategy<Value = Schedule> {
    proptest::collection::vec(shape(), 0..24).prop_map(|shapes| {
        let phases = shapes
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let kind = match s {
                    Shape::Window(start, len) => Kind::Window {
                        start: Some(start),
                        end: add_days(start, len).into(),
                    },
                    Shape::Until(end) => Kind::Window {
                        start: None,
                        end: end.into(),
                    },
                    Shape::Milestone(due, done) => Kind::Milestone {
                        due: due.into(),
                        done: done.map(|k| add_days(due, k)),
                    },
                    Shape::Date(on) => Kind::KeyDate { on: on.into() },
                };
                Phase::new(format!("phase {i}"), kind, 4 * i + 2)
            })
            .collect();
        Schedule {
            phases,
            ..Schedule::default()
        }
    })
}

fn horizon() -> impl Strategy<Value = Days> {
    prop_oneof![4 => 0u32..60, 1 => 0u32..=36_525].prop_map(Days)
}

/// The events of a phase on `today`, read straight from the rules.
fn events(p: &Phase, today: NaiveDate) -> Vec<(NaiveDate, EventKind)> {
    match p.kind {
        Kind::Window { start, end } => start
            .map(|s| (s, EventKind::Start))
            .into_iter()
            .chain(end.date().map(|e| (e, EventKind::End)))
            .collect(),
        Kind::Milestone { due, done } => match done {
            Some(d) if d <= today => vec![],
            _ => due
                .date()
                .map(|d| (d, EventKind::Due))
                .into_iter()
                .collect(),
        },
        Kind::KeyDate { on } => on
            .date()
            .map(|d| (d, EventKind::KeyDate))
            .into_iter()
            .collect(),
    }
}

fn contains(p: &Phase, today: NaiveDate) -> bool {
    matches!(p.kind, Kind::Window { start, end } if start.is_none_or(|s| s <= today) && end >= today)
}

fn is_overdue(p: &Phase, today: NaiveDate) -> bool {
    matches!(p.kind, Kind::Milestone { due, done } if due < today && done.is_none_or(|d| d > today))
}

type Key = (NaiveDate, String, EventKind);

// proptest's default of 256 cases a run, so `cargo test` stays quick; `PROPTEST_CASES=5000
// cargo test` looks further, and the fuzz targets further still.
proptest! {

    #[test]
    fn current_holds_exactly_the_windows_that_contain_today(s in schedule(), today in day(), h in horizon()) {
        let r = evaluate(&s, today, h);
        let got: Vec<&str> = r.current.iter().map(|c| c.phase.name.as_str()).collect();
        let want: Vec<&str> = s.phases.iter().filter(|p| contains(p, today)).map(|p| p.name.as_str()).collect();
        prop_assert_eq!(got, want);
        for c in &r.current {
            prop_assert!(c.start.is_none_or(|st| st <= today) && c.end >= today);
            prop_assert_eq!(c.days_left, c.end.date().map(|e| walk(today, e)));
            if let Some(st) = c.start {
                prop_assert_eq!(c.day, Some(walk(st, today) + 1));
                prop_assert_eq!(c.length, c.end.date().map(|e| walk(st, e) + 1));
                prop_assert!(c.day.unwrap() >= 1 && c.day <= c.length);
            } else { prop_assert_eq!((c.day, c.length), (None, None)) }
        }
    }

    #[test]
    fn overdue_holds_exactly_the_milestones_due_before_today_and_not_done(s in schedule(), today in day(), h in horizon()) {
        let r = evaluate(&s, today, h);
        let overdue = r.overdue.iter().collect::<Vec<_>>();
        let got: BTreeSet<&str> = overdue.iter().map(|o| o.phase.name.as_str()).collect();
        let want: BTreeSet<&str> = s.phases.iter().filter(|p| is_overdue(p, today)).map(|p| p.name.as_str()).collect();
        prop_assert_eq!(got, want);
        for o in &overdue {
            prop_assert!(o.due < today);
            prop_assert_eq!(o.days_overdue, walk(o.due, today));
            prop_assert!(o.days_overdue >= 1);
        }
        let keys: Vec<_> = overdue.iter().map(|o| (o.due, o.phase.order())).collect();
        prop_assert!(keys.is_sorted(), "oldest first: {:?}", keys);
    }

    #[test]
    fn upcoming_is_sorted_and_within_the_horizon_or_on_the_first_later_date(s in schedule(), today in day(), h in horizon()) {
        let r = evaluate(&s, today, h);
        let last = add_days(today, h.get());
        let keys: Vec<_> = r.upcoming.iter().map(|u| (u.date, u.phase.order(), u.event)).collect();
        prop_assert!(keys.is_sorted(), "sorted by date, order, event: {:?}", keys);
        for u in &r.upcoming {
            prop_assert_eq!(u.days_until, walk(today, u.date));
            prop_assert!(u.date >= today);
        }

        let all: Vec<(Key, usize)> = s.phases.iter().enumerate().flat_map(|(i, p)| {
            events(p, today).into_iter().map(move |(d, e)| ((d, p.name.clone(), e), i))
        }).collect();
        let got: BTreeSet<Key> = r.upcoming.iter().map(|u| (u.date, u.phase.name.clone(), u.event)).collect();
        let within: BTreeSet<Key> = all.iter().map(|(k, _)| k.clone()).filter(|k| k.0 >= today && k.0 <= last).collect();
        if within.is_empty() {
            let first_later = all.iter().map(|(k, _)| k.0).filter(|&d| d > last).min();
            let want: BTreeSet<Key> = all.iter().map(|(k, _)| k.clone()).filter(|k| Some(k.0) == first_later).collect();
            prop_assert_eq!(&got, &want);
            prop_assert_eq!(r.beyond_horizon, !want.is_empty());
        } else {
            prop_assert_eq!(&got, &within);
            prop_assert!(!r.beyond_horizon);
        }
    }

    #[test]
    fn state_of_agrees_with_current_and_overdue(s in schedule(), today in day(), h in horizon()) {
        let r = evaluate(&s, today, h);
        let current: BTreeSet<&str> = r.current.iter().map(|c| c.phase.name.as_str()).collect();
        let all_overdue = r.overdue.iter().collect::<Vec<_>>();
        let overdue: BTreeSet<&str> = all_overdue.iter().map(|o| o.phase.name.as_str()).collect();
        let from = add_days(today, -400);
        let to = add_days(today, 400);
        let rows = states(&s, today, from, to);
        prop_assert_eq!(rows.len(), s.phases.len());
        for (p, state) in &rows {
            prop_assert_eq!(*state, state_of(p, today));
            let name = p.name.as_str();
            // The current phases of a report are windows; a key date is current on its day only
            // in the list of phases.
            let window = matches!(p.kind, Kind::Window { .. });
            prop_assert_eq!(*state == State::Current && window, current.contains(name));
            prop_assert_eq!(*state == State::Overdue, overdue.contains(name));
            prop_assert_eq!(*state == State::Done, p.is_done_by(today));
            let want = match p.kind {
                Kind::Window { end, .. } if end < today => State::Past,
                Kind::Window { .. } if contains(p, today) => State::Current,
                Kind::Window { .. } => State::Upcoming,
                Kind::Milestone { .. } if p.is_done_by(today) => State::Done,
                Kind::Milestone { .. } if is_overdue(p, today) => State::Overdue,
                Kind::Milestone { .. } => State::Upcoming,
                // A key date is never overdue.
                Kind::KeyDate { on } if on < today => State::Past,
                Kind::KeyDate { on } if on == today => State::Current,
                Kind::KeyDate { .. } => State::Upcoming,
            };
            prop_assert_eq!(*state, want);
        }
    }

    #[test]
    fn day_arithmetic_matches_counting_days(a in day(), b in day()) {
        let n = days_between(a, b);
        prop_assert_eq!(n, walk(a, b));
        prop_assert_eq!(add_days(a, n), b);
        prop_assert_eq!(days_between(b, a), -n);
    }

    /// Near the calendar's ends the engine saturates instead of overflowing.
    #[test]
    fn never_panics_at_the_ends_of_the_calendar(
        shift in -40i64..40,
        len in 0i64..40,
        h in horizon(),
        at_end in any::<bool>(),
    ) {
        let edge = if at_end { NaiveDate::MAX } else { NaiveDate::MIN };
        let start = add_days(edge, if at_end { -len - 1 } else { 0 });
        let s = Schedule {
            phases: vec![
                Phase::new("w", Kind::Window { start: Some(start), end: add_days(start, len).into() }, 2),
                Phase::new("m", Kind::Milestone { due: edge.into(), done: None }, 6),
                Phase::new("u", Kind::Window { start: None, end: edge.into() }, 9),
            ],
            ..Schedule::default()
        };
        let today = add_days(edge, shift);
        let r = evaluate(&s, today, h);
        prop_assert!(r.upcoming.iter().all(|u| u.date >= today));
        let _ = states(&s, today, NaiveDate::MIN, NaiveDate::MAX);
    }
}

/// Regression and sanity: the days between a milestone and a day after it, across the ends of
/// months, leap days and years, as a reader would count them.
#[test]
fn overdue_days_across_month_leap_and_year_ends() {
    let cases = [
        (date(2021, 1, 31), date(2021, 2, 1), 1),
        (date(2020, 2, 28), date(2020, 3, 1), 2),
        (date(2021, 2, 28), date(2021, 3, 1), 1),
        (date(2021, 12, 31), date(2022, 1, 1), 1),
        (date(2021, 6, 30), date(2021, 7, 1), 1),
        (date(2021, 3, 31), date(2021, 6, 20), 81),
    ];
    for (due, today, days) in cases {
        let s = Schedule {
            phases: vec![Phase::new(
                "m",
                Kind::Milestone {
                    due: due.into(),
                    done: None,
                },
                2,
            )],
            ..Schedule::default()
        };
        let r = evaluate(&s, today, Days(30));
        assert_eq!(
            r.overdue.iter().collect::<Vec<_>>()[0].days_overdue,
            days,
            "{due} -> {today}"
        );
    }
}

/// Many milestones delivered early and due after the horizon must not hide the next event.
#[test]
fn next_event_is_found_past_many_early_deliveries() {
    let today = date(2021, 6, 20);
    let mut phases: Vec<Phase> = (0..100)
        .map(|i| {
            let due = add_days(date(2021, 9, 1), i);
            Phase::new(
                format!("early {i}"),
                Kind::Milestone {
                    due: due.into(),
                    done: Some(today),
                },
                4 * i as usize + 2,
            )
        })
        .collect();
    let start = date(2022, 1, 10);
    phases.push(Phase::new(
        "next",
        Kind::Window {
            start: Some(start),
            end: date(2022, 1, 20).into(),
        },
        1000,
    ));
    let s = Schedule {
        phases,
        ..Schedule::default()
    };
    let r = evaluate(&s, today, Days(30));
    assert!(r.beyond_horizon);
    let got: Vec<_> = r
        .upcoming
        .iter()
        .map(|u| (u.date, u.phase.name.as_str()))
        .collect();
    assert_eq!(got, [(start, "next")]);
}
