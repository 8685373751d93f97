//! Overdue milestones counted, listed and sampled, against the plain reading: every phase
//! generated from the first day on, filtered by hand. Cadences with skipped, done, replaced and
//! moved cycles, and written phases beside them.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::parse;
use crate::dates::{FIRST_DAY, add_days, date};
use crate::engine::overdue::{Overdues, Part};
use crate::schedule::phase::{Kind, Phase};

fn by_hand(s: &crate::schedule::model::Schedule, today: NaiveDate) -> Vec<(NaiveDate, String)> {
    let mut all: Vec<Phase> = s.phases_between(FIRST_DAY, add_days(today, 400));
    all.retain(|p| {
        matches!(p.kind, Kind::Milestone { due, .. } if due < today) && !p.is_done_by(today)
    });
    all.sort_by_key(|p| (p.first_day(), p.order()));
    all.into_iter()
        .map(|p| (p.first_day().unwrap(), p.name))
        .collect()
}

fn cadence(every: &str, from: NaiveDate, extra: &str) -> String {
    format!(
        "[[cadence]]\nevery = \"{every}\"\nfrom = {from}\n{extra}\n\
         [[cadence.phase]]\nname = \"w {{n}}\"\nstart = \"first day\"\nend = \"last day\"\n\n\
         [[cadence.phase]]\nname = \"m {{n}}\"\ndue = \"last day\"\n\n\
         [[cadence.phase]]\nname = \"k {{n}}\"\non = \"first day\"\n"
    )
}

#[test]
fn moved_done_skipped_and_replaced_cycles() {
    let text = format!(
        "{}\n[[phase]]\nname = \"m 4\"\ndue = 2030-01-01\n\n[[phase]]\nname = \"written\"\ndue = 2022-02-15\n",
        cadence(
            "month",
            date(2022, 1, 1),
            "skip = [\"m 2\"]\ndone.\"m 3\" = 2022-03-31\ndue.\"m 5\" = 2023-01-01\ndue.\"m 6\" = 2022-01-02\n"
        )
    );
    let s = parse(&text);
    let today = date(2022, 7, 15);
    let want = by_hand(&s, today);
    let names: Vec<&str> = want.iter().map(|w| w.1.as_str()).collect();
    // m 1 (Jan 31), m 6 moved to Jan 2, the written one; not m 2 (skipped), m 3 (done), m 4
    // (replaced by a written phase due in 2030), m 5 (moved to 2023).
    assert_eq!(names, ["m 6", "m 1", "written"]);
    let list = Overdues::new(&s, today);
    assert_eq!(list.count(), 3);
    let listed: Vec<String> = list.iter().map(|o| o.phase.name).collect();
    assert_eq!(listed, names);
    let recent: Vec<String> = list.recent(2).into_iter().map(|o| o.phase.name).collect();
    assert_eq!(recent, ["m 1", "written"]);
    // Key dates are never overdue.
    assert!(listed.iter().all(|n| !n.starts_with('k')));
}

