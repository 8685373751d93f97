//! Dates of a cadence phase that name another phase of the same cycle (`due = "X {n} branch +
//! 3d"`), through the built binary: the dates on the boundaries (a chain past the cycle's end,
//! a month end, a leap day), a moved date taking its followers along and back with `--undo`,
//! `phases --explain`, and the refusals at load.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::{bin, fails, ok};

/// `phases --format json` of `path` from `from` to `to`: each phase's name and its one date
/// (a window's start and end joined by `..`).
fn dates(path: &Path, from: &str, to: &str) -> Vec<(String, String)> {
    let out = bin()
        .args(["phases", "--format", "json", "--today", "2020-01-01"])
        .args(["--from", from, "--to", to, "-f"])
        .arg(path)
        .output()
        .unwrap();
    let v: Value = serde_json::from_str(&ok(&out)).unwrap();
    v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |k: &str| p[k].as_str().unwrap_or("").to_string();
            let date = match p["kind"].as_str() {
                Some("window") => format!("{}..{}", s("start"), s("end")),
                Some("date") => s("on"),
                _ => s("due"),
            };
            (s("name"), date)
        })
        .collect()
}

pub(crate) fn write(dir: &tempfile::TempDir, text: &str) -> std::path::PathBuf {
    let path = dir.path().join("schedule.toml");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn chains_on_the_boundaries() {
    struct Case {
        what: &'static str,
        cadence: &'static str,
        span: (&'static str, &'static str),
        want: &'static [(&'static str, &'static str)],
    }
    let cases = [
        Case {
            what: "a chain that crosses the cycle's end, found from a span holding only its last date",
            cadence: "every = \"month\"\nfrom = 2024-01-01\n[[cadence.phase]]\nname = \"R{n} branch\"\non = \"last day - 2d\"\n[[cadence.phase]]\nname = \"R{n} rc1\"\ndue = \"R{n} branch + 5d\"\n[[cadence.phase]]\nname = \"R{n} final\"\ndue = \"R{n} rc1 + 2w\"\n",
            span: ("2024-02-17", "2024-02-17"),
            want: &[
                ("R1 branch", "2024-01-29"),
                ("R1 rc1", "2024-02-03"),
                ("R1 final", "2024-02-17"),
            ],
        },
        Case {
            what: "the same chain over a whole cycle and the next",
            cadence: "every = \"month\"\nfrom = 2024-01-01\n[[cadence.phase]]\nname = \"R{n} branch\"\non = \"last day - 2d\"\n[[cadence.phase]]\nname = \"R{n} rc1\"\ndue = \"R{n} branch + 5d\"\n[[cadence.phase]]\nname = \"R{n} final\"\ndue = \"R{n} rc1 + 2w\"\n",
            span: ("2024-01-29", "2024-02-27"),
            want: &[
                ("R1 branch", "2024-01-29"),
                ("R1 rc1", "2024-02-03"),
                ("R1 final", "2024-02-17"),
                ("R2 branch", "2024-02-27"),
                ("R2 rc1", "2024-03-03"),
                ("R2 final", "2024-03-17"),
            ],
        },
        Case {
            what: "a month end and a leap day: one calendar month and 7 days after the period ends (UK VAT)",
            cadence: "every = \"month\"\nfrom = 2024-01-01\n[[cadence.phase]]\nname = \"{year}-{month} period end\"\non = \"last day\"\n[[cadence.phase]]\nname = \"{year}-{month} VAT due\"\ndue = \"{year}-{month} period end + 1m 7d\"\n",
            span: ("2024-01-31", "2024-02-29"),
            want: &[
                ("2024-01 period end", "2024-01-31"),
                ("2024-01 VAT due", "2024-03-07"),
                ("2024-02 period end", "2024-02-29"),
                ("2024-02 VAT due", "2024-04-05"),
            ],
        },
        Case {
            what: "a month end in a common year",
            cadence: "every = \"month\"\nfrom = 2023-01-01\n[[cadence.phase]]\nname = \"{year}-{month} period end\"\non = \"last day\"\n[[cadence.phase]]\nname = \"{year}-{month} VAT due\"\ndue = \"{year}-{month} period end + 1m 7d\"\n",
            span: ("2023-01-31", "2023-01-31"),
            want: &[
                ("2023-01 period end", "2023-01-31"),
                ("2023-01 VAT due", "2023-03-07"),
            ],
        },
        Case {
            what: "a leap day as the anchor, a day and a month on, and a window's end naming its start",
            cadence: "every = \"year\"\nfrom = 2023-02-01\n[[cadence.phase]]\nname = \"{year} fee\"\ndue = \"last day of month 1\"\n[[cadence.phase]]\nname = \"{year} grace\"\nstart = \"{year} fee + 1d\"\nend = \"start of {year} grace + 1m - 1d\"\n",
            span: ("2023-02-01", "2024-12-31"),
            want: &[
                ("2023 fee", "2023-02-28"),
                ("2023 grace", "2023-03-01..2023-03-31"),
                ("2024 fee", "2024-02-29"),
                ("2024 grace", "2024-03-01..2024-03-31"),
            ],
        },
        Case {
            what: "backwards from a later phase, to the day before a leap day",
            cadence: "every = \"year\"\nfrom = 2024-01-01\n[[cadence.phase]]\nname = \"{year} release\"\non = \"day 1 of month 3\"\n[[cadence.phase]]\nname = \"{year} freeze\"\nstart = \"{year} release - 2d\"\nend = \"{year} release - 1d\"\n",
            span: ("2024-02-01", "2024-03-31"),
            want: &[
                ("2024 release", "2024-03-01"),
                ("2024 freeze", "2024-02-28..2024-02-29"),
            ],
        },
        Case {
            what: "a date named as the cycle has it, off the weekend: June 30 2024 is a Sunday",
            cadence: "every = \"month\"\nfrom = 2024-05-01\n[[cadence.phase]]\nname = \"{year}-{month} period end\"\non = \"last day\"\n[[cadence.phase]]\nname = \"{year}-{month} VAT due\"\ndue = \"{year}-{month} period end + 1m 7d\"\n",
            span: ("2024-07-01", "2024-07-01"),
            want: &[
                ("2024-05 period end", "2024-05-31"),
                ("2024-05 VAT due", "2024-07-08"),
                ("2024-06 period end", "2024-07-01"),
                ("2024-06 VAT due", "2024-08-08"),
            ],
        },
    ];
    let dir = tempfile::tempdir().unwrap();
    for c in cases {
        // The last case's weekend moves to the next working day; the others have none.
        let document = if c.what.contains("weekend") {
            "[document]\nweekend = [\"Saturday\", \"Sunday\"]\nshift = \"next working day\"\n\n"
        } else {
            ""
        };
        let path = write(&dir, &format!("{document}[[cadence]]\n{}", c.cadence));
        let got = dates(&path, c.span.0, c.span.1);
        let want: Vec<(String, String)> = c
            .want
            .iter()
            .map(|(n, d)| (n.to_string(), d.to_string()))
            .collect();
        assert_eq!(got, want, "{}", c.what);
    }
}

const TRAIN: &str = "[[cadence]]\nevery = \"4 weeks\"\nfrom = 2024-01-02\nnumbered_from = 20\n\n[[cadence.phase]]\nname = \"X {n} branch\"\non = \"2nd Tuesday\"\n\n[[cadence.phase]]\nname = \"X {n}.1.0-rc1\"\ndue = \"X {n} branch + 3d\"\n\n[[cadence.phase]]\nname = \"X {n}.1.0-rc2\"\ndue = \"X {n}.1.0-rc1 + 2w\"\n\n[[cadence.phase]]\nname = \"X {n} freeze\"\nstart = \"X {n} branch\"\nend = \"start of X {n} freeze + 1w\"\n";

/// `vision-sched ARGS --today 2024-01-01 -f PATH`, without colour.
pub(crate) fn run(path: &Path, args: &[&str]) -> std::process::Output {
    bin()
        .env("NO_COLOR", "1")
        .args(args)
        .args(["--today", "2024-01-01", "-f"])
        .arg(path)
        .output()
        .unwrap()
}

#[test]
fn a_moved_date_takes_its_cycles_followers_along_and_undo_brings_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, TRAIN);
    let out = run(&path, &["reschedule", "X 21 branch", "--to", "2024-02-08"]);
    assert_eq!(
        ok(&out),
        format!(
            "X 21 branch: now on 2024-02-08 (planned 2024-02-06: 2 days late) in {}\n\
             X 21.1.0-rc1 follows: now due 2024-02-11\n\
             X 21.1.0-rc2 follows: now due 2024-02-25\n\
             X 21 freeze follows: now 2024-02-08 - 2024-02-15\n",
            path.display()
        )
    );
    // The other cycles keep their dates; the moved cycle's followers show their plan.
    assert_eq!(
        dates(&path, "2024-01-09", "2024-02-25"),
        [
            ("X 20 branch", "2024-01-09"),
            ("X 20.1.0-rc1", "2024-01-12"),
            ("X 20.1.0-rc2", "2024-01-26"),
            ("X 20 freeze", "2024-01-09..2024-01-16"),
            ("X 21 branch", "2024-02-08"),
            ("X 21.1.0-rc1", "2024-02-11"),
            ("X 21.1.0-rc2", "2024-02-25"),
            ("X 21 freeze", "2024-02-08..2024-02-15"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let table = ok(&run(
        &path,
        &["phases", "--from", "2024-02-09", "--to", "2024-02-09"],
    ));
    assert!(
        table.contains("due 2024-02-11, planned 2024-02-09: 2 days late"),
        "{table}"
    );
    // Overdue counts the followers at their new dates.
    let late = ok(&bin()
        .args(["overdue", "--today", "2024-02-12", "-f"])
        .arg(&path)
        .output()
        .unwrap());
    assert!(
        late.contains("X 21.1.0-rc1") && late.contains("1 day overdue"),
        "{late}"
    );
    // A follower is not moved by itself: its date names the phase to move.
    let e = fails(&run(
        &path,
        &["reschedule", "X 21.1.0-rc1", "--to", "2024-02-20"],
    ));
    assert!(
        e.contains(
            "`X 21.1.0-rc1` is written relative to another phase (due = \"X {n} branch + 3d\")"
        ) && e.contains("reschedule `X 21 branch` (its dates follow)"),
        "{e}"
    );
    let out = run(&path, &["reschedule", "--undo", "X 21 branch"]);
    assert!(
        ok(&out).contains("X 21.1.0-rc1 follows: now due 2024-02-09\n"),
        "{}",
        ok(&out)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), TRAIN);
}

#[test]
fn explain_shows_the_chain_within_the_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, TRAIN);
    let text = ok(&run(
        &path,
        &[
            "phases",
            "--explain",
            "--format",
            "markdown",
            "--from",
            "2024-01-26",
            "--to",
            "2024-01-26",
        ],
    ));
    assert!(
        text.contains(
            "due = X {n}.1.0-rc1 + 2w ← X 20.1.0-rc1 is 2024-01-12 ← X 20 branch is 2024-01-09"
        ),
        "{text}"
    );
    // After a move, a window's end naming its own start takes the start as moved.
    ok(&run(
        &path,
        &["reschedule", "X 20 branch", "--to", "2024-01-11"],
    ));
    let text = ok(&run(
        &path,
        &[
            "phases",
            "--explain",
            "--format",
            "markdown",
            "--from",
            "2024-01-11",
            "--to",
            "2024-01-11",
        ],
    ));
    assert!(
        text.contains("| X 20 freeze | window | 2024-01-11 - 2024-01-18, planned 2024-01-09 - 2024-01-16: starts 2 days late, ends 2 days late |")
            && text.contains(
                "end = start of X {n} freeze + 1w ← start of X 20 freeze is 2024-01-11 ← X 20 branch is 2024-01-11"
            ),
        "{text}"
    );
}

