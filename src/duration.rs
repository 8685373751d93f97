//! Spans of whole days written as `14d`, `2w` or `30`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A count of whole days, at most a century, so date arithmetic cannot overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Days(pub u32);

pub const MAX_DAYS: u32 = 36_525;

impl Days {
    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

impl fmt::Display for Days {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 != 0 && self.0.is_multiple_of(7) {
            write!(f, "{}w", self.0 / 7)
        } else {
            write!(f, "{}d", self.0)
        }
    }
}

impl FromStr for Days {
    type Err = String;

    fn from_str(text: &str) -> Result<Days, String> {
        let bad = || format!("`{text}` is not a span of days: write it like 14d, 2w or 30");
        let t = text.trim();
        let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (number, unit) = t.split_at(split);
        if number.is_empty() {
            return Err(bad());
        }
        // All digits, so a failed parse means the number is too large.
        let n: u64 = number.parse().unwrap_or(u64::MAX);
        let per = match unit.trim() {
            "" | "d" | "day" | "days" => 1,
            "w" | "week" | "weeks" => 7,
            _ => return Err(bad()),
        };
        let days = n.checked_mul(per).filter(|&d| d <= u64::from(MAX_DAYS));
        match days {
            Some(d) => Ok(Days(d as u32)),
            None => Err(format!("`{text}` is too long: at most {MAX_DAYS} days")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_days_and_weeks() {
        let cases = [
            ("14d", Some(14)),
            ("2w", Some(14)),
            ("30", Some(30)),
            ("0d", Some(0)),
            ("1 week", Some(7)),
            ("3 days", Some(3)),
            (" 5d ", Some(5)),
            ("36525d", Some(36_525)),
            ("36526d", None),
            ("99999999999999999999d", None),
            ("d", None),
            ("", None),
            ("-3d", None),
            ("2m", None),
            ("1.5w", None),
        ];
        for (text, want) in cases {
            assert_eq!(text.parse::<Days>().ok().map(|d| d.0), want, "{text:?}");
        }
        let err = "99999999999999999999d".parse::<Days>().unwrap_err();
        assert!(err.contains("too long"), "{err}");
    }

    #[test]
    fn displays_weeks_when_whole() {
        assert_eq!(Days(14).to_string(), "2w");
        assert_eq!(Days(10).to_string(), "10d");
        assert_eq!(Days(0).to_string(), "0d");
    }
}
