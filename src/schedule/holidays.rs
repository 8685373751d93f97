//! Holidays from an iCalendar file (`holiday_calendars` in `[document]`), read with the `ical`
//! crate: the public feeds people subscribe to, such as the UK government's bank-holidays.ics.
//!
//! - Every all-day `VEVENT` (a `DTSTART` that is a date) is a day off, each day of it: from
//!   `DTSTART` up to but not including `DTEND` (or for its `DURATION`, or one day).
//! - Events with a time of day are not days off and are passed over.
//! - A yearly rule (`RRULE:FREQ=YEARLY`, with `INTERVAL`, `COUNT`, `UNTIL`, one `BYMONTH` and one
//!   `BYMONTHDAY` or `BYDAY` such as `-1MO`) repeats the holiday every year it names, however far
//!   from today a date is asked about. Any other rule, and `RDATE` or `EXDATE`, is an error naming
//!   its line: a gate must not quietly count a working day as a day off, or the other way round.
//! - Reading is bounded ([`crate::limits`]): at most so many events, holiday days and yearly
//!   holidays, and no holiday longer than the days off in a row a shift looks past. Past a limit
//!   the calendar is refused at the event that crosses it, so a huge file costs no more than a
//!   real one.

use std::ops::Range;
use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::error::{Error, Result, Source};
use crate::limits;
use crate::schedule::days_off::{Yearly, YearlyDay};

/// The days off a calendar names: single days, and holidays that repeat yearly.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Calendar {
    pub(crate) days: Vec<NaiveDate>,
    pub(crate) yearly: Vec<Yearly>,
}

impl Calendar {
    /// The last year it names a holiday in; `None` when a yearly holiday goes on for ever.
    pub(crate) fn last_year(&self) -> Option<i32> {
        let mut last = self.days.iter().map(Datelike::year).max();
        for y in &self.yearly {
            let end = match (y.until, y.count) {
                (Some(until), _) => until.year(),
                (None, Some(count)) => y
                    .first
                    .year()
                    .saturating_add((count.saturating_sub(1) * y.interval.max(1)) as i32),
                (None, None) => return None,
            };
            last = Some(last.map_or(end, |l| l.max(end)));
        }
        last
    }
}

