use crate::cli::Global;
use crate::error::{Error, Result};

#[derive(Debug, Default, clap::Args)]
pub struct Args {}

pub fn run(_global: &Global, _args: &Args) -> Result<u8> {
    Err(Error::new("`export` is not available yet"))
}
