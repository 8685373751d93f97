//! A fast single pass over the plain TOML that schedules are written in, giving the same
//! [`Table`] as the toml crate would.
//!
//! The toml crate takes about 200 ms to read a schedule of 100,000 phases; this pass takes a few.
//! It accepts only a plain subset of TOML and gives up (returns `None`) at anything else, so the
//! caller then uses the full parser, which also gives every syntax error. Given up on:
//! multi-line strings, escapes other than `\" \\ \n \t \r \b \f`, numbers other than plain
//! decimal integers, times and date-times, inline tables over several lines or with a trailing
//! comma, dotted keys inside inline tables, keys that are not ASCII, a table defined twice or
//! extended in a way TOML forbids, control characters, and anything malformed.
//!
//! A differential test and a fuzz target check that whatever this accepts, the toml crate reads
//! the same way.

use std::borrow::Cow;
use std::ops::Range;

use toml::value::{Date, Datetime};

use crate::schedule::tree::{Item, Key, Table, TableKind, Value};

/// The file as a tree, or `None` when it is not in the plain subset. The tables of a root
/// `[[phase]]` array are not kept in the tree: each is handed to `phase` once it ends, with the
/// line its header is on, so a file of 100,000 phases is never held as a tree. `phase` returns
/// false to give up. Also gives how many lines the text has.
pub fn scan<'a>(
    text: &'a str,
    phase: &mut dyn FnMut(&Item<'a>, usize) -> bool,
) -> Option<(Table<'a>, usize)> {
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        pos: 0,
        depth: 0,
        line: 1,
    };
    let mut root = Table::default();
    // Where key/values go: a path of entry indices from the root (arrays: their last table), or
    // the `[[phase]]` table being read.
    let mut current: Option<Vec<usize>> = Some(Vec::new());
    // The `[[phase]]` table being read, and its header's line; one table, reused for each.
    let mut pending = Item {
        span: 0..0,
        value: Value::Table(Table::of(TableKind::Element)),
    };
    let mut pending_line: Option<usize> = None;
    let mut streamed = false;
    loop {
        s.blank_lines()?;
        if s.eof() {
            if let Some(line) = pending_line
                && !phase(&pending, line)
            {
                return None;
            }
            return Some((root, s.line));
        }
        if s.peek() == Some(b'[') {
            let line = s.line;
            let (array, keys, span) = s.header()?;
            if let Some(line) = pending_line.take()
                && !phase(&pending, line)
            {
                return None;
            }
            if array && keys.rest.is_empty() && keys.first.name == "phase" {
                if find(&root, "phase").is_some() {
                    return None;
                }
                streamed = true;
                pending.span = span;
                if let Value::Table(t) = &mut pending.value {
                    t.entries.clear();
                }
                pending_line = Some(line);
                current = None;
            } else {
                // A header that extends a phase already handed on is not for this pass.
                if streamed && keys.first.name == "phase" {
                    return None;
                }
                current = Some(open(&mut root, array, &keys, span)?);
            }
        } else {
            let table = match (&current, &mut pending.value) {
                (Some(path), _) => table_at(&mut root, path)?,
                (None, Value::Table(t)) => t,
                _ => return None,
            };
            s.key_value(table)?;
        }
        s.line_end()?;
    }
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    /// How deep in arrays and inline tables the value being read is.
    depth: usize,
    /// The line `pos` is on.
    line: usize,
}

/// Deeper values are left to the full parser, which refuses them with a message.
const MAX_DEPTH: usize = 16;

