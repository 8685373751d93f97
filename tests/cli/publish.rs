//! `vision-sched publish` on real files through the built binary: every preservation point,
//! undo, names that do not resolve, windows, generated cycles and concurrent publishers; and
//! the faults of issue 10: the lock (in a 0300 folder, as another user, held by another
//! process), the last check before the rename, files it must not replace, undo's exactness and
//! the nearest-name lists.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{BIN, Bin, Scratch, TIMEOUT, bin, fails, gives_up, ok};

const FIXTURE: &str = repo!("tests/fixtures/cadence/publish.toml");

fn fixture() -> String {
    fs::read_to_string(FIXTURE).unwrap()
}

/// A folder holding `schedule.toml` with `text`.
fn setup(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("schedule.toml");
    fs::write(&path, text).unwrap();
    (dir, path)
}

fn cmd() -> Bin {
    let mut c = bin();
    c.env("NO_COLOR", "1");
    c
}

fn publish(path: &Path, today: &str, args: &[&str]) -> Output {
    cmd()
        .arg("publish")
        .args(args)
        .args(["--today", today, "-f"])
        .arg(path)
        .output()
        .unwrap()
}

fn lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

/// The one line `new` has that `old` has not, everything else in the same order.
fn added_line(old: &str, new: &str) -> String {
    let (a, b) = (lines(old), lines(new));
    assert_eq!(b.len(), a.len() + 1, "one more line:\n{new}");
    let at = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len());
    let mut rest = b.clone();
    let line = rest.remove(at).to_string();
    assert_eq!(a, rest, "only one line added");
    line
}

/// The one line that differs, before and after.
fn changed_line(old: &str, new: &str) -> (String, String) {
    let (a, b) = (lines(old), lines(new));
    assert_eq!(a.len(), b.len(), "{new}");
    let diff: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).collect();
    assert_eq!(diff.len(), 1, "exactly one line changed:\n{new}");
    (diff[0].0.to_string(), diff[0].1.to_string())
}

fn json(path: &Path, today: &str, command: &str) -> Value {
    let out = cmd()
        .args([command, "--format", "json", "--today", today, "-f"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&ok_bytes(out)).unwrap()
}

/// `phases --format json` from `from` to `to`.
fn json_between(path: &Path, today: &str, from: &str, to: &str) -> Value {
    let out = cmd()
        .args(["phases", "--format", "json", "--today", today])
        .args(["--from", from, "--to", to, "-f"])
        .arg(path)
        .output()
        .unwrap();
    serde_json::from_slice(&ok_bytes(out)).unwrap()
}

fn ok_bytes(out: Output) -> Vec<u8> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn adds_one_line_after_due_and_the_milestone_is_done() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let said = ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert!(
        said.contains("recorded as published on 2021-07-02 (2 days after its due date)"),
        "{said}"
    );
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(added_line(&text, &new), "done = 2021-07-02\n");
    assert!(new.contains("due = 2021-06-30     # \"June 30\"\ndone = 2021-07-02\nnote"));
    let overdue = json(&path, "2021-07-02", "overdue");
    let names: Vec<&str> = overdue["overdue"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["2021 Q1 revision published"]);
    // On the day before, it was still overdue: done counts from its own date.
    let before = json(&path, "2021-07-01", "overdue");
    assert_eq!(before["overdue"].as_array().unwrap().len(), 2);
}

#[test]
fn defaults_to_today_and_takes_an_early_date() {
    let (_dir, path) = setup(&fixture());
    ok(&publish(
        &path,
        "2021-03-31",
        &["2021 Q1 revision published"],
    ));
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("# \"March 31\"\ndone = 2021-03-31\n")
    );
    let said = ok(&publish(
        &path,
        "2021-06-29",
        &["2021 Q2 revision published", "--on", "2021-06-25"],
    ));
    assert!(said.contains("5 days early"), "{said}");
}

#[test]
fn replacing_a_date_keeps_the_comment_on_its_line() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2021-10-05",
        &["2021 Q3 revision published", "--on", "2021-10-02"],
    ));
    assert!(
        err.contains("already recorded as published on 2021-10-01") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text,
        "refused: unchanged"
    );

    ok(&publish(
        &path,
        "2021-10-05",
        &[
            "2021 Q3 revision published",
            "--on",
            "2021-10-02",
            "--force",
        ],
    ));
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(
        changed_line(&text, &new),
        (
            "done = 2021-10-01   # shipped a day late\n".to_string(),
            "done = 2021-10-02   # shipped a day late\n".to_string()
        )
    );
}

#[test]
fn the_same_date_again_changes_nothing() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let said = ok(&publish(
        &path,
        "2021-10-05",
        &["2021 Q3 revision published", "--on", "2021-10-01"],
    ));
    assert!(
        said.contains("already recorded as published on 2021-10-01"),
        "{said}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn crlf_line_endings_are_kept() {
    let text = fixture().replace('\n', "\r\n");
    let (_dir, path) = setup(&text);
    ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(added_line(&text, &new), "done = 2021-07-02\r\n");
    assert_eq!(
        new.matches('\n').count(),
        new.matches("\r\n").count(),
        "no bare LF"
    );
    ok(&publish(
        &path,
        "2022-03-31",
        &["2022 Q1 revision published"],
    ));
    let newer = fs::read_to_string(&path).unwrap();
    assert_eq!(
        added_line(&new, &newer),
        "done.\"2022 Q1 revision published\" = 2022-03-31\r\n"
    );
}

#[test]
fn a_byte_order_mark_is_kept() {
    let text = format!("\u{feff}{}", fixture());
    let (_dir, path) = setup(&text);
    ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    let new = fs::read(&path).unwrap();
    assert!(new.starts_with("\u{feff}[".as_bytes()) || new.starts_with("\u{feff}#".as_bytes()));
    let new = String::from_utf8(new).unwrap();
    assert_eq!(added_line(&text, &new), "done = 2021-07-02\n");
    ok(&publish(
        &path,
        "2021-07-02",
        &["--undo", "2021 Q2 revision published"],
    ));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        text,
        "undo gives back the same bytes"
    );
}

#[test]
fn the_files_mode_is_kept() {
    let (_dir, path) = setup(&fixture());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o640
    );
}

