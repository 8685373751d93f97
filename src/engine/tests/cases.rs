//! Table-driven engine tests at the boundaries: first and last day of a window, due today, the
//! day after, done dates, month ends, leap days and year ends.

use chrono::NaiveDate;

use crate::dates::{Days, date, days_between};
use crate::engine::evaluate::{State, evaluate, state_of};
use crate::schedule::model::Schedule;
use crate::schedule::phase::EventKind;
use crate::schedule::phase::{Kind, Phase};

fn window(name: &str, start: NaiveDate, end: NaiveDate, line: usize) -> Phase {
    Phase::new(
        name,
        Kind::Window {
            start: Some(start),
            end: end.into(),
        },
        line,
    )
}

fn until(name: &str, end: NaiveDate, line: usize) -> Phase {
    Phase::new(
        name,
        Kind::Window {
            start: None,
            end: end.into(),
        },
        line,
    )
}

fn milestone(name: &str, due: NaiveDate, done: Option<NaiveDate>, line: usize) -> Phase {
    Phase::new(
        name,
        Kind::Milestone {
            due: due.into(),
            done,
        },
        line,
    )
}

fn schedule(phases: Vec<Phase>) -> Schedule {
    Schedule {
        phases,
        ..Schedule::default()
    }
}

#[test]
fn window_states_at_its_edges() {
    let w = window("w", date(2024, 2, 28), date(2024, 3, 1), 1);
    let cases = [
        (date(2024, 2, 27), State::Upcoming),
        (date(2024, 2, 28), State::Current),
        (date(2024, 2, 29), State::Current),
        (date(2024, 3, 1), State::Current),
        (date(2024, 3, 2), State::Past),
    ];
    for (today, want) in cases {
        assert_eq!(state_of(&w, today), want, "{today}");
    }
    let u = until("u", date(2021, 12, 31), 1);
    for (today, want) in [
        (date(1900, 1, 1), State::Current),
        (date(2021, 12, 31), State::Current),
        (date(2022, 1, 1), State::Past),
    ] {
        assert_eq!(state_of(&u, today), want, "{today}");
    }
}

#[test]
fn milestone_states_and_done_from_its_own_date() {
    // Planned for Oct 1, shipped Oct 7.
    let m = milestone("release", date(2021, 10, 1), Some(date(2021, 10, 7)), 1);
    let cases = [
        (date(2021, 9, 30), State::Upcoming),
        (date(2021, 10, 1), State::Upcoming),
        (date(2021, 10, 2), State::Overdue),
        (date(2021, 10, 3), State::Overdue),
        (date(2021, 10, 6), State::Overdue),
        (date(2021, 10, 7), State::Done),
        (date(2022, 1, 1), State::Done),
    ];
    for (today, want) in cases {
        assert_eq!(state_of(&m, today), want, "{today}");
    }
    // Done early: done from the done date, before the due date.
    let early = milestone("early", date(2021, 10, 1), Some(date(2021, 9, 20)), 1);
    assert_eq!(state_of(&early, date(2021, 9, 19)), State::Upcoming);
    assert_eq!(state_of(&early, date(2021, 9, 20)), State::Done);
}

#[test]
fn overdue_counts_whole_days() {
    let s = schedule(vec![
        milestone("leap", date(2024, 2, 28), None, 1),
        milestone("year end", date(2021, 12, 31), None, 2),
        milestone(
            "shipped late",
            date(2021, 10, 1),
            Some(date(2021, 10, 7)),
            3,
        ),
    ]);
    let cases: [(NaiveDate, &[(&str, i64)]); 6] = [
        (date(2021, 12, 31), &[("shipped late", 0)][..0]),
        (date(2022, 1, 1), &[("year end", 1)]),
        (date(2021, 10, 3), &[("shipped late", 2)]),
        (date(2024, 2, 29), &[("year end", 790), ("leap", 1)]),
        (date(2024, 3, 1), &[("year end", 791), ("leap", 2)]),
        (date(2021, 10, 7), &[]),
    ];
    for (today, want) in cases {
        let r = evaluate(&s, today, Days(30));
        let overdue = r.overdue.iter().collect::<Vec<_>>();
        let got: Vec<(&str, i64)> = overdue
            .iter()
            .map(|o| (o.phase.name.as_str(), o.days_overdue))
            .collect();
        assert_eq!(got, want, "{today}");
        for o in &overdue {
            assert_eq!(days_between(o.due, today), o.days_overdue);
        }
    }
}

