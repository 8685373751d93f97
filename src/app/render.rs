//! `render`: the schedule as the document's Markdown table, printed or written between the
//! document's markers.

use crate::app::args::{Global, RenderArgs};
use crate::app::context::Context;
use crate::error::{Result, Source};

pub fn run(global: &Global, args: &RenderArgs) -> Result<u8> {
    let ctx = Context::load(global)?;
    let lines = crate::app::doc::table_lines(&ctx, &args.span)?;
    let Some(doc) = &args.write else {
        crate::io::output::print(&lines.iter().map(|l| format!("{l}\n")).collect::<String>())?;
        return Ok(0);
    };
    let text = crate::app::doc::read(doc)?;
    let block = crate::io::markers::find(&Source::new(doc, &text))?;
    let new = crate::io::markers::replace(&text, &block, &lines);
    // Progress notes go to stderr, so stdout stays for the table.
    let note = if new == text {
        "is already up to date"
    } else {
        crate::io::atomic::write(doc, new.as_bytes())?;
        "updated"
    };
    eprintln!(
        "{}: schedule table {note} (lines {}-{})",
        crate::io::text::inert_line_start(&doc.display().to_string()),
        block.begin_line,
        block.begin_line + lines.len() + 1
    );
    Ok(0)
}
