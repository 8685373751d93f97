//! The pictures through the built binary: `render --format mermaid`, `render --write` and
//! `check --doc` on documents with both blocks, `export svg` (parsed with an XML parser) and
//! `check --svg`. Mermaid's own reading of the chart is checked by `scripts/look.sh`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

use crate::common::{Bin, ROOT, bin, repo};

/// A run from the repository's root on the bundled schedule (or another), on `today`.
fn run(schedule: &str, today: &str, args: &[&str]) -> Bin {
    let mut cmd = bin();
    cmd.current_dir(ROOT)
        .args(["-f", schedule, "--today", today])
        .args(args);
    cmd
}

fn stdout(cmd: &Bin) -> String {
    let out = cmd.assert().success().get_output().clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const SEED_CHART: &str = "\
```mermaid
gantt
    title Async I/O in Rust#58; the vision
    dateFormat YYYY-MM-DD
    axisFormat %b
    tickInterval 1month
    inclusiveEndDates
    todayMarker off
    section 2021
    Drafting initial stories and proposals :done, 2021-01-01, 2021-03-31
    2021 Q1 revision published :crit, milestone, 2021-03-31, 1d
    2021 Q2 revision process begins :active, 2021-06-14, 2021-06-30
    2021 Q2 revision published :milestone, 2021-06-30, 1d
    2021 Q3 revision process begins :2021-09-13, 2021-09-30
    2021 Q3 revision published :milestone, 2021-09-30, 1d
    2021 Q4 revision process begins :2021-11-29, 2021-12-10
    2021 Q4 revision published :milestone, 2021-12-10, 1d
```
";

#[test]
fn the_seed_as_a_mermaid_chart_on_2021_06_20() {
    let got = stdout(&run(
        "schedule.toml",
        "2021-06-20",
        &["render", "--format", "mermaid"],
    ));
    assert_eq!(got, SEED_CHART);
    // "June 14 - June 30" by its first and last days, with inclusive end dates: 17 days.
    assert!(got.contains("    inclusiveEndDates\n"));
    assert!(got.contains(":active, 2021-06-14, 2021-06-30\n"));
    // The format may come before the command, as for the reports.
    let mut early = bin();
    early
        .current_dir(ROOT)
        .args(["--format", "mermaid", "render", "-f", "schedule.toml"])
        .args(["--today", "2021-06-20"]);
    assert_eq!(stdout(&early), SEED_CHART);
    // 2022 has the cadence's cycles, in a section of their own year.
    let got = stdout(&run(
        "schedule.toml",
        "2022-01-15",
        &["render", "--format", "mermaid"],
    ));
    assert!(got.contains(
        "    section 2022\n    2022 Q1 revision process begins :2022-03-14, 2022-03-31\n"
    ));
}

#[test]
fn render_refuses_formats_it_does_not_have() {
    run(
        "schedule.toml",
        "2021-06-20",
        &["render", "--format", "json"],
    )
    .assert()
    .code(2)
    .stderr(contains("invalid value 'json'"));
    let mut early = bin();
    early
        .current_dir(ROOT)
        .args(["--format", "json", "render", "-f", "schedule.toml"]);
    early.assert().code(2).stderr(contains(
        "--format json does not apply to `render`: it takes table or mermaid",
    ));
    run(
        "schedule.toml",
        "2021-06-20",
        &["render", "--format", "mermaid", "--write", "doc.md"],
    )
    .assert()
    .code(2)
    .stderr(contains("cannot be used with"));
    // Mermaid is no format of the reports.
    run(
        "schedule.toml",
        "2021-06-20",
        &["--format", "mermaid", "status"],
    )
    .assert()
    .code(2)
    .stderr(contains("--format mermaid does not apply to `status`"));
}

fn temp_doc(text: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("doc.md");
    fs::write(&p, text).unwrap();
    (tmp, p)
}

fn write(doc: &Path, today: &str) -> assert_cmd::assert::Assert {
    run("schedule.toml", today, &["render", "--write"])
        .arg(doc)
        .assert()
}

fn check_doc(doc: &Path, today: &str) -> assert_cmd::assert::Assert {
    run("schedule.toml", today, &["check", "--doc"])
        .arg(doc)
        .assert()
}

const BOTH: &str = "# Doc\n\n<!-- vision-sched:begin mermaid -->\nold chart\n<!-- vision-sched:end -->\n\n\
                    Between.\n\n<!-- vision-sched:begin -->\n| old |\n<!-- vision-sched:end -->\nAfter.\n";

#[test]
fn write_fills_every_block_in_its_own_format() {
    let (tmp, doc) = temp_doc(BOTH);
    fs::set_permissions(&doc, fs::Permissions::from_mode(0o640)).unwrap();
    // Lines are those of the new document: the chart (19 lines) pushes the table down.
    write(&doc, "2021-06-20")
        .success()
        .stdout("")
        .stderr(contains("doc.md: Mermaid chart updated (lines 3-22)\n"))
        .stderr(contains("doc.md: schedule table updated (lines 26-37)\n"));
    let text = fs::read_to_string(&doc).unwrap();
    let table = stdout(&run("schedule.toml", "2021-06-20", &["render"]));
    let want = format!(
        "# Doc\n\n<!-- vision-sched:begin mermaid -->\n{SEED_CHART}<!-- vision-sched:end -->\n\n\
         Between.\n\n<!-- vision-sched:begin -->\n{table}<!-- vision-sched:end -->\nAfter.\n"
    );
    assert_eq!(text, want);
    assert_eq!(
        fs::metadata(&doc).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    // Again: nothing to do, and both say so.
    write(&doc, "2021-06-20")
        .success()
        .stderr(contains("Mermaid chart is already up to date (lines 3-22)"))
        .stderr(contains(
            "schedule table is already up to date (lines 26-37)",
        ));
    assert_eq!(fs::read_to_string(&doc).unwrap(), want);

    // check --doc compares both: current, so only the overdue milestone fails.
    check_doc(&doc, "2021-06-20")
        .code(1)
        .stdout(contains("`2021 Q1 revision published` is 81 days overdue"))
        .stdout(contains("out of date").not());
    // On a day when nothing is overdue the document is current: both blocks named.
    let (_tmp, doc) = temp_doc(BOTH);
    write(&doc, "2021-01-15").success();
    check_doc(&doc, "2021-01-15").code(0).stdout(
        "check passed on 2021-01-15: nothing overdue, the Mermaid chart and the table in \
         doc.md are up to date\n"
            .replace("doc.md", &doc.display().to_string()),
    );
    // On April 1 drafting has ended: the chart's first stale line is its first task.
    let out = check_doc(&doc, "2021-04-01")
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let shown = doc.display().to_string();
    assert!(
        out.contains(&format!(
            "{shown}:13: the Mermaid chart is out of date: expected \
             `    Drafting initial stories and proposals :done, 2021-01-01, 2021-03-31`; \
             run `vision-sched render -f schedule.toml --write {shown}`"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("{shown}:29: the schedule table is out of date")),
        "{out}"
    );
    let json = run(
        "schedule.toml",
        "2021-04-01",
        &["check", "--format", "json", "--doc"],
    )
    .arg(&doc)
    .assert()
    .code(1)
    .get_output()
    .stdout
    .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let checks: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["check"].as_str().unwrap())
        .collect();
    assert_eq!(checks, ["overdue", "doc-mermaid", "doc-table"]);
}

#[test]
fn a_document_may_hold_the_chart_alone_and_keeps_crlf() {
    let text = "Intro\r\n<!-- vision-sched:begin mermaid -->\r\n<!-- vision-sched:end -->\r\n";
    let (_tmp, doc) = temp_doc(text);
    write(&doc, "2021-06-20")
        .success()
        .stderr(contains("Mermaid chart updated (lines 2-21)"));
    let got = fs::read_to_string(&doc).unwrap();
    assert_eq!(
        got,
        format!(
            "Intro\r\n<!-- vision-sched:begin mermaid -->\r\n{}<!-- vision-sched:end -->\r\n",
            SEED_CHART.replace('\n', "\r\n")
        )
    );
    check_doc(&doc, "2021-06-20")
        .code(1)
        .stdout(contains("overdue"))
        .stdout(contains("out of date").not());
    // No pair at all is bad input, naming both ways to add one; the file is left alone.
    let (_tmp, doc) = temp_doc("# nothing\n");
    write(&doc, "2021-06-20")
        .code(2)
        .stderr(contains("no `<!-- vision-sched:begin -->` marker line"))
        .stderr(contains("<!-- vision-sched:begin mermaid -->"));
    assert_eq!(fs::read_to_string(&doc).unwrap(), "# nothing\n");
    // Two charts are refused like two tables.
    let two = "<!-- vision-sched:begin mermaid -->\n<!-- vision-sched:end -->\n\
               <!-- vision-sched:begin mermaid -->\n<!-- vision-sched:end -->\n";
    let (_tmp, doc) = temp_doc(two);
    write(&doc, "2021-06-20")
        .code(2)
        .stderr(contains(
            "a second `<!-- vision-sched:begin mermaid -->` marker",
        ))
        .stderr(contains("doc.md:3:1"));
    assert_eq!(fs::read_to_string(&doc).unwrap(), two);
}

#[test]
fn the_fixture_document_with_both_blocks_is_current() {
    check_doc(&repo("tests/fixtures/pictures/doc.md"), "2021-01-15")
        .code(0)
        .stdout(contains("the Mermaid chart and the table in"));
}

fn svg(schedule: &str, today: &str, args: &[&str]) -> String {
    let mut all = vec!["export", "svg"];
    all.extend(args);
    stdout(&run(schedule, today, &all))
}

#[test]
fn export_svg_is_xml_with_a_row_per_phase() {
    let text = svg(
        "schedule.toml",
        "2021-06-20",
        &["--from", "2021-01-01", "--to", "2021-12-31"],
    );
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("960"));
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("name ")))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(names.len(), 8);
    assert_eq!(names[0], "Drafting initial stories and proposals");
    assert!(
        doc.descendants()
            .any(|n| n.attribute("class") == Some("today"))
    );
    // The same bytes every time, and as committed for the README.
    assert_eq!(
        text,
        svg(
            "schedule.toml",
            "2021-06-20",
            &["--from", "2021-01-01", "--to", "2021-12-31"]
        )
    );
    assert_eq!(text, fs::read_to_string(repo("docs/timeline.svg")).unwrap());
    // The default span is the timeline's: twelve months from three months before today.
    let text = svg("schedule.toml", "2021-06-20", &["--width", "1200"]);
    assert!(text.contains("2021-03-01 - 2022-02-28 as of 2021-06-20"));
    assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\""));
}

#[test]
fn export_svg_refuses_bad_widths_and_spans() {
    for (args, want) in [
        (
            &["--width", "100"][..],
            "`100` is not a width: write whole pixels from 320 to 10000",
        ),
        (&["--width", "wide"], "`wide` is not a width"),
        (&["--width", "10001"], "is not a width"),
        (
            &["--from", "2021-06-02", "--to", "2021-06-01"],
            "--to must be on or after --from",
        ),
        (&["--from", "2021-02-30"], "is not a date"),
    ] {
        let mut all = vec!["export", "svg"];
        all.extend(args);
        run("schedule.toml", "2021-06-20", &all)
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains(want));
    }
}

#[test]
fn export_svg_o_writes_atomically_and_check_svg_compares() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("timeline.svg");
    fs::write(&file, "old").unwrap();
    fs::set_permissions(&file, fs::Permissions::from_mode(0o664)).unwrap();
    run("schedule.toml", "2021-06-20", &["export", "svg", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        svg("schedule.toml", "2021-06-20", &[])
    );
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o664
    );
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    let shown = file.display().to_string();

    let check = |today: &str, args: &[&str]| {
        let mut c = run("schedule.toml", today, &["check", "--svg"]);
        c.arg(&file).args(args);
        c
    };
    // 2021-06-20: the Q1 milestone is overdue, so the check fails for that alone.
    let out = check("2021-06-20", &[])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(!String::from_utf8(out).unwrap().contains("SVG"));
    // A day later today's line has moved: stale, located, with the command that fixes it.
    let out = check("2021-06-21", &["--width", "960"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(&format!(
            "{shown}:2: the SVG timeline is out of date: it differs from what `export svg` \
             writes from this line on; run `vision-sched export svg -f schedule.toml --width 960 -o {shown}`"
        )),
        "{out}"
    );
    // Written for a quiet day, it passes and says so.
    run("schedule.toml", "2021-01-15", &["export", "svg", "-o"])
        .arg(&file)
        .assert()
        .success();
    check("2021-01-15", &[]).assert().code(0).stdout(format!(
        "check passed on 2021-01-15: nothing overdue, the SVG timeline {shown} is up to date\n"
    ));
    // CRLF line endings (a checkout on Windows) are the same picture.
    let crlf = fs::read_to_string(&file).unwrap().replace('\n', "\r\n");
    fs::write(&file, crlf).unwrap();
    check("2021-01-15", &["-q"]).assert().code(0).stdout("");
    // Another width, another picture; bytes that are not UTF-8 differ on their line.
    check("2021-01-15", &["--width", "1200"])
        .assert()
        .code(1)
        .stdout(contains(":1: the SVG timeline is out of date"));
    fs::write(&file, b"<svg>\n\xff\n").unwrap();
    check("2021-01-15", &[])
        .assert()
        .code(1)
        .stdout(contains(":2: the SVG timeline"));
    // A missing file is bad input naming it; --width needs --svg.
    fs::remove_file(&file).unwrap();
    check("2021-01-15", &[])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(format!("{shown}: no such file")));
    run("schedule.toml", "2021-01-15", &["check", "--width", "960"])
        .assert()
        .code(2)
        .stderr(contains("--svg"));
    // -o into a folder that does not exist names it.
    run("schedule.toml", "2021-01-15", &["export", "svg", "-o"])
        .arg(tmp.path().join("nowhere/t.svg"))
        .assert()
        .code(2)
        .stderr(contains("nowhere"));
}

#[test]
fn the_committed_timeline_is_current() {
    // As .ci/run checks it: the README's picture of 2021 on 2021-06-20.
    let mut cmd = bin();
    cmd.current_dir(ROOT).args([
        "check",
        "-f",
        "schedule.toml",
        "--today",
        "2021-06-20",
        "--svg",
        "docs/timeline.svg",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
    ]);
    cmd.assert().code(1).stdout(contains("SVG").not());
}

#[test]
fn hostile_names_come_out_as_plain_text() {
    let file = "tests/fixtures/pictures/hostile.toml";
    let json = stdout(&run(file, "2021-06-20", &["phases", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let text = svg(
        file,
        "2021-06-20",
        &["--from", "2021-01-01", "--to", "2021-12-31"],
    );
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    let tooltips: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("row ")))
        .map(|row| {
            row.children()
                .find(|n| n.has_tag_name("title"))
                .and_then(|n| n.text())
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(tooltips.len(), names.len());
    for (tooltip, name) in tooltips.iter().zip(&names) {
        assert!(
            tooltip.starts_with(&format!("{name}: 2021-")),
            "{tooltip:?} for {name:?}"
        );
    }
    // The chart: one task line per name, none of them a statement of their own.
    let chart = stdout(&run(file, "2021-06-20", &["render", "--format", "mermaid"]));
    let lines: Vec<&str> = chart.lines().collect();
    assert_eq!(lines.len(), 10 + names.len(), "{chart}");
    assert_eq!(lines.iter().filter(|l| l.contains("section")).count(), 1);
    for line in &lines[9..lines.len() - 1] {
        let (name, data) = line.trim_start().rsplit_once(" :").unwrap();
        assert!(
            !name.contains([':', ';', '%', '`', '<', '>']) || name.contains('#'),
            "{line}"
        );
        assert!(data.ends_with("1d") || data.contains(", 2021-"), "{line}");
    }
    // The fence stays closed: only its own two lines start with backticks.
    assert_eq!(chart.lines().filter(|l| l.starts_with("```")).count(), 2);

    // A 10,000-character name: cut in the label and the chart, whole in the tooltip.
    let tmp = tempfile::tempdir().unwrap();
    let long = "n".repeat(10_000);
    let path = tmp.path().join("long.toml");
    fs::write(
        &path,
        format!("[[phase]]\nname = \"{long}\"\ndue = 2021-06-30\n"),
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let text = svg(path, "2021-06-20", &[]);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let label = doc
        .descendants()
        .find(|n| n.attribute("class").is_some_and(|c| c.starts_with("name ")))
        .and_then(|n| n.text())
        .unwrap();
    assert!(label.ends_with('…') && label.len() < 200, "{label}");
    assert!(text.contains(&format!("<title>{long}: 2021-06-30 (upcoming)</title>")));
    let chart = stdout(&run(path, "2021-06-20", &["render", "--format", "mermaid"]));
    assert!(chart.contains(&format!(
        "    {}… :milestone, 2021-06-30, 1d\n",
        "n".repeat(200)
    )));
}

