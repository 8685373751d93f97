//! JSON output. The schema is documented in README and stable: fields are only ever added.
//!
//! A date is `"YYYY-MM-DD"`, or `"tba"` where the schedule says it is to be announced (a
//! window's `end`, a milestone's `due`, a key date's `on`, a `planned` date): the same word as
//! the schedule, and sorted as text it comes after every date.
//!
//! Objects are written field by field, and long lists entry by entry, so a list of millions of
//! overdue milestones is written in constant memory; the text is what `serde_json`'s pretty
//! printer gives for the whole object.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::engine::evaluate::{Listed, Report, State, Tba};
use crate::engine::overdue::Overdue;
use crate::present::{Docs, View};
use crate::schedule::owners::Owners;
use crate::schedule::phase::{Kind, Phase, When};

/// A date as JSON gives it: `"2021-06-30"`, or `"tba"` when it is to be announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateJson(pub(crate) When);

impl Serialize for DateJson {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            When::On(d) => d.serialize(s),
            When::Tba => s.serialize_str("tba"),
        }
    }
}

#[derive(Serialize)]
struct CurrentJson<'a> {
    name: &'a str,
    start: Option<NaiveDate>,
    end: DateJson,
    day: Option<i64>,
    days: Option<i64>,
    /// Null while the end is to be announced.
    days_left: Option<i64>,
}

#[derive(Serialize)]
struct UpcomingJson<'a> {
    name: &'a str,
    event: &'static str,
    date: NaiveDate,
    days_until: i64,
    /// For a `due` or `on` event whose plan moved: the date first planned ("tba" when it was
    /// announced late).
    planned: Option<DateJson>,
    slip_days: Option<i64>,
}

/// An event whose date is to be announced.
#[derive(Serialize)]
struct TbaJson<'a> {
    name: &'a str,
    event: &'static str,
    /// The date first planned, when there was one (a date postponed to be announced).
    planned: Option<DateJson>,
}

#[derive(Serialize)]
struct OverdueJson {
    name: String,
    due: NaiveDate,
    days_overdue: i64,
    planned: Option<DateJson>,
    slip_days: Option<i64>,
}

#[derive(Serialize)]
struct PhaseJson<'a> {
    name: &'a str,
    kind: &'static str,
    start: Option<NaiveDate>,
    end: Option<DateJson>,
    due: Option<DateJson>,
    done: Option<NaiveDate>,
    state: &'static str,
    note: Option<&'a str>,
    url: Option<&'a str>,
    /// A key date's day.
    on: Option<DateJson>,
    /// A milestone's or key date's date first planned, and how far it moved.
    planned: Option<DateJson>,
    slip_days: Option<i64>,
    /// A window's dates first planned.
    planned_start: Option<DateJson>,
    planned_end: Option<DateJson>,
    /// Dates written relative to another phase, by key, as written; null when none are.
    from: Option<std::collections::BTreeMap<&'static str, &'a str>>,
    /// Dates that moved off a day off, by key: the date as scheduled; null when none moved.
    scheduled: Option<std::collections::BTreeMap<&'static str, NaiveDate>>,
    /// Why each of those moved: `weekend` or `holiday`.
    moved_because: Option<std::collections::BTreeMap<&'static str, &'static str>>,
}

/// A milestone's or key date's plan and slip, as JSON shows them beside its date.
fn plan(p: &Phase) -> (Option<DateJson>, Option<i64>) {
    match p.kind {
        Kind::Window { .. } => (None, None),
        _ => (p.planned().map(DateJson), p.slip_days()),
    }
}

fn current<'a>(r: &'a Report, docs: &'a Docs) -> Vec<InDocument<'a, CurrentJson<'a>>> {
    r.current
        .iter()
        .map(|c| {
            tagged(
                docs,
                c.doc,
                c.phase.owners(),
                CurrentJson {
                    name: &c.phase.name,
                    start: c.start,
                    end: DateJson(c.end),
                    day: c.day,
                    days: c.length,
                    days_left: c.days_left,
                },
            )
        })
        .collect()
}

fn upcoming<'a>(r: &'a Report, docs: &'a Docs) -> Vec<InDocument<'a, UpcomingJson<'a>>> {
    r.upcoming
        .iter()
        .map(|u| {
            let (planned, slip_days) = plan(&u.phase);
            let entry = UpcomingJson {
                name: &u.phase.name,
                event: u.event.as_str(),
                date: u.date,
                days_until: u.days_until,
                planned,
                slip_days,
            };
            tagged(docs, u.doc, u.phase.owners(), entry)
        })
        .collect()
}

fn tba<'a>(r: &'a Report, docs: &'a Docs) -> Vec<InDocument<'a, TbaJson<'a>>> {
    r.tba
        .iter()
        .map(|t: &Tba| {
            let entry = TbaJson {
                name: &t.phase.name,
                event: t.event.as_str(),
                planned: plan(&t.phase).0,
            };
            tagged(docs, t.doc, t.phase.owners(), entry)
        })
        .collect()
}

