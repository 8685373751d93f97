//! The docs' examples: the README and the guide's chapters (`docs/guide/src/*.md`). Every
//! `console` example there whose command is `vision-sched ...` (after `NAME=value` variables,
//! if any) and that shows what it prints is run, one of two ways:
//!
//! - as a trycmd case in `tests/cmd/`: one `.toml` per command (its arguments, variables and exit
//!   code, run with `env.inherit = false`; a `.in/` folder when it needs files of its own, an
//!   `.out/` one when it writes some) and the `.stdout` and `.stderr` it must print, byte for
//!   byte. [`every_example_the_docs_show_is_run`] matches each example to its case by command
//!   line and compares what the docs show with what the case prints (all of it, or its first
//!   lines then `...`), and [`each_case_is_shown_in_the_docs`] keeps every case an example;
//! - the examples that edit the schedule (`publish`, `reschedule`) cannot run on the bundled file
//!   itself: [`the_docs_edits_print_what_they_say`] reads them out of the sections listed in
//!   [`EDITING`] and runs each section's in order on a copy of it.
//!
//! The cases get the sandbox's environment ([`Scratch::env`]: PATH, a temp HOME and XDG
//! folders, TZ=UTC, nothing else) and its timeout, like every other run of the binary here.
//! A new example is a case there and nothing here.
//!
//! The README is the guide's summary: [`the_readmes_blocks_are_the_guides`] keeps each of its
//! samples equal to the guide's, and [`every_schedule_the_guide_shows_loads`] loads the guide's
//! schedules.

use std::path::Path;

use crate::common::{BIN, ROOT, Scratch, TIMEOUT, bin, repo};

/// Where the guide's chapters are.
const GUIDE: &str = "docs/guide/src";

