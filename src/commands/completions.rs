use crate::error::{Error, Result};

#[derive(Debug, Default, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args) -> Result<u8> {
    Err(Error::new("`completions` is not available yet"))
}

pub fn man() -> Result<u8> {
    Err(Error::new("`man` is not available yet"))
}
