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

fn to_text<T: Serialize>(value: &T) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
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
