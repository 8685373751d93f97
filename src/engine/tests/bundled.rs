//! The bundled schedule's cadence through the engine: 2021 stays as the seed gives it, and
//! generated cycles report exactly like written ones, every day. (The same schedules through the
//! built binary are in the cadence tests of the command line.)

use serde_json::{Value, json};

use crate::dates::{Days, date};
use crate::engine::evaluate::{Report, State, evaluate, states};
use crate::error::Source;
use crate::schedule::model::Schedule;
use crate::schedule::phase::Phase;

const WRITTEN: &str = "tests/fixtures/cadence/written_2021.toml";
const GENERATED: &str = "tests/fixtures/cadence/cadence_2021.toml";

fn bundled() -> Schedule {
    super::load("schedule.toml")
}

/// The bundled schedule without its cadence: the seed's eight rows.
fn seed_rows() -> Schedule {
    let text = std::fs::read_to_string(super::repo_file("schedule.toml")).unwrap();
    let cut = text
        .find("[[cadence]]")
        .expect("the bundled schedule has a cadence");
    let rows =
        crate::schedule::load::parse(&Source::new(std::path::Path::new("s.toml"), &text[..cut]))
            .unwrap();
    assert_eq!(rows.phases.len(), 8);
    rows
}

/// A report as the reader sees it: names, dates and counts, not where phases came from.
fn seen(r: &Report) -> Value {
    json!({
        "current": r.current.iter().map(|c| json!([c.phase.name, c.start, c.end.date(), c.day, c.length, c.days_left])).collect::<Vec<_>>(),
        "upcoming": r.upcoming.iter().map(|u| json!([u.phase.name, u.event.as_str(), u.date, u.days_until])).collect::<Vec<_>>(),
        "beyond": r.beyond_horizon,
        "overdue": r.overdue.iter().map(|o| json!([o.phase.name, o.due, o.days_overdue])).collect::<Vec<_>>(),
    })
}

#[test]
fn the_bundled_cadence_leaves_2021_as_the_seed_gives_it() {
    let (with, without) = (bundled(), seed_rows());
    assert_eq!(with.phases, without.phases, "the seed's rows are untouched");
    assert!(
        with.generated(date(2000, 1, 1), date(2021, 12, 31))
            .is_empty(),
        "no 2021 cycles"
    );
    for day in date(2021, 1, 1)
        .iter_days()
        .take_while(|x| *x <= date(2021, 12, 31))
    {
        let (a, b) = (
            evaluate(&with, day, Days(30)),
            evaluate(&without, day, Days(30)),
        );
        if day <= date(2021, 12, 10) {
            assert_eq!(seen(&a), seen(&b), "{day}");
        } else {
            // After the seed's last date the seed alone has nothing to come; now the first
            // generated cycle is next.
            assert!(b.upcoming.is_empty());
            assert_eq!(
                (seen(&a)["current"].clone(), seen(&a)["overdue"].clone()),
                (seen(&b)["current"].clone(), seen(&b)["overdue"].clone())
            );
            assert_eq!(a.upcoming.len(), 1);
            assert_eq!(
                (a.upcoming[0].phase.name.as_str(), a.upcoming[0].date),
                ("2022 Q1 revision process begins", date(2022, 3, 14))
            );
        }
    }
}

#[test]
fn generated_cycles_report_exactly_like_written_ones_every_day() {
    let w = super::load(WRITTEN);
    let g = super::load(GENERATED);
    let project = |rows: Vec<(Phase, State)>| -> Vec<Value> {
        rows.into_iter()
            .map(|(p, s)| {
                json!([
                    p.name,
                    format!("{:?}", p.kind),
                    s.as_str(),
                    p.note(),
                    p.url()
                ])
            })
            .collect()
    };
    for day in date(2021, 1, 1)
        .iter_days()
        .take_while(|x| *x <= date(2022, 1, 31))
    {
        for horizon in [Days(0), Days(14), Days(30)] {
            assert_eq!(
                seen(&evaluate(&w, day, horizon)),
                seen(&evaluate(&g, day, horizon)),
                "{day} {horizon}"
            );
        }
        let (a, b) = (date(2021, 1, 1), date(2021, 12, 31));
        assert_eq!(
            project(states(&w, day, a, b)),
            project(states(&g, day, a, b)),
            "{day}"
        );
    }
}
