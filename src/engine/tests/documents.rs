//! Several documents evaluated together: rows tagged with their document, upcoming events
//! merged by date then document, the horizon shared, and one document alone unchanged.

use super::parse;
use crate::dates::{Days, date};
use crate::engine::evaluate::{evaluate, evaluate_all};
use crate::engine::overdue::Part;
use crate::schedule::phase::EventKind;

const VISION: &str = "[[phase]]\nname = \"Drafting\"\nstart = 2026-11-20\nend = 2026-12-10\n\n\
    [[phase]]\nname = \"Published\"\ndue = 2026-12-11\n\n\
    [[phase]]\nname = \"Q3 published\"\ndue = 2026-09-30\n";
const POLICY: &str = "[[phase]]\nname = \"Review\"\nstart = 2026-12-03\nend = 2026-12-17\n\n\
    [[phase]]\nname = \"Published\"\ndue = 2026-12-11\n\n\
    [[phase]]\nname = \"2025 review\"\ndue = 2025-12-31\n";
const LATER: &str = "[[phase]]\nname = \"Far\"\ndue = 2027-06-01\n";

#[test]
fn rows_carry_their_document_and_merge_by_date_then_document() {
    let (a, b) = (parse(VISION), parse(POLICY));
    let today = date(2026, 12, 1);
    let parts = [
        Part {
            schedule: &a,
            today,
        },
        Part {
            schedule: &b,
            today,
        },
    ];
    let r = evaluate_all(&parts, Days(30));
    let current: Vec<(usize, &str)> = r
        .current
        .iter()
        .map(|c| (c.doc, c.phase.name.as_str()))
        .collect();
    assert_eq!(current, [(0, "Drafting")]);
    let upcoming: Vec<(usize, &str, EventKind)> = r
        .upcoming
        .iter()
        .map(|u| (u.doc, u.phase.name.as_str(), u.event))
        .collect();
    assert_eq!(
        upcoming,
        [
            (1, "Review", EventKind::Start),
            (0, "Drafting", EventKind::End),
            (0, "Published", EventKind::Due),
            (1, "Published", EventKind::Due),
            (1, "Review", EventKind::End),
        ]
    );
    // The same name in two documents is two milestones.
    let overdue: Vec<(usize, String)> = r.overdue.iter().map(|o| (o.doc, o.phase.name)).collect();
    assert_eq!(
        overdue,
        [
            (1, "2025 review".to_string()),
            (0, "Q3 published".to_string())
        ]
    );
    assert_eq!(r.overdue.count_by_document(), [1, 1]);
}

#[test]
fn the_horizon_is_shared_and_later_events_only_when_no_document_has_any() {
    let (a, far) = (parse(VISION), parse(LATER));
    let today = date(2026, 12, 1);
    let parts = [
        Part {
            schedule: &far,
            today,
        },
        Part {
            schedule: &a,
            today,
        },
    ];
    let r = evaluate_all(&parts, Days(30));
    assert!(!r.beyond_horizon);
    assert!(r.upcoming.iter().all(|u| u.doc == 1), "{:?}", r.upcoming);
    let after = date(2026, 12, 20);
    let parts = [
        Part {
            schedule: &far,
            today: after,
        },
        Part {
            schedule: &a,
            today: after,
        },
    ];
    let r = evaluate_all(&parts, Days(30));
    assert!(r.beyond_horizon);
    assert_eq!(r.upcoming.len(), 1);
    assert_eq!(
        (r.upcoming[0].doc, r.upcoming[0].date),
        (0, date(2027, 6, 1))
    );
}

#[test]
fn one_document_alone_is_what_evaluate_gives() {
    let a = parse(VISION);
    for today in [date(2026, 11, 19), date(2026, 12, 1), date(2026, 12, 12)] {
        let parts = [Part {
            schedule: &a,
            today,
        }];
        let all = evaluate_all(&parts, Days(30));
        let one = evaluate(&a, today, Days(30));
        assert_eq!(all.current, one.current);
        assert_eq!(all.upcoming, one.upcoming);
        assert_eq!(all.beyond_horizon, one.beyond_horizon);
        assert_eq!(
            all.overdue.iter().collect::<Vec<_>>(),
            one.overdue.iter().collect::<Vec<_>>()
        );
    }
}

/// Many documents' overdue milestones come merged oldest first, then in document order, then
/// in file order: the same as every document's list sorted together.
#[test]
fn overdue_of_many_documents_merge_in_order() {
    let today = date(2026, 12, 1);
    // Documents with due dates that repeat across and within them, and one with none.
    let texts: Vec<String> = (0..40)
        .map(|d: usize| {
            (0..=(d % 4))
                .map(|i| {
                    let due =
                        crate::dates::add_days(date(2026, 1, 1), ((d * 7 + i * 13) % 30) as i64);
                    format!("[[phase]]\nname = \"m{i}\"\ndue = {due}\n\n")
                })
                .collect()
        })
        .collect();
    let schedules: Vec<_> = texts.iter().map(|t| parse(t)).collect();
    let parts: Vec<Part> = schedules
        .iter()
        .map(|schedule| Part { schedule, today })
        .collect();
    let merged: Vec<(usize, String)> = crate::engine::overdue::Overdues::many(&parts)
        .iter()
        .map(|o| (o.doc, o.phase.name))
        .collect();
    let mut sorted: Vec<(chrono::NaiveDate, usize, usize, String)> = Vec::new();
    for (doc, part) in parts.iter().enumerate() {
        for (line, o) in crate::engine::overdue::Overdues::new(part.schedule, today)
            .iter()
            .enumerate()
        {
            sorted.push((o.due, doc, line, o.phase.name));
        }
    }
    sorted.sort();
    let want: Vec<(usize, String)> = sorted.into_iter().map(|(_, d, _, n)| (d, n)).collect();
    assert_eq!(merged, want);
    assert_eq!(merged.len(), 100);
}
