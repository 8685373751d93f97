//! Values of a schedule file read as strings, dates and spans of days, each error at its value.

use chrono::NaiveDate;
use toml::de::DeValue;

use crate::dates::Days;
use crate::error::{Result, Source};
use crate::schedule::tree::{Item, Table, integer, type_name};

/// A string value, or an error saying what was expected instead.
pub(crate) fn string<'i>(v: &'i Item, source: &Source, what: &str) -> Result<&'i str> {
    match v.get_ref() {
        DeValue::String(s) => Ok(s),
        other => Err(source.error(
            v.span(),
            format!("invalid type: {}, expected {what}", shown(other)),
        )),
    }
}

/// A value as serde names it in errors: ``integer `5` ``, `a table`.
fn shown(v: &DeValue) -> String {
    match v {
        DeValue::Integer(_) => format!("integer `{}`", integer(v).unwrap_or_default()),
        DeValue::Boolean(b) => format!("boolean `{b}`"),
        // Kept as written: schedules have no floats, so one is only ever named here.
        DeValue::Float(f) => format!(
            "floating point `{}`",
            f.as_str().parse().unwrap_or(f64::NAN)
        ),
        DeValue::Datetime(d) => format!("date `{d}`"),
        other => type_name(other).to_string(),
    }
}

/// A TOML date literal as a calendar date, with a clear error for anything else.
pub(crate) fn date_value(v: &Item, source: &Source) -> Result<NaiveDate> {
    let err = |m: String| source.error(v.span(), m);
    match v.get_ref() {
        DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .ok_or_else(|| err(format!("{dt} is not a day on the calendar")))
            }
            (Some(_), _, _) => Err(err(format!(
                "expected a date, found the date and time {dt}: write just the date, like 2021-06-30"
            ))),
            (None, _, _) => Err(err(format!("expected a date, found the time {dt}"))),
        },
        DeValue::String(s) => Err(err(format!(
            "expected a date, found the string {s:?}: write dates without quotes, like 2021-06-30"
        ))),
        other => Err(err(format!(
            "expected a date like 2021-06-30, found {}",
            type_name(other)
        ))),
    }
}

/// A span of days written as `"14d"`, `"2w"` or a whole number of days.
pub(crate) fn days_value(v: &Item, source: &Source) -> Result<Days> {
    let err = |m: String| source.error(v.span(), m);
    match v.get_ref() {
        DeValue::String(s) => s.parse().map_err(err),
        DeValue::Integer(_) => {
            let n = integer(v.get_ref()).unwrap_or_default();
            u32::try_from(n)
                .ok()
                .filter(|&n| n <= crate::dates::MAX_DAYS)
                .map(Days)
                .ok_or_else(|| {
                    err(format!(
                        "{n} is not a number of days from 0 to {}",
                        crate::dates::MAX_DAYS
                    ))
                })
        }
        other => Err(err(format!(
            "expected a span of days like \"14d\", found {}",
            type_name(other)
        ))),
    }
}

/// A table value, or an error naming the header it should have been written with.
pub(crate) fn table<'i, 'a>(
    v: &'i Item<'a>,
    source: &Source,
    written: &str,
) -> Result<&'i Table<'a>> {
    match v.get_ref() {
        DeValue::Table(t) => Ok(t),
        other => Err(source.error(
            v.span(),
            format!(
                "invalid type: {}, expected a table, written {written}",
                shown(other)
            ),
        )),
    }
}

/// An array of tables, or an error naming the header its tables should be written with.
pub(crate) fn tables<'i, 'a>(
    v: &'i Item<'a>,
    source: &Source,
    written: &str,
) -> Result<Vec<&'i Item<'a>>> {
    let bad = |found: &DeValue| {
        source.error(
            v.span(),
            format!(
                "invalid type: {}, expected an array of tables, written {written}",
                shown(found)
            ),
        )
    };
    match v.get_ref() {
        DeValue::Array(items) => {
            for i in items {
                table(i, source, written)?;
            }
            Ok(items.iter().collect())
        }
        other => Err(bad(other)),
    }
}
