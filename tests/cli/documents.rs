//! Several documents through the built binary: a real-shaped portfolio (the vision document, a
//! monthly roadmap and three yearly policies, some overdue) read by include, by folder and by
//! several `-f`; the same phase name in two documents; includes with globs, `..`, a loop and a
//! glob that matches nothing; a broken file among 50; the combined feed parsed back.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{Bin, bin};

const PORTFOLIO: &str = repo!("tests/fixtures/portfolio");
const TODAY: &str = "2026-12-01";

fn cmd() -> Bin {
    let mut c = bin();
    c.env("NO_COLOR", "1").env("COLUMNS", "200");
    c
}

/// A copy of the portfolio in a temp folder, so edits cannot touch the repository.
fn copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("portfolio");
    copy_tree(Path::new(PORTFOLIO), &root);
    (tmp, root)
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_tree(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = cmd().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn ok(args: &[&str]) -> String {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}\n{out}\n{err}");
    out
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(&[args, &["--format", "json"]].concat())).unwrap()
}

fn top() -> String {
    format!("{PORTFOLIO}/schedule.toml")
}

#[test]
fn the_portfolio_reads_by_include_with_a_document_column_and_a_count() {
    let out = ok(&["status", "-f", &top(), "--today", TODAY]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "2026-12-01 - 5 documents; 3 overdue in 2 of them");
    assert_eq!(
        lines[1],
        "  Vision: 2026 Q4 revision process begins, day 2 of 12"
    );
    assert!(
        lines[3].starts_with("  Onboarding guide: no current phase; next: 2027 review"),
        "{out}"
    );
    assert!(lines[3].ends_with("; 2 overdue"), "{out}");
    assert!(out.contains("│ Document "), "{out}");
    assert!(
        out.contains("│ Roadmap        ┆ Tue 2026-12-01 ┆ due"),
        "{out}"
    );
    assert!(
        out.ends_with("\nRead 5 schedule files; left out 1 other *.toml file.\n"),
        "{out}"
    );
}

#[test]
fn json_names_every_document_and_tags_every_entry() {
    let v = json(&["status", "-f", &top(), "--today", TODAY]);
    let names: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Vision",
            "Roadmap",
            "Onboarding guide",
            "Privacy policy",
            "Security policy"
        ]
    );
    assert_eq!(
        v["documents"][2]["file"],
        format!("{PORTFOLIO}/policies/onboarding.toml")
    );
    let overdue: Vec<(&str, &str)> = v["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["document"].as_str().unwrap(), o["name"].as_str().unwrap()))
        .collect();
    assert_eq!(
        overdue,
        [
            ("Onboarding guide", "2025 review"),
            ("Security policy", "2026 review"),
            ("Onboarding guide", "2026 review"),
        ]
    );
    assert!(
        v["overdue"][1]["file"]
            .as_str()
            .unwrap()
            .ends_with("policies/security.toml")
    );
    for key in ["current", "upcoming"] {
        assert!(
            v[key]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["document"].is_string() && e["file"].is_string()),
            "{key}"
        );
    }
    let phases = json(&["phases", "-f", &top(), "--today", TODAY]);
    assert!(
        phases["phases"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["document"].is_string())
    );
}

#[test]
fn one_document_prints_exactly_as_before() {
    let alone = format!("{PORTFOLIO}/policies/security.toml");
    for args in [
        vec!["status", "-f", &alone, "--today", TODAY],
        vec!["phases", "-f", &alone, "--today", TODAY, "--format", "json"],
        vec![
            "overdue", "-f", &alone, "--today", TODAY, "--format", "markdown",
        ],
    ] {
        let out = ok(&args);
        assert!(!out.contains("Document"), "{out}");
        assert!(!out.contains("documents"), "{out}");
        assert!(!out.contains("schedule files"), "{out}");
        // The same file named twice is read once: still one document.
        let mut twice = args.clone();
        twice.extend(["-f", &alone]);
        assert_eq!(ok(&twice), out);
    }
}

