//! Publishing and undoing on arbitrary schedule text: the edit either is refused with a message,
//! or leaves a file that loads, has the milestone done on the date asked for, differs from the
//! original by one line, and undoing it gives back the original text byte for byte.
#![no_main]

use std::path::Path;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use vision_sched::internals::{
    Kind, Origin, Phase, Schedule, Source, Target, When, add_days, parse, set_done, undo,
};

fn load(text: &str) -> Option<Schedule> {
    parse(&Source::new(Path::new("fuzz.toml"), text)).ok()
}

/// The milestone named `name` from the same place in `s` (two cadences may generate one name;
/// publish refuses such a name as ambiguous), written or generated around `near`.
fn milestone(s: &Schedule, name: &str, origin: Origin, near: NaiveDate) -> Option<Phase> {
    let from = add_days(near, -400);
    let to = add_days(near, 400);
    s.phases_between(from, to)
        .into_iter()
        .find(|p| p.name == name && p.origin == origin)
}

fn changed_lines(a: &str, b: &str) -> usize {
    // A file without a final newline gains one before the added line: not a changed line.
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let same_head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let same_tail = a[same_head..]
        .iter()
        .rev()
        .zip(b[same_head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (a.len() - same_head - same_tail).max(b.len() - same_head - same_tail)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(schedule) = load(text) else { return };
    let Some(first) = schedule.first_date() else {
        return;
    };
    let from = first;
    let to = add_days(first, 800);
    let candidates: Vec<Phase> = schedule
        .phases_between(from, to)
        .into_iter()
        .filter(|p| matches!(p.kind, Kind::Milestone { done: None, .. }))
        .take(4)
        .collect();
    for (i, phase) in candidates.iter().enumerate() {
        // A due date to be announced is published like any other: the edit is only `done`.
        let Kind::Milestone { due, .. } = phase.kind else {
            continue;
        };
        let When::On(near) = due else { continue };
        let target = match phase.origin {
            Origin::Written => Target::Phase { name: &phase.name },
            Origin::Generated { cadence, .. } => Target::Cadence {
                index: cadence as usize,
                name: &phase.name,
            },
        };
        let on = add_days(near, i as i64 * 3 - 3);
        let Ok(new) = set_done(text, target, on) else {
            continue;
        };
        // A refusal is fine; an edit that damages the file is not, so publish re-parses first.
        let Some(after) = load(&new) else { continue };
        let found = milestone(&after, &phase.name, phase.origin, near)
            .expect("the milestone is still there");
        assert_eq!(
            found.kind,
            Kind::Milestone {
                due,
                done: Some(on)
            },
            "{new}"
        );
        assert!(
            changed_lines(text, &new) <= 1,
            "more than one line changed:\n{text}\n---\n{new}"
        );
        let back = undo(&new, target)
            .expect("undo")
            .expect("a record to remove");
        assert!(!back.by_hand, "publish's own entry is undone as such");
        assert_eq!(back.text, text, "undo gives back the original");
    }
});
