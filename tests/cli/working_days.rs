//! Working days through the built binary: the last working day of every quarter from 2021 to
//! 2030 in England against the Python `holidays` package, shifts across Easter, a Christmas on a
//! Saturday and year ends, offsets in working days, and a located error for every bad value.

use serde_json::Value;

use crate::common::{self, Bin, bin};

const QUARTER_ENDS: &str = repo!("tests/fixtures/working-days/quarter-ends.toml");
const EXPECTED: &str = repo!("tests/fixtures/working-days/uk-last-working-days.txt");
const ENGLAND: &str = repo!("tests/fixtures/working-days/england-and-wales.ics");

fn cmd() -> Bin {
    let mut c = bin();
    c.env("NO_COLOR", "1");
    c
}

/// A schedule in a temp folder beside a copy of the England and Wales calendar.
struct Sched {
    dir: tempfile::TempDir,
}

impl Sched {
    fn new(text: &str) -> Sched {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(ENGLAND, dir.path().join("england.ics")).unwrap();
        std::fs::write(dir.path().join("s.toml"), text).unwrap();
        Sched { dir }
    }

    fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("s.toml")
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        cmd()
            .args(args)
            .arg("-f")
            .arg(self.path())
            .output()
            .unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let out = self.run(&[args, &["--format", "json"]].concat());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// The phases of `from`..`to`, as (name, the phase's JSON).
    fn phases(&self, from: &str, to: &str) -> Vec<Value> {
        let v = self.json(&["phases", "--today", from, "--from", from, "--to", to]);
        v["phases"].as_array().unwrap().clone()
    }

    fn fails(&self) -> String {
        let out = self.run(&["status", "--today", "2026-06-01"]);
        common::fails(&out).replace(&self.dir.path().display().to_string(), "DIR")
    }
}

fn england(rest: &str) -> Sched {
    Sched::new(&format!(
        "[document]\nweekend = [\"Saturday\", \"Sunday\"]\nholiday_calendars = [\"england.ics\"]\n{rest}"
    ))
}

/// The one phase's date under `key`, and what JSON says it was scheduled for.
fn moved(s: &Sched, key: &str) -> (String, Option<String>) {
    let v = s.json(&["phases", "--today", "2020-01-01"]);
    let p = &v["phases"][0];
    (
        p[key].as_str().unwrap().to_string(),
        p["scheduled"][key].as_str().map(str::to_string),
    )
}

