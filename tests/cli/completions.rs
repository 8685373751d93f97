//! The completion scripts, installed where each shell's docs say (the guide's shell chapter) and
//! driven through the shell's own completion machinery: bash through bash-completion's loader
//! and the function it registers, zsh through compinit and a real completion widget in a
//! pseudo-terminal, fish through `complete -C`. Each test asks its shell the same questions
//! ([`CASES`]) and checks the words it offers. A shell that is missing is skipped with a note;
//! `.ci/run` installs all three, so CI runs every one.

use std::collections::BTreeMap;

use crate::common::{bin, shell};

/// The commands, as `vision-sched <TAB>` and `vision-sched help <TAB>` offer them.
const COMMANDS: &[&str] = &[
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

/// The options about a schedule, which the commands that read none refuse.
const ABOUT_A_SCHEDULE: &[&str] = &["-f", "--schedule", "--document", "--today", "--color"];

/// What the shell must offer for a command line (the cursor at its end).
enum Offers {
    /// These words and no other.
    Exactly(&'static [&'static str]),
    /// At least these words, and none of the second list.
    Includes(&'static [&'static str], &'static [&'static str]),
}
use Offers::{Exactly, Includes};

/// A file in the working folder, which a shell that falls back to files would offer.
const DECOY: &str = "decoy.toml";

const CASES: &[(&str, Offers)] = &[
    ("vision-sched ", Includes(COMMANDS, &[DECOY])),
    (
        "vision-sched re",
        Exactly(&["remind", "render", "reschedule"]),
    ),
    ("vision-sched help ", Includes(COMMANDS, &[DECOY])),
    ("vision-sched help exp", Exactly(&["export"])),
    ("vision-sched export ", Includes(&["ics", "svg"], &[DECOY])),
    ("vision-sched export s", Exactly(&["svg"])),
    // Each command's own options, after its name.
    (
        "vision-sched check --fail",
        Exactly(&["--fail-tba", "--fail-within"]),
    ),
    (
        "vision-sched check --",
        Includes(
            &["--fail-within", "--page", "--svg", "--quiet", "--schedule"],
            &["--doc", "--within", "--post"],
        ),
    ),
    (
        "vision-sched export ics --t",
        Exactly(&["--title", "--to", "--today", "--todo"]),
    ),
    ("vision-sched export svg --w", Exactly(&["--width"])),
    ("vision-sched timeline --a", Exactly(&["--ascii"])),
    ("vision-sched publish --th", Exactly(&["--through"])),
    ("vision-sched man --d", Exactly(&["--dir"])),
    // `--format` offers what each command takes.
    (
        "vision-sched status --format ",
        Exactly(&["json", "markdown", "table"]),
    ),
    (
        "vision-sched upcoming --format ",
        Exactly(&["json", "markdown", "table"]),
    ),
    (
        "vision-sched overdue --format ",
        Exactly(&["json", "markdown", "table"]),
    ),
    (
        "vision-sched phases --format ",
        Exactly(&["json", "markdown", "table"]),
    ),
    (
        "vision-sched check --format ",
        Exactly(&["github", "json", "text"]),
    ),
    (
        "vision-sched render --format ",
        Exactly(&["mermaid", "table"]),
    ),
    // The options about a schedule may come first: the command is still found.
    (
        "vision-sched -f decoy.toml check --fail",
        Exactly(&["--fail-tba", "--fail-within"]),
    ),
    (
        "vision-sched --today 2021-01-15 status --format ",
        Exactly(&["json", "markdown", "table"]),
    ),
    // Before a command's name it applies to the command that follows, so all are offered.
    (
        "vision-sched --format ",
        Exactly(&["github", "json", "markdown", "mermaid", "table", "text"]),
    ),
    (
        "vision-sched remind --post-format ",
        Exactly(&["discord", "json", "matrix", "mattermost", "slack", "zulip"]),
    ),
    (
        "vision-sched --color ",
        Exactly(&["always", "auto", "never"]),
    ),
    (
        "vision-sched status --color ",
        Exactly(&["always", "auto", "never"]),
    ),
    (
        "vision-sched completions ",
        Includes(&["bash", "elvish", "fish", "powershell", "zsh"], &[DECOY]),
    ),
    ("vision-sched completions z", Exactly(&["zsh"])),
    ("vision-sched status -f ", Includes(&[DECOY], &[])),
    // A hidden alias is never offered.
    ("vision-sched remind --w", Exactly(&["--warn"])),
    (
        "vision-sched reschedule x --",
        Includes(&["--date", "--undo"], &["--to"]),
    ),
    ("vision-sched check --d", Exactly(&["--document"])),
    // A command that reads no schedule is offered none of its options.
    (
        "vision-sched init -",
        Includes(
            &["--today", "--help"],
            &["-f", "--schedule", "--document", "--color"],
        ),
    ),
    (
        "vision-sched schema -",
        Includes(&["--help"], ABOUT_A_SCHEDULE),
    ),
    ("vision-sched man -", Includes(&["--dir"], ABOUT_A_SCHEDULE)),
    (
        "vision-sched completions bash -",
        Includes(&["--help"], ABOUT_A_SCHEDULE),
    ),
];

