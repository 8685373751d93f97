//! Cost is bounded: every input dimension has a documented limit or a cost close to linear, and
//! no small input takes gigabytes or minutes.

use std::fs;
use std::time::Duration;

use crate::common::{bin, ok};

/// A folder with a vision that includes `pattern`, and two policies under `policies/`.
fn tree(pattern: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("policies/security")).unwrap();
    fs::write(
        root.join("vision.toml"),
        format!(
            "[document]\ntitle = \"Vision\"\ninclude = [\"{pattern}\"]\n\n\
             [[phase]]\nname = \"Vision published\"\ndue = 2030-01-01\n"
        ),
    )
    .unwrap();
    for (file, title) in [
        ("policies/privacy.toml", "Privacy"),
        ("policies/security/policy.toml", "Security"),
    ] {
        fs::write(
            root.join(file),
            format!("[document]\ntitle = \"{title}\"\n\n[[phase]]\nname = \"review\"\ndue = 2030-01-01\n"),
        )
        .unwrap();
    }
    dir
}

fn documents(dir: &tempfile::TempDir) -> String {
    ok(&bin()
        .current_dir(dir.path())
        .args([
            "-f",
            "vision.toml",
            "phases",
            "--today",
            "2030-01-01",
            "--format",
            "json",
        ])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap())
}

/// Issue 21, finding 2.6: `**` on a tree with two links to a parent (the shape of LLVM's build
/// folders) never ended, while `-f DIR` on the same tree finished at once. A glob walks as a
/// folder is walked: each folder once.
#[test]
fn a_glob_with_two_links_to_a_parent_ends() {
    let dir = tree("policies/**/*.toml");
    let build = dir.path().join("policies/build");
    fs::create_dir(&build).unwrap();
    std::os::unix::fs::symlink("..", build.join("Debug")).unwrap();
    std::os::unix::fs::symlink("..", build.join("Release")).unwrap();
    let json = documents(&dir);
    for title in ["\"Vision\"", "\"Privacy\"", "\"Security\""] {
        assert_eq!(
            json.matches(&format!("\"name\": {title}")).count(),
            1,
            "{json}"
        );
    }
}

/// Issue 21, finding 2.7: a FIFO matched by an `include` glob blocked forever, while `-f DIR`
/// skipped it. A glob skips what a folder skips.
#[test]
fn a_fifo_matched_by_a_glob_is_left_out() {
    let dir = tree("policies/*.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("policies/pipe.toml"))
        .status()
        .unwrap();
    assert!(made.success());
    let json = documents(&dir);
    assert!(json.contains("\"name\": \"Privacy\""), "{json}");
    // Not deeper than the pattern reaches.
    assert!(!json.contains("\"name\": \"Security\""), "{json}");
}
