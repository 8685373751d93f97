//! `vision-sched reschedule NAME --to DATE` (a milestone's `due`, a key date's `on`),
//! `reschedule NAME --start DATE --end DATE` (a window's days, one or both) and
//! `reschedule --undo NAME`: move a phase's date and keep the date first planned.
//!
//! **A written phase.** The date is replaced in place. The first time, the old date becomes
//! the plan: `planned` (a window's `planned_start` or `planned_end`) on a new line right after
//! the date's line, in its style, or `, planned = DATE` right after the date in an inline table.
//! A plan already there is kept as it is: the plan is the date first promised, however often
//! the date has moved since.
//!
//! **A cycle of a cadence.** An entry is added to the cadence's `due`, `on`, `start` or `end`
//! map, the way `publish` adds to its `done` map (`due."2024 Q2 revision published" =
//! 2024-07-05`), or the entry's date replaced. The rule's date is the plan: nothing else is
//! written.
//!
//! **Undo** goes back to the plan. For a written phase, each date that has a plan gets the
//! plan's date back and the plan's line (or inline entry) is removed; for a cycle, its entries
//! are removed, so the rule's dates stand. Undoing a first move gives back the file byte for
//! byte. After several moves it goes back to the plan, not one move back: the file keeps no
//! history of the moves in between, and a plan written by hand counts the same. Without a plan
//! (or an entry) there is nothing to undo, which is not an error.
//!
//! **Dates relative to another phase** (`on = "Code freeze + 2w"`) are never moved themselves:
//! reschedule refuses and names the phase the date leans on. Every date that leans on the moved
//! one follows it when the file is read again, and reschedule lists those that moved.
//!
//! Any date from 0001-01-01 to 9999-12-31 is taken, before or after today. The date the phase
//! already has changes nothing. A move after which the file would not load (a window ending
//! before it starts, a date leaning on it past 9999-12-31) writes nothing. The edit itself is
//! publish's (see [`crate::app::locked_edit`]): locked, re-parsed and checked to change only
//! this phase's dates and plan (or the cycle's entries), atomic. Names are found as publish
//! finds them ([`crate::app::lookup`]), among phases of every kind.

use chrono::NaiveDate;

use crate::app::args::{Global, ReschedArgs};
use crate::app::locked_edit::{self, Edit};
use crate::app::lookup::{self, Wanted};
use crate::error::{Error, Result};
use crate::io::text::inert_line_start;
use crate::present::words::{iso, moved_by};
use crate::schedule::edit;
use crate::schedule::model::Schedule;
use crate::schedule::phase::{Derived, Kind, Origin, Phase, When};
use crate::schedule::relative::Relative;

/// One date of a phase that reschedule moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Due,
    On,
    Start,
    End,
}

impl Slot {
    /// The cadence's map that moves it in a cycle, and the key a relative date is filed under.
    fn map(self) -> &'static str {
        match self {
            Slot::Due => "due",
            Slot::On => "on",
            Slot::Start => "start",
            Slot::End => "end",
        }
    }

    /// The key of its plan in a `[[phase]]`.
    fn plan(self) -> &'static str {
        match self {
            Slot::Due | Slot::On => "planned",
            Slot::Start => "planned_start",
            Slot::End => "planned_end",
        }
    }
}

/// The dates of a phase of this kind, in the order they are written.
fn slots(kind: Kind) -> Vec<Slot> {
    match kind {
        Kind::Milestone { .. } => vec![Slot::Due],
        Kind::KeyDate { .. } => vec![Slot::On],
        Kind::Window { start: Some(_), .. } => vec![Slot::Start, Slot::End],
        Kind::Window { start: None, .. } => vec![Slot::End],
    }
}

/// The key a slot is written under: `until` for the end of a window with no start.
fn written_key(kind: Kind, slot: Slot) -> &'static str {
    match (kind, slot) {
        (Kind::Window { start: None, .. }, Slot::End) => "until",
        _ => slot.map(),
    }
}

fn date_of(kind: Kind, slot: Slot) -> Option<When> {
    match (kind, slot) {
        (Kind::Milestone { due, .. }, Slot::Due) => Some(due),
        (Kind::KeyDate { on }, Slot::On) => Some(on),
        (Kind::Window { start, .. }, Slot::Start) => start.map(When::On),
        (Kind::Window { end, .. }, Slot::End) => Some(end),
        _ => None,
    }
}

