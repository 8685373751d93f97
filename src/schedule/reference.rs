//! The guide's schedule reference, `docs/guide/src/reference.md`, written from the loader's own
//! key tables ([`crate::schedule::keys`]) as the JSON Schema is ([`crate::schedule::schema`]):
//! one Markdown table per TOML table, each key with its value's shape in words and its meaning.
//!
//! A test keeps the committed file equal to [`markdown`]; with `VISION_SCHED_BLESS=1` it writes
//! the file instead (`VISION_SCHED_BLESS=1 cargo test --lib reference`).

use crate::schedule::days_off::Shift;
use crate::schedule::keys::{self, Shape, Table};

/// Where the reference lives, from the repository's root.
pub(crate) const PATH: &str = "docs/guide/src/reference.md";

/// The whole page.
pub(crate) fn markdown() -> String {
    let mut out = String::from(
        "# Schedule reference\n\
         \n\
         <!-- Generated from src/schedule/keys.rs; do not edit. \
         To write it again: VISION_SCHED_BLESS=1 cargo test --lib reference -->\n\
         \n\
         Every key a schedule file may hold, table by table. The loader accepts exactly these \
         keys, and an unknown key is an error that names the key, its line and the keys allowed \
         there. The JSON Schema that editors read (`vision-sched schema`, see \
         [The schedule file](schedule.md)) is built from the same list, so the three always \
         agree.\n",
    );
    for table in tables() {
        out.push_str(&format!("\n## {}\n\n", heading(table)));
        out.push_str("| Key | Value | Meaning |\n| --- | --- | --- |\n");
        for key in table.keys {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                key.name,
                cell(&shape(key.shape)),
                cell(key.about)
            ));
        }
    }
    out
}

/// Every table once, from the top level down, in the order the keys name them.
fn tables() -> Vec<&'static Table> {
    let mut out: Vec<&'static Table> = Vec::new();
    let mut todo = vec![&keys::FILE];
    while let Some(table) = todo.pop() {
        if out.iter().any(|t| t.header == table.header) {
            continue;
        }
        out.push(table);
        for key in table.keys.iter().rev() {
            if let Shape::Table(t) | Shape::Tables(t) = key.shape {
                todo.push(t);
            }
        }
    }
    out
}

/// A table's heading: its header as written (`[document]`), or its words.
fn heading(table: &Table) -> String {
    match table.header {
        h if h.starts_with('[') => format!("`{h}`"),
        h if h == keys::QUARTER.header => "`q1` to `q4`".into(),
        _ => "The top level".into(),
    }
}

/// The anchor mdBook and GitHub both give a heading: lower case, letters, digits, `-` and `_`
/// kept, white space as `-`, anything else dropped.
fn anchor(heading: &str) -> String {
    heading
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect()
}

/// A link to a table's section.
fn link(table: &Table) -> String {
    let heading = heading(table);
    format!("[{heading}](#{})", anchor(&heading))
}

/// The shape of a value, in words.
fn shape(s: Shape) -> String {
    match s {
        Shape::Text => "text".into(),
        Shape::Name => "text: not blank, no control characters".into(),
        Shape::Template => "text, no control characters".into(),
        Shape::Date => "a date: `2021-06-30`".into(),
        Shape::DateOrRelative => "a date, or text: a date relative to another phase".into(),
        Shape::DateOrTba => "a date, or `\"tba\"`".into(),
        Shape::Rule => "text: a rule".into(),
        Shape::Step => "text: a step".into(),
        Shape::Days => "days: `\"14d\"`, `\"2w\"` or a whole number".into(),
        Shape::Shift => {
            let names: Vec<String> = [Shift::Next, Shift::Previous, Shift::Nearest]
                .iter()
                .map(|s| format!("`\"{}\"`", s.name()))
                .collect();
            format!("one of {}", names.join(", "))
        }
        Shape::Weekdays => "a list of weekday names: `[\"Saturday\", \"Sunday\"]`".into(),
        Shape::Dates => "a list of dates".into(),
        Shape::Texts => "a list of text".into(),
        Shape::Owners => format!(
            "a name, or a list of at most {} names: not blank, no control characters",
            crate::limits::OWNERS
        ),
        Shape::DatesByName => "dates by a generated phase's name".into(),
        Shape::DaysByName => "days or weeks by a generated phase's name".into(),
        Shape::Integer { min, max } => {
            format!(
                "a whole number from {} to {}",
                thousands(min),
                thousands(max)
            )
        }
        Shape::Table(t) => format!("a table: {}", link(t)),
        Shape::Tables(t) => format!("tables, each {}", link(t)),
        Shape::Refused => "not allowed here".into(),
    }
}

/// `n` with a comma between each group of three digits: `-1,000,000`.
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    if n < 0 {
        out.insert(0, '-');
    }
    out
}

/// Text for a Markdown table's cell: a `|` would end the cell, so it is escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_guides_reference_is_what_the_keys_say() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(PATH);
        let want = markdown();
        if std::env::var_os("VISION_SCHED_BLESS").is_some_and(|v| v == "1") {
            std::fs::write(&path, &want).unwrap();
        }
        let got = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            got == want,
            "{PATH} is not what src/schedule/keys.rs says: \
             run `VISION_SCHED_BLESS=1 cargo test --lib reference` to write it again"
        );
    }

    #[test]
    fn every_table_has_its_section_and_every_link_leads_to_one() {
        let text = markdown();
        let headings: Vec<&Table> = tables();
        assert_eq!(
            headings.len(),
            6,
            "the top level, document, phase, cadence, its phase, q1-q4"
        );
        for table in &headings {
            assert_eq!(
                text.matches(&format!("\n## {}\n", heading(table))).count(),
                1,
                "{}",
                table.header
            );
        }
        for (at, _) in text.match_indices("](#") {
            let id = &text[at + 3..];
            let id = &id[..id.find(')').unwrap()];
            assert!(
                headings.iter().any(|t| anchor(&heading(t)) == id),
                "#{id} names no section"
            );
        }
        assert_eq!(anchor("`[[cadence.phase]]`"), "cadencephase");
        assert_eq!(anchor("`q1` to `q4`"), "q1-to-q4");
    }

    #[test]
    fn cells_keep_their_text_whole() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(thousands(10_000_000), "10,000,000");
        assert_eq!(thousands(-1_000_000_000_000), "-1,000,000,000,000");
        assert_eq!(thousands(1), "1");
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(1000), "1,000");
    }
}
