//! `export ics`: the feed is parsed back with an independent iCalendar parser (the `ical`
//! crate) and every field is checked, then the bytes are checked for what parsers forgive.

use std::collections::HashSet;
use std::io::BufReader;

use ical::parser::ical::component::{IcalCalendar, IcalEvent, IcalTodo};
use ical::property::Property;

use crate::common::{Bin, bin};

const SEED: &str = repo!("tests/fixtures/export/seed.toml");
const TRICKY: &str = repo!("tests/fixtures/export/tricky.toml");
/// 2021-06-20T00:00:00Z.
const EPOCH: &str = "1624147200";

fn cmd(file: &str, today: &str, args: &[&str]) -> Bin {
    let mut c = bin();
    c.env("SOURCE_DATE_EPOCH", EPOCH)
        .args(["-f", file, "--today", today, "export", "ics"])
        .args(args);
    c
}

fn export(file: &str, today: &str, args: &[&str]) -> String {
    let out = cmd(file, today, args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("the feed is UTF-8")
}

fn parse(feed: &str) -> IcalCalendar {
    let mut parser = ical::IcalParser::new(BufReader::new(feed.as_bytes()));
    let cal = parser
        .next()
        .expect("one calendar")
        .expect("a valid calendar");
    assert!(parser.next().is_none(), "exactly one calendar");
    cal
}

fn prop<'a>(props: &'a [Property], name: &str) -> &'a Property {
    let found: Vec<&Property> = props.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "one {name} in {props:#?}");
    found[0]
}

fn value(props: &[Property], name: &str) -> String {
    prop(props, name).value.clone().unwrap_or_default()
}

fn has(props: &[Property], name: &str) -> bool {
    props.iter().any(|p| p.name == name)
}

/// A DATE property: `VALUE=DATE` and the value.
fn date_value(props: &[Property], name: &str) -> String {
    let p = prop(props, name);
    assert_eq!(
        p.params,
        Some(vec![("VALUE".to_string(), vec!["DATE".to_string()])]),
        "{name} is a DATE"
    );
    p.value.clone().unwrap()
}

/// Undoes RFC 5545 TEXT escaping.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(c @ ('\\' | ';' | ',')) => out.push(c),
                other => panic!("bad escape \\{other:?} in {text:?}"),
            }
        } else {
            assert!(c != ';' && c != ',', "unescaped {c:?} in {text:?}");
            out.push(c);
        }
    }
    out
}

fn summaries(events: &[IcalEvent]) -> Vec<String> {
    events
        .iter()
        .map(|e| unescape(&value(&e.properties, "SUMMARY")))
        .collect()
}

const SEED_ROWS: [(&str, &str, &str); 8] = [
    // Until a window with no start: one day, its last.
    (
        "Drafting initial stories and proposals",
        "20210331",
        "20210401",
    ),
    ("2021 Q1 revision published", "20210331", "20210401"),
    ("2021 Q2 revision process begins", "20210614", "20210701"),
    ("2021 Q2 revision published", "20210630", "20210701"),
    ("2021 Q3 revision process begins", "20210913", "20211001"),
    ("2021 Q3 revision published", "20210930", "20211001"),
    ("2021 Q4 revision process begins", "20211129", "20211211"),
    ("2021 Q4 revision published", "20211210", "20211211"),
];

