//! The document's Markdown schedule table, as `render` writes it: the seed's `Phase | Date`
//! table, dates in words ("until March 31", "March 31", "June 14 - June 30"), current rows in
//! bold in every cell. When a phase of the document has an owner, a Who column after the name
//! holds each phase's owners (empty for none).
//!
//! A key date shows its day ("March 6"), as a milestone does. With `slips` (`render --slips`), a
//! milestone or key date whose plan moved shows the date first planned struck through, then its
//! date: "~~Oct 3~~ Oct 24" (GitHub's strikethrough); one that kept its plan, and every window,
//! shows as without it.
//!
//! A date to be announced reads "to be announced" ("May 15 - to be announced" for a window whose
//! end is), and with `slips` a date first to be announced is struck through like any plan:
//! "~~to be announced~~ Aug 9".
//!
//! Month names follow one rule, the seed's: names of up to five letters are written in full
//! (March, April, May, June, July), longer ones cut to three letters (Jan, Feb, Aug, Sep, Oct,
//! Nov, Dec). A date outside the table's single calendar year carries its year ("Jan 10, 2022").

use chrono::{Datelike, NaiveDate};

use crate::engine::evaluate::State;
use crate::engine::span::Span;
use crate::io::text::visible;
use crate::present::words::TBA;
use crate::schedule::phase::{Kind, Phase, When};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The table's lines, without line endings; with `slips`, moved plans are shown; with `who`, a
/// Who column after the phase's name holds its owners.
pub(crate) fn lines(rows: &[(Phase, State)], span: Span, slips: bool, who: bool) -> Vec<String> {
    let year = span.single_year();
    let mut out = if who {
        vec![
            "| Phase | Who | Date |".to_string(),
            "| --- | --- | --- |".to_string(),
        ]
    } else {
        vec!["| Phase | Date |".to_string(), "| --- | --- |".to_string()]
    };
    for (phase, state) in rows {
        let current = *state == State::Current;
        let bold = |cell: String| {
            if current && !cell.is_empty() {
                format!("**{cell}**")
            } else {
                cell
            }
        };
        let name = bold(escape(&phase.name));
        let date = match phase.kind {
            Kind::Milestone { due: d, .. } | Kind::KeyDate { on: d } if slips => {
                match phase.planned().filter(|&p| p != d) {
                    Some(planned) => {
                        format!("~~{}~~ {}", day_or_tba(planned, year), day_or_tba(d, year))
                    }
                    None => day_or_tba(d, year),
                }
            }
            _ => when(phase, year),
        };
        let date = bold(date);
        out.push(if who {
            let owners = bold(escape(&crate::present::words::who(phase)));
            format!("| {name} | {owners} | {date} |")
        } else {
            format!("| {name} | {date} |")
        });
    }
    out
}

/// "until March 31", "March 31", "June 14 - June 30", "May 15 - to be announced"; a window
/// across a new year names both years, "Dec 20, 2021 - Jan 10, 2022", whatever the table's year.
fn when(phase: &Phase, year: Option<i32>) -> String {
    match phase.kind {
        Kind::Window { start: None, end } => format!("until {}", day_or_tba(end, year)),
        Kind::Window {
            start: Some(s),
            end,
        } if When::On(s) == end => day(s, year),
        Kind::Window {
            start: Some(s),
            end,
        } if end.date().is_some_and(|e| e.year() != s.year()) => {
            format!("{} - {}", day(s, None), day_or_tba(end, None))
        }
        Kind::Window {
            start: Some(s),
            end,
        } => format!("{} - {}", day(s, year), day_or_tba(end, year)),
        Kind::Milestone { due: d, .. } | Kind::KeyDate { on: d } => day_or_tba(d, year),
    }
}

/// [`day`], or "to be announced".
fn day_or_tba(w: When, year: Option<i32>) -> String {
    match w {
        When::On(d) => day(d, year),
        When::Tba => TBA.to_string(),
    }
}

/// "March 31", or "March 31, 2022" when the date is not in the table's year.
pub(crate) fn day(d: NaiveDate, year: Option<i32>) -> String {
    let month = MONTHS[d.month0() as usize];
    if year == Some(d.year()) {
        format!("{month} {}", d.day())
    } else {
        format!("{month} {}, {}", d.day(), d.year())
    }
}

