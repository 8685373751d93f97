//! Every key a schedule file may hold, table by table: its name, the shape of its value and what
//! it means.
//!
//! The loader accepts exactly these keys (an unknown key is an error naming the ones allowed),
//! and the JSON Schema ([`crate::schedule::schema`]) is built from the same tables, so the two
//! cannot drift apart. A new key is one line in its table here, and then read by its loader.

use crate::schedule::cadence::{MAX_COUNT, MAX_NUMBER};

/// One key of a table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Key {
    pub(crate) name: &'static str,
    pub(crate) shape: Shape,
    /// What it means, in the README's words.
    pub(crate) about: &'static str,
}

/// A kind of table: how it is written, and its keys in the loader's order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Table {
    /// As written in the file: `[document]`, `[[phase]]`, ...
    pub(crate) header: &'static str,
    pub(crate) keys: &'static [Key],
}

/// The shape of a key's value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shape {
    /// Any string.
    Text,
    /// A phase's name: a string that is not blank, with no control characters.
    Name,
    /// A cadence phase's note or link, filled in for each cycle: no control characters.
    Template,
    /// A TOML date, `2021-06-30`.
    Date,
    /// A TOML date, or a string naming a date relative to another phase.
    DateOrRelative,
    /// A TOML date, or `"tba"`: to be announced.
    DateOrTba,
    /// A cadence's day rule, a string like `"last day"`.
    Rule,
    /// A cadence's step, a string like `"quarter"` or `"6 weeks"`.
    Step,
    /// A span of days: `"14d"`, `"2w"` or a whole number of days.
    Days,
    /// Where a date on a day off moves: `"next working day"`, ...
    Shift,
    /// A list of weekday names.
    Weekdays,
    /// A list of TOML dates.
    Dates,
    /// A list of strings.
    Texts,
    /// Who a phase is for: a name, or a list of names (`[]` for none).
    Owners,
    /// A table of TOML dates by a generated phase's name.
    DatesByName,
    /// A table of spans of days (`"1w"`, `"-3d"`) by a generated phase's name.
    DaysByName,
    /// A whole number from `min` to `max`.
    Integer { min: i64, max: i64 },
    /// A table with keys of its own.
    Table(&'static Table),
    /// An array of tables, each with keys of its own.
    Tables(&'static Table),
    /// A key the loader knows only to say why it does not belong here.
    Refused,
}

const fn key(name: &'static str, shape: Shape, about: &'static str) -> Key {
    Key { name, shape, about }
}

/// The names of `keys`, in their order, as the loader's `fields` and `only` take them.
pub(crate) const fn names<const N: usize>(keys: &[Key]) -> [&'static str; N] {
    assert!(keys.len() == N, "N is the number of keys");
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = keys[i].name;
        i += 1;
    }
    out
}

/// The top level of the file.
pub(crate) const FILE: Table = Table {
    header: "the top level",
    keys: &[
        key(
            "document",
            Shape::Table(&DOCUMENT),
            "The document's settings: its title, time zone, warning period and days off.",
        ),
        key(
            "phase",
            Shape::Tables(&PHASE),
            "The phases written out, one [[phase]] each: a window (`start` + `end`, or `until`), a milestone (`due`) or a key date (`on`).",
        ),
        key(
            "cadence",
            Shape::Tables(&CADENCE),
            "Rhythms said once instead of typing every cycle in by hand: each [[cadence]] generates cycles, and each cycle has the phases listed under it as [[cadence.phase]].",
        ),
    ],
};

pub(crate) const DOCUMENT: Table = Table {
    header: "[document]",
    keys: &[
        key(
            "title",
            Shape::Text,
            "Optional: the document's title; it names the calendar feed (`vision-sched export ics`).",
        ),
        key(
            "timezone",
            Shape::Text,
            "Optional IANA zone in which \"today\" is taken, like \"Europe/Berlin\"; default: the config file's `timezone`, else the system's zone.",
        ),
        key(
            "warn",
            Shape::Days,
            "Optional: default warning period for `remind`, like \"7d\" or \"2w\" (default 7 days).",
        ),
        key(
            "weekend",
            Shape::Weekdays,
            "Weekday names that are days off, English, full or three letters, in any letter case, like [\"Saturday\", \"Sunday\"]; default: none, every day is a working day.",
        ),
        key(
            "holidays",
            Shape::Dates,
            "Dates that are days off, like [2026-12-25, 2026-12-28].",
        ),
        key(
            "holiday_calendars",
            Shape::Texts,
            "iCalendar files, relative to the schedule: every all-day event is a day off, each day of a multi-day event included, and a yearly RRULE repeats it every year it covers.",
        ),
        key(
            "shift",
            Shape::Shift,
            "Optional: the default `shift` for every phase: where a `due`, `on`, `start` or `end` that lands on a day off moves.",
        ),
        key(
            "include",
            Shape::Texts,
            "Other schedules read with this one, each its own document: paths or globs relative to this file, like [\"policies/*.toml\", \"../roadmap/schedule.toml\"]; a glob that matches nothing is an error.",
        ),
        key(
            "owner",
            Shape::Owners,
            "Optional: who this document's phases are for, unless a phase names its own: a name, like \"Release Lead\", or a list of names. It does not reach the documents this one includes.",
        ),
    ],
};

