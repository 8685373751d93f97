//! Reading a schedule file into a validated [`Schedule`].
//!
//! Every error names the file and, where there is one, the line, with the line shown.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Result, Source};
use crate::schedule::model::{Document, Schedule};
use crate::schedule::phase::{Kind, Phase};
use crate::schedule::values::{date_value, days_value};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    document: Option<RawDocument>,
    #[serde(default, deserialize_with = "phase_tables")]
    phase: Vec<Spanned<RawPhase>>,
    #[serde(default)]
    cadence: Vec<crate::schedule::cadence::RawCadence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table, written [document]")]
struct RawDocument {
    title: Option<String>,
    timezone: Option<Spanned<String>>,
    warn: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table, written [[phase]]")]
struct RawPhase {
    name: Option<Spanned<String>>,
    start: Option<Spanned<toml::Value>>,
    end: Option<Spanned<toml::Value>>,
    until: Option<Spanned<toml::Value>>,
    due: Option<Spanned<toml::Value>>,
    done: Option<Spanned<toml::Value>>,
    note: Option<String>,
    url: Option<String>,
    warn: Option<Spanned<toml::Value>>,
}

/// `phase` as an array of tables, saying so when it is something else (`phase = 5`, `[phase]`).
fn phase_tables<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<Spanned<RawPhase>>, D::Error> {
    struct Tables;
    impl<'de> serde::de::Visitor<'de> for Tables {
        type Value = Vec<Spanned<RawPhase>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array of tables, written [[phase]]")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
            while let Some(p) = seq.next_element()? {
                v.push(p);
            }
            Ok(v)
        }
    }
    d.deserialize_seq(Tables)
}

/// Reads and validates the schedule at `path`, reading the file exactly once.
pub fn load(path: &Path) -> Result<Schedule> {
    from_bytes(path, crate::io::read::bytes(path, "a schedule file")?)
}

/// Validates a schedule file's bytes; `path` is only for messages.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Schedule> {
    let text = text_of(path, bytes)?;
    parse(&Source::new(path, &text))
}

/// A file's bytes as UTF-8 text without its byte-order mark.
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let mut text = String::from_utf8(bytes).map_err(|e| not_utf8(path, e.as_bytes()))?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Points at the first byte that is not UTF-8, showing its line.
fn not_utf8(path: &Path, bytes: &[u8]) -> Error {
    let good = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    // Up to the end of the bad line only: the rest of a large file is not needed.
    let end = bytes[good..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| good + i);
    let text = String::from_utf8_lossy(&bytes[..end]);
    Source::new(path, &text).error(
        good..good + 1,
        format!("not UTF-8 text (byte {good}): save the file as UTF-8"),
    )
}

/// Parses and validates schedule text (already without a byte-order mark).
pub fn parse(source: &Source) -> Result<Schedule> {
    let raw: RawFile = toml::from_str(source.text).map_err(|e| toml_error(source, &e))?;
    let document = match raw.document {
        Some(d) => document(d, source)?,
        None => Document::default(),
    };
    let mut phases = Vec::with_capacity(raw.phase.len());
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(raw.phase.len());
    let mut lines = Lines::new(source.text);
    for spanned in raw.phase {
        let span = spanned.span();
        let p = phase(spanned.into_inner(), span, source, &mut lines)?;
        if let Some(first) = seen.insert(p.name.clone(), p.line) {
            let at = name_span(source, p.line);
            return Err(source
                .error(at, format!("duplicate phase name `{}`", p.name))
                .help(format!("the first `{}` is on line {first}", p.name)));
        }
        phases.push(p);
    }
    let mut cadences = Vec::with_capacity(raw.cadence.len());
    for (index, c) in raw.cadence.into_iter().enumerate() {
        cadences.push(crate::schedule::cadence::build(c, index, source)?);
    }
    Ok(Schedule {
        document,
        phases,
        cadences,
    })
}

/// Turns a TOML or serde error into a located one.
pub fn toml_error(source: &Source, e: &toml::de::Error) -> Error {
    let message = e.message().trim().replace('\n', "; ");
    // The toml crate reports a key nested too deeply (`a.a.a...`) without a place.
    let deep = || {
        message
            .contains("recursion limit")
            .then(|| deep_key(source.text))
            .flatten()
    };
    match (e.span(), deep()) {
        (Some(span), _) => source.error(span, message),
        (None, Some(span)) => source.error(span, "a key nested too deeply (at most 80 levels)"),
        (None, None) => Error::file(source.path, message),
    }
}

/// The first dotted key with more parts than the toml crate accepts (80), or near that.
fn deep_key(text: &str) -> Option<Range<usize>> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let key = line.split('=').next().unwrap_or(line);
        if key.matches('.').count() >= 64 {
            let lead = key.len() - key.trim_start().len();
            return Some(at + lead..at + key.trim_end().len());
        }
        at += line.len();
    }
    None
}

fn document(raw: RawDocument, source: &Source) -> Result<Document> {
    if let Some(tz) = &raw.timezone {
        crate::schedule::zone::parse_zone(tz.get_ref()).map_err(|m| source.error(tz.span(), m))?;
    }
    Ok(Document {
        title: raw.title,
        timezone: raw.timezone.map(Spanned::into_inner),
        warn: raw.warn.map(|w| days_value(&w, source)).transpose()?,
    })
}

