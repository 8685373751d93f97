//! Every cycle finds the days its rules ask for. A rule in working days ("last working day",
//! "2nd working day of month 3") finds none in a cycle where every day it looks at is off (a
//! week of a shutdown), and a date moved off a day off finds none past the calendar's edge. Such
//! a cycle would drop out of every report and pass the gate, so the cadence is refused when it
//! loads, naming the cycle and the rule.
//!
//! Only cycles that a day off can touch can fail, so only those are computed: the first cycle,
//! one of each weekday a cadence in days can start on (weekends alone can empty a short cycle),
//! and every cycle that holds a holiday, written or from a calendar (a yearly one in each year
//! of the 400-year repeat after the anchor). Limits bound them ([`crate::limits`]).

use std::collections::BTreeSet;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::every::{Step, last_day};
use super::{Cadence, CycleDate, Dates};
use crate::dates::{LAST_DAY, add_days};
use crate::error::{Result, Source};

/// Refuses a cadence with a cycle where a rule finds no day; `spans` are its phases' names.
pub(super) fn every_cycle_finds_its_days(
    c: &Cadence,
    spans: &[Range<usize>],
    source: &Source,
) -> Result<()> {
    let working = c
        .slots
        .iter()
        .flat_map(|s| s.all_dates().flat_map(Dates::whens).collect::<Vec<_>>())
        .any(|w| w.in_working_days());
    let shifts = c.shift.is_some()
        || c.slots
            .iter()
            .any(|s| s.shift.is_some() || s.quarter_shift.iter().any(Option::is_some));
    if !working && !shifts {
        return Ok(());
    }
    let mut cycles: BTreeSet<i64> = BTreeSet::from([0]);
    if let Step::Days(_) = c.every {
        cycles.extend(0..c.every.repeat());
    }
    let (lo, hi) = c.reach;
    let first_year = c.from.year();
    let years = first_year..=first_year.saturating_add(400).min(LAST_DAY.year());
    for day in c.days_off.holiday_days(years) {
        let (a, b) = c
            .every
            .cycles_starting_within(c.from, add_days(day, -hi), add_days(day, -lo));
        cycles.extend(a.max(0)..=b);
    }
    for k in cycles {
        if !c.has_cycle(k) {
            continue;
        }
        // A cycle past the calendar's last day is not there at all.
        let (Some(start), Some(last)) = (c.cycle_start(k), last_day(c.every, c.from, k)) else {
            continue;
        };
        if last > LAST_DAY {
            continue;
        }
        for (s, span) in spans.iter().enumerate() {
            if c.kind_by_rule(k, s).is_some() {
                continue;
            }
            let name = c.name_of(k, s).unwrap_or_default();
            // A cycle left out with `skip` needs no day.
            if c.skip.contains(&name) {
                continue;
            }
            let slot = &c.slots[s];
            let dates = slot.by_quarter[start.month0() as usize / 3]
                .as_ref()
                .unwrap_or(&slot.dates);
            let why = match no_day(c, dates, start, last) {
                Some(key) => format!(
                    "its `{key}` rule finds no day in the cycle starting {start} (`{name}`): every day the rule looks at is off"
                ),
                None => format!(
                    "a date of the cycle starting {start} (`{name}`) is a day off with no working day within reach inside the calendar (0001-01-01 to 9999-12-31)"
                ),
            };
            return Err(source
                .error(span.clone(), format!("`{}`: {why}", slot.name.text))
                .help("a cycle that finds no day would drop out of every report; change the rule or the days off, or `skip` that cycle's phase"));
        }
    }
    Ok(())
}

/// The key of the first rule of `dates` that finds no day in the cycle `start..=last`.
fn no_day(c: &Cadence, dates: &Dates, start: NaiveDate, last: NaiveDate) -> Option<&'static str> {
    dates
        .keys()
        .iter()
        .zip(dates.whens())
        .find(|(_, w)| match w {
            CycleDate::Rule(rule) => rule.date(start, last, &c.days_off).is_none(),
            CycleDate::Follows { .. } => false,
        })
        .map(|(key, _)| *key)
}
