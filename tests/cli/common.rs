//! What every test of the built binary shares: the sandbox every run goes through, paths into
//! the repository, and the one date helper.
//!
//! Every run of `vision-sched` in this harness is built by [`bin`]. Its environment is cleared,
//! then only `PATH` (the parent's), `HOME`, `XDG_CONFIG_HOME`, `XDG_CACHE_HOME` and
//! `XDG_DATA_HOME` (temp folders of the run's own), `TZ=UTC` and [`WAITS`] are set, and it runs
//! in a temp folder. So nothing the developer's shell says (`NO_COLOR`, `COLUMNS`, `GITHUB_ACTIONS`,
//! `VISION_SCHED_FILE`, a config file that forces colour or a time zone, ...) reaches the binary:
//! a test that needs a variable sets it on the builder, and one that needs another folder says
//! so with [`Bin::current_dir`]. Every run has a timeout ([`TIMEOUT`] unless the test sets
//! another), so a hang fails its test instead of blocking the suite.
//!
//! The trycmd cases (`tests/cmd/`) get the same environment from [`Scratch::env`].

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use assert_cmd::assert::{Assert, OutputAssertExt};
use chrono::NaiveDate;

/// The binary under test.
pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_vision-sched");

/// The repository's root, where the bundled `schedule.toml` and `README.md` are.
pub(crate) const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// How long a run may take before it counts as a hang: far above what any case needs in a debug
/// build on a busy machine.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(60);

/// The program's internal variable for its fixed waits (`src/app/clock.rs`), and the short ones
/// every sandboxed run gets: a held lock is given up after 0.3 s without `--wait`, and a 429 or
/// a 5xx is tried again after 1 ms. The post timeout keeps its 10 s, so a loaded machine never
/// times out a webhook that answers; the test of the timeout sets a short one itself. The real
/// defaults are checked by the unit tests.
pub(crate) const WAITS_VAR: &str = "VISION_SCHED_TEST_WAITS";
pub(crate) const WAITS: &str = "lock=300ms,post-backoff=1ms";

/// Variables the program reads that a sandboxed run never inherits (nor any other).
pub(crate) const UNSET: &[&str] = &[
    "NO_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "COLUMNS",
    "GITHUB_ACTIONS",
    "VISION_SCHED_FILE",
    "VISION_SCHED_TODAY",
    "VISION_SCHED_WEBHOOK",
    "VISION_SCHED_MATRIX_TOKEN",
    "ALL_PROXY",
    "HTTPS_PROXY",
    "HTTP_PROXY",
    "SOURCE_DATE_EPOCH",
    "TERM",
];

