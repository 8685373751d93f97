//! Finding the schedule and the config file, through the built binary.

use std::path::Path;

use crate::common::{Bin, bin};

const SEED: &str = repo!("tests/fixtures/core/seed.toml");

/// The binary in a bare environment: only HOME and PATH (not even the sandbox's XDG folders or
/// TZ), run from `cwd`.
fn bare(home: &Path, cwd: &Path) -> Bin {
    let mut c = bin();
    c.env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/bin:/bin")
        .current_dir(cwd);
    c
}

fn seed_text() -> String {
    std::fs::read_to_string(SEED).unwrap()
}

#[test]
fn nearest_parent_folder_wins() {
    let home = tempfile::tempdir().unwrap();
    let project = home.path().join("project");
    let deep = project.join("docs/vision");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(project.join("schedule.toml"), seed_text()).unwrap();
    let out = bare(home.path(), &deep)
        .args(["status", "--today", "2021-06-20"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("2021-06-20 - 2021 Q2"));
}

#[test]
fn the_config_folder_and_the_config_file() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".config/vision-sched");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("schedule.toml"), seed_text()).unwrap();
    let out = bare(home.path(), home.path())
        .args(["overdue", "--today", "2021-07-01"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 months 1 day overdue"));

    // The config file's `schedule` comes before schedule.toml in the config folder, and its
    // horizon applies.
    let elsewhere = home.path().join("vision.toml");
    std::fs::write(
        &elsewhere,
        seed_text().replace("2021 Q1 revision published", "Q1 shipped"),
    )
    .unwrap();
    std::fs::write(
        config.join("config.toml"),
        "schedule = \"~/vision.toml\"\nhorizon = \"91d\"\ncolor = \"never\"\n",
    )
    .unwrap();
    let out = bare(home.path(), home.path())
        .args(["status", "--today", "2021-07-01", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["overdue"][0]["name"], "Q1 shipped");
    assert_eq!(
        v["upcoming"].as_array().unwrap().len(),
        3,
        "91-day horizon: {v}"
    );
}

#[test]
fn the_environment_variable_names_the_file() {
    let home = tempfile::tempdir().unwrap();
    let seed = std::fs::canonicalize(SEED).unwrap();
    let out = bare(home.path(), home.path())
        .env("VISION_SCHED_FILE", &seed)
        .args(["status", "--today", "2021-06-20"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn when_none_is_found_every_place_tried_is_listed() {
    let home = tempfile::tempdir().unwrap();
    let out = bare(home.path(), home.path())
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no schedule file found"), "{err}");
    assert!(err.contains("every folder above it"), "{err}");
    assert!(err.contains(".config/vision-sched/schedule.toml"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_bad_config_file_is_named_with_its_line() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join(".config/vision-sched");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "horizon = \"30d\"\ncolour = \"never\"\n",
    )
    .unwrap();
    let out = bare(home.path(), home.path())
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("config.toml:2:"), "{err}");
    assert!(err.contains("colour"), "{err}");
}
