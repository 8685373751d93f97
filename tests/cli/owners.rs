//! Owners through the built binary: `owner` on `[document]` (the default), a `[[phase]]` and a
//! `[[cadence.phase]]`; `--owner NAME` on `status`, `upcoming`, `overdue`, `remind` and `check`;
//! the Who column, JSON's `owners`, `remind`'s lines, `check`'s messages and the feed's
//! DESCRIPTION (parsed back with the `ical` crate).

use std::io::BufReader;

use serde_json::{Value, json};

use crate::common::{Bin, bin};

/// A release team's file on 2024-03-14: the lead by default, phases with owners of their own,
/// a list, a conference that is no one's (`[]`), and a monthly cadence with the default for one
/// phase and its own owner for the other.
const TEAM: &str = r#"
[document]
title = "Team"
timezone = "UTC"
owner = "Lead"

[[phase]]
name = "cycle"
start = 2024-01-08
end = 2024-04-17

[[phase]]
name = "beta"
due = 2024-03-12
owner = "Branch Manager"

[[phase]]
name = "docs ready"
due = 2024-03-13
owner = "Docs Lead"

[[phase]]
name = "release blog"
due = 2024-03-20
owner = ["Comms", "Docs Lead"]

[[phase]]
name = "KubeCon"
start = 2024-03-19
end = 2024-03-22
owner = []

[[cadence]]
every = "month"
from = 2024-03-01
count = 2

[[cadence.phase]]
name = "sync {n}"
on = "day 18"

[[cadence.phase]]
name = "notes {n}"
due = "day 21"
owner = "Notes {n}"
"#;

/// `args` run on [`TEAM`] (as `schedule.toml` in the run's folder) on 2024-03-14.
fn team(args: &[&str]) -> Bin {
    with(TEAM, args)
}

fn with(schedule: &str, args: &[&str]) -> Bin {
    let mut cmd = bin();
    std::fs::write(cmd.scratch().work().join("schedule.toml"), schedule).unwrap();
    cmd.args(["-f", "schedule.toml", "--today", "2024-03-14"])
        .args(args);
    cmd
}

/// The stdout of a run that exited `code` with nothing on stderr.
fn run(cmd: &Bin, code: i32) -> String {
    let out = cmd.assert().code(code).stderr("").get_output().clone();
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(cmd: &Bin) -> Value {
    serde_json::from_str(&run(cmd, 0)).unwrap()
}

/// The `name`s of a JSON list.
fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect()
}

/// `--owner` flags for `owners`.
fn flags<'a>(owners: &[&'a str]) -> Vec<&'a str> {
    owners.iter().flat_map(|o| ["--owner", *o]).collect()
}

#[test]
fn the_filter_keeps_each_owners_phases_in_every_report() {
    // (owners, status's current, upcoming in 30 days (by name, once per event), overdue)
    type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a str], &'a [&'a str]);
    let cases: [Case; 8] = [
        (
            &[],
            &["cycle"],
            &["sync 1", "KubeCon", "release blog", "notes 1", "KubeCon"],
            &["beta", "docs ready"],
        ),
        // The default reaches the phases that name no owner, written and generated; a phase's
        // own owner replaces it.
        (&["Lead"], &["cycle"], &["sync 1"], &[]),
        // Any owner of a list; the whole name in any letter case, spaces around left out.
        (&["docs lead"], &[], &["release blog"], &["docs ready"]),
        (&[" COMMS "], &[], &["release blog"], &[]),
        // Given twice: the phases of either.
        (
            &["Branch Manager", "Comms"],
            &[],
            &["release blog"],
            &["beta"],
        ),
        // A cadence phase's owner is a name as written, not a template.
        (&["Notes {n}"], &[], &["notes 1"], &[]),
        // Part of a name, or no one's: nothing at all, and no error.
        (&["Docs"], &[], &[], &[]),
        (&["nobody"], &[], &[], &[]),
    ];
    for (owners, current, upcoming, overdue) in cases {
        let owner_flags = flags(owners);
        let mut args = vec!["status", "--format", "json"];
        args.extend(&owner_flags);
        let status = json_of(&team(&args));
        assert_eq!(names(&status["current"]), current, "status {owners:?}");
        assert_eq!(names(&status["upcoming"]), upcoming, "status {owners:?}");
        assert_eq!(names(&status["overdue"]), overdue, "status {owners:?}");
        let mut args = vec!["upcoming", "--format", "json"];
        args.extend(&owner_flags);
        assert_eq!(
            names(&json_of(&team(&args))["upcoming"]),
            upcoming,
            "upcoming {owners:?}"
        );
        let mut args = vec!["overdue", "--format", "json"];
        args.extend(&owner_flags);
        assert_eq!(
            names(&json_of(&team(&args))["overdue"]),
            overdue,
            "overdue {owners:?}"
        );
        // `check` fails for the owners' overdue milestones alone; with none, it passes.
        let mut args = vec!["check", "--format", "json"];
        args.extend(&owner_flags);
        let code = i32::from(!overdue.is_empty());
        let check: Value = serde_json::from_str(&run(&team(&args), code)).unwrap();
        assert_eq!(names(&check["problems"]), overdue, "check {owners:?}");
    }
}

