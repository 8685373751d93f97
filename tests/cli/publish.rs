//! `vision-sched publish` on real files through the built binary: every preservation point,
//! undo, names that do not resolve, windows, generated cycles and concurrent publishers.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use serde_json::Value;

use crate::common::{Bin, bin};

const FIXTURE: &str = repo!("tests/fixtures/cadence/publish.toml");

fn fixture() -> String {
    fs::read_to_string(FIXTURE).unwrap()
}

/// A folder holding `schedule.toml` with `text`.
fn setup(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.toml");
    fs::write(&path, text).unwrap();
    (dir, path)
}

fn cmd() -> Bin {
    let mut c = bin();
    c.env("NO_COLOR", "1");
    c
}

fn publish(path: &Path, today: &str, args: &[&str]) -> Output {
    cmd()
        .arg("publish")
        .args(args)
        .args(["--today", today, "-f"])
        .arg(path)
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn fails(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The one line `new` has that `old` has not, everything else in the same order.
fn added_line(old: &str, new: &str) -> String {
    let (a, b) = (lines(old), lines(new));
    assert_eq!(b.len(), a.len() + 1, "one more line:\n{new}");
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len());
    let mut rest = b.clone();
    let line = rest.remove(at).to_string();
    assert_eq!(a, rest, "only one line added");
    line
}

/// The one line that differs, before and after.
fn changed_line(old: &str, new: &str) -> (String, String) {
    let (a, b) = (lines(old), lines(new));
    assert_eq!(a.len(), b.len(), "{new}");
    let diff: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
    assert_eq!(diff.len(), 1, "exactly one line changed:\n{new}");
    (diff[0].0.to_string(), diff[0].1.to_string())
}

fn json(path: &Path, today: &str, command: &str) -> Value {
    let out = cmd()
        .args([command, "--format", "json", "--today", today, "-f"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&ok_bytes(out)).unwrap()
}

/// `phases --format json` from `from` to `to`.
fn json_between(path: &Path, today: &str, from: &str, to: &str) -> Value {
    let out = cmd()
        .args(["phases", "--format", "json", "--today", today])
        .args(["--from", from, "--to", to, "-f"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&ok_bytes(out)).unwrap()
}

fn ok_bytes(out: Output) -> Vec<u8> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn adds_one_line_after_due_and_the_milestone_is_done() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let said = ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert!(
        said.contains("recorded as published on 2021-07-02 (2 days after its due date)"),
        "{said}"
    );
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(added_line(&text, &new), "done = 2021-07-02\n");
    assert!(new.contains("due = 2021-06-30     # \"June 30\"\ndone = 2021-07-02\nnote"));
    let overdue = json(&path, "2021-07-02", "overdue");
    let names: Vec<&str> = overdue["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["2021 Q1 revision published"]);
    // On the day before, it was still overdue: done counts from its own date.
    let before = json(&path, "2021-07-01", "overdue");
    assert_eq!(before["overdue"].as_array().unwrap().len(), 2);
}

#[test]
fn defaults_to_today_and_takes_an_early_date() {
    let (_dir, path) = setup(&fixture());
    ok(&publish(
        &path,
        "2021-03-31",
        &["2021 Q1 revision published"],
    ));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("# \"March 31\"\ndone = 2021-03-31\n")
    );
    let said = ok(&publish(
        &path,
        "2021-06-29",
        &["2021 Q2 revision published", "--on", "2021-06-25"],
    ));
    assert!(said.contains("5 days early"), "{said}");
}

#[test]
fn replacing_a_date_keeps_the_comment_on_its_line() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2021-10-05",
        &["2021 Q3 revision published", "--on", "2021-10-02"],
    ));
    assert!(
        err.contains("already recorded as published on 2021-10-01") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text,
        "refused: unchanged"
    );

    ok(&publish(
        &path,
        "2021-10-05",
        &[
            "2021 Q3 revision published",
            "--on",
            "2021-10-02",
            "--force",
        ],
    ));
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(
        changed_line(&text, &new),
        (
            "done = 2021-10-01   # shipped a day late\n".to_string(),
            "done = 2021-10-02   # shipped a day late\n".to_string()
        )
    );
}

#[test]
fn the_same_date_again_changes_nothing() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let said = ok(&publish(
        &path,
        "2021-10-05",
        &["2021 Q3 revision published", "--on", "2021-10-01"],
    ));
    assert!(
        said.contains("already recorded as published on 2021-10-01"),
        "{said}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn crlf_line_endings_are_kept() {
    let text = fixture().replace('\n', "\r\n");
    let (_dir, path) = setup(&text);
    ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(added_line(&text, &new), "done = 2021-07-02\r\n");
    assert_eq!(
        new.matches('\n').count(),
        new.matches("\r\n").count(),
        "no bare LF"
    );
    ok(&publish(
        &path,
        "2022-03-31",
        &["2022 Q1 revision published"],
    ));
    let newer = fs::read_to_string(&path).unwrap();
    assert_eq!(
        added_line(&new, &newer),
        "done.\"2022 Q1 revision published\" = 2022-03-31\r\n"
    );
}

