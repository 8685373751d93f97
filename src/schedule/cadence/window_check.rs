//! The calendar-kind window check: no window a cadence generates ends before it starts, in any
//! cycle of the calendar's 400-year repeat, found without computing every cycle.

use std::collections::BTreeSet;
use std::ops::Range;

use chrono::Datelike;

use super::every::Step;
use super::{Cadence, Dates};
use crate::error::{Result, Source};
use crate::schedule::phase::{Kind, When};

/// No generated window ends before it starts, in any cycle of a full repeat of the calendar.
///
/// A cycle's dates, as days from its start, depend only on the calendar around it: for a cadence
/// in months, on the month it starts in, the weekday of that month's first day, and which of the
/// years its rules reach are leap years; for one in days, on the weekday it starts on. So only
/// the first cycle of each such kind is computed (under a hundred for a quarterly cadence, not
/// the 1,600 of a 400-year repeat), which is the first failing cycle whenever one fails.
pub(super) fn windows_in_order(c: &Cadence, spans: &[Range<usize>], source: &Source) -> Result<()> {
    let cycles = c.last_cycle.map_or(c.every.repeat(), |l| {
        l.saturating_add(1).min(c.every.repeat())
    });
    // A date naming another phase reaches as far as the longest rule, plus every offset along
    // its chain (each counted, as the chain could hold them all).
    let whens = || {
        c.slots
            .iter()
            .flat_map(|s| s.all_dates().flat_map(Dates::whens).collect::<Vec<_>>())
    };
    let offsets: u32 = whens()
        .map(|w| match w {
            super::CycleDate::Rule(_) => 0,
            super::CycleDate::Follows { offset, .. } => {
                let (lo, hi) = offset.bounds();
                u32::try_from(lo.abs().max(hi.abs()) / 28 + 1).unwrap_or(u32::MAX)
            }
        })
        .fold(0u32, u32::saturating_add);
    let reached = c
        .slots
        .iter()
        .flat_map(|s| s.all_dates().flat_map(Dates::rules).collect::<Vec<_>>())
        .map(|r| r.months_reached())
        .max()
        .unwrap_or(0)
        .saturating_add(offsets);
    // Holidays fall on no pattern of the calendar: with rules in working days or a shift, every
    // cycle of the repeat is computed.
    let working = whens().any(|w| w.in_working_days());
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
                    c.kind_with(k, s, dates).map(|kind| shifted(kind, shift))
                })]
            } else {
                // Cycles counted in days start in any quarter: every set of dates.
                own.chain(quarters)
                    .filter_map(|(dates, shift)| {
                        Some(c.kind_with(k, s, dates?).map(|kind| shifted(kind, shift)))
                    })
                    .collect()
            };
            for kind in variants.into_iter().flatten() {
                if let Kind::Window {
                    start: Some(a),
                    end: When::On(b),
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

    fn cadence(every: &str, from: &str, start: &str, end: &str) -> String {
        format!(
            "[[cadence]]\nevery = \"{every}\"\nfrom = {from}\n[[cadence.phase]]\nname = \"w{{n}}\"\nstart = \"{start}\"\nend = \"{end}\"\n"
        )
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
            let text = cadence(every, &from.to_string(), start, end);
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
            let (a, b) = (
                c.phase_of(k, 0)?.first_day()?,
                c.phase_of(k, 1)?.first_day()?,
            );
            (b < a).then(|| c.cycle_start(k)).flatten()
        })
    }
}
