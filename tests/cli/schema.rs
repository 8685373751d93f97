//! `vision-sched schema` and the copy of its output in the repository, and the schema `init`
//! writes beside the starter, which its `#:schema` line names. scripts/schema-check.sh validates schedules against it with independent
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

/// The starter names the schema beside it, which init writes: `#:schema` resolves offline and
/// is the schema of the version that wrote the starter (scripts/schema-check.sh has taplo read it).
#[test]
fn init_writes_the_schema_beside_the_starter_and_points_at_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["init", "notes/plan.toml", "--today", "2026-11-23"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "wrote notes/plan.toml and notes/vision-sched.schema.json; try `vision-sched status -f notes/plan.toml`\n"
    );
    let written = std::fs::read_to_string(dir.path().join("notes/plan.toml")).unwrap();
    // taplo reads `#:schema PATH` as the file's first line, relative to the file.
    assert_eq!(
        written.lines().next().unwrap(),
        "#:schema ./vision-sched.schema.json"
    );
    let beside = dir.path().join("notes/vision-sched.schema.json");
    assert!(std::fs::read_to_string(&beside).unwrap() == printed());
}

/// A schema already beside the new schedule is never replaced: the same one quietly, another
/// with a warning that names the command that replaces it.
#[test]
fn init_never_replaces_a_schema_already_there() {
    let dir = tempfile::tempdir().unwrap();
    let beside = dir.path().join("vision-sched.schema.json");
    let init = |name: &str| {
        let out = bin()
            .current_dir(dir.path())
            .args(["init", name, "--today", "2026-11-23"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(dir.path().join(name).is_file());
        String::from_utf8(out.stderr).unwrap()
    };
    std::fs::write(&beside, printed()).unwrap();
    assert_eq!(
        init("a.toml"),
        "wrote a.toml; try `vision-sched status -f a.toml`\n"
    );
    std::fs::write(&beside, "{\"mine\": true}\n").unwrap();
    assert_eq!(
        init("b.toml"),
        "wrote b.toml; try `vision-sched status -f b.toml`\n\
         warning: kept vision-sched.schema.json, which is not this version's schema; \
         `vision-sched schema > vision-sched.schema.json` replaces it\n"
    );
    assert_eq!(
        std::fs::read_to_string(&beside).unwrap(),
        "{\"mine\": true}\n"
    );
}
