//! `--version` names the version, and the commit when built from a git checkout. The plain
//! version of a build from the package is checked by .ci/run, on the build `cargo package` makes
//! from the packaged files.

use crate::common::{bin, ok};

#[test]
fn names_the_version_and_at_most_a_commit() {
    let shown = ok(&bin().arg("--version").output().unwrap());
    let rest = shown
        .strip_prefix(&format!("vision-sched {}", env!("CARGO_PKG_VERSION")))
        .unwrap_or_else(|| panic!("{shown:?}"));
    let commit = rest.trim_end_matches('\n');
    assert!(
        rest.ends_with('\n') && rest.matches('\n').count() == 1,
        "{shown:?}"
    );
    if !commit.is_empty() {
        let hash = commit
            .strip_prefix(" (")
            .and_then(|c| c.strip_suffix(')'))
            .unwrap_or_else(|| panic!("{shown:?}"));
        assert!(
            hash.len() >= 7 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{shown:?}"
        );
    }
}
