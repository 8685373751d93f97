//! Cost is bounded: every input dimension has a documented limit or a cost close to linear, and
//! no small input takes gigabytes or minutes.

use std::fs;
use std::time::Duration;

use crate::common::{bin, ok};

/// A folder with a vision that includes `pattern`, and two policies under `policies/`.
fn tree(pattern: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("policies/security")).unwrap();
    fs::write(
        root.join("vision.toml"),
        format!(
            "[document]\ntitle = \"Vision\"\ninclude = [\"{pattern}\"]\n\n\
             [[phase]]\nname = \"Vision published\"\ndue = 2030-01-01\n"
        ),
    )
    .unwrap();
    for (file, title) in [
        ("policies/privacy.toml", "Privacy"),
        ("policies/security/policy.toml", "Security"),
    ] {
        fs::write(
            root.join(file),
            format!("[document]\ntitle = \"{title}\"\n\n[[phase]]\nname = \"review\"\ndue = 2030-01-01\n"),
        )
        .unwrap();
    }
    dir
}

fn documents(dir: &tempfile::TempDir) -> String {
    ok(&bin()
        .current_dir(dir.path())
        .args([
            "-f",
            "vision.toml",
            "phases",
            "--today",
            "2030-01-01",
            "--format",
            "json",
        ])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap())
}

/// Issue 21, finding 2.6: `**` on a tree with two links to a parent (the shape of LLVM's build
/// folders) never ended, while `-f DIR` on the same tree finished at once. A glob walks as a
/// folder is walked: each folder once.
#[test]
fn a_glob_with_two_links_to_a_parent_ends() {
    let dir = tree("policies/**/*.toml");
    let build = dir.path().join("policies/build");
    fs::create_dir(&build).unwrap();
    std::os::unix::fs::symlink("..", build.join("Debug")).unwrap();
    std::os::unix::fs::symlink("..", build.join("Release")).unwrap();
    let json = documents(&dir);
    for title in ["\"Vision\"", "\"Privacy\"", "\"Security\""] {
        assert_eq!(
            json.matches(&format!("\"name\": {title}")).count(),
            1,
            "{json}"
        );
    }
}

/// Issue 21, finding 2.7: a FIFO matched by an `include` glob blocked forever, while `-f DIR`
/// skipped it. A glob skips what a folder skips.
#[test]
fn a_fifo_matched_by_a_glob_is_left_out() {
    let dir = tree("policies/*.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("policies/pipe.toml"))
        .status()
        .unwrap();
    assert!(made.success());
    let json = documents(&dir);
    assert!(json.contains("\"name\": \"Privacy\""), "{json}");
    // Not deeper than the pattern reaches.
    assert!(!json.contains("\"name\": \"Security\""), "{json}");
}

/// Issue 21, finding 2.3: each resolved date kept its whole chain back to a written date as
/// text, so 10,000 links (448 KB of TOML) took 5.5 GB, and a long enough chain would have
/// overflowed the stack. A date keeps a link to the one it leans on, the chain is followed
/// without recursion, and `--explain` shows the nearest steps of a long one.
#[test]
fn a_long_chain_of_relative_dates_costs_its_length() {
    let mut text = String::from("[[phase]]\nname = \"P0\"\ndue = 2021-01-01\n");
    for i in 1..20_000 {
        text.push_str(&format!(
            "\n[[phase]]\nname = \"P{i}\"\ndue = \"P{} + 1d\"\n",
            i - 1
        ));
    }
    let out = bin()
        .args(["-f", "-", "phases", "--explain", "--format", "markdown"])
        .args([
            "--today",
            "2021-06-01",
            "--from",
            "2075-10-01",
            "--to",
            "2075-10-31",
        ])
        .stdin(text)
        .timeout(Duration::from_secs(30))
        .output()
        .unwrap();
    let table = ok(&out);
    // P19999 is due 19,999 days after 2021-01-01.
    let last = table.lines().find(|l| l.starts_with("| P19999 |")).unwrap();
    assert!(last.contains("due 2075-10-04"), "{last}");
    assert!(
        last.contains("due = P19998 + 1d ← P19998 is 2075-10-03 ← P19997 is 2075-10-02"),
        "{last}"
    );
    assert_eq!(
        last.matches(" ← ").count(),
        21,
        "twenty steps, then …: {last}"
    );
    assert!(last.ends_with("← … |"), "{last}");
}

/// A daily cadence since year 1: 3.65 million overdue cycles on 9999-12-31.
const DAILY: &str = "[[cadence]]\nevery = \"day\"\nfrom = 0001-01-01\n\n\
    [[cadence.phase]]\nname = \"day {n} report\"\ndue = \"first day\"\n";

/// Issue 21, finding 2.8: for a daily cadence from 0001-01-01, `overdue --today 9999-12-31`
/// printed its table's header, then nothing for seconds while it measured every row. A long
/// table streams: its first rows are out while the rest are still being worked out, their
/// widths taken from the first part and the most recent row.
#[test]
fn a_long_overdue_table_streams_from_its_first_row() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("daily.toml"), DAILY).unwrap();
    let mut run = bin()
        .current_dir(dir.path())
        .args(["-f", "daily.toml", "overdue", "--today", "9999-12-31"])
        .spawn(std::process::Stdio::piped(), std::process::Stdio::null());
    let mut lines = BufReader::new(run.child.stdout.take().unwrap()).lines();
    let first: Vec<String> = lines.by_ref().take(5).map(Result::unwrap).collect();
    // Five lines in, 3.65 million rows are still to come.
    let running = run.child.try_wait().unwrap().is_none();
    let _ = run.child.kill();
    let _ = run.child.wait();
    assert!(
        running,
        "the whole table was worked out before its first row"
    );
    assert!(
        first[3].contains("Mon 0001-01-01 ┆ day 1 report"),
        "{first:?}"
    );
    assert!(
        first[3].contains("┆ 9998 years 11 months overdue │"),
        "{first:?}"
    );
    // As wide as the longest name it will hold, the most recent one's.
    assert!(
        first[0].contains(&"─".repeat("day 3652058 report".len() + 2)),
        "{first:?}"
    );
}

