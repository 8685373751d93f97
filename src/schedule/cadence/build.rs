//! Validating a `[[cadence]]` table, with an error at the line of every bad value.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::Datelike;
use toml::de::DeValue;

use super::every::Step;
use super::raw::{RawDates, RawSlot, RawTable, Value};
use super::rule::{DaySpec, HELP, MonthRef, Rule, month_name};
use super::template::{Field, PLACEHOLDERS, Template};
use super::{Cadence, CycleDate, Dates, Slot};
use crate::error::{Result, Source};
use crate::schedule::phase::{Kind, When};
use crate::schedule::tree::{Item, TableExt, integer, type_name};
use crate::schedule::values::{date_value, days_value, string};

/// The largest `numbered_from` (either way): with at most a few million cycles after it, `{n}`
/// stays far from overflowing.
pub(crate) const MAX_NUMBER: i64 = 1_000_000_000_000;

/// The most cycles `count` can ask for: more than there are days from 0001 to 9999.
pub(crate) const MAX_COUNT: i64 = 10_000_000;

/// Validates the cadence numbered `index` in the file.
pub(crate) fn build(
    item: &Item,
    index: usize,
    source: &Source,
    settings: &crate::schedule::model::Settings,
) -> Result<Cadence> {
    let days_off = &settings.days_off;
    let t = RawTable::read(item, source)?;
    let header = t.header.clone();
    let line = source.line_of(header.start);
    let missing = |key: &str, example: &str| {
        source.error(
            header.clone(),
            format!("this cadence has no `{key}`: write it like {example}"),
        )
    };
    let every_v = t
        .every
        .ok_or_else(|| missing("every", "every = \"quarter\" or every = \"6 weeks\""))?;
    let every: Step = text(every_v, source, "a step like \"quarter\" or \"6 weeks\"")?
        .parse()
        .map_err(|m: String| source.error(every_v.span(), m))?;
    let from_v = t.from.ok_or_else(|| {
        missing(
            "from",
            "from = 2022-01-01 (the first day of the first cycle)",
        )
    })?;
    let from = date_value(from_v, source)?;
    let numbered_from = match t.numbered_from {
        Some(v) => match integer(v.get_ref()) {
            Some(n) if n.unsigned_abs() <= MAX_NUMBER.unsigned_abs() => n,
            Some(n) => {
                return Err(source.error(
                    v.span(),
                    format!("`numbered_from` is {n}: it can be from -{MAX_NUMBER} to {MAX_NUMBER}, so that {{n}} cannot run out of numbers"),
                ));
            }
            None => {
                return Err(source.error(
                    v.span(),
                    format!("`numbered_from` is the {{n}} of the first cycle: expected a whole number, found {}", type_name(v.get_ref())),
                ));
            }
        },
        None => 1,
    };
    let last_cycle = last_cycle(&t, every, from, source)?;
    if t.phase.is_empty() {
        return Err(source.error(
            header,
            "this cadence has no [[cadence.phase]]: add at least one, with a `name` and `due` (or `start` and `end`)",
        ));
    }
    // Every phase's name template first: a date may name a phase written after it.
    let names: Vec<(String, Shape)> = t
        .phase
        .iter()
        .map(|r| {
            let name = match r.name.map(Item::get_ref) {
                Some(DeValue::String(s)) => s.to_string(),
                _ => String::new(),
            };
            let shape = if r.due.is_some() {
                Shape::Milestone
            } else if r.on.is_some() {
                Shape::KeyDate
            } else {
                Shape::Window
            };
            (name, shape)
        })
        .collect();
    let mut slots = Vec::with_capacity(t.phase.len());
    let mut name_spans = Vec::with_capacity(t.phase.len());
    for raw_slot in &t.phase {
        let (mut slot, span) = slot(raw_slot, every, from, source, &names)?;
        if let Some(v) = raw_slot.owner {
            slot.owners = crate::schedule::owners::read(v, source)?;
        } else {
            slot.owners = settings.owner.clone();
        }
        slots.push(slot);
        name_spans.push(span);
    }
    super::chains::no_circles(&slots, &name_spans, source)?;
    let followers = super::chains::followers(&slots);
    // A date moved off a day off lies up to a shift's reach from where its rule put it.
    let shifts = settings.shift.is_some()
        || slots
            .iter()
            .any(|s| s.shift.is_some() || s.quarter_shift.iter().any(Option::is_some));
    let reach = super::chains::reach(&slots, every, shifts);
    let mut cadence = Cadence {
        index,
        line,
        every,
        from,
        last_cycle,
        numbered_from,
        slots,
        skip: BTreeSet::new(),
        replaced: BTreeSet::new(),
        done: BTreeMap::new(),
        moved: super::Moved::default(),
        cycle_moves: super::CycleMoves::default(),
        rule_reach: reach,
        days_off: days_off.clone(),
        shift: settings.shift,
        reach,
        hidden: Vec::new(),
        followers,
    };
    distinct_names(&cadence, &name_spans, source)?;
    super::window_check::windows_in_order(&cadence, &name_spans, source)?;
    if let Some(skip) = t.skip {
        let DeValue::Array(items) = skip.get_ref() else {
            return Err(source.error(
                skip.span(),
                format!(
                    "invalid type: {}, expected a list of names, like skip = [\"2024 Q3 revision published\"]",
                    type_name(skip.get_ref())
                ),
            ));
        };
        for item in items {
            let name = string(item, source, "a string")?;
            cadence.locate(name, source, item.span(), "skip")?;
            cadence.skip.insert(name.to_string());
        }
    }
    if let Some(done) = t.done {
        let done = crate::schedule::values::table(done, source, "done = { NAME = DATE }")?;
        for (key, value) in done.in_order() {
            let name: &str = key.get_ref();
            let (k, s) = cadence.locate(name, source, key.span(), "record as done")?;
            if cadence.skip.contains(name) {
                return Err(source.error(
                    key.span(),
                    format!("`{name}` is skipped by this cadence: it has nothing to record"),
                ));
            }
            if !matches!(cadence.kind_of(k, s), Some(Kind::Milestone { .. })) {
                let what = if matches!(cadence.kind_of(k, s), Some(Kind::KeyDate { .. })) {
                    "a key date"
                } else {
                    "a window"
                };
                return Err(source.error(
                    key.span(),
                    format!("`{name}` is {what}: `done` belongs to milestones (phases with `due`)"),
                ));
            }
            let date = date_value(value, source)?;
            cadence.done.insert(name.to_string(), date);
        }
    }
    for (map, value) in t.moved {
        let Some(value) = value else { continue };
        moved(&mut cadence, map, value, source)?;
    }
    // Once both maps are read: a window may move its start and its end past the old end.
    let maps = t
        .moved
        .iter()
        .filter(|(m, _)| matches!(*m, "start" | "end"));
    for (_, value) in maps {
        if let Some(value) = value {
            moved_windows_in_order(&cadence, value, source)?;
        }
    }
    for (map, value) in t.cycle_moves {
        let Some(value) = value else { continue };
        cycle_moves(&mut cadence, map, value, source)?;
    }
    cadence.settle();
    super::day_check::every_cycle_finds_its_days(&cadence, &name_spans, source)?;
    Ok(cadence)
}

