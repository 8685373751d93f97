//! Arbitrary bytes as a schedule file: loading either fails with an error that prints, or gives a
//! schedule that the cache stores exactly and that every command can evaluate and print on a day
//! derived from the input.
#![no_main]

use std::path::Path;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use vision_sched::duration::Days;
use vision_sched::engine;
use vision_sched::present::{Look, json, table};

/// A day from the input's last bytes: anywhere in years 0001 to 9999, or near the schedule.
fn day_from(data: &[u8], near: Option<NaiveDate>) -> NaiveDate {
    let mut b = [0u8; 4];
    for (i, x) in data.iter().rev().take(4).enumerate() {
        b[i] = *x;
    }
    let n = u32::from_le_bytes(b);
    let first = NaiveDate::from_ymd_opt(1, 1, 1).unwrap();
    match near {
        Some(d) if n & 1 == 0 => engine::add_days(d, i64::from(n >> 1) % 800 - 400),
        _ => engine::add_days(first, i64::from(n >> 1) % 3_652_059),
    }
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.toml");
    // Whatever the bytes, reading them as a cache entry fails or gives a schedule.
    let _ = vision_sched::cache::decode(data);
    let schedule = match vision_sched::load::from_bytes(path, data.to_vec()) {
        Ok(s) => s,
        Err(e) => {
            // Every error prints, names the file, and stays on one screen.
            let shown = e.to_string();
            assert!(shown.starts_with("error: "));
            assert!(shown.lines().count() <= 12, "{shown}");
            return;
        }
    };
    // The cache gives back exactly what was parsed.
    let stored = vision_sched::cache::encode(&schedule).expect("encodes");
    assert_eq!(
        vision_sched::cache::decode(&stored).as_ref(),
        Some(&schedule)
    );
    let today = day_from(data, schedule.first_date());
    let horizon = Days(u32::from(data.first().copied().unwrap_or(30)) * 150 % 36_526);
    let report = engine::evaluate(&schedule, today, horizon);
    for c in &report.current {
        assert!(c.start.is_none_or(|s| s <= today) && today <= c.end);
    }
    let from = engine::add_days(today, -366);
    let to = engine::add_days(today, 366);
    let rows = engine::states(&schedule, today, from, to);
    for look in [
        Look::default(),
        Look {
            color: true,
            width: Some(20),
        },
    ] {
        let _ = table::status(&report, look);
        let _ = table::upcoming(&report, look);
        let _ = table::overdue(&report, look);
        let _ = table::phases(&rows, look);
    }
    let _ = json::status(&report, "UTC");
    let _ = json::phases(&rows, today, "UTC");
});