/// A daily cadence of 50 phases: ten lines that name 180 million phases over the calendar.
fn dense() -> String {
    let mut text = String::from("[[cadence]]\nevery = \"day\"\nfrom = 0001-01-01\n");
    for i in 0..50 {
        text.push_str(&format!(
            "\n[[cadence.phase]]\nname = \"p{i} {{n}}\"\ndue = \"first day\"\n"
        ));
    }
    text
}

/// Issue 21, finding 2.4: with `--from 0001-01-01 --to 9999-12-31` over a dense cadence,
/// `export svg` took 23.6 GB, and `phases`, `export ics` and `timeline` were killed under a
/// 2 GB cap with no output. A picture with more rows than it can draw is refused at once, saying
/// how to narrow it; a list streams, its first rows out while the rest are still to come.
#[test]
fn a_wide_span_over_a_dense_cadence_is_refused_as_a_picture_and_streamed_as_a_list() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dense.toml"), dense()).unwrap();
    let wide = [
        "--from",
        "0001-01-01",
        "--to",
        "9999-12-31",
        "--today",
        "2021-01-01",
    ];
    for picture in [
        &["timeline"][..],
        &["export", "svg"],
        &["render"],
        &["render", "--format", "mermaid"],
    ] {
        let out = bin()
            .current_dir(dir.path())
            .args(["-f", "dense.toml"])
            .args(picture)
            .args(wide)
            .output()
            .unwrap();
        let err = crate::common::fails(&out);
        assert!(
            err.contains("would have more than 2000 rows"),
            "{picture:?}: {err}"
        );
        assert!(
            err.contains("narrow it with --from and --to"),
            "{picture:?}: {err}"
        );
    }
    for list in [
        &["phases"][..],
        &["phases", "--format", "json"],
        &["phases", "--format", "markdown"],
        &["export", "ics"],
    ] {
        let mut run = bin()
            .current_dir(dir.path())
            .args(["-f", "dense.toml"])
            .args(list)
            .args(wide)
            .spawn(std::process::Stdio::piped(), std::process::Stdio::null());
        let mut head = vec![0u8; 64 << 10];
        run.child
            .stdout
            .take()
            .unwrap()
            .read_exact(&mut head)
            .unwrap();
        let running = run.child.try_wait().unwrap().is_none();
        let _ = run.child.kill();
        let _ = run.child.wait();
        assert!(
            running,
            "{list:?} worked out everything before its first bytes"
        );
        assert!(String::from_utf8_lossy(&head).contains("p0 1"), "{list:?}");
    }
}

