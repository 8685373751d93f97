use chrono::{Datelike, Months, NaiveDate};

use crate::cli::Global;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::model::{Kind, Phase};
use crate::present::timeline;

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// First day drawn [default: the first of the month three months before today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day drawn [default: twelve months after --from, less a day]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::cli::parse_date)]
    pub to: Option<NaiveDate>,
    /// Draw with plain ASCII characters only
    #[arg(long)]
    pub ascii: bool,
}

pub fn run(global: &Global, args: &Args) -> Result<u8> {
    let ctx = Context::load(global)?;
    let (from, to) = range(ctx.today, args.from, args.to)?;
    let all = crate::engine::states(&ctx.schedule, ctx.today, from, to);
    let total = all.len();
    let rows: Vec<_> = all
        .into_iter()
        .filter(|(p, _)| overlaps(p, from, to))
        .collect();
    let picture = timeline::Picture {
        rows: &rows,
        today: ctx.today,
        from,
        to,
        hidden: total - rows.len(),
    };
    let look = timeline::Look {
        width: ctx.width,
        color: ctx.color,
        ascii: args.ascii,
    };
    crate::output::print(&timeline::render(&picture, look))?;
    Ok(0)
}

/// A year's view around today: from the first of the month three months back, twelve months
/// long; either end can be given alone.
fn range(
    today: NaiveDate,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(NaiveDate, NaiveDate)> {
    let year = Months::new(12);
    let (from, to) = match (from, to) {
        (Some(f), Some(t)) => (f, t),
        (Some(f), None) => (
            f,
            f.checked_add_months(year)
                .map_or(f, |d| d.pred_opt().unwrap_or(d)),
        ),
        (None, Some(t)) => (
            t.checked_sub_months(year)
                .map_or(t, |d| d.succ_opt().unwrap_or(d)),
            t,
        ),
        (None, None) => {
            let first = today.with_day(1).unwrap_or(today);
            let f = first.checked_sub_months(Months::new(3)).unwrap_or(first);
            let t = f
                .checked_add_months(year)
                .map_or(f, |d| d.pred_opt().unwrap_or(d));
            (f, t)
        }
    };
    if to < from {
        return Err(Error::new(format!("--to {to} is before --from {from}")));
    }
    Ok((from, to))
}

/// True when some day of the phase falls in `from..=to`; a window with no start reaches back
/// without end.
fn overlaps(phase: &Phase, from: NaiveDate, to: NaiveDate) -> bool {
    let (first, last) = match phase.kind {
        Kind::Window { start, end } => (start.unwrap_or(NaiveDate::MIN), end),
        Kind::Milestone { due, .. } => (due, due),
    };
    first <= to && last >= from
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn range_defaults_to_a_year_around_today() {
        let today = date(2021, 6, 20);
        let cases = [
            (None, None, (date(2021, 3, 1), date(2022, 2, 28))),
            (
                Some(date(2021, 1, 1)),
                None,
                (date(2021, 1, 1), date(2021, 12, 31)),
            ),
            (
                None,
                Some(date(2021, 12, 31)),
                (date(2021, 1, 1), date(2021, 12, 31)),
            ),
            (
                Some(date(2021, 5, 1)),
                Some(date(2021, 5, 31)),
                (date(2021, 5, 1), date(2021, 5, 31)),
            ),
        ];
        for (from, to, want) in cases {
            assert_eq!(range(today, from, to).unwrap(), want, "{from:?} {to:?}");
        }
        assert_eq!(
            range(date(2021, 1, 31), None, None).unwrap(),
            (date(2020, 10, 1), date(2021, 9, 30))
        );
        assert!(range(today, Some(date(2021, 2, 1)), Some(date(2021, 1, 1))).is_err());
    }

    #[test]
    fn a_window_with_no_start_reaches_back() {
        let until = Phase::new(
            "u",
            Kind::Window {
                start: None,
                end: date(2021, 3, 31),
            },
            1,
        );
        assert!(overlaps(&until, date(2020, 1, 1), date(2020, 2, 1)));
        assert!(!overlaps(&until, date(2021, 4, 1), date(2021, 5, 1)));
        let due = Phase::new(
            "m",
            Kind::Milestone {
                due: date(2021, 3, 31),
                done: None,
            },
            2,
        );
        assert!(overlaps(&due, date(2021, 3, 31), date(2021, 3, 31)));
        assert!(!overlaps(&due, date(2021, 4, 1), date(2021, 5, 1)));
    }
}
