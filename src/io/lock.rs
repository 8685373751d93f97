//! Editing a file in place safely: an exclusive lock on the file itself, and a last check
//! right before the new content replaces it. `publish` and `render --write` use it.
//!
//! **The lock.** The file is opened read-write (through any symlink, to its target) and locked
//! with `flock` ([`File::lock`]). Only the file is locked: no lock file is created, and the
//! folder need not be readable (a folder with mode 0300 works). Since an edit replaces the file
//! by a rename, a process that was waiting may end up holding the lock of the old, replaced
//! file; so once it has the lock it checks that the path still names the file it locked (the
//! same device and inode) and, if not, opens the new file and locks again. A file that cannot
//! be opened for writing, or locked (some network file systems), is refused with exit 2:
//! without a lock an update could be lost.
//!
//! **Waiting.** While another process holds the lock, one line on stderr says so and names the
//! holder where Linux's `/proc/locks` tells it; after the wait (`--wait`, 10 s unless told: the
//! caller's [`Wait`]) the command gives up with exit 2 and writes nothing.
//!
//! **The last check.** [`Locked::replace`] writes the new content to a temp file, fsyncs it,
//! then reads the locked file again and checks that the path still names it; only when both
//! are as they were does the rename happen. What remains is the time between that read and the
//! rename (a few system calls): a program that does not take the lock and writes in that moment
//! loses its edit, and so does one that holds the file open across the rename.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::io::atomic::{self, Dest};
use crate::io::read::describe_io;
use crate::io::text::inert;
use crate::limits::FILE_BYTES;

/// How often a held lock is tried again.
const POLL: Duration = Duration::from_millis(20);

/// A file opened read-write and locked exclusively until this is dropped.
#[derive(Debug)]
pub(crate) struct Locked {
    file: File,
    /// The path as given, for messages.
    shown: PathBuf,
    /// The file itself, symlinks followed: what the rename replaces.
    target: PathBuf,
    /// Device and inode of the locked file.
    id: (u64, u64),
}

/// How to wait for a held lock: for how long, and the option that changes it (for messages).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wait {
    pub(crate) limit: Duration,
    pub(crate) flag: &'static str,
}

/// Locks the regular file at `path` (a schedule or a document: `what`), waiting as `wait`
/// says for a lock held by someone else.
pub(crate) fn lock(path: &Path, what: &str, wait: Wait) -> Result<Locked> {
    let started = Instant::now();
    let mut said = false;
    loop {
        let (target, meta) = match atomic::resolve(path)? {
            Dest::File { target, meta } => (target, meta),
            Dest::New { .. } => return Err(Error::file(path, "no such file")),
            Dest::Direct => {
                return Err(Error::file(
                    path,
                    format!("is not a regular file, so it cannot be edited as {what}"),
                ));
            }
        };
        atomic::replaceable(path, &meta)?;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(&target)
            .map_err(|e| {
                Error::file(
                    path,
                    format!("cannot open it for writing: {}", describe_io(&e)),
                )
            })?;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {}
                Err(std::fs::TryLockError::Error(e)) => return Err(cannot_lock(path, &e)),
            }
            let waited = started.elapsed();
            if waited >= wait.limit {
                return Err(gave_up(path, &file, wait));
            }
            if !said {
                said = true;
                let _ = writeln!(
                    std::io::stderr(),
                    "waiting for the lock on {}, held by {} (giving up after {})",
                    inert(&path.display().to_string()),
                    holder(&file),
                    seconds(wait.limit)
                );
            }
            std::thread::sleep(POLL.min(wait.limit.saturating_sub(waited)));
        }
        let id = identity(&file.metadata().map_err(|e| cannot_lock(path, &e))?);
        // The file may have been replaced while this process waited: then lock the new one.
        if still_names(path, &target, id) {
            return Ok(Locked {
                file,
                shown: path.to_path_buf(),
                target,
                id,
            });
        }
    }
}

