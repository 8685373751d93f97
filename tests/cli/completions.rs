//! Completion scripts and the man page come from the one clap definition.

use crate::common::bin;

fn run(args: &[&str]) -> String {
    let out = bin()
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

const SUBCOMMANDS: &[&str] = &[
    "status",
    "upcoming",
    "overdue",
    "phases",
    "export",
    "timeline",
    "publish",
    "reschedule",
    "completions",
    "man",
];

#[test]
fn every_shell_gets_a_script_naming_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = run(&["completions", shell]);
        assert!(script.contains("vision-sched"), "{shell}");
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} script lacks {sub}");
        }
        // Options of subcommands are completed too.
        assert!(script.contains("format"), "{shell}");
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    bin()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bash"));
}

#[test]
fn man_page_is_roff_naming_the_program_and_its_subcommands() {
    let page = run(&["man"]);
    let th = page
        .lines()
        .find(|l| l.starts_with(".TH "))
        .expect(".TH line");
    assert!(th.starts_with(".TH vision-sched 1"), "{th}");
    assert!(page.starts_with(".ie ") || page.starts_with(".TH "));
    assert!(page.contains(".SH NAME\nvision\\-sched \\- "), "{page}");
    assert!(page.contains(".SH SUBCOMMANDS"), "{page}");
    for sub in SUBCOMMANDS {
        assert!(
            page.contains(&format!("vision\\-sched\\-{}", sub.replace('-', "\\-"))),
            "{sub}"
        );
    }
}
