//! The document's table, shared by `render` (which writes it) and `check --doc` (which compares
//! it): reading the document, finding its markers, and the lines the table should hold now.

use std::path::Path;

use crate::app::args::SpanArgs;
use chrono::NaiveDate;

use crate::engine::span::Span;
use crate::error::{Error, Result};
use crate::schedule::model::Schedule;

/// The table `render` writes now, as lines without endings.
pub fn table_lines(
    schedule: &Schedule,
    today: NaiveDate,
    span_args: &SpanArgs,
) -> Result<Vec<String>> {
    let span = Span::calendar_year(today, span_args.from, span_args.to).map_err(Error::new)?;
    let rows = crate::engine::doc_table::rows(schedule, today, span);
    Ok(crate::present::doc_table::lines(
        &rows,
        span,
        span_args.slips,
    ))
}

/// A Markdown document as UTF-8 text, byte for byte (a byte-order mark is kept), read once and
/// capped like a schedule.
pub fn read(path: &Path) -> Result<String> {
    let bytes = crate::io::read::bytes(path, "a Markdown document")?;
    String::from_utf8(bytes).map_err(|e| {
        Error::file(
            path,
            format!(
                "not UTF-8 text (byte {}); save the document as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}
