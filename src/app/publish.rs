//! `vision-sched publish NAME... [--on DATE]`, `publish --through DATE` and `publish --undo
//! NAME...`: record (or remove) milestones' `done` dates in the schedule file, in one surgical,
//! locked, re-parsed, atomic edit (see [`crate::app::locked_edit`]), and say so once it is
//! written.
//!
//! **Names** are found as [`crate::app::lookup`] says: a written phase by its exact name, a
//! generated one by its name however far from today, and otherwise only phases within a year of
//! today, for another letter case, parts of names and the nearest names.
//!
//! **Several names** make one edit, all or nothing: a name that is not found, is ambiguous or
//! names a window, or a milestone recorded on another date (without `--force`), fails the whole
//! command before anything is written. A milestone already recorded on the date (or, with
//! `--undo`, with nothing recorded) is said so and left; one named twice counts once.
//!
//! **`--through DATE`** takes every milestone due on or before DATE with no `done` (written and
//! generated, skipped and replaced cycles left out, moved ones at their moved dates), oldest
//! first, from [`Overdues`] (lazily: no cycle since a cadence's anchor is built that is not
//! listed) and the day's own phases; each is recorded on its own due date, or on `--on`. More
//! than [`PUBLISHED_AT_ONCE`] is refused before anything is spliced.
//!
//! `--dry-run` does everything but write, and says "would be".

use chrono::NaiveDate;

use crate::app::args::{Global, PublishArgs};
use crate::app::locked_edit;
use crate::app::lookup::{self, Wanted};
use crate::engine::overdue::Overdues;
use crate::error::{Error, Result};
use crate::io::text::{inert_line_start, shell_word};
use crate::limits::PUBLISHED_AT_ONCE;
use crate::present::words::{self, count};
use crate::schedule::edit::{self, Target};
use crate::schedule::model::Schedule;
use crate::schedule::phase::{Kind, Origin, Phase};

/// What publish does with one milestone.
enum Step {
    /// Record it as published on this day.
    Record(Phase, NaiveDate),
    /// Remove its recorded publication.
    Remove(Phase),
    /// Leave it as it is, saying why.
    Leave(Phase, String),
}

pub(crate) fn run(global: &Global, args: &PublishArgs) -> Result<u8> {
    let e = locked_edit::open(
        global,
        "publish writes `done`",
        args.wait,
        args.dry_run,
        &args.names,
        Wanted::Milestone,
    )?;
    let today = e.today;
    if let Some(on) = args.on
        && on > today
    {
        return Err(Error::new(format!(
            "--on {on} is after today ({today}): record a publication once it has happened"
        )));
    }
    let steps = match args.through {
        Some(through) => {
            if through > today {
                return Err(Error::new(format!(
                    "--through {through} is after today ({today}): record publications once they have happened"
                )));
            }
            let due = due_through(&e.schedule, through)?;
            if due.is_empty() {
                crate::io::output::print(&format!(
                    "nothing to record: every milestone due on or before {through} has its `done`; {} is unchanged\n",
                    e.file()
                ))?;
                return Ok(0);
            }
            due.into_iter()
                .map(|p| {
                    let on = args.on.or(p.first_day()).unwrap_or(through);
                    Step::Record(p, on)
                })
                .collect()
        }
        None => by_name(&e.schedule, &e.names, args, today)?,
    };
    let mut text = e.text.clone();
    let mut expected = e.schedule.clone();
    let mut by_hand: Vec<String> = Vec::new();
    let mut done: Vec<Step> = Vec::with_capacity(steps.len());
    let edit_error = |m: String| Error::file(&e.path, m);
    for step in steps {
        match step {
            Step::Record(p, on) => {
                text = edit::set_done(&text, target(&p), on).map_err(edit_error)?;
                set_done(&mut expected, &p, Some(on));
                done.push(Step::Record(p, on));
            }
            Step::Remove(p) => match edit::undo(&text, target(&p)).map_err(edit_error)? {
                Some(u) => {
                    text = u.text;
                    if u.by_hand {
                        by_hand.push(p.name.clone());
                    }
                    set_done(&mut expected, &p, None);
                    done.push(Step::Remove(p));
                }
                None => done.push(Step::Leave(p, "no publication is recorded".to_string())),
            },
            leave @ Step::Leave(..) => done.push(leave),
        }
    }
    let file = e.file();
    let changed: Vec<&Phase> = done
        .iter()
        .filter_map(|s| match s {
            Step::Record(p, _) | Step::Remove(p) => Some(p),
            Step::Leave(..) => None,
        })
        .collect();
    if changed.is_empty() {
        let mut said = String::new();
        for s in &done {
            if let Step::Leave(p, why) = s {
                said.push_str(&format!(
                    "{}: {why}; {file} is unchanged\n",
                    inert_line_start(&p.name)
                ));
            }
        }
        crate::io::output::print(&said)?;
        return Ok(0);
    }
    let what = match changed.as_slice() {
        [p] => format!("the `done` of `{}`", p.name),
        many => format!("the `done` of {} milestones", many.len()),
    };
    let help = if by_hand.is_empty() {
        "this is a bug in vision-sched; the file is unchanged".to_string()
    } else {
        let names: Vec<String> = by_hand.iter().map(|n| format!("`{n}`")).collect();
        format!(
            "the `done` of {} was written by hand in a shape undo cannot remove safely; \
             remove it by hand (the file is unchanged)",
            names.join(", ")
        )
    };
    e.check(&text, expected, &what, &help, &help)?;
    let dry = e.is_dry_run();
    e.commit(&text, "publishing")?;
    let mut said = String::new();
    for s in &done {
        let line = match s {
            Step::Record(p, on) => {
                let due = p.first_day().map(|d| crate::dates::days_between(d, *on));
                let when = match due {
                    None => "its due date to be announced".to_string(),
                    Some(0) => "on its due date".to_string(),
                    Some(n) if n < 0 => format!("{} early", count(-n, "day")),
                    Some(n) => format!("{} after its due date", count(n, "day")),
                };
                let did = if dry { "would be recorded" } else { "recorded" };
                format!(
                    "{}: {did} as published on {on} ({when}) in {file}",
                    inert_line_start(&p.name)
                )
            }
            Step::Remove(p) if dry => format!(
                "{}: the recorded publication would be removed from {file}",
                inert_line_start(&p.name)
            ),
            Step::Remove(p) => format!(
                "{}: removed the recorded publication from {file}",
                inert_line_start(&p.name)
            ),
            Step::Leave(p, why) => format!("{}: {why}", inert_line_start(&p.name)),
        };
        said.push_str(&line);
        said.push('\n');
    }
    crate::io::output::print(&said)?;
    Ok(0)
}

