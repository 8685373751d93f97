//! Engine benchmarks: `evaluate` on generated schedules of 10, 1,000 and 100,000 phases, on a
//! cadence a century after its anchor, and parsing a schedule file.
//! Run with `cargo bench --bench engine`.

use std::hint::black_box;
use std::path::Path;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use vision_sched::internals::{
    Days, Overdues, Schedule, Source, add_days, evaluate, from_bytes, parse,
};

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
}

/// `n` phases as a schedule file's text, one starting each day from 2000-01-01: two-week
/// windows, milestones delivered two days late, and every tenth milestone never delivered (so
/// some are overdue).
fn toml_text(n: usize) -> String {
    let mut out = String::from("[document]\ntimezone = \"UTC\"\n");
    for i in 0..n {
        let day = add_days(base(), i as i64);
        out.push_str(&format!(
            "\n[[phase]]\nname = \"Phase {i} of the generated schedule\"\n"
        ));
        match i % 3 {
            0 => out.push_str(&format!("start = {day}\nend = {}\n", add_days(day, 13))),
            _ if i % 10 == 9 => out.push_str(&format!("due = {day}\n")),
            _ => out.push_str(&format!("due = {day}\ndone = {}\n", add_days(day, 2))),
        }
    }
    out
}

fn parsed(text: &str) -> Schedule {
    parse(&Source::new(Path::new("s.toml"), text)).unwrap()
}

fn evaluating(c: &mut Criterion) {
    let mut group = c.benchmark_group("evaluate");
    for n in [10, 1_000, 100_000] {
        let schedule = parsed(&toml_text(n));
        // Today in the middle of the schedule: some phases past, some current, some ahead.
        let today = add_days(base(), n as i64 / 2);
        group.bench_with_input(BenchmarkId::from_parameter(n), &schedule, |b, s| {
            b.iter(|| evaluate(black_box(s), black_box(today), Days(30)));
        });
    }
    group.finish();
}

fn parsing(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.sample_size(20);
    for n in [10, 1_000, 10_000] {
        let text = toml_text(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| parsed(black_box(text)));
        });
    }
    group.finish();
}

/// A daily cadence from 0001-01-01: 3.65 million overdue cycles on 9999-12-31, counted and
/// sampled without building them, and cycles asked about far from the anchor.
fn daily_cadence(c: &mut Criterion) {
    let text = "[[cadence]]\nevery = \"day\"\nfrom = 0001-01-01\n\n\
        [[cadence.phase]]\nname = \"day {n} report\"\ndue = \"first day\"\n";
    let schedule = parsed(text);
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
    let near = NaiveDate::from_ymd_opt(1, 2, 1).unwrap();
    let mut group = c.benchmark_group("daily");
    for (label, today) in [("year 1", near), ("year 9999", last)] {
        group.bench_with_input(BenchmarkId::new("overdue count", label), &today, |b, t| {
            b.iter(|| Overdues::new(black_box(&schedule), *t).count());
        });
        group.bench_with_input(BenchmarkId::new("status", label), &today, |b, t| {
            b.iter(|| {
                let r = evaluate(black_box(&schedule), *t, Days(30));
                (r.overdue.recent(5), r.overdue.count())
            });
        });
    }
    group.bench_function("a year of cycles in 262000", |b| {
        let from = NaiveDate::from_ymd_opt(262_000, 1, 1).unwrap();
        let to = NaiveDate::from_ymd_opt(262_000, 12, 31).unwrap();
        b.iter(|| black_box(&schedule).phases_between(from, to).len());
    });
    group.finish();
}

/// A quarterly cadence anchored in 2021 (the bundled schedule's), asked about a day a century
/// later: the cost should be that of the cycles asked about, not of a century of stepping.
fn cadence_century(c: &mut Criterion) {
    let text = "[[cadence]]\nevery = \"quarter\"\nfrom = 2021-01-01\n\
        done.\"2021 Q1 revision published\" = 2021-03-31\n\n\
        [[cadence.phase]]\nname = \"{year} Q{quarter} revision process begins\"\n\
        start = \"2nd Monday of month 3\"\nend = \"last day\"\n\n\
        [[cadence.phase]]\nname = \"{year} Q{quarter} revision published\"\ndue = \"last day\"\n";
    let schedule = parsed(text);
    let mut group = c.benchmark_group("cadence");
    for (label, today) in [("2021", (2021, 6, 20)), ("2121", (2121, 6, 20))] {
        let today = NaiveDate::from_ymd_opt(today.0, today.1, today.2).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(label), &schedule, |b, s| {
            b.iter(|| evaluate(black_box(s), black_box(today), Days(30)));
        });
    }
    group.finish();
}

/// The seed's quarterly cadence in working days (published on the last working day of the
/// quarter, the process starting 10 working days before, moved off England's bank holidays),
/// asked about near its anchor and a century later: within 2x of each other. Near is 18 months
/// on, once status has its five most recent overdue cycles to list, as it has a century later.
fn working_days_century(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/working-days");
    std::fs::copy(
        Path::new(fixtures).join("england-and-wales.ics"),
        dir.path().join("england.ics"),
    )
    .unwrap();
    // Christmas and New Year's Day as yearly rules, so a century later still has holidays.
    std::fs::write(
        dir.path().join("yearly.ics"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20201225\r\n\
         RRULE:FREQ=YEARLY\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\n\
         DTSTART;VALUE=DATE:20210101\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:New Year\r\nEND:VEVENT\r\n\
         END:VCALENDAR\r\n",
    )
    .unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(
        &path,
        "[document]\nweekend = [\"Sat\", \"Sun\"]\nholiday_calendars = [\"england.ics\", \"yearly.ics\"]\n\
         shift = \"next working day\"\n\
         [[cadence]]\nevery = \"quarter\"\nfrom = 2021-01-01\n\
         [[cadence.phase]]\nname = \"{year} Q{quarter} revision process begins\"\n\
         start = \"last working day - 10 working days\"\nend = \"last working day\"\n\
         [[cadence.phase]]\nname = \"{year} Q{quarter} revision published\"\ndue = \"last working day\"\n",
    )
    .unwrap();
    let schedule = from_bytes(&path, std::fs::read(&path).unwrap()).unwrap();
    let mut group = c.benchmark_group("working days");
    for (label, today) in [("2022", (2022, 6, 20)), ("2122", (2122, 6, 20))] {
        let today = NaiveDate::from_ymd_opt(today.0, today.1, today.2).unwrap();
        group.bench_with_input(BenchmarkId::from_parameter(label), &schedule, |b, s| {
            b.iter(|| {
                let r = evaluate(black_box(s), black_box(today), Days(30));
                (r.overdue.recent(5), r.overdue.count())
            });
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    evaluating,
    parsing,
    cadence_century,
    working_days_century,
    daily_cadence
);
criterion_main!(benches);