/// Runs `script` (bash) in the sandbox with the binary as `vision-sched` on `PATH`, a decoy
/// file in the working folder and every case's line as an argument; the script prints
/// `@@ LINE` then one word offered a line. `None` when the script exits 77: its shell is
/// missing (the script says which).
fn ask(script: &str, lines: &[String]) -> Option<BTreeMap<String, Vec<String>>> {
    let prelude = format!(
        r#"set -eu
mkdir -p "$HOME/bin" && ln -s "$BIN" "$HOME/bin/vision-sched" && export PATH="$HOME/bin:$PATH"
: > {DECOY}
"#
    );
    let mut run = shell(&format!("{prelude}{script}"));
    run.arg("completion-test");
    run.args(lines);
    let out = run.output().expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.code() == Some(77) {
        skipped(stderr.trim());
        return None;
    }
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let mut answers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut current = None;
    for line in stdout.lines() {
        if let Some(asked) = line.strip_prefix("@@ ") {
            current = Some(asked.to_string());
            answers.entry(asked.to_string()).or_default();
        } else if let Some(asked) = &current {
            // fish writes `word<TAB>description`.
            let word = line.split('\t').next().unwrap_or_default().trim_end();
            if !word.is_empty() {
                answers.get_mut(asked).unwrap().push(word.to_string());
            }
        }
    }
    for words in answers.values_mut() {
        words.sort();
        words.dedup();
    }
    Some(answers)
}

