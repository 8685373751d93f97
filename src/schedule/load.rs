//! Reading a schedule file into a validated [`Schedule`].
//!
//! Every error names the file and, where there is one, the line, with the line shown.

use std::ops::Range;
use std::path::Path;

use crate::error::{Result, Source};
use crate::schedule::keys::{self, FILE};
use crate::schedule::model::{Document, Schedule};
use crate::schedule::phase::Phase;
use crate::schedule::tree::{Item, Table};
use crate::schedule::values::{table, tables};
use crate::schedule::written::{self, Pending};

/// The keys of the top level, from [`crate::schedule::keys::FILE`].
const TOP_KEYS: [&str; FILE.keys.len()] = keys::names(FILE.keys);

/// Reads and validates the schedule at `path`, reading the file exactly once.
pub fn load(path: &Path) -> Result<Schedule> {
    from_bytes(path, crate::io::read::bytes(path, "a schedule file")?)
}

/// Validates a schedule file's bytes; `path` is only for messages.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Schedule> {
    let text = crate::io::read::text_of(path, bytes)?;
    parse(&Source::new(path, &text))
}

/// Parses and validates schedule text (already without a byte-order mark).
///
/// The fast pass ([`crate::schedule::scan`]) reads the plain TOML schedules are written in,
/// handing over each `[[phase]]` as it ends; the toml crate reads the rest. When anything is
/// wrong, the file is read again by the toml crate alone, so every error is the one it locates.
pub fn parse(source: &Source) -> Result<Schedule> {
    let fast = if source.text.len() >= PARALLEL_BYTES {
        fast_in_parts(source)
    } else {
        fast_pass(source.path, source.text).and_then(|(root, read, pending, _)| {
            let mut phases = Phases::new(source);
            phases.read = read;
            phases.pending = pending;
            validate(&root, phases).ok()
        })
    };
    match fast {
        Some(schedule) => Ok(schedule),
        None => parse_with_toml(source),
    }
}

/// Files at least this large are read in parts at once, one part per core (up to four).
const PARALLEL_BYTES: usize = 1 << 20;

/// What the fast pass reads of a file or a part: its tree, its phases (lines counted from the
/// part's start), their dates still to fill in, and its number of lines.
type Part<'a> = (Table<'a>, Vec<Phase>, Vec<(usize, Pending)>, usize);

/// The fast pass over `text` (all of a file, or a part starting at a `[[phase]]` header).
fn fast_pass<'a>(path: &Path, text: &'a str) -> Option<Part<'a>> {
    let source = Source::new(path, text);
    let mut phases = Phases::new(&source);
    let (root, lines) = crate::schedule::scan::scan(text, &mut |item, line| {
        phases.lines.seek(item.span.start, line);
        phases.add(item).is_ok()
    })?;
    Some((root, phases.read, phases.pending, lines))
}

