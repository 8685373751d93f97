//! The overdue milestones of a schedule on a day, counted, listed or sampled without building
//! every cycle a cadence has generated since its anchor.
//!
//! A daily cadence from 0001-01-01 asked about 9999-12-31 has 3.65 million overdue cycles. They
//! are counted arithmetically ([`Overdues::count`]), listed lazily oldest first in memory that
//! does not grow with the count ([`Overdues::iter`]), and the most recent few are found by
//! walking back from today ([`Overdues::recent`]).
//!
//! A milestone is overdue on `today` when it is due before today and not done by today (see
//! [`crate::engine::evaluate`]). Generated milestones that are skipped, or replaced by a written
//! phase of the same name, are not there at all.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

use chrono::NaiveDate;

use crate::dates::{add_days, days_between};
use crate::schedule::cadence::Cadence;
use crate::schedule::model::Schedule;
use crate::schedule::phase::{Kind, Origin, Phase, When};

/// A milestone past its due date and not done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    /// Which document it is in (0 with one document).
    pub(crate) doc: usize,
    pub(crate) phase: Phase,
    pub(crate) due: NaiveDate,
    /// At least 1.
    pub(crate) days_overdue: i64,
}

/// One document's schedule and its today (documents in other zones may be a day apart).
#[derive(Debug, Clone, Copy)]
pub struct Part<'s> {
    pub(crate) schedule: &'s Schedule,
    pub(crate) today: NaiveDate,
}

impl<'s> Part<'s> {
    pub fn new(schedule: &'s Schedule, today: NaiveDate) -> Part<'s> {
        Part { schedule, today }
    }
}

/// The overdue milestones of one schedule, or of several documents, on their today.
///
/// Several documents' milestones come oldest first, then in document order, then in file order.
#[derive(Debug, Clone, Copy)]
pub struct Overdues<'s> {
    parts: Parts<'s>,
}

#[derive(Debug, Clone, Copy)]
enum Parts<'s> {
    One(Part<'s>),
    Many(&'s [Part<'s>]),
}