#[test]
fn refusals_at_load_name_the_phases_and_the_value() {
    let head = "[[cadence]]\nevery = \"4 weeks\"\nfrom = 2024-01-02\n[[cadence.phase]]\nname = \"X {n} branch\"\non = \"2nd Tuesday\"\n[[cadence.phase]]\nname = \"X {n} rc1\"\n";
    let cases = [
        (
            "due = \"X {n} rc2 + 3d\"\n[[cadence.phase]]\nname = \"X {n} rc2\"\ndue = \"X {n} rc1 + 3d\"\n",
            "name each other in a circle: `X {n} rc1` -> `X {n} rc2` -> `X {n} rc1`",
        ),
        (
            "due = \"X {n} brunch + 3d\"\n",
            "`X {n} brunch + 3d` is not a day rule, and names no phase of this cadence",
        ),
        (
            "due = \"start of X {n} branch\"\n",
            "`X {n} branch` is not a window, so it has no start or end",
        ),
        (
            "due = \"X {n} branch + 3y\"\n",
            "`3y` is not a term of an offset",
        ),
        (
            "due = \"X {n} branch + 1m\"\n",
            "moves by months, but cycles every 4 weeks are counted in days",
        ),
        (
            "start = \"end of X {n} rc1\"\nend = \"start of X {n} rc1\"\n",
            "name each other in a circle: `X {n} rc1` -> `X {n} rc1`",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (tail, want) in cases {
        let path = write(&dir, &format!("{head}{tail}"));
        let e = fails(&run(&path, &["check"]));
        assert!(e.contains(want), "{tail}: {e}");
        assert!(e.contains("schedule.toml:"), "{e}");
    }
}

#[test]
fn a_moved_window_is_not_listed_as_its_own_follower() {
    let text = "[[phase]]\nname = \"Freeze\"\nstart = 2024-05-01\nend = \"Release - 1d\"\n\n[[phase]]\nname = \"Release\"\ndue = 2024-05-20\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, text);
    let out = run(&path, &["reschedule", "Freeze", "--start", "2024-05-03"]);
    assert_eq!(
        ok(&out),
        format!(
            "Freeze: now 2024-05-03 - 2024-05-19 (planned 2024-05-01 - 2024-05-19) in {}\n",
            path.display()
        )
    );
}

#[test]
fn rules_refused_as_the_guide_says() {
    let head = "[[cadence]]\nevery = \"6 months\"\nfrom = 2024-01-01\n[[cadence.phase]]\nname = \"{year} H{n}\"\n";
    let cases = [
        (
            "due = \"2nd Monday of month 8\"",
            "month 8 is past the end of a cycle of 6 months",
        ),
        (
            "due = \"day 190\"",
            "day 190 is past the end of a cycle of 6 months; `day N` past a shorter cycle's end is its last day",
        ),
        (
            "due = \"last day + 1w-1d 3y\"",
            "`3y` is not a term of an offset: write days (`3d`), weeks (`2w`), months (`1m`) or working days (`3wd`)",
        ),
        ("due = \"last day + 1m 7\"", "`7` has no unit"),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (rule, want) in cases {
        let path = write(&dir, &format!("{head}{rule}\n"));
        let e = fails(&run(&path, &["check"]));
        assert!(e.contains(want), "{rule}: {e}");
    }
    // Month 6 is the last of the cycle (June 30, a month on is July 30, a week on August 6);
    // day 31 of a monthly cadence is each month's last day.
    let path = write(
        &dir,
        &format!("{head}due = \"last day of month 6 + 1m 7d\"\n"),
    );
    assert_eq!(
        dates(&path, "2024-01-01", "2024-12-31"),
        [("2024 H1", "2024-08-06")].map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let path = write(
        &dir,
        "[[cadence]]\nevery = \"month\"\nfrom = 2024-01-01\n[[cadence.phase]]\nname = \"{year}-{month}\"\ndue = \"day 31\"\n",
    );
    assert_eq!(
        dates(&path, "2024-02-01", "2024-04-30"),
        [
            ("2024-02", "2024-02-29"),
            ("2024-03", "2024-03-31"),
            ("2024-04", "2024-04-30")
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
}

#[test]
fn a_chain_is_bounded_at_200_dates() {
    let chain = |n: usize| {
        let mut s = String::from(
            "[[cadence]]\nevery = \"month\"\nfrom = 2024-01-01\n[[cadence.phase]]\nname = \"c{n} p0\"\non = \"first day\"\n",
        );
        for i in 1..=n {
            s.push_str(&format!(
                "[[cadence.phase]]\nname = \"c{{n}} p{i}\"\non = \"c{{n}} p{} + 1d\"\n",
                i - 1
            ));
        }
        s
    };
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, &chain(200));
    let got = dates(&path, "2024-02-01", "2024-02-01");
    assert_eq!(got.len(), 2 * 201, "January's chain reaches February");
    assert_eq!(got[200], ("c1 p200".to_string(), "2024-07-19".to_string()));
    let path = write(&dir, &chain(201));
    let e = fails(&run(&path, &["check"]));
    assert!(
        e.contains("`c{n} p201` ends a chain of more than 200 dates"),
        "{e}"
    );
}
