//! The loader's small grammars as regular expressions, for the schema's `pattern`s: a cadence's
//! step (`every`), its day rules, a date relative to another phase, a span of days. Each follows
//! its parser word for word (letter case, the spaces it allows, the words it drops, its number
//! limits), so that editors refuse what the loader refuses and never what it takes.
//!
//! The expressions use only what ECMA-262 (VS Code), Python's `re` (check-jsonschema) and Rust's
//! `regex` (taplo) read alike: classes, groups, `?*+{m,n}`, `|`, `^$`, `\s`. `\s` is Unicode's
//! white space in all three, as the parsers' `trim` and `split_whitespace` are, but for a few
//! rare spaces (U+0085, U+FEFF) that one of them counts differently.

use crate::dates::MAX_DAYS;
use crate::schedule::cadence::{MAX_MONTHS, MONTH_NAMES};

/// The most weeks (or working days) an offset or a span may count: a hundred years of days.
const MAX_WEEKS: u64 = MAX_DAYS as u64 / 7;

/// `word` in any ASCII letter case, as the parsers compare after `to_ascii_lowercase`.
pub(super) fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| {
            if c.is_ascii_alphabetic() {
                format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// One of `words`, each in any letter case.
fn one_of(words: &[&str]) -> String {
    let all: Vec<String> = words.iter().map(|w| any_case(w)).collect();
    format!("({})", all.join("|"))
}

/// A whole number from `min` (0 or 1) to `max`, leading zeros allowed, its digits joined by `gap`
/// (what may come between two characters of a word the parser glues together).
fn number(min: u64, max: u64, gap: &str) -> String {
    let digits: Vec<u8> = max.to_string().bytes().map(|b| b - b'0').collect();
    let any = |n: usize| match n {
        0 => String::new(),
        _ if gap.is_empty() => format!("[0-9]{{{n}}}"),
        _ => format!("({gap}[0-9]){{{n}}}"),
    };
    let class = |lo: u8, hi: u8| match hi - lo {
        0 => lo.to_string(),
        _ => format!("[{lo}-{hi}]"),
    };
    let mut alternatives = Vec::new();
    // Fewer digits than `max`, with no leading zero.
    if digits.len() > 1 {
        let fewer = digits.len() - 2;
        alternatives.push(match (fewer, gap.is_empty()) {
            (0, _) => "[1-9]".to_string(),
            (_, true) => format!("[1-9][0-9]{{0,{fewer}}}"),
            (_, false) => format!("[1-9]({gap}[0-9]){{0,{fewer}}}"),
        });
    }
    // As many digits: `max`'s first i digits, then a smaller one, then any.
    for (i, &d) in digits.iter().enumerate() {
        let lo = u8::from(i == 0);
        if d > lo {
            let prefix: Vec<String> = digits[..i].iter().map(u8::to_string).collect();
            let mut alt = prefix.join(gap);
            if i > 0 {
                alt.push_str(gap);
            }
            alt.push_str(&class(lo, d - 1));
            alt.push_str(&any(digits.len() - i - 1));
            alternatives.push(alt);
        }
    }
    let whole: Vec<String> = digits.iter().map(u8::to_string).collect();
    alternatives.push(whole.join(gap));
    if min == 0 {
        alternatives.push("0".into());
    }
    let zeros = if gap.is_empty() {
        "0*".to_string()
    } else {
        format!("(0{gap})*")
    };
    format!("{zeros}({})", alternatives.join("|"))
}

/// `word`, its letters in any case, with `gap` allowed between any two of them.
fn glued(word: &str, gap: &str) -> String {
    let letters: Vec<String> = word.chars().map(|c| any_case(&c.to_string())).collect();
    letters.join(gap)
}

/// A cadence's step, as [`crate::schedule::cadence::every`] reads it: `"quarter"`, `"6 weeks"`,
/// one word or a count and a unit (`s` repeated at will), at least a day and at most a century.
pub(super) fn step() -> String {
    let months = u64::from(MAX_MONTHS);
    let units = [
        ("day", u64::from(MAX_DAYS)),
        ("week", MAX_WEEKS),
        ("month", months),
        ("quarter", months / 3),
        ("year", months / 12),
    ];
    let each: Vec<String> = units
        .iter()
        .map(|(unit, most)| format!("(\\+?{}\\s+)?{}[sS]*", number(1, *most, ""), any_case(unit)))
        .collect();
    format!("^\\s*({})\\s*$", each.join("|"))
}

/// A span of days, as [`crate::dates::Days`] reads it: `"14d"`, `"2w"`, `"30"`, lower case.
pub(super) fn days() -> String {
    format!(
        "^\\s*({}\\s*(d|days?)?|{}\\s*(w|weeks?))\\s*$",
        number(0, u64::from(MAX_DAYS), ""),
        number(0, MAX_WEEKS, "")
    )
}

/// A cadence's day rule, as [`crate::schedule::cadence::rule`] reads it: lower-cased, `+` and
/// `-` spaced out, split at white space, every word `the` dropped; day words, then optionally
/// `of` and a month, then optionally a sign and an offset whose words are glued back together
/// (`- 3 working days` is `3workingdays`).
pub(super) fn rule() -> String {
    let the = any_case("the");
    // Between two words: space, and any number of dropped `the`s.
    let sep = format!("\\s+({the}\\s+)*");
    let w = |words: &str| -> String {
        words
            .split(' ')
            .map(any_case)
            .collect::<Vec<_>>()
            .join(&sep)
    };
    let ordinal = one_of(&[
        "1st", "first", "2nd", "second", "3rd", "third", "4th", "fourth",
    ]);
    // mon, monday, tue, tues, tuesday, ...: each name is its first three letters and the rest.
    let short_or_long = |names: &[(&str, &[&str])]| -> String {
        let each: Vec<String> = names
            .iter()
            .map(|(short, rests)| {
                let rests: Vec<String> = rests.iter().map(|r| any_case(r)).collect();
                match rests.as_slice() {
                    [] => any_case(short),
                    _ => format!("{}({})?", any_case(short), rests.join("|")),
                }
            })
            .collect();
        format!("({})", each.join("|"))
    };
    let weekday = short_or_long(&[
        ("mon", &["day"]),
        ("tue", &["s", "sday"]),
        ("wed", &["nesday"]),
        ("thu", &["r", "rs", "rsday"]),
        ("fri", &["day"]),
        ("sat", &["urday"]),
        ("sun", &["day"]),
    ]);
    let names = MONTH_NAMES.map(|m| (&m[..3], [&m[3..]]));
    let names: Vec<(&str, &[&str])> = names
        .iter()
        .map(|(short, rest)| {
            (
                *short,
                if rest[0].is_empty() {
                    &[][..]
                } else {
                    &rest[..]
                },
            )
        })
        .collect();
    let month = format!(
        "({}{sep}{}|{})",
        w("month"),
        number(1, u64::from(MAX_MONTHS), ""),
        short_or_long(&names)
    );
    // first day, last day, last working day, 2nd working day, last Friday, 2nd Friday, each
    // optionally of a month; day N, of a month only up to 31.
    let named = format!(
        "({}|{}|({}|{ordinal}){sep}({}|{weekday}))",
        w("first day"),
        w("last day"),
        w("last"),
        w("working day")
    );
    let of = format!("{sep}{}{sep}{month}", w("of"));
    let main = format!(
        "({named}({of})?|{day}{sep}{}|{day}{sep}{}{of})",
        number(1, u64::from(MAX_DAYS), ""),
        number(1, 31, ""),
        day = w("day"),
    );
    // Inside the offset, words are glued: any space (and `the`s) between any two characters.
    let gap = format!("(\\s+({the}\\s+)*)?");
    let days_unit = format!(
        "{}({gap}{gap_a}{gap}{y}({gap}{s})?)?",
        any_case("d"),
        gap_a = any_case("a"),
        y = any_case("y"),
        s = any_case("s")
    );
    let weeks_unit = format!(
        "{w}({gap}{d}|{gap}{eek}({gap}{s})?|{gap}{orkingday}({gap}{s})?)?",
        w = any_case("w"),
        d = any_case("d"),
        eek = glued("eek", &gap),
        orkingday = glued("orkingday", &gap),
        s = any_case("s"),
    );
    let offset = format!(
        "[+-]\\s*({the}\\s+)*({}{gap}{days_unit}|{}{gap}{weeks_unit})",
        number(0, u64::from(MAX_DAYS), &gap),
        number(0, MAX_WEEKS, &gap),
    );
    format!("^\\s*({the}\\s+)*{main}((\\s+{the})*\\s*{offset})?(\\s+{the})*\\s*$")
}

/// A relative date's offset units, as [`crate::schedule::relative`] reads them, with the most
/// each may count.
fn relative_units() -> [(String, u64); 3] {
    [
        (one_of(&["d", "day", "days"]), u64::from(MAX_DAYS)),
        (
            one_of(&["w", "week", "weeks", "wd", "working day", "working days"]),
            MAX_WEEKS,
        ),
        (one_of(&["m", "month", "months"]), u64::from(MAX_MONTHS)),
    ]
}

/// Where a relative date's offset may begin: the start of the text, or after a space (names
/// may hold signs: `Q4-2026 review - 3d`).
const SIGN: &str = "(^\\s*| )[+-]\\s*";

/// A relative date that names no phase: nothing, `start of` or `end of` alone, with or without
/// an offset.
pub(super) fn relative_without_phase() -> String {
    let units: Vec<String> = relative_units().into_iter().map(|(u, _)| u).collect();
    let anchor = format!("({}|{})", any_case("start of"), any_case("end of"));
    format!(
        "^\\s*({anchor}?|({anchor}\\s* )?[+-]\\s*[0-9]+\\s*({}))\\s*$",
        units.join("|")
    )
}

/// A relative date that ends in an offset (which the [`relative_offset_within`] must then fit).
pub(super) fn relative_offset() -> String {
    let units: Vec<String> = relative_units().into_iter().map(|(u, _)| u).collect();
    format!("{SIGN}[0-9]+\\s*({})\\s*$", units.join("|"))
}

/// A relative date's offset of at most a hundred years.
pub(super) fn relative_offset_within() -> String {
    let each: Vec<String> = relative_units()
        .into_iter()
        .map(|(unit, most)| format!("{}\\s*{unit}", number(0, most, "")))
        .collect();
    format!("{SIGN}({})\\s*$", each.join("|"))
}