/// The `cycle` or `cycles_from` map: cycles moved as a whole, each by a phase's name, by days
/// or weeks (`"1w"`, `"-3d"`).
fn cycle_moves(
    cadence: &mut Cadence,
    map: &'static str,
    value: &Item,
    source: &Source,
) -> Result<()> {
    let example = format!("{map}.\"NAME\" = \"1w\"");
    let entries = crate::schedule::values::table(value, source, &example)?;
    for (key, value) in entries.in_order() {
        let name: &str = key.get_ref();
        let (k, _) = cadence.locate(name, source, key.span(), "move the cycle of")?;
        let text = string(value, source, "days or weeks, like \"1w\" or \"-3d\"")?;
        let days = match crate::schedule::relative::Offset::parse(text, true) {
            Ok(o) if o.months == 0 && o.working == 0 => o.days,
            Ok(_) => {
                return Err(source.error(
                    value.span(),
                    format!("`{text}`: a cycle moves by days or weeks, like \"1w\" or \"-3d\""),
                ));
            }
            Err(e) => return Err(source.error(value.span(), e.message())),
        };
        let into = if map == "cycle" {
            &mut cadence.cycle_moves.one
        } else {
            &mut cadence.cycle_moves.from
        };
        into.insert(name.to_string(), (k, days));
    }
    Ok(())
}

