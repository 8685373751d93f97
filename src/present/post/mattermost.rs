//! Mattermost's incoming webhooks: `text`, the heading and the lines in a code block.
//!
//! Mattermost takes Slack's body but not Slack's escaping: it reads `text` as Markdown and
//! decodes no HTML entities, so `&amp;` would show as written. What it does take from Slack is
//! `ProcessSlackText`, run on every webhook's text, code blocks included: `<!channel>`,
//! `<!here>` and `<!all>` become `@channel`, `@here` and `@all`, and `<@ID>` a user's name. So
//! here a zero-width space parts each `<` from a `!` or `@` after it, and nothing else changes.
//! In a code block nothing more is markup, and no mention counts (Mattermost looks for mentions
//! only in a message's text nodes, outside code); a code block closes only at a line that is
//! a fence, and every line here starts with its date, so a backtick in a name stays.

use chrono::NaiveDate;
use serde_json::json;

use crate::engine::remind::Reminders;
use crate::present::Docs;
use crate::present::post::Chat;

/// Mattermost takes 16,383 characters in a post, servers older than 5.0 only 4,000, and splits
/// a longer webhook message into several posts: room for the heading and the last line.
const LINES_BUDGET: usize = 3_800;

pub(crate) fn body(reminders: &Reminders, docs: &Docs, today: NaiveDate) -> String {
    let chat = Chat::new(reminders, docs, today, LINES_BUDGET, escape);
    json!({ "text": chat.fenced("") }).to_string()
}

/// A zero-width space between `<` and a `!` or `@` after it: `<!channel>` and `<@U123>` are no
/// longer what Mattermost's Slack compatibility rewrites.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '<' && matches!(chars.peek(), Some('!' | '@')) {
            out.push('\u{200b}');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::remind::reminders;
    use crate::present::post::tests::{date, schedule};

    #[test]
    fn no_entities_and_no_slack_mentions() {
        assert_eq!(
            escape("R&D <!here> <@U1> <b> a<!b"),
            "R&D <\u{200b}!here> <\u{200b}@U1> <b> a<\u{200b}!b"
        );
        let s = schedule(&["<!channel> R&D", "tick `x` ```", "@all hands"]);
        let today = date(2021, 6, 25);
        let v: serde_json::Value =
            serde_json::from_str(&body(&reminders(&s, today, None), &Docs::default(), today))
                .unwrap();
        assert_eq!(
            v,
            json!({ "text": "Reminders for Fri 2021-06-25: 3 coming up\n```\n\
                2021-06-30  due in 5 days  <\u{200b}!channel> R&D\n\
                2021-06-30  due in 5 days  tick `x` ```\n\
                2021-06-30  due in 5 days  @all hands\n```" })
        );
    }

    #[test]
    fn a_long_list_fits_an_old_servers_post() {
        let names: Vec<String> = (0..500).map(|i| format!("<!here> {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let today = date(2021, 6, 25);
        let s = schedule(&names);
        let v: serde_json::Value =
            serde_json::from_str(&body(&reminders(&s, today, None), &Docs::default(), today))
                .unwrap();
        let text = v["text"].as_str().unwrap();
        assert!(text.chars().count() <= 4_000, "{}", text.chars().count());
        assert!(text.ends_with("more: `vision-sched remind` lists them all."));
        assert!(!text.contains("<!here>"));
    }
}
