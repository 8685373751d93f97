//! Unit tests of the engine on whole schedules: table-driven cases at the boundaries, properties
//! against a plain reading of the rules, the seed's every day, cadences through the engine, and
//! the bundled schedule. They were integration tests reaching into the library; they live here
//! so they can use the crate's own paths.

mod bundled;
mod cadence_rules;
mod cases;
mod documents;
mod overdue;
mod props;
mod seed;
mod tba;

use std::path::Path;

use crate::error::Source;
use crate::schedule::model::Schedule;

/// A file of the repository, by its path from the repository's root.
pub(crate) fn repo_file(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Loads a schedule file of the repository.
pub(crate) fn load(path: &str) -> Schedule {
    crate::schedule::portfolio::from_file(&repo_file(path)).unwrap_or_else(|e| panic!("{e}"))
}

/// Parses schedule text as if read from `t.toml`.
pub(crate) fn parse(text: &str) -> Schedule {
    crate::schedule::load::parse(&Source::new(Path::new("t.toml"), text))
        .unwrap_or_else(|e| panic!("{e}"))
}