/// A map of dates `reschedule` moved (`due`, `on`, `start` or `end`), each naming a generated
/// phase that has such a date.
fn moved(cadence: &mut Cadence, map: &'static str, value: &Item, source: &Source) -> Result<()> {
    let example = format!("{map}.\"NAME\" = DATE");
    let entries = crate::schedule::values::table(value, source, &example)?;
    for (key, value) in entries.in_order() {
        let name: &str = key.get_ref();
        let (k, s) = cadence.locate(name, source, key.span(), "move")?;
        let fits = matches!(
            (cadence.kind_of(k, s), map),
            (Some(Kind::Milestone { .. }), "due")
                | (Some(Kind::KeyDate { .. }), "on")
                | (Some(Kind::Window { .. }), "start" | "end")
        );
        if !fits {
            let has = match cadence.kind_of(k, s) {
                Some(Kind::Milestone { .. }) => "a milestone: its date is `due`",
                Some(Kind::KeyDate { .. }) => "a key date: its date is `on`",
                _ => "a window: its dates are `start` and `end`",
            };
            return Err(source.error(key.span(), format!("`{name}` is {has}")));
        }
        let date = date_value(value, source)?;
        let m = &mut cadence.moved;
        let into = match map {
            "due" => &mut m.due,
            "on" => &mut m.on,
            "start" => &mut m.start,
            _ => &mut m.end,
        };
        into.insert(name.to_string(), date);
    }
    Ok(())
}

/// Every window named in the map `value` (a `start` or `end` map) still ends on or after it
/// starts, its moved dates taken together.
fn moved_windows_in_order(cadence: &Cadence, value: &Item, source: &Source) -> Result<()> {
    let Some(entries) = crate::schedule::values::table(value, source, "start.\"NAME\" = DATE").ok()
    else {
        return Ok(());
    };
    for (key, _) in entries.in_order() {
        let name: &str = key.get_ref();
        if let Some((k, s)) = cadence.find(name)
            && let Some(p) = cadence.phase_of(k, s)
            && let Kind::Window {
                start: Some(a),
                end: When::On(b),
            } = p.kind
            && b < a
        {
            return Err(source.error(
                key.span(),
                format!("`{name}` would end ({b}) before it starts ({a})"),
            ));
        }
    }
    Ok(())
}

impl Cadence {
    /// The cycle and slot of a name this cadence generates, or an error at `at`.
    fn locate(
        &self,
        name: &str,
        source: &Source,
        at: Range<usize>,
        what: &str,
    ) -> Result<(i64, usize)> {
        self.find(name).ok_or_else(|| {
            let examples: Vec<String> = (0..self.slots.len())
                .filter_map(|s| self.name_of(0, s))
                .map(|n| format!("`{n}`"))
                .collect();
            source
                .error(
                    at,
                    format!(
                        "cannot {what} `{name}`: this cadence generates no phase with that name"
                    ),
                )
                .help(format!(
                    "its first cycle's phases are {}",
                    examples.join(" and ")
                ))
        })
    }
}

/// `until` (the last day a cycle may start on) or `count` (how many cycles), as the last cycle.
fn last_cycle(
    t: &RawTable,
    every: Step,
    from: chrono::NaiveDate,
    source: &Source,
) -> Result<Option<i64>> {
    match (t.until, t.count) {
        (Some(_), Some(c)) => Err(source.error(
            c.span(),
            "a cadence ends at a date (`until`) or after a number of cycles (`count`), not both",
        )),
        (Some(u), None) => {
            let until = date_value(u, source)?;
            let mut k = every.cycles_starting_within(from, until, until).1;
            // The index bound can be one cycle late (same month, later day).
            while k >= 0 && every.start(from, k).is_none_or(|s| s > until) {
                k -= 1;
            }
            if k < 0 {
                return Err(source.error(
                    u.span(),
                    format!("`until` ({until}) is before the first cycle starts ({from})"),
                ));
            }
            Ok(Some(k))
        }
        (None, Some(c)) => match integer(c.get_ref()) {
            Some(n) if (1..=MAX_COUNT).contains(&n) => Ok(Some(n - 1)),
            Some(n) if n > MAX_COUNT => Err(source.error(
                c.span(),
                format!("`count` is {n}: a cadence can have at most {MAX_COUNT} cycles (more than the calendar holds days)"),
            )),
            n => Err(source.error(
                c.span(),
                format!(
                    "`count` is the number of cycles: expected a whole number from 1, found {}",
                    n.map_or_else(|| type_name(c.get_ref()).to_string(), |n| n.to_string())
                ),
            )),
        },
        (None, None) => Ok(None),
    }
}

