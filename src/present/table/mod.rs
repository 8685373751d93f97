//! Terminal tables, drawn by comfy-table: colour only when asked for, widths fitted to the
//! terminal.
//!
//! A table wider than the terminal gives way in a fixed order ([`plan`]): a date
//! (`Mon 2024-01-08`) never wraps; names wrap first, down to [`NAME_MIN`] columns; then the other
//! words (progress, "in 10 days", a phase's dates), down to their longest word; then names again,
//! words split, down to [`NAME_FLOOR`]. A terminal too narrow even for that (under about 40
//! columns) gets a table wider than itself rather than a date over two lines.

use std::io::Write;

use chrono::NaiveDate;
use comfy_table::{
    Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets,
};
use unicode_width::UnicodeWidthStr;

use crate::engine::evaluate::{Current, Listed, Listing, Report, State, Tba, Upcoming};
use crate::engine::overdue::{Overdue, Overdues};
use crate::io::text::inert_short;
use crate::present::words;
use crate::present::{Docs, Look, STATUS_OVERDUE_ROWS, View};
use crate::schedule::phase::Phase;

/// Events this close are shown in yellow.
const SOON_DAYS: i64 = 7;

/// What a column holds, which says how it may give way to a narrow terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// One date, `Mon 2024-01-08`: never wrapped.
    Date,
    /// A phase's name: wraps first.
    Name,
    /// Other words: wrap after the names, never inside a word.
    Words,
}

/// Names keep at least this many columns while other words can still give way.
const NAME_MIN: usize = 10;

/// The fewest columns a name is ever given.
const NAME_FLOOR: usize = 5;

/// The widest text and the widest word of each column.
#[derive(Debug, Clone)]
struct Measure {
    natural: Vec<usize>,
    word: Vec<usize>,
}

impl Measure {
    fn new(header: &[&str]) -> Measure {
        let mut m = Measure {
            natural: vec![0; header.len()],
            word: vec![0; header.len()],
        };
        m.add(header);
        m
    }

    fn add<S: AsRef<str>>(&mut self, cells: &[S]) {
        for (i, cell) in cells.iter().enumerate() {
            let cell = cell.as_ref();
            self.natural[i] = self.natural[i].max(cell.width());
            let word = cell.split(' ').map(UnicodeWidthStr::width).max();
            self.word[i] = self.word[i].max(word.unwrap_or(0));
        }
    }
}

/// Content widths for a table of `cols` in `width` columns, or `None` when it fits as it is.
/// Names give way first, down to [`NAME_MIN`]; then other words, the widest column first, down
/// to its longest word; then names again, down to [`NAME_FLOOR`]; dates never. What still does
/// not fit makes the table wider than `width`.
fn plan(cols: &[Col], m: &Measure, width: Option<u16>) -> Option<Vec<usize>> {
    let n = cols.len();
    // A border left, right and between columns, and a space either side of each cell.
    let budget = usize::from(width?).saturating_sub(n + 1 + 2 * n);
    let mut w = m.natural.clone();
    let mut over = w.iter().sum::<usize>().checked_sub(budget)?;
    if over == 0 {
        return None;
    }
    for (i, col) in cols.iter().enumerate() {
        if *col == Col::Name {
            let give = over.min(w[i].saturating_sub(NAME_MIN));
            w[i] -= give;
            over -= give;
        }
    }
    while over > 0 {
        let widest = (0..n)
            .filter(|&i| cols[i] == Col::Words && w[i] > m.word[i])
            .max_by_key(|&i| (w[i] - m.word[i], std::cmp::Reverse(i)));
        let Some(i) = widest else { break };
        w[i] -= 1;
        over -= 1;
    }
    // Last, names give way further, their words split, down to NAME_FLOOR.
    for (i, col) in cols.iter().enumerate() {
        if *col == Col::Name {
            let give = over.min(w[i].saturating_sub(NAME_FLOOR));
            w[i] -= give;
            over -= give;
        }
    }
    Some(w)
}

/// A row's cells with their colour and weight.
type Row = (Vec<String>, Option<Color>, bool);

fn table(look: Look, header: &[&str], cols: &[Col], rows: Vec<Row>) -> String {
    let mut measure = Measure::new(header);
    for (cells, ..) in &rows {
        measure.add(cells);
    }
    let widths = plan(cols, &measure, look.width);
    let mut t = frame(look, header);
    if let Some(widths) = widths {
        pin(&mut t, &widths);
    }
    for (cells, color, bold) in rows {
        t.add_row(styled(cells, color, bold));
    }
    t.to_string()
}

