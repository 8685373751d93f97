//! The one integration-test binary: the built `vision-sched` run as a user runs it, one module
//! per command or concern. Tests of the library's internals are unit tests under `src/`.

mod bad_input;
mod cadence;
mod check;
mod completions;
mod export_ics;
mod inert;
mod init;
mod locate;
mod markdown;
mod publish;
mod remind;
mod render;
mod report;
mod timeline;
