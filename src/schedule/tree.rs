//! A TOML file as a tree of values, each with the byte span it came from, so that every error
//! found while validating can point at its line. The toml crate parses it ([`from_toml`]).

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use crate::error::{Error, Result, Source};

/// A value and where it is in the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item<'a> {
    pub(crate) span: Range<usize>,
    pub(crate) value: Value<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    String(Cow<'a, str>),
    Integer(i64),
    /// Kept as written: schedules have no floats, so one is only ever named in an error.
    Float(f64),
    Boolean(bool),
    Datetime(Datetime),
    Array(Vec<Item<'a>>),
    Table(Table<'a>),
}

/// A table's entries in the order of their place in the file, each key with its span. Keys are
/// unique (the parser refuses duplicates).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Table<'a> {
    pub(crate) entries: Vec<(Key<'a>, Item<'a>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Key<'a> {
    pub(crate) name: Cow<'a, str>,
    pub(crate) span: Range<usize>,
}

impl<'a> Table<'a> {
    pub(crate) fn get(&self, key: &str) -> Option<&Item<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v)
    }

    /// An error at the first key that is not one of `allowed`, naming the ones that are.
    pub(crate) fn only(&self, allowed: &[&str], source: &Source) -> Result<()> {
        match self
            .entries
            .iter()
            .find(|(k, _)| !allowed.contains(&k.name.as_ref()))
        {
            None => Ok(()),
            Some((k, _)) => Err(unknown(k, allowed, source)),
        }
    }

    /// The values of `keys`, in their order, in one pass over the entries; an error at the
    /// first key that is not one of them, as [`Table::only`] gives.
    pub(crate) fn fields<const N: usize>(
        &self,
        keys: &[&str; N],
        source: &Source,
    ) -> Result<[Option<&Item<'a>>; N]> {
        let mut out = [None; N];
        for (k, v) in &self.entries {
            match keys.iter().position(|key| *key == k.name) {
                Some(i) => out[i] = Some(v),
                None => return Err(unknown(k, keys, source)),
            }
        }
        Ok(out)
    }
}

fn unknown(k: &Key, allowed: &[&str], source: &Source) -> Error {
    let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    source.error(
        k.span.clone(),
        format!(
            "unknown field `{}`, expected one of {}",
            k.name,
            list.join(", ")
        ),
    )
}

impl Value<'_> {
    /// What kind of value this is, for messages: "a string", "an integer", ...
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "a string",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Boolean(_) => "a boolean",
            Value::Datetime(_) => "a date",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

/// The whole file through the toml crate's parser, with its located syntax errors.
pub(crate) fn from_toml<'a>(source: &Source<'a>) -> Result<Table<'a>> {
    let doc = DeTable::parse(source.text).map_err(|e| toml_error(source, &e))?;
    table(doc.into_inner(), source)
}

fn table<'a>(t: DeTable<'a>, source: &Source) -> Result<Table<'a>> {
    let mut entries = Vec::with_capacity(t.len());
    for (k, v) in t {
        let span = k.span();
        let key = Key {
            name: k.into_inner(),
            span,
        };
        entries.push((key, item(v, source)?));
    }
    entries.sort_by_key(|(k, _): &(Key, Item)| k.span.start);
    Ok(Table { entries })
}

fn item<'a>(v: toml::Spanned<DeValue<'a>>, source: &Source) -> Result<Item<'a>> {
    let span = v.span();
    let value = match v.into_inner() {
        DeValue::String(s) => Value::String(s),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Integer(n),
            Err(_) => {
                return Err(source.error(span, format!("the number {i} is too large")));
            }
        },
        DeValue::Float(f) => Value::Float(f.as_str().parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(d) => Value::Datetime(d),
        DeValue::Array(a) => Value::Array(
            a.into_iter()
                .map(|v| item(v, source))
                .collect::<Result<_>>()?,
        ),
        DeValue::Table(t) => Value::Table(table(t, source)?),
    };
    Ok(Item { span, value })
}

/// Turns a TOML syntax error into a located one.
pub(crate) fn toml_error(source: &Source, e: &toml::de::Error) -> Error {
    let message = e.message().trim().replace('\n', "; ");
    // The toml crate reports a key nested too deeply (`a.a.a...`) without a place.
    let deep = || {
        message
            .contains("recursion limit")
            .then(|| deep_key(source.text))
            .flatten()
    };
    match (e.span(), deep()) {
        (Some(span), _) => source.error(span, message),
        (None, Some(span)) => source.error(span, "a key nested too deeply (at most 80 levels)"),
        (None, None) => Error::file(source.path, message),
    }
}

/// The first dotted key with more parts than the toml crate accepts (80), or near that.
fn deep_key(text: &str) -> Option<Range<usize>> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let key = line.split('=').next().unwrap_or(line);
        if key.matches('.').count() >= 64 {
            let lead = key.len() - key.trim_start().len();
            return Some(at + lead..at + key.trim_end().len());
        }
        at += line.len();
    }
    None
}
