//! Atomic file writes: a temp file in the same folder, fsync, rename, fsync the folder.
//! A crash leaves the old file or the new one, never half of one.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The file a path finally names: a symlink is written through, so the link stays a link.
pub fn resolve(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Replaces the file at `path` (through any symlink) with `bytes`, keeping its permissions.
/// A new file gets the usual permissions for a new file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let target = resolve(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |what: &str, e: std::io::Error| Error::file(path, format!("cannot {what}: {e}"));
    let existing = fs::metadata(&target).ok();
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp_path, mut tmp) =
        create_temp(&dir, &name).map_err(|e| fail("create a temp file", e))?;
    let result = (|| {
        tmp.write_all(bytes)?;
        if let Some(meta) = &existing {
            tmp.set_permissions(meta.permissions())?;
        }
        tmp.sync_all()?;
        drop(tmp);
        fs::rename(&tmp_path, &target)?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp_path);
    }
    result.map_err(|e| fail("write", e))
}

/// Writes a new file at `path`, refusing when anything already stands there. The content is
/// written to a temp file first and linked into place, so the new file is never seen half-written.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let fail = |what: &str, e: std::io::Error| Error::file(path, format!("cannot {what}: {e}"));
    if fs::symlink_metadata(path).is_ok() {
        return Err(Error::file(path, "already exists; not overwriting it"));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp_path, mut tmp) =
        create_temp(&dir, &name).map_err(|e| fail("create a temp file", e))?;
    let result = tmp.write_all(bytes).and_then(|()| tmp.sync_all());
    drop(tmp);
    // A hard link fails when the target exists, so a file created meanwhile is never replaced.
    let result = result.and_then(|()| fs::hard_link(&tmp_path, path));
    let _ = fs::remove_file(&tmp_path);
    match result {
        Ok(()) => {
            sync_dir(&dir);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Error::file(path, "already exists; not overwriting it"))
        }
        Err(e) => Err(fail("write", e)),
    }
}

/// A new, empty file next to the target, named so a leftover is recognisable.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100u32 {
        let p = dir.join(format!(".{name}.{pid}.{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&p) {
            Ok(f) => return Ok((p, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| std::io::Error::other("no free temp name")))
}

/// Makes the rename durable. Some file systems cannot sync a folder; that is not an error.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn keeps_mode_and_writes_through_symlinks() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().join("real.toml");
        fs::write(&real, "old").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = tmp.path().join("link.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();

        write(&link, b"new").unwrap();

        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        assert_eq!(
            fs::metadata(&real).unwrap().permissions().mode() & 0o777,
            0o640
        );
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 2, "no temp file left behind");
    }

    #[test]
    fn creates_a_new_file() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("new.ics");
        write(&p, b"x").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"x");
    }
}
