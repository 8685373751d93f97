//! The GitHub Action (`action.yml`): its steps run as the runner runs a composite action's, in a
//! temp repository, each `run` by `bash --noprofile --norc -eo pipefail` with GitHub's variables
//! and files (`GITHUB_OUTPUT` read as the runner reads it, `GITHUB_STEP_SUMMARY`, `GITHUB_PATH`),
//! `${{ ... }}` filled in where GitHub would, `if:` honoured, and the action's outputs taken from
//! its steps'. Three things stand in for the network: `actions/cache` is not run (a test says
//! whether it hit), GitHub's release downloads are a file server on 127.0.0.1 (see "The release
//! download" below; empty unless a test publishes a release, so the install step falls back to
//! building), and `cargo` is a stub that "installs" the binary under test, or a program that
//! records its arguments, where the real `cargo install` would put vision-sched.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::symlink;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

use serde::Deserialize;

use crate::common::{BIN, ROOT, repo, shell};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Action {
    name: String,
    description: String,
    author: String,
    branding: BTreeMap<String, String>,
    inputs: BTreeMap<String, Input>,
    outputs: BTreeMap<String, Output>,
    runs: Runs,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Output {
    description: String,
    value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    description: String,
    required: bool,
    default: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Runs {
    using: String,
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Step {
    name: String,
    id: Option<String>,
    #[serde(rename = "if")]
    condition: Option<String>,
    uses: Option<String>,
    with: Option<BTreeMap<String, String>>,
    shell: Option<String>,
    run: Option<String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(rename = "working-directory")]
    working_directory: Option<String>,
}

fn action() -> Action {
    let text = std::fs::read_to_string(repo("action.yml")).unwrap();
    serde_yaml_ng::from_str(&text).unwrap()
}

/// What the stub `cargo install` puts where vision-sched goes.
#[derive(Clone, Copy)]
enum Installs {
    /// The binary under test.
    Real,
    /// A program that appends its folder and arguments to the file `$RECORD`.
    Recorder,
}

/// A run of the action in a temp repository.
struct Runner {
    dir: tempfile::TempDir,
    inputs: BTreeMap<String, String>,
    /// What `steps.ID.outputs.NAME` gives.
    outputs: BTreeMap<String, String>,
    /// Folders added through `GITHUB_PATH`, the latest first.
    path: Vec<PathBuf>,
    /// The log of each step that ran: its name, and its stdout and stderr.
    log: Vec<(String, String, String)>,
    /// The job summary: what each step wrote to `GITHUB_STEP_SUMMARY`, in turn.
    summary: String,
    /// The build the action cached: restored before the run when it hits.
    cache_hit: bool,
    action_path: PathBuf,
}

impl Runner {
    fn new(installs: Installs) -> Runner {
        let dir = tempfile::Builder::new()
            .prefix("vision-sched-action-")
            .tempdir()
            .unwrap();
        for sub in ["workspace", "temp", "home", "stub", "releases"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        let program = match installs {
            Installs::Real => PathBuf::from(BIN),
            Installs::Recorder => {
                let p = dir.path().join("stub/recorder");
                write_program(
                    &p,
                    "#!/bin/bash\n{ printf 'cwd=%s\\n' \"$PWD\"; printf 'arg=%s\\n' \"$@\"; echo end; } >>\"$RECORD\"\n",
                );
                p
            }
        };
        // `cargo install ... --root R`: logs its arguments and puts the program at R/bin.
        write_program(
            &dir.path().join("stub/cargo"),
            &format!(
                "#!/bin/bash\nprintf '%s\\n' \"$@\" >\"$CARGO_LOG\"\nprintf '%s\\n' \"$PWD\" \"${{RUSTUP_TOOLCHAIN-}}\" \"${{RUSTFLAGS-unset}}\" >\"$CARGO_LOG.env\"\nwhile [ $# -gt 0 ]; do\n  if [ \"$1\" = --root ]; then root=$2; fi\n  shift\ndone\nmkdir -p \"$root/bin\"\nln -s '{}' \"$root/bin/vision-sched\"\n",
                program.display()
            ),
        );
        let inputs = action()
            .inputs
            .into_iter()
            .map(|(k, v)| (k, v.default))
            .collect();
        Runner {
            dir,
            inputs,
            outputs: BTreeMap::new(),
            path: Vec::new(),
            log: Vec::new(),
            summary: String::new(),
            cache_hit: false,
            action_path: PathBuf::from(ROOT),
        }
    }

    fn workspace(&self) -> PathBuf {
        self.dir.path().join("workspace")
    }

    fn input(&mut self, name: &str, value: &str) -> &mut Runner {
        assert!(
            self.inputs.contains_key(name),
            "action.yml has no input {name}"
        );
        self.inputs.insert(name.to_string(), value.to_string());
        self
    }

    /// A file of the workspace, with its folders.
    fn file(&self, path: &str, text: &str) -> &Runner {
        let p = self.workspace().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// What `${{ expr }}` gives.
    fn value(&self, expr: &str) -> String {
        let expr = expr.trim();
        if let Some(name) = expr.strip_prefix("inputs.") {
            return self.inputs[name].clone();
        }
        if expr == "steps.cache.outputs.cache-hit" {
            return if self.cache_hit { "true" } else { "" }.to_string();
        }
        if let Some(rest) = expr.strip_prefix("steps.") {
            return self.outputs.get(rest).cloned().unwrap_or_default();
        }
        match expr {
            "github.action_path" => self.action_path.display().to_string(),
            _ => panic!("the test does not know the expression `{expr}`"),
        }
    }

    /// A value with each `${{ expr }}` filled in.
    fn expand(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(at) = rest.find("${{") {
            out.push_str(&rest[..at]);
            let end = rest[at..].find("}}").expect("a closed expression") + at;
            out.push_str(&self.value(&rest[at + 3..end]));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    /// An `if:` of the forms `X != 'v'` and `X == 'v'`, the only ones the action uses.
    fn holds(&self, condition: &str) -> bool {
        let c = condition.trim();
        let c = c
            .strip_prefix("${{")
            .and_then(|c| c.strip_suffix("}}"))
            .unwrap_or(c);
        let (lhs, rhs, equal) = match (c.split_once("!="), c.split_once("==")) {
            (Some((l, r)), _) => (l, r, false),
            (None, Some((l, r))) => (l, r, true),
            _ => panic!("the test does not know the condition `{condition}`"),
        };
        let rhs = rhs.trim().trim_matches('\'');
        // GitHub's `==` ignores case.
        self.value(lhs).eq_ignore_ascii_case(rhs) == equal
    }

    /// Runs the steps in order until one fails; the exit code of the last step run.
    fn run(&mut self, env: &[(&str, &str)]) -> i32 {
        let temp = self.dir.path().join("temp");
        let github_output = temp.join("github_output");
        let github_path = temp.join("github_path");
        let github_summary = temp.join("step_summary");
        for step in action().runs.steps {
            if let Some(c) = &step.condition
                && !self.holds(c)
            {
                continue;
            }
            if let Some(uses) = &step.uses {
                assert!(uses.starts_with("actions/cache@"), "{uses}");
                continue;
            }
            let script = step
                .run
                .as_deref()
                .expect("a step runs a script or uses an action");
            // Inputs reach a script only through its environment, never spliced into its text.
            assert!(!script.contains("${{"), "{}: {script}", step.name);
            assert_eq!(step.shell.as_deref(), Some("bash"), "{}", step.name);
            let file = temp.join("step.sh");
            std::fs::write(&file, script).unwrap();
            std::fs::write(&github_output, "").unwrap();
            std::fs::write(&github_path, "").unwrap();
            std::fs::write(&github_summary, "").unwrap();
            let cwd = match &step.working_directory {
                Some(w) => self.workspace().join(self.expand(w)),
                None => self.workspace(),
            };
            let mut path: Vec<String> = self.path.iter().map(|p| p.display().to_string()).collect();
            path.push(self.dir.path().join("stub").display().to_string());
            path.push("/usr/bin:/bin".to_string());
            let mut cmd = shell("exec bash --noprofile --norc -eo pipefail \"$STEP_SCRIPT\"");
            cmd.current_dir(&cwd)
                .env("STEP_SCRIPT", &file)
                .env("PATH", path.join(":"))
                .env("HOME", self.dir.path().join("home"))
                .env("GITHUB_ACTIONS", "true")
                .env("GITHUB_WORKSPACE", self.workspace())
                .env("GITHUB_ACTION_PATH", &self.action_path)
                .env("GITHUB_OUTPUT", &github_output)
                .env("GITHUB_PATH", &github_path)
                .env("GITHUB_STEP_SUMMARY", &github_summary)
                .env("RUNNER_TEMP", &temp)
                .env("RUNNER_OS", "Linux")
                .env("RUNNER_ARCH", "X64")
                .env("CARGO_LOG", temp.join("cargo.log"))
                .env("RECORD", temp.join("record"))
                .env("VISION_SCHED_RELEASE_URL", self.release_url());
            for (k, v) in env {
                cmd.env(k, v);
            }
            for (k, v) in &step.env {
                cmd.env(k, self.expand(v));
            }
            let out = cmd.output().unwrap();
            self.log.push((
                step.name.clone(),
                String::from_utf8_lossy(&out.stdout).into_owned(),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            ));
            if let Some(id) = &step.id {
                let text = std::fs::read_to_string(&github_output).unwrap();
                for (k, v) in file_command_pairs(&text) {
                    self.outputs.insert(format!("{id}.outputs.{k}"), v);
                }
            }
            self.summary
                .push_str(&std::fs::read_to_string(&github_summary).unwrap());
            for line in std::fs::read_to_string(&github_path).unwrap().lines() {
                self.path.insert(0, PathBuf::from(line));
            }
            let code = out.status.code().unwrap_or(-1);
            if code != 0 {
                return code;
            }
        }
        0
    }

    /// The action's outputs, as its `outputs:` take them from its steps'.
    fn action_outputs(&self) -> BTreeMap<String, String> {
        action()
            .outputs
            .into_iter()
            .map(|(name, o)| (name, self.expand(&o.value)))
            .collect()
    }

    /// What the last step printed on stdout.
    fn last_stdout(&self) -> &str {
        &self.log.last().unwrap().1
    }

    /// Each recorded run of the recorder: its folder and its arguments.
    fn recorded(&self) -> Vec<(String, Vec<String>)> {
        let text = std::fs::read_to_string(self.dir.path().join("temp/record")).unwrap();
        let mut runs = Vec::new();
        let (mut cwd, mut args) = (String::new(), Vec::new());
        for line in text.lines() {
            if let Some(c) = line.strip_prefix("cwd=") {
                cwd = c.to_string();
            } else if let Some(a) = line.strip_prefix("arg=") {
                args.push(a.to_string());
            } else {
                runs.push((std::mem::take(&mut cwd), std::mem::take(&mut args)));
            }
        }
        runs
    }
}

/// The `NAME=VALUE` and `NAME<<DELIMITER` entries of a file command such as `$GITHUB_OUTPUT`,
/// read as the runner reads them on Linux (a port of `EnvFileKeyValuePairs` in actions/runner's
/// `src/Runner.Worker/FileCommandManager.cs`): a line ends at `\n`; a heredoc's value is the
/// lines up to the one that is exactly its delimiter. What the runner refuses panics here.
fn file_command_pairs(text: &str) -> Vec<(String, String)> {
    /// The line from `index` and whether a `\n` ended it; `index` moves past it.
    fn read_line<'t>(text: &'t str, index: &mut usize) -> Option<(&'t str, bool)> {
        let start = *index;
        if start >= text.len() {
            return None;
        }
        if let Some(n) = text[start..].find('\n') {
            *index = start + n + 1;
            Some((&text[start..start + n], true))
        } else {
            *index = text.len();
            Some((&text[start..], false))
        }
    }
    let mut pairs = Vec::new();
    let mut index = 0;
    while let Some((line, _)) = read_line(text, &mut index) {
        if line.is_empty() {
            continue;
        }
        let (equals, heredoc) = (line.find('='), line.find("<<"));
        match (equals, heredoc) {
            (Some(e), h) if h.is_none_or(|h| e < h) => {
                pairs.push((line[..e].to_string(), line[e + 1..].to_string()));
            }
            (_, Some(h)) => {
                let (name, delimiter) = (&line[..h], &line[h + 2..]);
                assert!(
                    !name.is_empty() && !delimiter.is_empty(),
                    "invalid format `{line}`"
                );
                let (start, mut end) = (index, index);
                loop {
                    let (l, newline) = read_line(text, &mut index)
                        .unwrap_or_else(|| panic!("matching delimiter not found `{delimiter}`"));
                    if l == delimiter {
                        break;
                    }
                    assert!(newline, "EOF marker missing new line");
                    end = index - 1;
                }
                pairs.push((name.to_string(), text[start..end.max(start)].to_string()));
            }
            _ => panic!("invalid format `{line}`"),
        }
    }
    pairs
}

fn write_program(path: &Path, text: &str) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn bundled() -> String {
    std::fs::read_to_string(repo("schedule.toml")).unwrap()
}

#[test]
fn it_is_a_composite_action_whose_inputs_are_described() {
    let a = action();
    assert_eq!(a.runs.using, "composite");
    assert!(!a.name.is_empty() && !a.description.is_empty() && !a.author.is_empty());
    assert!(a.branding.contains_key("icon"));
    let names: Vec<&str> = a.inputs.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "badge",
            "doc",
            "fail-tba",
            "fail-within",
            "feed",
            "mode",
            "owner",
            "page",
            "schedule",
            "svg",
            "working-directory"
        ]
    );
    for (name, input) in &a.inputs {
        assert!(!input.required, "{name}");
        assert!(input.description.ends_with('.'), "{name}");
    }
    let outputs: Vec<&str> = a.outputs.keys().map(String::as_str).collect();
    assert_eq!(outputs, ["closing", "next", "ok", "opened", "overdue"]);
    for (name, output) in &a.outputs {
        assert!(output.description.ends_with('.'), "{name}");
        assert_eq!(
            output.value,
            format!("${{{{ steps.check.outputs.{name} }}}}")
        );
    }
}

#[test]
fn with_no_inputs_it_checks_the_schedule_it_finds_and_annotates_its_lines() {
    let mut r = Runner::new(Installs::Real);
    r.file("schedule.toml", &bundled());
    let code = r.run(&[("VISION_SCHED_TODAY", "2021-07-01")]);
    assert_eq!(code, 1, "{:#?}", r.log);
    // The README's annotations, on the schedule's lines.
    assert_eq!(
        r.last_stdout(),
        "::error file=schedule.toml,line=15::`2021 Q1 revision published` is 92 days overdue (due 2021-03-31)\n\
         ::error file=schedule.toml,line=24::`2021 Q2 revision published` is 1 day overdue (due 2021-06-30)\n"
    );
    // A day with nothing overdue passes.
    let mut r = Runner::new(Installs::Real);
    r.file("schedule.toml", &bundled());
    assert_eq!(
        r.run(&[("VISION_SCHED_TODAY", "2021-01-15")]),
        0,
        "{:#?}",
        r.log
    );
}

#[test]
fn inputs_reach_check_as_its_arguments_in_the_working_directory() {
    let mut r = Runner::new(Installs::Recorder);
    r.file("docs/vision/keep", "");
    let hostile = "README.md\"; touch pwned; echo \"$(touch pwned2)";
    r.input("schedule", "my schedule.toml")
        .input("page", hostile)
        .input("svg", "timeline.svg")
        .input("fail-within", "3d")
        .input("fail-tba", "True")
        .input("owner", "Docs lead")
        .input("working-directory", "docs/vision");
    assert_eq!(r.run(&[]), 0, "{:#?}", r.log);
    let runs = r.recorded();
    let (cwd, args) = runs.last().unwrap();
    assert_eq!(Path::new(cwd), r.workspace().join("docs/vision"));
    let args = without_github_files(&r, args);
    assert_eq!(
        args,
        [
            "check",
            "--schedule",
            "my schedule.toml",
            "--page",
            hostile,
            "--svg",
            "timeline.svg",
            "--fail-within",
            "3d",
            "--fail-tba",
            "--owner",
            "Docs lead"
        ]
    );
    for name in ["pwned", "pwned2"] {
        assert!(!r.workspace().join("docs/vision").join(name).exists());
        assert!(!r.workspace().join(name).exists());
    }

    // `doc`, the old name of `page`, is still read.
    let mut r = Runner::new(Installs::Recorder);
    r.input("doc", "README.md");
    assert_eq!(r.run(&[]), 0, "{:#?}", r.log);
    assert_eq!(
        without_github_files(&r, &r.recorded().last().unwrap().1),
        ["check", "--page", "README.md"]
    );

    // Inputs left empty are not passed at all.
    let mut r = Runner::new(Installs::Recorder);
    assert_eq!(r.run(&[]), 0, "{:#?}", r.log);
    let runs = r.recorded();
    let (cwd, args) = runs.last().unwrap();
    assert_eq!(Path::new(cwd), r.workspace());
    assert_eq!(without_github_files(&r, args), ["check"]);
}

/// `args` without the `--github-output` and `--github-summary` the action always passes last,
/// which must name the files the runner gave the step.
fn without_github_files<'a>(r: &Runner, args: &'a [String]) -> &'a [String] {
    let temp = r.dir.path().join("temp");
    let (head, tail) = args.split_at(args.len() - 4);
    assert_eq!(
        tail,
        [
            "--github-output".to_string(),
            temp.join("github_output").display().to_string(),
            "--github-summary".to_string(),
            temp.join("step_summary").display().to_string(),
        ]
    );
    head
}

#[test]
fn a_schedule_in_a_subfolder_is_checked_from_there() {
    let mut r = Runner::new(Installs::Real);
    r.file("docs/schedule.toml", &bundled());
    r.input("working-directory", "docs")
        .input("fail-within", "1w");
    assert_eq!(
        r.run(&[("VISION_SCHED_TODAY", "2021-03-25")]),
        1,
        "{:#?}",
        r.log
    );
    assert_eq!(
        r.last_stdout(),
        "::error file=schedule.toml,line=15::`2021 Q1 revision published` is due in 6 days (2021-03-31), within --fail-within 7 days\n"
    );
}

#[test]
fn it_builds_the_actions_own_checkout_once_and_puts_it_on_path() {
    let mut r = Runner::new(Installs::Real);
    r.file("schedule.toml", &bundled());
    assert_eq!(
        r.run(&[("VISION_SCHED_TODAY", "2021-01-15")]),
        0,
        "{:#?}",
        r.log
    );
    let root = PathBuf::from(&r.outputs["source.outputs.root"]);
    let log = std::fs::read_to_string(r.dir.path().join("temp/cargo.log")).unwrap();
    let args: Vec<&str> = log.lines().collect();
    assert_eq!(args[..2], ["install", "--locked"]);
    let after = |flag: &str| args[args.iter().position(|a| *a == flag).unwrap() + 1];
    // In the action's own folder, with the toolchain the action chooses.
    let env = std::fs::read_to_string(r.dir.path().join("temp/cargo.log.env")).unwrap();
    let env: Vec<&str> = env.lines().collect();
    assert_eq!(
        Path::new(env[0]).join(after("--path")),
        Path::new(ROOT).join(".")
    );
    assert_eq!(env[1..], ["stable", ""]);
    assert_eq!(Path::new(after("--root")), root);
    // The step after the build puts it on PATH, and says which version it is.
    assert_eq!(r.path.first(), Some(&root.join("bin")));
    let put = r
        .log
        .iter()
        .find(|(name, ..)| name.contains("PATH"))
        .unwrap();
    assert!(put.1.starts_with("vision-sched 0."), "{put:?}");
    // The cache saves and restores that folder, under a key of the source.
    let cache = action()
        .runs
        .steps
        .into_iter()
        .find(|s| s.uses.is_some())
        .unwrap();
    let with = cache.with.unwrap();
    assert_eq!(PathBuf::from(r.expand(&with["path"])), root);
    let key = r.expand(&with["key"]);
    let hash = key.strip_prefix("vision-sched-Linux-X64-").unwrap();
    assert_eq!(hash.len(), 32);
    assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()), "{key}");
}