#[test]
fn the_docs_examples_print_what_they_say() {
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
const EDITING: [(&str, &str); 3] = [
    ("docs/guide/src/publish.md", "# Recording publications"),
    (
        "docs/guide/src/publish.md",
        "## Several at once, and catching up",
    ),
    ("docs/guide/src/reschedule.md", "# Moving a date"),
];

/// The examples of `publish` and `reschedule` in [`EDITING`], run in order on a copy of the
/// bundled schedule in a folder standing for `/home/me/vision`: each must print what the docs
/// say (standard output, then standard error), byte for byte.
#[test]
fn the_docs_edits_print_what_they_say() {
    let bundled = std::fs::read_to_string(repo("schedule.toml")).unwrap();
    for (doc, heading) in EDITING {
        let text = std::fs::read_to_string(repo(doc)).unwrap();
        let body = section(&text, heading);
        let home = tempfile::tempdir().unwrap();
        let folder = home.path().join("vision");
        std::fs::create_dir(&folder).unwrap();
        let folder = std::fs::canonicalize(&folder).unwrap();
        let mut schedule = bundled.clone();
        for block in blocks(body) {
            if block.info == "toml" && block.body.contains("[[phase]]") {
                schedule.push('\n');
                schedule.push_str(&block.body);
            }
        }
        std::fs::write(folder.join("schedule.toml"), &schedule).unwrap();
        let examples = examples(body);
        assert!(!examples.is_empty(), "{doc}: {heading} has no examples");
        for example in examples {
            assert!(example.env.is_empty(), "{doc}: {heading}: {}", example.args);
            let out = bin()
                .args(words(&example.args))
                .current_dir(&folder)
                .output()
                .unwrap();
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
            .replace(&folder.display().to_string(), "/home/me/vision");
            let shown: String = example.shown.iter().map(|l| format!("{l}\n")).collect();
            assert_eq!(
                printed, shown,
                "{doc}: {heading}: $ vision-sched {}",
                example.args
            );
        }
    }
}

/// Each example of a `console` block in the docs that shows output is a case of `tests/cmd/`
/// (its variables and arguments are the case's, and the docs show what the case prints), or
/// one of the editing examples run above.
#[test]
fn every_example_the_docs_show_is_run() {
    let cases = cases();
    let editing: Vec<(String, Example)> = EDITING
        .iter()
        .flat_map(|(doc, heading)| {
            let text = std::fs::read_to_string(repo(doc)).unwrap();
            examples(section(&text, heading))
                .into_iter()
                .map(|e| ((*doc).to_string(), e))
                .collect::<Vec<_>>()
        })
        .collect();
    let mut checked = 0;
    for (doc, text) in docs() {
        for example in examples(&text) {
            let at = format!("{doc}:{}: $ {}", example.line, example.command());
            let candidates: Vec<&Case> = cases.iter().filter(|c| c.runs(&example)).collect();
            if candidates.is_empty() {
                let edits = editing
                    .iter()
                    .any(|(d, e)| *d == doc && e.args == example.args && e.shown == example.shown);
                assert!(
                    edits || example.shown.is_empty(),
                    "{at}\nshows what it prints, but no case in tests/cmd/ runs it"
                );
                continue;
            }
            let printed: Vec<Vec<String>> = candidates.iter().map(|c| c.printed()).collect();
            assert!(
                printed.iter().any(|p| shows(&example.shown, p)),
                "{at}\nshows:\n{}\nbut {} prints:\n{}",
                example.shown.join("\n"),
                candidates[0].name,
                printed[0].join("\n")
            );
            checked += 1;
        }
    }
    assert!(checked >= cases.len(), "{checked} examples checked");
}

/// Every case of `tests/cmd/` is an example the docs show.
#[test]
fn each_case_is_shown_in_the_docs() {
    let examples: Vec<Example> = docs().iter().flat_map(|(_, t)| examples(t)).collect();
    let cases = cases();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    for case in cases {
        assert!(
            examples.iter().any(|e| case.runs(e)),
            "{}: no docs show `$ vision-sched {}`",
            case.name,
            case.args
        );
    }
}

/// The README is a summary of the guide: each sample it shows (a fenced block that is not a
/// console example, nor a block of its own page) is in the guide too, as a block or as what an
/// example prints.
#[test]
fn the_readmes_blocks_are_the_guides() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let guide = docs();
    let mut bodies: Vec<String> = Vec::new();
    for (_, text) in &guide[1..] {
        bodies.extend(blocks(text).into_iter().map(|b| b.body));
        bodies.extend(
            examples(text)
                .into_iter()
                .map(|e| e.shown.iter().map(|l| format!("{l}\n")).collect()),
        );
    }
    // The README's own page blocks, from each begin marker to its end marker.
    let mut page = Vec::new();
    for (begin, _) in readme.match_indices("\n<!-- vision-sched:begin") {
        let end = begin + readme[begin..].find("\n<!-- vision-sched:end -->").unwrap();
        page.push(begin..end);
    }
    assert_eq!(page.len(), 2, "the README's table and chart");
    let mut found = 0;
    for block in blocks(&readme) {
        if block.info == "console" || page.iter().any(|r| r.contains(&block.offset)) {
            continue;
        }
        assert!(
            bodies.contains(&block.body),
            "README.md:{}: this ```{} block is not in the guide:\n{}",
            block.line,
            block.info,
            block.body
        );
        found += 1;
    }
    assert!(found >= 4, "{found} blocks");
}

/// The starter the guide shows is what `init` writes (the case `init-2026-11-23`'s `.out`).
#[test]
fn the_guides_starter_is_what_init_writes() {
    let starter =
        std::fs::read_to_string(repo("tests/cmd/init-2026-11-23.out/schedule.toml")).unwrap();
    let chapter = std::fs::read_to_string(repo("docs/guide/src/getting-started.md")).unwrap();
    assert!(chapter.contains(&format!("```toml\n{starter}```\n")));
}

/// The parts of schedules the guide shows that do not load alone, each found by a line it
/// holds, and why.
const PARTS: [(&str, &str); 1] = [(
    "end = \"start of v22 Active LTS - 1d\"",
    "it names a phase not shown",
)];

