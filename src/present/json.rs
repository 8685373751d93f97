//! JSON output. The schema is documented in README and stable: fields are only ever added.

use chrono::NaiveDate;
use serde::Serialize;

use crate::engine::{Report, State};
use crate::model::{Kind, Phase};

#[derive(Serialize)]
struct Head<'a> {
    today: NaiveDate,
    timezone: &'a str,
}

#[derive(Serialize)]
struct CurrentJson<'a> {
    name: &'a str,
    start: Option<NaiveDate>,
    end: NaiveDate,
    day: Option<i64>,
    days: Option<i64>,
    days_left: i64,
}

#[derive(Serialize)]
struct UpcomingJson<'a> {
    name: &'a str,
    event: &'static str,
    date: NaiveDate,
    days_until: i64,
}

#[derive(Serialize)]
struct OverdueJson<'a> {
    name: &'a str,
    due: NaiveDate,
    days_overdue: i64,
}

#[derive(Serialize)]
struct PhaseJson<'a> {
    name: &'a str,
    kind: &'static str,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    due: Option<NaiveDate>,
    done: Option<NaiveDate>,
    state: &'static str,
    note: Option<&'a str>,
    url: Option<&'a str>,
}

fn current(r: &Report) -> Vec<CurrentJson<'_>> {
    r.current
        .iter()
        .map(|c| CurrentJson {
            name: &c.phase.name,
            start: c.start,
            end: c.end,
            day: c.day,
            days: c.length,
            days_left: c.days_left,
        })
        .collect()
}

fn upcoming(r: &Report) -> Vec<UpcomingJson<'_>> {
    r.upcoming
        .iter()
        .map(|u| UpcomingJson {
            name: &u.phase.name,
            event: u.event.as_str(),
            date: u.date,
            days_until: u.days_until,
        })
        .collect()
}

fn overdue(r: &Report) -> Vec<OverdueJson<'_>> {
    r.overdue
        .iter()
        .map(|o| OverdueJson {
            name: &o.phase.name,
            due: o.due,
            days_overdue: o.days_overdue,
        })
        .collect()
}

/// Pretty JSON with a final newline, safe to print on a terminal.
pub fn to_text<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    let mut s = escape_for_terminal(serde_json::to_string_pretty(value).unwrap_or_default());
    s.push('\n');
    s
}

/// serde_json escapes C0 controls but leaves DEL, C1 controls (U+009B is a one-character CSI)
/// and bidi overrides raw; escape them too. JSON text is ASCII outside strings, so each one is
/// inside a string, where `\uXXXX` means the same character.
fn escape_for_terminal(json: String) -> String {
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

pub fn status(r: &Report, timezone: &str) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        head: Head<'a>,
        current: Vec<CurrentJson<'a>>,
        upcoming: Vec<UpcomingJson<'a>>,
        overdue: Vec<OverdueJson<'a>>,
    }
    to_text(&Out {
        head: Head {
            today: r.today,
            timezone,
        },
        current: current(r),
        upcoming: upcoming(r),
        overdue: overdue(r),
    })
}

pub fn upcoming_list(r: &Report, timezone: &str) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        head: Head<'a>,
        upcoming: Vec<UpcomingJson<'a>>,
    }
    to_text(&Out {
        head: Head {
            today: r.today,
            timezone,
        },
        upcoming: upcoming(r),
    })
}

pub fn overdue_list(r: &Report, timezone: &str) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        head: Head<'a>,
        overdue: Vec<OverdueJson<'a>>,
    }
    to_text(&Out {
        head: Head {
            today: r.today,
            timezone,
        },
        overdue: overdue(r),
    })
}

pub fn phases(rows: &[(Phase, State)], today: NaiveDate, timezone: &str) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(flatten)]
        head: Head<'a>,
        phases: Vec<PhaseJson<'a>>,
    }
    let phases = rows
        .iter()
        .map(|(p, s)| {
            let (kind, start, end, due, done) = match p.kind {
                Kind::Window { start, end } => ("window", start, Some(end), None, None),
                Kind::Milestone { due, done } => ("milestone", None, None, Some(due), done),
            };
            PhaseJson {
                name: &p.name,
                kind,
                start,
                end,
                due,
                done,
                state: s.as_str(),
                note: p.note.as_deref(),
                url: p.url.as_deref(),
            }
        })
        .collect();
    to_text(&Out {
        head: Head { today, timezone },
        phases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