/// A string value, or an error saying what was expected.
fn text<'v>(v: &'v Item, source: &Source, what: &str) -> Result<&'v str> {
    match v.get_ref() {
        DeValue::String(s) => Ok(s),
        other => Err(source.error(
            v.span(),
            format!("expected {what} in quotes, found {}", type_name(other)),
        )),
    }
}

/// One `[[cadence.phase]]`, and the span of its name for later errors.
fn slot(
    r: &RawSlot,
    every: Step,
    from: chrono::NaiveDate,
    source: &Source,
    names: &[(String, Shape)],
) -> Result<(Slot, Range<usize>)> {
    let span = r.span.clone();
    let Some(name) = r.name else {
        return Err(source.error(span, "this cadence phase has no `name`: every [[cadence.phase]] needs one, like name = \"{year} Q{quarter} revision published\""));
    };
    let name_span = name.span();
    let template = parse_template(name, source, "name")?;
    if template.text.trim().is_empty() {
        return Err(source.error(name_span, "a phase name cannot be empty"));
    }
    if !names_unique(&template, every) {
        return Err(source
            .error(
                name_span.clone(),
                format!("`{}` would name several cycles alike", template.text),
            )
            .help(format!(
                "cycles every {every} need {} in the name; the placeholders are {PLACEHOLDERS}",
                needed(every)
            )));
    }
    if let Some(u) = r.until {
        return Err(source.error(
            u.span(),
            "a cadence phase cannot use `until`: give it `start` and `end` (a window) or `due` (a milestone)",
        ));
    }
    if let Some(d) = r.done {
        return Err(source
            .error(d.span(), "a cadence phase has no `done`: its cycles are published one by one")
            .help("run `vision-sched publish NAME`; it records the cycle in the cadence's `done` table"));
    }
    let overrides = [&r.q1, &r.q2, &r.q3, &r.q4];
    let starts = start_months(every, from);
    // The cycles the phase's own dates apply to: those starting in a quarter without its own.
    let own: Vec<u32> = starts
        .iter()
        .copied()
        .filter(|m| overrides[*m as usize / 3].is_none())
        .collect();
    let check = Check {
        every,
        source,
        names,
    };
    let dates = check.dates(
        [r.start, r.end, r.due, r.on],
        &template.text,
        name_span.clone(),
        &own,
    )?;
    let mut by_quarter = [None; 4];
    let mut quarter_shift = [None; 4];
    for (q, o) in overrides.iter().enumerate() {
        if let Some(o) = o {
            let applies: Vec<u32> = starts
                .iter()
                .copied()
                .filter(|m| *m as usize / 3 == q)
                .collect();
            by_quarter[q] = Some(check.quarter(&dates, o, q, &applies)?);
            quarter_shift[q] = shift_of(o.shift, source)?;
        }
    }
    let slot = Slot {
        note: r
            .note
            .map(|n| parse_template(n, source, "note"))
            .transpose()?,
        url: r
            .url
            .map(|u| parse_template(u, source, "url"))
            .transpose()?,
        warn: r.warn.map(|w| days_value(w, source)).transpose()?,
        line: source.line_of(name_span.start),
        name: template,
        dates,
        by_quarter,
        shift: shift_of(r.shift, source)?,
        quarter_shift,
        owners: crate::schedule::owners::Owners::default(),
    };
    Ok((slot, name_span))
}

/// A `shift` value: where dates that land on a day off move.
fn shift_of(v: Value, source: &Source) -> Result<Option<crate::schedule::days_off::Shift>> {
    v.map(|v| {
        crate::schedule::days_off::Shift::parse(string(v, source, "a string")?)
            .map_err(|m| source.error(v.span(), m))
    })
    .transpose()
}

fn parse_template(item: &Item, source: &Source, what: &str) -> Result<Template> {
    let text = string(item, source, "a string")?;
    if text.chars().any(char::is_control) {
        return Err(source.error(
            item.span(),
            format!("a phase {what} cannot hold control characters (newlines, tabs, escapes, NUL)"),
        ));
    }
    Template::parse(text).map_err(|m| source.error(item.span(), m))
}