/// The stdout of a run that exited 0 (its stderr shown when it did not).
pub(crate) fn ok(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// The stderr of a run refused with exit 2 and nothing on stdout.
pub(crate) fn fails(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// The stderr of a run that gave up for a reason outside its input (a lock held by another
/// program, a webhook out of reach): exit 3 and nothing on stdout.
pub(crate) fn gives_up(out: &Output) -> String {
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// The user's documentation as one text: the README, then each chapter of the guide
/// (`docs/guide/src/*.md`) in name order. Tests that keep a sample of output true find it here,
/// wherever the docs show it.
pub(crate) fn docs_text() -> String {
    let mut text = std::fs::read_to_string(repo("README.md")).expect("README.md");
    let mut chapters: Vec<PathBuf> = std::fs::read_dir(repo("docs/guide/src"))
        .expect("the guide")
        .map(|e| e.expect("a chapter").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    chapters.sort();
    for chapter in chapters {
        text.push('\n');
        text.push_str(&std::fs::read_to_string(&chapter).expect("a chapter"));
    }
    text
}

/// A path in the repository, from its root: `repo("tests/fixtures/gate/warn.toml")`.
pub(crate) fn repo(path: impl AsRef<Path>) -> PathBuf {
    Path::new(ROOT).join(path)
}

/// `y-m-d`: the one date helper of these tests (the unit tests have `dates::date`). No test of
/// the binary builds a date today; one that does uses this rather than a helper of its own.
#[allow(dead_code)]
pub(crate) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d} is not a date"))
}

/// The temp folders of one run: a home, the three XDG folders and a working folder.
pub(crate) struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    pub(crate) fn new() -> Scratch {
        let dir = tempfile::Builder::new()
            .prefix("vision-sched-test-")
            .tempdir()
            .expect("a temp folder");
        for sub in ["home", "config", "cache", "data", "work"] {
            std::fs::create_dir(dir.path().join(sub)).expect("a temp folder");
        }
        Scratch { dir }
    }

    pub(crate) fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// The working folder a run starts in unless its test says otherwise.
    pub(crate) fn work(&self) -> PathBuf {
        self.dir.path().join("work")
    }

    /// The whole environment of a sandboxed run: nothing else is passed on.
    pub(crate) fn env(&self) -> Vec<(&'static str, OsString)> {
        let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
        let at = |sub: &str| self.dir.path().join(sub).into_os_string();
        vec![
            ("PATH", path),
            ("HOME", at("home")),
            ("XDG_CONFIG_HOME", at("config")),
            ("XDG_CACHE_HOME", at("cache")),
            ("XDG_DATA_HOME", at("data")),
            ("TZ", "UTC".into()),
            (WAITS_VAR, WAITS.into()),
        ]
    }
}

/// A run of the binary in the sandbox, built like a `std::process::Command`.
pub(crate) struct Bin {
    program: OsString,
    args: Vec<OsString>,
    env: BTreeMap<OsString, OsString>,
    cwd: Option<PathBuf>,
    timeout: Duration,
    /// Bytes for standard input; none means an empty one.
    stdin: Option<Vec<u8>>,
    /// Shared with a spawned child, so its folders outlive the builder.
    scratch: Arc<Scratch>,
}

/// The binary under test, in a fresh sandbox.
pub(crate) fn bin() -> Bin {
    sandboxed(BIN)
}

/// Any program in the sandbox: the tests of the sandbox itself run `env` and `sleep`, those of
/// the mdBook preprocessor the real `mdbook`.
pub(crate) fn sandboxed(program: &str) -> Bin {
    let scratch = Scratch::new();
    let env = scratch
        .env()
        .into_iter()
        .map(|(k, v)| (OsString::from(k), v))
        .collect();
    Bin {
        program: program.into(),
        args: Vec::new(),
        env,
        cwd: None,
        timeout: TIMEOUT,
        stdin: None,
        scratch: Arc::new(scratch),
    }
}

/// A bash script in the sandbox, with the binary under test as `$BIN`: for what needs a shell,
/// such as a process substitution `<(...)`.
pub(crate) fn shell(script: &str) -> Bin {
    let mut b = sandboxed("bash");
    b.args(["-c", script]).env("BIN", BIN);
    b
}

impl Bin {
    pub(crate) fn arg(&mut self, arg: impl AsRef<OsStr>) -> &mut Bin {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub(crate) fn args<I, S>(&mut self, args: I) -> &mut Bin
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Sets a variable for this run (the sandbox's own ones too).
    pub(crate) fn env(&mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> &mut Bin {
        self.env
            .insert(key.as_ref().to_owned(), value.as_ref().to_owned());
        self
    }

    /// Leaves a variable unset, for instance one of the sandbox's own.
    pub(crate) fn env_remove(&mut self, key: impl AsRef<OsStr>) -> &mut Bin {
        self.env.remove(key.as_ref());
        self
    }

    /// Leaves every variable unset, `PATH` and the sandbox's own too (as `env -i` does).
    pub(crate) fn env_clear(&mut self) -> &mut Bin {
        self.env.clear();
        self
    }

    pub(crate) fn current_dir(&mut self, dir: impl AsRef<Path>) -> &mut Bin {
        self.cwd = Some(dir.as_ref().to_owned());
        self
    }

    /// Gives the run these bytes on its standard input.
    pub(crate) fn stdin(&mut self, bytes: impl Into<Vec<u8>>) -> &mut Bin {
        self.stdin = Some(bytes.into());
        self
    }

    pub(crate) fn timeout(&mut self, timeout: Duration) -> &mut Bin {
        self.timeout = timeout;
        self
    }

    /// The folders of this run.
    pub(crate) fn scratch(&self) -> &Scratch {
        &self.scratch
    }

    /// The run as a plain command: the environment cleared and set, the working folder chosen.
    fn command(&self) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.args)
            .env_clear()
            .envs(&self.env)
            .current_dir(self.cwd.clone().unwrap_or_else(|| self.scratch.work()));
        c
    }

    /// The command line, for messages.
    fn describe(&self) -> String {
        let name = Path::new(&self.program)
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let args: Vec<_> = self.args.iter().map(|a| a.to_string_lossy()).collect();
        format!("{name} {}", args.join(" "))
    }

    /// Runs to the end and gives its output; a run that outlives its timeout fails the test.
    pub(crate) fn output(&self) -> std::io::Result<Output> {
        let mut c = assert_cmd::Command::from_std(self.command());
        c.timeout(self.timeout);
        if let Some(bytes) = &self.stdin {
            c.write_stdin(bytes.clone());
        }
        let out = c.output()?;
        // assert_cmd kills a child that outlives the timeout.
        assert!(
            out.status.signal() != Some(9),
            "`{}` was killed: no answer within {:?} (a hang?)",
            self.describe(),
            self.timeout
        );
        Ok(out)
    }

    /// Runs to the end, for `assert_cmd`'s assertions.
    pub(crate) fn assert(&self) -> Assert {
        let out = self
            .output()
            .unwrap_or_else(|e| panic!("`{}` did not run: {e}", self.describe()));
        out.assert().append_context("command", self.describe())
    }

    /// Starts the run without waiting, with no standard input.
    pub(crate) fn spawn(&self, stdout: Stdio, stderr: Stdio) -> Running {
        let child = self
            .command()
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("`{}` did not start: {e}", self.describe()));
        Running {
            child,
            deadline: Instant::now() + self.timeout,
            what: self.describe(),
            _scratch: self.scratch.clone(),
        }
    }
}

/// A spawned run; waiting for it fails the test once its timeout has passed.
pub(crate) struct Running {
    pub child: Child,
    deadline: Instant,
    what: String,
    _scratch: Arc<Scratch>,
}

impl Running {
    pub(crate) fn wait_with_output(mut self) -> Output {
        fn read(mut from: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                from.read_to_end(&mut bytes).expect("the child's output");
                bytes
            })
        }
        let stdout = self.child.stdout.take().map(read);
        let stderr = self.child.stderr.take().map(read);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("the child's status") {
                break status;
            }
            if Instant::now() >= self.deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("`{}` was killed: no answer within its timeout", self.what);
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let join = |h: Option<std::thread::JoinHandle<Vec<u8>>>| {
            h.map(|h| h.join().expect("the reader")).unwrap_or_default()
        };
        Output {
            status,
            stdout: join(stdout),
            stderr: join(stderr),
        }
    }
}

