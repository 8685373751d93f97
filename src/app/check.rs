//! `check`: the pre-release gate. Exit 0 when all is well, 1 when a check fails, 2 on bad input.
//! Besides milestones it compares every block of the Markdown `--page` and the SVG of `--svg` with what
//! `render --write` and `export svg` would write now.

use std::path::Path;

use crate::app::args::{CheckArgs, Global};
use crate::app::context::Context;
use crate::engine::check::Problems;
use crate::error::Result;
use crate::io::text::shell_word;
use crate::present::Format;
use crate::present::check::{self as out, Finding, UpToDate};

pub(crate) fn run(global: &Global, args: &CheckArgs, format: Option<Format>) -> Result<u8> {
    // A page and a picture show every phase: checked against one owner's, they would fail.
    if !args.owner.owners.is_empty() {
        let with = [
            (args.page.is_some(), "--page"),
            (args.svg.is_some(), "--svg"),
        ];
        if let Some((_, flag)) = with.iter().find(|(given, _)| *given) {
            return Err(crate::error::Error::new(format!(
                "--owner does not apply with {flag}: a page's table and chart and the SVG timeline show every owner's phases"
            ))
            .help("check the page in a run of its own, without --owner"));
        }
    }
    let mut ctx = Context::load(global)?;
    ctx.keep_owned_by(&args.owner.owners);
    let parts = ctx.parts();
    let docs = ctx.docs();
    let problems = crate::engine::check::problems_all(
        &parts,
        crate::engine::check::Gate {
            within: args.fail_within,
            tba: args.fail_tba,
        },
    );
    let mut file_findings: Vec<Finding> = Vec::new();
    let mut blocks: Vec<Format> = Vec::new();
    if let Some(page) = &args.page {
        // Read and locate the blocks before printing anything: a bad page is exit 2 alone.
        let text = crate::app::page::read(page)?;
        for f in crate::app::page::filled(&ctx, &args.span, page, &text)? {
            blocks.push(f.format);
            let found = &text[f.block.inner.clone()];
            let expected = crate::io::markers::content(&f.lines, &f.block);
            if let Some(stale) = crate::engine::check::stale(found, &expected) {
                let line = f.block.begin_line + 1 + stale.index;
                file_findings.push(out::page_block(
                    f.format,
                    &page.display().to_string(),
                    line,
                    &stale,
                    &fix_command(global, args, page),
                ));
            }
        }
    }
    if let Some(path) = &args.svg {
        let found = crate::io::read::bytes(path, "an SVG file")?;
        let expected = crate::app::export::svg_text(
            &ctx,
            args.span.from,
            args.span.to,
            args.width,
            args.span.title.as_deref(),
        )?;
        if let Some(line) = svg_differs(&found, &expected) {
            file_findings.push(out::svg(
                &path.display().to_string(),
                line,
                &svg_fix_command(global, args, path),
            ));
        }
    }
    let format = format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            Format::Github
        } else {
            Format::Text
        }
    });
    let ok = problems.is_empty() && file_findings.is_empty();
    let page_name = args.page.as_ref().map(|d| d.display().to_string());
    let svg_name = args.svg.as_ref().map(|d| d.display().to_string());
    let fresh = UpToDate {
        page: page_name.as_deref().map(|d| (d, blocks.as_slice())),
        svg: svg_name.as_deref(),
        owners: &args.owner.owners,
    };
    // Before anything is printed: a file that cannot be written is exit 2 alone.
    github(&ctx, args, ok, &problems, &file_findings, fresh)?;
    // Holiday calendars that ran out are said in the check's own output (with -q on a pass,
    // on stderr, as every other command says them).
    let warnings = || {
        ctx.take_holiday_warnings()
            .into_iter()
            .map(|h| out::Warning {
                file: h.file,
                line: h.line,
                message: h.message,
            })
            .collect::<Vec<_>>()
    };
    crate::io::output::with_stdout(|w| {
        if ok && format != Format::Json {
            if !args.quiet {
                let line = out::passed(ctx.today, args.fail_within, fresh);
                w.write_all(line.as_bytes())?;
                out::write_warnings(format, &warnings(), w)?;
            }
            return Ok(());
        }
        let findings = problems
            .iter()
            .map(|p| out::milestone(docs.file(p.doc), &p, docs.owners))
            .chain(file_findings.iter().cloned());
        let day = (ctx.today, ctx.timezone.as_str());
        out::write(format, day, ok, findings, warnings, w)
    })?;
    Ok(u8::from(!ok))
}

