//! Validating a `[[cadence]]` table, with an error at the line of every bad value.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::Datelike;

use super::every::Step;
use super::raw::{RawDates, RawSlot, RawTable, Value};
use super::rule::{DaySpec, MonthRef, Rule, month_name};
use super::template::{Field, PLACEHOLDERS, Template};
use super::{Cadence, Dates, Slot};
use crate::error::{Result, Source};
use crate::schedule::phase::Kind;
use crate::schedule::tree::{Item, Value as V};
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
        .map_err(|m: String| source.error(every_v.span.clone(), m))?;
    let from_v = t.from.ok_or_else(|| {
        missing(
            "from",
            "from = 2022-01-01 (the first day of the first cycle)",
        )
    })?;
    let from = date_value(from_v, source)?;
    let numbered_from = match t.numbered_from {
        Some(v) => match &v.value {
            V::Integer(n) if n.unsigned_abs() <= MAX_NUMBER.unsigned_abs() => *n,
            V::Integer(n) => {
                return Err(source.error(
                    v.span.clone(),
                    format!("`numbered_from` is {n}: it can be from -{MAX_NUMBER} to {MAX_NUMBER}, so that {{n}} cannot run out of numbers"),
                ));
            }
            other => {
                return Err(source.error(
                    v.span.clone(),
                    format!("`numbered_from` is the {{n}} of the first cycle: expected a whole number, found {}", other.type_name()),
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
    let mut slots = Vec::with_capacity(t.phase.len());
    let mut name_spans = Vec::with_capacity(t.phase.len());
    for raw_slot in &t.phase {
        let (slot, span) = slot(raw_slot, every, from, source)?;
        slots.push(slot);
        name_spans.push(span);
    }
    let reach = slots
        .iter()
        .flat_map(|s| s.all_dates().flat_map(Dates::rules).collect::<Vec<_>>())
        .map(|r| r.bounds(every))
        .fold((0, 0), |(lo, hi), (a, b)| (lo.min(a), hi.max(b)));
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
        days_off: days_off.clone(),
        shift: settings.shift,
        reach,
    };
    distinct_names(&cadence, &name_spans, source)?;
    windows_in_order(&cadence, &name_spans, source)?;
    if let Some(skip) = t.skip {
        let V::Array(items) = &skip.value else {
            return Err(source.error(
                skip.span.clone(),
                format!(
                    "invalid type: {}, expected a list of names, like skip = [\"2024 Q3 revision published\"]",
                    skip.value.type_name()
                ),
            ));
        };
        for item in items {
            let name = string(item, source, "a string")?;
            cadence.locate(name, source, item.span.clone(), "skip")?;
            cadence.skip.insert(name.to_string());
        }
    }
    if let Some(done) = t.done {
        let done = crate::schedule::values::table(done, source, "done = { NAME = DATE }")?;
        for (key, value) in &done.entries {
            let name: &str = &key.name;
            let (k, s) = cadence.locate(name, source, key.span.clone(), "record as done")?;
            if cadence.skip.contains(name) {
                return Err(source.error(
                    key.span.clone(),
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
                    key.span.clone(),
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
    Ok(cadence)
}

/// A map of dates `reschedule` moved (`due`, `on`, `start` or `end`), each naming a generated
/// phase that has such a date.
fn moved(cadence: &mut Cadence, map: &'static str, value: &Item, source: &Source) -> Result<()> {
    let example = format!("{map}.\"NAME\" = DATE");
    let entries = crate::schedule::values::table(value, source, &example)?;
    for (key, value) in &entries.entries {
        let name: &str = &key.name;
        let (k, s) = cadence.locate(name, source, key.span.clone(), "move")?;
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
            return Err(source.error(key.span.clone(), format!("`{name}` is {has}")));
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
    for (key, _) in &entries.entries {
        let name: &str = &key.name;
        if let Some((k, s)) = cadence.find(name)
            && let Some(p) = cadence.phase_of(k, s)
            && let Kind::Window {
                start: Some(a),
                end: b,
            } = p.kind
            && b < a
        {
            return Err(source.error(
                key.span.clone(),
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
            c.span.clone(),
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
                    u.span.clone(),
                    format!("`until` ({until}) is before the first cycle starts ({from})"),
                ));
            }
            Ok(Some(k))
        }
        (None, Some(c)) => match &c.value {
            V::Integer(n) if (1..=MAX_COUNT).contains(n) => Ok(Some(n - 1)),
            V::Integer(n) if *n > MAX_COUNT => Err(source.error(
                c.span.clone(),
                format!("`count` is {n}: a cadence can have at most {MAX_COUNT} cycles (more than the calendar holds days)"),
            )),
            other => Err(source.error(
                c.span.clone(),
                format!(
                    "`count` is the number of cycles: expected a whole number from 1, found {}",
                    shown(other)
                ),
            )),
        },
        (None, None) => Ok(None),
    }
}

/// A string value, or an error saying what was expected.
fn text<'v>(v: &'v Item, source: &Source, what: &str) -> Result<&'v str> {
    match &v.value {
        V::String(s) => Ok(s),
        other => Err(source.error(
            v.span.clone(),
            format!("expected {what} in quotes, found {}", other.type_name()),
        )),
    }
}

fn shown(v: &V) -> String {
    match v {
        V::Integer(n) => n.to_string(),
        other => other.type_name().to_string(),
    }
}

/// One `[[cadence.phase]]`, and the span of its name for later errors.
fn slot(
    r: &RawSlot,
    every: Step,
    from: chrono::NaiveDate,
    source: &Source,
) -> Result<(Slot, Range<usize>)> {
    let span = r.span.clone();
    let Some(name) = r.name else {
        return Err(source.error(span, "this cadence phase has no `name`: every [[cadence.phase]] needs one, like name = \"{year} Q{quarter} revision published\""));
    };
    let name_span = name.span.clone();
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
            u.span.clone(),
            "a cadence phase cannot use `until`: give it `start` and `end` (a window) or `due` (a milestone)",
        ));
    }
    if let Some(d) = r.done {
        return Err(source
            .error(d.span.clone(), "a cadence phase has no `done`: its cycles are published one by one")
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
    let check = Check { every, source };
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
    };
    Ok((slot, name_span))
}

/// A `shift` value: where dates that land on a day off move.
fn shift_of(v: Value, source: &Source) -> Result<Option<crate::schedule::days_off::Shift>> {
    v.map(|v| {
        crate::schedule::days_off::Shift::parse(string(v, source, "a string")?)
            .map_err(|m| source.error(v.span.clone(), m))
    })
    .transpose()
}

fn parse_template(item: &Item, source: &Source, what: &str) -> Result<Template> {
    let text = string(item, source, "a string")?;
    if text.chars().any(char::is_control) {
        return Err(source.error(
            item.span.clone(),
            format!("a phase {what} cannot hold control characters (newlines, tabs, escapes, NUL)"),
        ));
    }
    Template::parse(text).map_err(|m| source.error(item.span.clone(), m))
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
                v.map_or(at.clone(), |v| v.span.clone()),
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
                start.map_or(at, |v| v.span.clone()),
                format!("phase `{name}` has `start` but no `end`"),
            )),
            (None, Some(_), None, None) => Err(self.source.error(
                end.map_or(at, |v| v.span.clone()),
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
                    v.span.clone(),
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

    /// A day rule, checked against the cycles it applies to (starting in the months `applies`).
    fn rule(&self, v: &Item, key: &str, applies: &[u32]) -> Result<Rule> {
        let err = |m: String| self.source.error(v.span.clone(), m);
        let text = match &v.value {
            V::String(s) => s,
            V::Datetime(_) => {
                return Err(err(
                    "a cadence's dates are rules that hold for every cycle, like \"last day\" or \"2nd Monday of month 3\"; write a [[phase]] for a one-off date".to_string(),
                ));
            }
            other => {
                return Err(err(format!(
                    "expected a day rule in quotes, like \"last day\", found {}",
                    other.type_name()
                )));
            }
        };
        let rule = Rule::parse(text).map_err(&err)?;
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
                        .error(v.span.clone(), format!("{} is not within every cycle this rule applies to", month_name(x)))
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
            return Err(err(format!(
                "day {n} is past the end of a cycle of {}",
                self.every
            )));
        }
        Ok(rule)
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

/// No generated window ends before it starts, in any cycle of a full repeat of the calendar.
///
/// A cycle's dates, as days from its start, depend only on the calendar around it: for a cadence
/// in months, on the month it starts in, the weekday of that month's first day, and which of the
/// years its rules reach are leap years; for one in days, on the weekday it starts on. So only
/// the first cycle of each such kind is computed (under a hundred for a quarterly cadence, not
/// the 1,600 of a 400-year repeat), which is the first failing cycle whenever one fails.
fn windows_in_order(c: &Cadence, spans: &[Range<usize>], source: &Source) -> Result<()> {
    let cycles = c.last_cycle.map_or(c.every.repeat(), |l| {
        l.saturating_add(1).min(c.every.repeat())
    });
    let reached = c
        .slots
        .iter()
        .flat_map(|s| s.all_dates().flat_map(Dates::rules).collect::<Vec<_>>())
        .map(|r| r.months_reached())
        .max()
        .unwrap_or(0);
    // Holidays fall on no pattern of the calendar: with rules in working days or a shift, every
    // cycle of the repeat is computed.
    let working = c
        .slots
        .iter()
        .flat_map(|s| s.all_dates().flat_map(Dates::rules).collect::<Vec<_>>())
        .any(|r| r.in_working_days());
    let shifts = c.shift.is_some()
        || c.slots
            .iter()
            .any(|s| s.shift.is_some() || s.quarter_shift.iter().any(Option::is_some));
    let every_cycle = (working || shifts) && c.days_off.has_holidays();
    let mut kinds = BTreeSet::new(); // Under a hundred kinds: a tree costs less than hashing each cycle.
    let representatives: Vec<i64> = (0..cycles)
        .filter(|&k| {
            every_cycle || calendar_kind(c, k, reached).is_none_or(|kind| kinds.insert(kind))
        })
        .collect();
    for (s, span) in spans.iter().enumerate() {
        let slot = &c.slots[s];
        let has_window = std::iter::once(&slot.dates)
            .chain(slot.by_quarter.iter().flatten())
            .any(|d| matches!(d, Dates::Window { .. }));
        if !has_window {
            continue;
        }
        for &k in &representatives {
            // Cycles counted in days: each set of dates on every weekday a cycle can start on.
            let slot = &c.slots[s];
            // Each set of dates with the shift that goes with it: the phase's own, and each
            // quarter's.
            let own = std::iter::once((Some(&slot.dates), slot.shift));
            let quarters = (0..4).map(|q| {
                (
                    slot.by_quarter[q].as_ref(),
                    slot.quarter_shift[q].or(slot.shift),
                )
            });
            let shifted = |kind: Kind, shift: Option<crate::schedule::days_off::Shift>| {
                let mut p = crate::schedule::phase::Phase::new("", kind, 0);
                if let Some(shift) = shift.or(c.shift) {
                    p.shift_off(&c.days_off, shift);
                }
                p.kind
            };
            let variants: Vec<Option<Kind>> = if c.every.in_months() {
                // The dates of the quarter the cycle starts in, with its shift: the cycle's
                // dates without its name, whose template costs more than the dates.
                let quarter = c.cycle_start(k).map(|d| d.month0() as usize / 3);
                vec![quarter.and_then(|q| {
                    let dates = slot.by_quarter[q].as_ref().unwrap_or(&slot.dates);
                    let shift = slot.quarter_shift[q].or(slot.shift);
                    c.kind_with(k, dates).map(|kind| shifted(kind, shift))
                })]
            } else {
                // Cycles counted in days start in any quarter: every set of dates.
                own.chain(quarters)
                    .filter_map(|(dates, shift)| {
                        Some(c.kind_with(k, dates?).map(|kind| shifted(kind, shift)))
                    })
                    .collect()
            };
            for kind in variants.into_iter().flatten() {
                if let Kind::Window {
                    start: Some(a),
                    end: b,
                } = kind
                    && b < a
                {
                    let first = c.cycle_start(k).map_or_else(String::new, |d| d.to_string());
                    return Err(source.error(
                        span.clone(),
                        format!("`{}` would end ({b}) before it starts ({a}) in the cycle starting {first}", c.slots[s].name.text),
                    ));
                }
            }
        }
    }
    Ok(())
}

/// What a cycle's dates, as days from its start, depend on (see [`windows_in_order`]); `None`
/// when its rules reach too many years for a short key, and the cycle is checked on its own.
fn calendar_kind(c: &Cadence, k: i64, reached: u32) -> Option<(u32, u32, u32)> {
    match c.every {
        Step::Months(s) => {
            let m =
                crate::dates::month_ordinal(c.from).checked_add(k.checked_mul(i64::from(s))?)?;
            // To the next cycle's start, and the farthest month a rule names.
            let last = m + i64::from(s) + i64::from(reached) + 1;
            let (y0, y1) = (m.div_euclid(12), last.div_euclid(12));
            if y1 - y0 >= 32 {
                return None;
            }
            let leaps = (y0..=y1).enumerate().fold(0u32, |bits, (i, y)| {
                let leap = crate::dates::month_day(y * 12, 1).is_some_and(|d| d.leap_year());
                bits | (u32::from(leap) << i)
            });
            let first = crate::dates::month_day(m, 1)?;
            Some((
                m.rem_euclid(12) as u32,
                first.weekday().num_days_from_monday(),
                leaps,
            ))
        }
        Step::Days(_) => Some((0, c.cycle_start(k)?.weekday().num_days_from_monday(), 0)),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use proptest::prelude::*;

    use crate::error::Source;

    fn cadence(every: &str, from: &str, start: &str, end: &str, q4: &str) -> String {
        format!(
            "[[cadence]]\nevery = \"{every}\"\nfrom = {from}\n[[cadence.phase]]\nname = \"w{{n}}\"\nstart = \"{start}\"\nend = \"{end}\"\n{q4}"
        )
    }

    /// A cycle's window may move both its days past its old end: the maps are checked
    /// together, once both are read; a window that would still end first is an error at its
    /// entry.
    #[test]
    fn a_moved_window_is_checked_with_both_its_days() {
        let text = cadence("month", "2024-01-01", "day 1", "day 7", "");
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
            (
                crate::dates::date(2024, 5, 20),
                crate::dates::date(2024, 5, 27)
            )
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        /// The check over the calendar's kinds of cycle agrees with checking every cycle.
        #[test]
        fn windows_checked_by_kind_of_cycle_agree_with_every_cycle(
            every in prop_oneof![Just("month"), Just("quarter"), Just("2 months"), Just("year"), Just("5 months"), Just("week"), Just("10 days")],
            year in 1999i32..2030, month in 1u32..=12, day in prop_oneof![Just(1u32), Just(15), Just(28), Just(29), Just(30), Just(31)],
            start in prop_oneof![Just("first day"), Just("day 20"), Just("2nd Monday"), Just("last Friday"), Just("last day - 3d"), Just("day 29 of month 1"), Just("2nd Monday of month 2"), Just("last day of February"), Just("first day + 27d")],
            end in prop_oneof![Just("last day"), Just("day 28"), Just("4th Sunday"), Just("last Monday"), Just("day 30 of month 1"), Just("first day of month 2"), Just("first day + 29d"), Just("last day of month 1")],
        ) {
            let Some(from) = chrono::NaiveDate::from_ymd_opt(year, month, day) else { return Ok(()) };
            let text = cadence(every, &from.to_string(), start, end, "");
            let loaded = crate::schedule::load::parse(&Source::new(Path::new("s"), &text));
            // Other errors (a month rule in a cadence of days, ...) are not this check's.
            if let Err(e) = &loaded && !e.message.contains("would end") {
                return Ok(());
            }
            let every_cycle = inverted_in_any_cycle(&text);
            match (&loaded, every_cycle) {
                (Ok(_), None) => {}
                (Err(e), Some(first)) => prop_assert!(e.message.contains(&format!("in the cycle starting {first}")), "{}: {}", text, e.message),
                (got, want) => prop_assert!(false, "{}: check says {:?}, every cycle says {:?}", text, got.as_ref().err().map(|e| &e.message), want),
            }
        }
    }

    /// Loads the cadence with its window's dates as two milestones (which always loads), then
    /// looks at every cycle of a full repeat for one whose end comes before its start.
    fn inverted_in_any_cycle(text: &str) -> Option<chrono::NaiveDate> {
        let split = text
            .replace("name = \"w{n}\"\nstart = ", "name = \"s{n}\"\ndue = ")
            .replace("\nend = ", "\n[[cadence.phase]]\nname = \"e{n}\"\ndue = ");
        let s = crate::schedule::load::parse(&Source::new(Path::new("s"), &split)).ok()?;
        let c = &s.cadences[0];
        (0..c.every.repeat()).find_map(|k| {
            let (a, b) = (c.phase_of(k, 0)?.span().0, c.phase_of(k, 1)?.span().0);
            (b < a).then(|| c.cycle_start(k)).flatten()
        })
    }
}
