//! Which days are off (weekend days, holidays) and counting in working days.
//!
//! A schedule names its days off in `[document]`: `weekend` (weekday names) and `holidays`
//! (dates), plus `holiday_calendars` (iCalendar files, read by `schedule::holidays`). With none,
//! every day is a working day, and every rule in working days gives what its calendar-day
//! counterpart gives ("last working day" is "last day", "+ 3 working days" is "+ 3d").
//!
//! - **Next, previous and nearest working day** look at most [`SHIFT_REACH`] days away; past
//!   that there is none (a schedule with every day of a month off cannot shift into it).
//!   "Nearest" prefers the earlier day when two are as near.
//! - **Adding working days** counts only working days: a Friday + 1 working day is the next
//!   Monday with Saturday and Sunday off; - 1 from a Monday is the Friday before. Adding 0
//!   working days to a day off gives that day.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::dates::{FIRST_DAY, LAST_DAY, add_days};

/// How far a shift looks for a working day.
pub(crate) const SHIFT_REACH: i64 = crate::limits::DAYS_OFF_IN_A_ROW;

/// The days a schedule has off.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DaysOff {
    /// Indexed by days from Monday.
    weekend: [bool; 7],
    holidays: BTreeSet<NaiveDate>,
    /// Holidays that repeat every year, from calendars with a yearly rule.
    yearly: Vec<Yearly>,
    /// How far each holiday calendar's data goes.
    calendars: Vec<Coverage>,
    /// The latest year any day was asked about since [`DaysOff::forget_asked`].
    asked: Asked,
}

/// How far a holiday calendar's data goes: a calendar of dates ends with its last year, and a
/// day asked about after it is answered as if it had no holidays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Coverage {
    /// The calendar as the schedule names it.
    pub(crate) calendar: String,
    /// Where the schedule names it: its file and line.
    pub(crate) named_at: (std::path::PathBuf, usize),
    /// The last year it names a holiday in; `None` when a yearly rule has no end.
    pub(crate) last_year: Option<i32>,
}

/// The latest year a day was asked about: what a command's answer leaned on, noted as it is
/// computed so the command can say when that was past a calendar's data. Not part of what the
/// days off are, so equal whatever it holds.
#[derive(Debug, Default)]
struct Asked(std::sync::atomic::AtomicI32);

impl Clone for Asked {
    fn clone(&self) -> Asked {
        Asked(std::sync::atomic::AtomicI32::new(self.get()))
    }
}

impl PartialEq for Asked {
    fn eq(&self, _: &Asked) -> bool {
        true
    }
}

impl Eq for Asked {}

impl Asked {
    fn get(&self) -> i32 {
        self.0.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// A holiday that repeats each year (an iCalendar `RRULE:FREQ=YEARLY`, the usual shape of one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Yearly {
    /// The first day of its first year.
    pub(crate) first: NaiveDate,
    /// Days it lasts (1 for most holidays).
    pub(crate) days: u32,
    /// Every this many years.
    pub(crate) interval: u32,
    /// At most this many years, counting its first.
    pub(crate) count: Option<u32>,
    /// Not after this day.
    pub(crate) until: Option<NaiveDate>,
    /// Which day of the year: its month, and the day of the month or a weekday of it.
    pub(crate) month: u32,
    pub(crate) day: YearlyDay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearlyDay {
    /// Day n of the month.
    Date(u32),
    /// The nth (1 to 5; -1 the last) such weekday of the month.
    Weekday(i32, Weekday),
}

/// Where a date that lands on a day off moves (`shift`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shift {
    Next,
    Previous,
    /// The nearer working day; an earlier one when both are as near. A window's first day moves
    /// forward and its last day back, so the window keeps only working days.
    Nearest,
}

impl Shift {
    pub(crate) fn parse(text: &str) -> Result<Shift, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "next working day" => Ok(Shift::Next),
            "previous working day" => Ok(Shift::Previous),
            "nearest working day" => Ok(Shift::Nearest),
            _ => Err(format!(
                "`{text}` is not a shift: write \"next working day\", \"previous working day\" or \"nearest working day\""
            )),
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Shift::Next => "next working day",
            Shift::Previous => "previous working day",
            Shift::Nearest => "nearest working day",
        }
    }
}

