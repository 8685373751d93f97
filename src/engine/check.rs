//! What the pre-release gate (`check`) finds wrong on a day. Pure: `today` is an argument.
//!
//! - Every milestone overdue on `today` is a problem.
//! - With `fail_within`, so is every milestone not done and due from today to today +
//!   `fail_within`, both included (`0d` catches what is due today).
//! - With `fail_tba`, so is every milestone not done whose due date is to be announced, and
//!   every window whose end is (a key date never fails the check, to be announced or not).
//! - With a document, a schedule table that differs from what `render` would write is a problem,
//!   located at its first differing line.

use chrono::NaiveDate;

use crate::dates::Days;
use crate::engine::evaluate;
use crate::engine::overdue::{Overdues, Part};
use crate::schedule::model::Schedule;
use crate::schedule::phase::EventKind;
use crate::schedule::phase::{Phase, When};

/// A milestone (or, with `--fail-tba`, a window) that stops a release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// Which document it is in (0 with one document).
    pub(crate) doc: usize,
    pub(crate) phase: Phase,
    /// The date at fault: a milestone's due date, or "tba".
    pub(crate) due: When,
    pub(crate) kind: ProblemKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProblemKind {
    /// Due before today and not done; at least 1 day.
    Overdue { days: i64 },
    /// Not done and due within the `--fail-within` span; 0 for today.
    DueWithin { days_until: i64, within: Days },
    /// A milestone's due date (`Due`) or a window's end (`End`) to be announced, with
    /// `--fail-tba`.
    Tba { event: EventKind },
}

/// The phases that fail the check on `today`: overdue milestones, oldest first (computed as
/// they are read), then those due within `fail_within`, soonest first, then the dates to be
/// announced, in file order.
#[derive(Debug, Clone)]
pub(crate) struct Problems<'s> {
    pub(crate) overdue: Overdues<'s>,
    pub(crate) due_within: Vec<Problem>,
    pub(crate) tba: Vec<Problem>,
}

impl<'s> Problems<'s> {
    pub(crate) fn iter(&self) -> impl Iterator<Item = Problem> + 's {
        let due = self.due_within.clone();
        let tba = self.tba.clone();
        self.overdue
            .iter()
            .map(|o| Problem {
                doc: o.doc,
                kind: ProblemKind::Overdue {
                    days: o.days_overdue,
                },
                due: When::On(o.due),
                phase: o.phase,
            })
            .chain(due)
            .chain(tba)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.due_within.is_empty() && self.tba.is_empty() && self.overdue.is_empty()
    }
}

/// What makes the check fail besides overdue milestones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Gate {
    /// `--fail-within`: milestones due this soon.
    pub(crate) within: Option<Days>,
    /// `--fail-tba`: milestones and window ends to be announced.
    pub(crate) tba: bool,
}

