//! `vision-sched init [PATH]`: a commented starter schedule at PATH, else `./schedule.toml`.
//!
//! Nothing is ever overwritten, and a missing folder is named, not created. The starter's dates
//! follow today: the first version due at the end of next month, then a quarterly revision from
//! the quarter after. Near the calendar's end they stop at 9999-12-31 (the last day a schedule
//! can name), so the starter loads for every today from 0001-01-01 to 9999-12-31. Its first line
//! is a `#:schema` directive for taplo and Even Better TOML, naming the JSON Schema that init
//! writes beside it (`./vision-sched.schema.json`), never replacing one already there: the same
//! one is left as it is, and another is kept with a warning that says how to replace it.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Months, NaiveDate};

use crate::app::args::{Global, InitArgs};
use crate::error::{Error, Result};
use crate::io::output::warn;
use crate::io::text::inert;
use crate::io::text::shell_word;
use crate::schedule::schema::FILE_NAME;

const TEMPLATE: &str = include_str!("init_template.toml");

pub(crate) fn run(global: &Global, args: &InitArgs) -> Result<u8> {
    // One way in for the path: the argument. `-f` names schedules to read, and init reads none.
    if let Some(f) = global.schedule.first() {
        return Err(Error::new(format!(
            "init takes its path as an argument, not with -f: vision-sched init {}",
            shell_word(&f.display().to_string())
        )));
    }
    for (given, flag) in [
        (global.document.is_some(), "--document"),
        (global.color.is_some(), "--color"),
    ] {
        if given {
            return Err(Error::new(format!(
                "{flag} does not apply to `init`: it reads no schedule"
            )));
        }
    }
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::schedule::locate::FILE_NAME));
    if path == Path::new("-") {
        return Err(Error::new(
            "init writes a new file, so it cannot write to standard input (-)",
        ));
    }
    let today = match crate::app::context::today(global)? {
        Some(d) => d,
        None => {
            crate::app::clock::today_in(&crate::schedule::zone::system_zone().map_err(Error::new)?)
        }
    };
    let text = starter(today);
    // The template must load: a starter that fails its own first run would be a poor start.
    // Its errors would point at a file that was never written, so they are told as such.
    crate::schedule::load::parse(&crate::error::Source::new(&path, &text)).map_err(|e| {
        let at = e
            .location
            .map(|l| {
                format!(
                    " (line {} of the starter: {})",
                    l.line,
                    l.source_line.trim()
                )
            })
            .unwrap_or_default();
        Error::new(format!(
            "the starter schedule for {today} would not load: {}{at}; nothing was written",
            e.message
        ))
        .help("this is a bug in vision-sched")
    })?;
    crate::io::atomic::create_new(&path, text.as_bytes())?;
    let shown = inert(&path.display().to_string()).into_owned();
    let (wrote, warning) = match write_schema(&path) {
        Ok(schema) => (
            format!("{shown} and {}", inert(&schema.display().to_string())),
            None,
        ),
        Err(warning) => (shown, warning),
    };
    eprintln!(
        "wrote {wrote}; try `vision-sched status -f {}`",
        inert(&shell_word(&path.display().to_string()))
    );
    if let Some(warning) = warning {
        warn(&warning);
    }
    Ok(0)
}

/// Writes the JSON Schema beside the schedule at `path`, as the starter's `#:schema` line names
/// it: its path when written, else what to warn of. One already there is never replaced: the
/// same schema is left quietly, anything else (an older version's, a file of the user's) is kept
/// with a warning, as is a failure to write, since the schedule is written and works without it.
fn write_schema(path: &Path) -> Result<PathBuf, Option<String>> {
    let schema_path = path.with_file_name(FILE_NAME);
    let schema = crate::schedule::schema::text();
    let shown = shell_word(&schema_path.display().to_string());
    match crate::io::atomic::create_new(&schema_path, schema.as_bytes()) {
        Ok(()) => Ok(schema_path),
        Err(_) if std::fs::read(&schema_path).is_ok_and(|b| b == schema.as_bytes()) => Err(None),
        Err(_) if std::fs::symlink_metadata(&schema_path).is_ok() => Err(Some(format!(
            "kept {shown}, which is not this version's schema; `vision-sched schema > {shown}` replaces it"
        ))),
        Err(e) => Err(Some(format!(
            "{}; the starter's first line names it: `vision-sched schema > {shown}` writes it",
            e.message
        ))),
    }
}

/// The template with its dates filled in: the first version due at the end of next month,
/// then a quarterly revision from the quarter after that; never after 9999-12-31.
pub(crate) fn starter(today: NaiveDate) -> String {
    let end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let first_due = first_of_month(today)
        .checked_add_months(Months::new(2))
        .and_then(|d| d.pred_opt())
        .unwrap_or(end)
        .min(end);
    let quarter_start_month = (first_due.month0() / 3) * 3 + 1;
    let quarter =
        NaiveDate::from_ymd_opt(first_due.year(), quarter_start_month, 1).unwrap_or(first_due);
    // The quarter after, if the calendar has one; else the last quarter itself.
    let cadence_from = quarter
        .checked_add_months(Months::new(3))
        .filter(|d| *d <= end)
        .unwrap_or(quarter);
    TEMPLATE
        .replace("@SCHEMA@", FILE_NAME)
        .replace("@FIRST_DUE@", &first_due.to_string())
        .replace("@CADENCE_FROM@", &cadence_from.to_string())
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_follow_today() {
        let cases = [
            (d(2026, 11, 23), "until = 2026-12-31", "from = 2027-01-01"),
            (d(2026, 12, 31), "until = 2027-01-31", "from = 2027-04-01"),
            (d(2024, 1, 31), "until = 2024-02-29", "from = 2024-04-01"),
            (d(2021, 3, 1), "until = 2021-04-30", "from = 2021-07-01"),
            (d(9999, 10, 31), "until = 9999-11-30", "from = 9999-10-01"),
            (d(9999, 12, 1), "until = 9999-12-31", "from = 9999-10-01"),
            (d(9999, 12, 31), "until = 9999-12-31", "from = 9999-10-01"),
            (d(9999, 8, 15), "until = 9999-09-30", "from = 9999-10-01"),
            (d(1, 1, 1), "until = 0001-02-28", "from = 0001-04-01"),
        ];
        for (today, until, from) in cases {
            let text = starter(today);
            assert!(text.contains(until), "{today}: {text}");
            assert!(text.contains(from), "{today}: {text}");
            assert!(!text.contains('@'), "{today}: a placeholder is left");
            let path = std::path::Path::new("s.toml");
            crate::schedule::load::parse(&crate::error::Source::new(path, &text))
                .unwrap_or_else(|e| panic!("{today}: the starter does not load: {e}"));
        }
    }
}