/// Which date of a phase is shifted: a window's first or last day moves inwards under
/// [`Shift::Nearest`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    First,
    Last,
    /// A milestone's due date or a key date's day.
    Day,
}

/// Why a day is off, for messages ("moved from Sat 2026-03-28 (weekend)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Why {
    Weekend,
    Holiday,
}

impl Why {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Why::Weekend => "weekend",
            Why::Holiday => "holiday",
        }
    }
}

impl DaysOff {
    /// Days off: weekend days and single holidays.
    pub(crate) fn new(
        weekend: &[Weekday],
        holidays: impl IntoIterator<Item = NaiveDate>,
    ) -> DaysOff {
        let mut w = [false; 7];
        for d in weekend {
            w[d.num_days_from_monday() as usize] = true;
        }
        DaysOff {
            weekend: w,
            holidays: holidays.into_iter().collect(),
            ..DaysOff::default()
        }
    }

    /// Adds holidays read from a calendar.
    pub(crate) fn extend(
        &mut self,
        days: impl IntoIterator<Item = NaiveDate>,
        yearly: Vec<Yearly>,
    ) {
        self.holidays.extend(days);
        self.yearly.extend(yearly);
    }

    /// Every holiday day: those written or in a calendar, and the yearly ones in the years
    /// `years`, in no particular order.
    pub(crate) fn holiday_days(
        &self,
        years: std::ops::RangeInclusive<i32>,
    ) -> impl Iterator<Item = NaiveDate> + '_ {
        let yearly = self.yearly.iter().flat_map(move |h| {
            years
                .clone()
                .filter_map(move |y| h.start_in(y))
                .flat_map(move |s| (0..i64::from(h.days)).map(move |i| add_days(s, i)))
        });
        self.holidays.iter().copied().chain(yearly)
    }

    /// Notes a holiday calendar and how far its data goes.
    pub(crate) fn cover(&mut self, coverage: Coverage) {
        self.calendars.push(coverage);
    }

    /// Starts noting the days asked about afresh: loading a schedule asks about days that no
    /// answer leans on.
    pub(crate) fn forget_asked(&self) {
        self.asked
            .0
            .store(i32::MIN, std::sync::atomic::Ordering::Relaxed);
    }

    /// The calendars whose data ends before the latest year asked about, with that year.
    pub(crate) fn ran_out(&self) -> Vec<(&Coverage, i32)> {
        let asked = self.asked.get();
        self.calendars
            .iter()
            .filter(|c| c.last_year.is_some_and(|last| asked > last))
            .map(|c| (c, asked))
            .collect()
    }

    /// How many holiday days and yearly holidays it names, for the limits on them.
    pub(crate) fn holiday_counts(&self) -> (usize, usize) {
        (self.holidays.len(), self.yearly.len())
    }

    /// True when some days off are holidays (which follow no pattern of weekdays).
    pub(crate) fn has_holidays(&self) -> bool {
        !self.holidays.is_empty() || !self.yearly.is_empty()
    }

    /// True when all seven weekdays are off, which leaves no working day at all.
    pub(crate) fn whole_week(&self) -> bool {
        self.weekend.iter().all(|&w| w)
    }

    /// Why `d` is off, or `None` for a working day.
    pub(crate) fn why(&self, d: NaiveDate) -> Option<Why> {
        if !self.calendars.is_empty() {
            self.asked
                .0
                .fetch_max(d.year(), std::sync::atomic::Ordering::Relaxed);
        }
        if self.weekend[d.weekday().num_days_from_monday() as usize] {
            Some(Why::Weekend)
        } else if self.holidays.contains(&d) || self.yearly.iter().any(|y| y.covers(d)) {
            Some(Why::Holiday)
        } else {
            None
        }
    }

    pub(crate) fn is_off(&self, d: NaiveDate) -> bool {
        self.why(d).is_some()
    }

    /// A working day within the calendar (0001-01-01 to 9999-12-31): a shift never leaves it.
    fn working_in_calendar(&self, d: NaiveDate) -> bool {
        (FIRST_DAY..=LAST_DAY).contains(&d) && !self.is_off(d)
    }

    /// `d` if it is a working day, else the first working day after it.
    pub(crate) fn next_working(&self, d: NaiveDate) -> Option<NaiveDate> {
        (0..=SHIFT_REACH)
            .map(|i| add_days(d, i))
            .find(|&x| self.working_in_calendar(x))
    }

    /// `d` if it is a working day, else the last working day before it.
    pub(crate) fn previous_working(&self, d: NaiveDate) -> Option<NaiveDate> {
        (0..=SHIFT_REACH)
            .map(|i| add_days(d, -i))
            .find(|&x| self.working_in_calendar(x))
    }

    /// The working day nearest `d` (the earlier of two as near).
    pub(crate) fn nearest_working(&self, d: NaiveDate) -> Option<NaiveDate> {
        (0..=SHIFT_REACH).find_map(|i| {
            [add_days(d, -i), add_days(d, i)]
                .into_iter()
                .find(|&x| self.working_in_calendar(x))
        })
    }

    /// `d` if it is a working day, else moved by `shift`; `None` when no working day is within
    /// [`SHIFT_REACH`] days.
    pub(crate) fn shifted(&self, d: NaiveDate, shift: Shift, role: Role) -> Option<NaiveDate> {
        match (shift, role) {
            (Shift::Next, _) | (Shift::Nearest, Role::First) => self.next_working(d),
            (Shift::Previous, _) | (Shift::Nearest, Role::Last) => self.previous_working(d),
            (Shift::Nearest, Role::Day) => self.nearest_working(d),
        }
    }

    /// The first run of more than [`SHIFT_REACH`] days off in a row, as (first, last), among the
    /// holidays written or in a calendar (yearly ones in their first year), counting weekends:
    /// no shift could get out of it.
    pub(crate) fn longest_gap(&self) -> Option<(NaiveDate, NaiveDate)> {
        let mut days: Vec<NaiveDate> = self.holidays.iter().copied().collect();
        for y in &self.yearly {
            if let Some(s) = y.start_in(y.first.year()) {
                days.extend((0..i64::from(y.days)).map(|i| add_days(s, i)));
            }
        }
        days.sort_unstable();
        // The end of the last run walked: a holiday within it is in a run already seen.
        let mut seen: Option<NaiveDate> = None;
        for &first in &days {
            if seen.is_some_and(|end| first <= end) {
                continue;
            }
            // Walk back to the start of the run this holiday is in, then forward to its end.
            let mut a = first;
            while self.is_off(add_days(a, -1)) && (first - a).num_days() <= SHIFT_REACH {
                a = add_days(a, -1);
            }
            let mut b = first;
            while self.is_off(add_days(b, 1)) && (b - a).num_days() <= SHIFT_REACH {
                b = add_days(b, 1);
            }
            if (b - a).num_days() >= SHIFT_REACH {
                return Some((a, b));
            }
            seen = Some(b);
        }
        None
    }

    /// `d` moved by `n` working days (back when negative), counting only working days.
    pub(crate) fn add_working(&self, d: NaiveDate, n: i64) -> Option<NaiveDate> {
        if self.whole_week() {
            return None;
        }
        let step = n.signum();
        let mut left = n.abs();
        let mut at = d;
        while left > 0 {
            at = at.checked_add_signed(chrono::TimeDelta::days(step))?;
            if !self.is_off(at) {
                left -= 1;
            }
        }
        Some(at)
    }

    /// The `n`th working day (1 = the first) from `first` to `last`, or `None` if there are
    /// fewer.
    pub(crate) fn nth_working(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        n: u32,
    ) -> Option<NaiveDate> {
        let start = self.next_working_until(first, last)?;
        let d = self.add_working(start, i64::from(n) - 1)?;
        (d <= last).then_some(d)
    }

    /// The last working day from `first` to `last`.
    pub(crate) fn last_working(&self, first: NaiveDate, last: NaiveDate) -> Option<NaiveDate> {
        let mut d = last;
        while d >= first {
            if !self.is_off(d) {
                return Some(d);
            }
            d = d.pred_opt()?;
        }
        None
    }

    fn next_working_until(&self, first: NaiveDate, last: NaiveDate) -> Option<NaiveDate> {
        let mut d = first;
        while d <= last {
            if !self.is_off(d) {
                return Some(d);
            }
            d = d.succ_opt()?;
        }
        None
    }
}

