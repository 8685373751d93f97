//! Expanding a cadence into phases for a window of days, by index arithmetic.

use chrono::{Datelike, NaiveDate};

use super::every::last_day;
use super::{Cadence, Dates};
use crate::dates::add_days;
use crate::schedule::phase::{Kind, Origin, Phase, When};

impl Cadence {
    /// True when cycle `k` is one this cadence has (from its first to its last, if any).
    pub(crate) fn has_cycle(&self, k: i64) -> bool {
        k >= 0 && self.last_cycle.is_none_or(|last| k <= last)
    }

    /// The first day of cycle `k`.
    pub(crate) fn cycle_start(&self, k: i64) -> Option<NaiveDate> {
        self.every.start(self.from, k)
    }

    /// The `{n}` of cycle `k`.
    pub(crate) fn number(&self, k: i64) -> i64 {
        self.numbered_from.saturating_add(k)
    }

    /// The dates of slot `s` in cycle `k` (its quarter's own, if it has them), with no `done`.
    pub(crate) fn kind_of(&self, k: i64, s: usize) -> Option<Kind> {
        let start = self.cycle_start(k)?;
        let slot = self.slots.get(s)?;
        let dates = slot.by_quarter[start.month0() as usize / 3]
            .as_ref()
            .unwrap_or(&slot.dates);
        self.kind_with(k, dates)
    }

    /// These dates in cycle `k`.
    pub(super) fn kind_with(&self, k: i64, dates: &Dates) -> Option<Kind> {
        let start = self.cycle_start(k)?;
        let last = last_day(self.every, self.from, k)?;
        Some(match dates {
            Dates::Window { start: a, end: b } => Kind::Window {
                start: Some(a.date(start, last, &self.days_off)?),
                end: When::On(b.date(start, last, &self.days_off)?),
            },
            Dates::Milestone { due } => Kind::Milestone {
                due: When::On(due.date(start, last, &self.days_off)?),
                done: None,
            },
            Dates::Date { on } => Kind::KeyDate {
                on: When::On(on.date(start, last, &self.days_off)?),
            },
        })
    }

    /// The name of slot `s` in cycle `k`.
    pub(crate) fn name_of(&self, k: i64, s: usize) -> Option<String> {
        let start = self.cycle_start(k)?;
        Some(self.slots.get(s)?.name.render(start, self.number(k)))
    }

    /// Slot `s` of cycle `k` as a phase, skipped or not; `None` outside the cadence or the
    /// calendar.
    pub(crate) fn phase_of(&self, k: i64, s: usize) -> Option<Phase> {
        if !self.has_cycle(k) {
            return None;
        }
        let start = self.cycle_start(k)?;
        let n = self.number(k);
        let slot = self.slots.get(s)?;
        let name = slot.name.render(start, n);
        let m = &self.moved;
        // A moved date replaces the rule's, which becomes the plan.
        let (kind, planned, planned_end) = match self.kind_of(k, s)? {
            Kind::Milestone { due, .. } => {
                let moved = m.due.get(&name).copied().map(When::On);
                let kind = Kind::Milestone {
                    due: moved.unwrap_or(due),
                    done: self.done.get(&name).copied(),
                };
                (kind, moved.map(|_| due), None)
            }
            Kind::KeyDate { on } => {
                let moved = m.on.get(&name).copied().map(When::On);
                (
                    Kind::KeyDate {
                        on: moved.unwrap_or(on),
                    },
                    moved.map(|_| on),
                    None,
                )
            }
            Kind::Window { start, end } => {
                let (ms, me) = (m.start.get(&name).copied(), m.end.get(&name).copied());
                let kind = Kind::Window {
                    start: ms.or(start),
                    end: me.map_or(end, When::On),
                };
                (kind, ms.and(start).map(When::On), me.map(|_| end))
            }
        };
        let (note, url) = (
            slot.note.as_ref().map(|t| t.render(start, n)),
            slot.url.as_ref().map(|t| t.render(start, n)),
        );
        let mut p = Phase {
            kind,
            warn: slot.warn,
            line: slot.line,
            origin: Origin::Generated {
                cadence: narrow(self.index),
                cycle: k,
                slot: narrow(s),
                line: narrow(self.line),
            },
            name,
            extra: None,
        };
        if note.is_some() || url.is_some() || planned.is_some() || planned_end.is_some() {
            let e = p.extra_mut();
            (e.note, e.url, e.planned, e.planned_end) = (note, url, planned, planned_end);
        }
        // A date with no working day within reach (past the calendar's edge) leaves the cycle
        // out, as a cycle past 9999 is; the loader refuses a cadence where that happens inside.
        if let Some(shift) = self.shift_of(k, s)
            && p.shift_off(&self.days_off, shift).is_some()
        {
            return None;
        }
        Some(p)
    }

    /// Where slot `s`'s dates move off days off in cycle `k`: its quarter's `shift`, else its
    /// own, else the document's.
    fn shift_of(&self, k: i64, s: usize) -> Option<crate::schedule::days_off::Shift> {
        let slot = self.slots.get(s)?;
        let quarter = self.cycle_start(k)?.month0() as usize / 3;
        slot.quarter_shift[quarter].or(slot.shift).or(self.shift)
    }

