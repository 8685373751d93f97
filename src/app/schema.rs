//! `vision-sched schema`: the JSON Schema of the schedule file, for editors and validators.

use crate::error::Result;

pub(crate) fn run() -> Result<u8> {
    crate::io::output::print(&crate::schedule::schema::text())?;
    Ok(0)
}
