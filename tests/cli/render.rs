//! `render`, through the built binary: the seed's table, spans of days, escaping, and
//! `--write`, which replaces the block between the markers and nothing else.

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use predicates::prelude::*;
use predicates::str::contains;

use crate::common::{Bin, ROOT, bin};

/// `render` run from the repository's root, on a schedule named from there.
fn render(schedule: &str, today: &str) -> Bin {
    let mut cmd = bin();
    cmd.current_dir(ROOT)
        .args(["render", "-f", schedule, "--today", today]);
    cmd
}

fn stdout(cmd: &Bin) -> String {
    let out = cmd.assert().success().get_output().clone();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const SEED_TABLE: &str = "\
| Phase | Date |
| --- | --- |
| **Drafting initial stories and proposals** | **until March 31** |
| 2021 Q1 revision published | March 31 |
| 2021 Q2 revision process begins | June 14 - June 30 |
| 2021 Q2 revision published | June 30 |
| 2021 Q3 revision process begins | Sep 13 - Sep 30 |
| 2021 Q3 revision published | Sep 30 |
| 2021 Q4 revision process begins | Nov 29 - Dec 10 |
| 2021 Q4 revision published | Dec 10 |
";

#[test]
fn the_seed_table_on_2021_01_15() {
    let got = stdout(&render("schedule.toml", "2021-01-15"));
    insta::assert_snapshot!("seed_2021_01_15", got);
    // Byte for byte the seed's "Status and schedule" table.
    assert_eq!(got, SEED_TABLE);
}

#[test]
fn current_rows_are_bold_in_both_cells() {
    let got = stdout(&render("schedule.toml", "2021-06-20"));
    assert!(got.contains("| **2021 Q2 revision process begins** | **June 14 - June 30** |\n"));
    assert!(got.contains("| Drafting initial stories and proposals | until March 31 |\n"));
    assert_eq!(got.matches("**").count(), 4, "{got}");
    // A day between phases has no bold row.
    let got = stdout(&render("schedule.toml", "2021-08-01"));
    assert!(!got.contains("**"), "{got}");
}

#[test]
fn covers_the_calendar_year_of_today_unless_told() {
    let f = "tests/fixtures/gate/years.toml";
    let got = stdout(&render(f, "2021-05-01"));
    insta::assert_snapshot!("years_2021", got);
    let got = stdout(&render(f, "2022-01-05"));
    insta::assert_snapshot!("years_2022", got);
    let got = stdout(render(f, "2021-05-01").args(["--from", "2020-12-01", "--to", "2021-01-31"]));
    insta::assert_snapshot!("years_winter_span", got);
    // No phase in the span: the table is only its header.
    assert_eq!(
        stdout(&render(f, "2030-01-01")),
        "| Phase | Date |\n| --- | --- |\n"
    );
    render(f, "2021-05-01")
        .args(["--from", "2021-06-02", "--to", "2021-06-01"])
        .assert()
        .code(2)
        .stderr(contains("--to must be on or after --from"));
}

fn doc_with(before: &[u8], after: &[u8]) -> Vec<u8> {
    let mut v = before.to_vec();
    v.extend_from_slice(after);
    v
}

fn temp_doc(bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("doc.md");
    fs::write(&p, bytes).unwrap();
    (tmp, p)
}

fn write(doc: &Path, today: &str) -> assert_cmd::assert::Assert {
    render("schedule.toml", today)
        .arg("--write")
        .arg(doc)
        .assert()
}

#[test]
fn write_replaces_only_the_block() {
    let before = "\u{feff}# Title — ünïcode\n\nText with trailing spaces   \n\n<!-- vision-sched:begin -->\n";
    let after = "<!-- vision-sched:end -->\n\n| other | table |\n|---|---|\nno final newline";
    let old = doc_with(before.as_bytes(), b"| stale |\n| rows |\n");
    let (_tmp, doc) = temp_doc(&doc_with(&old, after.as_bytes()));

    write(&doc, "2021-01-15")
        .success()
        .stdout("")
        .stderr(contains("schedule table updated"));
    let want = format!("{before}{SEED_TABLE}{after}");
    assert_eq!(fs::read(&doc).unwrap(), want.as_bytes());

    // Running again changes nothing.
    write(&doc, "2021-01-15")
        .success()
        .stderr(contains("already up to date"));
    assert_eq!(fs::read(&doc).unwrap(), want.as_bytes());
}

#[test]
fn write_keeps_crlf_line_endings() {
    let before = "Intro\r\n<!-- vision-sched:begin -->\r\n";
    let after = "<!-- vision-sched:end -->\r\nAfter\r\n";
    let (_tmp, doc) = temp_doc(format!("{before}old\r\n{after}").as_bytes());
    write(&doc, "2021-01-15").success();
    let want = format!("{before}{}{after}", SEED_TABLE.replace('\n', "\r\n"));
    assert_eq!(fs::read(&doc).unwrap(), want.as_bytes());
}

#[test]
fn write_keeps_permissions_and_leaves_no_temp_file() {
    let (tmp, doc) = temp_doc(b"<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n");
    fs::set_permissions(&doc, fs::Permissions::from_mode(0o640)).unwrap();
    write(&doc, "2021-06-20").success();
    assert_eq!(
        fs::metadata(&doc).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert!(
        fs::read_to_string(&doc)
            .unwrap()
            .contains("**June 14 - June 30**")
    );
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn missing_or_doubled_markers_are_refused_and_the_file_left_alone() {
    let cases: [(&[u8], &str); 4] = [
        (b"# No markers here\n", "doc.md: no `<!-- vision-sched:begin -->` marker line"),
        (
            b"<!-- vision-sched:begin -->\nrows\n",
            "has no `<!-- vision-sched:end -->` line after it",
        ),
        (
            b"<!-- vision-sched:begin -->\n<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n",
            "a second `<!-- vision-sched:begin -->` marker",
        ),
        (
            b"<!-- vision-sched:end -->\nx\n<!-- vision-sched:begin -->\n",
            "comes before",
        ),
    ];
    for (bytes, message) in cases {
        let (tmp, doc) = temp_doc(bytes);
        write(&doc, "2021-01-15")
            .code(2)
            .stdout("")
            .stderr(contains(message));
        assert_eq!(fs::read(&doc).unwrap(), bytes, "{message}");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}

#[test]
fn write_refuses_what_is_not_a_utf8_document() {
    let (tmp, doc) = temp_doc(b"<!-- vision-sched:begin -->\n\xff\n<!-- vision-sched:end -->\n");
    write(&doc, "2021-01-15")
        .code(2)
        .stderr(contains("not UTF-8"));
    write(tmp.path(), "2021-01-15")
        .code(2)
        .stderr(contains("is a folder"));
    write(&tmp.path().join("missing.md"), "2021-01-15")
        .code(2)
        .stderr(contains("missing.md: no such file"));
}

#[test]
fn markdown_in_names_is_made_harmless() {
    let got = stdout(&render("tests/fixtures/gate/years.toml", "2021-12-24"));
    assert!(
        got.contains("| **Winter \\*freeze\\* \\| no merges** | **Dec 20, 2021 - Jan 10, 2022** |"),
        "{got}"
    );
    assert!(
        got.contains("| 100% review, part 1: \\`api\\` | June 30 |"),
        "{got}"
    );
    // Every row still has exactly two cells.
    for line in got.lines() {
        assert_eq!(line.replace("\\|", "").matches('|').count(), 3, "{line}");
    }
}

/// A document whose numbered list shows the markers in a fenced example indented four spaces
/// (issue 10, item 9): the example is code, not a pair of markers.
const LIST_EXAMPLE: &str = "\
# Setup

1. Put the markers where the table belongs:

    ```markdown
    <!-- vision-sched:begin -->
    <!-- vision-sched:end -->
    ```

2. Run `render --write`; a span like `<!-- vision-sched:begin -->` is text too.
";

#[test]
fn markers_in_a_list_items_fence_are_an_example() {
    // With real markers below, only the real block is written.
    let real = "\n## Status\n\n<!--vision-sched:begin-->\nold\n<!--vision-sched:end-->\n";
    let (_tmp, doc) = temp_doc(format!("{LIST_EXAMPLE}{real}").as_bytes());
    write(&doc, "2021-01-15")
        .success()
        .stderr(contains("schedule table updated (lines 14-25)"));
    let want = format!(
        "{LIST_EXAMPLE}\n## Status\n\n<!--vision-sched:begin-->\n{SEED_TABLE}<!--vision-sched:end-->\n"
    );
    assert_eq!(fs::read_to_string(&doc).unwrap(), want);

    // With none, the example is never written into.
    let (_tmp, doc) = temp_doc(LIST_EXAMPLE.as_bytes());
    write(&doc, "2021-01-15").code(2).stderr(contains(
        "doc.md: no `<!-- vision-sched:begin -->` marker line",
    ));
    assert_eq!(fs::read_to_string(&doc).unwrap(), LIST_EXAMPLE);
}

#[test]
fn a_block_of_another_format_is_refused_naming_its_line() {
    let text = "# Doc\n\n<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n\n\
                <!-- vision-sched:begin gantt -->\n<!-- vision-sched:end -->\n";
    let (_tmp, doc) = temp_doc(text.as_bytes());
    write(&doc, "2021-01-15")
        .code(2)
        .stdout("")
        .stderr(contains("unknown block format `gantt`"))
        .stderr(contains("doc.md:6:1"));
    assert_eq!(fs::read_to_string(&doc).unwrap(), text);

    // A marker sharing its line, in a quote, is refused rather than ignored.
    let text = "<!-- vision-sched:begin -->\n> <!-- vision-sched:end -->\n";
    let (_tmp, doc) = temp_doc(text.as_bytes());
    write(&doc, "2021-01-15")
        .code(2)
        .stderr(contains("a marker must be on a line of its own"))
        .stderr(contains("doc.md:2:3"));
}

// `--write` under faults (issue 10, items 2 and 8): the document is written as publish writes
// the schedule.

const EMPTY_BLOCK: &[u8] = b"# Doc\n<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n";

#[test]
fn write_refuses_a_read_only_document_and_one_with_hard_links() {
    let (tmp, doc) = temp_doc(EMPTY_BLOCK);
    fs::set_permissions(&doc, fs::Permissions::from_mode(0o444)).unwrap();
    write(&doc, "2021-01-15")
        .code(2)
        .stdout("")
        .stderr(contains("is read-only (mode 0444)"));
    assert_eq!(fs::read(&doc).unwrap(), EMPTY_BLOCK);

    fs::set_permissions(&doc, fs::Permissions::from_mode(0o644)).unwrap();
    fs::hard_link(&doc, tmp.path().join("again.md")).unwrap();
    write(&doc, "2021-01-15")
        .code(2)
        .stderr(contains("has 2 hard links"));
    assert_eq!(fs::read(&doc).unwrap(), EMPTY_BLOCK);
    assert_eq!(fs::read(tmp.path().join("again.md")).unwrap(), EMPTY_BLOCK);
}

#[test]
fn write_keeps_the_documents_owner_and_group() {
    if !crate::publish::running_as_root() {
        eprintln!("skipped: only root can give a file to another user");
        return;
    }
    let (_tmp, doc) = temp_doc(EMPTY_BLOCK);
    std::os::unix::fs::chown(&doc, Some(65534), Some(65534)).unwrap();
    write(&doc, "2021-01-15").success();
    let meta = fs::metadata(&doc).unwrap();
    assert_eq!((meta.uid(), meta.gid()), (65534, 65534));
    assert!(fs::read_to_string(&doc).unwrap().contains("March 31"));
}

#[test]
fn write_waits_for_a_held_lock_then_gives_up() {
    let (_tmp, doc) = temp_doc(EMPTY_BLOCK);
    let held = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&doc)
        .unwrap();
    held.lock().unwrap();
    render("schedule.toml", "2021-01-15")
        .args(["--wait", "300ms", "--write"])
        .arg(&doc)
        .assert()
        .code(3)
        .stderr(contains("waiting for the lock on").and(contains("is still locked by process")));
    drop(held);
    assert_eq!(fs::read(&doc).unwrap(), EMPTY_BLOCK);
    write(&doc, "2021-01-15").success();
}

/// The comparison with what was read comes right before the rename, after the temp file is
/// fsynced: an edit made while render is stopped at that fsync is kept. Skips without strace.
#[test]
fn write_keeps_an_edit_made_while_the_temp_file_syncs() {
    use crate::publish::{Wrapped, has_temp_file, resume, stop_at_first_fsync, until};
    let Some(strace) = stop_at_first_fsync() else {
        return;
    };
    let (tmp, doc) = temp_doc(EMPTY_BLOCK);
    let child = Wrapped::new(&strace)
        .args(["render", "--today", "2021-01-15", "-f"])
        .arg(Path::new(ROOT).join("schedule.toml"))
        .arg("--write")
        .arg(&doc)
        .spawn();
    assert!(until(|| has_temp_file(tmp.path())), "no temp file appeared");
    let mut f = fs::OpenOptions::new().append(true).open(&doc).unwrap();
    std::io::Write::write_all(&mut f, b"appended\n").unwrap();
    drop(f);
    let out = resume(child);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("changed while rendering"), "{err}");
    assert_eq!(
        fs::read(&doc).unwrap(),
        [EMPTY_BLOCK, b"appended\n"].concat()
    );
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
}