impl<'s> Overdues<'s> {
    pub fn new(schedule: &'s Schedule, today: NaiveDate) -> Overdues<'s> {
        Overdues {
            parts: Parts::One(Part { schedule, today }),
        }
    }

    /// Over several documents; `parts` is not empty.
    pub(crate) fn many(parts: &'s [Part<'s>]) -> Overdues<'s> {
        match parts {
            [one] => Overdues {
                parts: Parts::One(*one),
            },
            _ => Overdues {
                parts: Parts::Many(parts),
            },
        }
    }

    fn parts(&self) -> impl Iterator<Item = (usize, Part<'s>)> + 's {
        let list: &'s [Part<'s>] = match self.parts {
            Parts::Many(list) => list,
            Parts::One(_) => &[],
        };
        let one = match self.parts {
            Parts::One(p) => Some((0, p)),
            Parts::Many(_) => None,
        };
        one.into_iter().chain(list.iter().copied().enumerate())
    }

    /// The first document's today.
    pub(crate) fn today(&self) -> NaiveDate {
        match self.parts {
            Parts::One(p) => p.today,
            Parts::Many(list) => list[0].today,
        }
    }

    /// How many there are, without listing them.
    pub fn count(&self) -> u64 {
        self.parts().map(|(_, p)| count_of(p)).sum()
    }

    /// How many each document has, in document order.
    pub(crate) fn count_by_document(&self) -> Vec<u64> {
        self.parts().map(|(_, p)| count_of(p)).collect()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Every one, oldest first (by due date, then document, then file order), computed as it
    /// is read.
    pub fn iter(&self) -> impl Iterator<Item = Overdue> + 's {
        let mut sources: Vec<Box<dyn Iterator<Item = Overdue> + 's>> = self
            .parts()
            .map(|(doc, p)| -> Box<dyn Iterator<Item = Overdue> + 's> { Box::new(iter_of(doc, p)) })
            .collect();
        // Each document's next one, and a heap of their due dates: a line costs the log of the
        // number of documents, not a look at every one (ten thousand files made it quadratic).
        let mut heads: Vec<Option<Overdue>> = sources.iter_mut().map(Iterator::next).collect();
        let mut order: BinaryHeap<Reverse<(NaiveDate, usize)>> = heads
            .iter()
            .enumerate()
            .filter_map(|(i, head)| head.as_ref().map(|o| Reverse((o.due, i))))
            .collect();
        std::iter::from_fn(move || {
            let Reverse((_, i)) = order.pop()?;
            let out = heads[i].take();
            heads[i] = sources[i].next();
            if let Some(o) = &heads[i] {
                order.push(Reverse((o.due, i)));
            }
            out
        })
    }

    /// The `n` most recent, oldest first.
    pub fn recent(&self, n: usize) -> Vec<Overdue> {
        // Only a document whose most recent is among the `n` most recent of all can hold any
        // of them: the others are asked for one each, not `n`.
        let parts: Vec<(usize, Part<'s>)> = self.parts().collect();
        let mut latest: Vec<(NaiveDate, usize)> = parts
            .iter()
            .filter_map(|&(doc, p)| recent_of(doc, p, 1).pop().map(|o| (o.due, doc)))
            .collect();
        latest.sort_by_key(|&(due, doc)| (std::cmp::Reverse(due), doc));
        let cut = latest.get(n.saturating_sub(1)).map(|&(due, _)| due);
        let mut out: Vec<Overdue> = parts
            .iter()
            .filter(|(doc, _)| {
                latest
                    .iter()
                    .any(|&(due, d)| d == *doc && cut.is_none_or(|c| due >= c))
            })
            .flat_map(|&(doc, p)| recent_of(doc, p, n))
            .collect();
        out.sort_by_key(|o| (o.due, o.doc, o.phase.order()));
        let skip = out.len().saturating_sub(n);
        out.drain(..skip);
        out
    }
}

fn count_of(part: Part) -> u64 {
    let written = written(part).len() as u64;
    written
        + part
            .schedule
            .cadences
            .iter()
            .map(|c| count_in(c, part.today))
            .sum::<u64>()
}

fn iter_of<'s>(doc: usize, part: Part<'s>) -> impl Iterator<Item = Overdue> + 's {
    let today = part.today;
    let mut sources: Vec<Box<dyn Iterator<Item = Phase> + 's>> =
        vec![Box::new(written(part).into_iter().cloned())];
    for c in &part.schedule.cadences {
        sources.push(Box::new(CadenceOverdue::new(c, today)));
        sources.push(Box::new(moved_overdue(c, today).into_iter()));
    }
    Merge::new(sources).map(move |p| overdue_of(doc, p, today))
}

fn recent_of(doc: usize, part: Part, n: usize) -> Vec<Overdue> {
    let written = written(part);
    let mut out: Vec<Phase> = written[written.len().saturating_sub(n)..]
        .iter()
        .map(|p| (*p).clone())
        .collect();
    for c in &part.schedule.cadences {
        out.extend(recent_in(c, part.today, n));
        out.extend(moved_overdue(c, part.today));
    }
    out.sort_by_key(|p| (due_of(p), p.order()));
    let skip = out.len().saturating_sub(n);
    out.into_iter()
        .skip(skip)
        .map(|p| overdue_of(doc, p, part.today))
        .collect()
}

/// Written milestones overdue on today, oldest first.
fn written(part: Part<'_>) -> Vec<&Phase> {
    let mut v: Vec<&Phase> = part
        .schedule
        .phases
        .iter()
        .filter(|p| is_overdue(p, part.today))
        .collect();
    v.sort_by_key(|p| (due_of(p), p.order()));
    v
}

fn is_overdue(p: &Phase, today: NaiveDate) -> bool {
    // A due date to be announced is never overdue.
    matches!(p.kind, Kind::Milestone { due: When::On(due), .. } if due < today)
        && !p.is_done_by(today)
}

fn due_of(p: &Phase) -> NaiveDate {
    // Only milestones overdue on a day come here, and a date to be announced never is.
    p.first_day().unwrap_or(NaiveDate::MIN)
}

fn overdue_of(doc: usize, phase: Phase, today: NaiveDate) -> Overdue {
    let due = due_of(&phase);
    Overdue {
        doc,
        phase,
        due,
        days_overdue: days_between(due, today),
    }
}

