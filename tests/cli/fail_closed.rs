//! The gate fails closed: exit 0 from `check` means "checked, and nothing is due". Whatever
//! makes the answer uncertain is exit 2 with a message, and every count is made from the same
//! dates as the lists it sums up.

use crate::common::{bin, ok};

/// A monthly report due on the 15th, moved off weekends by `shift`.
fn shifted(shift: &str) -> String {
    format!(
        "[document]\nweekend = [\"Saturday\", \"Sunday\"]\nshift = \"{shift}\"\n\n\
         [[cadence]]\nevery = \"month\"\nfrom = 2028-01-01\n\n\
         [[cadence.phase]]\nname = \"{{year}}-{{month}} report\"\ndue = \"day 15\"\n"
    )
}

fn run(schedule: &str, args: &[&str]) -> String {
    ok(&bin()
        .args(["-f", "-"])
        .args(args)
        .stdin(schedule)
        .output()
        .unwrap())
}

/// Issue 21, finding 1.4: 2028-01-15 is a Saturday. Moved to Monday the 17th, the report is
/// not overdue on the 16th, and the headline said "1 overdue"; moved to Friday the 14th, it is
/// overdue on the 15th, and the headline counted none.
#[test]
fn the_headline_counts_the_dates_the_lists_show() {
    let next = shifted("next working day");
    let status = run(&next, &["status", "--today", "2028-01-16"]);
    assert!(
        !status.lines().next().unwrap().contains("overdue"),
        "{status}"
    );
    assert_eq!(
        run(&next, &["overdue", "--today", "2028-01-16"]),
        "Nothing overdue.\n"
    );
    let previous = shifted("previous working day");
    let status = run(&previous, &["status", "--today", "2028-01-15"]);
    assert!(
        status.lines().next().unwrap().ends_with("; 1 overdue"),
        "{status}"
    );
    let overdue = run(
        &previous,
        &["overdue", "--today", "2028-01-15", "--format", "json"],
    );
    assert!(overdue.contains("\"due\": \"2028-01-14\""), "{overdue}");
}

/// Issue 21, finding 1.9: with the markers right under `<details><summary>`, the table was
/// written inside the HTML block, where GitHub shows raw pipes, and `check --page` passed. The
/// table is now set off by blank lines, and a `CommonMark` reader sees a table.
#[test]
fn a_table_inside_an_html_block_renders_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.md");
    std::fs::write(
        &page,
        "# Vision\n\n<details><summary>Schedule</summary>\n<!-- vision-sched:begin -->\n\
         <!-- vision-sched:end -->\n</details>\n",
    )
    .unwrap();
    let schedule = crate::common::repo("schedule.toml");
    let render = || {
        bin()
            .arg("-f")
            .arg(&schedule)
            .args(["render", "--today", "2021-01-15", "--write"])
            .arg(&page)
            .output()
            .unwrap()
    };
    ok(&render());
    let text = std::fs::read_to_string(&page).unwrap();
    let parser = pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES);
    let tables = parser
        .filter(|e| {
            matches!(
                e,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Table(_))
            )
        })
        .count();
    assert_eq!(tables, 1, "{text}");
    assert!(
        text.contains("<!-- vision-sched:begin -->\n\n| Phase |"),
        "{text}"
    );
    assert!(
        text.contains("| Dec 10 |\n\n<!-- vision-sched:end -->\n</details>"),
        "{text}"
    );
    // Written once more, it is the same; and the gate sees it up to date.
    ok(&render());
    assert_eq!(std::fs::read_to_string(&page).unwrap(), text);
    let check = bin()
        .arg("-f")
        .arg(&schedule)
        .args(["check", "--today", "2021-01-15", "--page"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(ok(&check).contains("is up to date"));
}

/// Issue 21, finding 1.8: a page 148 bytes under the 4 MiB limit was written past it, and then
/// neither `check --page` nor `render --write` would read it. A write whose result would be
/// over the limit is refused before anything is written.
#[test]
fn render_never_writes_a_page_it_could_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.md");
    let limit = 4 << 20;
    let mut text = String::from("<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n");
    text.push_str(&"x".repeat(limit - 148 - text.len() - 1));
    text.push('\n');
    std::fs::write(&page, &text).unwrap();
    let out = bin()
        .arg("-f")
        .arg(crate::common::repo("schedule.toml"))
        .args(["render", "--today", "2021-01-15", "--write"])
        .arg(&page)
        .output()
        .unwrap();
    let err = crate::common::fails(&out);
    assert!(
        err.contains("over the 4 MiB a page may have; nothing was written"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&page).unwrap(), text);
}

