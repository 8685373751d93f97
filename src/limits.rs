//! Every bound on what an input may cost, in one place. Each input dimension either has a limit
//! here or costs time and memory close to linear in its size; the README's table of limits lists
//! these. A limit reached is an error naming the file and line (exit 2), never a silent cut.

/// Days off in a row that a shift looks past, and the longest holiday (one event) read.
pub(crate) const DAYS_OFF_IN_A_ROW: i64 = 31;

/// Holiday days a document may name in all (its `holidays` and its calendars' events, each day of
/// an event counted): a century of a country's holidays is some 1,500.
pub(crate) const HOLIDAY_DAYS: usize = 20_000;

/// Yearly holidays (iCalendar `RRULE:FREQ=YEARLY`) a document may name in all: each is checked
/// for every day asked about.
pub(crate) const YEARLY_HOLIDAYS: usize = 100;

/// Events of any kind one holiday calendar may hold, so reading one is bounded however large it
/// is.
pub(crate) const CALENDAR_EVENTS: usize = 50_000;

/// Reminders `remind --post-format json` sends in one body; `left_out` counts the rest, as the
/// chat formats end with "... and N more".
pub(crate) const POSTED_REMINDERS: usize = 1_000;

/// Steps of a chain of relative dates that `phases --explain` shows in a row, the nearest
/// first, then `…`: each row of a chain would otherwise repeat all the rest of it.
pub(crate) const EXPLAINED_STEPS: usize = 20;

/// Rows a picture may have: the terminal timeline, the SVG timeline, a page's table and its
/// Mermaid chart. Past it a picture is refused with the span to narrow, as nobody reads one
/// taller.
pub(crate) const PICTURE_ROWS: usize = 2_000;

/// Bytes of a schedule, holiday calendar or config file: larger inputs are surely not one, and
/// reading stops here.
pub(crate) const FILE_BYTES: u64 = 64 << 20;

/// Bytes of a page (`render`, `check --page`), read or written: a `CommonMark` parser holds a
/// tree of the whole page, some fifty times its size for one long paragraph, and a living
/// document's page is a few kilobytes.
pub(crate) const PAGE_BYTES: usize = 4 << 20;

/// Symlinks in a row followed to the file a writer replaces, as the kernel's ELOOP.
pub(crate) const LINKS_IN_A_ROW: usize = 40;

/// Publications one `publish --through` records.
pub(crate) const PUBLISHED_AT_ONCE: usize = 1_000;

/// Seconds of the longest `--wait`: a day.
pub(crate) const WAIT_SECS: u64 = 86_400;

/// Bytes of a chat service's answer read: enough for any error message.
#[cfg(feature = "post")]
pub(crate) const ANSWER_BYTES: u64 = 4_096;

/// Readings of a cycle's name against its template (`publish "Q3 2021 review"`): digit runs can
/// branch, and a sane template never comes close.
pub(crate) const NAME_READINGS: usize = 64;

/// Problems the job summary of `check --github-summary` lists, then "... and N more": the
/// overdue table below it shows the most recent, and the step's log every one.
pub(crate) const SUMMARY_PROBLEMS: usize = 20;

/// Bytes of a step's summary GitHub shows (it shows none of a larger one): a longer summary is
/// cut at a line, saying so.
pub(crate) const SUMMARY_BYTES: usize = 1 << 20;

/// Owners one `owner` list may name: every row and line of a phase names them all, and a
/// document's default reaches every phase of a cadence.
pub(crate) const OWNERS: usize = 20;

/// The most dates of a cycle in a row that each name the one before (`"X {n} rc1 + 2w"`): a
/// release cycle has a dozen; the bound keeps the work per cycle and the stack small.
pub(crate) const CHAINED_DATES: usize = 200;
