//! Where a schedule comes from: it is read exactly once, so a pipe, `/dev/stdin`, `-f -`, a
//! process substitution and a FIFO work like a file; nothing is written anywhere; and bad dates,
//! documents and places fail clearly.

use std::io::Write;

use predicates::prelude::PredicateBooleanExt;

use crate::common::{bin, shell};

const SEED: &str = repo!("schedule.toml");

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `check` on the bundled schedule on 2021-07-01, by path: two overdue milestones, exit 1.
fn check_by_path() -> String {
    let out = bin()
        .args(["check", "-f", SEED, "--today", "2021-07-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    text(&out.stdout).replace(SEED, "FILE")
}

#[test]
fn a_piped_schedule_gives_the_answer_the_file_gives() {
    let want = check_by_path();
    assert_eq!(want.lines().count(), 2, "{want}");
    let seed = std::fs::read(SEED).unwrap();
    for (path, shown) in [("/dev/stdin", "/dev/stdin"), ("-", "<stdin>")] {
        let out = bin()
            .args(["check", "-f", path, "--today", "2021-07-01"])
            .stdin(seed.clone())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{path}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout).replace(shown, "FILE"), want, "{path}");
    }
}

#[test]
fn errors_in_standard_input_name_it() {
    bin()
        .args(["status", "-f", "-", "--today", "2021-06-20"])
        .stdin("[[phase]]\nname = \"x\"\ndue = 2021-02-30\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("--> <stdin>:3:7"));
}

#[test]
fn a_process_substitution_lists_the_phases() {
    let out = shell(&format!(
        "\"$BIN\" phases -f <(cat {SEED}) --today 2021-06-20 --format json"
    ))
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["phases"].as_array().unwrap().len(), 8, "{v}");
}

#[test]
fn a_named_pipe_is_read_once_and_does_not_hang() {
    let b = bin();
    let fifo = b.scratch().work().join("schedule.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let seed = std::fs::read(SEED).unwrap();
    let writer = {
        let fifo = fifo.clone();
        // Opening a FIFO for writing waits for its reader: the binary.
        std::thread::spawn(move || {
            let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
            f.write_all(&seed).unwrap();
        })
    };
    let out = bin()
        .args(["check", "-f"])
        .arg(&fifo)
        .args(["--today", "2021-07-01"])
        .output()
        .unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout).replace(&fifo.display().to_string(), "FILE"),
        check_by_path()
    );
}