/// The commands `vision-sched WORDS --help` lists, but `help`.
pub(crate) fn listed(words: &[&str]) -> Vec<String> {
    let out = bin().args(words).arg("--help").output().unwrap();
    let help = crate::common::ok(&out);
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        // `  name  Description`; a description's second line is indented further.
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// What the shell must offer exactly, as `--help` lists it: `export`'s kinds after
/// `help export`, and after every command's name and `--`, the long options it lists.
fn exact_cases() -> Vec<(String, Vec<String>)> {
    let mut kinds = listed(&["export"]);
    kinds.sort();
    assert!(kinds.len() >= 2, "{kinds:?}");
    let mut commands: Vec<Vec<&str>> = COMMANDS.iter().map(|c| vec![*c]).collect();
    commands.extend(kinds.iter().map(|k| vec!["export", k.as_str()]));
    let flags = commands.into_iter().map(|words| {
        let out = bin().args(&words).arg("--help").output().unwrap();
        let help = crate::common::ok(&out);
        let mut flags: Vec<String> = help
            .lines()
            .filter_map(|l| {
                let l = l.trim_start();
                // `  -f, --schedule <PATH>` or `      --format <FORMAT>`.
                let l = match l.as_bytes() {
                    [b'-', c, b',', b' ', ..] if c.is_ascii_alphabetic() => &l[4..],
                    _ => l,
                };
                let name: String = l
                    .strip_prefix("--")?
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                (!name.is_empty()).then(|| format!("--{name}"))
            })
            .collect();
        // Visible aliases: `[alias: --title]`, `[aliases: --a, --b]`.
        for part in help.split("[alias").skip(1) {
            let list = part.split_once(']').map_or(part, |(l, _)| l);
            let names = list.trim_start_matches("es").trim_start_matches(':');
            flags.extend(names.split(',').map(|n| n.trim().to_string()));
        }
        flags.sort();
        flags.dedup();
        assert!(flags.len() >= 2, "{words:?}: {help}");
        (format!("vision-sched {} --", words.join(" ")), flags)
    });
    let help_export = ("vision-sched help export ".to_string(), kinds.clone());
    std::iter::once(help_export).chain(flags).collect()
}

/// Every line a shell is asked to complete.
fn lines(flags: &[(String, Vec<String>)]) -> Vec<String> {
    let cases = CASES.iter().map(|(line, _)| (*line).to_string());
    cases
        .chain(flags.iter().map(|(line, _)| line.clone()))
        .collect()
}

/// Says that a test skipped, on the real stderr: the test harness keeps what `eprintln!` writes
/// to itself unless the test fails, and a skip should show in a plain `cargo test`.
pub(crate) fn skipped(note: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {note}");
}

/// Checks every case against what `shell_name` offered; all failures at once.
fn check(
    shell_name: &str,
    answers: &BTreeMap<String, Vec<String>>,
    flags: &[(String, Vec<String>)],
) {
    let mut wrong = Vec::new();
    for (line, want) in flags {
        let got = answers
            .get(line)
            .unwrap_or_else(|| panic!("{shell_name}: no answer for `{line}`"));
        if got != want {
            wrong.push(format!(
                "`{line}`: offered {got:?}, wanted {want:?} (from --help)"
            ));
        }
    }
    for (line, offers) in CASES {
        let got = answers
            .get(*line)
            .unwrap_or_else(|| panic!("{shell_name}: no answer for `{line}`"));
        let ok = match offers {
            Exactly(words) => {
                let mut want: Vec<&str> = words.to_vec();
                want.sort_unstable();
                *got == want
            }
            Includes(must, never) => {
                must.iter().all(|w| got.iter().any(|g| g == w))
                    && !never.iter().any(|w| got.iter().any(|g| g == w))
            }
        };
        if !ok {
            let want = match offers {
                Exactly(words) => format!("exactly {words:?}"),
                Includes(must, never) => format!("{must:?} and none of {never:?}"),
            };
            wrong.push(format!("`{line}`: offered {got:?}, wanted {want}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{shell_name} completes wrongly:\n{}",
        wrong.join("\n")
    );
}

/// bash with bash-completion, the script installed in bash-completion's folder for the user,
/// loaded on demand as the first TAB loads it; each line is completed by calling the function
/// that `complete -p` names with `COMP_WORDS`, `COMP_CWORD`, `COMP_LINE` and `COMP_POINT` set
/// as readline sets them. (A script from bash 5.2 POSIX mode must load too: `sh` is bash on
/// some systems.)
#[test]
fn bash_completes_through_bash_completion() {
    let script = r#"
lib=/usr/share/bash-completion/bash_completion
[ -r "$lib" ] || { echo "no bash-completion ($lib); .ci/run installs it" >&2; exit 77; }
dir="$XDG_DATA_HOME/bash-completion/completions"
mkdir -p "$dir"
vision-sched completions bash > "$dir/vision-sched"
bash --posix -c 'source "$1" && complete -p vision-sched >/dev/null' sh "$dir/vision-sched"
set +eu
source "$lib"
_completion_loader vision-sched
fn=$(complete -p vision-sched | sed -n 's/.* -F \([^ ]*\) .*/\1/p')
[ -n "$fn" ] || { echo "bash-completion did not load the script" >&2; exit 1; }
for line in "$@"; do
    read -ra COMP_WORDS <<<"$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMPREPLY=()
    "$fn" vision-sched "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
    echo "@@ $line"
    if [ ${#COMPREPLY[@]} -eq 0 ]; then
        # Nothing offered: `complete -o default` has readline offer file names.
        compgen -f -- "${COMP_WORDS[COMP_CWORD]}"
    else
        printf '%s\n' "${COMPREPLY[@]}"
    fi
done
"#;
    let flags = exact_cases();
    if let Some(answers) = ask(script, &lines(&flags)) {
        check("bash", &answers, &flags);
    }
}

/// zsh with compinit, the script installed as `_vision-sched` in a folder on `$fpath`. Each line
/// is typed into an interactive zsh in a pseudo-terminal (zsh/zpty) and completed by a TAB
/// bound to a completion widget; `compadd` is wrapped to write each match it adds, after zsh has
/// matched it against what was typed, to a file.
#[test]
fn zsh_completes_through_compinit() {
    let script = r#"
command -v zsh >/dev/null || { echo "no zsh; .ci/run installs it" >&2; exit 77; }
mkdir -p "$HOME/.zfunc"
vision-sched completions zsh > "$HOME/.zfunc/_vision-sched"
export OUT="$HOME/offered" SETUP="$HOME/setup.zsh"
cat > "$SETUP" <<'EOF'
PROMPT='' RPROMPT='' PS2=''
fpath=(~/.zfunc $fpath)
autoload -Uz compinit && compinit -u -D
compadd() {
    # A call that only asks for matches into an array is zsh's own business.
    if (( ${@[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi
    local -a hits
    builtin compadd -A hits "$@"
    (( $#hits )) && print -rl -- $hits >> $OUT
    builtin compadd "$@"
}
_offered() { _main_complete; print -r -- '<<done>>' }
zle -C offered complete-word _offered
bindkey '^I' offered
print -r -- '<<ready>>'
EOF
cat > "$HOME/drive.zsh" <<'EOF'
zmodload zsh/zpty
zpty vs zsh -f -i
zpty -w vs "source ${(q)SETUP}"
zpty -r vs out '*<<ready>>*' || exit 1
for line in "$@"; do
    : > $OUT
    zpty -w -n vs "$line"$'\t'
    zpty -r vs out '*<<done>>*' || exit 1
    print -r -- "@@ $line"
    cat $OUT
    zpty -w -n vs $'\C-u'
done
zpty -d vs
EOF
zsh -f "$HOME/drive.zsh" "$@"
"#;
    let flags = exact_cases();
    if let Some(answers) = ask(script, &lines(&flags)) {
        check("zsh", &answers, &flags);
    }
}

/// fish, the script installed in `~/.config/fish/completions`, where fish loads it on demand;
/// each line is completed by `complete -C`, as a TAB would.
#[test]
fn fish_completes_through_its_completions_folder() {
    let script = r#"
command -v fish >/dev/null || { echo "no fish; .ci/run installs it" >&2; exit 77; }
mkdir -p "$XDG_CONFIG_HOME/fish/completions"
vision-sched completions fish > "$XDG_CONFIG_HOME/fish/completions/vision-sched.fish"
fish -c 'for line in $argv; echo "@@ $line"; complete -C $line; end' "$@"
"#;
    let flags = exact_cases();
    if let Some(answers) = ask(script, &lines(&flags)) {
        check("fish", &answers, &flags);
    }
}

#[test]
fn every_shell_gets_a_script_and_an_unknown_one_is_a_usage_error() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = bin().args(["completions", shell]).assert().success();
        assert!(!out.get_output().stdout.is_empty(), "{shell}");
    }
    bin()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bash"));
}