pub(crate) fn problems(schedule: &Schedule, today: NaiveDate, gate: Gate) -> Problems<'_> {
    let fail_within = gate.within;
    let mut due_within = Vec::new();
    if let Some(within) = fail_within {
        let report = evaluate::evaluate(schedule, today, within);
        // `upcoming` reaches past the horizon when nothing falls within it; that is not "within".
        due_within.extend(
            report
                .upcoming
                .into_iter()
                .filter(|u| u.event == EventKind::Due && u.days_until <= within.get())
                .map(|u| Problem {
                    doc: 0,
                    phase: u.phase,
                    due: When::On(u.date),
                    kind: ProblemKind::DueWithin {
                        days_until: u.days_until,
                        within,
                    },
                }),
        );
    }
    // Generated phases are never to be announced: only written ones can be.
    let tba = if gate.tba {
        schedule
            .phases
            .iter()
            .filter_map(|p| match p.tba(today)? {
                event @ (EventKind::Due | EventKind::End) => Some(Problem {
                    doc: 0,
                    phase: p.clone(),
                    due: When::Tba,
                    kind: ProblemKind::Tba { event },
                }),
                EventKind::Start | EventKind::KeyDate => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    Problems {
        overdue: Overdues::new(schedule, today),
        due_within,
        tba,
    }
}

/// The phases that fail the check in any of several documents, each on its own today: overdue
/// milestones oldest first, then those due within `fail_within`, soonest first, then the dates
/// to be announced, document by document in file order.
pub(crate) fn problems_all<'s>(parts: &'s [Part<'s>], gate: Gate) -> Problems<'s> {
    let mut due_within = Vec::new();
    let mut tba = Vec::new();
    for (doc, p) in parts.iter().enumerate() {
        let found = problems(p.schedule, p.today, gate);
        due_within.extend(found.due_within.into_iter().map(|q| Problem { doc, ..q }));
        tba.extend(found.tba.into_iter().map(|q| Problem { doc, ..q }));
    }
    due_within.sort_by_key(|q| (q.due, q.doc, q.phase.order()));
    Problems {
        overdue: Overdues::many(parts),
        due_within,
        tba,
    }
}

/// Where a document's table parts from the one expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stale {
    /// 0-based index of the first differing line within the block.
    pub(crate) index: usize,
    /// That line as found, or `None` when the block ends too early.
    pub(crate) found: Option<String>,
    /// That line as expected, or `None` when the block should have ended.
    pub(crate) expected: Option<String>,
}

/// Compares a block's lines as found with those expected; `None` when they are the same.
/// Lines are compared exactly, line endings aside.
pub(crate) fn stale(found: &str, expected: &str) -> Option<Stale> {
    let mut a = found.lines();
    let mut b = expected.lines();
    let mut index = 0;
    loop {
        match (a.next(), b.next()) {
            (None, None) => return None,
            (x, y) if x == y => index += 1,
            (x, y) => {
                return Some(Stale {
                    index,
                    found: x.map(str::to_string),
                    expected: y.map(str::to_string),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::schedule::phase::Kind;

    fn milestone(name: &str, due: NaiveDate, done: Option<NaiveDate>, line: usize) -> Phase {
        Phase::new(
            name,
            Kind::Milestone {
                due: due.into(),
                done,
            },
            line,
        )
    }

    fn found(s: &Schedule, today: NaiveDate, within: Option<Days>) -> Vec<String> {
        let gate = Gate { within, tba: true };
        problems(s, today, gate)
            .iter()
            .map(|p| match p.kind {
                ProblemKind::Overdue { days } => format!("{} overdue {days}", p.phase.name),
                ProblemKind::DueWithin { days_until, .. } => {
                    format!("{} due in {days_until}", p.phase.name)
                }
                ProblemKind::Tba { event } => format!("{} {} tba", p.phase.name, event.as_str()),
            })
            .collect()
    }

    #[test]
    fn overdue_and_due_within_boundaries() {
        let s = Schedule {
            phases: vec![
                milestone("q2", date(2021, 6, 30), None, 1),
                milestone("shipped", date(2021, 6, 30), Some(date(2021, 7, 2)), 2),
                Phase::new(
                    "window",
                    Kind::Window {
                        start: Some(date(2021, 6, 14)),
                        end: date(2021, 6, 30).into(),
                    },
                    3,
                ),
            ],
            ..Schedule::default()
        };
        let w = Some(Days(7));
        let cases: [(NaiveDate, Option<Days>, &[&str]); 10] = [
            (date(2021, 6, 30), None, &[]), // due today: not overdue
            (
                date(2021, 7, 1),
                None,
                &["q2 overdue 1", "shipped overdue 1"],
            ),
            (date(2021, 7, 2), None, &["q2 overdue 2"]), // done counts from its date
            (date(2021, 6, 22), w, &[]),                 // 8 days ahead
            (date(2021, 6, 23), w, &["q2 due in 7", "shipped due in 7"]),
            (date(2021, 6, 30), w, &["q2 due in 0", "shipped due in 0"]),
            (
                date(2021, 6, 30),
                Some(Days(0)),
                &["q2 due in 0", "shipped due in 0"],
            ),
            (date(2021, 6, 29), Some(Days(0)), &[]),
            (date(2021, 1, 1), w, &[]), // nothing within: the next event is not "within"
            (date(2021, 7, 1), w, &["q2 overdue 1", "shipped overdue 1"]),
        ];
        for (today, within, want) in cases {
            assert_eq!(
                found(&s, today, within),
                want,
                "on {today} within {within:?}"
            );
        }
    }

    #[test]
    fn across_the_year_end() {
        let s = Schedule {
            phases: vec![milestone("new year", date(2022, 1, 2), None, 1)],
            ..Schedule::default()
        };
        assert_eq!(
            found(&s, date(2021, 12, 31), Some(Days(2))),
            ["new year due in 2"]
        );
        assert!(found(&s, date(2021, 12, 31), Some(Days(1))).is_empty());
        assert_eq!(found(&s, date(2022, 1, 3), None), ["new year overdue 1"]);
    }

    #[test]
    fn stale_finds_the_first_differing_line() {
        let cases = [
            ("a\nb\n", "a\nb\n", None),
            ("a\r\nb\r\n", "a\nb\n", None),
            ("a\nx\n", "a\nb\n", Some((1, Some("x"), Some("b")))),
            ("a\n", "a\nb\n", Some((1, None, Some("b")))),
            ("a\nb\nc\n", "a\nb\n", Some((2, Some("c"), None))),
            ("", "a\n", Some((0, None, Some("a")))),
        ];
        for (found, expected, want) in cases {
            let want = want.map(|(index, f, e): (usize, Option<&str>, Option<&str>)| Stale {
                index,
                found: f.map(str::to_string),
                expected: e.map(str::to_string),
            });
            assert_eq!(stale(found, expected), want, "{found:?} vs {expected:?}");
        }
    }
}
