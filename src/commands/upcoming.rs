use crate::cli::{Format, Global};
use crate::context::Context;
use crate::duration::Days;
use crate::error::Result;
use crate::present::{Look, json, markdown, table};

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// How far ahead to look, like 14d or 2w [default: 30d, or the config file's `horizon`]
    #[arg(long, value_name = "DUR", value_parser = crate::cli::parse_days)]
    pub within: Option<Days>,
}

pub fn run(global: &Global, args: &Args) -> Result<u8> {
    let ctx = Context::load(global)?;
    let report = crate::engine::evaluate(&ctx.schedule, ctx.today, ctx.horizon(args.within));
    let text = match args.format {
        Format::Table => table::upcoming(
            &report,
            Look {
                color: ctx.color,
                width: ctx.width,
            },
        ),
        Format::Json => json::upcoming_list(&report, &ctx.timezone),
        Format::Markdown => markdown::upcoming(&report),
    };
    crate::output::print(&text)?;
    Ok(0)
}
