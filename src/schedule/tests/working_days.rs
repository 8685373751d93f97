//! Working days against brute force: shifts land on a working day with none skipped, counting
//! in working days visits each one, and whole schedules with days off move only what `shift`
//! names.

use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;

use crate::dates::{add_days, date};
use crate::error::Source;
use crate::schedule::days_off::{DaysOff, Role, Shift};
use crate::schedule::phase::{Kind, When};

/// Some weekdays off (never all seven) and holidays scattered over 2023-2025.
fn days_off() -> impl Strategy<Value = DaysOff> {
    (
        proptest::collection::vec(0u8..7, 0..4),
        proptest::collection::vec(0i64..1096, 0..120),
    )
        .prop_map(|(week, holidays)| {
            let week: Vec<Weekday> = week
                .into_iter()
                .map(|d| Weekday::try_from(d).unwrap())
                .collect();
            let start = date(2023, 1, 1);
            DaysOff::new(&week, holidays.into_iter().map(|n| add_days(start, n)))
        })
}

fn a_day() -> impl Strategy<Value = NaiveDate> {
    (0i64..1096).prop_map(|n| add_days(date(2023, 1, 1), n))
}

fn between(a: NaiveDate, b: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    lo.iter_days().take_while(move |x| *x <= hi)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_shifted_date_is_the_first_working_day_that_way(off in days_off(), d in a_day()) {
        for (shift, role) in [
            (Shift::Next, Role::Day),
            (Shift::Previous, Role::Day),
            (Shift::Nearest, Role::Day),
            (Shift::Nearest, Role::First),
            (Shift::Nearest, Role::Last),
        ] {
            let Some(s) = off.shifted(d, shift, role) else {
                // Only where more days in a row are off than a shift looks across.
                prop_assert!(off.longest_gap().is_some(), "{d} {shift:?} {role:?} found none");
                continue;
            };
            prop_assert!(!off.is_off(s), "{d} {shift:?} {role:?} gave {s}, a day off");
            if !off.is_off(d) {
                prop_assert_eq!(s, d);
            }
            // No working day lies between the date and where it moved.
            let skipped = between(d, s).filter(|x| *x != s && !off.is_off(*x)).count();
            prop_assert_eq!(skipped, 0, "{} {:?} {:?} gave {}", d, shift, role, s);
            if shift == Shift::Nearest && role == Role::Day && s != d {
                // Nothing on the other side is nearer.
                let dist = (s - d).num_days().abs();
                let nearer = between(add_days(d, -dist + 1), add_days(d, dist - 1))
                    .any(|x| !off.is_off(x));
                prop_assert!(!nearer, "{d}: {s} is not the nearest");
            }
        }
    }

    #[test]
    fn adding_working_days_visits_each_working_day(off in days_off(), d in a_day(), n in -40i64..40) {
        let got = off.add_working(d, n).unwrap();
        // Brute force: walk one day at a time, counting working days.
        let step = if n < 0 { -1 } else { 1 };
        let mut x = d;
        let mut left = n.abs();
        while left > 0 {
            x = add_days(x, step);
            if !off.is_off(x) {
                left -= 1;
            }
        }
        prop_assert_eq!(got, x);
    }

    #[test]
    fn nth_and_last_working_day_of_a_month(off in days_off(), d in a_day(), n in 1u32..5) {
        let first = d.with_day(1).unwrap();
        let last = crate::dates::month_last(crate::dates::month_ordinal(first)).unwrap();
        let working: Vec<NaiveDate> = between(first, last).filter(|x| !off.is_off(*x)).collect();
        prop_assert_eq!(off.last_working(first, last), working.last().copied());
        prop_assert_eq!(off.nth_working(first, last, n), working.get(n as usize - 1).copied());
    }
}