/// An empty table with its header, drawn with colour or not, for the width or not.
fn frame(look: Look, header: &[&str]) -> Table {
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

/// Fixes each column's content width (comfy-table's absolute widths count the padding too).
fn pin(t: &mut Table, widths: &[usize]) {
    t.set_constraints(widths.iter().map(|&w| {
        let with_padding = u16::try_from(w + 2).unwrap_or(u16::MAX);
        ColumnConstraint::Absolute(Width::Fixed(with_padding))
    }));
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

/// With several documents, a Document column first.
fn with_doc<'h>(docs: &Docs, header: &[&'h str], cols: &[Col]) -> (Vec<&'h str>, Vec<Col>) {
    let mut h = Vec::with_capacity(header.len() + 1);
    let mut c = Vec::with_capacity(cols.len() + 1);
    if docs.many() {
        h.push("Document");
        c.push(Col::Name);
    }
    h.extend_from_slice(header);
    c.extend_from_slice(cols);
    (h, c)
}

/// `header` and `cols` with a Who column after column `at` when the documents have owners, and
/// with several documents a Document column first.
fn columns<'h>(
    docs: &Docs,
    header: &[&'h str],
    cols: &[Col],
    at: usize,
) -> (Vec<&'h str>, Vec<Col>) {
    let header = docs.with_who(header.to_vec(), at, || "Who");
    let cols = docs.with_who(cols.to_vec(), at, || Col::Words);
    with_doc(docs, &header, &cols)
}

/// A row's cells with `p`'s owners after cell `at` (see [`columns`]).
fn with_who(docs: &Docs, cells: Vec<String>, at: usize, p: &Phase) -> Vec<String> {
    docs.with_who(cells, at, || inert_short(&words::who(p)))
}

fn current_table(rows: &[Current], docs: &Docs, today: NaiveDate, look: Look) -> String {
    let rows = rows
        .iter()
        .map(|c| {
            let progress = words::progress(c, docs.today(c.doc, today));
            let from = c.start.map_or("-".to_string(), words::date);
            let cells = vec![name(&c.phase), from, words::day(c.end), progress];
            let cells = with_who(docs, cells, 0, &c.phase);
            (docs.row(c.doc, cells, inert_short), None, true)
        })
        .collect();
    let (header, cols) = columns(
        docs,
        &["Current phase", "From", "To", "Progress"],
        &[Col::Name, Col::Date, Col::Date, Col::Words],
        0,
    );
    table(look, &header, &cols, rows)
}

fn upcoming_table(rows: &[Upcoming], docs: &Docs, today: NaiveDate, look: Look) -> String {
    let rows = rows
        .iter()
        .map(|u| {
            let color = (u.days_until <= SOON_DAYS).then_some(Color::Yellow);
            let cells = vec![
                words::date(u.date),
                words::event(u.event).into(),
                name(&u.phase),
                words::when(docs.today(u.doc, today), u.date),
            ];
            let cells = with_who(docs, cells, 2, &u.phase);
            (docs.row(u.doc, cells, inert_short), color, false)
        })
        .collect();
    let (header, cols) = columns(
        docs,
        &["Date", "Event", "Phase", "When"],
        &[Col::Date, Col::Words, Col::Name, Col::Words],
        2,
    );
    table(look, &header, &cols, rows)
}

/// The events whose dates are to be announced, after the upcoming ones.
fn tba_table(rows: &[Tba], docs: &Docs, look: Look) -> String {
    let rows = rows
        .iter()
        .map(|t| {
            let cells = vec![words::event(t.event).into(), name(&t.phase)];
            (docs.row(t.doc, cells, inert_short), None, false)
        })
        .collect();
    let (header, cols) = with_doc(docs, &["Event", "Phase"], &[Col::Words, Col::Name]);
    table(look, &header, &cols, rows)
}

/// The "To be announced" section, or nothing when every date is known.
fn tba_section(report: &Report, docs: &Docs, look: Look) -> String {
    if report.tba.is_empty() {
        return String::new();
    }
    format!(
        "\n{}\n{}\n",
        words::TBA_TITLE,
        tba_table(&report.tba, docs, look)
    )
}

const OVERDUE_HEADER: [&str; 3] = ["Due", "Milestone", "Overdue"];
const OVERDUE_COLS: [Col; 3] = [Col::Date, Col::Name, Col::Words];