#[test]
fn the_last_working_day_of_every_quarter_2021_to_2030_matches_python_holidays() {
    let expected: Vec<(String, String)> = std::fs::read_to_string(EXPECTED)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (
                format!("{} {} revision published", f[0], f[1]),
                f[2].to_string(),
            )
        })
        .collect();
    assert_eq!(expected.len(), 40);
    let out = cmd()
        .args(["phases", "--format", "json", "--today", "2021-01-01"])
        .args([
            "--from",
            "2021-01-01",
            "--to",
            "2030-12-31",
            "-f",
            QUARTER_ENDS,
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let got: Vec<(String, String)> = v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap().to_string(),
                p["due"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn quarter_ends_that_fall_on_a_day_off_step_back() {
    // 2021 Q1 ends on Wed 2021-03-31 (a working day); 2022 Q4 on Sat 2022-12-31, so Fri 30th;
    // 2027 Q1 ends on Wed 2027-03-31; 2024 Q1 on Easter Sunday 2024-03-31, with Good Friday
    // 2024-03-29 off, so Thu 28th.
    let s = Sched::new(&std::fs::read_to_string(QUARTER_ENDS).unwrap());
    std::fs::copy(ENGLAND, s.dir.path().join("england-and-wales.ics")).unwrap();
    let due = |year: &str| -> Vec<String> {
        s.phases(&format!("{year}-01-01"), &format!("{year}-12-31"))
            .iter()
            .map(|p| p["due"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(due("2022")[3], "2022-12-30");
    assert_eq!(due("2024")[0], "2024-03-28");
    assert_eq!(due("2027")[0], "2027-03-31");
}

#[test]
fn easter_moves_a_deadline_past_good_friday_and_easter_monday() {
    // Good Friday 2022-04-15, Easter Monday 2022-04-18.
    let next = england("[[phase]]\nname = \"R\"\ndue = 2022-04-15\nshift = \"next working day\"\n");
    assert_eq!(
        moved(&next, "due"),
        ("2022-04-19".into(), Some("2022-04-15".into()))
    );
    let prev =
        england("[[phase]]\nname = \"R\"\ndue = 2022-04-18\nshift = \"previous working day\"\n");
    assert_eq!(
        moved(&prev, "due"),
        ("2022-04-14".into(), Some("2022-04-18".into()))
    );
    // From Easter Sunday, Tuesday is 2 days on and Thursday 3 back: Tuesday is nearer.
    let near =
        england("[[phase]]\nname = \"R\"\ndue = 2022-04-17\nshift = \"nearest working day\"\n");
    assert_eq!(
        moved(&near, "due"),
        ("2022-04-19".into(), Some("2022-04-17".into()))
    );
}

#[test]
fn a_christmas_on_a_saturday_moves_past_the_substitute_days() {
    // 2021 and 2027: Christmas on a Saturday, Boxing Day on a Sunday, and the bank holidays on
    // Monday 27th and Tuesday 28th.
    for year in [2021, 2027] {
        let s = england(&format!(
            "[[phase]]\nname = \"R\"\non = {year}-12-25\nshift = \"next working day\"\n"
        ));
        assert_eq!(
            moved(&s, "on"),
            (format!("{year}-12-29"), Some(format!("{year}-12-25")))
        );
        let back = england(&format!(
            "[[phase]]\nname = \"R\"\non = {year}-12-28\nshift = \"previous working day\"\n"
        ));
        assert_eq!(moved(&back, "on").0, format!("{year}-12-24"));
    }
}

#[test]
fn year_ends_shift_across_the_new_year() {
    // Sat 2022-12-31; Sun 2023-01-01 and its substitute Mon 2023-01-02 are off.
    let s = england("[[phase]]\nname = \"R\"\ndue = 2022-12-31\nshift = \"next working day\"\n");
    assert_eq!(
        moved(&s, "due"),
        ("2023-01-03".into(), Some("2022-12-31".into()))
    );
    let back =
        england("[[phase]]\nname = \"R\"\ndue = 2023-01-02\nshift = \"previous working day\"\n");
    assert_eq!(moved(&back, "due").0, "2022-12-30");
}

#[test]
fn a_window_keeps_only_working_days_under_nearest() {
    // Sat 2026-12-26 to Sun 2027-01-03: Christmas Friday, Boxing Day substitute Monday 28th,
    // New Year's Day Friday 2027-01-01.
    let s = england(
        "[[phase]]\nname = \"W\"\nstart = 2026-12-26\nend = 2027-01-03\nshift = \"nearest working day\"\n",
    );
    let v = s.json(&["phases", "--today", "2026-01-01"]);
    let p = &v["phases"][0];
    assert_eq!(p["start"], "2026-12-29");
    assert_eq!(p["end"], "2026-12-31");
    assert_eq!(p["scheduled"]["start"], "2026-12-26");
    assert_eq!(p["scheduled"]["end"], "2027-01-03");
    assert_eq!(p["moved_because"]["start"], "weekend");
}

#[test]
fn phases_says_why_a_date_moved() {
    let s = Sched::new(
        "[document]\nweekend = [\"sat\", \"SUN\"]\nholidays = [2026-12-25]\nshift = \"next working day\"\n\
         [[phase]]\nname = \"Freeze\"\non = 2026-03-28\n\
         [[phase]]\nname = \"Publish\"\ndue = 2026-12-25\n\
         [[phase]]\nname = \"Kept\"\ndue = 2026-12-24\n",
    );
    let out = s.run(&["phases", "--today", "2026-01-01", "--format", "markdown"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("on 2026-03-30, moved from Sat 2026-03-28 (weekend)"),
        "{text}"
    );
    assert!(
        text.contains("due 2026-12-28, moved from Fri 2026-12-25 (holiday)"),
        "{text}"
    );
    let kept = text.lines().find(|l| l.contains("Kept")).unwrap();
    assert!(!kept.contains("moved"), "{kept}");
    let v = s.json(&["phases", "--today", "2026-01-01"]);
    assert_eq!(v["phases"][2]["scheduled"], Value::Null);
}

#[test]
fn written_dates_stay_put_without_a_shift() {
    // Days off alone move nothing: only `shift` does.
    let s = england("[[phase]]\nname = \"R\"\ndue = 2022-12-25\n");
    assert_eq!(moved(&s, "due"), ("2022-12-25".into(), None));
}

#[test]
fn a_shift_on_a_quarter_override_wins_over_the_cadence_phase() {
    let s = england(
        "[[cadence]]\nevery = \"quarter\"\nfrom = 2022-01-01\n\
         [[cadence.phase]]\nname = \"{year} Q{quarter}\"\ndue = \"last day\"\nshift = \"previous working day\"\n\
         q4 = { shift = \"next working day\" }\n",
    );
    let due: Vec<String> = s
        .phases("2022-01-01", "2023-01-31")
        .iter()
        .map(|p| p["due"].as_str().unwrap().to_string())
        .collect();
    // Q1 Thu 03-31, Q2 Thu 06-30, Q3 Fri 09-30: working days. Q4 Sat 12-31 moves forward to
    // Tue 2023-01-03.
    assert_eq!(
        due,
        ["2022-03-31", "2022-06-30", "2022-09-30", "2023-01-03"]
    );
}

#[test]
fn offsets_in_working_days_skip_days_off() {
    // Release on Tue 2022-04-19; 3 working days before skips Easter Monday, the weekend and
    // Good Friday: Tue 2022-04-12 is... Thu 14th (1), Wed 13th (2), Tue 12th (3).
    let s = england(
        "[[phase]]\nname = \"Release\"\ndue = 2022-04-19\n\
         [[phase]]\nname = \"Freeze\"\non = \"Release - 3 working days\"\n\
         [[phase]]\nname = \"Notes\"\ndue = \"Release + 1wd\"\n",
    );
    let v = s.json(&["phases", "--today", "2022-01-01"]);
    let on = |n: usize, k: &str| v["phases"][n][k].as_str().unwrap().to_string();
    assert_eq!(on(1, "on"), "2022-04-12");
    assert_eq!(on(2, "due"), "2022-04-20");
}

#[test]
fn working_day_rules_without_days_off_are_their_calendar_counterparts() {
    let pairs = [
        ("last working day", "last day"),
        ("1st working day", "first day"),
        ("3rd working day of month 2", "day 3 of month 2"),
        ("last working day of month 3", "last day of month 3"),
        ("last working day - 3 working days", "last day - 3d"),
        ("2nd working day + 10wd", "day 2 + 10d"),
    ];
    for (working, calendar) in pairs {
        let dates = |rule: &str| -> Vec<Value> {
            let s = Sched::new(&format!(
                "[[cadence]]\nevery = \"quarter\"\nfrom = 2023-10-01\n\
                 [[cadence.phase]]\nname = \"{{year}} Q{{quarter}}\"\ndue = \"{rule}\"\n"
            ));
            s.phases("2024-01-01", "2024-12-31")
                .iter()
                .map(|p| p["due"].clone())
                .collect()
        };
        assert_eq!(dates(working), dates(calendar), "{working} vs {calendar}");
    }
}

#[test]
fn bad_days_off_are_located_errors() {
    let cases: &[(&str, &str)] = &[
        ("[document]\nweekend = [\"Caturday\"]\n", "Caturday"),
        ("[document]\nholidays = [\"Christmas\"]\n", "Christmas"),
        ("[document]\nholidays = [2026-02-30]\n", "2026-02-30"),
        (
            "[document]\nholiday_calendars = [\"missing.ics\"]\n",
            "missing.ics",
        ),
        (
            "[document]\nweekend = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n",
            "every day",
        ),
        (
            "[document]\nshift = \"next business day\"\n",
            "next business day",
        ),
    ];
    for (doc, needle) in cases {
        let s = Sched::new(&format!(
            "{doc}\n[[phase]]\nname = \"R\"\ndue = 2026-12-25\n"
        ));
        let err = s.fails();
        assert!(err.contains("DIR/s.toml:"), "{doc}\n{err}");
        assert!(err.contains(needle), "{doc}\n{err}");
        assert!(err.lines().count() < 25, "{err}");
    }
}

#[test]
fn a_malformed_calendar_is_named_with_its_own_line() {
    let s = Sched::new(
        "[document]\nholiday_calendars = [\"bad.ics\"]\n[[phase]]\nname = \"R\"\ndue = 2026-12-25\n",
    );
    std::fs::write(
        s.dir.path().join("bad.ics"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026XX25\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let err = s.fails();
    assert!(err.contains("DIR/bad.ics:4"), "{err}");
    assert!(err.contains("2026XX25"), "{err}");
}

#[test]
fn a_shift_with_no_working_day_within_31_days_is_an_error() {
    let holidays: Vec<String> = (1..=31).map(|d| format!("2026-07-{d:02}")).collect();
    let s = Sched::new(&format!(
        "[document]\nweekend = [\"sat\", \"sun\"]\nholidays = [{}]\n[[phase]]\nname = \"R\"\ndue = 2026-07-15\nshift = \"next working day\"\n",
        holidays.join(", ")
    ));
    let err = s.fails();
    assert!(err.contains("DIR/s.toml:"), "{err}");
    assert!(err.contains("31 days"), "{err}");
}

#[test]
fn the_readmes_worked_example_is_the_fixture() {
    // Its output is checked by the trycmd case tests/cmd/phases-working-days-2024.
    let readme = crate::common::docs_text();
    let fixture =
        std::fs::read_to_string(repo!("tests/fixtures/working-days/schedule.toml")).unwrap();
    assert!(readme.contains(&format!("```toml\n{fixture}```\n")));
}

#[test]
fn yearly_calendar_rules_reach_any_year_and_multi_day_events_count_each_day() {
    let s = Sched::new(
        "[document]\nholiday_calendars = [\"y.ics\"]\n\
         [[phase]]\nname = \"Christmas\"\ndue = 2100-12-25\nshift = \"next working day\"\n\
         [[phase]]\nname = \"Spring\"\ndue = 2100-05-31\nshift = \"previous working day\"\n\
         [[phase]]\nname = \"Plain\"\ndue = 2100-05-24\nshift = \"next working day\"\n",
    );
    // Christmas and Boxing Day as one two-day event each year from 2000; the last Monday of May.
    std::fs::write(
        s.dir.path().join("y.ics"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20001225\r\n\
         DTEND;VALUE=DATE:20001227\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\n\
         BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20000529\r\nRRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO\r\n\
         SUMMARY:Spring bank holiday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let v = s.json(&["phases", "--today", "2100-01-01"]);
    let due = |n: usize| v["phases"][n]["due"].as_str().unwrap().to_string();
    assert_eq!(due(0), "2100-12-27");
    assert_eq!(due(1), "2100-05-30");
    assert_eq!(due(2), "2100-05-24", "the Monday before is not the last");

    // A rule it cannot expand is an error at the calendar's line.
    std::fs::write(
        s.dir.path().join("y.ics"),
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20000101\r\n\
         RRULE:FREQ=MONTHLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let err = s.fails();
    assert!(err.contains("DIR/y.ics:5"), "{err}");
}
