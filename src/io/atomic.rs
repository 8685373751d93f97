//! Writing files where users expect them, and never half of one.
//!
//! - [`replace`] replaces a regular file atomically: a temp file in the same folder is written,
//!   given the old file's owner, group and mode, and fsynced; then the caller's last check runs
//!   (publish and `render --write` compare the file with what they read); then the temp file is
//!   renamed over the old one and the folder is fsynced. A crash leaves the old file or the new
//!   one, never half of one.
//! - [`write`] (`export -o`) writes wherever a path leads: through symlinks to their target,
//!   creating the target of a dangling link; a path that is not a regular file (a FIFO, a
//!   character device, `/dev/stdout`, `/dev/fd/N`, a link to `/proc/self/fd/1`) is opened and
//!   written as it is, never replaced.
//! - [`create_new`] (`init`) writes a new file and never replaces anything.
//! - [`append`] (`check --github-output`, `--github-summary`) adds to the end of a file that
//!   others add to too, as `>>` does: GitHub's runner gives a step such files to write into.
//!
//! A file is never readable by others while it is written: the temp file is created with mode
//! 0600 (and `O_EXCL`), and gets its final owner, group and mode only once its content is in.
//!
//! Symlinks are followed as the kernel's `protected_symlinks` rule follows them: in a sticky
//! folder that others may write to (`/tmp`), a link is followed only when it belongs to this
//! user or to the folder's owner. Since the links are followed here, by hand, the kernel's own
//! rule would never apply; another user's `feed.ics -> ~/.bashrc` in `/tmp` is refused.
//!
//! A regular file is replaced only when [`replaceable`] says so: its owner has write permission
//! (a read-only file is refused even when running as root, as editors do) and it has one name (a
//! rename would give only this name the new content and split it from its other hard links, so
//! a file with several links is refused rather than split). The owner and group are kept; when
//! the process cannot give the new file the old one's owner (someone else's file, a group the
//! user is not in), nothing is written.

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::io::read::describe_io;
use crate::limits::LINKS_IN_A_ROW;

/// Where a path leads once its symlinks are followed.
#[derive(Debug)]
pub(crate) enum Dest {
    /// A regular file, to be replaced: the file's own path (no symlink) and its metadata.
    File { target: PathBuf, meta: Metadata },
    /// Nothing yet (a new file, or the target of a dangling link): its path.
    New { target: PathBuf },
    /// Not a regular file, or an open file of a process (`/dev/stdout`, `/dev/fd/N`,
    /// `/proc/self/fd/N`): written as it is.
    Direct,
}

/// Follows the symlinks of `path`'s last part to what it names. Links are followed by hand,
/// so a dangling one still gives the path its target would have.
pub(crate) fn resolve(path: &Path) -> Result<Dest> {
    let io = |p: &Path, e: &std::io::Error| Error::file(p, describe_io(e));
    let mut at = path.to_path_buf();
    for _ in 0..LINKS_IN_A_ROW {
        if names_an_open_file(&at) {
            return Ok(Dest::Direct);
        }
        let meta = match fs::symlink_metadata(&at) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Dest::New { target: at });
            }
            Err(e) => return Err(io(path, &e)),
        };
        if meta.file_type().is_symlink() {
            protected(path, &at, &meta)?;
            let to = fs::read_link(&at).map_err(|e| io(path, &e))?;
            at = if to.is_absolute() {
                to
            } else {
                folder_of(&at).join(to)
            };
            continue;
        }
        if meta.is_dir() {
            return Err(Error::file(path, "is a folder, not a file"));
        }
        if !meta.is_file() {
            return Ok(Dest::Direct);
        }
        return Ok(Dest::File { target: at, meta });
    }
    Err(Error::file(
        path,
        format!("more than {LINKS_IN_A_ROW} symlinks in a row (a loop?)"),
    ))
}

