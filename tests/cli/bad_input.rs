//! Bad input never panics, hangs or crashes: every malformed schedule and every bad argument ends
//! with exit 2 and a short message naming the file and the line, or works correctly.
//!
//! The corpus lives in `tests/bad_input/`, one schedule per file. Its first line says what to
//! expect, and an optional second line pins today:
//!
//! ```text
//! # expect 2 line 4: invalid date        (exit 2; stderr names `<file>:4:` and holds the text)
//! # expect 0                             (works: exit 0 on every command)
//! # today: 9999-12-30                    (default 2021-06-20)
//! ```
//!
//! A file that does not load is run once, through `status`, and its whole stderr must be
//! `NAME.stderr` beside it (`TRYCMD=overwrite cargo test` writes those files, as it does the
//! trycmd cases'). That every command reads a schedule through the one loader, and so fails
//! alike, is shown with one such file run through every command in [`COMMANDS`] (and the
//! commands that write). The files that load are run through every command; a new command is
//! one line there. Cases that cannot be committed as files (empty, huge, a folder) are built at
//! test time.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{bin, repo};

/// A command to run every schedule through, and what it does when it works.
struct Cmd {
    args: &'static [&'static str],
    /// Exit codes that mean it worked.
    ok: &'static [i32],
    /// Whether it may work and print nothing (a reminder with nothing to say).
    silent: bool,
}

const fn cmd(args: &'static [&'static str]) -> Cmd {
    Cmd {
        args,
        ok: &[0],
        silent: false,
    }
}

/// A command that prints nothing when there is nothing to say.
const fn quiet(args: &'static [&'static str]) -> Cmd {
    Cmd {
        args,
        ok: &[0],
        silent: true,
    }
}

/// A gate: exit 1 is a failed check, not a crash.
const fn gate(args: &'static [&'static str]) -> Cmd {
    Cmd {
        args,
        ok: &[0, 1],
        silent: true,
    }
}

/// Every command that reads the schedule, in every format; a new one is one line here.
const COMMANDS: &[Cmd] = &[
    cmd(&["status"]),
    cmd(&["status", "--format", "json"]),
    cmd(&["status", "--format", "markdown"]),
    cmd(&["upcoming"]),
    cmd(&["upcoming", "--format", "json", "--within", "36525d"]),
    cmd(&["upcoming", "--format", "markdown"]),
    cmd(&["overdue"]),
    cmd(&["overdue", "--format", "json"]),
    cmd(&["overdue", "--format", "markdown"]),
    cmd(&["phases"]),
    cmd(&["phases", "--format", "json"]),
    cmd(&["phases", "--format", "markdown"]),
    cmd(&["phases", "--explain"]),
    cmd(&["phases", "--explain", "--format", "markdown"]),
    quiet(&["remind", "--within", "36525d"]),
    gate(&["check", "--fail-within", "30d"]),
    gate(&["check", "--format", "json"]),
    gate(&["check", "--format", "github"]),
    cmd(&["render"]),
    cmd(&["render", "--slips"]),
    cmd(&["render", "--format", "mermaid"]),
    cmd(&["export", "ics"]),
    cmd(&["export", "svg"]),
    cmd(&["export", "badge"]),
    cmd(&[
        "export",
        "svg",
        "--from",
        "2000-01-01",
        "--to",
        "2049-12-31",
    ]),
    cmd(&["timeline"]),
    cmd(&["timeline", "--ascii"]),
];

/// `status`, for the cases that run one command.
const STATUS: Cmd = cmd(&["status"]);

const TODAY: &str = "2021-06-20";

fn corpus_dir() -> PathBuf {
    repo("tests/bad_input")
}

/// Runs the binary in `dir`, in the sandbox: no schedule, today, colour or width from the
/// environment, and config folders of its own, so the user's files play no part; a hang fails
/// at the sandbox's timeout instead of blocking the test run.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