/// `kind` with a slot's date set; a window's first day is always a date.
fn with_date(kind: Kind, slot: Slot, date: When) -> Kind {
    match (kind, slot) {
        (Kind::Milestone { done, .. }, Slot::Due) => Kind::Milestone { due: date, done },
        (Kind::KeyDate { .. }, Slot::On) => Kind::KeyDate { on: date },
        (Kind::Window { end, .. }, Slot::Start) => Kind::Window {
            start: date.date(),
            end,
        },
        (Kind::Window { start, .. }, Slot::End) => Kind::Window { start, end: date },
        (k, _) => k,
    }
}

/// A slot's plan, as the phase has it.
fn plan_of(p: &Phase, slot: Slot) -> Option<When> {
    match slot {
        Slot::Due | Slot::On => p.planned(),
        Slot::Start => p.planned_window().0,
        Slot::End => p.planned_window().1,
    }
}

/// `p` with a slot's plan set (or removed).
fn set_plan(p: &mut Phase, slot: Slot, plan: Option<When>) {
    let e = p.extra_mut();
    match slot {
        Slot::Due | Slot::On | Slot::Start => e.planned = plan,
        Slot::End => e.planned_end = plan,
    }
}

pub(crate) fn run(global: &Global, args: &ReschedArgs) -> Result<u8> {
    let names = [args.name.clone()];
    let e = locked_edit::open(
        global,
        "reschedule writes dates",
        args.wait,
        false,
        &names,
        Wanted::Any,
    )?;
    let phase = lookup::find(&e.schedule, &e.names[0], e.today, Wanted::Any)?;
    let whole = (args.cycle.as_deref().map(|d| ("cycle", d)))
        .or(args.cycles_from.as_deref().map(|d| ("cycles_from", d)));
    if let Some((map, by)) = whole {
        return move_cycle(e, &phase, map, by);
    }
    if args.undo {
        undo(e, &phase)
    } else {
        let moves = wanted(&phase, args)?;
        move_to(e, &phase, &moves)
    }
}

/// The dates asked for, checked against the phase's kind.
fn wanted(phase: &Phase, args: &ReschedArgs) -> Result<Vec<(Slot, NaiveDate)>> {
    let name = &phase.name;
    let window_help = "move its first or last day with --start DATE or --end DATE";
    match (phase.kind, args.date) {
        (Kind::Milestone { .. }, Some(d)) => Ok(vec![(Slot::Due, d)]),
        (Kind::KeyDate { .. }, Some(d)) => Ok(vec![(Slot::On, d)]),
        (Kind::Window { .. }, Some(_)) => {
            Err(Error::new(format!("`{name}` is a window: {window_help}")))
        }
        (Kind::Milestone { .. }, None) => Err(Error::new(format!(
            "`{name}` is a milestone: move its due date with --to DATE"
        ))),
        (Kind::KeyDate { .. }, None) => Err(Error::new(format!(
            "`{name}` is a key date: move its day with --to DATE"
        ))),
        (Kind::Window { start, .. }, None) => {
            if args.start.is_some() && start.is_none() {
                return Err(Error::new(format!(
                    "`{name}` has no start (it is an `until` window): move its last day with --end DATE"
                )));
            }
            let mut moves = Vec::new();
            moves.extend(args.start.map(|d| (Slot::Start, d)));
            moves.extend(args.end.map(|d| (Slot::End, d)));
            Ok(moves)
        }
    }
}

/// The refusal of a date written relative to another phase.
fn leans(phase: &Phase, slot: Slot) -> Result<()> {
    let Some(d) = phase.from().iter().find(|d| d.key == slot.map()) else {
        return Ok(());
    };
    Err(leaning(phase, d))
}

fn leaning(phase: &Phase, d: &Derived) -> Error {
    // The step names the anchor as this phase has it (a cycle's, not its cadence's template).
    let named = d
        .step
        .rsplit_once(" is ")
        .map_or(d.written.as_str(), |(a, _)| a);
    let anchor = Relative::parse(named).map_or_else(|_| named.to_string(), |r| r.anchor.name);
    let which = match phase.kind {
        Kind::Window { .. } => format!("the {} of `{}` is", d.key, phase.name),
        _ => format!("`{}` is", phase.name),
    };
    Error::new(format!(
        "{which} written relative to another phase ({} = \"{}\"), so it follows that phase's date",
        d.key, d.written
    ))
    .help(match phase.origin {
        Origin::Written => format!(
            "reschedule `{anchor}` (its dates follow), or write a date in place of \"{}\"",
            d.written
        ),
        Origin::Generated { .. } => format!(
            "reschedule `{anchor}` (its dates follow), or write a [[phase]] named `{}` to replace this cycle's",
            phase.name
        ),
    })
}

