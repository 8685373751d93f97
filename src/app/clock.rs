//! The one place that reads the clock.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use crate::schedule::zone::Zone;

/// Today's calendar date in `zone`.
pub(crate) fn today_in(zone: &Zone) -> NaiveDate {
    let now = Utc::now();
    let local = now + TimeDelta::seconds(zone.offset_at(now.timestamp()));
    local.date_naive()
}

/// The current instant, for the stamp an exported file carries.
pub(crate) fn now_utc() -> DateTime<Utc> {
    Utc::now()
}
