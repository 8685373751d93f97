//! Errors a person can act on: a short message, and where there is one, the file, line and
//! offending line. An `Error` ends the program with exit code 2 (bad input or usage: something
//! to fix), or 3 when it is [`Error::temporary`] (a failure outside the input, such as a webhook
//! that cannot be reached or a lock another program holds: trying again later may work).
//!
//! What an error shows is inert, whatever the schedule or the paths hold: the message, the path
//! of the `-->` line, the quoted line and every help line (the nearest names, the places tried)
//! have their control characters made visible and their newlines turned into spaces, and every
//! line starts with text of its own (`error: `, ` --> `, `3 | `, `  = `), so no line an error
//! prints can start a GitHub Actions workflow command.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::io::text::inert;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub(crate) message: String,
    pub(crate) location: Option<Box<Location>>,
    /// Extra lines shown after the message (places tried, nearest names, ...).
    pub(crate) help: Vec<String>,
    /// Further errors of the same run, shown after this one (every broken file of several).
    pub(crate) also: Vec<Error>,
    /// A failure outside the input (exit 3), not a fault in it (exit 2).
    pub(crate) temporary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    pub(crate) path: PathBuf,
    /// 1-based.
    pub(crate) line: usize,
    /// 1-based, in characters.
    pub(crate) column: usize,
    pub(crate) source_line: String,
    /// How many characters of the line to underline.
    pub(crate) width: usize,
}

pub(crate) type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            location: None,
            help: Vec::new(),
            also: Vec::new(),
            temporary: false,
        }
    }

    /// The same error, as a failure outside the input that may pass if tried again later.
    pub(crate) fn temporary(mut self) -> Error {
        self.temporary = true;
        self
    }

    /// 3 for a failure outside the input, else 2.
    pub(crate) fn exit_code(&self) -> u8 {
        if self.temporary { 3 } else { 2 }
    }

    /// Several errors as one: the first, then the rest in order.
    ///
    /// # Panics
    /// When `errors` is empty.
    pub(crate) fn all(mut errors: Vec<Error>) -> Error {
        let mut first = errors.remove(0);
        first.also.extend(errors);
        first
    }

    pub(crate) fn help(mut self, line: impl Into<String>) -> Error {
        self.help.push(line.into());
        self
    }

    /// An error about a file as a whole (missing, unreadable, a folder).
    pub(crate) fn file(path: &Path, message: impl fmt::Display) -> Error {
        Error::new(format!("{}: {message}", path.display()))
    }
}

impl std::error::Error for Error {}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", shorten(&inert(&self.message)))?;
        if let Some(loc) = &self.location {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(
                f,
                "{pad}--> {}:{}:{}",
                inert(&loc.path.display().to_string()),
                loc.line,
                loc.column
            )?;
            writeln!(f, "{pad} |")?;
            let shown = clip(&loc.source_line, loc.column, 100);
            writeln!(f, "{number} | {}", shown.text)?;
            let marks = "^".repeat(loc.width.clamp(1, shown.room));
            writeln!(f, "{pad} | {}{marks}", " ".repeat(shown.offset))?;
        }
        // Help is the program's own advice, never cut (the longest is some 350 characters);
        // only a help line made long by a value quoted in it is, past `HELP_CUT`.
        for line in &self.help {
            let shown = inert(line);
            if shown.chars().count() > HELP_CUT {
                writeln!(f, "  = {}", shorten(&shown))?;
            } else {
                writeln!(f, "  = {shown}")?;
            }
        }
        for e in &self.also {
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// Help lines up to this many characters are shown whole.
const HELP_CUT: usize = 1000;

/// A message naming a very long value keeps its start and its end, so it stays on one screen.
fn shorten(text: &str) -> String {
    const HEAD: usize = 80;
    const TAIL: usize = 150;
    let n = text.chars().count();
    if n <= HEAD + TAIL + 5 {
        return text.to_string();
    }
    let head: String = text.chars().take(HEAD).collect();
    let tail: String = text.chars().skip(n - TAIL).collect();
    format!("{head} ... {tail}")
}

struct Clipped {
    text: String,
    /// Characters before the column, as shown.
    offset: usize,
    /// Characters shown from the column on.
    room: usize,
}

/// Shows at most `max` characters of a line around `column`, made safe for a terminal.
fn clip(line: &str, column: usize, max: usize) -> Clipped {
    let chars: Vec<char> = inert(line).chars().collect();
    let col = column.saturating_sub(1).min(chars.len());
    let from = col.saturating_sub(max / 2);
    let to = (from + max).min(chars.len());
    let mut text: String = chars[from..to].iter().collect();
    let mut offset = col - from;
    if from > 0 {
        text.insert_str(0, "...");
        offset += 3;
    }
    if to < chars.len() {
        text.push_str("...");
    }
    Clipped {
        text,
        offset,
        room: to.saturating_sub(col).max(1),
    }
}

/// A file's text, for turning byte spans into located errors.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    pub(crate) path: &'a Path,
    pub(crate) text: &'a str,
    /// Byte offset of every line's first byte, so finding a line is a binary search (counting
    /// from the start of the file for each of 100,000 phases took minutes); counted on first
    /// use.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Source<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Source<'a> {
        Source {
            path,
            text,
            line_starts: std::cell::OnceCell::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            let mut v = vec![0];
            v.extend(
                self.text
                    .bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            );
            v
        })
    }

    /// 1-based line number of a byte offset.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.line_starts().partition_point(|&s| s <= offset).max(1)
    }

    /// The span of the value of the `key = value` on 1-based `line`, for errors found after
    /// parsing that point at a line.
    pub(crate) fn value_on_line(&self, line: usize) -> Range<usize> {
        let start = self
            .line_starts()
            .get(line - 1)
            .copied()
            .unwrap_or(self.text.len());
        let text = &self.text[start..];
        let len = text.find('\n').unwrap_or(text.len());
        let at = text[..len].find('=').map_or(0, |i| i + 1);
        let lead = text[at..len].len() - text[at..len].trim_start().len();
        start + at + lead..start + len
    }

    pub(crate) fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        let start = floor_char(self.text, span.start);
        let end = floor_char(self.text, span.end.max(start));
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let source_line = self.text[line_start..line_end].trim_end_matches('\r');
        let column = self.text[line_start..start].chars().count() + 1;
        let width = self.text[start..end.min(line_end).max(start)]
            .chars()
            .count();
        Error {
            message: message.into(),
            location: Some(Box::new(Location {
                path: self.path.to_path_buf(),
                line: self.line_of(start),
                column,
                source_line: source_line.to_string(),
                width,
            })),
            help: Vec::new(),
            also: Vec::new(),
            temporary: false,
        }
    }
}

