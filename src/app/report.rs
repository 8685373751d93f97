//! `status`, `upcoming`, `overdue` and `phases`: one path from the schedule to a view, which the
//! presenter for the chosen format renders.

use crate::app::args::Global;
use crate::app::context::Context;
use crate::dates::Days;
use crate::engine::evaluate;
use crate::engine::overdue::Overdues;
use crate::engine::span::Span;
use crate::error::{Error, Result};
use crate::present::{Format, View};

/// Which report, with its own options.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Which {
    Status {
        within: Option<Days>,
    },
    Upcoming {
        within: Option<Days>,
    },
    Overdue,
    Phases {
        from: Option<chrono::NaiveDate>,
        to: Option<chrono::NaiveDate>,
        explain: bool,
    },
}

/// Runs `which`; with `owners`, on only the phases they own.
pub(crate) fn run(global: &Global, which: Which, format: Format, owners: &[String]) -> Result<u8> {
    let mut ctx = Context::load(global)?;
    ctx.keep_owned_by(owners);
    let parts = ctx.parts();
    let docs = ctx.docs();
    let today = ctx.today;
    let print = |view: View| {
        crate::io::output::with_stdout(|out| {
            crate::present::write(view, &docs, format, ctx.look, &ctx.timezone, out)
        })
    };
    match which {
        Which::Status { within } => {
            let report = evaluate::evaluate_all(&parts, ctx.horizon(within));
            print(View::Status(&report))?;
        }
        Which::Upcoming { within } => {
            let report = evaluate::evaluate_all(&parts, ctx.horizon(within));
            print(View::Upcoming(&report))?;
        }
        Which::Overdue => print(View::Overdue(Overdues::many(&parts)))?,
        Which::Phases { from, to, explain } => {
            let span = Span::calendar_year(today, from, to).map_err(Error::new)?;
            print(View::Phases(evaluate::Listing::new(
                &parts, span.from, span.to, explain,
            )))?;
        }
    }
    Ok(0)
}
