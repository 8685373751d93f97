//! Slack's incoming webhooks (Mattermost's take the same body): `text`, the whole message, which
//! Slack shows in notifications and Mattermost shows as the message, and Block Kit `blocks`,
//! which Slack shows: a section with the heading, a section with the lines in a code block, and
//! a context line when some did not fit.
//!
//! Slack reads `&`, `<` and `>` as markup (`<!channel>`, `<@U123>`, links) wherever they are, so
//! they are written `&amp;`, `&lt;` and `&gt;`; in a code block nothing else is markup.

use chrono::NaiveDate;
use serde_json::json;

use crate::engine::remind::Reminders;
use crate::present::Docs;
use crate::present::post::{Chat, no_backticks};

/// Slack takes at most 3,000 characters in a section's text; the fences take 8.
const LINES_BUDGET: usize = 2_900;

pub(crate) fn body(reminders: &Reminders, docs: &Docs, today: NaiveDate) -> String {
    let chat = Chat::new(reminders, docs, today, LINES_BUDGET, |l| {
        escape(&no_backticks(l))
    });
    let code = format!("```\n{}\n```", chat.lines.join("\n"));
    let mut blocks = vec![section(&chat.heading), section(&code)];
    if let Some(more) = chat.more_line() {
        blocks.push(json!({
            "type": "context",
            "elements": [{ "type": "mrkdwn", "text": more }],
        }));
    }
    json!({ "text": chat.fenced(""), "blocks": blocks }).to_string()
}

fn section(text: &str) -> serde_json::Value {
    json!({ "type": "section", "text": { "type": "mrkdwn", "text": text } })
}

/// Slack's own escaping: `&`, `<` and `>` as entities, which Slack shows as the characters.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
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
    fn markup_and_mentions_in_names_are_escaped() {
        assert_eq!(
            escape("<!channel> & <@U1|x> <script>"),
            "&lt;!channel&gt; &amp; &lt;@U1|x&gt; &lt;script&gt;"
        );
        let s = schedule(&["<!channel> R&D", "tick `x` ```", "esc \u{1b}[2J"]);
        let r = reminders(&s, date(2021, 6, 25), None);
        let v: serde_json::Value =
            serde_json::from_str(&body(&r, &Docs::default(), date(2021, 6, 25))).unwrap();
        let text = v["text"].as_str().unwrap();
        assert_eq!(
            text,
            "Reminders for Fri 2021-06-25: 3 coming up\n```\n\
             2021-06-30  due in 5 days  &lt;!channel&gt; R&amp;D\n\
             2021-06-30  due in 5 days  tick \u{2cb}x\u{2cb} \u{2cb}\u{2cb}\u{2cb}\n\
             2021-06-30  due in 5 days  esc \\u{1b}[2J\n```"
        );
        let blocks = v["blocks"].as_array().unwrap();
        assert_eq!(blocks.len(), 2);
        assert_eq!(
            blocks[0]["text"]["text"],
            "Reminders for Fri 2021-06-25: 3 coming up"
        );
        assert_eq!(blocks[1]["type"], "section");
        assert_eq!(blocks[1]["text"]["type"], "mrkdwn");
        assert!(text.ends_with(blocks[1]["text"]["text"].as_str().unwrap()));
    }

    #[test]
    fn a_long_list_fits_a_section() {
        let names: Vec<String> = (0..500).map(|i| format!("milestone & {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let s = schedule(&names);
        let r = reminders(&s, date(2021, 6, 25), None);
        let v: serde_json::Value =
            serde_json::from_str(&body(&r, &Docs::default(), date(2021, 6, 25))).unwrap();
        let blocks = v["blocks"].as_array().unwrap();
        let code = blocks[1]["text"]["text"].as_str().unwrap();
        assert!(code.chars().count() <= 3_000, "{}", code.len());
        let shown = code.lines().count() - 2;
        let more = blocks[2]["elements"][0]["text"].as_str().unwrap();
        assert_eq!(
            more,
            format!(
                "... and {} more: `vision-sched remind` lists them all.",
                500 - shown
            )
        );
        assert!(v["text"].as_str().unwrap().ends_with(more));
    }
}
