//! Moving a cycle of a cadence as a whole (`reschedule NAME --cycle 1w`), or a cycle and every
//! later one (`--cycles-from 1w`), through the built binary: the entry written, the dates
//! `phases` and `render --slips` show with their plan, the last cycle moved, and `--undo`.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::{bin, fails, ok};
use crate::cycle_chains::{run, write};

const TRAIN: &str = "[[cadence]]\nevery = \"4 weeks\"\nfrom = 2024-01-02\nnumbered_from = 20\ncount = 3\n\n[[cadence.phase]]\nname = \"X {n} branch\"\non = \"2nd Tuesday\"\n\n[[cadence.phase]]\nname = \"X {n} release\"\ndue = \"X {n} branch + 2w\"\n";

/// Each phase's name, date and plan over 2024, as `phases --format json` gives them.
fn dates(path: &Path) -> Vec<(String, String, String)> {
    let v: Value = serde_json::from_str(&ok(&run(
        path,
        &[
            "phases",
            "--format",
            "json",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
        ],
    )))
    .unwrap();
    v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("").to_string();
            let date = if s("kind") == "date" {
                s("on")
            } else {
                s("due")
            };
            (s("name"), date, s("planned"))
        })
        .collect()
}

fn rows(want: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    want.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn one_cycle_moves_as_a_whole_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, TRAIN);
    let out = run(&path, &["reschedule", "X 21 release", "--cycle", "1w"]);
    assert_eq!(
        ok(&out),
        format!(
            "X 21 release: its cycle moved 7 days later in {}\nX 21 branch now on 2024-02-13\nX 21 release now due 2024-02-27\n",
            path.display()
        )
    );
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains("cycle.\"X 21 release\" = \"1w\"\n"), "{text}");
    assert_eq!(
        dates(&path),
        rows(&[
            ("X 20 branch", "2024-01-09", ""),
            ("X 20 release", "2024-01-23", ""),
            ("X 21 branch", "2024-02-13", "2024-02-06"),
            ("X 21 release", "2024-02-27", "2024-02-20"),
            ("X 22 branch", "2024-03-05", ""),
            ("X 22 release", "2024-03-19", ""),
        ])
    );
    let page = ok(&run(
        &path,
        &[
            "render",
            "--slips",
            "--from",
            "2024-01-01",
            "--to",
            "2024-12-31",
        ],
    ));
    assert!(page.contains("~~Feb 20~~ Feb 27"), "{page}");
    let out = run(&path, &["reschedule", "--undo", "X 21 release"]);
    assert!(
        ok(&out).contains("X 21 branch now on 2024-02-06\n"),
        "{}",
        ok(&out)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), TRAIN);
}

#[test]
fn the_last_cycle_and_every_later_one_move() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, TRAIN);
    // X 22 is the last cycle (count = 3): it moves two weeks later, past where it ended.
    ok(&run(
        &path,
        &["reschedule", "X 22 branch", "--cycles-from", "2w"],
    ));
    assert_eq!(
        dates(&path)[4..],
        rows(&[
            ("X 22 branch", "2024-03-19", "2024-03-05"),
            ("X 22 release", "2024-04-02", "2024-03-19"),
        ])
    );
    // From X 21 on, one more week: X 21 a week, X 22 three weeks in all.
    ok(&run(
        &path,
        &["reschedule", "X 21 branch", "--cycles-from", "1w"],
    ));
    let got = dates(&path);
    assert_eq!(got[2].1, "2024-02-13");
    assert_eq!(got[4].1, "2024-03-26");
    // Found from a span holding only its moved date.
    let out = run(
        &path,
        &["phases", "--from", "2024-04-09", "--to", "2024-04-09"],
    );
    assert!(ok(&out).contains("X 22 release"), "{}", ok(&out));
    // Overdue sees the moved dates: X 22's release is not due until April 9.
    let late = ok(&bin()
        .args(["overdue", "--today", "2024-04-01", "-f"])
        .arg(&path)
        .output()
        .unwrap());
    assert!(!late.contains("X 22 release"), "{late}");
    ok(&run(&path, &["reschedule", "--undo", "X 21 branch"]));
    ok(&run(&path, &["reschedule", "--undo", "X 22 branch"]));
    assert_eq!(fs::read_to_string(&path).unwrap(), TRAIN);
}

#[test]
fn a_cycle_move_is_days_or_weeks_of_a_cadence() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        &format!("{TRAIN}\n[[phase]]\nname = \"Kickoff\"\non = 2024-01-02\n"),
    );
    for (args, want) in [
        (
            &["reschedule", "X 21 branch", "--cycle", "1m"][..],
            "`1m` is not a move of a cycle: write days or weeks",
        ),
        (
            &["reschedule", "Kickoff", "--cycle", "1w"][..],
            "`Kickoff` is a written phase, not a cycle of a cadence",
        ),
    ] {
        let e = fails(&run(&path, args));
        assert!(e.contains(want), "{e}");
    }
    // Written by hand, a bad move is an error at its value.
    fs::write(
        &path,
        TRAIN.replace(
            "count = 3\n",
            "count = 3\ncycle.\"X 21 branch\" = \"2 fortnights\"\n",
        ),
    )
    .unwrap();
    let e = fails(&run(&path, &["check"]));
    assert!(
        e.contains("schedule.toml:6:") && e.contains("`2 fortnights` is not a term"),
        "{e}"
    );
    // An earlier move works as well: -3d.
    fs::write(&path, TRAIN).unwrap();
    ok(&run(
        &path,
        &["reschedule", "X 21 branch", "--cycle", "-3d"],
    ));
    assert_eq!(dates(&path)[2].1, "2024-02-03");
}