/// The SVG says how many phases it leaves out, as `timeline` does, in the same words.
#[test]
fn the_svg_counts_the_phases_outside_its_span_as_timeline_does() {
    let span = ["--from", "2021-06-01", "--to", "2021-06-30"];
    let timeline = stdout(&run(
        "schedule.toml",
        "2021-06-20",
        &[&["timeline"][..], &span].concat(),
    ));
    let said = timeline.lines().last().unwrap();
    assert_eq!(said, "6 phases outside 2021-06-01 - 2021-06-30 not shown.");
    let svg = stdout(&run(
        "schedule.toml",
        "2021-06-20",
        &[&["export", "svg"][..], &span].concat(),
    ));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let note = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("muted hidden"))
        .and_then(|n| n.text());
    assert_eq!(note, Some(said));
    // A span that holds every phase says nothing.
    let all = stdout(&run(
        "schedule.toml",
        "2021-06-20",
        &[
            "export",
            "svg",
            "--from",
            "2021-01-01",
            "--to",
            "2021-12-31",
        ],
    ));
    assert!(!all.contains("not shown"));
}

/// `--title` names a picture; without it, several documents are named as a set.
#[test]
fn pictures_of_a_portfolio_name_the_set() {
    let top = "tests/fixtures/portfolio/schedule.toml";
    let svg = stdout(&run(top, "2026-12-01", &["export", "svg"]));
    assert!(
        svg.contains(
            r#"<text class="title" x="16" y="26">Vision, Roadmap and 3 more documents</text>"#
        ),
        "{svg}"
    );
    let chart = stdout(&run(top, "2026-12-01", &["render", "--format", "mermaid"]));
    assert!(
        chart.contains("    title Vision, Roadmap and 3 more documents\n"),
        "{chart}"
    );
    let chart = stdout(&run(
        top,
        "2026-12-01",
        &["render", "--format", "mermaid", "--title", "Docs: all"],
    ));
    assert!(chart.contains("    title Docs#58; all\n"), "{chart}");
    let svg = stdout(&run(
        top,
        "2026-12-01",
        &["export", "svg", "--title", "All <docs>"],
    ));
    assert!(svg.contains(">All &lt;docs&gt;</text>"), "{svg}");
}