/// Cell text that renders as itself, trimmed: [`crate::present::markdown::plain`], so `|`
/// cannot end the cell, and emphasis, links, mentions, references, code, HTML (a stray `<!--`
/// could hide the rest of the document), entities and maths stay literal.
pub(crate) fn escape(text: &str) -> String {
    crate::present::markdown::plain(visible(text).trim())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    #[test]
    fn month_names_follow_the_seed() {
        let got: Vec<String> = (1..=12)
            .map(|m| day(date(2021, m, 1), Some(2021)))
            .collect();
        assert_eq!(
            got,
            [
                "Jan 1", "Feb 1", "March 1", "April 1", "May 1", "June 1", "July 1", "Aug 1",
                "Sep 1", "Oct 1", "Nov 1", "Dec 1"
            ]
        );
        assert_eq!(day(date(2022, 1, 10), Some(2021)), "Jan 10, 2022");
        assert_eq!(day(date(2021, 12, 31), None), "Dec 31, 2021");
    }

    #[test]
    fn dates_in_words() {
        let w = |s, e: NaiveDate| Kind::Window {
            start: s,
            end: e.into(),
        };
        let cases = [
            (w(None, date(2021, 3, 31)), "until March 31"),
            (
                w(Some(date(2021, 6, 14)), date(2021, 6, 30)),
                "June 14 - June 30",
            ),
            (w(Some(date(2021, 6, 14)), date(2021, 6, 14)), "June 14"),
            (
                w(Some(date(2021, 12, 20)), date(2022, 1, 10)),
                "Dec 20, 2021 - Jan 10, 2022",
            ),
            // Begun in an earlier year: not "May 3, 2021 - May 7".
            (
                w(Some(date(2021, 5, 3)), date(2022, 5, 7)),
                "May 3, 2021 - May 7, 2022",
            ),
            (
                Kind::Milestone {
                    due: date(2021, 9, 30).into(),
                    done: Some(date(2021, 10, 2)),
                },
                "Sep 30",
            ),
            // A key date shows its day.
            (
                Kind::KeyDate {
                    on: date(2021, 3, 6).into(),
                },
                "March 6",
            ),
        ];
        for (kind, want) in cases {
            assert_eq!(when(&Phase::new("p", kind, 1), Some(2021)), want);
        }
    }

    #[test]
    fn cells_are_escaped() {
        let cases = [
            ("plain name", "plain name"),
            ("a | b", "a \\| b"),
            ("**bold** _it_", "\\*\\*bold\\*\\* \\_it\\_"),
            ("<!-- vision-sched:end -->", "\\<!-- vision-sched:end --\\>"),
            ("[link](x) `code`", "\\[link\\](x) \\`code\\`"),
            ("a\\|b", "a\\\\\\|b"),
            ("  padded  ", "padded"),
            ("esc\u{1b}[31m", "esc\\\\u{1b}\\[31m"),
        ];
        for (name, want) in cases {
            assert_eq!(escape(name), want, "{name:?}");
        }
    }

    #[test]
    fn current_rows_are_bold_in_both_cells() {
        let span = Span {
            from: date(2021, 1, 1),
            to: date(2021, 12, 31),
        };
        let rows = vec![
            (
                Phase::new(
                    "Draft | v2",
                    Kind::Window {
                        start: None,
                        end: date(2021, 3, 31).into(),
                    },
                    1,
                ),
                State::Current,
            ),
            (
                Phase::new(
                    "Ship",
                    Kind::Milestone {
                        due: date(2021, 3, 31).into(),
                        done: None,
                    },
                    2,
                ),
                State::Upcoming,
            ),
        ];
        assert_eq!(
            lines(&rows, span, false, false)
                .iter()
                .map(|l| format!("{l}\n"))
                .collect::<String>(),
            "| Phase | Date |\n| --- | --- |\n| **Draft \\| v2** | **until March 31** |\n| Ship | March 31 |\n"
        );
    }

    #[test]
    fn slips_strike_the_plan_through() {
        let span = Span {
            from: date(2022, 1, 1),
            to: date(2022, 12, 31),
        };
        let planned = |name: &str, kind: Kind, planned: Option<NaiveDate>| {
            let mut p = Phase::new(name, kind, 1);
            if planned.is_some() {
                p.extra_mut().planned = planned.map(When::On);
            }
            p
        };
        let m = |d: NaiveDate| Kind::Milestone {
            due: d.into(),
            done: None,
        };
        let rows = vec![
            (
                planned(
                    "3.11.0 final",
                    m(date(2022, 10, 24)),
                    Some(date(2022, 10, 3)),
                ),
                State::Upcoming,
            ),
            (
                planned("beta 3", m(date(2022, 6, 1)), Some(date(2022, 6, 16))),
                State::Current,
            ),
            (
                planned("alpha 7", m(date(2022, 4, 5)), Some(date(2022, 4, 5))),
                State::Past,
            ),
            (
                planned(
                    "Code freeze",
                    Kind::KeyDate {
                        on: date(2022, 3, 6).into(),
                    },
                    Some(date(2021, 12, 20)),
                ),
                State::Past,
            ),
            (
                planned(
                    "Plain",
                    Kind::KeyDate {
                        on: date(2022, 3, 6).into(),
                    },
                    None,
                ),
                State::Past,
            ),
            (
                planned(
                    "Window",
                    Kind::Window {
                        start: Some(date(2022, 7, 1)),
                        end: date(2022, 7, 9).into(),
                    },
                    Some(date(2022, 6, 1)),
                ),
                State::Upcoming,
            ),
        ];
        assert_eq!(
            lines(&rows, span, true, false)[2..],
            [
                "| 3.11.0 final | ~~Oct 3~~ Oct 24 |",
                "| **beta 3** | **~~June 16~~ June 1** |",
                "| alpha 7 | April 5 |",
                "| Code freeze | ~~Dec 20, 2021~~ March 6 |",
                "| Plain | March 6 |",
                "| Window | July 1 - July 9 |",
            ]
        );
        let plain: Vec<String> = lines(&rows, span, false, false)[2..].to_vec();
        assert_eq!(
            plain,
            [
                "| 3.11.0 final | Oct 24 |",
                "| **beta 3** | **June 1** |",
                "| alpha 7 | April 5 |",
                "| Code freeze | March 6 |",
                "| Plain | March 6 |",
                "| Window | July 1 - July 9 |",
            ]
        );
    }
}
