//! The blocks of a Markdown document between a begin marker, `<!-- vision-sched:begin -->`, and
//! an end marker, `<!-- vision-sched:end -->`: `render --write` fills them and `check --doc`
//! compares them.
//!
//! - A marker is an HTML comment, as `CommonMark` reads the document (pulldown-cmark finds
//!   them), whose text is `vision-sched:begin` or `vision-sched:end`; spaces inside the comment
//!   are optional (`<!--vision-sched:begin-->`). Comments inside code blocks (fenced or
//!   indented, at the top level or in a list item or a quote) and code spans are text, not
//!   markers, so a document can show markers in an example. Any other comment is left alone.
//! - A begin marker may carry one format word, `<!-- vision-sched:begin mermaid -->`; without
//!   one, the block holds the schedule table. Every block ends at `<!-- vision-sched:end -->`.
//!   A document may hold several blocks, one of each format; the caller names the formats it
//!   knows, and a block of any other format is refused, naming its line.
//! - A marker stands on a line of its own (spaces around it are fine, and a byte-order mark
//!   before the first); a marker that shares its line with other text, a quote's `>` included,
//!   is refused, since the block is written between the marker lines.
//! - A marker inside a larger HTML block (right under `<details><summary>...</summary>`, with no
//!   blank line between) makes its block [`Block::in_html`]: Markdown there would be read as
//!   raw HTML, so what is written between the markers is set off by a blank line before and
//!   after, which ends the HTML block and lets the table or chart render.
//! - Blocks do not nest; a begin marker with no end after it, an end marker with no begin
//!   before it, and a second block of one format are refused, each naming the line. A refused
//!   document is never half-updated.
//!
//! Pure: it works on text and returns where things are.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::error::{Error, Result, Source};
use crate::limits::PAGE_BYTES;

pub(crate) const BEGIN: &str = "<!-- vision-sched:begin -->";
pub(crate) const END: &str = "<!-- vision-sched:end -->";

/// One block: where its content lies in the document, and its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// The begin marker's format word; `None` for the schedule table.
    pub(crate) format: Option<String>,
    /// Bytes from just after the begin marker's line to the start of the end marker's line.
    pub(crate) inner: Range<usize>,
    /// The begin marker line's ending, used for every line written into the block.
    pub(crate) eol: &'static str,
    /// 1-based line of the begin marker.
    pub(crate) begin_line: usize,
    /// 1-based line of the end marker.
    pub(crate) end_line: usize,
    /// The begin marker lies inside an HTML block that goes on past its own line: Markdown
    /// written right after it would be read as HTML.
    pub(crate) in_html: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Begin(Option<String>),
    End,
}

/// A marker comment on a line of its own.
#[derive(Debug, Clone)]
struct Marker {
    kind: Kind,
    /// The comment's bytes.
    span: Range<usize>,
    /// 1-based line where the comment starts.
    line: usize,
    /// The first byte of the line where the comment starts.
    line_start: usize,
    /// The first byte after the line where the comment ends, its ending included.
    line_end: usize,
    /// That line's ending ("" when the document ends there).
    eol: &'static str,
    /// Inside an HTML block that goes on past the marker's own line.
    in_html: bool,
}

/// How a begin marker of `format` is written.
fn begin_of(format: Option<&str>) -> String {
    match format {
        None => BEGIN.to_string(),
        Some(f) => format!("<!-- vision-sched:begin {f} -->"),
    }
}

