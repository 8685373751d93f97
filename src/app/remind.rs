//! `remind`: for cron. One line per overdue milestone or event in its warning period, and
//! nothing at all (no output, exit 0) on a quiet day, so cron sends no mail.
//!
//! With `--post URL` (or `VISION_SCHED_WEBHOOK`) the lines go to a chat instead, as one message
//! ([`crate::app::post`]), and nothing is printed on success: cron mails what a command prints,
//! so printing as well would say everything twice. A quiet day sends nothing.

use crate::app::args::{Global, RemindArgs};
use crate::app::context::Context;
use crate::dates::Days;
use crate::error::Result;

pub(crate) fn run(global: &Global, args: &RemindArgs, warn: Option<Days>) -> Result<u8> {
    #[cfg(feature = "post")]
    let target = crate::app::post::target(crate::app::post::Asked {
        url: args.post.as_deref(),
        format: args.post_format,
        stream: args.stream.as_deref(),
        topic: args.topic.as_deref(),
    })?;
    #[cfg(not(feature = "post"))]
    no_post(args)?;
    let mut ctx = Context::load(global)?;
    ctx.keep_owned_by(&args.owner.owners);
    let parts = ctx.parts();
    let reminders = crate::engine::remind::reminders_all(&parts, warn);
    if reminders.is_empty() {
        return Ok(0);
    }
    let docs = ctx.docs();
    #[cfg(feature = "post")]
    if let Some(target) = target {
        let title = ctx.portfolio.documents[0]
            .schedule
            .settings
            .title
            .as_deref();
        let topic = ctx.title(target.topic.as_deref());
        let to = crate::present::post::Address {
            title,
            stream: &target.stream,
            topic: &topic,
        };
        let body = crate::present::post::body(target.format, &reminders, &docs, ctx.today, &to);
        return crate::app::post::send(&target, &body).map(|()| 0);
    }
    crate::io::output::with_stdout(|out| {
        crate::present::remind::write(&reminders, &docs, ctx.look.color, out)
    })?;
    Ok(0)
}

/// A build without the `post` feature refuses to post rather than print instead.
#[cfg(not(feature = "post"))]
fn no_post(args: &RemindArgs) -> Result<()> {
    let asked = args.post.is_some()
        || args.post_format.is_some()
        || args.stream.is_some()
        || args.topic.is_some()
        || std::env::var_os("VISION_SCHED_WEBHOOK").is_some_and(|v| !v.is_empty());
    if asked {
        return Err(crate::error::Error::new(
            "this vision-sched cannot post: it was built without the `post` feature",
        ));
    }
    Ok(())
}
