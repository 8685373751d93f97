//! Terminal tables (comfy-table): colour only when asked for, widths fitted to the terminal.

use std::io::Write;

use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};

use crate::engine::evaluate::{Current, Report, State, Upcoming};
use crate::engine::overdue::{Overdue, Overdues};
use crate::io::text::inert_short;
use crate::present::words;
use crate::present::{Look, STATUS_OVERDUE_ROWS, View};
use crate::schedule::phase::Phase;

/// Events this close are shown in yellow.
const SOON_DAYS: i64 = 7;

fn table(look: Look, header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
    if look.color {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    match look.width {
        Some(w) => {
            t.set_width(w)
                .set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    t.set_header(
        header
            .iter()
            .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
    );
    t
}

fn styled(cells: Vec<String>, color: Option<Color>, bold: bool) -> Vec<Cell> {
    cells
        .into_iter()
        .map(|c| {
            let mut cell = Cell::new(c);
            if let Some(color) = color {
                cell = cell.fg(color);
            }
            if bold {
                cell = cell.add_attribute(Attribute::Bold);
            }
            cell
        })
        .collect()
}

fn name(p: &Phase) -> String {
    inert_short(&p.name)
}

fn current_table(rows: &[Current], look: Look) -> Table {
    let mut t = table(look, &["Current phase", "From", "To", "Progress"]);
    for c in rows {
        let progress = match (c.day, c.length) {
            (Some(d), Some(l)) => format!("day {d} of {l}, {}", words::ends(c.days_left)),
            _ => words::ends(c.days_left),
        };
        let from = c.start.map_or("-".to_string(), words::date);
        t.add_row(styled(
            vec![name(&c.phase), from, words::date(c.end), progress],
            None,
            true,
        ));
    }
    t
}

fn upcoming_table(rows: &[Upcoming], look: Look) -> Table {
    let mut t = table(look, &["Date", "Event", "Phase", "When"]);
    for u in rows {
        let color = (u.days_until <= SOON_DAYS).then_some(Color::Yellow);
        t.add_row(styled(
            vec![
                words::date(u.date),
                words::event(u.event).into(),
                name(&u.phase),
                words::relative(u.days_until),
            ],
            color,
            false,
        ));
    }
    t
}

const OVERDUE_HEADER: [&str; 3] = ["Due", "Milestone", "Overdue"];

fn overdue_cells(o: &Overdue) -> Vec<String> {
    vec![
        words::date(o.due),
        name(&o.phase),
        words::overdue(o.days_overdue),
    ]
}

fn overdue_table(rows: &[Overdue], look: Look) -> Table {
    let mut t = table(look, &OVERDUE_HEADER);
    for o in rows {
        t.add_row(styled(overdue_cells(o), Some(Color::Red), false));
    }
    t
}

/// Rows a table is laid out with at once; a longer list is drawn in parts of this many rows.
const PART_ROWS: usize = 1_000;

/// Every overdue milestone. comfy-table lays a table out in memory, so a list longer than
/// [`PART_ROWS`] is measured in a first pass, then drawn in parts of that many rows with the
/// widths the whole list needs, so memory does not grow with the count.
fn overdue_list(list: Overdues, look: Look, out: &mut dyn Write) -> std::io::Result<()> {
    let first: Vec<Overdue> = list.iter().take(PART_ROWS + 1).collect();
    if first.is_empty() {
        return out.write_all(b"Nothing overdue.\n");
    }
    if first.len() <= PART_ROWS {
        return writeln!(out, "{}", overdue_table(&first, look));
    }
    drop(first);
    let mut widest: Vec<String> = OVERDUE_HEADER
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    for o in list.iter() {
        for (w, cell) in widest.iter_mut().zip(overdue_cells(&o)) {
            if cell.chars().count() > w.chars().count() {
                *w = cell;
            }
        }
    }
    let mut sizing = table(look, &OVERDUE_HEADER);
    sizing.add_row(widest);
    let widths = column_widths(&sizing.to_string());
    let mut rows = list.iter().peekable();
    let mut part = 0;
    while rows.peek().is_some() {
        let mut t = table(look, &OVERDUE_HEADER);
        t.set_constraints(
            widths
                .iter()
                .map(|&w| ColumnConstraint::Absolute(Width::Fixed(w))),
        );
        for o in rows.by_ref().take(PART_ROWS) {
            t.add_row(styled(overdue_cells(&o), Some(Color::Red), false));
        }
        let text = t.to_string();
        let mut lines: Vec<&str> = text.lines().collect();
        // The header and top border once, the bottom border once.
        if part > 0 {
            lines.drain(..3);
        }
        if rows.peek().is_some() {
            lines.pop();
        }
        for line in lines {
            writeln!(out, "{line}")?;
        }
        part += 1;
    }
    Ok(())
}

/// The content width of each column of a drawn table, read off its top border.
fn column_widths(drawn: &str) -> Vec<u16> {
    let top = drawn.lines().next().unwrap_or_default();
    let inner: String = top.chars().skip(1).collect();
    inner
        .split(['┬', '╮'])
        .filter(|s| !s.is_empty())
        .map(|s| u16::try_from(s.chars().count().saturating_sub(2)).unwrap_or(u16::MAX))
        .collect()
}

fn upcoming_title(report: &Report) -> String {
    if report.beyond_horizon {
        format!("Next (nothing in the next {} days)", report.horizon.0)
    } else {
        format!("Upcoming (next {} days)", report.horizon.0)
    }
}

/// Writes a view as terminal tables.
pub fn write(view: View, look: Look, out: &mut dyn Write) -> std::io::Result<()> {
    match view {
        View::Status(r) => out.write_all(status(r, look).as_bytes()),
        View::Upcoming(r) => out.write_all(upcoming(r, look).as_bytes()),
        View::Overdue(list) => overdue_list(list, look, out),
        View::Phases(rows, _) => out.write_all(phases(rows, look).as_bytes()),
    }
}

/// The headline, then current, upcoming and overdue; long overdue lists show the most recent.
fn status(report: &Report, look: Look) -> String {
    let mut out = words::headline(report);
    out.push('\n');
    if !report.current.is_empty() {
        out.push_str(&format!("\n{}\n", current_table(&report.current, look)));
    }
    if report.upcoming.is_empty() {
        out.push_str("\nNothing ahead.\n");
    } else {
        out.push_str(&format!(
            "\n{}\n{}\n",
            upcoming_title(report),
            upcoming_table(&report.upcoming, look)
        ));
    }
    let shown = report.overdue.recent(STATUS_OVERDUE_ROWS);
    if shown.is_empty() {
        out.push_str("\nNothing overdue.\n");
    } else {
        out.push_str(&format!("\nOverdue\n{}\n", overdue_table(&shown, look)));
        let total = report.overdue.count();
        if total > shown.len() as u64 {
            out.push_str(&words::more_overdue(total - shown.len() as u64, total));
        }
    }
    out
}

fn upcoming(report: &Report, look: Look) -> String {
    if report.upcoming.is_empty() {
        return "Nothing ahead.\n".into();
    }
    format!(
        "{}\n{}\n",
        upcoming_title(report),
        upcoming_table(&report.upcoming, look)
    )
}

/// Every phase with its dates and state on the report's day.
fn phases(rows: &[(Phase, State)], look: Look) -> String {
    if rows.is_empty() {
        return "No phases.\n".into();
    }
    let mut t = table(look, &["Phase", "Kind", "Dates", "State"]);
    for (p, state) in rows {
        let (kind, dates) = words::kind_and_dates(p.kind);
        let (color, bold) = match state {
            State::Overdue => (Some(Color::Red), false),
            State::Current => (None, true),
            _ => (None, false),
        };
        t.add_row(styled(
            vec![name(p), kind.into(), dates, state.as_str().into()],
            color,
            bold,
        ));
    }
    format!("{t}\n")
}