impl From<Overdue> for OverdueJson {
    fn from(o: Overdue) -> OverdueJson {
        let (planned, slip_days) = plan(&o.phase);
        OverdueJson {
            name: o.phase.name,
            due: o.due,
            days_overdue: o.days_overdue,
            planned,
            slip_days,
        }
    }
}

/// A row of a listing, serialized as its phase's JSON in its document, on the listing's today.
struct PhaseRow<'d>(&'d Docs, Listed, NaiveDate);

impl Serialize for PhaseRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let PhaseRow(docs, l, today) = self;
        let today = docs.today(l.doc, *today);
        tagged(
            docs,
            l.doc,
            l.phase.owners(),
            phase_json(&l.phase, l.state, today),
        )
        .serialize(s)
    }
}

/// A phase's JSON on `today`: a `done` after today is not shown, as it has not happened yet.
fn phase_json(p: &Phase, s: State, today: NaiveDate) -> PhaseJson<'_> {
    let (start, end, due, done, on) = match p.kind {
        Kind::Window { start, end } => (start, Some(DateJson(end)), None, None, None),
        Kind::Milestone { due, done } => (
            None,
            None,
            Some(DateJson(due)),
            done.filter(|d| *d <= today),
            None,
        ),
        Kind::KeyDate { on } => (None, None, None, None, Some(DateJson(on))),
    };
    let (planned, slip_days) = plan(p);
    let (planned_start, planned_end) = match p.kind {
        Kind::Window { .. } => {
            let (s, e) = p.planned_window();
            (s.map(DateJson), e.map(DateJson))
        }
        _ => (None, None),
    };
    let from = (!p.from().is_empty()).then(|| {
        p.from()
            .iter()
            .map(|d| (d.key, d.written.as_str()))
            .collect()
    });
    let moved = !p.scheduled().is_empty();
    let scheduled = moved.then(|| p.scheduled().iter().map(|s| (s.key, s.date)).collect());
    let moved_because = moved.then(|| {
        p.scheduled()
            .iter()
            .map(|s| (s.key, s.why.as_str()))
            .collect()
    });
    PhaseJson {
        name: &p.name,
        kind: p.kind.as_str(),
        start,
        end,
        due,
        done,
        state: s.as_str(),
        note: p.note(),
        url: p.url(),
        on,
        planned,
        slip_days,
        planned_start,
        planned_end,
        from,
        scheduled,
        moved_because,
    }
}

/// An entry with, when the documents have owners, its phase's; and when there are several
/// documents, the document it is in.
#[derive(Serialize)]
pub(crate) struct InDocument<'a, T: Serialize> {
    #[serde(flatten)]
    entry: T,
    #[serde(skip_serializing_if = "Option::is_none")]
    owners: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
}

#[derive(Serialize)]
struct DocumentJson<'a> {
    name: &'a str,
    file: &'a str,
}

/// `entry`, with its phase's `owners` when `docs` have owners (a list, empty for none), and
/// `document` and `file` when `docs` has several.
pub(crate) fn tagged<'a, T: Serialize>(
    docs: &'a Docs,
    doc: usize,
    owners: &Owners,
    entry: T,
) -> InDocument<'a, T> {
    let many = docs.many();
    InDocument {
        entry,
        owners: docs.owners.then(|| owners.names().to_vec()),
        document: many.then(|| docs.name(doc)),
        file: many.then(|| docs.file(doc)),
    }
}

/// Writes a view as one JSON object. With several documents, a `documents` list (name and
/// file of each) comes after `timezone`, and every entry gains `document` and `file`.
pub(crate) fn write(
    view: View,
    docs: &Docs,
    timezone: &str,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let today = match view {
        View::Status(r) | View::Upcoming(r) => r.today,
        View::Overdue(list) => list.today(),
        View::Phases(listing) => listing.today(),
    };
    let mut obj = Object::start(out)?;
    obj.field("today", &today)?;
    obj.field("timezone", &timezone)?;
    if docs.many() {
        let list: Vec<DocumentJson> = (0..docs.names.len())
            .map(|i| DocumentJson {
                name: docs.name(i),
                file: docs.file(i),
            })
            .collect();
        obj.field("documents", &list)?;
    }
    let overdue = |o: Overdue| {
        let (doc, owners) = (o.doc, o.phase.owners().clone());
        tagged(docs, doc, &owners, OverdueJson::from(o))
    };
    match view {
        View::Status(r) => {
            obj.field("current", &current(r, docs))?;
            obj.field("upcoming", &upcoming(r, docs))?;
            obj.field("tba", &tba(r, docs))?;
            obj.list("overdue", r.overdue.iter().map(overdue))?;
        }
        View::Upcoming(r) => {
            obj.field("upcoming", &upcoming(r, docs))?;
            obj.field("tba", &tba(r, docs))?;
        }
        View::Overdue(list) => obj.list("overdue", list.iter().map(overdue))?,
        View::Phases(listing) => {
            let today = listing.today();
            obj.list("phases", listing.iter().map(|l| PhaseRow(docs, l, today)))?;
        }
    }
    obj.end()
}