/// The table at `path`, descending into the last element of arrays of tables.
fn table_at<'t, 'a>(root: &'t mut Table<'a>, path: &[usize]) -> Option<&'t mut Table<'a>> {
    let mut t = root;
    for &i in path {
        t = match &mut t.entries.get_mut(i)?.1.value {
            Value::Table(sub) => sub,
            Value::Array(items) => match &mut items.last_mut()?.value {
                Value::Table(sub) => sub,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(t)
}

fn find(t: &Table, name: &str) -> Option<usize> {
    t.entries.iter().position(|(k, _)| k.name == name)
}

impl<'a> Scanner<'a> {
    fn eof(&self) -> bool {
        self.pos >= self.b.len()
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(self.pos + i).copied()
    }

    fn spaces(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    /// A comment to the end of its line (not the line ending).
    fn comment(&mut self) -> Option<()> {
        if self.peek() != Some(b'#') {
            return Some(());
        }
        while let Some(c) = self.peek() {
            match c {
                b'\n' => break,
                b'\r' if self.at(1) == Some(b'\n') => break,
                b'\t' => {}
                0..=0x1f | 0x7f => return None,
                _ => {}
            }
            self.pos += 1;
        }
        Some(())
    }

    fn newline(&mut self) -> bool {
        let n = match (self.peek(), self.at(1)) {
            (Some(b'\n'), _) => 1,
            (Some(b'\r'), Some(b'\n')) => 2,
            _ => return false,
        };
        self.pos += n;
        self.line += 1;
        true
    }

    /// Blank and comment-only lines, up to the next line with content.
    fn blank_lines(&mut self) -> Option<()> {
        loop {
            let start = self.pos;
            self.spaces();
            self.comment()?;
            if self.eof() {
                return Some(());
            }
            if !self.newline() {
                self.pos = start;
                self.spaces();
                return Some(());
            }
        }
    }

    /// The rest of a line after its content: blanks, a comment, the line ending or the end.
    fn line_end(&mut self) -> Option<()> {
        self.spaces();
        self.comment()?;
        (self.eof() || self.newline()).then_some(())
    }

    /// Blanks, newlines and comments between the values of an array.
    fn array_space(&mut self) -> Option<()> {
        loop {
            self.spaces();
            self.comment()?;
            if !self.newline() {
                return Some(());
            }
        }
    }

    /// `[a.b]` or `[[a.b]]`: whether it is an array's, its keys and its span.
    fn header(&mut self) -> Option<(bool, Keys<'a>, Range<usize>)> {
        let start = self.pos;
        let array = self.at(1) == Some(b'[');
        self.pos += if array { 2 } else { 1 };
        self.spaces();
        let keys = self.dotted_key()?;
        self.spaces();
        for _ in 0..if array { 2 } else { 1 } {
            if self.peek() != Some(b']') {
                return None;
            }
            self.pos += 1;
        }
        Some((array, keys, start..self.pos))
    }

    /// `key = value` (the key possibly dotted) into `table`.
    fn key_value(&mut self, table: &mut Table<'a>) -> Option<()> {
        let keys = self.dotted_key()?;
        self.spaces();
        if self.peek() != Some(b'=') {
            return None;
        }
        self.pos += 1;
        self.spaces();
        let value = self.value()?;
        let (last, prefix) = (keys.last(), keys.prefix());
        let mut t = table;
        for key in prefix {
            let i = if let Some(i) = find(t, &key.name) {
                i
            } else {
                t.entries.push((
                    key.clone(),
                    Item {
                        span: key.span.clone(),
                        value: Value::Table(Table::of(TableKind::Dotted)),
                    },
                ));
                t.entries.len() - 1
            };
            t = match &mut t.entries[i].1.value {
                Value::Table(sub) if sub.kind == TableKind::Dotted => sub,
                _ => return None,
            };
        }
        if find(t, &last.name).is_some() {
            return None;
        }
        t.entries.push((last.clone(), value));
        Some(())
    }

    /// `a`, `a.b`, `"a b".c`: the parts of a key.
    fn dotted_key(&mut self) -> Option<Keys<'a>> {
        let mut keys = Keys {
            first: self.key()?,
            rest: Vec::new(),
        };
        loop {
            let save = self.pos;
            self.spaces();
            if self.peek() != Some(b'.') {
                self.pos = save;
                return Some(keys);
            }
            self.pos += 1;
            self.spaces();
            keys.rest.push(self.key()?);
            if keys.rest.len() > MAX_DEPTH {
                return None;
            }
        }
    }

    fn key(&mut self) -> Option<Key<'a>> {
        let start = self.pos;
        let name = match self.peek()? {
            b'"' => self.basic_string()?,
            b'\'' => self.literal_string()?,
            _ => {
                let n = self.b[start..]
                    .iter()
                    .take_while(|c| BARE[usize::from(**c)])
                    .count();
                if n == 0 {
                    return None;
                }
                self.pos += n;
                Cow::Borrowed(&self.text[start..self.pos])
            }
        };
        Some(Key {
            name,
            span: start..self.pos,
        })
    }

    fn value(&mut self) -> Option<Item<'a>> {
        let start = self.pos;
        let value = match self.peek()? {
            b'"' => Value::String(self.basic_string()?),
            b'\'' => Value::String(self.literal_string()?),
            b'[' | b'{' if self.depth >= MAX_DEPTH => return None,
            b'[' => {
                self.depth += 1;
                let v = self.array();
                self.depth -= 1;
                v?
            }
            b'{' => {
                self.depth += 1;
                let v = self.inline_table();
                self.depth -= 1;
                v?
            }
            b't' if self.word("true") => Value::Boolean(true),
            b'f' if self.word("false") => Value::Boolean(false),
            b'0'..=b'9' | b'+' | b'-' => self.number_or_date()?,
            _ => return None,
        };
        let span = start..self.pos;
        // A value ends at a blank, a comment, a line ending, or the punctuation around it.
        match self.peek() {
            None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'#' | b',' | b']' | b'}') => {
                Some(Item { span, value })
            }
            _ => None,
        }
    }

    fn word(&mut self, w: &str) -> bool {
        if self.b[self.pos..].starts_with(w.as_bytes()) {
            self.pos += w.len();
            true
        } else {
            false
        }
    }

    /// `"..."` with the common escapes; `None` for a multi-line string or any other escape.
    fn basic_string(&mut self) -> Option<Cow<'a, str>> {
        if self.b[self.pos..].starts_with(b"\"\"\"") {
            return None;
        }
        self.pos += 1;
        let start = self.pos;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            self.pos += plain_run(&self.b[self.pos..]);
            let c = self.peek()?;
            match c {
                b'"' => {
                    let text = &self.text[run..self.pos];
                    self.pos += 1;
                    return Some(match owned {
                        None => Cow::Borrowed(text),
                        Some(mut s) => {
                            s.push_str(text);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..self.pos]);
                    let unescaped = match self.at(1)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        _ => return None,
                    };
                    s.push(unescaped);
                    self.pos += 2;
                    run = self.pos;
                }
                b'\t' => self.pos += 1,
                0..=0x1f | 0x7f => return None,
                _ => self.pos += 1,
            }
        }
    }

    /// `'...'`; `None` for a multi-line literal string.
    fn literal_string(&mut self) -> Option<Cow<'a, str>> {
        if self.b[self.pos..].starts_with(b"'''") {
            return None;
        }
        self.pos += 1;
        let start = self.pos;
        loop {
            match self.peek()? {
                b'\'' => {
                    let text = &self.text[start..self.pos];
                    self.pos += 1;
                    return Some(Cow::Borrowed(text));
                }
                b'\t' => self.pos += 1,
                0..=0x1f | 0x7f => return None,
                _ => self.pos += 1,
            }
        }
    }

    /// A plain decimal integer or a date `YYYY-MM-DD`; `None` for anything else.
    fn number_or_date(&mut self) -> Option<Value<'a>> {
        let b = &self.b[self.pos..];
        let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
        if b.len() >= 10
            && digits(&b[..4])
            && b[4] == b'-'
            && digits(&b[5..7])
            && b[7] == b'-'
            && digits(&b[8..10])
        {
            // A time after the date (`T`, or a space and a digit) is a date-time: not here.
            match b.get(10) {
                Some(b'T' | b't' | b':' | b'.' | b'0'..=b'9') => return None,
                Some(b' ') if b.get(11).is_some_and(u8::is_ascii_digit) => return None,
                _ => {}
            }
            let n = |s: &[u8]| s.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0'));
            let (year, month, day) = (n(&b[..4]), n(&b[5..7]), n(&b[8..10]));
            let valid = (1..=12).contains(&month)
                && day >= 1
                && day <= crate::dates::days_in_month(year as i32, month);
            if !valid {
                return None;
            }
            self.pos += 10;
            return Some(Value::Datetime(Datetime {
                date: Some(Date {
                    year: year as u16,
                    month: month as u8,
                    day: day as u8,
                }),
                time: None,
                offset: None,
            }));
        }
        let start = self.pos;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let first = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let len = self.pos - first;
        // Leading zeros, underscores, other bases, floats: the full parser's business.
        if len == 0 || (len > 1 && self.b[first] == b'0') {
            return None;
        }
        if matches!(
            self.peek(),
            Some(b'_' | b'.' | b'e' | b'E' | b'x' | b'o' | b'b' | b':' | b'-')
        ) {
            return None;
        }
        self.text[start..self.pos].parse().ok().map(Value::Integer)
    }

    /// `[v, v, ...]`, over several lines if need be, a trailing comma allowed.
    fn array(&mut self) -> Option<Value<'a>> {
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.array_space()?;
            if self.peek() == Some(b']') {
                self.pos += 1;
                return Some(Value::Array(items));
            }
            items.push(self.value()?);
            self.array_space()?;
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => {
                    self.pos += 1;
                    return Some(Value::Array(items));
                }
                _ => return None,
            }
        }
    }

    /// `{ k = v, ... }` on one line, no trailing comma, no dotted keys.
    fn inline_table(&mut self) -> Option<Value<'a>> {
        self.pos += 1;
        let mut t = Table::of(TableKind::Inline);
        self.spaces();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Some(Value::Table(t));
        }
        loop {
            self.spaces();
            let key = self.key()?;
            self.spaces();
            if self.peek() != Some(b'=') {
                return None;
            }
            self.pos += 1;
            self.spaces();
            let value = self.value()?;
            if find(&t, &key.name).is_some() {
                return None;
            }
            t.entries.push((key, value));
            self.spaces();
            match self.peek()? {
                b',' => self.pos += 1,
                b'}' => {
                    self.pos += 1;
                    return Some(Value::Table(t));
                }
                _ => return None,
            }
        }
    }
}