#[test]
fn a_cached_build_is_used_as_it_is() {
    let mut r = Runner::new(Installs::Real);
    r.file("schedule.toml", &bundled());
    r.cache_hit = true;
    // As restored from the cache: the binary in place, and a cargo that must not run.
    let root = r.dir.path().join("temp/vision-sched-action/bin");
    std::fs::create_dir_all(&root).unwrap();
    symlink(BIN, root.join("vision-sched")).unwrap();
    write_program(&r.dir.path().join("stub/cargo"), "#!/bin/sh\nexit 101\n");
    assert_eq!(
        r.run(&[("VISION_SCHED_TODAY", "2021-01-15")]),
        0,
        "{:#?}",
        r.log
    );
    assert!(!r.log.iter().any(|(name, ..)| name.starts_with("Install")));
    assert!(r.last_stdout().starts_with("check passed on 2021-01-15"));
}

#[test]
fn the_cache_key_changes_with_any_file_but_a_build() {
    let key = |dir: &Path| {
        let mut r = Runner::new(Installs::Real);
        r.action_path = dir.to_path_buf();
        r.cache_hit = true; // Only the first step matters here; stop before the build.
        let _ = r.run(&[]);
        r.outputs["source.outputs.key"].clone()
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    std::fs::create_dir_all(dir.path().join("target/debug")).unwrap();
    std::fs::write(dir.path().join("src/main.rs"), "fn main() {}\n").unwrap();
    let first = key(dir.path());
    assert_eq!(key(dir.path()), first);
    std::fs::write(dir.path().join("target/debug/x"), "built").unwrap();
    assert_eq!(key(dir.path()), first, "a build is not the source");
    std::fs::write(dir.path().join("src/main.rs"), "fn main() { }\n").unwrap();
    assert_ne!(key(dir.path()), first);
}

/// Every workflow the README and the guide show: a step of this action passes only its inputs,
/// an output read from it is one it has, another action is pinned to a full commit SHA with its
/// tag in a comment, and no script has `${{ }}` spliced into its text (an output holds the
/// schedule's text: it reaches a script through `env:`).
#[test]
fn the_docs_workflows_use_the_actions_inputs_and_outputs_and_pin_other_actions() {
    let text = crate::common::docs_text();
    let a = action();
    let (mut ours, mut updates) = (0, 0);
    let mut read = std::collections::BTreeSet::new();
    let mut pinned = std::collections::BTreeSet::new();
    for block in text.split("```yaml\n").skip(1) {
        let block = &block[..block.find("```").unwrap()];
        let doc: serde_yaml_ng::Value = serde_yaml_ng::from_str(block).unwrap();
        let Some(jobs) = doc.get("jobs").and_then(|j| j.as_mapping()) else {
            continue;
        };
        let mut ids = Vec::new();
        for job in jobs.values() {
            for step in job["steps"].as_sequence().unwrap() {
                let scripts = [
                    step.get("run"),
                    step.get("with").and_then(|w| w.get("script")),
                ];
                for script in scripts.into_iter().flatten() {
                    assert!(!script.as_str().unwrap().contains("${{"), "{block}");
                }
                let Some(uses) = step.get("uses").and_then(|u| u.as_str()) else {
                    continue;
                };
                if !uses.starts_with("vision-sched/vision-sched@") {
                    let (name, sha) = uses.split_once('@').unwrap();
                    assert!(
                        sha.len() == 40
                            && sha
                                .bytes()
                                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)),
                        "{uses} is not pinned to a commit"
                    );
                    let line = block.lines().find(|l| l.contains(uses)).unwrap();
                    let tag = line.split_once(" # ").map(|(_, t)| t.trim());
                    assert!(
                        tag.is_some_and(|t| t.starts_with('v')),
                        "{line}: its tag in a comment"
                    );
                    pinned.insert(name.to_string());
                    continue;
                }
                ours += 1;
                let mut with = step
                    .get("with")
                    .and_then(|w| w.as_mapping())
                    .cloned()
                    .unwrap_or_default();
                for key in with.keys() {
                    assert!(a.inputs.contains_key(key.as_str().unwrap()), "{key:?}");
                }
                if with.remove("mode").is_some_and(|m| m == "update") {
                    updates += 1;
                }
                if let Some(id) = step.get("id").and_then(|i| i.as_str()) {
                    ids.push(id.to_string());
                }
            }
        }
        // Each `steps.ID.outputs.NAME` of a step of this action names one of its outputs.
        for id in &ids {
            let prefix = format!("steps.{id}.outputs.");
            for (at, _) in block.match_indices(&prefix) {
                let rest = &block[at + prefix.len()..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(rest.len());
                let name = &rest[..end];
                assert!(
                    a.outputs.contains_key(name),
                    "{block}: the action has no output {name}"
                );
                read.insert(name.to_string());
            }
        }
    }
    assert!(
        ours >= 4 && updates >= 3,
        "{ours} uses of the action, {updates} in update mode"
    );
    assert!(read.contains("opened"), "{read:?}");
    let want = [
        "actions/checkout",
        "actions/deploy-pages",
        "actions/github-script",
        "actions/upload-pages-artifact",
        "peter-evans/create-pull-request",
    ];
    assert_eq!(pinned.iter().map(String::as_str).collect::<Vec<_>>(), want);
}