/// The cycles of `c` that can hold a date before `today`: `0..end`.
fn cycles_before(c: &Cadence, today: NaiveDate) -> i64 {
    let (lo, _) = c.reach;
    // A cycle starting on or after today - lo has every date on or after today.
    let (_, hi) = c
        .every
        .cycles_starting_within(c.from, c.from, add_days(today, -lo - 1));
    let end = hi.saturating_add(1).max(0);
    c.last_cycle.map_or(end, |l| end.min(l.saturating_add(1)))
}

/// The overdue milestones among cycle `k`'s phases.
/// The overdue milestones among cycle `k`'s phases whose dates the rules give (moved ones are
/// taken from [`moved_overdue`]: their dates may lie anywhere).
fn overdue_in_cycle(c: &Cadence, k: i64, today: NaiveDate) -> Vec<Phase> {
    c.cycle(k)
        .into_iter()
        .filter(|p| is_overdue(p, today) && !moved(c, p))
        .collect()
}

/// True when `p`, a milestone of `c`, is not due on its rule's date (its cycle's move
/// included): `reschedule` moved it, or a date it follows.
fn moved(c: &Cadence, p: &Phase) -> bool {
    if c.moved.due.contains_key(&p.name) {
        return true;
    }
    let Origin::Generated { cycle, slot, .. } = p.origin else {
        return false;
    };
    !c.followers.is_empty()
        && p.planned().is_some()
        && !matches!(c.kind_by_rule(cycle, slot as usize), Some(Kind::Milestone { due, .. }) if due == due_of(p))
}

/// The overdue milestones of `c` whose due dates `reschedule` moved (or a date they follow),
/// oldest first.
fn moved_overdue(c: &Cadence, today: NaiveDate) -> Vec<Phase> {
    let mut out: Vec<Phase> = c
        .moved_phases()
        .filter(|p| moved(c, p) && is_overdue(p, today))
        .collect();
    out.sort_by_key(|p| (due_of(p), p.order()));
    out
}

/// Arithmetic count for one cadence: whole cycles times their milestones, the cycles around
/// today one by one, less the exceptions (skipped, done, replaced) that would have counted.
fn count_in(c: &Cadence, today: NaiveDate) -> u64 {
    // No cycle may have started yet and still one be overdue: a date moved before today.
    let end = cycles_before(c, today).max(0);
    let (_, hi) = c.reach;
    // Cycles starting before today - hi have every date before today.
    let (_, full_hi) = c
        .every
        .cycles_starting_within(c.from, c.from, add_days(today, -hi - 1));
    let mut full = full_hi.saturating_add(1).clamp(0, end);
    // The index bound can be a cycle late; the cycles after `full` are checked one by one.
    while full > 0
        && c.cycle_start(full - 1)
            .is_none_or(|s| add_days(s, hi) >= today)
    {
        full -= 1;
    }
    let milestones = c.milestone_slots() as u64;
    // By the rules alone first: every milestone of a whole cycle, those due before today after.
    let by_rule_overdue = |k: i64, slot: usize| matches!(c.kind_by_rule(k, slot), Some(Kind::Milestone { due: When::On(due), .. }) if due < today);
    let mut count = full as u64 * milestones;
    for k in full..end {
        count += c.shown_slots().filter(|&s| by_rule_overdue(k, s)).count() as u64;
    }
    // Then the names the rules do not tell: skipped, done, replaced or moved. Each counted by
    // the rules is taken back, and counted again if it is overdue as it stands.
    let mut exceptions: HashSet<&str> = c.skip.iter().map(String::as_str).collect();
    exceptions.extend(c.done.keys().map(String::as_str));
    exceptions.extend(c.replaced.iter().map(String::as_str));
    let mut slots: std::collections::BTreeSet<(i64, usize)> = exceptions
        .into_iter()
        .filter_map(|name| c.find(name))
        .collect();
    slots.extend(
        c.moved_slots()
            .into_iter()
            .filter(|&(k, s)| c.phase_of(k, s).is_some_and(|p| moved(c, &p))),
    );
    for (k, s) in slots {
        let Some(p) = c.phase_of(k, s) else {
            continue;
        };
        let name = p.name.as_str();
        if k < end && by_rule_overdue(k, s) {
            count -= 1;
        }
        let stands = !c.skip.contains(name) && !c.replaced.contains(name);
        if stands && is_overdue(&p, today) {
            count += 1;
        }
    }
    count
}

