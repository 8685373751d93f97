//! Real release and revision schedules through the built binary, with dates from their sources
//! (each fixture in `tests/fixtures/real/` cites its own): the Kubernetes v1.30 cycle (key dates,
//! weeks counted back from the release), the Node.js release lines (chained windows), Python 3.11
//! (a slipped release) and Patch Tuesday (a monthly key date).

use serde_json::{Value, json};

use crate::common::bin;

const KUBERNETES: &str = repo!("tests/fixtures/real/kubernetes-1.30.toml");
const NODE: &str = repo!("tests/fixtures/real/nodejs-release-lines.toml");

/// What a successful run prints; it must print nothing on stderr.
fn stdout(args: &[&str]) -> String {
    let out = bin().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    assert!(out.stderr.is_empty(), "{args:?}: {err}");
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&stdout(args)).unwrap()
}

/// The cells of a Markdown table row.
fn cells(line: &str) -> Vec<&str> {
    line.trim_matches('|').split(" | ").map(str::trim).collect()
}

/// The Markdown row of the phase `name`.
fn row<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    text.lines()
        .find(|l| l.starts_with(&format!("| {name} |")))
        .map_or_else(|| panic!("no row for {name}:\n{text}"), cells)
}

#[test]
fn explain_shows_each_chain_in_the_table_and_in_markdown() {
    let md = stdout(&[
        "phases",
        "-f",
        KUBERNETES,
        "--today",
        "2024-03-06",
        "--explain",
        "--format",
        "markdown",
    ]);
    assert!(
        md.contains("| Phase | Kind | Dates | State | Derived |\n"),
        "{md}"
    );
    let cases = [
        (
            "Enhancements Freeze",
            "on 2024-02-09",
            "on = Code Freeze - 26d ← Code Freeze is 2024-03-06 ← v1.30.0 released is 2024-04-17",
        ),
        (
            "Code Freeze",
            "on 2024-03-06",
            "on = v1.30.0 released - 6w ← v1.30.0 released is 2024-04-17",
        ),
        (
            "v1.30 release cycle",
            "2024-01-08 - 2024-04-17",
            "end = v1.30.0 released ← v1.30.0 released is 2024-04-17",
        ),
        ("Production Readiness Freeze", "on 2024-02-01", ""),
    ];
    for (name, dates, derived) in cases {
        let r = row(&md, name);
        assert_eq!((r[2], r[4]), (dates, derived), "{name}");
    }
    // The terminal table has the same column.
    let table = stdout(&["phases", "-f", NODE, "--today", "2024-03-06", "--explain"]);
    assert!(table.contains("┆ Derived"), "{table}");
    assert!(
        table.contains(
            "│ v22 Current     ┆ window ┆ 2024-04-24 - 2024-10-28 ┆ upcoming ┆ end = start of v22 Active LTS - 1d ← start of v22 Active LTS is 2024-10-29"
        ),
        "{table}"
    );
    // Without --explain nothing changes; JSON always carries `from`, with or without it.
    let plain = stdout(&["phases", "-f", NODE, "--today", "2024-03-06"]);
    assert!(
        !plain.contains("Derived") && !plain.contains('←'),
        "{plain}"
    );
    let json = |extra: &[&str]| {
        let mut args = vec![
            "phases",
            "-f",
            NODE,
            "--today",
            "2024-03-06",
            "--format",
            "json",
        ];
        args.extend(extra);
        json_of(&args)
    };
    let v = json(&["--explain"]);
    assert_eq!(v, json(&[]));
    assert_eq!(
        v["phases"][6]["from"],
        json!({"end": "start of v22 Active LTS - 1d"})
    );
    assert_eq!(v["phases"][8]["from"], Value::Null);
}