/// What a case's output is checked for.
#[derive(Debug, Clone)]
enum Expect {
    /// Exit 0 (or the command's other success codes).
    Works,
    /// Exit 2; stderr names `file:line:` (when `line` is set) and contains `text`.
    Fails {
        file: String,
        line: Option<usize>,
        text: String,
    },
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The checks every run gets, whatever the case: no panic, no crash by a signal, no stack
/// overflow, and the outcome the case expects.
fn check(what: &str, out: &Output, expect: &Expect, c: &Cmd) {
    let stderr = text(&out.stderr);
    let stdout = text(&out.stdout);
    let shown = format!("{what}\n--- stdout:\n{stdout}\n--- stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "panic: {shown}");
    assert!(!stderr.contains("overflow"), "overflow: {shown}");
    let Some(code) = out.status.code() else {
        panic!("killed by a signal ({:?}): {shown}", out.status);
    };
    match expect {
        Expect::Works => {
            let ok = c.ok;
            assert!(ok.contains(&code), "exit {code}, wanted {ok:?}: {shown}");
            assert!(c.silent || !stdout.is_empty(), "no output: {shown}");
        }
        Expect::Fails { file, line, text } => {
            assert_eq!(code, 2, "exit code: {shown}");
            assert!(
                stdout.is_empty(),
                "an error prints nothing on stdout: {shown}"
            );
            assert!(stderr.starts_with("error: "), "{shown}");
            let place = match line {
                Some(n) => format!("{file}:{n}:"),
                None => file.clone(),
            };
            assert!(stderr.contains(&place), "names {place}: {shown}");
            assert!(stderr.contains(text.as_str()), "says {text:?}: {shown}");
            assert!(stderr.lines().count() <= 12, "fits one screen: {shown}");
            assert!(
                stderr.lines().all(|l| l.chars().count() <= 250),
                "no endless line: {shown}"
            );
        }
    }
}

/// The expectation and today written at the top of a corpus file.
fn header(path: &Path) -> (Expect, String) {
    let bytes = std::fs::read(path).unwrap();
    let head = text(&bytes);
    let mut lines = head.lines();
    let first = lines.next().unwrap_or_default();
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let rest = first
        .strip_prefix("# expect ")
        .unwrap_or_else(|| panic!("{file}: the first line must be `# expect ...`"));
    let expect = if rest.trim() == "0" {
        Expect::Works
    } else {
        let (head, text) = rest
            .split_once(": ")
            .unwrap_or_else(|| panic!("{file}: `# expect 2 line N: text`"));
        let line = head
            .strip_prefix("2 line ")
            .unwrap_or_else(|| panic!("{file}: `# expect 2 line N: text`"))
            .parse()
            .unwrap();
        Expect::Fails {
            file: file.clone(),
            line: Some(line),
            text: text.to_string(),
        }
    };
    let today = lines
        .next()
        .and_then(|l| l.strip_prefix("# today: "))
        .unwrap_or(TODAY)
        .to_string();
    (expect, today)
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

#[test]
fn corpus_holds_at_least_forty_cases() {
    let n = corpus_files().len();
    assert!(n >= 40, "only {n} corpus files");
}

/// `-f NAME --today DAY --color never` and `args`, in the corpus folder.
fn run_corpus(name: &str, today: &str, args: &[&str]) -> Output {
    let mut all = vec!["-f", name, "--today", today, "--color", "never"];
    all.extend(args);
    run_in(&corpus_dir(), &all)
}

/// True when the expected outputs are to be written rather than compared.
fn overwrite() -> bool {
    std::env::var_os("TRYCMD").is_some_and(|v| v == "overwrite")
}

#[test]
fn every_corpus_file_that_does_not_load_says_exactly_why() {
    let mut wrong = Vec::new();
    for path in corpus_files() {
        let (expect, today) = header(&path);
        if matches!(expect, Expect::Works) {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap();
        let out = run_corpus(name, &today, STATUS.args);
        check(name, &out, &expect, &STATUS);
        let stderr = text(&out.stderr);
        let file = path.with_extension("stderr");
        if overwrite() {
            std::fs::write(&file, &stderr).unwrap();
            continue;
        }
        match std::fs::read_to_string(&file) {
            Ok(want) if want == stderr => {}
            Ok(want) => wrong.push(format!("{name}:\n--- expected:\n{want}--- got:\n{stderr}")),
            Err(_) => wrong.push(format!("{name}: no {}", file.display())),
        }
    }
    // And no expected output is left without its schedule.
    for e in std::fs::read_dir(corpus_dir()).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "stderr") && !path.with_extension("toml").exists()
        {
            wrong.push(format!("{}: no schedule of that name", path.display()));
        }
    }
    assert!(
        wrong.is_empty(),
        "{}\n(`TRYCMD=overwrite cargo test` writes the expected stderr)",
        wrong.join("\n")
    );
}

#[test]
fn every_corpus_file_that_loads_works_on_every_command() {
    let mut loads = 0;
    for path in corpus_files() {
        let (expect, today) = header(&path);
        if !matches!(expect, Expect::Works) {
            continue;
        }
        loads += 1;
        let name = path.file_name().unwrap().to_str().unwrap();
        for c in COMMANDS {
            let out = run_corpus(name, &today, c.args);
            check(&format!("{name} {:?}", c.args), &out, &expect, c);
        }
    }
    assert!(loads >= 3, "only {loads} corpus files load");
}

/// The commands that write, on a file that does not load: they load it as every command does.
const WRITERS: &[&[&str]] = &[
    &["publish", "Release"],
    &["publish", "--through", "2021-06-20"],
    &["reschedule", "Release", "--to", "2021-07-01"],
    &["render", "--write", "README.md"],
];

/// Every command reads the schedule through the one loader: one file that does not load fails
/// each of them with exit 2, nothing on stdout and, on stderr, exactly what `status` says.
#[test]
fn every_command_refuses_a_schedule_that_does_not_load_alike() {
    let file = "relative-circle.toml";
    let want = std::fs::read_to_string(corpus_dir().join("relative-circle.stderr")).unwrap();
    // A copy, so a writer that went wrong could not change the corpus.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(corpus_dir().join(file), tmp.path().join(file)).unwrap();
    let commands = COMMANDS
        .iter()
        .map(|c| c.args)
        .chain(WRITERS.iter().copied());
    for args in commands {
        let mut all = vec!["-f", file, "--today", TODAY, "--color", "never"];
        all.extend(args);
        let out = run_in(tmp.path(), &all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(text(&out.stdout), "", "{args:?}");
        assert_eq!(text(&out.stderr), want, "{args:?}");
    }
}

fn fails(file: &str, line: Option<usize>, text: &str) -> Expect {
    Expect::Fails {
        file: file.into(),
        line,
        text: text.into(),
    }
}

/// Bad command lines on a good schedule: each exits 2 with a message about the argument.
#[test]
fn bad_arguments_exit_2_with_a_message() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("ok.toml"),
        "[[phase]]\nname = \"x\"\ndue = 2021-06-30\n",
    )
    .unwrap();
    std::fs::create_dir(dir.join("folder.toml")).unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["--today", "2021-02-30"], "`2021-02-30` is not a date"),
        (&["--today", "2021-13-01"], "is not a date"),
        (&["--today", "tomorrow"], "is not a date"),
        (&["--today", ""], "is not a date"),
        (&["--today", "2021-6-1"], "is not a date"),
        (&["--today", "20210620"], "is not a date"),
        (&["--today", "2021-06-20T10:00"], "is not a date"),
        (&["--today", "10000-01-01"], "is not a date"),
        (&["--today", "-2021-06-20"], "unexpected argument"),
        (&["status", "--within", "3x"], "is not a span of days"),
        (&["status", "--within", "-3d"], "unexpected argument"),
        (&["status", "--within", "1.5w"], "is not a span of days"),
        (&["status", "--within", ""], "is not a span of days"),
        (&["status", "--within", "36526d"], "too long"),
        (
            &["upcoming", "--within", "99999999999999999999d"],
            "too long",
        ),
        (&["upcoming", "--within", "5222w"], "too long"),
        (&["status", "--format", "xml"], "invalid value 'xml'"),
        (
            &["status", "--color", "sometimes"],
            "invalid value 'sometimes'",
        ),
        (&["phases", "--from", "2021-02-30"], "is not a date"),
        (
            &["phases", "--from", "2021-12-01", "--to", "2021-01-01"],
            "--to must be on or after --from",
        ),
        (&["stauts"], "unrecognized subcommand"),
        (&["overdue", "--within", "3d"], "unexpected argument"),
    ];
    for (args, want) in cases {
        let mut all = vec!["-f", "ok.toml"];
        if !args.contains(&"--today") {
            all.extend(["--today", TODAY]);
        }
        all.extend(*args);
        let out = run_in(dir, &all);
        check(&format!("{all:?}"), &out, &fails("", None, want), &STATUS);
    }

    // The same date and span checks apply to the environment variable.
    let out = bin()
        .args(["-f", "ok.toml", "status"])
        .current_dir(dir)
        .env("VISION_SCHED_TODAY", "2021-02-30")
        .output()
        .unwrap();
    check(
        "VISION_SCHED_TODAY=2021-02-30",
        &out,
        &fails("", None, "`2021-02-30` is not a date"),
        &STATUS,
    );
}

