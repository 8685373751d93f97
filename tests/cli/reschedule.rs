//! `vision-sched reschedule` on real files through the built binary: milestones, key dates and
//! windows moved with their plans kept, cycles moved in their cadence's maps, chains of dates
//! that follow, refusals, undo's exactness (a property test over the shapes a file can have) and
//! concurrent reschedules.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use proptest::prelude::*;
use serde_json::Value;

use crate::common::{Bin, bin, fails, gives_up, ok};

const FIXTURE: &str = repo!("tests/fixtures/reschedule/release.toml");

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

/// `reschedule ARGS` on `path`, today being 2024-03-01.
fn reschedule(path: &Path, args: &[&str]) -> Output {
    cmd()
        .arg("reschedule")
        .args(args)
        .args(["--today", "2024-03-01", "-f"])
        .arg(path)
        .output()
        .unwrap()
}

/// The lines of `new` that `old` has not, and those of `old` that `new` has not, each in order
/// (a plain line diff, enough for the few lines an edit changes).
fn diff(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        old.split_inclusive('\n').collect(),
        new.split_inclusive('\n').collect(),
    );
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let gone = a[head..a.len() - tail]
        .iter()
        .map(ToString::to_string)
        .collect();
    let added = b[head..b.len() - tail]
        .iter()
        .map(ToString::to_string)
        .collect();
    (added, gone)
}

