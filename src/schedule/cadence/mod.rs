//! Recurring cadences: rules that generate cycles of phases.
//!
//! A `[[cadence]]` says how far apart cycles are (`every`), where the first one starts (`from`),
//! optionally where they stop (`until` or `count`), and which phases each cycle has
//! (`[[cadence.phase]]`, with dates as rules such as `"2nd Monday of month 3"`). Cycle k is
//! computed from the anchor and k alone, so asking about any window costs the same wherever it
//! lies: the first and last cycle that can touch it are found by index arithmetic.
//!
//! A phase's date may also name another phase of the same cadence by its name template
//! (`on = "X {n} branch + 3d"`): within each cycle, it is that phase's date as the cycle has it
//! (moved by `reschedule`, then off a day off) moved by the offset, so a chain of dates in a
//! release cycle is written once and a moved date takes the dates after it along. The dates of
//! a cycle are computed together, each after the ones it names ([`Cadence::order`]).

mod build;
mod chains;
mod cycles;
mod day_check;
mod every;
mod names;
mod raw;
mod rule;
mod template;
mod window_check;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::dates::Days;
use crate::schedule::relative::{Edge, Offset};

pub(crate) use build::{MAX_COUNT, MAX_NUMBER, build};
pub(crate) use every::{MAX_MONTHS, Step};
pub(crate) use names::shared_name;
pub(crate) use rule::{MONTHS as MONTH_NAMES, Rule};
pub(crate) use template::Template;

/// A validated cadence rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cadence {
    /// Its number among the file's cadences (0 = the first).
    pub(crate) index: usize,
    /// The line of its `[[cadence]]` header: generated phases sort there in file order.
    pub(crate) line: usize,
    pub(crate) every: Step,
    /// The first day of cycle 0.
    pub(crate) from: NaiveDate,
    /// The number of the last cycle, from `until` or `count`; `None` when it never ends.
    pub(crate) last_cycle: Option<i64>,
    /// The `{n}` of cycle 0.
    pub(crate) numbered_from: i64,
    pub(crate) slots: Vec<Slot>,
    /// Names of generated phases left out.
    pub(crate) skip: BTreeSet<String>,
    /// Names of generated phases that a written phase of the same name replaces.
    pub(crate) replaced: BTreeSet<String>,
    /// Publications recorded for generated milestones, by name.
    pub(crate) done: BTreeMap<String, NaiveDate>,
    /// Dates of generated phases moved by `reschedule`, by name: a milestone's due date, a key
    /// date's day, a window's start and end. A moved phase's rule date is its plan.
    pub(crate) moved: Moved,
    /// Cycles moved as a whole by `reschedule --cycle` and `--cycles-from`.
    pub(crate) cycle_moves: CycleMoves,
    /// [`Cadence::reach`] of the rules alone, before the cycles' moves widen it.
    pub(crate) rule_reach: (i64, i64),
    /// Bounds in days, from a cycle's first day, on every date its phases can have by their
    /// rules (`reschedule`'s moved dates, and the dates that follow them, lie anywhere: see
    /// [`Cadence::moved_phases`]).
    pub(crate) reach: (i64, i64),
    /// For each slot, the slots of the same cycle whose dates follow it, directly or through
    /// others: they move when it moves.
    pub(crate) followers: Vec<Vec<usize>>,
    /// The schedule's days off, for rules in working days and shifts.
    pub(crate) days_off: std::sync::Arc<crate::schedule::days_off::DaysOff>,
    /// The document's `shift`, for phases that do not set their own.
    pub(crate) shift: Option<crate::schedule::days_off::Shift>,
    /// The slots an `--owner` filter left out, by index: their phases are not there at all,
    /// though they still count for the dates of the others.
    pub(crate) hidden: Vec<usize>,
}

/// One `[[cadence.phase]]`: the phase every cycle has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slot {
    pub(crate) name: Template,
    pub(crate) note: Option<Template>,
    pub(crate) url: Option<Template>,
    pub(crate) warn: Option<Days>,
    /// The line of its `name`, for messages.
    pub(crate) line: usize,
    pub(crate) dates: Dates,
    /// Dates used instead in the cycles that start in quarter 1 to 4.
    pub(crate) by_quarter: [Option<Dates>; 4],
    /// Where its dates move off days off: its own `shift`, else the document's.
    pub(crate) shift: Option<crate::schedule::days_off::Shift>,
    /// A quarter's own `shift`, in the cycles that start in it.
    pub(crate) quarter_shift: [Option<crate::schedule::days_off::Shift>; 4],
    /// Who each cycle's phase is for: its own `owner`, else the document's.
    pub(crate) owners: crate::schedule::owners::Owners,
}

/// A generated window, milestone or key date, as rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dates {
    Window { start: CycleDate, end: CycleDate },
    Milestone { due: CycleDate },
    Date { on: CycleDate },
}

/// A date of a cadence phase: a day rule, or another date of the same cycle moved by an
/// offset (`"X {n} branch + 3d"`, `"start of X {n} freeze - 1w"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CycleDate {
    Rule(Rule),
    Follows {
        /// The phase named, by its place in the cadence.
        slot: usize,
        /// Which of its dates.
        edge: Edge,
        offset: Offset,
    },
}