#[test]
fn explain_fits_a_narrow_terminal() {
    let out = bin()
        .args([
            "phases",
            "-f",
            KUBERNETES,
            "--today",
            "2024-03-06",
            "--explain",
        ])
        .env("COLUMNS", "100")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    for line in text.lines() {
        assert!(line.chars().count() <= 100, "{line}");
    }
    // Words give way at spaces, never inside a date.
    for date in ["on 2024-02-09", "2024-01-08 - 2024-04-17", "2024-03-06 ←"] {
        assert!(text.contains(date), "{date}: {text}");
    }
}

const PYTHON: &str = repo!("tests/fixtures/real/python-3.11.toml");

#[test]
fn render_slips_strikes_the_plan_through_and_the_default_table_is_unchanged() {
    let plain = stdout(&["render", "-f", PYTHON, "--today", "2022-10-10"]);
    let slips = stdout(&["render", "-f", PYTHON, "--today", "2022-10-10", "--slips"]);
    let cases = [
        // (phase, without --slips, with --slips)
        ("3.11.0 final", "Oct 24", "~~Oct 3~~ Oct 24"),
        ("3.11.0 candidate 2", "Sep 12", "~~Sep 5~~ Sep 12"),
        ("3.11.0 alpha 6", "March 7", "~~Feb 28~~ March 7"),
        // Early: the plan was June 16.
        ("3.11.0 beta 3", "June 1", "~~June 16~~ June 1"),
        // On plan, and not in the plan at all: no strike.
        ("3.11.0 alpha 7", "April 5", "April 5"),
        ("3.11.0 beta 5", "July 26", "July 26"),
        (
            "3.11 feature development",
            "May 3, 2021 - May 7, 2022",
            "May 3, 2021 - May 7, 2022",
        ),
    ];
    for (name, without, with) in cases {
        assert_eq!(row(&plain, name)[1], without, "{name}");
        assert_eq!(row(&slips, name)[1], with, "{name}");
    }
    // Only the dates that moved differ.
    let changed = plain
        .lines()
        .zip(slips.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert_eq!(changed, 9, "{slips}");
}

#[test]
fn check_doc_compares_with_the_table_render_slips_writes() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("doc.md");
    std::fs::write(
        &doc,
        "# 3.11\n\n<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n",
    )
    .unwrap();
    let doc = doc.to_str().unwrap();
    let today = ["-f", PYTHON, "--today", "2022-10-10"];
    let run = |args: &[&str]| bin().args(args).args(today).output().unwrap();
    assert!(run(&["render", "--slips", "--write", doc]).status.success());
    let text = std::fs::read_to_string(doc).unwrap();
    assert!(
        text.contains("| 3.11.0 final | ~~Oct 3~~ Oct 24 |\n"),
        "{text}"
    );
    assert_eq!(
        run(&["check", "--doc", doc, "--slips", "-q"]).status.code(),
        Some(0)
    );
    // Without --slips the table is stale, and the fix it suggests is the plain render.
    let out = run(&["check", "--doc", doc]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(
        said.contains(&format!("--write {doc}")) && !said.contains("--slips"),
        "{said}"
    );
    // The other way round, the suggested command carries --slips.
    assert!(run(&["render", "--write", doc]).status.success());
    let out = run(&["check", "--doc", doc, "--slips"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8(out.stdout).unwrap();
    assert!(said.contains(" --slips --write "), "{said}");
}

const PATCH_TUESDAY: &str = repo!("tests/fixtures/real/patch-tuesday.toml");

fn run(file: &str, today: &str, args: &[&str]) -> String {
    let mut all = vec!["-f", file, "--today", today];
    all.extend(args);
    stdout(&all)
}

#[test]
fn key_dates_in_status_and_upcoming() {
    let status = run(KUBERNETES, "2024-03-01", &["status"]);
    assert!(
        status.contains("│ Wed 2024-03-06 ┆ on     ┆ Code Freeze ┆ in 5 days  │"),
        "{status}"
    );
    assert!(status.contains("Nothing overdue."), "{status}");
    let upcoming = run(
        KUBERNETES,
        "2024-03-01",
        &["upcoming", "--format", "markdown"],
    );
    assert!(
        upcoming.contains("| Wed 2024-03-06 | on | Code Freeze | in 5 days |\n"),
        "{upcoming}"
    );
    assert!(
        upcoming.contains("| Tue 2024-03-26 | on | Docs Freeze | in 25 days |\n"),
        "{upcoming}"
    );
    let v = serde_json::from_str::<Value>(&run(
        KUBERNETES,
        "2024-03-06",
        &["upcoming", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(
        v["upcoming"][0],
        json!({"name": "Code Freeze", "event": "on", "date": "2024-03-06", "days_until": 0,
               "planned": null, "slip_days": null})
    );
    // On its day it is an event of today, never a current phase nor overdue.
    let v = serde_json::from_str::<Value>(&run(
        KUBERNETES,
        "2024-03-07",
        &["status", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(v["overdue"], json!([]));
    let names: Vec<&str> = v["current"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["v1.30 release cycle"]);
    assert!(
        v["upcoming"]
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u["name"] != "Code Freeze"),
        "{v}"
    );
}

#[test]
fn key_dates_in_remind_until_their_day_and_not_after() {
    let remind = |today: &str| run(KUBERNETES, today, &["remind"]);
    assert_eq!(remind("2024-02-27"), "");
    assert_eq!(remind("2024-02-28"), "2024-03-06  in 7 days  Code Freeze\n");
    assert_eq!(remind("2024-03-01"), "2024-03-06  in 5 days  Code Freeze\n");
    assert_eq!(remind("2024-03-05"), "2024-03-06  tomorrow  Code Freeze\n");
    assert_eq!(remind("2024-03-06"), "2024-03-06  today  Code Freeze\n");
    assert_eq!(remind("2024-03-07"), "");
    // Patch Tuesday: the month's key date, never overdue, so quiet between them.
    let remind = |today: &str| run(PATCH_TUESDAY, today, &["remind"]);
    assert_eq!(
        remind("2024-03-07"),
        "2024-03-12  in 5 days  2024-03 Patch Tuesday\n"
    );
    assert_eq!(remind("2024-03-13"), "");
    assert_eq!(remind("2025-06-20"), "");
}

#[test]
fn key_dates_in_render_show_their_day() {
    let table = run(KUBERNETES, "2024-03-06", &["render"]);
    for line in [
        "| Production Readiness Freeze | Feb 1 |",
        "| Enhancements Freeze | Feb 9 |",
        // Current on its day: bold, as a current window is.
        "| **Code Freeze** | **March 6** |",
        "| Docs Freeze | March 26 |",
    ] {
        assert!(table.lines().any(|l| l == line), "{line}:\n{table}");
    }
    let table = run(KUBERNETES, "2024-03-07", &["render"]);
    assert!(
        table.lines().any(|l| l == "| Code Freeze | March 6 |"),
        "{table}"
    );
}

#[test]
fn key_dates_in_the_feed_are_one_day_all_day_events() {
    let out = bin()
        .env("SOURCE_DATE_EPOCH", "1709251200")
        .args(["-f", KUBERNETES, "--today", "2024-03-01", "export", "ics"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let feed = String::from_utf8(out.stdout).unwrap();
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(feed.as_bytes()));
    let cal = parser
        .next()
        .expect("one calendar")
        .expect("a valid calendar");
    let value = |e: &ical::parser::ical::component::IcalEvent, name: &str| {
        let p = e.properties.iter().find(|p| p.name == name);
        p.and_then(|p| p.value.clone()).unwrap_or_default()
    };
    let freeze = cal
        .events
        .iter()
        .find(|e| value(e, "SUMMARY") == "Code Freeze")
        .expect("an event for Code Freeze");
    assert_eq!(value(freeze, "DTSTART"), "20240306");
    assert_eq!(
        value(freeze, "DTEND"),
        "20240307",
        "one day: DTEND is exclusive"
    );
    let start = freeze
        .properties
        .iter()
        .find(|p| p.name == "DTSTART")
        .unwrap();
    assert_eq!(
        start.params,
        Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])])
    );
    assert_eq!(value(freeze, "DESCRIPTION"), "02:00 UTC");
    assert!(!freeze.properties.iter().any(|p| p.name == "DUE"));
    // Eight phases, eight components; none of the key dates is a to-do, even with --todo.
    assert_eq!(cal.events.len(), 8);
    let todo = bin()
        .env("SOURCE_DATE_EPOCH", "1709251200")
        .args([
            "-f",
            KUBERNETES,
            "--today",
            "2024-03-01",
            "export",
            "ics",
            "--todo",
        ])
        .output()
        .unwrap();
    let feed = String::from_utf8(todo.stdout).unwrap();
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(feed.as_bytes()));
    let cal = parser.next().unwrap().unwrap();
    assert_eq!(
        (cal.events.len(), cal.todos.len()),
        (7, 1),
        "only the release is a to-do"
    );
}

#[test]
fn key_dates_in_the_timeline_have_a_mark_of_their_own() {
    let args = ["timeline", "--from", "2024-01-01", "--to", "2024-04-30"];
    let unicode = run(KUBERNETES, "2024-03-06", &args);
    let line = |text: &str, name: &str| {
        text.lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}:\n{text}"))
            .to_string()
    };
    assert!(line(&unicode, "Code Freeze").ends_with('●'), "{unicode}");
    assert!(
        line(&unicode, "Docs Freeze").trim_end().ends_with('●'),
        "{unicode}"
    );
    assert!(
        line(&unicode, "v1.30.0 released").ends_with('◆'),
        "{unicode}"
    );
    assert!(unicode.contains("● date"), "in the legend: {unicode}");
    let mut ascii = args.to_vec();
    ascii.push("--ascii");
    let ascii = run(KUBERNETES, "2024-03-06", &ascii);
    assert!(line(&ascii, "Code Freeze").ends_with('*'), "{ascii}");
    assert!(ascii.contains("* date"), "{ascii}");
    assert!(ascii.is_ascii(), "{ascii}");
    // Without key dates in the picture, the legend does not name the mark.
    let windows = run(NODE, "2024-03-06", &["timeline"]);
    assert!(!windows.contains("date"), "{windows}");
}

#[test]
fn key_dates_never_fail_check() {
    // Every freeze past, the release done: nothing to fail.
    for today in ["2024-03-07", "2024-04-17", "2024-05-01", "2030-01-01"] {
        let out = bin()
            .args([
                "check",
                "-f",
                KUBERNETES,
                "--today",
                today,
                "--fail-within",
                "30d",
            ])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{today}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    // Before the release, --fail-within fails on the release (a milestone), never on a freeze.
    let out = bin()
        .args([
            "check",
            "-f",
            KUBERNETES,
            "--today",
            "2024-03-20",
            "--fail-within",
            "30d",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("`v1.30.0 released` is due in 28 days"),
        "{text}"
    );
    // Patch Tuesday a year and a half on: seventeen key dates past, nothing overdue.
    let out = bin()
        .args([
            "check",
            "-f",
            PATCH_TUESDAY,
            "--today",
            "2025-06-20",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((&v["ok"], &v["problems"]), (&json!(true), &json!([])));
    let status = run(PATCH_TUESDAY, "2025-06-20", &["status"]);
    assert!(status.contains("Nothing overdue."), "{status}");
    assert!(
        status.starts_with(
            "2025-06-20 - no current phase; next: 2025-07 Patch Tuesday (on, in 18 days)\n"
        ),
        "{status}"
    );
}

#[test]
fn phases_shows_a_slip_in_the_table_and_in_markdown() {
    let table = run(PYTHON, "2022-12-01", &["phases"]);
    assert!(
        table.contains("┆ due 2022-10-24, done 2022-10-24, planned 2022-10-03: 21 days late "),
        "{table}"
    );
    assert!(
        table.contains("planned 2022-06-16: 15 days early"),
        "{table}"
    );
    assert!(table.contains("planned 2022-04-05: on plan"), "{table}");
    let md = run(PYTHON, "2022-10-10", &["phases", "--format", "markdown"]);
    let r = row(&md, "3.11.0 final");
    assert_eq!(
        r[1..],
        [
            "milestone",
            // Done on 2022-10-24, which has not come on 2022-10-10: no `done` shows.
            "due 2022-10-24, planned 2022-10-03: 21 days late",
            "upcoming"
        ]
    );
    assert_eq!(
        row(&md, "3.11.0 beta 5")[2],
        "due 2022-07-26, done 2022-07-26"
    );
    let v =
        serde_json::from_str::<Value>(&run(PYTHON, "2022-10-10", &["phases", "--format", "json"]))
            .unwrap();
    let last = &v["phases"][11];
    assert_eq!(
        (
            &last["name"],
            &last["due"],
            &last["planned"],
            &last["slip_days"],
            &last["state"]
        ),
        (
            &json!("3.11.0 final"),
            &json!("2022-10-24"),
            &json!("2022-10-03"),
            &json!(21),
            &json!("upcoming")
        )
    );
    // A key date whose plan moved says so too.
    let moved = "[[phase]]\nname = \"Code freeze\"\non = 2024-03-13\nplanned = 2024-03-06\n";
    let out = bin()
        .args([
            "phases",
            "-f",
            "-",
            "--today",
            "2024-03-01",
            "--format",
            "markdown",
        ])
        .stdin(moved)
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        row(&md, "Code freeze")[1..],
        [
            "date",
            "on 2024-03-13, planned 2024-03-06: 7 days late",
            "upcoming"
        ]
    );
}

/// The phase `name` in `phases --format json` of `file` on `today`.
fn phase(file: &str, today: &str, name: &str) -> Value {
    let v: Value =
        serde_json::from_str(&run(file, today, &["phases", "--format", "json"])).unwrap();
    v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no {name} on {today}: {v}"))
        .clone()
}

#[test]
fn every_boundary_of_the_real_schedules() {
    // (schedule, today, phase, which date, its date as resolved, its state that day)
    let cases = [
        // A key date: upcoming, current on its day, past the day after.
        (
            KUBERNETES,
            "2024-03-05",
            "Code Freeze",
            "on",
            "2024-03-06",
            "upcoming",
        ),
        (
            KUBERNETES,
            "2024-03-06",
            "Code Freeze",
            "on",
            "2024-03-06",
            "current",
        ),
        (
            KUBERNETES,
            "2024-03-07",
            "Code Freeze",
            "on",
            "2024-03-06",
            "past",
        ),
        // Code Freeze - 26d: back through the end of February and its leap day.
        (
            KUBERNETES,
            "2024-02-08",
            "Enhancements Freeze",
            "on",
            "2024-02-09",
            "upcoming",
        ),
        (
            KUBERNETES,
            "2024-02-09",
            "Enhancements Freeze",
            "on",
            "2024-02-09",
            "current",
        ),
        (
            KUBERNETES,
            "2024-02-10",
            "Enhancements Freeze",
            "on",
            "2024-02-09",
            "past",
        ),
        // Code Freeze - 9d: February 26 because 2024 has a February 29.
        (
            KUBERNETES,
            "2024-02-26",
            "Call for Exceptions",
            "on",
            "2024-02-26",
            "current",
        ),
        (
            KUBERNETES,
            "2024-02-29",
            "Call for Exceptions",
            "on",
            "2024-02-26",
            "past",
        ),
        // The release - 22d: back through the end of March.
        (
            KUBERNETES,
            "2024-03-26",
            "Docs Freeze",
            "on",
            "2024-03-26",
            "current",
        ),
        (
            KUBERNETES,
            "2024-03-27",
            "Docs Freeze",
            "on",
            "2024-03-26",
            "past",
        ),
        // A window that ends on the release's day.
        (
            KUBERNETES,
            "2024-04-17",
            "v1.30 release cycle",
            "end",
            "2024-04-17",
            "current",
        ),
        (
            KUBERNETES,
            "2024-04-18",
            "v1.30 release cycle",
            "end",
            "2024-04-17",
            "past",
        ),
        // The release: due today on its day until done that day.
        (
            KUBERNETES,
            "2024-04-16",
            "v1.30.0 released",
            "due",
            "2024-04-17",
            "upcoming",
        ),
        (
            KUBERNETES,
            "2024-04-17",
            "v1.30.0 released",
            "due",
            "2024-04-17",
            "done",
        ),
        // Chained windows: each ends the day before the next starts.
        (
            NODE,
            "2024-10-28",
            "v22 Current",
            "end",
            "2024-10-28",
            "current",
        ),
        (
            NODE,
            "2024-10-29",
            "v22 Current",
            "end",
            "2024-10-28",
            "past",
        ),
        (
            NODE,
            "2024-10-28",
            "v22 Active LTS",
            "start",
            "2024-10-29",
            "upcoming",
        ),
        (
            NODE,
            "2024-10-29",
            "v22 Active LTS",
            "start",
            "2024-10-29",
            "current",
        ),
        (
            NODE,
            "2025-10-20",
            "v22 Active LTS",
            "end",
            "2025-10-20",
            "current",
        ),
        (
            NODE,
            "2025-10-21",
            "v22 Active LTS",
            "end",
            "2025-10-20",
            "past",
        ),
        (
            NODE,
            "2025-10-21",
            "v22 Maintenance",
            "start",
            "2025-10-21",
            "current",
        ),
        // A line's end of life, the end of April.
        (
            NODE,
            "2025-04-30",
            "v18 Maintenance",
            "end",
            "2025-04-30",
            "current",
        ),
        (
            NODE,
            "2025-05-01",
            "v18 Maintenance",
            "end",
            "2025-04-30",
            "past",
        ),
        // A slipped release: the planned day passes and it is not overdue, since it moved.
        (
            PYTHON,
            "2022-10-04",
            "3.11.0 final",
            "due",
            "2022-10-24",
            "upcoming",
        ),
        (
            PYTHON,
            "2022-10-24",
            "3.11.0 final",
            "due",
            "2022-10-24",
            "done",
        ),
        // Feature development ends the day before beta 1.
        (
            PYTHON,
            "2022-05-07",
            "3.11 feature development",
            "end",
            "2022-05-07",
            "current",
        ),
        (
            PYTHON,
            "2022-05-08",
            "3.11 feature development",
            "end",
            "2022-05-07",
            "past",
        ),
        // Patch Tuesday in a leap February, and in December.
        (
            PATCH_TUESDAY,
            "2024-02-13",
            "2024-02 Patch Tuesday",
            "on",
            "2024-02-13",
            "current",
        ),
        (
            PATCH_TUESDAY,
            "2024-02-14",
            "2024-02 Patch Tuesday",
            "on",
            "2024-02-13",
            "past",
        ),
        (
            PATCH_TUESDAY,
            "2024-12-10",
            "2024-12 Patch Tuesday",
            "on",
            "2024-12-10",
            "current",
        ),
        (
            PATCH_TUESDAY,
            "2025-03-10",
            "2025-03 Patch Tuesday",
            "on",
            "2025-03-11",
            "upcoming",
        ),
    ];
    for (file, today, name, key, date, state) in cases {
        let p = phase(file, today, name);
        assert_eq!(
            (p[key].as_str(), p["state"].as_str()),
            (Some(date), Some(state)),
            "{name} on {today}: {p}"
        );
    }
}

#[test]
fn relative_dates_through_month_ends_leap_days_and_year_ends() {
    let schedule = r#"
[[phase]]
name = "Leap day"
on = 2024-02-29

[[phase]]
name = "A month on"
on = "Leap day + 1m"

[[phase]]
name = "A year on"
on = "Leap day + 12m"

[[phase]]
name = "Day before March"
on = "March starts - 1d"

[[phase]]
name = "March starts"
on = 2024-03-01

[[phase]]
name = "After January 31"
due = "end of January + 1m"

[[phase]]
name = "January"
start = 2024-01-01
end = 2024-01-31

[[phase]]
name = "Over the year end"
start = "Year end - 1w"
end = "Year end + 1d"

[[phase]]
name = "Year end"
due = 2024-12-31
"#;
    let phases = |today: &str| {
        let out = bin()
            .args(["phases", "-f", "-", "--today", today, "--format", "json"])
            .stdin(schedule)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["phases"].as_array().unwrap().clone()
    };
    let find = |all: &[Value], name: &str| all.iter().find(|p| p["name"] == name).unwrap().clone();
    let cases = [
        ("A month on", "on", "2024-03-29"),
        ("A year on", "on", "2025-02-28"),
        ("Day before March", "on", "2024-02-29"),
        ("After January 31", "due", "2024-02-29"),
        ("Over the year end", "start", "2024-12-24"),
        ("Over the year end", "end", "2025-01-01"),
    ];
    let all = phases("2024-02-29");
    for (name, key, date) in cases {
        assert_eq!(find(&all, name)[key], date, "{name}");
    }
    // On the leap day the key dates that land on it are current, and past the day after.
    for (today, want) in [
        ("2024-02-28", "upcoming"),
        ("2024-02-29", "current"),
        ("2024-03-01", "past"),
    ] {
        let all = phases(today);
        for name in ["Leap day", "Day before March"] {
            assert_eq!(find(&all, name)["state"], want, "{name} on {today}");
        }
        // A milestone due on the leap day is due today on it, overdue after.
        let due = if today == "2024-03-01" {
            "overdue"
        } else {
            "upcoming"
        };
        assert_eq!(find(&all, "After January 31")["state"], due, "on {today}");
    }
    // The window across the year end is current on both sides of it.
    for today in ["2024-12-31", "2025-01-01"] {
        assert_eq!(
            find(&phases(today), "Over the year end")["state"],
            "current",
            "{today}"
        );
    }
    assert_eq!(
        find(&phases("2025-01-02"), "Over the year end")["state"],
        "past"
    );
}

#[test]
fn check_problems_carry_the_plan() {
    // Python 3.11.0 final as it stood before it shipped: due 2022-10-24, planned 2022-10-03.
    let text = std::fs::read_to_string(PYTHON).unwrap();
    let unshipped = text.replace(
        "due = 2022-10-24\nplanned = 2022-10-03\ndone = 2022-10-24",
        "due = 2022-10-24\nplanned = 2022-10-03",
    );
    assert_ne!(text, unshipped);
    let check = |today: &str, extra: &[&str]| {
        let out = bin()
            .args(["check", "-f", "-", "--today", today, "--format", "json"])
            .args(extra)
            .stdin(unshipped.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        serde_json::from_slice::<Value>(&out.stdout).unwrap()
    };
    let v = check("2022-10-26", &[]);
    let p = &v["problems"][0];
    assert_eq!(
        (
            &p["check"],
            &p["date"],
            &p["days"],
            &p["planned"],
            &p["slip_days"]
        ),
        (
            &json!("overdue"),
            &json!("2022-10-24"),
            &json!(2),
            &json!("2022-10-03"),
            &json!(21)
        )
    );
    let v = check("2022-10-20", &["--fail-within", "7d"]);
    let p = &v["problems"][0];
    assert_eq!(
        (&p["check"], &p["days"], &p["planned"], &p["slip_days"]),
        (
            &json!("due-within"),
            &json!(4),
            &json!("2022-10-03"),
            &json!(21)
        )
    );
    // Not overdue on its planned day: the plan moved.
    let out = bin()
        .args(["check", "-f", "-", "--today", "2022-10-04", "-q"])
        .stdin(unshipped.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}
