//! The schedule as the engine sees it: plain data, already validated.

use std::sync::Arc;

use crate::dates::Days;
use crate::error::Location;
use crate::schedule::cadence::Cadence;
use crate::schedule::days_off::{DaysOff, Shift};
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
}

/// One entry of `include`: a path or glob, relative to the including file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Include {
    pub(crate) pattern: String,
    /// Where it is written, for errors about it (a glob that matches nothing).
    pub(crate) at: Location,
}
