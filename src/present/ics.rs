//! The calendar feed (RFC 5545): every window an all-day event, every milestone a one-day
//! all-day event or, on request, a to-do.
//!
//! What calendar apps need to import it and to keep a subscription in step:
//! - all-day spans as `VALUE=DATE`, with `DTEND` the day after the last day (it is exclusive);
//! - a `UID` derived from the document's name and the phase's name, never random and never from
//!   the calendar's name, so a refreshed subscription updates events instead of duplicating
//!   them, and a document's events keep their UIDs in a feed of several documents, whichever
//!   others are in it (a document whose name an earlier one has already taken adds its file to
//!   the seed, so the two stay apart);
//! - a `DTSTAMP` the caller chooses, so the same input gives the same bytes;
//! - CRLF line endings, lines folded at 75 octets on character boundaries, and text escaped.
//!
//! A window with no start (`until`) has no span to draw: it becomes one all-day event on its
//! last day, and its description says it runs until then.
//!
//! A date to be announced is on no day. A window whose end is to be announced becomes one
//! all-day event on its first day, its description saying it runs from then with its end to be
//! announced; a milestone due "tba" is a to-do with no `DUE` (with `todo`) or no event at all,
//! as is a key date on "tba". A later feed, once the date is written, carries the event under
//! the same UID.

use std::io::Write;

use chrono::{NaiveDate, NaiveDateTime};

use crate::dates::Days;
use crate::dates::add_days;
use crate::engine::evaluate::{Listed, State};
use crate::schedule::phase::{Kind, Phase, When};

/// Identifies this program in `PRODID`.
pub(crate) const PRODID: &str = concat!(
    "-//vision-sched//vision-sched ",
    env!("CARGO_PKG_VERSION"),
    "//EN"
);

/// Octets a content line may hold, excluding its CRLF.
const LINE_OCTETS: usize = 75;

/// How a feed is written.
#[derive(Debug, Clone)]
pub(crate) struct Feed<'a> {
    /// The calendar's name (`X-WR-CALNAME`).
    pub(crate) name: &'a str,
    /// Each document's part in the feed, by document.
    pub(crate) documents: &'a [FeedDocument],
    /// `DTSTAMP` of every component, in UTC.
    pub(crate) stamp: NaiveDateTime,
    /// Milestones as `VTODO`s instead of events.
    pub(crate) todo: bool,
    /// A reminder this many days before each milestone that is not done.
    pub(crate) alarm: Option<Days>,
}

/// What a feed takes from one document.
#[derive(Debug, Clone)]
pub(crate) struct FeedDocument {
    /// What every `UID` of its phases is derived from, with the phase's name.
    pub(crate) seed: String,
    /// Put before each summary (`Security policy: 2026 review`) in a feed of several documents.
    pub(crate) prefix: Option<String>,
}

/// The whole calendar, one component per phase, in the order given, written as the rows come:
/// a feed of a dense cadence over centuries is never held whole. Gives how many rows there were.
pub(crate) fn calendar(
    feed: &Feed,
    rows: impl Iterator<Item = Listed>,
    out: &mut dyn Write,
) -> std::io::Result<usize> {
    let mut put = |line: String| out.write_all(fold(&line).as_bytes());
    put("BEGIN:VCALENDAR".into())?;
    put("VERSION:2.0".into())?;
    put(format!("PRODID:{PRODID}"))?;
    put("CALSCALE:GREGORIAN".into())?;
    put("METHOD:PUBLISH".into())?;
    put(format!("X-WR-CALNAME:{}", text(feed.name)))?;
    // How often subscribers should look again (RFC 7986, and Outlook's own name for it).
    put("REFRESH-INTERVAL;VALUE=DURATION:PT12H".into())?;
    put("X-PUBLISHED-TTL:PT12H".into())?;
    let mut n = 0;
    for row in rows {
        let lines = component(feed, &row);
        // A date to be announced may give no component at all.
        n += usize::from(!lines.is_empty());
        for line in lines {
            put(line)?;
        }
    }
    put("END:VCALENDAR".into())?;
    Ok(n)
}