/// Creates the table a header names, following TOML's rules on extending tables, and returns
/// its path.
fn open<'a>(
    root: &mut Table<'a>,
    array: bool,
    keys: &Keys<'a>,
    span: Range<usize>,
) -> Option<Vec<usize>> {
    let (last, prefix) = (keys.last(), keys.prefix());
    let mut path = Vec::with_capacity(keys.rest.len() + 1);
    let mut t = root;
    for key in prefix {
        let i = if let Some(i) = find(t, &key.name) {
            i
        } else {
            t.entries.push((
                key.clone(),
                Item {
                    span: span.clone(),
                    value: Value::Table(Table::of(TableKind::Implicit)),
                },
            ));
            t.entries.len() - 1
        };
        path.push(i);
        t = match &mut t.entries[i].1.value {
            Value::Table(sub) if matches!(sub.kind, TableKind::Explicit | TableKind::Implicit) => {
                sub
            }
            Value::Array(items) if is_table_array(items) => match &mut items.last_mut()?.value {
                Value::Table(sub) => sub,
                _ => return None,
            },
            _ => return None,
        };
    }
    let new_table = |kind| Item {
        span: span.clone(),
        value: Value::Table(Table::of(kind)),
    };
    match (find(t, &last.name), array) {
        (None, false) => t
            .entries
            .push((last.clone(), new_table(TableKind::Explicit))),
        (None, true) => t.entries.push((
            last.clone(),
            Item {
                span: span.clone(),
                value: Value::Array(vec![new_table(TableKind::Element)]),
            },
        )),
        (Some(i), false) => match &mut t.entries[i].1.value {
            Value::Table(sub) if sub.kind == TableKind::Implicit && sub.entries.is_empty() => {
                sub.kind = TableKind::Explicit;
            }
            _ => return None,
        },
        (Some(i), true) => match &mut t.entries[i].1.value {
            Value::Array(items) if is_table_array(items) => {
                items.push(new_table(TableKind::Element));
            }
            _ => return None,
        },
    }
    path.push(find(t, &last.name)?);
    Some(path)
}

