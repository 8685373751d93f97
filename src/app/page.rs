//! The page's blocks, shared by `render` (which writes them) and `check --page` (which compares
//! them). The page is the Markdown file a schedule's table and chart are written into, between
//! marker lines: reading it, finding its marker pairs, and the lines each block should hold now,
//! in its own format.

use std::path::Path;

use crate::app::args::SpanArgs;
use crate::app::context::Context;
use crate::engine::chart;
use crate::engine::span::Span;
use crate::error::{Error, Result, Source};
use crate::io::markers::Block;
use crate::present::Format;

/// The lines a block of `format` holds now, without endings. A table is one document's (with
/// several, `--document` picks it); a chart of several documents has a section for each.
pub(crate) fn lines(ctx: &Context, span_args: &SpanArgs, format: Format) -> Result<Vec<String>> {
    let span = Span::calendar_year(ctx.today, span_args.from, span_args.to).map_err(Error::new)?;
    // A page's blocks hold only a table or a chart (Format::RENDER).
    let what = if format == Format::Mermaid {
        "the Mermaid chart"
    } else {
        "the schedule table"
    };
    ctx.fits_a_picture(span, what)?;
    if format == Format::Mermaid {
        let groups = if ctx.is_many() {
            chart::by_document(&ctx.parts(), &ctx.docs().names, span)
        } else {
            let (entry, today) = (&ctx.portfolio.documents[0], ctx.today);
            chart::by_year(chart::rows(&entry.schedule, today, span))
        };
        let chart = chart::chart(span, ctx.today, groups);
        return Ok(crate::present::mermaid::lines(
            &chart,
            &ctx.title(span_args.title.as_deref()),
        ));
    }
    let (entry, today) = ctx.single("the schedule table")?;
    let rows = crate::engine::doc_table::rows(&entry.schedule, today, span);
    Ok(crate::present::doc_table::lines(
        &rows,
        span,
        span_args.slips,
        entry.schedule.has_owners(),
    ))
}

/// Every block of the page with the lines it should hold now, in page order; a page with no
/// marker pair is refused.
pub(crate) fn filled(
    ctx: &Context,
    span: &SpanArgs,
    page: &Path,
    text: &str,
) -> Result<Vec<Filled>> {
    let blocks = crate::io::markers::find_all(&Source::new(page, text), Format::WORDS)?;
    blocks
        .into_iter()
        .map(|block| {
            let format = Format::of_word(block.format.as_deref());
            let mut lines = lines(ctx, span, format)?;
            // Inside an HTML block, Markdown renders only once a blank line has ended it.
            if block.in_html {
                lines.insert(0, String::new());
                lines.push(String::new());
            }
            Ok(Filled {
                block,
                format,
                lines,
            })
        })
        .collect()
}

/// A block and what it should hold.
#[derive(Debug, Clone)]
pub(crate) struct Filled {
    pub(crate) block: Block,
    pub(crate) format: Format,
    pub(crate) lines: Vec<String>,
}

/// A Markdown page as UTF-8 text, byte for byte (a byte-order mark is kept), read once and
/// capped like a schedule.
pub(crate) fn read(path: &Path) -> Result<String> {
    text(path, crate::io::read::bytes(path, "a Markdown page")?)
}

/// A page's bytes as text; anything but UTF-8 is refused, naming the first bad byte.
pub(crate) fn text(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        Error::file(
            path,
            format!(
                "not UTF-8 text (byte {}); save the page as UTF-8",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}