#[test]
fn the_seed_becomes_one_all_day_event_per_phase() {
    let cal = parse(&export(SEED, "2021-06-20", &[]));
    assert_eq!(value(&cal.properties, "VERSION"), "2.0");
    assert_eq!(
        value(&cal.properties, "PRODID"),
        format!(
            "-//vision-sched//vision-sched {}//EN",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert_eq!(value(&cal.properties, "CALSCALE"), "GREGORIAN");
    assert_eq!(value(&cal.properties, "METHOD"), "PUBLISH");
    assert_eq!(
        unescape(&value(&cal.properties, "X-WR-CALNAME")),
        "Async I/O in Rust: the vision"
    );
    assert!(cal.todos.is_empty());
    assert_eq!(cal.events.len(), 8);

    let mut uids = HashSet::new();
    for (event, (name, start, end)) in cal.events.iter().zip(SEED_ROWS) {
        let p = &event.properties;
        assert_eq!(unescape(&value(p, "SUMMARY")), name);
        assert_eq!(date_value(p, "DTSTART"), start, "{name}");
        assert_eq!(
            date_value(p, "DTEND"),
            end,
            "{name}: DTEND is the day after the last"
        );
        assert_eq!(value(p, "DTSTAMP"), "20210620T000000Z");
        assert_eq!(value(p, "TRANSP"), "TRANSPARENT");
        let uid = value(p, "UID");
        assert!(uid.ends_with("@vision-sched"), "{uid}");
        assert!(uids.insert(uid), "UIDs are unique");
        assert!(event.alarms.is_empty());
        assert!(!has(p, "URL"));
    }
    let drafting = &cal.events[0].properties;
    assert_eq!(
        unescape(&value(drafting, "DESCRIPTION")),
        "Runs until 2021-03-31 (no start date)."
    );
    assert!(!has(&cal.events[1].properties, "DESCRIPTION"));
}

#[test]
fn same_input_gives_the_same_bytes_and_uids_survive_a_new_day() {
    let a = export(SEED, "2021-06-20", &[]);
    let b = export(SEED, "2021-06-20", &[]);
    assert_eq!(a, b);

    // Another day and another stamp: only DTSTAMP changes, so subscribers update in place.
    let later = cmd(SEED, "2021-11-01", &[])
        .env("SOURCE_DATE_EPOCH", "1635724800")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let later = String::from_utf8(later).unwrap();
    assert_eq!(
        a.replace("DTSTAMP:20210620T000000Z", "DTSTAMP:20211101T000000Z"),
        later
    );
}

#[test]
fn without_source_date_epoch_the_stamp_is_now() {
    let out = cmd(SEED, "2021-06-20", &[])
        .env_remove("SOURCE_DATE_EPOCH")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let cal = parse(&String::from_utf8(out).unwrap());
    let stamp = value(&cal.events[0].properties, "DTSTAMP");
    let year: i32 = stamp[..4].parse().unwrap();
    assert!(year >= 2025, "{stamp}");
    assert_eq!(stamp.len(), 16, "{stamp}");
    assert!(stamp.ends_with('Z'));
}

#[test]
fn lines_end_in_crlf_and_fold_at_75_octets_on_character_boundaries() {
    for file in [SEED, TRICKY] {
        let feed = export(file, "2021-06-20", &["--todo", "--alarm", "7d"]);
        let bytes = feed.as_bytes();
        assert!(feed.ends_with("END:VCALENDAR\r\n"));
        for (i, &b) in bytes.iter().enumerate() {
            if b == b'\n' {
                assert_eq!(bytes[i - 1], b'\r', "bare LF at {i}");
            }
            if b == b'\r' {
                assert_eq!(bytes.get(i + 1), Some(&b'\n'), "bare CR at {i}");
            }
        }
        let mut folded = 0;
        for line in bytes.split(|&b| b == b'\n') {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            assert!(
                line.len() <= 75,
                "{} octets: {:?}",
                line.len(),
                String::from_utf8_lossy(line)
            );
            let text = std::str::from_utf8(line).expect("no UTF-8 character split by a fold");
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\t'),
                "{text:?}"
            );
            if text.starts_with(' ') {
                folded += 1;
            }
        }
        if file == TRICKY {
            assert!(folded >= 3, "the long name and note are folded");
        }
    }
}

#[test]
fn text_is_escaped_and_survives_the_round_trip() {
    let cal = parse(&export(TRICKY, "2021-06-20", &[]));
    assert_eq!(
        unescape(&value(&cal.properties, "X-WR-CALNAME")),
        "Team; plans, and \\ notes: ünïcødé"
    );
    let plan = &cal.events[0].properties;
    assert_eq!(value(plan, "SUMMARY"), r"Plan | review\, *draft* \\ <b>");
    assert_eq!(
        unescape(&value(plan, "SUMMARY")),
        r"Plan | review, *draft* \ <b>"
    );
    // The terminal escape is dropped; the note and the link are both in the description.
    assert_eq!(
        unescape(&value(plan, "DESCRIPTION")),
        "Line one; with, specials \\ here\nLine two [31m red\n\nhttps://example.com/plan?a=1,b=2;c"
    );
    // A URI is not TEXT: no backslashes.
    assert_eq!(value(plan, "URL"), "https://example.com/plan?a=1,b=2;c");

    let names = summaries(&cal.events);
    assert_eq!(
        names[1],
        "Ship the very long release named ünïcødé ✓ ✓ ✓ with a name that goes on and on and on"
    );
    let ship = &cal.events[1].properties;
    assert_eq!(
        unescape(&value(ship, "DESCRIPTION")),
        format!(
            "Done on 2021-06-14.\n\nReleased early. {}",
            "漢字".repeat(20)
        )
    );
}

#[test]
fn todo_writes_milestones_as_vtodos_with_due_and_completion() {
    let cal = parse(&export(TRICKY, "2021-06-20", &["--todo"]));
    assert_eq!(
        summaries(&cal.events),
        [
            "Plan | review, *draft* \\ <b>",
            "Open-ended intake",
            "One day"
        ]
    );
    assert_eq!(cal.todos.len(), 2);
    let todo = |t: &IcalTodo| {
        let p = &t.properties;
        (
            unescape(&value(p, "SUMMARY")),
            date_value(p, "DUE"),
            value(p, "STATUS"),
            p.iter()
                .find(|x| x.name == "COMPLETED")
                .and_then(|x| x.value.clone()),
        )
    };
    let (name, due, status, completed) = todo(&cal.todos[0]);
    assert!(name.starts_with("Ship the very long release"));
    assert_eq!(due, "20210615");
    assert_eq!(status, "COMPLETED");
    assert_eq!(completed.as_deref(), Some("20210614T120000Z"));

    let (name, due, status, completed) = todo(&cal.todos[1]);
    assert_eq!(name, "Late report");
    assert_eq!(due, "20210605");
    assert_eq!(status, "NEEDS-ACTION");
    assert_eq!(completed, None);

    for t in &cal.todos {
        let p = &t.properties;
        assert_eq!(value(p, "DTSTAMP"), "20210620T000000Z");
        assert!(value(p, "UID").ends_with("-todo@vision-sched"));
        assert!(!has(p, "DTSTART") && !has(p, "DTEND"));
    }
}

#[test]
fn done_is_judged_on_today_like_everywhere_else() {
    // The release was done on 2021-06-14: on the 13th it is still to do.
    let cal = parse(&export(TRICKY, "2021-06-13", &["--todo"]));
    assert_eq!(value(&cal.todos[0].properties, "STATUS"), "NEEDS-ACTION");
    assert!(!has(&cal.todos[0].properties, "COMPLETED"));
}

#[test]
fn alarm_reminds_before_each_milestone_not_done() {
    let cal = parse(&export(SEED, "2021-06-20", &["--alarm", "7d"]));
    for (event, (name, ..)) in cal.events.iter().zip(SEED_ROWS) {
        let is_milestone = name.contains("published");
        assert_eq!(event.alarms.len(), usize::from(is_milestone), "{name}");
        if let Some(alarm) = event.alarms.first() {
            let p = &alarm.properties;
            assert_eq!(value(p, "ACTION"), "DISPLAY");
            assert_eq!(value(p, "TRIGGER"), "-P7D");
            assert_eq!(
                prop(p, "TRIGGER").params,
                None,
                "relative to the event's start"
            );
            assert_eq!(
                unescape(&value(p, "DESCRIPTION")),
                format!("{name} is due in 7 days")
            );
        }
    }

    let cal = parse(&export(TRICKY, "2021-06-20", &["--todo", "--alarm", "2w"]));
    assert!(cal.events.iter().all(|e| e.alarms.is_empty()));
    assert!(
        cal.todos[0].alarms.is_empty(),
        "no reminder for a milestone already done"
    );
    let alarm = &cal.todos[1].alarms[0].properties;
    assert_eq!(value(alarm, "TRIGGER"), "-P14D");
    assert_eq!(
        prop(alarm, "TRIGGER").params,
        Some(vec![("RELATED".to_string(), vec!["END".to_string()])]),
        "a to-do has no start: the alarm is relative to DUE"
    );
}

#[test]
fn output_file_gets_the_same_bytes_and_stdout_stays_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vision.ics");
    std::fs::write(&path, "old contents").unwrap();
    cmd(SEED, "2021-06-20", &["-o", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout("");
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, export(SEED, "2021-06-20", &[]));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temp file left behind");
}

#[test]
fn bad_input_exits_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/folder/x.ics");
    let cases: Vec<(Vec<&str>, Option<&str>, &str)> = vec![
        (vec!["-o", missing.to_str().unwrap()], None, "x.ics"),
        (vec!["--alarm", "soon"], None, "is not a span of days"),
        (vec!["--from", "2021-02-30"], None, "is not a date"),
        (
            vec!["--from", "2021-06-01", "--to", "2021-01-01"],
            None,
            "is before --from",
        ),
        (vec![], Some("yesterday"), "SOURCE_DATE_EPOCH `yesterday`"),
    ];
    for (args, epoch, message) in cases {
        let mut c = cmd(SEED, "2021-06-20", &args);
        if let Some(e) = epoch {
            c.env("SOURCE_DATE_EPOCH", e);
        }
        c.assert()
            .code(2)
            .stdout("")
            .stderr(predicates::str::contains(message));
    }
}

