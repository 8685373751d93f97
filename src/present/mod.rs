//! Presenters: turn engine results into text. They never compute dates.
//!
//! The reporting commands (status, upcoming, overdue, phases) hand a [`View`] to [`write`],
//! which picks the presenter for the [`Format`] once; each presenter renders every view.

pub mod check;
pub mod doc_table;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod mermaid;
pub mod remind;
pub mod svg;
pub mod table;
pub mod timeline;
pub mod words;

use std::io::Write;

use chrono::NaiveDate;

use crate::engine::evaluate::{Report, State};
use crate::engine::overdue::Overdues;
use crate::schedule::phase::Phase;

/// How table output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    pub color: bool,
    /// Columns to fit; `None` for no limit.
    pub width: Option<u16>,
}

/// The output formats of the reporting commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Markdown,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Markdown => "markdown",
        }
    }
}

/// What a block of the document holds, by its begin marker's format word: `render` writes it,
/// `check --doc` compares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BlockFormat {
    /// No format word: the schedule table ([`doc_table`]).
    #[default]
    Table,
    /// `mermaid`: a Mermaid Gantt chart ([`mermaid`]).
    Mermaid,
}

impl BlockFormat {
    /// The format words a begin marker may carry.
    pub const WORDS: &'static [&'static str] = &["mermaid"];

    pub fn name(self) -> &'static str {
        match self {
            BlockFormat::Table => "table",
            BlockFormat::Mermaid => "mermaid",
        }
    }

    /// The format of a begin marker's word (one of [`BlockFormat::WORDS`], or none).
    pub fn of_word(word: Option<&str>) -> BlockFormat {
        match word {
            Some("mermaid") => BlockFormat::Mermaid,
            _ => BlockFormat::Table,
        }
    }
}

/// How many overdue rows `status` shows before summarising the rest.
pub const STATUS_OVERDUE_ROWS: usize = 5;

/// What a reporting command shows.
#[derive(Debug, Clone, Copy)]
pub enum View<'a> {
    /// The headline, current phases, upcoming events and the most recent overdue milestones.
    Status(&'a Report<'a>),
    Upcoming(&'a Report<'a>),
    /// Every overdue milestone, written as it is computed.
    Overdue(Overdues<'a>),
    /// Every phase with its state on a day.
    Phases(&'a [(Phase, State)], NaiveDate),
}

/// Writes `view` in `format`. `timezone` is the zone today was taken in, for JSON.
pub fn write(
    view: View,
    format: Format,
    look: Look,
    timezone: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Table => table::write(view, look, out),
        Format::Json => json::write(view, timezone, out),
        Format::Markdown => markdown::write(view, out),
    }
}
