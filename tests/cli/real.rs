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
