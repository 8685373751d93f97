//! Time zones: only ever used to find which calendar date "today" is.
//!
//! The zone database comes from `tzdb` as raw `TZif` bytes and only the one zone asked for is
//! parsed (by `tz-rs`): an embedded database of parsed tables costs tens of thousands of
//! relocations at every start, which is most of a small run's time.

use tz::TimeZone;

/// A named IANA zone.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Zone {
    name: String,
    tz: TimeZone,
}

impl Zone {
    pub(crate) fn utc() -> Zone {
        Zone {
            name: "UTC".into(),
            tz: TimeZone::utc(),
        }
    }

    /// The zone's name as the database spells it.
    pub(crate) fn name(&self) -> &str {
        &self.name
    }

    /// Seconds east of UTC at the given Unix time.
    pub(crate) fn offset_at(&self, unix_time: i64) -> i64 {
        self.tz
            .find_local_time_type(unix_time)
            .map_or(0, |t| i64::from(t.ut_offset()))
    }
}

/// Parses an IANA zone name such as `Europe/Berlin` or `UTC` (letter case as in the database).
pub(crate) fn parse_zone(name: &str) -> Result<Zone, String> {
    lookup(name).ok_or_else(|| {
        format!("unknown time zone `{name}`: use an IANA name such as UTC, Europe/Berlin or America/New_York")
    })
}

fn lookup(name: &str) -> Option<Zone> {
    let canonical = tzdb::TZ_NAMES.iter().find(|n| **n == name)?;
    let tz = TimeZone::from_tz_data(tzdb::raw_tz_by_name(canonical)?).ok()?;
    Some(Zone {
        name: (*canonical).to_string(),
        tz,
    })
}

/// The system's zone: `TZ` when it names one, else the zone the system is set to, else UTC.
pub(crate) fn system_zone() -> Zone {
    std::env::var("TZ")
        .ok()
        .and_then(|tz| lookup(tz.trim_start_matches(':')))
        .or_else(|| lookup(&iana_time_zone::get_timezone().ok()?))
        .unwrap_or_else(Zone::utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_names() {
        for name in [
            "UTC",
            "Europe/Berlin",
            "America/New_York",
            "Pacific/Kiritimati",
            "Etc/UTC",
        ] {
            assert_eq!(parse_zone(name).unwrap().name(), name);
        }
        for bad in ["Mars/Base", "europe/berlin", "", "Europe/", "+02:00"] {
            assert!(parse_zone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn offsets_follow_daylight_saving() {
        let berlin = parse_zone("Europe/Berlin").unwrap();
        // 2021-01-15 and 2021-07-15 at 12:00 UTC.
        assert_eq!(berlin.offset_at(1_610_712_000), 3600);
        assert_eq!(berlin.offset_at(1_626_350_400), 7200);
        assert_eq!(Zone::utc().offset_at(0), 0);
    }
}