/// A window that would end before it starts.
fn fits(phase: &Phase, kind: Kind) -> Result<()> {
    if let Kind::Window {
        start: Some(s),
        end,
    } = kind
        && end < When::On(s)
    {
        return Err(Error::new(format!(
            "`{}` would end ({}) before it starts ({s})",
            phase.name,
            iso(end)
        )));
    }
    Ok(())
}

fn move_to(e: Edit, phase: &Phase, moves: &[(Slot, NaiveDate)]) -> Result<u8> {
    for (slot, _) in moves {
        leans(phase, *slot)?;
    }
    let changes: Vec<(Slot, NaiveDate)> = moves
        .iter()
        .copied()
        .filter(|&(slot, d)| date_of(phase.kind, slot) != Some(When::On(d)))
        .collect();
    if changes.is_empty() {
        crate::io::output::print(&format!(
            "{}: already {}; {} is unchanged\n",
            inert_line_start(&phase.name),
            dates(phase.kind),
            e.file()
        ))?;
        return Ok(0);
    }
    let kind = changes
        .iter()
        .fold(phase.kind, |k, &(slot, d)| with_date(k, slot, When::On(d)));
    fits(phase, kind)?;
    let mut text = e.text.clone();
    let mut expected = e.schedule.clone();
    let edit_error = |m: String| e.error(m);
    match phase.origin {
        Origin::Written => {
            let p = written_mut(&mut expected, &phase.name)?;
            for &(slot, d) in &changes {
                text = edit::move_date(
                    &text,
                    &phase.name,
                    written_key(phase.kind, slot),
                    slot.plan(),
                    d,
                )
                .map_err(edit_error)?;
                if plan_of(phase, slot).is_none() {
                    set_plan(p, slot, date_of(phase.kind, slot));
                }
            }
            p.kind = kind;
        }
        Origin::Generated { cadence, .. } => {
            let cadence = cadence as usize;
            for &(slot, d) in &changes {
                text = edit::set_moved(&text, cadence, slot.map(), &phase.name, d)
                    .map_err(edit_error)?;
                moved_map(&mut expected, cadence, slot).insert(phase.name.clone(), d);
            }
        }
    }
    let new = check(&e, &text, expected, phase, false)?;
    let (old, file) = (e.schedule.clone(), e.file());
    e.commit(&text, "rescheduling")?;
    let now = find_again(&new, phase)?;
    let plan = plan_words(&now)
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let mut said = format!(
        "{}: now {}{plan} in {file}\n",
        inert_line_start(&now.name),
        dates(now.kind)
    );
    said.push_str(&followers(&old, &new, phase));
    crate::io::output::print(&said)?;
    Ok(0)
}

/// Days or weeks a cycle moves by: `1w`, `-3d`, `+10d`.
fn cycle_days(text: &str) -> Result<i64> {
    match crate::schedule::relative::Offset::parse(text, true) {
        Ok(o) if o.months == 0 && o.working == 0 && o.days != 0 => Ok(o.days),
        _ => Err(Error::new(format!(
            "`{text}` is not a move of a cycle: write days or weeks, like 1w or -3d"
        ))),
    }
}

/// `reschedule NAME --cycle 1w` (`map` is `cycle`) or `--cycles-from 1w` (`cycles_from`): an
/// entry in the cadence's map, by the phase's name; the rules' dates are the plan.
fn move_cycle(e: Edit, phase: &Phase, map: &'static str, by: &str) -> Result<u8> {
    let Origin::Generated { cadence, cycle, .. } = phase.origin else {
        return Err(Error::new(format!(
            "`{}` is a written phase, not a cycle of a cadence: move its dates with --to, --start or --end",
            phase.name
        )));
    };
    let days = cycle_days(by)?;
    let c = cadence as usize;
    let text = edit::set_cycle_move(&e.text, c, map, &phase.name, days).map_err(|m| e.error(m))?;
    let mut expected = e.schedule.clone();
    let moves = &mut expected.cadences[c].cycle_moves;
    let into = if map == "cycle" {
        &mut moves.one
    } else {
        &mut moves.from
    };
    into.insert(phase.name.clone(), (cycle, days));
    expected.cadences[c].settle();
    let new = check(&e, &text, expected, phase, false)?;
    let (old, file) = (e.schedule.clone(), e.file());
    e.commit(&text, "rescheduling")?;
    let which = if map == "cycle" {
        "its cycle"
    } else {
        "its cycle and every later one"
    };
    let way = if days < 0 { "earlier" } else { "later" };
    let n = days.unsigned_abs();
    let unit = if n == 1 { "day" } else { "days" };
    let mut said = format!(
        "{}: {which} moved {n} {unit} {way} in {file}\n",
        inert_line_start(&phase.name)
    );
    said.push_str(&cycle_lines(&old, &new, phase, "now", true));
    crate::io::output::print(&said)?;
    Ok(0)
}

