//! Finding the cycle behind a name, by reading the name template backwards.

use chrono::NaiveDate;

use super::Cadence;
use super::template::Fields;
use crate::dates::{month_day, month_last};

/// At most this many cycles are tried for one reading of a name (a template with `{n}` tries
/// one; one with `{year}` and `{month}` a handful).
const MAX_TRIES: i64 = 400;

impl Cadence {
    /// The cycle and slot whose phase is named `name`, skipped or not.
    pub fn find(&self, name: &str) -> Option<(i64, usize)> {
        for (s, slot) in self.slots.iter().enumerate() {
            for fields in slot.name.read(name) {
                let (first, last) = self.candidates(fields)?;
                let last = last.min(first.saturating_add(MAX_TRIES));
                let mut k = first;
                while k <= last {
                    if self.name_of(k, s).as_deref() == Some(name) {
                        return Some((k, s));
                    }
                    k += 1;
                }
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