/// The bundled schedule's Markdown status on `today`, as `status --format markdown` prints it.
fn markdown_status(today: &str) -> String {
    let out = crate::common::bin()
        .args(["-f", &repo("schedule.toml").display().to_string()])
        .args(["status", "--format", "markdown", "--today", today])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

fn outputs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn check_mode_gives_its_outputs_and_a_summary_of_the_status() {
    let q2 = r#"{"name":"2021 Q2 revision process begins","start":"2021-06-14","end":"2021-06-30","note":null,"url":null}"#;
    let cases = [
        (
            "2021-07-01",
            1,
            outputs(&[
                ("ok", "false"),
                ("overdue", "2"),
                ("opened", "[]"),
                ("closing", "[]"),
                (
                    "next",
                    r#"{"name":"2021 Q3 revision process begins","event":"start","date":"2021-09-13","days_until":74}"#,
                ),
            ]),
        ),
        (
            "2021-06-14",
            1,
            outputs(&[
                ("ok", "false"),
                ("overdue", "1"),
                ("opened", &format!("[{q2}]")),
                ("closing", "[]"),
                (
                    "next",
                    r#"{"name":"2021 Q2 revision process begins","event":"start","date":"2021-06-14","days_until":0}"#,
                ),
            ]),
        ),
        (
            "2021-06-30",
            1,
            outputs(&[
                ("ok", "false"),
                ("overdue", "1"),
                ("opened", "[]"),
                ("closing", &format!("[{q2}]")),
                (
                    "next",
                    r#"{"name":"2021 Q2 revision process begins","event":"end","date":"2021-06-30","days_until":0}"#,
                ),
            ]),
        ),
        (
            "2021-01-15",
            0,
            outputs(&[
                ("ok", "true"),
                ("overdue", "0"),
                ("opened", "[]"),
                ("closing", "[]"),
                (
                    "next",
                    r#"{"name":"Drafting initial stories and proposals","event":"end","date":"2021-03-31","days_until":75}"#,
                ),
            ]),
        ),
    ];
    for (today, code, want) in cases {
        let mut r = Runner::new(Installs::Real);
        r.file("schedule.toml", &bundled());
        assert_eq!(
            r.run(&[("VISION_SCHED_TODAY", today)]),
            code,
            "{:#?}",
            r.log
        );
        assert_eq!(r.action_outputs(), want, "{today}");
        // Each value is JSON, as later steps read it with fromJSON.
        for (name, value) in &want {
            serde_json::from_str::<serde_json::Value>(value)
                .unwrap_or_else(|e| panic!("{today} {name}: {e}: {value}"));
        }
        // The summary: the check's result, then the status in Markdown, as `status` prints it.
        let status = markdown_status(today);
        let (result, rest) = r.summary.split_at(r.summary.len() - status.len());
        assert_eq!(rest, status, "{today}");
        assert!(status.starts_with(&format!("**{today} - ")), "{status}");
        if code == 0 {
            assert_eq!(
                result,
                "### Revision schedule\n\ncheck passed on 2021-01-15: nothing overdue\n\n"
            );
        }
    }
    let mut r = Runner::new(Installs::Real);
    r.file("schedule.toml", &bundled());
    r.run(&[("VISION_SCHED_TODAY", "2021-07-01")]);
    assert!(
        r.summary.starts_with(
            "### Revision schedule\n\n\
             check failed on 2021-07-01: 2 problems\n\n\
             | File | Line | Problem |\n\
             | --- | --- | --- |\n\
             | schedule.toml | 15 | \\`2021 Q1 revision published\\` is 92 days overdue (due 2021-03-31) |\n\
             | schedule.toml | 24 | \\`2021 Q2 revision published\\` is 1 day overdue (due 2021-06-30) |\n\n\
             **2021-07-01 - no current phase; next: 2021 Q3 revision process begins (starts, in 2 months 12 days); 2 overdue**\n"
        ),
        "{}",
        r.summary
    );
}

/// A page whose table and chart are stale: last year's.
const STALE_PAGE: &str = "# Vision\n\n<!-- vision-sched:begin -->\n| old | table |\n<!-- vision-sched:end -->\n\n<!-- vision-sched:begin mermaid -->\n```mermaid\ngantt\n```\n<!-- vision-sched:end -->\n";

/// What a command of the binary under test prints, run in `dir`.
fn printed(dir: &Path, args: &[&str]) -> String {
    let out = crate::common::bin()
        .current_dir(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1624147200")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn update_mode_writes_the_files_and_passes_while_milestones_are_overdue() {
    let mut r = Runner::new(Installs::Real);
    r.file("schedule.toml", &bundled())
        .file("README.md", STALE_PAGE);
    r.input("mode", "update")
        .input("page", "README.md")
        .input("svg", "site/timeline.svg")
        .input("feed", "site/schedule.ics")
        .input("badge", "site/badge.json");
    let env = [
        ("VISION_SCHED_TODAY", "2021-07-01"),
        ("SOURCE_DATE_EPOCH", "1624147200"),
    ];
    assert_eq!(r.run(&env), 0, "{:#?}", r.log);
    let ws = r.workspace();
    let read = |p: &str| std::fs::read_to_string(ws.join(p)).unwrap();
    // What `render --write` makes of the same page, and what export prints.
    let copy = tempfile::tempdir().unwrap();
    std::fs::write(copy.path().join("schedule.toml"), bundled()).unwrap();
    std::fs::write(copy.path().join("README.md"), STALE_PAGE).unwrap();
    printed(
        copy.path(),
        &["render", "--write", "README.md", "--today", "2021-07-01"],
    );
    let page = std::fs::read_to_string(copy.path().join("README.md")).unwrap();
    assert_ne!(page, STALE_PAGE);
    assert_eq!(read("README.md"), page);
    let at = ["--today", "2021-07-01"];
    assert_eq!(
        read("site/timeline.svg"),
        printed(copy.path(), &[&["export", "svg"][..], &at].concat())
    );
    assert_eq!(
        read("site/schedule.ics"),
        printed(copy.path(), &[&["export", "ics"][..], &at].concat())
    );
    assert_eq!(
        read("site/badge.json"),
        "{\"schemaVersion\":1,\"label\":\"schedule\",\"message\":\"2 overdue\",\"color\":\"red\"}\n"
    );
    // The job passes; the outputs and the log say what is overdue, without error annotations.
    let out = r.action_outputs();
    assert_eq!(
        (out["ok"].as_str(), out["overdue"].as_str()),
        ("false", "2")
    );
    assert_eq!(
        r.last_stdout(),
        "schedule.toml:15: `2021 Q1 revision published` is 92 days overdue (due 2021-03-31)\n\
         schedule.toml:24: `2021 Q2 revision published` is 1 day overdue (due 2021-06-30)\n"
    );
    assert!(r.summary.contains("check failed on 2021-07-01: 2 problems"));

    // Again, the page now fresh: it is left as it is, and so are its times.
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    let file = std::fs::File::options()
        .write(true)
        .open(ws.join("README.md"))
        .unwrap();
    file.set_modified(old).unwrap();
    drop(file);
    let mut again = Runner::new(Installs::Real);
    again.dir = r.dir;
    again.inputs = r.inputs.clone();
    again.cache_hit = true; // Built by the first run.
    assert_eq!(again.run(&env), 0, "{:#?}", again.log);
    let meta = std::fs::metadata(again.workspace().join("README.md")).unwrap();
    assert_eq!(meta.modified().unwrap(), old);
    let rendered = again
        .log
        .iter()
        .find(|(n, ..)| n == "vision-sched update")
        .unwrap();
    assert!(
        rendered
            .2
            .contains("README.md: schedule table is already up to date"),
        "{rendered:?}"
    );

    // On a day with nothing overdue, the badge says so. (`Update`: GitHub's `==` ignores case,
    // and so does the mode's check.)
    let mut r = Runner::new(Installs::Real);
    r.file("schedule.toml", &bundled());
    r.input("mode", "Update").input("badge", "badge.json");
    assert_eq!(
        r.run(&[("VISION_SCHED_TODAY", "2021-01-15")]),
        0,
        "{:#?}",
        r.log
    );
    assert_eq!(
        std::fs::read_to_string(r.workspace().join("badge.json")).unwrap(),
        "{\"schemaVersion\":1,\"label\":\"schedule\",\"message\":\"on schedule\",\"color\":\"brightgreen\"}\n"
    );
    assert_eq!(r.action_outputs()["ok"], "true");
}

#[test]
fn bad_input_and_misused_inputs_fail_in_either_mode() {
    for mode in ["check", "update"] {
        let mut r = Runner::new(Installs::Real);
        r.file(
            "schedule.toml",
            "[[phase]]\nname = \"x\"\ndue = 2021-13-01\n",
        );
        r.input("mode", mode);
        assert_eq!(r.run(&[]), 2, "{mode}: {:#?}", r.log);
        assert!(
            r.log.last().unwrap().2.contains("schedule.toml:3"),
            "{:#?}",
            r.log
        );
        assert!(r.action_outputs().values().all(String::is_empty));
    }
    // A mode that is neither, and files only update mode writes: said, and nothing run.
    for (input, value, says) in [
        ("mode", "fix", "the mode input is check or update"),
        ("feed", "feed.ics", "written in update mode only"),
        ("badge", "badge.json", "written in update mode only"),
        (
            "fail-tba",
            "yes please",
            "the fail-tba input is true or false",
        ),
    ] {
        let mut r = Runner::new(Installs::Recorder);
        r.input(input, value);
        assert_eq!(r.run(&[]), 2, "{input}: {:#?}", r.log);
        assert!(
            r.last_stdout().starts_with("::error::vision-sched: "),
            "{:#?}",
            r.log
        );
        assert!(r.last_stdout().contains(says), "{:#?}", r.log);
        assert!(
            !r.last_stdout().contains(value),
            "the input's value is not echoed"
        );
        assert!(r.recorded().iter().all(|(_, args)| args == &["--version"]));
    }
}

#[test]
fn update_mode_passes_its_inputs_as_arguments() {
    let mut r = Runner::new(Installs::Recorder);
    let hostile = "README.md\"; touch pwned; echo \"$(touch pwned2)";
    r.input("mode", "update")
        .input("schedule", "my schedule.toml")
        .input("doc", hostile)
        .input("svg", "my site/$(touch pwned3).svg")
        .input("feed", "my site/feed.ics")
        .input("badge", "-badge.json");
    assert_eq!(r.run(&[]), 0, "{:#?}", r.log);
    let runs: Vec<Vec<String>> = r.recorded().into_iter().map(|(_, a)| a).collect();
    let s = ["--schedule", "my schedule.toml"];
    let want: Vec<Vec<&str>> = vec![
        vec!["--version"],
        [&s[..], &["render", "--write", hostile]].concat(),
        [
            &s[..],
            &["export", "svg", "-o", "my site/$(touch pwned3).svg"],
        ]
        .concat(),
        [&s[..], &["export", "ics", "-o", "my site/feed.ics"]].concat(),
        [&s[..], &["export", "badge", "-o", "-badge.json"]].concat(),
    ];
    assert_eq!(runs[..5], want);
    assert_eq!(
        without_github_files(&r, &runs[5]),
        [
            "check",
            "--schedule",
            "my schedule.toml",
            "--page",
            hostile,
            "--svg",
            "my site/$(touch pwned3).svg",
            "--format",
            "text"
        ]
    );
    assert!(r.workspace().join("my site").is_dir());
    for name in ["pwned", "pwned2", "pwned3"] {
        assert!(!r.workspace().join(name).exists());
    }
}

/// A schedule whose text tries to end an output early, forge one, or act on a log: a window
/// opening today, one closing today, and an overdue milestone.
const HOSTILE: &str = r#"[document]
title = "::error::title"
timezone = "UTC"

[[phase]]
name = "opened<<EOF ok=true ::error::x ##[error]y"
start = 2021-06-14
end = 2021-06-20
note = "EOF\nok=true\nnext<<EOF\n::warning::x\r\n%0A EOF"
url = "https://e.org/\u001b]8;;x\u0007"

[[phase]]
name = "ghadelimiter_0c6b5a3e-0d1b-4f4e-8f62-3a1e0c1e9f00"
start = 2021-06-01
end = 2021-06-14
note = "\"}]\nclosing=[]\n"

[[phase]]
name = "| `code` <b>x</b> @team #1 :tada: \u202eevil"
due = 2021-06-01
"#;

#[test]
fn hostile_text_stays_inside_its_output_and_the_summary() {
    let mut r = Runner::new(Installs::Real);
    r.file("schedule.toml", HOSTILE);
    assert_eq!(
        r.run(&[("VISION_SCHED_TODAY", "2021-06-14")]),
        1,
        "{:#?}",
        r.log
    );
    // The step's outputs, as the runner reads them: the five, each one line, nothing forged.
    let raw = std::fs::read_to_string(r.dir.path().join("temp/github_output")).unwrap();
    let pairs = file_command_pairs(&raw);
    let names: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        ["ok", "overdue", "opened", "closing", "next"],
        "{raw}"
    );
    assert_eq!(raw.lines().count(), 5, "{raw}");
    for forbidden in ["\u{1b}", "\u{7}", "\r", "##[", "\u{202e}"] {
        assert!(!raw.contains(forbidden), "{forbidden:?} in {raw}");
    }
    // And the JSON carries the text exactly.
    let out = r.action_outputs();
    let opened: serde_json::Value = serde_json::from_str(&out["opened"]).unwrap();
    assert_eq!(
        opened,
        serde_json::json!([{
            "name": "opened<<EOF ok=true ::error::x ##[error]y",
            "start": "2021-06-14",
            "end": "2021-06-20",
            "note": "EOF\nok=true\nnext<<EOF\n::warning::x\r\n%0A EOF",
            "url": "https://e.org/\u{1b}]8;;x\u{7}",
        }])
    );
    let closing: serde_json::Value = serde_json::from_str(&out["closing"]).unwrap();
    assert_eq!(
        closing[0]["name"],
        "ghadelimiter_0c6b5a3e-0d1b-4f4e-8f62-3a1e0c1e9f00"
    );
    assert_eq!(closing[0]["note"], "\"}]\nclosing=[]\n");
    assert_eq!(
        (out["ok"].as_str(), out["overdue"].as_str()),
        ("false", "1")
    );
    // The summary: no control character, nothing GitHub would run or turn into markup.
    let summary = &r.summary;
    for forbidden in [
        "\u{1b}", "\r", "##[", "\u{202e}", "<b>", "| `code`", "@team", "#1",
    ] {
        assert!(!summary.contains(forbidden), "{forbidden:?} in {summary}");
    }
    assert!(
        summary.contains("\\| \\`code\\` \\<b\\>x\\</b\\>"),
        "{summary}"
    );
    assert!(
        !summary.lines().any(|l| l.trim_start().starts_with("::")),
        "{summary}"
    );
}

/// The port of the runner's reading of `$GITHUB_OUTPUT`, on its own cases: and why the action's
/// values are JSON on one line, not heredocs, which text holding the delimiter would end early.
#[test]
fn file_commands_are_read_as_the_runner_reads_them() {
    let pairs = |text: &str| -> Vec<(String, String)> { file_command_pairs(text) };
    let owned = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert_eq!(
        pairs("a=1\n\nb=x=y<<z\nc<<EOF\none\ntwo=2\nEOF\nd<<E\nE\ne=last"),
        owned(&[
            ("a", "1"),
            ("b", "x=y<<z"),
            ("c", "one\ntwo=2"),
            ("d", ""),
            ("e", "last")
        ])
    );
    assert_eq!(pairs("x<<EOF\nvalue\nEOF"), owned(&[("x", "value")]));
    // A heredoc's value that holds its delimiter ends there, and the rest sets what it says.
    let forged = "name\nEOF\nok=true\nx<<EOF";
    assert_eq!(
        pairs(&format!("opened<<EOF\n{forged}\nEOF\nok=false\n")),
        owned(&[
            ("opened", "name"),
            ("ok", "true"),
            ("x", ""),
            ("ok", "false")
        ])
    );
    for refused in [
        "x<<EOF\nvalue\n",
        "x<<EOF\nvalue",
        "<<EOF\nEOF\n",
        "plain\n",
    ] {
        let caught = std::panic::catch_unwind(|| file_command_pairs(refused));
        assert!(caught.is_err(), "{refused:?}");
    }
}

// ---- The release download (action/install.sh) ----
//
// The install step downloads the release archive of the action's own version and checks it
// against the release's .sha256, and builds only when that fails. GitHub's release downloads are
// one file server on 127.0.0.1 for the whole test binary: `GET /PATH` answers the file at PATH when
// it lies in a runner's `releases` folder, and 404 otherwise; each runner's
// VISION_SCHED_RELEASE_URL is its own folder there. The archives are made here with the layout
// of scripts/release-build.sh (which .ci/run's scripts/install-check.sh runs against the same
// step with the real release archive).

/// The file server, and every path asked of it.
struct Releases {
    port: u16,
    asked: Mutex<Vec<String>>,
}

fn releases() -> &'static Releases {
    static RELEASES: OnceLock<&'static Releases> = OnceLock::new();
    RELEASES.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let releases: &'static Releases = Box::leak(Box::new(Releases {
            port: listener.local_addr().unwrap().port(),
            asked: Mutex::new(Vec::new()),
        }));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || answer(stream, releases));
            }
        });
        releases
    })
}

