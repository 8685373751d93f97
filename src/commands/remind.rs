//! `remind`: for cron. One line per overdue milestone or event in its warning period, and
//! nothing at all (no output, exit 0) on a quiet day, so cron sends no mail.

use crate::cli::Global;
use crate::context::Context;
use crate::duration::Days;
use crate::error::Result;

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Warn this long before every event, like 3d or 2w, instead of each phase's `warn`
    /// [default: the phase's `warn`, else the document's, else 7d]
    #[arg(long, value_name = "DUR", value_parser = crate::cli::parse_days)]
    pub within: Option<Days>,
}

pub fn run(global: &Global, args: &Args) -> Result<u8> {
    let ctx = Context::load(global)?;
    let reminders = crate::reminders::reminders(&ctx.schedule, ctx.today, args.within);
    if !reminders.is_empty() {
        crate::output::print(&crate::present::remind::lines(&reminders, ctx.color))?;
    }
    Ok(0)
}
