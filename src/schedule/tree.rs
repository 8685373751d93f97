//! A TOML file as the toml crate reads it: a tree of values ([`DeValue`]), each with the byte
//! span it came from, so that every error found while validating can point at its line. The
//! toml crate parses it ([`from_toml`]); what validating needs beyond the crate's own methods
//! is here: a table's keys checked against those allowed ([`TableExt`]), its entries in file
//! order, a value's kind named for messages and integers read whole.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Error, Result, Source};

/// A table: its keys in the toml crate's (sorted) order, each with its span.
pub(crate) type Table<'a> = DeTable<'a>;

/// A value and where it is in the file.
pub(crate) type Item<'a> = Spanned<DeValue<'a>>;

/// A key and where it is in the file.
pub(crate) type Key<'a> = Spanned<Cow<'a, str>>;

/// What validating a table needs beyond `get`.
pub(crate) trait TableExt<'a> {
    /// An error at the first key in the file that is not one of `allowed`, naming the ones that
    /// are.
    fn only(&self, allowed: &[&str], source: &Source) -> Result<()>;

    /// The values of `keys`, in their order, in one pass over the entries; an error at the
    /// first key that is not one of them, as [`TableExt::only`] gives.
    fn fields<const N: usize>(
        &self,
        keys: &[&str; N],
        source: &Source,
    ) -> Result<[Option<&Item<'a>>; N]>;

    /// The entries in the order of their place in the file, for errors about the first.
    fn in_order(&self) -> Vec<(&Key<'a>, &Item<'a>)>;
}

impl<'a> TableExt<'a> for Table<'a> {
    fn only(&self, allowed: &[&str], source: &Source) -> Result<()> {
        let first = self
            .keys()
            .filter(|k| !allowed.contains(&k.get_ref().as_ref()))
            .min_by_key(|k| k.span().start);
        match first {
            None => Ok(()),
            Some(k) => Err(unknown(k, allowed, source)),
        }
    }

    fn fields<const N: usize>(
        &self,
        keys: &[&str; N],
        source: &Source,
    ) -> Result<[Option<&Item<'a>>; N]> {
        let mut out = [None; N];
        for (k, v) in self {
            match keys.iter().position(|key| *key == k.get_ref()) {
                Some(i) => out[i] = Some(v),
                // The entries are in key order: the error is at the file's first unknown key.
                None => self.only(keys, source)?,
            }
        }
        Ok(out)
    }

    fn in_order(&self) -> Vec<(&Key<'a>, &Item<'a>)> {
        let mut entries: Vec<_> = self.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        entries
    }
}

fn unknown(k: &Key, allowed: &[&str], source: &Source) -> Error {
    let list: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    source.error(
        k.span(),
        format!(
            "unknown field `{}`, expected one of {}",
            k.get_ref(),
            list.join(", ")
        ),
    )
}

/// What kind of value this is, for messages: "a string", "an integer", ...
pub(crate) fn type_name(v: &DeValue) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// An integer's value; `None` for any other value. Every integer of a file read by
/// [`from_toml`] fits.
pub(crate) fn integer(v: &DeValue) -> Option<i64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

/// The whole file through the toml crate's parser, with its located syntax errors.
pub(crate) fn from_toml<'a>(source: &Source<'a>) -> Result<Table<'a>> {
    let doc = DeTable::parse(source.text)
        .map_err(|e| toml_error(source, &e))?
        .into_inner();
    integers_fit(&doc, source)?;
    Ok(doc)
}

/// The toml crate keeps integers as written: one too large for an `i64` is an error wherever
/// it is, before any other, the first in key order.
fn integers_fit(t: &Table, source: &Source) -> Result<()> {
    t.values().try_for_each(|v| fits(v, source))
}

fn fits(v: &Item, source: &Source) -> Result<()> {
    match v.get_ref() {
        DeValue::Integer(i) if integer(v.get_ref()).is_none() => {
            Err(source.error(v.span(), format!("the number {i} is too large")))
        }
        DeValue::Array(a) => a.iter().try_for_each(|v| fits(v, source)),
        DeValue::Table(t) => integers_fit(t, source),
        _ => Ok(()),
    }
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
