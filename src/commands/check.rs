//! `check`: the pre-release gate. Exit 0 when all is well, 1 when a check fails, 2 on bad input.

use std::path::PathBuf;

use clap::ValueEnum;

use crate::cli::Global;
use crate::commands::render::{SpanArgs, read_doc, table_lines};
use crate::context::Context;
use crate::duration::Days;
use crate::error::{Result, Source};
use crate::present::check::{self as out, Finding};

#[derive(Debug, Default, clap::Args)]
pub struct Args {
    /// Also fail when a milestone that is not done is due within DUR, like 7d or 2w (0d: today)
    #[arg(long, value_name = "DUR", value_parser = crate::cli::parse_days)]
    pub fail_within: Option<Days>,
    /// Also fail when the schedule table in this Markdown document is not what `render` writes
    #[arg(long, value_name = "PATH")]
    pub doc: Option<PathBuf>,
    #[command(flatten)]
    pub span: SpanArgs,
    /// How to report problems [default: github when GITHUB_ACTIONS=true, else text]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<CheckFormat>,
    /// Print nothing when the check passes
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `FILE:LINE: message`, one line per problem
    Text,
    /// GitHub Actions annotations (`::error file=..,line=..::message`)
    Github,
    /// A JSON object for other tools
    Json,
}

pub fn run(global: &Global, args: &Args) -> Result<u8> {
    let ctx = Context::load(global)?;
    let file = shown(&ctx.path);
    let mut findings: Vec<Finding> =
        crate::gate::problems(&ctx.schedule, ctx.today, args.fail_within)
            .iter()
            .map(|p| out::milestone(&file, p))
            .collect();
    if let Some(doc) = &args.doc {
        // Read and locate the block before printing anything: a bad document is exit 2 alone.
        let text = read_doc(doc)?;
        let block = crate::doc_block::find(&Source::new(doc, &text))?;
        let expected = table_lines(&ctx, &args.span)?.join("\n");
        if let Some(stale) = crate::gate::stale(&text[block.inner.clone()], &expected) {
            let line = block.begin_line + 1 + stale.index;
            findings.push(out::doc_table(
                &doc.display().to_string(),
                line,
                &stale,
                &fix_command(global, args, doc),
            ));
        }
    }
    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            CheckFormat::Github
        } else {
            CheckFormat::Text
        }
    });
    let doc_name = args.doc.as_ref().map(|d| d.display().to_string());
    let text = match format {
        CheckFormat::Json => out::json(ctx.today, &findings),
        _ if findings.is_empty() && args.quiet => String::new(),
        _ if findings.is_empty() => out::passed(ctx.today, args.fail_within, doc_name.as_deref()),
        CheckFormat::Github => out::github(&findings),
        CheckFormat::Text => out::text(&findings),
    };
    crate::output::print(&text)?;
    Ok(u8::from(!findings.is_empty()))
}

/// A path as a person (or GitHub) wants it in `FILE:LINE`: relative when it lies under the
/// current folder, as a schedule found by looking upwards from there does.
fn shown(path: &std::path::Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = cwd.as_deref().and_then(|c| path.strip_prefix(c).ok());
    rel.filter(|r| !r.as_os_str().is_empty())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The `render` command line that brings the document up to date.
fn fix_command(global: &Global, args: &Args, doc: &std::path::Path) -> String {
    let mut cmd = String::from("vision-sched render");
    if let Some(f) = &global.schedule {
        cmd.push_str(&format!(" -f {}", f.display()));
    }
    if let Some(d) = args.span.from {
        cmd.push_str(&format!(" --from {d}"));
    }
    if let Some(d) = args.span.to {
        cmd.push_str(&format!(" --to {d}"));
    }
    cmd.push_str(&format!(" --write {}", doc.display()));
    cmd
}
