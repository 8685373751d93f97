//! Recurring cadences: rules that generate cycles of phases.
//!
//! A `[[cadence]]` says how far apart cycles are (`every`), where the first one starts (`from`),
//! optionally where they stop (`until` or `count`), and which phases each cycle has
//! (`[[cadence.phase]]`, with dates as rules such as `"2nd Monday of month 3"`). Cycle k is
//! computed from the anchor and k alone, so asking about any window costs the same wherever it
//! lies: the first and last cycle that can touch it are found by index arithmetic.

mod build;
mod cycles;
mod every;
mod names;
mod raw;
mod rule;
mod template;

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::dates::Days;

pub use build::build;
pub use every::Step;
pub use names::shared_name;
pub use rule::Rule;
pub use template::Template;

/// A validated cadence rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cadence {
    /// Its number among the file's cadences (0 = the first).
    pub index: usize,
    /// The line of its `[[cadence]]` header: generated phases sort there in file order.
    pub line: usize,
    pub every: Step,
    /// The first day of cycle 0.
    pub from: NaiveDate,
    /// The number of the last cycle, from `until` or `count`; `None` when it never ends.
    pub last_cycle: Option<i64>,
    /// The `{n}` of cycle 0.
    pub numbered_from: i64,
    pub slots: Vec<Slot>,
    /// Names of generated phases left out.
    pub skip: BTreeSet<String>,
    /// Names of generated phases that a written phase of the same name replaces.
    pub replaced: BTreeSet<String>,
    /// Publications recorded for generated milestones, by name.
    pub done: BTreeMap<String, NaiveDate>,
    /// Bounds in days, from a cycle's first day, on every date its phases can have.
    pub reach: (i64, i64),
}

/// One `[[cadence.phase]]`: the phase every cycle has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub name: Template,
    pub note: Option<Template>,
    pub url: Option<Template>,
    pub warn: Option<Days>,
    /// The line of its `name`, for messages.
    pub line: usize,
    pub dates: Dates,
    /// Dates used instead in the cycles that start in quarter 1 to 4.
    pub by_quarter: [Option<Dates>; 4],
}

/// A generated window or milestone, as rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    Window { start: Rule, end: Rule },
    Milestone { due: Rule },
}

impl Dates {
    pub(super) fn rules(&self) -> Vec<Rule> {
        match *self {
            Dates::Window { start, end } => vec![start, end],
            Dates::Milestone { due } => vec![due],
        }
    }
}

impl Slot {
    fn all_dates(&self) -> impl Iterator<Item = &Dates> {
        std::iter::once(&self.dates).chain(self.by_quarter.iter().flatten())
    }
}