/// Byte ranges of every HTML comment outside code blocks and code spans, in document order,
/// each with whether it lies in an HTML block that holds more than its own lines.
fn comments(text: &str) -> Vec<(Range<usize>, bool)> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            // A whole HTML block, read as the browser would: every comment in it.
            Event::Start(Tag::HtmlBlock) => {
                let mut at = range.start;
                while let Some(open) = text[at..range.end].find("<!--") {
                    let body = at + open + 4;
                    let Some(close) = text[body..range.end].find("-->") else {
                        break;
                    };
                    let comment = at + open..body + close + 3;
                    // Anything but blank space in the block outside the comment's lines.
                    let line_start = text[range.start..comment.start]
                        .rfind('\n')
                        .map_or(range.start, |i| range.start + i + 1);
                    let line_end = text[comment.end..range.end]
                        .find('\n')
                        .map_or(range.end, |i| comment.end + i);
                    let others = !text[range.start..line_start].trim().is_empty()
                        || !text[line_end..range.end].trim().is_empty();
                    out.push((comment, others));
                    at = body + close + 3;
                }
            }
            Event::InlineHtml(html) if html.starts_with("<!--") => out.push((range, false)),
            _ => {}
        }
    }
    out
}

/// What a comment says, if it is a marker: `None` for any other comment.
fn kind(source: &Source, span: &Range<usize>) -> Result<Option<Kind>> {
    let comment = &source.text[span.clone()];
    let Some(body) = comment
        .strip_prefix("<!--")
        .and_then(|c| c.strip_suffix("-->"))
    else {
        return Ok(None);
    };
    let mut words = body.split_ascii_whitespace();
    let kind = match words.next() {
        Some("vision-sched:begin") => Kind::Begin(words.next().map(str::to_string)),
        Some("vision-sched:end") => Kind::End,
        _ => return Ok(None),
    };
    if let Some(extra) = words.next() {
        let (what, help) = match kind {
            Kind::Begin(_) => (
                "a begin marker takes at most one format word",
                format!("write `{BEGIN}` for the schedule table"),
            ),
            Kind::End => ("an end marker takes no words", format!("write `{END}`")),
        };
        return Err(source
            .error(span.clone(), format!("`{extra}` in a marker: {what}"))
            .help(help));
    }
    Ok(Some(kind))
}

/// Every marker, in document order; a marker that shares its line with other text is refused.
fn markers(source: &Source) -> Result<Vec<Marker>> {
    let text = source.text;
    let mut out = Vec::new();
    for (span, in_html) in comments(text) {
        let Some(kind) = kind(source, &span)? else {
            continue;
        };
        let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let mut before = &text[line_start..span.start];
        if line_start == 0 {
            before = before.trim_start_matches('\u{feff}');
        }
        let (after, line_end) = match text[span.end..].find('\n') {
            Some(i) => (&text[span.end..span.end + i], span.end + i + 1),
            None => (&text[span.end..], text.len()),
        };
        let blank = |s: &str| s.chars().all(|c| matches!(c, ' ' | '\t' | '\r'));
        if !blank(before) || !blank(after) {
            return Err(source
                .error(
                    span.clone(),
                    format!(
                        "`{}` shares its line with other text: a marker must be on a line of its own",
                        &text[span.clone()]
                    ),
                )
                .help("the block is written between the marker lines, so each marker needs a line to itself"));
        }
        let eol = if !text[..line_end].ends_with('\n') {
            ""
        } else if text[..line_end].ends_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        out.push(Marker {
            kind,
            line: source.line_of(span.start),
            span,
            line_start,
            line_end,
            eol,
            in_html,
        });
    }
    Ok(out)
}

