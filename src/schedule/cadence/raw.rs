//! A `[[cadence]]` table as written, with spans for located errors.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A `[[cadence]]` table as written in the file (its span is the table's header).
#[derive(Debug, Deserialize)]
#[serde(transparent)]
pub struct RawCadence(pub(super) Spanned<RawTable>);

pub(super) type Value = Option<Spanned<toml::Value>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTable {
    pub every: Value,
    pub from: Value,
    pub until: Value,
    pub count: Value,
    pub numbered_from: Value,
    pub skip: Option<Spanned<Vec<Spanned<String>>>>,
    pub done: Option<Spanned<BTreeMap<Spanned<String>, Spanned<toml::Value>>>>,
    #[serde(default)]
    pub phase: Vec<Spanned<RawSlot>>,
}

/// A `[[cadence.phase]]`: the phase each cycle generates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSlot {
    pub name: Option<Spanned<String>>,
    pub start: Value,
    pub end: Value,
    pub due: Value,
    /// Not allowed here; read so the error can say why.
    pub until: Value,
    /// Not allowed here; read so the error can say why.
    pub done: Value,
    pub note: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub warn: Value,
    pub q1: Option<Spanned<RawDates>>,
    pub q2: Option<Spanned<RawDates>>,
    pub q3: Option<Spanned<RawDates>>,
    pub q4: Option<Spanned<RawDates>>,
}

/// Dates that replace a phase's own in the cycles starting in one quarter (`q4 = { ... }`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDates {
    pub start: Value,
    pub end: Value,
    pub due: Value,
}
