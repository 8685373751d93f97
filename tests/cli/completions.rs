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
fn scripts_have_each_shells_own_shape() {
    assert!(run(&["completions", "bash"]).contains("complete -F _vision__sched"));
    assert!(run(&["completions", "zsh"]).starts_with("#compdef vision-sched"));
    assert!(run(&["completions", "fish"]).contains("complete -c vision-sched"));
    assert!(run(&["completions", "powershell"]).contains("Register-ArgumentCompleter"));
    assert!(run(&["completions", "elvish"]).contains("edit:completion:arg-completer"));
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

/// Each command's own help opens with the line the top-level help lists for it: the commands'
/// arguments are built only when used, and a doc comment on a shared argument struct would
/// then replace the command's description.
#[test]
fn each_commands_help_opens_with_its_listed_description() {
    let top = run(&["--help"]);
    let listed = top
        .split("Commands:\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .unwrap();
    // "  name  First words ...", continuation lines indented further.
    let mut commands: Vec<(String, String)> = Vec::new();
    for line in listed.lines() {
        let trimmed = line.trim_start();
        if line.len() - trimmed.len() == 2 {
            let (name, about) = trimmed.split_once(' ').unwrap();
            commands.push((name.to_string(), about.trim().to_string()));
        } else if let Some(last) = commands.last_mut() {
            last.1 = format!("{} {}", last.1, trimmed);
        }
    }
    assert!(commands.len() >= SUBCOMMANDS.len(), "{listed}");
    for (name, about) in commands.iter().filter(|(n, _)| n != "help") {
        let own = run(&[name.as_str(), "--help"]);
        let first = own.split("\n\n").next().unwrap().replace('\n', " ");
        assert_eq!(first, *about, "`{name} --help`");
    }
}
