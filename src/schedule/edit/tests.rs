//! The edits of the schedule file, each with its undo: styles kept, byte-exact inverses, and
//! properties over the shapes a file can have.

use super::*;
use crate::dates::date;

fn clear_done(text: &str, target: Target<'_>) -> Result<Option<String>, String> {
    Ok(undo(text, target)?.map(|u| u.text))
}

const PHASE: Target<'static> = Target::Phase {
    name: "Q2 published",
};

#[test]
fn adds_done_after_due_in_its_style() {
    let text =
        "[[phase]]\r\nname = \"Q2 published\"\r\n  due   =   2021-06-30 # June\r\nnote = \"x\"\r\n";
    let out = set_done(text, PHASE, date(2021, 7, 2)).unwrap();
    assert_eq!(
        out,
        "[[phase]]\r\nname = \"Q2 published\"\r\n  due   =   2021-06-30 # June\r\n  done   =   2021-07-02\r\nnote = \"x\"\r\n"
    );
}

#[test]
fn replaces_done_keeping_its_comment() {
    let text = "[[phase]]\nname = \"Q2 published\"\ndue = 2021-06-30\ndone = 2021-07-01   # late\n";
    let out = set_done(text, PHASE, date(2021, 7, 2)).unwrap();
    assert_eq!(out, text.replace("2021-07-01", "2021-07-02"));
}

#[test]
fn last_line_without_newline() {
    let text = "[[phase]]\nname = \"Q2 published\"\ndue = 2021-06-30";
    let out = set_done(text, PHASE, date(2021, 7, 2)).unwrap();
    assert_eq!(out, format!("{text}\ndone = 2021-07-02"));
    assert_eq!(clear_done(&out, PHASE).unwrap().unwrap(), text);
}

#[test]
fn removes_the_done_line() {
    let text = "[[phase]]\nname = \"Q2 published\"\ndue = 2021-06-30\ndone = 2021-07-01 # late\n\n# next\n";
    let out = clear_done(text, PHASE).unwrap().unwrap();
    assert_eq!(
        out,
        "[[phase]]\nname = \"Q2 published\"\ndue = 2021-06-30\n\n# next\n"
    );
    assert_eq!(clear_done(&out, PHASE).unwrap(), None);
}

#[test]
fn inline_undo_keeps_the_padding_around_commas() {
    // Found by fuzzing: undo removed the tabs before the next comma too.
    let text = "phase = [{ name = \"Q2 published\", due = 2021-06-30\t\t, \t\t }]\n";
    let out = set_done(text, PHASE, date(2021, 7, 2)).unwrap();
    assert_eq!(clear_done(&out, PHASE).unwrap().unwrap(), text);
    let first = "phase = [{ done = 2021-07-02 , name = \"Q2 published\", due = 2021-06-30 }]\n";
    assert_eq!(
        clear_done(first, PHASE).unwrap().unwrap(),
        "phase = [{ name = \"Q2 published\", due = 2021-06-30 }]\n"
    );
}

#[test]
fn inline_phases() {
    let text = "phase = [\n  { name = \"Q2 published\", due = 2021-06-30, note = \"n\" },\n]\n";
    let out = set_done(text, PHASE, date(2021, 7, 2)).unwrap();
    assert_eq!(
        out,
        "phase = [\n  { name = \"Q2 published\", due = 2021-06-30, done = 2021-07-02, note = \"n\" },\n]\n"
    );
    assert_eq!(clear_done(&out, PHASE).unwrap().unwrap(), text);
}

const CADENCE: &str = "[[cadence]]\nevery = \"quarter\"\nfrom = 2022-01-01 # start\n\n[[cadence.phase]]\nname = \"{year} Q{quarter} out\"\ndue = \"last day\"\n";

#[test]
fn cadence_gets_a_dotted_done_line() {
    let t = Target::Cadence {
        index: 0,
        name: "2022 Q1 out",
    };
    let out = set_done(CADENCE, t, date(2022, 3, 30)).unwrap();
    assert_eq!(
        out,
        CADENCE.replace("# start\n", "# start\ndone.\"2022 Q1 out\" = 2022-03-30\n")
    );
    let t2 = Target::Cadence {
        index: 0,
        name: "2022 Q2 out",
    };
    let out2 = set_done(&out, t2, date(2022, 6, 30)).unwrap();
    assert!(
        out2.contains("done.\"2022 Q1 out\" = 2022-03-30\ndone.\"2022 Q2 out\" = 2022-06-30\n\n")
    );
    assert_eq!(clear_done(&out2, t2).unwrap().unwrap(), out);
    assert_eq!(clear_done(&out, t).unwrap().unwrap(), CADENCE);
}