/// One request: the file asked for, or 404.
fn answer(mut stream: TcpStream, releases: &Releases) {
    let mut head = Vec::new();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        head.push(line);
    }
    let path = head
        .first()
        .and_then(|l| l.strip_prefix("GET "))
        .and_then(|l| l.split(' ').next())
        .unwrap_or_default()
        .to_string();
    releases.asked.lock().unwrap().push(path.clone());
    let file = Path::new(&path);
    let served = path.contains("/vision-sched-action-")
        && path.contains("/releases/")
        && !file.components().any(|c| c == Component::ParentDir);
    let response = match std::fs::read(file) {
        Ok(body) if served => {
            let mut r = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .into_bytes();
            r.extend(body);
            r
        }
        _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(),
    };
    let _ = stream.write_all(&response);
}

const VERSION: &str = env!("CARGO_PKG_VERSION");

impl Runner {
    /// Where this runner's release downloads are: `{url}/v{version}/{asset}`.
    fn release_url(&self) -> String {
        format!(
            "http://127.0.0.1:{}{}",
            releases().port,
            self.dir.path().join("releases").display()
        )
    }

    /// The paths this runner's install step asked the server for, from `v{version}/` on.
    fn asked(&self) -> Vec<String> {
        let prefix = format!("{}/", self.dir.path().join("releases").display());
        releases()
            .asked
            .lock()
            .unwrap()
            .iter()
            .filter_map(|p| p.strip_prefix(&prefix).map(str::to_string))
            .collect()
    }

