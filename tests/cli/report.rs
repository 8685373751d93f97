//! The reporting commands through the built binary: status, upcoming, overdue, phases.

use std::process::Stdio;

use serde_json::{Value, json};

use crate::common::bin as cmd;

const SEED: &str = repo!("tests/fixtures/core/seed.toml");

fn stdout(args: &[&str]) -> String {
    let out = cmd().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

#[test]
fn status_json_matches_the_documented_example() {
    let v = json_of(&[
        "status",
        "-f",
        SEED,
        "--today",
        "2021-06-20",
        "--format",
        "json",
    ]);
    assert_eq!(v["today"], "2021-06-20");
    assert_eq!(v["timezone"], "UTC");
    let current = &v["current"][0];
    assert_eq!(current["name"], "2021 Q2 revision process begins");
    assert_eq!(
        (&current["start"], &current["end"]),
        (&json!("2021-06-14"), &json!("2021-06-30"))
    );
    assert_eq!(v["current"].as_array().unwrap().len(), 1);
    let upcoming: Vec<_> = v["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| json!([u["name"], u["event"], u["date"], u["days_until"]]))
        .collect();
    assert_eq!(
        upcoming,
        [
            json!(["2021 Q2 revision process begins", "end", "2021-06-30", 10]),
            json!(["2021 Q2 revision published", "due", "2021-06-30", 10]),
        ]
    );
    assert_eq!(
        v["overdue"],
        json!([{"name": "2021 Q1 revision published", "due": "2021-03-31", "days_overdue": 81, "planned": null, "slip_days": null}])
    );
}

#[test]
fn status_json_on_other_worked_days() {
    let v = json_of(&[
        "status",
        "-f",
        SEED,
        "--today",
        "2021-07-01",
        "--format",
        "json",
    ]);
    let overdue: Vec<_> = v["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["days_overdue"].clone())
        .collect();
    assert_eq!(overdue, [json!(92), json!(1)]);
    assert_eq!(v["upcoming"].as_array().unwrap().len(), 1);
    assert_eq!(v["upcoming"][0]["name"], "2021 Q3 revision process begins");
    assert_eq!(v["upcoming"][0]["date"], "2021-09-13");
    assert_eq!(v["upcoming"][0]["days_until"], 74);
    assert_eq!(v["current"], json!([]));

    let v = json_of(&[
        "status",
        "-f",
        SEED,
        "--today",
        "2021-03-31",
        "--format",
        "json",
    ]);
    assert_eq!(
        v["current"][0]["name"],
        "Drafting initial stories and proposals"
    );
    assert_eq!(v["current"][0]["start"], Value::Null);
    let today: Vec<_> = v["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["days_until"] == 0)
        .collect();
    assert_eq!(today.len(), 2);
    assert_eq!(v["overdue"], json!([]));
}

#[test]
fn list_commands_share_the_object_shape() {
    let v = json_of(&[
        "upcoming",
        "-f",
        SEED,
        "--today",
        "2021-06-01",
        "--within",
        "2w",
        "--format",
        "json",
    ]);
    assert_eq!(v["today"], "2021-06-01");
    assert_eq!(v["upcoming"][0]["name"], "2021 Q2 revision process begins");
    assert_eq!(v["upcoming"][0]["event"], "start");
    assert_eq!(v["upcoming"].as_array().unwrap().len(), 1);

    let v = json_of(&[
        "overdue",
        "-f",
        SEED,
        "--today",
        "2021-10-01",
        "--format",
        "json",
    ]);
    let names: Vec<_> = v["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "2021 Q1 revision published",
            "2021 Q2 revision published",
            "2021 Q3 revision published"
        ]
    );

    let v = json_of(&[
        "phases",
        "-f",
        SEED,
        "--today",
        "2021-06-20",
        "--format",
        "json",
    ]);
    let phases = v["phases"].as_array().unwrap();
    assert_eq!(phases.len(), 8);
    assert_eq!(
        phases[0],
        json!({"name": "Drafting initial stories and proposals", "kind": "window", "start": null,
               "end": "2021-03-31", "due": null, "done": null, "state": "past", "note": null, "url": null,
               "on": null, "planned": null, "slip_days": null, "planned_start": null,
               "planned_end": null, "from": null, "scheduled": null, "moved_because": null})
    );
    let states: Vec<_> = phases
        .iter()
        .map(|p| p["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        [
            "past", "overdue", "current", "upcoming", "upcoming", "upcoming", "upcoming",
            "upcoming"
        ]
    );
    assert_eq!(phases[1]["kind"], "milestone");
    assert_eq!(phases[1]["due"], "2021-03-31");
}

#[test]
fn tables_match_their_snapshots() {
    for (name, args) in [
        ("status_2021_06_20", vec!["status", "--today", "2021-06-20"]),
        ("status_2021_07_01", vec!["status", "--today", "2021-07-01"]),
        ("status_2021_03_31", vec!["status", "--today", "2021-03-31"]),
        (
            "upcoming_2021_06_01",
            vec!["upcoming", "--today", "2021-06-01"],
        ),
        (
            "overdue_2021_10_01",
            vec!["overdue", "--today", "2021-10-01"],
        ),
        ("phases_2021_06_20", vec!["phases", "--today", "2021-06-20"]),
    ] {
        let mut all = args.clone();
        all.extend(["-f", SEED]);
        insta::assert_snapshot!(name, stdout(&all));
    }
}

#[test]
fn a_bare_command_is_status() {
    let bare = stdout(&["-f", SEED, "--today", "2021-06-20"]);
    let status = stdout(&["status", "-f", SEED, "--today", "2021-06-20"]);
    assert_eq!(bare, status);
    assert!(
        bare.starts_with("2021-06-20 - 2021 Q2 revision process begins, day 7 of 17; 1 overdue\n")
    );
}

#[test]
fn relative_days_in_words() {
    let s = stdout(&["status", "-f", SEED, "--today", "2021-06-20"]);
    assert!(
        s.contains("in 10 days") && s.contains("2 months 20 days overdue"),
        "{s}"
    );
    let s = stdout(&["status", "-f", SEED, "--today", "2021-03-31"]);
    assert!(s.contains("ends today") && s.contains("┆ today"), "{s}");
    let s = stdout(&["status", "-f", SEED, "--today", "2021-06-29"]);
    assert!(s.contains("tomorrow"), "{s}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let args = ["status", "-f", SEED, "--today", "2021-06-28"];
    let piped = stdout(&args);
    assert!(!piped.contains('\u{1b}'), "piped output has escape codes");
    let never: Vec<_> = args.iter().copied().chain(["--color", "never"]).collect();
    assert!(!stdout(&never).contains('\u{1b}'));
    let always: Vec<_> = args.iter().copied().chain(["--color", "always"]).collect();
    let coloured = stdout(&always);
    assert!(
        coloured.contains("\u{1b}["),
        "--color always has escape codes"
    );
    // NO_COLOR turns auto off (and auto is off when piped anyway); --color always still wins.
    let out = cmd().args(args).env("NO_COLOR", "1").output().unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
    let out = cmd().args(always).env("NO_COLOR", "1").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

#[test]
fn tables_fit_the_given_width() {
    for width in [60usize, 80, 120] {
        let out = cmd()
            .args(["status", "-f", SEED, "--today", "2021-06-20"])
            .env("COLUMNS", width.to_string())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in text.lines() {
            assert!(line.chars().count() <= width, "{width}: {line}");
        }
    }
}

#[test]
fn many_overdue_rows_fit_one_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.toml");
    let mut text = String::new();
    for month in 1..=12 {
        text.push_str(&format!(
            "[[phase]]\nname = \"report {month}\"\ndue = 2021-{month:02}-01\n\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    let s = stdout(&[
        "status",
        "-f",
        path.to_str().unwrap(),
        "--today",
        "2022-01-15",
    ]);
    assert!(s.contains("report 12") && s.contains("report 8"), "{s}");
    assert!(!s.contains("report 7 "), "{s}");
    assert!(s.contains("... and 7 older overdue milestones"), "{s}");
    assert!(s.lines().count() <= 24, "{s}");
    let all = stdout(&[
        "overdue",
        "-f",
        path.to_str().unwrap(),
        "--today",
        "2022-01-15",
    ]);
    assert!(
        all.contains("report 1 ") && all.contains("report 12"),
        "{all}"
    );
}

#[test]
fn today_from_the_environment() {
    let out = cmd()
        .args(["status", "-f", SEED, "--format", "json"])
        .env("VISION_SCHED_TODAY", "2021-06-20")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["today"], "2021-06-20");
    // The flag wins over the environment.
    let out = cmd()
        .args([
            "status",
            "-f",
            SEED,
            "--format",
            "json",
            "--today",
            "2021-01-02",
        ])
        .env("VISION_SCHED_TODAY", "2021-06-20")
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["today"], "2021-01-02");
}

#[test]
fn without_today_it_takes_the_clock_in_the_schedules_zone() {
    let v = json_of(&["status", "-f", SEED, "--format", "json"]);
    let today = v["today"].as_str().unwrap();
    let utc = chrono::Utc::now().date_naive().to_string();
    let yesterday = (chrono::Utc::now().date_naive() - chrono::Days::new(1)).to_string();
    // The schedule says UTC; allow for midnight passing between the two reads.
    assert!(today == utc || today == yesterday, "{today} vs {utc}");
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(&format!(
            "[[phase]]\nname = \"phase {i}\"\ndue = 2021-01-01\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    let mut child = cmd()
        .args([
            "phases",
            "-f",
            path.to_str().unwrap(),
            "--today",
            "2021-06-01",
        ])
        .spawn(Stdio::piped(), Stdio::piped());
    drop(child.child.stdout.take());
    let out = child.wait_with_output();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn today_is_taken_in_the_schedules_zone() {
    let dir = tempfile::tempdir().unwrap();
    let today_in = |zone: &str| {
        let path = dir.path().join(format!("{}.toml", zone.replace('/', "_")));
        let phase = "[[phase]]\nname = \"Ship\"\ndue = 2030-01-01\n";
        std::fs::write(
            &path,
            format!("[document]\ntimezone = \"{zone}\"\n\n{phase}"),
        )
        .unwrap();
        let v = json_of(&["status", "-f", path.to_str().unwrap(), "--format", "json"]);
        assert_eq!(v["timezone"], zone);
        chrono::NaiveDate::parse_from_str(v["today"].as_str().unwrap(), "%Y-%m-%d").unwrap()
    };
    // UTC+14 and UTC-11 are 25 hours apart: their dates always differ by one or two days.
    let ahead = today_in("Pacific/Kiritimati");
    let behind = today_in("Pacific/Pago_Pago");
    let gap = (ahead - behind).num_days();
    assert!(gap == 1 || gap == 2, "{ahead} vs {behind}");
}

/// The first line of a table that splits a date: `Wed` with no date after it in its cell, or
/// a part of a `2021-06-30` date.
fn splits_a_date(text: &str) -> Option<String> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let part_of_a_date = |w: &str| {
        let w = w.trim_end_matches(',');
        w.len() > 1
            && w.chars().all(|c| c.is_ascii_digit() || c == '-')
            && w.contains(|c: char| c.is_ascii_digit())
            && w.contains('-')
            && !(w.len() == 10 && w.as_bytes()[4] == b'-' && w.as_bytes()[7] == b'-')
    };
    for line in text.lines().filter(|l| l.starts_with('│')) {
        for cell in line.split(['│', '┆']).map(str::trim) {
            let words: Vec<&str> = cell.split(' ').collect();
            let weekday_alone = words.last().is_some_and(|w| DAYS.contains(w));
            if weekday_alone || words.iter().any(|w| part_of_a_date(w)) {
                return Some(line.to_string());
            }
        }
    }
    None
}

#[test]
fn dates_never_wrap_and_names_give_way_first() {
    let reports: [&[&str]; 4] = [
        &["status", "--today", "2021-06-20"],
        &["upcoming", "--today", "2021-06-20"],
        &["overdue", "--today", "2021-10-01"],
        &["phases", "--today", "2021-06-20"],
    ];
    for args in reports {
        for width in [20usize, 40, 60, 80] {
            let out = cmd()
                .args(args)
                .args(["-f", SEED])
                .env("COLUMNS", width.to_string())
                .output()
                .unwrap();
            let text = String::from_utf8(out.stdout).unwrap();
            if let Some(line) = splits_a_date(&text) {
                panic!("{args:?} at {width} columns splits a date: {line:?}\n{text}");
            }
            // From 60 columns on, every table fits.
            if width >= 60 {
                for line in text.lines() {
                    assert!(line.chars().count() <= width, "{args:?} {width}: {line}");
                }
            }
        }
    }
    // At 60 columns the status table keeps both dates of the current phase on one line each,
    // and the name is what wraps.
    let out = cmd()
        .args(["status", "-f", SEED, "--today", "2021-06-20"])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.contains("┆ Mon 2021-06-14 ┆ Wed 2021-06-30 ┆")),
        "{text}"
    );
    assert!(text.lines().any(|l| l.starts_with("│ 2021 Q2 ")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("│ revision ")), "{text}");
}

#[test]
fn the_date_check_itself_catches_a_split_date() {
    assert!(splits_a_date("│ Mon        ┆\n│ 2021-06-14 ┆\n").is_some());
    assert!(splits_a_date("│ Mon 2021-06-14 ┆ day 7 of ┆\n").is_none());
    assert!(splits_a_date("│ x ┆ due 2021-06- ┆\n│   ┆ 30 ┆\n").is_some());
    assert!(splits_a_date("│ x ┆ 2021-06-14 - ┆\n│   ┆ 2021-06-30, ┆\n").is_none());
}

#[test]
fn a_long_overdue_list_is_one_table_in_parts_of_equal_width() {
    // Over 1,000 rows are drawn in parts, with the widths of the whole list.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.toml");
    let mut text = String::new();
    for i in 0..1_500 {
        let name = if i == 700 {
            "a much longer name than the others, to widen its column".to_string()
        } else {
            format!("m{i}")
        };
        text.push_str(&format!(
            "[[phase]]\nname = \"{name}\"\ndue = 2021-01-01\n\n"
        ));
    }
    std::fs::write(&path, text).unwrap();
    for columns in [None, Some("60")] {
        let mut c = cmd();
        c.args([
            "overdue",
            "-f",
            path.to_str().unwrap(),
            "--today",
            "2021-06-20",
        ]);
        if let Some(w) = columns {
            c.env("COLUMNS", w);
        }
        let out = String::from_utf8(c.output().unwrap().stdout).unwrap();
        let widths: std::collections::BTreeSet<usize> =
            out.lines().map(|l| l.chars().count()).collect();
        assert_eq!(widths.len(), 1, "{columns:?}: widths {widths:?}");
        assert_eq!(out.matches('╭').count(), 1, "one top border");
        assert_eq!(out.matches('╰').count(), 1, "one bottom border");
        assert_eq!(
            out.lines().filter(|l| l.contains("Fri 2021-01-01")).count(),
            1_500
        );
        assert!(splits_a_date(&out).is_none());
        if columns.is_some() {
            assert!(widths.iter().all(|&w| w <= 60), "{widths:?}");
        }
    }
}

/// The colours the program sets (SGR sequences that choose a foreground colour), in order;
/// empty `ESC[m` and bold alone are not colour.
pub(crate) fn colours(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split("\u{1b}[").skip(1) {
        let Some(end) = part.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if part.as_bytes()[end] != b'm' {
            continue;
        }
        let params: Vec<&str> = part[..end].split(';').collect();
        let colour = params.iter().any(|p| {
            p.parse::<u8>()
                .is_ok_and(|n| (30..=37).contains(&n) || (90..=97).contains(&n) || n == 38)
        });
        if colour {
            out.push(part[..end].to_string());
        }
    }
    out
}

#[test]
fn colour_follows_the_flag_in_every_command() {
    // Issue 10, item 15: an explicit `--color always` beats NO_COLOR everywhere, tables
    // included; `--color never` beats everything. Commands whose output is for machines or
    // files never carry escape codes.
    let core = SEED;
    let coloured: [(&str, &[&str]); 7] = [
        ("2021-06-28", &["status"]),
        ("2021-06-28", &["upcoming"]),
        ("2021-07-01", &["overdue"]),
        ("2021-07-01", &["phases"]),
        ("2021-07-01", &["remind"]),
        ("2021-06-20", &["timeline"]),
        ("2021-06-20", &["timeline", "--ascii"]),
    ];
    let plain: [(&str, &[&str]); 11] = [
        ("2021-07-01", &["status", "--format", "json"]),
        ("2021-07-01", &["status", "--format", "markdown"]),
        ("2021-07-01", &["overdue", "--format", "markdown"]),
        ("2021-07-01", &["phases", "--format", "json"]),
        ("2021-07-01", &["upcoming", "--format", "markdown"]),
        ("2021-07-01", &["check"]),
        ("2021-07-01", &["check", "--format", "github"]),
        ("2021-07-01", &["check", "--format", "json"]),
        ("2021-07-01", &["render"]),
        ("2021-07-01", &["export", "ics"]),
        ("2021-01-15", &["check"]),
    ];
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir(config.path().join("vision-sched")).unwrap();
    std::fs::write(
        config.path().join("vision-sched/config.toml"),
        "color = \"always\"\n",
    )
    .unwrap();
    let run = |today: &str, args: &[&str], setup: &dyn Fn(&mut crate::common::Bin)| {
        let mut c = cmd();
        c.args(["-f", core, "--today", today])
            .args(args)
            .env("SOURCE_DATE_EPOCH", "0");
        setup(&mut c);
        let out = c.output().unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let always = |c: &mut crate::common::Bin| {
        c.env("NO_COLOR", "1").args(["--color", "always"]);
    };
    let never = |c: &mut crate::common::Bin| {
        c.env("CLICOLOR_FORCE", "1")
            .env("XDG_CONFIG_HOME", config.path())
            .env("TERM", "xterm-256color")
            .args(["--color", "never"]);
    };
    let configured = |c: &mut crate::common::Bin| {
        c.env("NO_COLOR", "1").env("XDG_CONFIG_HOME", config.path());
    };
    let by_default = |c: &mut crate::common::Bin| {
        c.env("NO_COLOR", "1");
    };
    for (today, args) in coloured {
        let text = run(today, args, &always);
        assert!(!colours(&text).is_empty(), "{args:?}: no colour in\n{text}");
        // Every escape is a real one: no empty `ESC[m` stand-ins for colours.
        assert!(!text.contains("\u{1b}[m"), "{args:?}: {text:?}");
        assert!(!run(today, args, &never).contains('\u{1b}'), "{args:?}");
        // The config file's `color = "always"` is explicit too (no-color.org).
        assert!(
            !colours(&run(today, args, &configured)).is_empty(),
            "{args:?}"
        );
        assert!(
            !run(today, args, &by_default).contains('\u{1b}'),
            "{args:?}"
        );
    }
    // Red for the overdue rows, in the table as in remind.
    let overdue = run("2021-07-01", &["overdue"], &always);
    assert!(
        colours(&overdue)
            .iter()
            .any(|c| c.contains("31") || c.contains("38;5;9"))
    );
    for (today, args) in plain {
        for setup in [&always as &dyn Fn(&mut crate::common::Bin), &configured] {
            let text = run(today, args, setup);
            assert!(!text.contains('\u{1b}'), "{args:?}: {text:?}");
        }
    }
}

#[test]
fn the_colour_check_itself() {
    assert_eq!(
        colours("\u{1b}[38;5;9mx\u{1b}[39m \u{1b}[1;31my\u{1b}[0m"),
        ["38;5;9", "1;31"]
    );
    assert!(colours("\u{1b}[m\u{1b}[1m\u{1b}[0m\u{1b}[39m").is_empty());
}

const NODE: &str = repo!("tests/fixtures/real/nodejs-release-lines.toml");

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[test]
fn the_headline_counts_what_is_overdue() {
    // The bundled schedule on the day of the issue: 23 publications never recorded.
    let bundled = repo!("schedule.toml");
    let s = stdout(&["status", "-f", bundled, "--today", "2026-12-01"]);
    assert_eq!(
        first_line(&s),
        "2026-12-01 - 2026 Q4 revision process begins, day 2 of 12; 23 overdue"
    );
    // Nothing overdue: no count.
    let s = stdout(&["status", "-f", SEED, "--today", "2021-01-15"]);
    assert_eq!(
        first_line(&s),
        "2021-01-15 - Drafting initial stories and proposals, ends in 2 months 16 days"
    );
    // Three release lines current at once: the first is named, the others counted.
    let s = stdout(&["status", "-f", NODE, "--today", "2024-06-01"]);
    assert_eq!(
        first_line(&s),
        "2024-06-01 - v18 Maintenance, day 228 of 561, and 2 more"
    );
    // Markdown has the same words.
    let md = stdout(&[
        "status",
        "-f",
        bundled,
        "--today",
        "2026-12-01",
        "--format",
        "markdown",
    ]);
    assert_eq!(
        first_line(&md),
        "**2026-12-01 - 2026 Q4 revision process begins, day 2 of 12; 23 overdue**"
    );
    let md = stdout(&[
        "status",
        "-f",
        NODE,
        "--today",
        "2024-06-01",
        "--format",
        "markdown",
    ]);
    assert_eq!(
        first_line(&md),
        "**2024-06-01 - v18 Maintenance, day 228 of 561, and 2 more**"
    );
}

#[test]
fn the_headline_never_exceeds_the_width() {
    let bundled = repo!("schedule.toml");
    let at = |columns: u16, file: &str, today: &str| {
        let out = cmd()
            .args(["status", "-f", file, "--today", today])
            .env("COLUMNS", columns.to_string())
            .output()
            .unwrap();
        assert!(out.status.success());
        first_line(&String::from_utf8(out.stdout).unwrap()).to_string()
    };
    // What gives way, in turn: the name, the others' count, the progress, the name again, the
    // overdue count.
    let cases = [
        (
            100,
            NODE,
            "2024-06-01",
            "2024-06-01 - v18 Maintenance, day 228 of 561, and 2 more",
        ),
        (
            50,
            NODE,
            "2024-06-01",
            "2024-06-01 - v18 Maintenance, day 228 of 561",
        ),
        (
            40,
            NODE,
            "2024-06-01",
            "2024-06-01 - v18 Mainte…, day 228 of 561",
        ),
        (35, NODE, "2024-06-01", "2024-06-01 - v18 Maintenance"),
        (
            69,
            bundled,
            "2026-12-01",
            "2026-12-01 - 2026 Q4 revision process begins, day 2 of 12; 23 overdue",
        ),
        (
            68,
            bundled,
            "2026-12-01",
            "2026-12-01 - 2026 Q4 revision process begi…, day 2 of 12; 23 overdue",
        ),
        (
            46,
            bundled,
            "2026-12-01",
            "2026-12-01 - 2026 Q4 revision pro…; 23 overdue",
        ),
        (30, bundled, "2026-12-01", "2026-12-01 - 2026…; 23 overdue"),
        (29, bundled, "2026-12-01", "2026-12-01 - 2026 Q4 revisio…"),
        (20, bundled, "2026-12-01", "2026-12-01 - 2026 Q…"),
    ];
    for (columns, file, today, want) in cases {
        assert_eq!(at(columns, file, today), want, "COLUMNS={columns}");
    }
    for columns in (20..=90).step_by(2) {
        for (file, today) in [
            (bundled, "2026-12-01"),
            (bundled, "2026-11-23"),
            (NODE, "2024-06-01"),
        ] {
            let line = at(columns, file, today);
            assert!(
                line.chars().count() <= usize::from(columns),
                "{line:?} in {columns} columns"
            );
            assert!(line.starts_with(&today[..10]), "{line:?}");
        }
    }
}

/// A window whose plan has one side written (`reschedule --start` writes only
/// `planned_start`) shows both planned days, the side that did not move as it is, and how each
/// side moved.
#[test]
fn phases_shows_a_window_planned_on_one_side_with_both_days() {
    let window = "[[phase]]\nname = \"Freeze\"\nstart = 2025-05-20\nend = 2025-06-30\n";
    // (plan lines, what phases says after the window's days)
    let cases = [
        (
            "planned_start = 2025-05-15\n",
            ", planned 2025-05-15 - 2025-06-30: starts 5 days late",
        ),
        (
            "planned_end = 2025-07-10\n",
            ", planned 2025-05-20 - 2025-07-10: ends 10 days early",
        ),
        (
            "planned_start = 2025-05-19\nplanned_end = 2025-06-29\n",
            ", planned 2025-05-19 - 2025-06-29: starts 1 day late, ends 1 day late",
        ),
        (
            "planned_start = 2025-05-20\n",
            ", planned 2025-05-20 - 2025-06-30",
        ),
    ];
    for (plan, want) in cases {
        let text = format!("{window}{plan}");
        let out = cmd()
            .args(["phases", "-f", "-", "--today", "2025-06-01"])
            .stdin(text.as_bytes().to_vec())
            .output()
            .unwrap();
        let shown = String::from_utf8(out.stdout).unwrap();
        assert!(
            shown.contains(&format!("2025-05-20 - 2025-06-30{want} ")),
            "{plan}: {shown}"
        );
        assert!(!shown.contains(" - -"), "{shown}");
    }
}

/// A `done` after the day asked about has not happened yet on that day: `phases` shows it from
/// that day on, in every format.
#[test]
fn phases_shows_a_done_date_only_from_that_day_on() {
    let text = "[[phase]]\nname = \"Final\"\ndue = 2025-06-01\ndone = 2025-06-05\n";
    // (today, the dates shown, the state, JSON's done)
    let cases = [
        ("2025-06-01", "due 2025-06-01", "upcoming", Value::Null),
        ("2025-06-04", "due 2025-06-01", "overdue", Value::Null),
        (
            "2025-06-05",
            "due 2025-06-01, done 2025-06-05",
            "done",
            json!("2025-06-05"),
        ),
    ];
    for (today, dates, state, done) in cases {
        let run = |format: &str| {
            let out = cmd()
                .args(["phases", "-f", "-", "--today", today, "--format", format])
                .stdin(text.as_bytes().to_vec())
                .output()
                .unwrap();
            String::from_utf8(out.stdout).unwrap()
        };
        let md = run("markdown");
        assert!(
            md.contains(&format!("| Final | milestone | {dates} | {state} |")),
            "{md}"
        );
        let v: Value = serde_json::from_str(&run("json")).unwrap();
        assert_eq!(v["phases"][0]["done"], done, "{today}");
    }
}
