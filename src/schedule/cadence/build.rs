//! Validating a `[[cadence]]` table, with an error at the line of every bad value.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::Datelike;
use toml::Spanned;

use super::every::Step;
use super::raw::{RawCadence, RawDates, RawSlot, RawTable, Value};
use super::rule::{DaySpec, MonthRef, Rule, month_name};
use super::template::{Field, PLACEHOLDERS, Template};
use super::{Cadence, Dates, Slot};
use crate::error::{Result, Source};
use crate::schedule::phase::Kind;
use crate::schedule::values::{date_value, days_value, type_name};

/// Validates the cadence numbered `index` in the file.
pub fn build(raw: RawCadence, index: usize, source: &Source) -> Result<Cadence> {
    let header = raw.0.span();
    let line = source.line_of(header.start);
    let t: RawTable = raw.0.into_inner();
    let missing = |key: &str, example: &str| {
        source.error(
            header.clone(),
            format!("this cadence has no `{key}`: write it like {example}"),
        )
    };
    let every_v = t
        .every
        .as_ref()
        .ok_or_else(|| missing("every", "every = \"quarter\" or every = \"6 weeks\""))?;
    let every: Step = text(every_v, source, "a step like \"quarter\" or \"6 weeks\"")?
        .parse()
        .map_err(|m: String| source.error(every_v.span(), m))?;
    let from_v = t.from.as_ref().ok_or_else(|| {
        missing(
            "from",
            "from = 2022-01-01 (the first day of the first cycle)",
        )
    })?;
    let from = date_value(from_v, source)?;
    let numbered_from = match &t.numbered_from {
        Some(v) => match v.get_ref() {
            toml::Value::Integer(n) => *n,
            other => {
                return Err(source.error(
                    v.span(),
                    format!("`numbered_from` is the {{n}} of the first cycle: expected a whole number, found {}", type_name(other)),
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
    for raw_slot in t.phase {
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
        done: BTreeMap::new(),
        reach,
    };
    distinct_names(&cadence, &name_spans, source)?;
    windows_in_order(&cadence, &name_spans, source)?;
    if let Some(skip) = t.skip {
        for item in skip.into_inner() {
            let at = item.span();
            let name = item.into_inner();
            cadence.locate(&name, source, at, "skip")?;
            cadence.skip.insert(name);
        }
    }
    if let Some(done) = t.done {
        for (key, value) in done.into_inner() {
            let (k, s) = cadence.locate(key.get_ref(), source, key.span(), "record as done")?;
            if cadence.skip.contains(key.get_ref()) {
                return Err(source.error(
                    key.span(),
                    format!(
                        "`{}` is skipped by this cadence: it has nothing to record",
                        key.get_ref()
                    ),
                ));
            }
            if !matches!(cadence.kind_of(k, s), Some(Kind::Milestone { .. })) {
                return Err(source.error(
                    key.span(),
                    format!(
                        "`{}` is a window: `done` belongs to milestones (phases with `due`)",
                        key.get_ref()
                    ),
                ));
            }
            let date = date_value(&value, source)?;
            cadence.done.insert(key.into_inner(), date);
        }
    }
    Ok(cadence)
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
    match (&t.until, &t.count) {
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
        (None, Some(c)) => match c.get_ref() {
            toml::Value::Integer(n) if *n >= 1 => Ok(Some(n - 1)),
            other => Err(source.error(
                c.span(),
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
fn text<'v>(v: &'v Spanned<toml::Value>, source: &Source, what: &str) -> Result<&'v str> {
    match v.get_ref() {
        toml::Value::String(s) => Ok(s),
        other => Err(source.error(
            v.span(),
            format!("expected {what} in quotes, found {}", type_name(other)),
        )),
    }
}

fn shown(v: &toml::Value) -> String {
    match v {
        toml::Value::Integer(n) => n.to_string(),
        other => type_name(other).to_string(),
    }
}

/// One `[[cadence.phase]]`, and the span of its name for later errors.
fn slot(
    spanned: Spanned<RawSlot>,
    every: Step,
    from: chrono::NaiveDate,
    source: &Source,
) -> Result<(Slot, Range<usize>)> {
    let span = spanned.span();
    let r = spanned.into_inner();
    let Some(name) = r.name else {
        return Err(source.error(span, "this cadence phase has no `name`: every [[cadence.phase]] needs one, like name = \"{year} Q{quarter} revision published\""));
    };
    let name_span = name.span();
    let template = parse_template(&name, source, "name")?;
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
    if let Some(u) = &r.until {
        return Err(source.error(
            u.span(),
            "a cadence phase cannot use `until`: give it `start` and `end` (a window) or `due` (a milestone)",
        ));
    }
    if let Some(d) = &r.done {
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
    let check = Check { every, source };
    let dates = check.dates(
        &r.start,
        &r.end,
        &r.due,
        &template.text,
        name_span.clone(),
        &own,
    )?;
    let mut by_quarter = [None; 4];
    for (q, o) in overrides.iter().enumerate() {
        if let Some(o) = o {
            let applies: Vec<u32> = starts
                .iter()
                .copied()
                .filter(|m| *m as usize / 3 == q)
                .collect();
            by_quarter[q] = Some(check.quarter(&dates, o, q, &applies)?);
        }
    }
    let slot = Slot {
        note: r
            .note
            .as_ref()
            .map(|n| parse_template(n, source, "note"))
            .transpose()?,
        url: r
            .url
            .as_ref()
            .map(|u| parse_template(u, source, "url"))
            .transpose()?,
        warn: r.warn.as_ref().map(|w| days_value(w, source)).transpose()?,
        line: source.line_of(name_span.start),
        name: template,
        dates,
        by_quarter,
    };
    Ok((slot, name_span))
}

fn parse_template(text: &Spanned<String>, source: &Source, what: &str) -> Result<Template> {
    if text.get_ref().chars().any(char::is_control) {
        return Err(source.error(
            text.span(),
            format!("a phase {what} cannot hold control characters (newlines, tabs, escapes, NUL)"),
        ));
    }
    Template::parse(text.get_ref()).map_err(|m| source.error(text.span(), m))
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
    /// A phase's dates: `start` and `end` (a window) or `due` (a milestone).
    fn dates(
        &self,
        start: &Value,
        end: &Value,
        due: &Value,
        name: &str,
        at: Range<usize>,
        applies: &[u32],
    ) -> Result<Dates> {
        let rule = |v: &Value, key| v.as_ref().map(|v| self.rule(v, key, applies)).transpose();
        match (rule(start, "start")?, rule(end, "end")?, rule(due, "due")?) {
            (Some(s), Some(e), None) => Ok(Dates::Window { start: s, end: e }),
            (None, None, Some(d)) => Ok(Dates::Milestone { due: d }),
            (_, _, Some(_)) => Err(self.source.error(
                due.as_ref().map_or(at, Spanned::span),
                format!("phase `{name}` has both `start`/`end` and `due`: a phase is a window (`start` and `end`) or a milestone (`due`)"),
            )),
            (Some(_), None, None) => Err(self.source.error(
                start.as_ref().map_or(at, Spanned::span),
                format!("phase `{name}` has `start` but no `end`"),
            )),
            (None, Some(_), None) => Err(self.source.error(
                end.as_ref().map_or(at, Spanned::span),
                format!("phase `{name}` has `end` but no `start`"),
            )),
            (None, None, None) => Err(self.source.error(
                at,
                format!("phase `{name}` has no date: give it `start` and `end` (a window) or `due` (a milestone), as rules like \"last day\""),
            )),
        }
    }

    /// `q1` to `q4`: replaces some of the phase's own dates in the cycles starting in that quarter.
    fn quarter(
        &self,
        own: &Dates,
        o: &Spanned<RawDates>,
        q: usize,
        applies: &[u32],
    ) -> Result<Dates> {
        let d = o.get_ref();
        let rule = |v: &Value, key| v.as_ref().map(|v| self.rule(v, key, applies)).transpose();
        let wrong = |v: &Value, kind: &str, keys: &str| {
            v.as_ref().map_or(Ok(()), |v| {
                Err(self.source.error(
                    v.span(),
                    format!("this phase is a {kind}: `q{}` can set {keys}", q + 1),
                ))
            })
        };
        match *own {
            Dates::Window { start, end } => {
                wrong(&d.due, "window", "`start` and `end`")?;
                Ok(Dates::Window {
                    start: rule(&d.start, "start")?.unwrap_or(start),
                    end: rule(&d.end, "end")?.unwrap_or(end),
                })
            }
            Dates::Milestone { due } => {
                wrong(&d.start, "milestone", "`due`")?;
                wrong(&d.end, "milestone", "`due`")?;
                Ok(Dates::Milestone {
                    due: rule(&d.due, "due")?.unwrap_or(due),
                })
            }
        }
    }

    /// A day rule, checked against the cycles it applies to (starting in the months `applies`).
    fn rule(&self, v: &Spanned<toml::Value>, key: &str, applies: &[u32]) -> Result<Rule> {
        let err = |m: String| self.source.error(v.span(), m);
        let text = match v.get_ref() {
            toml::Value::String(s) => s,
            toml::Value::Datetime(_) => {
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

/// No generated window ends before it starts: checked over one full repeat of the calendar.
fn windows_in_order(c: &Cadence, spans: &[Range<usize>], source: &Source) -> Result<()> {
    let cycles = c.last_cycle.map_or(c.every.repeat(), |l| {
        l.saturating_add(1).min(c.every.repeat())
    });
    for (s, span) in spans.iter().enumerate() {
        let slot = &c.slots[s];
        let has_window = std::iter::once(&slot.dates)
            .chain(slot.by_quarter.iter().flatten())
            .any(|d| matches!(d, Dates::Window { .. }));
        if !has_window {
            continue;
        }
        for k in 0..cycles {
            // Cycles counted in days: each set of dates on every weekday a cycle can start on.
            let variants: Vec<Option<Kind>> = if c.every.in_months() {
                vec![c.kind_of(k, s)]
            } else {
                c.slots[s].all_dates().map(|d| c.kind_with(k, d)).collect()
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
