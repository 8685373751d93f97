//! Time zones: only ever used to find which calendar date "today" is.

use chrono_tz::Tz;

/// Parses an IANA zone name such as `Europe/Berlin` or `UTC`.
pub fn parse_zone(name: &str) -> Result<Tz, String> {
    name.parse::<Tz>().map_err(|_| {
        format!("unknown time zone `{name}`: use an IANA name such as UTC, Europe/Berlin or America/New_York")
    })
}

/// The system's zone: `TZ` when it names one, else the zone the system is set to, else UTC.
pub fn system_zone() -> Tz {
    std::env::var("TZ")
        .ok()
        .and_then(|tz| tz.trim_start_matches(':').parse().ok())
        .or_else(|| iana_time_zone::get_timezone().ok()?.parse().ok())
        .unwrap_or(Tz::UTC)
}