impl CycleDate {
    /// True when it counts working days (so its dates depend on the days off).
    pub(crate) fn in_working_days(&self) -> bool {
        match self {
            CycleDate::Rule(r) => r.in_working_days(),
            CycleDate::Follows { offset, .. } => offset.in_working_days(),
        }
    }

    /// The slot of the phase it names, if it names one.
    pub(crate) fn anchor(&self) -> Option<usize> {
        match *self {
            CycleDate::Rule(_) => None,
            CycleDate::Follows { slot, .. } => Some(slot),
        }
    }
}

/// Cycles moved as a whole, each entry by the name of a phase of the cycle it moves: `one`
/// moves that cycle alone (`cycle."NAME" = "1w"`), `from` that cycle and every later one
/// (`cycles_from."NAME" = "1w"`). Moves of one cycle add up. An entry is `(cycle, days)`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CycleMoves {
    pub(crate) one: BTreeMap<String, (i64, i64)>,
    pub(crate) from: BTreeMap<String, (i64, i64)>,
    /// `one` by cycle, and `from` added up by its first cycle, in cycle order
    /// ([`CycleMoves::sum`] keeps them).
    by_cycle: BTreeMap<i64, i64>,
    summed: Vec<(i64, i64)>,
}

impl Cadence {
    /// Adds up the cycles' moves again after a change, and widens the reach by them.
    pub(crate) fn settle(&mut self) {
        self.cycle_moves.sum();
        let (lo, hi) = self.cycle_moves.range();
        self.reach = (self.rule_reach.0 + lo, self.rule_reach.1 + hi);
    }
}

impl CycleMoves {
    /// Adds the entries up again, after a change.
    pub(crate) fn sum(&mut self) {
        self.by_cycle.clear();
        for &(k, d) in self.one.values() {
            *self.by_cycle.entry(k).or_default() += d;
        }
        let mut from: BTreeMap<i64, i64> = BTreeMap::new();
        for &(k, d) in self.from.values() {
            *from.entry(k).or_default() += d;
        }
        let mut total = 0;
        self.summed = from
            .into_iter()
            .map(|(k, d)| {
                total += d;
                (k, total)
            })
            .collect();
    }

    /// The days cycle `k` moves by, in all.
    pub(crate) fn days(&self, k: i64) -> i64 {
        let i = self.summed.partition_point(|&(c, _)| c <= k);
        let later = if i == 0 { 0 } else { self.summed[i - 1].1 };
        later + self.by_cycle.get(&k).copied().unwrap_or(0)
    }

    /// The fewest and most days any cycle moves by (0 for those that do not move).
    pub(crate) fn range(&self) -> (i64, i64) {
        self.summed
            .iter()
            .map(|&(_, d)| d)
            .chain(self.by_cycle.keys().map(|&k| self.days(k)))
            .fold((0, 0), |(lo, hi), d| (lo.min(d), hi.max(d)))
    }
}

/// The dates `reschedule` moved, by generated name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Moved {
    pub(crate) due: BTreeMap<String, NaiveDate>,
    pub(crate) on: BTreeMap<String, NaiveDate>,
    pub(crate) start: BTreeMap<String, NaiveDate>,
    pub(crate) end: BTreeMap<String, NaiveDate>,
}

impl Moved {
    /// The names whose dates moved.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.due
            .keys()
            .chain(self.on.keys())
            .chain(self.start.keys())
            .chain(self.end.keys())
            .map(String::as_str)
    }
}

impl Dates {
    /// Its dates, in node order: a window's start and end, or its one date.
    pub(super) fn whens(&self) -> Vec<CycleDate> {
        match *self {
            Dates::Window { start, end } => vec![start, end],
            Dates::Milestone { due } => vec![due],
            Dates::Date { on } => vec![on],
        }
    }

    /// Its day rules, leaving out the dates that name another phase.
    pub(super) fn rules(&self) -> Vec<Rule> {
        self.whens()
            .into_iter()
            .filter_map(|w| match w {
                CycleDate::Rule(r) => Some(r),
                CycleDate::Follows { .. } => None,
            })
            .collect()
    }

    /// The key each date is written under: `start` and `end`, `due` or `on`.
    pub(crate) fn keys(&self) -> &'static [&'static str] {
        match self {
            Dates::Window { .. } => &["start", "end"],
            Dates::Milestone { .. } => &["due"],
            Dates::Date { .. } => &["on"],
        }
    }
}

impl Cadence {
    /// Leaves out the phases of these slots (see [`Cadence::hidden`]).
    pub(crate) fn hide(&mut self, slots: Vec<usize>) {
        self.hidden = slots;
    }

    /// True when slot `s`'s phases are there (no `--owner` filter left them out).
    pub(crate) fn shows(&self, s: usize) -> bool {
        !self.hidden.contains(&s)
    }

    /// The slots whose phases are there.
    pub(crate) fn shown_slots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.slots.len()).filter(|&s| self.shows(s))
    }
}

impl Slot {
    fn all_dates(&self) -> impl Iterator<Item = &Dates> {
        std::iter::once(&self.dates).chain(self.by_quarter.iter().flatten())
    }
}
