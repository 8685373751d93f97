//! The loader's small grammars as regular expressions, for the schema's `pattern`s: a cadence's
//! step (`every`), its day rules, an offset, a date relative to another phase, a span of days.
//! Each follows its parser word for word (letter case, the spaces it allows, the words it drops,
//! its number limits), so that editors refuse what the loader refuses and never what it takes;
//! where a regular expression cannot follow (an offset's terms add up), they take more.
//!
//! The expressions use only what ECMA-262 (VS Code), Python's `re` (check-jsonschema) and Rust's
//! `regex` (taplo) read alike: classes, groups, `?*+{m,n}`, `|`, `^$`, `\s`. `\s` is Unicode's
//! white space in all three, as the parsers' `trim` and `split_whitespace` are, but for a few
//! rare spaces (U+0085, U+FEFF) that one of them counts differently.

use crate::dates::MAX_DAYS;
use crate::schedule::cadence::{MAX_MONTHS, MONTH_NAMES};
use crate::schedule::relative;

/// The most weeks a span or a step may count: a hundred years of days.
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

/// A whole number from `min` (0 or 1) to `max`, leading zeros allowed.
fn number(min: u64, max: u64) -> String {
    let digits: Vec<u8> = max.to_string().bytes().map(|b| b - b'0').collect();
    let any = |n: usize| match n {
        0 => String::new(),
        _ => format!("[0-9]{{{n}}}"),
    };
    let class = |lo: u8, hi: u8| match hi - lo {
        0 => lo.to_string(),
        _ => format!("[{lo}-{hi}]"),
    };
    let mut alternatives = Vec::new();
    // Fewer digits than `max`, with no leading zero.
    if digits.len() > 1 {
        alternatives.push(match digits.len() - 2 {
            0 => "[1-9]".to_string(),
            fewer => format!("[1-9][0-9]{{0,{fewer}}}"),
        });
    }
    // As many digits: `max`'s first i digits, then a smaller one, then any.
    for (i, &d) in digits.iter().enumerate() {
        let lo = u8::from(i == 0);
        if d > lo {
            let prefix: String = digits[..i].iter().map(u8::to_string).collect();
            alternatives.push(format!(
                "{prefix}{}{}",
                class(lo, d - 1),
                any(digits.len() - i - 1)
            ));
        }
    }
    alternatives.push(digits.iter().map(u8::to_string).collect());
    if min == 0 {
        alternatives.push("0".into());
    }
    format!("0*({})", alternatives.join("|"))
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
        .map(|(unit, most)| format!("(\\+?{}\\s+)?{}[sS]*", number(1, *most), any_case(unit)))
        .collect();
    format!("^\\s*({})\\s*$", each.join("|"))
}

/// A span of days, as [`crate::dates::Days`] reads it: `"14d"`, `"2w"`, `"30"`, lower case.
pub(super) fn days() -> String {
    format!(
        "^\\s*({}\\s*(d|days?)?|{}\\s*(w|weeks?))\\s*$",
        number(0, u64::from(MAX_DAYS)),
        number(0, MAX_WEEKS)
    )
}

/// A cadence's day rule, as [`crate::schedule::cadence::rule`] reads it: up to the first sign,
/// lower-cased, split at white space, every word `the` dropped: day words, then optionally `of`
/// and a month; from the first sign on, an [`offset`].
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
        number(1, u64::from(MAX_MONTHS)),
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
        number(1, u64::from(MAX_DAYS)),
        number(1, 31),
        day = w("day"),
    );
    // `the`s may follow the day words, before the offset (whose words keep no `the`).
    format!(
        "^\\s*({the}\\s+)*{main}(\\s+{the})*(\\s*{})?\\s*$",
        offset(true)
    )
}

/// An offset's units, as [`relative::Offset::parse`] reads them (in any ASCII letter case), each
/// with how many of its kind's days (or months, or working days) one counts for, and the most
/// its kind may reach in all.
fn offset_units() -> [(String, u64, u64); 4] {
    let days = relative::MAX_DAYS.unsigned_abs();
    [
        (one_of(&["d", "day", "days"]), 1, days),
        (one_of(&["w", "week", "weeks"]), 7, days),
        (
            one_of(&["m", "month", "months"]),
            1,
            relative::MAX_MONTHS.unsigned_abs(),
        ),
        (
            format!(
                "({}|{}\\s*{}[sS]?)",
                one_of(&["wd", "workingday", "workingdays"]),
                any_case("working"),
                any_case("day")
            ),
            1,
            relative::MAX_WORKING.unsigned_abs(),
        ),
    ]
}

/// An offset, as [`relative::Offset::parse`] reads it: a sign, terms (a number and a unit, blanks
/// optional between them and between terms), and further signs each followed by terms:
/// `+ 1m 7d`, `- 1w 2d`, `+ 1w - 1d`. With `bounded`, each term counts at most what the
/// loader's limit on its kind allows: the first at most a hundred years, any later one at most
/// two (the loader bounds each kind's running sum, so one term can take it from a hundred years
/// back to a hundred years on); a regular expression cannot add the terms up.
fn offset(bounded: bool) -> String {
    let term = |first: bool| -> String {
        let each: Vec<String> = offset_units()
            .into_iter()
            .map(|(unit, per, most)| {
                let reach = if first { most } else { 2 * most };
                let n = if bounded {
                    number(0, reach / per)
                } else {
                    "[0-9]+".to_string()
                };
                format!("{n}\\s*{unit}")
            })
            .collect();
        format!("({})", each.join("|"))
    };
    format!("[+-]\\s*{}(\\s*([+-]\\s*)?{})*", term(true), term(false))
}

/// Where a relative date's offset may begin: after a space that follows some text, never at the
/// start (names may hold signs, `Q4-2026 review - 3d`, and may begin with one: `+ 3d`).
const SIGN_AT: &str = "\\S\\s* ";

/// A relative date that can name no phase: nothing, or `start of` or `end of` alone (a name
/// after them may be anything, even `+ 3d`).
pub(super) fn relative_without_phase() -> String {
    format!(
        "^\\s*({}|{})?\\s*$",
        any_case("start of"),
        any_case("end of")
    )
}

/// A relative date (or a cadence's date naming another phase) that ends in an offset, which
/// [`relative_offset_within`] must then find within bounds: the loader reads the leftmost
/// offset that is one, and refuses the date when that offset reaches too far.
pub(super) fn relative_offset() -> String {
    format!("{SIGN_AT}{}\\s*$", offset(false))
}

/// A relative date that ends in an offset whose terms are each within bounds.
pub(super) fn relative_offset_within() -> String {
    format!("{SIGN_AT}{}\\s*$", offset(true))
}

/// A cadence's date that names another phase of the same cadence by its name template, which
/// holds a placeholder (every template does; a day rule never has a brace).
pub(super) const PLACEHOLDER: &str = "\\{(n|year|quarter|month|month_name)\\}";