/// True when no two cycles can give this template the same name.
fn names_unique(t: &Template, every: Step) -> bool {
    if t.has(Field::N) {
        return true;
    }
    if !t.has(Field::Year) {
        return false;
    }
    let month = t.has(Field::Month) || t.has(Field::MonthName);
    let quarter = t.has(Field::Quarter);
    // Two cycle starts within one month (quarter, year) are at most 30 (91, 365) days apart.
    match every {
        Step::Months(s) => s >= 12 || month || (quarter && s >= 3),
        Step::Days(d) => d >= 366 || (d >= 92 && quarter) || (d >= 31 && month),
    }
}

fn needed(every: Step) -> &'static str {
    match every {
        Step::Months(s) if s >= 12 => "{year} or {n}",
        Step::Months(s) if s >= 3 => "{n}, or {year} with {quarter} or {month}",
        Step::Months(_) => "{n}, or {year} with {month}",
        Step::Days(d) if d >= 366 => "{year} or {n}",
        Step::Days(d) if d >= 92 => "{n}, or {year} with {quarter} or {month}",
        Step::Days(d) if d >= 31 => "{n}, or {year} with {month}",
        Step::Days(_) => "{n}",
    }
}

/// The months (0-11) in which this cadence's cycles start.
fn start_months(every: Step, from: chrono::NaiveDate) -> Vec<u32> {
    match every {
        Step::Months(s) => {
            let set: BTreeSet<u32> = (0..12).map(|k| (from.month0() + k * s) % 12).collect();
            set.into_iter().collect()
        }
        // Cycles counted in days can start in any month.
        Step::Days(_) => (0..12).collect(),
    }
}

struct Check<'a> {
    every: Step,
    source: &'a Source<'a>,
    /// The name templates of the cadence's phases, in order, and their kinds, for dates that
    /// name one.
    names: &'a [(String, Shape)],
}

/// What a cadence phase is, as its keys say, before its dates are read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Window,
    Milestone,
    KeyDate,
}