/// Issue 21, finding 1.7: a `config.toml` with mode 000 was an error, but a config folder with
/// mode 000 was taken as no config, so its `timezone` was dropped and today moved a day. Both
/// are errors naming the path. (As root, whom no mode stops, the run is made as `nobody`.)
#[test]
fn an_unreadable_config_folder_is_an_error_not_an_empty_config() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |p: &std::path::Path, m: u32| {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    };
    mode(dir.path(), 0o755);
    let config = dir.path().join("config/vision-sched");
    std::fs::create_dir_all(&config).unwrap();
    mode(&dir.path().join("config"), 0o755);
    std::fs::write(
        config.join("config.toml"),
        "timezone = \"Pacific/Kiritimati\"\n",
    )
    .unwrap();
    mode(&config.join("config.toml"), 0o644);
    let schedule = dir.path().join("s.toml");
    std::fs::write(&schedule, "[[phase]]\nname = \"Ship\"\ndue = 2030-01-01\n").unwrap();
    mode(&schedule, 0o644);
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout == b"0\n");
    let run = || {
        let drop = if root {
            "setpriv --reuid=65534 --regid=65534 --clear-groups "
        } else {
            ""
        };
        crate::common::shell(&format!(
            "cd / && exec {drop}\"$BIN\" -f \"$S\" status --format json"
        ))
        .env("S", &schedule)
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .output()
        .unwrap()
    };
    // Readable, the config's zone is the one the report is in.
    assert!(ok(&run()).contains("\"timezone\": \"Pacific/Kiritimati\""));
    mode(&config, 0o000);
    let out = run();
    mode(&config, 0o755);
    let err = crate::common::fails(&out);
    assert!(
        err.contains("config.toml: cannot tell whether a config file is there: permission denied"),
        "{err}"
    );
    // A config folder that is a file is no config folder either.
    std::fs::remove_dir_all(&config).unwrap();
    std::fs::write(&config, "").unwrap();
    mode(&config, 0o644);
    let err = crate::common::fails(&run());
    assert!(
        err.contains("cannot tell whether a config file is there"),
        "{err}"
    );
}

/// Issue 21, finding 1.1: an emptied schedule and `-f /dev/null` passed the gate ("check passed
/// ... nothing overdue", exit 0). A file that names nothing to check is exit 2, naming it.
#[test]
fn an_empty_schedule_never_passes_the_gate() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schedule.toml"), "").unwrap();
    let found = bin().current_dir(dir.path()).arg("check").output().unwrap();
    let err = crate::common::fails(&found);
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains("schedule.toml: has no [[phase]]"), "{err}");
    let null = bin().args(["check", "-f", "/dev/null"]).output().unwrap();
    assert!(crate::common::fails(&null).contains("/dev/null: has no [[phase]]"));
}

/// A weekly report due on the last working day, and a shutdown week of holidays.
const SHUTDOWN: &str = "[document]\nweekend = [\"Saturday\", \"Sunday\"]\n\
    holidays = [2021-12-27, 2021-12-28, 2021-12-29, 2021-12-30, 2021-12-31]\n\n\
    [[cadence]]\nevery = \"week\"\nfrom = 2021-12-06\n\
    done.\"Weekly report 1\" = 2021-12-10\ndone.\"Weekly report 2\" = 2021-12-17\n\
    done.\"Weekly report 3\" = 2021-12-24\n#SKIP\n\n\
    [[cadence.phase]]\nname = \"Weekly report {n}\"\ndue = \"last working day\"\n";

