//! The `[document]` table: title, time zone, warning period, the days off and the default owner.
//!
//! ```toml
//! [document]
//! weekend = ["Saturday", "Sunday"]            # default: none (every day is a working day)
//! holidays = [2026-12-25, 2026-12-28]
//! holiday_calendars = ["holidays/uk.ics"]     # iCalendar files, relative to the schedule
//! shift = "next working day"                  # the default for every phase
//! include = ["policies/*.toml"]               # other schedules, read as documents of their own
//! owner = "Release Lead"                      # the default owner of its phases
//! ```
//!
//! Weekday names are English, full or three letters, in any letter case. Calendar files are read
//! once each, as the schedule is, relative to the schedule's folder (the current folder for a
//! schedule read from standard input).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::DeValue;

use crate::error::{Result, Source};
use crate::io::read::STDIN;
use crate::limits;
use crate::schedule::days_off::{self, DaysOff, Shift};
use crate::schedule::keys::{self, DOCUMENT};
use crate::schedule::model::{Include, Settings};
use crate::schedule::tree::{Item, Table, TableExt, type_name};
use crate::schedule::values::{date_value, days_value, string};

/// The keys of `[document]`, from [`crate::schedule::keys::DOCUMENT`].
pub(crate) const KEYS: [&str; DOCUMENT.keys.len()] = keys::names(DOCUMENT.keys);

/// The document's settings, its days off read (with their calendars).
pub(crate) fn read(t: &Table, source: &Source) -> Result<Settings> {
    t.only(&KEYS, source)?;
    let title = t
        .get("title")
        .map(|v| string(v, source, "a string"))
        .transpose()?;
    let timezone = match t.get("timezone") {
        Some(v) => {
            let tz = string(v, source, "a string")?;
            crate::schedule::zone::parse_zone(tz).map_err(|m| source.error(v.span(), m))?;
            Some(tz.to_string())
        }
        None => None,
    };
    let shift = match t.get("shift") {
        Some(v) => Some(
            Shift::parse(string(v, source, "a string")?).map_err(|m| source.error(v.span(), m))?,
        ),
        None => None,
    };
    Ok(Settings {
        title: title.map(str::to_string),
        timezone,
        warn: t.get("warn").map(|w| days_value(w, source)).transpose()?,
        days_off: Arc::new(days_off_of(t, source)?),
        shift,
        include: includes(t, source)?,
        owner: t
            .get("owner")
            .map(|v| crate::schedule::owners::read(v, source))
            .transpose()?
            .unwrap_or_default(),
    })
}

fn days_off_of(t: &Table, source: &Source) -> Result<DaysOff> {
    let list = |key: &str| -> Result<Vec<&Item>> {
        match t.get(key) {
            None => Ok(Vec::new()),
            Some(v) => match v.get_ref() {
                DeValue::Array(items) => Ok(items.iter().collect()),
                other => Err(source.error(
                    v.span(),
                    format!(
                        "`{key}` is a list, like {key} = [...]; found {}",
                        type_name(other)
                    ),
                )),
            },
        }
    };
    let mut weekend = Vec::new();
    for item in list("weekend")? {
        let name = string(item, source, "a weekday's name, like \"Saturday\"")?;
        let day = days_off::weekday(name).ok_or_else(|| {
            source.error(
                item.span(),
                format!("`{name}` is not a day of the week: write Monday to Sunday, or Mon to Sun"),
            )
        })?;
        weekend.push(day);
    }
    let written = list("holidays")?;
    if written.len() > limits::HOLIDAY_DAYS {
        return Err(source.error(
            written[limits::HOLIDAY_DAYS].span(),
            format!(
                "more than {} holidays: too many for a schedule's days off",
                limits::HOLIDAY_DAYS
            ),
        ));
    }
    let holidays = written
        .into_iter()
        .map(|item| date_value(item, source))
        .collect::<Result<Vec<_>>>()?;
    let mut off = DaysOff::new(&weekend, holidays);
    if off.whole_week() {
        let at = t.get("weekend").map_or(0..0, Item::span);
        return Err(source.error(
            at,
            "every day of the week is off: a schedule needs working days",
        ));
    }
    for item in list("holiday_calendars")? {
        let file = string(item, source, "the path of an iCalendar file")?;
        let path = beside(source.path, file);
        let read = crate::io::read::bytes(&path, "a holiday calendar")
            .and_then(|bytes| crate::io::read::text_of(&path, bytes))
            .and_then(|text| crate::schedule::holidays::read(&path, &text))
            .map_err(|e| match e.location {
                // Missing, unreadable, too large: point at the name in the schedule.
                None => source.error(item.span(), format!("holiday calendar {}", e.message)),
                Some(_) => e.help(format!(
                    "the holiday calendar named on line {} of {}",
                    source.line_of(item.span().start),
                    source.path.display()
                )),
            })?;
        off.cover(days_off::Coverage {
            calendar: file.to_string(),
            named_at: (source.path.to_path_buf(), source.line_of(item.span().start)),
            last_year: read.last_year(),
        });
        off.extend(read.days, read.yearly);
        let (days, yearly) = off.holiday_counts();
        if days > limits::HOLIDAY_DAYS || yearly > limits::YEARLY_HOLIDAYS {
            return Err(source.error(
                item.span(),
                format!(
                    "with this calendar, more than {} days of holidays or {} yearly holidays in all: too many for a schedule's days off",
                    limits::HOLIDAY_DAYS,
                    limits::YEARLY_HOLIDAYS
                ),
            ));
        }
    }
    if let Some((a, b)) = off.longest_gap() {
        let at = t
            .get("holidays")
            .or_else(|| t.get("holiday_calendars"))
            .map_or(0..0, Item::span);
        return Err(source.error(
            at,
            format!(
                "every day from {a} to {b} is off: no date could move to a working day within {} days",
                days_off::SHIFT_REACH
            ),
        ));
    }
    Ok(off)
}

/// `include`: paths and globs of other schedules, each kept with where it is written.
fn includes(t: &Table, source: &Source) -> Result<Vec<Include>> {
    let Some(v) = t.get("include") else {
        return Ok(Vec::new());
    };
    let DeValue::Array(items) = v.get_ref() else {
        return Err(source.error(
            v.span(),
            format!(
                "`include` is a list of paths or globs, like include = [\"policies/*.toml\"]; found {}",
                type_name(v.get_ref())
            ),
        ));
    };
    items
        .iter()
        .map(|item| {
            let pattern = string(item, source, "a path or glob, like \"policies/*.toml\"")?;
            if pattern.trim().is_empty() {
                return Err(source.error(item.span(), "an empty path cannot be included"));
            }
            let at = source.error(item.span(), "").location;
            Ok(Include {
                pattern: pattern.to_string(),
                at: *at.expect("a located error"),
            })
        })
        .collect()
}

/// A calendar's path, relative to the schedule's folder.
fn beside(schedule: &Path, file: &str) -> PathBuf {
    let file = crate::io::home::expand_home(Path::new(file));
    if file.is_absolute() || schedule == Path::new(STDIN) {
        return file;
    }
    match schedule.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(file),
        _ => file,
    }
}
