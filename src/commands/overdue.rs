use crate::cli::{Format, Global};
use crate::context::Context;
use crate::error::Result;
use crate::present::{Look, json, markdown, table};

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(global: &Global, args: &Args) -> Result<u8> {
    let ctx = Context::load(global)?;
    let report = crate::engine::evaluate(&ctx.schedule, ctx.today, ctx.horizon(None));
    let text = match args.format {
        Format::Table => table::overdue(
            &report,
            Look {
                color: ctx.color,
                width: ctx.width,
            },
        ),
        Format::Json => json::overdue_list(&report, &ctx.timezone),
        Format::Markdown => markdown::overdue(&report),
    };
    crate::output::print(&text)?;
    Ok(0)
}
