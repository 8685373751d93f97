//! vision-sched keeps a living document on its revision schedule.
//!
//! The layers, each importing only from those below it:
//!
//! - [`app`]: the command-line layer. The one clap definition ([`app::args`]), one module per
//!   command, and [`app::context`], which finds the schedule, reads it once and settles today
//!   (the clock is read only in [`app::clock`]). Nothing below sees a clap type.
//! - [`present`]: turns engine results into text (tables, JSON, Markdown, iCalendar, the
//!   timeline). Presenters never compute dates.
//! - [`engine`]: pure date logic. It takes a schedule and `today` and never reads the clock:
//!   where a schedule stands, reminders, the pre-release check, the document's rows.
//! - [`schedule`]: the schedule file: its model, loading and validation, cadences, the config
//!   file, finding the file, time zones, and surgical edits of the file.
//! - Leaves usable by all: [`dates`] (calendar arithmetic), [`io`] (atomic writes, Markdown
//!   markers, inert text, output), [`similar`] (names near a mistyped one) and [`error`],
//!   which imports no presenter.
//!
//! ARCHITECTURE.md has the map in more words.

pub mod app;
pub mod dates;
pub mod engine;
pub mod error;
pub mod io;
pub mod present;
pub mod schedule;
pub mod similar;

pub use app::run;