/// The unfolded lines of one phase's component.
fn component(feed: &Feed, row: &Listed) -> Vec<String> {
    let (phase, state) = (&row.phase, row.state);
    let (seed, summary) = match feed.documents.get(row.doc) {
        Some(d) => (
            d.seed.as_str(),
            match &d.prefix {
                Some(p) => format!("{p}: {}", phase.name),
                None => phase.name.clone(),
            },
        ),
        None => ("", phase.name.clone()),
    };
    let stamp = format!("DTSTAMP:{}", feed.stamp.format("%Y%m%dT%H%M%SZ"));
    let mut lines = Vec::new();
    match phase.kind {
        Kind::Window { start, end } => {
            let (first, last, open) = match (start, end) {
                (Some(s), When::On(e)) => (s, e, None),
                (None, When::On(e)) => (e, e, Some(format!("Runs until {e} (no start date)."))),
                (Some(s), When::Tba) => (
                    s,
                    s,
                    Some(format!("Runs from {s}; its end is to be announced.")),
                ),
                // The loader refuses a window with neither day known.
                (None, When::Tba) => return lines,
            };
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!("UID:{}", uid(seed, &phase.name, "")));
            lines.push(stamp);
            lines.extend(all_day(first, last));
            lines.push(format!("SUMMARY:{}", text(&summary)));
            lines.extend(details(phase, open.as_deref()));
            lines.push("TRANSP:TRANSPARENT".into());
            lines.push("END:VEVENT".into());
        }
        Kind::Milestone { due, done } => {
            let done = done.filter(|_| state == State::Done);
            let remark = match (done, due) {
                (Some(d), _) => Some(format!("Done on {d}.")),
                (None, When::Tba) => Some("Its due date is to be announced.".to_string()),
                (None, When::On(_)) => None,
            };
            if feed.todo {
                lines.push("BEGIN:VTODO".into());
                lines.push(format!("UID:{}", uid(seed, &phase.name, "-todo")));
                lines.push(stamp);
                // A to-do may have no due date (RFC 5545, 3.6.2): one to be announced has none.
                if let When::On(due) = due {
                    lines.push(format!("DUE;VALUE=DATE:{}", date(due)));
                }
                lines.push(format!("SUMMARY:{}", text(&summary)));
                lines.extend(details(phase, remark.as_deref()));
                match done {
                    // COMPLETED must be a UTC date-time; noon keeps the day in most zones.
                    Some(d) => {
                        lines.push("STATUS:COMPLETED".into());
                        lines.push(format!("COMPLETED:{}T120000Z", date(d)));
                    }
                    None => lines.push("STATUS:NEEDS-ACTION".into()),
                }
                // An alarm relative to the due date needs one.
                if !due.is_tba() {
                    lines.extend(alarm(feed, &summary, done.is_some(), "TRIGGER;RELATED=END"));
                }
                lines.push("END:VTODO".into());
            } else if let When::On(due) = due {
                lines.push("BEGIN:VEVENT".into());
                lines.push(format!("UID:{}", uid(seed, &phase.name, "")));
                lines.push(stamp);
                lines.extend(all_day(due, due));
                lines.push(format!("SUMMARY:{}", text(&summary)));
                lines.extend(details(phase, remark.as_deref()));
                lines.push("TRANSP:TRANSPARENT".into());
                lines.extend(alarm(feed, &summary, done.is_some(), "TRIGGER"));
                lines.push("END:VEVENT".into());
            }
        }
        // A key date: a one-day all-day event, never a to-do (there is nothing to deliver); none
        // while its day is to be announced.
        Kind::KeyDate { on: When::Tba } => {}
        Kind::KeyDate { on: When::On(on) } => {
            lines.push("BEGIN:VEVENT".into());
            lines.push(format!("UID:{}", uid(seed, &phase.name, "")));
            lines.push(stamp);
            lines.extend(all_day(on, on));
            lines.push(format!("SUMMARY:{}", text(&summary)));
            lines.extend(details(phase, None));
            lines.push("TRANSP:TRANSPARENT".into());
            lines.push("END:VEVENT".into());
        }
    }
    lines
}

