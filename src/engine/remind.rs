//! What `remind` has to say on a day: the overdue milestones, and the events whose warning period
//! has begun.
//!
//! An event (a window's start or end, a milestone's due date while it is not done; see
//! [`crate::engine::evaluate`]) is worth a reminder from `warn` days before its date up to and including the
//! date itself. `warn` is the phase's own `warn`, else the document's, else [`DEFAULT_WARN`]; a
//! `--warn` on the command line overrides all of them. Nothing past the warning period is
//! mentioned, so a quiet day says nothing at all. Pure: `today` is an argument.

use chrono::NaiveDate;

use crate::dates::{Days, add_days, days_between};
use crate::engine::evaluate;
use crate::engine::overdue::{Overdue, Overdues, Part};
use crate::schedule::model::{Schedule, Settings};
use crate::schedule::phase::EventKind;
use crate::schedule::phase::Phase;

/// The warning period when neither the phase nor the document sets one.
pub(crate) const DEFAULT_WARN: Days = Days(7);

/// How far ahead to generate cadence cycles before their own `warn` is known: a year holds at
/// least one cycle of any cadence that recurs yearly or more often.
const FIRST_REACH: Days = Days(366);

/// One line of a reminder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reminder {
    /// Which document it is in (0 with one document).
    pub(crate) doc: usize,
    pub(crate) phase: Phase,
    /// The event's date; for an overdue milestone, its due date.
    pub(crate) date: NaiveDate,
    pub(crate) what: What,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum What {
    /// A milestone due before today and not done; at least 1 day.
    Overdue { days: i64 },
    /// An event in its warning period; 0 for today.
    Event { event: EventKind, days_until: i64 },
}

/// The warning period of `phase`: `warn` if given on the command line, else the phase's, the document's, 7 days.
pub(crate) fn warn_of(phase: &Phase, settings: &Settings, warn_flag: Option<Days>) -> Days {
    warn_flag
        .or(phase.warn)
        .or(settings.warn)
        .unwrap_or(DEFAULT_WARN)
}

/// What to remind of on a day: the overdue milestones, then the events in their warning period.
#[derive(Debug, Clone)]
pub(crate) struct Reminders<'s> {
    /// Listed first, oldest first.
    pub(crate) overdue: Overdues<'s>,
    /// By date, file order, and start before end before due.
    pub(crate) events: Vec<Reminder>,
}

impl<'s> Reminders<'s> {
    /// Every reminder in order, overdue ones computed as they are read.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Reminder> + 's {
        let events = self.events.clone();
        self.overdue.iter().map(overdue_reminder).chain(events)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.events.is_empty() && self.overdue.is_empty()
    }
}

fn overdue_reminder(o: Overdue) -> Reminder {
    Reminder {
        doc: o.doc,
        date: o.due,
        what: What::Overdue {
            days: o.days_overdue,
        },
        phase: o.phase,
    }
}

/// Everything to remind of on `today`, oldest first: overdue milestones, then events by date,
/// file order, and start before end before due.
pub(crate) fn reminders(
    schedule: &Schedule,
    today: NaiveDate,
    warn_flag: Option<Days>,
) -> Reminders<'_> {
    let mut events: Vec<Reminder> = phases_in_reach(schedule, today, warn_flag)
        .iter()
        .filter(|p| evaluate::in_calendar(p, today))
        .flat_map(|p| events_of(p, &schedule.settings, today, warn_flag))
        .collect();
    events.sort_by_key(|r| (r.date, r.phase.order(), kind_rank(r.what)));
    Reminders {
        overdue: Overdues::new(schedule, today),
        events,
    }
}

