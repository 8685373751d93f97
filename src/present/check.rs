//! What `check` prints: one `FILE:LINE: message` line per problem, GitHub annotation lines, or
//! JSON for other tools.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::engine::check::{Problem, ProblemKind, Stale};
use crate::io::text::{inert, inert_line_start, inert_short};
use crate::present::json::DateJson;
use crate::present::{Format, words};
use crate::schedule::phase::EventKind;

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Finding {
    /// "overdue", "due-within", "tba", "doc-table", "doc-mermaid" or "svg" (the JSON's names,
    /// kept).
    pub(crate) check: &'static str,
    pub(crate) file: String,
    pub(crate) line: usize,
    /// The milestone (or window) at fault, if any.
    pub(crate) name: Option<String>,
    /// Its due date; null when it is to be announced.
    pub(crate) date: Option<NaiveDate>,
    /// Days overdue, or days until due.
    pub(crate) days: Option<i64>,
    pub(crate) message: String,
    /// The milestone's due date first planned, when its plan moved ("tba" when it was announced
    /// late), and how far it moved (its due date minus that, in days); null otherwise.
    pub(crate) planned: Option<DateJson>,
    pub(crate) slip_days: Option<i64>,
    /// The milestone's owners, when the documents read have owners (a list, empty for none);
    /// left out otherwise, and from findings about a page or a picture.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) owners: Option<Vec<String>>,
}

/// A milestone problem (or a window's end to be announced), located at its phase's line in the
/// schedule file. `owners` says whether the documents read have owners.
pub(crate) fn milestone(file: &str, p: &Problem, owners: bool) -> Finding {
    let name = &p.phase.name;
    let due = words::iso(p.due);
    let who = match p.phase.owners().names() {
        [] => String::new(),
        [one] => format!("; owner: {one}"),
        many => format!("; owners: {}", many.join(", ")),
    };
    let (check, days, message) = match p.kind {
        ProblemKind::Overdue { days } => (
            "overdue",
            Some(days),
            format!("`{name}` is {} (due {due}{who})", words::overdue(days)),
        ),
        ProblemKind::DueWithin { days_until, within } => (
            "due-within",
            Some(days_until),
            format!(
                "`{name}` is due {} ({due}{who}), within --fail-within {}",
                words::relative(days_until),
                words::count(within.get(), "day")
            ),
        ),
        ProblemKind::Tba { event } => {
            let what = match event {
                EventKind::End => "its end",
                _ => "its due date",
            };
            (
                "tba",
                None,
                format!(
                    "`{name}`: {what} is {}, and --fail-tba wants every date set",
                    words::TBA
                ),
            )
        }
    };
    let planned = match p.kind {
        ProblemKind::Tba {
            event: EventKind::End,
        } => p.phase.planned_window().1,
        _ => p.phase.planned(),
    };
    Finding {
        check,
        file: file.to_string(),
        line: p.phase.line,
        name: Some(name.clone()),
        date: p.due.date(),
        days,
        message,
        planned: planned.map(DateJson),
        slip_days: p.phase.slip_days(),
        owners: owners.then(|| p.phase.owners().names().to_vec()),
    }
}

/// A stale block of the page, located at its first differing line.
pub(crate) fn page_block(
    block: Format,
    page: &str,
    line: usize,
    stale: &Stale,
    fix: &str,
) -> Finding {
    let (check, what, short) = match block {
        Format::Mermaid => ("doc-mermaid", "the Mermaid chart", "chart"),
        _ => ("doc-table", "the schedule table", "table"),
    };
    let expected = match &stale.expected {
        Some(l) => format!("expected `{}`", inert_short(l)),
        None => format!(
            "expected the {short} to end before `{}`",
            inert_short(stale.found.as_deref().unwrap_or_default())
        ),
    };
    Finding {
        check,
        file: page.to_string(),
        line,
        name: None,
        date: None,
        days: None,
        message: format!("{what} is out of date: {expected}; run `{fix}`"),
        planned: None,
        slip_days: None,
        owners: None,
    }
}

/// A stale SVG timeline, located at its first differing line.
pub(crate) fn svg(file: &str, line: usize, fix: &str) -> Finding {
    Finding {
        check: "svg",
        file: file.to_string(),
        line,
        name: None,
        date: None,
        days: None,
        message: format!(
            "the SVG timeline is out of date: it differs from what `export svg` writes from this line on; run `{fix}`"
        ),
        planned: None,
        slip_days: None,
        owners: None,
    }
}

/// Something the check says that does not fail it (a holiday calendar whose data ran out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Warning {
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) message: String,
}

/// Writes the findings in `format`, a line (or a JSON entry) at a time, then the warnings, which
/// `warnings` gives once the findings are written (and their dates worked out). `ok` is whether
/// there are no findings, known before they are listed. `day` is today and the time zone it is
/// taken in, which JSON gives as every command's JSON does.
pub(crate) fn write(
    format: Format,
    (today, timezone): (NaiveDate, &str),
    ok: bool,
    mut findings: impl Iterator<Item = Finding>,
    warnings: impl FnOnce() -> Vec<Warning>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Github => {
            findings.try_for_each(|f| out.write_all(github_line(&f).as_bytes()))?;
            write_warnings(format, &warnings(), out)
        }
        Format::Json => {
            let mut obj = crate::present::json::Object::start(out)?;
            obj.field("today", &today)?;
            obj.field("timezone", &timezone)?;
            obj.field("ok", &ok)?;
            obj.list("problems", findings)?;
            obj.list("warnings", warnings().iter())?;
            obj.end()
        }
        // `check` takes only text, github and json (Format::CHECK).
        _ => {
            findings.try_for_each(|f| out.write_all(text_line(&f).as_bytes()))?;
            write_warnings(format, &warnings(), out)
        }
    }
}

