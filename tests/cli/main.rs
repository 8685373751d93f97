//! The one integration-test binary: the built `vision-sched` run as a user runs it, one module
//! per command or concern, every run through the sandbox of [`common`]. Tests of the library's
//! internals are unit tests under `src/`.

/// A path in the repository as a `&'static str`, from its root: `repo!("schedule.toml")`.
macro_rules! repo {
    ($path:literal) => {
        concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)
    };
}

mod common;

mod action;
mod bad_input;
mod badge;
mod bounded;
mod cadence;
mod check;
mod completions;
mod cycle_chains;
mod cycle_moves;
mod docs;
mod documents;
mod export_ics;
mod fail_closed;
mod flags;
mod inert;
mod init;
mod input;
mod locate;
mod man;
mod markdown;
mod mdbook;
mod owners;
mod pictures;
#[cfg(feature = "post")]
mod post;
mod private;
mod publish;
mod real;
mod remind;
mod render;
mod report;
mod reschedule;
mod schema;
mod tba;
mod timeline;
mod timezone;
mod version;
mod working_days;
