use chrono::NaiveDate;

use crate::app::args::{Global, TimelineArgs};
use crate::app::context::Context;
use crate::engine::span::Span;
use crate::error::{Error, Result};
use crate::present::timeline;
use crate::schedule::phase::{Kind, Phase};

pub(crate) fn run(global: &Global, args: &TimelineArgs) -> Result<u8> {
    let ctx = Context::load(global)?;
    let Span { from, to } = Span::view(ctx.today, args.from, args.to).map_err(Error::new)?;
    let all = crate::engine::evaluate::states_all(&ctx.parts(), from, to);
    let total = all.len();
    let rows: Vec<_> = all
        .into_iter()
        .filter(|r| overlaps(&r.phase, from, to))
        .collect();
    let names = ctx.docs().names;
    let picture = timeline::Picture {
        rows: &rows,
        documents: &names,
        today: ctx.today,
        from,
        to,
        hidden: total - rows.len(),
    };
    let look = timeline::Look {
        width: ctx.look.width,
        color: ctx.look.color,
        ascii: args.ascii,
    };
    crate::io::output::print(&timeline::render(&picture, look))?;
    Ok(0)
}

/// True when some day of the phase falls in `from..=to`; a window with no start reaches back
/// without end.
fn overlaps(phase: &Phase, from: NaiveDate, to: NaiveDate) -> bool {
    let (first, last) = match phase.kind {
        Kind::Window { start, end } => (start.unwrap_or(NaiveDate::MIN), end),
        Kind::Milestone { due: d, .. } | Kind::KeyDate { on: d } => (d, d),
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
