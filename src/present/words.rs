//! Dates and spans in words, and the status headline.
//!
//! **Spans.** A span of under [`LONG_SPAN`] days (60) is said in days: "in 10 days", "59 days
//! overdue". From 60 days on, tables and Markdown say it in calendar months and days ("in 2
//! months 12 days", "3 months ago"), and from a year on in years and months, the days dropped
//! ("in 2 years 10 months": at least that long). The months are [`crate::dates::elapsed`]'s,
//! counted from the earlier date as a relative date's `+ 1m` counts them. JSON, `remind` and
//! `check` keep exact days.
//!
//! **The headline** ([`headline`]) is one line: today, then the first current window with its
//! progress and how many more are current, or else what comes next, then how many milestones
//! are overdue: "2026-12-01 - 2026 Q4 revision process begins, day 2 of 12; 23 overdue",
//! "2024-06-01 - v18 Maintenance, day 228 of 561, and 2 more". It never exceeds the width it is
//! given. What gives way, in turn: the name is cut (with `…`) down to [`NAME_MIN`] columns; the
//! count of the others ("and 2 more") goes; the progress ("day 2 of 12", "(starts, in 5 days)")
//! goes; the name is cut down to [`NAME_FLOOR`] columns; the overdue count goes; last, the line
//! itself is cut.

use chrono::{Datelike, NaiveDate};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::dates::{days_between, elapsed};
use crate::engine::evaluate::{Current, Derivation, Report};
use crate::io::text::inert_short;
use crate::present::Docs;
use crate::schedule::phase::EventKind;
use crate::schedule::phase::{Kind, Phase, When};

/// What every output says for a date to be announced (`"tba"` in the schedule).
pub(crate) const TBA: &str = "to be announced";

/// Spans of this many days or more are said in months (and years), not days.
pub(crate) const LONG_SPAN: i64 = 60;

/// A phase's owners as a table's Who column shows them: "Comms, Docs Lead"; empty for none.
pub(crate) fn who(p: &Phase) -> String {
    p.owners().names().join(", ")
}

/// "(owner: Docs Lead)", "(owners: Comms, Docs Lead)", as `remind`'s lines and `check`'s
/// messages end; empty for a phase with none.
pub(crate) fn owned_by(p: &Phase) -> String {
    match p.owners().names() {
        [] => String::new(),
        [one] => format!(" (owner: {one})"),
        many => format!(" (owners: {})", many.join(", ")),
    }
}

/// "today", "tomorrow", "in 10 days", "yesterday", "3 days ago": always in days, as `remind`
/// and `check` say them.
pub(crate) fn relative(days: i64) -> String {
    match days {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 1 => format!("in {n} days"),
        n => format!("{} days ago", -n),
    }
}

/// "10 days", "2 months 12 days", "1 year", "2 years 10 months": the span between two dates, in
/// either order, as the module's documentation says.
pub(crate) fn span(a: NaiveDate, b: NaiveDate) -> String {
    let days = days_between(a, b).abs();
    if days < LONG_SPAN {
        return count(days, "day");
    }
    let e = elapsed(a, b);
    let mut parts = Vec::new();
    if e.years > 0 {
        parts.push(count(e.years, "year"));
    }
    if e.months > 0 {
        parts.push(count(e.months, "month"));
    }
    // Days are dropped past a year: "2 years 10 months" is plenty.
    if e.years == 0 && e.days > 0 {
        parts.push(count(e.days, "day"));
    }
    parts.join(" ")
}

/// `date` seen from `today`, for tables: "today", "tomorrow", "yesterday", "in 10 days",
/// "3 days ago", and past 60 days "in 2 months 12 days", "3 months ago".
pub(crate) fn when(today: NaiveDate, date: NaiveDate) -> String {
    match days_between(today, date) {
        0 => "today".into(),
        1 => "tomorrow".into(),
        -1 => "yesterday".into(),
        n if n > 1 => format!("in {}", span(today, date)),
        _ => format!("{} ago", span(today, date)),
    }
}

/// A milestone due on `due`, seen from `today`, for tables: "1 day overdue", "2 months 20 days
/// overdue".
pub(crate) fn overdue_on(due: NaiveDate, today: NaiveDate) -> String {
    format!("{} overdue", span(due, today))
}