#[test]
fn a_date_moved_before_today_counts_in_a_cycle_not_started() {
    // The first cycle starts on or after today, and its milestone was moved before it.
    for (from, today, want) in [
        (date(2020, 1, 1), date(2020, 1, 1), 1),
        (date(2020, 1, 2), date(2020, 1, 1), 1),
        // Due today is not overdue.
        (date(2019, 12, 31), date(2019, 12, 30), 0),
    ] {
        let s = parse(&cadence("2 weeks", from, "due.\"m 1\" = 2019-12-30\n"));
        let list = Overdues::new(&s, today);
        assert_eq!(list.count(), want, "from {from}, today {today}");
        assert_eq!(
            list.iter().count() as u64,
            want,
            "from {from}, today {today}"
        );
        assert_eq!(
            by_hand(&s, today).len() as u64,
            want,
            "from {from}, today {today}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn counting_listing_and_sampling_agree_with_the_plain_reading(
        every in prop_oneof![Just("month"), Just("quarter"), Just("2 weeks"), Just("10 days")],
        from in (0i64..2000).prop_map(|d| add_days(date(2020, 1, 1), d)),
        skipped in proptest::collection::vec(1i64..30, 0..3),
        done in proptest::collection::vec((1i64..30, -20i64..60), 0..3),
        moved in proptest::collection::vec((1i64..30, -200i64..200), 0..3),
        later in 0i64..900,
        n in 1usize..6,
    ) {
        let mut extra = String::new();
        let names = |v: &[i64]| v.iter().map(|k| format!("\"m {k}\"")).collect::<Vec<_>>().join(", ");
        if !skipped.is_empty() {
            extra.push_str(&format!("skip = [{}]\n", names(&skipped)));
        }
        let mut seen = std::collections::BTreeSet::new();
        for (k, d) in &done {
            if !skipped.contains(k) && seen.insert(*k) {
                extra.push_str(&format!("done.\"m {k}\" = {}\n", add_days(from, *d + 30 * *k)));
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for (k, d) in &moved {
            if !skipped.contains(k) && seen.insert(*k) {
                extra.push_str(&format!("due.\"m {k}\" = {}\n", add_days(from, *d + 30 * *k)));
            }
        }
        let s = parse(&cadence(every, from, &extra));
        let today = add_days(from, later);
        let want = by_hand(&s, today);
        let list = Overdues::new(&s, today);
        prop_assert_eq!(list.count(), want.len() as u64);
        let listed: Vec<(NaiveDate, String)> = list.iter().map(|o| (o.due, o.phase.name)).collect();
        prop_assert_eq!(&listed, &want);
        let recent: Vec<(NaiveDate, String)> = list.recent(n).into_iter().map(|o| (o.due, o.phase.name)).collect();
        prop_assert_eq!(&recent[..], &want[want.len().saturating_sub(n)..]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]
    /// Several documents, each on its own today: one list oldest first, then by document, whose
    /// count is the sum and whose recent ones are its tail.
    #[test]
    fn several_documents_merge_by_date_then_document(
        docs in proptest::collection::vec(
            (
                prop_oneof![Just("month"), Just("quarter"), Just("2 weeks")],
                (0i64..800).prop_map(|d| add_days(date(2020, 1, 1), d)),
                0i64..2,
            ),
            1..5,
        ),
        later in 0i64..600,
        n in 1usize..8,
    ) {
        let schedules: Vec<_> = docs
            .iter()
            .map(|(every, from, _)| parse(&cadence(every, *from, "")))
            .collect();
        let today = add_days(date(2021, 6, 1), later);
        // Documents in zones a day apart.
        let parts: Vec<Part> = schedules
            .iter()
            .zip(&docs)
            .map(|(s, (_, _, ahead))| Part { schedule: s, today: add_days(today, *ahead) })
            .collect();
        let mut want: Vec<(NaiveDate, usize, String)> = Vec::new();
        for (doc, p) in parts.iter().enumerate() {
            want.extend(by_hand(p.schedule, p.today).into_iter().map(|(d, n)| (d, doc, n)));
        }
        want.sort_by_key(|a| (a.0, a.1));
        let list = Overdues::many(&parts);
        prop_assert_eq!(list.count(), want.len() as u64);
        let listed: Vec<(NaiveDate, usize, String)> =
            list.iter().map(|o| (o.due, o.doc, o.phase.name)).collect();
        prop_assert_eq!(&listed, &want);
        let recent: Vec<(NaiveDate, usize, String)> =
            list.recent(n).into_iter().map(|o| (o.due, o.doc, o.phase.name)).collect();
        prop_assert_eq!(&recent[..], &want[want.len().saturating_sub(n)..]);
        let by_doc = list.count_by_document();
        for (doc, c) in by_doc.iter().enumerate() {
            prop_assert_eq!(*c as usize, want.iter().filter(|w| w.1 == doc).count());
        }
        for o in list.iter() {
            prop_assert_eq!(o.days_overdue, (parts[o.doc].today - o.due).num_days());
        }
    }
}

/// Every count is made from the dates the lists show: with `shift` moving due dates off
/// weekends and holidays, both ways, the count, the list, the most recent and the plain reading
/// agree on every day around the moves.
#[test]
fn counts_see_the_dates_after_a_shift() {
    for shift in [
        "next working day",
        "previous working day",
        "nearest working day",
    ] {
        let text = format!(
            "[document]\nweekend = [\"Saturday\", \"Sunday\"]\nholidays = [2028-03-15]\n\
             shift = \"{shift}\"\n\n\
             [[cadence]]\nevery = \"month\"\nfrom = 2027-11-01\n\n\
             [[cadence.phase]]\nname = \"{{year}}-{{month}} report\"\ndue = \"day 15\"\n"
        );
        let s = parse(&text);
        // 2028-01-15 is a Saturday; 2028-03-15 a holiday; 2027-11-15 a Monday.
        let mut day = date(2027, 11, 10);
        while day <= date(2028, 4, 20) {
            let want = by_hand(&s, day);
            let list = Overdues::new(&s, day);
            let listed: Vec<(NaiveDate, String)> =
                list.iter().map(|o| (o.due, o.phase.name)).collect();
            assert_eq!(listed, want, "{shift} on {day}");
            assert_eq!(list.count(), want.len() as u64, "{shift} on {day}");
            let recent: Vec<(NaiveDate, String)> = list
                .recent(2)
                .into_iter()
                .map(|o| (o.due, o.phase.name))
                .collect();
            assert_eq!(
                recent,
                want[want.len().saturating_sub(2)..],
                "{shift} on {day}"
            );
            day = add_days(day, 1);
        }
    }
}