    /// Publishes the release archive for `target` as scripts/release-build.sh lays it out, its
    /// vision-sched being `program`, with `sum` as its .sha256 (`None`: the archive's own).
    fn publish(&self, target: &str, program: &Path, sum: Option<&str>) -> PathBuf {
        let windows = target.contains("windows");
        let name = format!("vision-sched-v{VERSION}-{target}");
        let stage = self.dir.path().join("stage");
        let folder = stage.join(&name);
        std::fs::create_dir_all(&folder).unwrap();
        let exe = if windows { ".exe" } else { "" };
        std::fs::copy(program, folder.join(format!("vision-sched{exe}"))).unwrap();
        for doc in ["README.md", "LICENSE-MIT", "LICENSE-APACHE"] {
            std::fs::copy(repo(doc), folder.join(doc)).unwrap();
        }
        let assets = self.dir.path().join("releases").join(format!("v{VERSION}"));
        std::fs::create_dir_all(&assets).unwrap();
        let archive = assets.join(format!("{name}.{}", if windows { "zip" } else { "tar.gz" }));
        let mut pack = if windows {
            let mut c = Command::new("python3");
            c.args(["-m", "zipfile", "-c"]).arg(&archive).arg(&name);
            c
        } else {
            let mut c = Command::new("tar");
            c.arg("-czf").arg(&archive).arg(&name);
            c
        };
        assert!(pack.current_dir(&stage).status().unwrap().success());
        let own = Command::new("sha256sum").arg(&archive).output().unwrap();
        let own = String::from_utf8(own.stdout).unwrap();
        let file = archive.file_name().unwrap().to_str().unwrap();
        let own = format!("{}  {file}\n", &own[..64]);
        let mut sum_path = archive.clone().into_os_string();
        sum_path.push(".sha256");
        std::fs::write(sum_path, sum.unwrap_or(&own)).unwrap();
        archive
    }

