//! The three cadences of the issue against their real dates over many years, and against
//! brute-force generators that walk the calendar one day at a time.

use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;

use crate::dates::date;
use crate::error::Source;
use crate::schedule::model::Schedule;
use crate::schedule::phase::{Kind, Origin, Phase};

/// The folder of the cadence fixtures.
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/cadence");

fn fixture(name: &str) -> Schedule {
    crate::schedule::portfolio::from_file(&Path::new(FIXTURES).join(name)).unwrap()
}

/// Every day from `a` to `b`, one at a time.
fn days(a: NaiveDate, b: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    a.iter_days().take_while(move |x| *x <= b)
}

fn is_last_of_month(x: NaiveDate) -> bool {
    x.succ_opt().unwrap().day() == 1
}

/// Which time in the month this weekday is (1 for the first Monday).
fn nth_in_month(x: NaiveDate) -> u32 {
    (x.day() - 1) / 7 + 1
}

fn is_last_weekday_of_month(x: NaiveDate) -> bool {
    (x + chrono::Days::new(7)).month() != x.month()
}

/// (name, start, end) for windows and (name, due, due) for milestones.
type Row = (String, NaiveDate, NaiveDate);

fn rows(phases: &[Phase]) -> Vec<Row> {
    let mut out: Vec<Row> = phases
        .iter()
        .map(|p| {
            let (a, b) = p.span().unwrap();
            (p.name.clone(), a, b)
        })
        .collect();
    out.sort_by(|x, y| (x.1, &x.0).cmp(&(y.1, &y.0)));
    out
}

/// The seed's rule, found by looking at every day: the process starts on the 2nd Monday of
/// March, June and September and on the last Monday of November; it ends, and the revision is
/// published, on the last day of March, June and September and on the 2nd Friday of December.
/// Whole quarters: from the first day of `a`'s quarter to the last of `b`'s.
fn quarterly_by_day(a: NaiveDate, b: NaiveDate) -> Vec<Row> {
    let a = date(a.year(), a.month0() / 3 * 3 + 1, 1);
    let b =
        date(b.year(), b.month0() / 3 * 3 + 1, 1) + chrono::Months::new(3) - chrono::Days::new(1);
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    for x in days(a, b) {
        let (m, wd) = (x.month(), x.weekday());
        if (matches!(m, 3 | 6 | 9) && wd == Weekday::Mon && nth_in_month(x) == 2)
            || (m == 11 && wd == Weekday::Mon && is_last_weekday_of_month(x))
        {
            starts.push(x);
        }
        if (matches!(m, 3 | 6 | 9) && is_last_of_month(x))
            || (m == 12 && wd == Weekday::Fri && nth_in_month(x) == 2)
        {
            ends.push(x);
        }
    }
    assert_eq!(starts.len(), ends.len());
    let mut out = Vec::new();
    for (s, e) in starts.into_iter().zip(ends) {
        assert_eq!((s.year(), s.month0() / 3), (e.year(), e.month0() / 3));
        let q = format!("{} Q{}", s.year(), s.month0() / 3 + 1);
        out.push((format!("{q} revision process begins"), s, e));
        out.push((format!("{q} revision published"), e, e));
    }
    out.sort_by(|x, y| (x.1, &x.0).cmp(&(y.1, &y.0)));
    out
}

#[test]
fn quarterly_reproduces_the_seed_and_2026() {
    let s = fixture("quarterly.toml");
    let got = rows(&s.phases_between(date(2021, 1, 1), date(2021, 12, 31)));
    let want = [
        (
            "2021 Q1 revision process begins",
            date(2021, 3, 8),
            date(2021, 3, 31),
        ),
        (
            "2021 Q1 revision published",
            date(2021, 3, 31),
            date(2021, 3, 31),
        ),
        (
            "2021 Q2 revision process begins",
            date(2021, 6, 14),
            date(2021, 6, 30),
        ),
        (
            "2021 Q2 revision published",
            date(2021, 6, 30),
            date(2021, 6, 30),
        ),
        (
            "2021 Q3 revision process begins",
            date(2021, 9, 13),
            date(2021, 9, 30),
        ),
        (
            "2021 Q3 revision published",
            date(2021, 9, 30),
            date(2021, 9, 30),
        ),
        (
            "2021 Q4 revision process begins",
            date(2021, 11, 29),
            date(2021, 12, 10),
        ),
        (
            "2021 Q4 revision published",
            date(2021, 12, 10),
            date(2021, 12, 10),
        ),
    ];
    let want: Vec<Row> = want
        .iter()
        .map(|(n, a, b)| (n.to_string(), *a, *b))
        .collect();
    assert_eq!(got, want);

    let q4 = rows(&s.phases_between(date(2026, 10, 1), date(2026, 12, 31)));
    assert_eq!(
        q4,
        [
            (
                "2026 Q4 revision process begins".to_string(),
                date(2026, 11, 30),
                date(2026, 12, 11)
            ),
            (
                "2026 Q4 revision published".to_string(),
                date(2026, 12, 11),
                date(2026, 12, 11)
            ),
        ]
    );
    // Other Q4s whose November and December fall differently.
    let q4_2024 = rows(&s.phases_between(date(2024, 11, 1), date(2024, 12, 31)));
    assert_eq!(
        (q4_2024[0].1, q4_2024[0].2),
        (date(2024, 11, 25), date(2024, 12, 13))
    );
    let q4_2025 = rows(&s.phases_between(date(2025, 11, 1), date(2025, 12, 31)));
    assert_eq!(
        (q4_2025[0].1, q4_2025[0].2),
        (date(2025, 11, 24), date(2025, 12, 12))
    );
}

