//! `check`, the pre-release gate, through the built binary: exit codes, problem lines, GitHub
//! annotations, JSON, and the document's table.

use std::fs;
use std::path::PathBuf;

use predicates::str::contains;

use crate::common::{Bin, ROOT, bin, repo};

/// `check` run from the repository's root, so paths in its lines are as a user writes them.
fn check(today: &str) -> Bin {
    let mut cmd = bin();
    cmd.current_dir(ROOT).args(["check", "--today", today]);
    cmd
}

fn seed(today: &str) -> Bin {
    let mut cmd = check(today);
    cmd.args(["-f", "schedule.toml"]);
    cmd
}

#[test]
fn passing_check_prints_one_short_line_or_nothing_when_quiet() {
    seed("2021-01-15")
        .assert()
        .code(0)
        .stdout("check passed on 2021-01-15: nothing overdue\n")
        .stderr("");
    seed("2021-01-15")
        .arg("-q")
        .assert()
        .code(0)
        .stdout("")
        .stderr("");
    seed("2021-03-31") // due today is not overdue
        .assert()
        .code(0);
    seed("2021-01-15")
        .args(["--fail-within", "2w"])
        .assert()
        .code(0)
        .stdout("check passed on 2021-01-15: nothing overdue, nothing due within 14 days\n");
}

#[test]
fn overdue_milestones_fail_with_file_and_line() {
    seed("2021-07-01")
        .assert()
        .code(1)
        .stdout(
            "schedule.toml:15: `2021 Q1 revision published` is 92 days overdue (due 2021-03-31)\n\
             schedule.toml:24: `2021 Q2 revision published` is 1 day overdue (due 2021-06-30)\n",
        )
        .stderr("");
    seed("2021-07-01")
        .arg("-q")
        .assert()
        .code(1)
        .stdout(contains("overdue"));
}

#[test]
fn fail_within_catches_milestones_due_soon() {
    let f = "tests/fixtures/gate/warn.toml";
    check("2021-06-23")
        .args(["-f", f, "--fail-within", "7d"])
        .assert()
        .code(1)
        .stdout(format!(
            "{f}:13: `Release notes due` is due in 7 days (2021-06-30), within --fail-within 7 days\n"
        ));
    check("2021-06-22")
        .args(["-f", f, "--fail-within", "7d"])
        .assert()
        .code(0);
    check("2021-06-30")
        .args(["-f", f, "--fail-within", "0d"])
        .assert()
        .code(1)
        .stdout(contains("is due today (2021-06-30)"));
    // Done milestones never fail the check.
    check("2021-03-30")
        .args([
            "-f",
            "tests/fixtures/gate/quiet.toml",
            "--fail-within",
            "30d",
        ])
        .assert()
        .code(0);
}

