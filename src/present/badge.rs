//! `export badge`: a shields.io endpoint badge, the JSON that
//! `https://img.shields.io/endpoint?url=URL` reads from URL and draws
//! (<https://shields.io/badges/endpoint-badge>): `schemaVersion` 1, a `label` (the left text),
//! a `message` and its `color`.
//!
//! The message says where the schedule stands, worst first: `2 overdue` (red) while any
//! milestone is overdue; else `due today`, `due tomorrow` or `due in 3 days` (yellow) while a
//! milestone that is not done is in its warning period (its `warn`, as for `remind`); else
//! `on schedule` (bright green).

use serde::Serialize;

use crate::present::json::one_line;
use crate::present::words;

/// The left text when `--label` is not given.
pub(crate) const DEFAULT_LABEL: &str = "schedule";

/// Where a schedule stands, as a badge tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Standing {
    /// Milestones overdue, in every document read.
    pub(crate) overdue: u64,
    /// Days until the soonest milestone in its warning period is due (0: today), if any.
    pub(crate) due_in: Option<i64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Endpoint<'a> {
    schema_version: u8,
    label: &'a str,
    message: String,
    color: &'static str,
}

/// The endpoint's JSON, on one line, with a final newline.
pub(crate) fn endpoint(label: &str, standing: Standing) -> String {
    let (message, color) = if standing.overdue > 0 {
        (format!("{} overdue", standing.overdue), "red")
    } else if let Some(days) = standing.due_in {
        (format!("due {}", words::relative(days)), "yellow")
    } else {
        ("on schedule".to_string(), "brightgreen")
    };
    // A badge is one line of text: controls are shown, a line break is a space.
    let label = crate::io::text::visible(label);
    let badge = Endpoint {
        schema_version: 1,
        label: &label,
        message,
        color,
    };
    format!("{}\n", one_line(&badge))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(label: &str, overdue: u64, due_in: Option<i64>) -> serde_json::Value {
        let text = endpoint(label, Standing { overdue, due_in });
        assert!(
            text.ends_with('\n') && !text.trim_end().contains('\n'),
            "{text}"
        );
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn the_worst_news_is_the_message() {
        let cases = [
            (2, Some(0), "2 overdue", "red"),
            (1, None, "1 overdue", "red"),
            (0, Some(0), "due today", "yellow"),
            (0, Some(1), "due tomorrow", "yellow"),
            (0, Some(3), "due in 3 days", "yellow"),
            (0, None, "on schedule", "brightgreen"),
        ];
        for (overdue, due_in, message, color) in cases {
            let v = parsed("schedule", overdue, due_in);
            assert_eq!(
                v,
                serde_json::json!({
                    "schemaVersion": 1,
                    "label": "schedule",
                    "message": message,
                    "color": color,
                })
            );
        }
    }

    #[test]
    fn a_label_is_one_line_of_its_own_text() {
        let v = parsed("a\nb\u{1b}[31m \"q\" ##[error]x", 0, None);
        assert_eq!(v["label"], "a b\\u{1b}[31m \"q\" ##[error]x");
        // The JSON itself never holds `##[`, as every JSON output.
        assert!(
            !endpoint(
                "##[error]x",
                Standing {
                    overdue: 0,
                    due_in: None
                }
            )
            .contains("##[")
        );
        assert_eq!(parsed("", 0, None)["label"], "");
    }
}