/// Loads a schedule from text.
fn load(text: &str) -> crate::schedule::model::Schedule {
    let path = Path::new("s.toml");
    crate::schedule::load::parse(&Source::new(path, text)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A monthly cadence due on day N, moved by `shift` over random holidays: every due date is a
    /// working day, and none between it and the day the rule gave.
    #[test]
    fn cadence_dates_move_off_days_off(
        day in 1u32..29,
        holidays in proptest::collection::vec(0i64..730, 0..60),
        shift in prop_oneof![Just("next"), Just("previous"), Just("nearest")],
    ) {
        let list: Vec<String> = holidays
            .iter()
            .map(|n| add_days(date(2025, 1, 1), *n).to_string())
            .collect();
        let text = format!(
            "[document]\nweekend = [\"Sat\", \"Sun\"]\nholidays = [{}]\n\
             [[cadence]]\nevery = \"month\"\nfrom = 2025-01-01\ncount = 24\n\
             [[cadence.phase]]\nname = \"{{year}}-{{month}}\"\ndue = \"day {day}\"\nshift = \"{shift} working day\"\n",
            list.join(", ")
        );
        let s = load(&text);
        let off = &s.settings.days_off;
        let phases = s.phases_between(date(2024, 11, 1), date(2027, 2, 28));
        prop_assert_eq!(phases.len(), 24);
        for (i, p) in phases.iter().enumerate() {
            let Kind::Milestone { due: When::On(due), .. } = p.kind else { panic!("{p:?}") };
            let month = add_months_first(date(2025, 1, 1), i as u32);
            let ruled = month.with_day(day).unwrap();
            prop_assert!(!off.is_off(due), "{} on a day off", due);
            prop_assert_eq!(p.scheduled().first().map(|s| s.date), (due != ruled).then_some(ruled));
            let skipped = between(ruled, due).filter(|x| *x != due && !off.is_off(*x)).count();
            prop_assert_eq!(skipped, 0);
        }
    }
}

fn add_months_first(d: NaiveDate, n: u32) -> NaiveDate {
    let m = d.month0() + n;
    date(d.year() + (m / 12) as i32, m % 12 + 1, 1)
}

/// Every cycle a cadence generates finds the days its rules ask for, or the cadence is refused
/// naming the first cycle that does not: at the boundaries of weekends, month and year ends,
/// leap days and the calendar's edges.
#[test]
fn a_cadence_whose_rule_finds_no_day_in_a_cycle_is_refused() {
    // (days off, cadence, rule, the first cycle with no day; None when every cycle has one)
    let cases: [(&str, &str, &str, Option<&str>); 10] = [
        // A daily cadence from a Monday: Saturday is the first day with no working day.
        (
            "weekend = [\"Sat\", \"Sun\"]",
            "every = \"day\"\nfrom = 2024-01-01",
            "due = \"last working day\"",
            Some("2024-01-06"),
        ),
        // A week always has one.
        (
            "weekend = [\"Sat\", \"Sun\"]",
            "every = \"week\"\nfrom = 2024-01-01",
            "due = \"last working day\"",
            None,
        ),
        // A holiday on a leap day leaves a two-day cycle its other day; two empty it.
        (
            "holidays = [2024-02-29]",
            "every = \"2 days\"\nfrom = 2024-02-28",
            "due = \"last working day\"",
            None,
        ),
        (
            "holidays = [2024-02-28, 2024-02-29]",
            "every = \"2 days\"\nfrom = 2024-02-28",
            "due = \"1st working day\"",
            Some("2024-02-28"),
        ),
        // The last week of a year, all holidays, in a weekly cadence across the year's end.
        (
            "weekend = [\"Sat\", \"Sun\"]\nholidays = [2024-12-30, 2024-12-31, 2025-01-01, 2025-01-02, 2025-01-03]",
            "every = \"week\"\nfrom = 2024-01-01",
            "on = \"1st working day\"",
            Some("2024-12-30"),
        ),
        // A month's 4th working day with six days off a week: February 2023 has four Mondays.
        (
            "weekend = [\"Tue\", \"Wed\", \"Thu\", \"Fri\", \"Sat\", \"Sun\"]",
            "every = \"month\"\nfrom = 2023-01-01",
            "due = \"4th working day\"",
            None,
        ),
        (
            "weekend = [\"Tue\", \"Wed\", \"Thu\", \"Fri\", \"Sat\", \"Sun\"]\nholidays = [2023-02-27]",
            "every = \"month\"\nfrom = 2023-01-01",
            "due = \"4th working day\"",
            Some("2023-02-01"),
        ),
        // A yearly holiday (in a calendar) empties a week in some year after the anchor: the
        // first year its eight days cover a Monday to Friday.
        (
            "weekend = [\"Sat\", \"Sun\"]\nholiday_calendars = [\"shutdown.ics\"]",
            "every = \"week\"\nfrom = 2024-01-01",
            "due = \"last working day\"",
            Some("2027-12-27"),
        ),
        // Shifted into the calendar, not out of it.
        (
            "holidays = [9999-12-31]\nshift = \"previous working day\"",
            "every = \"month\"\nfrom = 9999-01-31",
            "due = \"first day\"",
            None,
        ),
        (
            "holidays = [0001-01-01]\nshift = \"previous working day\"",
            "every = \"year\"\nfrom = 0001-01-01",
            "due = \"first day\"",
            Some("0001-01-01"),
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    // Christmas Eve to New Year's Eve every year, the week of a shutdown.
    std::fs::write(
        dir.path().join("shutdown.ics"),
        "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20201224\nDURATION:P8D\n\
         RRULE:FREQ=YEARLY\nEND:VEVENT\nEND:VCALENDAR\n",
    )
    .unwrap();
    let path = dir.path().join("s.toml");
    for (off, cadence, rule, want) in cases {
        let text = format!(
            "[document]\n{off}\n\n[[cadence]]\n{cadence}\n\n[[cadence.phase]]\nname = \"c {{n}}\"\n{rule}\n"
        );
        let got = crate::schedule::load::parse(&Source::new(&path, &text));
        match want {
            None => assert!(got.is_ok(), "{text}\n{}", got.unwrap_err()),
            Some(start) => {
                let e = got.expect_err(&text);
                assert!(
                    e.message
                        .contains(&format!("in the cycle starting {start}"))
                        || e.message
                            .contains(&format!("of the cycle starting {start}")),
                    "{text}\n{e}"
                );
            }
        }
    }
}