/// Paths that are not schedule files: missing, a folder, a device that never ends.
#[test]
fn paths_that_are_not_schedules() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("folder.toml")).unwrap();
    let cases: &[(&str, Expect)] = &[
        (
            "missing.toml",
            fails("missing.toml", None, "missing.toml: no such file"),
        ),
        (
            "no/such/dir/schedule.toml",
            fails("schedule.toml", None, "no such file"),
        ),
        (
            "folder.toml",
            fails("folder.toml", None, "holds no schedule"),
        ),
        ("/dev/zero", fails("/dev/zero", None, "too large")),
    ];
    // Through one command: every command reads its schedule alike (see
    // `every_command_refuses_a_schedule_that_does_not_load_alike`).
    for (path, expect) in cases {
        let out = run_in(dir, &["-f", path, "--today", TODAY, "status"]);
        check(path, &out, expect, &STATUS);
    }
}

/// Writes each file into a temp folder and runs `status` (table and JSON) on it.
fn run_files(cases: &[(&str, Vec<u8>, Expect)], commands: &[&[&str]]) {
    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes, expect) in cases {
        std::fs::write(tmp.path().join(name), bytes).unwrap();
        for c in commands {
            let mut args = vec!["-f", name, "--today", TODAY];
            args.extend(*c);
            let out = run_in(tmp.path(), &args);
            check(&format!("{name} {c:?}"), &out, expect, &STATUS);
        }
        std::fs::remove_file(tmp.path().join(name)).unwrap();
    }
}

