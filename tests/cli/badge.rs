//! `export badge`: the JSON a shields.io endpoint badge reads, in the shape its documentation
//! states (`scripts/badge-check.sh` validates it against that schema with jsonschema, too).

use crate::common::{bin, repo};

/// The badge of `args`, parsed, after checking it is one line of JSON with exactly the keys
/// shields.io's endpoint takes and this badge sets.
fn badge(dir: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = bin()
        .current_dir(dir)
        .args(["export", "badge"])
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches('\n').count(), 1, "{text}");
    assert!(text.ends_with('\n'), "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["color", "label", "message", "schemaVersion"],
        "{text}"
    );
    assert_eq!(v["schemaVersion"], 1);
    assert!(v["label"].is_string());
    assert!(!v["message"].as_str().unwrap().is_empty());
    v
}

#[test]
fn the_badge_says_what_is_overdue_else_what_is_due_soon() {
    let root = repo("");
    let cases = [
        ("2021-07-01", "2 overdue", "red"),
        ("2021-03-25", "due in 6 days", "yellow"),
        ("2021-03-30", "due tomorrow", "yellow"),
        ("2021-03-31", "due today", "yellow"),
        ("2021-03-23", "on schedule", "brightgreen"),
        ("2021-01-15", "on schedule", "brightgreen"),
        ("2022-01-01", "4 overdue", "red"),
    ];
    for (today, message, color) in cases {
        let v = badge(&root, &["--today", today]);
        assert_eq!(
            (v["message"].as_str(), v["color"].as_str()),
            (Some(message), Some(color)),
            "{today}"
        );
        assert_eq!(v["label"], "schedule");
    }
    // Every document read counts.
    let v = badge(
        &repo("tests/fixtures/portfolio"),
        &["--today", "2026-12-01"],
    );
    assert_eq!(v["message"], "3 overdue");
    // A label of one's own, empty too (shields.io then leaves out the left side).
    let v = badge(&root, &["--today", "2021-07-01", "--label", "Vision"]);
    assert_eq!(v["label"], "Vision");
    assert_eq!(
        badge(&root, &["--today", "2021-07-01", "--label", ""])["label"],
        ""
    );
}

#[test]
fn the_badge_is_written_where_o_says() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("badge.json");
    bin()
        .current_dir(repo(""))
        .args(["export", "badge", "--today", "2021-07-01", "-o"])
        .arg(&file)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "{\"schemaVersion\":1,\"label\":\"schedule\",\"message\":\"2 overdue\",\"color\":\"red\"}\n"
    );
}