#[test]
fn quarterly_matches_the_day_by_day_rule_for_four_centuries() {
    let s = fixture("quarterly.toml");
    let (a, b) = (date(2021, 1, 1), date(2420, 12, 31));
    assert_eq!(rows(&s.phases_between(a, b)), quarterly_by_day(a, b));
}

/// Real release dates of Rust 1.x on the six-week train.
const RUST: [(u32, (i32, u32, u32)); 12] = [
    (1, (2015, 6, 25)),
    (3, (2015, 9, 17)),
    (10, (2016, 7, 7)),
    (31, (2018, 12, 6)),
    (50, (2021, 2, 11)),
    (56, (2021, 10, 21)),
    (70, (2023, 6, 1)),
    (75, (2023, 12, 28)),
    (85, (2025, 2, 20)),
    (90, (2025, 9, 18)),
    (91, (2025, 10, 30)),
    (92, (2025, 12, 11)),
];

#[test]
fn rust_release_train_gives_the_real_release_days() {
    let s = fixture("rust.toml");
    for (minor, (y, m, day)) in RUST {
        let on = date(y, m, day);
        let found = s.phases_between(on, on);
        assert_eq!(
            rows(&found),
            [(format!("Rust 1.{minor}.0"), on, on)],
            "1.{minor}.0"
        );
        assert_eq!(
            found[0].url(),
            Some(format!("https://blog.rust-lang.org/releases/1.{minor}.0").as_str())
        );
    }
    let weeks = s.phases_between(date(2025, 10, 1), date(2025, 12, 31));
    assert_eq!(
        rows(&weeks),
        [
            (
                "Rust 1.91.0".to_string(),
                date(2025, 10, 30),
                date(2025, 10, 30)
            ),
            (
                "Rust 1.92.0".to_string(),
                date(2025, 12, 11),
                date(2025, 12, 11)
            ),
        ]
    );
}

/// Release days found by counting days from the first release: every 42nd day.
fn rust_by_day(a: NaiveDate, b: NaiveDate) -> Vec<Row> {
    let mut out = Vec::new();
    for (count, x) in days(date(2015, 6, 25), b).enumerate() {
        if count % 42 == 0 && x >= a {
            out.push((format!("Rust 1.{}.0", count / 42 + 1), x, x));
        }
    }
    out
}

#[test]
fn rust_matches_counting_days_for_a_century() {
    let s = fixture("rust.toml");
    let (a, b) = (date(2010, 1, 1), date(2115, 12, 31));
    assert_eq!(rows(&s.phases_between(a, b)), rust_by_day(a, b));
}

/// The month-end deadline found day by day: the anchor's day, or the month's last day when the
/// month is shorter.
fn month_ends_by_day(anchor_day: u32, a: NaiveDate, b: NaiveDate) -> Vec<Row> {
    days(a, b)
        .filter(|x| x.day() == anchor_day || (x.day() < anchor_day && is_last_of_month(*x)))
        .map(|x| (format!("{}-{:02} report due", x.year(), x.month()), x, x))
        .collect()
}

