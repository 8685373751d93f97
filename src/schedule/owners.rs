//! Who a phase is for: `owner = "Docs Lead"` or `owner = ["Comms", "Docs"]` on a `[[phase]]` or a
//! `[[cadence.phase]]`, and on `[document]` as the default of that document's phases.
//!
//! - A phase's own `owner` replaces the document's default, and `owner = []` says it has none
//!   (a conference on a release team's calendar). A document's default reaches its own phases
//!   only, not those of the documents it includes.
//! - A name is not blank and holds no control characters; a list names each owner once (letter
//!   case aside) and at most [`crate::limits::OWNERS`] of them. A cadence phase's owner is a name,
//!   not a template: `{n}` in it stays `{n}`.
//! - `--owner NAME` keeps the phases NAME owns: NAME is one of the phase's owners, whole, in any
//!   letter case, spaces around either left out. Given more than once, it keeps the phases of any
//!   of them. It is applied to the schedule before any answer is worked out
//!   ([`crate::schedule::model::Schedule::keep_owned_by`]), so counts and lists agree.

use std::sync::Arc;

use toml::de::DeValue;

use crate::error::{Result, Source};
use crate::schedule::tree::{Item, type_name};
use crate::schedule::values::string;

/// A phase's owners, in the file's order; shared by every phase that takes its document's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Owners(Option<Arc<[String]>>);

impl Owners {
    pub(crate) const NONE: Owners = Owners(None);

    pub(crate) fn new(names: Vec<String>) -> Owners {
        if names.is_empty() {
            Owners(None)
        } else {
            Owners(Some(names.into()))
        }
    }