fn floor_char(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn located_error_shows_file_line_and_caret() {
        let text = "[[phase]]\nname = \"x\"\ndue = 2021-02-30\n";
        let at = text.find("2021-02-30").unwrap();
        let err = Source::new(Path::new("s.toml"), text).error(at..at + 10, "bad date");
        let shown = err.to_string();
        assert_eq!(
            shown,
            "error: bad date\n --> s.toml:3:7\n  |\n3 | due = 2021-02-30\n  |       ^^^^^^^^^^\n"
        );
    }

    #[test]
    fn crlf_and_multibyte_columns() {
        let text = "a = 1\r\nnamé = \"x\"\r\n";
        let at = text.find('"').unwrap();
        let err = Source::new(Path::new("s.toml"), text).error(at..at + 3, "m");
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 8));
        assert_eq!(loc.source_line, "namé = \"x\"");
    }

    #[test]
    fn long_messages_keep_their_start_and_end() {
        let name = "n".repeat(100_000);
        let err = Error::new(format!("duplicate phase name `{name}`"))
            .help(format!("the first `{name}` is on line 2"));
        let shown = err.to_string();
        assert!(shown.lines().all(|l| l.chars().count() < 250), "{shown}");
        assert!(shown.starts_with("error: duplicate phase name `nnn"));
        assert!(shown.contains("nnn` is on line 2\n"));
        assert_eq!(shorten("short"), "short");
    }

    /// Help is never cut: a rule's examples (some 350 characters) are shown whole, at any
    /// length up to `HELP_CUT`; past it only a quoted value can have made the line so long.
    #[test]
    fn help_is_shown_whole() {
        for n in [235, 400, HELP_CUT - 4] {
            let help = format!("{} end", "x".repeat(n));
            let shown = Error::new("m").help(help.clone()).to_string();
            assert_eq!(shown, format!("error: m\n  = {help}\n"));
        }
        let long = Error::new("m").help("x".repeat(HELP_CUT + 1)).to_string();
        assert!(long.contains(" ... "), "{long}");
    }

    #[test]
    fn long_lines_are_clipped() {
        let line = "x".repeat(10_000);
        let err = Source::new(Path::new("s"), &line).error(5000..5001, "m");
        assert!(err.to_string().lines().all(|l| l.chars().count() < 130));
    }
}

#[cfg(test)]
mod inert_tests {
    use super::*;

    #[test]
    fn no_line_of_an_error_acts_on_a_terminal_or_a_ci_log() {
        let dir = Path::new("/tmp/\u{1b}]0;PWNED\u{7}/::error::dir");
        let text = "::error::x\n::warning::quoted \u{1b}[2J line\r\n";
        let err = Source::new(&dir.join("s.toml"), text)
            .error(11..20, "::error::message\n::add-mask::second line")
            .help("::notice::nearest names: `::error::a`")
            .help("\n::group::after a newline");
        let file = Error::file(dir, "no such file").help(format!("  {}", dir.display()));
        for shown in [err.to_string(), file.to_string()] {
            for line in shown.lines() {
                assert!(!line.trim_start().starts_with("::"), "{line:?}");
                assert!(!line.chars().any(char::is_control), "{line:?}");
                let ours = ["error: ", " --> ", "  |", "2 | ", "1 | ", "  = "];
                assert!(ours.iter().any(|p| line.starts_with(p)), "{line:?}");
            }
            assert!(shown.contains("\\u{1b}]0;PWNED\\u{7}"), "{shown}");
        }
    }
}

#[cfg(test)]
mod line_tests {
    use super::*;

    #[test]
    fn line_of_every_offset() {
        let text = "a\nbc\n\nd";
        let src = Source::new(Path::new("x"), text);
        let want = [1, 1, 2, 2, 2, 3, 4, 4];
        for (offset, line) in want.iter().enumerate() {
            assert_eq!(src.line_of(offset), *line, "offset {offset}");
        }
    }

    #[test]
    fn the_value_on_a_line() {
        let text = "[[phase]]\nname =   \"Q2\" # x\r\nkey=1\nnone";
        let src = Source::new(Path::new("x"), text);
        let value = |line| &text[src.value_on_line(line)];
        assert_eq!(value(2), "\"Q2\" # x\r");
        assert_eq!(value(3), "1");
        assert_eq!(value(4), "none");
    }
}
