//! Presenters: turn engine results into text. They never compute dates.

pub mod check;
pub mod doc_table;
pub mod ics;
pub mod inert;
pub mod json;
pub mod markdown;
pub mod remind;
pub mod table;
pub mod timeline;
pub mod words;

/// How table output should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Look {
    pub color: bool,
    /// Columns to fit; `None` for no limit.
    pub width: Option<u16>,
}

/// How many overdue rows `status` shows before summarising the rest.
pub const STATUS_OVERDUE_ROWS: usize = 5;
