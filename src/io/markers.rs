//! The block of a Markdown document between `<!-- vision-sched:begin -->` and
//! `<!-- vision-sched:end -->`, which `render --write` fills and `check --doc` compares.
//!
//! A marker is a line holding only the marker (spaces around it are fine). Markers inside fenced
//! code blocks are text, not markers, so a document can show them in an example. There must be
//! exactly one pair, begin before end; anything else is refused, so a file is never half-updated.
//! Pure: it works on text and returns where things are.

use std::ops::Range;

use crate::error::{Error, Result, Source};

pub const BEGIN: &str = "<!-- vision-sched:begin -->";
pub const END: &str = "<!-- vision-sched:end -->";

/// Where the block's content lies in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Bytes from just after the begin marker's line to the start of the end marker's line.
    pub inner: Range<usize>,
    /// The begin marker line's ending, used for every line written into the block.
    pub eol: &'static str,
    /// 1-based line of the begin marker.
    pub begin_line: usize,
    /// 1-based line of the end marker.
    pub end_line: usize,
}

struct Line<'a> {
    /// 1-based.
    number: usize,
    /// Bytes of the line, its ending included.
    span: Range<usize>,
    /// The line without its ending.
    text: &'a str,
    eol: &'static str,
}

fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut at = 0;
    text.split_inclusive('\n').enumerate().map(move |(i, raw)| {
        let (body, eol) = if let Some(b) = raw.strip_suffix("\r\n") {
            (b, "\r\n")
        } else if let Some(b) = raw.strip_suffix('\n') {
            (b, "\n")
        } else {
            (raw, "")
        };
        let line = Line {
            number: i + 1,
            span: at..at + raw.len(),
            text: body,
            eol,
        };
        at += raw.len();
        line
    })
}

/// Tracks fenced code blocks (opened by three or more backticks or tildes, and closed as
/// `CommonMark` closes them).
#[derive(Default)]
struct Fence {
    open: Option<(char, usize)>,
}

impl Fence {
    /// Feeds one line; true when the line is inside a fence or is one of its fence lines.
    fn code(&mut self, line: &str) -> bool {
        let trimmed = line.trim_start_matches(' ');
        let fence = (line.len() - trimmed.len() <= 3)
            .then(|| {
                let c = trimmed.chars().next()?;
                if !matches!(c, '`' | '~') {
                    return None;
                }
                // Both fence characters are one byte long.
                let n = trimmed.bytes().take_while(|&x| x == c as u8).count();
                (n >= 3).then_some((c, n, &trimmed[n..]))
            })
            .flatten();
        match (self.open, fence) {
            (Some((c, n)), Some((fc, fnum, rest)))
                if fc == c && fnum >= n && rest.trim().is_empty() =>
            {
                self.open = None;
                true
            }
            (Some(_), _) => true,
            (None, Some((c, n, rest))) if !(c == '`' && rest.contains('`')) => {
                self.open = Some((c, n));
                true
            }
            (None, _) => false,
        }
    }
}

fn is_marker(line: &str, marker: &str) -> bool {
    line.trim_start_matches('\u{feff}').trim() == marker
}

/// Finds the one block in `source`, or says clearly why there is none.
pub fn find(source: &Source) -> Result<Block> {
    let mut fence = Fence::default();
    let mut begins = Vec::new();
    let mut ends = Vec::new();
    for line in lines(source.text) {
        if fence.code(line.text) {
            continue;
        }
        if is_marker(line.text, BEGIN) {
            begins.push(line);
        } else if is_marker(line.text, END) {
            ends.push(line);
        }
    }
    let at = |l: &Line| l.span.start..l.span.start + l.text.len();
    let second = |which: &str, all: &[Line]| {
        source
            .error(
                at(&all[1]),
                format!("a second `{which}` marker: the document must have one pair of markers"),
            )
            .help(format!("the first is on line {}", all[0].number))
    };
    if begins.len() > 1 {
        return Err(second(BEGIN, &begins));
    }
    if ends.len() > 1 {
        return Err(second(END, &ends));
    }
    match (begins.pop(), ends.pop()) {
        (None, _) => Err(Error::file(
            source.path,
            format!("no `{BEGIN}` marker line: nowhere to put the schedule table"),
        )
        .help("put these two lines where the table belongs, each on a line of its own:")
        .help(format!("  {BEGIN}"))
        .help(format!("  {END}"))),
        (Some(b), None) => Err(source
            .error(at(&b), format!("`{BEGIN}` has no `{END}` line after it"))
            .help(format!("add a line `{END}` where the table ends"))),
        (Some(b), Some(e)) if e.number < b.number => Err(source
            .error(
                at(&e),
                format!("`{END}` comes before `{BEGIN}` (line {})", b.number),
            )
            .help("the begin marker goes above the table, the end marker below it")),
        (Some(b), Some(e)) => Ok(Block {
            inner: b.span.end..e.span.start,
            eol: if b.eol.is_empty() { "\n" } else { b.eol },
            begin_line: b.number,
            end_line: e.number,
        }),
    }
}

