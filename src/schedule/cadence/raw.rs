//! A `[[cadence]]` table as written: its values by key, each with its span for located errors.

use std::ops::Range;

use crate::error::{Result, Source};
use crate::schedule::keys::{self, CADENCE, CADENCE_PHASE, QUARTER};
use crate::schedule::tree::{Item, Table, TableExt};
use crate::schedule::values::{table, tables};

/// A value that may be missing.
pub(super) type Value<'t, 'a> = Option<&'t Item<'a>>;

// The keys of each table, from [`crate::schedule::keys`].
const CADENCE_KEYS: [&str; CADENCE.keys.len()] = keys::names(CADENCE.keys);
const SLOT_KEYS: [&str; CADENCE_PHASE.keys.len()] = keys::names(CADENCE_PHASE.keys);
const DATES_KEYS: [&str; QUARTER.keys.len()] = keys::names(QUARTER.keys);

pub(super) struct RawTable<'t, 'a> {
    /// The `[[cadence]]` header.
    pub(crate) header: Range<usize>,
    pub(crate) every: Value<'t, 'a>,
    pub(crate) from: Value<'t, 'a>,
    pub(crate) until: Value<'t, 'a>,
    pub(crate) count: Value<'t, 'a>,
    pub(crate) numbered_from: Value<'t, 'a>,
    pub(crate) skip: Value<'t, 'a>,
    pub(crate) done: Value<'t, 'a>,
    /// Dates of generated phases moved by `reschedule`: `due`, `on`, `start` and `end` maps.
    pub(crate) moved: [(&'static str, Value<'t, 'a>); 4],
    /// Cycles moved as a whole: the `cycle` and `cycles_from` maps.
    pub(crate) cycle_moves: [(&'static str, Value<'t, 'a>); 2],
    pub(crate) phase: Vec<RawSlot<'t, 'a>>,
}

/// A `[[cadence.phase]]`: the phase each cycle generates.
pub(super) struct RawSlot<'t, 'a> {
    pub(crate) span: Range<usize>,
    pub(crate) name: Value<'t, 'a>,
    pub(crate) start: Value<'t, 'a>,
    pub(crate) end: Value<'t, 'a>,
    pub(crate) due: Value<'t, 'a>,
    pub(crate) on: Value<'t, 'a>,
    /// Not allowed here; read so the error can say why.
    pub(crate) until: Value<'t, 'a>,
    /// Not allowed here; read so the error can say why.
    pub(crate) done: Value<'t, 'a>,
    pub(crate) note: Value<'t, 'a>,
    pub(crate) url: Value<'t, 'a>,
    pub(crate) warn: Value<'t, 'a>,
    pub(crate) shift: Value<'t, 'a>,
    pub(crate) owner: Value<'t, 'a>,
    pub(crate) q1: Option<RawDates<'t, 'a>>,
    pub(crate) q2: Option<RawDates<'t, 'a>>,
    pub(crate) q3: Option<RawDates<'t, 'a>>,
    pub(crate) q4: Option<RawDates<'t, 'a>>,
}

/// Dates that replace a phase's own in the cycles starting in one quarter (`q4 = { ... }`).
pub(super) struct RawDates<'t, 'a> {
    pub(crate) start: Value<'t, 'a>,
    pub(crate) end: Value<'t, 'a>,
    pub(crate) due: Value<'t, 'a>,
    pub(crate) on: Value<'t, 'a>,
    pub(crate) shift: Value<'t, 'a>,
}

impl<'t, 'a> RawTable<'t, 'a> {
    pub(super) fn read(item: &'t Item<'a>, source: &Source) -> Result<RawTable<'t, 'a>> {
        let t = table(item, source, "[[cadence]]")?;
        t.only(&CADENCE_KEYS, source)?;
        let phase = match t.get("phase") {
            Some(v) => tables(v, source, "[[cadence.phase]]")?
                .into_iter()
                .map(|s| RawSlot::read(s, source))
                .collect::<Result<_>>()?,
            None => Vec::new(),
        };
        Ok(RawTable {
            header: item.span(),
            every: t.get("every"),
            from: t.get("from"),
            until: t.get("until"),
            count: t.get("count"),
            numbered_from: t.get("numbered_from"),
            skip: t.get("skip"),
            done: t.get("done"),
            moved: ["due", "on", "start", "end"].map(|k| (k, t.get(k))),
            cycle_moves: ["cycle", "cycles_from"].map(|k| (k, t.get(k))),
            phase,
        })
    }
}

impl<'t, 'a> RawSlot<'t, 'a> {
    fn read(item: &'t Item<'a>, source: &Source) -> Result<RawSlot<'t, 'a>> {
        let t: &Table = table(item, source, "[[cadence.phase]]")?;
        t.only(&SLOT_KEYS, source)?;
        let q = |key: &str| t.get(key).map(|v| RawDates::read(v, source)).transpose();
        Ok(RawSlot {
            span: item.span(),
            name: t.get("name"),
            start: t.get("start"),
            end: t.get("end"),
            due: t.get("due"),
            on: t.get("on"),
            until: t.get("until"),
            done: t.get("done"),
            note: t.get("note"),
            url: t.get("url"),
            warn: t.get("warn"),
            shift: t.get("shift"),
            owner: t.get("owner"),
            q1: q("q1")?,
            q2: q("q2")?,
            q3: q("q3")?,
            q4: q("q4")?,
        })
    }
}

impl<'t, 'a> RawDates<'t, 'a> {
    fn read(item: &'t Item<'a>, source: &Source) -> Result<RawDates<'t, 'a>> {
        let t = table(
            item,
            source,
            "an inline table, like q4 = { due = \"last day\" }",
        )?;
        t.only(&DATES_KEYS, source)?;
        Ok(RawDates {
            start: t.get("start"),
            end: t.get("end"),
            due: t.get("due"),
            on: t.get("on"),
            shift: t.get("shift"),
        })
    }
}
