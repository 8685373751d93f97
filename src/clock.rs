//! The one place that reads the clock.

use chrono::{NaiveDate, Utc};
use chrono_tz::Tz;

/// Today's calendar date in `zone`.
pub fn today_in(zone: Tz) -> NaiveDate {
    Utc::now().with_timezone(&zone).date_naive()
}