    /// A small program that runs the binary under test, to stand in it in an archive: packing
    /// and unpacking the debug binary itself took seconds per test, and the real archive is
    /// installed by scripts/install-check.sh.
    fn launcher(&self) -> PathBuf {
        let path = self.dir.path().join("launcher");
        write_program(&path, &format!("#!/bin/sh\nexec '{BIN}' \"$@\"\n"));
        path
    }

    /// What the install step printed on stdout, when it ran.
    fn install_log(&self) -> &str {
        self.log
            .iter()
            .find(|(name, ..)| name == "Install vision-sched")
            .map_or("", |(_, out, _)| out)
    }

    /// Whether the install step built from source (the stub cargo logs each run).
    fn built(&self) -> bool {
        self.dir.path().join("temp/cargo.log").exists()
    }

    /// The installed vision-sched (`.exe` on Windows).
    fn installed(&self, exe: &str) -> PathBuf {
        PathBuf::from(&self.outputs["source.outputs.root"]).join(format!("bin/vision-sched{exe}"))
    }
}

#[test]
fn it_installs_the_release_of_its_own_version_checked_against_its_checksum() {
    let mut r = Runner::new(Installs::Real);
    r.file("schedule.toml", &bundled());
    let launcher = r.launcher();
    r.publish("x86_64-unknown-linux-gnu", &launcher, None);
    // Nothing is built: a cargo that runs fails the step.
    write_program(&r.dir.path().join("stub/cargo"), "#!/bin/sh\nexit 101\n");
    assert_eq!(
        r.run(&[("VISION_SCHED_TODAY", "2021-01-15")]),
        0,
        "{:#?}",
        r.log
    );
    let name = format!("vision-sched-v{VERSION}-x86_64-unknown-linux-gnu.tar.gz");
    assert_eq!(
        r.asked(),
        [
            format!("v{VERSION}/{name}.sha256"),
            format!("v{VERSION}/{name}")
        ]
    );
    assert!(
        r.install_log().ends_with("checksum verified\n"),
        "{}",
        r.install_log()
    );
    // The archive's program itself, copied out of it, on PATH; and check ran with it.
    let installed = r.installed("");
    assert!(!installed.is_symlink());
    assert_eq!(
        std::fs::read(&installed).unwrap(),
        std::fs::read(&launcher).unwrap()
    );
    assert_eq!(
        r.path.first(),
        installed.parent().map(Path::to_path_buf).as_ref()
    );
    assert!(r.last_stdout().starts_with("check passed on 2021-01-15"));
    // Nothing of the download is left in the runner's temp folder.
    assert!(!r.dir.path().join("temp/vision-sched-download").exists());
}

