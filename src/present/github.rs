//! What `check` gives a GitHub Actions step besides its lines: the step's outputs
//! (`--github-output`) and the job summary (`--github-summary`).
//!
//! Outputs are `name=value` lines, each value JSON on one line (escaped as every JSON output,
//! [`one_line`]): no value holds a line break, so none can end early or start another output,
//! and none needs a heredoc delimiter that a name could forge. `ok` is `true` or `false`,
//! `overdue` a count, `opened` and `closing` the windows whose first or last day is today (a
//! list, `[]` when none), `next` the first event from today on, as `status` lists it (`null`
//! when nothing is ahead). With several documents each entry says its `document` and `file`,
//! as the JSON of the reports does.
//!
//! The summary is Markdown: the check's result (the line a pass prints, or a table of the
//! problems, at most [`limits::SUMMARY_PROBLEMS`] rows), then what `status --format markdown` prints, through the
//! same presenter, so schedule text is escaped by its rules.

use chrono::NaiveDate;
use serde::Serialize;

use crate::engine::evaluate::{Report, Upcoming};
use crate::limits;
use crate::present::check::Finding;
use crate::present::json::{DateJson, one_line, tagged};
use crate::present::markdown::{cell, plain, table};
use crate::present::{Docs, View, words};
use crate::schedule::phase::{EventKind, Kind, When};

/// A window that opens or closes today.
#[derive(Serialize)]
struct WindowJson<'a> {
    name: &'a str,
    start: Option<NaiveDate>,
    end: DateJson,
    note: Option<&'a str>,
    url: Option<&'a str>,
}

/// The next event.
#[derive(Serialize)]
struct NextJson<'a> {
    name: &'a str,
    event: &'static str,
    date: NaiveDate,
    days_until: i64,
}

/// The step's outputs, a line each: `ok`, `overdue`, `opened`, `closing` and `next`.
pub(crate) fn outputs(report: &Report, docs: &Docs, ok: bool) -> String {
    let today = |kind: EventKind| -> Vec<_> {
        report
            .upcoming
            .iter()
            .filter(|u| u.days_until == 0 && u.event == kind)
            .map(|u| tagged(docs, u.doc, u.phase.owners(), window(u)))
            .collect()
    };
    let next = report.upcoming.first().map(|u| {
        let entry = NextJson {
            name: &u.phase.name,
            event: u.event.as_str(),
            date: u.date,
            days_until: u.days_until,
        };
        tagged(docs, u.doc, u.phase.owners(), entry)
    });
    [
        ("ok", one_line(&ok)),
        ("overdue", one_line(&report.overdue.count())),
        ("opened", one_line(&today(EventKind::Start))),
        ("closing", one_line(&today(EventKind::End))),
        ("next", one_line(&next)),
    ]
    .iter()
    .map(|(name, value)| format!("{name}={value}\n"))
    .collect()
}

fn window(u: &Upcoming) -> WindowJson<'_> {
    let (start, end) = match u.phase.kind {
        Kind::Window { start, end } => (start, end),
        // Only a window's start or end is asked for here.
        _ => (None, When::On(u.date)),
    };
    WindowJson {
        name: &u.phase.name,
        start,
        end: DateJson(end),
        note: u.phase.note(),
        url: u.phase.url(),
    }
}

/// How the check came out, for the summary.
pub(crate) struct Outcome<I> {
    pub(crate) today: NaiveDate,
    /// The line a passing check prints; shown when `count` is 0.
    pub(crate) passed: String,
    /// The problems in the order the check prints them, and how many there are.
    pub(crate) problems: I,
    pub(crate) count: u64,
}

/// The job summary: the check's result, then the status report, in Markdown; cut at a line
/// (saying so) where GitHub would refuse it whole.
pub(crate) fn summary(
    report: &Report,
    docs: &Docs,
    outcome: Outcome<impl Iterator<Item = Finding>>,
) -> String {
    let mut out = String::from("### Revision schedule\n\n");
    if outcome.count == 0 {
        out.push_str(&plain(outcome.passed.trim_end()));
        out.push_str("\n\n");
    } else {
        out.push_str(&format!(
            "check failed on {}: {}\n\n",
            outcome.today,
            words::count(i64::try_from(outcome.count).unwrap_or(i64::MAX), "problem")
        ));
        let mut shown = 0u64;
        let rows = outcome
            .problems
            .take(limits::SUMMARY_PROBLEMS)
            .inspect(|_| shown += 1)
            .map(|f| vec![cell(&f.file), f.line.to_string(), cell(&f.message)]);
        out.push_str(&table(&["File", "Line", "Problem"], rows));
        if outcome.count > shown {
            out.push_str(&format!("\n... and {} more\n", outcome.count - shown));
        }
        out.push('\n');
    }
    let mut status = Vec::new();
    // Writing into memory cannot fail.
    let _ = crate::present::markdown::write(View::Status(report), docs, &mut status);
    out.push_str(&String::from_utf8_lossy(&status));
    cut(out, limits::SUMMARY_BYTES)
}

/// `text` whole when it fits in `limit` bytes, else its lines that fit and a last one saying so.
fn cut(mut text: String, limit: usize) -> String {
    const NOTE: &str =
        "\n... the rest is left out: GitHub shows at most 1 MiB of a step's summary.\n";
    if text.len() <= limit {
        return text;
    }
    let mut room = limit.saturating_sub(NOTE.len());
    while !text.is_char_boundary(room) {
        room -= 1;
    }
    let end = text[..room].rfind('\n').map_or(0, |i| i + 1);
    text.truncate(end);
    text.push_str(NOTE);
    text
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn a_long_summary_is_cut_at_a_line_saying_so() {
        let text = "line one\n".repeat(20_000);
        let out = cut(text.clone(), 100_000);
        assert!(out.len() <= 100_000, "{}", out.len());
        assert!(out.starts_with("line one\nline one\n"));
        let (kept, note) = out.rsplit_once("\n\n").unwrap();
        assert!(kept.lines().all(|l| l == "line one"));
        assert!(note.starts_with("... the rest is left out"), "{note}");
        assert_eq!(cut("short\n".into(), 100), "short\n");
    }
}