#[test]
fn cadence_done_table_and_inline() {
    let t = Target::Cadence {
        index: 0,
        name: "2022 Q1 out",
    };
    let table = format!("{CADENCE}\n[cadence.done]\n\"2021 Q4 out\" = 2021-12-10\n");
    let out = set_done(&table, t, date(2022, 3, 30)).unwrap();
    assert_eq!(out, format!("{table}\"2022 Q1 out\" = 2022-03-30\n"));
    let inline = CADENCE.replace("# start\n", "# start\ndone = {}\n");
    let out = set_done(&inline, t, date(2022, 3, 30)).unwrap();
    assert!(
        out.contains("done = { \"2022 Q1 out\" = 2022-03-30 }\n"),
        "{out}"
    );
    let out2 = set_done(
        &out,
        Target::Cadence {
            index: 0,
            name: "x",
        },
        date(2022, 3, 30),
    )
    .unwrap();
    assert!(
        out2.contains("done = { \"2022 Q1 out\" = 2022-03-30, x = 2022-03-30 }\n"),
        "{out2}"
    );
    let back = clear_done(&out2, t).unwrap().unwrap();
    assert!(back.contains("done = { x = 2022-03-30 }\n"), "{back}");
}

#[test]
fn keys_are_quoted_when_needed() {
    assert_eq!(quoted("abc-1"), "abc-1");
    assert_eq!(quoted("2021 Q1 \"x\" \\"), "\"2021 Q1 \\\"x\\\" \\\\\"");
}

#[test]
fn inline_undo_is_exact_for_what_publish_adds() {
    // Found by attack (issue 10): `{}` came back as `{  }`, and a comment ending in a comma
    // before the entry was taken for its separator.
    let t = Target::Cadence {
        index: 0,
        name: "2022 Q1 out",
    };
    for inside in ["", " ", "  ", "\t", " # by name,\n", "\n"] {
        let text = CADENCE.replace("# start\n", &format!("# start\ndone = {{{inside}}}\n"));
        let out = set_done(&text, t, date(2022, 3, 30)).unwrap();
        let back = undo(&out, t).unwrap().unwrap();
        assert_eq!(
            (back.text.as_str(), back.by_hand),
            (text.as_str(), false),
            "{inside:?}"
        );
    }
    let text = "done = { # shipped,\n  \"2022 Q1 out\" = 2022-03-30 }\n";
    let cadence = CADENCE.replace("# start\n", &format!("# start\n{text}"));
    let back = undo(&cadence, t).unwrap().unwrap();
    assert!(back.by_hand);
    assert!(back.text.contains("done = { # shipped,\n"), "{}", back.text);
    assert!(!back.text.contains("2022-03-30"), "{}", back.text);
}

const NAMED: &str = "Q2 published";

#[test]
fn a_moved_date_keeps_its_plan_on_a_line_in_its_style() {
    let text =
        "[[phase]]\r\nname = \"Q2 published\"\r\n  due   =   2021-06-30 # June\r\nnote = \"x\"\r\n";
    let out = move_date(text, NAMED, "due", "planned", date(2021, 7, 9)).unwrap();
    assert_eq!(
        out,
        "[[phase]]\r\nname = \"Q2 published\"\r\n  due   =   2021-07-09 # June\r\n  planned   =   2021-06-30\r\nnote = \"x\"\r\n"
    );
    let back = restore_date(&out, NAMED, "due", "planned")
        .unwrap()
        .unwrap();
    assert_eq!((back.text.as_str(), back.by_hand), (text, false));
    // Moved again, the plan stays; undo goes back to the plan.
    let again = move_date(&out, NAMED, "due", "planned", date(2021, 7, 20)).unwrap();
    assert_eq!(again, out.replace("2021-07-09", "2021-07-20"));
    let back = restore_date(&again, NAMED, "due", "planned")
        .unwrap()
        .unwrap();
    assert_eq!(back.text, text);
    assert_eq!(restore_date(text, NAMED, "due", "planned").unwrap(), None);
}

