//! The schedule as the engine sees it: plain data, already validated.

use std::sync::Arc;

use crate::dates::Days;
use crate::error::Location;
use crate::schedule::cadence::Cadence;
use crate::schedule::days_off::{DaysOff, Shift};
use crate::schedule::owners::Owners;
use crate::schedule::phase::Phase;

/// A whole schedule file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    pub(crate) settings: Settings,
    /// Phases written out in the file, in file order.
    pub(crate) phases: Vec<Phase>,
    /// Rules that generate cycles of phases.
    pub(crate) cadences: Vec<Cadence>,
}

/// The `[document]` table.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Settings {
    pub(crate) title: Option<String>,
    /// IANA zone name in which "today" is taken.
    pub(crate) timezone: Option<String>,
    /// Warning period for reminders, unless a phase sets its own.
    pub(crate) warn: Option<Days>,
    /// Weekend days and holidays; none by default.
    pub(crate) days_off: Arc<DaysOff>,
    /// Where dates that land on a day off move, unless a phase says otherwise.
    pub(crate) shift: Option<Shift>,
    /// Other schedules this one brings in (`include`), as written, with where each is written.
    pub(crate) include: Vec<Include>,
    /// Who this document's phases are for, unless a phase names its own `owner`.
    pub(crate) owner: Owners,
}

/// One entry of `include`: a path or glob, relative to the including file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Include {
    pub(crate) pattern: String,
    /// Where it is written, for errors about it (a glob that matches nothing).
    pub(crate) at: Location,
}

impl Schedule {
    /// True when a phase of this schedule, written or generated, has an owner.
    pub(crate) fn has_owners(&self) -> bool {
        self.phases.iter().any(|p| !p.owners().is_empty())
            || self
                .cadences
                .iter()
                .any(|c| c.slots.iter().any(|s| !s.owners.is_empty()))
    }

    /// Leaves only the phases `wanted` owns: written phases, and each cadence's phases by their
    /// rule (a cadence none of whose phases is kept goes). Dates were all worked out on loading,
    /// so none moves.
    pub(crate) fn keep_owned_by(&mut self, wanted: &crate::schedule::owners::Wanted) {
        self.phases.retain(|p| wanted.any_of(p.owners()));
        for c in &mut self.cadences {
            let hidden: Vec<usize> = (0..c.slots.len())
                .filter(|&s| !wanted.any_of(&c.slots[s].owners))
                .collect();
            c.hide(hidden);
        }
        self.cadences.retain(|c| c.shown_slots().next().is_some());
    }
}
