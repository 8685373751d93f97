//! `vision-sched publish NAME [--on DATE]` and `publish --undo NAME`: record (or remove) a
//! milestone's `done` date in the schedule file, surgically and safely.
//!
//! The schedule file itself is locked (see [`crate::io::lock`]: `flock` on the file, opened
//! read-write, with a check that the path still names the locked file), waiting up to `--wait`
//! (10 s) for another holder. Under the lock the file is read again, spliced (see
//! [`crate::schedule::edit`]), re-parsed and checked, written to a temp file and fsynced; right
//! before the rename it is read once more and compared with what was read, and only then
//! replaced. "recorded" is printed only once the rename is done. A file that is read-only, has
//! several hard links or cannot be given its owner back is refused (see [`crate::io::atomic`]).
//!
//! Names: a written phase by its exact name, a generated one by its name however far from
//! today (the cadence reads the name back), and otherwise only phases within a year of today
//! are looked at, for another letter case, parts of names and the nearest names; so a daily
//! cadence since 0001-01-01 costs no more than one since last year.

use std::path::Path;

use chrono::NaiveDate;

use crate::app::args::{Global, PublishArgs};
use crate::app::context::Context;
use crate::error::{Error, Result, Source};
use crate::io::lock::{self, Wait};
use crate::io::read::STDIN;
use crate::io::text::{inert, inert_line_start};
use crate::present::words::count;
use crate::schedule::edit::{self, Target};
use crate::schedule::model::Schedule;
use crate::schedule::phase::{Kind, Origin, Phase};

const BOM: &str = "\u{feff}";

/// How far either side of today names are looked for when one is not found as given.
const NEAR_DAYS: i64 = 366;

/// How many candidates an ambiguous name lists.
const LISTED: usize = 8;

pub fn run(global: &Global, args: &PublishArgs) -> Result<u8> {
    let ctx = Context::load(global)?;
    if ctx.path == Path::new(STDIN) {
        return Err(Error::new(
            "publish writes `done` into the schedule file, so it cannot work on standard input (-f -)",
        ));
    }
    let today = ctx.today;
    let on = args.on.unwrap_or(today);
    if on > today {
        return Err(Error::new(format!(
            "--on {on} is after today ({today}): record a publication once it has happened"
        )));
    }
    let wait = Wait {
        limit: args.wait.unwrap_or(lock::DEFAULT_WAIT),
        flag: "--wait",
    };
    let locked = lock::lock(&ctx.path, "a schedule file", wait)?;
    // Read again under the lock: another publish may have written since the context loaded.
    let original = locked.read()?;
    let full = crate::schedule::load::text_of(&ctx.path, original.clone())?;
    let bom = original.starts_with(BOM.as_bytes());
    let text = full.as_str();
    let schedule = crate::schedule::load::parse(&Source::new(&ctx.path, text))?;
    let phase = find(&schedule, &args.name, today)?;
    let target = match phase.origin {
        Origin::Written => Target::Phase { name: &phase.name },
        Origin::Generated { cadence, .. } => Target::Cadence {
            index: cadence,
            name: &phase.name,
        },
    };
    let Kind::Milestone { due, done } = phase.kind else {
        return Err(window_error(&schedule, &phase));
    };
    let shown = inert_line_start(&phase.name);
    let file = inert(&ctx.path.display().to_string()).into_owned();
    let edit_error = |m: String| Error::file(&ctx.path, m);
    let (new_text, by_hand) = if args.undo {
        if let Some(u) = edit::undo(text, target).map_err(edit_error)? {
            (u.text, u.by_hand)
        } else {
            crate::io::output::print(&format!(
                "{shown}: no publication is recorded; {file} is unchanged\n"
            ))?;
            return Ok(0);
        }
    } else {
        let set = match done {
            Some(d) if d == on => {
                crate::io::output::print(&format!(
                    "{shown}: already recorded as published on {d}; {file} is unchanged\n"
                ))?;
                return Ok(0);
            }
            Some(_) if args.force => edit::set_done(text, target, on).map_err(edit_error)?,
            Some(d) => {
                return Err(Error::new(format!(
                    "`{}` is already recorded as published on {d}",
                    phase.name
                ))
                .help(format!(
                    "to record another date instead: vision-sched publish --force --on DATE {}",
                    shell_word(&phase.name)
                )));
            }
            None => edit::set_done(text, target, on).map_err(edit_error)?,
        };
        (set, false)
    };
    let want = if args.undo { None } else { Some(on) };
    check(&ctx.path, &schedule, &new_text, &phase, want, by_hand)?;
    let mut bytes = Vec::with_capacity(new_text.len() + 3);
    if bom {
        bytes.extend_from_slice(BOM.as_bytes());
    }
    bytes.extend_from_slice(new_text.as_bytes());
    locked.replace(&original, &bytes, "publishing")?;
    drop(locked);
    let message = if args.undo {
        format!("{shown}: removed the recorded publication from {file}\n")
    } else {
        let when = match crate::dates::days_between(due, on) {
            0 => "on its due date".to_string(),
            n if n < 0 => format!("{} early", count(-n, "day")),
            n => format!("{} after its due date", count(n, "day")),
        };
        format!("{shown}: recorded as published on {on} ({when}) in {file}\n")
    };
    crate::io::output::print(&message)?;
    Ok(0)
}