/// Warnings as lines: `FILE:LINE: warning: message`, or GitHub's `::warning` annotations.
pub(crate) fn write_warnings(
    format: Format,
    warnings: &[Warning],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for w in warnings {
        let line = if format == Format::Github {
            format!(
                "::warning file={},line={}::{}\n",
                property(&inert(&w.file)),
                w.line,
                data(&inert(&w.message))
            )
        } else {
            format!(
                "{}\n",
                inert_line_start(&format!("{}:{}: warning: {}", w.file, w.line, w.message))
            )
        };
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// `FILE:LINE: message`, as compilers write them.
pub(crate) fn text_line(f: &Finding) -> String {
    format!(
        "{}\n",
        inert_line_start(&format!("{}:{}: {}", f.file, f.line, f.message))
    )
}

/// A GitHub Actions annotation: `::error file=F,line=L::message`. Text from the schedule is
/// escaped so it can never end the line or start a workflow command of its own.
pub(crate) fn github_line(f: &Finding) -> String {
    format!(
        "::error file={},line={}::{}\n",
        property(&inert(&f.file)),
        f.line,
        data(&inert(&f.message))
    )
}

/// Escapes a command's message as GitHub's toolkit does (`escapeData`).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (`escapeProperty`).
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

/// What a passing check found up to date: the page's blocks, the SVG timeline; and whose
/// phases alone it checked (`--owner`), if it was given.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct UpToDate<'a> {
    /// The page and the blocks it holds.
    pub(crate) page: Option<(&'a str, &'a [Format])>,
    pub(crate) svg: Option<&'a str>,
    pub(crate) owners: &'a [String],
}

/// The one line a passing check prints.
pub(crate) fn passed(
    today: NaiveDate,
    within: Option<crate::dates::Days>,
    fresh: UpToDate,
) -> String {
    let mut parts = vec!["nothing overdue".to_string()];
    if let Some(w) = within {
        parts.push(format!(
            "nothing due within {}",
            words::count(w.get(), "day")
        ));
    }
    if let Some((d, blocks)) = fresh.page {
        let names: Vec<&str> = blocks
            .iter()
            .map(|b| match b {
                Format::Mermaid => "the Mermaid chart",
                _ => "the table",
            })
            .collect();
        let verb = if names.len() > 1 { "are" } else { "is" };
        parts.push(format!(
            "{} in {} {verb} up to date",
            names.join(" and "),
            inert(d)
        ));
    }
    if let Some(f) = fresh.svg {
        parts.push(format!("the SVG timeline {} is up to date", inert(f)));
    }
    // A check of some owners' phases says so: it passed for them, not for the schedule.
    let whose = if fresh.owners.is_empty() {
        String::new()
    } else {
        format!(" for {}", inert(&fresh.owners.join(" or ")))
    };
    format!("check passed on {today}{whose}: {}\n", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Days;
    use crate::schedule::phase::{Kind, Phase};

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, m, d).unwrap()
    }

    fn problem(name: &str, kind: ProblemKind) -> Problem {
        let due = date(6, 30);
        Problem {
            doc: 0,
            phase: Phase::new(
                name,
                Kind::Milestone {
                    due: due.into(),
                    done: None,
                },
                24,
            ),
            due: due.into(),
            kind,
        }
    }

    #[test]
    fn compiler_style_lines() {
        let f = [
            milestone(
                "schedule.toml",
                &problem("Q2", ProblemKind::Overdue { days: 1 }),
                false,
            ),
            milestone(
                "schedule.toml",
                &problem(
                    "Q3",
                    ProblemKind::DueWithin {
                        days_until: 0,
                        within: Days(7),
                    },
                ),
                false,
            ),
        ];
        assert_eq!(
            f.iter().map(text_line).collect::<String>(),
            "schedule.toml:24: `Q2` is 1 day overdue (due 2021-06-30)\n\
             schedule.toml:24: `Q3` is due today (2021-06-30), within --fail-within 7 days\n"
        );
    }

    #[test]
    fn annotations_are_escaped() {
        let nasty = "100% done\r\n::warning::x";
        let f = [milestone(
            "a,b:c.toml",
            &problem(nasty, ProblemKind::Overdue { days: 2 }),
            false,
        )];
        let got: String = f.iter().map(github_line).collect();
        assert_eq!(
            got,
            "::error file=a%2Cb%3Ac.toml,line=24::`100%25 done\\u{d} ::warning::x` is 2 days overdue (due 2021-06-30)\n"
        );
        assert_eq!(got.lines().count(), 1);
        assert_eq!(data("a%\r\nb"), "a%25%0D%0Ab");
        assert_eq!(property("x:y,z%"), "x%3Ay%2Cz%25");
    }

    #[test]
    fn stale_table_messages() {
        let stale = Stale {
            index: 2,
            found: Some("| old |".into()),
            expected: Some("| new |".into()),
        };
        let f = page_block(
            Format::Table,
            "README.md",
            12,
            &stale,
            "vision-sched render --write README.md",
        );
        assert_eq!(
            f.message,
            "the schedule table is out of date: expected `| new |`; run `vision-sched render --write README.md`"
        );
        let extra = Stale {
            index: 2,
            found: Some("| extra |".into()),
            expected: None,
        };
        assert!(
            page_block(Format::Table, "d", 1, &extra, "x")
                .message
                .contains("expected the table to end before `| extra |`")
        );
    }
}