#[test]
fn remind_and_check_lines_name_the_owners_and_an_owner_with_nothing_is_quiet() {
    let cases: [(&[&str], &str); 4] = [
        (
            &[],
            "2024-03-12  2 days overdue   beta (owner: Branch Manager)\n\
             2024-03-13  1 day overdue    docs ready (owner: Docs Lead)\n\
             2024-03-18  in 4 days        sync 1 (owner: Lead)\n\
             2024-03-19  starts in 5 days  KubeCon\n\
             2024-03-20  due in 6 days    release blog (owners: Comms, Docs Lead)\n\
             2024-03-21  due in 7 days    notes 1 (owner: Notes {n})\n",
        ),
        (
            &["docs lead"],
            "2024-03-13  1 day overdue  docs ready (owner: Docs Lead)\n\
             2024-03-20  due in 6 days  release blog (owners: Comms, Docs Lead)\n",
        ),
        // Cron's mail stays empty: nothing to say, exit 0.
        (&["nobody"], ""),
        (&["Docs"], ""),
    ];
    for (owners, want) in cases {
        let mut args = vec!["remind", "--warn", "7d"];
        args.extend(flags(owners));
        let got = run(&team(&args), 0);
        // The widest "what" sets the column: compare words, not padding.
        let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let got: Vec<String> = got.lines().map(squeeze).collect();
        let want: Vec<String> = want.lines().map(squeeze).collect();
        assert_eq!(got, want, "remind {owners:?}");
    }
    let cases: [(&[&str], i32, &str); 3] = [
        (
            &["Branch Manager"],
            1,
            "schedule.toml:13: `beta` is 2 days overdue (due 2024-03-12; owner: Branch Manager)\n",
        ),
        (
            &["nobody"],
            0,
            "check passed on 2024-03-14 for nobody: nothing overdue\n",
        ),
        (
            &["Lead", "Comms"],
            0,
            "check passed on 2024-03-14 for Lead or Comms: nothing overdue\n",
        ),
    ];
    for (owners, code, want) in cases {
        let mut args = vec!["check"];
        args.extend(flags(owners));
        assert_eq!(run(&team(&args), code), want, "check {owners:?}");
    }
}