impl Yearly {
    /// True when `d` is one of this holiday's days.
    fn covers(&self, d: NaiveDate) -> bool {
        // A holiday of several days may have begun the year before.
        let back = i64::from(self.days.saturating_sub(1));
        let years = [d.year(), add_days(d, -back).year()];
        years.iter().any(|&y| {
            self.start_in(y).is_some_and(|s| {
                let offset = (d - s).num_days();
                (0..i64::from(self.days)).contains(&offset)
            })
        })
    }

    /// Its first day in year `y`, if it falls that year.
    fn start_in(&self, y: i32) -> Option<NaiveDate> {
        let since = i64::from(y) - i64::from(self.first.year());
        let interval = i64::from(self.interval.max(1));
        if since < 0 || since % interval != 0 {
            return None;
        }
        if self.count.is_some_and(|c| since / interval >= i64::from(c)) {
            return None;
        }
        let day = match self.day {
            YearlyDay::Date(n) => NaiveDate::from_ymd_opt(y, self.month, n)?,
            YearlyDay::Weekday(n, wd) if n > 0 => {
                NaiveDate::from_weekday_of_month_opt(y, self.month, wd, u8::try_from(n).ok()?)?
            }
            YearlyDay::Weekday(_, wd) => last_weekday(y, self.month, wd)?,
        };
        if day < self.first || self.until.is_some_and(|u| day > u) {
            return None;
        }
        Some(day)
    }
}

