//! `remind`: for cron. One line per overdue milestone or event in its warning period, and
//! nothing at all (no output, exit 0) on a quiet day, so cron sends no mail.

use crate::app::args::Global;
use crate::app::context::Context;
use crate::dates::Days;
use crate::error::Result;

pub fn run(global: &Global, within: Option<Days>) -> Result<u8> {
    let ctx = Context::load(global)?;
    let parts = ctx.parts();
    let reminders = crate::engine::remind::reminders_all(&parts, within);
    if !reminders.is_empty() {
        let docs = ctx.docs();
        crate::io::output::with_stdout(|out| {
            crate::present::remind::write(&reminders, &docs, ctx.look.color, out)
        })?;
    }
    Ok(0)
}
