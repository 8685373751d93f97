//! The SVG timeline `export svg` writes: a picture of the schedule for a web page or a
//! repository, like the Node.js release schedule's.
//!
//! - A title line, a month axis with year labels (and days, for spans of up to two months),
//!   one row per phase with its name, windows as bars, milestones and key dates as marks, a
//!   dashed line through the middle of today, and a legend of what is drawn.
//! - Day `d` of the span covers `x(d)` to `x(d + 1)`: a window's bar runs from the left edge of
//!   its first day to the right edge of its last (at least 2 px wide), a mark and today's line
//!   sit in the middle of their day.
//! - States differ by shape as well as colour, so the picture reads in grey: a past window is
//!   a thin bar, the current one a full bar, an upcoming one a dashed outline; a due milestone
//!   is an open diamond, a done one a filled diamond with a tick, an overdue one a cross; a key
//!   date is a dot, open while it is ahead; a window cut at the picture's edge gets an arrow
//!   head there.
//! - Colours come from a `<style>` with a light and a `prefers-color-scheme: dark` palette, over
//!   a background of the palette's own, so the picture reads on light and dark pages.
//! - Text is real `<text>`, XML-escaped, with control characters made visible; names are cut to
//!   the name column with `…`, and each row's `<title>` (a tooltip) holds the whole name.
//! - Deterministic: the same chart, title and width give the same bytes. Sizes are estimated
//!   from character counts (no font is measured), generously, so text does not overlap.
//!
//! Everything dated comes from the engine's [`Chart`]: days arrive as offsets, the axis as the
//! months and days it holds.

// Coordinates come from day and row counts far below 2^52, exact as f64.
#![allow(clippy::cast_precision_loss)]

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::engine::chart::{Chart, Row, Shape};
use crate::engine::evaluate::State;
use crate::io::text::{inert, inert_short};
use crate::schedule::phase::Kind;

pub const DEFAULT_WIDTH: u16 = 960;
pub const MIN_WIDTH: u16 = 320;
pub const MAX_WIDTH: u16 = 10_000;

