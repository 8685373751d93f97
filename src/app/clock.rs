//! The one place that reads the clock, and the fixed waits measured on it.

use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike, Utc};

use crate::error::{Error, Result};
use crate::schedule::zone::Zone;

/// Today's calendar date in `zone`.
pub(crate) fn today_in(zone: &Zone) -> NaiveDate {
    day_in(zone, Utc::now())
}

/// The calendar date in `zone` at the instant `at`.
pub(crate) fn day_in(zone: &Zone, at: DateTime<Utc>) -> NaiveDate {
    let local = at + TimeDelta::seconds(zone.offset_at(at.timestamp()));
    local.date_naive()
}

/// The variable of reproducible builds: the build's time, in whole seconds since 1970-01-01 UTC.
pub(crate) const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// The instant `SOURCE_DATE_EPOCH` gives, when it is set and not empty.
pub(crate) fn source_date_epoch() -> Result<Option<DateTime<Utc>>> {
    match std::env::var(SOURCE_DATE_EPOCH) {
        Ok(text) if !text.trim().is_empty() => epoch(&text).map(Some),
        Ok(_) | Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(v)) => epoch(&v.to_string_lossy()).map(Some),
    }
}

/// A `SOURCE_DATE_EPOCH` value: whole seconds since 1970-01-01 UTC, in the years 0001 to 9999.
pub(crate) fn epoch(text: &str) -> Result<DateTime<Utc>> {
    text.trim()
        .parse::<i64>()
        .ok()
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .filter(|t| (1..=9999).contains(&t.year()))
        .ok_or_else(|| {
            Error::new(format!(
                "{SOURCE_DATE_EPOCH} `{text}` is not a time: it must be whole seconds since 1970-01-01 UTC"
            ))
        })
}

/// The time a feed (DTSTAMP) or a man page is stamped with: `SOURCE_DATE_EPOCH`'s when set, so
/// builds are reproducible, else now.
pub(crate) fn stamp() -> Result<NaiveDateTime> {
    Ok(stamp_at(source_date_epoch()?))
}

/// `at`, else now; to the second either way.
fn stamp_at(at: Option<DateTime<Utc>>) -> NaiveDateTime {
    let t = at.unwrap_or_else(now_utc).naive_utc();
    t.with_nanosecond(0).unwrap_or(t)
}

/// The current instant, for the stamp an exported file carries.
pub(crate) fn now_utc() -> DateTime<Utc> {
    Utc::now()
}

/// The internal variable that shortens the program's fixed waits, for its own tests only: a
/// test cannot sit through a 10 s lock wait or timeout. Not a setting for users; CONTRIBUTING.md
/// describes it. Its value is `name=DURATION` pairs split by commas, with durations written as
/// `--wait` takes them (`300ms`, `2s`), like `lock=300ms,post-timeout=500ms,post-backoff=1ms`;
/// a name left out keeps its default, and a pair that is not understood is ignored.
pub(crate) const WAITS_VAR: &str = "VISION_SCHED_TEST_WAITS";

/// How long the program waits on the clock where no option says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Waits {
    /// `lock`: how long a lock held by another program is waited for without `--wait`.
    pub(crate) lock: Duration,
    /// `post-timeout`: how long one try of `remind --post` may take, from connecting to the end
    /// of the answer.
    #[cfg(feature = "post")]
    pub(crate) post_timeout: Duration,
    /// `post-backoff`: the wait before trying a 429 or a 5xx again when the service does not say
    /// how long; doubled at each try.
    #[cfg(feature = "post")]
    pub(crate) post_backoff: Duration,
}

impl Waits {
    pub(crate) const DEFAULT: Waits = Waits {
        lock: Duration::from_secs(10),
        #[cfg(feature = "post")]
        post_timeout: Duration::from_secs(10),
        #[cfg(feature = "post")]
        post_backoff: Duration::from_secs(1),
    };

    /// The defaults, with what the value of [`WAITS_VAR`] sets.
    fn with(text: &str) -> Waits {
        let mut waits = Waits::DEFAULT;
        for pair in text.split(',') {
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let Ok(d) = crate::app::args::parse_wait(value) else {
                continue;
            };
            match name.trim() {
                "lock" => waits.lock = d,
                #[cfg(feature = "post")]
                "post-timeout" => waits.post_timeout = d,
                #[cfg(feature = "post")]
                "post-backoff" => waits.post_backoff = d,
                _ => {}
            }
        }
        waits
    }
}

/// The waits of this run: [`Waits::DEFAULT`] unless [`WAITS_VAR`] is set.
pub(crate) fn waits() -> Waits {
    match std::env::var(WAITS_VAR) {
        Ok(text) => Waits::with(&text),
        Err(_) => Waits::DEFAULT,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn stamp_comes_from_source_date_epoch() {
        let t = super::stamp_at(Some(super::epoch("1624147200").unwrap()));
        assert_eq!(t.to_string(), "2021-06-20 00:00:00");
        for bad in ["soon", "1.5", "99999999999999999999", "253402300800"] {
            assert!(super::epoch(bad).is_err(), "{bad}");
        }
        // Unset or empty: the clock, to the second.
        assert_eq!(super::stamp_at(None).and_utc().timestamp_subsec_nanos(), 0);
    }

    use super::*;

    #[test]
    fn the_waits_are_10_s_for_a_lock_and_a_post_and_1_s_before_a_retry() {
        assert_eq!(Waits::DEFAULT.lock, Duration::from_secs(10));
        #[cfg(feature = "post")]
        {
            assert_eq!(Waits::DEFAULT.post_timeout, Duration::from_secs(10));
            assert_eq!(Waits::DEFAULT.post_backoff, Duration::from_secs(1));
        }
    }

    #[test]
    fn the_test_variable_sets_each_wait_by_name() {
        let ms = Duration::from_millis;
        assert_eq!(Waits::with(""), Waits::DEFAULT);
        assert_eq!(Waits::with("lock=300ms").lock, ms(300));
        let all = Waits::with("lock=1s, post-timeout=200ms,post-backoff=0s");
        assert_eq!(all.lock, ms(1000));
        #[cfg(feature = "post")]
        assert_eq!((all.post_timeout, all.post_backoff), (ms(200), ms(0)));
        // What is not understood leaves the default.
        for odd in ["lock", "lock=soon", "lock=-1s", "wait=1s", "lock:1s"] {
            assert_eq!(Waits::with(odd), Waits::DEFAULT, "{odd}");
        }
    }
}