/// Reads the calendar at `path` (its text already read).
pub(crate) fn read(path: &Path, text: &str) -> Result<Calendar> {
    let source = Source::new(path, text);
    let mut lines = Lines::new(text);
    let properties = ical::PropertyParser::from_reader(text.as_bytes());
    let line_reader = ical::LineReader::new(text.as_bytes());
    let mut out = Calendar::default();
    let mut event: Option<Event> = None;
    let mut events = 0;
    let mut depth: Vec<String> = Vec::new();
    for (property, line) in properties.zip(line_reader) {
        let span = lines.span(line.number());
        let at = || span.clone();
        let property = property.map_err(|e| {
            source.error(
                at(),
                format!("not an iCalendar file: {}", strip_line(&e.to_string())),
            )
        })?;
        let value = property.value.clone().unwrap_or_default();
        let is_date = property
            .params
            .iter()
            .flatten()
            .any(|(k, v)| k.eq_ignore_ascii_case("VALUE") && v.iter().any(|x| x == "DATE"))
            || (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()));
        match property.name.to_ascii_uppercase().as_str() {
            "BEGIN" => {
                depth.push(value.to_ascii_uppercase());
                if value.eq_ignore_ascii_case("VEVENT") {
                    events += 1;
                    if events > limits::CALENDAR_EVENTS {
                        return Err(source.error(
                            at(),
                            format!(
                                "more than {} events: too many for a holiday calendar",
                                limits::CALENDAR_EVENTS
                            ),
                        ));
                    }
                    event = Some(Event::default());
                }
            }
            "END" => {
                depth.pop();
                if value.eq_ignore_ascii_case("VEVENT")
                    && let Some(e) = event.take()
                {
                    e.add_to(&mut out, &source)?;
                    if out.days.len() > limits::HOLIDAY_DAYS {
                        return Err(source.error(
                            at(),
                            format!(
                                "more than {} days of holidays: too many for a schedule's days off",
                                limits::HOLIDAY_DAYS
                            ),
                        ));
                    }
                    if out.yearly.len() > limits::YEARLY_HOLIDAYS {
                        return Err(source.error(
                            at(),
                            format!(
                                "more than {} yearly holidays (RRULE:FREQ=YEARLY): too many to check every day against",
                                limits::YEARLY_HOLIDAYS
                            ),
                        ));
                    }
                }
            }
            name if depth.last().is_some_and(|d| d == "VEVENT") => {
                let Some(e) = event.as_mut() else { continue };
                let here = || (at(), value.clone());
                match name {
                    "DTSTART" => e.start = Some((here(), is_date)),
                    "DTEND" => e.end = Some((here(), is_date)),
                    "DURATION" => e.duration = Some(here()),
                    "RRULE" => e.rule = Some(here()),
                    "RDATE" | "EXDATE" => {
                        return Err(source.error(
                            at(),
                            format!(
                                "{name} is not read: write each holiday as an event of its own"
                            ),
                        ));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if !text.to_ascii_uppercase().contains("BEGIN:VCALENDAR") {
        return Err(Error::file(
            path,
            "not an iCalendar file: it has no BEGIN:VCALENDAR",
        ));
    }
    Ok(out)
}

/// A `VEVENT`'s dates, each with where it is and what it says.
#[derive(Default)]
struct Event {
    start: Option<((Range<usize>, String), bool)>,
    end: Option<((Range<usize>, String), bool)>,
    duration: Option<(Range<usize>, String)>,
    rule: Option<(Range<usize>, String)>,
}

impl Event {
    fn add_to(self, out: &mut Calendar, source: &Source) -> Result<()> {
        // Only all-day events are days off.
        let Some(((start_at, start), true)) = self.start else {
            return Ok(());
        };
        let first = date(&start).ok_or_else(|| {
            source.error(
                start_at.clone(),
                format!("DTSTART `{start}` is not a date like 20261225"),
            )
        })?;
        let days = match (&self.end, &self.duration) {
            (Some(((at, end), _)), _) => {
                let last = date(end).ok_or_else(|| {
                    source.error(
                        at.clone(),
                        format!("DTEND `{end}` is not a date like 20261226"),
                    )
                })?;
                (last - first).num_days()
            }
            (None, Some((at, d))) => duration_days(d).ok_or_else(|| {
                source.error(
                    at.clone(),
                    format!("DURATION `{d}` is not a number of days, like P1D"),
                )
            })?,
            (None, None) => 1,
        };
        if days < 1 {
            return Err(source.error(
                start_at,
                format!("this holiday lasts {days} days: its DTEND must be after its DTSTART"),
            ));
        }
        if days > limits::DAYS_OFF_IN_A_ROW {
            return Err(source.error(
                start_at,
                format!(
                    "this holiday lasts {days} days: at most {} days off in a row can be shifted past",
                    limits::DAYS_OFF_IN_A_ROW
                ),
            ));
        }
        match self.rule {
            None => {
                out.days
                    .extend((0..days).map(|i| crate::dates::add_days(first, i)));
            }
            Some((at, rule)) => {
                let yearly = yearly(&rule, first, days).map_err(|m| source.error(at, m))?;
                out.yearly.push(yearly);
            }
        }
        Ok(())
    }
}

/// `20261225` (or the date part of `20261225T000000Z`).
fn date(value: &str) -> Option<NaiveDate> {
    let d = value.get(..8)?;
    let rest = &value[8..];
    if !d.bytes().all(|b| b.is_ascii_digit()) || !(rest.is_empty() || rest.starts_with('T')) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| d[r].parse::<u32>().ok();
    NaiveDate::from_ymd_opt(i32::try_from(n(0..4)?).ok()?, n(4..6)?, n(6..8)?)
}

/// `P1D`, `P2W`: a whole number of days.
fn duration_days(value: &str) -> Option<i64> {
    let rest = value.trim().strip_prefix('P')?;
    let (n, per) = if let Some(n) = rest.strip_suffix('D') {
        (n, 1)
    } else {
        (rest.strip_suffix('W')?, 7)
    };
    n.parse::<i64>().ok().map(|n| n * per)
}

/// A `RRULE` of a yearly holiday.
fn yearly(rule: &str, first: NaiveDate, days: i64) -> Result<Yearly, String> {
    let mut y = Yearly {
        first,
        days: days as u32,
        interval: 1,
        count: None,
        until: None,
        month: first.month(),
        day: YearlyDay::Date(first.day()),
    };
    let mut freq = None;
    for part in rule.split(';').filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("RRULE part `{part}` is not KEY=VALUE"))?;
        let number = |v: &str| {
            v.parse::<u32>()
                .ok()
                .filter(|&n| n >= 1)
                .ok_or_else(|| format!("RRULE {key}={v} needs a whole number from 1"))
        };
        match key.to_ascii_uppercase().as_str() {
            "FREQ" => freq = Some(value.to_ascii_uppercase()),
            "INTERVAL" => y.interval = number(value)?,
            "COUNT" => y.count = Some(number(value)?),
            "UNTIL" => {
                y.until =
                    Some(date(value).ok_or_else(|| format!("RRULE UNTIL={value} is not a date"))?);
            }
            "BYMONTH" => {
                y.month = number(value).ok().filter(|m| *m <= 12).ok_or_else(|| {
                    format!("RRULE BYMONTH={value}: one month from 1 to 12 is read")
                })?;
            }
            "BYMONTHDAY" => {
                y.day =
                    YearlyDay::Date(number(value).ok().filter(|d| *d <= 31).ok_or_else(|| {
                        format!("RRULE BYMONTHDAY={value}: one day from 1 to 31 is read")
                    })?);
            }
            "BYDAY" => y.day = by_day(value)?,
            "WKST" => {}
            other => return Err(format!("RRULE {other} is not read in a holiday calendar")),
        }
    }
    match freq.as_deref() {
        Some("YEARLY") => Ok(y),
        Some(f) => Err(format!(
            "only yearly holidays are read (RRULE FREQ=YEARLY), not FREQ={f}"
        )),
        None => Err("this RRULE has no FREQ".to_string()),
    }
}

/// `1MO`, `-1MO`, `+2TU`.
fn by_day(value: &str) -> Result<YearlyDay, String> {
    let bad =
        || format!("RRULE BYDAY={value}: one weekday with its place, like 1MO or -1MO, is read");
    let split = value.len().checked_sub(2).ok_or_else(bad)?;
    let (n, wd) = value.split_at(split);
    let wd = match wd {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return Err(bad()),
    };
    let n: i32 = n.trim_start_matches('+').parse().map_err(|_| bad())?;
    if !(n == -1 || (1..=5).contains(&n)) {
        return Err(bad());
    }
    Ok(YearlyDay::Weekday(n, wd))
}

/// The byte spans of lines asked for in increasing order, found by counting on from the last
/// one: no table of every line of a large file is kept.
struct Lines<'a> {
    rest: std::str::SplitInclusive<'a, char>,
    number: usize,
    at: usize,
    last: Range<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            rest: text.split_inclusive('\n'),
            number: 0,
            at: 0,
            last: 0..0,
        }
    }

    /// The span of 1-based line `number`, without its line ending; an empty span past the end.
    fn span(&mut self, number: usize) -> Range<usize> {
        while self.number < number {
            let Some(line) = self.rest.next() else {
                return self.at..self.at;
            };
            self.number += 1;
            self.last = self.at..self.at + line.trim_end_matches(['\r', '\n']).len();
            self.at += line.len();
        }
        self.last.clone()
    }
}

