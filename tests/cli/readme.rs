//! The README's examples on the bundled schedule, as trycmd cases in `tests/cmd/`: one `.toml`
//! per command (its arguments, its exit code, run from the repository's root with
//! `env.inherit = false`) and the `.stdout` and `.stderr` it must print, byte for byte.
//!
//! The cases get the sandbox's environment ([`Scratch::env`]: PATH, a temp HOME and XDG
//! folders, TZ=UTC, nothing else) and its timeout, like every other run of the binary here.
//! A new example is three files there and nothing here.

use std::path::Path;

use crate::common::{BIN, Scratch, TIMEOUT};

#[test]
fn the_readmes_examples_print_what_it_says() {
    let scratch = Scratch::new();
    let cases = trycmd::TestCases::new();
    cases
        .register_bin("vision-sched", Path::new(BIN))
        .timeout(TIMEOUT);
    for (name, value) in scratch.env() {
        cases.env(name, value.to_str().expect("a UTF-8 path"));
    }
    cases.case(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cmd/*.toml"));
    cases.run();
}
