//! The README's examples, on the bundled schedule and the real ones of `tests/fixtures/real/`, as
//! trycmd cases in `tests/cmd/`: one `.toml` per command (its arguments, its exit code, run from
//! the repository's root with `env.inherit = false`) and the `.stdout` and `.stderr` it must
//! print, byte for byte. A second test checks that the README shows each case's command and
//! what it prints.
//!
//! The cases get the sandbox's environment ([`Scratch::env`]: PATH, a temp HOME and XDG
//! folders, TZ=UTC, nothing else) and its timeout, like every other run of the binary here.
//! A new example is three files there and nothing here.
//!
//! The examples that edit the schedule (`publish`, `reschedule`) cannot run on the bundled file
//! itself: [`the_readmes_edits_print_what_it_says`] reads them out of the README and runs each
//! section's in order on a copy of it.

use std::path::Path;

use crate::common::{BIN, Scratch, TIMEOUT};

#[test]
fn the_readmes_examples_print_what_it_says() {
    let scratch = Scratch::new();
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("vision-sched", Path::new(BIN))
        .timeout(TIMEOUT);
    for (name, value) in scratch.env() {
        cases.env(name, value.to_str().expect("a UTF-8 path"));
    }
    cases.case(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/*.toml"));
    cases.run();
}

/// The sections whose examples edit the schedule: each is run on a fresh copy of the bundled
/// schedule, with the phases of the section's TOML blocks added.
const EDITING: [&str; 3] = [
    "## Recording publications",
    "### Several at once, and catching up",
    "## Moving a date: planned and reschedule",
];

/// The README's examples of `publish` and `reschedule`, run in order on a copy of the bundled
/// schedule in a folder standing for `/home/me/vision`: each must print what the README says
/// (standard output, then standard error), byte for byte.
#[test]
fn the_readmes_edits_print_what_it_says() {
    let readme = std::fs::read_to_string(crate::common::repo("README.md")).unwrap();
    let bundled = std::fs::read_to_string(crate::common::repo("schedule.toml")).unwrap();
    for heading in EDITING {
        let body = section(&readme, heading);
        let home = tempfile::tempdir().unwrap();
        let folder = home.path().join("vision");
        std::fs::create_dir(&folder).unwrap();
        let folder = std::fs::canonicalize(&folder).unwrap();
        let mut schedule = bundled.clone();
        for block in blocks(body, "toml") {
            if block.contains("[[phase]]") {
                schedule.push('\n');
                schedule.push_str(&block);
            }
        }
        std::fs::write(folder.join("schedule.toml"), &schedule).unwrap();
        let examples: Vec<(String, String)> = blocks(body, "console")
            .iter()
            .flat_map(|b| examples(b))
            .collect();
        assert!(!examples.is_empty(), "{heading} has no examples");
        for (command, expected) in examples {
            let out = crate::common::bin()
                .args(words(&command))
                .current_dir(&folder)
                .output()
                .unwrap();
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
            .replace(&folder.display().to_string(), "/home/me/vision");
            assert_eq!(printed, expected, "{heading}: $ vision-sched {command}");
        }
    }
}

/// The text of the section under `heading`, up to the next heading of any level.
fn section<'r>(readme: &'r str, heading: &str) -> &'r str {
    let start = readme
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading}"))
        + heading.len()
        + 2;
    let rest = &readme[start..];
    let mut at = 0;
    let mut fenced = false;
    for line in rest.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if !fenced && line.starts_with('#') {
            break;
        }
        at += line.len();
    }
    &rest[..at]
}

/// The fenced blocks of a language in `text`, each without its fences.
fn blocks(text: &str, language: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.split_inclusive('\n') {
        match current.as_mut() {
            None if line.trim_end() == format!("```{language}") => current = Some(String::new()),
            Some(_) if line.trim_end() == "```" => out.extend(current.take()),
            Some(block) => block.push_str(line),
            None => {}
        }
    }
    out
}

/// The commands of a console block (`$ vision-sched ARGS`, without the program's name) and what
/// each prints.
fn examples(block: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in block.split_inclusive('\n') {
        if let Some(command) = line.strip_prefix("$ vision-sched ") {
            out.push((command.trim_end().to_string(), String::new()));
        } else if let Some((_, printed)) = out.last_mut() {
            printed.push_str(line);
        }
    }
    out
}

/// A command line split into words as a POSIX shell splits plain words and double-quoted ones.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_with(String::new);
            }
            ' ' if !quoted => out.extend(word.take()),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(word);
    out
}

/// Each case in `tests/cmd/` is an example the README shows: its command line (`$ vision-sched
/// ARGS`, a trailing `# comment` allowed) is in the README, and the lines after it, up to the
/// next prompt or the end of the block, are the case's stdout, or its first lines then `...`.
#[test]
fn the_readme_shows_what_each_case_prints() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd"));
    let mut cases: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10, "{cases:?}");
    for case in cases {
        let toml = std::fs::read_to_string(&case).unwrap();
        let args = toml
            .lines()
            .find_map(|l| l.strip_prefix("args = \""))
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or_else(|| panic!("{}: no args", case.display()));
        let stdout = std::fs::read_to_string(case.with_extension("stdout")).unwrap();
        let prompt = format!("$ vision-sched {args}");
        let at = lines
            .iter()
            .position(|l| {
                *l == prompt
                    || l.strip_prefix(&prompt)
                        .is_some_and(|r| r.trim_start().starts_with('#'))
            })
            .unwrap_or_else(|| panic!("README has no `{prompt}`"));
        let shown: Vec<&str> = lines[at + 1..]
            .iter()
            .take_while(|l| !(**l == "$" || l.starts_with("$ ") || l.starts_with("```")))
            .copied()
            .collect();
        let printed: Vec<&str> = stdout.lines().collect();
        match shown.split_last() {
            Some((&"...", first)) => assert_eq!(first, &printed[..first.len()], "{prompt}"),
            _ => assert_eq!(shown, printed, "{prompt}"),
        }
    }
}