/// A large input of one of the shapes that once cost gigabytes, `n` its size.
fn large(shape: usize, n: usize, dir: &std::path::Path) -> String {
    match shape % 5 {
        // Many written phases.
        0 => (0..n)
            .map(|i| {
                format!(
                    "[[phase]]\nname = \"P{i}\"\ndue = 2021-{:02}-01\n\n",
                    1 + i % 12
                )
            })
            .collect(),
        // A chain of dates, each leaning on the one before.
        1 => {
            let mut t = String::from("[[phase]]\nname = \"P0\"\ndue = 2021-01-01\n");
            for i in 1..n {
                t.push_str(&format!(
                    "\n[[phase]]\nname = \"P{i}\"\ndue = \"P{} + 1d\"\n",
                    i - 1
                ));
            }
            t
        }
        // A holiday calendar of long events past its limits.
        2 => {
            let events: String = (0..n)
                .map(|i| {
                    let d = crate::common::date(2000, 1, 1) + chrono::Days::new((i % 9000) as u64);
                    format!(
                        "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:{}\r\nDURATION:P{}D\r\nEND:VEVENT\r\n",
                        d.format("%Y%m%d"),
                        1 + i % 400
                    )
                })
                .collect();
            std::fs::write(
                dir.join("h.ics"),
                format!("BEGIN:VCALENDAR\r\n{events}END:VCALENDAR\r\n"),
            )
            .unwrap();
            "[document]\nweekend = [\"Sat\", \"Sun\"]\nholiday_calendars = [\"h.ics\"]\n\n\
             [[cadence]]\nevery = \"week\"\nfrom = 2020-01-06\n\n\
             [[cadence.phase]]\nname = \"w {n}\"\ndue = \"last working day\"\n"
                .to_string()
        }
        // An include glob over a tree with links back up it.
        3 => {
            for i in 0..(n / 500).max(1) {
                let sub = dir.join(format!("p/d{i}"));
                std::fs::create_dir_all(&sub).unwrap();
                std::fs::write(
                    sub.join("s.toml"),
                    format!("[[phase]]\nname = \"x{i}\"\ndue = 2021-06-01\n"),
                )
                .unwrap();
                let _ = std::os::unix::fs::symlink("..", sub.join("up"));
                let _ = std::os::unix::fs::symlink("../..", sub.join("top"));
            }
            "[document]\ninclude = [\"p/**/*.toml\"]\n\n[[phase]]\nname = \"top\"\ndue = 2021-06-01\n"
                .to_string()
        }
        // A daily cadence with many phases in each cycle.
        _ => {
            let mut t = String::from("[[cadence]]\nevery = \"day\"\nfrom = 2019-01-01\n");
            for i in 0..n / 200 {
                t.push_str(&format!(
                    "\n[[cadence.phase]]\nname = \"p{i} {{n}}\"\ndue = \"first day\"\n"
                ));
            }
            t
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 2,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0xb0_0d3d),
        ..proptest::test_runner::Config::default()
    })]

    /// Large inputs of every shape that once cost gigabytes, through every command, under a
    /// 512 MiB cap on memory: each ends with an answer or a refusal (exit 0, 1 or 2), never
    /// killed for its memory. (The sandbox's timeout stops a run that hangs.)
    #[test]
    fn large_inputs_stay_within_their_bounds(n in 2_000usize..6_000) {
        for shape in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("s.toml"), large(shape, n, dir.path())).unwrap();
        let span = ["--from", "2021-01-01", "--to", "2021-12-31"];
        let commands: [&[&str]; 13] = [
            &["status"],
            &["upcoming", "--within", "3650d"],
            &["overdue", "--format", "json"],
            &["phases", "--format", "markdown"],
            &["phases", "--explain"],
            &["remind", "--warn", "30d"],
            &["check", "--format", "github"],
            &["check", "--github-output", "out", "--github-summary", "summary.md"],
            &["timeline"],
            &["export", "svg"],
            &["export", "ics"],
            &["export", "badge"],
            &["render"],
        ];
        for command in commands {
            let spanned = !matches!(command[0], "status" | "upcoming" | "overdue" | "remind" | "check")
                && command != ["export", "badge"];
            let script = format!(
                "ulimit -v 524288; exec \"$BIN\" -f s.toml --today 2021-06-20 {} {}",
                command.join(" "),
                if spanned { span.join(" ") } else { String::new() }
            );
            let out = crate::common::shell(&script).current_dir(dir.path()).output().unwrap();
            proptest::prop_assert!(
                matches!(out.status.code(), Some(0..=2)),
                "shape {shape}, n {n}: {command:?} ended {:?}: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        }
    }
}
