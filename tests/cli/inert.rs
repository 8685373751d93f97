//! Text from a schedule is inert: names, notes and URLs never reach a terminal or a CI log with
//! raw control characters (escape sequences, bell, carriage return, C1 controls, bidi overrides),
//! and no output line holds a command a CI log would run: GitHub Actions' `::command::` and
//! legacy `##[command]` (read by a port of the runner's two parsers, [`log_command`]), Azure
//! Pipelines' `##vso[...]`, `TeamCity`'s `##teamcity[...]` and Buildkite's group markers.
//!
//! Every command and format in [`COMMANDS`] runs on the fixtures in `tests/fixtures/inert/` named
//! `hostile*`, which must work; a new command or format is one line there. The others must fail
//! with a located error, and run through `status` alone: every command reads a schedule through
//! the one loader and fails alike (`bad_input::every_command_refuses_a_schedule_that_does_not_
//! load_alike`). Paths are inert too: every command runs on a schedule in folders whose names
//! hold an escape sequence and a workflow command ([`paths_are_inert`]).

use std::path::{Path, PathBuf};

use crate::common::{bin, repo};

/// Every command and format that prints schedule text, one line each.
const COMMANDS: &[&[&str]] = &[
    &["status"],
    &["status", "--format", "json"],
    &["upcoming", "--within", "36525d"],
    &["upcoming", "--within", "36525d", "--format", "json"],
    &["overdue"],
    &["overdue", "--format", "json"],
    &["phases"],
    &["phases", "--format", "json"],
    &["status", "--format", "markdown"],
    &["upcoming", "--within", "36525d", "--format", "markdown"],
    &["overdue", "--format", "markdown"],
    &["phases", "--format", "markdown"],
    &["remind", "--within", "36525d"],
    &["check", "--fail-within", "36525d"],
    &["check", "--fail-within", "36525d", "--format", "github"],
    &["check", "--fail-within", "36525d", "--format", "json"],
    &[
        "check",
        "--fail-within",
        "36525d",
        "--github-output",
        "/dev/stdout",
        "--github-summary",
        "/dev/stdout",
    ],
    // The year of every phase of the fixtures (a longer span draws a cadence's every cycle).
    &["render", "--from", "2021-01-01", "--to", "2021-12-31"],
    &[
        "render",
        "--format",
        "mermaid",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
    ],
    &["export", "svg"],
    &[
        "export",
        "svg",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
    ],
    &["export", "ics", "--todo", "--alarm", "7d"],
    &["export", "ics"],
    &["export", "badge"],
    &["timeline"],
    &["timeline", "--ascii"],
    &["timeline", "--from", "2021-01-01", "--to", "2021-12-31"],
    &[
        "phases",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
        "--format",
        "markdown",
    ],
];

/// How tables are drawn: with colour or not, and fitted to a width or not. Each is tried.
#[derive(Debug, Clone, Copy)]
struct Look {
    colour: bool,
    columns: Option<&'static str>,
}

const LOOKS: &[Look] = &[
    Look {
        colour: false,
        columns: None,
    },
    Look {
        colour: false,
        columns: Some("40"),
    },
    Look {
        colour: true,
        columns: Some("60"),
    },
];

const TODAY: &str = "2021-06-20";

