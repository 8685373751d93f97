//! The README's examples, on the bundled schedule and the real ones of `tests/fixtures/real/`, as
//! trycmd cases in `tests/cmd/`: one `.toml` per command (its arguments, its exit code, run from
//! the repository's root with `env.inherit = false`) and the `.stdout` and `.stderr` it must
//! print, byte for byte. A second test checks that the README shows each case's command and
//! what it prints.
//!
//! The cases get the sandbox's environment ([`Scratch::env`]: PATH, a temp HOME and XDG
//! folders, TZ=UTC, nothing else) and its timeout, like every other run of the binary here.
//! A new example is three files there and nothing here.

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