#[test]
fn the_sandbox_hands_on_only_its_own_variables() {
    let run = sandboxed("env");
    let out = run.output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut names: Vec<&str> = text.lines().map(|l| l.split_once('=').unwrap().0).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "HOME",
            "PATH",
            "TZ",
            "VISION_SCHED_TEST_WAITS",
            "XDG_CACHE_HOME",
            "XDG_CONFIG_HOME",
            "XDG_DATA_HOME"
        ],
        "{text}"
    );
    assert!(text.lines().any(|l| l == "TZ=UTC"), "{text}");
    let home = run.scratch().home();
    assert!(
        text.lines()
            .any(|l| l == format!("HOME={}", home.display())),
        "{text}"
    );
    for name in UNSET {
        assert!(!names.contains(name), "{name}");
    }

    // A variable set or removed by a test, and the working folder.
    let mut run = sandboxed("env");
    run.env("COLUMNS", "20").env_remove("TZ");
    let text = String::from_utf8(run.output().unwrap().stdout).unwrap();
    assert!(
        text.contains("COLUMNS=20\n") && !text.contains("TZ="),
        "{text}"
    );
    let run = sandboxed("pwd");
    let cwd = String::from_utf8(run.output().unwrap().stdout).unwrap();
    assert_eq!(
        Path::new(cwd.trim_end()),
        std::fs::canonicalize(run.scratch().work()).unwrap()
    );
}

#[test]
#[should_panic(expected = "no answer within")]
fn a_hang_fails_instead_of_blocking() {
    let _ = sandboxed("sleep")
        .arg("30")
        .timeout(Duration::from_millis(200))
        .output();
}
