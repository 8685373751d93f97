//! The seed's schedule, every day of 2021, against a day-by-day oracle written from the seed's
//! table, plus the worked examples.

use chrono::{Datelike, NaiveDate};

use crate::dates::{Days, date};
use crate::engine::evaluate::evaluate;
use crate::schedule::model::Schedule;
use crate::schedule::phase::EventKind;

fn seed() -> Schedule {
    super::load("tests/fixtures/core/seed.toml")
}

const DRAFTING: &str = "Drafting initial stories and proposals";

/// The seed's table, as (name, start, end) windows and (name, due) milestones.
fn windows() -> Vec<(&'static str, Option<NaiveDate>, NaiveDate)> {
    vec![
        (DRAFTING, None, date(2021, 3, 31)),
        (
            "2021 Q2 revision process begins",
            Some(date(2021, 6, 14)),
            date(2021, 6, 30),
        ),
        (
            "2021 Q3 revision process begins",
            Some(date(2021, 9, 13)),
            date(2021, 9, 30),
        ),
        (
            "2021 Q4 revision process begins",
            Some(date(2021, 11, 29)),
            date(2021, 12, 10),
        ),
    ]
}

fn milestones() -> Vec<(&'static str, NaiveDate)> {
    vec![
        ("2021 Q1 revision published", date(2021, 3, 31)),
        ("2021 Q2 revision published", date(2021, 6, 30)),
        ("2021 Q3 revision published", date(2021, 9, 30)),
        ("2021 Q4 revision published", date(2021, 12, 10)),
    ]
}

/// Events on one day, in the seed's row order.
fn events_on(day: NaiveDate) -> Vec<(String, &'static str)> {
    let order = [
        DRAFTING,
        "2021 Q1 revision published",
        "2021 Q2 revision process begins",
        "2021 Q2 revision published",
        "2021 Q3 revision process begins",
        "2021 Q3 revision published",
        "2021 Q4 revision process begins",
        "2021 Q4 revision published",
    ];
    let mut out = Vec::new();
    for name in order {
        for (w, start, end) in windows() {
            if w == name {
                if start == Some(day) {
                    out.push((w.to_string(), "start"));
                }
                if end == day {
                    out.push((w.to_string(), "end"));
                }
            }
        }
        for (m, due) in milestones() {
            if m == name && due == day {
                out.push((m.to_string(), "due"));
            }
        }
    }
    out
}

#[test]
fn every_day_of_2021() {
    let s = seed();
    let mut today = date(2021, 1, 1);
    while today.year() == 2021 {
        let r = evaluate(&s, today, Days(30));

        let want_current: Vec<&str> = windows()
            .into_iter()
            .filter(|(_, start, end)| start.is_none_or(|s| s <= today) && today <= *end)
            .map(|(n, ..)| n)
            .collect();
        let got_current: Vec<&str> = r.current.iter().map(|c| c.phase.name.as_str()).collect();
        assert_eq!(got_current, want_current, "current on {today}");

        let want_overdue: Vec<(&str, i64)> = milestones()
            .into_iter()
            .filter(|(_, due)| *due < today)
            .map(|(n, due)| (n, (today - due).num_days()))
            .collect();
        let overdue = r.overdue.iter().collect::<Vec<_>>();
        let got_overdue: Vec<(&str, i64)> = overdue
            .iter()
            .map(|o| (o.phase.name.as_str(), o.days_overdue))
            .collect();
        assert_eq!(got_overdue, want_overdue, "overdue on {today}");

        // Day by day: events within 30 days, else those of the first later day with any.
        let mut want_upcoming = Vec::new();
        let mut day = today;
        while day <= date(2021, 12, 31) {
            let within = (day - today).num_days() <= 30;
            let events = events_on(day);
            if within || want_upcoming.is_empty() {
                for (n, e) in events {
                    want_upcoming.push((n, e, (day - today).num_days()));
                }
            }
            if !within && !want_upcoming.is_empty() {
                break;
            }
            day = day.succ_opt().unwrap();
        }
        let got_upcoming: Vec<(String, &str, i64)> = r
            .upcoming
            .iter()
            .map(|u| (u.phase.name.clone(), u.event.as_str(), u.days_until))
            .collect();
        assert_eq!(got_upcoming, want_upcoming, "upcoming on {today}");

        today = today.succ_opt().unwrap();
    }
}

#[test]
fn worked_examples() {
    let s = seed();
    // 2021-06-20: day 7 of 17 of the Q2 process; Q1 81 days overdue.
    let r = evaluate(&s, date(2021, 6, 20), Days(30));
    assert_eq!(r.current.len(), 1);
    assert_eq!((r.current[0].day, r.current[0].length), (Some(7), Some(17)));
    let up: Vec<_> = r.upcoming.iter().map(|u| (u.event, u.days_until)).collect();
    assert_eq!(up, [(EventKind::End, 10), (EventKind::Due, 10)]);
    assert_eq!(r.overdue.count(), 1);
    assert_eq!(r.overdue.iter().collect::<Vec<_>>()[0].days_overdue, 81);

    // 2021-07-01: Q1 92 days and Q2 1 day overdue; only the Q3 start, 74 days away.
    let r = evaluate(&s, date(2021, 7, 1), Days(30));
    let od: Vec<_> = r.overdue.iter().map(|o| o.days_overdue).collect();
    assert_eq!(od, [92, 1]);
    assert_eq!(r.upcoming.len(), 1);
    assert_eq!(r.upcoming[0].phase.name, "2021 Q3 revision process begins");
    assert_eq!(
        (r.upcoming[0].event, r.upcoming[0].days_until),
        (EventKind::Start, 74)
    );
    assert!(r.beyond_horizon);

    // 2021-03-31: drafting current, two events today, nothing overdue.
    let r = evaluate(&s, date(2021, 3, 31), Days(30));
    assert_eq!(r.current[0].phase.name, DRAFTING);
    let today: Vec<_> = r.upcoming.iter().filter(|u| u.days_until == 0).collect();
    assert_eq!(today.len(), 2);
    assert!(r.overdue.is_empty());

    // --within 2w is 14 days.
    let r = evaluate(&s, date(2021, 6, 1), "2w".parse().unwrap());
    assert_eq!(r.upcoming[0].days_until, 13);
}
