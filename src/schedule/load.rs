//! Validating a schedule file, parsed into its TOML tree, into a [`Schedule`].
//!
//! Every error names the file and, where there is one, the line, with the line shown.

use std::collections::HashMap;

use crate::error::{Result, Source};
use crate::schedule::keys::{self, FILE};
use crate::schedule::model::{Schedule, Settings};
use crate::schedule::owners::Owners;
use crate::schedule::phase::Phase;
use crate::schedule::tree::{Item, Table, TableExt};
use crate::schedule::values::{table, tables};
use crate::schedule::written::{self, Pending};

/// The keys of the top level, from [`crate::schedule::keys::FILE`].
const TOP_KEYS: [&str; FILE.keys.len()] = keys::names(FILE.keys);

/// Parses and validates schedule text (already without a byte-order mark).
pub fn parse(source: &Source) -> Result<Schedule> {
    let tree = crate::schedule::tree::from_toml(source)?;
    validate(&tree, Phases::new(source))
}

/// The schedule a file's tree describes; `phases` holds those already read.
fn validate(root: &Table, mut phases: Phases) -> Result<Schedule> {
    let source = phases.source;
    root.only(&TOP_KEYS, source)?;
    let settings = match root.get("document") {
        Some(d) => crate::schedule::settings::read(table(d, source, "[document]")?, source)?,
        None => Settings::default(),
    };
    if let Some(v) = root.get("phase") {
        for item in tables(v, source, "[[phase]]")? {
            phases.add(item, &settings.owner)?;
        }
    }
    let (mut phases, pending) = phases.finish()?;
    let mut cadences = match root.get("cadence") {
        Some(v) => tables(v, source, "[[cadence]]")?
            .into_iter()
            .enumerate()
            .map(|(index, c)| crate::schedule::cadence::build(c, index, source, &settings))
            .collect::<Result<Vec<_>>>()?,
        None => Vec::new(),
    };
    if let Some((name, (ca, sa), (cb, sb))) = crate::schedule::cadence::shared_name(&cadences) {
        let (a, b) = (&cadences[ca].slots[sa], &cadences[cb].slots[sb]);
        return Err(source
            .error(
                source.value_on_line(b.line),
                format!(
                    "`{name}` would be generated twice: by `{}` (line {}) and by `{}` (line {})",
                    a.name.text, a.line, b.name.text, b.line
                ),
            )
            .help("one publication would mark both; give the phases names that cannot meet"));
    }
    // An empty or cut-off file must not pass as "nothing due": it names nothing to check.
    if phases.is_empty() && cadences.is_empty() && settings.include.is_empty() {
        return Err(crate::error::Error::file(
            source.path,
            "has no [[phase]], no [[cadence]] and no `include`: there is nothing to report or check",
        )
        .help("an empty or truncated file is refused rather than passed; `vision-sched init` starts a new schedule"));
    }
    crate::schedule::resolve::resolve(&mut phases, &pending, &cadences, &settings, source)?;
    crate::schedule::resolve::shift_written(&mut phases, &settings, source)?;
    // A written phase with a generated one's name replaces it.
    for c in &mut cadences {
        c.replaced = phases
            .iter()
            .filter(|p| c.find(&p.name).is_some())
            .map(|p| p.name.clone())
            .collect();
    }
    // What loading asked of the days off is no answer's doing (see `DaysOff::ran_out`).
    settings.days_off.forget_asked();
    Ok(Schedule {
        settings,
        phases,
        cadences,
    })
}

/// The written phases, read one `[[phase]]` table at a time.
struct Phases<'s, 'a> {
    source: &'s Source<'a>,
    read: Vec<Phase>,
    /// Dates written relative to another phase, by the index of their phase in `read`.
    pending: Vec<(usize, Pending)>,
}

/// The written phases of a file, and their dates still to fill in.
type Written = (Vec<Phase>, Vec<(usize, Pending)>);

impl<'s, 'a> Phases<'s, 'a> {
    fn new(source: &'s Source<'a>) -> Phases<'s, 'a> {
        Phases {
            source,
            read: Vec::new(),
            pending: Vec::new(),
        }
    }

    fn add(&mut self, item: &Item, owner: &Owners) -> Result<()> {
        let (p, pending) = written::phase(item, self.source, owner)?;
        let index = self.read.len();
        self.pending.extend(pending.into_iter().map(|p| (index, p)));
        self.read.push(p);
        Ok(())
    }

    /// The phases, once no name is written twice, and their dates still to fill in.
    fn finish(self) -> Result<Written> {
        if let Some((first, again)) = first_repeat(&self.read) {
            let (first, again) = (&self.read[first], &self.read[again]);
            let at = self.source.value_on_line(again.line);
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
fn first_repeat(phases: &[Phase]) -> Option<(usize, usize)> {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(phases.len());
    for (i, p) in phases.iter().enumerate() {
        if let Some(&first) = seen.get(p.name.as_str()) {
            return Some((first, i));
        }
        seen.insert(&p.name, i);
    }
    None
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
            .map(|(i, n)| Phase::new(*n, Kind::KeyDate { on: on.into() }, i + 1))
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

    /// Each phase's line was once counted from the start of the file, so 100,000 phases took
    /// minutes (the time is measured by `cargo bench`; here, the lines are right).
    #[test]
    fn many_phases_get_their_lines() {
        let mut text = String::new();
        for i in 0..20_000 {
            text.push_str(&format!("[[phase]]\nname = \"p{i}\"\ndue = 2021-06-30\n"));
        }
        let s = parse(&Source::new(std::path::Path::new("s"), &text)).unwrap();
        assert_eq!(s.phases[19_999].line, 3 * 19_999 + 2);
    }
}