#[test]
fn a_byte_order_mark_is_kept() {
    let text = format!("\u{feff}{}", fixture());
    let (_dir, path) = setup(&text);
    ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    let new = fs::read(&path).unwrap();
    assert!(new.starts_with("\u{feff}[".as_bytes()) || new.starts_with("\u{feff}#".as_bytes()));
    let new = String::from_utf8(new).unwrap();
    assert_eq!(added_line(&text, &new), "done = 2021-07-02\n");
    ok(&publish(
        &path,
        "2021-07-02",
        &["--undo", "2021 Q2 revision published"],
    ));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text,
        "undo gives back the same bytes"
    );
}

#[test]
fn the_files_mode_is_kept() {
    let (_dir, path) = setup(&fixture());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn a_symlinked_schedule_is_written_through_the_link() {
    let text = fixture();
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("schedule.toml");
    fs::write(&real, &text).unwrap();
    let link = dir.path().join("linked.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    ok(&publish(
        &link,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert_eq!(
        added_line(&text, &fs::read_to_string(&real).unwrap()),
        "done = 2021-07-02\n"
    );
    let left: Vec<_> = fs::read_dir(&real_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "no temp file left: {left:?}");
}

#[test]
fn undo_removes_the_record_and_only_it() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    let said = ok(&publish(
        &path,
        "2021-07-03",
        &["--undo", "2021 Q2 revision published"],
    ));
    assert!(said.contains("removed the recorded publication"), "{said}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let said = ok(&publish(
        &path,
        "2021-07-03",
        &["--undo", "2021 Q2 revision published"],
    ));
    assert!(said.contains("no publication is recorded"), "{said}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    // A hand-written `done` goes with its line (and the comment on it).
    ok(&publish(
        &path,
        "2021-10-05",
        &["--undo", "2021 Q3 revision published"],
    ));
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(
        added_line(&new, &text),
        "done = 2021-10-01   # shipped a day late\n"
    );
}

#[test]
fn generated_cycles_are_recorded_in_the_cadence() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let upcoming = |p: &Path| json(p, "2026-12-01", "upcoming")["upcoming"].clone();
    assert!(
        upcoming(&path)
            .to_string()
            .contains("2026 Q4 revision published")
    );

    ok(&publish(
        &path,
        "2026-12-11",
        &["2026 Q4 revision published"],
    ));
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(
        added_line(&text, &new),
        "done.\"2026 Q4 revision published\" = 2026-12-11\n"
    );
    assert!(new.contains("from = 2022-01-01   # first cycle\ndone.\"2026 Q4"));
    let phases = json(&path, "2026-12-11", "phases");
    let q4 = phases["phases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "2026 Q4 revision published")
        .unwrap()
        .clone();
    assert_eq!(
        (q4["done"].as_str(), q4["state"].as_str()),
        (Some("2026-12-11"), Some("done"))
    );

    // A second one goes after the first; a cycle far from today is found by its name.
    ok(&publish(
        &path,
        "2026-12-11",
        &["2023 Q2 revision published", "--on", "2023-07-03"],
    ));
    let newer = fs::read_to_string(&path).unwrap();
    assert_eq!(
        added_line(&new, &newer),
        "done.\"2023 Q2 revision published\" = 2023-07-03\n"
    );
    assert!(newer.contains("2026-12-11\ndone.\"2023 Q2"));
    let overdue = json(&path, "2026-12-12", "overdue").to_string();
    assert!(
        !overdue.contains("2023 Q2") && overdue.contains("2023 Q3"),
        "{overdue}"
    );

    ok(&publish(
        &path,
        "2026-12-12",
        &["--undo", "2026 Q4 revision published"],
    ));
    ok(&publish(
        &path,
        "2026-12-12",
        &["--undo", "2023 Q2 revision published"],
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_cadence_with_a_done_table_gets_one_more_entry() {
    let text = format!(
        "{}\n[cadence.done]\n\"2022 Q1 revision published\" = 2022-03-31\n",
        fixture()
    );
    let (_dir, path) = setup(&text);
    ok(&publish(
        &path,
        "2022-07-01",
        &["2022 Q2 revision published"],
    ));
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(
        added_line(&text, &new),
        "\"2022 Q2 revision published\" = 2022-07-01\n"
    );
    assert!(new.ends_with("2022-03-31\n\"2022 Q2 revision published\" = 2022-07-01\n"));
}

#[test]
fn unknown_names_list_the_nearest() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2026-11-23",
        &["2026 Q4 revison published"],
    ));
    assert!(
        err.contains("no milestone is named `2026 Q4 revison published`"),
        "{err}"
    );
    let first_hint = err.lines().nth(2).unwrap();
    assert!(
        first_hint.contains("2026 Q4 revision published (due 2026-12-11)"),
        "{err}"
    );
    let err = fails(&publish(&path, "2026-11-23", &["Launch"]));
    assert!(err.contains("the nearest names"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn ambiguous_names_list_the_candidates() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&publish(&path, "2026-11-23", &["Q2 revision"]));
    assert!(err.contains("`Q2 revision` is ambiguous"), "{err}");
    assert!(
        err.contains("2026 Q2 revision published (due 2026-06-30)"),
        "{err}"
    );
    assert!(
        err.contains("2021 Q2 revision published (due 2021-06-30)"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_full_name_in_other_letter_case_is_accepted() {
    let (_dir, path) = setup(&fixture());
    let said = ok(&publish(
        &path,
        "2026-12-11",
        &["2026 q4 REVISION published"],
    ));
    assert!(
        said.starts_with("2026 Q4 revision published: recorded"),
        "{said}"
    );
}

#[test]
fn windows_cannot_be_published() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2021-07-01",
        &["2021 Q2 revision process begins"],
    ));
    assert!(err.contains("is a window, not a milestone"), "{err}");
    let err = fails(&publish(
        &path,
        "2026-12-01",
        &["2026 Q4 revision process begins"],
    ));
    assert!(
        err.contains("did you mean `2026 Q4 revision published`"),
        "{err}"
    );
    let err = fails(&publish(&path, "2021-07-01", &["Drafting"]));
    assert!(err.contains("is a window"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_date_after_today_or_a_skipped_cycle_is_refused() {
    let text = fixture().replace(
        "from = 2022-01-01   # first cycle",
        "from = 2022-01-01   # first cycle\nskip = [\"2022 Q3 revision published\"]",
    );
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2021-07-01",
        &["2021 Q2 revision published", "--on", "2021-07-02"],
    ));
    assert!(err.contains("after today"), "{err}");
    let err = fails(&publish(
        &path,
        "2022-10-01",
        &["2022 Q3 revision published"],
    ));
    assert!(err.contains("is skipped"), "{err}");
    let err = fails(&publish(
        &path,
        "2030-01-01",
        &["2021 Q4 revision published"],
    ));
    assert!(
        err.contains("no milestone is named"),
        "the cadence starts in 2022: {err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_file_that_does_not_load_is_left_alone() {
    let text = fixture().replace("due = 2021-09-30", "due = 2021-09-31");
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert!(err.contains("schedule.toml:27:"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn concurrent_publishers_lose_nothing() {
    // Written milestones and generated cycles, published by separate processes at once.
    let names: Vec<String> = (1..=8)
        .map(|q| {
            format!(
                "{} Q{} revision published",
                2022 + (q - 1) / 4,
                (q - 1) % 4 + 1
            )
        })
        .chain([
            "2021 Q1 revision published".to_string(),
            "2021 Q2 revision published".to_string(),
        ])
        .collect();
    for round in 0..3 {
        let (dir, path) = setup(&fixture());
        let children: Vec<_> = names
            .iter()
            .map(|n| {
                bin()
                    .args(["publish", n, "--today", "2026-01-01", "-f"])
                    .arg(&path)
                    .spawn(Stdio::null(), Stdio::piped())
            })
            .collect();
        for child in children {
            let out = child.wait_with_output();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(
            lines(&text).len(),
            lines(&fixture()).len() + names.len(),
            "round {round}:\n{text}"
        );
        // Every one is done on the day, as the built binary reads the file back.
        let phases = json_between(&path, "2026-01-01", "0001-01-01", "2026-01-01");
        let all = phases["phases"].as_array().unwrap();
        for n in &names {
            let p = all.iter().find(|p| p["name"] == n.as_str()).unwrap();
            assert_eq!(p["state"], "done", "round {round}: {n} lost\n{text}");
        }
        let left = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, 1, "no temp files left");
    }
}

/// Found by fuzzing the publish round trip: two cadences that generate the same name. Once
/// publish refused the name as ambiguous; now the file does not load, naming both (a name two
/// phases share is refused when the file loads), and publish writes nothing.
#[test]
fn a_name_two_cadences_generate_is_refused_as_ambiguous() {
    let cadence = "[[cadence]]\nevery = \"6 weeks\"\nfrom = 2015-06-25\n\n[[cadence.phase]]\nname = \"Rust 1.{n}.0\"\ndue = \"first day\"\n\n";
    let text = format!("{cadence}{cadence}");
    let (_dir, path) = setup(&text);
    let err = fails(&publish(&path, "2015-09-01", &["Rust 1.2.0"]));
    assert!(err.contains("would be generated twice"), "{err}");
    assert!(err.contains("line 6") && err.contains("line 14"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}
