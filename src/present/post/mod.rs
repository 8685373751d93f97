//! Reminders as one chat message, for `remind --post`: the body each service's webhook takes.
//!
//! Slack, Mattermost, Discord, Matrix and Zulip get a heading ("Reminders for Fri 2021-06-25:
//! 1 overdue, 2 coming up") and `remind`'s lines in a code block, so the columns line up and
//! nothing in a phase's name is read as markup, a link or a mention. Each service's own escaping
//! is applied on top, in its own file: Slack's `&`, `<` and `>`; Mattermost's Slack-style
//! `<!channel>` and `<@id>`, which it turns into mentions even in a code block; Discord's
//! mentions, which are also switched off with `allowed_mentions`; Matrix's HTML in
//! `formatted_body`, with `m.mentions` empty; Zulip's code block, marked `text` so that no
//! organization's default language can make it a quote. Names are made inert first, so control
//! characters show as `\u{..}`. A message longer than the service takes keeps as many whole
//! lines as fit and ends "... and N more". `json` is the reminders as data, in full (its fields
//! are in the guide).

// Without the `post` feature only `PostFormat` is used, to name the format that cannot be sent.
#![cfg_attr(not(feature = "post"), allow(dead_code))]

pub(crate) mod discord;
pub(crate) mod json;
pub(crate) mod matrix;
pub(crate) mod mattermost;
pub(crate) mod slack;
pub(crate) mod zulip;

use chrono::NaiveDate;

use crate::engine::remind::Reminders;
use crate::present::{Docs, words};

/// The kinds of webhook `remind --post` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum PostFormat {
    /// Slack's incoming webhooks.
    #[default]
    Slack,
    /// Mattermost's incoming webhooks: Slack's body, with Mattermost's own escaping.
    Mattermost,
    Discord,
    /// A room message through the Matrix client-server API.
    Matrix,
    /// A stream message through Zulip's REST API.
    Zulip,
    Json,
}

impl PostFormat {
    pub(crate) fn name(self) -> &'static str {
        match self {
            PostFormat::Slack => "slack",
            PostFormat::Mattermost => "mattermost",
            PostFormat::Discord => "discord",
            PostFormat::Matrix => "matrix",
            PostFormat::Zulip => "zulip",
            PostFormat::Json => "json",
        }
    }
}

/// Where a message goes besides its URL, for the formats whose body says so.
#[derive(Debug, Clone, Default)]
pub(crate) struct Address<'a> {
    /// The `[document]` title, for `json`.
    pub(crate) title: Option<&'a str>,
    /// Zulip's stream and topic.
    pub(crate) stream: &'a str,
    pub(crate) topic: &'a str,
}

