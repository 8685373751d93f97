//! A Matrix room message (`m.room.message`, sent with `PUT .../send/m.room.message/{txnId}`):
//! an `m.notice`, the message type meant for bots, with `body` in plain text and
//! `formatted_body` in HTML (`org.matrix.custom.html`): the heading as a paragraph, the lines in
//! `<pre><code>`, every `&`, `<`, `>`, `"` and `'` of them escaped.
//!
//! `m.mentions` is present and empty, which tells servers that the message mentions no one, so
//! `@room` or a user's name in a phase's name notifies nobody; servers older than that rule read
//! `@room` in `body`, so there a zero-width space follows each `@`.

use chrono::NaiveDate;
use serde_json::json;

use crate::engine::remind::Reminders;
use crate::present::Docs;
use crate::present::post::Chat;

/// Matrix events are at most 65,536 bytes; the lines are in both bodies, and HTML escaping can
/// make a character six.
const LINES_BUDGET: usize = 8_000;

pub(crate) fn body(reminders: &Reminders, docs: &Docs, today: NaiveDate) -> String {
    let chat = Chat::new(reminders, docs, today, LINES_BUDGET, str::to_string);
    let more = chat.more_line();
    let mut plain = format!("{}\n\n{}", chat.heading, chat.lines.join("\n"));
    let mut html = format!(
        "<p>{}</p>\n<pre><code>{}\n</code></pre>",
        escape(&chat.heading),
        escape(&chat.lines.join("\n"))
    );
    if let Some(more) = &more {
        plain.push_str(&format!("\n\n{more}"));
        html.push_str(&format!("\n<p>{}</p>", escape(more)));
    }
    json!({
        "msgtype": "m.notice",
        "body": no_room_mention(&plain),
        "format": "org.matrix.custom.html",
        "formatted_body": html,
        "m.mentions": {},
    })
    .to_string()
}

/// HTML's escaping, for text and attribute values alike.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A zero-width space after each `@`.
fn no_room_mention(text: &str) -> String {
    text.replace('@', "@\u{200b}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::remind::reminders;
    use crate::present::post::tests::{date, schedule};

    #[test]
    fn html_is_escaped_and_nobody_is_mentioned() {
        let s = schedule(&["<script>alert('x')</script> & \"q\"", "@room sync"]);
        let today = date(2021, 6, 25);
        let v: serde_json::Value =
            serde_json::from_str(&body(&reminders(&s, today, None), &Docs::default(), today))
                .unwrap();
        assert_eq!(v["msgtype"], "m.notice");
        assert_eq!(v["format"], "org.matrix.custom.html");
        assert_eq!(v["m.mentions"], json!({}));
        assert_eq!(
            v["formatted_body"],
            "<p>Reminders for Fri 2021-06-25: 2 coming up</p>\n<pre><code>\
             2021-06-30  due in 5 days  &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\n\
             2021-06-30  due in 5 days  @room sync\n</code></pre>"
        );
        assert_eq!(
            v["body"],
            "Reminders for Fri 2021-06-25: 2 coming up\n\n\
             2021-06-30  due in 5 days  <script>alert('x')</script> & \"q\"\n\
             2021-06-30  due in 5 days  @\u{200b}room sync"
        );
    }

    #[test]
    fn a_long_list_stays_under_the_event_size() {
        let names: Vec<String> = (0..2_000).map(|i| format!("<&> \"{i}\"")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let s = schedule(&names);
        let today = date(2021, 6, 25);
        let text = body(&reminders(&s, today, None), &Docs::default(), today);
        assert!(text.len() < 65_000, "{}", text.len());
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            v["formatted_body"]
                .as_str()
                .unwrap()
                .ends_with("lists them all.</p>")
        );
    }
}