/// A word for a shell: as it is when that is safe, else in single quotes.
pub fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:,+=@%".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// The milestone (or window, refused later) named `query`: a written phase, else a generated one
/// (found from its name, however far from today), else the one phase near today with that name
/// in other letter case.
fn find(schedule: &Schedule, query: &str, today: NaiveDate) -> Result<Phase> {
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
                    "`{}` is skipped by its cadence (line {}): it has nothing to publish",
                    p.name, schedule.cadences[*i].line
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
    Err(not_found(&known, query, today))
}

/// Every name a person is likely to mean: written phases, and cycles within a year of today
/// (never every cycle since a cadence's start).
fn known_names(schedule: &Schedule, today: NaiveDate) -> Vec<Phase> {
    let first = crate::dates::add_days(today, -NEAR_DAYS);
    let last = crate::dates::add_days(today, NEAR_DAYS);
    schedule.phases_between(first, last)
}

fn not_found(known: &[Phase], query: &str, today: NaiveDate) -> Error {
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
    let part: Vec<&Phase> = known
        .iter()
        .filter(|p| p.is_milestone() && p.name.to_lowercase().contains(&lower))
        .collect();
    if part.len() > 1 {
        return listed(
            Error::new(format!(
                "`{query}` is ambiguous: it is part of {} milestones; give the full name",
                part.len()
            )),
            nearest_first(part, today),
        );
    }
    let e = Error::new(format!("no milestone is named `{query}`"));
    if part.is_empty() {
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
            known.iter().filter(|p| p.is_milestone()).collect(),
            query,
            today,
        )
    };
    if suggestions.is_empty() {
        return e.help("the schedule has no milestones");
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
fn describe(p: &Phase) -> String {
    match p.kind {
        Kind::Milestone { due, .. } => format!("{} (due {due})", p.name),
        Kind::Window {
            start: Some(s),
            end,
        } => format!("{} ({s} - {end})", p.name),
        Kind::Window { start: None, end } => format!("{} (until {end})", p.name),
        Kind::Date { on } => format!("{} (on {on})", p.name),
    }
}

fn window_error(schedule: &Schedule, phase: &Phase) -> Error {
    let mut e = Error::new(format!(
        "`{}` is a window, not a milestone: only milestones (phases with `due`) are published",
        phase.name
    ));
    // A generated window: the milestones of its own cycle are what was likely meant. A
    // written one has no such relatives, and a milestone that merely looks alike is no help.
    if let Origin::Generated { cadence, cycle } = phase.origin {
        let siblings = schedule.cadences[cadence].cycle(cycle);
        for p in siblings.iter().filter(|p| p.is_milestone()).take(3) {
            e = e.help(format!("did you mean `{}` (due {})?", p.name, p.span().0));
        }
    } else {
        e = e.help(format!(
            "a window is current from its first day to its last ({}); it has nothing to record",
            describe(phase)
        ));
    }
    e
}

/// Milestones ordered by how far their date is from today.
fn nearest_first(mut phases: Vec<&Phase>, today: NaiveDate) -> Vec<&Phase> {
    phases.sort_by_key(|p| (crate::dates::days_between(today, p.span().0).abs(), p.order));
    phases
}

/// Names ordered by edit distance to `query` (case-insensitive), the nearest to today first
/// among equals.
fn closest<'p>(mut phases: Vec<&'p Phase>, query: &str, today: NaiveDate) -> Vec<&'p Phase> {
    let q = query.to_lowercase();
    phases.sort_by_cached_key(|p| {
        (
            crate::similar::distance(&p.name.to_lowercase(), &q),
            crate::dates::days_between(today, p.span().0).abs(),
            p.order,
        )
    });
    phases
}

/// The new text loads, records exactly the wanted change, and changes nothing else.
fn check(
    path: &Path,
    old: &Schedule,
    new_text: &str,
    phase: &Phase,
    want: Option<NaiveDate>,
    by_hand: bool,
) -> Result<()> {
    let refuse = |why: String| {
        let e = Error::file(path, format!("the edit was not written: {why}"));
        if by_hand {
            e.help(format!(
                "the `done` of `{}` was written by hand in a shape undo cannot remove safely; \
                 remove it by hand (the file is unchanged)",
                phase.name
            ))
        } else {
            e.help("this is a bug in vision-sched; the file is unchanged")
        }
    };
    let new = crate::schedule::load::parse(&Source::new(path, new_text))
        .map_err(|e| refuse(format!("the edited file would not load ({})", e.message)))?;
    let mut expected = old.clone();
    match phase.origin {
        Origin::Written => {
            if let Some(p) = expected.phases.iter_mut().find(|p| p.name == phase.name)
                && let Kind::Milestone { done, .. } = &mut p.kind
            {
                *done = want;
            }
        }
        Origin::Generated { cadence, .. } => {
            let c = &mut expected.cadences[cadence];
            match want {
                Some(d) => c.done.insert(phase.name.clone(), d),
                None => c.done.remove(&phase.name),
            };
        }
    }
    if without_positions(expected) != without_positions(new) {
        return Err(refuse(format!(
            "the edited file would change more than the `done` of `{}`",
            phase.name
        )));
    }
    Ok(())
}

/// A schedule with every line number cleared, for comparing content.
fn without_positions(mut s: Schedule) -> Schedule {
    for p in &mut s.phases {
        p.line = 0;
        p.order = (0, 0, 0);
    }
    for c in &mut s.cadences {
        c.line = 0;
        for slot in &mut c.slots {
            slot.line = 0;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn shell_words() {
        assert_eq!(shell_word("a/b.toml"), "a/b.toml");
        assert_eq!(shell_word("2021 Q2 x"), "'2021 Q2 x'");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
        assert_eq!(shell_word(""), "''");
    }
}
