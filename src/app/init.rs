//! `vision-sched init [PATH]`: a commented starter schedule.

use std::path::PathBuf;

use chrono::{Datelike, Months, NaiveDate};

use crate::app::args::{Global, InitArgs};
use crate::error::Result;

const TEMPLATE: &str = include_str!("init_template.toml");

pub fn run(global: &Global, args: &InitArgs) -> Result<u8> {
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from(crate::schedule::locate::FILE_NAME));
    let today = global
        .today
        .unwrap_or_else(|| crate::app::clock::today_in(&crate::schedule::zone::system_zone()));
    let text = starter(today);
    // The template must load: a starter that fails its own first run would be a poor start.
    crate::schedule::load::parse(&crate::error::Source::new(&path, &text))?;
    crate::io::atomic::create_new(&path, text.as_bytes())?;
    eprintln!(
        "wrote {}; try `vision-sched status -f {}`",
        path.display(),
        path.display()
    );
    Ok(0)
}

/// The template with its dates filled in: the first version due at the end of next month,
/// then a quarterly revision from the quarter after that.
pub fn starter(today: NaiveDate) -> String {
    let next_month = first_of_month(today)
        .checked_add_months(Months::new(2))
        .unwrap_or(NaiveDate::MAX);
    let first_due = next_month.pred_opt().unwrap_or(today);
    let quarter_start_month = (first_due.month0() / 3) * 3 + 1;
    let cadence_from = NaiveDate::from_ymd_opt(first_due.year(), quarter_start_month, 1)
        .and_then(|q| q.checked_add_months(Months::new(3)))
        .unwrap_or(first_due);
    TEMPLATE
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
        ];
        for (today, until, from) in cases {
            let text = starter(today);
            assert!(text.contains(until), "{today}: {text}");
            assert!(text.contains(from), "{today}: {text}");
            assert!(!text.contains('@'), "{today}: a placeholder is left");
        }
    }
}