#[test]
fn a_folder_reads_every_schedule_under_it_in_path_order() {
    let v = json(&["overdue", "-f", PORTFOLIO, "--today", TODAY]);
    let files: Vec<String> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap().replace(PORTFOLIO, ""))
        .collect();
    assert_eq!(
        files,
        [
            "/policies/onboarding.toml",
            "/policies/privacy.toml",
            "/policies/security.toml",
            "/roadmap/roadmap.toml",
            "/schedule.toml",
        ]
    );
    // Several -f, each a file or a folder, in the order given; reached twice, read once.
    let v = json(&[
        "overdue",
        "-f",
        &format!("{PORTFOLIO}/roadmap"),
        "-f",
        &format!("{PORTFOLIO}/policies/privacy.toml"),
        "-f",
        &format!("{PORTFOLIO}/policies"),
        "--today",
        TODAY,
    ]);
    let names: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Roadmap",
            "Privacy policy",
            "Onboarding guide",
            "Security policy"
        ]
    );
}

#[test]
fn hidden_folders_fifos_and_files_that_are_not_schedules_are_left_out() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join(".git")).unwrap();
    std::fs::create_dir_all(d.join("docs")).unwrap();
    let phase = "[[phase]]\nname = \"Publish\"\ndue = 2026-12-20\n";
    std::fs::write(d.join(".git/config.toml"), phase).unwrap();
    std::fs::write(d.join("docs/a.toml"), phase).unwrap();
    std::fs::write(d.join("b.toml"), phase).unwrap();
    std::fs::write(d.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
    std::fs::write(d.join("notes.md"), phase).unwrap();
    // A FIFO named like a schedule is not opened: that would wait for a writer for ever.
    let made = std::process::Command::new("mkfifo")
        .arg(d.join("pipe.toml"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let dir = d.display().to_string();
    let v = json(&["phases", "-f", &dir, "--today", TODAY]);
    let docs: Vec<&str> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["b", "a"], "file stems, in path order");
    let out = ok(&["phases", "-f", &dir, "--today", TODAY]);
    assert!(
        out.ends_with("Read 2 schedule files; left out 1 other *.toml file.\n"),
        "{out}"
    );
    // A folder with no schedule at all is an error.
    let empty = tempfile::tempdir().unwrap();
    std::fs::write(empty.path().join("Cargo.toml"), "[package]\n").unwrap();
    let (code, out, err) = run(&["status", "-f", &empty.path().display().to_string()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("holds no schedule"), "{err}");
}

#[test]
fn the_same_name_in_two_documents_is_picked_by_document() {
    let (_tmp, root) = copy();
    let before = |f: &str| std::fs::read_to_string(root.join(f)).unwrap();
    let (security, onboarding) = (
        before("policies/security.toml"),
        before("policies/onboarding.toml"),
    );
    let top = root.join("schedule.toml").display().to_string();
    let (code, out, err) = run(&["publish", "2026 review", "-f", &top, "--today", TODAY]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("`2026 review` is in 3 documents"), "{err}");
    for d in ["Onboarding guide", "Privacy policy", "Security policy"] {
        assert!(err.contains(d), "{err}");
    }
    assert_eq!(
        before("policies/security.toml"),
        security,
        "nothing written"
    );

    let out = ok(&[
        "publish",
        "Security policy: 2026 review",
        "-f",
        &top,
        "--today",
        TODAY,
    ]);
    assert!(out.contains("policies/security.toml"), "{out}");
    assert_eq!(
        before("policies/security.toml"),
        security.replace(
            "done.\"2025 review\" = 2025-01-28\n",
            "done.\"2025 review\" = 2025-01-28\ndone.\"2026 review\" = 2026-12-01\n"
        )
    );
    assert_eq!(before("policies/onboarding.toml"), onboarding);

    // --document by name, and by path.
    ok(&[
        "publish",
        "2026 review",
        "--document",
        "Onboarding guide",
        "-f",
        &top,
        "--today",
        TODAY,
    ]);
    assert!(before("policies/onboarding.toml").contains("done.\"2026 review\" = 2026-12-01"));
    let privacy = root.join("policies/privacy.toml").display().to_string();
    ok(&[
        "reschedule",
        "2027 review",
        "--to",
        "2027-12-20",
        "--document",
        &privacy,
        "-f",
        &top,
        "--today",
        TODAY,
    ]);
    assert!(before("policies/privacy.toml").contains("2027-12-20"));
    // A name only one document has needs no help; names of two documents in one edit do.
    ok(&[
        "publish",
        "2026-12 roadmap refresh",
        "-f",
        &top,
        "--today",
        TODAY,
    ]);
    let (code, _, err) = run(&[
        "publish",
        "Vision: 2026 Q4 revision published",
        "Roadmap: 2027-01 roadmap refresh",
        "-f",
        &top,
        "--today",
        "2027-01-10",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("one edit writes one file"), "{err}");
}

#[test]
fn render_and_check_doc_need_one_document() {
    let (code, out, err) = run(&["render", "-f", &top(), "--today", TODAY]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("the schedule table works on one document, and 5 were read"),
        "{err}"
    );
    assert!(err.contains("Security policy"), "{err}");
    let table = ok(&[
        "render",
        "-f",
        &top(),
        "--document",
        "Security policy",
        "--today",
        TODAY,
    ]);
    assert!(table.contains("2026 review"), "{table}");
    assert!(!table.contains("roadmap"), "{table}");
    // A chart of several documents has a section for each that has something in the span.
    let chart = ok(&[
        "render",
        "--format",
        "mermaid",
        "-f",
        &top(),
        "--today",
        TODAY,
    ]);
    let sections: Vec<&str> = chart
        .lines()
        .filter_map(|l| l.trim().strip_prefix("section "))
        .collect();
    assert_eq!(
        sections,
        [
            "Vision",
            "Roadmap",
            "Onboarding guide",
            "Privacy policy",
            "Security policy"
        ],
        "{chart}"
    );
}

#[test]
fn remind_names_each_document_and_a_quiet_day_stays_silent() {
    let out = ok(&["remind", "-f", &top(), "--today", TODAY]);
    assert!(
        out.contains("2026-12-01  due today         Roadmap: 2026-12 roadmap refresh\n"),
        "{out}"
    );
    assert!(
        out.starts_with("2025-06-30  519 days overdue  Onboarding guide: 2025 review\n"),
        "{out}"
    );
    // The roadmap and the vision on a day with nothing to say.
    let quiet = ok(&[
        "remind",
        "-f",
        &format!("{PORTFOLIO}/roadmap"),
        "-f",
        &format!("{PORTFOLIO}/policies/privacy.toml"),
        "--today",
        "2026-11-10",
    ]);
    assert_eq!(quiet, "");
}

#[test]
fn check_covers_every_document_and_names_each_file() {
    let (code, out, _) = run(&["check", "-f", &top(), "--today", TODAY]);
    assert_eq!(code, 1);
    let files: Vec<&str> = out.lines().filter_map(|l| l.split(": `").next()).collect();
    assert_eq!(
        files,
        [
            format!("{PORTFOLIO}/policies/onboarding.toml:10"),
            format!("{PORTFOLIO}/policies/security.toml:11"),
            format!("{PORTFOLIO}/policies/onboarding.toml:10"),
        ]
    );
    // Quiet on a pass.
    let roadmap = format!("{PORTFOLIO}/roadmap");
    let privacy = format!("{PORTFOLIO}/policies/privacy.toml");
    let (code, out, err) = run(&[
        "check",
        "-q",
        "-f",
        &roadmap,
        "-f",
        &privacy,
        "--today",
        "2026-11-10",
    ]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
}

/// A schedule file of `n` phases named like its document.
fn write(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

const PHASE: &str = "[[phase]]\nname = \"Publish\"\ndue = 2026-12-20\n";

#[test]
fn includes_take_globs_and_parent_folders_and_read_each_file_once() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let top = write(
        d,
        "vision/schedule.toml",
        "[document]\ntitle = \"Vision\"\ninclude = [\"policies/**/*.toml\", \"../roadmap/schedule.toml\", \"policies/a.toml\"]\n\n[[phase]]\nname = \"Publish\"\ndue = 2026-12-20\n",
    );
    write(d, "vision/policies/a.toml", PHASE);
    write(d, "vision/policies/deep/b.toml", PHASE);
    write(
        d,
        "roadmap/schedule.toml",
        "[document]\ntitle = \"Roadmap\"\ninclude = [\"../vision/schedule.toml\"]\n",
    );
    // The roadmap includes the vision back: a loop, named as such.
    let (code, out, err) = run(&["status", "-f", &top.display().to_string()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(err.contains("include loop:"), "{err}");
    assert!(
        err.contains("vision/schedule.toml includes") && err.contains("roadmap/schedule.toml"),
        "{err}"
    );
    assert!(err.contains("roadmap/schedule.toml:3"), "{err}");

    write(
        d,
        "roadmap/schedule.toml",
        "[document]\ntitle = \"Roadmap\"\n\n[[phase]]\nname = \"Plan\"\ndue = 2027-01-01\n",
    );
    let v = json(&["phases", "-f", &top.display().to_string(), "--today", TODAY]);
    let docs: Vec<String> = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            x["file"]
                .as_str()
                .unwrap()
                .replace(&d.display().to_string(), "")
        })
        .collect();
    assert_eq!(
        docs,
        [
            "/vision/schedule.toml",
            "/vision/policies/a.toml",
            "/vision/policies/deep/b.toml",
            "/vision/../roadmap/schedule.toml",
        ],
        "policies/a.toml, named twice, is read once"
    );
    // The same phase name in two documents is two phases.
    let publishes = v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["name"] == "Publish")
        .count();
    assert_eq!(publishes, 3);
}

#[test]
fn an_include_that_finds_nothing_is_an_error_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for (include, says) in [
        ("\"polcies/*.toml\"", "`polcies/*.toml` matches no schedule"),
        ("\"roadmap.toml\"", "`roadmap.toml`: no such file"),
        ("\"[bad\"", "is not a glob"),
        ("\"\"", "an empty path cannot be included"),
        ("\"x\", 3", "a path or glob"),
    ] {
        let top = write(
            d,
            "schedule.toml",
            &format!("[document]\ninclude = [{include}]\n\n{PHASE}"),
        );
        let (code, out, err) = run(&["status", "-f", &top.display().to_string()]);
        assert_eq!((code, out.as_str()), (2, ""), "{include}");
        assert!(err.contains(says), "{include}: {err}");
        assert!(err.contains("schedule.toml:2:"), "{include}: {err}");
    }
}

#[test]
fn every_broken_file_among_fifty_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    for i in 0..50 {
        let text = match i {
            7 => "[[phase]]\nname = \"x\"\ndue = 2026-13-01\n".to_string(),
            23 => "[[phase]\nname = \"x\"\n".to_string(),
            41 => "[[phase]]\nname = \"x\"\ndue = 2026-12-01\nwhen = 3\n".to_string(),
            _ => format!("[[phase]]\nname = \"Review {i}\"\ndue = 2026-12-20\n"),
        };
        write(d, &format!("policies/p{i:02}.toml"), &text);
    }
    let dir = d.display().to_string();
    for command in ["status", "check", "remind", "export"] {
        let mut args = vec![command, "-f", &dir];
        if command == "export" {
            args.push("ics");
        }
        let (code, out, err) = run(&args);
        assert_eq!((code, out.as_str()), (2, ""), "{command}: {err}");
        for (file, line) in [("p07.toml", 3), ("p23.toml", 1), ("p41.toml", 4)] {
            assert!(
                err.contains(&format!("policies/{file}:{line}:")),
                "{command} names {file}:{line}: {err}"
            );
        }
        assert!(!err.contains("p08.toml"), "{err}");
    }
}

/// The combined feed's events, parsed by the `ical` crate: (UID, SUMMARY).
fn events(feed: &str) -> Vec<(String, String)> {
    let reader = ical::IcalParser::new(std::io::BufReader::new(feed.as_bytes()));
    let mut out = Vec::new();
    for cal in reader {
        for e in cal.unwrap().events {
            let get = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .and_then(|p| p.value.clone())
                    .unwrap()
            };
            out.push((get("UID"), get("SUMMARY")));
        }
    }
    out
}