fn undo(e: Edit, phase: &Phase) -> Result<u8> {
    let mut text = e.text.clone();
    let mut expected = e.schedule.clone();
    let mut by_hand = false;
    let edit_error = |m: String| e.error(m);
    let mut undone = false;
    // Whether a cycle moved as a whole went back: its other phases are not followers.
    let mut whole = false;
    match phase.origin {
        Origin::Written => {
            let mut kind = phase.kind;
            let p = written_mut(&mut expected, &phase.name)?;
            for slot in slots(phase.kind) {
                let Some(plan) = plan_of(phase, slot) else {
                    continue;
                };
                leans(phase, slot)?;
                let key = written_key(phase.kind, slot);
                if let Some(u) =
                    edit::restore_date(&text, &phase.name, key, slot.plan()).map_err(edit_error)?
                {
                    text = u.text;
                    by_hand |= u.by_hand;
                    kind = with_date(kind, slot, plan);
                    set_plan(p, slot, None);
                    undone = true;
                }
            }
            fits(phase, kind)?;
            p.kind = kind;
        }
        Origin::Generated { cadence, .. } => {
            let cadence = cadence as usize;
            for slot in slots(phase.kind) {
                if let Some(u) = edit::clear_moved(&text, cadence, slot.map(), &phase.name)
                    .map_err(edit_error)?
                {
                    text = u.text;
                    by_hand |= u.by_hand;
                    moved_map(&mut expected, cadence, slot).remove(&phase.name);
                    undone = true;
                }
            }
            // A cycle moved as a whole by this phase's name goes back too.
            for map in ["cycle", "cycles_from"] {
                if let Some(u) =
                    edit::clear_moved(&text, cadence, map, &phase.name).map_err(edit_error)?
                {
                    text = u.text;
                    by_hand |= u.by_hand;
                    let c = &mut expected.cadences[cadence];
                    if map == "cycle" {
                        c.cycle_moves.one.remove(&phase.name);
                    } else {
                        c.cycle_moves.from.remove(&phase.name);
                    }
                    c.settle();
                    undone = true;
                    whole = true;
                }
            }
        }
    }
    let file = e.file();
    let shown = inert_line_start(&phase.name);
    if !undone {
        let why = match phase.origin {
            Origin::Written => "has no plan to go back to",
            Origin::Generated { .. } => "its date was not moved",
        };
        crate::io::output::print(&format!("{shown}: {why}; {file} is unchanged\n"))?;
        return Ok(0);
    }
    let new = check(&e, &text, expected, phase, by_hand)?;
    let old = e.schedule.clone();
    e.commit(&text, "rescheduling")?;
    let now = find_again(&new, phase)?;
    let back = match (phase.origin, now.kind) {
        (Origin::Written, _) => "its plan",
        (Origin::Generated { .. }, Kind::Window { .. }) => "its cadence's dates",
        (Origin::Generated { .. }, _) => "its cadence's date",
    };
    let mut said = format!("{shown}: back to {back} ({}) in {file}\n", dates(now.kind));
    if whole {
        said.push_str(&cycle_lines(&old, &new, phase, "now", false));
    } else {
        said.push_str(&followers(&old, &new, phase));
    }
    crate::io::output::print(&said)?;
    Ok(0)
}

/// The written phase `name` in `s`, to change.
fn written_mut<'s>(s: &'s mut Schedule, name: &str) -> Result<&'s mut Phase> {
    s.phases
        .iter_mut()
        .find(|p| p.name == name)
        .ok_or_else(|| Error::new(format!("`{name}` went missing from the schedule")))
}

/// The cadence's map that moves a slot.
fn moved_map(
    s: &mut Schedule,
    cadence: usize,
    slot: Slot,
) -> &mut std::collections::BTreeMap<String, NaiveDate> {
    let m = &mut s.cadences[cadence].moved;
    match slot {
        Slot::Due => &mut m.due,
        Slot::On => &mut m.on,
        Slot::Start => &mut m.start,
        Slot::End => &mut m.end,
    }
}