/// The ical crate's messages begin "Line N: "; the location is shown apart.
fn strip_line(message: &str) -> String {
    match message.split_once(": ") {
        Some((head, rest)) if head.starts_with("Line ") => rest.to_string(),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date as ymd;

    fn read_text(text: &str) -> Result<Calendar> {
        read(Path::new("h.ics"), text)
    }

    #[test]
    fn all_day_events_are_days_off() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Christmas\r\n and Boxing Day\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20270101\r\nSUMMARY:New Year\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20270105T090000Z\r\nDTEND:20270105T100000Z\r\nSUMMARY:A meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let c = read_text(text).unwrap();
        assert_eq!(
            c.days,
            [ymd(2026, 12, 25), ymd(2026, 12, 26), ymd(2027, 1, 1)]
        );
    }

    #[test]
    fn yearly_rules() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20210531\nRRULE:FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO\nEND:VEVENT\nEND:VCALENDAR\n";
        let c = read_text(text).unwrap();
        assert_eq!(c.yearly.len(), 1);
        assert_eq!(c.yearly[0].day, YearlyDay::Weekday(-1, Weekday::Mon));
    }

    /// A calendar of `n` events, each written by `event(i)`.
    fn calendar(n: usize, event: impl Fn(usize) -> String) -> String {
        let events: String = (0..n)
            .map(|i| format!("BEGIN:VEVENT\n{}END:VEVENT\n", event(i)))
            .collect();
        format!("BEGIN:VCALENDAR\n{events}END:VCALENDAR\n")
    }

    fn day(i: usize) -> String {
        crate::dates::add_days(ymd(2000, 1, 1), i as i64)
            .format("%Y%m%d")
            .to_string()
    }

    #[test]
    fn reading_is_bounded_at_each_limit() {
        let long = |days: i64| {
            let end = crate::dates::add_days(ymd(2026, 12, 1), days);
            calendar(1, |_| {
                format!(
                    "DTSTART;VALUE=DATE:20261201\nDTEND;VALUE=DATE:{}\n",
                    end.format("%Y%m%d")
                )
            })
        };
        assert_eq!(
            read_text(&long(limits::DAYS_OFF_IN_A_ROW))
                .unwrap()
                .days
                .len(),
            31
        );
        let e = read_text(&long(limits::DAYS_OFF_IN_A_ROW + 1)).unwrap_err();
        assert!(e.message.contains("lasts 32 days"), "{e}");
        // Single days, up to the limit and one past it.
        let single = |n: usize| calendar(n, |i| format!("DTSTART;VALUE=DATE:{}\n", day(i)));
        assert_eq!(
            read_text(&single(limits::HOLIDAY_DAYS)).unwrap().days.len(),
            20_000
        );
        let e = read_text(&single(limits::HOLIDAY_DAYS + 1)).unwrap_err();
        assert!(e.message.contains("more than 20000 days"), "{e}");
        // Yearly rules.
        let yearly = |n: usize| {
            calendar(n, |i| {
                format!("DTSTART;VALUE=DATE:{}\nRRULE:FREQ=YEARLY\n", day(i))
            })
        };
        assert_eq!(
            read_text(&yearly(limits::YEARLY_HOLIDAYS))
                .unwrap()
                .yearly
                .len(),
            100
        );
        let e = read_text(&yearly(limits::YEARLY_HOLIDAYS + 1)).unwrap_err();
        assert!(e.message.contains("more than 100 yearly"), "{e}");
        // Events of any kind, timed ones too; the error is at the event past the limit.
        let timed = calendar(limits::CALENDAR_EVENTS + 1, |i| {
            format!("DTSTART:{}T090000Z\n", day(i % 1000))
        });
        let e = read_text(&timed).unwrap_err();
        assert!(e.message.contains("more than 50000 events"), "{e}");
        assert_eq!(e.location.unwrap().line, 2 + 3 * limits::CALENDAR_EVENTS);
    }

    #[test]
    fn bad_calendars_name_their_line() {
        let cases = [
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2026-12-25\nEND:VEVENT\nEND:VCALENDAR\n",
                Some(3),
                "is not a date",
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=WEEKLY\nEND:VEVENT\nEND:VCALENDAR\n",
                Some(4),
                "only yearly",
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nEXDATE:20271225\nEND:VEVENT\nEND:VCALENDAR\n",
                Some(4),
                "EXDATE",
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nDTEND;VALUE=DATE:20261225\nEND:VEVENT\nEND:VCALENDAR\n",
                Some(3),
                "lasts 0 days",
            ),
            (
                "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;X=\"DATE:20261225\nEND:VEVENT\nEND:VCALENDAR\n",
                Some(3),
                "not an iCalendar",
            ),
            ("just text\n", Some(1), "not an iCalendar file"),
            ("X-NOTE:just a property\n", None, "no BEGIN:VCALENDAR"),
        ];
        for (text, line, message) in cases {
            let e = read_text(text).expect_err(text);
            assert!(e.to_string().contains(message), "{text:?}: {e}");
            assert_eq!(e.location.as_ref().map(|l| l.line), line, "{text:?}: {e}");
        }
    }
}
