//! The timeline picture: a month scale across the top, one row per phase, windows as bars,
//! milestones as marks that differ by state (legible without colour), and a line for today.
//!
//! Every line fits the width, down to 20 columns: names are cut with an ellipsis, and the legend
//! and the lines below it wrap at spaces, so no date is cut.
//!
//! The picture maps days to columns; what state a phase is in comes from the engine.

use anstyle::{AnsiColor, Style};
use chrono::{Datelike, Months, NaiveDate};
use unicode_width::UnicodeWidthStr;

use crate::dates::days_between;
use crate::engine::evaluate::{Listed, State};
use crate::io::text::inert_line_start;
use crate::present::words;
use crate::schedule::phase::{Kind, Phase, When};

/// Columns when the terminal's width is unknown (piped output).
pub(crate) const DEFAULT_WIDTH: u16 = 80;

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Picture<'a> {
    /// The phases to draw, each with its state on its document's today, document by document.
    pub(crate) rows: &'a [Listed],
    /// The documents' names; with more than one, each document's rows come under a heading
    /// row with its name.
    pub(crate) documents: &'a [String],
    pub(crate) today: NaiveDate,
    pub(crate) from: NaiveDate,
    pub(crate) to: NaiveDate,
    /// Phases left out because no day of theirs falls in the range.
    pub(crate) hidden: usize,
}

/// How to draw it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Look {
    pub(crate) width: Option<u16>,
    pub(crate) color: bool,
    pub(crate) ascii: bool,
}

struct Glyphs {
    bar: char,
    before: char,
    after: char,
    /// The last column of a window whose end is to be announced.
    open: char,
    due: char,
    done: char,
    overdue: char,
    date: char,
    today_line: char,
    today_mark: char,
    axis: char,
    tick: char,
    ellipsis: &'static str,
}

const UNICODE: Glyphs = Glyphs {
    bar: '━',
    before: '◂',
    after: '▸',
    open: '┄',
    due: '◆',
    done: '✓',
    overdue: '✗',
    date: '●',
    today_line: '│',
    today_mark: '▼',
    axis: '─',
    tick: '┬',
    ellipsis: "…",
};

const ASCII: Glyphs = Glyphs {
    bar: '=',
    before: '<',
    after: '>',
    open: '~',
    due: 'o',
    done: 'x',
    overdue: '!',
    date: '*',
    today_line: '|',
    today_mark: 'v',
    axis: '-',
    tick: '+',
    ellipsis: "...",
};

/// The colour of a cell; every paint also has its own glyph, so colour only adds emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paint {
    Plain,
    Today,
    TodayLine,
    Past,
    Current,
    Ahead,
    Done,
    Overdue,
    Due,
    Scale,
}

impl Paint {
    fn style(self) -> Style {
        let fg = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
        match self {
            Paint::Plain => Style::new(),
            Paint::Today => fg(AnsiColor::Cyan).bold(),
            Paint::TodayLine => fg(AnsiColor::Cyan),
            Paint::Past => Style::new().dimmed(),
            Paint::Current => fg(AnsiColor::Green).bold(),
            Paint::Ahead => fg(AnsiColor::Blue),
            Paint::Done => fg(AnsiColor::Green),
            Paint::Overdue => fg(AnsiColor::Red).bold(),
            Paint::Due => fg(AnsiColor::Yellow),
            Paint::Scale => Style::new().dimmed(),
        }
    }
}

/// A row of cells, one per column.
#[derive(Debug, Clone)]
struct Line(Vec<(char, Paint)>);

impl Line {
    fn blank(n: usize) -> Line {
        Line(vec![(' ', Paint::Plain); n])
    }

    fn set(&mut self, col: usize, c: char, paint: Paint) {
        if let Some(cell) = self.0.get_mut(col) {
            *cell = (c, paint);
        }
    }

    fn put_str(&mut self, col: usize, text: &str, paint: Paint) {
        for (i, c) in text.chars().enumerate() {
            self.set(col + i, c, paint);
        }
    }

    fn render(&self, color: bool) -> String {
        let mut out = String::new();
        let mut i = 0;
        while i < self.0.len() {
            let paint = self.0[i].1;
            let run: String = self.0[i..]
                .iter()
                .take_while(|c| c.1 == paint)
                .map(|c| c.0)
                .collect();
            i += run.chars().count();
            out.push_str(&paint_text(&run, paint, color));
        }
        out
    }
}

