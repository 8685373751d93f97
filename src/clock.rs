//! The one place that reads the clock.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// Today's calendar date in `zone`.
pub fn today_in(zone: Tz) -> NaiveDate {
    Utc::now().with_timezone(&zone).date_naive()
}

/// The current instant, for the stamp an exported file carries.
pub fn now_utc() -> DateTime<Utc> {
    Utc::now()
}
