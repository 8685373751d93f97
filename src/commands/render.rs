//! `render`: the schedule as the document's Markdown table, printed or written between the
//! document's markers.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cli::Global;
use crate::context::Context;
use crate::doc_rows::Span;
use crate::error::{Error, Result, Source};

/// The span of days a table covers.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct SpanArgs {
    /// First day the table covers [default: January 1 of --to's year, or of today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day the table covers [default: December 31 of --from's year, or of today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub span: SpanArgs,
    /// Instead of printing the table, write it into this Markdown document between its
    /// `vision-sched:begin` and `vision-sched:end` marker lines
    #[arg(long, value_name = "DOC")]
    pub write: Option<PathBuf>,
}

pub fn run(global: &Global, args: &Args) -> Result<u8> {
    let ctx = Context::load(global)?;
    let lines = table_lines(&ctx, &args.span)?;
    let Some(doc) = &args.write else {
        crate::output::print(&lines.iter().map(|l| format!("{l}\n")).collect::<String>())?;
        return Ok(0);
    };
    let text = read_doc(doc)?;
    let block = crate::doc_block::find(&Source::new(doc, &text))?;
    let new = crate::doc_block::replace(&text, &block, &lines);
    // Progress notes go to stderr, so stdout stays for the table.
    let note = if new == text {
        "is already up to date"
    } else {
        crate::atomic::write(doc, new.as_bytes())?;
        "updated"
    };
    eprintln!(
        "{}: schedule table {note} (lines {}-{})",
        doc.display(),
        block.begin_line,
        block.begin_line + lines.len() + 1
    );
    Ok(0)
}

/// The table `render` writes now, as lines without endings.
pub fn table_lines(ctx: &Context, span: &SpanArgs) -> Result<Vec<String>> {
    let span = Span::new(ctx.today, span.from, span.to).map_err(Error::new)?;
    let rows = crate::doc_rows::rows(&ctx.schedule, ctx.today, span);
    Ok(crate::present::doc_table::lines(&rows, span))
}

/// A Markdown document as UTF-8 text, byte for byte (a byte-order mark is kept).
pub fn read_doc(path: &Path) -> Result<String> {
    if path.is_dir() {
        return Err(Error::file(path, "is a folder, not a Markdown document"));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, crate::load::describe_io(&e)))?;
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