impl Check<'_> {
    /// A phase's dates: `start` and `end` (a window), `due` (a milestone) or `on` (a key
    /// date), given as `[start, end, due, on]`.
    fn dates(
        &self,
        [start, end, due, on]: [Value; 4],
        name: &str,
        at: Range<usize>,
        applies: &[u32],
    ) -> Result<Dates> {
        let rule = |v: Value, key| v.map(|v| self.rule(v, key, applies)).transpose();
        let (s, e, d, o) = (
            rule(start, "start")?,
            rule(end, "end")?,
            rule(due, "due")?,
            rule(on, "on")?,
        );
        let both = |v: Value, what: &str| {
            Err(self.source.error(
                v.map_or(at.clone(), Item::span),
                format!("phase `{name}` has both {what}: a phase is a window (`start` and `end`), a milestone (`due`) or a key date (`on`)"),
            ))
        };
        match (s, e, d, o) {
            (Some(s), Some(e), None, None) => Ok(Dates::Window { start: s, end: e }),
            (None, None, Some(d), None) => Ok(Dates::Milestone { due: d }),
            (None, None, None, Some(o)) => Ok(Dates::Date { on: o }),
            (_, _, Some(_), Some(_)) => both(on, "`due` and `on`"),
            (_, _, Some(_), None) => both(due, "`start`/`end` and `due`"),
            (_, _, None, Some(_)) => both(on, "`start`/`end` and `on`"),
            (Some(_), None, None, None) => Err(self.source.error(
                start.map_or(at, Item::span),
                format!("phase `{name}` has `start` but no `end`"),
            )),
            (None, Some(_), None, None) => Err(self.source.error(
                end.map_or(at, Item::span),
                format!("phase `{name}` has `end` but no `start`"),
            )),
            (None, None, None, None) => Err(self.source.error(
                at,
                format!("phase `{name}` has no date: give it `start` and `end` (a window), `due` (a milestone) or `on` (a key date), as rules like \"last day\""),
            )),
        }
    }

    /// `q1` to `q4`: replaces some of the phase's own dates in the cycles starting in that quarter.
    fn quarter(&self, own: &Dates, d: &RawDates, q: usize, applies: &[u32]) -> Result<Dates> {
        let rule = |v: Value, key| v.map(|v| self.rule(v, key, applies)).transpose();
        let wrong = |v: Value, kind: &str, keys: &str| {
            v.map_or(Ok(()), |v| {
                Err(self.source.error(
                    v.span(),
                    format!("this phase is a {kind}: `q{}` can set {keys}", q + 1),
                ))
            })
        };
        match *own {
            Dates::Window { start, end } => {
                wrong(d.due, "window", "`start` and `end`")?;
                wrong(d.on, "window", "`start` and `end`")?;
                Ok(Dates::Window {
                    start: rule(d.start, "start")?.unwrap_or(start),
                    end: rule(d.end, "end")?.unwrap_or(end),
                })
            }
            Dates::Milestone { due } => {
                wrong(d.start, "milestone", "`due`")?;
                wrong(d.end, "milestone", "`due`")?;
                wrong(d.on, "milestone", "`due`")?;
                Ok(Dates::Milestone {
                    due: rule(d.due, "due")?.unwrap_or(due),
                })
            }
            Dates::Date { on } => {
                wrong(d.start, "key date", "`on`")?;
                wrong(d.end, "key date", "`on`")?;
                wrong(d.due, "key date", "`on`")?;
                Ok(Dates::Date {
                    on: rule(d.on, "on")?.unwrap_or(on),
                })
            }
        }
    }

    /// A day rule, checked against the cycles it applies to (starting in the months `applies`),
    /// or another phase of the cadence, named by its template, with an offset.
    fn rule(&self, v: &Item, key: &str, applies: &[u32]) -> Result<CycleDate> {
        let err = |m: String| self.source.error(v.span(), m);
        let text = match v.get_ref() {
            DeValue::String(s) => s,
            DeValue::Datetime(_) => {
                return Err(err(
                    "a cadence's dates are rules that hold for every cycle, like \"last day\" or \"2nd Monday of month 3\"; write a [[phase]] for a one-off date".to_string(),
                ));
            }
            other => {
                return Err(err(format!(
                    "expected a day rule in quotes, like \"last day\", found {}",
                    type_name(other)
                )));
            }
        };
        let rule = match Rule::parse(text) {
            Ok(rule) => rule,
            Err(m) => {
                if let Some(w) = self.follows(text) {
                    let w = w.map_err(err)?;
                    if let CycleDate::Follows { offset, .. } = w {
                        self.days_offset(offset.months, text).map_err(err)?;
                    }
                    return Ok(w);
                }
                if Rule::looks_like_one(text) {
                    // The examples of a rule go in the help, which is never cut, not in the
                    // message: days on one line, offsets on the next, each fitting a screen.
                    return Err(match m.strip_suffix(HELP) {
                        Some(said) => {
                            let e = err(said.trim_end_matches([';', ':', ' ']).to_string());
                            match HELP.split_once(", optionally") {
                                Some((days, offsets)) => {
                                    e.help(days).help(format!("optionally{offsets}"))
                                }
                                None => e.help(HELP),
                            }
                        }
                        None => err(m),
                    });
                }
                let example = self.names.first().map_or("X {n} branch", |n| n.0.as_str());
                let mut e = err(format!(
                    "`{text}` is not a day rule, and names no phase of this cadence"
                ))
                .help(format!(
                    "a cadence's date is a rule (\"last day\", \"2nd Monday + 3d\") or another phase of the same cadence, named by its template, with an offset: \"{example} + 3d\", \"end of {example} - 1w\""
                ));
                if let Some(why) = crate::schedule::relative::Relative::offset_hint(text) {
                    e = e.help(format!("if that is meant as an offset: {why}"));
                }
                return Err(e);
            }
        };
        self.days_offset(rule.offset.months, text).map_err(err)?;
        if let (Step::Months(s), Some(MonthRef::Nth(m))) = (self.every, rule.month)
            && m > s
        {
            return Err(err(format!(
                "month {m} is past the end of a cycle of {}: month 1 is the month a cycle starts in, month {s} its last",
                self.every
            )));
        }
        match (self.every, rule.month) {
            (Step::Days(_), Some(_)) => {
                return Err(err(format!(
                    "`{text}` names a month, but cycles every {} are counted in days: use \"first day\", \"last day\", \"day N\" or a weekday",
                    self.every
                )));
            }
            (Step::Months(s), Some(m @ MonthRef::Named(x))) => {
                if let Some(&m0) = applies.iter().find(|&&m0| m.index(m0) >= s) {
                    let end = (m0 + s - 1) % 12 + 1;
                    return Err(self
                        .source
                        .error(v.span(), format!("{} is not within every cycle this rule applies to", month_name(x)))
                        .help(format!(
                            "a cycle starting in {} runs to {}; write `month N` (of the cycle), or give a quarter its own dates, like q{} = {{ {key} = \"{text}\" }}",
                            month_name(m0 + 1),
                            month_name(end),
                            (x - 1) / 3 + 1
                        )));
                }
            }
            _ => {}
        }
        let longest = self.every.length_bounds().1 - 3 * i64::from(self.every.in_months());
        if let (DaySpec::Day(n), None) = (rule.day, rule.month)
            && i64::from(n) > longest
        {
            let why = if self.every.in_months() {
                "; `day N` past a shorter cycle's end is its last day".to_string()
            } else {
                format!(" ({longest} days)")
            };
            return Err(err(format!(
                "day {n} is past the end of a cycle of {}{why}",
                self.every
            )));
        }
        Ok(CycleDate::Rule(rule))
    }

    /// An offset in months is refused in a cadence counted in days: its cycles' dates would
    /// depend on month lengths the checks at load do not look at.
    fn days_offset(&self, months: i64, text: &str) -> std::result::Result<(), String> {
        if months != 0 && !self.every.in_months() {
            return Err(format!(
                "`{text}` moves by months, but cycles every {} are counted in days: write the offset in days or weeks",
                self.every
            ));
        }
        Ok(())
    }

    /// `text` as another phase of this cadence (by its name template) and an offset, when it
    /// reads as one: the longest offset whose name is a phase's.
    fn follows(&self, text: &str) -> Option<std::result::Result<CycleDate, String>> {
        use crate::schedule::relative::Edge;
        let readings = crate::schedule::relative::Relative::readings(text).ok()?;
        readings.into_iter().find_map(|r| {
            let slot = self
                .names
                .iter()
                .position(|n| !n.0.is_empty() && n.0 == r.anchor.name)?;
            let name = &r.anchor.name;
            let wrong = match (r.anchor.edge, self.names[slot].1) {
                (Edge::Start | Edge::End, Shape::Window)
                | (Edge::Date, Shape::Milestone | Shape::KeyDate) => None,
                (Edge::Start | Edge::End, _) => Some(format!(
                    "`{name}` is not a window, so it has no start or end: write `{name}` for its date"
                )),
                (Edge::Date, Shape::Window) => Some(format!(
                    "`{name}` is a window: write `start of {name}` or `end of {name}`"
                )),
            };
            Some(match wrong {
                Some(m) => Err(m),
                None => Ok(CycleDate::Follows {
                    slot,
                    edge: r.anchor.edge,
                    offset: r.offset,
                }),
            })
        })
    }
}