    /// Slot `s` of cycle `k` by its rules and moved off days off, as its phase has it unless
    /// `reschedule` moved it: what counts must see the dates the lists show.
    pub(crate) fn kind_by_rule(&self, k: i64, s: usize) -> Option<Kind> {
        let kind = self.kind_of(k, s)?;
        let Some(shift) = self.shift_of(k, s) else {
            return Some(kind);
        };
        let mut p = Phase::new(String::new(), kind, 0);
        match p.shift_off(&self.days_off, shift) {
            None => Some(p.kind),
            Some(_) => None,
        }
    }

    /// How many of a cycle's phases are milestones (the same in every cycle).
    pub(crate) fn milestone_slots(&self) -> usize {
        self.slots
            .iter()
            .filter(|s| matches!(s.dates, Dates::Milestone { .. }))
            .count()
    }

    /// Every phase of cycle `k`, skipped ones included; empty when it cannot be computed.
    pub(crate) fn phases_of_cycle(&self, k: i64) -> Vec<Phase> {
        let phases: Option<Vec<Phase>> =
            (0..self.slots.len()).map(|s| self.phase_of(k, s)).collect();
        phases.unwrap_or_default()
    }

    /// The phases of cycle `k` that are not skipped or replaced by a written phase; empty when
    /// the cycle cannot be computed.
    pub(crate) fn cycle(&self, k: i64) -> Vec<Phase> {
        let mut phases = self.phases_of_cycle(k);
        phases.retain(|p| !self.skip.contains(&p.name) && !self.replaced.contains(&p.name));
        phases
    }

    /// The phases of every cycle that has a date within `from..=to`, in cycle order, computed
    /// one cycle at a time as they are read (a daily cadence over 9,999 years is never held).
    pub(crate) fn occurrences(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = Phase> + '_ {
        let (lo, hi) = self.reach;
        // A cycle starting on `s` has its dates within s+lo..=s+hi.
        let (first, last) =
            self.every
                .cycles_starting_within(self.from, add_days(from, -hi), add_days(to, -lo));
        let (first, last) = if from > to {
            (1, 0)
        } else {
            (first.max(0), self.last_cycle.map_or(last, |l| last.min(l)))
        };
        // A date `reschedule` moved may lie outside its cycle's reach: those cycles come before
        // or after the ones scanned, in cycle order.
        let mut moved: Vec<Phase> = self
            .moved_phases()
            .filter(|p| {
                let in_scan = matches!(p.origin, Origin::Generated { cycle, .. } if (first..=last).contains(&cycle));
                from <= to && !in_scan && p.span().is_some_and(|(a, b)| a <= to && b >= from)
            })
            .collect();
        moved.sort_by_key(Phase::order);
        let cycle_of = |p: &Phase| match p.origin {
            Origin::Generated { cycle, .. } => cycle,
            Origin::Written => 0,
        };
        let after = moved.split_off(moved.partition_point(|p| cycle_of(p) < first));
        let scanned = (first..=last).flat_map(move |k| {
            let phases = self.cycle(k);
            let starts = phases.iter().filter_map(Phase::first_day).min();
            let ends = phases.iter().filter_map(|p| p.last_day().date()).max();
            let touches = matches!((starts, ends), (Some(a), Some(b)) if a <= to && b >= from);
            if touches { phases } else { Vec::new() }
        });
        moved.into_iter().chain(scanned).chain(after)
    }

    /// The phases whose dates `reschedule` moved, not skipped or replaced.
    pub(crate) fn moved_phases(&self) -> impl Iterator<Item = Phase> + '_ {
        // A window's start and end may both have moved: each name once.
        let names: std::collections::BTreeSet<&str> = self.moved.names().collect();
        names.into_iter().filter_map(|name| {
            if self.skip.contains(name) || self.replaced.contains(name) {
                return None;
            }
            let (k, s) = self.find(name)?;
            self.phase_of(k, s)
        })
    }

    /// The first date after `date` on which a generated phase has an event.
    pub(crate) fn next_event_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        if date == NaiveDate::MAX {
            return None;
        }
        let (lo, hi) = self.reach;
        // Cycles that start before date+1-hi have every date on or before `date`.
        let after = add_days(date, 1 - hi);
        let mut k = self
            .every
            .cycles_starting_within(self.from, after, after)
            .0
            .max(0);
        let mut best: Option<NaiveDate> = None;
        while self.has_cycle(k) {
            let Some(start) = self.cycle_start(k) else {
                break;
            };
            if best.is_some_and(|b| add_days(start, lo) > b) {
                break;
            }
            let events = self
                .cycle(k)
                .iter()
                .flat_map(|p| p.events(None))
                .map(|(d, _)| d)
                .filter(|&d| d > date)
                .min();
            best = match (best, events) {
                (Some(b), Some(e)) => Some(b.min(e)),
                (b, e) => b.or(e),
            };
            let Some(next) = k.checked_add(1) else { break };
            k = next;
        }
        // A moved date may lie anywhere.
        let moved = self
            .moved_phases()
            .flat_map(|p| p.events(None).map(|(d, _)| d).collect::<Vec<_>>())
            .filter(|&d| d > date)
            .min();
        match (best, moved) {
            (Some(b), Some(m)) => Some(b.min(m)),
            (b, m) => b.or(m),
        }
    }
}

/// A count of cadences, rules or lines in 32 bits: files over 64 MiB are refused as not a
/// schedule, so none comes near 4 billion.
fn narrow(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