/// The edited text checked: it loads and changes only this phase's dates and plan.
fn check(
    e: &Edit,
    text: &str,
    expected: Schedule,
    phase: &Phase,
    by_hand: bool,
) -> Result<Schedule> {
    let load_help = if by_hand {
        format!(
            "the plan of `{}` was written by hand in a shape undo cannot remove safely; edit it by \
             hand (the file is unchanged)",
            phase.name
        )
    } else {
        "the new date does not fit the schedule, so the file is unchanged".to_string()
    };
    e.check(
        text,
        expected,
        &format!("the dates of `{}`", phase.name),
        &load_help,
        "this is a bug in vision-sched; the file is unchanged",
    )
}

/// The phase as the edited file has it.
fn find_again(new: &Schedule, phase: &Phase) -> Result<Phase> {
    let found = match phase.origin {
        Origin::Written => new.phases.iter().find(|p| p.name == phase.name).cloned(),
        Origin::Generated { cadence, .. } => new.cadences.get(cadence as usize).and_then(|c| {
            let (k, s) = c.find(&phase.name)?;
            c.phase_of(k, s)
        }),
    };
    found.ok_or_else(|| Error::new(format!("`{}` went missing from the schedule", phase.name)))
}

/// One line for each date written relative to another phase whose date moved with the edit
/// of `moved` (not `moved` itself, whose other date may lean on another phase): written
/// phases, and the phases of a moved cycle's that follow it.
fn followers(old: &Schedule, new: &Schedule, moved: &Phase) -> String {
    let written: String = old
        .phases
        .iter()
        .zip(&new.phases)
        .filter(|(o, n)| !n.from().is_empty() && o.kind != n.kind && n.name != moved.name)
        .map(|(_, n)| {
            format!(
                "{} follows: now {}\n",
                inert_line_start(&n.name),
                dates(n.kind)
            )
        })
        .collect();
    written + &cycle_lines(old, new, moved, "follows: now", false)
}

/// One line for each phase of `moved`'s cycle whose dates the edit changed (`moved` itself
/// only `with_itself`): those that follow it, or every phase of a cycle moved as a whole.
fn cycle_lines(
    old: &Schedule,
    new: &Schedule,
    moved: &Phase,
    how: &str,
    with_itself: bool,
) -> String {
    let Origin::Generated { cadence, cycle, .. } = moved.origin else {
        return String::new();
    };
    let (Some(o), Some(n)) = (
        old.cadences.get(cadence as usize),
        new.cadences.get(cadence as usize),
    ) else {
        return String::new();
    };
    let mut out = String::new();
    for s in 0..n.slots.len() {
        let (Some(a), Some(b)) = (o.phase_of(cycle, s), n.phase_of(cycle, s)) else {
            continue;
        };
        if a.kind == b.kind
            || (b.name == moved.name && !with_itself)
            || n.skip.contains(&b.name)
            || n.replaced.contains(&b.name)
        {
            continue;
        }
        out.push_str(&format!(
            "{} {how} {}\n",
            inert_line_start(&b.name),
            dates(b.kind)
        ));
    }
    out
}

/// `due 2024-04-17`, `on 2024-03-06`, `2024-03-06 - 2024-04-09`, `until 2025-04-30`.
fn dates(kind: Kind) -> String {
    match kind {
        Kind::Milestone { due, .. } => format!("due {}", iso(due)),
        Kind::KeyDate { on } => format!("on {}", iso(on)),
        Kind::Window {
            start: Some(s),
            end,
        } => format!("{s} - {}", iso(end)),
        Kind::Window { start: None, end } => format!("until {}", iso(end)),
    }
}

/// `planned 2024-04-17: 7 days late`, or a window's `planned 2024-03-06 - 2024-04-09` (a day
/// with no plan of its own was planned as it is); `None` without a plan.
fn plan_words(p: &Phase) -> Option<String> {
    match p.kind {
        Kind::Milestone { .. } | Kind::KeyDate { .. } => {
            let planned = p.planned()?;
            Some(format!(
                "planned {}: {}",
                iso(planned),
                moved_by(planned, p.last_day())
            ))
        }
        Kind::Window { start, end } => {
            let (ps, pe) = p.planned_window();
            if ps.is_none() && pe.is_none() {
                return None;
            }
            Some(match start {
                Some(s) => format!(
                    "planned {} - {}",
                    iso(ps.unwrap_or(When::On(s))),
                    iso(pe.unwrap_or(end))
                ),
                None => format!("planned until {}", iso(pe.unwrap_or(end))),
            })
        }
    }
}