#[test]
fn a_plan_written_first_is_kept_and_undo_puts_it_back() {
    let text =
        "[[phase]]\nname = \"Q2 published\"\nplanned = 2021-06-01 # first\ndue = 2021-06-30\n";
    let out = move_date(text, NAMED, "due", "planned", date(2021, 7, 9)).unwrap();
    assert_eq!(out, text.replace("2021-06-30", "2021-07-09"));
    let back = restore_date(&out, NAMED, "due", "planned")
        .unwrap()
        .unwrap();
    assert_eq!(
        back.text,
        "[[phase]]\nname = \"Q2 published\"\ndue = 2021-06-01\n"
    );
}

#[test]
fn windows_move_each_end_with_a_plan_of_its_own() {
    let text = "phase = [{ name = \"Beta\", start = 2024-02-01, end = 2024-03-01 }]\n";
    let one = move_date(text, "Beta", "start", "planned_start", date(2024, 2, 5)).unwrap();
    let two = move_date(&one, "Beta", "end", "planned_end", date(2024, 3, 8)).unwrap();
    assert_eq!(
        two,
        "phase = [{ name = \"Beta\", start = 2024-02-05, planned_start = 2024-02-01, end = 2024-03-08, planned_end = 2024-03-01 }]\n"
    );
    let back = restore_date(&two, "Beta", "start", "planned_start")
        .unwrap()
        .unwrap();
    let back = restore_date(&back.text, "Beta", "end", "planned_end")
        .unwrap()
        .unwrap();
    assert_eq!((back.text.as_str(), back.by_hand), (text, false));
}

#[test]
fn a_date_that_is_not_a_date_is_not_moved() {
    let text = "[[phase]]\nname = \"Docs freeze\"\non = \"Code freeze + 2w\"\n";
    let e = move_date(text, "Docs freeze", "on", "planned", date(2024, 3, 1)).unwrap_err();
    assert!(e.contains("is not a date"), "{e}");
}

#[test]
fn cycles_move_in_their_cadences_maps() {
    let name = "2022 Q1 out";
    let out = set_moved(CADENCE, 0, "due", name, date(2022, 4, 8)).unwrap();
    assert_eq!(
        out,
        CADENCE.replace("# start\n", "# start\ndue.\"2022 Q1 out\" = 2022-04-08\n")
    );
    let again = set_moved(&out, 0, "due", name, date(2022, 4, 15)).unwrap();
    assert_eq!(again, out.replace("2022-04-08", "2022-04-15"));
    let two = set_moved(&out, 0, "due", "2022 Q2 out", date(2022, 7, 8)).unwrap();
    assert!(two.contains("due.\"2022 Q1 out\" = 2022-04-08\ndue.\"2022 Q2 out\" = 2022-07-08\n"));
    let back = clear_moved(&two, 0, "due", "2022 Q2 out").unwrap().unwrap();
    assert_eq!((back.text.as_str(), back.by_hand), (out.as_str(), false));
    let back = clear_moved(&out, 0, "due", name).unwrap().unwrap();
    assert_eq!(back.text, CADENCE);
    assert_eq!(clear_moved(CADENCE, 0, "due", name).unwrap(), None);
    // Beside a `done` map, each keeps to its own.
    let done = set_done(
        CADENCE,
        Target::Cadence { index: 0, name },
        date(2022, 4, 9),
    )
    .unwrap();
    let both = set_moved(&done, 0, "due", name, date(2022, 4, 8)).unwrap();
    assert_eq!(
        clear_moved(&both, 0, "due", name).unwrap().unwrap().text,
        done
    );
}

mod round_trip {
    use super::*;
    use proptest::prelude::*;

    /// What may stand between the parts of an inline table: blanks, line breaks and
    /// comments (TOML 1.1), commas in the comments too.
    fn pad() -> impl Strategy<Value = String> {
        proptest::sample::select(vec![
            "",
            "",
            " ",
            "  ",
            "\t",
            " \t ",
            "\n",
            "\n  ",
            " # x,\n",
            " # a, b,\n  ",
        ])
        .prop_map(str::to_string)
    }

