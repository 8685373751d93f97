//! Shell completion scripts and the man page, both generated from the one clap definition.

use clap::CommandFactory;

use crate::app::args::{Cli, CompletionsArgs};
use crate::error::{Error, Result};

const BIN: &str = "vision-sched";

pub(crate) fn run(args: &CompletionsArgs) -> Result<u8> {
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut whole(), BIN, &mut buf);
    print_bytes(buf)
}

/// The whole command tree, every command's arguments built (a run builds only its own).
fn whole() -> clap::Command {
    let mut command = Cli::command();
    command.build();
    command
}

/// The man page in roff, for `man -l -` or a file in `man1/`.
pub(crate) fn man() -> Result<u8> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(whole())
        .render(&mut buf)
        .map_err(|e| Error::new(format!("cannot render the man page: {e}")))?;
    print_bytes(buf)
}

fn print_bytes(buf: Vec<u8>) -> Result<u8> {
    // Both generators write only UTF-8 built from our own help text.
    let text = String::from_utf8(buf)
        .map_err(|_| Error::new("generated text is not UTF-8 (this is a bug)"))?;
    crate::io::output::print(&text)?;
    Ok(0)
}
