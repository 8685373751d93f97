use chrono::{NaiveDate, NaiveDateTime};

use crate::app::args::{BadgeArgs, ExportArgs, ExportTarget, Global, IcsArgs, SvgArgs};
use crate::app::context::Context;
use crate::engine::chart;
use crate::engine::evaluate::Listing;
use crate::engine::span::Span;
use crate::error::{Error, Result};
use crate::present::{badge, ics, svg};

pub(crate) fn run(global: &Global, args: &ExportArgs) -> Result<u8> {
    match &args.target {
        ExportTarget::Ics(a) => ics_feed(global, a),
        ExportTarget::Svg(a) => svg_timeline(global, a),
        ExportTarget::Badge(a) => badge_endpoint(global, a),
    }
}

/// `export badge`: the shields.io endpoint JSON of where the schedule stands
/// ([`crate::present::badge`]): the milestones overdue in every document, else the soonest
/// one in its warning period, as `remind` finds them.
fn badge_endpoint(global: &Global, args: &BadgeArgs) -> Result<u8> {
    use crate::engine::remind::What;
    let ctx = Context::load(global)?;
    let parts = ctx.parts();
    let reminders = crate::engine::remind::reminders_all(&parts, None);
    let due_in = reminders
        .events
        .iter()
        .filter_map(|r| match r.what {
            What::Event {
                event: crate::schedule::phase::EventKind::Due,
                days_until,
            } => Some(days_until),
            _ => None,
        })
        .min();
    let standing = badge::Standing {
        overdue: reminders.overdue.count(),
        due_in,
    };
    let label = args.label.as_deref().unwrap_or(badge::DEFAULT_LABEL);
    let text = badge::endpoint(label, standing);
    match &args.output {
        Some(path) => crate::io::atomic::write(path, text.as_bytes())?,
        None => crate::io::output::print(&text)?,
    }
    Ok(0)
}

fn svg_timeline(global: &Global, args: &SvgArgs) -> Result<u8> {
    let ctx = Context::load(global)?;
    let text = svg_text(&ctx, args.from, args.to, args.width, args.title.as_deref())?;
    match &args.output {
        Some(path) => crate::io::atomic::write(path, text.as_bytes())?,
        None => crate::io::output::print(&text)?,
    }
    Ok(0)
}

/// The SVG timeline `export svg` writes now: the span as for `timeline`, one row per phase.
pub(crate) fn svg_text(
    ctx: &Context,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    width: Option<u16>,
    title: Option<&str>,
) -> Result<String> {
    let (chart, hidden) = svg_chart(ctx, from, to)?;
    let width = width.unwrap_or(svg::DEFAULT_WIDTH);
    Ok(svg::document(&chart, &ctx.title(title), width, hidden))
}

/// What the SVG timeline shows now (see [`svg_text`]), and how many phases of the span it leaves
/// out; the mdBook preprocessor draws it inline.
pub(crate) fn svg_chart(
    ctx: &Context,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<(chart::Chart, usize)> {
    let span = Span::view(ctx.today, from, to).map_err(Error::new)?;
    ctx.fits_a_picture(span, "the SVG timeline")?;
    let groups = if ctx.is_many() {
        chart::by_document(&ctx.parts(), &ctx.docs().names, span)
    } else {
        let entry = &ctx.portfolio.documents[0];
        chart::one_group(chart::rows(&entry.schedule, ctx.today, span))
    };
    let chart = chart::chart(span, ctx.today, groups);
    // Counted as `timeline` counts them: every phase of the span's listing that is not drawn.
    let all = Listing::new(&ctx.parts(), span.from, span.to, false)
        .iter()
        .count();
    let hidden = all.saturating_sub(chart.rows().count());
    Ok((chart, hidden))
}

fn ics_feed(global: &Global, args: &IcsArgs) -> Result<u8> {
    let stamp = crate::app::clock::stamp()?;
    let ctx = Context::load(global)?;
    let span = Span::feed(ctx.today, args.from, args.to).map_err(Error::new)?;
    let parts = ctx.parts();
    let many = ctx.is_many();
    let documents: Vec<ics::FeedDocument> = seeds(&ctx)
        .into_iter()
        .zip(&ctx.portfolio.documents)
        .map(|(seed, e)| ics::FeedDocument {
            seed,
            prefix: (many && args.split.is_none()).then(|| e.name.clone()),
        })
        .collect();
    let name = ctx.title(args.name.as_deref());
    if let Some(dir) = &args.split {
        return split(&ctx, args, dir, stamp, &documents, span);
    }
    let feed = ics::Feed {
        name: &name,
        documents: &documents,
        stamp,
        todo: args.todo,
        alarm: args.alarm,
    };
    let rows = || Listing::new(&parts, span.from, span.to, false).iter();
    match &args.output {
        Some(path) => {
            crate::io::atomic::write_with(path, |out| ics::calendar(&feed, rows(), out).map(drop))?;
        }
        None => crate::io::output::with_stdout(|out| ics::calendar(&feed, rows(), out).map(drop))?,
    }
    Ok(0)
}

/// Each document's UID seed: its name, and its file too when an earlier document has taken
/// the name, so two documents of one title keep apart and the first keeps its UIDs.
fn seeds(ctx: &Context) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    ctx.portfolio
        .documents
        .iter()
        .map(|e| {
            if taken.insert(e.name.as_str()) {
                e.name.clone()
            } else {
                format!("{}\n{}", e.name, e.file.display())
            }
        })
        .collect()
}

/// `--split DIR`: one feed per document, `DIR/<name>.ics`, each written atomically.
fn split(
    ctx: &Context,
    args: &IcsArgs,
    dir: &std::path::Path,
    stamp: NaiveDateTime,
    documents: &[ics::FeedDocument],
    span: Span,
) -> Result<u8> {
    let parts = ctx.parts();
    std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, crate::io::read::describe_io(&e)))?;
    let mut used = std::collections::HashSet::new();
    for (doc, entry) in ctx.portfolio.documents.iter().enumerate() {
        let mut stem = file_stem(&entry.name);
        let mut n = 1;
        while !used.insert(stem.clone()) {
            n += 1;
            stem = format!("{}-{n}", file_stem(&entry.name));
        }
        // This document's rows alone, numbered as its own feed's: document 0.
        let own = Listing::new(&parts[doc..=doc], span.from, span.to, false);
        let feed = ics::Feed {
            name: &entry.name,
            documents: &documents[doc..=doc],
            stamp,
            todo: args.todo,
            alarm: args.alarm,
        };
        let path = dir.join(format!("{stem}.ics"));
        let mut count = 0;
        crate::io::atomic::write_with(&path, |out| {
            count = ics::calendar(&feed, own.iter(), out)?;
            Ok(())
        })?;
        eprintln!(
            "{}: {} ({})",
            crate::io::text::inert_line_start(&path.display().to_string()),
            crate::io::text::inert(&entry.name),
            crate::present::words::count(i64::try_from(count).unwrap_or(i64::MAX), "phase")
        );
    }
    Ok(0)
}

/// A document's name as a file name: lower-case letters, digits and single dashes
/// ("Security policy" is `security-policy`), `document` when nothing is left.
fn file_stem(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 64 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "document".into()
    } else {
        out
    }
}
