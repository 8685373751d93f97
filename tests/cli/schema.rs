//! `vision-sched schema` and the copy of its output in the repository, and the `#:schema` line
//! `init` writes. scripts/schema-check.sh validates schedules against it with independent
//! validators.

use crate::common::{bin, repo};

fn printed() -> String {
    let out = bin().arg("schema").output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_repositorys_schema_is_what_the_command_prints() {
    let file = std::fs::read_to_string(repo("schema/vision-sched.schema.json")).unwrap();
    assert!(
        printed() == file,
        "schema/vision-sched.schema.json is stale: run `cargo run -- schema > schema/vision-sched.schema.json`"
    );
}

#[test]
fn it_is_a_closed_json_schema_2020_12() {
    let v: serde_json::Value = serde_json::from_str(&printed()).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(v["additionalProperties"], false);
    let phase = &v["properties"]["phase"]["items"];
    assert_eq!(phase["additionalProperties"], false);
    for key in ["name", "due", "on", "planned", "planned_start", "shift"] {
        assert!(phase["properties"][key]["description"].is_string(), "{key}");
    }
    let document = &v["properties"]["document"]["properties"];
    for key in [
        "weekend",
        "holidays",
        "holiday_calendars",
        "shift",
        "include",
    ] {
        assert!(document[key].is_object(), "{key}");
    }
}

#[test]
fn init_points_editors_at_the_published_schema() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["init", "--today", "2026-11-23"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join("schedule.toml")).unwrap();
    let first = written.lines().next().unwrap();
    let v: serde_json::Value = serde_json::from_str(&printed()).unwrap();
    let id = v["$id"].as_str().unwrap();
    // taplo reads `#:schema URL` as the file's first line.
    assert_eq!(first, format!("#:schema {id}"));
    // The URL is this repository's file on its main branch.
    let repository = env!("CARGO_PKG_REPOSITORY")
        .strip_prefix("https://github.com/")
        .unwrap();
    assert_eq!(
        id,
        format!(
            "https://raw.githubusercontent.com/{repository}/main/schema/vision-sched.schema.json"
        )
    );
}
