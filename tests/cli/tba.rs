//! Dates to be announced (`"tba"`) through the built binary: every report says "to be
//! announced", `check --fail-tba` gates on them, the feed (read back with the `ical` crate) has
//! an undated to-do or no event, the pictures an open end, and `reschedule --to` keeps "tba" as
//! the plan so `phases` shows the date was announced late.

use std::fs;
use std::io::BufReader;
use std::process::Output;

use serde_json::{Value, json};

use crate::common::{bin, ok};

const FIXTURE: &str = repo!("tests/fixtures/tba/release.toml");

/// `ARGS -f FILE --today TODAY`, with no colour.
fn run(file: &str, today: &str, args: &[&str]) -> Output {
    let mut c = bin();
    c.env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1750000000")
        .args(args)
        .args(["-f", file, "--today", today]);
    c.output().unwrap()
}

fn json(file: &str, today: &str, args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    serde_json::from_str(&ok(&run(file, today, &args))).unwrap()
}

#[test]
fn every_report_says_to_be_announced() {
    // (command, what it must show)
    let cases: [(&[&str], &[&str]); 5] = [
        (
            &["status"],
            &[
                "Feature freeze, day 27, end to be announced",
                "to be announced ┆ day 27, end to be announced",
                "To be announced",
                "│ due   ┆ Final release  │",
                "│ on    ┆ Launch party   │",
                "│ due   ┆ Release docs   │",
            ],
        ),
        (
            &["upcoming"],
            &["To be announced", "│ ends  ┆ Feature freeze │"],
        ),
        (
            &["phases"],
            &[
                "2025-05-15 - to be announced",
                "due: to be announced",
                "on: to be announced",
                "due 2025-06-02, announced late",
            ],
        ),
        (
            &["render"],
            &[
                "| **Feature freeze** | **May 15 - to be announced** |",
                "| Final release | to be announced |",
            ],
        ),
        (
            &["timeline", "--from", "2025-05-01", "--to", "2025-07-31"],
            &["┄ end to be announced", "to be announced"],
        ),
    ];
    for (args, want) in cases {
        let out = ok(&run(FIXTURE, "2025-06-10", args));
        for w in want {
            assert!(out.contains(w), "{args:?} lacks {w:?}:\n{out}");
        }
    }
}