#[test]
fn bad_input_and_usage_exit_2() {
    seed("2021-01-15")
        .args(["--fail-within", "soon"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("`soon` is not a span of days"));
    check("2021-01-15")
        .args(["-f", "tests/fixtures/gate/missing.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("missing.toml: no such file"));
    seed("2021-01-15")
        .args(["--format", "yaml"])
        .assert()
        .code(2);
    // A document without markers is bad input, not a failed check, even when milestones are late.
    seed("2021-07-01")
        .args(["--doc", "tests/fixtures/gate/no-markers.md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "no-markers.md: no `<!-- vision-sched:begin -->` marker line",
        ));
    seed("2021-01-15")
        .args(["--doc", "tests/fixtures/gate/nowhere.md"])
        .assert()
        .code(2)
        .stderr(contains("nowhere.md: no such file"));
}

#[test]
fn github_actions_get_annotations() {
    let out = seed("2021-07-01")
        .env("GITHUB_ACTIONS", "true")
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "::error file=schedule.toml,line=15::`2021 Q1 revision published` is 92 days overdue (due 2021-03-31)\n\
         ::error file=schedule.toml,line=24::`2021 Q2 revision published` is 1 day overdue (due 2021-06-30)\n"
    );
    // Passing under GitHub: the same short line.
    seed("2021-01-15")
        .env("GITHUB_ACTIONS", "true")
        .assert()
        .code(0)
        .stdout("check passed on 2021-01-15: nothing overdue\n");
    // --format text wins over the environment.
    seed("2021-07-01")
        .env("GITHUB_ACTIONS", "true")
        .args(["--format", "text"])
        .assert()
        .stdout(contains("schedule.toml:15: "));
}

#[test]
fn annotations_escape_schedule_text_and_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("a,b:c");
    fs::create_dir(&dir).unwrap();
    let file = dir.join("s.toml");
    fs::copy(repo("tests/fixtures/gate/years.toml"), &file).unwrap();
    let out = check("2021-07-01")
        .arg("-f")
        .arg(&file)
        .args(["--format", "github"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let text = String::from_utf8(out.stdout).unwrap();
    let escaped_dir = dir
        .display()
        .to_string()
        .replace(',', "%2C")
        .replace(':', "%3A");
    assert_eq!(
        text,
        format!(
            "::error file={escaped_dir}/s.toml,line=12::`100%25 review, part 1: `api`` is 1 day overdue (due 2021-06-30)\n"
        )
    );
}

#[test]
fn json_for_other_tools() {
    let out = seed("2021-07-01")
        .args(["--format", "json", "-q"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["today"], "2021-07-01");
    assert_eq!(v["ok"], false);
    let p = &v["problems"][0];
    assert_eq!(p["check"], "overdue");
    assert_eq!(p["file"], "schedule.toml");
    assert_eq!(p["line"], 15);
    assert_eq!(p["name"], "2021 Q1 revision published");
    assert_eq!(p["date"], "2021-03-31");
    assert_eq!(p["days"], 92);
    assert_eq!(v["problems"].as_array().unwrap().len(), 2);

    let out = seed("2021-01-15")
        .args(["--format", "json"])
        .env("GITHUB_ACTIONS", "true")
        .assert()
        .code(0)
        .get_output()
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["problems"], serde_json::json!([]));
}

fn temp_doc(text: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("doc.md");
    fs::write(&p, text).unwrap();
    (tmp, p)
}

#[test]
fn the_documents_table_must_match_what_render_writes() {
    seed("2021-01-15")
        .args(["--doc", "tests/fixtures/gate/doc.md"])
        .assert()
        .code(0)
        .stdout(
            "check passed on 2021-01-15: nothing overdue, the table in tests/fixtures/gate/doc.md is up to date\n",
        );
    // On April 1 drafting is no longer current: the bold row is stale (line 15 of doc.md).
    seed("2021-04-01")
        .args(["--doc", "tests/fixtures/gate/doc.md"])
        .assert()
        .code(1)
        .stdout(
            "schedule.toml:15: `2021 Q1 revision published` is 1 day overdue (due 2021-03-31)\n\
             tests/fixtures/gate/doc.md:15: the schedule table is out of date: expected \
             `| Drafting initial stories and proposals | until March 31 |`; \
             run `vision-sched render -f schedule.toml --write tests/fixtures/gate/doc.md`\n",
        );
    // Another year's span does not match this table.
    seed("2021-01-15")
        .args([
            "--doc",
            "tests/fixtures/gate/doc.md",
            "--from",
            "2021-07-01",
        ])
        .assert()
        .code(1)
        .stdout(contains("--from 2021-07-01 --write"));
}

#[test]
fn crlf_documents_compare_by_their_lines() {
    let lf = fs::read_to_string(repo("tests/fixtures/gate/doc.md")).unwrap();
    let (_tmp, doc) = temp_doc(lf.replace('\n', "\r\n").as_bytes());
    seed("2021-01-15")
        .arg("--doc")
        .arg(&doc)
        .arg("-q")
        .assert()
        .code(0)
        .stdout("");
    let (_tmp, doc) = temp_doc(
        lf.replace("| 2021 Q2 revision published | June 30 |\n", "")
            .as_bytes(),
    );
    seed("2021-01-15")
        .arg("--doc")
        .arg(&doc)
        .assert()
        .code(1)
        .stdout(contains(":18: the schedule table is out of date: expected `| 2021 Q2 revision published | June 30 |`"));
}

#[test]
fn doubled_markers_are_bad_input() {
    let (_tmp, doc) = temp_doc(
        b"<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n<!-- vision-sched:end -->\n",
    );
    seed("2021-01-15")
        .arg("--doc")
        .arg(&doc)
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("a second `<!-- vision-sched:end -->` marker"))
        .stderr(contains("doc.md:3:1"));
}

#[test]
fn the_readme_table_is_current() {
    seed("2021-01-15")
        .args(["--doc", "README.md", "-q"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn markers_are_found_as_markdown_reads_them() {
    // The README's own table, behind a list item's example of the markers (issue 10, item 9).
    let table = fs::read_to_string(repo("tests/fixtures/gate/doc.md")).unwrap();
    let example = "1. Add the markers:\n\n    ```markdown\n    <!-- vision-sched:begin -->\n    \
                   <!-- vision-sched:end -->\n    ```\n\n";
    let (_tmp, doc) = temp_doc(format!("{example}{table}").as_bytes());
    seed("2021-01-15")
        .arg("--doc")
        .arg(&doc)
        .assert()
        .code(0)
        .stdout(contains("is up to date"));
    // Without spaces inside the comments, the same markers.
    let (_tmp, doc) = temp_doc(
        table
            .replace("<!-- vision-sched:begin -->", "<!--vision-sched:begin-->")
            .replace("<!-- vision-sched:end -->", "<!--vision-sched:end-->")
            .as_bytes(),
    );
    seed("2021-01-15").arg("--doc").arg(&doc).assert().code(0);
    // A block of a format `check` does not know is bad input, naming its line.
    let (_tmp, doc) = temp_doc(
        format!("{table}\n<!-- vision-sched:begin gantt -->\n<!-- vision-sched:end -->\n")
            .as_bytes(),
    );
    let line = table.lines().count() + 2;
    seed("2021-01-15")
        .arg("--doc")
        .arg(&doc)
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("unknown block format `gantt`"))
        .stderr(contains(format!("doc.md:{line}:1")));
}

#[test]
fn an_absolute_path_is_shown_as_given_even_from_the_root() {
    // Issue 10, item 19: run from `/`, `-f /abs/path` printed `abs/path:2:`.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("s.toml");
    fs::copy(repo("schedule.toml"), &file).unwrap();
    let out = bin()
        .current_dir("/")
        .args(["check", "--today", "2021-07-01", "-f"])
        .arg(&file)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let want = format!("{}:15: `2021 Q1 revision published`", file.display());
    assert!(text.starts_with(&want), "{want} in {text}");
    // The same through VISION_SCHED_FILE.
    bin()
        .current_dir("/")
        .env("VISION_SCHED_FILE", &file)
        .args(["check", "--today", "2021-07-01"])
        .assert()
        .code(1)
        .stdout(contains(want.as_str()));
    // Found by looking upwards from its own folder, it is shown from there.
    bin()
        .current_dir(tmp.path())
        .args(["check", "--today", "2021-07-01", "-f", "s.toml"])
        .assert()
        .code(1)
        .stdout(contains("\ns.toml:24: "));
}

/// The words a POSIX shell makes of a command line.
fn shell_words(command: &str) -> Vec<String> {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "for w in {command}; do printf '%s\\n' \"$w\"; done"
        ))
        .env_clear()
        .env("HOME", "/nonexistent")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn the_suggested_render_command_quotes_its_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("my docs $HOME `x` it's; *");
    fs::create_dir(&dir).unwrap();
    let doc = dir.join("the doc.md");
    fs::copy(repo("tests/fixtures/gate/doc.md"), &doc).unwrap();
    let schedule = dir.join("-sched ule.toml");
    fs::copy(repo("schedule.toml"), &schedule).unwrap();
    let out = bin()
        .current_dir(&dir)
        .args([
            "check",
            "--today",
            "2021-04-01",
            "--schedule=-sched ule.toml",
            "--doc",
        ])
        .arg(&doc)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let line = text.lines().find(|l| l.contains("out of date")).unwrap();
    let command = line
        .rsplit_once("run `")
        .and_then(|(_, c)| c.strip_suffix('`'))
        .unwrap_or_else(|| panic!("{line}"));
    // A shell reads the command back as exactly the intended words.
    assert_eq!(
        shell_words(command),
        [
            "vision-sched",
            "render",
            "-f",
            "./-sched ule.toml",
            "--write",
            doc.to_str().unwrap()
        ],
        "{command}"
    );
}