/// A pretty-printed object written one field at a time.
pub(crate) struct Object<'w> {
    out: &'w mut dyn Write,
    fields: usize,
}

impl<'w> Object<'w> {
    pub(crate) fn start(out: &'w mut dyn Write) -> std::io::Result<Object<'w>> {
        out.write_all(b"{")?;
        Ok(Object { out, fields: 0 })
    }

    fn key(&mut self, key: &str) -> std::io::Result<()> {
        let sep = if self.fields == 0 { "\n" } else { ",\n" };
        self.fields += 1;
        write!(self.out, "{sep}  \"{key}\": ")
    }

    /// `"key": value`, the value pretty-printed at this depth.
    pub(crate) fn field<T: Serialize>(&mut self, key: &str, value: &T) -> std::io::Result<()> {
        self.key(key)?;
        self.out.write_all(indented(value, 1).as_bytes())
    }

    /// `"key": [...]`, the entries written as they come.
    pub(crate) fn list<T: Serialize>(
        &mut self,
        key: &str,
        items: impl Iterator<Item = T>,
    ) -> std::io::Result<()> {
        self.key(key)?;
        let mut n = 0;
        for item in items {
            let sep = if n == 0 { "[\n    " } else { ",\n    " };
            self.out.write_all(sep.as_bytes())?;
            self.out.write_all(indented(&item, 2).as_bytes())?;
            n += 1;
        }
        self.out.write_all(if n == 0 { b"[]" } else { b"\n  ]" })
    }

    pub(crate) fn end(self) -> std::io::Result<()> {
        self.out
            .write_all(if self.fields == 0 { b"}\n" } else { b"\n}\n" })
    }
}

/// A value pretty-printed as if `depth` levels deep in an object.
fn indented<T: Serialize>(value: &T, depth: usize) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    let text = escape_for_terminal(serde_json::to_string_pretty(value).unwrap_or_default());
    text.replace('\n', &format!("\n{}", "  ".repeat(depth)))
}

/// `value` as compact JSON on one line, escaped as every JSON output is
/// ([`escape_for_terminal`]): for a value that must hold no line break, a GitHub step's output
/// or a badge's endpoint file.
pub(crate) fn one_line<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    escape_for_terminal(serde_json::to_string(value).unwrap_or_default())
}

/// `serde_json` escapes C0 controls but leaves DEL, C1 controls (U+009B is a one-character CSI)
/// and bidi overrides raw; escape them too, and the `[` of a CI log command (`##[error]`,
/// [`crate::io::text::defuse`]). JSON text is ASCII outside strings, so each one is inside a
/// string, where `\uXXXX` means the same character: the data is unchanged.
fn escape_for_terminal(json: String) -> String {
    let json = match crate::io::text::defuse(&json, "\\u005b") {
        std::borrow::Cow::Borrowed(_) => json,
        std::borrow::Cow::Owned(defused) => defused,
    };
    let risky = |c: char| matches!(c, '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    if !json.contains(risky) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 32);
    for c in json.chars() {
        if risky(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pretty JSON with a final newline, escaped as every JSON output is.
    fn to_text<T: Serialize>(value: &T) -> String {
        let mut s = escape_for_terminal(serde_json::to_string_pretty(value).unwrap());
        s.push('\n');
        s
    }

    #[test]
    fn c1_del_and_bidi_are_escaped_and_keep_their_meaning() {
        let text = "a\u{9b}31m \u{7f} \u{202e}x\u{2069} é \u{1b}";
        let json = to_text(&serde_json::json!({ "name": text }));
        assert!(json.is_ascii() || json.contains('é'));
        assert!(
            !json.contains(|c: char| c.is_control() && c != '\n'),
            "{json}"
        );
        assert!(
            json.contains("\\u009b31m") && json.contains("\\u202e"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["name"], text);
    }

    #[test]
    fn objects_written_by_field_match_the_pretty_printer() {
        #[derive(Serialize)]
        struct Entry {
            name: &'static str,
            n: i64,
        }
        #[derive(Serialize)]
        struct Whole {
            today: &'static str,
            empty: Vec<Entry>,
            list: Vec<Entry>,
        }
        let whole = Whole {
            today: "2021-06-20",
            empty: vec![],
            list: vec![
                Entry { name: "a", n: 1 },
                Entry {
                    name: "b\u{1b}",
                    n: 2,
                },
            ],
        };
        let mut out = Vec::new();
        let mut obj = Object::start(&mut out).unwrap();
        obj.field("today", &whole.today).unwrap();
        obj.list("empty", std::iter::empty::<Entry>()).unwrap();
        obj.list("list", whole.list.iter()).unwrap();
        obj.end().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), to_text(&whole));
    }
}