fn paint_text(text: &str, paint: Paint, color: bool) -> String {
    let style = paint.style();
    if !color || style.is_plain() || text.trim().is_empty() {
        return text.to_string();
    }
    format!("{}{text}{}", style.render(), style.render_reset())
}

/// Days to columns over `from..=to`.
struct Scale {
    from: NaiveDate,
    to: NaiveDate,
    days: i64,
    cols: usize,
}

impl Scale {
    fn new(from: NaiveDate, to: NaiveDate, room: usize) -> Scale {
        let days = days_between(from, to) + 1;
        // Never more columns than days, so a bar has no gaps.
        let cols = room.clamp(1, usize::try_from(days).unwrap_or(usize::MAX));
        Scale {
            from,
            to,
            days,
            cols,
        }
    }

    /// The column of a day in the range.
    fn col(&self, d: NaiveDate) -> usize {
        let offset = days_between(self.from, d).clamp(0, self.days - 1);
        // i128: a century of days times a wide terminal cannot overflow.
        (i128::from(offset) * self.cols as i128 / i128::from(self.days)) as usize
    }

    fn contains(&self, d: NaiveDate) -> bool {
        self.from <= d && d <= self.to
    }

    /// First days of the months that start in the range, with the range's first day first.
    fn months(&self) -> Vec<NaiveDate> {
        let mut out = vec![self.from];
        let mut m = self.from.with_day(1).unwrap_or(self.from);
        while let Some(next) = m.checked_add_months(Months::new(1)) {
            if next > self.to {
                break;
            }
            out.push(next);
            m = next;
        }
        out
    }
}

/// The whole picture, lines ending in `\n`, none wider than the look's width.
pub(crate) fn render(p: &Picture, look: Look) -> String {
    let g = if look.ascii { &ASCII } else { &UNICODE };
    let width = usize::from(look.width.unwrap_or(DEFAULT_WIDTH));
    let names: Vec<String> = p
        .rows
        .iter()
        .map(|r| inert_line_start(&r.phase.name).into_owned())
        .collect();
    let longest = names.iter().map(|n| n.width()).max().unwrap_or(0);
    // Names get at most a third of the width; the rest is the chart.
    let label = longest.clamp(1, (width / 3).max(1));
    let scale = Scale::new(p.from, p.to, width.saturating_sub(label + 1));
    let pad = " ".repeat(label + 1);

    let mut out = String::new();
    if p.rows.is_empty() {
        let none = format!("No phases between {} and {}.", p.from, p.to);
        for line in wrap(&none, width) {
            out.push_str(&format!("{line}\n"));
        }
    } else {
        let (years, months, axis) = header(&scale, p.today, g);
        for line in [years, months, axis] {
            let text = line.render(look.color);
            // A scale too tight for month names has no month line.
            if !text.trim().is_empty() {
                out.push_str(&format!("{pad}{}\n", text.trim_end()));
            }
        }
    }
    let today_col = scale.contains(p.today).then(|| scale.col(p.today));
    let mut used = Vec::new();
    let mut heading = None;
    for (r, name) in p.rows.iter().zip(&names) {
        let (phase, state) = (&r.phase, &r.state);
        if p.documents.len() > 1 && heading != Some(r.doc) {
            heading = Some(r.doc);
            let title = p.documents.get(r.doc).map_or("", String::as_str);
            let title = fit(&inert_line_start(title), width, g.ellipsis);
            let title = if look.color {
                let bold = Style::new().bold();
                format!("{bold}{}{bold:#}", title.trim_end())
            } else {
                title.trim_end().to_string()
            };
            out.push_str(&title);
            out.push('\n');
        }
        let (line, glyphs) = row(&scale, phase, *state, today_col, g);
        used.extend(glyphs);
        let paint = match state {
            State::Current => Paint::Current,
            State::Overdue => Paint::Overdue,
            _ => Paint::Plain,
        };
        let name = paint_text(&fit(name, label, g.ellipsis), paint, look.color);
        let line = format!("{name} {}", line.render(look.color));
        out.push_str(line.trim_end());
        out.push('\n');
    }
    if !p.rows.is_empty() {
        out.push('\n');
        for line in legend(p, &used, g, look, width) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    if p.hidden > 0 {
        let hidden = format!(
            "{} outside {} - {} not shown.",
            words::count(p.hidden as i64, "phase"),
            p.from,
            p.to
        );
        for line in wrap(&hidden, width) {
            out.push_str(&format!("{line}\n"));
        }
    }
    out
}

/// `text` in lines of at most `width` columns, broken at spaces; a word wider than `width` is
/// cut with an ellipsis, which only a terminal under 10 columns (a date) could need.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let word = if word.width() > width {
            words::cut(word, width, "…")
        } else {
            word.to_string()
        };
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    lines.push(line);
    lines
}