#[test]
fn json_names_each_phases_owners_only_when_a_schedule_has_any() {
    let phases = json_of(&team(&["phases", "--format", "json"]));
    let owners: Vec<(&str, &Value)> = phases["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), &p["owners"]))
        .collect();
    assert_eq!(
        owners,
        [
            ("cycle", &json!(["Lead"])),
            ("beta", &json!(["Branch Manager"])),
            ("docs ready", &json!(["Docs Lead"])),
            ("release blog", &json!(["Comms", "Docs Lead"])),
            ("KubeCon", &json!([])),
            ("sync 1", &json!(["Lead"])),
            ("notes 1", &json!(["Notes {n}"])),
            ("sync 2", &json!(["Lead"])),
            ("notes 2", &json!(["Notes {n}"])),
        ]
    );
    // Without a default, a phase has only its own; the key stays, as a list.
    let no_default = TEAM.replace("owner = \"Lead\"\n", "");
    let phases = json_of(&with(&no_default, &["phases", "--format", "json"]));
    assert_eq!(phases["phases"][0]["owners"], json!([]));
    assert_eq!(phases["phases"][1]["owners"], json!(["Branch Manager"]));
    // A schedule with no owner anywhere has no `owners` key at all.
    let plain = "[[phase]]\nname = \"ship\"\ndue = 2024-03-12\n";
    for args in [
        &["status", "--format", "json"][..],
        &["phases", "--format", "json"],
        &["check", "--format", "json"],
    ] {
        let code = i32::from(args[0] == "check");
        let text = run(&with(plain, args), code);
        assert!(!text.contains("owners"), "{args:?}: {text}");
    }
}

#[test]
fn tables_get_a_who_column_when_a_phase_has_an_owner() {
    let plain = "[[phase]]\nname = \"ship\"\ndue = 2024-03-20\n";
    let nobodys =
        "[document]\nowner = []\n[[phase]]\nname = \"ship\"\ndue = 2024-03-20\nowner = []\n";
    let cases: [(&str, &[&str], &str, bool); 8] = [
        (TEAM, &["upcoming"], "┆ Who ", true),
        (TEAM, &["overdue"], "┆ Who ", true),
        (TEAM, &["phases"], "┆ Who ", true),
        (
            TEAM,
            &["upcoming", "--format", "markdown"],
            "| Phase | Who | When |",
            true,
        ),
        (TEAM, &["render"], "| Phase | Who | Date |", true),
        // A filter keeps the column: the answer is about owners.
        (TEAM, &["upcoming", "--owner", "Comms"], "┆ Who ", true),
        (plain, &["upcoming"], "Who", false),
        (nobodys, &["render"], "Who", false),
    ];
    for (schedule, args, column, shown) in cases {
        let out = run(&with(schedule, args), 0);
        assert_eq!(out.contains(column), shown, "{args:?}:\n{out}");
    }
    // The cells: the owners, joined; none for `owner = []`.
    let md = run(&team(&["upcoming", "--format", "markdown"]), 0);
    for row in [
        "| Wed 2024-03-20 | due | release blog | Comms, Docs Lead | in 6 days |",
        "| Tue 2024-03-19 | starts | KubeCon |  | in 5 days |",
        "| Mon 2024-03-18 | on | sync 1 | Lead | in 4 days |",
    ] {
        assert!(md.contains(row), "{row}\n{md}");
    }
}

#[test]
fn owners_are_schedule_text_in_every_output() {
    // A hostile owner: a Markdown pipe and link, a bidi override, an ANSI-looking text.
    let schedule = "[[phase]]\nname = \"ship\"\ndue = 2024-03-20\nowner = [\"a | b\", \"[x](javascript:1)\", \"r\\u202etl\"]\n";
    let md = run(&with(schedule, &["upcoming", "--format", "markdown"]), 0);
    assert!(md.contains(r"a \| b, \[x\](javascript:1)"), "{md}");
    let term = run(&with(schedule, &["upcoming"]), 0);
    assert!(!term.contains('\u{202e}'), "{term}");
    let remind = run(&with(schedule, &["remind", "--warn", "7d"]), 0);
    assert!(!remind.contains('\u{202e}'), "{remind}");
    // JSON keeps the names whole: its escaping keeps them data.
    let v = json_of(&with(schedule, &["upcoming", "--format", "json"]));
    assert_eq!(v["upcoming"][0]["owners"][2], "r\u{202e}tl");
}

#[test]
fn bad_owners_and_flags_are_refused() {
    let cases: [(&str, &[&str], &str); 5] = [
        (
            "[[phase]]\nname = \"a\"\ndue = 2024-01-01\nowner = \"\"\n",
            &["status"],
            "schedule.toml:4",
        ),
        (
            "[document]\nowner = 3\n[[phase]]\nname = \"a\"\ndue = 2024-01-01\n",
            &["status"],
            "`owner` is a name in quotes",
        ),
        (
            TEAM,
            &["status", "--owner", " "],
            "an owner's name cannot be empty",
        ),
        (
            TEAM,
            &["check", "--owner", "Lead", "--page", "page.md"],
            "--owner does not apply with --page",
        ),
        (TEAM, &["phases", "--owner", "Lead"], "--owner"),
    ];
    for (schedule, args, want) in cases {
        let out = with(schedule, args)
            .assert()
            .code(2)
            .stdout("")
            .get_output()
            .clone();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains(want), "{args:?}: {err}");
    }
}

