//! `remind`, through the built binary: its lines, its silence, and cron's bare environment.

use std::fs;
use std::path::Path;

use crate::common::{Bin, bin, repo as fixture};

fn remind(schedule: &str, today: &str) -> Bin {
    let mut cmd = bin();
    cmd.args(["remind", "-f"])
        .arg(fixture(schedule))
        .args(["--today", today]);
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

#[test]
fn quiet_days_print_nothing_at_all() {
    for (schedule, today) in [
        ("schedule.toml", "2021-01-15"),
        ("schedule.toml", "2021-03-23"), // 8 days before March 31
        ("tests/fixtures/gate/quiet.toml", "2021-04-01"), // all past or done
        ("tests/fixtures/gate/quiet.toml", "2030-01-01"),
    ] {
        remind(schedule, today)
            .assert()
            .success()
            .stdout("")
            .stderr("");
    }
}

#[test]
fn one_aligned_line_per_item_without_escape_codes_when_piped() {
    let got = stdout(&remind("schedule.toml", "2021-06-25"));
    assert_eq!(
        got,
        "2021-03-31  86 days overdue  2021 Q1 revision published\n\
         2021-06-30  ends in 5 days   2021 Q2 revision process begins\n\
         2021-06-30  due in 5 days    2021 Q2 revision published\n"
    );
    let got = stdout(&remind("schedule.toml", "2021-07-01"));
    assert_eq!(
        got,
        "2021-03-31  92 days overdue  2021 Q1 revision published\n\
         2021-06-30  1 day overdue    2021 Q2 revision published\n"
    );
    let got = stdout(&remind("schedule.toml", "2021-09-13"));
    assert!(got.contains("2021-09-13  starts today"), "{got}");
    assert!(!got.contains('\u{1b}'));
}

#[test]
fn colour_only_when_forced() {
    let mut cmd = remind("schedule.toml", "2021-07-01");
    cmd.args(["--color", "always"]);
    assert!(stdout(&cmd).contains("\u{1b}["));
}

#[test]
fn warning_periods_per_phase_per_document_and_within() {
    let f = "tests/fixtures/gate/warn.toml";
    // 2021-06-20: the window ends in 10 days (document warn), the notes in 10 (own warn 3d: not
    // yet), the v2 publication in 25 (own warn 2w: not yet).
    assert_eq!(
        stdout(&remind(f, "2021-06-20")),
        "2021-06-30  ends in 10 days  Review window\n"
    );
    assert_eq!(stdout(&remind(f, "2021-06-19")), "");
    assert_eq!(
        stdout(&remind(f, "2021-06-27")),
        "2021-06-30  ends in 3 days  Review window\n\
         2021-06-30  due in 3 days   Release notes due\n"
    );
    assert_eq!(
        stdout(&remind(f, "2021-07-01")),
        "2021-06-30  1 day overdue   Release notes due\n\
         2021-07-15  due in 14 days  Published | v2\n"
    );
    // --within overrides every warn, both shorter and longer.
    let mut cmd = remind(f, "2021-07-01");
    cmd.args(["--within", "13d"]);
    assert_eq!(
        stdout(&cmd),
        "2021-06-30  1 day overdue  Release notes due\n"
    );
    let mut cmd = remind(f, "2021-06-01");
    cmd.args(["--within", "2w"]);
    assert_eq!(
        stdout(&cmd),
        "2021-06-14  starts in 13 days  Review window\n"
    );
}

#[test]
fn a_broken_schedule_is_reported_on_stderr_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.toml");
    fs::write(&bad, "[[phase]]\nname = \"x\"\ndue = 2021-02-30\n").unwrap();
    let mut cmd = bin();
    cmd.args(["remind", "--today", "2021-01-01", "-f"])
        .arg(&bad)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("bad.toml:3"));
    let mut cmd = remind("schedule.toml", "2021-01-01");
    cmd.args(["--within", "soon"]).assert().code(2).stdout("");
}

/// A bare command as cron runs it: `env -i HOME=$HOME PATH=/usr/bin:/bin vision-sched remind`,
/// from $HOME (not even the sandbox's XDG folders or TZ).
fn bare(home: &Path, today: &str) -> Bin {
    let mut cmd = bin();
    cmd.env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/bin:/bin")
        .current_dir(home)
        .args(["remind", "--today", today]);
    cmd
}

#[test]
fn cron_bare_environment_finds_the_schedule_in_the_config_folder() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".config/vision-sched");
    fs::create_dir_all(&config).unwrap();
    fs::copy(fixture("schedule.toml"), config.join("schedule.toml")).unwrap();

    let out = bare(home.path(), "2021-06-25").assert().success();
    let out = out.get_output();
    assert_eq!(out.stderr, b"");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2021-03-31  86 days overdue  2021 Q1 revision published\n\
         2021-06-30  ends in 5 days   2021 Q2 revision process begins\n\
         2021-06-30  due in 5 days    2021 Q2 revision published\n"
    );
    bare(home.path(), "2021-01-15")
        .assert()
        .success()
        .stdout("")
        .stderr("");
}

#[test]
fn cron_bare_environment_follows_the_config_files_schedule() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".config/vision-sched");
    fs::create_dir_all(&config).unwrap();
    fs::create_dir_all(home.path().join("plans")).unwrap();
    fs::copy(
        fixture("tests/fixtures/gate/warn.toml"),
        home.path().join("plans/vision.toml"),
    )
    .unwrap();
    fs::write(
        config.join("config.toml"),
        "schedule = \"~/plans/vision.toml\"\n",
    )
    .unwrap();

    bare(home.path(), "2021-06-20")
        .assert()
        .success()
        .stdout("2021-06-30  ends in 10 days  Review window\n")
        .stderr("");
}

#[test]
fn cron_bare_environment_without_a_schedule_says_where_it_looked() {
    let home = tempfile::tempdir().unwrap();
    bare(home.path(), "2021-06-20")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            ".config/vision-sched/schedule.toml",
        ));
}