/// Issue 21, finding 1.2: report 4 fell in a week with no working day. It vanished from
/// `phases`, `check` passed, and `publish "Weekly report 4"` called it ambiguous. A rule that
/// finds no day in a cycle is an error at load naming the cycle and the rule; skipping that
/// cycle is the way to say it has none.
#[test]
fn a_cycle_with_no_working_day_is_an_error_not_a_gap() {
    let out = bin()
        .args(["-f", "-", "check", "--today", "2022-01-03"])
        .stdin(SHUTDOWN)
        .output()
        .unwrap();
    let err = crate::common::fails(&out);
    assert!(
        err.contains(
            "`Weekly report {n}`: its `due` rule finds no day in the cycle starting 2021-12-27 \
             (`Weekly report 4`): every day the rule looks at is off"
        ),
        "{err}"
    );
    assert!(
        err.contains("<stdin>:14:8"),
        "the cadence phase's name: {err}"
    );
    let skipped = SHUTDOWN.replace("#SKIP", "skip = [\"Weekly report 4\"]");
    let out = bin()
        .args(["-f", "-", "check", "--today", "2022-01-03"])
        .stdin(skipped)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Issue 21, finding 1.3: a holiday on 9999-12-31 with "next working day" gave +10000-01-01,
/// and 0001-01-01 with "previous working day" gave 0000-12-31, reported as overdue. A shift
/// that would leave the calendar is an error at load; one that stays inside works.
#[test]
fn a_shift_never_leaves_the_calendar() {
    let written = |holiday: &str, shift: &str, due: &str| {
        format!(
            "[document]\nholidays = [{holiday}]\nshift = \"{shift}\"\n\n\
             [[phase]]\nname = \"Edge\"\ndue = {due}\n"
        )
    };
    let cadence = "[document]\nholidays = [0001-01-01]\nshift = \"previous working day\"\n\n\
        [[cadence]]\nevery = \"month\"\nfrom = 0001-01-01\n\n\
        [[cadence.phase]]\nname = \"m {n}\"\ndue = \"first day\"\n";
    for (schedule, want) in [
        (
            written("9999-12-31", "next working day", "9999-12-31"),
            "its `due`, 9999-12-31, is a day off, and `next working day` finds no working day",
        ),
        (
            written("0001-01-01", "previous working day", "0001-01-01"),
            "its `due`, 0001-01-01, is a day off, and `previous working day` finds no working day",
        ),
        (
            cadence.to_string(),
            "a date of the cycle starting 0001-01-01 (`m 1`) is a day off with no working day",
        ),
    ] {
        let out = bin()
            .args([
                "-f",
                "-",
                "phases",
                "--format",
                "json",
                "--today",
                "9999-12-31",
            ])
            .stdin(schedule.clone())
            .output()
            .unwrap();
        let err = crate::common::fails(&out);
        assert!(err.contains(want), "{schedule}\n{err}");
    }
    let inside = written("9999-12-30", "next working day", "9999-12-30");
    let json = run(
        &inside,
        &["phases", "--format", "json", "--from", "9999-01-01"],
    );
    assert!(json.contains("\"due\": \"9999-12-31\""), "{json}");
}

/// Issue 21, finding 1.5: a holiday calendar that ends in 2028 gave working-day answers for
/// 2029 as if there were no holidays, silently. Every command now says so once on stderr,
/// naming the calendar and its last year; `check` says it in its own output.
#[test]
fn holiday_data_that_runs_out_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::common::repo("tests/fixtures/working-days/england-and-wales.ics"),
        dir.path().join("uk.ics"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("schedule.toml"),
        "[document]\nweekend = [\"Saturday\", \"Sunday\"]\nholiday_calendars = [\"uk.ics\"]\n\n\
         [[cadence]]\nevery = \"quarter\"\nfrom = 2026-01-01\n\n\
         [[cadence.phase]]\nname = \"{year} Q{quarter} published\"\ndue = \"last working day\"\n",
    )
    .unwrap();
    let run = |args: &[&str]| bin().current_dir(dir.path()).args(args).output().unwrap();
    let warning = "schedule.toml:3: the holiday calendar uk.ics names holidays up to 2028, and \
                   an answer counted working days in 2029";
    // Inside the calendar's years: nothing said.
    let out = run(&["upcoming", "--today", "2027-03-01"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Past them: once, on stderr, whatever the command.
    for args in [
        &["upcoming", "--today", "2029-03-01"][..],
        &["phases", "--from", "2029-01-01", "--to", "2029-12-31"],
        &["remind", "--today", "2029-03-28", "--warn", "7d"],
    ] {
        let out = run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.matches("warning: ").count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(warning), "{args:?}: {stderr}");
    }
    // check says it in its output, in each format.
    let out = run(&["check", "--today", "2029-03-01", "--fail-within", "40d"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("schedule.toml:3: warning: the holiday calendar uk.ics"),
        "{text}"
    );
    assert!(out.stderr.is_empty());
    let out = run(&[
        "check",
        "--today",
        "2029-03-01",
        "--format",
        "github",
        "--fail-within",
        "40d",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("::warning file=schedule.toml,line=3::the holiday calendar uk.ics"),
        "{text}"
    );
    let out = run(&[
        "check",
        "--today",
        "2029-03-01",
        "--format",
        "json",
        "--fail-within",
        "40d",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["warnings"][0]["line"], 3, "{v}");
}

/// A schedule whose every milestone and cycle is overdue on 2026-12-01: written ones, a cadence
/// in calendar days and one in working days with a shutdown week, so that whatever is left of
/// it, cut anywhere, can only fail the gate or be refused.
const ALL_OVERDUE: &str = "[document]\ntitle = \"Vision\"\ntimezone = \"UTC\"\n\
    weekend = [\"Saturday\", \"Sunday\"]\n\n\
    [[phase]]\nname = \"Draft\"\ndue = 2026-01-15\n\n\
    [[phase]]\nname = \"Review\"\nstart = 2026-02-01\nend = \"Draft + 3w\"\n\n\
    [[phase]]\nname = \"Publish\"\ndue = \"end of Review + 2 working days\"\n\n\
    [[cadence]]\nevery = \"month\"\nfrom = 2025-01-01\n\n\
    [[cadence.phase]]\nname = \"{year}-{month} report\"\ndue = \"last working day\"\n\n\
    [[cadence]]\nevery = \"week\"\nfrom = 2026-01-05\n\n\
    [[cadence.phase]]\nname = \"Week {n} notes\"\ndue = \"last working day\"\n";

/// `check` in each of its formats on `schedule`: each run's exit code and stdout.
fn checked(schedule: &str) -> Vec<(Option<i32>, String)> {
    ["text", "github", "json"]
        .iter()
        .map(|format| {
            let out = bin()
                .args([
                    "-f",
                    "-",
                    "check",
                    "--today",
                    "2026-12-01",
                    "--format",
                    format,
                ])
                .stdin(schedule)
                .output()
                .unwrap();
            (
                out.status.code(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
            )
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 24,
        failure_persistence: None,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0xfa11_c105),
        ..proptest::test_runner::Config::default()
    })]

    /// The gate never passes what it could not check: a schedule cut anywhere (as a truncated
    /// file is), emptied but for blanks and comments, or with a week of a shutdown in a cycle
    /// whose rule needs a working day, is exit 1 or exit 2 in every format, never 0.
    #[test]
    fn a_damaged_schedule_never_passes_check(
        cut in 0..ALL_OVERDUE.len(),
        blank in "[ \t\r\n]{0,6}(# [a-z ]{0,20}\n)?[ \t\n]{0,3}",
        week in 0..40i64,
    ) {
        let truncated = &ALL_OVERDUE[..cut]; // ASCII: any byte is a boundary.
        let shutdown = {
            let monday = crate::common::date(2026, 1, 5) + chrono::Days::new(7 * week as u64);
            let days: Vec<String> = (0..5)
                .map(|d| (monday + chrono::Days::new(d)).to_string())
                .collect();
            ALL_OVERDUE.replace(
                "weekend = [",
                &format!("holidays = [{}]\nweekend = [", days.join(", ")),
            )
        };
        for schedule in [truncated, blank.as_str(), shutdown.as_str()] {
            for (code, stdout) in checked(schedule) {
                proptest::prop_assert!(code == Some(1) || code == Some(2), "{code:?} on\n{schedule}");
                if code == Some(2) {
                    proptest::prop_assert!(stdout.is_empty(), "{stdout}");
                }
            }
        }
    }
}