/// Years, month names, and an axis with a tick at each month and a mark for today.
fn header(scale: &Scale, today: NaiveDate, g: &Glyphs) -> (Line, Line, Line) {
    let mut years = Line::blank(scale.cols);
    let mut months = Line::blank(scale.cols);
    let mut axis = Line(vec![(g.axis, Paint::Scale); scale.cols]);
    let starts = scale.months();
    let cols: Vec<usize> = starts.iter().map(|&d| scale.col(d)).collect();
    // Each month's columns: up to the next month's first, or the chart's end.
    let spans: Vec<usize> = (0..cols.len())
        .map(|i| cols.get(i + 1).copied().unwrap_or(scale.cols) - cols[i])
        .collect();
    // One label style for the whole scale, set by its narrowest whole month.
    let whole = (0..starts.len()).filter(|&i| starts[i].day() == 1 && i + 1 < starts.len());
    let narrowest = whole.map(|i| spans[i]).min().unwrap_or(usize::MAX);
    let letters = match narrowest {
        n if n >= 4 => 3,
        n if n >= 2 => 1,
        _ => 0,
    };
    for (i, &d) in starts.iter().enumerate() {
        let col = cols[i];
        if letters > 0 {
            let name: String = d.format("%b").to_string().chars().take(letters).collect();
            if spans[i] > letters || (i + 1 == starts.len() && col + letters <= scale.cols) {
                months.put_str(col, &name, Paint::Plain);
            }
            axis.set(col, g.tick, Paint::Scale);
        } else if i == 0 || d.month() == 1 {
            axis.set(col, g.tick, Paint::Scale);
        }
    }
    // Years at the range's start and at each January, left to right, where they fit; the
    // range's first year yields to the next January when both cannot.
    let labels: Vec<(usize, String)> = (0..starts.len())
        .filter(|&i| i == 0 || starts[i].month() == 1)
        .map(|i| (cols[i], starts[i].year().to_string()))
        .collect();
    let mut free = 0;
    for (k, (col, year)) in labels.iter().enumerate() {
        let end = col + year.len();
        let crowds_next = labels.get(k + 1).is_some_and(|(next, _)| end >= *next);
        if *col >= free && end <= scale.cols && !(k == 0 && crowds_next) {
            years.put_str(*col, year, Paint::Plain);
            free = end + 1;
        }
    }
    if scale.contains(today) {
        axis.set(scale.col(today), g.today_mark, Paint::Today);
    }
    (years, months, axis)
}

/// Which glyphs a row used, for the legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Used {
    Window,
    Before,
    After,
    Open,
    Due,
    Done,
    Overdue,
    Date,
}

/// One phase's cells: a bar for a window, a mark for a milestone, today's line behind them.
fn row(
    scale: &Scale,
    phase: &Phase,
    state: State,
    today: Option<usize>,
    g: &Glyphs,
) -> (Line, Vec<Used>) {
    let mut line = Line::blank(scale.cols);
    if let Some(t) = today {
        line.set(t, g.today_line, Paint::TodayLine);
    }
    let mut used = Vec::new();
    match phase.kind {
        Kind::Window { start, end } => {
            let paint = match state {
                State::Past => Paint::Past,
                State::Current => Paint::Current,
                _ => Paint::Ahead,
            };
            let first = start.map_or(0, |s| scale.col(s));
            let last = end.date().map_or(scale.cols - 1, |e| scale.col(e));
            for col in first..=last {
                line.set(col, g.bar, paint);
            }
            used.push(Used::Window);
            // A window that starts before the range (or has no start) or ends after it.
            if start.is_none_or(|s| s < scale.from) {
                line.set(0, g.before, paint);
                used.push(Used::Before);
            }
            if end.is_tba() {
                line.set(scale.cols - 1, g.open, paint);
                used.push(Used::Open);
            } else if end > When::On(scale.to) {
                line.set(scale.cols - 1, g.after, paint);
                used.push(Used::After);
            }
        }
        // A date to be announced is on no column: the row says so.
        Kind::Milestone { due: When::Tba, .. } | Kind::KeyDate { on: When::Tba } => {
            let said = words::TBA;
            let col = scale.cols.saturating_sub(said.width());
            line.put_str(col, said, Paint::Plain);
        }
        Kind::Milestone {
            due: When::On(due), ..
        } => {
            let (glyph, paint, u) = match state {
                State::Done => (g.done, Paint::Done, Used::Done),
                State::Overdue => (g.overdue, Paint::Overdue, Used::Overdue),
                _ => (g.due, Paint::Due, Used::Due),
            };
            line.set(scale.col(due), glyph, paint);
            used.push(u);
        }
        // A key date: a mark of its own, dimmed once its day has passed.
        Kind::KeyDate { on: When::On(on) } => {
            let paint = if state == State::Past {
                Paint::Past
            } else {
                Paint::Due
            };
            line.set(scale.col(on), g.date, paint);
            used.push(Used::Date);
        }
    }
    (line, used)
}

