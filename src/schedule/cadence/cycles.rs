//! Expanding a cadence into phases for a window of days, by index arithmetic.

use chrono::{Datelike, NaiveDate};

use super::every::last_day;
use super::{Cadence, CycleDate, Dates};
use crate::dates::add_days;
use crate::schedule::phase::{Derived, Kind, Origin, Phase, When};
use crate::schedule::relative::Edge;

/// A cycle's phases and plans as far as computed, each slot's once: a date may name another's.
struct Memo {
    phases: Known<Phase>,
    plans: Known<Kind>,
}

impl Memo {
    fn new(slots: usize) -> Memo {
        Memo {
            phases: Known::new(slots),
            plans: Known::new(slots),
        }
    }
}

/// Each slot's value once computed (which may be none: a cycle left out).
struct Known<T> {
    done: Vec<bool>,
    value: Vec<Option<T>>,
}

impl<T: Clone> Known<T> {
    fn new(slots: usize) -> Known<T> {
        Known {
            done: vec![false; slots],
            value: vec![None; slots],
        }
    }

    /// True when slot `s`'s value is computed.
    fn has(&self, s: usize) -> bool {
        self.done.get(s).copied().unwrap_or(false)
    }

    fn value(&self, s: usize) -> Option<T> {
        self.value.get(s).cloned().flatten()
    }

    fn set(&mut self, s: usize, v: Option<T>) {
        if s < self.done.len() {
            self.done[s] = true;
            self.value[s] = v;
        }
    }
}

/// The date of a phase of this kind that `edge` names: a window's start or end, a milestone's
/// due date, a key date's day.
pub(crate) fn edge_date(kind: Kind, edge: Edge) -> Option<NaiveDate> {
    match (kind, edge) {
        (Kind::Window { start, .. }, Edge::Start) => start,
        (Kind::Window { end, .. }, Edge::End) => end.date(),
        (Kind::Milestone { due, .. }, Edge::Date) => due.date(),
        (Kind::KeyDate { on }, Edge::Date) => on.date(),
        _ => None,
    }
}

