//! A Zulip stream message, as `POST /api/v1/messages` takes it: form fields `type=stream`
//! (which every Zulip takes; 9.0 added `channel` as another word for it), `to` (the stream's
//! name), `topic` and `content`, in Zulip's Markdown: the heading, then the lines in a code
//! block.
//!
//! Zulip's Markdown finds mentions (`@**name**`, `@*group*`, `@**all**`, `@**topic**`), stream
//! links (`#**stream**`), emoji (`:name:`), math (`$$`), spoilers, links and the organization's
//! linkifiers only outside code: its fenced-code preprocessor (`zerver/lib/markdown/
//! fenced_code.py`) takes a code block's lines out of the message before any of those run, and
//! closes the block only at a line that is the fence alone. Every line here starts with its
//! date, so no name can close it, and a backtick in a name stays. The block is marked `text`: a
//! block with no language takes the organization's default code block language, and a default
//! of `quote`, `spoiler` or `math` would read the lines as Markdown again.
//!
//! The topic is plain text in Zulip, at most [`TOPIC_CHARS`] characters; a longer one is cut
//! with `…`.

use chrono::NaiveDate;

use crate::engine::remind::Reminders;
use crate::io::text::visible;
use crate::present::Docs;
use crate::present::post::Chat;

/// Zulip cuts a message over 10,000 characters: room for the heading and the last line.
const LINES_BUDGET: usize = 9_000;

/// The longest topic Zulip takes (`MAX_TOPIC_NAME_LENGTH`).
pub(crate) const TOPIC_CHARS: usize = 60;

/// The form fields of a stream message to `stream`, on `topic`.
pub(crate) fn form(
    reminders: &Reminders,
    docs: &Docs,
    today: NaiveDate,
    stream: &str,
    topic: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("type", "stream".to_string()),
        ("to", stream.to_string()),
        ("topic", topic_text(topic)),
        ("content", content(reminders, docs, today)),
    ]
}

/// The message in Zulip's Markdown.
pub(crate) fn content(reminders: &Reminders, docs: &Docs, today: NaiveDate) -> String {
    Chat::new(reminders, docs, today, LINES_BUDGET, str::to_string).fenced("text")
}

/// A topic Zulip takes: control characters shown, at most [`TOPIC_CHARS`] characters.
pub(crate) fn topic_text(topic: &str) -> String {
    let topic = visible(topic.trim());
    if topic.chars().count() <= TOPIC_CHARS {
        return topic.into_owned();
    }
    let kept: String = topic.chars().take(TOPIC_CHARS - 1).collect();
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::remind::reminders;
    use crate::present::post::tests::{date, schedule};

    #[test]
    fn names_sit_in_a_text_block() {
        let s = schedule(&[
            "@**all** #**general** :tada: $$x$$",
            "```spoiler x",
            "a `b`",
        ]);
        let today = date(2021, 6, 25);
        let form = form(
            &reminders(&s, today, None),
            &Docs::default(),
            today,
            "t-docs",
            "Async I/O",
        );
        assert_eq!(
            form,
            [
                ("type", "stream".to_string()),
                ("to", "t-docs".to_string()),
                ("topic", "Async I/O".to_string()),
                (
                    "content",
                    "Reminders for Fri 2021-06-25: 3 coming up\n```text\n\
                     2021-06-30  due in 5 days  @**all** #**general** :tada: $$x$$\n\
                     2021-06-30  due in 5 days  ```spoiler x\n\
                     2021-06-30  due in 5 days  a `b`\n```"
                        .to_string()
                ),
            ]
        );
    }

    #[test]
    fn topics_are_cut_to_sixty_characters() {
        assert_eq!(topic_text("  Async I/O \u{1b}[2J "), "Async I/O \\u{1b}[2J");
        let long = "é".repeat(70);
        let cut = topic_text(&long);
        assert_eq!(cut.chars().count(), 60);
        assert!(cut.ends_with("é…"));
        assert_eq!(topic_text(&"x".repeat(60)), "x".repeat(60));
    }

    #[test]
    fn a_long_list_stays_under_zulips_limit() {
        let names: Vec<String> = (0..1_000).map(|i| format!("@**all** {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let today = date(2021, 6, 25);
        let text = content(
            &reminders(&schedule(&names), today, None),
            &Docs::default(),
            today,
        );
        assert!(text.chars().count() <= 10_000, "{}", text.chars().count());
        // Lines of 37, 38 and 39 characters and a newline: 10, 90 and 127 fit in 9,000.
        assert!(text.ends_with("```\n... and 773 more: `vision-sched remind` lists them all."));
    }
}