/// Every schedule the guide shows loads (with England's bank holidays for the calendars it
/// names), but for the parts in [`PARTS`].
#[test]
fn every_schedule_the_guide_shows_loads() {
    let calendar = repo("tests/fixtures/working-days/england-and-wales.ics");
    let mut loaded = 0;
    let mut parts = 0;
    for (doc, text) in &docs()[1..] {
        for block in blocks(text) {
            // A `[document]` table alone is a part of a schedule, not one.
            let whole = ["[[phase]]", "[[cadence]]"]
                .iter()
                .any(|t| block.body.contains(t));
            if block.info != "toml" || !whole {
                continue;
            }
            let at = format!("{doc}:{}", block.line);
            if PARTS.iter().any(|(line, _)| block.body.contains(line)) {
                parts += 1;
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir(dir.path().join("holidays")).unwrap();
            for name in ["england-and-wales.ics", "holidays/uk.ics"] {
                std::fs::copy(&calendar, dir.path().join(name)).unwrap();
            }
            std::fs::write(dir.path().join("schedule.toml"), &block.body).unwrap();
            let out = bin()
                .args(["phases", "-f", "schedule.toml", "--today", "2021-06-20"])
                .current_dir(dir.path())
                .output()
                .unwrap();
            assert_eq!(
                out.status.code(),
                Some(0),
                "{at} does not load:\n{}\n{}",
                block.body,
                String::from_utf8_lossy(&out.stderr)
            );
            loaded += 1;
        }
    }
    assert_eq!(parts, PARTS.len(), "each part is still shown");
    assert!(loaded >= 10, "{loaded} schedules");
}

/// The README, then every chapter of the guide in file-name order, each as (path, text).
fn docs() -> Vec<(String, String)> {
    let mut out = vec![(
        "README.md".to_string(),
        std::fs::read_to_string(repo("README.md")).unwrap(),
    )];
    let mut chapters: Vec<_> = std::fs::read_dir(repo(GUIDE))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    chapters.sort();
    assert!(chapters.len() >= 20, "{chapters:?}");
    for path in chapters {
        let name = path.strip_prefix(ROOT).unwrap().display().to_string();
        out.push((name, std::fs::read_to_string(&path).unwrap()));
    }
    out
}

/// A case of `tests/cmd/`: its name, arguments and added variables.
struct Case {
    name: String,
    args: String,
    env: Vec<(String, String)>,
}

impl Case {
    /// Whether `example` is this case's command line.
    fn runs(&self, example: &Example) -> bool {
        self.args == example.args && self.env == example.env
    }

    /// What it prints: standard output, then standard error, line by line.
    fn printed(&self) -> Vec<String> {
        let dir = repo("tests/cmd");
        let read = |ext: &str| {
            std::fs::read_to_string(dir.join(format!("{}.{ext}", self.name))).unwrap_or_default()
        };
        format!("{}{}", read("stdout"), read("stderr"))
            .lines()
            .map(str::to_string)
            .collect()
    }
}

/// Every case of `tests/cmd/`, in name order.
fn cases() -> Vec<Case> {
    let mut paths: Vec<_> = std::fs::read_dir(repo("tests/cmd"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap();
            let toml: toml::Table = text.parse().unwrap();
            let args = toml["args"].as_str().unwrap().to_string();
            let mut env: Vec<(String, String)> = toml
                .get("env")
                .and_then(|e| e.get("add"))
                .and_then(|a| a.as_table())
                .map(|a| {
                    a.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                        .collect()
                })
                .unwrap_or_default();
            env.sort();
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            Case { name, args, env }
        })
        .collect()
}

/// Whether `shown` is what a command that prints `printed` prints: all of it, or its first lines
/// then `...`.
fn shows(shown: &[String], printed: &[String]) -> bool {
    match shown.split_last() {
        Some((last, first)) if last == "..." => printed.starts_with(first),
        _ => shown == printed,
    }
}

/// One `$ [NAME=value ...] vision-sched ARGS` line of a `console` block, and the lines after it up
/// to the next prompt or the end of the block.
#[derive(Debug)]
struct Example {
    /// The line of the prompt, from 1.
    line: usize,
    /// The variables set before the command, sorted.
    env: Vec<(String, String)>,
    /// The arguments, without a trailing `# comment`.
    args: String,
    shown: Vec<String>,
}

impl Example {
    fn command(&self) -> String {
        let env: String = self.env.iter().map(|(k, v)| format!("{k}={v} ")).collect();
        format!("{env}vision-sched {}", self.args)
    }
}

/// The `vision-sched` examples of the `console` blocks in `text`.
fn examples(text: &str) -> Vec<Example> {
    let mut out = Vec::new();
    for block in blocks(text) {
        if block.info != "console" {
            continue;
        }
        let lines: Vec<&str> = block.body.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let Some(mut command) = lines[i].strip_prefix("$ ").map(str::to_string) else {
                i += 1;
                continue;
            };
            let line = block.line + 1 + i;
            // A line ending in a backslash goes on on the next.
            while command.ends_with('\\') && i + 1 < lines.len() {
                command.pop();
                i += 1;
                command.push_str(lines[i].trim_start());
            }
            i += 1;
            let mut shown = Vec::new();
            while i < lines.len() && !(lines[i] == "$" || lines[i].starts_with("$ ")) {
                shown.push(lines[i].to_string());
                i += 1;
            }
            if let Some((env, args)) = vision_sched(&command) {
                out.push(Example {
                    line,
                    env,
                    args,
                    shown,
                });
            }
        }
    }
    out
}

