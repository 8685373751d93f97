//! Finding the phase a person named, for `publish` (milestones) and `reschedule` (any phase).
//!
//! A written phase is found by its exact name, a generated one by its name however far from
//! today (the cadence reads the name back, so no cycle but that one is built). Otherwise only
//! the written phases and the cycles within a year of today are looked at, for another letter
//! case (taken when it fits one phase only), parts of names and the nearest names; so a daily
//! cadence since 0001-01-01 costs no more than one since last year. An unknown name, or a part
//! of a name that fits several phases, is an error listing the nearest (eight at most, and how
//! many more there are).

use chrono::NaiveDate;

use crate::app::context::{Context, listing};
use crate::error::{Error, Result};
use crate::present::words::iso;
use crate::schedule::model::Schedule;
use crate::schedule::phase::{Kind, Phase};
use crate::schedule::portfolio::Found;

/// How far either side of today names are looked for when one is not found as given.
const NEAR_DAYS: i64 = 366;

/// How many candidates an ambiguous name lists.
const LISTED: usize = 8;

/// What a command looks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wanted {
    /// `publish`: milestones; a window's name says windows are not published.
    Milestone,
    /// `reschedule`: any phase.
    Any,
}

impl Wanted {
    fn fits(self, p: &Phase) -> bool {
        self == Wanted::Any || p.is_milestone()
    }

    fn one(self) -> &'static str {
        match self {
            Wanted::Milestone => "milestone",
            Wanted::Any => "phase",
        }
    }

    fn doing(self) -> &'static str {
        match self {
            Wanted::Milestone => "it has nothing to publish",
            Wanted::Any => "it has no dates to move",
        }
    }
}

/// The phase named `query`: a written phase, else a generated one (found from its name,
/// however far from today), else the one phase near today with that name in other letter case.
/// A phase of another kind than wanted is returned too, for the caller to refuse in its words.
pub(crate) fn find(
    schedule: &Schedule,
    query: &str,
    today: NaiveDate,
    wanted: Wanted,
) -> Result<Phase> {
    if let Some(p) = schedule.phases.iter().find(|p| p.name == query) {
        return Ok(p.clone());
    }
    let generated: Vec<(usize, Phase)> = schedule
        .cadences
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let (k, s) = c.find(query)?;
            Some((i, c.phase_of(k, s)?))
        })
        .collect();
    match generated.as_slice() {
        [(i, p)] => {
            if schedule.cadences[*i].skip.contains(&p.name) {
                return Err(Error::new(format!(
                    "`{}` is skipped by its cadence (line {}): {}",
                    p.name,
                    schedule.cadences[*i].line,
                    wanted.doing()
                )));
            }
            return Ok(p.clone());
        }
        [] => {}
        several => {
            let lines: Vec<String> = several
                .iter()
                .map(|(i, _)| format!("line {}", schedule.cadences[*i].line))
                .collect();
            return Err(Error::new(format!(
                "`{query}` is ambiguous: more than one cadence generates it ({})",
                lines.join(", ")
            ))
            .help("give the cadences' phases different names"));
        }
    }
    // A full name in other letter case is still unambiguous when only one phase has it.
    let lower = query.to_lowercase();
    let known = known_names(schedule, today);
    let same: Vec<&Phase> = known
        .iter()
        .filter(|p| p.name.to_lowercase() == lower)
        .collect();
    if let [p] = same.as_slice() {
        return Ok((*p).clone());
    }
    Err(not_found(&known, query, today, wanted))
}

/// Every name a person is likely to mean: written phases, and cycles within a year of today
/// (never every cycle since a cadence's start).
fn known_names(schedule: &Schedule, today: NaiveDate) -> Vec<Phase> {
    let first = crate::dates::add_days(today, -NEAR_DAYS);
    let last = crate::dates::add_days(today, NEAR_DAYS);
    schedule.phases_between(first, last)
}

fn not_found(known: &[Phase], query: &str, today: NaiveDate, wanted: Wanted) -> Error {
    let lower = query.to_lowercase();
    let same: Vec<&Phase> = known
        .iter()
        .filter(|p| p.name.to_lowercase() == lower)
        .collect();
    if same.len() > 1 {
        return listed(
            Error::new(format!(
                "`{query}` is ambiguous: it is the name of {} phases in other letter case; give the name exactly",
                same.len()
            )),
            nearest_first(same, today),
        );
    }
    let one = wanted.one();
    let part: Vec<&Phase> = known
        .iter()
        .filter(|p| wanted.fits(p) && p.name.to_lowercase().contains(&lower))
        .collect();
    if part.len() > 1 {
        return listed(
            Error::new(format!(
                "`{query}` is ambiguous: it is part of {} {one}s; give the full name",
                part.len()
            )),
            nearest_first(part, today),
        );
    }
    let e = Error::new(format!("no {one} is named `{query}`"));
    if part.is_empty() && wanted == Wanted::Milestone {
        // Part of a window's name only: say that windows are not published, rather than
        // suggest a milestone that merely looks alike.
        let windows: Vec<&Phase> = known
            .iter()
            .filter(|p| !p.is_milestone() && p.name.to_lowercase().contains(&lower))
            .collect();
        if !windows.is_empty() {
            let e = Error::new(format!(
                "`{query}` names a window, not a milestone: windows have no `done`, so they cannot be published"
            ))
            .help("the windows with that in their name:");
            return listed(e, nearest_first(windows, today));
        }
    }
    let suggestions: Vec<&Phase> = if part.len() == 1 {
        part
    } else {
        closest(
            known.iter().filter(|p| wanted.fits(p)).collect(),
            query,
            today,
        )
    };
    if suggestions.is_empty() {
        return e.help(format!("the schedule has no {one}s"));
    }
    let mut e = e.help("the nearest names:");
    for p in suggestions.into_iter().take(5) {
        e = e.help(describe(p));
    }
    e
}

