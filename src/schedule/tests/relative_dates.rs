//! Dates written relative to another phase, loaded from whole schedule files: a resolved
//! reference is its anchor's date plus the offset, computed here independently with chrono's own
//! month and day arithmetic (`checked_add_months`, `checked_sub_months`, `checked_add_signed`),
//! whatever kind the anchor is, whichever is written first, and through a chain of two.

use std::path::Path;

use chrono::{Months, NaiveDate, TimeDelta};
use proptest::prelude::*;

use crate::dates::{FIRST_DAY, LAST_DAY, add_days};
use crate::error::{Result, Source};
use crate::schedule::model::Schedule;
use crate::schedule::phase::Kind;

fn load(text: &str) -> Result<Schedule> {
    crate::schedule::load::parse(&Source::new(Path::new("rel.toml"), text))
}

/// `anchor` moved by `n` units ('d', 'w' or 'm'), by chrono; `None` outside 0001..9999.
fn expected(anchor: NaiveDate, n: i64, unit: char) -> Option<NaiveDate> {
    let d = match unit {
        'm' if n >= 0 => anchor.checked_add_months(Months::new(u32::try_from(n).ok()?)),
        'm' => anchor.checked_sub_months(Months::new(u32::try_from(-n).ok()?)),
        'w' => anchor.checked_add_signed(TimeDelta::try_weeks(n)?),
        _ => anchor.checked_add_signed(TimeDelta::try_days(n)?),
    }?;
    (FIRST_DAY..=LAST_DAY).contains(&d).then_some(d)
}

/// `+ 3d`, `- 2m`, or nothing for a zero offset in days.
fn offset(n: i64, unit: char) -> String {
    match (n, unit) {
        (0, 'd') => String::new(),
        (n, u) if n < 0 => format!(" - {}{u}", -n),
        (n, u) => format!(" + {n}{u}"),
    }
}

/// An anchor of each kind, on `day` (a window from `day` to `day + len`, or from `day - len` to
/// `day`), with the text that names its date.
fn anchor(kind: u8, day: NaiveDate, len: i64) -> Option<(String, String)> {
    let within = |d: NaiveDate| (FIRST_DAY..=LAST_DAY).contains(&d).then_some(d);
    let table = match kind {
        0 => format!("on = {day}"),
        1 => format!("due = {day}"),
        2 => format!("start = {day}\nend = {}", within(add_days(day, len))?),
        _ => format!("start = {}\nend = {day}", within(add_days(day, -len))?),
    };
    let name = match kind {
        0 | 1 => "Anchor",
        2 => "start of Anchor",
        _ => "end of Anchor",
    };
    let text = format!("[[phase]]\nname = \"Anchor\"\n{table}\n");
    Some((text, name.to_string()))
}

/// The date of the phase named `name`.
fn date_of(s: &Schedule, name: &str) -> NaiveDate {
    let p = s.phases.iter().find(|p| p.name == name).unwrap();
    match p.kind {
        Kind::KeyDate { on: d } | Kind::Milestone { due: d, .. } | Kind::Window { end: d, .. } => {
            d.date().unwrap()
        }
    }
}

fn units() -> impl Strategy<Value = (i64, char)> {
    prop_oneof![
        (-36_525i64..=36_525).prop_map(|n| (n, 'd')),
        (-5_217i64..=5_217).prop_map(|n| (n, 'w')),
        (-1_200i64..=1_200).prop_map(|n| (n, 'm')),
        // Near the edges of months and of the calendar, small offsets matter most.
        (-40i64..=40).prop_map(|n| (n, 'd')),
        (-13i64..=13).prop_map(|n| (n, 'm')),
    ]
}