fn last_weekday(y: i32, month: u32, wd: Weekday) -> Option<NaiveDate> {
    let last = crate::dates::month_last(i64::from(y) * 12 + i64::from(month) - 1)?;
    let back = (7 + last.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    Some(add_days(last, -i64::from(back)))
}

/// A weekday from its English name, full or three letters, in any letter case.
pub(crate) fn weekday(name: &str) -> Option<Weekday> {
    let lower = name.trim().to_ascii_lowercase();
    let days = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    days.iter()
        .find(|(full, _)| *full == lower || (lower.len() == 3 && full.starts_with(&lower)))
        .map(|&(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    fn weekends() -> DaysOff {
        DaysOff::new(
            &[Weekday::Sat, Weekday::Sun],
            [date(2026, 12, 25), date(2026, 12, 28)],
        )
    }

    #[test]
    fn shifts_off_weekends_and_holidays() {
        let off = weekends();
        // Fri 2026-12-25 and Mon 12-28 are holidays, so the weekend between is a long one.
        let cases = [
            (
                date(2026, 12, 24),
                date(2026, 12, 24),
                date(2026, 12, 24),
                date(2026, 12, 24),
            ),
            (
                date(2026, 12, 26),
                date(2026, 12, 29),
                date(2026, 12, 24),
                date(2026, 12, 24),
            ),
            (
                date(2026, 12, 27),
                date(2026, 12, 29),
                date(2026, 12, 24),
                date(2026, 12, 29),
            ),
            (
                date(2026, 3, 28),
                date(2026, 3, 30),
                date(2026, 3, 27),
                date(2026, 3, 27),
            ),
            (
                date(2026, 3, 29),
                date(2026, 3, 30),
                date(2026, 3, 27),
                date(2026, 3, 30),
            ),
        ];
        for (d, next, prev, near) in cases {
            assert_eq!(off.next_working(d), Some(next), "next {d}");
            assert_eq!(off.previous_working(d), Some(prev), "previous {d}");
            assert_eq!(off.nearest_working(d), Some(near), "nearest {d}");
        }
        assert_eq!(off.why(date(2026, 12, 26)), Some(Why::Weekend));
        assert_eq!(off.why(date(2026, 12, 25)), Some(Why::Holiday));
        assert_eq!(off.why(date(2026, 12, 29)), None);
    }

    #[test]
    fn counts_working_days_only() {
        let off = weekends();
        let cases = [
            (date(2026, 12, 24), 1, date(2026, 12, 29)),
            (date(2026, 12, 29), -1, date(2026, 12, 24)),
            (date(2026, 3, 27), 1, date(2026, 3, 30)),
            (date(2026, 3, 30), -3, date(2026, 3, 25)),
            (date(2026, 3, 28), 0, date(2026, 3, 28)),
            (date(2026, 3, 28), 1, date(2026, 3, 30)),
        ];
        for (d, n, want) in cases {
            assert_eq!(off.add_working(d, n), Some(want), "{d} {n:+}");
        }
        let q4 = (date(2026, 10, 1), date(2026, 12, 31));
        assert_eq!(off.last_working(q4.0, q4.1), Some(date(2026, 12, 31)));
        assert_eq!(off.nth_working(q4.0, q4.1, 1), Some(date(2026, 10, 1)));
        assert_eq!(off.nth_working(q4.0, q4.1, 2), Some(date(2026, 10, 2)));
        assert_eq!(off.nth_working(q4.0, q4.1, 3), Some(date(2026, 10, 5)));
    }

    #[test]
    fn no_days_off_is_the_calendar() {
        let none = DaysOff::default();
        let d = date(2024, 2, 28);
        assert_eq!(none.add_working(d, 2), Some(date(2024, 3, 1)));
        assert_eq!(none.next_working(d), Some(d));
        assert_eq!(
            none.last_working(date(2024, 2, 1), date(2024, 2, 29)),
            Some(date(2024, 2, 29))
        );
    }

    #[test]
    fn yearly_holidays_repeat() {
        let mut off = DaysOff::default();
        off.extend(
            [],
            vec![
                Yearly {
                    first: date(2000, 12, 25),
                    days: 2,
                    interval: 1,
                    count: None,
                    until: None,
                    month: 12,
                    day: YearlyDay::Date(25),
                },
                Yearly {
                    first: date(2000, 5, 29),
                    days: 1,
                    interval: 1,
                    count: Some(30),
                    until: None,
                    month: 5,
                    day: YearlyDay::Weekday(-1, Weekday::Mon),
                },
            ],
        );
        assert!(off.is_off(date(2126, 12, 25)) && off.is_off(date(2126, 12, 26)));
        assert!(!off.is_off(date(2126, 12, 27)) && !off.is_off(date(1999, 12, 25)));
        assert!(off.is_off(date(2021, 5, 31)) && !off.is_off(date(2021, 5, 24)));
        assert!(!off.is_off(date(2030, 5, 27)), "after its count");
    }

    #[test]
    fn weekday_names() {
        for (name, want) in [
            ("Saturday", Weekday::Sat),
            ("sun", Weekday::Sun),
            ("MON", Weekday::Mon),
        ] {
            assert_eq!(weekday(name), Some(want), "{name}");
        }
        for bad in ["Sa", "Caturday", "", "mondays"] {
            assert_eq!(weekday(bad), None, "{bad}");
        }
    }
}