/// `DTSTART` on the first day and `DTEND` on the day after the last: DTEND is exclusive.
fn all_day(first: NaiveDate, last: NaiveDate) -> [String; 2] {
    [
        format!("DTSTART;VALUE=DATE:{}", date(first)),
        format!("DTEND;VALUE=DATE:{}", date(add_days(last, 1))),
    ]
}

/// `DESCRIPTION` (the owners, a remark, the note, the url) and `URL`. Many apps ignore `URL`, so
/// the link is in the description too. The owners come first: khal's list shows only the
/// description's first line.
fn details(phase: &Phase, remark: Option<&str>) -> Vec<String> {
    let owners = match phase.owners().names() {
        [] => None,
        [one] => Some(format!("Owner: {one}")),
        many => Some(format!("Owners: {}", many.join(", "))),
    };
    let parts: Vec<&str> = [owners.as_deref(), remark, phase.note(), phase.url()]
        .into_iter()
        .flatten()
        .collect();
    let mut lines = Vec::new();
    if !parts.is_empty() {
        lines.push(format!("DESCRIPTION:{}", text(&parts.join("\n\n"))));
    }
    if let Some(url) = phase.url() {
        lines.push(format!("URL:{}", uri(url)));
    }
    lines
}

/// A display alarm `feed.alarm` days before the milestone, unless there is none or it is done.
fn alarm(feed: &Feed, summary: &str, done: bool, trigger: &str) -> Vec<String> {
    let Some(days) = feed.alarm.filter(|_| !done) else {
        return Vec::new();
    };
    let when = match days.0 {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        n => format!("in {n} days"),
    };
    vec![
        "BEGIN:VALARM".into(),
        "ACTION:DISPLAY".into(),
        format!("{trigger}:-P{}D", days.0),
        format!("DESCRIPTION:{}", text(&format!("{summary} is due {when}"))),
        "END:VALARM".into(),
    ]
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// A UID that stays the same while the document's and the phase's names do.
pub(crate) fn uid(calendar: &str, phase: &str, suffix: &str) -> String {
    format!("{:016x}{suffix}@vision-sched", fnv1a(&[calendar, phase]))
}

/// FNV-1a, 64 bits, of `parts`, each after a separator no text holds, so ("ab", "c") and
/// ("a", "bc") differ. Fixed for all time, unlike std's hasher: the UIDs depend on it.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut step = |b: u8| h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            step(0xff);
        }
        part.bytes().for_each(&mut step);
    }
    h
}