/// The block's lines, each ending with the block's line ending.
pub fn content(lines: &[String], block: &Block) -> String {
    lines.iter().map(|l| format!("{l}{}", block.eol)).collect()
}

/// `text` with the block's content replaced by `lines`; every other byte stays as it was.
pub fn replace(text: &str, block: &Block, lines: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    out.push_str(&text[..block.inner.start]);
    out.push_str(&content(lines, block));
    out.push_str(&text[block.inner.end..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn found(text: &str) -> Result<Block> {
        find(&Source::new(Path::new("doc.md"), text))
    }

    fn rows() -> Vec<String> {
        vec!["| a |".to_string(), "| b |".to_string()]
    }

    #[test]
    fn replaces_only_between_the_markers() {
        let cases = [
            (
                "intro\n<!-- vision-sched:begin -->\nold\n<!-- vision-sched:end -->\nafter",
                "intro\n<!-- vision-sched:begin -->\n| a |\n| b |\n<!-- vision-sched:end -->\nafter",
            ),
            (
                "x\r\n  <!-- vision-sched:begin -->  \r\n<!-- vision-sched:end -->\r\n",
                "x\r\n  <!-- vision-sched:begin -->  \r\n| a |\r\n| b |\r\n<!-- vision-sched:end -->\r\n",
            ),
            (
                "\u{feff}<!-- vision-sched:begin -->\n<!-- vision-sched:end -->",
                "\u{feff}<!-- vision-sched:begin -->\n| a |\n| b |\n<!-- vision-sched:end -->",
            ),
        ];
        for (text, want) in cases {
            let block = found(text).unwrap();
            assert_eq!(replace(text, &block, &rows()), want, "{text:?}");
        }
    }

    #[test]
    fn locates_the_markers() {
        let text = "a\n<!-- vision-sched:begin -->\nold\nold\n<!-- vision-sched:end -->\n";
        let b = found(text).unwrap();
        assert_eq!((b.begin_line, b.end_line, b.eol), (2, 5, "\n"));
        assert_eq!(&text[b.inner.clone()], "old\nold\n");
    }

    #[test]
    fn markers_in_fenced_code_are_text() {
        let text = "```markdown\n<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n```\n\
                    ~~~~\n<!-- vision-sched:begin -->\n```\n<!-- vision-sched:end -->\n~~~~\n\
                    <!-- vision-sched:begin -->\nold\n<!-- vision-sched:end -->\n";
        let b = found(text).unwrap();
        assert_eq!((b.begin_line, b.end_line), (10, 12));
        // Inline mentions and indented-too-far lines are not markers either.
        let text = "see `<!-- vision-sched:begin -->`\n<!-- vision-sched:begin --> x\n";
        assert!(found(text).is_err());
    }

    #[test]
    fn refuses_missing_doubled_and_reversed_markers() {
        let cases = [
            (
                "no markers\n",
                "no `<!-- vision-sched:begin -->` marker line",
                None,
            ),
            (
                "<!-- vision-sched:begin -->\n",
                "has no `<!-- vision-sched:end -->` line after it",
                Some(1),
            ),
            (
                "<!-- vision-sched:end -->\n<!-- vision-sched:begin -->\n",
                "comes before",
                Some(1),
            ),
            (
                "<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n<!-- vision-sched:begin -->\n",
                "a second `<!-- vision-sched:begin -->` marker",
                Some(3),
            ),
            (
                "<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\nx\n<!-- vision-sched:end -->\n",
                "a second `<!-- vision-sched:end -->` marker",
                Some(4),
            ),
            (
                "```\n<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n",
                "no `",
                None,
            ),
        ];
        for (text, message, line) in cases {
            let err = found(text).unwrap_err();
            assert!(err.message.contains(message), "{text:?}: {}", err.message);
            assert_eq!(err.location.map(|l| l.line), line, "{text:?}");
        }
    }
}