#[test]
fn files_that_are_empty_or_not_text() {
    let ok = |_: &str| Expect::Works;
    // Issue 21, finding 1.1: an empty or truncated file names nothing to check, so it is refused
    // rather than passed as "nothing overdue".
    let empty = |file: &str| {
        fails(
            file,
            None,
            "has no [[phase]], no [[cadence]] and no `include`",
        )
    };
    let cases = vec![
        ("empty.toml", Vec::new(), empty("empty.toml")),
        ("blank.toml", b"\n\n   \n".to_vec(), empty("blank.toml")),
        (
            "comments.toml",
            b"# nothing yet\r\n".to_vec(),
            empty("comments.toml"),
        ),
        ("bom.toml", b"\xef\xbb\xbf".to_vec(), empty("bom.toml")),
        (
            "settings-only.toml",
            b"[document]\ntitle = \"Vision\"\n".to_vec(),
            empty("settings-only.toml"),
        ),
        (
            "bom-crlf.toml",
            b"\xef\xbb\xbf[[phase]]\r\nname = \"x\"\r\ndue = 2021-06-30\r\n".to_vec(),
            ok(""),
        ),
        (
            "bom-crlf-bad.toml",
            b"\xef\xbb\xbf[[phase]]\r\nname = \"x\"\r\ndue = 2021-02-30\r\n".to_vec(),
            fails("bom-crlf-bad.toml", Some(3), "invalid date"),
        ),
        (
            "utf16.toml",
            b"\xff\xfe[\x00[\x00p\x00h\x00a\x00s\x00e\x00]\x00]\x00".to_vec(),
            fails("utf16.toml", Some(1), "not UTF-8"),
        ),
        (
            "binary.toml",
            (0u8..=255).cycle().take(4096).collect(),
            fails("binary.toml", Some(2), "not UTF-8"),
        ),
        (
            "lone-cr.toml",
            b"[[phase]]\rname = \"x\"\rdue = 2021-06-30\r".to_vec(),
            fails("lone-cr.toml", Some(1), ""),
        ),
    ];
    run_files(&cases, &[&["status"], &["phases", "--format", "json"]]);
}

/// A deterministic stream of bytes, so a failure can be reproduced.
fn noise(len: usize, alphabet: &[u8]) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            alphabet[(x % alphabet.len() as u64) as usize]
        })
        .collect()
}

const DEEP: usize = 100_000;

