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
            "May 3, 2021 - May 7",
            "May 3, 2021 - May 7",
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
