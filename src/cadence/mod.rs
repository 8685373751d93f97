//! Recurring cadences: rules that generate cycles of phases.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Result, Source};
use crate::model::Phase;

/// A `[[cadence]]` table as written in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCadence {}

/// A validated cadence rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cadence {}

/// Validates the cadence numbered `index` in the file.
pub fn build(_raw: RawCadence, _index: usize, source: &Source) -> Result<Cadence> {
    Err(crate::error::Error::file(
        source.path,
        "`[[cadence]]` tables are not supported yet",
    ))
}

impl Cadence {
    /// The phases of every cycle that has a date within `from..=to`.
    pub fn occurrences(&self, _from: NaiveDate, _to: NaiveDate) -> Vec<Phase> {
        Vec::new()
    }

    /// The first date after `date` on which a generated phase has an event.
    pub fn next_event_after(&self, _date: NaiveDate) -> Option<NaiveDate> {
        None
    }
}
