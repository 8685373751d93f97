//! `render`: the schedule as a Markdown table or a Mermaid chart, printed, or written between the
//! marker lines of a Markdown page: `--write PAGE` fills every block, each in its format.
//!
//! `--write` edits the page the way publish edits the schedule ([`crate::io::lock`]): the page is
//! locked, read under the lock, and compared once more right before the rename; a read-only
//! page, one with several hard links, or one whose owner cannot be kept is refused
//! ([`crate::io::atomic`]). All blocks are written in one rename, or none.

use crate::app::args::{Global, RenderArgs};
use crate::app::context::Context;
use crate::app::page;
use crate::error::{Error, Result};
use crate::io::lock::{self, Wait};
use crate::present::Format;

pub(crate) fn run(global: &Global, args: &RenderArgs, format: Option<Format>) -> Result<u8> {
    let ctx = Context::load(global)?;
    let Some(path) = &args.write else {
        let format = args.format.or(format).unwrap_or_default();
        let lines = page::lines(&ctx, &args.span, format)?;
        crate::io::output::print(&lines.iter().map(|l| format!("{l}\n")).collect::<String>())?;
        return Ok(0);
    };
    if let Some(f) = format {
        return Err(Error::new(format!(
            "--format {} does not apply to `render --write`: it writes every block of the page, each in its own format",
            f.name()
        )));
    }
    // The page is edited as publish edits the schedule: locked, read under the lock, and
    // compared once more right before the rename (see crate::io::lock).
    let wait = Wait {
        limit: args.wait.unwrap_or_else(|| crate::app::clock::waits().lock),
        flag: "--wait",
    };
    let locked = lock::lock(path, "a Markdown page", wait)?;
    let original = locked.read()?;
    let text = page::text(path, original.clone())?;
    let filled = page::filled(&ctx, &args.span, path, &text)?;
    let pairs: Vec<_> = filled
        .iter()
        .map(|f| (&f.block, f.lines.as_slice()))
        .collect();
    let new = crate::io::markers::replace_all(&text, &pairs);
    // A page this tool could not read back is not written.
    if new.len() > crate::limits::PAGE_BYTES {
        return Err(Error::file(
            path,
            format!(
                "would grow to {} bytes, over the {} MiB a page may have; nothing was written",
                new.len(),
                crate::limits::PAGE_BYTES >> 20
            ),
        )
        .help("narrow the table with --from and --to, or keep the schedule in a page of its own"));
    }
    if new != text {
        locked.replace(&original, new.as_bytes(), "rendering")?;
    }
    // Progress notes go to stderr, so stdout stays for the table. Lines are those of the
    // page as it is now, after the blocks above have grown or shrunk.
    let shown = crate::io::text::inert_line_start(&path.display().to_string()).into_owned();
    let mut shift: i64 = 0;
    for f in &filled {
        let now = crate::io::markers::content(&f.lines, &f.block);
        let note = if text[f.block.inner.clone()] == now {
            "is already up to date"
        } else {
            "updated"
        };
        let begin = f.block.begin_line as i64 + shift;
        let what = match f.format {
            Format::Mermaid => "Mermaid chart",
            _ => "schedule table",
        };
        eprintln!(
            "{shown}: {what} {note} (lines {begin}-{})",
            begin + f.lines.len() as i64 + 1
        );
        let old_lines = (f.block.end_line - f.block.begin_line - 1) as i64;
        shift += f.lines.len() as i64 - old_lines;
    }
    Ok(0)
}
