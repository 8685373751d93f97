//! Reading a schedule file into a validated [`Schedule`].
//!
//! Every error names the file and, where there is one, the line, with the line shown.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use crate::duration::Days;
use crate::error::{Error, Result, Source};
use crate::model::{Document, Kind, Phase, Schedule};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    document: Option<RawDocument>,
    #[serde(default)]
    phase: Vec<Spanned<RawPhase>>,
    #[serde(default)]
    cadence: Vec<crate::cadence::RawCadence>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    title: Option<String>,
    timezone: Option<Spanned<String>>,
    warn: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// Reads and validates the schedule at `path`.
pub fn load(path: &Path) -> Result<Schedule> {
    let text = read_text(path)?;
    parse(&Source::new(path, &text))
}

/// Reads a file as UTF-8 text without its byte-order mark, with errors a person can act on.
pub fn read_text(path: &Path) -> Result<String> {
    if path.is_dir() {
        return Err(Error::file(path, "is a folder, not a schedule file"));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::file(path, describe_io(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..good].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::file(
            path,
            format!("line {line}: not UTF-8 text (byte {good}); save the file as UTF-8"),
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => e.to_string(),
    }
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
    for spanned in raw.phase {
        let span = spanned.span();
        let p = phase(spanned.into_inner(), span, source)?;
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
        cadences.push(crate::cadence::build(c, index, source)?);
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
    let err = match e.span() {
        Some(span) => source.error(span, message.as_str()),
        None => Error::file(source.path, message.as_str()),
    };
    if message.ends_with("expected a sequence") {
        err.help(
            "write each phase as its own `[[phase]]` table (and each cadence as `[[cadence]]`)",
        )
    } else {
        err
    }
}

fn document(raw: RawDocument, source: &Source) -> Result<Document> {
    if let Some(tz) = &raw.timezone {
        crate::zone::parse_zone(tz.get_ref()).map_err(|m| source.error(tz.span(), m))?;
    }
    Ok(Document {
        title: raw.title,
        timezone: raw.timezone.map(Spanned::into_inner),
        warn: raw.warn.map(|w| days_value(&w, source)).transpose()?,
    })
}

fn phase(raw: RawPhase, span: Range<usize>, source: &Source) -> Result<Phase> {
    let Some(name) = raw.name else {
        return Err(source.error(
            span.start..span.start,
            "this phase has no `name`: every [[phase]] needs one",
        ));
    };
    let name_span = name.span();
    let line = source.line_of(name_span.start);
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

/// A TOML date literal as a calendar date, with a clear error for anything else.
pub fn date_value(v: &Spanned<toml::Value>, source: &Source) -> Result<NaiveDate> {
    let err = |m: String| source.error(v.span(), m);
    match v.get_ref() {
        toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .ok_or_else(|| err(format!("{dt} is not a day on the calendar")))
            }
            (Some(_), _, _) => Err(err(format!(
                "expected a date, found the date and time {dt}: write just the date, like 2021-06-30"
            ))),
            (None, _, _) => Err(err(format!("expected a date, found the time {dt}"))),
        },
        toml::Value::String(s) => Err(err(format!(
            "expected a date, found the string {s:?}: write dates without quotes, like 2021-06-30"
        ))),
        other => Err(err(format!(
            "expected a date like 2021-06-30, found {}",
            type_name(other)
        ))),
    }
}

/// A span of days written as `"14d"`, `"2w"` or a whole number of days.
pub fn days_value(v: &Spanned<toml::Value>, source: &Source) -> Result<Days> {
    let err = |m: String| source.error(v.span(), m);
    match v.get_ref() {
        toml::Value::String(s) => s.parse().map_err(err),
        toml::Value::Integer(n) => u32::try_from(*n)
            .ok()
            .filter(|&n| n <= crate::duration::MAX_DAYS)
            .map(Days)
            .ok_or_else(|| {
                err(format!(
                    "{n} is not a number of days from 0 to {}",
                    crate::duration::MAX_DAYS
                ))
            }),
        other => Err(err(format!(
            "expected a span of days like \"14d\", found {}",
            type_name(other)
        ))),
    }
}

pub fn type_name(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}
