//! One line per reminder, as `remind` prints it for cron mail:
//! `2021-06-30  due in 5 days    2021 Q2 revision published`, columns aligned, colour only when
//! asked for (overdue red, the rest yellow). With several documents, each name follows its
//! document's: `2026-12-11  due in 10 days  Security policy: 2026 review`. A phase with owners
//! ends its line with them: `2024-03-26  in 18 days  Docs Freeze (owner: Docs Lead)`; the chat
//! messages of `remind --post` are these lines, so they name the owners too.

use std::io::Write;

use anstyle::{AnsiColor, Style};

use crate::engine::remind::{Reminder, Reminders, What};
use crate::io::text::inert_line_start;
use crate::present::{Docs, words};
use crate::schedule::phase::EventKind;

/// Writes the lines, a line at a time; nothing at all when there is nothing to say.
pub(crate) fn write(
    reminders: &Reminders,
    docs: &Docs,
    color: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let width = width(reminders);
    for r in reminders.iter() {
        writeln!(out, "{}", line(&r, docs, width, color))?;
    }
    Ok(())
}

/// The lines as `remind` prints them without colour, one at a time and without their newline:
/// what `remind --post` sends.
pub(crate) fn plain_lines<'r>(
    reminders: &'r Reminders,
    docs: &'r Docs,
) -> impl Iterator<Item = String> + 'r {
    let width = width(reminders);
    reminders.iter().map(move |r| line(&r, docs, width, false))
}

/// The width of the widest "what" column.
fn width(reminders: &Reminders) -> usize {
    // The oldest overdue milestone has the widest text of its kind: no pass over all of them.
    let oldest = reminders.overdue.iter().next();
    oldest
        .iter()
        .map(|o| words::overdue(o.days_overdue).len())
        .chain(reminders.events.iter().map(|r| what(r.what).len()))
        .max()
        .unwrap_or(0)
}

/// One line; with several documents, the phase's name follows its document's.
fn line(r: &Reminder, docs: &Docs, width: usize, color: bool) -> String {
    let w = what(r.what);
    let style = match r.what {
        _ if !color => Style::new(),
        What::Overdue { .. } => AnsiColor::Red.on_default().bold(),
        What::Event { .. } => AnsiColor::Yellow.on_default(),
    };
    let pad = " ".repeat(width.saturating_sub(w.len()));
    let name = if docs.many() {
        format!("{}: {}", docs.name(r.doc), r.phase.name)
    } else {
        r.phase.name.clone()
    };
    let name = name + &words::owned_by(&r.phase);
    format!(
        "{}  {style}{w}{style:#}{pad}  {}",
        r.date.format("%Y-%m-%d"),
        inert_line_start(&name)
    )
}

/// "due in 5 days", "starts today", "ends tomorrow", "81 days overdue".
pub(crate) fn what(what: What) -> String {
    match what {
        What::Overdue { days } => words::overdue(days),
        // A key date is just a day: "in 5 days", "today".
        What::Event {
            event: EventKind::KeyDate,
            days_until,
        } => words::relative(days_until),
        What::Event { event, days_until } => {
            format!("{} {}", words::event(event), words::relative(days_until))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::phase::{Kind, Phase};
    use chrono::NaiveDate;

    fn reminder(name: &str, date: NaiveDate, what: What) -> Reminder {
        let kind = Kind::Milestone {
            due: date.into(),
            done: None,
        };
        Reminder {
            doc: 0,
            phase: Phase::new(name, kind, 1),
            date,
            what,
        }
    }

    fn date(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, m, d).unwrap()
    }

    fn lines(rs: &[Reminder], color: bool) -> String {
        let width = rs.iter().map(|r| what(r.what).len()).max().unwrap_or(0);
        rs.iter()
            .map(|r| line(r, &Docs::default(), width, color) + "\n")
            .collect()
    }

    #[test]
    fn several_documents_name_theirs() {
        let r = reminder(
            "2026 review",
            date(12, 11),
            What::Event {
                event: EventKind::Due,
                days_until: 10,
            },
        );
        let docs = Docs {
            names: vec!["Vision".into(), "Security\u{1b}[2J policy".into()],
            ..Docs::default()
        };
        let r = Reminder { doc: 1, ..r };
        assert_eq!(
            line(&r, &docs, 14, false),
            "2021-12-11  due in 10 days  Security\\u{1b}[2J policy: 2026 review"
        );
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