/// A request's body: JSON text, or form fields (Zulip's API takes those).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Body {
    Json(String),
    Form(Vec<(&'static str, String)>),
}

/// The request body for `format`.
pub(crate) fn body(
    format: PostFormat,
    reminders: &Reminders,
    docs: &Docs,
    today: NaiveDate,
    to: &Address,
) -> Body {
    match format {
        PostFormat::Slack => Body::Json(slack::body(reminders, docs, today)),
        PostFormat::Mattermost => Body::Json(mattermost::body(reminders, docs, today)),
        PostFormat::Discord => Body::Json(discord::body(reminders, docs, today)),
        PostFormat::Matrix => Body::Json(matrix::body(reminders, docs, today)),
        PostFormat::Zulip => Body::Form(zulip::form(reminders, docs, today, to.stream, to.topic)),
        PostFormat::Json => Body::Json(json::body(reminders, docs, today, to.title)),
    }
}

/// A chat message before its service's markup: the heading, the lines that fit, escaped for
/// the service, and how many did not fit.
struct Chat {
    heading: String,
    lines: Vec<String>,
    more: u64,
}

impl Chat {
    /// `remind`'s lines, each through `escape`, as many as fit in `budget` characters
    /// (newlines counted); the rest are only counted.
    fn new(
        reminders: &Reminders,
        docs: &Docs,
        today: NaiveDate,
        budget: usize,
        escape: impl Fn(&str) -> String,
    ) -> Chat {
        let overdue = reminders.overdue.count();
        let coming = reminders.events.len() as u64;
        let total = overdue + coming;
        let mut lines = Vec::new();
        let mut used = 0;
        for line in crate::present::remind::plain_lines(reminders, docs) {
            let line = escape(&line);
            let n = line.chars().count() + 1;
            if used + n > budget {
                break;
            }
            used += n;
            lines.push(line);
        }
        Chat {
            heading: heading(today, overdue, coming),
            more: total - lines.len() as u64,
            lines,
        }
    }

    /// The heading, the lines in a fenced code block (`info` after its opening fence), then the
    /// line saying how many did not fit, if any: the message of every chat that reads Markdown.
    fn fenced(&self, info: &str) -> String {
        let mut text = format!(
            "{}\n```{info}\n{}\n```",
            self.heading,
            self.lines.join("\n")
        );
        if let Some(more) = self.more_line() {
            text.push('\n');
            text.push_str(&more);
        }
        text
    }

    /// "... and 12 more: `vision-sched remind` lists them all.", when some did not fit.
    fn more_line(&self) -> Option<String> {
        (self.more > 0).then(|| {
            format!(
                "... and {} more: `vision-sched remind` lists them all.",
                self.more
            )
        })
    }
}

/// "Reminders for Fri 2021-06-25: 1 overdue, 2 coming up".
fn heading(today: NaiveDate, overdue: u64, coming: u64) -> String {
    let mut parts = Vec::new();
    if overdue > 0 {
        parts.push(format!("{overdue} overdue"));
    }
    if coming > 0 {
        parts.push(format!("{coming} coming up"));
    }
    format!("Reminders for {}: {}", words::date(today), parts.join(", "))
}

/// A backtick in a line would close the code block it is shown in: U+02CB looks the same.
fn no_backticks(text: &str) -> String {
    text.replace('`', "\u{2cb}")
}

#[cfg(test)]
mod tests {
    use super::*;
    pub(super) use crate::dates::date;
    use crate::engine::remind::reminders;
    use crate::schedule::model::Schedule;
    use crate::schedule::phase::{Kind, Phase};

    /// Milestones with these names, all due on 2021-06-30; today is 2021-06-25 unless given.
    pub(super) fn schedule(names: &[&str]) -> Schedule {
        let phases = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let kind = Kind::Milestone {
                    due: date(2021, 6, 30).into(),
                    done: None,
                };
                Phase::new(*n, kind, i + 1)
            })
            .collect();
        Schedule {
            phases,
            ..Schedule::default()
        }
    }

    #[test]
    fn lines_that_do_not_fit_are_counted() {
        let names: Vec<String> = (0..100).map(|i| format!("milestone {i:03}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let s = schedule(&names);
        let r = reminders(&s, date(2021, 6, 25), None);
        let chat = Chat::new(&r, &Docs::default(), date(2021, 6, 25), 400, str::to_string);
        let line = "2021-06-30  due in 5 days  milestone 000";
        assert_eq!(chat.lines[0], line);
        assert_eq!(chat.lines.len(), 400 / (line.len() + 1));
        assert_eq!(chat.more, 100 - chat.lines.len() as u64);
        assert_eq!(
            chat.more_line().unwrap(),
            format!(
                "... and {} more: `vision-sched remind` lists them all.",
                chat.more
            )
        );
        let all = Chat::new(
            &r,
            &Docs::default(),
            date(2021, 6, 25),
            usize::MAX,
            str::to_string,
        );
        assert_eq!((all.lines.len(), all.more), (100, 0));
        assert_eq!(all.more_line(), None);
    }

    #[test]
    fn heading_counts_overdue_and_coming() {
        let d = date(2021, 6, 25);
        assert_eq!(
            heading(d, 1, 2),
            "Reminders for Fri 2021-06-25: 1 overdue, 2 coming up"
        );
        assert_eq!(
            heading(d, 0, 3),
            "Reminders for Fri 2021-06-25: 3 coming up"
        );
        assert_eq!(heading(d, 4, 0), "Reminders for Fri 2021-06-25: 4 overdue");
    }
}