#[test]
fn the_combined_feed_has_unique_uids_that_stay_when_a_document_is_added() {
    let feed = |args: &[&str]| {
        let mut c = cmd();
        c.env("SOURCE_DATE_EPOCH", "1764547200");
        let out = c
            .args(["export", "ics", "--today", TODAY])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let policies = format!("{PORTFOLIO}/policies");
    let roadmap = format!("{PORTFOLIO}/roadmap/roadmap.toml");
    let security = format!("{PORTFOLIO}/policies/security.toml");
    let all = events(&feed(&["-f", &top()]));
    let mut uids: Vec<&String> = all.iter().map(|(u, _)| u).collect();
    let n = uids.len();
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), n, "unique UIDs");
    assert!(all.iter().any(|(_, s)| s == "Security policy: 2026 review"));
    // The calendar is named after the set, not its top document alone.
    assert!(
        feed(&["-f", &top()]).contains("X-WR-CALNAME:Vision\\, Roadmap and 3 more documents\r\n")
    );
    assert!(feed(&["-f", &top(), "--title", "Everything"]).contains("X-WR-CALNAME:Everything\r\n"));

    // The policies alone, then with the roadmap added: the policies' UIDs stay.
    let alone = events(&feed(&["-f", &policies]));
    let more = events(&feed(&[
        "-f",
        &policies,
        "-f",
        &roadmap,
        "--name",
        "Everything",
    ]));
    for e in &alone {
        assert!(more.contains(e), "{e:?} kept");
    }
    assert!(
        feed(&["-f", &policies, "-f", &roadmap, "--name", "Everything"])
            .contains("X-WR-CALNAME:Everything\r\n")
    );
    // With one document, UIDs and summaries are those of the document alone.
    let one = events(&feed(&["-f", &security]));
    for (uid, summary) in &one {
        assert!(
            alone.contains(&(uid.clone(), format!("Security policy: {summary}"))),
            "{summary}"
        );
    }
}