#[test]
fn month_ends_clamp_from_the_anchor() {
    let s = fixture("monthly.toml");
    let got: Vec<NaiveDate> = rows(&s.phases_between(date(2021, 1, 1), date(2024, 5, 31)))
        .into_iter()
        .map(|r| r.1)
        .collect();
    // Feb 28, then Mar 31 (not Mar 28: computed from the anchor, not from the clamped date).
    assert_eq!(
        &got[..5],
        [
            date(2021, 1, 31),
            date(2021, 2, 28),
            date(2021, 3, 31),
            date(2021, 4, 30),
            date(2021, 5, 31)
        ]
    );
    assert!(got.contains(&date(2024, 2, 29)), "leap year");
    assert!(got.contains(&date(2024, 3, 31)));
    assert_eq!(got.len(), 41);
    let feb = |y| rows(&s.phases_between(date(y, 2, 1), date(y, 3, 1).pred_opt().unwrap()));
    assert_eq!(feb(2100)[0].1, date(2100, 2, 28), "2100 is not a leap year");
    assert_eq!(feb(2400)[0].1, date(2400, 2, 29), "2400 is");
    assert_eq!(feb(2023)[0].0, "2023-02 report due");
}

#[test]
fn month_ends_match_the_day_by_day_rule_for_four_centuries() {
    let (a, b) = (date(2021, 1, 1), date(2421, 1, 31));
    assert_eq!(
        rows(&fixture("monthly.toml").phases_between(a, b)),
        month_ends_by_day(31, a, b)
    );
    for day in [28, 29, 30] {
        let text = std::fs::read_to_string(Path::new(FIXTURES).join("monthly.toml"))
            .unwrap()
            .replace("2021-01-31", &format!("2021-01-{day}"));
        let s = parse(&text);
        assert_eq!(
            rows(&s.phases_between(a, b)),
            month_ends_by_day(day, a, b),
            "anchor day {day}"
        );
    }
}

fn parse(text: &str) -> Schedule {
    crate::schedule::load::parse(&Source::new(Path::new("t.toml"), text)).unwrap()
}

#[test]
fn generated_phases_carry_their_origin_order_and_line() {
    let s = fixture("quarterly.toml");
    let q = s.phases_between(date(2022, 4, 1), date(2022, 6, 30));
    assert_eq!(q.len(), 2);
    // Cycle 5 = 2022 Q2; the rule is the [[cadence]] on line 5; names on lines 10 and 16.
    assert_eq!(
        q[0].origin,
        Origin::Generated {
            cadence: 0,
            cycle: 5,
            slot: 0,
            line: 5
        }
    );
    assert_eq!((q[0].order(), q[1].order()), ((5, 5, 0), (5, 5, 1)));
    assert_eq!((q[0].line, q[1].line), (10, 16));
    assert!(matches!(q[1].kind, Kind::Milestone { done: None, .. }));
}

// A window picks every cycle with a date in it, even one whose window only overlaps it.
#[test]
fn windows_that_straddle_the_range_are_included() {
    let s = fixture("quarterly.toml");
    let got = rows(&s.phases_between(date(2021, 12, 1), date(2021, 12, 1)));
    assert_eq!(
        got[0],
        (
            "2021 Q4 revision process begins".to_string(),
            date(2021, 11, 29),
            date(2021, 12, 10)
        )
    );
    assert_eq!(got.len(), 2, "the whole cycle comes along");
    assert!(
        s.phases_between(date(2021, 12, 11), date(2022, 3, 7))
            .is_empty()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any window, anywhere: exactly the brute-force cycles that touch it.
    #[test]
    fn any_window_matches_brute_force(start in 0i64..40_000, len in 0i64..400) {
        let a = date(2010, 1, 1) + chrono::Days::new(start as u64);
        let b = a + chrono::Days::new(len as u64);

        // A quarterly cycle (its window and its milestone, keyed "2021 Q4") comes whole when
        // either of its dates is in the range.
        let near = quarterly_by_day((a - chrono::Days::new(200)).max(date(2021, 1, 1)), b + chrono::Days::new(200));
        let touching: Vec<&str> = near.iter().filter(|r| r.1 <= b && r.2 >= a).map(|r| &r.0[..7]).collect();
        let want: Vec<Row> = near.iter().filter(|r| touching.contains(&&r.0[..7])).cloned().collect();
        prop_assert_eq!(rows(&fixture("quarterly.toml").phases_between(a, b)), want);

        prop_assert_eq!(rows(&fixture("rust.toml").phases_between(a, b)), rust_by_day(a, b));

        let monthly = month_ends_by_day(31, a.max(date(2021, 1, 1)), b);
        prop_assert_eq!(rows(&fixture("monthly.toml").phases_between(a, b)), monthly);
    }
}
