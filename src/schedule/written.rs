//! One `[[phase]]` table as written: its kind, its dates, its plan and the rest, checked.
//!
//! A phase is exactly one of: a window (`start` and `end`, or `until` for a window with no
//! start), a milestone (`due`, and `done` once delivered) or a key date (`on`). A milestone or a
//! key date may carry `planned`, the date first promised; a window `planned_start` and
//! `planned_end`. Any of `start`, `end`, `until`, `due` and `on` may be written relative to
//! another phase (see [`crate::schedule::relative`]); those are left for
//! [`crate::schedule::resolve`] to fill in once every phase is known. A window's `end`, a
//! milestone's `due`, a key date's `on`, `planned` and `planned_end` may be `"tba"`, a date to
//! be announced; a window's first day (`start`) must be known, so `until` cannot be `"tba"`.

use std::ops::Range;

use chrono::NaiveDate;
use toml::de::DeValue;

use crate::dates::FIRST_DAY;
use crate::error::{Result, Source};
use crate::schedule::days_off::Shift;
use crate::schedule::keys::{self, PHASE};
use crate::schedule::owners::Owners;
use crate::schedule::phase::{Kind, Phase, When, is_tba};
use crate::schedule::relative::Relative;
use crate::schedule::tree::{Item, TableExt};
use crate::schedule::values::{date_value, days_value, string, table};

/// The keys of a `[[phase]]`, from [`crate::schedule::keys::PHASE`].
pub(crate) const KEYS: [&str; PHASE.keys.len()] = keys::names(PHASE.keys);

/// A date of a phase written relative to another phase, to be filled in.
#[derive(Debug, Clone)]
pub(crate) struct Pending {
    /// `start`, `end` (also for `until`), `due` or `on`.
    pub(crate) key: &'static str,
    pub(crate) relative: Relative,
    /// The value, for errors.
    pub(crate) span: Range<usize>,
    /// As written.
    pub(crate) written: String,
}

/// A date value as written: a date, one to be announced, or another phase's date moved by an
/// offset.
enum Written {
    Date(NaiveDate),
    Tba,
    Relative(Relative, String),
}

