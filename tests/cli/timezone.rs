//! Today in the system's zone: `TZ` is read in every form the C library reads, and a `TZ` that
//! names no zone is an error naming it, never a quiet UTC.

use std::process::Command;

use crate::common::{bin, fails, ok};

/// A schedule that names no zone, so the system's is used.
const SCHEDULE: &str = "[[phase]]\nname = \"Ship\"\ndue = 2030-01-01\n";

/// `status --format json` under `TZ=tz`: the run's `today` and `timezone`.
fn today_under(tz: &str, extra: &[&str]) -> std::process::Output {
    bin()
        .env("TZ", tz)
        .args(["-f", "-", "status", "--format", "json"])
        .args(extra)
        .stdin(SCHEDULE)
        .output()
        .unwrap()
}

fn field(json: &str, key: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v[key].as_str().unwrap().to_string()
}

/// What the C library says today is under `TZ=tz` (`date`, from coreutils).
fn libc_today(tz: &str) -> String {
    let out = Command::new("date")
        .env_clear()
        .env("TZ", tz)
        .arg("+%F")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

#[test]
fn every_form_the_c_library_reads_gives_its_today() {
    let kiritimati = "/usr/share/zoneinfo/Pacific/Kiritimati";
    let mut cases = vec![
        ("Pacific/Kiritimati", "Pacific/Kiritimati"),
        (":Pacific/Kiritimati", "Pacific/Kiritimati"),
        ("<+14>-14", "<+14>-14"),
        ("<-12>12", "<-12>12"),
        ("EST5EDT,M3.2.0,M11.1.0", "EST5EDT,M3.2.0,M11.1.0"),
        ("UTC0", "UTC0"),
        ("", "UTC"),
    ];
    if std::path::Path::new(kiritimati).exists() {
        cases.push((kiritimati, "Pacific/Kiritimati"));
        cases.push((
            ":/usr/share/zoneinfo/Pacific/Kiritimati",
            "Pacific/Kiritimati",
        ));
    }
    for (tz, name) in cases {
        // Asked before and after, so a run across midnight still has its day.
        let before = libc_today(tz);
        let json = ok(&today_under(tz, &[]));
        let after = libc_today(tz);
        let today = field(&json, "today");
        assert!(
            today == before || today == after,
            "TZ={tz}: {today}, date says {before}"
        );
        assert_eq!(field(&json, "timezone"), name, "TZ={tz}");
    }
}

#[test]
fn a_tz_that_names_no_zone_is_an_error_naming_it() {
    for tz in ["garbage", "Mars/Base", ":/nonexistent/zone", "<+14"] {
        let err = fails(&today_under(tz, &[]));
        assert!(
            err.starts_with(&format!("error: TZ=`{tz}` is not a time zone")),
            "TZ={tz}: {err}"
        );
    }
    // Even with --today: the reports would name a zone that is not there.
    assert!(fails(&today_under("garbage", &["--today", "2021-06-20"])).contains("TZ="));
    // A schedule that names its own zone never reads TZ.
    let out = bin()
        .env("TZ", "garbage")
        .args(["-f", "-", "status", "--format", "json"])
        .stdin(format!(
            "[document]\ntimezone = \"Asia/Tokyo\"\n\n{SCHEDULE}"
        ))
        .output()
        .unwrap();
    assert_eq!(field(&ok(&out), "timezone"), "Asia/Tokyo");
}
