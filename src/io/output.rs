//! Writing to stdout and stderr; a closed pipe (`| head`) ends quietly.

use std::io::Write;

use crate::error::{Error, Result};

/// Writes `text` to stdout. A reader that went away is not an error.
pub(crate) fn print(text: &str) -> Result<()> {
    with_stdout(|out| out.write_all(text.as_bytes()))
}

/// Runs `write` on a buffered stdout and flushes it; a reader that went away is not an error,
/// so `| head` ends the program quietly.
pub(crate) fn with_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(64 << 10, stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::new(format!("cannot write output: {e}"))),
    }
}

/// Prints a warning to stderr, inert, as `warning: ...`.
pub(crate) fn warn(message: &str) {
    let line = format!("warning: {}\n", crate::io::text::inert(message));
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// Prints an error to stderr.
pub(crate) fn error(e: &Error) {
    let _ = std::io::stderr().lock().write_all(e.to_string().as_bytes());
}
