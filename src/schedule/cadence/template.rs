//! Names made from a cycle: `"{year} Q{quarter} revision published"`, `"Rust 1.{n}.0"`.
//!
//! A template can also be read backwards: given a name, [`Template::read`] finds the field values
//! that could have produced it, so a name far from today is found without generating cycles.

use chrono::{Datelike, NaiveDate};

use super::rule::month_name;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Template {
    pub(crate) text: String,
    parts: Vec<Part>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    /// The year the cycle starts in.
    Year,
    /// 1 to 4: the quarter the cycle starts in.
    Quarter,
    /// 01 to 12: the month the cycle starts in.
    Month,
    /// January to December.
    MonthName,
    /// The cycle's number: `numbered_from` for the first cycle, then one more each cycle.
    N,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Field(Field),
}

/// Field values read back from a name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    pub(crate) year: Option<i64>,
    pub(crate) quarter: Option<u32>,
    /// 1 to 12, from `{month}` or `{month_name}`.
    pub(crate) month: Option<u32>,
    pub(crate) n: Option<i64>,
}

pub(super) const PLACEHOLDERS: &str = "{year}, {quarter}, {month}, {month_name} and {n}";

impl Template {
    pub(crate) fn parse(text: &str) -> Result<Template, String> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if rest.starts_with("{{") || rest.starts_with("}}") {
                lit.push(c);
                rest = &rest[2..];
            } else if c == '{' {
                let close = rest.find('}').ok_or_else(|| {
                    format!("`{{` without a closing `}}` in `{text}` (write `{{{{` for a brace)")
                })?;
                let field = match &rest[1..close] {
                    "year" => Field::Year,
                    "quarter" => Field::Quarter,
                    "month" => Field::Month,
                    "month_name" => Field::MonthName,
                    "n" => Field::N,
                    other => {
                        return Err(format!(
                            "unknown placeholder `{{{other}}}` in `{text}`: the placeholders are {PLACEHOLDERS}"
                        ));
                    }
                };
                if !lit.is_empty() {
                    parts.push(Part::Text(std::mem::take(&mut lit)));
                }
                parts.push(Part::Field(field));
                rest = &rest[close + 1..];
            } else if c == '}' {
                return Err(format!(
                    "`}}` without an opening `{{` in `{text}` (write `}}}}` for a brace)"
                ));
            } else {
                lit.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
        if !lit.is_empty() {
            parts.push(Part::Text(lit));
        }
        Ok(Template {
            text: text.to_string(),
            parts,
        })
    }

    pub(crate) fn has(&self, field: Field) -> bool {
        self.parts.contains(&Part::Field(field))
    }

    /// The name of the cycle that starts on `start` and is numbered `n`.
    pub(crate) fn render(&self, start: NaiveDate, n: i64) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Field(Field::Year) => out.push_str(&start.year().to_string()),
                Part::Field(Field::Quarter) => out.push_str(&(start.month0() / 3 + 1).to_string()),
                Part::Field(Field::Month) => out.push_str(&format!("{:02}", start.month())),
                Part::Field(Field::MonthName) => out.push_str(month_name(start.month())),
                Part::Field(Field::N) => out.push_str(&n.to_string()),
            }
        }
        out
    }

    /// False when no name of this template can be a name of `other`: they start or end with
    /// text that cannot match. A quick test before looking for names two templates share.
    pub(crate) fn may_share_names(&self, other: &Template) -> bool {
        let starts = |t: &Template| edge(t.parts.first(), true);
        let ends = |t: &Template| edge(t.parts.last(), false);
        compatible(&starts(self), &starts(other), true)
            && compatible(&ends(self), &ends(other), false)
    }

    /// Every set of field values that renders as `name` (usually one, at most a few).
    pub(crate) fn read(&self, name: &str) -> Vec<Fields> {
        let mut out = Vec::new();
        read_from(&self.parts, name, Fields::default(), &mut out);
        out
    }
}

/// What a template's first (or last) part says of the name's first (or last) characters: the
/// text itself, or the characters a field can put there.
enum Edge {
    Text(String),
    Chars(Class),
    Any,
}

/// The characters a field can begin or end with.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Digits,
    DigitsOrMinus,
    Letters,
}

impl Class {
    fn holds(self, c: char) -> bool {
        match self {
            Class::Digits => c.is_ascii_digit(),
            Class::DigitsOrMinus => c.is_ascii_digit() || c == '-',
            Class::Letters => c.is_ascii_alphabetic(),
        }
    }

    fn meets(self, other: Class) -> bool {
        (self == Class::Letters) == (other == Class::Letters)
    }
}

fn edge(part: Option<&Part>, first: bool) -> Edge {
    match part {
        Some(Part::Text(t)) => Edge::Text(t.clone()),
        Some(Part::Field(Field::Quarter | Field::Month)) => Edge::Chars(Class::Digits),
        Some(Part::Field(Field::Year | Field::N)) if first => Edge::Chars(Class::DigitsOrMinus),
        Some(Part::Field(Field::Year | Field::N)) => Edge::Chars(Class::Digits),
        Some(Part::Field(Field::MonthName)) => Edge::Chars(Class::Letters),
        None => Edge::Any,
    }
}