fn phase(raw: RawPhase, span: Range<usize>, source: &Source, lines: &mut Lines) -> Result<Phase> {
    let Some(name) = raw.name else {
        return Err(source.error(
            span.start..span.start,
            "this phase has no `name`: every [[phase]] needs one",
        ));
    };
    let name_span = name.span();
    let line = lines.line_of(name_span.start);
    let name = name.into_inner();
    if name.trim().is_empty() {
        return Err(source.error(name_span, "a phase name cannot be empty"));
    }
    if name.chars().any(char::is_control) {
        return Err(source.error(
            name_span,
            "a phase name cannot hold control characters (newlines, tabs, escapes, NUL)",
        ));
    }
    let date =
        |v: &Option<Spanned<toml::Value>>| v.as_ref().map(|v| date_value(v, source)).transpose();
    let (start, end, until, due, done) = (
        date(&raw.start)?,
        date(&raw.end)?,
        date(&raw.until)?,
        date(&raw.due)?,
        date(&raw.done)?,
    );
    let here = |v: &Option<Spanned<toml::Value>>| v.as_ref().map_or(name_span.clone(), key_span);
    let kinds = [
        (
            start.is_some() || end.is_some(),
            "`start`/`end`",
            &raw.start,
        ),
        (until.is_some(), "`until`", &raw.until),
        (due.is_some(), "`due`", &raw.due),
    ];
    let given: Vec<_> = kinds.iter().filter(|k| k.0).collect();
    if given.len() > 1 {
        let second = given[1];
        let at = if second.2.is_some() {
            here(second.2)
        } else {
            here(&raw.end)
        };
        return Err(source.error(
            at,
            format!(
                "phase `{name}` has both {} and {}: a phase is a window (`start` and `end`, or `until`) or a milestone (`due`)",
                given[0].1, second.1
            ),
        ));
    }
    let kind = match (start, end, until, due) {
        (Some(s), Some(e), None, None) => {
            if e < s {
                return Err(source.error(
                    here(&raw.end),
                    format!("phase `{name}` ends ({e}) before it starts ({s})"),
                ));
            }
            Kind::Window {
                start: Some(s),
                end: e,
            }
        }
        (Some(_), None, None, None) => {
            return Err(source.error(
                here(&raw.start),
                format!("phase `{name}` has `start` but no `end`"),
            ));
        }
        (None, Some(_), None, None) => {
            return Err(source.error(
                here(&raw.end),
                format!("phase `{name}` has `end` but no `start` (write `until` for a window with no start)"),
            ));
        }
        (None, None, Some(u), None) => Kind::Window {
            start: None,
            end: u,
        },
        (None, None, None, Some(d)) => Kind::Milestone { due: d, done: None },
        _ => {
            return Err(source.error(
                name_span,
                format!("phase `{name}` has no date: give it `start` and `end` (a window), `until` (a window with no start) or `due` (a milestone)"),
            ));
        }
    };
    let kind = match (kind, done) {
        (Kind::Milestone { due, .. }, done) => Kind::Milestone { due, done },
        (Kind::Window { .. }, Some(_)) => {
            return Err(source.error(
                here(&raw.done),
                format!(
                    "phase `{name}` is a window: `done` belongs to milestones (phases with `due`)"
                ),
            ));
        }
        (k, None) => k,
    };
    let mut p = Phase::new(name, kind, line);
    p.note = raw.note;
    p.url = raw.url;
    p.warn = raw.warn.map(|w| days_value(&w, source)).transpose()?;
    Ok(p)
}

/// Line numbers of offsets that mostly increase, in linear time: counting from the start of the
/// file for each phase made 100,000 phases take minutes.
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// 1-based line of a byte offset; counts on from the last offset asked about.
    fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        let newlines = self.text.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        (self.offset, self.line) = (offset, self.line + newlines);
        self.line
    }
}

/// The span of a value, for pointing at it.
fn key_span(v: &Spanned<toml::Value>) -> Range<usize> {
    v.span()
}

/// The span of a phase's `name` value on `line`, for errors found after parsing.
fn name_span(source: &Source, line: usize) -> Range<usize> {
    let start: usize = source
        .text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let text = &source.text[start..];
    let len = text.find('\n').unwrap_or(text.len());
    let at = text[..len].find('=').map_or(0, |i| i + 1);
    let lead = text[at..len].len() - text[at..len].trim_start().len();
    let s = start + at + lead;
    s..start + len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_agree_with_counting_from_the_start() {
        let text = "a\nbb\n\nccc\ré\n";
        let source = Source::new(Path::new("s"), text);
        let mut lines = Lines::new(text);
        for offset in [0, 1, 2, 5, 6, 7, 3, 0, 12, 40, 9] {
            assert_eq!(
                lines.line_of(offset),
                source.line_of(offset.min(text.len())),
                "{offset}"
            );
        }
    }

    /// Regression: each phase's line was counted from the start of the file, so 100,000 phases
    /// took minutes. 20,000 phases now parse in well under a second, even in a debug build.
    #[test]
    fn many_phases_parse_in_linear_time() {
        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(&format!("[[phase]]\nname = \"p{i}\"\ndue = 2021-06-30\n"));
        }
        let started = std::time::Instant::now();
        let s = parse(&Source::new(Path::new("s"), &text)).unwrap();
        assert_eq!(s.phases[19_999].line, 3 * 19_999 + 2);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }
}
