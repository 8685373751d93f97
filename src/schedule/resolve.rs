//! Filling in the dates written relative to another phase, once every phase is known.
//!
//! A relative date takes its anchor's date (a written phase's, whatever order they are written
//! in, or a generated cycle's, however far from its cadence's anchor), which may itself be
//! relative: a chain is followed to a written date, so moving that date (`reschedule`) moves
//! every date that leans on it. A circle of references, an unknown name, the wrong date of a
//! phase (`start of` a milestone, a window's plain name), or a date past 9999-12-31 is an error
//! at the value, naming the file and line. A date relative to one to be announced is itself to
//! be announced (`"Release + 1w"` while the release is `"tba"`), except a window's first day,
//! which must be known.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::error::{Error, Result, Source};
use crate::schedule::cadence::Cadence;
use crate::schedule::days_off::Role;
use crate::schedule::model::Settings;
use crate::schedule::phase::{Derived, Kind, Phase, When};
use crate::schedule::relative::{Edge, Relative};
use crate::schedule::written::Pending;

/// How many nearest names an unknown one lists.
const NEAREST: usize = 5;

/// Fills in every pending date of `phases` (written phases, by index) in place. A phase that
/// shifts off days off is anchored on as shifted: the date others lean on is the one it keeps.
pub(crate) fn resolve(
    phases: &mut [Phase],
    pending: &[(usize, Pending)],
    cadences: &[Cadence],
    settings: &Settings,
    source: &Source,
) -> Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let by_name: HashMap<&str, usize> = phases
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.as_str(), i))
        .collect();
    // A name that ends in what reads as an offset (`Sprint - 2d`) is taken whole when only
    // that reading names a phase.
    let known =
        |name: &str| by_name.contains_key(name) || cadences.iter().any(|c| c.find(name).is_some());
    let reread: Vec<(usize, Pending)>;
    let pending = if pending.iter().all(|(_, p)| known(&p.relative.anchor.name)) {
        pending
    } else {
        reread = pending
            .iter()
            .map(|(i, p)| {
                let mut p = p.clone();
                if !known(&p.relative.anchor.name)
                    && let Some(r) = Relative::readings(&p.written)
                        .ok()
                        .and_then(|all| all.into_iter().find(|r| known(&r.anchor.name)))
                {
                    p.relative = r;
                }
                (*i, p)
            })
            .collect();
        &reread
    };
    let waiting: HashMap<(usize, &'static str), &Pending> =
        pending.iter().map(|(i, p)| ((*i, p.key), p)).collect();
    let mut r = Resolver {
        phases,
        by_name,
        waiting,
        cadences,
        settings,
        source,
        done: HashMap::new(),
        stack: Vec::new(),
        on_stack: HashSet::new(),
    };
    let mut filled = Vec::with_capacity(pending.len());
    for (i, p) in pending {
        let date = r.value(*i, p.key)?;
        let (_, step, next) = r.done[&(*i, p.key)].clone();
        filled.push((*i, p, date, step, next));
    }
    drop(r);
    for (i, p, date, step, next) in filled {
        let phase = &mut phases[i];
        let start_known = matches!(phase.kind, Kind::Window { start: Some(_), .. });
        let first_day = p.key == "start" || (p.key == "end" && !start_known);
        if first_day && date.is_tba() {
            let key = if p.key == "start" { "start" } else { "until" };
            return Err(source
                .error(
                    p.span.clone(),
                    format!(
                        "phase `{}`: its `{key}`, `{}`, leans on a date to be announced ({step}), and a window's first day must be known",
                        phase.name,
                        p.written.trim()
                    ),
                )
                .help("give it a date, or make it a key date (`on`) until its first day is known"));
        }
        phase.kind = match (phase.kind, p.key) {
            (Kind::Window { end, .. }, "start") => Kind::Window {
                start: date.date(),
                end,
            },
            (Kind::Window { start, .. }, "end") => Kind::Window { start, end: date },
            (Kind::Milestone { done, .. }, "due") => Kind::Milestone { due: date, done },
            (Kind::KeyDate { .. }, "on") => Kind::KeyDate { on: date },
            (k, _) => k,
        };
        phase.extra_mut().from.push(Derived {
            key: p.key,
            written: p.written.trim().to_string(),
            step,
            next,
        });
    }
    // Windows whose dates were filled in are checked as written ones are.
    for (i, p) in pending {
        let phase = &phases[*i];
        if let Kind::Window {
            start: Some(s),
            end: When::On(e),
        } = phase.kind
            && e < s
        {
            return Err(source.error(
                p.span.clone(),
                format!("phase `{}` ends ({e}) before it starts ({s})", phase.name),
            ));
        }
    }
    Ok(())
}