fn overdue_cells(o: &Overdue, docs: &Docs, today: NaiveDate) -> Vec<String> {
    let cells = vec![
        words::date(o.due),
        name(&o.phase),
        words::overdue_on(o.due, docs.today(o.doc, today)),
    ];
    let cells = with_who(docs, cells, 1, &o.phase);
    docs.row(o.doc, cells, inert_short)
}

fn overdue_table(rows: &[Overdue], docs: &Docs, today: NaiveDate, look: Look) -> String {
    let rows = rows
        .iter()
        .map(|o| (overdue_cells(o, docs, today), Some(Color::Red), false))
        .collect();
    let (header, cols) = columns(docs, &OVERDUE_HEADER, &OVERDUE_COLS, 1);
    table(look, &header, &cols, rows)
}

/// Rows a table is laid out with at once; a longer list is drawn in parts of this many rows.
const PART_ROWS: usize = 1_000;

/// Every overdue milestone. A list longer than [`PART_ROWS`] is drawn in parts of that many
/// rows, as it is computed, with the widths of its first part: the first line is out at once
/// and memory does not grow with the count.
fn overdue_list(
    list: Overdues,
    docs: &Docs,
    look: Look,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let today = list.today();
    let mut all = list.iter();
    let first: Vec<Overdue> = all.by_ref().take(PART_ROWS + 1).collect();
    if first.is_empty() {
        return out.write_all(b"Nothing overdue.\n");
    }
    if first.len() <= PART_ROWS {
        return writeln!(out, "{}", overdue_table(&first, docs, today, look));
    }
    // A long list streams: its widths come from the first part and the most recent row (a
    // cycle's number grows down the list), and the Overdue column is as wide as the oldest
    // (the first) can need; a name wider than its column yet wraps in it.
    let (header, cols) = columns(docs, &OVERDUE_HEADER, &OVERDUE_COLS, 1);
    let mut measure = Measure::new(&header);
    for o in first.iter().chain(&list.recent(1)) {
        measure.add(&overdue_cells(o, docs, today));
    }
    let when = cols.len() - 1;
    let oldest = &first[0];
    measure.natural[when] = measure.natural[when].max(words::widest_overdue(
        oldest.due,
        docs.today(oldest.doc, today),
    ));
    let planned = plan(&cols, &measure, look.width);
    let widths = planned.unwrap_or(measure.natural);
    let rows = first
        .into_iter()
        .chain(all)
        .map(|o| styled(overdue_cells(&o, docs, today), Some(Color::Red), false));
    write_parts(look, &header, &widths, rows, out)
}

/// A long table in parts of [`PART_ROWS`] rows at the given widths, as one table: the header
/// and top border once, the bottom border once, each part out as soon as it is drawn.
fn write_parts(
    look: Look,
    header: &[&str],
    widths: &[usize],
    rows: impl Iterator<Item = Vec<Cell>>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut rows = rows.peekable();
    let mut part = 0;
    while rows.peek().is_some() {
        let mut t = frame(look, header);
        pin(&mut t, widths);
        for row in rows.by_ref().take(PART_ROWS) {
            t.add_row(row);
        }
        let text = t.to_string();
        let mut lines: Vec<&str> = text.lines().collect();
        if part > 0 {
            lines.drain(..3);
        }
        if rows.peek().is_some() {
            lines.pop();
        }
        for line in lines {
            writeln!(out, "{line}")?;
        }
        out.flush()?;
        part += 1;
    }
    Ok(())
}

/// Writes a view as terminal tables.
pub(crate) fn write(
    view: View,
    docs: &Docs,
    look: Look,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match view {
        View::Status(r) => out.write_all(status(r, docs, look).as_bytes())?,
        View::Upcoming(r) => out.write_all(upcoming(r, docs, look).as_bytes())?,
        View::Overdue(list) => overdue_list(list, docs, look, out)?,
        View::Phases(listing) => phases(listing, docs, look, out)?,
    }
    match docs.footer() {
        Some(line) => out.write_all(format!("\n{line}").as_bytes()),
        None => Ok(()),
    }
}