#[test]
fn nesting_100_000_deep_is_refused_with_a_line() {
    let header = "[[phase]]\nname = \"x\"\ndue = 2021-06-30\n";
    let cases = vec![
        (
            "arrays.toml",
            format!("{header}note = {}{}\n", "[".repeat(DEEP), "]".repeat(DEEP)),
        ),
        (
            "inline-tables.toml",
            format!(
                "{header}note = {}1{}\n",
                "{a = ".repeat(DEEP),
                "}".repeat(DEEP)
            ),
        ),
        (
            "dotted-keys.toml",
            format!("{header}x{} = 1\n", ".x".repeat(DEEP)),
        ),
        (
            "dotted-header.toml",
            format!("{header}[x{}]\n", ".x".repeat(DEEP)),
        ),
        (
            "dotted-array-header.toml",
            format!("{header}[[x{}]]\n", ".x".repeat(DEEP)),
        ),
        (
            "unclosed-arrays.toml",
            format!("{header}note = {}\n", "[".repeat(DEEP)),
        ),
    ];
    let cases: Vec<_> = cases
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes(), fails(name, Some(4), "")))
        .collect();
    run_files(&cases, &[&["status"]]);
}

/// Megabytes of noise: more than a real schedule holds by far (100,000 phases are 6.4 MB), so a
/// pass that grew faster than the input would hang here (the sandbox's timeout).
#[test]
fn megabytes_of_noise() {
    let toml_ish = b"abc xyz=[]{}\"'\n 0123456789.,#-:TZ\\\t";
    let cases = vec![(
        "noise.toml",
        noise(8 << 20, toml_ish),
        fails("noise.toml", None, "noise.toml:"),
    )];
    run_files(&cases, &[&["status"]]);
}

#[test]
fn a_file_too_large_to_be_a_schedule() {
    let mut big = b"# padding\n".repeat(7 << 20);
    big.extend_from_slice(b"[[phase]]\nname = \"x\"\ndue = 2021-06-30\n");
    let cases = vec![(
        "huge.toml",
        big,
        fails("huge.toml", None, "too large for a schedule"),
    )];
    run_files(&cases, &[&["status"]]);
}

#[test]
fn a_100_000_character_name_and_note_work() {
    let name = "n".repeat(100_000);
    let note = "é".repeat(100_000);
    let text = format!("[[phase]]\nname = \"{name}\"\ndue = 2021-06-30\nnote = \"{note}\"\n");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("long.toml"), &text).unwrap();
    for c in COMMANDS {
        let mut args = vec!["-f", "long.toml", "--today", TODAY];
        args.extend(c.args);
        let out = run_in(tmp.path(), &args);
        check(&format!("long name {:?}", c.args), &out, &Expect::Works, c);
    }
    let out = run_in(
        tmp.path(),
        &[
            "-f",
            "long.toml",
            "--today",
            TODAY,
            "phases",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["phases"][0]["name"], name.as_str());
    assert_eq!(json["phases"][0]["note"], note.as_str());

    // A narrow terminal: the table shows the start of the name.
    for columns in ["20", "80"] {
        let out = bin()
            .args(["-f", "long.toml", "--today", TODAY, "status"])
            .current_dir(tmp.path())
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        check("long name, narrow", &out, &Expect::Works, &STATUS);
        assert!(out.stdout.len() < 20_000, "{} bytes", out.stdout.len());
    }

    // The same name twice: the error shows clipped lines, not 100,000 characters.
    let twice = format!("{text}[[phase]]\nname = \"{name}\"\ndue = 2021-07-30\n");
    std::fs::write(tmp.path().join("twice.toml"), twice).unwrap();
    let out = run_in(tmp.path(), &["-f", "twice.toml", "--today", TODAY]);
    check(
        "long duplicate",
        &out,
        &fails("twice.toml", Some(6), "duplicate phase name"),
        &STATUS,
    );
}