/// Everything to remind of in several documents, each on its own today: every overdue
/// milestone (oldest first, then by document), then the events by date, then document.
pub(crate) fn reminders_all<'s>(parts: &'s [Part<'s>], warn_flag: Option<Days>) -> Reminders<'s> {
    let mut events: Vec<Reminder> = parts
        .iter()
        .enumerate()
        .flat_map(|(doc, p)| {
            reminders(p.schedule, p.today, warn_flag)
                .events
                .into_iter()
                .map(move |r| Reminder { doc, ..r })
        })
        .collect();
    events.sort_by_key(|r| (r.date, r.doc, r.phase.order(), kind_rank(r.what)));
    Reminders {
        overdue: Overdues::many(parts),
        events,
    }
}

/// The events of `phase` in their warning period on `today`.
fn events_of(
    phase: &Phase,
    settings: &Settings,
    today: NaiveDate,
    warn_flag: Option<Days>,
) -> Vec<Reminder> {
    let warn = warn_of(phase, settings, warn_flag).get();
    phase
        .events(Some(today))
        .filter_map(|(date, event)| {
            let days_until = days_between(today, date);
            (0..=warn).contains(&days_until).then(|| Reminder {
                doc: 0,
                phase: phase.clone(),
                date,
                what: What::Event { event, days_until },
            })
        })
        .collect()
}

/// Every phase that can have an event in its warning period on `today`: written phases, and the
/// cycles generated from today to as far ahead as any warning reaches.
fn phases_in_reach(schedule: &Schedule, today: NaiveDate, warn_flag: Option<Days>) -> Vec<Phase> {
    if let Some(w) = warn_flag {
        return schedule.phases_between(today, add_days(today, w.get()));
    }
    let known = schedule.phases.iter().filter_map(|p| p.warn);
    let mut reach = known
        .chain(schedule.settings.warn)
        .chain([DEFAULT_WARN, FIRST_REACH])
        .max()
        .unwrap_or(FIRST_REACH);
    // Generated cycles carry their cadence's `warn`; widen until the widest one is covered.
    // `reach` only grows, up to the widest `warn` there is, so this ends.
    loop {
        let phases = schedule.phases_between(today, add_days(today, reach.get()));
        match phases.iter().filter_map(|p| p.warn).max() {
            Some(w) if w > reach => reach = w,
            _ => return phases,
        }
    }
}

fn kind_rank(what: What) -> (u8, Option<EventKind>) {
    match what {
        What::Overdue { .. } => (0, None),
        What::Event { event, .. } => (1, Some(event)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;
    use crate::schedule::phase::Kind;

    fn window(name: &str, start: NaiveDate, end: NaiveDate, line: usize) -> Phase {
        Phase::new(
            name,
            Kind::Window {
                start: Some(start),
                end: end.into(),
            },
            line,
        )
    }

    fn milestone(name: &str, due: NaiveDate, line: usize) -> Phase {
        Phase::new(
            name,
            Kind::Milestone {
                due: due.into(),
                done: None,
            },
            line,
        )
    }

    fn schedule(phases: Vec<Phase>) -> Schedule {
        Schedule {
            phases,
            ..Schedule::default()
        }
    }

    /// (date, what) pairs, what as a short word, for compact tables.
    fn said(s: &Schedule, today: NaiveDate, warn_flag: Option<Days>) -> Vec<(NaiveDate, String)> {
        reminders(s, today, warn_flag)
            .iter()
            .map(|r| {
                let what = match r.what {
                    What::Overdue { days } => format!("overdue {days}"),
                    What::Event { event, days_until } => {
                        format!("{} {days_until}", event.as_str())
                    }
                };
                (r.date, format!("{what} {}", r.phase.name))
            })
            .collect()
    }

    #[test]
    fn default_warning_period_is_seven_days_inclusive() {
        let s = schedule(vec![milestone("m", date(2021, 6, 30), 1)]);
        let cases = [
            (date(2021, 6, 22), None),                 // 8 days before: silent
            (date(2021, 6, 23), Some("due 7 m")),      // first day of the period
            (date(2021, 6, 29), Some("due 1 m")),      // the day before
            (date(2021, 6, 30), Some("due 0 m")),      // due today: not overdue yet
            (date(2021, 7, 1), Some("overdue 1 m")),   // the day after
            (date(2021, 9, 19), Some("overdue 81 m")), // still there, counting
            (date(2021, 1, 1), None),                  // long before
        ];
        for (today, want) in cases {
            let got = said(&s, today, None);
            let want: Vec<(NaiveDate, String)> = want
                .map(|w| (date(2021, 6, 30), w.to_string()))
                .into_iter()
                .collect();
            assert_eq!(got, want, "on {today}");
        }
    }

    #[test]
    fn phase_warn_beats_document_warn_beats_default_and_the_flag_beats_all() {
        let mut own = milestone("own", date(2021, 7, 15), 1);
        own.warn = Some(Days(14));
        let plain = milestone("plain", date(2021, 7, 15), 2);
        let mut s = schedule(vec![own, plain]);
        let today = date(2021, 7, 1); // 14 days before

        assert_eq!(
            said(&s, today, None),
            vec![(date(2021, 7, 15), "due 14 own".to_string())]
        );
        s.settings.warn = Some(Days(30));
        assert_eq!(
            said(&s, today, None),
            vec![
                (date(2021, 7, 15), "due 14 own".to_string()),
                (date(2021, 7, 15), "due 14 plain".to_string()),
            ]
        );
        // --warn overrides the phase's and the document's warn, both ways.
        assert!(said(&s, today, Some(Days(13))).is_empty());
        assert_eq!(said(&s, today, Some(Days(14))).len(), 2);
        assert!(said(&s, date(2021, 7, 14), Some(Days(0))).is_empty());
        assert_eq!(said(&s, date(2021, 7, 15), Some(Days(0))).len(), 2);
    }

    #[test]
    fn windows_remind_of_their_start_and_end() {
        let s = schedule(vec![
            window("w", date(2021, 6, 14), date(2021, 6, 30), 1),
            Phase::new(
                "until",
                Kind::Window {
                    start: None,
                    end: date(2021, 3, 31).into(),
                },
                2,
            ),
        ]);
        let cases: [(NaiveDate, &[&str]); 6] = [
            (date(2021, 6, 6), &[]),
            (date(2021, 6, 7), &["start 7 w"]),
            (date(2021, 6, 14), &["start 0 w"]),
            (date(2021, 6, 22), &[]), // mid-window, end 8 days away
            (date(2021, 6, 23), &["end 7 w"]),
            (date(2021, 3, 24), &["end 7 until"]), // an `until` window has no start event
        ];
        for (today, want) in cases {
            let got: Vec<String> = said(&s, today, None).into_iter().map(|x| x.1).collect();
            assert_eq!(got, want, "on {today}");
        }
    }

    #[test]
    fn done_milestones_are_silent_from_their_done_date_on() {
        let s = schedule(vec![Phase::new(
            "m",
            Kind::Milestone {
                due: date(2021, 6, 30).into(),
                done: Some(date(2021, 7, 2)),
            },
            1,
        )]);
        assert_eq!(said(&s, date(2021, 7, 1), None).len(), 1); // overdue, not yet done
        assert!(said(&s, date(2021, 7, 2), None).is_empty());
        assert_eq!(said(&s, date(2021, 6, 28), None).len(), 1); // due in 2 days
        let early = schedule(vec![Phase::new(
            "m",
            Kind::Milestone {
                due: date(2021, 6, 30).into(),
                done: Some(date(2021, 6, 25)),
            },
            1,
        )]);
        assert!(said(&early, date(2021, 6, 26), None).is_empty());
    }

    #[test]
    fn across_the_year_end() {
        let s = schedule(vec![
            milestone("new year", date(2022, 1, 3), 1),
            window("holidays", date(2021, 12, 24), date(2022, 1, 2), 2),
        ]);
        let got = said(&s, date(2021, 12, 27), None);
        assert_eq!(
            got,
            vec![
                (date(2022, 1, 2), "end 6 holidays".to_string()),
                (date(2022, 1, 3), "due 7 new year".to_string()),
            ]
        );
        assert_eq!(
            said(&s, date(2022, 1, 4), None),
            vec![(date(2022, 1, 3), "overdue 1 new year".to_string())]
        );
        // A leap year's Feb 29 counts as a day.
        let leap = schedule(vec![milestone("m", date(2024, 3, 1), 1)]);
        assert!(said(&leap, date(2024, 2, 22), None).is_empty());
        assert_eq!(said(&leap, date(2024, 2, 23), None).len(), 1);
    }

    #[test]
    fn sorted_oldest_first_then_file_order() {
        let s = schedule(vec![
            milestone("late b", date(2021, 6, 30), 1),
            milestone("late a", date(2021, 3, 31), 2),
            window("one day", date(2021, 7, 2), date(2021, 7, 2), 3),
            milestone("soon", date(2021, 7, 2), 4),
        ]);
        let got: Vec<String> = said(&s, date(2021, 7, 1), None)
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(
            got,
            [
                "overdue 92 late a",
                "overdue 1 late b",
                "start 1 one day",
                "end 1 one day",
                "due 1 soon"
            ]
        );
    }

    #[test]
    fn seed_schedule_on_quiet_and_busy_days() {
        let s =
            crate::schedule::portfolio::from_file(std::path::Path::new("schedule.toml")).unwrap();
        assert!(said(&s, date(2021, 1, 15), None).is_empty());
        assert!(said(&s, date(2021, 3, 23), None).is_empty());
        let got: Vec<String> = said(&s, date(2021, 6, 25), None)
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(
            got,
            [
                "overdue 86 2021 Q1 revision published",
                "end 5 2021 Q2 revision process begins",
                "due 5 2021 Q2 revision published"
            ]
        );
    }
}