/// A day anywhere in 0001..9999, often a month's last day or Feb 29.
fn days() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        (0i64..3_652_059).prop_map(|n| add_days(FIRST_DAY, n)),
        (1i32..=9999, 1u32..=12).prop_map(|(y, m)| {
            crate::dates::month_last(i64::from(y) * 12 + i64::from(m) - 1).unwrap()
        }),
        (0i32..2_500).prop_map(|k| NaiveDate::from_ymd_opt(k * 4, 2, 29).unwrap_or(FIRST_DAY)),
        Just(FIRST_DAY),
        Just(LAST_DAY),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_reference_is_its_anchors_date_plus_the_offset(
        day in days(),
        kind in 0u8..4,
        len in 0i64..400,
        (n, unit) in units(),
        first in any::<bool>(),
    ) {
        let Some((anchor_text, anchor_name)) = anchor(kind, day, len) else {
            return Ok(());
        };
        let reference = format!(
            "[[phase]]\nname = \"Ref\"\non = \"{anchor_name}{}\"\n",
            offset(n, unit)
        );
        let text = if first {
            format!("{reference}\n{anchor_text}")
        } else {
            format!("{anchor_text}\n{reference}")
        };
        match (expected(day, n, unit), load(&text)) {
            (Some(want), Ok(s)) => {
                prop_assert_eq!(date_of(&s, "Ref"), want, "{}", text);
                let p = s.phases.iter().find(|p| p.name == "Ref").unwrap();
                prop_assert_eq!(p.from().len(), 1);
                let explained = crate::engine::evaluate::derivations(&s, p);
                prop_assert_eq!(&explained[0].chain, &vec![format!("{anchor_name} is {day}")]);
            }
            (None, Err(e)) => {
                let m = e.to_string();
                prop_assert!(m.contains("a schedule can name"), "{}", m);
                prop_assert!(m.contains("rel.toml:"), "{}", m);
            }
            (want, got) => {
                prop_assert!(false, "{text}: wanted {want:?}, got {:?}", got.map(|s| date_of(&s, "Ref")));
            }
        }
    }

    #[test]
    fn a_chain_adds_each_offset_in_turn(
        day in days(),
        (n1, u1) in units(),
        (n2, u2) in units(),
    ) {
        let text = format!(
            "[[phase]]\nname = \"Last\"\non = \"Middle{}\"\n\n\
             [[phase]]\nname = \"Middle\"\ndue = \"First{}\"\n\n\
             [[phase]]\nname = \"First\"\non = {day}\n",
            offset(n2, u2),
            offset(n1, u1),
        );
        let want = expected(day, n1, u1).and_then(|m| expected(m, n2, u2));
        match (want, load(&text)) {
            (Some(want), Ok(s)) => {
                prop_assert_eq!(date_of(&s, "Last"), want, "{}", text);
                let middle = date_of(&s, "Middle");
                let last = s.phases.iter().find(|p| p.name == "Last").unwrap();
                prop_assert_eq!(
                    &crate::engine::evaluate::derivations(&s, last)[0].chain,
                    &vec![format!("Middle is {middle}"), format!("First is {day}")]
                );
            }
            (None, Err(_)) => {}
            (want, got) => {
                prop_assert!(false, "{text}: wanted {want:?}, got {:?}", got.map(|s| date_of(&s, "Last")));
            }
        }
    }
}

#[test]
fn the_month_end_and_leap_day_cases_by_hand() {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    let cases = [
        (d(2024, 1, 31), 1, 'm', d(2024, 2, 29)),
        (d(2023, 1, 31), 1, 'm', d(2023, 2, 28)),
        (d(2024, 2, 29), 12, 'm', d(2025, 2, 28)),
        (d(2024, 2, 29), 48, 'm', d(2028, 2, 29)),
        (d(2024, 3, 31), -1, 'm', d(2024, 2, 29)),
        (d(2024, 3, 1), -1, 'd', d(2024, 2, 29)),
        (d(2023, 3, 1), -1, 'd', d(2023, 2, 28)),
        (d(2024, 3, 6), -9, 'd', d(2024, 2, 26)),
        (d(2024, 4, 17), -6, 'w', d(2024, 3, 6)),
        (d(2024, 12, 31), 1, 'd', d(2025, 1, 1)),
        (d(2024, 12, 25), 1, 'w', d(2025, 1, 1)),
    ];
    for (anchor, n, unit, want) in cases {
        assert_eq!(
            expected(anchor, n, unit),
            Some(want),
            "{anchor}{}",
            offset(n, unit)
        );
        let text = format!(
            "[[phase]]\nname = \"Ref\"\non = \"Anchor{}\"\n[[phase]]\nname = \"Anchor\"\non = {anchor}\n",
            offset(n, unit)
        );
        assert_eq!(date_of(&load(&text).unwrap(), "Ref"), want, "{text}");
    }
}