#[test]
fn split_writes_one_feed_per_document() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("feeds");
    let (code, _, err) = {
        let mut c = cmd();
        c.env("SOURCE_DATE_EPOCH", "1764547200");
        let out = c
            .args(["export", "ics", "--today", TODAY, "-f", &top(), "--split"])
            .arg(&dir)
            .output()
            .unwrap();
        (
            out.status.code(),
            out.stdout,
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    assert_eq!(code, Some(0), "{err}");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "onboarding-guide.ics",
            "privacy-policy.ics",
            "roadmap.ics",
            "security-policy.ics",
            "vision.ics"
        ]
    );
    let security = std::fs::read_to_string(dir.join("security-policy.ics")).unwrap();
    assert!(security.contains("X-WR-CALNAME:Security policy\r\n"));
    let own = events(&security);
    assert!(own.iter().all(|(_, s)| !s.contains(": ")), "{own:?}");
    assert!(own.iter().any(|(_, s)| s == "2026 review"));
}

#[test]
fn the_timeline_groups_rows_under_each_document() {
    let out = ok(&[
        "timeline",
        "-f",
        &top(),
        "--today",
        TODAY,
        "--from",
        "2026-11-01",
        "--to",
        "2027-01-31",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    let at = |s: &str| {
        lines
            .iter()
            .position(|l| *l == s)
            .unwrap_or_else(|| panic!("{s}: {out}"))
    };
    let (vision, roadmap, privacy) = (at("Vision"), at("Roadmap"), at("Privacy policy"));
    assert!(vision < roadmap && roadmap < privacy, "{out}");
    assert!(
        lines[vision + 1].starts_with("2026 Q4 revision process"),
        "{out}"
    );
    assert!(
        lines[roadmap + 1].starts_with("2026-11 roadmap refresh"),
        "{out}"
    );
}