fn json_of(dir: &Path, today: &str, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["-f", "edges.toml", "--today", today];
    all.extend(args);
    let out = run_in(dir, &all);
    check(&format!("{all:?}"), &out, &Expect::Works, &STATUS);
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The calendar's first and last years, with today next to them and the longest horizon.
#[test]
fn years_0001_and_9999_work() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("edges.toml"),
        "[[phase]]\nname = \"first\"\nuntil = 0001-01-01\n\n\
         [[phase]]\nname = \"first due\"\ndue = 0001-01-02\n\n\
         [[phase]]\nname = \"last window\"\nstart = 9999-12-01\nend = 9999-12-31\n\n\
         [[phase]]\nname = \"last due\"\ndue = 9999-12-31\n",
    )
    .unwrap();
    let dir = tmp.path();
    let long = ["--format", "json", "--within", "36525d"];

    let v = json_of(dir, "0001-01-01", &[&["status"][..], &long].concat());
    assert_eq!(v["current"][0]["name"], "first");
    assert_eq!(v["upcoming"][0]["date"], "0001-01-01");
    assert_eq!(v["upcoming"][1]["date"], "0001-01-02");
    assert_eq!(v["overdue"], serde_json::json!([]));

    let v = json_of(dir, "9999-12-30", &[&["status"][..], &long].concat());
    assert_eq!(v["current"][0]["name"], "last window");
    assert_eq!(v["current"][0]["days_left"], 1);
    assert_eq!(v["upcoming"][0]["days_until"], 1);
    assert_eq!(v["overdue"][0]["name"], "first due");
    assert_eq!(v["overdue"][0]["days_overdue"], 3_652_056);

    // Nothing is left after the last day of 9999.
    let v = json_of(dir, "9999-12-31", &[&["upcoming"][..], &long].concat());
    assert_eq!(v["upcoming"].as_array().unwrap().len(), 2);
    let v = json_of(dir, "9999-12-31", &["phases", "--format", "json"]);
    assert_eq!(v["phases"][2]["state"], "current");

    // Far from every phase, the next one is still found.
    let v = json_of(dir, "0001-01-03", &["upcoming", "--format", "json"]);
    assert_eq!(v["upcoming"][0]["date"], "9999-12-01");
    assert_eq!(v["upcoming"][0]["days_until"], 3_652_026);
}

/// A cadence that never ends, asked about near the calendar's last day: nothing is dated after
/// 9999-12-31, in any format (regression: JSON showed `+10099-12-19`, ICS nine-digit dates).
#[test]
fn nothing_is_dated_after_9999() {
    let dir = corpus_dir();
    let file = "cadence-at-calendar-end.toml";
    for today in ["9999-12-20", "9999-12-31"] {
        let run = |args: &[&str]| {
            let mut all = vec!["-f", file, "--today", today];
            all.extend(args);
            let out = run_in(&dir, &all);
            check(&format!("{all:?}"), &out, &Expect::Works, &STATUS);
            text(&out.stdout)
        };
        let json = run(&["upcoming", "--within", "36525d", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let dates: Vec<&str> = v["upcoming"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["date"].as_str().unwrap())
            .collect();
        assert!(!dates.is_empty());
        let late = dates
            .iter()
            .find(|d| !(d.len() == 10 && d.starts_with("9999-12-")));
        assert!(late.is_none(), "{late:?} of {} dates", dates.len());
        let ics = run(&["export", "ics"]);
        for line in ics
            .lines()
            .filter(|l| l.starts_with("DTSTART") || l.starts_with("DUE"))
        {
            let value = line.rsplit(':').next().unwrap();
            assert!(value.len() == 8 && value.starts_with("9999"), "{line}");
        }
        for args in [&["phases"][..], &["status", "--within", "36525d"]] {
            let out = run(args);
            assert!(!out.contains("+10"), "{args:?}: a date after 9999");
        }
    }
}

/// An unknown name in a relative date lists the nearest names, the mistyped one's first.
#[test]
fn an_unknown_name_lists_the_nearest_names() {
    let out = run_in(
        &corpus_dir(),
        &[
            "status",
            "-f",
            "relative-unknown-name.toml",
            "--today",
            TODAY,
        ],
    );
    check(
        "relative-unknown-name",
        &out,
        &header(&corpus_dir().join("relative-unknown-name.toml")).0,
        &STATUS,
    );
    let stderr = text(&out.stderr);
    let listed: Vec<&str> = stderr
        .lines()
        .skip_while(|l| !l.contains("the nearest names:"))
        .skip(1)
        .map(|l| l.trim_start_matches("  =").trim())
        .collect();
    assert_eq!(listed, ["Code Freeze", "Docs Freeze"], "{stderr}");
}