#[test]
fn upcoming_horizon_is_inclusive_and_falls_back_to_the_next_date() {
    let s = schedule(vec![
        milestone("a", date(2021, 1, 31), None, 1),
        window("b", date(2021, 3, 1), date(2021, 3, 10), 2),
        milestone("c", date(2021, 3, 1), None, 3),
        milestone("d", date(2021, 3, 10), None, 4),
    ]);
    type Row<'a> = (&'a str, EventKind, i64);
    let cases: [(NaiveDate, u32, bool, &[Row]); 5] = [
        // Exactly at the horizon's last day: included.
        (date(2021, 1, 1), 30, false, &[("a", EventKind::Due, 30)]),
        // One day short: the first later date instead.
        (date(2021, 1, 1), 29, true, &[("a", EventKind::Due, 30)]),
        // Due today is upcoming, "today".
        (date(2021, 1, 31), 0, false, &[("a", EventKind::Due, 0)]),
        // Nothing within 7 days: every event of the first later date, in file order.
        (
            date(2021, 2, 1),
            7,
            true,
            &[("b", EventKind::Start, 28), ("c", EventKind::Due, 28)],
        ),
        // The last day of a window and a milestone on it.
        (
            date(2021, 3, 5),
            5,
            false,
            &[("b", EventKind::End, 5), ("d", EventKind::Due, 5)],
        ),
    ];
    for (today, horizon, beyond, want) in cases {
        let r = evaluate(&s, today, Days(horizon));
        let got: Vec<Row> = r
            .upcoming
            .iter()
            .map(|u| (u.phase.name.as_str(), u.event, u.days_until))
            .collect();
        assert_eq!(got, want, "{today} +{horizon}");
        assert_eq!(r.beyond_horizon, beyond, "{today} +{horizon}");
    }
}

#[test]
fn one_day_window_starts_before_it_ends_and_done_milestones_have_no_event() {
    let s = schedule(vec![
        milestone("shipped", date(2021, 5, 1), Some(date(2021, 4, 20)), 1),
        window("one day", date(2021, 5, 1), date(2021, 5, 1), 2),
    ]);
    let r = evaluate(&s, date(2021, 4, 25), Days(30));
    let got: Vec<(&str, EventKind)> = r
        .upcoming
        .iter()
        .map(|u| (u.phase.name.as_str(), u.event))
        .collect();
    assert_eq!(
        got,
        [("one day", EventKind::Start), ("one day", EventKind::End)]
    );
    // Before it was done, the milestone's due date was an event.
    let r = evaluate(&s, date(2021, 4, 19), Days(30));
    assert_eq!(r.upcoming[0].phase.name, "shipped");
}

#[test]
fn current_reports_day_of_length() {
    let s = schedule(vec![
        window("q2", date(2021, 6, 14), date(2021, 6, 30), 1),
        until("drafting", date(2021, 6, 20), 2),
    ]);
    let r = evaluate(&s, date(2021, 6, 20), Days(30));
    let got: Vec<_> = r
        .current
        .iter()
        .map(|c| (c.phase.name.as_str(), c.day, c.length, c.days_left))
        .collect();
    assert_eq!(
        got,
        [
            ("q2", Some(7), Some(17), Some(10)),
            ("drafting", None, None, Some(0))
        ]
    );
    let r = evaluate(&s, date(2021, 6, 14), Days(30));
    assert_eq!((r.current[0].day, r.current[0].length), (Some(1), Some(17)));
    let r = evaluate(&s, date(2021, 6, 30), Days(30));
    assert_eq!(r.current.len(), 1);
    assert_eq!(
        (r.current[0].day, r.current[0].days_left),
        (Some(17), Some(0))
    );
}

#[test]
fn an_empty_schedule_has_nothing() {
    let empty = Schedule::default();
    let r = evaluate(&empty, date(2021, 1, 1), Days(30));
    assert!(r.current.is_empty() && r.upcoming.is_empty() && r.overdue.is_empty());
    assert!(!r.beyond_horizon);
}

#[test]
fn the_calendars_edges_do_not_overflow() {
    let s = schedule(vec![
        milestone("first", date(1, 1, 1), None, 1),
        window("last", date(9999, 12, 1), date(9999, 12, 31), 2),
    ]);
    let r = evaluate(&s, date(9999, 12, 31), Days(36_525));
    assert_eq!(r.current.len(), 1);
    assert_eq!(
        r.overdue.iter().collect::<Vec<_>>()[0].days_overdue,
        days_between(date(1, 1, 1), date(9999, 12, 31))
    );
    let r = evaluate(&s, date(1, 1, 1), Days(0));
    assert_eq!(r.upcoming[0].phase.name, "first");
}