fn fixtures() -> Vec<PathBuf> {
    let dir = repo("tests/fixtures/inert");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

fn run(file: &Path, args: &[&str], look: Look) -> Run {
    let color = if look.colour { "always" } else { "never" };
    let mut cmd = bin();
    cmd.arg("-f")
        .arg(file)
        .args(["--today", TODAY, "--color", color])
        .args(args);
    if let Some(n) = look.columns {
        cmd.env("COLUMNS", n);
    }
    let out = cmd.output().unwrap();
    Run {
        code: out.status.code(),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

/// Drops the colour codes the program itself writes (SGR: `ESC [ ... m`), so what is left
/// can only have come from the schedule.
fn without_sgr(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let end = bytes[i + 2..]
                .iter()
                .position(|b| !(b.is_ascii_digit() || *b == b';'))
                .map(|n| i + 2 + n);
            if let Some(end) = end.filter(|&e| bytes[e] == b'm') {
                i = end + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The command a CI log would read in `line`, if any. GitHub's runner tries its two parsers
/// (`src/Runner.Common/ActionCommand.cs` in actions/runner), ported here without the list of
/// registered commands, so any name counts:
/// - `TryParseV2`: the line, leading white space trimmed, starts with `::`, and a second `::`
///   ends the command's name and properties;
/// - `TryParse`: the first `##[` anywhere in the line, then a `]` after it.
///
/// Then the other systems a plain line can drive: Azure Pipelines' `##vso[` anywhere,
/// `TeamCity`'s `##teamcity[`, and Buildkite's `---`, `+++`, `~~~` and `^^^ +++` at a line's
/// start.
pub(crate) fn log_command(line: &str) -> Option<String> {
    let trimmed = line.trim_start();
    if let Some(rest) = trimmed.strip_prefix("::")
        && let Some(end) = rest.find("::")
    {
        let name = rest[..end].split(' ').next().unwrap_or("");
        if !name.is_empty() {
            return Some(format!("GitHub `::{name}::`"));
        }
    }
    if let Some(at) = line.find("##[")
        && let Some(close) = line[at..].find(']')
    {
        let info = &line[at + 3..at + close];
        let name = info.split(' ').next().unwrap_or("");
        if !name.is_empty() {
            return Some(format!("GitHub or Azure `##[{name}]`"));
        }
    }
    for prefix in ["##vso[", "##teamcity["] {
        if line.contains(prefix) {
            return Some(format!("`{prefix}`"));
        }
    }
    for marker in ["---", "+++", "~~~", "^^^"] {
        if trimmed.starts_with(marker) {
            return Some(format!("Buildkite `{marker}`"));
        }
    }
    None
}

/// Why `bytes` could act on a terminal or a CI log, if it could.
fn hazard(bytes: &[u8], colour: bool, annotations: bool) -> Option<String> {
    let bytes = if colour {
        without_sgr(bytes)
    } else {
        bytes.to_vec()
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Some("output is not UTF-8 (a raw C1 byte?)".into());
    };
    for (n, line) in text.lines().enumerate() {
        // Our own annotations (`--format github`) are the only workflow commands allowed; the
        // runner reads them with TryParseV2, so only the legacy form is looked for in them.
        let ours = annotations
            && (line.starts_with("::error file=") || line.starts_with("::warning file="));
        let command = if ours {
            log_command(&line.replacen("::", "", 1))
        } else {
            log_command(line)
        };
        if let Some(command) = command {
            return Some(format!(
                "line {} holds a log command, {command}: {line:?}",
                n + 1
            ));
        }
        for c in line.chars() {
            if (c.is_control() && c != '\t') || is_bidi_control(c) {
                return Some(format!("raw {c:?} on line {}: {line:?}", n + 1));
            }
        }
    }
    None
}

#[test]
fn schedule_text_never_reaches_the_output_raw() {
    let files = fixtures();
    assert!(files.len() >= 10, "fixtures: {files:?}");
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy();
        let works = name.starts_with("hostile");
        let commands = if works { COMMANDS } else { &[&["status"][..]] };
        for args in commands {
            for &look in LOOKS {
                let out = run(file, args, look);
                let what = format!("{name} {args:?} {look:?}");
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert!(!stderr.contains("panicked"), "{what}: {stderr}");
                match args[0] {
                    // A check that finds overdue milestones fails with 1.
                    "check" if works => {
                        assert!(matches!(out.code, Some(0 | 1)), "{what}: {stderr}");
                    }
                    _ if works => assert_eq!(out.code, Some(0), "{what}: {stderr}"),
                    _ => assert_eq!(out.code, Some(2), "{what}: an error expected"),
                }
                if let Some(why) = hazard(&out.stdout, look.colour, args.contains(&"github")) {
                    panic!("{what}: stdout: {why}");
                }
                if let Some(why) = hazard(&out.stderr, false, false) {
                    panic!("{what}: stderr: {why}");
                }
            }
        }
    }
}

const PLAIN: Look = Look {
    colour: false,
    columns: None,
};

fn hostile() -> PathBuf {
    repo("tests/fixtures/inert/hostile.toml")
}

/// Escaped is not lost: the JSON carries every character of the schedule's text exactly.
#[test]
fn json_escapes_but_keeps_the_text() {
    let out = run(&hostile(), &["phases", "--format", "json"], PLAIN);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let phase = |name: &str| {
        v["phases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == name)
            .unwrap_or_else(|| panic!("no phase {name:?} in {v}"))
            .clone()
    };
    let p = phase("::error::current window");
    assert_eq!(
        p["note"],
        "note \u{1b}[2J\u{1b}[H cleared\r::error::overwritten"
    );
    assert_eq!(p["url"], "https://example.com/\u{7}\u{9b}31m");
    let p = phase("\u{202e}evil\u{202c} upcoming");
    assert_eq!(p["note"], "line one\n::warning::injected\r\n::endgroup::");
    let p = phase("::set-output name=x::overdue \u{2066}isolate\u{2069}");
    assert_eq!(p["note"], "\u{85}next line \u{9b}6n \u{7f}");
    let p = phase("::add-mask::until window");
    assert_eq!(p["url"], "\u{9b}31m raw C1 \u{85} \u{202e} raw bidi");

    let text = String::from_utf8(out.stdout).unwrap();
    for escaped in [
        "\\u001b[2J",
        "\\u0007",
        "\\u009b31m",
        "\\r",
        "\\n",
        "\\u202e",
    ] {
        assert!(text.contains(escaped), "{escaped} in {text}");
    }
}

/// Tables show what was escaped, so a reader sees that the name holds something odd.
#[test]
fn tables_show_escapes_visibly() {
    let out = run(&hostile(), &["phases"], PLAIN);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("\\u{202e}evil\\u{202c} upcoming"), "{text}");
    assert!(text.contains("::error::current window"), "{text}");
    let out = run(&hostile(), &["status"], PLAIN);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("::set-output name=x::overdue \\u{2066}isolate\\u{2069}"));
}

/// Errors quote the file, and the quote is escaped too.
#[test]
fn errors_show_escapes_visibly() {
    let dir = repo("tests/fixtures/inert");
    let cases = [
        ("name-esc.toml", "name = \"\\u001b[31mred\\u001b[0m\""),
        (
            "raw-esc-in-comment.toml",
            "# \\u{1b}[31mred\\u{1b}[0m \\u{7} comment",
        ),
        (
            "unknown-key-esc.toml",
            "unknown field `\\u{1b}[31m::error::key`",
        ),
        (
            "timezone-esc.toml",
            "unknown time zone `\\u{1b}]0;title\\u{7}::error::zone`",
        ),
        ("name-raw-c1.toml", "\\u{9b}31mred"),
    ];
    for (file, want) in cases {
        let out = run(&dir.join(file), &["status"], PLAIN);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(want), "{file}: {want} in {stderr}");
    }
}

#[test]
fn the_hazard_check_itself_catches_each_kind() {
    let bad: &[&[u8]] = &[
        b"a\x1b[2Jb",
        b"bell\x07",
        b"over\rwrite",
        "c1 \u{9b}31m".as_bytes(),
        b"raw \x9b byte",
        "bidi \u{202e}".as_bytes(),
        b"ok\n::error::x",
        b"ok\n   ::warning::x",
        b"a ##[stop-commands]zz9 b",
        b"x ##vso[task.setvariable variable=a]b",
        b"##teamcity[message text='x']",
        b"--- group",
    ];
    for b in bad {
        assert!(
            hazard(b, false, false).is_some(),
            "{:?}",
            String::from_utf8_lossy(b)
        );
    }
    assert!(hazard(b"\x1b[1mbold\x1b[0m", true, false).is_none());
    assert!(hazard(b"\x1b[1mbold\x1b[0m", false, false).is_some());
    assert!(hazard(b"\x1b]0;title\x07", true, false).is_some());
    assert!(
        hazard(
            "ok: a::b, \\u{1b}\n  \"name\": \"::x\"".as_bytes(),
            false,
            false
        )
        .is_none()
    );
}

#[test]
fn only_our_own_annotations_may_start_a_workflow_command() {
    let ours = b"::error file=s.toml,line=3::`x` is 2 days overdue\n";
    assert!(hazard(ours, false, true).is_none());
    assert!(hazard(ours, false, false).is_some());
    assert!(hazard(b"::set-output name=x::y\n", false, true).is_some());
}

/// A folder name that would retitle a terminal and ring its bell, and start a workflow command.
const EVIL: &str = "\u{1b}]0;PWNED\u{7} ::error::dir";
/// How the program shows its escape sequence.
const EVIL_SHOWN: &str = "\\u{1b}]0;PWNED\\u{7}";

/// Every command, on files in folders with hostile names (issue 10, items 11 and 12): the paths
/// that reach the output (errors and their `-->` lines, `check`'s lines, `render`'s note, the
/// places tried) are inert, and no line starts a workflow command, not even a relative path
/// that begins with `::`.
#[test]
fn paths_are_inert() {
    let tmp = tempfile::tempdir().unwrap();
    let evil = tmp.path().join(EVIL);
    let actions = tmp.path().join("::error::x");
    for dir in [&evil, &actions] {
        std::fs::create_dir(dir).unwrap();
        std::fs::copy(repo("schedule.toml"), dir.join("good.toml")).unwrap();
        std::fs::write(
            dir.join("bad.toml"),
            "[[phase]]\nname = \"x\"\ndue = 2021-02-30\n",
        )
        .unwrap();
        std::fs::copy(repo("tests/fixtures/gate/doc.md"), dir.join("doc.md")).unwrap();
    }
    // The same folders by an absolute path, and by one relative to their parent.
    let variants = [
        (evil.clone(), tmp.path().to_path_buf()),
        (PathBuf::from(EVIL), tmp.path().to_path_buf()),
        (PathBuf::from("::error::x"), tmp.path().to_path_buf()),
    ];
    let check = |what: &str, out: &std::process::Output, shown: bool| {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
        let github = what.contains("github");
        if let Some(why) = hazard(&out.stdout, false, github) {
            panic!("{what}: stdout: {why}");
        }
        if let Some(why) = hazard(&out.stderr, false, false) {
            panic!("{what}: stderr: {why}");
        }
        if shown {
            let all = format!("{}{stderr}", String::from_utf8_lossy(&out.stdout));
            assert!(
                all.contains(EVIL_SHOWN),
                "{what}: the path, escaped, in {all}"
            );
        }
    };
    for (dir, cwd) in &variants {
        let evil_name = dir.ends_with(EVIL);
        // A fresh document each time: `render --write` below brings it up to date.
        std::fs::copy(
            repo("tests/fixtures/gate/doc.md"),
            cwd.join(dir).join("doc.md"),
        )
        .unwrap();
        let run = |args: &[&std::ffi::OsStr]| {
            bin()
                .current_dir(cwd)
                .args(["--today", "2021-04-01", "--color", "never"])
                .args(args)
                .output()
                .unwrap()
        };
        for file in ["good.toml", "bad.toml", "missing.toml"] {
            let path = dir.join(file);
            // A file that does not load fails every command alike: `status` stands for them.
            let commands = if file == "good.toml" {
                COMMANDS
            } else {
                &[&["status"][..]]
            };
            for args in commands {
                let mut all = vec![std::ffi::OsStr::new("-f"), path.as_os_str()];
                all.extend(args.iter().map(std::ffi::OsStr::new));
                let out = run(&all);
                let what = format!("{} {args:?}", path.display());
                if file == "good.toml" {
                    assert!(matches!(out.status.code(), Some(0 | 1)), "{what}");
                    // `check` names the schedule in its problem lines.
                    let names = args[0] == "check" && !args.contains(&"json");
                    check(&what, &out, evil_name && names);
                } else {
                    assert_eq!(out.status.code(), Some(2), "{what}");
                    check(&what, &out, evil_name);
                }
            }
        }
        // A stale document: its path and the suggested command, in every format.
        let schedule = dir.join("good.toml");
        let doc = dir.join("doc.md");
        for format in ["text", "github", "json"] {
            let out = run(&[
                "-f".as_ref(),
                schedule.as_os_str(),
                "check".as_ref(),
                "--format".as_ref(),
                format.as_ref(),
                "--doc".as_ref(),
                doc.as_os_str(),
            ]);
            assert_eq!(out.status.code(), Some(1));
            check(
                &format!("check --doc, {format}"),
                &out,
                evil_name && format == "text",
            );
        }
        // An up-to-date document: the passing line names it.
        let out = bin()
            .current_dir(cwd)
            .args(["--today", "2021-01-15", "-f"])
            .arg(&schedule)
            .args(["check", "--doc"])
            .arg(&doc)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        check("check --doc, passing", &out, evil_name);
        // render --write: the note on stderr names the document.
        let out = run(&[
            "-f".as_ref(),
            schedule.as_os_str(),
            "render".as_ref(),
            "--write".as_ref(),
            doc.as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(0));
        check("render --write", &out, evil_name);
        // A document with no markers, and one that is missing.
        let bare = dir.join("bad.toml");
        for args in [["render", "--write"], ["check", "--doc"]] {
            let out = run(&[
                "-f".as_ref(),
                schedule.as_os_str(),
                args[0].as_ref(),
                args[1].as_ref(),
                bare.as_os_str(),
            ]);
            assert_eq!(out.status.code(), Some(2));
            check(&format!("{args:?} without markers"), &out, evil_name);
        }
        // export -o into a folder that does not exist.
        let out = run(&[
            "-f".as_ref(),
            schedule.as_os_str(),
            "export".as_ref(),
            "ics".as_ref(),
            "-o".as_ref(),
            dir.join("nowhere/feed.ics").as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(2));
        check("export -o", &out, evil_name);
    }
    // No schedule found: the places tried name the current folder.
    let empty = evil.join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = bin().current_dir(&empty).arg("status").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    check("no schedule", &out, true);
}

/// Issue 10, items 11 and 12, for `publish` and `init`: no line they print (messages, errors,
/// nearest-name lists, the waiting line) starts a workflow command, and a path with an escape
/// sequence in a folder's name is shown escaped.
#[test]
fn publish_and_init_print_names_and_paths_inert() {
    use std::fs;
    let top = tempfile::tempdir().unwrap();
    let dir = top.path().join("\u{1b}]0;PWNED\u{7}");
    fs::create_dir(&dir).unwrap();
    let shown_dir = "\\u{1b}]0;PWNED\\u{7}";
    let path = dir.join("s.toml");
    let schedule = "[[phase]]\nname = \"::error file=x.yml,line=1::pwned\"\ndue = 2021-06-01\n\n\
                    [[phase]]\nname = \"::add-mask::secret\"\ndue = 2021-06-02\n\n\
                    [[phase]]\nname = \"::warning::window\"\nstart = 2021-06-01\nend = 2021-06-30\n\n\
                    [[phase]]\nname = \"\u{202e}evil\"\ndue = 2021-06-03\n";
    fs::write(&path, schedule).unwrap();

    let check = |args: &[&str], want: Option<i32>| -> String {
        let out = bin()
            .arg("-f")
            .arg(&path)
            .args(["--today", TODAY])
            .args(args)
            .output()
            .unwrap();
        let what = format!("{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if let Some(code) = want {
            assert_eq!(out.status.code(), Some(code), "{what}: {stderr}");
        }
        if let Some(why) = hazard(&out.stdout, false, false) {
            panic!("{what}: stdout: {why}");
        }
        if let Some(why) = hazard(&out.stderr, false, false) {
            panic!("{what}: stderr: {why}");
        }
        format!("{}{stderr}", String::from_utf8_lossy(&out.stdout))
    };
    let error = "::error file=x.yml,line=1::pwned";
    let said = check(&["publish", error], Some(0));
    assert!(
        said.starts_with("\\::error file=x.yml,line=1::pwned: recorded"),
        "{said}"
    );
    assert!(said.contains(shown_dir), "{said}");
    let said = check(&["publish", error], Some(0));
    assert!(
        said.contains("already recorded") && said.contains(shown_dir),
        "{said}"
    );
    check(&["publish", error, "--on", "2021-06-02"], Some(2));
    check(&["publish", "--undo", error], Some(0));
    let said = check(&["publish", "--undo", error], Some(0));
    assert!(said.contains("no publication is recorded"), "{said}");
    check(&["publish", "::add-mask::secret"], Some(0));
    let said = check(&["publish", "\u{202e}evil"], Some(0));
    assert!(said.starts_with("\\u{202e}evil: recorded"), "{said}");
    check(&["publish", "::warning::window"], Some(2));
    check(&["publish", "::"], Some(2));
    check(&["publish", "::nothing::like-it"], Some(2));
    check(&["publish", "window"], Some(2));

    // The waiting line and the refusals name the path.
    let held = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
        .unwrap();
    held.lock().unwrap();
    let said = check(&["publish", error, "--wait", "100ms"], Some(3));
    assert!(
        said.contains(&format!("waiting for the lock on {}", top.path().display())),
        "{said}"
    );
    assert!(said.contains(shown_dir), "{said}");
    drop(held);
    fs::hard_link(&path, dir.join("again.toml")).unwrap();
    check(&["publish", error], Some(2));
    fs::remove_file(dir.join("again.toml")).unwrap();
    fs::write(&path, "[[phase]]\nname = \"x\"\ndue = 2021-02-30\n").unwrap();
    let said = check(&["publish", "x"], Some(2));
    assert!(
        said.contains(&format!("--> {}", top.path().display())),
        "{said}"
    );

    // init: what it wrote, what already exists, a missing folder.
    let init = |target: &std::path::Path, code: i32| {
        let out = bin().arg("init").arg(target).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty());
        if let Some(why) = hazard(&out.stderr, false, false) {
            panic!("init {}: {why}", target.display());
        }
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(shown_dir), "{stderr}");
    };
    init(&dir.join("new.toml"), 0);
    init(&dir.join("new.toml"), 2);
    init(&dir.join("::error::x").join("s.toml"), 2);
    init(&dir.join("::warning::y.toml"), 0);
}

/// Pieces of hostile text: every log command form, control characters, bidi overrides and
/// zero-width characters, and the characters the escapes themselves use.
const PIECES: &[&str] = &[
    "##[",
    "##vso[",
    "##teamcity[",
    "::",
    "##",
    "[",
    "]",
    "error",
    "stop-commands",
    "warning",
    "add-mask",
    "group",
    "endgroup",
    "set-output name=x",
    " ",
    "---",
    "+++",
    "~~~",
    "^^^",
    "%",
    "%0A",
    ":",
    ",",
    ";",
    "\\",
    "\"",
    "`",
    "<",
    ">",
    "&",
    "*",
    "_",
    "|",
    "@here",
    "\u{202e}",
    "\u{2066}",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\u{2060}",
    "é",
    "漢",
    "\u{1b}[31m",
    "\u{7}",
    "\r",
    "\n",
    "\u{9b}",
    "\u{85}",
    "\t",
];

/// A TOML basic string holding `text` exactly.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text from `picks`, indices into [`PIECES`]; a name keeps no control character, which the
/// loader refuses in names, and is never blank.
fn hostile_text(picks: &[usize], name: bool) -> String {
    let text: String = picks
        .iter()
        .map(|&i| PIECES[i % PIECES.len()])
        .filter(|p| !(name && p.chars().any(char::is_control)))
        .collect();
    if name && text.trim().is_empty() {
        format!("x{text}")
    } else {
        text
    }
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 4,
        failure_persistence: None,
        // The same cases every run, so a failure in CI is one anyone can rerun.
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_1ae7),
        ..proptest::test_runner::Config::default()
    })]

    /// Generated hostile names, notes and URLs through every command and format, and through
    /// `publish`: no output line holds a log command (by the runner's own parsers, ported in
    /// [`log_command`]) or a raw control character.
    #[test]
    fn generated_hostile_text_is_inert_in_every_output(
        parts in proptest::collection::vec(proptest::collection::vec(0..PIECES.len(), 1..8), 12)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        let mut names: Vec<String> = Vec::new();
        let mut text = format!("[document]\ntitle = {}\n", toml_string(&hostile_text(&parts[0], false)));
        let kinds = ["due = 2021-06-01", "start = 2021-06-10\nend = 2021-06-30", "on = 2021-06-22", "due = 2021-07-01"];
        for (i, kind) in kinds.iter().enumerate() {
            let mut name = hostile_text(&parts[1 + 2 * i], true);
            while names.contains(&name) {
                name.push('x');
            }
            text.push_str(&format!(
                "\n[[phase]]\nname = {}\n{kind}\nnote = {}\nurl = {}\n",
                toml_string(&name),
                toml_string(&hostile_text(&parts[2 + 2 * i], false)),
                toml_string(&hostile_text(&parts[9 + i % 3], false)),
            ));
            names.push(name);
        }
        std::fs::write(&path, &text).unwrap();
        let publish: [&str; 4] = ["publish", "--dry-run", "--", names[0].as_str()];
        for args in COMMANDS.iter().copied().chain([&publish[..]]) {
            for &look in &LOOKS[..2] {
                let out = run(&path, args, look);
                let what = format!("{args:?} {look:?} on\n{text}");
                let stderr = String::from_utf8_lossy(&out.stderr);
                proptest::prop_assert!(matches!(out.code, Some(0 | 1)), "{what}: {stderr}");
                if let Some(why) = hazard(&out.stdout, look.colour, args.contains(&"github")) {
                    proptest::prop_assert!(false, "{what}: stdout: {why}");
                }
                if let Some(why) = hazard(&out.stderr, false, false) {
                    proptest::prop_assert!(false, "{what}: stderr: {why}");
                }
            }
        }
    }
}
