//! The SVG timeline `export svg` writes: a picture of the schedule for a web page or a
//! repository, like the Node.js release schedule's.
//!
//! - A title line, a month axis with year labels (and days, for spans of up to two months),
//!   one row per phase with its name, windows as bars, milestones and key dates as marks, a
//!   dashed line through the middle of today, a line saying how many phases fall outside the
//!   span (as `timeline` says), and a legend of what is drawn.
//! - Month names take three letters each where a month is wide enough; where it is not, only
//!   each quarter's first month is named ("Jan Apr Jul Oct"), and on a narrower axis none, so
//!   names never run together.
//! - Day `d` of the span covers `x(d)` to `x(d + 1)`: a window's bar runs from the left edge of
//!   its first day to the right edge of its last (at least 2 px wide), a mark and today's line
//!   sit in the middle of their day.
//! - States differ by shape as well as colour, so the picture reads in grey: a past window is
//!   a thin bar, the current one a full bar, an upcoming one a dashed outline; a due milestone
//!   is an open diamond, a done one a filled diamond with a tick, an overdue one a cross; a key
//!   date is a dot, open while it is ahead; a window cut at the picture's edge gets an arrow
//!   head there. A window whose end is to be announced runs to the right edge and ends in three
//!   dots past it; a milestone or key date to be announced reads "to be announced" at the right
//!   of its row.
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

use unicode_width::UnicodeWidthStr;

use crate::engine::chart::{Chart, Row, Shape};
use crate::engine::evaluate::State;
use crate::io::text::{inert, inert_short};
use crate::present::words;
use crate::schedule::phase::{Kind, When};

pub(crate) const DEFAULT_WIDTH: u16 = 960;
pub(crate) const MIN_WIDTH: u16 = 320;
pub(crate) const MAX_WIDTH: u16 = 10_000;

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
    Open,
}

/// The whole SVG document, ending in a newline; `hidden` phases fall outside the span.
pub(crate) fn document(chart: &Chart, title: &str, width: u16, hidden: usize) -> String {
    draw(chart, title, width, hidden, None)
}

/// The same picture for a place inside an HTML page, where several may stand (an mdBook's
/// chapter, its print page): the `<svg>` has the id `id` and its title `{id}-title`, every rule
/// of its style is scoped to it (`#id .bar`), and it shrinks to the page's width.
pub(crate) fn inline(chart: &Chart, title: &str, width: u16, hidden: usize, id: &str) -> String {
    draw(chart, title, width, hidden, Some(id))
}

