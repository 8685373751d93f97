//! Dates and day counts in words.

use chrono::{Datelike, NaiveDate};

use crate::engine::evaluate::Report;
use crate::io::text::inert_short;
use crate::schedule::phase::EventKind;
use crate::schedule::phase::{Kind, Phase};

/// "today", "tomorrow", "in 10 days", "yesterday", "3 days ago".
pub fn relative(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 1 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// "1 day overdue", "81 days overdue".
pub fn overdue(days: i64) -> String {
    format!("{} overdue", count(days, "day"))
}

/// "1 day", "2 days".
pub fn count(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// The line under a status table that shows only the most recent of `total` overdue rows.
pub fn more_overdue(more: u64, total: u64) -> String {
    let noun = if more == 1 { "milestone" } else { "milestones" };
    format!("... and {more} older overdue {noun}; `vision-sched overdue` lists all {total}.\n")
}

/// A phase's kind and its dates, as the phase lists show them:
/// ("window", "2021-06-14 - 2021-06-30"), ("milestone", "due 2021-06-30, done 2021-07-02"),
/// ("date", "on 2024-03-06"); a plan that moved says so: "due 2022-10-24, planned
/// 2022-10-03: 21 days late".
pub fn kind_and_dates(p: &Phase) -> (&'static str, String) {
    let dates = match p.kind {
        Kind::Window {
            start: Some(s),
            end,
        } => format!("{s} - {end}"),
        Kind::Window { start: None, end } => format!("until {end}"),
        Kind::Milestone { due, done: Some(d) } => format!("due {due}, done {d}"),
        Kind::Milestone { due, done: None } => format!("due {due}"),
        Kind::Date { on } => format!("on {on}"),
    };
    let moved = match (p.kind, p.planned_window()) {
        (Kind::Window { .. }, (s, e)) if s.is_some() || e.is_some() => {
            let shown = |d: Option<NaiveDate>| d.map_or("-".to_string(), |d| d.to_string());
            format!(", planned {} - {}", shown(s), shown(e))
        }
        _ => match (p.planned(), p.slip_days()) {
            (Some(planned), Some(slip)) => format!(", planned {planned}: {}", slip_words(slip)),
            _ => String::new(),
        },
    };
    let mut off = String::new();
    for s in p.scheduled() {
        let key = if matches!(p.kind, Kind::Window { .. }) {
            format!("{} ", s.key)
        } else {
            String::new()
        };
        off.push_str(&format!(
            ", {key}moved from {} ({})",
            date(s.date),
            s.why.as_str()
        ));
    }
    (p.kind.as_str(), format!("{dates}{moved}{off}"))
}

/// "21 days late", "3 days early", "on plan".
pub fn slip_words(days: i64) -> String {
    match days {
        0 => "on plan".to_string(),
        n if n > 0 => format!("{} late", count(n, "day")),
        n => format!("{} early", count(-n, "day")),
    }
}

/// "ends today", "ends tomorrow", "ends in 5 days".
pub fn ends(days_left: i64) -> String {
    format!("ends {}", relative(days_left))
}

/// "Wed 2021-06-30".
pub fn date(d: NaiveDate) -> String {
    format!("{} {}", d.weekday(), d.format("%Y-%m-%d"))
}

/// What an event means, for a reader.
pub fn event(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Start => "starts",
        EventKind::End => "ends",
        EventKind::Due => "due",
        EventKind::On => "on",
    }
}

/// The one-line summary at the top of `status`:
/// "2021-06-20 - 2021 Q2 revision process begins, day 7 of 17".
pub fn headline(report: &Report) -> String {
    let today = report.today.format("%Y-%m-%d");
    if report.current.is_empty() {
        return match report.upcoming.first() {
            Some(next) => format!(
                "{today} - no current phase; next: {} ({}, {})",
                inert_short(&next.phase.name),
                event(next.event),
                relative(next.days_until)
            ),
            None => format!("{today} - no current phase and nothing ahead"),
        };
    }
    let parts: Vec<String> = report
        .current
        .iter()
        .map(|c| match (c.day, c.length) {
            (Some(day), Some(length)) => {
                format!("{}, day {day} of {length}", inert_short(&c.phase.name))
            }
            _ => format!("{}, {}", inert_short(&c.phase.name), ends(c.days_left)),
        })
        .collect();
    format!("{today} - {}", parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_days() {
        let cases = [
            (0, "today"),
            (1, "tomorrow"),
            (10, "in 10 days"),
            (-1, "yesterday"),
            (-3, "3 days ago"),
        ];
        for (n, want) in cases {
            assert_eq!(relative(n), want);
        }
        assert_eq!(overdue(1), "1 day overdue");
        assert_eq!(overdue(81), "81 days overdue");
    }
}
