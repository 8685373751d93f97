//! `--version` names the version, and the commit when built from a git checkout (build.rs). The
//! plain version of a build from the package is checked by .ci/run, on the build `cargo package`
//! makes from the packaged files.

use std::process::Command;

use crate::common::{ROOT, bin};

#[test]
fn names_the_version_and_the_commit_it_was_built_from() {
    let out = bin().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let shown = String::from_utf8(out.stdout).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let head = Command::new("git")
        .args(["-C", ROOT, "rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8(o.stdout).unwrap().trim().to_string());
    let want = match head {
        Some(hash) if std::path::Path::new(ROOT).join(".git").exists() => {
            format!("vision-sched {version} ({hash})\n")
        }
        _ => format!("vision-sched {version}\n"),
    };
    assert_eq!(shown, want);
}

#[test]
fn every_command_shows_the_same_version() {
    let top = bin().arg("--version").output().unwrap().stdout;
    let top = String::from_utf8(top).unwrap();
    let sub = bin().args(["check", "--version"]).output().unwrap().stdout;
    let sub = String::from_utf8(sub).unwrap();
    assert_eq!(
        sub.strip_prefix("vision-sched-check "),
        top.strip_prefix("vision-sched ")
    );
}
