//! Markdown output of the reporting commands, for pasting into an issue or a chat: a bold heading
//! line, then GitHub-flavoured tables. Schedule text is shown as written: control characters are
//! made visible and Markdown's inline syntax is escaped, so a name cannot break a table or turn
//! into a link or markup.

use std::io::Write;

use chrono::NaiveDate;

use crate::engine::evaluate::{Current, Report, State, Upcoming};
use crate::engine::overdue::{Overdue, Overdues};
use crate::io::text::inert;
use crate::present::words;
use crate::present::{STATUS_OVERDUE_ROWS, View};
use crate::schedule::phase::Phase;

/// Writes a view as Markdown.
pub fn write(view: View, out: &mut dyn Write) -> std::io::Result<()> {
    match view {
        View::Status(r) => out.write_all(status(r).as_bytes()),
        View::Upcoming(r) => out.write_all(upcoming(r).as_bytes()),
        View::Overdue(list) => overdue(list, out),
        View::Phases(rows, today) => out.write_all(phases(rows, today).as_bytes()),
    }
}

/// The headline, then current, upcoming and overdue; long overdue lists show the most recent,
/// as the terminal table does.
fn status(r: &Report) -> String {
    let mut out = format!("**{}**\n", headline(r));
    if !r.current.is_empty() {
        out.push_str(&format!("\n**Current**\n\n{}", current_table(&r.current)));
    }
    out.push_str(&format!("\n**{}**\n\n", upcoming_title(r)));
    if r.upcoming.is_empty() {
        out.push_str("Nothing ahead.\n");
    } else {
        out.push_str(&upcoming_table(&r.upcoming));
    }
    out.push_str("\n**Overdue**\n\n");
    let shown = r.overdue.recent(STATUS_OVERDUE_ROWS);
    if shown.is_empty() {
        out.push_str("Nothing overdue.\n");
    } else {
        out.push_str(&table(&OVERDUE_HEADER, shown.iter().map(overdue_row)));
        let total = r.overdue.count();
        if total > shown.len() as u64 {
            out.push('\n');
            out.push_str(&words::more_overdue(total - shown.len() as u64, total));
        }
    }
    out
}

fn upcoming(r: &Report) -> String {
    let mut out = format!("**{}**, as of {}\n\n", upcoming_title(r), r.today);
    if r.upcoming.is_empty() {
        out.push_str("Nothing ahead.\n");
    } else {
        out.push_str(&upcoming_table(&r.upcoming));
    }
    out
}

/// Every overdue milestone, a row at a time as they are computed.
fn overdue(list: Overdues, out: &mut dyn Write) -> std::io::Result<()> {
    write!(out, "**Overdue**, as of {}\n\n", list.today())?;
    let mut rows = list.iter().peekable();
    if rows.peek().is_none() {
        return out.write_all(b"Nothing overdue.\n");
    }
    out.write_all(table(&OVERDUE_HEADER, std::iter::empty()).as_bytes())?;
    for o in rows {
        writeln!(out, "| {} |", overdue_row(&o).join(" | "))?;
    }
    Ok(())
}

/// Every phase with its dates and its state on `today`.
fn phases(rows: &[(Phase, State)], today: NaiveDate) -> String {
    let mut out = format!("**Phases**, as of {today}\n\n");
    if rows.is_empty() {
        out.push_str("No phases.\n");
        return out;
    }
    let body = rows.iter().map(|(p, state)| {
        let (kind, dates) = words::kind_and_dates(p.kind);
        vec![cell(&p.name), kind.into(), dates, state.as_str().into()]
    });
    out.push_str(&table(&["Phase", "Kind", "Dates", "State"], body));
    out
}

fn current_table(rows: &[Current]) -> String {
    let body = rows.iter().map(|c| {
        let progress = match (c.day, c.length) {
            (Some(d), Some(l)) => format!("day {d} of {l}, {}", words::ends(c.days_left)),
            _ => words::ends(c.days_left),
        };
        vec![
            cell(&c.phase.name),
            c.start.map_or("-".to_string(), words::date),
            words::date(c.end),
            progress,
        ]
    });
    table(&["Current phase", "From", "To", "Progress"], body)
}

fn upcoming_table(rows: &[Upcoming]) -> String {
    let body = rows.iter().map(|u| {
        vec![
            words::date(u.date),
            words::event(u.event).into(),
            cell(&u.phase.name),
            words::relative(u.days_until),
        ]
    });
    table(&["Date", "Event", "Phase", "When"], body)
}

const OVERDUE_HEADER: [&str; 3] = ["Due", "Milestone", "Overdue"];

fn overdue_row(o: &Overdue) -> Vec<String> {
    vec![
        words::date(o.due),
        cell(&o.phase.name),
        words::overdue(o.days_overdue),
    ]
}

fn upcoming_title(r: &Report) -> String {
    if r.beyond_horizon {
        format!("Next (nothing in the next {} days)", r.horizon.0)
    } else {
        format!("Upcoming (next {} days)", r.horizon.0)
    }
}

/// The same headline as the terminal's, with names escaped for Markdown.
fn headline(r: &Report) -> String {
    let mut escaped = r.clone();
    for c in &mut escaped.current {
        c.phase.name = cell(&c.phase.name);
    }
    for u in &mut escaped.upcoming {
        u.phase.name = cell(&u.phase.name);
    }
    words::headline(&escaped)
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = format!("| {} |\n", header.join(" | "));
    out.push_str(&format!("|{}\n", " --- |".repeat(header.len())));
    for row in rows {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

/// Schedule text for a table cell: control characters made visible, then every character that
/// Markdown would read as syntax escaped with a backslash (`|` would end the cell).
pub fn cell(text: &str) -> String {
    let text = inert(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_inert_and_escaped() {
        let cases = [
            ("2021 Q2 revision published", "2021 Q2 revision published"),
            ("a | b", "a \\| b"),
            ("C:\\docs", "C:\\\\docs"),
            ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
            ("[x](http://e)", "\\[x\\](http://e)"),
            ("<script>", "\\<script\\>"),
            ("two\nlines", "two lines"),
            ("esc\u{1b}[31m", "esc\\\\u{1b}\\[31m"),
        ];
        for (input, want) in cases {
            assert_eq!(cell(input), want, "{input:?}");
        }
    }
}
