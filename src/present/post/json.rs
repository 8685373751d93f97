//! `--post-format json`: the reminders as data, for a webhook of one's own. One object:
//! `today`, `title` (the document's, or null), `count` (how many there are), `reminders`, the
//! first [`crate::limits::POSTED_REMINDERS`] of them in `remind`'s order, and `left_out`, how
//! many more there are (0 when all are there), so a daily cadence from year 1 cannot make a
//! body of gigabytes. Each reminder has each with `name`, `date`, `event` (`overdue`, `start`, `end`, `due` or
//! `on`), `days_until` (negative once overdue) and `text` (`remind`'s words: "86 days overdue",
//! "ends in 5 days"). Names are whole, as in every JSON output; JSON's escaping keeps them data.
//! With several documents, each reminder also has its `document`; when a phase of the
//! documents has an owner, each has `owners`, a list (empty for a phase with none).

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
    left_out: u64,
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
    /// When the documents have owners, the phase's (empty for none).
    #[serde(skip_serializing_if = "Option::is_none")]
    owners: Option<Vec<String>>,
}

pub(crate) fn body(
    reminders: &Reminders,
    docs: &Docs,
    today: NaiveDate,
    title: Option<&str>,
) -> String {
    let count = reminders.overdue.count() + reminders.events.len() as u64;
    let items: Vec<Item> = reminders
        .iter()
        .take(crate::limits::POSTED_REMINDERS)
        .map(|r| {
            let (event, days_until) = match r.what {
                What::Overdue { days } => ("overdue", -days),
                What::Event { event, days_until } => (event.as_str(), days_until),
            };
            Item {
                text: crate::present::remind::what(r.what),
                document: docs.many().then(|| docs.name(r.doc).to_string()),
                owners: docs.owners.then(|| r.phase.owners().names().to_vec()),
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
        count,
        left_out: count - items.len() as u64,
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
    fn a_long_list_is_cut_and_counted() {
        let text = "[[cadence]]\nevery = \"day\"\nfrom = 0001-01-01\n\n\
                    [[cadence.phase]]\nname = \"day {n}\"\ndue = \"first day\"\n";
        let s = crate::schedule::load::parse(&crate::error::Source::new(
            std::path::Path::new("s.toml"),
            text,
        ))
        .unwrap();
        let today = date(9999, 12, 31);
        let body = body(&reminders(&s, today, None), &Docs::default(), today, None);
        assert!(body.len() < 200_000, "{}", body.len());
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["count"], 3_652_058 + 1);
        assert_eq!(v["reminders"].as_array().unwrap().len(), 1_000);
        assert_eq!(v["left_out"], 3_652_059 - 1_000);
        assert_eq!(v["reminders"][0]["name"], "day 1");
    }

    #[test]
    fn every_reminder_as_data() {
        let mut s = schedule(&["<b>soon</b> \u{1b}"]);
        s.phases.push(Phase::new(
            "late",
            Kind::Milestone {
                due: date(2021, 3, 31).into(),
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
                "left_out": 0,
            })
        );
    }
}