/// The bytes a bare key is made of.
const BARE: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
        c += 1;
    }
    t
};

/// How many bytes from the start need no care in a basic string: not a quote, a backslash or a
/// control character. Eight bytes at a time; a word that may hold one is looked at byte by byte.
fn plain_run(b: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bytes below n, or equal to c, set their high bit in these (with false alarms, never misses).
    let below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGH;
    let equal = |x: u64, c: u64| below(x ^ (ONES * c), 1);
    let mut i = 0;
    while i + 8 <= b.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&b[i..i + 8]);
        let x = u64::from_le_bytes(word);
        if below(x, 0x20) | equal(x, u64::from(b'"')) | equal(x, u64::from(b'\\')) | equal(x, 0x7f)
            != 0
        {
            break;
        }
        i += 8;
    }
    let plain = |c: &u8| *c >= 0x20 && *c != b'"' && *c != b'\\' && *c != 0x7f;
    i + b[i..].iter().take_while(|c| plain(c)).count()
}

/// The parts of a dotted key; most keys have one, and then nothing is allocated.
struct Keys<'a> {
    first: Key<'a>,
    rest: Vec<Key<'a>>,
}

impl<'a> Keys<'a> {
    fn last(&self) -> &Key<'a> {
        self.rest.last().unwrap_or(&self.first)
    }

    /// Every part but the last.
    fn prefix(&self) -> impl Iterator<Item = &Key<'a>> {
        std::iter::once(&self.first)
            .chain(&self.rest)
            .take(self.rest.len())
    }
}

