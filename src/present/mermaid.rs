//! The Mermaid Gantt chart `render --format mermaid` writes: a fenced `mermaid` block that
//! GitHub, GitLab and mdBook (with a plugin) draw as a chart.
//!
//! - `gantt`, the title, `dateFormat YYYY-MM-DD`, an `axisFormat` and a `tickInterval` that
//!   suit the days the tasks cover ([`axis`]), then `inclusiveEndDates`, so a window's end is written as its last day: "June 14 - June 30" is
//!   `2021-06-14, 2021-06-30` and covers those 17 days. `todayMarker off`: the chart shows the
//!   schedule as of the day it was rendered, as the table does, not the reader's clock.
//! - One `section` per group (a calendar year), windows as tasks, milestones and key dates as
//!   `milestone` tasks of one day (Mermaid draws the mark in the middle of that day).
//! - States: `done` for past windows, done milestones and past key dates, `active` for current
//!   windows and a key date today, `crit` for overdue milestones.
//! - Only syntax of Mermaid 8.x that Mermaid 11.3.0, the version GitHub was last seen running,
//!   still reads the same way.
//!
//! Names are written so that no name can change the chart ([`text`]).

use chrono::Datelike;

use crate::engine::chart::{Chart, Row, Shape};
use crate::engine::evaluate::State;
use crate::io::text::inert_short;
use crate::present::words;

/// The axis for tasks covering at most this many days (see [`axis`]).
const DAILY_TICKS_DAYS: i64 = 14;
const WEEKLY_TICKS_DAYS: i64 = 62;
const MONTHLY_TICKS_DAYS: i64 = 300;
const QUARTERLY_TICKS_DAYS: i64 = 3 * 366;
const YEARLY_TICKS_DAYS: i64 = 12 * 366;

/// Words that Mermaid's Gantt parser reads as a statement, or that end its parse, when a line
/// starts with them, whatever their case and whatever follows.
const KEYWORDS: &[&str] = &[
    "accdescr",
    "acctitle",
    "axisformat",
    "call",
    "click",
    "dateformat",
    "displaymode",
    "excludes",
    "gantt",
    "href",
    "includes",
    "inclusiveenddates",
    "section",
    "tickinterval",
    "title",
    "todaymarker",
    "topaxis",
    "weekday",
    "weekend",
];

/// The block's lines, fences included, without line endings.
pub(crate) fn lines(chart: &Chart, title: &str) -> Vec<String> {
    let mut out = vec!["```mermaid".to_string(), "gantt".to_string()];
    let title = if chart.rows().next().is_none() {
        format!(
            "{title}: no phases between {} and {}",
            chart.span.from, chart.span.to
        )
    } else {
        title.to_string()
    };
    out.push(format!("    title {}", text(&title)));
    out.push("    dateFormat YYYY-MM-DD".to_string());
    let (format, ticks) = axis(chart);
    out.push(format!("    axisFormat {format}"));
    if let Some(ticks) = ticks {
        out.push(format!("    tickInterval {ticks}"));
    }
    out.push("    inclusiveEndDates".to_string());
    out.push("    todayMarker off".to_string());
    for group in &chart.groups {
        if group.rows.is_empty() {
            continue;
        }
        if let Some(heading) = &group.heading {
            out.push(format!("    section {}", text(heading)));
        }
        for row in &group.rows {
            let Some(data) = data(row) else { continue };
            out.push(format!("    {} :{}", text(&name(row)), data));
        }
    }
    out.push("```".to_string());
    out
}

/// The axis's `axisFormat` and `tickInterval`, for the days the tasks cover (the span's, when
/// there are none): Mermaid scales its axis to the tasks, not to the span, and left to itself
/// d3 puts a tick every week under month names ("Jan Jan Jan Feb") or every half year under
/// years. So a tick falls on each label's own unit, and no label repeats:
///
/// | the tasks cover      | ticks                 | labels     |
/// | -------------------- | --------------------- | ---------- |
/// | up to 2 weeks        | every day             | `20 Jun`   |
/// | up to 62 days        | every Sunday          | `20 Jun`   |
/// | up to a year, in one | every month           | `Jun`      |
/// | up to 300 days       | every month           | `Jun 2021` |
/// | up to 3 years        | every 3 months        | `Jul 2021` |
/// | up to 12 years       | every January         | `2021`     |
/// | longer               | d3's, a year or more  | `2021`     |
///
/// (Mermaid takes no `year` interval, and d3's `12month` and `24month` are both every January.)
fn axis(chart: &Chart) -> (&'static str, Option<&'static str>) {
    let first = chart.rows().filter_map(|r| r.shape.first()).min();
    let last = chart.rows().filter_map(|r| r.shape.last()).max();
    let (first, last) = match (first, last) {
        (Some(f), Some(l)) => (f, l),
        _ => (chart.span.from, chart.span.to),
    };
    let days = crate::dates::days_between(first, last) + 1;
    if days <= DAILY_TICKS_DAYS {
        ("%d %b", Some("1day"))
    } else if days <= WEEKLY_TICKS_DAYS {
        ("%d %b", Some("1week"))
    } else if first.year() == last.year() {
        ("%b", Some("1month"))
    } else if days <= MONTHLY_TICKS_DAYS {
        ("%b %Y", Some("1month"))
    } else if days <= QUARTERLY_TICKS_DAYS {
        ("%b %Y", Some("3month"))
    } else if days <= YEARLY_TICKS_DAYS {
        ("%Y", Some("12month"))
    } else {
        ("%Y", None)
    }
}

