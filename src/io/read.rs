//! Reading a file or standard input whole, capped so that `/dev/zero` cannot fill the memory.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result, Source};
use crate::limits::FILE_BYTES;

/// The name standard input goes by in messages.
pub(crate) const STDIN: &str = "<stdin>";

/// Reads a file's bytes once, refusing folders and anything over [`FILE_BYTES`]. Works on pipes,
/// FIFOs and `/dev/stdin`, since the file is opened and read exactly once.
pub(crate) fn bytes(path: &Path, what: &str) -> Result<Vec<u8>> {
    open(path, what)?.read(what)
}

/// What stands at a place looked in: `None` only when nothing is there. A place that cannot be
/// looked at (a folder this user may not read) is an error naming it, never taken for empty:
/// a config folder that cannot be read must not quietly mean "no config".
pub(crate) fn probe(path: &Path, what: &str) -> Result<Option<std::fs::Metadata>> {
    match std::fs::metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::file(
            path,
            format!("cannot tell whether {what} is there: {}", describe_io(&e)),
        )),
    }
}

/// Which file a path names: its device and inode, so one file reached by two paths (a
/// symlink, `a/../b`) is known as one without resolving either path.
pub(crate) type FileId = (u64, u64);

/// A file opened for reading, not yet read.
#[derive(Debug)]
pub(crate) struct Opened<'p> {
    path: &'p Path,
    file: std::fs::File,
    meta: std::fs::Metadata,
}

/// Opens a file to read it, refusing folders.
pub(crate) fn open<'p>(path: &'p Path, what: &str) -> Result<Opened<'p>> {
    let io = |e: std::io::Error| Error::file(path, describe_io(&e));
    let file = std::fs::File::open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if meta.is_dir() {
        return Err(Error::file(path, format!("is a folder, not {what}")));
    }
    Ok(Opened { path, file, meta })
}

impl Opened<'_> {
    /// The file's identity.
    pub(crate) fn id(&self) -> FileId {
        file_id(&self.meta)
    }

    /// Its bytes, capped at [`FILE_BYTES`].
    pub(crate) fn read(self, what: &str) -> Result<Vec<u8>> {
        capped(self.file, self.meta.len(), self.path, what)
    }
}

/// A file's or folder's identity from its metadata.
#[cfg(unix)]
pub(crate) fn file_id(meta: &std::fs::Metadata) -> FileId {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// Without inodes, every file is its own (two paths to one file are read twice).
#[cfg(not(unix))]
pub(crate) fn file_id(_meta: &std::fs::Metadata) -> FileId {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    (u64::MAX, NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Reads standard input whole, with the same cap; messages name it `<stdin>`.
pub(crate) fn stdin_bytes(what: &str) -> Result<Vec<u8>> {
    capped(std::io::stdin().lock(), 0, Path::new(STDIN), what)
}

fn capped(reader: impl Read, size_hint: u64, path: &Path, what: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(size_hint.min(FILE_BYTES) as usize + 1);
    reader
        .take(FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::file(path, describe_io(&e)))?;
    if bytes.len() as u64 > FILE_BYTES {
        return Err(Error::file(
            path,
            format!("is too large for {what} (over {} MiB)", FILE_BYTES >> 20),
        ));
    }
    Ok(bytes)
}

/// An I/O error in words a person can act on.
pub(crate) fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a folder".to_string(),
        _ => e.to_string(),
    }
}

/// A file's bytes as UTF-8 text without its byte-order mark.
pub(crate) fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String> {
    let mut text = String::from_utf8(bytes).map_err(|e| not_utf8(path, e.as_bytes()))?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Points at the first byte that is not UTF-8, showing its line.
fn not_utf8(path: &Path, bytes: &[u8]) -> Error {
    let good = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |e| e.valid_up_to());
    // Up to the end of the bad line only: the rest of a large file is not needed.
    let end = bytes[good..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| good + i);
    let text = String::from_utf8_lossy(&bytes[..end]);
    Source::new(path, &text).error(
        good..good + 1,
        format!("not UTF-8 text (byte {good}): save the file as UTF-8"),
    )
}