#[test]
fn no_command_writes_anywhere_it_was_not_asked_to() {
    let mut b = bin();
    b.args(["status", "-f", SEED, "--today", "2021-06-20"]);
    let big = b.scratch().work().join("big.toml");
    // A large schedule too, where a cache would pay (none may be written).
    let mut text = String::new();
    for i in 0..2_000 {
        text.push_str(&format!("[[phase]]\nname = \"p{i}\"\ndue = 2021-06-30\n"));
    }
    std::fs::write(&big, text).unwrap();
    let scratch_root = b.scratch().home().parent().unwrap().to_path_buf();
    let before = listing(&scratch_root);
    for args in [
        vec!["status"],
        vec!["phases", "--format", "json"],
        vec!["overdue"],
        vec!["remind"],
        vec!["check"],
        vec!["export", "ics"],
        vec!["timeline"],
        vec!["render"],
    ] {
        for f in [SEED, big.to_str().unwrap()] {
            let out = crate::common::bin()
                .args(&args)
                .args(["-f", f, "--today", "2021-07-01"])
                .current_dir(b.scratch().work())
                .env("HOME", b.scratch().home())
                .env("XDG_CACHE_HOME", scratch_root.join("cache"))
                .env("XDG_CONFIG_HOME", scratch_root.join("config"))
                .env("XDG_DATA_HOME", scratch_root.join("data"))
                .output()
                .unwrap();
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    assert_eq!(listing(&scratch_root), before, "a command wrote a file");
}

/// Every path under `dir`, sorted.
fn listing(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p.clone());
            }
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn documents_are_capped_like_schedules() {
    bin()
        .args([
            "check",
            "--doc",
            "/dev/zero",
            "-f",
            SEED,
            "--today",
            "2021-06-20",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("/dev/zero"))
        .stderr(predicates::str::contains("too large"));
    // render --write edits only regular files: /dev/zero is refused before it is read.
    bin()
        .args([
            "render",
            "--write",
            "/dev/zero",
            "-f",
            SEED,
            "--today",
            "2021-06-20",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("/dev/zero"));
    // A document larger than a Markdown page is refused, not parsed into memory.
    let mut b = bin();
    let doc = b.scratch().work().join("huge.md");
    let mut text = "<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n".to_string();
    text.push_str(&"word ".repeat(1_000_000));
    std::fs::write(&doc, text).unwrap();
    for args in [["check", "--doc"], ["render", "--write"]] {
        bin()
            .args(args)
            .arg(&doc)
            .args(["-f", SEED, "--today", "2021-06-20"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "too large for a Markdown document",
            ));
    }
    b.args(["status", "-f", SEED]).assert().success();
}

#[test]
fn dates_are_four_digit_years_everywhere() {
    for bad in [
        "+99999-01-01",
        "99999-01-01",
        "0000-01-01",
        "2021-1-1",
        "-2021-01-01",
    ] {
        bin()
            .args(["status", "-f", SEED, &format!("--today={bad}")])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicates::str::contains("--today"));
        bin()
            .args(["status", "-f", SEED])
            .env("VISION_SCHED_TODAY", bad)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("VISION_SCHED_TODAY"));
    }
    // Set but empty is an error naming the variable, not --today.
    bin()
        .args(["status", "-f", SEED])
        .env("VISION_SCHED_TODAY", "")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("VISION_SCHED_TODAY"))
        .stderr(predicates::str::contains("--today").not());
    bin()
        .args(["status", "-f", SEED])
        .env("VISION_SCHED_TODAY", "2021-06-20")
        .assert()
        .success()
        .stdout(predicates::str::starts_with("2021-06-20 - "));
    for flag in ["--on", "--today"] {
        bin()
            .args(["publish", "x", "-f", SEED, flag, "10000-01-01"])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(flag));
    }
}

#[test]
fn format_and_within_work_before_the_command() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = bin()
            .args(args)
            .args(["-f", SEED, "--today", "2021-07-01"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(
        json(&["--format", "json", "overdue"])["overdue"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(json(&["--format", "json"])["current"].is_array());
    let up = bin()
        .args([
            "--within",
            "2w",
            "upcoming",
            "-f",
            SEED,
            "--today",
            "2021-09-01",
        ])
        .output()
        .unwrap();
    assert!(
        text(&up.stdout).starts_with("Upcoming (next 14 days)"),
        "{}",
        text(&up.stdout)
    );
    // Given in both places, the one after the command wins; given where it cannot apply, it is
    // an error that says so.
    assert!(json(&["--format", "markdown", "status", "--format", "json"])["today"].is_string());
    bin()
        .args(["--within", "2w", "phases", "-f", SEED])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--within does not apply to `phases`",
        ));
    bin()
        .args(["--format", "github", "status", "-f", SEED])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--format github does not apply to `status`",
        ));
}

#[test]
fn a_configured_schedule_that_is_missing_is_an_error_naming_it() {
    let b = bin();
    let config = b
        .scratch()
        .home()
        .parent()
        .unwrap()
        .join("config/vision-sched");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "schedule = \"~/src/typo.toml\"\n",
    )
    .unwrap();
    std::fs::copy(SEED, config.join("schedule.toml")).unwrap();
    let mut b = b;
    b.args(["status", "--today", "2021-06-20"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains("src/typo.toml"));
}

#[test]
fn a_tilde_in_vision_sched_file_is_the_home_folder() {
    let mut b = bin();
    std::fs::copy(SEED, b.scratch().home().join("mine.toml")).unwrap();
    b.args(["status", "--today", "2021-06-20"])
        .env("VISION_SCHED_FILE", "~/mine.toml")
        .assert()
        .success()
        .stdout(predicates::str::contains("2021 Q2 revision process begins"));
}
