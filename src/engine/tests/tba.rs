//! Dates to be announced (`"tba"`) through the engine, table-driven: a milestone to be announced
//! on the day it later gets and the days around it, beside the same milestone dated; a window
//! whose end is to be announced before, on and after its first day; the check's gate.

use crate::dates::{Days, date};
use crate::engine::check::{Gate, problems};
use crate::engine::evaluate::{State, evaluate, state_of};
use crate::schedule::phase::EventKind;

use super::parse;

/// "Final" to be announced, "Dated" the same milestone once its date, 2025-06-20, is written.
const SCHEDULE: &str = r#"
[[phase]]
name = "Final"
due = "tba"

[[phase]]
name = "Dated"
due = 2025-06-20
planned = "tba"

[[phase]]
name = "Freeze"
start = 2025-06-19
end = "TBA"

[[phase]]
name = "Party"
on = "tba"

[[phase]]
name = "Docs"
due = "Final + 1w"
"#;

#[test]
fn a_milestone_to_be_announced_is_never_due_nor_overdue() {
    let s = parse(SCHEDULE);
    let phase = |name: &str| s.phases.iter().find(|p| p.name == name).unwrap();
    // (today, Final's state, Dated's state, Freeze's state, Dated overdue, events on today)
    let cases = [
        (
            date(2025, 6, 18),
            State::Upcoming,
            State::Upcoming,
            State::Upcoming,
            false,
            0,
        ),
        (
            date(2025, 6, 19),
            State::Upcoming,
            State::Upcoming,
            State::Current,
            false,
            1,
        ),
        // The would-be day: the dated milestone is due, the one to be announced is not.
        (
            date(2025, 6, 20),
            State::Upcoming,
            State::Upcoming,
            State::Current,
            false,
            1,
        ),
        (
            date(2025, 6, 21),
            State::Upcoming,
            State::Overdue,
            State::Current,
            true,
            0,
        ),
        (
            date(9999, 12, 31),
            State::Upcoming,
            State::Overdue,
            State::Current,
            true,
            0,
        ),
    ];
    for (today, final_, dated, freeze, overdue, events_today) in cases {
        assert_eq!(state_of(phase("Final"), today), final_, "{today}");
        assert_eq!(state_of(phase("Docs"), today), State::Upcoming, "{today}");
        assert_eq!(state_of(phase("Party"), today), State::Upcoming, "{today}");
        assert_eq!(state_of(phase("Dated"), today), dated, "{today}");
        assert_eq!(state_of(phase("Freeze"), today), freeze, "{today}");
        let r = evaluate(&s, today, Days(30));
        let late: Vec<String> = r.overdue.iter().map(|o| o.phase.name).collect();
        assert_eq!(
            late,
            if overdue { vec!["Dated"] } else { vec![] },
            "{today}"
        );
        // No event of a date to be announced, however far the horizon.
        assert!(
            r.upcoming
                .iter()
                .all(|u| u.phase.name == "Dated" || u.phase.name == "Freeze"),
            "{today}: {:?}",
            r.upcoming
        );
        assert_eq!(
            r.upcoming.iter().filter(|u| u.days_until == 0).count(),
            events_today,
            "{today}"
        );
        let tba: Vec<(&str, EventKind)> = r
            .tba
            .iter()
            .map(|t| (t.phase.name.as_str(), t.event))
            .collect();
        assert_eq!(
            tba,
            [
                ("Final", EventKind::Due),
                ("Freeze", EventKind::End),
                ("Party", EventKind::KeyDate),
                ("Docs", EventKind::Due),
            ],
            "{today}"
        );
        let current: Vec<&str> = r.current.iter().map(|c| c.phase.name.as_str()).collect();
        let freeze_on = freeze == State::Current;
        assert_eq!(
            current,
            if freeze_on { vec!["Freeze"] } else { vec![] },
            "{today}"
        );
        if let Some(c) = r.current.first() {
            assert_eq!((c.length, c.days_left), (None, None), "{today}");
            assert_eq!(
                c.day,
                Some(crate::dates::days_between(date(2025, 6, 19), today) + 1)
            );
        }
    }
}

#[test]
fn a_milestone_to_be_announced_that_is_done_is_done() {
    let s = parse("[[phase]]\nname = \"Final\"\ndue = \"tba\"\ndone = 2025-06-20\n");
    let p = &s.phases[0];
    assert_eq!(state_of(p, date(2025, 6, 19)), State::Upcoming);
    assert_eq!(state_of(p, date(2025, 6, 20)), State::Done);
    assert!(evaluate(&s, date(2025, 6, 20), Days(30)).tba.is_empty());
}

#[test]
fn the_gate_fails_on_milestones_and_window_ends_to_be_announced_only_when_asked() {
    let s = parse(SCHEDULE);
    let today = date(2025, 6, 20);
    // (gate, what fails)
    let cases = [
        (Gate::default(), vec![]),
        (
            Gate {
                within: None,
                tba: true,
            },
            vec![
                ("Final", EventKind::Due),
                ("Freeze", EventKind::End),
                ("Docs", EventKind::Due),
            ],
        ),
    ];
    for (gate, want) in cases {
        let got: Vec<(String, EventKind)> = problems(&s, today, gate)
            .iter()
            .filter_map(|p| match p.kind {
                crate::engine::check::ProblemKind::Tba { event } => Some((p.phase.name, event)),
                _ => None,
            })
            .collect();
        let want: Vec<(String, EventKind)> =
            want.into_iter().map(|(n, e)| (n.to_string(), e)).collect();
        assert_eq!(got, want, "{gate:?}");
    }
    // Once its date is written, nothing is to be announced: the gate passes.
    let written = SCHEDULE
        .replace("due = \"tba\"", "due = 2025-07-01")
        .replace("end = \"TBA\"", "end = 2025-07-01")
        .replace("on = \"tba\"", "on = 2025-07-01");
    let s = parse(&written);
    let gate = Gate {
        within: None,
        tba: true,
    };
    assert!(problems(&s, today, gate).is_empty());
}
