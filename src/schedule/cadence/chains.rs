//! Dates of a cycle that name another phase of the same cycle (`on = "X {n} branch + 3d"`):
//! no circle of them, how long a chain may be, which phases follow which, and how far from a
//! cycle's first day their dates can lie.

use std::ops::Range;

use super::every::Step;
use super::{CycleDate, Dates, Slot};
use crate::error::{Result, Source};
use crate::limits::CHAINED_DATES;
use crate::schedule::relative::Edge;

/// One date of a cycle's phase: its slot, and which date (0: a window's start, a milestone's
/// due, a key date's day; 1: a window's end).
type Node = (usize, usize);

/// The dates each phase has in the cycles starting in each quarter.
fn variants(slots: &[Slot]) -> impl Iterator<Item = Vec<&Dates>> {
    (0..4).map(move |q| {
        slots
            .iter()
            .map(|s| s.by_quarter[q].as_ref().unwrap_or(&s.dates))
            .collect()
    })
}

/// The date a `CycleDate` names, as a node.
fn anchor_node(w: CycleDate) -> Option<Node> {
    match w {
        CycleDate::Rule(_) => None,
        CycleDate::Follows { slot, edge, .. } => Some((slot, usize::from(edge == Edge::End))),
    }
}

/// Refuses a circle of dates naming each other (naming the phases in it), and a chain longer
/// than [`CHAINED_DATES`]; `spans` are the phases' names.
pub(super) fn no_circles(slots: &[Slot], spans: &[Range<usize>], source: &Source) -> Result<()> {
    if !slots.iter().any(|s| {
        s.all_dates()
            .any(|d| d.whens().iter().any(|w| w.anchor().is_some()))
    }) {
        return Ok(());
    }
    for dates in variants(slots) {
        // Depth of each node's chain once known; nodes on the current path are marked.
        let mut depth: Vec<[Option<usize>; 2]> = vec![[None; 2]; slots.len()];
        let mut on_path = vec![[false; 2]; slots.len()];
        for s in 0..slots.len() {
            for i in 0..dates[s].whens().len() {
                // Walks the chain from (s, i): each date names at most one other.
                let mut path: Vec<Node> = Vec::new();
                let mut at = Some((s, i));
                while let Some((t, j)) = at {
                    if depth[t][j].is_some() {
                        break;
                    }
                    if on_path[t][j] {
                        let from = path.iter().position(|&n| n == (t, j)).unwrap_or(0);
                        let mut names: Vec<&str> = path[from..]
                            .iter()
                            .map(|&(u, _)| slots[u].name.text.as_str())
                            .collect();
                        names.dedup();
                        names.push(&slots[t].name.text);
                        let shown: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
                        return Err(source
                            .error(
                                spans[t].clone(),
                                format!(
                                    "the dates of these cadence phases name each other in a circle: {}",
                                    shown.join(" -> ")
                                ),
                            )
                            .help("one of them needs a day rule, like \"2nd Tuesday\""));
                    }
                    on_path[t][j] = true;
                    path.push((t, j));
                    at = dates[t].whens().get(j).copied().and_then(anchor_node);
                }
                // Fills in the depths back along the path.
                let mut d = at.and_then(|(t, j)| depth[t][j]).unwrap_or(0);
                for &(t, j) in path.iter().rev() {
                    on_path[t][j] = false;
                    d += usize::from(
                        dates[t]
                            .whens()
                            .get(j)
                            .is_some_and(|w| w.anchor().is_some()),
                    );
                    depth[t][j] = Some(d);
                    if d > CHAINED_DATES {
                        return Err(source.error(
                            spans[t].clone(),
                            format!(
                                "`{}` ends a chain of more than {CHAINED_DATES} dates that each name the one before: name a day rule somewhere along it",
                                slots[t].name.text
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// For each slot, the slots whose dates follow it, directly or through others; empty when no
/// date names a phase.
pub(super) fn followers(slots: &[Slot]) -> Vec<Vec<usize>> {
    let direct: Vec<Vec<usize>> = (0..slots.len())
        .map(|t| {
            (0..slots.len())
                .filter(|&s| {
                    s != t
                        && slots[s]
                            .all_dates()
                            .any(|d| d.whens().iter().any(|w| w.anchor() == Some(t)))
                })
                .collect()
        })
        .collect();
    if direct.iter().all(Vec::is_empty) {
        return Vec::new();
    }
    (0..slots.len())
        .map(|t| {
            let mut seen = vec![false; slots.len()];
            let mut todo = direct[t].clone();
            while let Some(s) = todo.pop() {
                if s != t && !seen[s] {
                    seen[s] = true;
                    todo.extend(&direct[s]);
                }
            }
            (0..slots.len()).filter(|&s| seen[s]).collect()
        })
        .collect()
}

/// Bounds in days, from a cycle's first day, on every date its phases can have by their rules:
/// a date naming another phase lies its offset's bounds from that one's, each moved off days off
/// up to a shift's reach when `shifts`.
pub(super) fn reach(slots: &[Slot], every: Step, shifts: bool) -> (i64, i64) {
    let far = if shifts {
        crate::schedule::days_off::SHIFT_REACH
    } else {
        0
    };
    let mut lo = 0;
    let mut hi = 0;
    for dates in variants(slots) {
        let mut bounds: Vec<[Option<(i64, i64)>; 2]> = vec![[None; 2]; slots.len()];
        // Chains are at most CHAINED_DATES long: that many rounds fill in every date.
        for _ in 0..=CHAINED_DATES + 1 {
            let mut changed = false;
            for s in 0..slots.len() {
                for (i, w) in dates[s].whens().into_iter().enumerate() {
                    if bounds[s][i].is_some() {
                        continue;
                    }
                    let b = match w {
                        CycleDate::Rule(r) => {
                            let (a, b) = r.bounds(every);
                            Some((a - far, b + far))
                        }
                        CycleDate::Follows {
                            slot, edge, offset, ..
                        } => bounds[slot][usize::from(edge == Edge::End)].map(|(a, b)| {
                            let (oa, ob) = offset.bounds();
                            (a + oa - far, b + ob + far)
                        }),
                    };
                    if b.is_some() {
                        bounds[s][i] = b;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        for (a, b) in bounds.iter().flatten().flatten() {
            lo = lo.min(*a);
            hi = hi.max(*b);
        }
    }
    (lo, hi)
}
