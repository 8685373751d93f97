//! `check`: the pre-release gate. Exit 0 when all is well, 1 when a check fails, 2 on bad input.

use std::path::Path;

use crate::app::args::{CheckArgs, Global};
use crate::app::context::Context;
use crate::error::{Result, Source};
use crate::present::check::{self as out, Finding, Style};

pub fn run(global: &Global, args: &CheckArgs, style: Option<Style>) -> Result<u8> {
    let ctx = Context::load(global)?;
    let parts = ctx.parts();
    let docs = ctx.docs();
    let problems = crate::engine::check::problems_all(&parts, args.fail_within);
    let mut doc_findings: Vec<Finding> = Vec::new();
    if let Some(doc) = &args.doc {
        // Read and locate the block before printing anything: a bad document is exit 2 alone.
        let (entry, today) = ctx.single("check --doc")?;
        let text = crate::app::doc::read(doc)?;
        let block = crate::io::markers::find(&Source::new(doc, &text))?;
        let expected = crate::app::doc::table_lines(&entry.schedule, today, &args.span)?.join("\n");
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
            .map(|p| out::milestone(docs.file(p.doc), &p))
            .chain(doc_findings.iter().cloned());
        out::write(style, ctx.today, ok, findings, w)
    })?;
    Ok(u8::from(!ok))
}

/// The `render` command line that brings the document up to date, its paths quoted for a
/// POSIX shell.
fn fix_command(global: &Global, args: &CheckArgs, doc: &Path) -> String {
    let mut cmd = String::from("vision-sched render");
    for f in &global.schedule {
        cmd.push_str(&format!(" -f {}", shell_word(f)));
    }
    if let Some(d) = &global.document {
        cmd.push_str(&format!(" --document {}", shell_word(Path::new(d))));
    }
    if let Some(d) = args.span.from {
        cmd.push_str(&format!(" --from {d}"));
    }
    if let Some(d) = args.span.to {
        cmd.push_str(&format!(" --to {d}"));
    }
    if args.span.slips {
        cmd.push_str(" --slips");
    }
    cmd.push_str(&format!(" --write {}", shell_word(doc)));
    cmd
}

/// A path as one word of a POSIX shell command: as it is when every character is one no shell
/// reads specially, else in single quotes (a `'` inside becomes `'\''`). A relative path that
/// starts with `-` gets `./` before it, so it cannot read as an option.
fn shell_word(path: &Path) -> String {
    let mut text = path.display().to_string();
    if text.starts_with('-') && text != "-" {
        text.insert_str(0, "./");
    }
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./,:+@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text;
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

#[cfg(test)]
mod tests {
    use super::shell_word;
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
            assert_eq!(shell_word(Path::new(path)), want, "{path:?}");
        }
    }
}