/// Refuses the symlink `link` (with `meta`) when the kernel's `protected_symlinks` rule would:
/// it lies in a sticky folder others may write to, and belongs neither to this user nor to the
/// folder's owner.
fn protected(shown: &Path, link: &Path, meta: &Metadata) -> Result<()> {
    let Ok(folder) = fs::metadata(folder_of(link)) else {
        return Ok(());
    };
    let mode = folder.permissions().mode();
    let sticky_and_shared = mode & 0o1000 != 0 && mode & 0o002 != 0;
    if !sticky_and_shared || meta.uid() == folder.uid() || Some(meta.uid()) == process().uid {
        return Ok(());
    }
    Err(Error::file(
        shown,
        format!(
            "is a symlink owned by user {} in the shared sticky folder {}: following it could              write wherever another user chose, so it is not followed",
            meta.uid(),
            folder_of(link).display()
        ),
    )
    .help("write to a path of your own, or remove the link first"))
}

/// What the kernel says of this process: its file-system user ID and its umask, from
/// `/proc/self/status` (Linux); `None` where that cannot be read.
#[derive(Debug, Clone, Copy)]
struct Process {
    uid: Option<u32>,
    umask: Option<u32>,
}

fn process() -> Process {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::split_whitespace)
    };
    Process {
        // Real, effective, saved and file-system IDs: the kernel checks links with the last.
        uid: field("Uid:")
            .and_then(|mut ids| ids.nth(3))
            .and_then(|id| id.parse().ok()),
        umask: field("Umask:")
            .and_then(|mut m| m.next())
            .and_then(|m| u32::from_str_radix(m, 8).ok()),
    }
}

/// The mode a new file gets, as `open(2)` would give it: 0666 less the umask (022 when it
/// cannot be read).
fn new_file_mode() -> u32 {
    0o666 & !process().umask.unwrap_or(0o022)
}

/// True for the paths that stand for a process's open files, whatever they point at now.
fn names_an_open_file(path: &Path) -> bool {
    ["/proc/", "/dev/fd/"].iter().any(|p| {
        path.as_os_str()
            .as_encoded_bytes()
            .starts_with(p.as_bytes())
    }) || ["/dev/stdin", "/dev/stdout", "/dev/stderr"]
        .iter()
        .any(|p| path == Path::new(p))
}

/// The folder a file is in (`.` for a bare name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether the regular file at `shown` (with `meta`) may be replaced by a new one; see the
/// module's documentation.
pub(crate) fn replaceable(shown: &Path, meta: &Metadata) -> Result<()> {
    let mode = meta.permissions().mode();
    if mode & 0o200 == 0 {
        return Err(Error::file(
            shown,
            format!(
                "is read-only (mode {:04o}): its owner may not write it, so it is left alone",
                mode & 0o7777
            ),
        )
        .help(format!(
            "to edit it anyway, make it writable first: chmod u+w {}",
            shown.display()
        )));
    }
    if meta.nlink() > 1 {
        return Err(Error::file(
            shown,
            format!(
                "has {} hard links: writing it means renaming a new file into place, which would \
                 change this name only and split it from the others, so it is left alone",
                meta.nlink()
            ),
        )
        .help(
            "keep one name for the file (symlinks to it are followed), then run the command again",
        ));
    }
    Ok(())
}

/// Writes `bytes` to `path` wherever it leads (see the module's documentation): `export -o`.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with(path, |out| out.write_all(bytes))
}

/// [`write`], with the content written by `content` as it is made: a long feed is never held
/// whole. When `content` fails, nothing is replaced.
pub(crate) fn write_with(
    path: &Path,
    content: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match resolve(path)? {
        Dest::File { target, meta } => {
            replaceable(path, &meta)?;
            replace_with(path, &target, Some(&meta), content, || Ok(()))
        }
        Dest::New { target } => replace_with(path, &target, None, content, || Ok(())),
        Dest::Direct => write_direct(path, content),
    }
}

/// Writes into what `path` opens, as `cat > path` would, without replacing it. A regular file
/// behind `/dev/stdout` is appended to, so `>>` keeps what was there.
fn write_direct(
    path: &Path,
    content: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let fail = |e: std::io::Error| Error::file(path, format!("cannot write: {}", describe_io(&e)));
    let file = OpenOptions::new().append(true).open(path).map_err(fail)?;
    let mut out = std::io::BufWriter::new(file);
    content(&mut out).and_then(|()| out.flush()).map_err(fail)
}