/// Whether two edges can be the same characters, comparing from the start or from the end.
fn compatible(a: &Edge, b: &Edge, from_start: bool) -> bool {
    let first = |t: &str| {
        if from_start {
            t.chars().next()
        } else {
            t.chars().next_back()
        }
    };
    match (a, b) {
        (Edge::Text(x), Edge::Text(y)) => {
            if from_start {
                x.starts_with(y.as_str()) || y.starts_with(x.as_str())
            } else {
                x.ends_with(y.as_str()) || y.ends_with(x.as_str())
            }
        }
        (Edge::Text(t), Edge::Chars(c)) | (Edge::Chars(c), Edge::Text(t)) => {
            first(t).is_none_or(|ch| c.holds(ch))
        }
        (Edge::Chars(a), Edge::Chars(b)) => a.meets(*b),
        _ => true,
    }
}

fn read_from(parts: &[Part], rest: &str, got: Fields, out: &mut Vec<Fields>) {
    if out.len() >= crate::limits::NAME_READINGS {
        return;
    }
    let Some((part, more)) = parts.split_first() else {
        if rest.is_empty() {
            out.push(got);
        }
        return;
    };
    match part {
        Part::Text(t) => {
            if let Some(r) = rest.strip_prefix(t.as_str()) {
                read_from(more, r, got, out);
            }
        }
        Part::Field(Field::MonthName) => {
            for m in 1..=12 {
                if let Some(r) = rest.strip_prefix(month_name(m))
                    && let Some(f) = with_month(got, m)
                {
                    read_from(more, r, f, out);
                }
            }
        }
        Part::Field(field) => {
            let sign =
                usize::from(rest.starts_with('-') && matches!(field, Field::Year | Field::N));
            let digits = rest[sign..].bytes().take_while(u8::is_ascii_digit).count();
            for len in 1..=digits.min(19) {
                let (number, r) = rest.split_at(sign + len);
                let Ok(v) = number.parse::<i64>() else {
                    continue;
                };
                let f = match field {
                    Field::Year => same(got.year, v).map(|year| Fields {
                        year: Some(year),
                        ..got
                    }),
                    Field::N => same(got.n, v).map(|n| Fields { n: Some(n), ..got }),
                    Field::Quarter => (len == 1 && (1..=4).contains(&v))
                        .then(|| {
                            same(got.quarter, v as u32).map(|q| Fields {
                                quarter: Some(q),
                                ..got
                            })
                        })
                        .flatten(),
                    Field::Month => (len == 2 && (1..=12).contains(&v))
                        .then(|| with_month(got, v as u32))
                        .flatten(),
                    Field::MonthName => None,
                };
                if let Some(f) = f {
                    read_from(more, r, f, out);
                }
            }
        }
    }
}

fn same<T: PartialEq + Copy>(had: Option<T>, v: T) -> Option<T> {
    match had {
        Some(h) if h != v => None,
        _ => Some(v),
    }
}

fn with_month(got: Fields, m: u32) -> Option<Fields> {
    same(got.month, m).map(|month| Fields {
        month: Some(month),
        ..got
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    #[test]
    fn renders_fields() {
        let t = Template::parse("{year} Q{quarter} revision published").unwrap();
        assert_eq!(
            t.render(date(2026, 10, 1), 20),
            "2026 Q4 revision published"
        );
        let t = Template::parse("Rust 1.{n}.0").unwrap();
        assert_eq!(t.render(date(2025, 10, 30), 91), "Rust 1.91.0");
        let t = Template::parse("{month_name} {year} ({month}) {{draft}}").unwrap();
        assert_eq!(t.render(date(2024, 2, 29), 0), "February 2024 (02) {draft}");
    }

    #[test]
    fn reads_names_back() {
        let t = Template::parse("{year} Q{quarter} revision published").unwrap();
        assert_eq!(
            t.read("2026 Q4 revision published"),
            [Fields {
                year: Some(2026),
                quarter: Some(4),
                ..Fields::default()
            }]
        );
        assert!(t.read("2026 Q5 revision published").is_empty());
        assert!(t.read("2026 Q4 revision").is_empty());
        let t = Template::parse("Rust 1.{n}.0").unwrap();
        assert_eq!(t.read("Rust 1.91.0")[0].n, Some(91));
        let t = Template::parse("{n}{n}").unwrap();
        assert_eq!(t.read("1212")[0].n, Some(12));
        let t = Template::parse("due {month_name} {year}").unwrap();
        assert_eq!(t.read("due May 2030")[0].month, Some(5));
    }

    #[test]
    fn templates_that_cannot_share_names() {
        let t = |s: &str| Template::parse(s).unwrap();
        let cases = [
            (
                "{year} Q{quarter} revision process begins",
                "{year} Q{quarter} revision published",
                false,
            ),
            ("{year} Q{quarter} review", "{year} Q{quarter} review", true),
            ("x{n}", "x1{n}", true),
            ("Rust 1.{n}.0", "Go 1.{n}", false),
            ("{n}", "v{n}", false),
            ("{n}", "{year}-{month}", true),
            ("{month_name} report", "{n} report", false),
            ("report {n}", "report {month}", true),
        ];
        for (a, b, want) in cases {
            assert_eq!(t(a).may_share_names(&t(b)), want, "{a} / {b}");
            assert_eq!(t(b).may_share_names(&t(a)), want, "{b} / {a}");
        }
    }

    #[test]
    fn bad_templates_say_why() {
        for bad in ["{year", "{yaer} x", "x}", "{}"] {
            assert!(Template::parse(bad).is_err(), "{bad}");
        }
    }
}
