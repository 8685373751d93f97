//! Terminal tables (comfy-table): colour only when asked for, widths fitted to the terminal.

use comfy_table::{Attribute, Cell, Color, ContentArrangement, Table, presets};

use crate::engine::{Current, Overdue, Report, State, Upcoming};
use crate::model::Phase;
use crate::present::inert::inert_short;
use crate::present::words;
use crate::present::{Look, STATUS_OVERDUE_ROWS};

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

fn overdue_table(rows: &[Overdue], look: Look) -> Table {
    let mut t = table(look, &["Due", "Milestone", "Overdue"]);
    for o in rows {
        t.add_row(styled(
            vec![
                words::date(o.due),
                name(&o.phase),
                words::overdue(o.days_overdue),
            ],
            Some(Color::Red),
            false,
        ));
    }
    t
}

fn upcoming_title(report: &Report) -> String {
    if report.beyond_horizon {
        format!("Next (nothing in the next {} days)", report.horizon.0)
    } else {
        format!("Upcoming (next {} days)", report.horizon.0)
    }
}

/// The headline, then current, upcoming and overdue; long overdue lists show the most recent.
pub fn status(report: &Report, look: Look) -> String {
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
    let n = report.overdue.len();
    if n == 0 {
        out.push_str("\nNothing overdue.\n");
    } else {
        let shown = &report.overdue[n.saturating_sub(STATUS_OVERDUE_ROWS)..];
        out.push_str(&format!("\nOverdue\n{}\n", overdue_table(shown, look)));
        if n > shown.len() {
            out.push_str(&words::more_overdue(n - shown.len(), n));
        }
    }
    out
}

pub fn upcoming(report: &Report, look: Look) -> String {
    if report.upcoming.is_empty() {
        return "Nothing ahead.\n".into();
    }
    format!(
        "{}\n{}\n",
        upcoming_title(report),
        upcoming_table(&report.upcoming, look)
    )
}

pub fn overdue(report: &Report, look: Look) -> String {
    if report.overdue.is_empty() {
        return "Nothing overdue.\n".into();
    }
    format!("{}\n", overdue_table(&report.overdue, look))
}

/// Every phase with its dates and state on the report's day.
pub fn phases(rows: &[(Phase, State)], look: Look) -> String {
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
