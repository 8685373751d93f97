//! Arbitrary bytes as a schedule file: loading either fails with an error that prints, or gives a
//! schedule that every report can evaluate and print in every format on a day derived from the
//! input.
#![no_main]

use std::path::Path;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use vision_sched::internals::{
    Days, Docs, Format, Listing, Look, Overdues, Part, View, When, add_days, evaluate, write,
};

/// A day from the input's last bytes: anywhere in years 0001 to 9999, or near the schedule.
fn day_from(data: &[u8], near: Option<NaiveDate>) -> NaiveDate {
    let mut b = [0u8; 4];
    for (i, x) in data.iter().rev().take(4).enumerate() {
        b[i] = *x;
    }
    let n = u32::from_le_bytes(b);
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
    match near {
        Some(d) if n & 1 == 0 => add_days(d, i64::from(n >> 1) % 800 - 400),
        _ => add_days(first, i64::from(n >> 1) % 3_652_059),
    }
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.toml");
    let schedule = match vision_sched::internals::from_bytes(path, data.to_vec()) {
        Ok(s) => s,
        Err(e) => {
            // Every error prints, names the file, and stays on one screen.
            let shown = e.to_string();
            assert!(shown.starts_with("error: "));
            assert!(shown.lines().count() <= 12, "{shown}");
            return;
        }
    };
    let today = day_from(data, schedule.first_date());
    let horizon = Days(u32::from(data.first().copied().unwrap_or(30)) * 150 % 36_526);
    let report = evaluate(&schedule, today, horizon);
    for c in &report.current {
        assert!(c.start.is_none_or(|s| s <= today) && !matches!(c.end, When::On(e) if today > e));
    }
    let overdue = Overdues::new(&schedule, today);
    // Counted arithmetically, listed lazily: the same number either way (bounded for speed).
    if overdue.count() < 10_000 {
        assert_eq!(overdue.count(), overdue.iter().count() as u64);
    }
    let parts = [Part::new(&schedule, today)];
    let listing =
        |explain| Listing::new(&parts, add_days(today, -366), add_days(today, 366), explain);
    let docs = Docs::one("fuzz", "fuzz.toml", today);
    let looks = [
        Look::default(),
        Look {
            color: true,
            width: Some(20),
        },
    ];
    for format in [Format::Table, Format::Json, Format::Markdown] {
        for look in looks {
            for view in [
                View::Status(&report),
                View::Upcoming(&report),
                View::Phases(listing(look.color)),
            ] {
                let mut out = Vec::new();
                write(view, &docs, format, look, "UTC", &mut out).unwrap();
            }
            if overdue.count() < 10_000 {
                let mut out = Vec::new();
                let view = View::Overdue(overdue);
                write(view, &docs, format, look, "UTC", &mut out).unwrap();
            }
        }
    }
});