/// Every cycle's phases have different names.
fn distinct_names(c: &Cadence, spans: &[Range<usize>], source: &Source) -> Result<()> {
    let mut seen = BTreeMap::new();
    for (s, span) in spans.iter().enumerate() {
        let Some(name) = c.name_of(0, s) else {
            continue;
        };
        if let Some(first) = seen.insert(name.clone(), s) {
            return Err(source
                .error(
                    span.clone(),
                    format!("two phases of this cadence are both named `{name}` in one cycle"),
                )
                .help(format!("the other is on line {}", c.slots[first].line)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::error::Source;

    /// A cycle's window may move both its days past its old end: the maps are checked
    /// together, once both are read; a window that would still end first is an error at its
    /// entry.
    #[test]
    fn a_moved_window_is_checked_with_both_its_days() {
        let text = "[[cadence]]\nevery = \"month\"\nfrom = 2024-01-01\n[[cadence.phase]]\nname = \"w{n}\"\nstart = \"day 1\"\nend = \"day 7\"\n";
        let both = text.replacen(
            "from = 2024-01-01\n",
            "from = 2024-01-01\nstart.w5 = 2024-05-20\nend.w5 = 2024-05-27\n",
            1,
        );
        let load = |t: &str| crate::schedule::load::parse(&Source::new(Path::new("s"), t));
        let s = load(&both).unwrap();
        let (k, slot) = s.cadences[0].find("w5").unwrap();
        assert_eq!(
            s.cadences[0].phase_of(k, slot).unwrap().span(),
            Some((
                crate::dates::date(2024, 5, 20),
                crate::dates::date(2024, 5, 27)
            ))
        );
        let bad = both.replace("end.w5 = 2024-05-27", "end.w5 = 2024-05-19");
        let e = load(&bad).unwrap_err();
        assert!(
            e.message
                .contains("`w5` would end (2024-05-19) before it starts (2024-05-20)"),
            "{e}"
        );
        assert_eq!(e.location.unwrap().line, 4);
    }
}
