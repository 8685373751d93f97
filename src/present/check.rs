//! What `check` prints: one `FILE:LINE: message` line per problem, GitHub annotation lines, or
//! JSON for other tools.

use chrono::NaiveDate;
use serde::Serialize;

use crate::gate::{Problem, ProblemKind, Stale};
use crate::present::inert::inert;
use crate::present::words;

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// "overdue", "due-within" or "doc-table".
    pub check: &'static str,
    pub file: String,
    pub line: usize,
    /// The milestone at fault, if any.
    pub name: Option<String>,
    /// Its due date.
    pub date: Option<NaiveDate>,
    /// Days overdue, or days until due.
    pub days: Option<i64>,
    pub message: String,
}

/// A milestone problem, located at its phase's line in the schedule file.
pub fn milestone(file: &str, p: &Problem) -> Finding {
    let name = &p.phase.name;
    let (check, days, message) = match p.kind {
        ProblemKind::Overdue { days } => (
            "overdue",
            days,
            format!("`{name}` is {} (due {})", words::overdue(days), p.due),
        ),
        ProblemKind::DueWithin { days_until, within } => (
            "due-within",
            days_until,
            format!(
                "`{name}` is due {} ({}), within --fail-within {}",
                words::relative(days_until),
                p.due,
                words::count(within.get(), "day")
            ),
        ),
    };
    Finding {
        check,
        file: file.to_string(),
        line: p.phase.line,
        name: Some(name.clone()),
        date: Some(p.due),
        days: Some(days),
        message,
    }
}

/// A stale table, located at its first differing line in the document; `fix` is the command that
/// brings it up to date.
pub fn doc_table(doc: &str, line: usize, stale: &Stale, fix: &str) -> Finding {
    let expected = match &stale.expected {
        Some(l) => format!("expected `{l}`"),
        None => format!(
            "expected the table to end before `{}`",
            stale.found.as_deref().unwrap_or_default()
        ),
    };
    Finding {
        check: "doc-table",
        file: doc.to_string(),
        line,
        name: None,
        date: None,
        days: None,
        message: format!("the schedule table is out of date: {expected}; run `{fix}`"),
    }
}

/// `FILE:LINE: message`, a line each, as compilers write them.
pub fn text(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "{}\n",
                inert(&format!("{}:{}: {}", f.file, f.line, f.message))
            )
        })
        .collect()
}

/// GitHub Actions annotations: `::error file=F,line=L::message`, one per line. Text from the
/// schedule is escaped so it can never end the line or start a workflow command of its own.
pub fn github(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| {
            format!(
                "::error file={},line={}::{}\n",
                property(&inert(&f.file)),
                f.line,
                data(&inert(&f.message))
            )
        })
        .collect()
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

/// `{"today": .., "ok": .., "problems": [..]}`.
pub fn json(today: NaiveDate, findings: &[Finding]) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        today: NaiveDate,
        ok: bool,
        problems: &'a [Finding],
    }
    crate::present::json::to_text(&Out {
        today,
        ok: findings.is_empty(),
        problems: findings,
    })
}

/// The one line a passing check prints.
pub fn passed(
    today: NaiveDate,
    within: Option<crate::duration::Days>,
    doc: Option<&str>,
) -> String {
    let mut parts = vec!["nothing overdue".to_string()];
    if let Some(w) = within {
        parts.push(format!(
            "nothing due within {}",
            words::count(w.get(), "day")
        ));
    }
    if let Some(d) = doc {
        parts.push(format!("the table in {} is up to date", inert(d)));
    }
    format!("check passed on {today}: {}\n", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::duration::Days;
    use crate::model::{Kind, Phase};

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, m, d).unwrap()
    }

    fn problem(name: &str, kind: ProblemKind) -> Problem {
        let due = date(6, 30);
        Problem {
            phase: Phase::new(name, Kind::Milestone { due, done: None }, 24),
            due,
            kind,
        }
    }

    #[test]
    fn compiler_style_lines() {
        let f = [
            milestone(
                "schedule.toml",
                &problem("Q2", ProblemKind::Overdue { days: 1 }),
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
            ),
        ];
        assert_eq!(
            text(&f),
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
        )];
        let got = github(&f);
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
        let f = doc_table(
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
            doc_table("d", 1, &extra, "x")
                .message
                .contains("expected the table to end before `| extra |`")
        );
    }
}