/// Moves the dates of written phases that land on a day off, where the phase or the document
/// says to, noting each date as it was scheduled.
pub(crate) fn shift_written(
    phases: &mut [Phase],
    settings: &Settings,
    source: &Source,
) -> Result<()> {
    for p in phases {
        if let Some(shift) = p.extra.as_ref().and_then(|e| e.shift).or(settings.shift) {
            // A date stuck is one that shifting tried to move: a date, never one to be announced.
            let stuck = p.shift_off(&settings.days_off, shift).and_then(|key| {
                let date = match (key, p.kind) {
                    ("start", Kind::Window { start: Some(s), .. }) => Some(s),
                    _ => p.last_day().date(),
                };
                Some((key, date?))
            });
            if let Some((key, date)) = stuck {
                return Err(source.error(
                    source.value_on_line(p.line),
                    format!(
                        "phase `{}`: its `{key}`, {date}, is a day off, and `{}` finds no working day within {} days inside the calendar (0001-01-01 to 9999-12-31)",
                        p.name,
                        shift.name(),
                        crate::schedule::days_off::SHIFT_REACH
                    ),
                ));
            }
            // A window of days off only, moved in from both ends, would turn inside out.
            if let Kind::Window {
                start: Some(s),
                end: When::On(e),
            } = p.kind
                && e < s
            {
                let line = source
                    .text
                    .lines()
                    .nth(p.line.saturating_sub(1))
                    .unwrap_or("");
                let at = source.text.len().min(
                    source.text[..]
                        .lines()
                        .take(p.line.saturating_sub(1))
                        .map(|l| l.len() + 1)
                        .sum::<usize>(),
                );
                return Err(source.error(
                    at..at + line.len(),
                    format!(
                        "phase `{}` would end ({e}) before it starts ({s}) once moved off its days off",
                        p.name
                    ),
                ));
            }
        }
    }
    Ok(())
}