/// A task's name: a window whose end is to be announced says so, as its bar stops at the
/// span's end.
fn name(row: &Row) -> String {
    match row.shape {
        Shape::Bar { open: true, .. } => format!("{} (end {})", row.phase.name, words::TBA),
        _ => row.phase.name.clone(),
    }
}

/// A task's tags and days: `done, 2021-06-14, 2021-06-30`, `crit, milestone, 2021-03-31, 1d`;
/// `None` for a date to be announced, which Mermaid cannot place.
fn data(row: &Row) -> Option<String> {
    let (tag, days) = match row.shape {
        Shape::Bar { first, last, .. } => {
            let tag = match row.state {
                State::Past => Some("done"),
                State::Current => Some("active"),
                _ => None,
            };
            (tag, format!("{first}, {last}"))
        }
        Shape::Milestone { due: day, .. } | Shape::Date { on: day, .. } => {
            let tag = match row.state {
                State::Done | State::Past => Some("done"),
                State::Overdue => Some("crit"),
                State::Current => Some("active"),
                State::Upcoming => None,
            };
            (tag, format!("milestone, {day}, 1d"))
        }
        Shape::Tba { .. } => return None,
    };
    Some(match tag {
        Some(t) => format!("{t}, {days}"),
        None => days,
    })
}

/// Text for a title, a section or a task name that Mermaid shows as written and that cannot
/// change the chart:
///
/// - control characters are made visible and newlines become spaces ([`inert_short`], which
///   also cuts names of over 200 characters with `…`, as the tables do);
/// - `:` (ends a name), `#` and `;` (end a statement in Mermaid's grammar), `%` (starts a
///   comment), `` ` `` (could close the Markdown fence), `<` and `>`, and the two characters
///   Mermaid uses for its own entity placeholders (`ﬂ`, `¶`) are written as Mermaid's entity
///   codes (`#58;` is `:`), which Mermaid turns back into the character on the page;
/// - a leading keyword (`section`, `title`, `click`, `gantt`, ... in any case), date or CI log
///   group marker (`---`) gets its first character as an entity code too, so the line stays a
///   task;
/// - an empty name is a no-break space.
pub(crate) fn text(raw: &str) -> String {
    let shown = inert_short(raw);
    let shown = shown.trim();
    let mut out = String::with_capacity(shown.len() + 8);
    for (i, c) in shown.char_indices() {
        let code = matches!(c, ':' | '#' | ';' | '%' | '`' | '<' | '>' | 'ﬂ' | '¶')
            || (i == 0 && starts_a_statement(shown));
        if code {
            out.push_str(&format!("#{};", c as u32));
        } else {
            out.push(c);
        }
    }
    if out.is_empty() {
        out.push_str("#160;");
    }
    out
}

