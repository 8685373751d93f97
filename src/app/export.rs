use chrono::{DateTime, Datelike, NaiveDateTime, Timelike};

use chrono::NaiveDate;

use crate::app::args::{ExportArgs, ExportTarget, Global, IcsArgs, SvgArgs};
use crate::app::context::Context;
use crate::engine::chart;
use crate::engine::span::Span;
use crate::error::{Error, Result};
use crate::present::{ics, svg};

pub fn run(global: &Global, args: &ExportArgs) -> Result<u8> {
    match &args.target {
        ExportTarget::Ics(a) => ics_feed(global, a),
        ExportTarget::Svg(a) => svg_timeline(global, a),
    }
}

fn svg_timeline(global: &Global, args: &SvgArgs) -> Result<u8> {
    let ctx = Context::load(global)?;
    let text = svg_text(&ctx, args.from, args.to, args.width)?;
    match &args.output {
        Some(path) => crate::io::atomic::write(path, text.as_bytes())?,
        None => crate::io::output::print(&text)?,
    }
    Ok(0)
}

/// The SVG timeline `export svg` writes now: the span as for `timeline`, one row per phase.
pub fn svg_text(
    ctx: &Context,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    width: Option<u16>,
) -> Result<String> {
    let span = Span::view(ctx.today, from, to).map_err(Error::new)?;
    let rows = chart::rows(&ctx.schedule, ctx.today, span);
    let chart = chart::chart(span, ctx.today, chart::one_group(rows));
    let width = width.unwrap_or(svg::DEFAULT_WIDTH);
    Ok(svg::document(&chart, &crate::app::doc::title(ctx), width))
}

fn ics_feed(global: &Global, args: &IcsArgs) -> Result<u8> {
    let stamp = stamp(std::env::var("SOURCE_DATE_EPOCH").ok())?;
    let ctx = Context::load(global)?;
    let span = Span::feed(ctx.today, args.from, args.to).map_err(Error::new)?;
    let rows = crate::engine::evaluate::states(&ctx.schedule, ctx.today, span.from, span.to);
    let name = crate::app::doc::title(&ctx);
    let feed = ics::Feed {
        name: &name,
        stamp,
        todo: args.todo,
        alarm: args.alarm,
    };
    let text = ics::calendar(&feed, &rows);
    match &args.output {
        Some(path) => crate::io::atomic::write(path, text.as_bytes())?,
        None => crate::io::output::print(&text)?,
    }
    Ok(0)
}

/// The feed's DTSTAMP: `SOURCE_DATE_EPOCH` when set, so builds are reproducible, else now.
fn stamp(epoch: Option<String>) -> Result<NaiveDateTime> {
    let Some(epoch) = epoch.filter(|e| !e.trim().is_empty()) else {
        let now = crate::app::clock::now_utc().naive_utc();
        return Ok(now.with_nanosecond(0).unwrap_or(now));
    };
    epoch
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .map(|t| t.naive_utc())
        // iCalendar writes years with four digits.
        .filter(|t| (0..=9999).contains(&t.year()))
        .ok_or_else(|| {
            Error::new(format!(
                "SOURCE_DATE_EPOCH `{epoch}` is not a time: it must be whole seconds since 1970-01-01 UTC"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_comes_from_source_date_epoch() {
        let t = stamp(Some("1624147200".into())).unwrap();
        assert_eq!(t.to_string(), "2021-06-20 00:00:00");
        for bad in ["soon", "1.5", "99999999999999999999", "253402300800"] {
            assert!(stamp(Some(bad.into())).is_err(), "{bad}");
        }
        // Unset or empty: the clock, to the second.
        assert_eq!(
            stamp(Some(String::new()))
                .unwrap()
                .and_utc()
                .timestamp_subsec_nanos(),
            0
        );
    }
}