    pub(crate) fn names(&self) -> &[String] {
        self.0.as_deref().unwrap_or(&[])
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

/// An `owner` value: a name, or a list of names (`[]` for none).
pub(crate) fn read(v: &Item, source: &Source) -> Result<Owners> {
    const EXPECTED: &str = "a name in quotes, like owner = \"Docs Lead\", or a list, like owner = [\"Comms\", \"Docs\"]";
    let items: Vec<&Item> = match v.get_ref() {
        DeValue::String(_) => vec![v],
        DeValue::Array(items) => items.iter().collect(),
        other => {
            return Err(source.error(
                v.span(),
                format!("`owner` is {EXPECTED}; found {}", type_name(other)),
            ));
        }
    };
    if items.len() > crate::limits::OWNERS {
        return Err(source.error(
            items[crate::limits::OWNERS].span(),
            format!(
                "more than {} owners: a phase's owners are shown on each of its lines",
                crate::limits::OWNERS
            ),
        ));
    }
    let mut names: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let name = string(item, source, "an owner's name in quotes")?;
        if name.trim().is_empty() {
            return Err(source.error(
                item.span(),
                "an owner's name cannot be empty (write owner = [] for a phase with no owner)",
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(source.error(
                item.span(),
                "an owner's name cannot hold control characters (newlines, tabs, escapes, NUL)",
            ));
        }
        let key = folded(name);
        if names.iter().any(|n| folded(n) == key) {
            return Err(source.error(
                item.span(),
                format!("`{name}` is named twice in this `owner` list"),
            ));
        }
        names.push(name.to_string());
    }
    Ok(Owners::new(names))
}

/// A name as `--owner` compares it: spaces around left out, in lower case.
fn folded(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The owners `--owner` asks for; a phase is kept when it has any of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Wanted(Vec<String>);

impl Wanted {
    /// The names given, or `None` when none were (every phase is kept).
    pub(crate) fn new(names: &[String]) -> Option<Wanted> {
        (!names.is_empty()).then(|| Wanted(names.iter().map(|n| folded(n)).collect()))
    }

    /// True when one of `owners` is one of the names asked for.
    pub(crate) fn any_of(&self, owners: &Owners) -> bool {
        owners.names().iter().any(|o| self.0.contains(&folded(o)))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::dates::date;
    use crate::error::Source;
    use crate::schedule::model::Schedule;

    use super::Wanted;

    fn load(text: &str) -> Schedule {
        crate::schedule::load::parse(&Source::new(Path::new("s.toml"), text)).unwrap()
    }

    fn error(text: &str) -> String {
        crate::schedule::load::parse(&Source::new(Path::new("s.toml"), text))
            .unwrap_err()
            .message
    }

    /// The names of the phases between 2024-01-01 and 2024-12-31 kept for `owners`, in file order.
    fn kept(s: &Schedule, owners: &[&str]) -> Vec<String> {
        let mut s = s.clone();
        let owners: Vec<String> = owners.iter().map(|o| (*o).to_string()).collect();
        if let Some(w) = Wanted::new(&owners) {
            s.keep_owned_by(&w);
        }
        s.phases_between(date(2024, 1, 1), date(2024, 12, 31))
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    const TEAM: &str = r#"
[document]
owner = "Lead"

[[phase]]
name = "cycle"
start = 2024-01-08
end = 2024-04-17

[[phase]]
name = "docs freeze"
on = 2024-03-26
owner = "Docs Lead"

[[phase]]
name = "release blog"
due = 2024-03-20
owner = ["Comms", "Docs Lead"]

[[phase]]
name = "KubeCon"
start = 2024-03-19
end = 2024-03-22
owner = []

[[cadence]]
every = "quarter"
from = 2024-01-01
count = 2

[[cadence.phase]]
name = "{year} Q{quarter} review"
due = "last day"

[[cadence.phase]]
name = "{year} Q{quarter} notes"
due = "last day"
owner = "Release Notes {n}"
"#;

    #[test]
    fn own_owners_replace_the_default_and_any_listed_owner_matches() {
        let s = load(TEAM);
        let all = [
            "cycle",
            "docs freeze",
            "release blog",
            "KubeCon",
            "2024 Q1 review",
            "2024 Q1 notes",
            "2024 Q2 review",
            "2024 Q2 notes",
        ];
        let cases: [(&[&str], &[&str]); 10] = [
            (&[], &all),
            // The default reaches phases without an `owner`, written and generated.
            (&["Lead"], &["cycle", "2024 Q1 review", "2024 Q2 review"]),
            // Whole names in any letter case, spaces around left out; any of a list.
            (&["docs lead"], &["docs freeze", "release blog"]),
            (&["  COMMS "], &["release blog"]),
            // Several: the phases of any of them.
            (
                &["Comms", "Lead"],
                &["cycle", "release blog", "2024 Q1 review", "2024 Q2 review"],
            ),
            // A cadence phase's owner is a name, not a template.
            (&["Release Notes {n}"], &["2024 Q1 notes", "2024 Q2 notes"]),
            (&["Release Notes 1"], &[]),
            // Part of a name is not the name.
            (&["Docs"], &[]),
            (&["Lea"], &[]),
            // Nobody: nothing, not an error.
            (&["nobody"], &[]),
        ];
        for (owners, want) in cases {
            assert_eq!(kept(&s, owners), want, "{owners:?}");
        }
        // `owner = []` keeps a phase out of every owner's list, the default's too.
        assert!(s.phases[3].owners().is_empty());
        assert_eq!(s.phases[0].owners().names(), ["Lead"]);
    }

    #[test]
    fn without_a_default_phases_have_only_their_own() {
        let s = load(&TEAM.replace("[document]\nowner = \"Lead\"\n", ""));
        assert!(s.phases[0].owners().is_empty());
        assert_eq!(kept(&s, &["Lead"]), Vec::<String>::new());
        assert_eq!(kept(&s, &["Comms"]), ["release blog"]);
        assert!(s.has_owners());
        let plain = load("[[phase]]\nname = \"a\"\ndue = 2024-01-01\n");
        assert!(!plain.has_owners());
        // `owner = []` alone names no one.
        let nobody =
            load("[document]\nowner = []\n[[phase]]\nname = \"a\"\ndue = 2024-01-01\nowner = []\n");
        assert!(!nobody.has_owners());
    }

    #[test]
    fn a_filter_keeps_counts_and_lists_in_step() {
        // A daily cadence from year 1 counts its overdue cycles arithmetically: the count of
        // the phases kept must be that of the list.
        let text = r#"
[[cadence]]
every = "day"
from = 2024-01-01
[[cadence.phase]]
name = "standup {n}"
due = "first day"
owner = "Ann"
[[cadence.phase]]
name = "log {n}"
due = "first day"
owner = "Bob"
[[cadence.phase]]
name = "window {n}"
start = "first day"
end = "first day"
owner = "Bob"
"#;
        let mut s = load(text);
        let today = date(2024, 3, 1);
        let all = crate::engine::overdue::Overdues::new(&s, today).count();
        s.keep_owned_by(&Wanted::new(&["ann".to_string()]).unwrap());
        let overdue = crate::engine::overdue::Overdues::new(&s, today);
        assert_eq!(overdue.count(), all / 2);
        assert_eq!(overdue.iter().count() as u64, overdue.count());
        assert!(overdue.iter().all(|o| o.phase.name.starts_with("standup")));
        assert_eq!(overdue.recent(3).len(), 3);
        // A kept cycle whose date moved or that was done or skipped counts as it stands.
        let moved = text.replace(
            "from = 2024-01-01\n",
            "from = 2024-01-01\nskip = [\"standup 3\"]\ndone.\"standup 4\" = 2024-01-04\n\
             due.\"log 5\" = 2024-06-01\ndue.\"standup 6\" = 2024-06-01\n",
        );
        let mut s = load(&moved);
        s.keep_owned_by(&Wanted::new(&["Ann".to_string()]).unwrap());
        let overdue = crate::engine::overdue::Overdues::new(&s, today);
        assert_eq!(overdue.count(), all / 2 - 3);
        assert_eq!(overdue.iter().count() as u64, overdue.count());
        // The cadence whose phases are none of Ann's goes.
        let mut s = load(text);
        s.keep_owned_by(&Wanted::new(&["nobody".to_string()]).unwrap());
        assert!(s.cadences.is_empty() && s.phases.is_empty());
    }

    #[test]
    fn bad_owners_are_refused_at_their_value() {
        let phase = |owner: &str| {
            error(&format!(
                "[[phase]]\nname = \"a\"\ndue = 2024-01-01\nowner = {owner}\n"
            ))
        };
        let cases = [
            ("5", "`owner` is a name in quotes"),
            ("{ name = \"x\" }", "found a table"),
            ("\"\"", "an owner's name cannot be empty"),
            ("[\" \"]", "an owner's name cannot be empty"),
            (
                "[\"a\", 1]",
                "invalid type: integer `1`, expected an owner's name in quotes",
            ),
            ("\"a\\tb\"", "cannot hold control characters"),
            ("[\"Docs\", \"docs \"]", "`docs ` is named twice"),
        ];
        for (owner, want) in cases {
            let got = phase(owner);
            assert!(got.contains(want), "{owner}: {got}");
        }
        let many: Vec<String> = (0..=crate::limits::OWNERS)
            .map(|i| format!("\"o{i}\""))
            .collect();
        assert!(phase(&format!("[{}]", many.join(", "))).contains("more than"));
        let ok: Vec<String> = (0..crate::limits::OWNERS)
            .map(|i| format!("\"o{i}\""))
            .collect();
        let s = load(&format!(
            "[[phase]]\nname = \"a\"\ndue = 2024-01-01\nowner = [{}]\n",
            ok.join(", ")
        ));
        assert_eq!(s.phases[0].owners().names().len(), crate::limits::OWNERS);
        assert!(
            error("[document]\nowner = 1\n[[phase]]\nname = \"a\"\ndue = 2024-01-01\n")
                .contains("`owner` is")
        );
        let cadence = "[[cadence]]\nevery = \"month\"\nfrom = 2024-01-01\n[[cadence.phase]]\nname = \"m{n}\"\ndue = \"last day\"\nowner = \"\"\n";
        assert!(error(cadence).contains("cannot be empty"));
    }
}
