//! `--post-format json`: the reminders as data, for a webhook of one's own. One object:
//! `today`, `title` (the document's, or null), `count`, and `reminders`, every one of them, in
//! `remind`'s order, each with `name`, `date`, `event` (`overdue`, `start`, `end`, `due` or
//! `on`), `days_until` (negative once overdue) and `text` (`remind`'s words: "86 days overdue",
//! "ends in 5 days"). Names are whole, as in every JSON output; JSON's escaping keeps them data.
//! With several documents, each reminder also has its `document`.

use chrono::NaiveDate;
use serde::Serialize;

use crate::engine::remind::{Reminders, What};
use crate::present::Docs;

#[derive(Serialize)]
struct Post<'a> {
    today: NaiveDate,
    title: Option<&'a str>,
    count: u64,
    reminders: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    name: String,
    /// With several documents, the reminder's document.
    #[serde(skip_serializing_if = "Option::is_none")]
    document: Option<String>,
    date: NaiveDate,
    event: &'static str,
    days_until: i64,
    text: String,
}

pub(crate) fn body(
    reminders: &Reminders,
    docs: &Docs,
    today: NaiveDate,
    title: Option<&str>,
) -> String {
    let items: Vec<Item> = reminders
        .iter()
        .map(|r| {
            let (event, days_until) = match r.what {
                What::Overdue { days } => ("overdue", -days),
                What::Event { event, days_until } => (event.as_str(), days_until),
            };
            Item {
                text: crate::present::remind::what(r.what),
                document: docs.many().then(|| docs.name(r.doc).to_string()),
                name: r.phase.name,
                date: r.date,
                event,
                days_until,
            }
        })
        .collect();
    let post = Post {
        today,
        title,
        count: items.len() as u64,
        reminders: items,
    };
    serde_json::to_string(&post).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::remind::reminders;
    use crate::present::post::tests::{date, schedule};
    use crate::schedule::phase::{Kind, Phase};

    #[test]
    fn every_reminder_as_data() {
        let mut s = schedule(&["<b>soon</b> \u{1b}"]);
        s.phases.push(Phase::new(
            "late",
            Kind::Milestone {
                due: date(2021, 3, 31),
                done: None,
            },
            2,
        ));
        let today = date(2021, 6, 25);
        let v: serde_json::Value = serde_json::from_str(&body(
            &reminders(&s, today, None),
            &Docs::default(),
            today,
            Some("Vision"),
        ))
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "today": "2021-06-25",
                "title": "Vision",
                "count": 2,
                "reminders": [
                    { "name": "late", "date": "2021-03-31", "event": "overdue",
                      "days_until": -86, "text": "86 days overdue" },
                    { "name": "<b>soon</b> \u{1b}", "date": "2021-06-30", "event": "due",
                      "days_until": 5, "text": "due in 5 days" },
                ],
            })
        );
    }
}