pub(crate) const PHASE: Table = Table {
    header: "[[phase]]",
    keys: &[
        key(
            "name",
            Shape::Name,
            "The phase's name. Names are unique; one the same as a cadence's generated phase replaces that cycle's phase.",
        ),
        key(
            "start",
            Shape::DateOrRelative,
            "A window's first day, with `end`; both days inclusive. A date, or a date relative to another phase, like \"end of Drafting + 1d\".",
        ),
        key(
            "end",
            Shape::DateOrRelative,
            "A window's last day, with `start`; both days inclusive. A date, a date relative to another phase, or \"tba\" (to be announced: current from `start` until an end is written).",
        ),
        key(
            "until",
            Shape::DateOrRelative,
            "A window with no start: current on every day up to and including this one. A date, or a date relative to another phase.",
        ),
        key(
            "due",
            Shape::DateOrRelative,
            "A milestone: a deliverable with a deadline, overdue from the day after it unless done. A date, a date relative to another phase, like \"Code freeze + 2w\", or \"tba\" (to be announced: never overdue).",
        ),
        key(
            "on",
            Shape::DateOrRelative,
            "A key date: a day to mark, never overdue. A date, a date relative to another phase, like \"Release - 3 working days\", or \"tba\" (to be announced).",
        ),
        key(
            "done",
            Shape::Date,
            "Optional: the day a milestone was delivered (`vision-sched publish` writes it). Milestones only.",
        ),
        key(
            "planned",
            Shape::DateOrTba,
            "Optional: the date a milestone or key date was first planned for, when it has moved; \"tba\" when it was first to be announced.",
        ),
        key(
            "planned_start",
            Shape::Date,
            "Optional: a window's first day as first planned, when it has moved.",
        ),
        key(
            "planned_end",
            Shape::DateOrTba,
            "Optional: a window's last day as first planned, when it has moved; \"tba\" when it was first to be announced.",
        ),
        key("note", Shape::Text, "Optional: free text."),
        key(
            "url",
            Shape::Text,
            "Optional: a link, like \"https://example.org/vision/2021-q2\".",
        ),
        key(
            "warn",
            Shape::Days,
            "Optional: this phase's warning period for `remind`, like \"14d\" or \"2w\".",
        ),
        key(
            "shift",
            Shape::Shift,
            "Where this phase's date moves when it lands on a day off; default: the document's `shift`, else it does not move.",
        ),
        key(
            "owner",
            Shape::Owners,
            "Optional: who the phase is for, like \"Docs Lead\" or [\"Comms\", \"Docs\"]; `vision-sched status --owner NAME` shows theirs. Default: the document's `owner`; [] for no one.",
        ),
    ],
};

pub(crate) const CADENCE: Table = Table {
    header: "[[cadence]]",
    keys: &[
        key(
            "every",
            Shape::Step,
            "The step between cycle starts: \"day\", \"week\", \"month\", \"quarter\", \"year\", or a count of them: \"6 weeks\", \"10 days\", \"2 months\", \"2 quarters\" (at most 100 years).",
        ),
        key(
            "from",
            Shape::Date,
            "The first day of cycle 0 (a date), the anchor every cycle is computed from.",
        ),
        key(
            "until",
            Shape::Date,
            "Optional: the last day a cycle may start on.",
        ),
        key(
            "count",
            Shape::Integer {
                min: 1,
                max: MAX_COUNT,
            },
            "Optional, instead of `until`: how many cycles there are (at most 10,000,000). Without either, cycles never end.",
        ),
        key(
            "numbered_from",
            Shape::Integer {
                min: -MAX_NUMBER,
                max: MAX_NUMBER,
            },
            "Optional: the {n} of the first cycle (default 1; from -1,000,000,000,000 to 1,000,000,000,000, so {n} never runs out).",
        ),
        key(
            "skip",
            Shape::Texts,
            "Optional: names of generated phases to leave out, like [\"2024 Q3 revision published\"].",
        ),
        key(
            "done",
            Shape::DatesByName,
            "Publications of generated milestones, by name (written by `vision-sched publish`), like done.\"2026 Q4 revision published\" = 2026-12-11.",
        ),
        key(
            "due",
            Shape::DatesByName,
            "Generated milestones whose due date was moved, by name, like due.\"2024 Q2 revision published\" = 2024-07-05.",
        ),
        key(
            "on",
            Shape::DatesByName,
            "Generated key dates whose day was moved, by name.",
        ),
        key(
            "start",
            Shape::DatesByName,
            "Generated windows whose first day was moved, by name.",
        ),
        key(
            "end",
            Shape::DatesByName,
            "Generated windows whose last day was moved, by name.",
        ),
        key(
            "cycle",
            Shape::DaysByName,
            "Cycles moved as a whole (written by `vision-sched reschedule NAME --cycle`), each by the name of one of its phases, like cycle.\"X 21 branch\" = \"1w\"; its rules' dates are the plan.",
        ),
        key(
            "cycles_from",
            Shape::DaysByName,
            "A cycle and every later one moved as a whole (written by `vision-sched reschedule NAME --cycles-from`), by the name of one of its phases, like cycles_from.\"X 24 branch\" = \"1w\".",
        ),
        key(
            "phase",
            Shape::Tables(&CADENCE_PHASE),
            "The phases of every cycle, one [[cadence.phase]] each: windows with `start` and `end`, milestones with `due`, key dates with `on`, with dates given as rules.",
        ),
    ],
};

