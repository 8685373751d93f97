//! One line per reminder, as `remind` prints it for cron mail:
//! `2021-06-30  due in 5 days    2021 Q2 revision published`, columns aligned, colour only when
//! asked for (overdue red, the rest yellow).

use anstyle::{AnsiColor, Style};

use crate::present::inert::inert;
use crate::present::words;
use crate::reminders::{Reminder, What};

/// The lines, or an empty string when there is nothing to say.
pub fn lines(reminders: &[Reminder], color: bool) -> String {
    let whats: Vec<String> = reminders.iter().map(|r| what(r.what)).collect();
    let width = whats.iter().map(String::len).max().unwrap_or(0);
    let mut out = String::new();
    for (r, w) in reminders.iter().zip(&whats) {
        let style = match r.what {
            _ if !color => Style::new(),
            What::Overdue { .. } => AnsiColor::Red.on_default().bold(),
            What::Event { .. } => AnsiColor::Yellow.on_default(),
        };
        let pad = " ".repeat(width - w.len());
        out.push_str(&format!(
            "{}  {style}{w}{style:#}{pad}  {}\n",
            r.date.format("%Y-%m-%d"),
            inert(&r.phase.name)
        ));
    }
    out
}

/// "due in 5 days", "starts today", "ends tomorrow", "81 days overdue".
fn what(what: What) -> String {
    match what {
        What::Overdue { days } => words::overdue(days),
        What::Event { event, days_until } => {
            format!("{} {}", words::event(event), words::relative(days_until))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EventKind;
    use crate::model::{Kind, Phase};
    use chrono::NaiveDate;

    fn reminder(name: &str, date: NaiveDate, what: What) -> Reminder {
        let kind = Kind::Milestone {
            due: date,
            done: None,
        };
        Reminder {
            phase: Phase::new(name, kind, 1),
            date,
            what,
        }
    }

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, m, d).unwrap()
    }

    #[test]
    fn aligned_plain_lines() {
        let rs = [
            reminder("Q1", date(3, 31), What::Overdue { days: 86 }),
            reminder(
                "Q2 window",
                date(6, 30),
                What::Event {
                    event: EventKind::End,
                    days_until: 5,
                },
            ),
            reminder(
                "Q2\u{1b}]8;;x",
                date(6, 26),
                What::Event {
                    event: EventKind::Due,
                    days_until: 1,
                },
            ),
        ];
        assert_eq!(
            lines(&rs, false),
            "2021-03-31  86 days overdue  Q1\n\
             2021-06-30  ends in 5 days   Q2 window\n\
             2021-06-26  due tomorrow     Q2\\u{1b}]8;;x\n"
        );
        assert_eq!(lines(&[], false), "");
    }

    #[test]
    fn colour_only_when_asked() {
        let rs = [reminder("Q1", date(3, 31), What::Overdue { days: 1 })];
        assert!(lines(&rs, true).contains("\u{1b}["));
        assert!(!lines(&rs, false).contains('\u{1b}'));
    }
}