struct Resolver<'a> {
    phases: &'a [Phase],
    by_name: HashMap<&'a str, usize>,
    waiting: HashMap<(usize, &'static str), &'a Pending>,
    cadences: &'a [Cadence],
    settings: &'a Settings,
    source: &'a Source<'a>,
    /// Dates already filled in, each with the date it leans on and, when that one was itself
    /// filled in, where it is.
    done: HashMap<(usize, &'static str), Filled>,
    /// The references being followed, for naming a circle, and the same as a set.
    stack: Vec<(usize, &'static str)>,
    on_stack: HashSet<(usize, &'static str)>,
}

/// A date filled in: the date (or "tba"), `start of Beta is 2024-02-20`, and the link to that
/// anchor.
type Filled = (When, String, Option<(usize, &'static str)>);

/// What a relative date's anchor is: another written date (to fill in first if it is
/// relative) or a known date (a written one, or a generated phase's).
enum Anchor {
    Written(usize, &'static str),
    Known(NaiveDate),
}

impl Resolver<'_> {
    /// The date of written phase `i` under `key`, filled in if it is relative. A chain is
    /// followed down to a date known, then filled in on the way back, without recursion: a
    /// chain of a million links neither overflows the stack nor keeps a million chains.
    fn value(&mut self, i: usize, key: &'static str) -> Result<When> {
        let mut at = (i, key);
        let bottom = loop {
            if let Some(&(d, ..)) = self.done.get(&at) {
                break d;
            }
            let Some(&pending) = self.waiting.get(&at) else {
                break own_date(&self.phases[at.0], at.1);
            };
            if self.on_stack.contains(&at) {
                let from = self.stack.iter().position(|s| *s == at).unwrap_or(0);
                let circle: Vec<String> = self.stack[from..]
                    .iter()
                    .chain(std::iter::once(&at))
                    .map(|&(j, k)| format!("`{}` ({k})", self.phases[j].name))
                    .collect();
                return Err(self
                    .source
                    .error(
                        pending.span.clone(),
                        format!(
                            "these dates refer to each other in a circle: {}",
                            circle.join(" -> ")
                        ),
                    )
                    .help("give one of them a date"));
            }
            self.stack.push(at);
            self.on_stack.insert(at);
            match self.anchor(pending)? {
                Anchor::Written(j, k) => at = (j, k),
                Anchor::Known(d) => break When::On(d),
            }
        };
        // Back up the chain: each date from the one it leans on.
        let mut below: Option<(usize, &'static str)> =
            (!self.stack.is_empty() && self.stack.last() != Some(&at)).then_some(at);
        let mut date = bottom;
        while let Some(here) = self.stack.pop() {
            self.on_stack.remove(&here);
            let pending = self.waiting[&here];
            let link = below.filter(|b| self.waiting.contains_key(b));
            // A date relative to one to be announced is to be announced too.
            let When::On(date_below) = date else {
                let step = format!("{} is to be announced", described(&pending.relative));
                self.done.insert(here, (When::Tba, step, link));
                below = Some(here);
                continue;
            };
            let anchor_date = match below {
                Some((j, k)) => self.as_kept(j, k, date_below),
                None => date_below,
            };
            let filled = pending.relative.apply(anchor_date, &self.settings.days_off);
            let Some(filled) = filled else {
                self.stack.clear();
                self.on_stack.clear();
                let end = if pending.relative.offset.is_backward() {
                    "before 0001-01-01, the first"
                } else {
                    "past 9999-12-31, the last"
                };
                return Err(self.source.error(
                    pending.span.clone(),
                    format!(
                        "`{}` is {end} day a schedule can name",
                        pending.written.trim()
                    ),
                ));
            };
            let step = format!("{} is {anchor_date}", described(&pending.relative));
            self.done.insert(here, (When::On(filled), step, link));
            below = Some(here);
            date = When::On(filled);
        }
        Ok(date)
    }

    /// The anchor of a relative date: a written phase's date (to fill in first if it is
    /// relative) or a generated one's.
    fn anchor(&self, p: &Pending) -> Result<Anchor> {
        let anchor = &p.relative.anchor;
        let wrong = |m: String| Err(self.source.error(p.span.clone(), m));
        let kind_and_index = match self.by_name.get(anchor.name.as_str()) {
            Some(&j) => Some((self.phases[j].kind, Some(j))),
            None => self.generated(&anchor.name).map(|ph| (ph.kind, None)),
        };
        let Some((kind, written)) = kind_and_index else {
            let names = self.phases.iter().map(|p| p.name.as_str());
            let near = nearest(names, &anchor.name, NEAREST);
            let mut e = self.source.error(
                p.span.clone(),
                format!(
                    "no phase is named `{}`: write dates without quotes (2024-03-06), or name a phase, like \"Code freeze + 2w\"",
                    anchor.name
                ),
            );
            if let Some(why) = Relative::offset_hint(&p.written) {
                e = e.help(format!("if that is meant as an offset: {why}"));
            }
            if !near.is_empty() {
                e = e.help("the nearest names:");
                for n in near {
                    e = e.help(format!("  {n}"));
                }
            }
            return Err(e);
        };
        let key = match (anchor.edge, kind) {
            (Edge::Start, Kind::Window { start: Some(_), .. }) => "start",
            (Edge::Start, Kind::Window { start: None, .. }) => {
                return wrong(format!(
                    "`{}` has no start (it is an `until` window): write `end of {}`",
                    anchor.name, anchor.name
                ));
            }
            (Edge::End, Kind::Window { .. }) => "end",
            (Edge::Date, Kind::Milestone { .. }) => "due",
            (Edge::Date, Kind::KeyDate { .. }) => "on",
            (Edge::Start | Edge::End, _) => {
                return wrong(format!(
                    "`{}` is not a window, so it has no start or end: write `{}` for its date",
                    anchor.name, anchor.name
                ));
            }
            (Edge::Date, Kind::Window { .. }) => {
                return wrong(format!(
                    "`{}` is a window: write `start of {}` or `end of {}`",
                    anchor.name, anchor.name, anchor.name
                ));
            }
        };
        if let Some(j) = written {
            return Ok(Anchor::Written(j, key));
        }
        let phase = self
            .generated(&anchor.name)
            .ok_or_else(|| Error::new("a generated phase went missing"))?;
        // Generated phases are never to be announced (a cadence's rules give every date).
        match own_date(&phase, key) {
            When::On(d) => Ok(Anchor::Known(d)),
            When::Tba => Err(Error::new("a generated phase had a date to be announced")),
        }
    }

    /// Written phase `j`'s date under `key` as it keeps it: moved off a day off when it shifts.
    fn as_kept(&self, j: usize, key: &str, d: NaiveDate) -> NaiveDate {
        let p = &self.phases[j];
        let Some(shift) = p
            .extra
            .as_ref()
            .and_then(|e| e.shift)
            .or(self.settings.shift)
        else {
            return d;
        };
        let role = match key {
            "start" => Role::First,
            "end" => Role::Last,
            _ => Role::Day,
        };
        let off = &self.settings.days_off;
        if off.is_off(d) {
            off.shifted(d, shift, role).unwrap_or(d)
        } else {
            d
        }
    }

    /// The generated phase with this name, from whichever cadence generates it.
    fn generated(&self, name: &str) -> Option<Phase> {
        self.cadences.iter().find_map(|c| {
            let (k, s) = c.find(name)?;
            c.phase_of(k, s)
        })
    }
}

/// `start of Beta`, `Code freeze`: the anchor as written in a chain.
fn described(r: &Relative) -> String {
    match r.anchor.edge {
        Edge::Start => format!("start of {}", r.anchor.name),
        Edge::End => format!("end of {}", r.anchor.name),
        Edge::Date => r.anchor.name.clone(),
    }
}

/// A phase's own date under `key`, or "tba".
fn own_date(p: &Phase, key: &str) -> When {
    match (p.kind, key) {
        (Kind::Window { start: Some(s), .. }, "start") => When::On(s),
        _ => p.last_day(),
    }
}

/// The `n` names nearest `query` by edit distance (letter case aside), nearest first, file
/// order among equals.
fn nearest<'a>(names: impl Iterator<Item = &'a str>, query: &str, n: usize) -> Vec<&'a str> {
    let q = query.to_lowercase();
    let mut scored: Vec<(usize, usize, &str)> = names
        .enumerate()
        .map(|(i, name)| (strsim::levenshtein(&name.to_lowercase(), &q), i, name))
        .collect();
    scored.sort_unstable();
    scored
        .into_iter()
        .take(n)
        .map(|(_, _, name)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::nearest;

    #[test]
    fn nearest_names_first() {
        let names = ["Docs freeze", "Code freeze", "Release", "code freeze 2"];
        assert_eq!(
            nearest(names.into_iter(), "code freez", 3),
            ["Code freeze", "code freeze 2", "Docs freeze"]
        );
    }
}
