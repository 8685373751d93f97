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
//!   markers, inert text, output) and [`error`], which imports no presenter.
//!
//! ARCHITECTURE.md has the map in more words.

mod app;
mod dates;
mod engine;
mod error;
mod io;
mod limits;
mod present;
mod schedule;

/// The `mdbook-vision-sched` binary: the mdBook preprocessor.
pub use app::mdbook::run as mdbook_preprocessor;
pub use app::run;

/// What the benchmarks and fuzz targets drive directly; not an API.
#[doc(hidden)]
pub mod internals {
    pub use crate::dates::{Days, add_days};
    pub use crate::engine::evaluate::{Listing, evaluate};
    pub use crate::engine::overdue::{Overdues, Part};
    pub use crate::error::Source;
    pub use crate::present::{Docs, Format, Look, View, write};
    pub use crate::schedule::edit::{Target, set_done, undo};
    pub use crate::schedule::load::parse;
    pub use crate::schedule::model::Schedule;
    pub use crate::schedule::phase::{Kind, Origin, Phase, When};
    pub use crate::schedule::portfolio::from_bytes;
}