/// Every block of `source`, in document order. `formats` are the format words the caller
/// knows; a begin marker with any other word is refused, as are markers that do not pair up.
pub(crate) fn blocks(source: &Source, formats: &[&str]) -> Result<Vec<Block>> {
    if source.text.len() > PAGE_BYTES {
        return Err(Error::file(
            source.path,
            format!(
                "is too large for a Markdown document (over {} MiB)",
                PAGE_BYTES >> 20
            ),
        ));
    }
    let all = markers(source)?;
    let at = |m: &Marker| m.span.clone();
    // A second block of one format, wherever it is.
    let mut seen: Vec<&Marker> = Vec::new();
    for m in &all {
        let Kind::Begin(format) = &m.kind else {
            continue;
        };
        if let Some(first) = seen.iter().find(|f| f.kind == m.kind) {
            let shown = begin_of(format.as_deref());
            return Err(source
                .error(
                    at(m),
                    format!("a second `{shown}` marker: the document must have one pair of these markers"),
                )
                .help(format!("the first is on line {}", first.line)));
        }
        seen.push(m);
    }
    let mut out: Vec<Block> = Vec::new();
    let mut open: Option<&Marker> = None;
    for (i, m) in all.iter().enumerate() {
        match (&m.kind, open) {
            (Kind::Begin(_), None) => open = Some(m),
            (Kind::Begin(format), Some(b)) => {
                return Err(source
                    .error(
                        at(m),
                        format!(
                            "`{}` comes before the `{END}` of the block that begins on line {}",
                            begin_of(format.as_deref()),
                            b.line
                        ),
                    )
                    .help(format!(
                        "blocks do not nest: end each one with `{END}` before the next begins"
                    )));
            }
            (Kind::End, Some(b)) => {
                let Kind::Begin(format) = &b.kind else {
                    unreachable!("only a begin marker is open")
                };
                out.push(Block {
                    format: format.clone(),
                    inner: b.line_end..m.line_start,
                    eol: if b.eol.is_empty() { "\n" } else { b.eol },
                    begin_line: b.line,
                    end_line: m.line,
                    in_html: b.in_html,
                });
                open = None;
            }
            (Kind::End, None) => {
                let next_begin = all[i..].iter().find(|n| matches!(n.kind, Kind::Begin(_)));
                let err = match (out.last(), next_begin) {
                    (Some(last), _) => source
                        .error(
                            at(m),
                            format!(
                                "a second `{END}` marker: the block that begins on line {} ends on line {}",
                                last.begin_line, last.end_line
                            ),
                        )
                        .help(format!("the first is on line {}", last.end_line)),
                    (None, Some(b)) => {
                        let Kind::Begin(format) = &b.kind else {
                            unreachable!("found as a begin marker")
                        };
                        source
                            .error(
                                at(m),
                                format!(
                                    "`{END}` comes before `{}` (line {})",
                                    begin_of(format.as_deref()),
                                    b.line
                                ),
                            )
                            .help("the begin marker goes above the table, the end marker below it")
                    }
                    (None, None) => source
                        .error(at(m), format!("`{END}` has no `{BEGIN}` line before it"))
                        .help(format!("add a line `{BEGIN}` where the table begins")),
                };
                return Err(err);
            }
        }
    }
    if let Some(b) = open {
        let Kind::Begin(format) = &b.kind else {
            unreachable!("only a begin marker is open")
        };
        return Err(source
            .error(
                at(b),
                format!(
                    "`{}` has no `{END}` line after it",
                    begin_of(format.as_deref())
                ),
            )
            .help(format!("add a line `{END}` where the block ends")));
    }
    for m in &all {
        if let Kind::Begin(Some(format)) = &m.kind
            && !formats.contains(&format.as_str())
        {
            let known = if formats.is_empty() {
                format!("only the schedule table, `{BEGIN}`, is known")
            } else {
                format!(
                    "known: the schedule table, `{BEGIN}`, and {}",
                    formats.join(", ")
                )
            };
            return Err(source
                .error(at(m), format!("unknown block format `{format}`: {known}"))
                .help(format!("write `{BEGIN}` for the schedule table")));
        }
    }
    Ok(out)
}

/// Every block of `source` ([`blocks`]); a document with none is refused.
pub(crate) fn find_all(source: &Source, formats: &[&str]) -> Result<Vec<Block>> {
    let blocks = blocks(source, formats)?;
    if blocks.is_empty() {
        let mut err = Error::file(
            source.path,
            format!("no `{BEGIN}` marker line: nowhere to put the schedule"),
        )
        .help("put these two lines where the table belongs, each on a line of its own:")
        .help(format!("  {BEGIN}"))
        .help(format!("  {END}"));
        if let Some(f) = formats.first() {
            err = err.help(format!(
                "or `{}` instead of the first for a {f} chart",
                begin_of(Some(f))
            ));
        }
        return Err(err);
    }
    Ok(blocks)
}

