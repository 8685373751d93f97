//! Finding the cycle behind a name, by reading the name template backwards.

use chrono::NaiveDate;

use super::Cadence;
use super::template::Fields;
use crate::dates::{month_day, month_last};

/// How many of a slot's first cycles are read back by every other slot that may share names.
const SHARED_NAME_CYCLES: i64 = 64;

/// A name two slots generate: `(name, (cadence, slot), (cadence, slot))`.
pub(super) type SharedName = (String, (usize, usize), (usize, usize));

/// A name that two slots (of one cadence or of two) both generate, so that one publication
/// would mark two milestones. Each slot's first cycles are read back by the others' templates,
/// which finds a shared name however far away the other cycle lies; slots whose names start or
/// end apart are not compared at all.
pub(crate) fn shared_name(cadences: &[Cadence]) -> Option<SharedName> {
    let slots: Vec<(usize, usize)> = cadences
        .iter()
        .enumerate()
        .flat_map(|(c, cad)| (0..cad.slots.len()).map(move |s| (c, s)))
        .collect();
    for (i, &(ca, sa)) in slots.iter().enumerate() {
        for &(cb, sb) in &slots[i + 1..] {
            let (a, b) = (&cadences[ca], &cadences[cb]);
            if !a.slots[sa].name.may_share_names(&b.slots[sb].name) {
                continue;
            }
            for (x, sx, y, sy, first) in [(a, sa, b, sb, true), (b, sb, a, sa, false)] {
                let last = x.last_cycle.unwrap_or(i64::MAX).min(SHARED_NAME_CYCLES - 1);
                for k in 0..=last {
                    let Some(name) = x.name_of(k, sx) else {
                        break;
                    };
                    if let Some(other) = y.find_in(&name, sy)
                        && y.has_cycle(other)
                    {
                        let pair = if first {
                            ((ca, sa), (cb, sb))
                        } else {
                            ((cb, sb), (ca, sa))
                        };
                        return Some((name, pair.0, pair.1));
                    }
                }
            }
        }
    }
    None
}

/// At most this many cycles are tried for one reading of a name (a template with `{n}` tries
/// one; one with `{year}` and `{month}` a handful).
const MAX_TRIES: i64 = 400;

impl Cadence {
    /// The cycle and slot whose phase is named `name`, skipped or not (not one an `--owner`
    /// filter left out).
    pub(crate) fn find(&self, name: &str) -> Option<(i64, usize)> {
        self.shown_slots()
            .find_map(|s| Some((self.find_in(name, s)?, s)))
    }

    /// The cycle whose phase of slot `s` is named `name`.
    pub(crate) fn find_in(&self, name: &str, s: usize) -> Option<i64> {
        for fields in self.slots.get(s)?.name.read(name) {
            let Some((first, last)) = self.candidates(fields) else {
                continue;
            };
            let last = last.min(first.saturating_add(MAX_TRIES));
            let mut k = first;
            while k <= last {
                if self.name_of(k, s).as_deref() == Some(name) {
                    return Some(k);
                }
                k += 1;
            }
        }
        None
    }

    /// The cycles that could carry these field values.
    fn candidates(&self, f: Fields) -> Option<(i64, i64)> {
        let (first, last) = if let Some(n) = f.n {
            let k = n.checked_sub(self.numbered_from)?;
            (k, k)
        } else {
            let (a, b) = start_range(f)?;
            self.every.cycles_starting_within(self.from, a, b)
        };
        let first = first.max(0);
        let last = self.last_cycle.map_or(last, |l| last.min(l));
        (first <= last).then_some((first, last))
    }
}

/// The days a cycle with these fields can start on.
fn start_range(f: Fields) -> Option<(NaiveDate, NaiveDate)> {
    let ordinal = f.year?.checked_mul(12)?;
    let (m0, m1) = match (f.month, f.quarter) {
        (Some(m), _) => (m - 1, m - 1),
        (None, Some(q)) => (3 * (q - 1), 3 * q - 1),
        (None, None) => (0, 11),
    };
    Some((
        month_day(ordinal + i64::from(m0), 1)?,
        month_last(ordinal + i64::from(m1))?,
    ))
}