const MARGIN: f64 = 16.0;
/// A generous estimate of one column of 12 px text.
const CHAR_W: f64 = 7.0;
const ROW_H: f64 = 22.0;
const TITLE_Y: f64 = 26.0;
const YEAR_Y: f64 = 52.0;
const MONTH_Y: f64 = 68.0;
const DAY_Y: f64 = 84.0;
/// Room for a cut window's arrow head beside the chart.
const EDGE: f64 = 10.0;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const STYLE: &str = r#"<style>
text { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; font-size: 12px; fill: #1f2328; }
.bg { fill: #ffffff; }
.title { font-size: 15px; font-weight: 600; }
.muted { fill: #59636e; }
.heading, .name.current { font-weight: 600; }
.name.overdue { fill: #cf222e; }
.band { fill: #f6f8fa; }
.grid { stroke: #d1d9e0; stroke-width: 1; }
.axis { stroke: #59636e; stroke-width: 1; }
.bar.past, .edge.past { fill: #8c959f; }
.bar.current, .edge.current { fill: #1a7f37; }
.bar.upcoming { fill: none; stroke: #0969da; stroke-width: 1.5; stroke-dasharray: 4 2; }
.edge.upcoming { fill: #0969da; }
.mark.due { fill: #ffffff; stroke: #9a6700; stroke-width: 2; }
.mark.done { fill: #1a7f37; }
.tick { fill: none; stroke: #ffffff; stroke-width: 1.5; }
.mark.overdue { fill: none; stroke: #cf222e; stroke-width: 3; stroke-linecap: round; }
.mark.date { fill: #8250df; stroke: #8250df; stroke-width: 2; }
.mark.date.upcoming { fill: #ffffff; }
.today { stroke: #bc4c00; stroke-width: 1.5; stroke-dasharray: 4 3; }
.today-mark { fill: #bc4c00; }
@media (prefers-color-scheme: dark) {
text { fill: #f0f6fc; }
.bg { fill: #0d1117; }
.muted { fill: #9198a1; }
.name.overdue { fill: #ff7b72; }
.band { fill: #151b23; }
.grid { stroke: #3d444d; }
.axis { stroke: #9198a1; }
.bar.past, .edge.past { fill: #656c76; }
.bar.current, .edge.current { fill: #3fb950; }
.bar.upcoming { stroke: #4493f8; }
.edge.upcoming { fill: #4493f8; }
.mark.due { fill: #0d1117; stroke: #d29922; }
.mark.done { fill: #3fb950; }
.tick { stroke: #0d1117; }
.mark.overdue { stroke: #ff7b72; }
.mark.date { fill: #ab7df8; stroke: #ab7df8; }
.mark.date.upcoming { fill: #0d1117; }
.today { stroke: #db6d28; }
.today-mark { fill: #db6d28; }
}
</style>"#;

/// Days to x over the chart's columns.
struct Scale {
    x0: f64,
    x1: f64,
    day: f64,
}

impl Scale {
    /// The left edge of the day at offset `at`.
    fn x(&self, at: i64) -> f64 {
        self.x0 + at as f64 * self.day
    }

    /// The middle of the day at offset `at`.
    fn mid(&self, at: i64) -> f64 {
        self.x(at) + self.day / 2.0
    }
}

/// What the legend shows, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Used {
    Past,
    Current,
    Upcoming,
    Due,
    Done,
    Overdue,
    Date,
    Before,
    After,
}

/// The whole SVG document, ending in a newline.
pub fn document(chart: &Chart, title: &str, width: u16) -> String {
    let width = f64::from(width.clamp(MIN_WIDTH, MAX_WIDTH));
    let names: Vec<String> = chart.rows().map(|r| inert_short(&r.phase.name)).collect();
    let headings = chart.groups.iter().filter_map(|g| g.heading.as_deref());
    let longest = names
        .iter()
        .map(String::as_str)
        .chain(headings)
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    let label_w = (longest as f64 * CHAR_W + 12.0).clamp(80.0, (width * 0.35).floor());
    let label_cols = ((label_w - 12.0) / CHAR_W).floor().max(1.0) as usize;
    let x0 = MARGIN + label_w;
    let x1 = width - MARGIN - EDGE;
    let scale = Scale {
        x0,
        x1,
        day: (x1 - x0) / chart.days as f64,
    };
    let axis_y = if chart.day_axis.is_empty() {
        MONTH_Y + 6.0
    } else {
        DAY_Y + 6.0
    };
    let rows_y = axis_y + 6.0;
    let row_count: usize = chart
        .groups
        .iter()
        .map(|g| g.rows.len() + usize::from(g.heading.is_some() && !g.rows.is_empty()))
        .sum();
    let rows_bottom = rows_y + ROW_H * row_count.max(1) as f64;

    let mut body = Vec::new();
    let mut used = Vec::new();
    let mut i = 0usize;
    let mut names = names.iter();
    for group in &chart.groups {
        if group.rows.is_empty() {
            continue;
        }
        if let Some(heading) = &group.heading {
            let top = rows_y + ROW_H * i as f64;
            body.push(format!(
                r#"<text class="heading" x="{}" y="{}">{}</text>"#,
                n(MARGIN),
                n(top + 15.0),
                esc(&fit(&inert_short(heading), label_cols))
            ));
            i += 1;
        }
        for row in &group.rows {
            let top = rows_y + ROW_H * i as f64;
            let name = names.next().map_or("", String::as_str);
            body.push(row_svg(
                row, name, label_cols, top, i, &scale, width, &mut used,
            ));
            i += 1;
        }
    }
    if row_count == 0 {
        body.push(format!(
            r#"<text class="muted" x="{}" y="{}">No phases between {} and {}.</text>"#,
            n(MARGIN),
            n(rows_y + 15.0),
            chart.span.from,
            chart.span.to
        ));
    }

    let (legend, legend_h) = legend(chart, &used, width, rows_bottom + 18.0);
    let height = (rows_bottom + 18.0 + legend_h + MARGIN).ceil();

    let mut out = String::new();
    out.push_str(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="vision-sched-title">"#,
        w = n(width),
        h = n(height)
    ));
    out.push('\n');
    let about = format!(
        "{} - {} as of {}",
        chart.span.from, chart.span.to, chart.today
    );
    out.push_str(&format!(
        "<title id=\"vision-sched-title\">{}: timeline {}</title>\n",
        esc(&inert(title)),
        about
    ));
    out.push_str(STYLE);
    out.push('\n');
    out.push_str(&format!(
        r#"<rect class="bg" width="{}" height="{}" rx="6"/>"#,
        n(width),
        n(height)
    ));
    out.push('\n');
    // The title, cut to leave room for the span and today on the right.
    let about_w = about.len() as f64 * CHAR_W;
    let title_cols = ((width - 2.0 * MARGIN - about_w - 16.0) / (CHAR_W * 1.25)).max(1.0) as usize;
    out.push_str(&format!(
        r#"<text class="title" x="{}" y="{}">{}</text>"#,
        n(MARGIN),
        n(TITLE_Y),
        esc(&fit(&inert_short(title), title_cols))
    ));
    out.push('\n');
    out.push_str(&format!(
        r#"<text class="muted" x="{}" y="{}" text-anchor="end">{about}</text>"#,
        n(width - MARGIN),
        n(TITLE_Y)
    ));
    out.push('\n');
    for line in axis(chart, &scale, axis_y, rows_bottom) {
        out.push_str(&line);
        out.push('\n');
    }
    for line in body {
        out.push_str(&line);
        out.push('\n');
    }
    if let Some(at) = chart.today_at {
        let x = scale.mid(at);
        out.push_str(&format!(
            r#"<line class="today" x1="{x}" y1="{}" x2="{x}" y2="{}"/>"#,
            n(axis_y),
            n(rows_bottom),
            x = n(x)
        ));
        out.push('\n');
        out.push_str(&format!(
            r#"<path class="today-mark" d="M{} {}L{} {}L{} {}Z"/>"#,
            n(x - 5.0),
            n(axis_y - 8.0),
            n(x + 5.0),
            n(axis_y - 8.0),
            n(x),
            n(axis_y - 1.0)
        ));
        out.push('\n');
    }
    for line in legend {
        out.push_str(&line);
        out.push('\n');
    }
    out.push_str("</svg>\n");
    out
}

/// One phase's row: a band on every other row, its name, its bar or mark, and a tooltip.
#[allow(clippy::too_many_arguments)]
fn row_svg(
    row: &Row,
    name: &str,
    label_cols: usize,
    top: f64,
    index: usize,
    scale: &Scale,
    width: f64,
    used: &mut Vec<Used>,
) -> String {
    let cy = top + ROW_H / 2.0;
    let mut parts = vec![format!(
        "<title>{}</title>",
        esc(&format!("{}: {}", inert(&row.phase.name), when(row)))
    )];
    if index % 2 == 1 {
        parts.push(format!(
            r#"<rect class="band" x="{}" y="{}" width="{}" height="{}"/>"#,
            n(MARGIN / 2.0),
            n(top),
            n(width - MARGIN),
            n(ROW_H)
        ));
    }
    let state = row.state.as_str();
    parts.push(format!(
        r#"<text class="name {state}" x="{}" y="{}">{}</text>"#,
        n(MARGIN),
        n(top + 15.0),
        esc(&fit(name, label_cols))
    ));
    match row.shape {
        Shape::Bar {
            from,
            to,
            before,
            after,
            ..
        } => {
            let (class, h, u) = match row.state {
                State::Past => ("past", 6.0, Used::Past),
                State::Current => ("current", 14.0, Used::Current),
                _ => ("upcoming", 13.0, Used::Upcoming),
            };
            let x = scale.x(from);
            let w = (scale.x(to + 1) - x).max(2.0);
            parts.push(format!(
                r#"<rect class="bar {class}" x="{}" y="{}" width="{}" height="{}" rx="2"/>"#,
                n(x),
                n(cy - h / 2.0),
                n(w),
                n(h)
            ));
            used.push(u);
            if before {
                parts.push(arrow(class, scale.x0 - 3.0, -6.0, cy));
                used.push(Used::Before);
            }
            if after {
                parts.push(arrow(class, scale.x1 + 3.0, 6.0, cy));
                used.push(Used::After);
            }
        }
        Shape::Milestone { at, .. } => {
            let x = scale.mid(at);
            let (mark, u) = milestone(row.state, x, cy);
            parts.push(mark);
            used.push(u);
        }
        Shape::Date { at, .. } => {
            let class = if row.state == State::Upcoming {
                "upcoming"
            } else {
                "past"
            };
            parts.push(format!(
                r#"<circle class="mark date {class}" cx="{}" cy="{}" r="4.5"/>"#,
                n(scale.mid(at)),
                n(cy)
            ));
            used.push(Used::Date);
        }
    }
    format!(
        r#"<g class="row {} {state}">{}</g>"#,
        row.phase.kind.as_str(),
        parts.concat()
    )
}

/// A milestone's mark by its state: an open diamond, a filled one with a tick, or a cross.
fn milestone(state: State, x: f64, y: f64) -> (String, Used) {
    let diamond = |class: &str| {
        format!(
            r#"<path class="mark {class}" d="M{} {}L{} {}L{} {}L{} {}Z"/>"#,
            n(x),
            n(y - 6.5),
            n(x + 6.5),
            n(y),
            n(x),
            n(y + 6.5),
            n(x - 6.5),
            n(y)
        )
    };
    match state {
        State::Done => (
            format!(
                r#"{}<path class="tick" d="M{} {}L{} {}L{} {}"/>"#,
                diamond("done"),
                n(x - 3.0),
                n(y),
                n(x - 1.0),
                n(y + 2.5),
                n(x + 3.0),
                n(y - 2.5)
            ),
            Used::Done,
        ),
        State::Overdue => (
            format!(
                r#"<path class="mark overdue" d="M{a} {b}L{c} {d}M{c} {b}L{a} {d}"/>"#,
                a = n(x - 5.0),
                b = n(y - 5.0),
                c = n(x + 5.0),
                d = n(y + 5.0)
            ),
            Used::Overdue,
        ),
        _ => (diamond("due"), Used::Due),
    }
}

/// An arrow head at `x` pointing `dx` away from the chart: the window goes on past the edge.
fn arrow(class: &str, x: f64, dx: f64, y: f64) -> String {
    format!(
        r#"<path class="edge {class}" d="M{} {}L{} {}L{} {}Z"/>"#,
        n(x),
        n(y - 5.0),
        n(x + dx),
        n(y),
        n(x),
        n(y + 5.0)
    )
}

/// A row's days in words, for its tooltip.
fn when(row: &Row) -> String {
    let days = match row.phase.kind {
        Kind::Window { start: None, end } => format!("until {end}"),
        Kind::Window {
            start: Some(s),
            end,
        } if s == end => s.to_string(),
        Kind::Window {
            start: Some(s),
            end,
        } => format!("{s} - {end}"),
        Kind::Milestone { due: d, .. } | Kind::Date { on: d } => d.to_string(),
    };
    format!("{days} ({})", row.state.as_str())
}

/// The axis line, month gridlines and names, year labels and, for short spans, days.
fn axis(chart: &Chart, scale: &Scale, axis_y: f64, bottom: f64) -> Vec<String> {
    let mut out = vec![format!(
        r#"<line class="axis" x1="{}" y1="{y}" x2="{}" y2="{y}"/>"#,
        n(scale.x0),
        n(scale.x1),
        y = n(axis_y)
    )];
    let month_px = scale.day * 30.44;
    let year_px = scale.day * 365.25;
    let ends: Vec<f64> = chart
        .months
        .iter()
        .skip(1)
        .map(|m| scale.x(m.at))
        .chain([scale.x1])
        .collect();
    let letters: usize = match month_px {
        p if p >= 30.0 => 3,
        p if p >= 11.0 => 1,
        _ => 0,
    };
    // Years are labelled every `stride` years, so labels never crowd each other.
    let stride = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000]
        .into_iter()
        .find(|k| f64::from(*k) * year_px >= 40.0)
        .unwrap_or(10_000);
    let mut years: Vec<(f64, i32)> = Vec::new();
    for (i, m) in chart.months.iter().enumerate() {
        let x = scale.x(m.at);
        let w = ends[i] - x;
        let year_line = m.month == 1 && m.year % stride == 0;
        if month_px >= 6.0 || year_line || i == 0 {
            out.push(format!(
                r#"<line class="grid" data-day="{}" x1="{x}" y1="{}" x2="{x}" y2="{}"/>"#,
                m.date,
                n(axis_y - 5.0),
                n(bottom),
                x = n(x)
            ));
        }
        let name = MONTHS[(m.month as usize).saturating_sub(1) % 12];
        if letters > 0 && w >= letters as f64 * CHAR_W + 2.0 {
            out.push(format!(
                r#"<text class="muted" x="{}" y="{}">{}</text>"#,
                n(x + 3.0),
                n(MONTH_Y),
                &name[..letters]
            ));
        }
        if i == 0 || year_line {
            years.push((x, m.year));
        }
    }
    // The span's first year yields to the next label when both cannot fit.
    let mut free = f64::MIN;
    for (k, &(x, year)) in years.iter().enumerate() {
        let needed = year.to_string().len() as f64 * CHAR_W + 8.0;
        let crowds = years.get(k + 1).is_some_and(|(next, _)| x + needed > *next);
        if x >= free && x + needed <= scale.x1 + EDGE && !(k == 0 && crowds) {
            out.push(format!(
                r#"<text x="{}" y="{}">{year}</text>"#,
                n(x + 3.0),
                n(YEAR_Y)
            ));
            free = x + needed;
        }
    }
    if !chart.day_axis.is_empty() {
        let every = (18.0 / scale.day).ceil().max(1.0) as i64;
        for d in &chart.day_axis {
            if d.at % every != 0 {
                continue;
            }
            out.push(format!(
                r#"<text class="muted" x="{}" y="{}" text-anchor="middle">{}</text>"#,
                n(scale.mid(d.at)),
                n(DAY_Y),
                d.day
            ));
        }
    }
    out
}

/// The legend's lines below the rows, from `top`, and their height.
fn legend(chart: &Chart, used: &[Used], width: f64, top: f64) -> (Vec<String>, f64) {
    let mut items: Vec<(Option<String>, String)> = Vec::new();
    match chart.today_at {
        Some(_) => items.push((
            Some(r#"<line class="today" x1="9" y1="-8" x2="9" y2="6"/>"#.to_string()),
            format!("today {}", chart.today),
        )),
        None => items.push((None, format!("today {} (outside)", chart.today))),
    }
    let mut kinds: Vec<Used> = used.to_vec();
    kinds.sort();
    kinds.dedup();
    for u in kinds {
        let (sample, words) = match u {
            Used::Past => (
                r#"<rect class="bar past" x="0" y="-4" width="18" height="6" rx="2"/>"#.to_string(),
                "past window",
            ),
            Used::Current => (
                r#"<rect class="bar current" x="0" y="-8" width="18" height="14" rx="2"/>"#
                    .to_string(),
                "current window",
            ),
            Used::Upcoming => (
                r#"<rect class="bar upcoming" x="0" y="-7.5" width="18" height="13" rx="2"/>"#
                    .to_string(),
                "upcoming window",
            ),
            Used::Due => (milestone(State::Upcoming, 9.0, -1.0).0, "due"),
            Used::Done => (milestone(State::Done, 9.0, -1.0).0, "done"),
            Used::Overdue => (milestone(State::Overdue, 9.0, -1.0).0, "overdue"),
            Used::Date => (
                r#"<circle class="mark date upcoming" cx="9" cy="-1" r="4.5"/>"#.to_string(),
                "key date",
            ),
            Used::Before => (arrow("past", 12.0, -6.0, -1.0), "from earlier"),
            Used::After => (arrow("past", 6.0, 6.0, -1.0), "goes on"),
        };
        items.push((Some(sample), words.to_string()));
    }
    let mut out = Vec::new();
    let (mut cx, mut cy) = (MARGIN, top + 12.0);
    let line_h = 20.0;
    for (sample, words) in items {
        let w = sample.as_ref().map_or(0.0, |_| 24.0) + words.len() as f64 * CHAR_W;
        if cx > MARGIN && cx + w > width - MARGIN {
            cx = MARGIN;
            cy += line_h;
        }
        let mut text_x = cx;
        if let Some(s) = sample {
            out.push(format!(
                r#"<g transform="translate({},{})">{s}</g>"#,
                n(cx),
                n(cy)
            ));
            text_x += 24.0;
        }
        out.push(format!(
            r#"<text class="muted" x="{}" y="{}">{words}</text>"#,
            n(text_x),
            n(cy + 3.0)
        ));
        cx += w + 20.0;
    }
    (out, cy - top + 8.0)
}

/// `text` in at most `cols` columns, cut with `…` when wider.
fn fit(text: &str, cols: usize) -> String {
    if text.width() <= cols {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > cols {
            break;
        }
        out.push(c);
        used += w;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Text for XML, in an element or an attribute. Characters XML cannot hold at all (U+FFFE,
/// U+FFFF) are shown as `\u{fffe}`, as [`inert`] shows control characters.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{fffe}' | '\u{ffff}' => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most two decimals and no trailing zeros.
fn n(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}
