//! One name per flag, one meaning per unit: the names each option has, the old spellings kept as
//! hidden aliases, and the options a command refuses because it does not use them.

use crate::common::{bin, fails, ok, repo};

/// Runs the binary on the bundled schedule with `args`.
fn run(args: &[&str]) -> std::process::Output {
    bin()
        .arg("-f")
        .arg(repo("schedule.toml"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn remind_takes_warn_and_its_old_name_within() {
    let warn = ok(&run(&["remind", "--today", "2021-06-20", "--warn", "10d"]));
    assert!(warn.contains("ends in 10 days"), "{warn}");
    // The same run through the old spellings, after and before the command.
    assert_eq!(
        ok(&run(&[
            "remind",
            "--today",
            "2021-06-20",
            "--within",
            "10d"
        ])),
        warn
    );
    assert_eq!(
        ok(&run(&[
            "--within",
            "10d",
            "remind",
            "--today",
            "2021-06-20"
        ])),
        warn
    );
    // The default warning period (7 days) says nothing of June 30 on June 20.
    let default = ok(&run(&["remind", "--today", "2021-06-20"]));
    assert!(!default.contains("ends in 10 days"), "{default}");
}

#[test]
fn check_takes_page_and_its_old_name_doc() {
    let page = ok(&run(&[
        "check",
        "--today",
        "2021-01-15",
        "--page",
        repo("README.md").to_str().unwrap(),
    ]));
    assert!(page.contains("up to date"), "{page}");
    let doc = ok(&run(&[
        "check",
        "--today",
        "2021-01-15",
        "--doc",
        repo("README.md").to_str().unwrap(),
    ]));
    assert_eq!(doc, page);
    // Only the new name is in the help.
    let help = ok(&bin().args(["check", "--help"]).output().unwrap());
    assert!(
        help.contains("--page <PAGE>") && !help.contains("--doc "),
        "{help}"
    );
}

#[test]
fn a_wait_counts_minutes_in_min_because_m_is_months() {
    // A wrong phase name fails after the options are read: the option itself is fine.
    let err = fails(&run(&["publish", "no such phase", "--wait", "2min"]));
    assert!(err.contains("no such phase"), "{err}");
    let err = fails(&run(&["publish", "no such phase", "--wait", "2m"]));
    assert!(
        err.contains("`m` means months") && err.contains("2min"),
        "{err}"
    );
}

#[test]
fn schema_man_and_completions_refuse_options_about_a_schedule() {
    for command in [&["schema"][..], &["man"], &["completions", "bash"]] {
        for (flag, value) in [
            ("-f", "nothere.toml"),
            ("--today", "2021-01-01"),
            ("--document", "Vision"),
            ("--color", "never"),
        ] {
            let out = bin().args(command).args([flag, value]).output().unwrap();
            let err = fails(&out);
            assert!(
                err.contains("does not apply to") && err.contains("it reads no schedule"),
                "{command:?} {flag}: {err}"
            );
        }
        // Without them, each prints its text.
        assert!(!ok(&bin().args(command).output().unwrap()).is_empty());
    }
}

#[test]
fn init_refuses_options_about_reading_a_schedule() {
    let dir = tempfile::tempdir().unwrap();
    for (flag, value) in [("--document", "Vision"), ("--color", "always")] {
        let out = bin()
            .current_dir(dir.path())
            .args(["init", flag, value])
            .output()
            .unwrap();
        assert!(fails(&out).contains("does not apply to `init`"), "{flag}");
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn format_before_a_command_must_be_one_it_takes() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["--format", "mermaid", "status"],
            "--format mermaid does not apply to `status`: it takes table, json or markdown",
        ),
        (
            &["--format", "markdown", "check"],
            "--format markdown does not apply to `check`: it takes text, github or json",
        ),
        (
            &["--format", "json", "render"],
            "--format json does not apply to `render`: it takes table or mermaid",
        ),
        (
            &["--format", "json", "timeline"],
            "--format json does not apply to `timeline`",
        ),
    ];
    for (args, want) in cases {
        let err = fails(&run(args));
        assert_eq!(err, format!("error: {want}\n"), "{args:?}");
    }
    // After the command, clap offers only what the command takes.
    let err = fails(&run(&["status", "--format", "github"]));
    assert!(
        err.contains("[possible values: table, json, markdown]"),
        "{err}"
    );
}

#[test]
fn reschedule_takes_date_and_its_old_name_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    let text = "[[phase]]\nname = \"Release\"\ndue = 2024-04-17\n";
    std::fs::write(&path, text).unwrap();
    let move_to = |flag: &str| {
        ok(&bin()
            .arg("-f")
            .arg(&path)
            .args(["reschedule", "Release", flag, "2024-04-20"])
            .output()
            .unwrap())
    };
    move_to("--date");
    let moved = std::fs::read_to_string(&path).unwrap();
    assert!(
        moved.contains("due = 2024-04-20") && moved.contains("planned = 2024-04-17"),
        "{moved}"
    );
    ok(&bin()
        .arg("-f")
        .arg(&path)
        .args(["reschedule", "Release", "--undo"])
        .output()
        .unwrap());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    move_to("--to");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), moved);
}