/// The variables and arguments of a command line that runs `vision-sched`.
fn vision_sched(command: &str) -> Option<(Vec<(String, String)>, String)> {
    let mut env = Vec::new();
    let mut rest = command;
    loop {
        let (word, after) = rest.split_once(' ').unwrap_or((rest, ""));
        if word == "vision-sched" {
            let args = after.find(" #").map_or(after, |at| &after[..at]);
            env.sort();
            return Some((env, args.trim_end().to_string()));
        }
        let (name, value) = word.split_once('=')?;
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_uppercase() || b == b'_') {
            return None;
        }
        env.push((name.to_string(), value.to_string()));
        rest = after;
    }
}

/// A fenced block: its info string, its text without the fences and their indentation, the
/// line of its opening fence (from 1) and that line's byte offset.
struct Block {
    info: String,
    body: String,
    line: usize,
    offset: usize,
}

/// The fenced blocks of `text`, at any indentation (a list item's), nested ones inside theirs.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize, Block)> = None;
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        match open.as_mut() {
            None if trimmed.starts_with("```") => {
                let fence = trimmed.bytes().take_while(|&b| b == b'`').count();
                let block = Block {
                    info: trimmed[fence..].trim().to_string(),
                    body: String::new(),
                    line: n + 1,
                    offset,
                };
                open = Some(("`".repeat(fence), indent, block));
            }
            Some((fence, _, _)) if trimmed.trim_end() == fence.as_str() => {
                out.extend(open.take().map(|(_, _, b)| b));
            }
            Some((_, indent, block)) => {
                block.body.push_str(line.get(*indent..).unwrap_or("\n"));
            }
            None => {}
        }
        offset += line.len();
    }
    out
}

/// The text of the section under `heading`, up to the next heading of any level.
fn section<'t>(text: &'t str, heading: &str) -> &'t str {
    let start = if text.starts_with(&format!("{heading}\n")) {
        heading.len() + 1
    } else {
        text.find(&format!("\n{heading}\n"))
            .unwrap_or_else(|| panic!("no section {heading}"))
            + heading.len()
            + 2
    };
    let rest = &text[start..];
    let mut at = 0;
    let mut fence: Option<String> = None;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim();
        let ticks: String = trimmed.chars().take_while(|&c| c == '`').collect();
        match &fence {
            None if ticks.len() >= 3 => fence = Some(ticks),
            Some(open) if trimmed == open.as_str() => fence = None,
            None if line.starts_with('#') => break,
            _ => {}
        }
        at += line.len();
    }
    &rest[..at]
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