/// The headline, then current, upcoming and overdue; long overdue lists show the most recent.
fn status(report: &Report, docs: &Docs, look: Look) -> String {
    let mut out = words::headline(report, docs, look.width);
    out.push('\n');
    if !report.current.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            current_table(&report.current, docs, report.today, look)
        ));
    }
    if report.upcoming.is_empty() {
        out.push_str("\nNothing ahead.\n");
    } else {
        out.push_str(&format!(
            "\n{}\n{}\n",
            words::upcoming_title(report),
            upcoming_table(&report.upcoming, docs, report.today, look)
        ));
    }
    out.push_str(&tba_section(report, docs, look));
    let shown = report.overdue.recent(STATUS_OVERDUE_ROWS);
    if shown.is_empty() {
        out.push_str("\nNothing overdue.\n");
    } else {
        out.push_str(&format!(
            "\nOverdue\n{}\n",
            overdue_table(&shown, docs, report.today, look)
        ));
        let total = report.overdue.count();
        if total > shown.len() as u64 {
            out.push_str(&words::more_overdue(total - shown.len() as u64, total));
        }
    }
    out
}

fn upcoming(report: &Report, docs: &Docs, look: Look) -> String {
    let dated = if report.upcoming.is_empty() {
        "Nothing ahead.\n".into()
    } else {
        format!(
            "{}\n{}\n",
            words::upcoming_title(report),
            upcoming_table(&report.upcoming, docs, report.today, look)
        )
    };
    format!("{dated}{}", tba_section(report, docs, look))
}

/// Every phase with its dates and state on its document's day; with the listing's `explain`, a
/// last column shows how each date written relative to another phase was found. A long list is
/// drawn in parts as it is computed, as the overdue list is, with the widths of its first part.
fn phases(listing: Listing, docs: &Docs, look: Look, out: &mut dyn Write) -> std::io::Result<()> {
    let today = listing.today();
    let cells = |row: &Listed| {
        let (kind, dates) = words::kind_and_dates(&row.phase, docs.today(row.doc, today));
        let mut cells = vec![
            name(&row.phase),
            kind.into(),
            dates,
            row.state.as_str().into(),
        ];
        if listing.explain {
            cells.push(inert_short(&words::derivation(&row.derivations)));
        }
        let cells = with_who(docs, cells, 0, &row.phase);
        docs.row(row.doc, cells, inert_short)
    };
    let style = |row: &Listed| match row.state {
        State::Overdue => (Some(Color::Red), false),
        State::Current => (None, true),
        _ => (None, false),
    };
    let (header, cols): (&[&str], &[Col]) = if listing.explain {
        (
            &["Phase", "Kind", "Dates", "State", "Derived"],
            &[Col::Name, Col::Words, Col::Words, Col::Words, Col::Words],
        )
    } else {
        (
            &["Phase", "Kind", "Dates", "State"],
            &[Col::Name, Col::Words, Col::Words, Col::Words],
        )
    };
    let (header, cols) = columns(docs, header, cols, 0);
    let mut all = listing.iter();
    let first: Vec<Listed> = all.by_ref().take(PART_ROWS + 1).collect();
    if first.is_empty() {
        return out.write_all(b"No phases.\n");
    }
    if first.len() <= PART_ROWS {
        let rows = first
            .iter()
            .map(|row| {
                let (color, bold) = style(row);
                (cells(row), color, bold)
            })
            .collect();
        return writeln!(out, "{}", table(look, &header, &cols, rows));
    }
    let mut measure = Measure::new(&header);
    for row in &first {
        measure.add(&cells(row));
    }
    let widths = plan(&cols, &measure, look.width).unwrap_or(measure.natural);
    let rows = first.into_iter().chain(all).map(|row| {
        let (color, bold) = style(&row);
        styled(cells(&row), color, bold)
    });
    write_parts(look, &header, &widths, rows, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_way_first_then_words_and_never_dates() {
        let cols = [Col::Name, Col::Date, Col::Words];
        let mut m = Measure::new(&["Phase", "Due", "When"]);
        m.add(&[
            "a name of thirty characters ok",
            "Wed 2021-06-30",
            "81 days overdue",
        ]);
        // 3 columns: 4 borders and 6 spaces of padding.
        assert_eq!(plan(&cols, &m, None), None);
        assert_eq!(plan(&cols, &m, Some(69)), None, "fits as it is");
        assert_eq!(plan(&cols, &m, Some(60)), Some(vec![21, 14, 15]));
        assert_eq!(plan(&cols, &m, Some(49)), Some(vec![10, 14, 15]));
        assert_eq!(
            plan(&cols, &m, Some(44)),
            Some(vec![10, 14, 10]),
            "to the longest word"
        );
        assert_eq!(
            plan(&cols, &m, Some(40)),
            Some(vec![9, 14, 7]),
            "names again"
        );
        assert_eq!(
            plan(&cols, &m, Some(20)),
            Some(vec![5, 14, 7]),
            "wider than 20"
        );
    }
}