pub(crate) const CADENCE_PHASE: Table = Table {
    header: "[[cadence.phase]]",
    keys: &[
        key(
            "name",
            Shape::Name,
            "A template of each cycle's phase name: {year}, {quarter} (1-4), {month} (01-12) and {month_name} (January) of the day the cycle starts, and {n}, the cycle's number ({{ and }} are braces). It must tell cycles apart, like \"{year} Q{quarter} revision published\".",
        ),
        key(
            "start",
            Shape::Rule,
            "A window's first day in each cycle, as a rule, like \"2nd Monday of month 3\", or another phase of the same cycle by its name template, like \"X {n} branch + 1d\".",
        ),
        key(
            "end",
            Shape::Rule,
            "A window's last day in each cycle, as a rule, like \"last day\", or another phase of the same cycle by its name template, like \"start of X {n} freeze + 1w\".",
        ),
        key(
            "due",
            Shape::Rule,
            "A milestone's due date in each cycle, as a rule, like \"last working day\", or another phase of the same cycle by its name template, like \"X {n} branch + 3d\".",
        ),
        key(
            "on",
            Shape::Rule,
            "A key date in each cycle, as a rule, like \"last working day - 3 working days\", or another phase of the same cycle by its name template, like \"{year}-{month} period end + 1m 7d\".",
        ),
        key(
            "until",
            Shape::Refused,
            "Not in a cadence phase: give it `start` and `end` (a window) or `due` (a milestone).",
        ),
        key(
            "done",
            Shape::Refused,
            "Not in a cadence phase: its cycles are published one by one, into the cadence's `done` (`vision-sched publish NAME`).",
        ),
        key(
            "note",
            Shape::Template,
            "Optional: free text, templated like the name.",
        ),
        key(
            "url",
            Shape::Template,
            "Optional: a link, templated like the name.",
        ),
        key(
            "warn",
            Shape::Days,
            "Optional: the warning period of each cycle's phase for `remind`, like \"14d\" or \"2w\".",
        ),
        key(
            "shift",
            Shape::Shift,
            "Where each cycle's date moves when it lands on a day off; default: the document's `shift`, else it does not move.",
        ),
        key(
            "owner",
            Shape::Owners,
            "Optional: who each cycle's phase is for, as a phase's `owner` (names, not templated). Default: the document's `owner`; [] for no one.",
        ),
        key(
            "q1",
            Shape::Table(&QUARTER),
            "Dates that replace this phase's own in the cycles that start in the first quarter (January to March).",
        ),
        key(
            "q2",
            Shape::Table(&QUARTER),
            "Dates that replace this phase's own in the cycles that start in the second quarter (April to June).",
        ),
        key(
            "q3",
            Shape::Table(&QUARTER),
            "Dates that replace this phase's own in the cycles that start in the third quarter (July to September).",
        ),
        key(
            "q4",
            Shape::Table(&QUARTER),
            "Dates that replace this phase's own in the cycles that start in the fourth quarter (October to December), like q4 = { due = \"2nd Friday of December\" }.",
        ),
    ],
};

/// `q1` to `q4` of a `[[cadence.phase]]`.
pub(crate) const QUARTER: Table = Table {
    header: "q1 to q4",
    keys: &[
        key(
            "start",
            Shape::Rule,
            "The window's first day in these cycles, as a rule or another phase of the same cycle.",
        ),
        key(
            "end",
            Shape::Rule,
            "The window's last day in these cycles, as a rule or another phase of the same cycle.",
        ),
        key(
            "due",
            Shape::Rule,
            "The milestone's due date in these cycles, as a rule or another phase of the same cycle.",
        ),
        key(
            "on",
            Shape::Rule,
            "The key date in these cycles, as a rule or another phase of the same cycle.",
        ),
        key(
            "shift",
            Shape::Shift,
            "Where these cycles' dates move when they land on a day off.",
        ),
    ],
};