/// [`STYLE`] with each rule's selectors scoped to the element `#id`, and a rule that keeps the
/// picture within its column.
fn scoped_style(id: &str) -> String {
    let mut out = String::new();
    for line in STYLE.lines() {
        match line.split_once(" {") {
            Some((selectors, rest)) if !line.starts_with('@') => {
                let scoped: Vec<String> = selectors
                    .split(", ")
                    .map(|s| format!("#{id} {s}"))
                    .collect();
                out.push_str(&format!("{} {{{rest}", scoped.join(", ")));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
        if line == "<style>" {
            out.push_str(&format!("#{id} {{ max-width: 100%; height: auto; }}\n"));
        }
    }
    out.pop();
    out
}

fn draw(chart: &Chart, title: &str, width: u16, hidden: usize, id: Option<&str>) -> String {
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
    // Below the last line of labels, with room for today's mark between.
    let axis_y = if chart.day_axis.is_empty() {
        MONTH_Y + 12.0
    } else {
        DAY_Y + 12.0
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
                esc(&words::cut(&inert_short(heading), label_cols, "…"))
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

    // "3 phases outside 2021-01-01 - 2021-12-31 not shown.", as `timeline` says it.
    let mut below = rows_bottom;
    if hidden > 0 {
        body.push(format!(
            r#"<text class="muted hidden" x="{}" y="{}">{} outside {} - {} not shown.</text>"#,
            n(MARGIN),
            n(below + 18.0),
            words::count(i64::try_from(hidden).unwrap_or(i64::MAX), "phase"),
            chart.span.from,
            chart.span.to
        ));
        below += 22.0;
    }
    let (legend, legend_h) = legend(chart, &used, width, below + 18.0);
    let height = (below + 18.0 + legend_h + MARGIN).ceil();

    let mut out = String::new();
    let (own, title_id) = match id {
        Some(id) => (format!(r#" id="{id}""#), format!("{id}-title")),
        None => (String::new(), "vision-sched-title".to_string()),
    };
    out.push_str(&format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg"{own} width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{title_id}">"#,
        w = n(width),
        h = n(height)
    ));
    out.push('\n');
    let about = format!(
        "{} - {} as of {}",
        chart.span.from, chart.span.to, chart.today
    );
    out.push_str(&format!(
        "<title id=\"{title_id}\">{}: timeline {}</title>\n",
        esc(&inert(title)),
        about
    ));
    match id {
        Some(id) => out.push_str(&scoped_style(id)),
        None => out.push_str(STYLE),
    }
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
        esc(&words::cut(&inert_short(title), title_cols, "…"))
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
        esc(&words::cut(name, label_cols, "…"))
    ));
    match row.shape {
        Shape::Bar {
            from,
            to,
            before,
            after,
            open,
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
            if open {
                parts.push(dots(class, scale.x1 + 1.0, cy));
                used.push(Used::Open);
            } else if after {
                parts.push(arrow(class, scale.x1 + 3.0, 6.0, cy));
                used.push(Used::After);
            }
        }
        Shape::Tba { .. } => {
            parts.push(format!(
                r#"<text class="muted tba" x="{}" y="{}" text-anchor="end">{}</text>"#,
                n(scale.x1),
                n(top + 15.0),
                words::TBA
            ));
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

/// Three dots from `x`: the window goes on, its end to be announced.
fn dots(class: &str, x: f64, y: f64) -> String {
    [1.5, 4.5, 7.5]
        .map(|dx| {
            format!(
                r#"<circle class="edge {class}" cx="{}" cy="{}" r="1.2"/>"#,
                n(x + dx),
                n(y)
            )
        })
        .concat()
}

/// A row's days in words, for its tooltip.
fn when(row: &Row) -> String {
    let days = match row.phase.kind {
        Kind::Window { start: None, end } => format!("until {}", words::iso(end)),
        Kind::Window {
            start: Some(s),
            end,
        } if When::On(s) == end => s.to_string(),
        Kind::Window {
            start: Some(s),
            end,
        } => format!("{s} - {}", words::iso(end)),
        Kind::Milestone { due: d, .. } | Kind::KeyDate { on: d } => words::iso(d),
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
    // Every month's name where each fits with room to spare, else each quarter's first.
    let every_month = month_px >= 3.0 * CHAR_W + 8.0;
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
        // The room up to the next name: this month's, or this quarter's.
        let (room, needed) = if every_month {
            (w, 3.0 * CHAR_W + 8.0)
        } else if m.month % 3 == 1 {
            let end = ends.get(i + 2).unwrap_or(&scale.x1).min(scale.x1);
            (end - x, 3.0 * CHAR_W + 4.0)
        } else {
            (0.0, 0.0)
        };
        if room >= needed && room > 0.0 {
            out.push(format!(
                r#"<text class="muted" x="{}" y="{}">{name}</text>"#,
                n(x + 3.0),
                n(MONTH_Y),
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
            Used::Open => (dots("past", 4.0, -1.0), "end to be announced"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::engine::chart;
    use crate::engine::span::Span;
    use crate::schedule::phase::Phase;
    use chrono::NaiveDate;

    fn span(from: NaiveDate, to: NaiveDate) -> Span {
        Span { from, to }
    }

    fn window(name: &str, start: NaiveDate, end: NaiveDate) -> Phase {
        Phase::new(
            name,
            Kind::Window {
                start: Some(start),
                end: end.into(),
            },
            1,
        )
    }

    fn milestone(name: &str, due: NaiveDate) -> Phase {
        Phase::new(
            name,
            Kind::Milestone {
                due: due.into(),
                done: None,
            },
            1,
        )
    }

    /// The SVG of `phases` (with the states given) over `span` on `today`.
    fn picture(phases: Vec<(Phase, State)>, span: Span, today: NaiveDate, width: u16) -> String {
        let rows = phases
            .into_iter()
            .map(|(p, s)| chart::row(p, s, span))
            .collect();
        document(
            &chart::chart(span, today, chart::one_group(rows)),
            "Doc",
            width,
            0,
        )
    }

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not XML: {e}\n{svg}"))
    }

    fn num(node: roxmltree::Node, attr: &str) -> f64 {
        node.attribute(attr)
            .unwrap_or_else(|| panic!("no {attr} on {node:?}"))
            .parse()
            .unwrap()
    }

    fn has_class(node: roxmltree::Node, class: &str) -> bool {
        node.attribute("class")
            .is_some_and(|c| c.split(' ').any(|w| w == class))
    }

    /// The x of a month's gridline, by its first day.
    fn gridline(doc: &roxmltree::Document, day: &str) -> f64 {
        let line = doc
            .descendants()
            .find(|n| n.attribute("data-day") == Some(day))
            .unwrap_or_else(|| panic!("no gridline for {day}"));
        num(line, "x1")
    }

    /// The row whose name label reads `name`.
    fn row_of<'a>(doc: &'a roxmltree::Document, name: &str) -> roxmltree::Node<'a, 'a> {
        doc.descendants()
            .find(|n| {
                has_class(*n, "row")
                    && n.children()
                        .any(|c| has_class(c, "name") && c.text() == Some(name))
            })
            .unwrap_or_else(|| panic!("no row {name}"))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.02
    }

    #[test]
    fn bars_marks_and_today_sit_at_their_days() {
        let year = span(date(2021, 1, 1), date(2021, 12, 31));
        let svg = picture(
            vec![
                (
                    window("Q2", date(2021, 6, 14), date(2021, 6, 30)),
                    State::Current,
                ),
                (milestone("Q2 due", date(2021, 6, 30)), State::Upcoming),
            ],
            year,
            date(2021, 6, 20),
            960,
        );
        let doc = parse(&svg);
        let june = gridline(&doc, "2021-06-01");
        let july = gridline(&doc, "2021-07-01");
        let day = (july - june) / 30.0;
        assert!(day > 1.0, "{day}");
        // The bar starts at the left edge of June 14 and ends at the right edge of June 30.
        let bar = row_of(&doc, "Q2")
            .children()
            .find(|n| has_class(*n, "bar"))
            .unwrap();
        let (x, w) = (num(bar, "x"), num(bar, "width"));
        assert!(close(x, june + 13.0 * day), "{x} vs {}", june + 13.0 * day);
        assert!(close(x + w, july), "{} vs {july}", x + w);
        assert!(close(w / day, 17.0), "{} days", w / day);
        // Today's line runs through the middle of June 20.
        let today = doc.descendants().find(|n| has_class(*n, "today")).unwrap();
        assert!(close(num(today, "x1"), june + 19.5 * day));
        assert_eq!(today.attribute("x1"), today.attribute("x2"));
        // The milestone's diamond is centred on the middle of June 30.
        let mark = row_of(&doc, "Q2 due")
            .children()
            .find(|n| has_class(*n, "mark"))
            .unwrap();
        let d = mark.attribute("d").unwrap();
        let cx: f64 = d[1..].split(' ').next().unwrap().parse().unwrap();
        assert!(close(cx, june + 29.5 * day), "{d}");
        // The chart's ends are the span's first and last days.
        let axis = doc.descendants().find(|n| has_class(*n, "axis")).unwrap();
        assert!(close(num(axis, "x1"), gridline(&doc, "2021-01-01")));
        let (end, want) = (num(axis, "x2"), july + 184.0 * day);
        assert!((end - want).abs() < 0.1, "{end} vs {want}");
    }

    #[test]
    fn states_differ_by_shape() {
        let year = span(date(2021, 1, 1), date(2021, 12, 31));
        let w = |n| window(n, date(2021, 3, 1), date(2021, 3, 31));
        let m = |n| milestone(n, date(2021, 3, 15));
        let svg = picture(
            vec![
                (w("past"), State::Past),
                (w("current"), State::Current),
                (w("upcoming"), State::Upcoming),
                (m("due"), State::Upcoming),
                (m("done"), State::Done),
                (m("overdue"), State::Overdue),
            ],
            year,
            date(2021, 6, 20),
            960,
        );
        let doc = parse(&svg);
        // What each row draws, colour (class) aside: element, size, and path commands.
        let shape = |name: &str| -> String {
            row_of(&doc, name)
                .children()
                .filter(|n| n.is_element() && !matches!(n.tag_name().name(), "title" | "text"))
                .filter(|n| !has_class(*n, "band"))
                .map(|n| {
                    let commands: String = n
                        .attribute("d")
                        .unwrap_or_default()
                        .chars()
                        .filter(char::is_ascii_alphabetic)
                        .collect();
                    format!(
                        "{}:{}:{commands}",
                        n.tag_name().name(),
                        n.attribute("height").unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
                .join(",")
        };
        // Each state is told from every other by what is drawn, not by colour alone (which
        // shapes they are is the picture's design, not pinned here).
        let states = ["past", "current", "upcoming", "due", "done", "overdue"];
        let shapes: Vec<String> = states.iter().map(|n| shape(n)).collect();
        for (i, a) in shapes.iter().enumerate() {
            assert!(!a.is_empty(), "{} draws nothing", states[i]);
            for (j, b) in shapes.iter().enumerate().skip(i + 1) {
                assert_ne!(a, b, "{} and {} look alike", states[i], states[j]);
            }
        }
        // The upcoming bar is an outline, dashed: its style says so in both palettes.
        assert!(STYLE.contains(".bar.upcoming { fill: none;"));
        assert!(STYLE.contains("stroke-dasharray: 4 2"));
    }

    #[test]
    fn light_and_dark_palettes_over_a_background_of_their_own() {
        let svg = picture(
            vec![],
            span(date(2021, 1, 1), date(2021, 12, 31)),
            date(2021, 6, 20),
            960,
        );
        let doc = parse(&svg);
        let style = doc
            .descendants()
            .find(|n| n.has_tag_name("style"))
            .and_then(|n| n.text())
            .unwrap();
        let dark = style.find("@media (prefers-color-scheme: dark)").unwrap();
        assert!(style[..dark].contains(".bg { fill: #ffffff; }"));
        assert!(style[dark..].contains(".bg { fill: #0d1117; }"));
        // The background is the first thing drawn, over the whole picture.
        let first = doc
            .root_element()
            .children()
            .find(|n| n.is_element() && !matches!(n.tag_name().name(), "title" | "style"))
            .unwrap();
        assert!(has_class(first, "bg"));
        assert_eq!(
            first.attribute("width"),
            doc.root_element().attribute("width")
        );
        assert_eq!(
            first.attribute("height"),
            doc.root_element().attribute("height")
        );
        assert!(svg.contains("No phases between 2021-01-01 and 2021-12-31."));
    }

    #[test]
    fn names_are_escaped_text() {
        let hostile = [
            "x".repeat(10_000),
            "</text><script>alert(1)</script>".to_string(),
            "esc\u{1b}[31m bell\u{7} nul\u{0} cr\r lf\n del\u{7f} c1\u{9b}".to_string(),
            "\u{202e}evil\u{202c} & \"quoted\" 'single' <b>".to_string(),
            "not XML: \u{fffe}\u{ffff}".to_string(),
            "]]><!-- -->&amp;&#x1b;".to_string(),
        ];
        let phases = hostile
            .iter()
            .enumerate()
            .map(|(i, n)| (milestone(n, date(2021, 6, i as u32 + 1)), State::Upcoming))
            .collect();
        let svg = picture(
            phases,
            span(date(2021, 1, 1), date(2021, 12, 31)),
            date(2021, 6, 20),
            960,
        );
        let doc = parse(&svg);
        assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
        let rows: Vec<_> = doc.descendants().filter(|n| has_class(*n, "row")).collect();
        assert_eq!(rows.len(), hostile.len());
        for (row, name) in rows.iter().zip(&hostile) {
            let tooltip = row
                .children()
                .find(|n| n.has_tag_name("title"))
                .and_then(|n| n.text())
                .unwrap();
            // The tooltip holds the whole name, shown inert; the label its start.
            let shown = inert(name).replace(['\u{fffe}', '\u{ffff}'], "?");
            let tooltip = tooltip.replace("\\u{fffe}", "?").replace("\\u{ffff}", "?");
            assert!(
                tooltip.starts_with(&format!("{shown}: 2021-06-")),
                "{tooltip:?}"
            );
            let label = row
                .children()
                .find(|n| has_class(*n, "name"))
                .and_then(|n| n.text())
                .unwrap();
            let kept = label.trim_end_matches('…');
            assert!(
                shown.starts_with(
                    kept.replace("\\u{fffe}", "?")
                        .replace("\\u{ffff}", "?")
                        .as_str()
                ),
                "{label:?}"
            );
            for text in [tooltip.as_str(), label] {
                assert!(!text.chars().any(char::is_control), "{text:?}");
                assert!(
                    !text.chars().any(crate::io::text::is_bidi_control),
                    "{text:?}"
                );
            }
        }
        // A 10,000-character name is cut in the label, kept whole in the tooltip.
        let label = rows[0].children().find(|n| has_class(*n, "name")).unwrap();
        assert!(label.text().unwrap().chars().count() < 200);
        assert!(svg.len() < 40_000, "{} bytes", svg.len());
    }

    #[test]
    fn month_names_never_run_together() {
        // The month names on the axis, left to right, with their x.
        let names = |from: NaiveDate, to: NaiveDate| -> Vec<(f64, String)> {
            let rows = vec![(milestone("m", from), State::Upcoming)];
            let svg = picture(rows, span(from, to), from, 960);
            parse(&svg)
                .descendants()
                .filter(|t| t.has_tag_name("text") && t.attribute("y") == Some("68"))
                .map(|t| (num(t, "x"), t.text().unwrap().to_string()))
                .collect()
        };
        let words = |v: &[(f64, String)]| v.iter().map(|(_, w)| w.clone()).collect::<Vec<_>>();
        let year = names(date(2021, 1, 1), date(2021, 12, 31));
        assert_eq!(words(&year), MONTHS);
        // Six years: not "JFMAMJJASOND" but each quarter's first month.
        let six = names(date(2021, 1, 1), date(2026, 12, 31));
        assert_eq!(words(&six[..5]), ["Jan", "Apr", "Jul", "Oct", "Jan"]);
        assert_eq!(six.len(), 24);
        let fifty = names(date(2000, 1, 1), date(2049, 12, 31));
        assert_eq!(fifty.len(), 0);
        for v in [year, six] {
            for pair in v.windows(2) {
                assert!(pair[1].0 - pair[0].0 >= 3.0 * CHAR_W + 4.0, "{pair:?}");
            }
        }
    }

    #[test]
    fn phases_outside_the_span_are_counted() {
        let y = span(date(2021, 1, 1), date(2021, 12, 31));
        let rows = vec![(milestone("m", date(2021, 6, 1)), State::Upcoming)];
        let chart = chart::chart(
            y,
            date(2021, 6, 20),
            chart::one_group(rows.into_iter().map(|(p, s)| chart::row(p, s, y)).collect()),
        );
        let note = |hidden| {
            let svg = document(&chart, "Doc", 960, hidden);
            parse(&svg)
                .descendants()
                .find(|t| t.attribute("class") == Some("muted hidden"))
                .map(|t| t.text().unwrap().to_string())
        };
        assert_eq!(note(0), None);
        assert_eq!(
            note(3).as_deref(),
            Some("3 phases outside 2021-01-01 - 2021-12-31 not shown.")
        );
        assert_eq!(
            note(1).as_deref(),
            Some("1 phase outside 2021-01-01 - 2021-12-31 not shown.")
        );
    }

    #[test]
    fn the_same_input_gives_the_same_bytes() {
        let s =
            crate::schedule::portfolio::from_file(std::path::Path::new("schedule.toml")).unwrap();
        let draw = |today: NaiveDate, width: u16| {
            let span = Span::view(today, None, None).unwrap();
            let rows = chart::rows(&s, today, span);
            document(
                &chart::chart(span, today, chart::one_group(rows)),
                "t",
                width,
                0,
            )
        };
        let a = draw(date(2021, 6, 20), 960);
        assert_eq!(a, draw(date(2021, 6, 20), 960));
        assert_ne!(a, draw(date(2021, 6, 21), 960), "today's line moves");
        let wide = draw(date(2021, 6, 20), 1600);
        assert_eq!(parse(&wide).root_element().attribute("width"), Some("1600"));
        // Every number has at most two decimals.
        for attr in parse(&a).descendants().flat_map(|n| n.attributes()) {
            if let Some((_, frac)) = attr.value().split_once('.')
                && attr.value().parse::<f64>().is_ok()
            {
                assert!(frac.len() <= 2, "{}={}", attr.name(), attr.value());
            }
        }
    }

    #[test]
    fn one_day_and_fifty_years_both_give_a_picture() {
        let day = span(date(2021, 6, 20), date(2021, 6, 20));
        let svg = picture(
            vec![(
                window("all of it", date(2021, 6, 1), date(2021, 6, 30)),
                State::Current,
            )],
            day,
            date(2021, 6, 20),
            960,
        );
        let doc = parse(&svg);
        let axis = doc.descendants().find(|n| has_class(*n, "axis")).unwrap();
        let (x0, x1) = (num(axis, "x1"), num(axis, "x2"));
        let bar = doc.descendants().find(|n| has_class(*n, "bar")).unwrap();
        assert!(close(num(bar, "x"), x0) && close(num(bar, "x") + num(bar, "width"), x1));
        let today = doc.descendants().find(|n| has_class(*n, "today")).unwrap();
        assert!(close(num(today, "x1"), f64::midpoint(x0, x1)));
        let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
        for want in ["20", "Jun", "2021"] {
            assert!(texts.contains(&want), "{want} in {texts:?}");
        }
        // Cut at both ends: arrow heads on both sides.
        let row = doc.descendants().find(|n| has_class(*n, "row")).unwrap();
        assert_eq!(row.children().filter(|n| has_class(*n, "edge")).count(), 2);

        let fifty = span(date(1990, 1, 1), date(2039, 12, 31));
        let svg = picture(
            vec![
                (
                    window("decade", date(2000, 1, 1), date(2009, 12, 31)),
                    State::Past,
                ),
                (milestone("due", date(2030, 6, 30)), State::Upcoming),
            ],
            fifty,
            date(2021, 6, 20),
            960,
        );
        let doc = parse(&svg);
        let years: Vec<(f64, i32)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| Some((num(n, "x"), n.text()?.parse::<i32>().ok()?)))
            .filter(|(_, y)| *y >= 1990)
            .collect();
        assert!(years.len() >= 5, "{years:?}");
        for pair in years.windows(2) {
            assert!(pair[1].0 - pair[0].0 >= 4.0 * CHAR_W, "{pair:?} crowd");
        }
        // No month is drawn narrower than a pixel or two: gridlines only where they read.
        let grid = doc.descendants().filter(|n| has_class(*n, "grid")).count();
        assert!(grid <= 60, "{grid} gridlines");
        assert!(svg.len() < 20_000, "{} bytes", svg.len());
        let width: f64 = num(doc.root_element(), "width");
        for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
            assert!(num(n, "x") <= width, "{n:?}");
        }
    }

    #[test]
    fn numbers_and_escapes() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.5), "12.5");
        assert_eq!(n(1.0 / 3.0), "0.33");
        assert_eq!(n(-0.001), "0");
        assert_eq!(
            esc("<a href=\"x\">&</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
        );
    }

    #[test]
    fn inline_pictures_keep_their_ids_and_styles_to_themselves() {
        let span = span(date(2021, 1, 1), date(2021, 12, 31));
        let rows = vec![chart::row(
            window("w", date(2021, 3, 1), date(2021, 3, 31)),
            State::Past,
            span,
        )];
        let chart = chart::chart(span, date(2021, 6, 20), chart::one_group(rows));
        let svg = inline(&chart, "Doc", 960, 0, "vision-sched-timeline-2");
        let doc = parse(&svg);
        let root = doc.root_element();
        assert_eq!(root.attribute("id"), Some("vision-sched-timeline-2"));
        assert_eq!(
            root.attribute("aria-labelledby"),
            Some("vision-sched-timeline-2-title")
        );
        let ids: Vec<&str> = doc
            .descendants()
            .filter_map(|n| n.attribute("id"))
            .collect();
        assert_eq!(
            ids,
            ["vision-sched-timeline-2", "vision-sched-timeline-2-title"]
        );
        // Every rule applies within the picture alone, and a Markdown HTML block holds it whole.
        let style = doc
            .descendants()
            .find(|n| n.has_tag_name("style"))
            .and_then(|n| n.text())
            .unwrap();
        let rules: Vec<&str> = style.lines().filter(|l| l.contains('{')).collect();
        assert_eq!(rules.len(), STYLE.matches('{').count() + 1);
        for rule in rules.iter().filter(|r| !r.starts_with('@')) {
            let selectors = rule.split(" {").next().unwrap();
            for s in selectors.split(", ") {
                assert!(s.starts_with("#vision-sched-timeline-2"), "{rule}");
            }
        }
        assert!(!svg.contains("\n\n"));
        // Only the ids and the style differ from the standalone picture.
        let alone = document(&chart, "Doc", 960, 0);
        assert_eq!(
            svg.lines()
                .skip(2)
                .filter(|l| !l.contains('{'))
                .collect::<Vec<_>>(),
            alone
                .lines()
                .skip(2)
                .filter(|l| !l.contains('{'))
                .collect::<Vec<_>>()
        );
    }
}