#[test]
fn json_says_tba_where_the_schedule_does() {
    let v = json(FIXTURE, "2025-06-10", &["status"]);
    assert_eq!(v["current"][0]["end"], "tba");
    assert_eq!(v["current"][0]["days_left"], Value::Null);
    assert_eq!(v["current"][0]["days"], Value::Null);
    assert_eq!(v["current"][0]["day"], 27);
    let tba: Vec<(&str, &str)> = v["tba"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap(), t["event"].as_str().unwrap()))
        .collect();
    assert_eq!(
        tba,
        [
            ("Feature freeze", "end"),
            ("Final release", "due"),
            ("Release docs", "due"),
            ("Launch party", "on")
        ]
    );
    let phases = json(FIXTURE, "2025-06-10", &["phases"]);
    let by_name = |n: &str| {
        phases["phases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(by_name("Final release")["due"], "tba");
    assert_eq!(by_name("Launch party")["on"], "tba");
    assert_eq!(by_name("Feature freeze")["end"], "tba");
    assert_eq!(
        (&by_name("Beta")["planned"], &by_name("Beta")["slip_days"]),
        (&json!("tba"), &Value::Null)
    );
}

/// A milestone to be announced on the day it later gets: never in `overdue`, never due today.
#[test]
fn a_milestone_to_be_announced_is_never_overdue_nor_due() {
    let text = fs::read_to_string(FIXTURE).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let dated = dir.path().join("dated.toml");
    fs::write(&dated, text.replace("due = \"tba\"", "due = 2025-07-01")).unwrap();
    let dated = dated.to_str().unwrap();
    // (today, overdue names of the file as it is, and once the date is written)
    let cases = [
        ("2025-06-30", vec!["Beta"], vec!["Beta"]),
        ("2025-07-01", vec!["Beta"], vec!["Beta"]),
        ("2025-07-02", vec!["Beta"], vec!["Beta", "Final release"]),
        ("2025-07-08", vec!["Beta"], vec!["Beta", "Final release"]),
        // "Release docs", a week after the final release, is due 2025-07-08 once that is written.
        (
            "2025-07-09",
            vec!["Beta"],
            vec!["Beta", "Final release", "Release docs"],
        ),
    ];
    let names = |v: &Value, list: &str| -> Vec<String> {
        let mut n: Vec<String> = v[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap().to_string())
            .collect();
        n.sort();
        n
    };
    for (today, tba_late, dated_late) in cases {
        assert_eq!(
            names(&json(FIXTURE, today, &["overdue"]), "overdue"),
            tba_late,
            "{today}"
        );
        assert_eq!(
            names(&json(dated, today, &["overdue"]), "overdue"),
            dated_late,
            "{today}"
        );
        let upcoming = json(FIXTURE, today, &["upcoming"]);
        assert!(
            upcoming["upcoming"]
                .as_array()
                .unwrap()
                .iter()
                .all(|u| u["name"] != "Final release" && u["name"] != "Release docs"),
            "{today}: {upcoming}"
        );
        let phases = json(FIXTURE, today, &["phases"]);
        let state = phases["phases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "Final release")
            .unwrap()["state"]
            .clone();
        assert_eq!(state, "upcoming", "{today}");
    }
}

#[test]
fn fail_tba_fails_while_a_milestone_or_window_end_is_to_be_announced() {
    let dir = tempfile::tempdir().unwrap();
    let only = |name: &str, body: &str| {
        let p = dir.path().join(name);
        fs::write(&p, body).unwrap();
        p.to_str().unwrap().to_string()
    };
    let window = only(
        "w.toml",
        "[[phase]]\nname = \"Freeze\"\nstart = 2025-05-15\nend = \"tba\"\n",
    );
    let milestone = only("m.toml", "[[phase]]\nname = \"Final\"\ndue = \"tba\"\n");
    let key_date = only("k.toml", "[[phase]]\nname = \"Party\"\non = \"tba\"\n");
    let done = only(
        "d.toml",
        "[[phase]]\nname = \"Final\"\ndue = \"tba\"\ndone = 2025-06-01\n",
    );
    let written = only(
        "x.toml",
        "[[phase]]\nname = \"Final\"\ndue = 2025-09-01\nplanned = \"tba\"\n",
    );
    // (file, --fail-tba, exit code, what it says)
    let cases = [
        (&window, false, 0, ""),
        (&window, true, 1, "`Freeze`: its end is to be announced"),
        (&milestone, false, 0, ""),
        (
            &milestone,
            true,
            1,
            "`Final`: its due date is to be announced",
        ),
        (&key_date, true, 0, ""),
        (&done, true, 0, ""),
        (&written, true, 0, ""),
    ];
    for (file, gate, code, said) in cases {
        let mut args = vec!["check"];
        if gate {
            args.push("--fail-tba");
        }
        let out = run(file, "2025-06-10", &args);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(code), "{file} {gate}: {stdout}");
        assert!(stdout.contains(said), "{file} {gate}: {stdout}");
    }
    let v: Value = {
        let out = run(
            &window,
            "2025-06-10",
            &["check", "--fail-tba", "--format", "json"],
        );
        assert_eq!(out.status.code(), Some(1));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(v["problems"][0]["check"], "tba");
    assert_eq!(v["problems"][0]["line"], 2);
    assert_eq!(v["problems"][0]["date"], Value::Null);
}

#[test]
fn a_window_whose_end_is_to_be_announced_is_current_from_its_start() {
    // (today, current?)
    let cases = [
        ("2025-05-14", false),
        ("2025-05-15", true),
        ("2099-01-01", true),
    ];
    for (today, current) in cases {
        let v = json(FIXTURE, today, &["status"]);
        let names: Vec<&str> = v["current"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names.contains(&"Feature freeze"), current, "{today}: {v}");
    }
}

#[test]
fn reschedule_to_keeps_tba_as_the_plan_and_undo_gives_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.toml");
    let text = fs::read_to_string(FIXTURE).unwrap();
    fs::write(&path, &text).unwrap();
    let file = path.to_str().unwrap();
    let out = ok(&run(
        file,
        "2025-06-10",
        &["reschedule", "Final release", "--to", "2025-09-01"],
    ));
    assert!(
        out.contains("Final release: now due 2025-09-01 (planned to be announced: announced late)"),
        "{out}"
    );
    assert!(
        out.contains("Release docs follows: now due 2025-09-08"),
        "{out}"
    );
    let moved = fs::read_to_string(&path).unwrap();
    assert!(
        moved.contains("due = 2025-09-01\nplanned = \"tba\"\n"),
        "{moved}"
    );
    let phases = ok(&run(file, "2025-06-10", &["phases"]));
    assert!(
        phases.contains("due 2025-09-01, announced late"),
        "{phases}"
    );
    // A second move keeps the plan.
    ok(&run(
        file,
        "2025-06-10",
        &["reschedule", "Final release", "--to", "2025-10-01"],
    ));
    let again = fs::read_to_string(&path).unwrap();
    assert!(
        again.contains("due = 2025-10-01\nplanned = \"tba\"\n"),
        "{again}"
    );
    assert_eq!(
        again.matches("planned").count(),
        moved.matches("planned").count()
    );
    // The window's end too: `--end` on a window whose end is to be announced.
    let out = ok(&run(
        file,
        "2025-06-10",
        &["reschedule", "Feature freeze", "--end", "2025-06-30"],
    ));
    assert!(
        out.contains("planned 2025-05-15 - to be announced"),
        "{out}"
    );
    let phases = ok(&run(file, "2025-06-10", &["phases"]));
    assert!(
        phases.contains(
            "2025-05-15 - 2025-06-30, planned 2025-05-15 - to be announced: ends announced late"
        ),
        "{phases}"
    );
    ok(&run(
        file,
        "2025-06-10",
        &["reschedule", "--undo", "Feature freeze"],
    ));
    ok(&run(
        file,
        "2025-06-10",
        &["reschedule", "--undo", "Final release"],
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

fn parse(feed: &str) -> ical::parser::ical::component::IcalCalendar {
    ical::IcalParser::new(BufReader::new(feed.as_bytes()))
        .next()
        .expect("one calendar")
        .expect("a valid calendar")
}

fn prop(props: &[ical::property::Property], name: &str) -> Option<String> {
    props
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.clone())
}

#[test]
fn the_feed_has_an_undated_todo_or_no_event_for_a_date_to_be_announced() {
    let events = parse(&ok(&run(FIXTURE, "2025-06-10", &["export", "ics"]))).events;
    let summaries: Vec<String> = events
        .iter()
        .map(|e| prop(&e.properties, "SUMMARY").unwrap())
        .collect();
    assert_eq!(summaries, ["Feature freeze", "Beta"]);
    let freeze = &events[0].properties;
    assert_eq!(prop(freeze, "DTSTART").as_deref(), Some("20250515"));
    assert_eq!(prop(freeze, "DTEND").as_deref(), Some("20250516"));
    assert_eq!(
        prop(freeze, "DESCRIPTION").as_deref(),
        Some("Runs from 2025-05-15\\; its end is to be announced.")
    );
    let cal = parse(&ok(&run(
        FIXTURE,
        "2025-06-10",
        &["export", "ics", "--todo", "--alarm", "1w"],
    )));
    let todos: Vec<(String, Option<String>, Option<String>, usize)> = cal
        .todos
        .iter()
        .map(|t| {
            (
                prop(&t.properties, "SUMMARY").unwrap(),
                prop(&t.properties, "DUE"),
                prop(&t.properties, "DESCRIPTION"),
                t.alarms.len(),
            )
        })
        .collect();
    let tba = Some("Its due date is to be announced.".to_string());
    assert_eq!(
        todos,
        [
            ("Beta".into(), Some("20250602".into()), None, 1),
            ("Final release".into(), None, tba.clone(), 0),
            ("Release docs".into(), None, tba, 0),
        ]
    );
    // The key date to be announced has no event either.
    assert!(
        cal.events
            .iter()
            .all(|e| prop(&e.properties, "SUMMARY").as_deref() != Some("Launch party"))
    );
}

#[test]
fn the_svg_timeline_draws_an_open_end_and_says_to_be_announced() {
    let svg = ok(&run(
        FIXTURE,
        "2025-06-10",
        &[
            "export",
            "svg",
            "--from",
            "2025-05-01",
            "--to",
            "2025-07-31",
        ],
    ));
    let doc = roxmltree::Document::parse(&svg).expect("well-formed SVG");
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains(&"to be announced"), "{texts:?}");
    assert!(texts.contains(&"end to be announced"), "{texts:?}");
}

/// The Mermaid chart can only place a task on a day: a window whose end is to be announced runs
/// to the span's end and says so in its name; a milestone or key date to be announced is left
/// out.
#[test]
fn the_mermaid_chart_runs_an_open_window_to_the_spans_end() {
    let chart = ok(&run(
        FIXTURE,
        "2025-06-10",
        &[
            "render",
            "--format",
            "mermaid",
            "--from",
            "2025-05-01",
            "--to",
            "2025-07-31",
        ],
    ));
    assert!(
        chart
            .contains("    Feature freeze (end to be announced) :active, 2025-05-15, 2025-07-31\n"),
        "{chart}"
    );
    for left_out in ["Final release", "Release docs", "Launch party"] {
        assert!(!chart.contains(left_out), "{chart}");
    }
}