#[test]
fn the_feed_describes_each_events_owners() {
    let out = team(&["export", "ics"])
        .assert()
        .success()
        .get_output()
        .clone();
    let feed = String::from_utf8(out.stdout).unwrap();
    let mut parser = ical::IcalParser::new(BufReader::new(feed.as_bytes()));
    let cal = parser.next().unwrap().unwrap();
    let description = |name: &str| -> Option<String> {
        let event = cal
            .events
            .iter()
            .find(|e| {
                e.properties
                    .iter()
                    .any(|p| p.name == "SUMMARY" && p.value.as_deref().unwrap_or("").contains(name))
            })
            .unwrap_or_else(|| panic!("no event for {name}"));
        let p = event.properties.iter().find(|p| p.name == "DESCRIPTION")?;
        Some(
            p.value
                .clone()
                .unwrap_or_default()
                .replace("\\,", ",")
                .replace("\\n", "\n"),
        )
    };
    let cases = [
        ("beta", Some("Owner: Branch Manager")),
        ("release blog", Some("Owners: Comms, Docs Lead")),
        ("sync 1", Some("Owner: Lead")),
        ("KubeCon", None),
    ];
    for (name, want) in cases {
        let got = description(name);
        match want {
            Some(w) => assert!(got.as_deref().unwrap_or("").contains(w), "{name}: {got:?}"),
            None => assert!(got.is_none_or(|d| !d.contains("Owner")), "{name}"),
        }
    }
    // The owners are the description's first line: khal's list shows no other
    // (scripts/feed-clients.sh runs khal itself).
    let done = "[document]\nowner = \"Lead\"\n[[phase]]\nname = \"x\"\ndue = 2024-03-01\ndone = 2024-03-01\n";
    let out = with(done, &["export", "ics"])
        .assert()
        .success()
        .get_output()
        .clone();
    let feed = String::from_utf8(out.stdout).unwrap();
    assert!(
        feed.contains("\r\nDESCRIPTION:Owner: Lead\\n\\nDone on 2024-03-01.\r\n"),
        "{feed}"
    );
}

#[cfg(feature = "post")]
#[test]
fn chat_messages_name_the_owners_and_ping_no_one() {
    use crate::post::{hook, ok};
    let schedule = "[document]\nowner = \"@here\"\n[[phase]]\nname = \"ship\"\ndue = 2024-03-20\n";
    let hook = hook(vec![ok(), ok()]);
    let mut discord = with(schedule, &["remind", "--warn", "7d"]);
    discord.args(["--post-format", "discord", "--post", &hook.url("/discord")]);
    discord.assert().success().stdout("").stderr("");
    let mut json = with(schedule, &["remind", "--warn", "7d"]);
    json.args(["--post-format", "json", "--post", &hook.url("/json")]);
    json.assert().success().stdout("").stderr("");
    let seen = hook.seen();
    // Discord would ping on `@here`: the owner is defused as a name is.
    let text = seen[0].json()["content"].as_str().unwrap().to_string();
    assert!(text.contains("ship (owner: @\u{200b}here)"), "{text}");
    assert!(!text.contains("@here"), "{text}");
    assert_eq!(seen[1].json()["reminders"][0]["owners"], json!(["@here"]));
}