/// A TEXT value: `\ ; ,` and newlines escaped; other control characters, which a content line
/// may not hold, dropped (a tab may stay); and a zero-width space before the `[` of a CI log
/// command (`##[error]`, [`crate::io::text::defuse`]), which TEXT cannot escape otherwise.
pub(crate) fn text(value: &str) -> String {
    let value = crate::io::text::defuse(value, "\u{200b}[");
    let mut out = String::with_capacity(value.len() + 8);
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\t' => out.push('\t'),
            // A calendar has no way to show these safely, and a terminal reading the feed neither.
            c if c.is_control() || crate::io::text::is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value is not TEXT and takes no backslashes; characters a URI cannot hold raw (controls,
/// spaces, quotes) are percent-encoded.
fn uri(value: &str) -> String {
    // A `[` after `##` (a CI log command) is percent-encoded, as a URI may write it.
    let value = crate::io::text::defuse(value.trim(), "%5B");
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        if c.is_control() || crate::io::text::is_bidi_control(c) || c == ' ' || c == '"' {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One content line folded to at most 75 octets per line (a continuation's leading space
/// included), never inside a UTF-8 character, each line ended by CRLF. A fold is not put right
/// after a space, since lenient readers trim the ends of lines. No continuation line starts,
/// after its blanks, with `::`, which a CI log would run as a workflow command: such a line
/// holds its blanks and one colon only, and the text goes on on the next.
pub(crate) fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut rest = line;
    let mut room = LINE_OCTETS;
    loop {
        let blanks = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        let cut = if room < LINE_OCTETS && rest[blanks..].starts_with("::") && blanks < room {
            blanks + 1
        } else if rest.len() > room {
            let mut cut = room;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let trimmed = rest[..cut].trim_end_matches([' ', '\t']).len();
            if trimmed > 0 {
                cut = trimmed;
            }
            cut
        } else {
            break;
        };
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = LINE_OCTETS - 1;
    }
    out.push_str(rest);
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_the_specials() {
        let cases = [
            ("plain", "plain"),
            ("a;b,c\\d", "a\\;b\\,c\\\\d"),
            ("one\ntwo\r\nthree\rfour", "one\\ntwo\\nthree\\nfour"),
            ("esc\u{1b}[31m bell\u{7}", "esc[31m bell"),
            ("tab\there", "tab\there"),
        ];
        for (input, want) in cases {
            assert_eq!(text(input), want, "{input:?}");
        }
    }

    #[test]
    fn uris_get_no_backslashes() {
        assert_eq!(uri("https://e.com/a?b=1,c;d"), "https://e.com/a?b=1,c;d");
        assert_eq!(uri(" https://e.com/a b\n"), "https://e.com/a%20b");
    }

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        for line in [
            "SUMMARY:".to_string() + &"x".repeat(200),
            "SUMMARY:".to_string() + &"é".repeat(100),
            "SUMMARY:".to_string() + &"漢".repeat(60),
            "SUMMARY:".to_string() + &"a ".repeat(100),
            "SUMMARY:".to_string() + &" ".repeat(100),
            "SUMMARY:".to_string() + &"🦀x".repeat(40),
        ] {
            let folded = fold(&line);
            assert!(folded.ends_with("\r\n"));
            let physical: Vec<&str> = folded.strip_suffix("\r\n").unwrap().split("\r\n").collect();
            for (i, l) in physical.iter().enumerate() {
                assert!(l.len() <= 75, "{l:?}");
                assert_eq!(l.starts_with(' '), i > 0, "{l:?}");
            }
            let unfolded = folded.replace("\r\n ", "");
            assert_eq!(unfolded, format!("{line}\r\n"));
        }
        assert_eq!(fold("SHORT:x"), "SHORT:x\r\n");
    }

    proptest::proptest! {
        #[test]
        fn any_text_folds_and_unfolds_back(value in "(?s).{0,300}") {
            let line = format!("DESCRIPTION:{}", text(&value));
            let folded = fold(&line);
            for physical in folded.strip_suffix("\r\n").unwrap().split("\r\n") {
                proptest::prop_assert!(physical.len() <= 75);
                proptest::prop_assert!(!physical.contains(['\r', '\n']));
            }
            proptest::prop_assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
        }

        #[test]
        fn no_fold_starts_a_workflow_command(
            pad in 0usize..160,
            blanks in 0usize..90,
            colons in 2usize..200,
        ) {
            let value = format!("{}{}{}error::x", "x".repeat(pad), " ".repeat(blanks), ":".repeat(colons));
            let line = format!("SUMMARY:{value}");
            let folded = fold(&line);
            for physical in folded.strip_suffix("\r\n").unwrap().split("\r\n") {
                proptest::prop_assert!(physical.len() <= 75);
                proptest::prop_assert!(!physical.trim_start().starts_with("::"), "{:?}", physical);
            }
            proptest::prop_assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\n"));
        }
    }

    #[test]
    fn a_fold_before_two_colons_keeps_one_on_its_line() {
        let line = format!("SUMMARY:{}::error::x", "a".repeat(67));
        assert_eq!(
            fold(&line),
            format!("SUMMARY:{}\r\n :\r\n :error::x\r\n", "a".repeat(67))
        );
    }

    #[test]
    fn uids_are_stable_and_distinct() {
        assert_eq!(uid("Doc", "Phase", ""), uid("Doc", "Phase", ""));
        assert_ne!(uid("Doc", "Phase", ""), uid("Doc", "Phase 2", ""));
        assert_ne!(uid("ab", "c", ""), uid("a", "bc", ""));
        // Pinned: a changed hash would duplicate every subscriber's events.
        assert_eq!(fnv1a(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&["a"]), 0xaf63_dc4c_8601_ec8c);
    }
}
