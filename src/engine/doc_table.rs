//! Which phases the document's table shows: those whose dates touch a span of days, by default
//! the calendar year of today. Pure: `today` is an argument.
//!
//! A window touches the span when it overlaps it; a window with no start (`until`) when its last
//! day is on or after the span's first; a milestone when its due date is inside. Written phases
//! outside the span are left out, so a schedule that runs for years still gives one year's table.

use chrono::NaiveDate;

use crate::engine::evaluate::{self, State};
use crate::engine::span::Span;
use crate::schedule::model::Schedule;
use crate::schedule::phase::Phase;

/// The table's rows in file order (generated cycles in their rule's place), with their state on
/// `today`.
pub(crate) fn rows(schedule: &Schedule, today: NaiveDate, span: Span) -> Vec<(Phase, State)> {
    evaluate::states(schedule, today, span.from, span.to)
        .into_iter()
        .filter(|(p, _)| span.touches(p))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    #[test]
    fn seed_year_has_its_eight_rows_with_drafting_current() {
        let s =
            crate::schedule::portfolio::from_file(std::path::Path::new("schedule.toml")).unwrap();
        let today = date(2021, 1, 15);
        let got = rows(&s, today, Span::calendar_year(today, None, None).unwrap());
        assert_eq!(got.len(), 8);
        assert_eq!(got[0].0.name, "Drafting initial stories and proposals");
        let current: Vec<&str> = got
            .iter()
            .filter(|(_, st)| *st == State::Current)
            .map(|(p, _)| p.name.as_str())
            .collect();
        assert_eq!(current, ["Drafting initial stories and proposals"]);
        // 2022 holds only the cycles of the quarterly cadence, none of the 2021 rows.
        let next_year = date(2022, 1, 15);
        let got = rows(
            &s,
            next_year,
            Span::calendar_year(next_year, None, None).unwrap(),
        );
        let names: Vec<&str> = got.iter().map(|(p, _)| p.name.as_str()).collect();
        assert_eq!(names.len(), 8);
        assert_eq!(names[0], "2022 Q1 revision process begins");
        assert_eq!(names[7], "2022 Q4 revision published");
    }
}