    fn pads(n: usize) -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec(pad(), n)
    }

    /// An inline `done` map: `{` entries (with pads and commas) and an optional trailing
    /// comma `}`.
    fn inline_map() -> impl Strategy<Value = String> {
        (0usize..4, pads(12), any::<bool>()).prop_map(|(n, p, trailing)| {
            let mut out = format!("{{{}", p[0]);
            for i in 0..n {
                if i > 0 {
                    out.push_str(&format!("{},{}", p[2 * i - 1], p[2 * i]));
                }
                out.push_str(&format!("\"e{i}\" = 2021-01-0{}", i + 1));
            }
            if n > 0 && trailing {
                out.push(',');
            }
            out.push_str(&p[11]);
            out.push('}');
            out
        })
    }

    const PHASE_NAME: &str = "Q2 published";

    /// The date keys reschedule moves, their plans, and the other date of the phase.
    const MOVES: [(&str, &str, Option<&str>); 5] = [
        ("due", "planned", None),
        ("on", "planned", None),
        ("start", "planned_start", Some("end = 2021-12-31")),
        ("end", "planned_end", Some("start = 2021-01-01")),
        ("until", "planned_end", None),
    ];

    fn parses(text: &str) -> bool {
        Document::parse(text).is_ok()
    }

    // proptest's default of 256 cases a run, so `cargo test` stays quick;
    // `PROPTEST_CASES=5000 cargo test` looks further, and the fuzz targets further still.
    proptest! {

        /// Publish then undo gives back the bytes, for one publication and for two undone
        /// in reverse order, whatever the map's spacing.
        #[test]
        fn cadence_inline_done(map in inline_map(), crlf in any::<bool>()) {
            let text = format!("[[cadence]]\nevery = \"quarter\"\nfrom = 2022-01-01\ndone = {map}\n\n[[cadence.phase]]\nname = \"{{year}} Q{{quarter}} out\"\ndue = \"last day\"\n");
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            prop_assume!(parses(&text));
            let a = Target::Cadence { index: 0, name: "2022 Q1 out" };
            let b = Target::Cadence { index: 0, name: "2022 Q2 out" };
            let one = set_done(&text, a, date(2022, 3, 30)).unwrap();
            prop_assert!(parses(&one), "{}", one);
            let back = undo(&one, a).unwrap().unwrap();
            prop_assert_eq!(&back.text, &text);
            prop_assert!(!back.by_hand);
            let two = set_done(&one, b, date(2022, 6, 30)).unwrap();
            prop_assert!(parses(&two), "{}", two);
            let back = undo(&two, b).unwrap().unwrap();
            prop_assert_eq!(&back.text, &one);
            prop_assert!(!back.by_hand);
            // The other order is not the inverse, but it must still parse without `a`.
            let other = undo(&two, a).unwrap().unwrap();
            prop_assert!(parses(&other.text), "{}", other.text);
            prop_assert!(!other.text.contains("2022 Q1 out"));
            prop_assert!(other.text.contains("2022 Q2 out"));
        }

        /// The same for an inline phase, `done` added after `due`.
        #[test]
        fn inline_phase(p in pads(6), note_first in any::<bool>()) {
            let note = "note = \"n, # not a comment\"";
            let (before, after) = if note_first {
                (format!("{note},{}", p[4]), String::new())
            } else {
                (String::new(), format!(",{}{note}", p[4]))
            };
            let text = format!(
                "phase = [\n  {{{}name = \"Q2 published\",{}{before}due = 2021-06-30{}{after}{}}},\n]\n",
                p[0], p[1], p[2].replace(',', " "), p[5]
            );
            prop_assume!(parses(&text));
            let out = set_done(&text, PHASE, date(2021, 7, 2)).unwrap();
            prop_assert!(parses(&out), "{}", out);
            let back = undo(&out, PHASE).unwrap().unwrap();
            prop_assert_eq!(&back.text, &text);
            prop_assert!(!back.by_hand);
        }

        /// A moved date and its plan, undone, give back the bytes: every date key of a
        /// `[[phase]]` table, whatever its line looks like, the other keys before or after.
        #[test]
        fn moved_phase_table(
            which in 0usize..5,
            indent in "[ \t]{0,3}",
            around in "[ \t]{0,3}",
            comment in proptest::option::of("# [a-z, ]{0,8}"),
            first in any::<bool>(),
            last in any::<bool>(),
            crlf in any::<bool>(),
        ) {
            let (key, plan, other) = MOVES[which];
            let comment = comment.map(|c| format!(" {c}")).unwrap_or_default();
            let line = format!("{indent}{key}{around}={around}2021-06-30{comment}");
            let other = other.map(|o| format!("{o}\n")).unwrap_or_default();
            let body = if first { format!("{line}\n{other}") } else { format!("{other}{line}\n") };
            let body = if last { body.trim_end_matches('\n').to_string() } else { format!("{body}note = \"x\"\n") };
            let text = format!("[[phase]]\nname = \"Q2 published\"\n{body}");
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            prop_assume!(parses(&text));
            let out = move_date(&text, PHASE_NAME, key, plan, date(2021, 7, 2)).unwrap();
            prop_assert!(parses(&out), "{}", out);
            prop_assert!(out.contains(&format!("{key}{around}={around}2021-07-02")), "{}", out);
            prop_assert!(out.contains(&format!("{plan}{around}={around}2021-06-30")), "{}", out);
            let back = restore_date(&out, PHASE_NAME, key, plan).unwrap().unwrap();
            prop_assert_eq!(&back.text, &text);
            prop_assert!(!back.by_hand);
        }

        /// The same in an inline phase.
        #[test]
        fn moved_inline_phase(which in 0usize..5, p in pads(6), date_first in any::<bool>()) {
            let (key, plan, other) = MOVES[which];
            let entry = format!("{key} = 2021-06-30{}", p[2].replace(',', " "));
            let (a, b) = match other {
                Some(o) if !date_first => (o.to_string(), format!(",{}{entry}", p[3])),
                Some(o) => (entry, format!(",{}{o}", p[4])),
                None => (entry, String::new()),
            };
            let text = format!(
                "phase = [\n  {{{}name = \"Q2 published\",{}{a}{b}{}}},\n]\n",
                p[0], p[1], p[5]
            );
            prop_assume!(parses(&text));
            let out = move_date(&text, PHASE_NAME, key, plan, date(2021, 7, 2)).unwrap();
            prop_assert!(parses(&out), "{}", out);
            let back = restore_date(&out, PHASE_NAME, key, plan).unwrap().unwrap();
            prop_assert_eq!(&back.text, &text);
            prop_assert!(!back.by_hand);
        }

        /// And a cycle's entry in its cadence's map, of every shape publish writes to.
        #[test]
        fn moved_cycle(map in inline_map(), which in 0usize..4, form in 0usize..3, crlf in any::<bool>()) {
            let name = ["due", "on", "start", "end"][which];
            let entries = match form {
                0 => format!("{name} = {map}\n"),
                1 => format!("{name}.\"e0\" = 2021-01-01\n"),
                _ => String::new(),
            };
            let text = format!("[[cadence]]\nevery = \"quarter\"\nfrom = 2022-01-01\n{entries}\n[[cadence.phase]]\nname = \"{{year}} Q{{quarter}} out\"\ndue = \"last day\"\n");
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            prop_assume!(parses(&text));
            let out = set_moved(&text, 0, name, "2022 Q1 out", date(2022, 4, 8)).unwrap();
            prop_assert!(parses(&out), "{}", out);
            let back = clear_moved(&out, 0, name, "2022 Q1 out").unwrap().unwrap();
            prop_assert_eq!(&back.text, &text);
            prop_assert!(!back.by_hand);
        }

        /// And for a `[[phase]]` table, whatever the `due` line looks like.
        #[test]
        fn phase_table(
            indent in "[ \t]{0,3}",
            around in "[ \t]{0,3}",
            comment in proptest::option::of("# [a-z, ]{0,8}"),
            last in any::<bool>(),
            crlf in any::<bool>(),
        ) {
            let comment = comment.map(|c| format!(" {c}")).unwrap_or_default();
            let tail = if last { "" } else { "\nnote = \"x\"\n" };
            let text = format!("[[phase]]\nname = \"Q2 published\"\n{indent}due{around}={around}2021-06-30{comment}{tail}");
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            prop_assume!(parses(&text));
            let out = set_done(&text, PHASE, date(2021, 7, 2)).unwrap();
            prop_assert!(parses(&out), "{}", out);
            let back = undo(&out, PHASE).unwrap().unwrap();
            prop_assert_eq!(&back.text, &text);
        }
    }
}