/// The widest [`overdue_on`] a milestone due on or after `due` can read on `today`: a long
/// list's Overdue column is that wide before its every row is known.
pub(crate) fn widest_overdue(due: NaiveDate, today: NaiveDate) -> usize {
    let e = elapsed(due, today);
    let mut widest = ["59 days overdue", "11 months 30 days overdue"].map(str::len);
    if e.years > 0 {
        widest[0] = format!("{} years 11 months overdue", e.years).len();
    }
    widest.into_iter().max().unwrap_or(0)
}

/// A current window's progress on `today`: "day 7 of 17, ends in 10 days", for a window with
/// no start "ends in 2 months 11 days", for one whose end is to be announced "day 7, end to be
/// announced".
pub(crate) fn progress(c: &Current, today: NaiveDate) -> String {
    let ends = match c.end {
        When::On(end) => format!("ends {}", when(today, end)),
        When::Tba => format!("end {TBA}"),
    };
    match (c.day, c.length) {
        (Some(d), Some(l)) => format!("day {d} of {l}, {ends}"),
        (Some(d), None) => format!("day {d}, {ends}"),
        _ => ends,
    }
}

/// "1 day overdue", "81 days overdue".
pub(crate) fn overdue(days: i64) -> String {
    format!("{} overdue", count(days, "day"))
}