/// An array made by `[[...]]` headers (not one written inline).
fn is_table_array(items: &[Item]) -> bool {
    matches!(items.first(), Some(Item { value: Value::Table(t), .. }) if t.kind == TableKind::Element)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Source;
    use std::path::Path;

    /// A tree in words, keys sorted, spans and kinds left out: what both parsers must agree on.
    fn canon(t: &Table) -> String {
        let mut parts: Vec<String> = t
            .entries
            .iter()
            .map(|(k, v)| format!("{:?}={}", k.name, value(&v.value)))
            .collect();
        parts.sort();
        format!("{{{}}}", parts.join(","))
    }

    fn value(v: &Value) -> String {
        match v {
            Value::Table(t) => canon(t),
            Value::Array(a) => format!(
                "[{}]",
                a.iter()
                    .map(|i| value(&i.value))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            other => format!("{other:?}"),
        }
    }

    /// The fast pass's tree with the `[[phase]]` tables it handed over put back in, and the
    /// lines it gave for them checked.
    fn scan_all(text: &str) -> Option<Table<'_>> {
        let source = Source::new(Path::new("s.toml"), text);
        let mut phases = Vec::new();
        let (mut root, lines) = scan(text, &mut |item, line| {
            assert_eq!(line, source.line_of(item.span.start), "{text:?}");
            phases.push(item.clone());
            true
        })?;
        assert_eq!(lines, text.matches('\n').count() + 1, "{text:?}");
        if !phases.is_empty() {
            let key = Key {
                name: "phase".into(),
                span: 0..0,
            };
            root.entries.push((
                key,
                Item {
                    span: 0..0,
                    value: Value::Array(phases),
                },
            ));
        }
        Some(root)
    }

    /// Whatever the fast pass accepts, the toml crate reads the same way, and a schedule comes
    /// out the same (lines included) or fails with the same message.
    fn agrees(text: &str) -> bool {
        let source = Source::new(Path::new("s.toml"), text);
        let Some(fast) = scan_all(text) else {
            return false;
        };
        let full = crate::schedule::tree::from_toml(&source)
            .unwrap_or_else(|e| panic!("the fast pass took invalid TOML {text:?}: {e}"));
        assert_eq!(canon(&fast), canon(&full), "{text:?}");
        let a = crate::schedule::load::parse(&source).map_err(|e| e.to_string());
        let b = crate::schedule::load::parse_with_toml(&source).map_err(|e| e.to_string());
        assert_eq!(a, b, "{text:?}");
        true
    }

    #[test]
    fn plain_runs_stop_at_the_first_byte_that_needs_care() {
        let mut cases = vec![(String::new(), 0)];
        for special in ['"', '\\', '\n', '\u{1}', '\u{7f}', '\t'] {
            for at in 0..20 {
                let text = format!(
                    "{}{special}tail of it",
                    "é".repeat(at / 2) + &"x".repeat(at % 2)
                );
                let want = text.find(special).unwrap();
                cases.push((text, want));
            }
        }
        cases.push(("no end at all, é ü".to_string(), "no end at all, é ü".len()));
        for (text, want) in cases {
            assert_eq!(plain_run(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn plain_schedules_take_the_fast_pass() {
        let cases = [
            "",
            "# only a comment\n",
            "[document]\ntitle = \"T\" # c\r\ntimezone = 'UTC'\nwarn = 7\n",
            "[[phase]]\nname = \"a \\\"q\\\" \\\\ \\t é\"\ndue = 2021-06-30\ndone = 2021-07-02\n",
            "[[phase]]\n  name = \"w\"\n\tstart = 2024-02-29\nend = 2024-03-01 # leap\n",
            "phase = [ { name = \"i\", due = 2021-01-01 }, {name='j',until=2021-02-01} ]\n",
            "[[cadence]]\nevery = \"quarter\"\nfrom = 2022-01-01\ndone.\"2022 Q1 x\" = 2022-03-31\ndone.b = 2022-03-31\nskip = [\n  \"2022 Q2 x\", # c\n]\n[[cadence.phase]]\nname = \"{year} Q{quarter} x\"\ndue = \"last day\"\nq4 = { due = \"2nd Friday of December\" }\n",
            "[[cadence]]\nevery = \"month\"\nfrom = 2022-01-31\n[cadence.done]\n\"2022-01 r\" = 2022-01-31\n[[cadence.phase]]\nname = \"{year}-{month} r\"\ndue = \"first day\"\n",
            "[[cadence]]\nevery='year'\nfrom=2022-01-01\nnumbered_from = -3\ncount = 4\n[[cadence.phase]]\nname='v{n}'\ndue='last day'\n[[cadence]]\nevery='week'\nfrom=2022-01-03\n[[cadence.phase]]\nname='w{n}'\ndue='first day'\n",
            "[x]\n[x.y]\nz = true\n[x.w]\n",
            "a.b.c = 1\na.b.d = false\n",
        ];
        for text in cases {
            assert!(agrees(text), "not taken: {text:?}");
        }
    }

    #[test]
    fn anything_else_is_left_to_the_full_parser() {
        let cases = [
            "name = \"\"\"multi\"\"\"\n",
            "name = '''multi'''\n",
            "name = \"\\u00e9\"\n",
            "name = \"\\e\"\n",
            "n = 1_000\n",
            "n = 0x10\n",
            "n = 01\n",
            "n = 1.5\n",
            "n = inf\n",
            "d = 2021-06-30T10:00:00\n",
            "d = 2021-06-30 10:00:00\n",
            "d = 10:00:00\n",
            "d = 2021-02-30\n",
            "d = 2021-6-30\n",
            "t = { a = 1, }\n",
            "t = { a = 1,\n b = 2 }\n",
            "t = { a.b = 1 }\n",
            "[a]\n[a]\n",
            "[a]\nb = 1\n[a.b]\n",
            "a = 1\na = 2\n",
            "a.b = 1\n[a]\n",
            "a = 1 b\n",
            "a = \"x\u{1}\"\n",
            "# bell \u{7}\n",
            "a = 1\r",
            "[[a]]\nx = 1\n[a]\n",
            "a = [1]\n[[a]]\n",
            "q = { due = \"x\" }\n[q.more]\n",
            "[a]b = 1\n",
            "ключ = 1\n",
            "a = \"x\"\"y\"\n",
        ];
        for text in cases {
            assert!(scan_all(text).is_none(), "taken: {text:?}");
            // Whatever the full parser says of it, the result of `parse` is its.
            let source = Source::new(Path::new("s.toml"), text);
            let a = crate::schedule::load::parse(&source).map_err(|e| e.to_string());
            let b = crate::schedule::load::parse_with_toml(&source).map_err(|e| e.to_string());
            assert_eq!(a, b, "{text:?}");
        }
    }

    #[test]
    fn every_schedule_in_the_tree_reads_the_same_both_ways() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = vec![root.join("schedule.toml")];
        for dir in ["tests/bad_input", "tests/fixtures"] {
            let mut stack = vec![root.join(dir)];
            while let Some(d) = stack.pop() {
                for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|x| x == "toml") {
                        files.push(p);
                    }
                }
            }
        }
        assert!(files.len() > 50, "{files:?}");
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            let text = text.trim_start_matches('\u{feff}');
            let source = Source::new(&f, text);
            let a = crate::schedule::load::parse(&source).map_err(|e| e.to_string());
            let b = crate::schedule::load::parse_with_toml(&source).map_err(|e| e.to_string());
            assert_eq!(a, b, "{}", f.display());
            if scan_all(text).is_some() {
                assert!(agrees(text), "{}", f.display());
            }
        }
    }

    /// Lines a schedule is made of, with the odd corners of TOML the fast pass must get right
    /// or leave alone.
    fn line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let key = prop_oneof![
            Just("name".to_string()),
            Just("due".to_string()),
            Just("start".to_string()),
            Just("end".to_string()),
            Just("until".to_string()),
            Just("done".to_string()),
            Just("note".to_string()),
            Just("warn".to_string()),
            Just("every".to_string()),
            Just("from".to_string()),
            Just("\"quoted key\"".to_string()),
            Just("'lit'".to_string()),
            Just("done.\"2022 Q1 x\"".to_string()),
            Just("a . b".to_string()),
            "[a-z_-]{1,6}",
        ];
        let value = prop_oneof![
            "\"[ -~é\\\\\"\\t]{0,12}\"",
            "'[ -~]{0,8}'",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            "(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])",
            "-?[0-9]{1,20}",
            Just("true".to_string()),
            Just("1.5".to_string()),
            Just("[ \"a\", 'b', ]".to_string()),
            Just("[\n  \"a\", # c\n  \"b\"\n]".to_string()),
            Just("{ due = \"last day\" }".to_string()),
            Just("{}".to_string()),
            Just("2021-06-30T10:00:00".to_string()),
            Just("\"\"\"m\"\"\"".to_string()),
        ];
        let header = prop_oneof![
            Just("[document]".to_string()),
            Just("[[phase]]".to_string()),
            Just("[[cadence]]".to_string()),
            Just("[[cadence.phase]]".to_string()),
            Just("[cadence.done]".to_string()),
            Just("[ x . y ]".to_string()),
            Just("[[ phase ]]".to_string()),
        ];
        let comment = prop_oneof![
            Just(String::new()),
            Just(" # c".to_string()),
            Just("\t#".to_string())
        ];
        let eol = prop_oneof![Just("\n"), Just("\r\n"), Just("\n\n")];
        prop_oneof![
            (key, value, comment.clone(), eol.clone())
                .prop_map(|(k, v, c, e)| format!("{k} = {v}{c}{e}")),
            (header, comment, eol).prop_map(|(h, c, e)| format!("{h}{c}{e}")),
            Just("# a comment\n".to_string()),
            Just("  \n".to_string()),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn the_fast_pass_agrees_with_the_toml_crate(lines in proptest::collection::vec(line(), 0..24)) {
            let text: String = lines.concat();
            let source = Source::new(Path::new("s.toml"), &text);
            if let Some(fast) = scan_all(&text) {
                let full = crate::schedule::tree::from_toml(&source);
                proptest::prop_assert!(full.is_ok(), "took invalid TOML {:?}: {:?}", text, full.err().map(|e| e.to_string()));
                proptest::prop_assert_eq!(canon(&fast), canon(&full.unwrap()), "{:?}", text);
            }
            let a = crate::schedule::load::parse(&source).map_err(|e| e.to_string());
            let b = crate::schedule::load::parse_with_toml(&source).map_err(|e| e.to_string());
            proptest::prop_assert_eq!(a, b, "{:?}", text);
        }
    }
}
