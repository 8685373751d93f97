//! Presenters: turn engine results into text. They never compute dates.
//!
//! The reporting commands (status, upcoming, overdue, phases) hand a [`View`] to [`write`],
//! which picks the presenter for the [`Format`] once; each presenter renders every view.

pub(crate) mod badge;
pub(crate) mod check;
pub(crate) mod doc_table;
pub(crate) mod github;
pub(crate) mod ics;
pub(crate) mod json;
pub(crate) mod markdown;
pub(crate) mod mermaid;
pub(crate) mod post;
pub(crate) mod remind;
pub(crate) mod svg;
pub(crate) mod table;
pub(crate) mod timeline;
pub(crate) mod words;

use std::io::Write;

use chrono::NaiveDate;

use crate::engine::evaluate::{Listing, Report};
use crate::engine::overdue::Overdues;

/// How table output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    pub color: bool,
    /// Columns to fit; `None` for no limit.
    pub width: Option<u16>,
}

/// Every `--format`. Each command takes some of them: the reports [`Format::REPORTS`], `check`
/// [`Format::CHECK`], `render` [`Format::RENDER`] (also what a block of a page holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Tables for a terminal; for `render`, the page's Markdown table.
    #[default]
    Table,
    Json,
    Markdown,
    /// `check`'s `FILE:LINE: message` lines.
    Text,
    /// `check`'s GitHub Actions annotations.
    Github,
    /// A Mermaid Gantt chart.
    Mermaid,
}

impl Format {
    pub(crate) const ALL: &'static [Format] = &[
        Format::Table,
        Format::Json,
        Format::Markdown,
        Format::Text,
        Format::Github,
        Format::Mermaid,
    ];
    pub(crate) const REPORTS: &'static [Format] = &[Format::Table, Format::Json, Format::Markdown];
    pub(crate) const CHECK: &'static [Format] = &[Format::Text, Format::Github, Format::Json];
    pub(crate) const RENDER: &'static [Format] = &[Format::Table, Format::Mermaid];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Github => "github",
            Format::Mermaid => "mermaid",
        }
    }

    pub(crate) fn of_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The format words a page's begin marker may carry (`<!-- vision-sched:begin mermaid -->`).
    pub(crate) const WORDS: &'static [&'static str] = &["mermaid"];

    /// What a page's block holds, by its begin marker's word: the table when there is none.
    pub(crate) fn of_word(word: Option<&str>) -> Format {
        match word {
            Some("mermaid") => Format::Mermaid,
            _ => Format::Table,
        }
    }
}

/// How many overdue rows `status` shows before summarising the rest.
pub(crate) const STATUS_OVERDUE_ROWS: usize = 5;

/// What a reporting command shows.
#[derive(Debug, Clone, Copy)]
pub enum View<'a> {
    /// The headline, current phases, upcoming events and the most recent overdue milestones.
    Status(&'a Report<'a>),
    Upcoming(&'a Report<'a>),
    /// Every overdue milestone, written as it is computed.
    Overdue(Overdues<'a>),
    /// Every phase with its state on a day, written as it is computed; a listing that explains
    /// has each row's derivations, how its relative dates were found (JSON always has them as
    /// written, in `from`).
    Phases(Listing<'a>),
}

/// The documents a run read, for outputs that name each row's document. With one, outputs are
/// exactly those of a single schedule: no Document column, no `document` fields.
#[derive(Debug, Clone, Default)]
pub struct Docs {
    /// Each document's name, in document order.
    pub(crate) names: Vec<String>,
    /// Each document's file, as read.
    pub(crate) files: Vec<String>,
    /// Each document's today.
    pub(crate) todays: Vec<NaiveDate>,
    /// `*.toml` files in the folders read that are not schedules.
    pub(crate) left_out: usize,
    /// Whether a phase of the documents read has an owner: tables then have a Who column, and
    /// JSON entries an `owners` list.
    pub(crate) owners: bool,
}

impl Docs {
    /// One document read on `today`.
    pub fn one(name: &str, file: &str, today: NaiveDate) -> Docs {
        Docs {
            names: vec![name.to_string()],
            files: vec![file.to_string()],
            todays: vec![today],
            left_out: 0,
            owners: false,
        }
    }

    /// True when rows are to say which document they are in.
    pub(crate) fn many(&self) -> bool {
        self.names.len() > 1
    }

    pub(crate) fn name(&self, doc: usize) -> &str {
        self.names.get(doc).map_or("", String::as_str)
    }

    pub(crate) fn file(&self, doc: usize) -> &str {
        self.files.get(doc).map_or("", String::as_str)
    }

    /// A row's cells, after its document's name (written by `shown`, the format's escaping) when
    /// there are several documents.
    pub(crate) fn row(
        &self,
        doc: usize,
        cells: Vec<String>,
        shown: fn(&str) -> String,
    ) -> Vec<String> {
        if !self.many() {
            return cells;
        }
        let mut out = Vec::with_capacity(cells.len() + 1);
        out.push(shown(self.name(doc)));
        out.extend(cells);
        out
    }

    /// `row` (a table's header, its columns or a row's cells) with `who` after its item `at`,
    /// when the documents read have owners: the Who column.
    pub(crate) fn with_who<T>(
        &self,
        mut row: Vec<T>,
        at: usize,
        who: impl FnOnce() -> T,
    ) -> Vec<T> {
        if self.owners {
            row.insert(at + 1, who());
        }
        row
    }

    /// The day `doc`'s rows are counted from.
    pub(crate) fn today(&self, doc: usize, fallback: NaiveDate) -> NaiveDate {
        self.todays.get(doc).copied().unwrap_or(fallback)
    }

    /// "Read 5 files." (and what was left out), the line tables end with when there are
    /// several documents.
    pub(crate) fn footer(&self) -> Option<String> {
        if !self.many() {
            return None;
        }
        let mut line = format!("Read {} schedule files", self.names.len());
        if self.left_out > 0 {
            line.push_str(&format!(
                "; left out {}",
                words::count(
                    i64::try_from(self.left_out).unwrap_or(i64::MAX),
                    "other *.toml file"
                )
            ));
        }
        line.push_str(".\n");
        Some(line)
    }
}

/// Writes `view` in `format`. `timezone` is the zone today was taken in, for JSON.
pub fn write(
    view: View,
    docs: &Docs,
    format: Format,
    look: Look,
    timezone: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json::write(view, docs, timezone, out),
        Format::Markdown => markdown::write(view, docs, out),
        // The reports take only these three (Format::REPORTS).
        _ => table::write(view, docs, look, out),
    }
}