/// The block's lines, each ending with the block's line ending.
pub(crate) fn content(lines: &[String], block: &Block) -> String {
    lines.iter().map(|l| format!("{l}{}", block.eol)).collect()
}

/// `text` with each block's content replaced by its lines; the blocks are those of
/// [`blocks`], in document order. Every other byte stays as it was.
pub(crate) fn replace_all(text: &str, blocks: &[(&Block, &[String])]) -> String {
    let mut out = String::with_capacity(text.len() + 256);
    let mut at = 0;
    for (block, lines) in blocks {
        out.push_str(&text[at..block.inner.start]);
        out.push_str(&content(lines, block));
        at = block.inner.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The one block of a document, which must have exactly one.
    fn found(text: &str) -> Result<Block> {
        let mut all = find_all(&Source::new(Path::new("doc.md"), text), &[])?;
        assert_eq!(all.len(), 1);
        Ok(all.remove(0))
    }

    fn rows() -> Vec<String> {
        vec!["| a |".to_string(), "| b |".to_string()]
    }

    #[test]
    fn a_marker_inside_a_larger_html_block_is_marked_so() {
        let cases = [
            (
                "<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n",
                false,
            ),
            (
                "<details><summary>S</summary>\n<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n</details>\n",
                true,
            ),
            (
                "<details><summary>S</summary>\n\n<!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n\n</details>\n",
                false,
            ),
            (
                "<div>\n<!-- vision-sched:begin -->\n\n| a |\n\n<!-- vision-sched:end -->\n</div>\n",
                true,
            ),
        ];
        for (text, in_html) in cases {
            assert_eq!(found(text).unwrap().in_html, in_html, "{text:?}");
        }
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
            assert_eq!(replace_all(text, &[(&block, &rows())]), want, "{text:?}");
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

#[cfg(test)]
mod parser_tests {
    use super::*;
    use std::path::Path;

    fn all(text: &str, formats: &[&str]) -> Result<Vec<Block>> {
        blocks(&Source::new(Path::new("doc.md"), text), formats)
    }

    fn lines_of(text: &str) -> Vec<(Option<String>, usize, usize)> {
        all(text, &["mermaid", "gantt"])
            .unwrap()
            .into_iter()
            .map(|b| (b.format, b.begin_line, b.end_line))
            .collect()
    }

    fn refused(text: &str) -> Error {
        all(text, &["mermaid"]).unwrap_err()
    }

    #[test]
    fn a_marker_is_a_comment_with_or_without_spaces() {
        let text = "<!--vision-sched:begin-->\nold\n<!--   vision-sched:end\t-->\n";
        assert_eq!(lines_of(text), [(None, 1, 3)]);
        // A comment over several lines, and one inside an HTML block.
        let text =
            "<div>\n<!--\n  vision-sched:begin\n-->\n</div>\n\nx\n<!-- vision-sched:end -->\n";
        assert_eq!(lines_of(text), [(None, 2, 8)]);
        let b = &all(text, &[]).unwrap()[0];
        assert_eq!(&text[b.inner.clone()], "</div>\n\nx\n");
        // Other comments are left alone.
        let text =
            "<!-- a note -->\n<!-- vision-sched:beginning -->\n<!-- see vision-sched:end -->\n";
        assert_eq!(lines_of(text), []);
    }

    #[test]
    fn comments_in_code_are_text() {
        let text = "\
1. Step one:

    ```markdown
    <!-- vision-sched:begin -->
    <!-- vision-sched:end -->
    ```

- indented code in a list item:

      <!-- vision-sched:begin -->

Indented code:

    <!-- vision-sched:end -->

A span: `<!-- vision-sched:begin -->`, and ``<!--vision-sched:end-->``.

> ```
> <!-- vision-sched:begin -->
> ```

<!-- vision-sched:begin -->
old
<!-- vision-sched:end -->
";
        assert_eq!(lines_of(text), [(None, 22, 24)]);
        // With no real markers, nothing is found: the example is never written into.
        let examples = &text[..text.find("<!-- vision-sched:begin -->\nold").unwrap()];
        assert_eq!(lines_of(examples), []);
    }

    #[test]
    fn several_blocks_each_with_its_format() {
        let text = "<!-- vision-sched:begin mermaid -->\na\n<!-- vision-sched:end -->\n\
                    <!-- vision-sched:begin -->\nb\n<!-- vision-sched:end -->\n\
                    <!--vision-sched:begin gantt-->\r\nc\r\n<!-- vision-sched:end -->";
        assert_eq!(
            lines_of(text),
            [
                (Some("mermaid".into()), 1, 3),
                (None, 4, 6),
                (Some("gantt".into()), 7, 9)
            ]
        );
        let blocks = all(text, &["mermaid", "gantt"]).unwrap();
        assert_eq!(blocks[2].eol, "\r\n");
        let one = ["1".to_string()];
        let two = ["2".to_string(), "2".to_string()];
        let replaced = replace_all(
            text,
            &[
                (&blocks[0], &one[..]),
                (&blocks[1], &[]),
                (&blocks[2], &two[..]),
            ],
        );
        assert_eq!(
            replaced,
            "<!-- vision-sched:begin mermaid -->\n1\n<!-- vision-sched:end -->\n\
             <!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n\
             <!--vision-sched:begin gantt-->\r\n2\r\n2\r\n<!-- vision-sched:end -->"
        );
        // The table is found among them.
        let all = find_all(&Source::new(Path::new("d"), text), &["mermaid", "gantt"]).unwrap();
        let table = all.iter().find(|b| b.format.is_none()).unwrap();
        assert_eq!(table.begin_line, 4);
    }

    #[test]
    fn refusals_name_the_line() {
        let cases = [
            (
                "x\n<!-- vision-sched:begin chart -->\n<!-- vision-sched:end -->\n",
                "unknown block format `chart`",
                2,
            ),
            (
                "<!-- vision-sched:begin a b -->\n<!-- vision-sched:end -->\n",
                "`b` in a marker: a begin marker takes at most one format word",
                1,
            ),
            (
                "<!-- vision-sched:begin -->\n<!-- vision-sched:end now -->\n",
                "an end marker takes no words",
                2,
            ),
            (
                "text <!-- vision-sched:begin -->\n<!-- vision-sched:end -->\n",
                "shares its line with other text",
                1,
            ),
            (
                "<!-- vision-sched:begin -->\n> <!-- vision-sched:end -->\n",
                "a marker must be on a line of its own",
                2,
            ),
            (
                "<!-- vision-sched:begin -->\n<!-- vision-sched:begin mermaid -->\n<!-- vision-sched:end -->\n",
                "comes before the `<!-- vision-sched:end -->` of the block that begins on line 1",
                2,
            ),
            (
                "<!-- vision-sched:begin mermaid -->\n<!-- vision-sched:end -->\n\n<!-- vision-sched:begin mermaid -->\n<!-- vision-sched:end -->\n",
                "a second `<!-- vision-sched:begin mermaid -->` marker",
                4,
            ),
            (
                "<!-- vision-sched:end -->\n",
                "has no `<!-- vision-sched:begin -->` line before it",
                1,
            ),
        ];
        for (text, message, line) in cases {
            let err = refused(text);
            assert!(err.message.contains(message), "{text:?}: {}", err.message);
            assert_eq!(err.location.map(|l| l.line), Some(line), "{text:?}");
        }
    }
}
