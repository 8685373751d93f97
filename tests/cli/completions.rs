//! Completion scripts and the man page, used as bash and `man` use them.

use crate::common::{bin, shell};

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
    "remind",
    "check",
    "render",
    "publish",
    "reschedule",
    "export",
    "timeline",
    "init",
    "schema",
    "completions",
    "man",
];

/// Bash, with the script loaded as its install note says, completes the subcommands and the
/// options before them.
///
/// (Not the options after a subcommand: `clap_complete`'s script never matches its own state for
/// a program whose name holds a hyphen, clap-rs/clap#6421.)
#[test]
fn bash_completes_subcommands_and_options() {
    let script = r#"
source <("$BIN" completions bash) || exit 3
spec=$(complete -p vision-sched) || exit 4
fn=$(sed -n 's/.* -F \([^ ]*\) .*/\1/p' <<<"$spec")
ask() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(( $# - 1 ))
    COMPREPLY=()
    "$fn" vision-sched "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    echo "${COMPREPLY[*]}"
}
ask vision-sched ""
ask vision-sched re
ask vision-sched --for
"#;
    let out = shell(script).assert().success().get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    let all: Vec<&str> = lines[0].split(' ').collect();
    for word in SUBCOMMANDS.iter().chain(&["--format", "--today", "-f"]) {
        assert!(all.contains(word), "{word} in {out}");
    }
    assert_eq!(
        lines[1..],
        ["remind render reschedule", "--format"],
        "{out}"
    );
}

#[test]
fn every_shell_gets_a_script_and_an_unknown_one_is_a_usage_error() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        assert!(!run(&["completions", shell]).is_empty(), "{shell}");
    }
    bin()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bash"));
}

/// `man` shows the page: groff reads it without a warning, and it names the program, says what
/// it is and lists every subcommand. Skips where groff is missing.
#[test]
fn the_man_page_reads_as_a_man_page() {
    let page = run(&["man"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vision-sched.1");
    std::fs::write(&file, page).unwrap();
    // Plain text (no overstrike), and every warning on.
    let out = std::process::Command::new("groff")
        .args(["-man", "-Tutf8", "-P-cbou", "-ww"])
        .arg(&file)
        .output();
    let Ok(out) = out else {
        eprintln!("skipped: no groff here");
        return;
    };
    assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.starts_with("vision-sched(1) "), "{words}");
    assert!(
        words.contains("NAME vision-sched - Keeps a living document on its revision schedule"),
        "{words}"
    );
    for sub in SUBCOMMANDS {
        assert!(words.contains(&format!("vision-sched-{sub}")), "{sub}");
    }
}