/// `phases --format json` over 2024, as the built binary reads the file.
fn phases(path: &Path) -> Vec<Value> {
    let out = cmd()
        .args(["phases", "--format", "json", "--today", "2024-03-01"])
        .args(["--from", "2024-01-01", "--to", "2024-12-31", "-f"])
        .arg(path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(ok(&out).as_bytes()).unwrap();
    v["phases"].as_array().unwrap().clone()
}

fn phase(path: &Path, name: &str) -> Value {
    phases(path)
        .into_iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no phase {name}"))
}

#[test]
fn a_milestone_moves_and_keeps_its_first_plan() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let said = ok(&reschedule(&path, &["Release", "--to", "2024-04-24"]));
    assert_eq!(
        said,
        format!(
            "Release: now due 2024-04-24 (planned 2024-04-17: 7 days late) in {}\n\
             Retrospective follows: now on 2024-05-01\n\
             Beta follows: now 2024-03-06 - 2024-04-23\n",
            path.display()
        )
    );
    let new = fs::read_to_string(&path).unwrap();
    let (added, gone) = diff(&text, &new);
    assert_eq!(gone, ["due = 2024-04-17\n"]);
    assert_eq!(added, ["due = 2024-04-24\n", "planned = 2024-04-17\n"]);
    let p = phase(&path, "Release");
    assert_eq!(
        (&p["due"], &p["planned"], &p["slip_days"]),
        (
            &Value::from("2024-04-24"),
            &Value::from("2024-04-17"),
            &Value::from(7)
        )
    );
    assert_eq!(phase(&path, "Retrospective")["on"], "2024-05-01");
    // Upcoming and overdue entries carry the plan too.
    let out = cmd()
        .args(["upcoming", "--format", "json", "--within", "60d"])
        .args(["--today", "2024-04-01", "-f"])
        .arg(&path)
        .output()
        .unwrap();
    let up: Value = serde_json::from_slice(ok(&out).as_bytes()).unwrap();
    let due = up["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Release")
        .unwrap()
        .clone();
    assert_eq!(
        (&due["planned"], &due["slip_days"]),
        (&"2024-04-17".into(), &7.into())
    );
    let out = cmd()
        .args(["overdue", "--format", "json", "--today", "2024-04-30", "-f"])
        .arg(&path)
        .output()
        .unwrap();
    let late: Value = serde_json::from_slice(ok(&out).as_bytes()).unwrap();
    let release = late["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Release")
        .unwrap()
        .clone();
    assert_eq!(
        (&release["due"], &release["planned"], &release["slip_days"]),
        (&"2024-04-24".into(), &"2024-04-17".into(), &7.into())
    );

    // Moved again, earlier this time: the plan stays the first one.
    let said = ok(&reschedule(&path, &["Release", "--to", "2024-04-10"]));
    assert!(
        said.starts_with("Release: now due 2024-04-10 (planned 2024-04-17: 7 days early) in "),
        "{said}"
    );
    let again = fs::read_to_string(&path).unwrap();
    assert_eq!(again, new.replace("due = 2024-04-24", "due = 2024-04-10"));
    assert_eq!(phase(&path, "Release")["slip_days"], -7);

    // Undo goes back to the plan, byte for byte.
    let said = ok(&reschedule(&path, &["--undo", "Release"]));
    assert_eq!(
        said,
        format!(
            "Release: back to its plan (due 2024-04-17) in {}\n\
             Retrospective follows: now on 2024-04-24\n\
             Beta follows: now 2024-03-06 - 2024-04-16\n",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(phase(&path, "Release")["planned"], Value::Null);
}

#[test]
fn a_key_date_moves_and_the_chain_follows() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let said = ok(&reschedule(&path, &["Code freeze", "--to", "2024-03-13"]));
    assert_eq!(
        said,
        format!(
            "Code freeze: now on 2024-03-13 (planned 2024-03-06: 7 days late) in {}\n\
             Docs freeze follows: now on 2024-03-27\n",
            path.display()
        )
    );
    let new = fs::read_to_string(&path).unwrap();
    let (added, gone) = diff(&text, &new);
    assert_eq!(gone, ["on = 2024-03-06      # 02:00 UTC\n"]);
    assert_eq!(
        added,
        [
            "on = 2024-03-13      # 02:00 UTC\n",
            "planned = 2024-03-06\n"
        ]
    );
    // "Docs freeze" is still written as it was, and follows.
    assert!(new.contains("on = \"Code freeze + 2w\"\n"));
    let docs = phase(&path, "Docs freeze");
    assert_eq!(
        (&docs["on"], &docs["planned"]),
        (&"2024-03-27".into(), &Value::Null)
    );
    let code = phase(&path, "Code freeze");
    assert_eq!(
        (&code["on"], &code["slip_days"]),
        (&"2024-03-13".into(), &7.into())
    );
    ok(&reschedule(&path, &["--undo", "Code freeze"]));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(phase(&path, "Docs freeze")["on"], "2024-03-20");
}

#[test]
fn a_date_written_relative_to_another_is_refused() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&reschedule(&path, &["Docs freeze", "--to", "2024-03-25"]));
    assert!(
        err.contains("`Docs freeze` is written relative to another phase")
            && err.contains("Code freeze + 2w"),
        "{err}"
    );
    assert!(
        err.contains("reschedule `Code freeze`") && err.contains("write a date"),
        "{err}"
    );
    // Undo: it has no plan, so nothing to undo; with one, it is refused all the same.
    let said = ok(&reschedule(&path, &["Docs freeze", "--undo"]));
    assert!(said.contains("has no plan to go back to"), "{said}");
    let planned = text.replace(
        "on = \"Code freeze + 2w\"\n",
        "on = \"Code freeze + 2w\"\nplanned = 2024-03-18\n",
    );
    fs::write(&path, &planned).unwrap();
    let err = fails(&reschedule(&path, &["Docs freeze", "--undo"]));
    assert!(err.contains("reschedule `Code freeze`"), "{err}");
    fs::write(&path, &text).unwrap();
    // A window's end leans on "Release"; its start is a date of its own and moves.
    let err = fails(&reschedule(&path, &["Beta", "--end", "2024-04-20"]));
    assert!(err.contains("reschedule `Release`"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    ok(&reschedule(&path, &["Beta", "--start", "2024-03-08"]));
    let beta = phase(&path, "Beta");
    assert_eq!(
        (&beta["start"], &beta["planned_start"], &beta["end"]),
        (
            &"2024-03-08".into(),
            &"2024-03-06".into(),
            &"2024-04-16".into()
        )
    );
}

#[test]
fn windows_move_by_their_start_and_end() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let said = ok(&reschedule(
        &path,
        &[
            "Test freeze window",
            "--start",
            "2024-03-13",
            "--end",
            "2024-04-12",
        ],
    ));
    assert_eq!(
        said,
        format!(
            "Test freeze window: now 2024-03-13 - 2024-04-12 (planned 2024-03-06 - 2024-04-09) in {}\n",
            path.display()
        )
    );
    let new = fs::read_to_string(&path).unwrap();
    let (added, gone) = diff(&text, &new);
    assert_eq!(
        gone,
        [
            "start = 2024-03-06   # with code freeze\n",
            "end = 2024-04-09\n"
        ]
    );
    assert_eq!(
        added,
        [
            "start = 2024-03-13   # with code freeze\n",
            "planned_start = 2024-03-06\n",
            "end = 2024-04-12\n",
            "planned_end = 2024-04-09\n"
        ]
    );
    let w = phase(&path, "Test freeze window");
    assert_eq!(
        (
            &w["start"],
            &w["end"],
            &w["planned_start"],
            &w["planned_end"]
        ),
        (
            &"2024-03-13".into(),
            &"2024-04-12".into(),
            &"2024-03-06".into(),
            &"2024-04-09".into()
        )
    );
    let said = ok(&reschedule(&path, &["--undo", "Test freeze window"]));
    assert!(
        said.starts_with("Test freeze window: back to its plan (2024-03-06 - 2024-04-09) in "),
        "{said}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    // An `until` window moves its last day with --end; it has no start to move.
    ok(&reschedule(&path, &["Support", "--end", "2025-10-31"]));
    let new = fs::read_to_string(&path).unwrap();
    assert!(
        new.contains("until = 2025-10-31\nplanned_end = 2025-04-30\n"),
        "{new}"
    );
    let err = fails(&reschedule(&path, &["Support", "--start", "2024-01-01"]));
    assert!(err.contains("has no start"), "{err}");
    ok(&reschedule(&path, &["Support", "--undo"]));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    // Each kind takes its own options.
    let err = fails(&reschedule(
        &path,
        &["Test freeze window", "--to", "2024-03-10"],
    ));
    assert!(
        err.contains("is a window") && err.contains("--start"),
        "{err}"
    );
    let err = fails(&reschedule(&path, &["Release", "--end", "2024-05-01"]));
    assert!(
        err.contains("is a milestone") && err.contains("--to"),
        "{err}"
    );
    let err = fails(&reschedule(
        &path,
        &["Code freeze", "--start", "2024-03-01"],
    ));
    assert!(
        err.contains("is a key date") && err.contains("--to"),
        "{err}"
    );
    // A window that would end before it starts.
    let err = fails(&reschedule(
        &path,
        &["Test freeze window", "--start", "2024-05-01"],
    ));
    assert!(
        err.contains("would end (2024-04-09) before it starts (2024-05-01)"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn cycles_move_with_an_entry_in_their_cadences_maps() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let said = ok(&reschedule(
        &path,
        &["2024-05 patch release", "--to", "2024-05-22"],
    ));
    assert_eq!(
        said,
        format!(
            "2024-05 patch release: now due 2024-05-22 (planned 2024-05-15: 7 days late) in {}\n",
            path.display()
        )
    );
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(
        diff(&text, &new).0,
        ["due.\"2024-05 patch release\" = 2024-05-22\n"]
    );
    assert!(new.contains("from = 2024-01-01\ndue.\"2024-05 patch release\" = 2024-05-22\n"));
    let p = phase(&path, "2024-05 patch release");
    assert_eq!(
        (&p["due"], &p["planned"], &p["slip_days"]),
        (&"2024-05-22".into(), &"2024-05-15".into(), &7.into())
    );
    // Moved again: the entry's date is replaced; the rule's date stays the plan.
    ok(&reschedule(
        &path,
        &["2024-05 patch release", "--to", "2024-05-29"],
    ));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        new.replace("2024-05-22", "2024-05-29")
    );
    assert_eq!(
        phase(&path, "2024-05 patch release")["planned"],
        "2024-05-15"
    );

    // A key date and a window of a cycle, each in its own map.
    ok(&reschedule(
        &path,
        &["2024-06 Patch Tuesday", "--to", "2024-06-12"],
    ));
    ok(&reschedule(
        &path,
        &[
            "2024-07 patch review",
            "--start",
            "2024-07-02",
            "--end",
            "2024-07-09",
        ],
    ));
    let moved = fs::read_to_string(&path).unwrap();
    for line in [
        "on.\"2024-06 Patch Tuesday\" = 2024-06-12\n",
        "start.\"2024-07 patch review\" = 2024-07-02\n",
        "end.\"2024-07 patch review\" = 2024-07-09\n",
    ] {
        assert!(moved.contains(line), "{line}\n{moved}");
    }
    let w = phase(&path, "2024-07 patch review");
    assert_eq!(
        (
            &w["start"],
            &w["end"],
            &w["planned_start"],
            &w["planned_end"]
        ),
        (
            &"2024-07-02".into(),
            &"2024-07-09".into(),
            &"2024-07-01".into(),
            &"2024-07-07".into()
        )
    );
    let said = ok(&reschedule(&path, &["--undo", "2024-07 patch review"]));
    assert!(
        said.starts_with(
            "2024-07 patch review: back to its cadence's dates (2024-07-01 - 2024-07-07) in "
        ),
        "{said}"
    );
    ok(&reschedule(&path, &["--undo", "2024-06 Patch Tuesday"]));
    ok(&reschedule(&path, &["--undo", "2024-05 patch release"]));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let said = ok(&reschedule(&path, &["--undo", "2024-05 patch release"]));
    assert_eq!(
        said,
        format!(
            "2024-05 patch release: its date was not moved; {} is unchanged\n",
            path.display()
        )
    );
}

#[test]
fn any_date_from_0001_to_9999_past_or_future() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    for to in ["0001-01-01", "9999-12-31", "2023-01-01", "2030-06-30"] {
        ok(&reschedule(&path, &["Enhancements freeze", "--to", to]));
        let p = phase(&path, "Enhancements freeze");
        assert_eq!(
            (&p["on"], &p["planned"]),
            (&to.into(), &"2024-02-09".into())
        );
        ok(&reschedule(&path, &["2024-05 patch release", "--to", to]));
    }
    let all = cmd()
        .args(["phases", "--format", "json", "--today", "2024-03-01"])
        .args(["--from", "2030-06-30", "--to", "2030-06-30", "-f"])
        .arg(&path)
        .output()
        .unwrap();
    let all: Value = serde_json::from_slice(ok(&all).as_bytes()).unwrap();
    let cycle = all["phases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "2024-05 patch release")
        .unwrap()
        .clone();
    assert_eq!(
        (&cycle["due"], &cycle["planned"]),
        (&"2030-06-30".into(), &"2024-05-15".into())
    );
    ok(&reschedule(&path, &["--undo", "Enhancements freeze"]));
    ok(&reschedule(&path, &["--undo", "2024-05 patch release"]));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    // Not a date, or not one from 0001 to 9999: refused by the option itself.
    for bad in ["10000-01-01", "2024-02-30", "0000-12-31", "soon"] {
        fails(&reschedule(&path, &["Release", "--to", bad]));
    }
    // A date that follows it would fall past 9999-12-31: nothing is written.
    let err = fails(&reschedule(&path, &["Release", "--to", "9999-12-28"]));
    assert!(err.contains("the edit was not written"), "{err}");
    assert!(err.contains("9999-12-31"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn the_same_date_or_nothing_to_undo_changes_nothing() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let shown = path.display();
    let said = ok(&reschedule(&path, &["Release", "--to", "2024-04-17"]));
    assert_eq!(
        said,
        format!("Release: already due 2024-04-17; {shown} is unchanged\n")
    );
    let said = ok(&reschedule(&path, &["Release", "--undo"]));
    assert_eq!(
        said,
        format!("Release: has no plan to go back to; {shown} is unchanged\n")
    );
    let said = ok(&reschedule(
        &path,
        &["Test freeze window", "--start", "2024-03-06"],
    ));
    assert_eq!(
        said,
        format!("Test freeze window: already 2024-03-06 - 2024-04-09; {shown} is unchanged\n")
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_plan_written_before_is_kept_and_undo_goes_back_to_it() {
    // Python 3.11.0: planned for 2022-10-03, moved to 2022-10-24 by hand.
    let text =
        "[[phase]]\nname = \"3.11.0 final\"\ndue = 2022-10-24\nplanned = 2022-10-03  # PEP 664\n";
    let (_dir, path) = setup(text);
    let said = ok(&reschedule(&path, &["3.11.0 final", "--to", "2022-10-31"]));
    assert!(
        said.starts_with("3.11.0 final: now due 2022-10-31 (planned 2022-10-03: 28 days late)"),
        "{said}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text.replace("2022-10-24", "2022-10-31")
    );
    ok(&reschedule(&path, &["--undo", "3.11.0 final"]));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        "[[phase]]\nname = \"3.11.0 final\"\ndue = 2022-10-03\n"
    );
}

#[test]
fn names_are_found_as_publish_finds_them() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&reschedule(&path, &["Code frezee", "--to", "2024-03-13"]));
    assert!(err.contains("no phase is named `Code frezee`"), "{err}");
    assert!(
        err.lines()
            .nth(2)
            .unwrap()
            .contains("Code freeze (on 2024-03-06)"),
        "{err}"
    );
    let err = fails(&reschedule(&path, &["freeze", "--to", "2024-03-13"]));
    assert!(
        err.contains("`freeze` is ambiguous: it is part of 4 phases"),
        "{err}"
    );
    // Part of one name is suggested, not taken.
    let err = fails(&reschedule(&path, &["retro", "--undo"]));
    assert!(err.contains("no phase is named `retro`"), "{err}");
    assert!(err.contains("= Retrospective (on 2024-04-24)"), "{err}");
    // Another letter case, and a cycle far from today.
    ok(&reschedule(&path, &["code FREEZE", "--to", "2024-03-07"]));
    ok(&reschedule(
        &path,
        &["2031-01 patch release", "--to", "2031-01-20"],
    ));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("due.\"2031-01 patch release\" = 2031-01-20\n")
    );
    let skipping = text.replace(
        "from = 2024-01-01\n",
        "from = 2024-01-01\nskip = [\"2024-05 patch release\"]\n",
    );
    fs::write(&path, &skipping).unwrap();
    let err = fails(&reschedule(
        &path,
        &["2024-05 patch release", "--to", "2024-05-20"],
    ));
    assert!(err.contains("is skipped by its cadence"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), skipping);
}

#[test]
fn the_edit_is_as_safe_as_publishs() {
    let text = fixture();
    // Standard input cannot be written to.
    let out = cmd()
        .args(["reschedule", "Release", "--to", "2024-04-20", "-f", "-"])
        .stdin(text.clone())
        .output()
        .unwrap();
    assert!(fails(&out).contains("standard input"));
    // A read-only file is refused.
    let (_dir, path) = setup(&text);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let err = fails(&reschedule(&path, &["Release", "--to", "2024-04-20"]));
    assert!(err.contains("is read-only"), "{err}");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    // A held lock is waited for, then given up.
    let holder = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .unwrap();
    holder.lock().unwrap();
    let err = gives_up(&reschedule(
        &path,
        &["Release", "--to", "2024-04-20", "--wait", "200ms"],
    ));
    assert!(
        err.contains("still locked") && err.contains("--wait"),
        "{err}"
    );
    drop(holder);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    // A byte-order mark and CRLF line endings stay.
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    fs::write(&path, &crlf).unwrap();
    ok(&reschedule(&path, &["Release", "--to", "2024-04-20"]));
    let new = fs::read_to_string(&path).unwrap();
    assert!(new.starts_with('\u{feff}'));
    assert!(
        new.contains("due = 2024-04-20\r\nplanned = 2024-04-17\r\n"),
        "{new}"
    );
    ok(&reschedule(&path, &["Release", "--undo"]));
    assert_eq!(fs::read_to_string(&path).unwrap(), crlf);
}

/// `n` written milestones `m1` ... `mN`, all due on 2021-06-30.
fn milestones(n: usize) -> String {
    (1..=n)
        .map(|i| format!("[[phase]]\nname = \"m{i}\"\ndue = 2021-06-30\n\n"))
        .collect()
}

#[test]
fn concurrent_reschedules_of_different_phases_all_land() {
    const N: usize = 16;
    let (dir, path) = setup(&format!(
        "{}[[cadence]]\nevery = \"month\"\nfrom = 2021-01-01\n\n[[cadence.phase]]\nname = \"{{year}}-{{month}} report\"\ndue = \"last day\"\n",
        milestones(N)
    ));
    let children: Vec<_> = (1..=N)
        .map(|i| format!("m{i}"))
        .chain((1..=4).map(|m| format!("2021-0{m} report")))
        .map(|name| {
            bin()
                .args(["reschedule", &name, "--to", "2021-07-15"])
                .args(["--today", "2021-06-01", "--wait", "50s", "-f"])
                .arg(&path)
                .spawn(Stdio::piped(), Stdio::piped())
        })
        .collect();
    for child in children {
        let out = child.wait_with_output();
        assert!(ok(&out).contains(": now due 2021-07-15"));
    }
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches("due = 2021-07-15\nplanned = 2021-06-30\n")
            .count(),
        N,
        "{text}"
    );
    for m in 1..=4 {
        assert!(
            text.contains(&format!("due.\"2021-0{m} report\" = 2021-07-15\n")),
            "{text}"
        );
    }
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no other file left"
    );
}

