//! Skipping, ending, replacing and recording generated cycles; far-future and overflow safety.

use chrono::NaiveDate;

use super::parse;
use crate::dates::{Days, date};
use crate::engine::evaluate::{State, evaluate, states};
use crate::schedule::model::Schedule;
use crate::schedule::phase::Kind;

const QUARTERLY: &str = r#"
[[cadence]]
every = "quarter"
from = 2022-01-01
#EXTRA

[[cadence.phase]]
name = "{year} Q{quarter} revision process begins"
start = "2nd Monday of month 3"
end = "last day"
q4 = { start = "last Monday of November", end = "2nd Friday of December" }

[[cadence.phase]]
name = "{year} Q{quarter} revision published"
due = "last day"
q4 = { due = "2nd Friday of December" }
"#;

fn quarterly(extra: &str) -> Schedule {
    parse(&QUARTERLY.replace("#EXTRA", extra))
}

fn names(s: &Schedule, a: NaiveDate, b: NaiveDate) -> Vec<String> {
    s.phases_between(a, b).into_iter().map(|p| p.name).collect()
}

#[test]
fn a_skipped_occurrence_is_left_out() {
    let s = quarterly(r#"skip = ["2023 Q3 revision published"]"#);
    assert_eq!(
        names(&s, date(2023, 7, 1), date(2023, 9, 30)),
        ["2023 Q3 revision process begins"]
    );
    let r = evaluate(&s, date(2023, 10, 20), Days(30));
    assert!(
        r.overdue
            .iter()
            .all(|o| o.phase.name != "2023 Q3 revision published")
    );
    assert_eq!(r.overdue.count(), 6, "2022 Q1 to 2023 Q2 are still overdue");
}

#[test]
fn an_end_date_or_a_count_stops_the_cycles() {
    let until = quarterly("until = 2023-10-01");
    assert_eq!(
        names(&until, date(2023, 10, 1), date(2030, 1, 1)).len(),
        2,
        "2023 Q4 starts on the last day allowed"
    );
    assert!(names(&until, date(2024, 1, 1), date(2030, 1, 1)).is_empty());
    assert_eq!(until.next_event_after(date(2023, 12, 8)), None);

    let count = quarterly("count = 3");
    assert_eq!(names(&count, date(2000, 1, 1), date(2100, 1, 1)).len(), 6);
    assert_eq!(count.next_event_after(date(2022, 9, 30)), None);
    assert_eq!(count.first_date(), Some(date(2022, 3, 14)));
}

#[test]
fn a_written_phase_replaces_the_generated_one() {
    let text = format!(
        "{}\n[[phase]]\nname = \"2024 Q2 revision published\"\ndue = 2024-07-05 # late this time\n",
        QUARTERLY.replace("#EXTRA", "")
    );
    let s = parse(&text);
    let q2: Vec<_> = s
        .phases_between(date(2024, 4, 1), date(2024, 6, 30))
        .into_iter()
        .filter(|p| p.name == "2024 Q2 revision published")
        .collect();
    assert_eq!(q2.len(), 1);
    assert!(matches!(q2[0].kind, Kind::Milestone { due, .. } if due == date(2024, 7, 5)));
    let r = evaluate(&s, date(2024, 7, 1), Days(30));
    assert!(
        r.overdue
            .iter()
            .all(|o| o.phase.name != "2024 Q2 revision published")
    );
    assert!(
        r.upcoming
            .iter()
            .any(|u| u.phase.name == "2024 Q2 revision published" && u.days_until == 4)
    );
}

#[test]
fn a_recorded_publication_counts_from_its_own_date() {
    let s = quarterly(r#"done."2022 Q1 revision published" = 2022-04-02"#);
    let on = |day| {
        states(&s, day, date(2022, 1, 1), date(2022, 3, 31))
            .into_iter()
            .find(|(p, _)| p.name == "2022 Q1 revision published")
            .unwrap()
            .1
    };
    assert_eq!(on(date(2022, 4, 1)), State::Overdue);
    assert_eq!(on(date(2022, 4, 2)), State::Done);
    let r = evaluate(&s, date(2022, 4, 1), Days(30));
    assert_eq!(r.overdue.iter().collect::<Vec<_>>()[0].days_overdue, 1);
}

#[test]
fn a_century_later_costs_the_same_as_today() {
    // A daily cadence: stepping cycle by cycle from the anchor to year 262000 would take
    // ninety million steps.
    let s = parse(
        "[[cadence]]\nevery = \"day\"\nfrom = 2000-01-01\n[[cadence.phase]]\nname = \"check {n}\"\ndue = \"first day\"\n",
    );
    let far = s.phases_between(date(262_000, 1, 1), date(262_000, 12, 31));
    assert_eq!(far.len(), 366);
    assert_eq!(
        far[0].name,
        format!(
            "check {}",
            (date(262_000, 1, 1) - date(2000, 1, 1)).num_days() + 1
        )
    );
    assert_eq!(
        s.next_event_after(date(262_000, 6, 1)),
        Some(date(262_000, 6, 2))
    );
    assert_eq!(s.next_event_after(NaiveDate::MIN), Some(date(2000, 1, 1)));

    // The engine, a century after the anchor: the cost is the missed cycles, nothing more.
    let q = quarterly("");
    let r = evaluate(&q, date(2122, 2, 1), Days(30));
    assert_eq!(r.overdue.count(), 400);
    assert_eq!(
        r.overdue.iter().collect::<Vec<_>>()[0].phase.name,
        "2022 Q1 revision published"
    );
    assert_eq!(r.upcoming[0].phase.name, "2122 Q1 revision process begins");
}

#[test]
fn the_ends_of_the_calendar_neither_panic_nor_hang() {
    let s = parse(
        "[[cadence]]\nevery = \"year\"\nfrom = 2000-12-31\ncount = 10000000\nnumbered_from = 1000000000000\n[[cadence.phase]]\nname = \"{n}\"\nstart = \"first day - 2w\"\nend = \"last day + 2w\"\n",
    );
    assert!(
        s.phases_between(NaiveDate::MIN, date(1999, 1, 1))
            .is_empty()
    );
    let end = s.phases_between(date(262_140, 1, 1), NaiveDate::MAX);
    assert!(!end.is_empty());
    // `numbered_from` and `count` are bounded, so `{n}` counts on and never repeats.
    let numbers: Vec<i64> = end.iter().map(|p| p.name.parse().unwrap()).collect();
    assert!(numbers.windows(2).all(|w| w[1] == w[0] + 1), "{numbers:?}");
    assert!(numbers[0] > 1_000_000_000_000);
    assert_eq!(s.next_event_after(NaiveDate::MAX), None);
    let r = evaluate(&s, NaiveDate::MAX, Days(36_525));
    assert!(r.upcoming.is_empty());
    let r = evaluate(&s, NaiveDate::MIN, Days(36_525));
    assert!(r.beyond_horizon);

    let tiny = parse(
        "[[cadence]]\nevery = \"100 years\"\nfrom = 9999-12-31\n[[cadence.phase]]\nname = \"{year}\"\ndue = \"last day\"\n",
    );
    assert_eq!(
        tiny.next_event_after(date(10_000, 1, 1)),
        Some(date(10_099, 12, 30))
    );
    let _ = tiny.phases_between(NaiveDate::MIN, NaiveDate::MAX);
}

#[test]
fn finding_a_generated_name_reads_the_template_backwards() {
    let s = quarterly("");
    let c = &s.cadences[0];
    assert_eq!(c.find("2026 Q4 revision published"), Some((19, 1)));
    assert_eq!(c.find("2026 Q4 revision process begins"), Some((19, 0)));
    assert_eq!(c.find("3026 Q4 revision published"), Some((4019, 1)));
    assert_eq!(
        c.find("2021 Q4 revision published"),
        None,
        "before the first cycle"
    );
    assert_eq!(c.find("2026 Q5 revision published"), None);
    assert_eq!(c.find("2026 Q4 revision"), None);
    let rust = super::load("tests/fixtures/cadence/rust.toml");
    assert_eq!(rust.cadences[0].find("Rust 1.91.0"), Some((90, 0)));
    assert_eq!(rust.cadences[0].find("Rust 1.0.0"), None);
}

#[test]
fn notes_urls_warnings_and_weekday_rules_in_weeks() {
    let s = parse(
        r#"
[[cadence]]
every = "2 weeks"
from = 2024-01-01   # a Monday

[[cadence.phase]]
name = "Sprint {n} demo"
due = "1st Friday"
note = "sprint {n} of {year}, from {month_name}"
url = "https://example.org/sprint/{n}"
warn = "2d"

[[cadence.phase]]
name = "Sprint {n} review"
start = "last Friday"
end = "last day"
"#,
    );
    let got = s.phases_between(date(2024, 1, 1), date(2024, 1, 14));
    assert_eq!(got.len(), 2);
    assert!(matches!(got[0].kind, Kind::Milestone { due, .. } if due == date(2024, 1, 5)));
    assert!(
        matches!(got[1].kind, Kind::Window { start: Some(a), end } if a == date(2024, 1, 12) && end == date(2024, 1, 14))
    );
    assert_eq!(got[0].note(), Some("sprint 1 of 2024, from January"));
    assert_eq!(got[0].url(), Some("https://example.org/sprint/1"));
    assert_eq!(got[0].warn, Some(Days(2)));
    assert!(
        s.phases_between(date(2024, 12, 30), date(2024, 12, 30))
            .is_empty(),
        "no date of any cycle"
    );
    let later = s.phases_between(date(2024, 12, 30), date(2025, 1, 3));
    assert_eq!(later[0].name, "Sprint 27 demo");
    assert!(matches!(later[0].kind, Kind::Milestone { due, .. } if due == date(2025, 1, 3)));
}