/// The key of that date.
fn edge_key(kind: Kind, edge: Edge) -> &'static str {
    match (kind, edge) {
        (_, Edge::Start) => "start",
        (_, Edge::End) => "end",
        (Kind::KeyDate { .. }, _) => "on",
        _ => "due",
    }
}

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

    /// The dates slot `s` has in cycle `k`: its quarter's own, if it has them.
    pub(super) fn dates_of(&self, k: i64, s: usize) -> Option<&Dates> {
        let start = self.cycle_start(k)?;
        let slot = self.slots.get(s)?;
        Some(
            slot.by_quarter[start.month0() as usize / 3]
                .as_ref()
                .unwrap_or(&slot.dates),
        )
    }

    /// The dates of slot `s` in cycle `k` by its rules (the plan), with no `done` and not
    /// moved off days off; a date that names another phase takes that phase's date by its
    /// rules, moved off days off.
    pub(crate) fn kind_of(&self, k: i64, s: usize) -> Option<Kind> {
        let dates = *self.dates_of(k, s)?;
        self.kind_with(k, s, &dates)
    }

    /// `dates`, as slot `s`'s, in cycle `k` by the rules.
    pub(super) fn kind_with(&self, k: i64, s: usize, dates: &Dates) -> Option<Kind> {
        let mut memo = Known::new(self.memo_len());
        self.kind_in(
            k,
            s,
            dates,
            0,
            &mut |t| self.plan_in(k, t, &mut memo, false),
            &|_, d| d,
        )
    }

    /// Slot `s` of cycle `k` by its rules, moved off days off, each slot computed once into
    /// `memo`; with `whole`, the cycle's rules moved as the cycle is moved as a whole.
    fn plan_in(&self, k: i64, s: usize, memo: &mut Known<Kind>, whole: bool) -> Option<Kind> {
        if memo.has(s) {
            return memo.value(s);
        }
        let dates = *self.dates_of(k, s)?;
        let by = if whole { self.cycle_moves.days(k) } else { 0 };
        let kind = self
            .kind_in(
                k,
                s,
                &dates,
                by,
                &mut |t| self.plan_in(k, t, memo, whole),
                &|_, d| d,
            )
            .and_then(|kind| self.shifted(k, s, kind));
        memo.set(s, kind);
        kind
    }

    /// `dates` (slot `s`'s) in cycle `k`, each rule's date `by` days later (the cycle moved as
    /// a whole): a date naming another slot takes it from `anchor`, and `moved` gives each date
    /// as moved (by its key) once computed, before any date of the same phase that names it.
    fn kind_in(
        &self,
        k: i64,
        s: usize,
        dates: &Dates,
        by: i64,
        anchor: &mut dyn FnMut(usize) -> Option<Kind>,
        moved: &dyn Fn(&'static str, NaiveDate) -> NaiveDate,
    ) -> Option<Kind> {
        let start = self.cycle_start(k)?;
        let last = last_day(self.every, self.from, k)?;
        let mut own = Kind::Window {
            start: None,
            end: When::On(start),
        };
        let date = |w: CycleDate, own: Kind, anchor: &mut dyn FnMut(usize) -> Option<Kind>| match w
        {
            CycleDate::Rule(r) => r
                .date(start, last, &self.days_off)?
                .checked_add_signed(chrono::TimeDelta::try_days(by)?),
            CycleDate::Follows { slot, edge, offset } => {
                let kind = if slot == s { own } else { anchor(slot)? };
                offset.apply_anywhere(edge_date(kind, edge)?, &self.days_off)
            }
        };
        Some(match *dates {
            Dates::Window { start: a, end: b } => {
                // A window's date may name its other date: that one first.
                if matches!(a, CycleDate::Follows { slot, .. } if slot == s) {
                    let end = moved("end", date(b, own, anchor)?);
                    own = Kind::Window {
                        start: None,
                        end: When::On(end),
                    };
                    let start = moved("start", date(a, own, anchor)?);
                    Kind::Window {
                        start: Some(start),
                        end: When::On(end),
                    }
                } else {
                    let start = moved("start", date(a, own, anchor)?);
                    own = Kind::Window {
                        start: Some(start),
                        end: When::On(start),
                    };
                    let end = moved("end", date(b, own, anchor)?);
                    Kind::Window {
                        start: Some(start),
                        end: When::On(end),
                    }
                }
            }
            Dates::Milestone { due } => Kind::Milestone {
                due: When::On(moved("due", date(due, own, anchor)?)),
                done: None,
            },
            Dates::Date { on } => Kind::KeyDate {
                on: When::On(moved("on", date(on, own, anchor)?)),
            },
        })
    }

    /// How many slots a cycle's memo holds: none when no date names another phase, so a
    /// phase alone costs nothing more.
    fn memo_len(&self) -> usize {
        if self.followers.is_empty() {
            0
        } else {
            self.slots.len()
        }
    }

    /// The name of slot `s` in cycle `k`.
    pub(crate) fn name_of(&self, k: i64, s: usize) -> Option<String> {
        let start = self.cycle_start(k)?;
        Some(self.slots.get(s)?.name.render(start, self.number(k)))
    }

    /// Slot `s` of cycle `k` as a phase, skipped or not; `None` outside the cadence or the
    /// calendar.
    pub(crate) fn phase_of(&self, k: i64, s: usize) -> Option<Phase> {
        let mut memo = Memo::new(self.memo_len());
        self.phase_in(k, s, &mut memo)
    }

    /// [`Cadence::phase_of`], each slot of the cycle computed once into `memo`.
    fn phase_in(&self, k: i64, s: usize, memo: &mut Memo) -> Option<Phase> {
        if memo.phases.has(s) {
            return memo.phases.value(s);
        }
        let p = self.compute_phase(k, s, memo);
        memo.phases.set(s, p.clone());
        p
    }

    fn compute_phase(&self, k: i64, s: usize, memo: &mut Memo) -> Option<Phase> {
        if !self.has_cycle(k) {
            return None;
        }
        let start = self.cycle_start(k)?;
        let n = self.number(k);
        let slot = self.slots.get(s)?;
        let name = slot.name.render(start, n);
        let dates = *self.dates_of(k, s)?;
        let plans = &mut memo.plans;
        let plan = self.kind_in(
            k,
            s,
            &dates,
            0,
            &mut |t| self.plan_in(k, t, plans, false),
            &|_, d| d,
        )?;
        let m = &self.moved;
        let moved_on = |key: &'static str| {
            let map = match key {
                "due" => &m.due,
                "on" => &m.on,
                "start" => &m.start,
                _ => &m.end,
            };
            map.get(&name).copied()
        };
        let move_it = |key: &'static str, d: NaiveDate| moved_on(key).unwrap_or(d);
        let follows = dates.whens().iter().any(|w| w.anchor().is_some());
        // A date naming another phase takes that phase's date as the cycle has it (moved, then
        // off a day off): it moves with it.
        let by = self.cycle_moves.days(k);
        let now = if follows {
            self.kind_in(
                k,
                s,
                &dates,
                by,
                &mut |t| self.phase_in(k, t, memo).map(|p| p.kind),
                &move_it,
            )?
        } else {
            self.kind_in(k, s, &dates, by, &mut |_| None, &move_it)?
        };
        // A date that moved (by `reschedule`, or with the date it follows) has the rule's date
        // as its plan.
        let plan_if = |key: &'static str, was: When, is: When| {
            (moved_on(key).is_some() || was != is).then_some(was)
        };
        let (kind, planned, planned_end) = match (plan, now) {
            (Kind::Milestone { due: was, .. }, Kind::Milestone { due, .. }) => (
                Kind::Milestone {
                    due,
                    done: self.done.get(&name).copied(),
                },
                plan_if("due", was, due),
                None,
            ),
            (Kind::KeyDate { on: was }, Kind::KeyDate { on }) => {
                (Kind::KeyDate { on }, plan_if("on", was, on), None)
            }
            (
                Kind::Window {
                    start: Some(ws),
                    end: we,
                },
                Kind::Window {
                    start: Some(s),
                    end: e,
                },
            ) => (
                Kind::Window {
                    start: Some(s),
                    end: e,
                },
                plan_if("start", When::On(ws), When::On(s)),
                plan_if("end", we, e),
            ),
            _ => return None,
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
        let from = if follows {
            self.derived(k, s, &dates, kind, memo)
        } else {
            Vec::new()
        };
        if note.is_some()
            || url.is_some()
            || planned.is_some()
            || planned_end.is_some()
            || !from.is_empty()
        {
            let e = p.extra_mut();
            (e.note, e.url, e.planned, e.planned_end) = (note, url, planned, planned_end);
            e.from = from;
        }
        if !slot.owners.is_empty() {
            p.extra_mut().owners = slot.owners.clone();
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

    /// How slot `s`'s dates that name another phase of cycle `k` were found, for `--explain`:
    /// each links to the slot and key of the date it names when that one names another.
    fn derived(&self, k: i64, s: usize, dates: &Dates, own: Kind, memo: &mut Memo) -> Vec<Derived> {
        let mut out = Vec::new();
        for (key, w) in dates.keys().iter().zip(dates.whens()) {
            let CycleDate::Follows { slot, edge, offset } = w else {
                continue;
            };
            // A window's date naming its other one takes it as this phase has it.
            let anchor = if slot == s {
                Some(own)
            } else {
                self.phase_in(k, slot, memo).map(|p| p.kind)
            };
            let (Some(anchor_name), Some(anchor_kind)) = (self.name_of(k, slot), anchor) else {
                continue;
            };
            let Some(at) = edge_date(anchor_kind, edge) else {
                continue;
            };
            let anchor_key = edge_key(anchor_kind, edge);
            let named = |name: &str| match edge {
                Edge::Start => format!("start of {name}"),
                Edge::End => format!("end of {name}"),
                Edge::Date => name.to_string(),
            };
            let written = if offset.is_zero() {
                named(&self.slots[slot].name.text)
            } else {
                format!("{} {offset}", named(&self.slots[slot].name.text))
            };
            let next = self.dates_of(k, slot).and_then(|d| {
                let i = d.keys().iter().position(|x| *x == anchor_key)?;
                matches!(d.whens()[i], CycleDate::Follows { .. }).then_some((slot, anchor_key))
            });
            out.push(Derived {
                key,
                written,
                step: format!("{} is {at}", named(&anchor_name)),
                next,
            });
        }
        out
    }

    /// `kind` moved off days off as slot `s`'s dates are in cycle `k`; `None` when a date has
    /// no working day within reach.
    fn shifted(&self, k: i64, s: usize, kind: Kind) -> Option<Kind> {
        let Some(shift) = self.shift_of(k, s) else {
            return Some(kind);
        };
        let mut p = Phase::new(String::new(), kind, 0);
        match p.shift_off(&self.days_off, shift) {
            None => Some(p.kind),
            Some(_) => None,
        }
    }

    /// Where slot `s`'s dates move off days off in cycle `k`: its quarter's `shift`, else its
    /// own, else the document's.
    fn shift_of(&self, k: i64, s: usize) -> Option<crate::schedule::days_off::Shift> {
        let slot = self.slots.get(s)?;
        let quarter = self.cycle_start(k)?.month0() as usize / 3;
        slot.quarter_shift[quarter].or(slot.shift).or(self.shift)
    }

    /// Slot `s` of cycle `k` by its rules and moved off days off, as its phase has it unless
    /// `reschedule` moved it (or a date it follows): what counts must see the dates the lists
    /// show.
    pub(crate) fn kind_by_rule(&self, k: i64, s: usize) -> Option<Kind> {
        let mut memo = Known::new(self.memo_len());
        self.plan_in(k, s, &mut memo, true)
    }

    /// How many of a cycle's phases are milestones (the same in every cycle).
    pub(crate) fn milestone_slots(&self) -> usize {
        self.shown_slots()
            .filter(|&s| matches!(self.slots[s].dates, Dates::Milestone { .. }))
            .count()
    }

    /// Every phase of cycle `k`, skipped ones included; empty when it cannot be computed.
    pub(crate) fn phases_of_cycle(&self, k: i64) -> Vec<Phase> {
        let mut memo = Memo::new(self.memo_len());
        let phases: Option<Vec<Phase>> = (0..self.slots.len())
            .map(|s| self.phase_in(k, s, &mut memo))
            .collect();
        phases.unwrap_or_default()
    }

    /// The phases of cycle `k` that are not skipped, replaced by a written phase or left out by
    /// an `--owner` filter; empty when the cycle cannot be computed.
    pub(crate) fn cycle(&self, k: i64) -> Vec<Phase> {
        let mut phases = self.phases_of_cycle(k);
        phases.retain(|p| {
            let shown = match p.origin {
                Origin::Generated { slot, .. } => self.shows(slot as usize),
                Origin::Written => true,
            };
            shown && !self.skip.contains(&p.name) && !self.replaced.contains(&p.name)
        });
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

    /// The phases whose dates `reschedule` moved, and those of their cycles that follow them,
    /// not skipped or replaced.
    pub(crate) fn moved_phases(&self) -> impl Iterator<Item = Phase> + '_ {
        self.moved_slots().into_iter().filter_map(|(k, s)| {
            let p = self.phase_of(k, s)?;
            (!self.skip.contains(&p.name) && !self.replaced.contains(&p.name)).then_some(p)
        })
    }

    /// The cycle and slot of every date `reschedule` moved, and of those that follow them,
    /// each once.
    pub(crate) fn moved_slots(&self) -> std::collections::BTreeSet<(i64, usize)> {
        let mut out = std::collections::BTreeSet::new();
        for name in self.moved.names() {
            if let Some((k, s)) = self.find(name) {
                out.insert((k, s));
                for &f in self.followers.get(s).into_iter().flatten() {
                    out.insert((k, f));
                }
            }
        }
        out
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
