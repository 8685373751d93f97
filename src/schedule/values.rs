//! Values of a schedule file read as dates and spans of days, with an error at the value.

use chrono::NaiveDate;
use toml::Spanned;

use crate::dates::Days;
use crate::error::{Result, Source};

/// A TOML date literal as a calendar date, with a clear error for anything else.
pub fn date_value(v: &Spanned<toml::Value>, source: &Source) -> Result<NaiveDate> {
    let err = |m: String| source.error(v.span(), m);
    match v.get_ref() {
        toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .ok_or_else(|| err(format!("{dt} is not a day on the calendar")))
            }
            (Some(_), _, _) => Err(err(format!(
                "expected a date, found the date and time {dt}: write just the date, like 2021-06-30"
            ))),
            (None, _, _) => Err(err(format!("expected a date, found the time {dt}"))),
        },
        toml::Value::String(s) => Err(err(format!(
            "expected a date, found the string {s:?}: write dates without quotes, like 2021-06-30"
        ))),
        other => Err(err(format!(
            "expected a date like 2021-06-30, found {}",
            type_name(other)
        ))),
    }
}

/// A span of days written as `"14d"`, `"2w"` or a whole number of days.
pub fn days_value(v: &Spanned<toml::Value>, source: &Source) -> Result<Days> {
    let err = |m: String| source.error(v.span(), m);
    match v.get_ref() {
        toml::Value::String(s) => s.parse().map_err(err),
        toml::Value::Integer(n) => u32::try_from(*n)
            .ok()
            .filter(|&n| n <= crate::dates::MAX_DAYS)
            .map(Days)
            .ok_or_else(|| {
                err(format!(
                    "{n} is not a number of days from 0 to {}",
                    crate::dates::MAX_DAYS
                ))
            }),
        other => Err(err(format!(
            "expected a span of days like \"14d\", found {}",
            type_name(other)
        ))),
    }
}

pub fn type_name(v: &toml::Value) -> &'static str {
    match v {
        toml::Value::String(_) => "a string",
        toml::Value::Integer(_) => "an integer",
        toml::Value::Float(_) => "a number",
        toml::Value::Boolean(_) => "a boolean",
        toml::Value::Datetime(_) => "a date",
        toml::Value::Array(_) => "an array",
        toml::Value::Table(_) => "a table",
    }
}