/// Replaces the regular file `target` (no symlink; `shown` in messages) with `bytes`
/// atomically, keeping `meta`'s owner, group and mode (a new file gets the usual ones).
/// `last_check` runs once the new content is safely on disk, right before the rename; when it
/// fails, nothing is written.
pub(crate) fn replace(
    shown: &Path,
    target: &Path,
    meta: Option<&Metadata>,
    bytes: &[u8],
    last_check: impl FnOnce() -> Result<()>,
) -> Result<()> {
    replace_with(shown, target, meta, |out| out.write_all(bytes), last_check)
}

/// [`replace`], with the content written by `content`.
fn replace_with(
    shown: &Path,
    target: &Path,
    meta: Option<&Metadata>,
    content: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    last_check: impl FnOnce() -> Result<()>,
) -> Result<()> {
    let dir = folder_of(target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp_path, tmp) = create_temp(&dir, &name).map_err(|e| temp_error(shown, &dir, &e))?;
    let result = fill(shown, tmp, meta, content)
        .and_then(|()| last_check())
        .and_then(|()| {
            fs::rename(&tmp_path, target)
                .map_err(|e| Error::file(shown, format!("cannot write: {}", describe_io(&e))))
        });
    match result {
        Ok(()) => {
            sync_dir(&dir);
            Ok(())
        }
        Err(e) => {
            let _ = fs::remove_file(&tmp_path);
            Err(e)
        }
    }
}

/// Writes the temp file, gives it the old file's owner, group and mode (a new file's usual
/// mode), and syncs it.
fn fill(
    shown: &Path,
    tmp: File,
    meta: Option<&Metadata>,
    content: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let fail = |e: std::io::Error| Error::file(shown, format!("cannot write: {}", describe_io(&e)));
    let mut out = std::io::BufWriter::new(tmp);
    content(&mut out).and_then(|()| out.flush()).map_err(fail)?;
    let tmp = out.into_inner().map_err(|e| fail(e.into_error()))?;
    if meta.is_none() {
        tmp.set_permissions(fs::Permissions::from_mode(new_file_mode()))
            .map_err(fail)?;
    }
    if let Some(meta) = meta {
        let mine = tmp.metadata().map_err(fail)?;
        let uid = (mine.uid() != meta.uid()).then_some(meta.uid());
        let gid = (mine.gid() != meta.gid()).then_some(meta.gid());
        if uid.is_some() || gid.is_some() {
            std::os::unix::fs::fchown(&tmp, uid, gid).map_err(|e| {
                Error::file(
                    shown,
                    format!(
                        "is owned by user {} and group {}, which this process cannot give a new \
                         file ({}), so it is left alone",
                        meta.uid(),
                        meta.gid(),
                        describe_io(&e)
                    ),
                )
                .help("run the command as the file's owner")
            })?;
        }
        // After the owner: changing it clears the set-user-ID and set-group-ID bits.
        tmp.set_permissions(meta.permissions()).map_err(fail)?;
    }
    tmp.sync_all().map_err(fail)
}

fn temp_error(shown: &Path, dir: &Path, e: &std::io::Error) -> Error {
    let folder = dir.display();
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            Error::file(shown, format!("the folder {folder} does not exist"))
                .help(format!("create it first: mkdir -p {folder}"))
        }
        std::io::ErrorKind::NotADirectory => {
            Error::file(shown, format!("{folder} is not a folder"))
        }
        _ => Error::file(
            shown,
            format!(
                "cannot create a temp file in {folder} (the new content is written there, then \
                 renamed into place): {}",
                describe_io(e)
            ),
        ),
    }
}

/// Writes a new file at `path`, refusing when anything already stands there (a dangling
/// symlink too). The content is written to a temp file first and linked into place, so the new
/// file is never seen half-written.
pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = folder_of(path);
    let fail = |e: std::io::Error| Error::file(path, format!("cannot write: {}", describe_io(&e)));
    if fs::symlink_metadata(path).is_ok() {
        return Err(Error::file(path, "already exists; not overwriting it"));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (tmp_path, mut tmp) = create_temp(&dir, &name).map_err(|e| temp_error(path, &dir, &e))?;
    let result = tmp
        .write_all(bytes)
        .and_then(|()| tmp.set_permissions(fs::Permissions::from_mode(new_file_mode())))
        .and_then(|()| tmp.sync_all());
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
        Err(e) => Err(fail(e)),
    }
}

