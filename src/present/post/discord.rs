//! Discord's webhooks: `content`, the heading and the lines in a code block, and
//! `allowed_mentions` with nothing allowed, so no `@everyone`, `@here`, role or user mention in a
//! name pings anyone. The mention syntax is broken up as well (a zero-width space after each `@`
//! and `<`), so the text does not even look like a mention where Discord shows it outside the
//! code block, such as in notifications.

use chrono::NaiveDate;
use serde_json::json;

use crate::engine::remind::Reminders;
use crate::present::Docs;
use crate::present::post::{Chat, no_backticks};

/// Discord refuses a `content` over 2,000 characters: room for the heading and the last line.
const LINES_BUDGET: usize = 1_800;

pub(crate) fn body(reminders: &Reminders, docs: &Docs, today: NaiveDate) -> String {
    let chat = Chat::new(reminders, docs, today, LINES_BUDGET, |l| {
        defuse(&no_backticks(l))
    });
    json!({ "content": chat.fenced(""), "allowed_mentions": { "parse": [] } }).to_string()
}

/// A zero-width space after every `@` and `<`: `@everyone`, `@here`, `<@123>`, `<@&123>` and
/// `<#123>` are no longer mentions.
pub(crate) fn defuse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(c);
        if c == '@' || c == '<' {
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
    fn mentions_are_broken_up_and_allowed_none() {
        assert_eq!(
            defuse("@everyone <@123> <@&9>"),
            "@\u{200b}everyone <\u{200b}@\u{200b}123> <\u{200b}@\u{200b}&9>"
        );
        let s = schedule(&["@everyone @here", "**bold** `code`"]);
        let today = date(2021, 6, 25);
        let v: serde_json::Value =
            serde_json::from_str(&body(&reminders(&s, today, None), &Docs::default(), today))
                .unwrap();
        assert_eq!(v["allowed_mentions"], json!({ "parse": [] }));
        assert_eq!(
            v["content"],
            "Reminders for Fri 2021-06-25: 2 coming up\n```\n\
             2021-06-30  due in 5 days  @\u{200b}everyone @\u{200b}here\n\
             2021-06-30  due in 5 days  **bold** \u{2cb}code\u{2cb}\n```"
        );
    }

    #[test]
    fn content_stays_under_discords_limit() {
        let names: Vec<String> = (0..300).map(|i| format!("@here milestone {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let s = schedule(&names);
        let today = date(2021, 6, 25);
        let v: serde_json::Value =
            serde_json::from_str(&body(&reminders(&s, today, None), &Docs::default(), today))
                .unwrap();
        let content = v["content"].as_str().unwrap();
        assert!(
            content.chars().count() <= 2_000,
            "{}",
            content.chars().count()
        );
        // Lines of 45, 46 and 47 characters and a newline: 10 of the first, 28 of the second
        // fit in 1,800.
        assert_eq!(
            content.lines().filter(|l| l.starts_with("2021-")).count(),
            38
        );
        assert!(content.ends_with("```\n... and 262 more: `vision-sched remind` lists them all."));
    }
}
