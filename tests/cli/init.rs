//! `vision-sched init` through the built binary.

use crate::common::{bin, fails, ok};

#[test]
fn writes_a_starter_that_loads_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["init", "--today", "2026-11-23"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = dir.path().join("schedule.toml");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("[[cadence]]") && written.contains("due = 2026-12-31"),
        "{written}"
    );
    assert!(
        written.lines().filter(|l| l.starts_with('#')).count() >= 5,
        "it is commented"
    );

    // The starter works with every reporting command, found from its folder.
    let out = bin()
        .current_dir(dir.path())
        .args(["phases", "--today", "2027-05-01", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names[..3],
        [
            "Drafting the first version",
            "First version published",
            "2027 Q1 revision process begins"
        ]
    );
    let states: Vec<&str> = v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["state"].as_str().unwrap())
        .collect();
    assert_eq!(states[..4], ["past", "overdue", "past", "overdue"]);

    // A second run changes nothing and says why.
    std::fs::write(&path, "# mine\n").unwrap();
    let out = bin().current_dir(dir.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# mine\n");
}

#[test]
fn writes_to_a_given_path_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vision.toml");
    let out = bin()
        .args(["init", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = bin()
        .args(["status", "-f", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The schedule and its schema beside it, and no temp file.
    let mut entries: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["vision-sched.schema.json", "vision.toml"]);

    let missing = dir.path().join("no/such/folder/schedule.toml");
    let out = bin()
        .args(["init", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());
}

#[test]
fn refuses_to_replace_a_symlink_or_folder() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.toml");
    std::fs::write(&target, "x").unwrap();
    let link = dir.path().join("schedule.toml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = bin().current_dir(dir.path()).arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "x");
    let out = bin()
        .args(["init", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// The path has one way in, the argument: `-f` names schedules to read, so init refuses it and
/// shows the command it meant. A path with a space is quoted in the hint.
#[test]
fn init_takes_its_path_as_an_argument_only() {
    let dir = tempfile::tempdir().unwrap();
    let err = fails(
        &bin()
            .current_dir(dir.path())
            .args(["init", "-f", "my plan.toml", "--today", "2026-11-23"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        err,
        "error: init takes its path as an argument, not with -f: vision-sched init 'my plan.toml'\n"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let out = bin()
        .current_dir(dir.path())
        .args(["init", "my plan.toml", "--today", "2026-11-23"])
        .output()
        .unwrap();
    assert_eq!(ok(&out), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "wrote my plan.toml and vision-sched.schema.json; try `vision-sched status -f 'my plan.toml'`\n"
    );
    assert!(fails(&bin().args(["init", "-"]).output().unwrap()).contains("standard input"));
}

/// Issue 10, item 18: a missing folder is named, and nothing is created.
#[test]
fn init_names_the_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["init", "docs/vision/schedule.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: docs/vision/schedule.toml: the folder docs/vision does not exist\n  = create it first: mkdir -p docs/vision\n"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

    std::fs::write(dir.path().join("docs"), "a file").unwrap();
    let out = bin()
        .current_dir(dir.path())
        .args(["init", "docs/schedule.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("docs is not a folder"));
}

/// Issue 10, item 18: near the calendar's end the starter still loads (its dates stop at
/// 9999-12-31), so init never points at a line of a file it did not write.
#[test]
fn init_near_the_end_of_the_calendar() {
    for today in ["9999-12-01", "9999-12-31", "9999-10-15", "0001-01-01"] {
        let dir = tempfile::tempdir().unwrap();
        let out = bin()
            .current_dir(dir.path())
            .args(["init", "--today", today])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(0), "{today}: {err}");
        assert!(!err.contains("-->"), "{today}: {err}");
        let written = std::fs::read_to_string(dir.path().join("schedule.toml")).unwrap();
        assert!(!written.contains("10000-"), "{written}");
        for command in ["status", "phases", "check"] {
            let out = bin()
                .current_dir(dir.path())
                .args([command, "--today", today])
                .output()
                .unwrap();
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{today} {command}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}