/// "1 day", "2 days".
pub(crate) fn count(n: i64, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// The line under a status table that shows only the most recent of `total` overdue rows.
pub(crate) fn more_overdue(more: u64, total: u64) -> String {
    let noun = if more == 1 { "milestone" } else { "milestones" };
    format!("... and {more} older overdue {noun}; `vision-sched overdue` lists all {total}.\n")
}

/// A date as the phase lists show it: `2021-06-30`, or "to be announced".
pub(crate) fn iso(w: When) -> String {
    match w {
        When::On(d) => d.to_string(),
        When::Tba => TBA.to_string(),
    }
}

/// A phase's kind and its dates on `today`, as the phase lists show them:
/// ("window", "2021-06-14 - 2021-06-30"), ("milestone", "due 2021-06-30, done 2021-07-02"),
/// ("date", "on 2024-03-06"), ("milestone", "due: to be announced"); a `done` after today is
/// not shown (it has not happened yet on that day). A plan that moved says so: "due
/// 2022-10-24, planned 2022-10-03: 21 days late"; a window's plan gives both its days, the one
/// that did not move as it is, and how each side moved: "2025-05-20 - 2025-06-30, planned
/// 2025-05-15 - 2025-06-30: starts 5 days late"; a date first to be announced was "announced
/// late".
pub(crate) fn kind_and_dates(p: &Phase, today: NaiveDate) -> (&'static str, String) {
    let done = match p.kind {
        Kind::Milestone { done: Some(d), .. } if d <= today => Some(d),
        _ => None,
    };
    let dates = match p.kind {
        Kind::Window {
            start: Some(s),
            end,
        } => format!("{s} - {}", iso(end)),
        Kind::Window { start: None, end } => format!("until {}", iso(end)),
        Kind::Milestone { due: When::Tba, .. } => format!("due: {TBA}"),
        Kind::Milestone {
            due: When::On(due), ..
        } => format!("due {due}"),
        Kind::KeyDate { on: When::Tba } => format!("on: {TBA}"),
        Kind::KeyDate { on: When::On(on) } => format!("on {on}"),
    };
    let done = done.map_or(String::new(), |d| format!(", done {d}"));
    let moved = match (p.kind, p.planned_window()) {
        (Kind::Window { start, end }, (ps, pe)) if ps.is_some() || pe.is_some() => {
            let now_start = start.map(When::On);
            let (ps, pe) = (ps.or(now_start), pe.unwrap_or(end));
            let mut sides = Vec::new();
            if let (Some(planned), Some(now)) = (ps, now_start)
                && planned != now
            {
                sides.push(format!("starts {}", moved_by(planned, now)));
            }
            if pe != end {
                sides.push(format!("ends {}", moved_by(pe, end)));
            }
            let planned = match ps {
                Some(s) => format!("{} - {}", iso(s), iso(pe)),
                None => format!("until {}", iso(pe)),
            };
            if sides.is_empty() {
                format!(", planned {planned}")
            } else {
                format!(", planned {planned}: {}", sides.join(", "))
            }
        }
        (Kind::Milestone { due: d, .. } | Kind::KeyDate { on: d }, _) => match p.planned() {
            Some(When::Tba) if !d.is_tba() => ", announced late".to_string(),
            Some(planned) => format!(", planned {}: {}", iso(planned), moved_by(planned, d)),
            None => String::new(),
        },
        (Kind::Window { .. }, _) => String::new(),
    };
    let dates = format!("{dates}{done}");
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

/// How a date moved from its plan, either of them perhaps to be announced: [`slip`]'s words,
/// "announced late" (the plan was to be announced) or "postponed, to be announced".
pub(crate) fn moved_by(planned: When, now: When) -> String {
    match (planned, now) {
        (When::On(p), When::On(d)) => slip(p, d),
        (When::Tba, When::On(_)) => "announced late".to_string(),
        (When::On(_), When::Tba) => format!("postponed, {TBA}"),
        (When::Tba, When::Tba) => "on plan".to_string(),
    }
}

/// "21 days late", "3 days early", "on plan", "3 months late": how far a date moved from its
/// plan.
pub(crate) fn slip(planned: NaiveDate, date: NaiveDate) -> String {
    match days_between(planned, date) {
        0 => "on plan".to_string(),
        n if n > 0 => format!("{} late", span(planned, date)),
        _ => format!("{} early", span(planned, date)),
    }
}

/// "Wed 2021-06-30".
pub(crate) fn date(d: NaiveDate) -> String {
    format!("{} {}", d.weekday(), d.format("%Y-%m-%d"))
}

/// "Wed 2021-06-30", or "to be announced".
pub(crate) fn day(w: When) -> String {
    match w {
        When::On(d) => date(d),
        When::Tba => TBA.to_string(),
    }
}

/// The title over the events whose dates are to be announced.
pub(crate) const TBA_TITLE: &str = "To be announced";

/// What an event means, for a reader.
pub(crate) fn event(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Start => "starts",
        EventKind::End => "ends",
        EventKind::Due => "due",
        EventKind::KeyDate => "on",
    }
}

/// How a date of `p` written relative to another phase was filled in, one entry per date,
/// for `phases --explain`: "on = Code Freeze - 26d ← Code Freeze is 2024-03-06 ← v1.30.0
/// released is 2024-04-17" (the key, the value as written, then each date it leans on, nearest
/// first), entries joined by "; ". Empty when no date is relative.
pub(crate) fn derivation(derivations: &[Derivation]) -> String {
    derivations
        .iter()
        .map(|d| {
            let mut text = format!("{} = {}", d.key, d.written);
            for step in &d.chain {
                text.push_str(" ← ");
                text.push_str(step);
            }
            text
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Names keep at least this many columns in the headline while anything else can give way.
pub(crate) const NAME_MIN: usize = 10;

/// The fewest columns the headline gives a name before it drops the overdue count.
pub(crate) const NAME_FLOOR: usize = 5;

/// The status headline, fitted to `width` columns (no limit when `None`); see the module's
/// documentation. "2021-06-20 - 2021 Q2 revision process begins, day 7 of 17; 1 overdue".
/// With several documents, a first line counts them and a line for each follows (see
/// [`headline_parts`]).
pub(crate) fn headline(report: &Report, docs: &Docs, width: Option<u16>) -> String {
    let (first, each) = headline_parts(report, docs, width, "  ");
    let mut out = first;
    for line in each {
        out.push('\n');
        out.push_str(&line);
    }
    out
}

/// How many documents get a headline line of their own.
pub(crate) const HEADLINE_DOCUMENTS: usize = 20;

/// The headline's first line, and with several documents one line per document (the first
/// [`HEADLINE_DOCUMENTS`], then how many more), each `indent` and the document's name before
/// what that document's own headline says: "2026-12-01 - 3 documents; 25 overdue in 2 of
/// them", "  Vision: 2026 Q4 revision process begins, day 2 of 12; 23 overdue".
pub(crate) fn headline_parts(
    report: &Report,
    docs: &Docs,
    width: Option<u16>,
    indent: &str,
) -> (String, Vec<String>) {
    let today = report.today.format("%Y-%m-%d");
    if !docs.many() || report.each.is_empty() {
        return (
            fit(&Line::of(report, format!("{today} - ")), width),
            Vec::new(),
        );
    }
    let counts = report.overdue.count_by_document();
    let total: u64 = counts.iter().sum();
    let late = counts.iter().filter(|&&c| c > 0).count();
    let mut first = format!("{today} - {} documents", report.each.len());
    if total > 0 {
        first.push_str(&format!("; {total} overdue in {late} of them"));
    }
    let first = width.map_or(first.clone(), |w| cut(&first, usize::from(w), "…"));
    let mut each: Vec<String> = report
        .each
        .iter()
        .enumerate()
        .take(HEADLINE_DOCUMENTS)
        .map(|(doc, r)| {
            let prefix = format!("{indent}{}: ", inert_short(docs.name(doc)));
            fit(&Line::of(r, prefix), width)
        })
        .collect();
    if report.each.len() > HEADLINE_DOCUMENTS {
        each.push(format!(
            "{indent}... and {} more documents",
            report.each.len() - HEADLINE_DOCUMENTS
        ));
    }
    (first, each)
}

/// A headline line fitted to `width`: each stage keeps less; the first that fits (its name
/// cut to no fewer than `floor` columns) is the line.
fn fit(line: &Line, width: Option<u16>) -> String {
    let Some(width) = width.map(usize::from) else {
        return line.text(None, Keep::ALL);
    };
    let stages = [
        (Keep::ALL, NAME_MIN),
        (
            Keep {
                more: false,
                ..Keep::ALL
            },
            NAME_MIN,
        ),
        (
            Keep {
                more: false,
                detail: false,
                ..Keep::ALL
            },
            NAME_MIN,
        ),
        (
            Keep {
                more: false,
                detail: false,
                ..Keep::ALL
            },
            NAME_FLOOR,
        ),
        (Keep::NONE, NAME_FLOOR),
    ];
    for (keep, floor) in stages {
        let whole = line.text(None, keep);
        if whole.width() <= width {
            return whole;
        }
        // The columns left for the name once everything else is in.
        let rest = line.text(Some(""), keep).width();
        let room = width.saturating_sub(rest);
        if line.name.is_some() && room >= floor {
            return line.text(
                Some(&cut(line.name.as_deref().unwrap_or(""), room, "…")),
                keep,
            );
        }
    }
    cut(&line.text(None, Keep::NONE), width, "…")
}

/// The parts of the headline, before they are fitted.
struct Line {
    /// What comes before the rest: "2026-12-01 - ", or "  Vision: " for one of several
    /// documents.
    prefix: String,
    /// Text between the date and the name: "no current phase; next: ", or none.
    lead: &'static str,
    /// The first current window's name, or the next event's; none when nothing is ahead.
    name: Option<String>,
    /// What follows the name: ", day 2 of 12", ", ends in 5 days", " (starts, in 5 days)".
    detail: String,
    /// How many more windows are current.
    more: usize,
    overdue: u64,
}

/// Which parts of the headline to keep.
#[derive(Debug, Clone, Copy)]
struct Keep {
    detail: bool,
    more: bool,
    overdue: bool,
}

impl Keep {
    const ALL: Keep = Keep {
        detail: true,
        more: true,
        overdue: true,
    };
    const NONE: Keep = Keep {
        detail: false,
        more: false,
        overdue: false,
    };
}

impl Line {
    fn of(report: &Report, prefix: String) -> Line {
        let today = prefix;
        let overdue = report.overdue.count();
        if let Some(first) = report.current.first() {
            let detail = match (first.day, first.length, first.end) {
                (Some(day), Some(length), _) => format!(", day {day} of {length}"),
                (Some(day), None, _) => format!(", day {day}, end {TBA}"),
                (None, _, When::On(end)) => format!(", ends {}", when(report.today, end)),
                (None, _, When::Tba) => format!(", end {TBA}"),
            };
            return Line {
                prefix: today.clone(),
                lead: "",
                name: Some(inert_short(&first.phase.name)),
                detail,
                more: report.current.len() - 1,
                overdue,
            };
        }
        match report.upcoming.first() {
            Some(next) => Line {
                prefix: today.clone(),
                lead: "no current phase; next: ",
                name: Some(inert_short(&next.phase.name)),
                detail: format!(
                    " ({}, {})",
                    event(next.event),
                    when(report.today, next.date)
                ),
                more: 0,
                overdue,
            },
            None => Line {
                prefix: today.clone(),
                lead: "no current phase and nothing ahead",
                name: None,
                detail: String::new(),
                more: 0,
                overdue,
            },
        }
    }

    /// The line with these parts, the name as given (or in full).
    fn text(&self, name: Option<&str>, keep: Keep) -> String {
        let mut out = format!("{}{}", self.prefix, self.lead);
        out.push_str(name.or(self.name.as_deref()).unwrap_or(""));
        if keep.detail {
            out.push_str(&self.detail);
        }
        if keep.more && self.more > 0 {
            let comma = if keep.detail { "," } else { "" };
            out.push_str(&format!("{comma} and {} more", self.more));
        }
        if keep.overdue && self.overdue > 0 {
            out.push_str(&format!("; {} overdue", self.overdue));
        }
        out
    }
}

/// The title over the upcoming events, with the horizon they were looked for in.
pub(crate) fn upcoming_title(report: &Report) -> String {
    if report.beyond_horizon {
        format!("Next (nothing in the next {} days)", report.horizon.0)
    } else {
        format!("Upcoming (next {} days)", report.horizon.0)
    }
}

/// `text` in at most `width` columns: cut, ending in `ellipsis` (when that fits), when wider.
pub(crate) fn cut(text: &str, width: usize, ellipsis: &str) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let room = width.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    // "revision…" reads better than "revision …".
    out.truncate(out.trim_end().len());
    if ellipsis.width() <= width {
        out.push_str(ellipsis);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::{Days, date};
    use crate::engine::evaluate::evaluate;
    use crate::schedule::model::Schedule;

    #[test]
    fn relative_days() {
        let cases = [
            (0, "today"),
            (1, "tomorrow"),
            (10, "in 10 days"),
            (-1, "yesterday"),
            (-3, "3 days ago"),
            (1033, "in 1033 days"),
        ];
        for (n, want) in cases {
            assert_eq!(relative(n), want);
        }
        assert_eq!(overdue(1), "1 day overdue");
        assert_eq!(overdue(81), "81 days overdue");
    }

    #[test]
    fn long_spans_in_months_and_years() {
        let today = date(2021, 7, 1);
        let cases = [
            (date(2021, 7, 1), "today"),
            (date(2021, 7, 2), "tomorrow"),
            (date(2021, 6, 30), "yesterday"),
            (date(2021, 7, 11), "in 10 days"),
            (date(2021, 6, 28), "3 days ago"),
            // 59 days: still days; 60: months and days.
            (date(2021, 8, 29), "in 59 days"),
            (date(2021, 8, 30), "in 1 month 29 days"),
            (date(2021, 5, 3), "59 days ago"),
            (date(2021, 5, 2), "1 month 29 days ago"),
            (date(2021, 9, 13), "in 2 months 12 days"),
            (date(2021, 10, 1), "in 3 months"),
            (date(2021, 4, 1), "3 months ago"),
            (date(2022, 7, 1), "in 1 year"),
            (date(2022, 7, 31), "in 1 year"),
            (date(2022, 8, 1), "in 1 year 1 month"),
            // 1033 days, the issue's example: days dropped past a year.
            (date(2024, 4, 29), "in 2 years 9 months"),
            (date(2020, 6, 30), "1 year ago"),
        ];
        for (d, want) in cases {
            assert_eq!(when(today, d), want, "{d}");
        }
        assert_eq!(
            overdue_on(date(2021, 3, 31), date(2021, 6, 20)),
            "2 months 20 days overdue"
        );
        assert_eq!(
            overdue_on(date(2021, 6, 30), date(2021, 7, 1)),
            "1 day overdue"
        );
        let cases = [
            (date(2022, 10, 3), date(2022, 10, 24), "21 days late"),
            (date(2022, 6, 16), date(2022, 6, 1), "15 days early"),
            (date(2022, 4, 5), date(2022, 4, 5), "on plan"),
            (
                date(2022, 1, 30),
                date(2022, 4, 29),
                "2 months 30 days late",
            ),
            (date(2024, 1, 31), date(2024, 4, 30), "3 months late"),
        ];
        for (planned, d, want) in cases {
            assert_eq!(slip(planned, d), want, "{planned} -> {d}");
        }
    }

    fn schedule(toml: &str) -> Schedule {
        let path = std::path::Path::new("test.toml");
        crate::schedule::load::parse(&crate::error::Source::new(path, toml)).unwrap()
    }

    /// Two overdue milestones and three current windows on 2026-12-01.
    const BUSY: &str = r#"
[[phase]]
name = "2026 Q4 revision process begins"
start = 2026-11-30
end = 2026-12-11
[[phase]]
name = "Second"
start = 2026-11-01
end = 2026-12-31
[[phase]]
name = "Third"
until = 2027-01-31
[[phase]]
name = "Q2 published"
due = 2026-06-30
[[phase]]
name = "Q3 published"
due = 2026-09-30
"#;

    #[test]
    fn the_headline_counts_the_rest_and_what_is_overdue() {
        let s = schedule(BUSY);
        let r = evaluate(&s, date(2026, 12, 1), Days(30));
        assert_eq!(
            headline(&r, &Docs::default(), None),
            "2026-12-01 - 2026 Q4 revision process begins, day 2 of 12, and 2 more; 2 overdue"
        );
        let s = schedule(
            r#"
[[phase]]
name = "Only"
until = 2026-12-11
[[phase]]
name = "Next"
due = 2027-03-01
"#,
        );
        let r = evaluate(&s, date(2026, 12, 1), Days(30));
        assert_eq!(
            headline(&r, &Docs::default(), None),
            "2026-12-01 - Only, ends in 10 days"
        );
        let r = evaluate(&s, date(2026, 12, 20), Days(30));
        assert_eq!(
            headline(&r, &Docs::default(), None),
            "2026-12-20 - no current phase; next: Next (due, in 2 months 9 days)"
        );
        let r = evaluate(&s, date(2027, 3, 3), Days(30));
        assert_eq!(
            headline(&r, &Docs::default(), None),
            "2027-03-03 - no current phase and nothing ahead; 1 overdue"
        );
    }

    #[test]
    fn the_headline_fits_every_width_and_gives_way_in_order() {
        let s = schedule(BUSY);
        let r = evaluate(&s, date(2026, 12, 1), Days(30));
        let full =
            "2026-12-01 - 2026 Q4 revision process begins, day 2 of 12, and 2 more; 2 overdue";
        assert_eq!(full.width(), 80);
        let cases = [
            (200, full),
            (80, full),
            // The name is cut first, down to 10 columns.
            (
                79,
                "2026-12-01 - 2026 Q4 revision process begi…, day 2 of 12, and 2 more; 2 overdue",
            ),
            (
                62,
                "2026-12-01 - 2026 Q4 revi…, day 2 of 12, and 2 more; 2 overdue",
            ),
            (
                59,
                "2026-12-01 - 2026 Q4 r…, day 2 of 12, and 2 more; 2 overdue",
            ),
            // Then the count of the others goes, and the name has room again.
            (
                58,
                "2026-12-01 - 2026 Q4 revision pro…, day 2 of 12; 2 overdue",
            ),
            (47, "2026-12-01 - 2026 Q4 r…, day 2 of 12; 2 overdue"),
            // Then the progress.
            (46, "2026-12-01 - 2026 Q4 revision proc…; 2 overdue"),
            (34, "2026-12-01 - 2026 Q4 r…; 2 overdue"),
            // Then the name again, down to 5 columns, before the overdue count goes.
            (33, "2026-12-01 - 2026 Q4…; 2 overdue"),
            (29, "2026-12-01 - 2026…; 2 overdue"),
            (28, "2026-12-01 - 2026 Q4 revisi…"),
            (20, "2026-12-01 - 2026 Q…"),
            // Last, the line itself is cut.
            (17, "2026-12-01 - 202…"),
            (15, "2026-12-01 - 2…"),
            (12, "2026-12-01…"),
            (5, "2026…"),
        ];
        for (width, want) in cases {
            let got = headline(&r, &Docs::default(), Some(width));
            assert_eq!(got, want, "at {width} columns");
            assert!(got.width() <= usize::from(width), "{got:?} at {width}");
        }
        for width in 5..=120 {
            let got = headline(&r, &Docs::default(), Some(width));
            assert!(got.width() <= usize::from(width), "{got:?} at {width}");
            assert!(got.starts_with("2026"), "{got:?}");
        }
    }

    #[test]
    fn the_next_events_headline_gives_way_too() {
        let s = schedule(
            r#"
[[phase]]
name = "A release with a long name"
due = 2021-07-11
[[phase]]
name = "Old"
due = 2021-01-01
"#,
        );
        let r = evaluate(&s, date(2021, 7, 1), Days(30));
        let cases = [
            (
                None,
                "2021-07-01 - no current phase; next: A release with a long name (due, in 10 days); 1 overdue",
            ),
            (
                Some(80),
                "2021-07-01 - no current phase; next: A release wit… (due, in 10 days); 1 overdue",
            ),
            (
                Some(70),
                "2021-07-01 - no current phase; next: A release with a long…; 1 overdue",
            ),
            (
                Some(50),
                "2021-07-01 - no current phase; next: A release wi…",
            ),
        ];
        for (width, want) in cases {
            assert_eq!(
                headline(&r, &Docs::default(), width),
                want,
                "at {width:?} columns"
            );
        }
    }

    #[test]
    fn derivations_show_what_each_relative_date_leans_on() {
        let s = schedule(
            r#"
[[phase]]
name = "Docs freeze"
on = "Code freeze + 2w"
[[phase]]
name = "Code freeze"
on = "start of Beta - 1d"
[[phase]]
name = "Beta"
start = 2024-02-20
end = "Release"
[[phase]]
name = "Release"
due = 2024-04-17
"#,
        );
        let explained = |p: &Phase| derivation(&crate::engine::evaluate::derivations(&s, p));
        let got: Vec<String> = s.phases.iter().map(explained).collect();
        assert_eq!(
            got,
            [
                "on = Code freeze + 2w ← Code freeze is 2024-02-19 ← start of Beta is 2024-02-20",
                "on = start of Beta - 1d ← start of Beta is 2024-02-20",
                "end = Release ← Release is 2024-04-17",
                "",
            ]
        );
        let s = schedule(
            r#"
[[phase]]
name = "Both"
start = "Release - 1m"
end = "Release + 1w"
[[phase]]
name = "Release"
due = 2024-03-31
"#,
        );
        assert_eq!(
            derivation(&crate::engine::evaluate::derivations(&s, &s.phases[0])),
            "start = Release - 1m ← Release is 2024-03-31; end = Release + 1w ← Release is 2024-03-31"
        );
        assert_eq!(
            s.phases[0].span(),
            Some((date(2024, 2, 29), date(2024, 4, 7)))
        );
    }

    #[test]
    fn names_are_cut_by_display_width() {
        let cases = [
            ("short", 8, "short"),
            ("exactly8", 8, "exactly8"),
            ("much too long", 8, "much to…"),
            ("much too long", 6, "much…"),
            ("漢字漢字漢字", 7, "漢字漢…"),
            // A wide character that does not fit is left out whole.
            ("漢字漢字漢字", 6, "漢字…"),
            ("abc", 1, "…"),
            ("abc", 0, ""),
        ];
        for (text, width, want) in cases {
            assert_eq!(cut(text, width, "…"), want, "{text} in {width}");
        }
        assert_eq!(cut("much too long", 8, "..."), "much...");
        assert_eq!(cut("much too long", 2, "..."), "");
    }
}