impl Locked {
    /// The file's bytes, read through the lock, capped like every read.
    pub(crate) fn read(&self) -> Result<Vec<u8>> {
        let io = |e: std::io::Error| Error::file(&self.shown, describe_io(&e));
        let mut f = &self.file;
        f.seek(SeekFrom::Start(0)).map_err(io)?;
        let mut bytes = Vec::new();
        f.take(FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
        if bytes.len() as u64 > FILE_BYTES {
            return Err(Error::file(
                &self.shown,
                format!("is too large (over {} MiB)", FILE_BYTES >> 20),
            ));
        }
        Ok(bytes)
    }

    /// Replaces the file with `bytes` atomically, but only if it still holds `original` and
    /// its path still names it, checked once the new content is on disk, right before the
    /// rename. Otherwise nothing is written and the error says why.
    pub(crate) fn replace(&self, original: &[u8], bytes: &[u8], doing: &str) -> Result<()> {
        let meta = self
            .file
            .metadata()
            .map_err(|e| Error::file(&self.shown, describe_io(&e)))?;
        atomic::replaceable(&self.shown, &meta)?;
        atomic::replace(&self.shown, &self.target, Some(&meta), bytes, || {
            let same = still_names(&self.shown, &self.target, self.id)
                && self.read().is_ok_and(|now| now == original);
            if same {
                Ok(())
            } else {
                Err(Error::file(
                    &self.shown,
                    format!(
                        "changed while {doing} (edited by another program?); nothing was \
                         written, run the command again"
                    ),
                ))
            }
        })
    }
}

/// True when `path` still leads to `target` and that is the file with `id`.
fn still_names(path: &Path, target: &Path, id: (u64, u64)) -> bool {
    match atomic::resolve(path) {
        Ok(Dest::File { target: now, meta }) => now == target && identity(&meta) == id,
        _ => false,
    }
}

fn identity(meta: &std::fs::Metadata) -> (u64, u64) {
    (meta.dev(), meta.ino())
}

fn cannot_lock(path: &Path, e: &std::io::Error) -> Error {
    Error::file(
        path,
        format!(
            "cannot lock it ({}); without a lock another process's update could be lost, so \
             nothing was written",
            describe_io(e)
        ),
    )
}

fn gave_up(path: &Path, file: &File, wait: Wait) -> Error {
    let holder = holder(file);
    let e = if wait.limit.is_zero() {
        Error::file(path, format!("is locked by {holder}; nothing was written"))
    } else {
        Error::file(
            path,
            format!(
                "is still locked by {holder} after {}; nothing was written",
                seconds(wait.limit)
            ),
        )
    };
    e.help(format!(
        "run the command again once it is done, or wait longer with {} DUR (like 1min)",
        wait.flag
    ))
    .temporary()
}

/// `10 s`, `1.5 s`.
fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// Who holds the lock on `file`, as far as `/proc/locks` tells: "process 123 (flock)", else
/// "another process".
fn holder(file: &File) -> String {
    let found = file.metadata().ok().and_then(|m| {
        let locks = std::fs::read_to_string("/proc/locks").ok()?;
        holder_in(&locks, m.dev(), m.ino())
    });
    match found {
        Some(pid) => {
            let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).ok();
            match name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(n) => format!("process {pid} ({})", inert(n)),
                None => format!("process {pid}"),
            }
        }
        None => "another process".to_string(),
    }
}

/// The pid holding a lock on the file with device `dev` and inode `ino`, from the text of
/// `/proc/locks` (`1: FLOCK  ADVISORY  WRITE 1234 00:2f:5678 0 EOF`; waiters' lines, with
/// `->`, are not holders). The device is matched where it can be: overlay file systems show
/// another one than `stat` gives.
fn holder_in(locks: &str, dev: u64, ino: u64) -> Option<u32> {
    let major = ((dev >> 32) & 0xffff_f000) | ((dev >> 8) & 0x0fff);
    let minor = ((dev >> 12) & 0xffff_ff00) | (dev & 0xff);
    let mut by_inode = None;
    for line in locks.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        if fields.get(1) == Some(&"->") || fields.len() < 6 {
            continue;
        }
        let (Ok(pid), Some(place)) = (fields[4].parse::<u32>(), fields.get(5)) else {
            continue;
        };
        let parts: Vec<&str> = place.split(':').collect();
        let [maj, min, i] = parts.as_slice() else {
            continue;
        };
        if i.parse::<u64>().ok() != Some(ino) {
            continue;
        }
        let same_dev = u64::from_str_radix(maj, 16).ok() == Some(major)
            && u64::from_str_radix(min, 16).ok() == Some(minor);
        if same_dev {
            return Some(pid);
        }
        by_inode.get_or_insert(pid);
    }
    by_inode
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_is_read_from_proc_locks() {
        let locks = "1: FLOCK  ADVISORY  WRITE 4242 00:2f:1234 0 EOF\n\
                     1: -> FLOCK  ADVISORY  WRITE 4343 00:2f:1234 0 EOF\n\
                     2: POSIX  ADVISORY  WRITE 77 08:01:99 0 EOF\n";
        assert_eq!(holder_in(locks, 0x2f, 1234), Some(4242));
        assert_eq!(holder_in(locks, 0x801, 99), Some(77));
        // Another device with the same inode: still the best guess.
        assert_eq!(holder_in(locks, 0x33, 1234), Some(4242));
        assert_eq!(holder_in(locks, 0x2f, 5), None);
    }

    #[test]
    fn seconds_are_shown_simply() {
        assert_eq!(seconds(Duration::from_secs(10)), "10 s");
        assert_eq!(seconds(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(seconds(Duration::ZERO), "0 s");
    }

    #[test]
    fn a_second_lock_waits_and_gives_up() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("s.toml");
        std::fs::write(&p, "x").unwrap();
        let wait = Wait {
            limit: Duration::from_millis(100),
            flag: "--wait",
        };
        let first = lock(&p, "a schedule", wait).unwrap();
        let e = lock(&p, "a schedule", wait).unwrap_err();
        assert!(e.message.contains("is still locked by"), "{e}");
        drop(first);
        let again = lock(&p, "a schedule", wait).unwrap();
        assert_eq!(again.read().unwrap(), b"x");
        again.replace(b"x", b"y", "testing").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"y");
        // What was read is no longer there: refused.
        let e = again.replace(b"x", b"z", "testing").unwrap_err();
        assert!(e.message.contains("changed while testing"), "{e}");
        assert_eq!(std::fs::read(&p).unwrap(), b"y");
    }
}
