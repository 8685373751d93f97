//! Tables drawn directly, for the common case: no colour, no cell over two lines, nothing to
//! wrap. The drawing is comfy-table's, rounded `UTF8_FULL_CONDENSED` with a cell's text padded
//! by one space either side and widths measured with `unicode-width`, as comfy-table measures
//! them; a test draws random tables both ways and compares them byte for byte. Laying out a
//! table cell by cell in comfy-table costs about 30,000 instructions a row, which was a quarter
//! of `status` on a schedule of 1,000 phases.

use unicode_width::UnicodeWidthStr;

/// A cell's width in columns, as comfy-table measures it; printable ASCII, the usual text, is
/// one column a byte.
pub fn width(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        text.len()
    } else {
        text.width()
    }
}

/// Whether a cell can be drawn here: comfy-table splits a cell at each `\n`.
pub fn drawable(cell: &str) -> bool {
    !cell.contains('\n')
}

/// A column's content width: comfy-table gives an empty column one.
fn content(width: usize) -> usize {
    width.max(1)
}

/// A border line: `left`, then each column's `fill` (its content and padding wide), joined by
/// `mid`, then `right`.
fn rule(out: &mut String, widths: &[usize], [left, fill, mid, right]: [char; 4]) {
    out.push(left);
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            out.push(mid);
        }
        out.extend(std::iter::repeat_n(fill, content(*w) + 2));
    }
    out.push(right);
    out.push('\n');
}

/// A row of cells, each padded to its column's width.
pub fn row<S: AsRef<str>>(out: &mut String, widths: &[usize], cells: &[S]) {
    out.push('│');
    for (i, w) in widths.iter().enumerate() {
        if i > 0 {
            out.push('┆');
        }
        let cell = cells.get(i).map_or("", AsRef::as_ref);
        out.push(' ');
        out.push_str(cell);
        out.extend(std::iter::repeat_n(
            ' ',
            content(*w).saturating_sub(width(cell)) + 1,
        ));
    }
    out.push('│');
    out.push('\n');
}

/// The top border, the header and the line under it.
pub fn head(out: &mut String, widths: &[usize], header: &[&str]) {
    rule(out, widths, ['╭', '─', '┬', '╮']);
    row(out, widths, header);
    rule(out, widths, ['╞', '═', '╪', '╡']);
}

/// The bottom border, without the line break after it (as comfy-table's `Display`).
pub fn foot(out: &mut String, widths: &[usize]) {
    rule(out, widths, ['╰', '─', '┴', '╯']);
    out.pop();
}

/// A whole table with `widths` at least as wide as every cell.
pub fn draw<S: AsRef<str>>(widths: &[usize], header: &[&str], rows: &[Vec<S>]) -> String {
    let per_line: usize = widths.iter().map(|w| w + 3).sum::<usize>() * 3 + 4;
    let mut out = String::with_capacity(per_line * (rows.len() + 4));
    head(&mut out, widths, header);
    for cells in rows {
        row(&mut out, widths, cells);
    }
    foot(&mut out, widths);
    out
}