/// The fast pass over a large file in parts, one thread each: the file is cut before
/// `[[phase]]` headers, each part read on its own, and the parts joined. Whatever the parts
/// cannot vouch for alone (a part that does not end cleanly, a table in two parts, `phase`
/// written inline) gives `None`, and the caller reads the whole file in one pass.
fn fast_in_parts(source: &Source) -> Option<Schedule> {
    let text = source.text;
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let parts = cores
        .clamp(1, 4)
        .min(text.len() / (PARALLEL_BYTES / 2))
        .max(1);
    let mut cuts = vec![0];
    for i in 1..parts {
        let near = text.len() * i / parts;
        let at = text[near..].find("\n[[phase]]").map(|j| near + j + 1)?;
        if at > *cuts.last().unwrap_or(&0) {
            cuts.push(at);
        }
    }
    cuts.push(text.len());
    let pieces: Vec<&str> = cuts.windows(2).map(|w| &text[w[0]..w[1]]).collect();
    let results: Vec<Option<Part>> = std::thread::scope(|scope| {
        let handles: Vec<_> = pieces
            .iter()
            .map(|piece| scope.spawn(|| fast_pass(source.path, piece)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    let mut results = results.into_iter();
    let (mut root, mut read, mut pending, mut lines) = results.next()??;
    // The line each part starts on: the previous parts' lines, less the one they share.
    let mut base = lines - 1;
    for part in results {
        let (part_root, part_read, part_pending, part_lines) = part?;
        for (key, item) in part_root.entries {
            // `phase` written inline, or one table in two parts: the whole file in one pass.
            if key.name == "phase" || root.get(&key.name).is_some() {
                return None;
            }
            root.entries.push((key, item));
        }
        let offset = read.len();
        pending.extend(part_pending.into_iter().map(|(i, p)| (i + offset, p)));
        read.extend(part_read.into_iter().map(|mut p| {
            p.line += base;
            p
        }));
        base += part_lines - 1;
        lines += part_lines - 1;
    }
    // A part after the first began at a `[[phase]]` header: `phase` must not also be inline.
    if pieces.len() > 1 && root.get("phase").is_some() {
        return None;
    }
    let mut phases = Phases::new(source);
    phases.read = read;
    phases.pending = pending;
    let _ = lines;
    validate(&root, phases).ok()
}

/// [`parse`] through the toml crate alone: the reference the fast pass is checked against.
pub fn parse_with_toml(source: &Source) -> Result<Schedule> {
    let tree = crate::schedule::tree::from_toml(source)?;
    validate(&tree, Phases::new(source))
}

/// The schedule a file's tree describes; `phases` holds those already read.
fn validate(root: &Table, mut phases: Phases) -> Result<Schedule> {
    let source = phases.source;
    root.only(&TOP_KEYS, source)?;
    let document = match root.get("document") {
        Some(d) => crate::schedule::document::read(table(d, source, "[document]")?, source)?,
        None => Document::default(),
    };
    if let Some(v) = root.get("phase") {
        for item in tables(v, source, "[[phase]]")? {
            phases.add(item)?;
        }
    }
    let (mut phases, pending) = phases.finish()?;
    let mut cadences = match root.get("cadence") {
        Some(v) => tables(v, source, "[[cadence]]")?
            .into_iter()
            .enumerate()
            .map(|(index, c)| crate::schedule::cadence::build(c, index, source, &document))
            .collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    if let Some((name, (ca, sa), (cb, sb))) = crate::schedule::cadence::shared_name(&cadences) {
        let (a, b) = (&cadences[ca].slots[sa], &cadences[cb].slots[sb]);
        return Err(source
            .error(
                name_span(source, b.line),
                format!(
                    "`{name}` would be generated twice: by `{}` (line {}) and by `{}` (line {})",
                    a.name.text, a.line, b.name.text, b.line
                ),
            )
            .help("one publication would mark both; give the phases names that cannot meet"));
    }
    crate::schedule::resolve::resolve(&mut phases, &pending, &cadences, &document, source)?;
    crate::schedule::resolve::shift_written(&mut phases, &document, source)?;
    // A written phase with a generated one's name replaces it.
    for c in &mut cadences {
        c.replaced = phases
            .iter()
            .filter(|p| c.find(&p.name).is_some())
            .map(|p| p.name.clone())
            .collect();
    }
    Ok(Schedule {
        document,
        phases,
        cadences,
    })
}

/// The written phases, read one `[[phase]]` table at a time.
struct Phases<'s, 'a> {
    source: &'s Source<'a>,
    lines: Lines<'a>,
    read: Vec<Phase>,
    /// Dates written relative to another phase, by the index of their phase in `read`.
    pending: Vec<(usize, Pending)>,
}

/// The written phases of a file, and their dates still to fill in.
type Written = (Vec<Phase>, Vec<(usize, Pending)>);

impl<'s, 'a> Phases<'s, 'a> {
    fn new(source: &'s Source<'a>) -> Phases<'s, 'a> {
        // A guess at the room needed (a phase takes some 60 bytes of text), so a large file does
        // not grow its vector from nothing; the guess is capped, and only touched memory costs.
        let expected = (source.text.len() / 64).min(1 << 20);
        Phases {
            source,
            lines: Lines::new(source.text),
            read: Vec::with_capacity(expected),
            pending: Vec::new(),
        }
    }

    fn add(&mut self, item: &Item) -> Result<()> {
        let lines = &mut self.lines;
        let (p, pending) = written::phase(item, self.source, &mut |at| lines.line_of(at))?;
        let index = self.read.len();
        self.pending.extend(pending.into_iter().map(|p| (index, p)));
        self.read.push(p);
        Ok(())
    }

    /// The phases, once no name is written twice, and their dates still to fill in.
    fn finish(self) -> Result<Written> {
        if let Some((first, again)) = first_repeat(&self.read) {
            let (first, again) = (&self.read[first], &self.read[again]);
            let at = name_span(self.source, again.line);
            return Err(self
                .source
                .error(at, format!("duplicate phase name `{}`", again.name))
                .help(format!(
                    "the first `{}` is on line {}",
                    again.name, first.line
                )));
        }
        Ok((self.read, self.pending))
    }
}

/// The first phase whose name an earlier one has, and that earlier one, by index.
///
/// An open-addressed table of indices, 4 bytes a slot and twice as many slots as phases: a map
/// from names took some 48 bytes a phase, and memory first touched costs a page fault, which
/// is most of what a large schedule costs. Names are hashed with FNV-1a ([`crate::fnv`]),
/// several times faster than the default hasher on short keys; a schedule is not an attacker's
/// input to a server.
fn first_repeat(phases: &[Phase]) -> Option<(usize, usize)> {
    // Slots hold an index plus one; 0 is free, so the table starts as zeroed memory.
    let slots = (phases.len() * 2).next_power_of_two().max(16);
    let mut table = vec![0u32; slots];
    for (i, p) in phases.iter().enumerate() {
        let mut at = slot(&p.name, slots);
        loop {
            match table[at] {
                0 => {
                    // Past 4 billion phases (some 400 GB of model) names go unchecked.
                    table[at] = u32::try_from(i + 1).ok()?;
                    break;
                }
                j if phases[j as usize - 1].name == p.name => return Some((j as usize - 1, i)),
                _ => at = (at + 1) & (slots - 1),
            }
        }
    }
    None
}

/// A name's slot in a table of `slots` (a power of two).
fn slot(name: &str, slots: usize) -> usize {
    let h = crate::fnv::fnv1a(&[name]);
    // The low bits pick the slot; folding in the high ones spreads names that differ at the end.
    #[allow(clippy::cast_possible_truncation)]
    let folded = (h ^ (h >> 32)) as usize;
    folded & (slots - 1)
}

/// Line numbers of offsets that mostly increase, in linear time: counting from the start of the
/// file for each phase made 100,000 phases take minutes.
struct Lines<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// Tells it that `offset` is on `line`, so counting goes on from there.
    fn seek(&mut self, offset: usize, line: usize) {
        (self.offset, self.line) = (offset.min(self.text.len()), line);
    }

    /// 1-based line of a byte offset; counts on from the last offset asked about.
    fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            (self.offset, self.line) = (0, 1);
        }
        let newlines = self.text.as_bytes()[self.offset..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        (self.offset, self.line) = (offset, self.line + newlines);
        self.line
    }
}

/// The span of a phase's `name` value on `line`, for errors found after parsing.
fn name_span(source: &Source, line: usize) -> Range<usize> {
    let start: usize = source
        .text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let text = &source.text[start..];
    let len = text.find('\n').unwrap_or(text.len());
    let at = text[..len].find('=').map_or(0, |i| i + 1);
    let lead = text[at..len].len() - text[at..len].trim_start().len();
    let s = start + at + lead;
    s..start + len
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::phase::Kind;

    fn named(names: &[&str]) -> Vec<Phase> {
        let on = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        names
            .iter()
            .enumerate()
            .map(|(i, n)| Phase::new(*n, Kind::Date { on }, i + 1))
            .collect()
    }

    #[test]
    fn the_first_repeated_name_is_found_with_its_first_use() {
        // Names, and the (first, repeated) phases expected.
        type Case = (&'static [&'static str], Option<(usize, usize)>);
        let cases: [Case; 8] = [
            (&[], None),
            (&["a"], None),
            (&["a", "b", "c"], None),
            (&["a", "a"], Some((0, 1))),
            (&["a", "b", "c", "a"], Some((0, 3))),
            (&["a", "b", "b", "a"], Some((1, 2))),
            (&["x", "x", "x"], Some((0, 1))),
            // Names alike but for case, a space or a last byte are different names.
            (&["Q1", "q1", "Q1 ", "Q2"], None),
        ];
        for (names, want) in cases {
            assert_eq!(first_repeat(&named(names)), want, "{names:?}");
        }
    }

    #[test]
    fn repeats_are_found_among_many_names_and_full_tables() {
        let names: Vec<String> = (0..20_000).map(|i| format!("Phase {i}")).collect();
        let mut refs: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(first_repeat(&named(&refs)), None);
        refs.push("Phase 12345");
        assert_eq!(first_repeat(&named(&refs)), Some((12_345, 20_000)));
        // Every count up to a few slots, where the table is fullest.
        for n in 1..40 {
            let mut some: Vec<&str> = refs[..n].to_vec();
            assert_eq!(first_repeat(&named(&some)), None, "{n}");
            some.push(refs[n / 2]);
            assert_eq!(first_repeat(&named(&some)), Some((n / 2, n)), "{n}");
        }
    }

    #[test]
    fn lines_agree_with_counting_from_the_start() {
        let text = "a\nbb\n\nccc\ré\n";
        let source = Source::new(Path::new("s"), text);
        let mut lines = Lines::new(text);
        for offset in [0, 1, 2, 5, 6, 7, 3, 0, 12, 40, 9] {
            assert_eq!(
                lines.line_of(offset),
                source.line_of(offset.min(text.len())),
                "{offset}"
            );
        }
    }

    /// Regression: each phase's line was counted from the start of the file, so 100,000 phases
    /// took minutes (the time is measured by `cargo bench`; here, the lines are right).
    #[test]
    fn many_phases_get_their_lines() {
        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(&format!("[[phase]]\nname = \"p{i}\"\ndue = 2021-06-30\n"));
        }
        let s = parse(&Source::new(Path::new("s"), &text)).unwrap();
        assert_eq!(s.phases[19_999].line, 3 * 19_999 + 2);
    }

    /// Large files are read in parts at once; whatever the parts, the schedule (lines included)
    /// or the error is the toml crate's.
    #[test]
    fn a_large_file_read_in_parts_reads_as_one() {
        let phases = |from: usize, n: usize, eol: &str| -> String {
            (from..from + n)
                .map(|i| {
                    format!(
                        "[[phase]]{eol}name = \"phase {i} of a large schedule\"{eol}due = 2021-06-30 # {i}{eol}{eol}"
                    )
                })
                .collect()
        };
        let cadence = "[[cadence]]\nevery = \"month\"\nfrom = 2022-01-01\n\n[[cadence.phase]]\nname = \"{year}-{month} report\"\ndue = \"last day\"\n\n";
        let n = 30_000;
        let cases = [
            // Plain, and with CRLF line endings.
            format!("[document]\ntitle = \"big\"\n\n{}", phases(0, n, "\n")),
            phases(0, n, "\r\n"),
            // A cadence between the phases, and the document table at the end.
            format!(
                "{}{cadence}{}[document]\nwarn = 3\n",
                phases(0, n, "\n"),
                phases(n, n, "\n")
            ),
            // A cadence's phase written after a [[phase]]: TOML adds it to the cadence.
            format!(
                "{cadence}{}[[cadence.phase]]\nname = \"{{year}}-{{month}} late\"\ndue = \"first day\"\n",
                phases(0, n, "\n")
            ),
            // Errors: a name written twice far apart, `phase` both inline and as tables, a
            // table defined twice.
            format!("{}{}", phases(0, n, "\n"), phases(0, 1, "\n")),
            format!(
                "phase = [{{ name = \"inline\", due = 2021-01-01 }}]\n{}",
                phases(0, n, "\n")
            ),
            format!("[document]\n{}[document]\n", phases(0, n, "\n")),
        ];
        for text in cases {
            assert!(text.len() >= PARALLEL_BYTES, "{}", text.len());
            let source = Source::new(Path::new("s.toml"), &text);
            let got = parse(&source).map_err(|e| e.to_string());
            let want = parse_with_toml(&source).map_err(|e| e.to_string());
            assert_eq!(got, want, "{}", &text[..200]);
        }
    }
}
