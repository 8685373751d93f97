//! Cadences through the built binary: the bundled schedule, generated cycles printing exactly
//! like written ones, and a located error (exit 2) for every bad value. (The same schedules
//! through the engine are unit tests in `src/engine/tests/bundled.rs`.)

use serde_json::{Value, json};

use crate::common::{Bin, bin};

const BUNDLED: &str = repo!("schedule.toml");
const WRITTEN: &str = repo!("tests/fixtures/cadence/written_2021.toml");
const GENERATED: &str = repo!("tests/fixtures/cadence/cadence_2021.toml");

fn cmd() -> Bin {
    let mut c = bin();
    c.env("NO_COLOR", "1");
    c
}

fn stdout(args: &[&str]) -> String {
    let out = cmd().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_bundled_schedule_shows_the_live_2026_q4_cycle() {
    let out = stdout(&[
        "status",
        "-f",
        BUNDLED,
        "--today",
        "2026-11-23",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["upcoming"],
        json!([
            {"name": "2026 Q4 revision process begins", "event": "start", "date": "2026-11-30", "days_until": 7, "planned": null, "slip_days": null},
            {"name": "2026 Q4 revision process begins", "event": "end", "date": "2026-12-11", "days_until": 18, "planned": null, "slip_days": null},
            {"name": "2026 Q4 revision published", "event": "due", "date": "2026-12-11", "days_until": 18, "planned": null, "slip_days": null},
        ])
    );
    let overdue = v["overdue"].as_array().unwrap();
    assert_eq!(overdue.len(), 4 + 19, "the seed's 4 and 2022 Q1 to 2026 Q3");
    assert_eq!(overdue[4]["name"], "2022 Q1 revision published");
    assert_eq!(
        overdue[22],
        json!({"name": "2026 Q3 revision published", "due": "2026-09-30", "days_overdue": 54, "planned": null, "slip_days": null})
    );

    let during = stdout(&[
        "status",
        "-f",
        BUNDLED,
        "--today",
        "2026-12-01",
        "--color",
        "never",
    ]);
    assert!(
        during.starts_with("2026-12-01 - 2026 Q4 revision process begins, day 2 of 12"),
        "{during}"
    );
}

#[test]
fn generated_cycles_print_exactly_like_written_ones() {
    for today in [
        "2021-06-01",
        "2021-06-20",
        "2021-09-30",
        "2021-10-03",
        "2021-10-04",
        "2021-12-01",
        "2021-12-11",
    ] {
        for command in ["status", "upcoming", "overdue", "phases"] {
            for format in ["table", "json", "markdown"] {
                let args = |file| {
                    vec![
                        command, "-f", file, "--today", today, "--format", format, "--color",
                        "never",
                    ]
                };
                assert_eq!(
                    stdout(&args(WRITTEN)),
                    stdout(&args(GENERATED)),
                    "{command} {format} {today}"
                );
            }
        }
    }
}

/// A cadence to break one way at a time.
const GOOD: &str = r#"[document]
timezone = "UTC"

[[cadence]]
every = "quarter"
from = 2022-01-01

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

/// Runs `status` on `text` and returns stderr, checking exit 2 and no stdout.
fn fails(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    let out = cmd()
        .args(["status", "--today", "2026-11-23", "-f"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr)
        .unwrap()
        .replace(&dir.path().display().to_string(), "DIR")
}

#[test]
fn the_good_cadence_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, GOOD).unwrap();
    cmd()
        .args(["status", "--today", "2026-11-23", "-f"])
        .arg(&path)
        .assert()
        .success();
}

#[test]
fn every_bad_value_is_located() {
    // (replace this, with this, line reported, words in the message)
    let cases: &[(&str, &str, usize, &str)] = &[
        (
            "every = \"quarter\"",
            "every = \"quarter\"\nevrey = 1",
            6,
            "unknown field `evrey`",
        ),
        (
            "due = \"last day\"",
            "due = \"last day\"\ndeu = 1",
            17,
            "unknown field `deu`",
        ),
        ("q4 = { due", "q4 = { dew", 17, "unknown field `dew`"),
        (
            "every = \"quarter\"",
            "every = \"fortnightly\"",
            5,
            "`fortnightly` is not a cadence",
        ),
        (
            "every = \"quarter\"",
            "every = 3",
            5,
            "expected a step like",
        ),
        (
            "every = \"quarter\"\n",
            "",
            4,
            "this cadence has no `every`",
        ),
        ("from = 2022-01-01", "from = 2022-02-30", 6, "invalid date"),
        (
            "from = 2022-01-01",
            "from = \"2022-01-01\"",
            6,
            "without quotes",
        ),
        ("from = 2022-01-01\n", "", 4, "this cadence has no `from`"),
        (
            "from = 2022-01-01",
            "from = 2022-01-01\nuntil = 2021-12-31",
            7,
            "before the first cycle starts",
        ),
        (
            "from = 2022-01-01",
            "from = 2022-01-01\ncount = 0",
            7,
            "a whole number from 1, found 0",
        ),
        (
            "from = 2022-01-01",
            "from = 2022-01-01\nuntil = 2030-01-01\ncount = 3",
            8,
            "not both",
        ),
        (
            "from = 2022-01-01",
            "from = 2022-01-01\nnumbered_from = \"one\"",
            7,
            "expected a whole number",
        ),
        (
            "from = 2022-01-01",
            "from = 2022-01-01\nskip = [\"2023 Q3 revision publishd\"]",
            7,
            "generates no phase with that name",
        ),
        (
            "from = 2022-01-01",
            "from = 2022-01-01\nskip = [3]",
            7,
            "invalid type: integer",
        ),
        (
            "from = 2022-01-01",
            "from = 2022-01-01\ndone.\"2021 Q4 revision published\" = 2021-12-10",
            7,
            "generates no phase with that name",
        ),
        (
            "from = 2022-01-01",
            "from = 2022-01-01\ndone.\"2022 Q1 revision process begins\" = 2022-03-31",
            7,
            "is a window",
        ),
        (
            "from = 2022-01-01",
            "from = 2022-01-01\ndone.\"2022 Q1 revision published\" = \"yes\"",
            7,
            "expected a date",
        ),
        (
            "start = \"2nd Monday of month 3\"",
            "start = \"5th Monday of month 3\"",
            10,
            "not 1st, 2nd, 3rd, 4th or last",
        ),
        (
            "start = \"2nd Monday of month 3\"",
            "start = 2022-03-14",
            10,
            "rules that hold for every cycle",
        ),
        (
            "start = \"2nd Monday of month 3\"",
            "start = \"2nd Monday of November\"",
            10,
            "November is not within every cycle",
        ),
        (
            "start = \"2nd Monday of month 3\"",
            "start = \"2nd Monday of Smarch\"",
            10,
            "`smarch` is not a month",
        ),
        (
            "end = \"last day\"",
            "end = \"last day - 4w\"",
            9,
            "would end (2022-03-03) before it starts (2022-03-14)",
        ),
        ("end = \"last day\"\n", "", 10, "has `start` but no `end`"),
        ("due = \"last day\"\n", "", 15, "has no date"),
        (
            "due = \"last day\"",
            "due = \"last day\"\nstart = \"first day\"",
            16,
            "has both `start`/`end` and `due`",
        ),
        (
            "due = \"last day\"",
            "due = \"last day\"\nuntil = \"last day\"",
            17,
            "cannot use `until`",
        ),
        (
            "due = \"last day\"",
            "due = \"last day\"\ndone = 2022-03-31",
            17,
            "has no `done`",
        ),
        (
            "q4 = { due",
            "q4 = { start",
            17,
            "this phase is a milestone",
        ),
        (
            "name = \"{year} Q{quarter} revision published\"",
            "name = \"Quarterly revision published\"",
            15,
            "would name several cycles alike",
        ),
        (
            "name = \"{year} Q{quarter} revision published\"",
            "name = \"{year} Q{qtr} revision published\"",
            15,
            "unknown placeholder `{qtr}`",
        ),
        (
            "name = \"{year} Q{quarter} revision published\"",
            "name = \"{year} Q{quarter} revision process begins\"",
            15,
            "both named",
        ),
        (
            "name = \"{year} Q{quarter} revision published\"\n",
            "",
            14,
            "has no `name`",
        ),
    ];
    for (from, to, line, words) in cases {
        assert!(GOOD.contains(from), "{from}");
        let err = fails(&GOOD.replacen(from, to, 1));
        assert!(
            err.contains(&format!("--> DIR/s.toml:{line}:")),
            "{to}: wanted line {line}\n{err}"
        );
        assert!(err.contains(words), "{to}: wanted {words:?}\n{err}");
        assert!(err.lines().count() <= 12, "one screen: {err}");
    }
}

#[test]
fn month_rules_need_a_cadence_counted_in_months() {
    let text = "[[cadence]]\nevery = \"6 weeks\"\nfrom = 2015-06-25\n[[cadence.phase]]\nname = \"Rust 1.{n}.0\"\ndue = \"last day of month 1\"\n";
    let err = fails(text);
    assert!(
        err.contains("s.toml:6:") && err.contains("counted in days"),
        "{err}"
    );
    let text = "[[cadence]]\nevery = \"6 weeks\"\nfrom = 2015-06-25\n[[cadence.phase]]\nname = \"Rust 1.{n}.0\"\ndue = \"day 43\"\n";
    let err = fails(text);
    assert!(
        err.contains("s.toml:6:") && err.contains("past the end of a cycle of 6 weeks"),
        "{err}"
    );
}

#[test]
fn no_cadence_phase_is_an_error_at_the_header() {
    let err = fails("[[cadence]]\nevery = \"month\"\nfrom = 2021-01-31\n");
    assert!(
        err.contains("s.toml:1:") && err.contains("no [[cadence.phase]]"),
        "{err}"
    );
}
