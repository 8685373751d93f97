//! `check`: the pre-release gate. Exit 0 when all is well, 1 when a check fails, 2 on bad input.

use std::path::Path;

use crate::app::args::{CheckArgs, Global};
use crate::app::context::Context;
use crate::error::{Result, Source};
use crate::present::check::{self as out, Finding, Style};

pub fn run(global: &Global, args: &CheckArgs, style: Option<Style>) -> Result<u8> {
    let ctx = Context::load(global)?;
    let file = shown(&ctx.path);
    let problems = crate::engine::check::problems(&ctx.schedule, ctx.today, args.fail_within);
    let mut doc_findings: Vec<Finding> = Vec::new();
    if let Some(doc) = &args.doc {
        // Read and locate the block before printing anything: a bad document is exit 2 alone.
        let text = crate::app::doc::read(doc)?;
        let block = crate::io::markers::find(&Source::new(doc, &text))?;
        let expected = crate::app::doc::table_lines(&ctx, &args.span)?.join("\n");
        if let Some(stale) = crate::engine::check::stale(&text[block.inner.clone()], &expected) {
            let line = block.begin_line + 1 + stale.index;
            doc_findings.push(out::doc_table(
                &doc.display().to_string(),
                line,
                &stale,
                &fix_command(global, args, doc),
            ));
        }
    }
    let style = style.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Style::Github
        } else {
            Style::Text
        }
    });
    let ok = problems.is_empty() && doc_findings.is_empty();
    let doc_name = args.doc.as_ref().map(|d| d.display().to_string());
    crate::io::output::with_stdout(|w| {
        if ok && style != Style::Json {
            if !args.quiet {
                let line = out::passed(ctx.today, args.fail_within, doc_name.as_deref());
                w.write_all(line.as_bytes())?;
            }
            return Ok(());
        }
        let findings = problems
            .iter()
            .map(|p| out::milestone(&file, &p))
            .chain(doc_findings.iter().cloned());
        out::write(style, ctx.today, ok, findings, w)
    })?;
    Ok(u8::from(!ok))
}

/// A path as a person (or GitHub) wants it in `FILE:LINE`: relative when it lies under the
/// current folder, as a schedule found by looking upwards from there does.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = cwd.as_deref().and_then(|c| path.strip_prefix(c).ok());
    rel.filter(|r| !r.as_os_str().is_empty())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// The `render` command line that brings the document up to date.
fn fix_command(global: &Global, args: &CheckArgs, doc: &Path) -> String {
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