#[test]
fn export_needs_a_format() {
    bin()
        .args(["-f", SEED, "export"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("ics"));
}

/// `-o` wherever the path leads (issue 10, item 7): through a symlink to its target, creating
/// the target of a dangling one; a FIFO, a character device and the process's own stdout are
/// written as they are, never replaced by a file.
mod output_paths {
    use std::fs;
    use std::os::unix::fs::{FileTypeExt, symlink};
    use std::path::Path;
    use std::process::Stdio;

    use super::{SEED, cmd, export};

    fn feed() -> String {
        export(SEED, "2021-06-20", &[])
    }

    fn to(path: &Path) -> super::Bin {
        let mut c = cmd(SEED, "2021-06-20", &["-o"]);
        c.arg(path);
        c
    }

    #[test]
    fn a_symlink_is_written_through_and_a_dangling_one_gets_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ics");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.ics");
        symlink(&real, &link).unwrap();
        to(&link).assert().success().stdout("");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), feed());

        let sub = dir.path().join("www");
        fs::create_dir(&sub).unwrap();
        let dangling = dir.path().join("dangling.ics");
        symlink("www/vision.ics", &dangling).unwrap();
        to(&dangling).assert().success().stdout("");
        assert!(
            fs::symlink_metadata(&dangling)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(sub.join("vision.ics")).unwrap(), feed());
        assert_eq!(fs::read_dir(&sub).unwrap().count(), 1, "no temp file left");

        // A link whose target's folder is missing names that folder.
        let nowhere = dir.path().join("nowhere.ics");
        symlink("no/such/x.ics", &nowhere).unwrap();
        to(&nowhere)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("no/such does not exist"));
    }

    #[test]
    fn a_fifo_is_written_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("feed.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo failed");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        to(&fifo).assert().success().stdout("");
        assert_eq!(reader.join().unwrap(), feed());
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_character_device_is_written_not_replaced() {
        // A null device of the test's own, so no mistake can touch the system's /dev/null.
        let dir = tempfile::tempdir().unwrap();
        let null = dir.path().join("null");
        let made = std::process::Command::new("mknod")
            .arg(&null)
            .args(["c", "1", "3"])
            .stderr(Stdio::null())
            .status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: cannot make a device node here");
            return;
        }
        to(&null).assert().success().stdout("");
        let meta = fs::symlink_metadata(&null).unwrap();
        assert!(meta.file_type().is_char_device(), "still a device");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn the_processs_own_stdout_gets_the_feed() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("out.ics");
        symlink("/proc/self/fd/1", &link).unwrap();
        to(&link).assert().success().stdout(feed());
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        // Only once a link to it is known to work: a failure here would replace the
        // system's /dev/stdout.
        assert!(fs::symlink_metadata("/dev/stdout").is_ok_and(|m| m.file_type().is_symlink()));
        to(Path::new("/dev/stdout"))
            .assert()
            .success()
            .stdout(feed());
        assert!(
            fs::symlink_metadata("/dev/stdout")
                .unwrap()
                .file_type()
                .is_symlink()
        );
        to(Path::new("/dev/fd/1")).assert().success().stdout(feed());
    }

    #[test]
    fn a_regular_file_behind_dev_stdout_is_appended_to() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.ics");
        fs::write(&out, "before\n").unwrap();
        let file = fs::OpenOptions::new().append(true).open(&out).unwrap();
        let run = cmd(SEED, "2021-06-20", &["-o", "/dev/stdout"])
            .spawn(Stdio::from(file), Stdio::piped());
        let status = run.wait_with_output().status;
        assert!(status.success());
        assert_eq!(
            fs::read_to_string(&out).unwrap(),
            format!("before\n{}", feed())
        );
    }

    #[test]
    fn an_existing_file_is_replaced_only_as_publish_replaces_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vision.ics");
        fs::write(&path, "old").unwrap();
        fs::hard_link(&path, dir.path().join("served.ics")).unwrap();
        to(&path)
            .assert()
            .code(2)
            .stderr(predicates::str::contains("has 2 hard links"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
    }
}
