use crate::app::args::{Global, TimelineArgs};
use crate::app::context::Context;
use crate::engine::span::Span;
use crate::error::{Error, Result};
use crate::present::timeline;

pub(crate) fn run(global: &Global, args: &TimelineArgs) -> Result<u8> {
    let ctx = Context::load(global)?;
    let span = Span::view(ctx.today, args.from, args.to).map_err(Error::new)?;
    ctx.fits_a_picture(span, "the timeline")?;
    let Span { from, to } = span;
    let all = crate::engine::evaluate::states_all(&ctx.parts(), from, to);
    let total = all.len();
    let rows: Vec<_> = all.into_iter().filter(|r| span.touches(&r.phase)).collect();
    let names = ctx.docs().names;
    let picture = timeline::Picture {
        rows: &rows,
        documents: &names,
        today: ctx.today,
        from,
        to,
        hidden: total - rows.len(),
    };
    let look = timeline::Look {
        width: ctx.look.width,
        color: ctx.look.color,
        ascii: args.ascii,
    };
    crate::io::output::print(&timeline::render(&picture, look))?;
    Ok(0)
}