/// Adds `bytes` at the end of `path` (created when missing) in one write, as `>>` does: the
/// files GitHub's runner gives a step (`$GITHUB_OUTPUT`, `$GITHUB_STEP_SUMMARY`) are appended
/// to by every command of the step, never replaced.
pub(crate) fn append(path: &Path, bytes: &[u8]) -> Result<()> {
    let fail = |e: std::io::Error| Error::file(path, format!("cannot write: {}", describe_io(&e)));
    let mut file = OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .map_err(fail)?;
    file.write_all(bytes).map_err(fail)
}

/// A new, empty file next to the target, named so a leftover is recognisable, readable by this
/// user only until it gets its final mode.
fn create_temp(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    let mut last = None;
    for n in 0..100u32 {
        let p = dir.join(format!(".{name}.{pid}.{n}.tmp"));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&p)
        {
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
    fn creates_a_new_file_and_the_target_of_a_dangling_link() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path().join("new.ics");
        write(&p, b"x").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"x");

        let link = tmp.path().join("link.ics");
        std::os::unix::fs::symlink("sub/../target.ics", &link).unwrap();
        fs::create_dir(tmp.path().join("sub")).unwrap();
        write(&link, b"y").unwrap();
        assert_eq!(fs::read(tmp.path().join("target.ics")).unwrap(), b"y");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn open_files_of_a_process_are_written_directly() {
        for p in [
            "/dev/stdout",
            "/dev/fd/1",
            "/proc/self/fd/1",
            "/proc/1/fd/2",
        ] {
            assert!(names_an_open_file(Path::new(p)), "{p}");
        }
        for p in ["/dev/null", "/tmp/x", "dev/stdout", "/procs/x"] {
            assert!(!names_an_open_file(Path::new(p)), "{p}");
        }
        assert!(matches!(resolve(Path::new("/dev/null")), Ok(Dest::Direct)));
    }

    #[test]
    fn temp_files_are_private_and_new_files_get_the_usual_mode() {
        let tmp = tempfile::tempdir().unwrap();
        let (path, _file) = create_temp(tmp.path(), "s.toml").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
        assert_eq!(mode(&path), 0o600);
        let new = tmp.path().join("new.ics");
        write(&new, b"x").unwrap();
        assert_eq!(mode(&new), new_file_mode());
        create_new(&tmp.path().join("init.toml"), b"x").unwrap();
        assert_eq!(mode(&tmp.path().join("init.toml")), new_file_mode());
        assert_eq!(new_file_mode() & !0o666, 0);
    }

    #[test]
    fn links_in_a_shared_sticky_folder_are_followed_only_when_trusted() {
        let tmp = tempfile::tempdir().unwrap();
        let shared = tmp.path().join("shared");
        fs::create_dir(&shared).unwrap();
        fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
        let target = tmp.path().join("important.conf");
        fs::write(&target, "keep").unwrap();
        let link = shared.join("feed.ics");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        // Our own link is followed.
        write(&link, b"mine").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "mine");
        // Another user's is not, where this process may give a link away (as root).
        if std::os::unix::fs::lchown(&link, Some(65534), None).is_ok() {
            let e = write(&link, b"theirs").unwrap_err();
            assert!(e.message.contains("is not followed"), "{e}");
            assert_eq!(fs::read_to_string(&target).unwrap(), "mine");
            // Not sticky, or not shared: the kernel would follow it, and so does this.
            fs::set_permissions(&shared, fs::Permissions::from_mode(0o777)).unwrap();
            write(&link, b"again").unwrap();
            assert_eq!(fs::read_to_string(&target).unwrap(), "again");
        }
    }

    #[test]
    fn a_loop_of_links_is_an_error() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", tmp.path().join("b")).unwrap();
        let e = write(&a, b"x").unwrap_err();
        assert!(e.message.contains("symlinks in a row"), "{e}");
    }
}
