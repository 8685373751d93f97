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

/// The system's zone, read as the C library reads it: `TZ` when it is set (an IANA name, the
/// same after a `:`, a path to a zone file with or without a `:`, or a POSIX rule such as
/// `<+14>-14` or `EST5EDT,M3.2.0,M11.1.0`; empty is UTC), else the zone the system is set to,
/// else UTC. A `TZ` that is none of these is an error naming it, never a quiet UTC.
pub(crate) fn system_zone() -> Result<Zone, String> {
    let Some(value) = std::env::var_os("TZ") else {
        return Ok(local());
    };
    let Some(tz) = value.to_str() else {
        return Err(format!(
            "TZ=`{}` is not UTF-8, so it names no time zone",
            value.to_string_lossy()
        ));
    };
    if tz.is_empty() {
        return Ok(Zone::utc());
    }
    let bare = tz.strip_prefix(':').unwrap_or(tz);
    if let Some(zone) = lookup(bare) {
        return Ok(zone);
    }
    match TimeZone::from_posix_tz(tz) {
        Ok(tz) => Ok(Zone {
            name: name_of_file(bare).to_string(),
            tz,
        }),
        Err(_) => Err(format!(
            "TZ=`{tz}` is not a time zone: set it to an IANA name such as Europe/Berlin, a zone              file such as /usr/share/zoneinfo/Europe/Berlin, or a POSIX rule such as <+14>-14;              or unset it to use the system's zone"
        )),
    }
}

/// The zone the system is set to (`/etc/localtime`), else UTC, as the C library does.
fn local() -> Zone {
    if let Some(zone) = iana_time_zone::get_timezone().ok().and_then(|n| lookup(&n)) {
        return zone;
    }
    TimeZone::local().map_or_else(
        |_| Zone::utc(),
        |tz| Zone {
            name: "localtime".into(),
            tz,
        },
    )
}

/// A zone file's name as the database spells it (`Pacific/Kiritimati` for
/// `/usr/share/zoneinfo/Pacific/Kiritimati`), else the text as written.
fn name_of_file(path: &str) -> &str {
    tz::timezone::TimeZoneSettings::DEFAULT_DIRECTORIES
        .iter()
        .find_map(|dir| path.strip_prefix(dir)?.strip_prefix('/'))
        .filter(|name| tzdb::TZ_NAMES.contains(name))
        .unwrap_or(path)
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