/// Adds the first [`LISTED`] phases as help lines, and how many more there are.
fn listed(mut e: Error, phases: Vec<&Phase>) -> Error {
    let n = phases.len();
    for p in phases.into_iter().take(LISTED) {
        e = e.help(describe(p));
    }
    if n > LISTED {
        e = e.help(format!("... and {} more", n - LISTED));
    }
    e
}

/// `NAME (due DATE)`, or `NAME (START - END)` for a window.
pub(crate) fn describe(p: &Phase) -> String {
    match p.kind {
        Kind::Milestone { due, .. } => format!("{} (due {})", p.name, iso(due)),
        Kind::Window {
            start: Some(s),
            end,
        } => format!("{} ({s} - {})", p.name, iso(end)),
        Kind::Window { start: None, end } => format!("{} (until {})", p.name, iso(end)),
        Kind::KeyDate { on } => format!("{} (on {})", p.name, iso(on)),
    }
}

/// Days from today to a phase's first date; a date to be announced is the farthest.
fn distance(p: &Phase, today: NaiveDate) -> i64 {
    p.first_day()
        .map_or(i64::MAX, |d| crate::dates::days_between(today, d).abs())
}

/// Phases ordered by how far their date is from today.
fn nearest_first(mut phases: Vec<&Phase>, today: NaiveDate) -> Vec<&Phase> {
    phases.sort_by_key(|p| (distance(p, today), p.order()));
    phases
}

/// Names ordered by edit distance to `query` (case-insensitive), the nearest to today first
/// among equals.
fn closest<'p>(mut phases: Vec<&'p Phase>, query: &str, today: NaiveDate) -> Vec<&'p Phase> {
    let q = query.to_lowercase();
    phases.sort_by_cached_key(|p| {
        (
            strsim::levenshtein(&p.name.to_lowercase(), &q),
            distance(p, today),
            p.order(),
        )
    });
    phases
}

/// Which document holds the phases named, with each name as written there: several
/// documents may hold the same name, so a name may be given as `DOCUMENT: NAME` (a document's
/// name or its file's path, then `: `); `--document` (which leaves one document) does the
/// same. All the names must be in one document, the one the edit is written to.
///
/// A name is looked for in every document ([`find`], exact names first). One document holding
/// it picks that one; several is an error listing them; none is the top document's error
/// ("no phase named ..."), naming how many documents were looked in.
pub(crate) fn document_of(
    ctx: &Context,
    names: &[String],
    wanted: Wanted,
) -> Result<(usize, Vec<String>)> {
    let docs = &ctx.portfolio;
    if !docs.is_many() {
        return Ok((0, names.to_vec()));
    }
    let mut picked: Option<usize> = None;
    let mut stripped = Vec::with_capacity(names.len());
    for name in names {
        let (doc, name) = match prefixed(ctx, name) {
            Some((doc, rest)) => (doc, rest.to_string()),
            None => (holding(ctx, name, wanted)?, name.clone()),
        };
        if let Some(p) = picked
            && p != doc
        {
            return Err(Error::new(format!(
                "`{name}` is in {}, and `{}` in {}: one edit writes one file, so name the phases of one document at a time",
                docs.documents[doc].name, stripped[0], docs.documents[p].name
            )));
        }
        picked = Some(doc);
        stripped.push(name);
    }
    match picked {
        Some(doc) => Ok((doc, stripped)),
        None => Err(listing(
            Error::new(format!(
                "{} documents were read: pick the one to edit with --document NAME",
                docs.documents.len()
            )),
            docs.documents.iter(),
            ctx.named,
        )),
    }
}

/// `DOCUMENT: NAME` split, when what comes before the first `: ` names a document.
fn prefixed<'n>(ctx: &Context, name: &'n str) -> Option<(usize, &'n str)> {
    name.match_indices(": ").find_map(|(at, _)| {
        let (doc, rest) = (&name[..at], &name[at + 2..]);
        match ctx.portfolio.find(doc) {
            Found::One(i) => Some((i, rest)),
            _ => None,
        }
    })
}

/// The one document in which `name` is found.
fn holding(ctx: &Context, name: &str, wanted: Wanted) -> Result<usize> {
    let docs = &ctx.portfolio.documents;
    let found: Vec<(usize, Phase)> = docs
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            find(&e.schedule, name, ctx.todays[i], wanted)
                .ok()
                .map(|p| (i, p))
        })
        .collect();
    let exact: Vec<usize> = found
        .iter()
        .filter(|(_, p)| p.name == name)
        .map(|(i, _)| *i)
        .collect();
    let hits: Vec<usize> = if exact.is_empty() {
        found.iter().map(|(i, _)| *i).collect()
    } else {
        exact
    };
    match hits.as_slice() {
        [one] => Ok(*one),
        [] => {
            let e = find(&docs[0].schedule, name, ctx.todays[0], wanted)
                .err()
                .unwrap_or_else(|| Error::new(format!("no phase named `{name}`")));
            Err(e.help(format!(
                "looked in {} documents; name one with DOCUMENT: NAME or --document",
                docs.len()
            )))
        }
        several => Err(listing(
            Error::new(format!(
                "`{name}` is in {} documents: pick one with --document NAME, or write `DOCUMENT: {name}`",
                several.len()
            )),
            several.iter().map(|&i| &docs[i]),
            ctx.named,
        )),
    }
}