/// The phase a `[[phase]]` table describes, and its dates still to be filled in. `line` is the
/// line of its `name`; `owner` is the document's, for a phase that names none.
pub(crate) fn phase(item: &Item, source: &Source, owner: &Owners) -> Result<(Phase, Vec<Pending>)> {
    let span = item.span();
    let t = table(item, source, "[[phase]]")?;
    let fields = t.fields(&KEYS, source)?;
    // By name, for messages.
    let raw = |key: &str| KEYS.iter().position(|k| *k == key).and_then(|i| fields[i]);
    let [
        name_item,
        start,
        end,
        until,
        due,
        on,
        done,
        planned,
        planned_start,
        planned_end,
        note,
        url,
        warn,
        shift,
        own_owner,
    ] = fields;
    let Some(name_item) = name_item else {
        return Err(source.error(
            span.start..span.start,
            "this phase has no `name`: every [[phase]] needs one",
        ));
    };
    let name = string(name_item, source, "a string")?;
    let name_span = name_item.span();
    let line = source.line_of(name_span.start);
    // Most names are printable ASCII, which needs no look at characters.
    let printable = name.bytes().all(|b| (0x20..0x7f).contains(&b));
    if name.trim().is_empty() {
        return Err(source.error(name_span, "a phase name cannot be empty"));
    }
    if !printable && name.chars().any(char::is_control) {
        return Err(source.error(
            name_span,
            "a phase name cannot hold control characters (newlines, tabs, escapes, NUL)",
        ));
    }
    let mut pending = Vec::new();
    // A date key: a date, one to be announced, or a relative one (filled in later; a
    // placeholder until then).
    let mut date = |v: Option<&Item>, pending_key: &'static str| -> Result<Option<When>> {
        let Some(v) = v else { return Ok(None) };
        match written(v, source)? {
            Written::Date(d) => Ok(Some(When::On(d))),
            Written::Tba => Ok(Some(When::Tba)),
            Written::Relative(relative, text) => {
                pending.push(Pending {
                    key: pending_key,
                    relative,
                    span: v.span(),
                    written: text,
                });
                Ok(Some(When::On(FIRST_DAY)))
            }
        }
    };
    let (start, end, until, due, on) = (
        date(start, "start")?,
        date(end, "end")?,
        date(until, "end")?,
        date(due, "due")?,
        date(on, "on")?,
    );
    let fixed = |v: Option<&Item>| v.map(|v| date_value(v, source)).transpose();
    // A plan may be to be announced: a date written later keeps "tba" as the plan.
    let plan = |v: Option<&Item>| {
        v.map(|v| match v.get_ref() {
            DeValue::String(s) if is_tba(s) => Ok(When::Tba),
            _ => date_value(v, source).map(When::On),
        })
        .transpose()
    };
    let (done, planned, planned_start, planned_end) = (
        fixed(done)?,
        plan(planned)?,
        fixed(planned_start)?,
        plan(planned_end)?,
    );
    let here = |key: &str| raw(key).map_or(name_span.clone(), Item::span);
    // A window's first day must be known: one that has not begun has no start to announce.
    for (value, key) in [(start, "start"), (until, "until")] {
        if value == Some(When::Tba) {
            return Err(source.error(
                here(key),
                format!("phase `{name}`: a window's `{key}` cannot be \"tba\", only its `end` can (a window that has begun and has no end date yet)"),
            ).help("write a key date (`on = \"tba\"`) for a window whose first day is not known yet"));
        }
    }
    let start = start.and_then(When::date);
    let kinds = [
        (start.is_some() || end.is_some(), "`start`/`end`", "start"),
        (until.is_some(), "`until`", "until"),
        (due.is_some(), "`due`", "due"),
        (on.is_some(), "`on`", "on"),
    ];
    let mut given = kinds.iter().filter(|k| k.0);
    if let (Some(first), Some(second)) = (given.next(), given.next()) {
        let at = if raw(second.2).is_some() {
            here(second.2)
        } else {
            here("end")
        };
        return Err(source.error(
            at,
            format!(
                "phase `{name}` has both {} and {}: a phase is a window (`start` and `end`, or `until`), a milestone (`due`) or a key date (`on`)",
                first.1, second.1
            ),
        ));
    }
    let relative = |key: &str| pending.iter().any(|p| p.key == key);
    let kind = match (start, end, until, due, on) {
        (Some(s), Some(e), None, None, None) => {
            // Relative dates are compared once they are filled in.
            if let When::On(e) = e
                && e < s
                && !relative("start")
                && !relative("end")
            {
                return Err(source.error(
                    here("end"),
                    format!("phase `{name}` ends ({e}) before it starts ({s})"),
                ));
            }
            Kind::Window {
                start: Some(s),
                end: e,
            }
        }
        (Some(_), None, None, None, None) => {
            return Err(source.error(
                here("start"),
                format!("phase `{name}` has `start` but no `end`"),
            ));
        }
        (None, Some(_), None, None, None) => {
            return Err(source.error(
                here("end"),
                format!("phase `{name}` has `end` but no `start` (write `until` for a window with no start)"),
            ));
        }
        (None, None, Some(u), None, None) => Kind::Window {
            start: None,
            end: u,
        },
        (None, None, None, Some(d), None) => Kind::Milestone { due: d, done: None },
        (None, None, None, None, Some(d)) => Kind::KeyDate { on: d },
        _ => {
            return Err(source.error(
                name_span,
                format!("phase `{name}` has no date: give it `start` and `end` (a window), `until` (a window with no start), `due` (a milestone) or `on` (a key date)"),
            ));
        }
    };
    let kind = match (kind, done) {
        (Kind::Milestone { due, .. }, done) => Kind::Milestone { due, done },
        (Kind::Window { .. }, Some(_)) => {
            return Err(source.error(
                here("done"),
                format!(
                    "phase `{name}` is a window: `done` belongs to milestones (phases with `due`)"
                ),
            ));
        }
        (Kind::KeyDate { .. }, Some(_)) => {
            return Err(source.error(
                here("done"),
                format!(
                    "phase `{name}` is a key date: it is never overdue and takes no `done` (write `due` for a milestone to deliver)"
                ),
            ));
        }
        (k, None) => k,
    };
    match (kind, planned, planned_start.map(When::On).or(planned_end)) {
        (Kind::Window { .. }, Some(_), _) => {
            return Err(source.error(
                here("planned"),
                format!("phase `{name}` is a window: its plan is `planned_start` and `planned_end`, not `planned`"),
            ));
        }
        (Kind::Milestone { .. } | Kind::KeyDate { .. }, _, Some(_)) => {
            let key = if planned_start.is_some() {
                "planned_start"
            } else {
                "planned_end"
            };
            return Err(source.error(
                here(key),
                format!("phase `{name}` is not a window: its plan is `planned`, not `{key}`"),
            ));
        }
        (Kind::Window { start: None, .. }, _, _) if planned_start.is_some() => {
            return Err(source.error(
                here("planned_start"),
                format!("phase `{name}` has no start (it is an `until` window): it has no `planned_start`"),
            ));
        }
        _ => {}
    }
    let text = |v: Option<&Item>| {
        v.map(|v| string(v, source, "a string").map(str::to_string))
            .transpose()
    };
    let mut p = Phase::new(name, kind, line);
    let (note, url) = (text(note)?, text(url)?);
    let planned = planned.or(planned_start.map(When::On));
    if note.is_some() || url.is_some() || planned.is_some() || planned_end.is_some() {
        let extra = p.extra_mut();
        extra.note = note;
        extra.url = url;
        extra.planned = planned;
        extra.planned_end = planned_end;
    }
    p.warn = warn.map(|w| days_value(w, source)).transpose()?;
    if let Some(v) = shift {
        let shift =
            Shift::parse(string(v, source, "a string")?).map_err(|m| source.error(v.span(), m))?;
        p.extra_mut().shift = Some(shift);
    }
    let owners = match own_owner {
        Some(v) => crate::schedule::owners::read(v, source)?,
        None => owner.clone(),
    };
    if !owners.is_empty() {
        p.extra_mut().owners = owners;
    }
    Ok((p, pending))
}

/// A date key's value: a date, or a string naming another phase.
fn written(v: &Item, source: &Source) -> Result<Written> {
    let DeValue::String(s) = v.get_ref() else {
        return date_value(v, source).map(Written::Date);
    };
    // A date in quotes is a common slip: say so rather than look for a phase named like it.
    if crate::dates::parse_date(s.trim()).is_ok() {
        return date_value(v, source).map(Written::Date);
    }
    if is_tba(s) {
        return Ok(Written::Tba);
    }
    Relative::parse(s)
        .map(|r| Written::Relative(r, s.to_string()))
        .map_err(|m| source.error(v.span(), m))
}