#[test]
fn a_download_that_does_not_verify_is_never_run_and_the_action_builds_instead() {
    let name = format!("vision-sched-v{VERSION}-x86_64-unknown-linux-gnu.tar.gz");
    let wrong = format!("{}  {name}\n", "0".repeat(64));
    let other = format!("{}  other.tar.gz\n", "0".repeat(64));
    let cases: [(&str, &str); 4] = [
        (&wrong, "it does not match its checksum (sha256 "),
        (&other, "its checksum file is not a sha256sum line for it"),
        ("", "its checksum file is not a sha256sum line for it"),
        // A checksum file's text is never printed, so it cannot be a log command.
        (
            "::error::pwned\n",
            "its checksum file is not a sha256sum line for it",
        ),
    ];
    for (sum, said) in cases {
        let mut r = Runner::new(Installs::Real);
        r.file("schedule.toml", &bundled());
        // The archive's vision-sched leaves a mark if it is ever run.
        let marker = r.dir.path().join("ran");
        let tampered = r.dir.path().join("tampered");
        write_program(
            &tampered,
            &format!("#!/bin/sh\ntouch '{}'\n", marker.display()),
        );
        r.publish("x86_64-unknown-linux-gnu", &tampered, Some(sum));
        assert_eq!(
            r.run(&[("VISION_SCHED_TODAY", "2021-01-15")]),
            0,
            "{:#?}",
            r.log
        );
        let log = r.install_log();
        let warning = format!("::warning title=vision-sched::{name} is not used: {said}");
        assert!(log.starts_with(&warning), "{sum:?}: {log}");
        assert!(
            log.ends_with(
                "vision-sched: the download did not verify; building it from the action's source\n"
            ),
            "{log}"
        );
        assert_eq!(log.lines().count(), 2, "{log}");
        assert!(r.built());
        assert!(!marker.exists(), "{sum:?}: the download ran");
        // What runs is the build (the stub links the binary under test).
        assert_eq!(std::fs::read_link(r.installed("")).unwrap(), Path::new(BIN));
        assert!(r.last_stdout().starts_with("check passed on 2021-01-15"));
    }
}