/// The steps for the milestones named, in the order given; any name that cannot be published
/// fails them all.
fn by_name(
    schedule: &Schedule,
    names: &[String],
    args: &PublishArgs,
    today: NaiveDate,
) -> Result<Vec<Step>> {
    let mut steps = Vec::with_capacity(names.len());
    let mut seen = std::collections::HashSet::new();
    for name in names {
        let phase = lookup::find(schedule, name, today, Wanted::Milestone)?;
        let Kind::Milestone { done, .. } = phase.kind else {
            return Err(window_error(schedule, &phase));
        };
        if !seen.insert(phase.name.clone()) {
            continue;
        }
        if args.undo {
            steps.push(Step::Remove(phase));
            continue;
        }
        let on = args.on.unwrap_or(today);
        steps.push(match done {
            Some(d) if d == on => {
                Step::Leave(phase, format!("already recorded as published on {d}"))
            }
            Some(_) if args.force => Step::Record(phase, on),
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
            None => Step::Record(phase, on),
        });
    }
    Ok(steps)
}

/// Every milestone due on or before `through` with no `done`, oldest first: those overdue on
/// that day, listed lazily, then those due on it. More than [`PUBLISHED_AT_ONCE`] is an error.
fn due_through(schedule: &Schedule, through: NaiveDate) -> Result<Vec<Phase>> {
    let open = |p: &Phase| matches!(p.kind, Kind::Milestone { done: None, .. });
    let mut due: Vec<Phase> = Overdues::new(schedule, through)
        .iter()
        .map(|o| o.phase)
        .filter(open)
        .take(PUBLISHED_AT_ONCE + 1)
        .collect();
    if due.len() <= PUBLISHED_AT_ONCE {
        due.extend(
            schedule
                .phases_between(through, through)
                .into_iter()
                .filter(|p| open(p) && p.first_day() == Some(through)),
        );
    }
    if due.len() > PUBLISHED_AT_ONCE {
        return Err(Error::new(format!(
            "--through {through} would record more than {PUBLISHED_AT_ONCE} publications in one edit; nothing was written"
        ))
        .help("record the oldest first, with an earlier --through DATE")
        .help("or, if a cadence's early cycles were never to be published, start it later (its `from`)"));
    }
    Ok(due)
}

/// Where a milestone's `done` is written.
fn target(p: &Phase) -> Target<'_> {
    match p.origin {
        Origin::Written => Target::Phase { name: &p.name },
        Origin::Generated { cadence, .. } => Target::Cadence {
            index: cadence as usize,
            name: &p.name,
        },
    }
}

/// `expected` with the milestone's `done` set (or removed).
fn set_done(expected: &mut Schedule, phase: &Phase, want: Option<NaiveDate>) {
    match phase.origin {
        Origin::Written => {
            if let Some(p) = expected.phases.iter_mut().find(|p| p.name == phase.name)
                && let Kind::Milestone { done, .. } = &mut p.kind
            {
                *done = want;
            }
        }
        Origin::Generated { cadence, .. } => {
            let c = &mut expected.cadences[cadence as usize];
            match want {
                Some(d) => c.done.insert(phase.name.clone(), d),
                None => c.done.remove(&phase.name),
            };
        }
    }
}

fn window_error(schedule: &Schedule, phase: &Phase) -> Error {
    let mut e = Error::new(format!(
        "`{}` is a window, not a milestone: only milestones (phases with `due`) are published",
        phase.name
    ));
    // A generated window: the milestones of its own cycle are what was likely meant. A
    // written one has no such relatives, and a milestone that merely looks alike is no help.
    if let Origin::Generated { cadence, cycle, .. } = phase.origin {
        let siblings = schedule.cadences[cadence as usize].cycle(cycle);
        for p in siblings.iter().filter(|p| p.is_milestone()).take(3) {
            e = e.help(format!(
                "did you mean `{}` (due {})?",
                p.name,
                words::iso(p.last_day())
            ));
        }
    } else {
        e = e.help(format!(
            "a window is current from its first day to its last ({}); it has nothing to record",
            lookup::describe(phase)
        ));
    }
    e
}