/// `--github-output` and `--github-summary`: the step's outputs and the job summary
/// ([`crate::present::github`]), each appended to its file.
fn github(
    ctx: &Context,
    args: &CheckArgs,
    ok: bool,
    problems: &Problems,
    files: &[Finding],
    fresh: UpToDate,
) -> Result<()> {
    if args.github_output.is_none() && args.github_summary.is_none() {
        return Ok(());
    }
    let parts = ctx.parts();
    let docs = ctx.docs();
    let report = crate::engine::evaluate::evaluate_all(&parts, ctx.horizon(None));
    if let Some(path) = &args.github_output {
        let text = crate::present::github::outputs(&report, &docs, ok);
        crate::io::atomic::append(path, text.as_bytes())?;
    }
    if let Some(path) = &args.github_summary {
        let count = problems.overdue.count() + (problems.due_within.len() + files.len()) as u64;
        let outcome = crate::present::github::Outcome {
            today: ctx.today,
            passed: out::passed(ctx.today, args.fail_within, fresh),
            problems: problems
                .iter()
                .map(|p| out::milestone(docs.file(p.doc), &p, docs.owners))
                .chain(files.iter().cloned()),
            count,
        };
        let text = crate::present::github::summary(&report, &docs, outcome);
        crate::io::atomic::append(path, text.as_bytes())?;
    }
    Ok(())
}

/// The 1-based line where a committed SVG parts from the one expected, or `None` when they
/// are the same, line endings aside; bytes that are not UTF-8 differ on their line.
fn svg_differs(found: &[u8], expected: &str) -> Option<usize> {
    match std::str::from_utf8(found) {
        Ok(text) => crate::engine::check::stale(text, expected).map(|s| s.index + 1),
        Err(e) => {
            let at = e.valid_up_to();
            Some(found[..at].iter().filter(|b| **b == b'\n').count() + 1)
        }
    }
}

/// The `render` command line that brings the page up to date, its paths quoted for a POSIX
/// shell.
fn fix_command(global: &Global, args: &CheckArgs, page: &Path) -> String {
    let mut cmd = command_with_span("vision-sched render", global, args);
    if args.span.slips {
        cmd.push_str(" --slips");
    }
    cmd.push_str(&format!(" --write {}", shell_path(page)));
    cmd
}

/// The `export svg` command line that brings the SVG up to date, its paths quoted for a POSIX
/// shell.
fn svg_fix_command(global: &Global, args: &CheckArgs, svg: &Path) -> String {
    let mut cmd = command_with_span("vision-sched export svg", global, args);
    if let Some(w) = args.width {
        cmd.push_str(&format!(" --width {w}"));
    }
    cmd.push_str(&format!(" -o {}", shell_path(svg)));
    cmd
}

/// `head` with the schedules and document this check read and the span it compared.
fn command_with_span(head: &str, global: &Global, args: &CheckArgs) -> String {
    let mut cmd = String::from(head);
    for f in &global.schedule {
        cmd.push_str(&format!(" -f {}", shell_path(f)));
    }
    if let Some(d) = &global.document {
        cmd.push_str(&format!(" --document {}", shell_path(Path::new(d))));
    }
    if let Some(d) = args.span.from {
        cmd.push_str(&format!(" --from {d}"));
    }
    if let Some(d) = args.span.to {
        cmd.push_str(&format!(" --to {d}"));
    }
    if let Some(t) = &args.span.title {
        cmd.push_str(&format!(" --title {}", shell_word(t)));
    }
    cmd
}

/// A path as one word of a POSIX shell command ([`shell_word`]); a relative path that starts
/// with `-` gets `./` before it, so it cannot read as an option.
fn shell_path(path: &Path) -> String {
    let text = path.display().to_string();
    if text.starts_with('-') && text != "-" {
        return shell_word(&format!("./{text}"));
    }
    shell_word(&text)
}

#[cfg(test)]
mod tests {
    use super::shell_path;
    use std::path::Path;

    #[test]
    fn paths_are_quoted_for_a_shell() {
        let cases = [
            ("README.md", "README.md"),
            ("docs/vision/a-b_c.v2.md", "docs/vision/a-b_c.v2.md"),
            ("/abs/path,x:y+z@1%", "/abs/path,x:y+z@1%"),
            ("my docs/vision.md", "'my docs/vision.md'"),
            ("it's.md", "'it'\\''s.md'"),
            (
                "$HOME/`x`;rm -rf ~|*?[a]{b}<c>&!#=\"\\.md",
                "'$HOME/`x`;rm -rf ~|*?[a]{b}<c>&!#=\"\\.md'",
            ),
            ("~/doc.md", "'~/doc.md'"),
            ("-doc.md", "./-doc.md"),
            ("-", "-"),
            ("", "''"),
        ];
        for (path, want) in cases {
            assert_eq!(shell_path(Path::new(path)), want, "{path:?}");
        }
    }
}