#[test]
fn a_symlinked_schedule_is_written_through_the_link() {
    let text = fixture();
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    fs::create_dir(&real_dir).unwrap();
    let real = real_dir.join("schedule.toml");
    fs::write(&real, &text).unwrap();
    let link = dir.path().join("linked.toml");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    ok(&publish(
        &link,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert_eq!(
        added_line(&text, &fs::read_to_string(&real).unwrap()),
        "done = 2021-07-02\n"
    );
    let left: Vec<_> = fs::read_dir(&real_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "no temp file left: {left:?}");
}

#[test]
fn undo_removes_the_record_and_only_it() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    let said = ok(&publish(
        &path,
        "2021-07-03",
        &["--undo", "2021 Q2 revision published"],
    ));
    assert!(said.contains("removed the recorded publication"), "{said}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let said = ok(&publish(
        &path,
        "2021-07-03",
        &["--undo", "2021 Q2 revision published"],
    ));
    assert!(said.contains("no publication is recorded"), "{said}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    // A hand-written `done` goes with its line (and the comment on it).
    ok(&publish(
        &path,
        "2021-10-05",
        &["--undo", "2021 Q3 revision published"],
    ));
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(
        added_line(&new, &text),
        "done = 2021-10-01   # shipped a day late\n"
    );
}

#[test]
fn generated_cycles_are_recorded_in_the_cadence() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let upcoming = |p: &Path| json(p, "2026-12-01", "upcoming")["upcoming"].clone();
    assert!(
        upcoming(&path)
            .to_string()
            .contains("2026 Q4 revision published")
    );

    ok(&publish(
        &path,
        "2026-12-11",
        &["2026 Q4 revision published"],
    ));
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(
        added_line(&text, &new),
        "done.\"2026 Q4 revision published\" = 2026-12-11\n"
    );
    assert!(new.contains("from = 2022-01-01   # first cycle\ndone.\"2026 Q4"));
    let phases = json(&path, "2026-12-11", "phases");
    let q4 = phases["phases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "2026 Q4 revision published")
        .unwrap()
        .clone();
    assert_eq!(
        (q4["done"].as_str(), q4["state"].as_str()),
        (Some("2026-12-11"), Some("done"))
    );

    // A second one goes after the first; a cycle far from today is found by its name.
    ok(&publish(
        &path,
        "2026-12-11",
        &["2023 Q2 revision published", "--on", "2023-07-03"],
    ));
    let newer = fs::read_to_string(&path).unwrap();
    assert_eq!(
        added_line(&new, &newer),
        "done.\"2023 Q2 revision published\" = 2023-07-03\n"
    );
    assert!(newer.contains("2026-12-11\ndone.\"2023 Q2"));
    let overdue = json(&path, "2026-12-12", "overdue").to_string();
    assert!(
        !overdue.contains("2023 Q2") && overdue.contains("2023 Q3"),
        "{overdue}"
    );

    ok(&publish(
        &path,
        "2026-12-12",
        &["--undo", "2026 Q4 revision published"],
    ));
    ok(&publish(
        &path,
        "2026-12-12",
        &["--undo", "2023 Q2 revision published"],
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_cadence_with_a_done_table_gets_one_more_entry() {
    let text = format!(
        "{}\n[cadence.done]\n\"2022 Q1 revision published\" = 2022-03-31\n",
        fixture()
    );
    let (_dir, path) = setup(&text);
    ok(&publish(
        &path,
        "2022-07-01",
        &["2022 Q2 revision published"],
    ));
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(
        added_line(&text, &new),
        "\"2022 Q2 revision published\" = 2022-07-01\n"
    );
    assert!(new.ends_with("2022-03-31\n\"2022 Q2 revision published\" = 2022-07-01\n"));
}

#[test]
fn unknown_names_list_the_nearest() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2026-11-23",
        &["2026 Q4 revison published"],
    ));
    assert!(
        err.contains("no milestone is named `2026 Q4 revison published`"),
        "{err}"
    );
    let first_hint = err.lines().nth(2).unwrap();
    assert!(
        first_hint.contains("2026 Q4 revision published (due 2026-12-11)"),
        "{err}"
    );
    let err = fails(&publish(&path, "2026-11-23", &["Launch"]));
    assert!(err.contains("the nearest names"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn ambiguous_names_list_the_candidates() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&publish(&path, "2026-11-23", &["Q2 revision"]));
    assert!(err.contains("`Q2 revision` is ambiguous"), "{err}");
    assert!(
        err.contains("2026 Q2 revision published (due 2026-06-30)"),
        "{err}"
    );
    assert!(
        err.contains("2021 Q2 revision published (due 2021-06-30)"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_full_name_in_other_letter_case_is_accepted() {
    let (_dir, path) = setup(&fixture());
    let said = ok(&publish(
        &path,
        "2026-12-11",
        &["2026 q4 REVISION published"],
    ));
    assert!(
        said.starts_with("2026 Q4 revision published: recorded"),
        "{said}"
    );
}

#[test]
fn windows_cannot_be_published() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2021-07-01",
        &["2021 Q2 revision process begins"],
    ));
    assert!(err.contains("is a window, not a milestone"), "{err}");
    let err = fails(&publish(
        &path,
        "2026-12-01",
        &["2026 Q4 revision process begins"],
    ));
    assert!(
        err.contains("did you mean `2026 Q4 revision published`"),
        "{err}"
    );
    let err = fails(&publish(&path, "2021-07-01", &["Drafting"]));
    assert!(err.contains("is a window"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_date_after_today_or_a_skipped_cycle_is_refused() {
    let text = fixture().replace(
        "from = 2022-01-01   # first cycle",
        "from = 2022-01-01   # first cycle\nskip = [\"2022 Q3 revision published\"]",
    );
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2021-07-01",
        &["2021 Q2 revision published", "--on", "2021-07-02"],
    ));
    assert!(err.contains("after today"), "{err}");
    let err = fails(&publish(
        &path,
        "2022-10-01",
        &["2022 Q3 revision published"],
    ));
    assert!(err.contains("is skipped"), "{err}");
    let err = fails(&publish(
        &path,
        "2030-01-01",
        &["2021 Q4 revision published"],
    ));
    assert!(
        err.contains("no milestone is named"),
        "the cadence starts in 2022: {err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_file_that_does_not_load_is_left_alone() {
    let text = fixture().replace("due = 2021-09-30", "due = 2021-09-31");
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert!(err.contains("schedule.toml:27:"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn concurrent_publishers_lose_nothing() {
    // Written milestones and generated cycles, published by separate processes at once.
    let names: Vec<String> = (1..=8)
        .map(|q| {
            format!(
                "{} Q{} revision published",
                2022 + (q - 1) / 4,
                (q - 1) % 4 + 1
            )
        })
        .chain([
            "2021 Q1 revision published".to_string(),
            "2021 Q2 revision published".to_string(),
        ])
        .collect();
    for round in 0..3 {
        let (dir, path) = setup(&fixture());
        let children: Vec<_> = names
            .iter()
            .map(|n| {
                // Each may wait for all the others: far longer than the sandbox's default.
                bin()
                    .args(["publish", n, "--today", "2026-01-01", "--wait", "50s", "-f"])
                    .arg(&path)
                    .spawn(Stdio::null(), Stdio::piped())
            })
            .collect();
        for child in children {
            let out = child.wait_with_output();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(
            lines(&text).len(),
            lines(&fixture()).len() + names.len(),
            "round {round}:\n{text}"
        );
        // Every one is done on the day, as the built binary reads the file back.
        let phases = json_between(&path, "2026-01-01", "0001-01-01", "2026-01-01");
        let all = phases["phases"].as_array().unwrap();
        for n in &names {
            let p = all.iter().find(|p| p["name"] == n.as_str()).unwrap();
            assert_eq!(p["state"], "done", "round {round}: {n} lost\n{text}");
        }
        let left = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(left, 1, "no temp files left");
    }
}

/// Found by fuzzing the publish round trip: two cadences that generate the same name. Once
/// publish refused the name as ambiguous; now the file does not load, naming both (a name two
/// phases share is refused when the file loads), and publish writes nothing.
#[test]
fn a_name_two_cadences_generate_is_refused_as_ambiguous() {
    let cadence = "[[cadence]]\nevery = \"6 weeks\"\nfrom = 2015-06-25\n\n[[cadence.phase]]\nname = \"Rust 1.{n}.0\"\ndue = \"first day\"\n\n";
    let text = format!("{cadence}{cadence}");
    let (_dir, path) = setup(&text);
    let err = fails(&publish(&path, "2015-09-01", &["Rust 1.2.0"]));
    assert!(err.contains("would be generated twice"), "{err}");
    assert!(err.contains("line 6") && err.contains("line 14"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

// ---------------------------------------------------------------------------------------------
// Trust under faults (issue 10): the lock, the last check, refusals, undo, names.

/// A run of the built binary under another program (`setpriv` to run as another user,
/// `strace` to slow a system call down), in the sandbox's environment ([`Scratch::env`]) and
/// working folder, with its timeout: [`Bin`] runs the binary itself only.
pub(crate) struct Wrapped {
    scratch: Scratch,
    wrapper: Vec<String>,
    args: Vec<std::ffi::OsString>,
}

impl Wrapped {
    pub(crate) fn new(wrapper: &[&str]) -> Wrapped {
        Wrapped {
            scratch: Scratch::new(),
            wrapper: wrapper.iter().map(ToString::to_string).collect(),
            args: Vec::new(),
        }
    }

    pub(crate) fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Wrapped {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub(crate) fn args<S: AsRef<std::ffi::OsStr>>(
        mut self,
        args: impl IntoIterator<Item = S>,
    ) -> Wrapped {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    fn command(&self) -> std::process::Command {
        let mut c = std::process::Command::new(&self.wrapper[0]);
        c.args(&self.wrapper[1..])
            .arg(BIN)
            .args(&self.args)
            .env_clear()
            .envs(self.scratch.env())
            .current_dir(self.scratch.work())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    pub(crate) fn spawn(&self) -> std::process::Child {
        self.command().spawn().expect("the wrapper starts")
    }

    pub(crate) fn output(&self) -> Output {
        assert_cmd::Command::from_std(self.command())
            .timeout(TIMEOUT)
            .output()
            .expect("the wrapper runs")
    }
}

/// Waits for a spawned child, killing it (and failing) after [`TIMEOUT`].
pub(crate) fn finish(mut child: std::process::Child) -> Output {
    let deadline = Instant::now() + TIMEOUT;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("no answer within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

/// The user the tests run as is root (as in this project's CI): some tests need it.
pub(crate) fn running_as_root() -> bool {
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

/// `setpriv` to the unprivileged uid and gid 65534 (nobody, nogroup), when it can run the
/// built binary here; `None` (and the test skips) otherwise.
pub(crate) fn as_nobody() -> Option<Vec<&'static str>> {
    let wrapper = vec![
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
    ];
    if !running_as_root() {
        eprintln!("skipped: only root can run a test as another user");
        return None;
    }
    let ok = std::panic::catch_unwind(|| Wrapped::new(&wrapper).arg("--version").output())
        .is_ok_and(|o| o.status.success());
    if ok {
        Some(wrapper)
    } else {
        eprintln!("skipped: setpriv cannot run the binary as uid 65534 here");
        None
    }
}

/// `strace` that stops the binary (SIGSTOP) at its first fsync, when ptrace works here: the
/// temp file of an atomic write is then written and the binary waits, however long the test
/// takes, until [`resume`] lets it go on. No clock decides who goes first.
pub(crate) fn stop_at_first_fsync() -> Option<Vec<&'static str>> {
    let probe = std::process::Command::new("strace")
        .args(["-f", "-o", "/dev/null", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("skipped: strace cannot trace here");
        return None;
    }
    Some(vec![
        "strace",
        "-f",
        "-o",
        "/dev/null",
        "-e",
        "inject=fsync:signal=SIGSTOP:when=1",
    ])
}

/// Lets the binary that `strace` (`tracer`) runs go on after [`stop_at_first_fsync`], and waits
/// for the end. SIGCONT is sent until it ends, so a stop that lands after the first SIGCONT is
/// ended too.
pub(crate) fn resume(mut tracer: std::process::Child) -> Output {
    let children = format!("/proc/{0}/task/{0}/children", tracer.id());
    let deadline = Instant::now() + TIMEOUT;
    while tracer.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = tracer.kill();
            panic!("no answer within {TIMEOUT:?}");
        }
        let pids = fs::read_to_string(&children).unwrap_or_default();
        for pid in pids.split_whitespace() {
            let _ = std::process::Command::new("kill")
                .args(["-CONT", pid])
                .status();
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    tracer.wait_with_output().unwrap()
}

/// Polls `done` until it is true or [`TIMEOUT`] has passed; says which.
pub(crate) fn until(mut done: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + TIMEOUT;
    while Instant::now() < deadline {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

/// True when `dir` holds a temp file of an atomic write (`.NAME.PID.N.tmp`).
pub(crate) fn has_temp_file(dir: &Path) -> bool {
    fs::read_dir(dir).unwrap().any(|e| {
        let path = e.unwrap().path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        hidden && path.extension().is_some_and(|x| x == "tmp")
    })
}

/// `n` written milestones `m1` ... `mN`, all due on 2021-06-30.
fn milestones(n: usize) -> String {
    (1..=n)
        .map(|i| format!("[[phase]]\nname = \"m{i}\"\ndue = 2021-06-30\n\n"))
        .collect()
}

/// Every one of `m1` ... `mN` is done on 2021-06-25, as the built binary reads the file back.
fn all_done(path: &Path, n: usize) {
    let text = fs::read_to_string(path).unwrap();
    assert_eq!(
        text.matches("done = 2021-06-25\n").count(),
        n,
        "every line is there:\n{text}"
    );
    let phases = json(path, "2021-06-30", "phases");
    for i in 1..=n {
        let p = phases["phases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == format!("m{i}"))
            .unwrap()
            .clone();
        assert_eq!(p["state"], "done", "m{i} lost:\n{text}");
    }
}

fn publishers_in(dir: &Path) {
    const N: usize = 24;
    let path = dir.join("s.toml");
    fs::write(&path, milestones(N)).unwrap();
    let children: Vec<_> = (1..=N)
        .map(|i| {
            bin()
                .args(["publish", &format!("m{i}"), "--on", "2021-06-25"])
                .args(["--today", "2021-06-30", "--wait", "50s", "-f"])
                .arg(&path)
                .spawn(Stdio::piped(), Stdio::piped())
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output();
        let said = ok(&out);
        assert!(said.starts_with(&format!("m{}: recorded", i + 1)), "{said}");
    }
    all_done(&path, N);
    assert_eq!(fs::read_dir(dir).unwrap().count(), 1, "no other file left");
}

/// Issue 10, item 1: 24 publishers of 24 milestones at once all record, in an ordinary folder
/// and in one with mode 0300 (no read permission: locking the folder could not work there).
#[test]
fn parallel_publishers_of_different_milestones_all_record() {
    let dir = tempfile::tempdir().unwrap();
    publishers_in(dir.path());
    let dir = tempfile::tempdir().unwrap();
    let locked_out = dir.path().join("d");
    fs::create_dir(&locked_out).unwrap();
    fs::set_permissions(&locked_out, fs::Permissions::from_mode(0o300)).unwrap();
    publishers_in(&locked_out);
    fs::set_permissions(&locked_out, fs::Permissions::from_mode(0o700)).unwrap();
}

/// Issue 10, item 1, as the issue found it: an unprivileged user, for whom a 0300 folder really
/// cannot be opened. Skips where it cannot run as another user.
#[test]
fn parallel_publishers_as_an_unprivileged_user_in_a_0300_folder() {
    let Some(nobody) = as_nobody() else { return };
    const N: usize = 20;
    let top = tempfile::tempdir().unwrap();
    fs::set_permissions(top.path(), fs::Permissions::from_mode(0o711)).unwrap();
    let dir = top.path().join("d");
    fs::create_dir(&dir).unwrap();
    let path = dir.join("s.toml");
    fs::write(&path, milestones(N)).unwrap();
    for p in [&dir, &path] {
        std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
    }
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o300)).unwrap();
    let children: Vec<_> = (1..=N)
        .map(|i| {
            Wrapped::new(&nobody)
                .args(["publish", &format!("m{i}"), "--on", "2021-06-25"])
                .args(["--today", "2021-06-30", "--wait", "50s", "-f"])
                .arg(&path)
                .spawn()
        })
        .collect();
    for child in children {
        let out = finish(child);
        let said = ok(&out);
        assert!(said.contains("recorded"), "{said}");
    }
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
    all_done(&path, N);
    let meta = fs::metadata(&path).unwrap();
    assert_eq!(
        (meta.uid(), meta.gid()),
        (65534, 65534),
        "still nobody's file"
    );
}

/// Holds an exclusive lock on `path` from this test process (another process than the
/// binary's), as another publisher would, until the returned file is dropped.
fn hold_lock(path: &Path) -> fs::File {
    let f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(path)
        .unwrap();
    f.lock().unwrap();
    f
}

/// Issue 10, item 3: a held lock is waited for with one line saying for whom, then given up
/// with exit 3 after `--wait` (10 s unless told: a unit test of `app::clock` checks that
/// default; here the sandbox makes it 0.3 s), and nothing is written.
#[test]
fn a_held_lock_is_waited_for_then_given_up() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let held = hold_lock(&path);
    let me = std::process::id();

    let started = Instant::now();
    let out = publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published", "--wait", "200ms"],
    );
    let waited = started.elapsed();
    let err = gives_up(&out);
    // It waited (a lower bound: a busy machine only makes it later).
    assert!(waited >= Duration::from_millis(200), "{waited:?}");
    let waiting: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("waiting for the lock on "))
        .collect();
    assert_eq!(waiting.len(), 1, "said once: {err}");
    assert!(
        waiting[0].contains(&format!("held by process {me} ("))
            && waiting[0].contains("(giving up after 0.2 s)"),
        "{err}"
    );
    assert!(
        err.contains(&format!("is still locked by process {me}"))
            && err.contains("after 0.2 s; nothing was written")
            && err.contains("--wait"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    // --wait 0s gives up at once, without a waiting line.
    let err = gives_up(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published", "--wait", "0s"],
    ));
    assert!(!err.contains("waiting"), "{err}");
    assert!(err.contains(&format!("is locked by process {me}")), "{err}");

    // Without --wait, the default wait.
    let err = gives_up(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert!(
        err.contains("(giving up after 0.3 s)") && err.contains("after 0.3 s; nothing was written"),
        "{err}"
    );
    drop(held);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    let err = fails(&publish(&path, "2021-07-02", &["x", "--wait", "soon"]));
    assert!(err.contains("`soon` is not a time to wait"), "{err}");
}

/// Issue 10, item 3: a lock released while publish waits: it records, having said once that
/// it waited; and a lock taken by `flock(1)` is named after it.
#[test]
fn a_lock_released_meanwhile_lets_publish_record() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let held = hold_lock(&path);
    // Its stderr goes to a file, so the test sees the waiting line while publish waits.
    let log = tempfile::NamedTempFile::new().unwrap();
    let run = cmd()
        .args([
            "publish",
            "2021 Q2 revision published",
            "--today",
            "2021-07-02",
            "--wait",
            "50s",
            "-f",
        ])
        .arg(&path)
        .spawn(Stdio::piped(), Stdio::from(log.reopen().unwrap()));
    let said_waiting =
        until(|| fs::read_to_string(log.path()).is_ok_and(|e| e.contains("waiting for the lock")));
    assert!(said_waiting, "publish did not say it waits");
    std::thread::sleep(Duration::from_millis(200));
    drop(held);
    let out = run.wait_with_output();
    let said = ok(&out);
    assert!(
        said.contains("recorded as published on 2021-07-02"),
        "{said}"
    );
    let err = fs::read_to_string(log.path()).unwrap();
    assert_eq!(err.matches("waiting for the lock").count(), 1, "{err}");
    assert_eq!(
        added_line(&text, &fs::read_to_string(&path).unwrap()),
        "done = 2021-07-02\n"
    );

    let flock = std::process::Command::new("flock")
        .arg(&path)
        .args(["sleep", "30"])
        .spawn();
    let Ok(mut flock) = flock else {
        eprintln!("skipped the flock(1) part: no flock here");
        return;
    };
    // Until flock has its lock, publish takes it itself: undo and publish in turn until one
    // finds it held.
    let deadline = Instant::now() + TIMEOUT;
    let err = 'held: loop {
        for args in [
            &["--undo", "2021 Q2 revision published", "--wait", "0s"][..],
            &["2021 Q2 revision published", "--wait", "0s"],
        ] {
            let out = publish(&path, "2021-07-02", args);
            if out.status.code() == Some(3) || Instant::now() > deadline {
                break 'held gives_up(&out);
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let _ = flock.kill();
    let _ = flock.wait();
    assert!(
        err.contains("is locked by process") && err.contains("(flock)"),
        "{err}"
    );
}

/// Issue 10, item 2: the comparison with what was read comes after the temp file is written
/// and fsynced, right before the rename. With publish stopped at that fsync, a line appended
/// meanwhile is kept, and publish writes nothing. Skips where strace cannot run.
#[test]
fn an_edit_while_the_temp_file_syncs_is_not_lost() {
    let Some(strace) = stop_at_first_fsync() else {
        return;
    };
    let text = fixture();
    let (dir, path) = setup(&text);
    let child = Wrapped::new(&strace)
        .args([
            "publish",
            "2021 Q2 revision published",
            "--today",
            "2021-07-02",
            "-f",
        ])
        .arg(&path)
        .spawn();
    // Once the temp file exists, publish has read the file; it stops at the fsync.
    assert!(until(|| has_temp_file(dir.path())), "no temp file appeared");
    let mut f = fs::OpenOptions::new().append(true).open(&path).unwrap();
    std::io::Write::write_all(&mut f, b"# appended by another program\n").unwrap();
    drop(f);
    let out = resume(child);
    let err = fails(&out);
    assert!(err.contains("changed while publishing"), "{err}");
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("{text}# appended by another program\n")
    );
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp file left"
    );
}

/// Issue 10, item 8: a file whose owner may not write it is refused, even as root.
#[test]
fn a_read_only_schedule_is_refused() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let err = fails(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert!(
        err.contains("is read-only (mode 0444)") && err.contains("chmod u+w"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o444
    );
}

/// Issue 10, item 8: a file with several hard links is refused, saying why; both names keep
/// the same file.
#[test]
fn a_schedule_with_hard_links_is_refused() {
    let text = fixture();
    let (dir, path) = setup(&text);
    let other = dir.path().join("other-name.toml");
    fs::hard_link(&path, &other).unwrap();
    let err = fails(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    assert!(
        err.contains("has 2 hard links") && err.contains("split it from the others"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        fs::metadata(&other).unwrap().ino(),
        fs::metadata(&path).unwrap().ino()
    );
}

/// Issue 10, item 8: run as root on another user's file, publish keeps its owner and group;
/// run as a user who cannot give the new file the old one's owner, it refuses.
#[test]
fn the_owner_and_group_are_kept_or_the_edit_refused() {
    if !running_as_root() {
        eprintln!("skipped: only root can give a file to another user");
        return;
    }
    let text = fixture();
    let (_dir, path) = setup(&text);
    std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o664)).unwrap();
    ok(&publish(
        &path,
        "2021-07-02",
        &["2021 Q2 revision published"],
    ));
    let meta = fs::metadata(&path).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    assert_eq!(meta.permissions().mode() & 0o777, 0o664);

    let Some(nobody) = as_nobody() else { return };
    // Root's file, writable by all, in a folder all may write: nobody could replace it, but
    // the new file would be nobody's.
    let top = tempfile::tempdir().unwrap();
    fs::set_permissions(top.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let path = top.path().join("s.toml");
    fs::write(&path, &text).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o666)).unwrap();
    let out = Wrapped::new(&nobody)
        .args([
            "publish",
            "2021 Q2 revision published",
            "--today",
            "2021-07-02",
            "-f",
        ])
        .arg(&path)
        .output();
    let err = fails(&out);
    assert!(err.contains("is owned by user 0 and group 0"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(fs::metadata(&path).unwrap().uid(), 0);
    assert_eq!(
        fs::read_dir(top.path()).unwrap().count(),
        1,
        "no temp file left"
    );
}

#[test]
fn standard_input_cannot_be_published_to() {
    let out = cmd()
        .args(["publish", "x", "--today", "2021-07-02", "-f", "-"])
        .stdin("[[phase]]\nname = \"x\"\ndue = 2021-06-30\n")
        .output()
        .unwrap();
    let err = fails(&out);
    assert!(err.contains("cannot work on standard input"), "{err}");
}

/// A cadence whose `done` is an inline map written `done = {inside}`.
fn inline_done(inside: &str) -> String {
    format!(
        "[[cadence]]\nevery = \"quarter\"\nfrom = 2022-01-01\ndone = {{{inside}}}\n\n[[cadence.phase]]\nname = \"{{year}} Q{{quarter}} out\"\ndue = \"last day\"\n"
    )
}

/// Issue 10, item 10: publish then undo gives back the bytes for every spacing of an inline
/// `done`, comments ending in a comma included; and two publications undone in either order.
#[test]
fn undo_gives_back_the_bytes_of_every_inline_done() {
    let insides = [
        "",
        " ",
        "  ",
        "\t",
        " \"2021 Q4 out\" = 2021-12-31 ",
        "\"2021 Q4 out\" = 2021-12-31",
        "\"2021 Q4 out\" = 2021-12-31  ,  ",
        " # shipped dates, by name,\n",
        " # shipped dates, by name,\n  \"2021 Q4 out\" = 2021-12-31, # late,\n",
        "\n  \"2021 Q4 out\" = 2021-12-31 # on time, mostly,\n",
    ];
    for inside in insides {
        let text = inline_done(inside).replace("2021-12-31", "2022-01-01");
        // A cadence from 2022 generates no 2021 Q4: make that entry one of its own.
        let text = text.replace("2021 Q4 out", "2022 Q3 out");
        let (_dir, path) = setup(&text);
        ok(&publish(&path, "2022-04-02", &["2022 Q1 out"]));
        let published = fs::read_to_string(&path).unwrap();
        assert_ne!(published, text);
        ok(&publish(&path, "2022-07-02", &["2022 Q2 out"]));
        let twice = fs::read_to_string(&path).unwrap();
        ok(&publish(&path, "2022-07-02", &["--undo", "2022 Q2 out"]));
        assert_eq!(fs::read_to_string(&path).unwrap(), published, "{inside:?}");
        ok(&publish(&path, "2022-07-02", &["--undo", "2022 Q1 out"]));
        assert_eq!(fs::read_to_string(&path).unwrap(), text, "{inside:?}");
        // The other order loads and records nothing either.
        fs::write(&path, &twice).unwrap();
        ok(&publish(&path, "2022-07-02", &["--undo", "2022 Q1 out"]));
        ok(&publish(&path, "2022-07-02", &["--undo", "2022 Q2 out"]));
        let back = fs::read_to_string(&path).unwrap();
        let done = json(&path, "2022-07-02", "overdue").to_string();
        assert!(
            done.contains("2022 Q1 out") && done.contains("2022 Q2 out"),
            "{back}"
        );
    }

    // A written inline phase, with a comment ending in a comma before its `done`.
    let text =
        "phase = [\n  { name = \"Q2 published\", # the second,\n    due = 2021-06-30 },\n]\n";
    let (_dir, path) = setup(text);
    ok(&publish(&path, "2021-07-02", &["Q2 published"]));
    ok(&publish(&path, "2021-07-02", &["--undo", "Q2 published"]));
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

/// Issue 10, item 10: entries written by hand are removed where that is safe, comments kept;
/// none is refused as "a bug".
#[test]
fn undo_of_a_hand_written_inline_done() {
    let cases = [
        // (inline phase, what undo leaves)
        (
            "phase = [\n  { name = \"Q2\", due = 2021-06-30, # late,\n    done = 2021-07-02 },\n]\n",
            None,
        ),
        (
            "phase = [{ done = 2021-07-02 , name = \"Q2\", due = 2021-06-30 }]\n",
            Some("phase = [{ name = \"Q2\", due = 2021-06-30 }]\n"),
        ),
        (
            "phase = [{name=\"Q2\",due=2021-06-30,done=2021-07-02}]\n",
            Some("phase = [{name=\"Q2\",due=2021-06-30}]\n"),
        ),
    ];
    for (text, want) in cases {
        let (_dir, path) = setup(text);
        let out = publish(&path, "2021-07-03", &["--undo", "Q2"]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!stderr.contains("this is a bug"), "{text}: {stderr}");
        ok(&out);
        let back = fs::read_to_string(&path).unwrap();
        if let Some(w) = want {
            assert_eq!(back, w);
        }
        assert!(!back.contains("done"), "{back}");
        assert!(
            back.contains("# late,") || !text.contains("# late,"),
            "comment kept: {back}"
        );
        let overdue = json(&path, "2021-07-03", "overdue").to_string();
        assert!(overdue.contains("\"Q2\""), "{overdue}");
    }
}

/// Issue 10, item 20: an ambiguous part of a name lists eight and says how many more there are.
#[test]
fn an_ambiguous_name_says_how_many_are_not_listed() {
    let (_dir, path) = setup(&milestones(15));
    let err = fails(&publish(&path, "2021-06-30", &["m"]));
    assert!(err.contains("it is part of 15 milestones"), "{err}");
    assert_eq!(err.matches("(due 2021-06-30)").count(), 8, "{err}");
    assert!(err.contains("= ... and 7 more\n"), "{err}");
    let (_dir, path) = setup(&milestones(8));
    let err = fails(&publish(&path, "2021-06-30", &["m"]));
    assert!(!err.contains("more"), "{err}");
}

/// Issue 10, item 20: naming a window, or part of windows' names, says a window cannot be
/// published; it suggests no unrelated milestone.
#[test]
fn a_named_window_is_not_taken_for_a_milestone() {
    let text = "[[phase]]\nname = \"3.11 bugfix phase\"\nstart = 2022-10-24\nend = 2024-04-02\n\n\
                [[phase]]\nname = \"3.12.0 final\"\ndue = 2023-10-02\n\n\
                [[phase]]\nname = \"3.12 bugfix phase\"\nstart = 2023-10-02\nend = 2025-04-08\n";
    let (_dir, path) = setup(text);
    let err = fails(&publish(&path, "2023-01-01", &["3.11 bugfix phase"]));
    assert!(
        err.contains("`3.11 bugfix phase` is a window, not a milestone"),
        "{err}"
    );
    assert!(
        !err.contains("3.12.0 final") && !err.contains("did you mean"),
        "{err}"
    );
    let err = fails(&publish(&path, "2023-01-01", &["bugfix phase"]));
    assert!(
        err.contains("`bugfix phase` names a window, not a milestone"),
        "{err}"
    );
    assert!(
        err.contains("3.11 bugfix phase (2022-10-24 - 2024-04-02)"),
        "{err}"
    );
    assert!(!err.contains("3.12.0 final"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

/// Issue 10, item 20: nearest names are looked for near today, never by building every cycle
/// since a cadence's anchor: a daily cadence from 0001-01-01 answers with the names near today
/// (how soon is measured by `cargo bench`, not asserted here).
#[test]
fn nearest_names_of_a_daily_cadence_since_year_one_come_fast() {
    let text = "[[cadence]]\nevery = \"day\"\nfrom = 0001-01-01\n\n[[cadence.phase]]\nname = \"Standup {n}\"\ndue = \"first day\"\n";
    let (_dir, path) = setup(text);
    for name in ["standupp", "Standup", "standup 738521x"] {
        let out = cmd()
            .args(["publish", name, "--today", "2023-01-01", "-f"])
            .arg(&path)
            .output()
            .unwrap();
        let err = fails(&out);
        assert!(
            err.contains("Standup 738521 (due 2023-01-01)"),
            "{name}: {err}"
        );
    }
    // A cycle far from today is still found by its full name.
    let said = ok(&publish(&path, "2023-01-01", &["Standup 5"]));
    assert!(said.starts_with("Standup 5: recorded"), "{said}");
}

/// The bundled schedule, in a folder of its own.
fn bundled() -> (tempfile::TempDir, PathBuf, String) {
    let text = fs::read_to_string(repo!("schedule.toml")).unwrap();
    let (dir, path) = setup(&text);
    (dir, path, text)
}

/// Issue 11: several names in one edit, one line each, in the order given.
#[test]
fn several_names_are_recorded_in_one_edit() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let said = ok(&publish(
        &path,
        "2026-01-10",
        &[
            "2021 Q2 revision published",
            "2022 Q1 revision published",
            "2021 Q1 revision published",
            "--on",
            "2026-01-05",
        ],
    ));
    let shown: Vec<&str> = said.lines().collect();
    assert_eq!(shown.len(), 3, "{said}");
    for (line, name) in shown.iter().zip([
        "2021 Q2 revision published",
        "2022 Q1 revision published",
        "2021 Q1 revision published",
    ]) {
        assert!(
            line.starts_with(&format!("{name}: recorded as published on 2026-01-05 (")),
            "{said}"
        );
    }
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(lines(&new).len(), lines(&text).len() + 3, "{new}");
    assert_eq!(new.matches("done = 2026-01-05\n").count(), 2, "{new}");
    assert!(new.contains("done.\"2022 Q1 revision published\" = 2026-01-05\n"));
    // And undone together, giving back the bytes.
    let said = ok(&publish(
        &path,
        "2026-01-10",
        &[
            "--undo",
            "2021 Q1 revision published",
            "2021 Q2 revision published",
            "2022 Q1 revision published",
        ],
    ));
    assert_eq!(said.matches("removed the recorded publication").count(), 3);
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

/// Issue 11: one bad name and nothing is written; names already recorded on the day are said
/// so and left; a name given twice is recorded once.
#[test]
fn several_names_are_all_or_nothing() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&publish(
        &path,
        "2026-01-10",
        &["2021 Q2 revision published", "2021 Q2 revison publish"],
    ));
    assert!(
        err.contains("no milestone is named `2021 Q2 revison publish`"),
        "{err}"
    );
    let err = fails(&publish(
        &path,
        "2026-01-10",
        &["2021 Q2 revision published", "Drafting"],
    ));
    assert!(err.contains("is a window"), "{err}");
    // Q3 is recorded on 2021-10-01: another date needs --force.
    let err = fails(&publish(
        &path,
        "2026-01-10",
        &["2021 Q2 revision published", "2021 Q3 revision published"],
    ));
    assert!(
        err.contains("already recorded as published on 2021-10-01"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);

    let said = ok(&publish(
        &path,
        "2026-01-10",
        &[
            "2021 Q2 revision published",
            "2021 Q3 revision published",
            "2021 Q2 revision published",
            "--on",
            "2021-10-01",
        ],
    ));
    assert_eq!(
        said,
        format!(
            "2021 Q2 revision published: recorded as published on 2021-10-01 (93 days after its due date) in {p}\n\
             2021 Q3 revision published: already recorded as published on 2021-10-01\n",
            p = path.display()
        )
    );
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(added_line(&text, &new), "done = 2021-10-01\n");
    // Nothing at all to write: the file is unchanged, and said so.
    let said = ok(&publish(
        &path,
        "2026-01-10",
        &[
            "2021 Q2 revision published",
            "2021 Q3 revision published",
            "--on",
            "2021-10-01",
        ],
    ));
    assert_eq!(said.matches("is unchanged").count(), 2, "{said}");
    assert_eq!(fs::read_to_string(&path).unwrap(), new);
}

/// Issue 11: on 2026-12-01 the bundled schedule has 23 overdue publications; `--through`
/// records them all, each on its due date, in one edit; the file loads and `check` passes.
#[test]
fn through_records_the_23_overdue_of_the_bundled_schedule() {
    let (dir, path, text) = bundled();
    let overdue = json(&path, "2026-12-01", "overdue");
    assert_eq!(overdue["overdue"].as_array().unwrap().len(), 23);
    let said = ok(&publish(&path, "2026-12-01", &["--through", "2026-12-01"]));
    let shown: Vec<&str> = said.lines().collect();
    assert_eq!(shown.len(), 23, "{said}");
    assert!(
        shown
            .iter()
            .all(|l| l.contains(": recorded as published on ")
                && l.contains("(on its due date) in ")),
        "{said}"
    );
    assert!(
        shown[0].starts_with("2021 Q1 revision published: recorded as published on 2021-03-31")
    );
    assert!(
        shown[22].starts_with("2026 Q3 revision published: recorded as published on 2026-09-30")
    );
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(lines(&new).len(), lines(&text).len() + 23);
    assert_eq!(new.matches("\ndone = ").count(), 4, "{new}");
    assert_eq!(new.matches("\ndone.\"").count(), 19, "{new}");
    assert!(new.contains("due = 2021-06-30     # \"June 30\"\ndone = 2021-06-30\n"));
    // It loads, nothing is overdue and the check passes.
    let overdue = json(&path, "2026-12-01", "overdue");
    assert_eq!(overdue["overdue"].as_array().unwrap().len(), 0);
    let check = cmd()
        .args(["check", "--today", "2026-12-01", "-f"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // Nothing is left to record: said so, unchanged.
    let said = ok(&publish(&path, "2026-12-01", &["--through", "2026-12-01"]));
    assert_eq!(
        said,
        format!(
            "nothing to record: every milestone due on or before 2026-12-01 has its `done`; {} is unchanged\n",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), new);
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temp files left"
    );
}

/// Issue 11: `--dry-run` says what would be recorded and writes nothing, even to a file it
/// could not write.
#[test]
fn through_dry_run_writes_nothing() {
    let (_dir, path, text) = bundled();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let said = ok(&publish(
        &path,
        "2026-12-01",
        &["--through", "2026-12-01", "--dry-run"],
    ));
    assert_eq!(said.lines().count(), 23, "{said}");
    assert!(
        said.lines()
            .all(|l| l.contains(": would be recorded as published on ")),
        "{said}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    // Names and undo take it too.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    ok(&publish(
        &path,
        "2026-12-01",
        &["2021 Q1 revision published"],
    ));
    let recorded = fs::read_to_string(&path).unwrap();
    let said = ok(&publish(
        &path,
        "2026-12-01",
        &["--undo", "2021 Q1 revision published", "--dry-run"],
    ));
    assert_eq!(
        said,
        format!(
            "2021 Q1 revision published: the recorded publication would be removed from {}\n",
            path.display()
        )
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), recorded);
}

/// Issue 11: `--on` gives one date to all; a milestone due on the day is recorded; done,
/// skipped and replaced cycles are not; a moved cycle counts at its moved date.
#[test]
fn through_takes_what_is_due_and_not_done() {
    let text = fixture().replace(
        "from = 2022-01-01   # first cycle",
        "from = 2022-01-01   # first cycle\nskip = [\"2022 Q2 revision published\"]\n\
             done.\"2022 Q1 revision published\" = 2022-04-01\n\
             due.\"2022 Q3 revision published\" = 2023-01-15\n\
             due.\"2022 Q4 revision published\" = 2022-06-30",
    );
    let (_dir, path) = setup(&text);
    let said = ok(&publish(
        &path,
        "2022-12-01",
        &["--through", "2022-06-30", "--on", "2022-11-30"],
    ));
    let names: Vec<&str> = said.lines().map(|l| l.split(':').next().unwrap()).collect();
    // Q3 2021 is done; Q1 2022 is done, Q2 skipped, Q3 moved past the date; Q4 moved onto it.
    assert_eq!(
        names,
        [
            "2021 Q1 revision published",
            "2021 Q2 revision published",
            "2022 Q4 revision published"
        ],
        "{said}"
    );
    assert!(
        said.lines()
            .all(|l| l.contains("recorded as published on 2022-11-30"))
    );
    let new = fs::read_to_string(&path).unwrap();
    assert_eq!(lines(&new).len(), lines(&text).len() + 3, "{new}");
}

/// Issue 11: `--through` is checked like `--on`, and takes no names.
#[test]
fn through_is_refused_after_today_and_with_names() {
    let text = fixture();
    let (_dir, path) = setup(&text);
    let err = fails(&publish(&path, "2022-01-01", &["--through", "2022-01-02"]));
    assert!(
        err.contains("--through 2022-01-02 is after today (2022-01-01)"),
        "{err}"
    );
    for args in [
        &["--through", "2021-12-31", "2021 Q1 revision published"][..],
        &["--through", "2021-12-31", "--undo"][..],
        &["--through", "2021-12-31", "--force"][..],
        &[][..],
    ] {
        fails(&publish(&path, "2022-01-01", args));
    }
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
}

/// Issue 11: on a daily cadence from 0001-01-01 the oldest are recorded, and a `--through` that
/// would record more than one edit takes is refused (how soon: `cargo bench`'s daily cadence).
#[test]
fn through_on_a_daily_cadence_since_year_one_stays_fast() {
    let text = "[[cadence]]\nevery = \"day\"\nfrom = 0001-01-01\n\n[[cadence.phase]]\nname = \"Standup {n}\"\ndue = \"first day\"\n";
    let (_dir, path) = setup(text);
    let err = fails(&publish(&path, "2023-01-01", &["--through", "2023-01-01"]));
    assert!(
        err.contains("would record more than 1000 publications in one edit"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    let said = ok(&publish(&path, "2023-01-01", &["--through", "0001-03-01"]));
    assert_eq!(said.lines().count(), 60, "{said}");
    assert!(
        said.starts_with("Standup 1: recorded as published on 0001-01-01"),
        "{said}"
    );
    let new = fs::read_to_string(&path).unwrap();
    assert!(new.contains("done.\"Standup 60\" = 0001-03-01\n"), "{new}");
    // The next ones are the next oldest.
    let said = ok(&publish(&path, "2023-01-01", &["--through", "0001-03-02"]));
    assert_eq!(
        said.lines().collect::<Vec<_>>(),
        [format!(
            "Standup 61: recorded as published on 0001-03-02 (on its due date) in {}",
            path.display()
        )]
    );
}