#[test]
fn without_a_release_of_its_version_it_builds_from_source() {
    let mut r = Runner::new(Installs::Real);
    r.file("schedule.toml", &bundled());
    // A release of another version is not this one's.
    let launcher = r.launcher();
    let other = r.publish("x86_64-unknown-linux-gnu", &launcher, None);
    let moved = r.dir.path().join("releases/v0.0.1");
    std::fs::rename(other.parent().unwrap(), &moved).unwrap();
    assert_eq!(
        r.run(&[("VISION_SCHED_TODAY", "2021-01-15")]),
        0,
        "{:#?}",
        r.log
    );
    let name = format!("vision-sched-v{VERSION}-x86_64-unknown-linux-gnu.tar.gz");
    assert_eq!(r.asked(), [format!("v{VERSION}/{name}.sha256")]);
    assert_eq!(
        r.install_log(),
        format!(
            "vision-sched: could not download {}/v{VERSION}/{name}; building it from the action's source\n",
            r.release_url()
        )
    );
    assert!(r.built());
    assert!(r.last_stdout().starts_with("check passed on 2021-01-15"));
}

#[test]
fn each_runner_asks_for_its_own_targets_archive() {
    for (os, arch, asset) in [
        ("Linux", "X64", "x86_64-unknown-linux-gnu.tar.gz"),
        ("Linux", "ARM64", "aarch64-unknown-linux-gnu.tar.gz"),
        ("macOS", "X64", "x86_64-apple-darwin.tar.gz"),
        ("macOS", "ARM64", "aarch64-apple-darwin.tar.gz"),
        ("Windows", "X64", "x86_64-pc-windows-msvc.zip"),
        ("Windows", "ARM64", "aarch64-pc-windows-msvc.zip"),
    ] {
        let mut r = Runner::new(Installs::Recorder);
        assert_eq!(
            r.run(&[("RUNNER_OS", os), ("RUNNER_ARCH", arch)]),
            0,
            "{:#?}",
            r.log
        );
        assert_eq!(
            r.asked(),
            [format!("v{VERSION}/vision-sched-v{VERSION}-{asset}.sha256")],
            "{os} {arch}"
        );
        assert!(r.built());
    }
    // A runner no release is built for builds at once.
    let mut r = Runner::new(Installs::Recorder);
    assert_eq!(
        r.run(&[("RUNNER_OS", "Linux"), ("RUNNER_ARCH", "ARM")]),
        0,
        "{:#?}",
        r.log
    );
    assert!(r.asked().is_empty());
    assert!(r.built());
    assert!(
        r.install_log()
            .starts_with("vision-sched: no release build for Linux ARM;")
    );
}

#[test]
fn on_windows_it_installs_the_exe_of_the_zip() {
    let mut r = Runner::new(Installs::Real);
    let launcher = r.launcher();
    r.publish("x86_64-pc-windows-msvc", &launcher, None);
    write_program(&r.dir.path().join("stub/cargo"), "#!/bin/sh\nexit 101\n");
    // The steps after it run `vision-sched`, which only Windows' bash finds as vision-sched.exe.
    let _ = r.run(&[("RUNNER_OS", "Windows"), ("RUNNER_ARCH", "X64")]);
    assert!(
        r.install_log().ends_with("checksum verified\n"),
        "{:#?}",
        r.log
    );
    assert!(!r.built());
    assert_eq!(
        std::fs::read(r.installed(".exe")).unwrap(),
        std::fs::read(&launcher).unwrap()
    );
}

#[test]
fn the_action_and_the_docs_pin_every_action_they_use_by_a_full_commit() {
    // As written, with their comments: the lines of action.yml and the docs' workflows.
    let text = std::fs::read_to_string(repo("action.yml")).unwrap() + &crate::common::docs_text();
    let uses: Vec<&str> = text
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            l.strip_prefix("- uses: ").or(l.strip_prefix("uses: "))
        })
        .collect();
    assert!(uses.len() >= 3, "{uses:?}");
    for u in &uses {
        // `owner/repo@` 40 hex digits, then the release it is as a comment.
        let (action, rest) = u.split_once('@').unwrap_or_else(|| panic!("{u}"));
        let (sha, comment) = rest.split_once(" # v").unwrap_or_else(|| panic!("{u}"));
        assert_eq!(action.matches('/').count(), 1, "{u}");
        assert!(
            sha.len() == 40
                && sha
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()),
            "{u}"
        );
        assert!(comment.starts_with(|c: char| c.is_ascii_digit()), "{u}");
    }
}