/// True when a line starting with `text` would not be read as a task, or would be read by a CI
/// log as a command.
fn starts_a_statement(text: &str) -> bool {
    if crate::io::text::starts_a_command(text) {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    if KEYWORDS.iter().any(|k| lower.starts_with(k)) {
        return true;
    }
    // Mermaid reads `YYYY-MM-DD` anywhere a line starts as a date.
    let b = text.as_bytes();
    b.len() >= 10
        && b[..10].iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::engine::chart::{self, Group};
    use crate::engine::span::Span;
    use crate::schedule::phase::{Kind, Phase};
    use chrono::NaiveDate;

    fn year() -> Span {
        Span {
            from: date(2021, 1, 1),
            to: date(2021, 12, 31),
        }
    }

    fn chart_of(phases: Vec<(Phase, State)>, span: Span) -> Chart {
        let rows = phases
            .into_iter()
            .map(|(p, s)| chart::row(p, s, span))
            .collect();
        chart::chart(span, date(2021, 6, 20), chart::by_year(rows))
    }

    #[test]
    fn a_window_june_14_to_june_30_is_written_by_its_first_and_last_day() {
        let q2 = Phase::new(
            "2021 Q2 revision process begins",
            Kind::Window {
                start: Some(date(2021, 6, 14)),
                end: date(2021, 6, 30).into(),
            },
            1,
        );
        let got = lines(&chart_of(vec![(q2, State::Current)], year()), "Doc");
        // With inclusiveEndDates, Mermaid draws from the start of June 14 to the end of June
        // 30: the 17 days of the window (Mermaid's own rendering is checked by look.sh).
        assert!(
            got.contains(&"    inclusiveEndDates".to_string()),
            "{got:?}"
        );
        assert!(
            got.contains(
                &"    2021 Q2 revision process begins :active, 2021-06-14, 2021-06-30".to_string()
            ),
            "{got:?}"
        );
    }

    #[test]
    fn states_and_kinds_become_tags() {
        let w = |n: &str, s: u32, e: u32| {
            Phase::new(
                n,
                Kind::Window {
                    start: Some(date(2021, s, 1)),
                    end: date(2021, e, 28).into(),
                },
                1,
            )
        };
        let m = |n: &str, d: u32| {
            Phase::new(
                n,
                Kind::Milestone {
                    due: date(2021, d, 15).into(),
                    done: None,
                },
                1,
            )
        };
        let k = |n: &str| {
            Phase::new(
                n,
                Kind::KeyDate {
                    on: date(2021, 6, 20).into(),
                },
                1,
            )
        };
        let phases = vec![
            (w("past", 1, 2), State::Past),
            (w("now", 6, 7), State::Current),
            (w("later", 9, 10), State::Upcoming),
            (m("shipped", 3), State::Done),
            (m("late", 4), State::Overdue),
            (m("due", 8), State::Upcoming),
            (k("freeze"), State::Current),
        ];
        let got = lines(&chart_of(phases, year()), "Doc").join("\n");
        let want = "```mermaid
gantt
    title Doc
    dateFormat YYYY-MM-DD
    axisFormat %b
    tickInterval 1month
    inclusiveEndDates
    todayMarker off
    section 2021
    past :done, 2021-01-01, 2021-02-28
    now :active, 2021-06-01, 2021-07-28
    later :2021-09-01, 2021-10-28
    shipped :done, milestone, 2021-03-15, 1d
    late :crit, milestone, 2021-04-15, 1d
    due :milestone, 2021-08-15, 1d
    freeze :active, milestone, 2021-06-20, 1d
```";
        assert_eq!(got, want);
    }

    #[test]
    fn axis_and_sections_follow_the_span() {
        let winter = Span {
            from: date(2020, 12, 1),
            to: date(2021, 1, 31),
        };
        let until = Phase::new(
            "until",
            Kind::Window {
                start: None,
                end: date(2021, 1, 10).into(),
            },
            1,
        );
        let jan = Phase::new(
            "jan",
            Kind::Milestone {
                due: date(2021, 1, 5).into(),
                done: None,
            },
            2,
        );
        let got = lines(
            &chart_of(vec![(until, State::Past), (jan, State::Overdue)], winter),
            "t",
        );
        assert!(got.contains(&"    axisFormat %d %b".to_string()));
        assert!(got.contains(&"    tickInterval 1week".to_string()));
        let sections: Vec<&String> = got.iter().filter(|l| l.contains("section")).collect();
        assert_eq!(sections, ["    section 2020", "    section 2021"]);
        // A window with no start is drawn from the span's first day.
        assert!(got.contains(&"    until :done, 2020-12-01, 2021-01-10".to_string()));

        let fifty = Span {
            from: date(1990, 1, 1),
            to: date(2039, 12, 31),
        };
        let c = chart::chart(fifty, date(2021, 6, 20), Vec::<Group>::new());
        assert_eq!(axis(&c), ("%Y", None));
        let one = Span {
            from: date(2021, 6, 20),
            to: date(2021, 6, 20),
        };
        let got = lines(&chart::chart(one, date(2021, 6, 20), Vec::new()), "t");
        assert!(got.contains(&"    tickInterval 1day".to_string()));
        assert!(
            got.contains(
                &"    title t#58; no phases between 2021-06-20 and 2021-06-20".to_string()
            )
        );
    }

    #[test]
    fn ticks_fall_on_the_labels_own_unit_over_the_tasks_days() {
        let on = |d: NaiveDate| {
            let k = Phase::new("k", Kind::KeyDate { on: d.into() }, 1);
            (k, State::Upcoming)
        };
        let axis_of = |a: NaiveDate, b: NaiveDate| {
            // The span is wider than the tasks: the tasks' days decide.
            let span = Span {
                from: date(1990, 1, 1),
                to: date(2060, 12, 31),
            };
            axis(&chart_of(vec![on(a), on(b)], span))
        };
        let d = date;
        let cases = [
            (d(2021, 6, 1), d(2021, 6, 14), "%d %b", Some("1day")),
            (d(2021, 6, 1), d(2021, 6, 21), "%d %b", Some("1week")),
            (d(2021, 6, 1), d(2021, 8, 1), "%d %b", Some("1week")),
            // Kubernetes 1.30: January to April.
            (d(2024, 1, 8), d(2024, 4, 17), "%b", Some("1month")),
            (d(2021, 1, 1), d(2021, 12, 31), "%b", Some("1month")),
            (d(2021, 11, 1), d(2022, 3, 1), "%b %Y", Some("1month")),
            (d(2021, 3, 1), d(2022, 2, 28), "%b %Y", Some("3month")),
            (d(2021, 1, 1), d(2023, 12, 31), "%b %Y", Some("3month")),
            (d(2021, 1, 1), d(2026, 12, 31), "%Y", Some("12month")),
            (d(2000, 1, 1), d(2049, 12, 31), "%Y", None),
        ];
        for (a, b, format, tick) in cases {
            assert_eq!(axis_of(a, b), (format, tick), "{a} to {b}");
        }
    }

    #[test]
    fn names_cannot_change_the_chart() {
        let cases = [
            ("plain name", "plain name"),
            ("2021 Q1 revision published", "2021 Q1 revision published"),
            ("a: b", "a#58; b"),
            ("C# ; F#", "C#35; #59; F#35;"),
            ("100% done %% comment", "100#37; done #37;#37; comment"),
            ("two\nlines\r\tx", "two lines\\u{d} x"),
            ("```\nclose the fence", "#96;#96;#96; close the fence"),
            ("<b>bold</b>", "#60;b#62;bold#60;/b#62;"),
            ("section x", "#115;ection x"),
            ("Section", "#83;ection"),
            ("TITLE: injected", "#84;ITLE#58; injected"),
            ("  click here", "#99;lick here"),
            ("call back()", "#99;all back()"),
            ("dateFormat x", "#100;ateFormat x"),
            ("gantt", "#103;antt"),
            ("Ganttastic", "#71;anttastic"),
            ("inclusiveEndDates", "#105;nclusiveEndDates"),
            ("accDescr { x", "#97;ccDescr { x"),
            ("href \"x\"", "#104;ref \"x\""),
            ("2021-06-14 kick-off", "#50;021-06-14 kick-off"),
            ("a section later", "a section later"),
            ("#35; literal", "#35;35#59; literal"),
            ("ﬂ°lt¶ß", "#64258;°lt#182;ß"),
            ("esc\u{1b}[31m", "esc\\u{1b}[31m"),
            ("   ", "#160;"),
            ("::error::x", "#58;#58;error#58;#58;x"),
        ];
        for (name, want) in cases {
            assert_eq!(text(name), want, "{name:?}");
        }
        let long = text(&"x".repeat(10_000));
        assert_eq!(long.chars().count(), 201);
    }

    /// What Mermaid's Gantt lexer would stop a name at, or read instead of a name: every
    /// escaped name is one task name, whatever it held.
    #[test]
    fn escaped_names_hold_none_of_the_syntax() {
        let hostile = [
            "a:b#c;d%e`f\ng\rh",
            "section 2022",
            "title: x",
            "%%{init: {'theme':'dark'}}%%",
            "click a href \"javascript:alert(1)\"",
            "</text><script>alert(1)</script>",
            "weekday monday",
            "2021-06-14, 2021-06-30",
        ];
        for name in hostile {
            let t = text(name);
            // Take out the entity codes: what is left holds none of the syntax.
            let mut left = String::new();
            let mut rest = t.as_str();
            while let Some(i) = rest.find('#') {
                left.push_str(&rest[..i]);
                let after = &rest[i + 1..];
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                assert!(digits > 0 && after[digits..].starts_with(';'), "{t}");
                rest = &after[digits + 1..];
            }
            left.push_str(rest);
            assert!(
                !left.contains(['\n', '\r', ':', ';', '%', '`', '<', '>', '#']),
                "{t}"
            );
            assert!(!starts_a_statement(&t), "{t}");
        }
    }
}