/// One phase of each shape reschedule writes to, its text and the options that move it.
#[derive(Debug, Clone)]
struct Shape {
    text: String,
    name: &'static str,
    moves: Vec<String>,
}

/// A schedule with one phase to move, in one of the shapes a file can hold it: a `[[phase]]`
/// table or an inline phase (milestone, key date, window, `until` window), or a cycle whose
/// cadence has no map yet, a dotted one, an inline one or a `[cadence.MAP]` table; with CRLF line
/// endings or not, a comment on the date's line or not, any blanks around `=`.
fn shape() -> impl Strategy<Value = Shape> {
    let blank = proptest::sample::select(vec!["", " ", "  ", "\t", " \t"]);
    let comment = proptest::option::of(proptest::sample::select(vec!["# x", "# a, b", "#"]));
    let date =
        (1i32..=9999, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"));
    (
        0usize..9,
        blank.clone(),
        blank,
        comment,
        any::<bool>(),
        date.clone(),
        date,
    )
        .prop_map(|(which, b1, b2, comment, crlf, d1, d2)| {
            let c = comment.map(|c| format!(" {c}")).unwrap_or_default();
            let eq = format!("{b1}={b2}");
            let (lo, hi) = if d1 <= d2 { (d1, d2) } else { (d2, d1) };
            let window = vec!["--start".to_string(), lo.clone(), "--end".into(), hi.clone()];
            let to = vec!["--to".to_string(), lo.clone()];
            let cadence = |map: &str| {
                format!(
                    "[[cadence]]\nevery{eq}\"month\"\nfrom = 2024-01-01{c}\n{map}\n[[cadence.phase]]\nname = \"{{year}}-{{month}} release\"\ndue = \"3rd Wednesday\"\n\n[[cadence.phase]]\nname = \"{{year}}-{{month}} review\"\nstart = \"day 1\"\nend = \"day 7\"\n"
                )
            };
            let (text, name, moves) = match which {
                0 => (
                    format!("[[phase]]\nname = \"Release\"\n{b1}due{eq}2024-04-17{c}\nnote = \"n\"\n"),
                    "Release",
                    to,
                ),
                1 => (
                    format!("[[phase]]\nname = \"Release\"\non{eq}2024-04-17{c}"),
                    "Release",
                    to,
                ),
                2 => (
                    format!("[[phase]]\nname = \"Release\"\nstart{eq}2024-04-01{c}\n{b2}end{eq}2024-04-17{c}\n"),
                    "Release",
                    window,
                ),
                3 => (
                    format!("# top{c}\n[[phase]]\nname = \"Release\"\nuntil{eq}2024-04-17{c}\n\n[[phase]]\nname = \"Next\"\ndue = 2024-05-01\n"),
                    "Release",
                    vec!["--end".to_string(), hi],
                ),
                4 => (
                    format!("phase = [\n  {{{b1}name = \"Release\",{b2}due{eq}2024-04-17{b1}}},{c}\n  {{ name = \"Next\", on = 2024-05-01 }},\n]\n"),
                    "Release",
                    to,
                ),
                5 => (
                    format!("phase = [{{ name = \"Release\", start{eq}2024-04-01,{b2}end = 2024-04-17{b1}}}]{c}\n"),
                    "Release",
                    window,
                ),
                6 => (cadence(""), "2024-05 release", to),
                7 => (
                    cadence(&format!("due = {{{b1}}}\nstart = {{ \"2024-01 review\"{eq}2024-01-02 }}{c}\n")),
                    "2024-05 review",
                    window,
                ),
                _ => (
                    format!("{}\n[cadence.due]\n\"2024-01 release\" = 2024-01-20{c}\n", cadence("")),
                    "2024-05 release",
                    to,
                ),
            };
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            Shape { text, name, moves }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Rescheduling then undoing gives back the file byte for byte, whatever its shape.
    #[test]
    fn reschedule_then_undo_gives_the_bytes_back(s in shape()) {
        let (_dir, path) = setup(&s.text);
        let mut args: Vec<&str> = vec![s.name];
        args.extend(s.moves.iter().map(String::as_str));
        let out = reschedule(&path, &args);
        prop_assert_eq!(out.status.code(), Some(0), "{}\n{}", String::from_utf8_lossy(&out.stderr), s.text);
        let moved = fs::read_to_string(&path).unwrap();
        let undo = reschedule(&path, &["--undo", s.name]);
        prop_assert_eq!(undo.status.code(), Some(0), "{}\n{}", String::from_utf8_lossy(&undo.stderr), moved);
        let back = fs::read_to_string(&path).unwrap();
        prop_assert_eq!(back, s.text, "moved:\n{}", moved);
    }
}

/// What reschedule prints is inert like every other output: a name that would start a
/// workflow command gets a backslash, bidi and control characters are shown escaped.
#[test]
fn names_are_printed_inert() {
    let text = "[[phase]]\nname = \"::error file=x,line=1::moved\"\ndue = 2024-04-17\n\n\
                [[phase]]\nname = \"::warning::\u{202e}docs\"\non = \"::error file=x,line=1::moved + 1w\"\n";
    let (_dir, path) = setup(text);
    let out = reschedule(
        &path,
        &["::error file=x,line=1::moved", "--to", "2024-04-24"],
    );
    let said = ok(&out);
    assert!(
        said.starts_with("\\::error file=x,line=1::moved: now due 2024-04-24"),
        "{said}"
    );
    assert!(
        said.contains("\n\\::warning::\\u{202e}docs follows: now on 2024-05-01\n"),
        "{said}"
    );
    let err = fails(&reschedule(
        &path,
        &["::warning::\u{202e}docs", "--to", "2024-05-02"],
    ));
    for line in said.lines().chain(err.lines()) {
        assert!(
            !line.starts_with("::") && !line.contains('\u{202e}'),
            "{line:?}"
        );
    }
}