/// Up to `n` most recent overdue milestones of one cadence, walking back from today.
fn recent_in(c: &Cadence, today: NaiveDate, n: usize) -> Vec<Phase> {
    let (_, hi) = c.reach;
    let mut found: Vec<Phase> = Vec::new();
    let mut k = cycles_before(c, today) - 1;
    while k >= 0 && n > 0 {
        if found.len() >= n {
            // No earlier cycle has a date after this one's last possible date.
            found.sort_by_key(|p| Reverse((due_of(p), p.order())));
            found.truncate(n);
            let oldest = due_of(&found[n - 1]);
            if c.cycle_start(k).is_none_or(|s| add_days(s, hi) < oldest) {
                break;
            }
        }
        found.extend(overdue_in_cycle(c, k, today));
        k -= 1;
    }
    found
}

/// One cadence's overdue milestones in order: cycles are generated one at a time, and a phase
/// is let out once no later cycle can hold an earlier date.
struct CadenceOverdue<'c> {
    cadence: &'c Cadence,
    today: NaiveDate,
    next: i64,
    end: i64,
    heap: BinaryHeap<Reverse<Keyed>>,
}

impl<'c> CadenceOverdue<'c> {
    fn new(cadence: &'c Cadence, today: NaiveDate) -> CadenceOverdue<'c> {
        CadenceOverdue {
            cadence,
            today,
            next: 0,
            end: cycles_before(cadence, today),
            heap: BinaryHeap::new(),
        }
    }

    /// No cycle from `next` on has a date before this.
    fn floor(&self) -> Option<NaiveDate> {
        if self.next >= self.end {
            return None;
        }
        let start = self.cadence.cycle_start(self.next)?;
        Some(add_days(start, self.cadence.reach.0))
    }
}

impl Iterator for CadenceOverdue<'_> {
    type Item = Phase;

    fn next(&mut self) -> Option<Phase> {
        loop {
            let floor = self.floor();
            if let Some(Reverse(top)) = self.heap.peek()
                && floor.is_none_or(|f| top.0.0 < f)
            {
                return self.heap.pop().map(|Reverse(k)| k.1);
            }
            floor?;
            let k = self.next;
            self.next += 1;
            for p in overdue_in_cycle(self.cadence, k, self.today) {
                self.heap.push(Reverse(Keyed::of(p)));
            }
        }
    }
}

/// A phase ordered by its due date, then its place in the file.
struct Keyed((NaiveDate, (usize, i64, usize)), Phase);

impl Keyed {
    fn of(p: Phase) -> Keyed {
        Keyed((due_of(&p), p.order()), p)
    }
}

impl PartialEq for Keyed {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}
impl Eq for Keyed {}
impl PartialOrd for Keyed {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Keyed {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.cmp(&other.0)
    }
}

/// A merge of sorted sources into one sorted stream.
struct Merge<'s> {
    sources: Vec<Box<dyn Iterator<Item = Phase> + 's>>,
    heap: BinaryHeap<Reverse<(Keyed, usize)>>,
}

impl<'s> Merge<'s> {
    fn new(mut sources: Vec<Box<dyn Iterator<Item = Phase> + 's>>) -> Merge<'s> {
        let mut heap = BinaryHeap::new();
        for (i, s) in sources.iter_mut().enumerate() {
            if let Some(p) = s.next() {
                heap.push(Reverse((Keyed::of(p), i)));
            }
        }
        Merge { sources, heap }
    }
}

impl Iterator for Merge<'_> {
    type Item = Phase;

    fn next(&mut self) -> Option<Phase> {
        let Reverse((top, i)) = self.heap.pop()?;
        if let Some(p) = self.sources[i].next() {
            self.heap.push(Reverse((Keyed::of(p), i)));
        }
        Some(top.1)
    }
}
