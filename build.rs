//! Sets `VISION_SCHED_VERSION`, what `--version` prints: the package's version, and the commit
//! when built from a git checkout (`0.1.0 (e82b4db)`). A build from a package or a tarball (no
//! `.git` beside Cargo.toml), or where git is missing or fails, gets the plain version: this
//! script never fails the build.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    println!("cargo:rerun-if-changed=build.rs");
    let commit = if dir.join(".git").exists() {
        commit(&dir)
    } else {
        None
    };
    let shown = match commit {
        Some(c) => format!("{version} ({c})"),
        None => version,
    };
    println!("cargo:rustc-env=VISION_SCHED_VERSION={shown}");
}

/// The short hash of HEAD, and the files to watch so a new commit or checkout rebuilds.
fn commit(dir: &Path) -> Option<String> {
    let head = git(dir, &["rev-parse", "--short", "HEAD"])?;
    if !head.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    // HEAD names the branch; the branch's ref (loose or packed) names the commit. In a linked
    // worktree these live in different folders, which `--git-path` knows.
    let mut watch = vec!["HEAD".to_string(), "packed-refs".to_string()];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watch.push(branch);
    }
    for name in watch {
        if let Some(path) = git(dir, &["rev-parse", "--git-path", &name]) {
            let path = dir.join(path);
            // A path that does not exist would rerun this script on every build.
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    Some(head)
}

/// One line of git's output, or `None` when git is missing or fails. The repository is the one
/// at `dir`, whatever `GIT_DIR` a calling hook has set.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_COMMON_DIR")
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let line = text.trim();
    (!line.is_empty()).then(|| line.to_string())
}
