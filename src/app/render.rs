//! `render`: the schedule as the document's Markdown table, printed or written between the
//! document's markers.
//!
//! `--write` edits the document the way publish edits the schedule ([`crate::io::lock`]): the
//! document is locked, read under the lock, and compared once more right before the rename; a
//! read-only document, one with several hard links, or one whose owner cannot be kept is
//! refused ([`crate::io::atomic`]).

use std::path::Path;

use crate::app::args::{Global, RenderArgs};
use crate::app::context::Context;
use crate::error::{Error, Result, Source};
use crate::io::lock::{self, Wait};

pub fn run(global: &Global, args: &RenderArgs) -> Result<u8> {
    let ctx = Context::load(global)?;
    let (entry, today) = ctx.single("render")?;
    let lines = crate::app::doc::table_lines(&entry.schedule, today, &args.span)?;
    let Some(doc) = &args.write else {
        crate::io::output::print(&lines.iter().map(|l| format!("{l}\n")).collect::<String>())?;
        return Ok(0);
    };
    // The document is edited as publish edits the schedule: locked, read under the lock, and
    // compared once more right before the rename (see crate::io::lock).
    let wait = Wait {
        limit: args.wait.unwrap_or(lock::DEFAULT_WAIT),
        flag: "--wait",
    };
    let locked = lock::lock(doc, "a Markdown document", wait)?;
    let original = locked.read()?;
    let text = utf8(doc, original.clone())?;
    let block = crate::io::markers::find(&Source::new(doc, &text))?;
    let new = crate::io::markers::replace(&text, &block, &lines);
    // Progress notes go to stderr, so stdout stays for the table.
    let note = if new == text {
        "is already up to date"
    } else {
        locked.replace(&original, new.as_bytes(), "rendering")?;
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

/// The document's bytes as text, refused as [`crate::app::doc::read`] refuses them.
fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String> {
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