/// What each glyph means, only for the glyphs drawn, wrapped to the width.
fn legend(p: &Picture, used: &[Used], g: &Glyphs, look: Look, width: usize) -> Vec<String> {
    let today = if (p.from..=p.to).contains(&p.today) {
        (format!("{} today {}", g.today_mark, p.today), Paint::Today)
    } else {
        (format!("today {} (outside)", p.today), Paint::Plain)
    };
    let mut items = vec![(format!("{} - {}", p.from, p.to), Paint::Plain), today];
    let known = [
        (Used::Window, format!("{} window", g.bar), Paint::Plain),
        (Used::Due, format!("{} due", g.due), Paint::Due),
        (Used::Done, format!("{} done", g.done), Paint::Done),
        (Used::Date, format!("{} date", g.date), Paint::Due),
        (
            Used::Overdue,
            format!("{} overdue", g.overdue),
            Paint::Overdue,
        ),
        (
            Used::Before,
            format!("{} from earlier", g.before),
            Paint::Plain,
        ),
        (Used::After, format!("{} goes on", g.after), Paint::Plain),
        (
            Used::Open,
            format!("{} end {}", g.open, words::TBA),
            Paint::Plain,
        ),
    ];
    items.extend(
        known
            .into_iter()
            .filter(|(u, ..)| used.contains(u))
            .map(|(_, text, paint)| (text, paint)),
    );
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0;
    for (text, paint) in items {
        // An item wider than the terminal gets lines of its own, broken at spaces.
        if text.width() > width {
            if line_width > 0 {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            lines.extend(
                wrap(&text, width)
                    .iter()
                    .map(|piece| paint_text(piece, paint, look.color)),
            );
            continue;
        }
        let w = text.width();
        if line_width > 0 && line_width + 3 + w > width {
            lines.push(std::mem::take(&mut line));
            line_width = 0;
        }
        if line_width > 0 {
            line.push_str("   ");
            line_width += 3;
        }
        line.push_str(&paint_text(&text, paint, look.color));
        line_width += w;
    }
    if line_width > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` in exactly `width` columns: cut with an ellipsis when too wide, padded when short.
fn fit(text: &str, width: usize, ellipsis: &str) -> String {
    let out = words::cut(text, width, ellipsis);
    let pad = width.saturating_sub(out.width());
    format!("{out}{}", " ".repeat(pad))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    #[test]
    fn fit_truncates_by_display_width() {
        let cases = [
            ("short", 8, "short   "),
            ("exactly8", 8, "exactly8"),
            ("much too long", 8, "much to…"),
            ("漢字漢字漢字", 7, "漢字漢…"),
            // A wide character that does not fit leaves a space instead.
            ("漢字漢字漢字", 6, "漢字… "),
        ];
        for (text, width, want) in cases {
            assert_eq!(fit(text, width, "…"), want, "{text}");
            assert_eq!(fit(text, width, "…").width(), width);
        }
        assert_eq!(fit("much too long", 8, "..."), "much... ");
    }

    #[test]
    fn scale_maps_the_ends_to_the_first_and_last_columns() {
        let s = Scale::new(date(2021, 1, 1), date(2021, 12, 31), 53);
        assert_eq!(s.cols, 53);
        assert_eq!(s.col(date(2021, 1, 1)), 0);
        assert_eq!(s.col(date(2021, 12, 31)), 52);
        assert_eq!(s.col(date(2020, 1, 1)), 0, "clamped");
        // A short range gets one column per day at most.
        let s = Scale::new(date(2021, 1, 1), date(2021, 1, 10), 53);
        assert_eq!(s.cols, 10);
        assert_eq!(s.col(date(2021, 1, 10)), 9);
        let one = Scale::new(date(2021, 1, 1), date(2021, 1, 1), 53);
        assert_eq!(one.col(date(2021, 1, 1)), 0);
    }
}
