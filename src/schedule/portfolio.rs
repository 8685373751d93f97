//! Several schedules read together: `-f` given more than once, `-f DIR`, and `include`.
//!
//! - **Each file is one document.** Its name is its `[document] title`, else its file stem
//!   (`stdin` for a schedule read from standard input). Phase names are unique within a
//!   document, not across documents; two documents may share a title, and where a name must
//!   pick one, `--document` also takes the file's path.
//! - **`-f DIR`** reads every `*.toml` file under DIR, recursively, in path order, leaving out
//!   hidden files and folders and files that are plainly not schedules: those with no
//!   `[[phase]]`, `[[cadence]]` or `[document]` table (a `Cargo.toml`, a `pyproject.toml`).
//! - **`include`** in `[document]` lists paths and globs relative to the including file
//!   (`policies/*.toml`, `../roadmap/schedule.toml`, `**/*.toml`). The documents it brings in
//!   follow the including one, in the list's order and, within a glob, in path order. A glob's
//!   matches are filtered like a folder's files; a literal path is read whatever it holds; a
//!   folder reads like `-f DIR`. A glob that matches no schedule, or a path that does not exist,
//!   is an error, so a typo cannot quietly shrink the portfolio; an include loop is an error
//!   naming the chain.
//! - **Every file is read once.** A file reached twice (named twice, matched by two globs, or
//!   through a symlink) is read where first reached and left out after.
//! - **A broken file fails the whole read**, and every broken file is named, each with its line,
//!   not just the first: a gate must fail closed.
//!
//! The documents come in the order they were reached; the first is the top document (the first
//! `-f`, or the including file), whose title names a combined calendar.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Source};
use crate::io::read::{FileId, STDIN};
use crate::schedule::model::{Include, Schedule};

/// Where schedules come from: a file or folder, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    Path(PathBuf),
    Stdin,
}

/// One schedule file.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The document's title, else the file's stem.
    pub(crate) name: String,
    /// The path it was read from, as given or as joined from a folder or an include.
    pub(crate) file: PathBuf,
    pub(crate) schedule: Schedule,
}

/// Every document of a run, in the order reached.
#[derive(Debug, Clone)]
pub(crate) struct Portfolio {
    pub(crate) documents: Vec<Entry>,
    /// `*.toml` files under the folders read that are not schedules.
    pub(crate) left_out: usize,
}

/// What naming a document found.
#[derive(Debug)]
pub(crate) enum Found<'a> {
    One(usize),
    /// Several documents answer to the name: their entries.
    Several(Vec<&'a Entry>),
    None,
}

impl Portfolio {
    /// True when more than one document was read: outputs then name the document of each row.
    pub(crate) fn is_many(&self) -> bool {
        self.documents.len() > 1
    }

    /// The document named `key`, by its name, else by its file's path.
    pub(crate) fn find(&self, key: &str) -> Found<'_> {
        let by_name: Vec<usize> = (0..self.documents.len())
            .filter(|&i| self.documents[i].name == key)
            .collect();
        let hits = if by_name.is_empty() {
            let wanted = Path::new(key);
            let canonical = std::fs::canonicalize(wanted).ok();
            (0..self.documents.len())
                .filter(|&i| {
                    let file = &self.documents[i].file;
                    file == wanted
                        || canonical.is_some() && std::fs::canonicalize(file).ok() == canonical
                })
                .collect()
        } else {
            by_name
        };
        match hits.as_slice() {
            [] => Found::None,
            [one] => Found::One(*one),
            _ => Found::Several(hits.iter().map(|&i| &self.documents[i]).collect()),
        }
    }
}

/// A document's name: its title, else its file's stem.
pub(crate) fn name_of(file: &Path, schedule: &Schedule) -> String {
    if let Some(t) = schedule.settings.title.as_deref().map(str::trim)
        && !t.is_empty()
    {
        return t.to_string();
    }
    if file == Path::new(STDIN) {
        return "stdin".to_string();
    }
    file.file_stem().map_or_else(
        || file.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

/// Reads every schedule the inputs name, with what they include.
pub(crate) fn read(inputs: &[Input]) -> Result<Portfolio> {
    let mut r = Reader::default();
    for input in inputs {
        match input {
            Input::Stdin => r.stdin(),
            Input::Path(p) if p.is_dir() => {
                if !r.folder(p, None) {
                    r.errors.push(Error::file(
                        p,
                        "holds no schedule (no *.toml file with [[phase]], [[cadence]] or [document])",
                    ));
                }
            }
            Input::Path(p) => {
                r.file(p, None, false);
            }
        }
    }
    if !r.errors.is_empty() {
        return Err(Error::all(r.errors));
    }
    if r.documents.is_empty() {
        return Err(Error::new("no schedule was read"));
    }
    Ok(Portfolio {
        documents: r.documents,
        left_out: r.left_out,
    })
}

#[derive(Default)]
struct Reader {
    documents: Vec<Entry>,
    errors: Vec<Error>,
    left_out: usize,
    /// Every file reached, and whether it is a schedule (read, or broken).
    seen: HashMap<FileId, bool>,
    /// The files being read, outermost first, to find include loops: (file, as shown).
    stack: Vec<(FileId, PathBuf)>,
    /// Folders listed, so a symlink to a parent cannot loop.
    folders: HashSet<FileId>,
    /// Folders read, and whether each held a schedule.
    walked: HashMap<FileId, bool>,
}

impl Reader {
    fn stdin(&mut self) {
        let path = PathBuf::from(STDIN);
        let loaded =
            crate::io::read::stdin_bytes("a schedule").and_then(|bytes| from_bytes(&path, bytes));
        match loaded {
            Ok(schedule) => self.add(path, schedule),
            Err(e) => self.errors.push(e),
        }
    }

    /// Reads one file; true when it is a schedule (read now or before, or broken).
    /// `filtered` leaves it out quietly when it is plainly not a schedule.
    fn file(&mut self, path: &Path, via: Option<&Include>, filtered: bool) -> bool {
        let loaded = load(path, filtered);
        self.settle(path, via, loaded)
    }

    /// Takes in a file read by [`load`]: refuses an include loop, leaves out a file already
    /// read, and adds the document (with what it includes) or its error.
    fn settle(&mut self, path: &Path, via: Option<&Include>, loaded: Loaded) -> bool {
        let (id, body) = match loaded {
            Loaded::Unopened(e) => {
                self.errors.push(relocated(e, via));
                return true;
            }
            Loaded::Opened(id, body) => (id, body),
        };
        if let Some(at) = self.stack.iter().position(|(f, _)| *f == id) {
            let mut chain: Vec<String> = self.stack[at..]
                .iter()
                .map(|(_, shown)| shown.display().to_string())
                .collect();
            chain.push(path.display().to_string());
            let message = format!("include loop: {}", chain.join(" includes "));
            self.errors.push(located(via, message));
            return true;
        }
        if let Some(&schedule) = self.seen.get(&id) {
            return schedule;
        }
        let schedule = !matches!(body, Body::NotSchedule);
        self.seen.insert(id, schedule);
        match body {
            Body::NotSchedule => self.left_out += 1,
            Body::Unreadable(e) => self.errors.push(relocated(e, via)),
            Body::Broken(e) => self.errors.push(match via {
                Some(inc) => e.help(format!("included from {}", where_written(inc))),
                None => e,
            }),
            Body::Schedule(schedule) => {
                self.stack.push((id, path.to_path_buf()));
                self.add(path.to_path_buf(), *schedule);
                self.stack.pop();
            }
        }
        schedule
    }

    /// Adds a document, then what it includes.
    fn add(&mut self, file: PathBuf, schedule: Schedule) {
        let includes = schedule.settings.include.clone();
        let base = base_of(&file);
        self.documents.push(Entry {
            name: name_of(&file, &schedule),
            file,
            schedule,
        });
        for inc in &includes {
            self.include(&base, inc);
        }
    }

    fn include(&mut self, base: &Path, inc: &Include) {
        let written = crate::io::home::expand_home(Path::new(&inc.pattern));
        let is_glob = inc.pattern.contains(['*', '?', '[']);
        if !is_glob {
            let path = if written.is_absolute() {
                written
            } else {
                base.join(written)
            };
            if path.is_dir() {
                if !self.folder(&path, Some(inc)) {
                    self.errors.push(located(
                        Some(inc),
                        format!("`{}` holds no schedule", inc.pattern),
                    ));
                }
            } else if path.exists() {
                self.file(&path, Some(inc), false);
            } else {
                self.errors.push(located(
                    Some(inc),
                    format!("`{}`: no such file ({})", inc.pattern, path.display()),
                ));
            }
            return;
        }
        // An absolute pattern (or one from `~`) is matched from the root, any other from the
        // including file's folder.
        let (root, pattern) = if written.is_absolute() {
            (PathBuf::from("/"), written.display().to_string())
        } else {
            (base.to_path_buf(), inc.pattern.clone())
        };
        let matches = match glob_matches(&root, &pattern) {
            Ok(m) => m,
            Err(message) => {
                self.errors.push(located(Some(inc), message));
                return;
            }
        };
        let mut any = false;
        for m in matches {
            match m {
                Ok((path, Kind::Folder)) => any |= self.folder(&path, Some(inc)),
                Ok((path, Kind::File)) => any |= self.file(&path, Some(inc), true),
                // A FIFO, socket or device is left out, as in a folder: a FIFO would wait.
                Ok((_, Kind::Other)) => {}
                Err(e) => {
                    any = true;
                    self.errors.push(relocated(e, Some(inc)));
                }
            }
        }
        if !any {
            self.errors.push(located(
                Some(inc),
                format!(
                    "`{}` matches no schedule: check the path, relative to {}",
                    inc.pattern,
                    if base.as_os_str().is_empty() {
                        "the current folder".to_string()
                    } else {
                        base.display().to_string()
                    }
                ),
            ));
        }
    }

    /// Every `*.toml` schedule under `dir`, in path order; true when any file under it is a
    /// schedule (read now or before, or broken). The files are listed first, then read and
    /// parsed at once (see [`load_all`]), then taken in, in order.
    fn folder(&mut self, dir: &Path, via: Option<&Include>) -> bool {
        let mut files = Vec::new();
        let mut any = self.list(dir, via, &mut files);
        let loaded = load_all(&files);
        for (path, loaded) in files.iter().zip(loaded) {
            any |= self.settle(path, via, loaded);
        }
        if let Ok(meta) = std::fs::metadata(dir) {
            self.walked.insert(crate::io::read::file_id(&meta), any);
        }
        any
    }

    /// Adds the `*.toml` files under `dir` to `files`, in path order, each folder once (a
    /// symlink to a parent cannot loop). True when something under `dir` already counts as a
    /// schedule: a folder that could not be read (an error), or one walked before that held
    /// one.
    fn list(&mut self, dir: &Path, via: Option<&Include>, files: &mut Vec<PathBuf>) -> bool {
        let id = match std::fs::metadata(dir) {
            Ok(meta) => crate::io::read::file_id(&meta),
            Err(e) => {
                let err = Error::file(dir, crate::io::read::describe_io(&e));
                self.errors.push(relocated(err, via));
                return true;
            }
        };
        if !self.folders.insert(id) {
            return self.walked.get(&id).copied().unwrap_or(false);
        }
        let mut entries: Vec<(PathBuf, Kind)> = match std::fs::read_dir(dir) {
            Ok(list) => list
                .filter_map(std::result::Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| {
                    let path = e.path();
                    // The entry's type comes with the listing; only a symlink needs a stat.
                    let kind = match e.file_type() {
                        Ok(t) if !t.is_symlink() => Kind::of(t),
                        _ => std::fs::metadata(&path)
                            .map_or(Kind::Other, |m| Kind::of(m.file_type())),
                    };
                    (path, kind)
                })
                .collect(),
            Err(e) => {
                let err = Error::file(dir, crate::io::read::describe_io(&e));
                self.errors.push(relocated(err, via));
                return true;
            }
        };
        entries.sort();
        let mut known = false;
        for (path, kind) in entries {
            if kind == Kind::Folder {
                known |= self.list(&path, via, files);
            } else if kind == Kind::File && path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
        known
    }
}

/// The paths that `pattern` matches, relative to `root` (or absolute), in path order, each
/// with what it is; or why `pattern` is not a glob. The walk is the one `-f DIR` makes: each
/// folder once, so a symlink to a parent (`build/Debug -> ..`) cannot loop; no deeper than the
/// pattern reaches without `**`; and into hidden folders only where the pattern names one.
/// A folder that cannot be listed is an error in the list.
fn glob_matches(
    root: &Path,
    pattern: &str,
) -> std::result::Result<Vec<Result<(PathBuf, Kind)>>, String> {
    let glob =
        glob::Pattern::new(pattern).map_err(|e| format!("`{pattern}` is not a glob: {}", e.msg))?;
    let parts: Vec<&str> = pattern.split('/').collect();
    let fixed = parts
        .iter()
        .take_while(|p| !p.contains(['*', '?', '[']))
        .count();
    let walk = Walk {
        glob,
        depth: (!parts[fixed..].contains(&"**")).then(|| parts.len() - fixed),
        hidden: parts[fixed..]
            .iter()
            .any(|p| p.starts_with('.') && *p != "." && *p != ".."),
    };
    let start = parts[..fixed].join("/");
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    walk.folder(root, &start, walk.depth, &mut seen, &mut out);
    out.sort_by(|a, b| match (a, b) {
        (Ok(a), Ok(b)) => a.0.cmp(&b.0),
        (a, b) => a.is_ok().cmp(&b.is_ok()),
    });
    Ok(out)
}

/// A glob's walk: its pattern, how many folders deep it reaches (`None` with `**`), and whether
/// it names hidden entries.
struct Walk {
    glob: glob::Pattern,
    depth: Option<usize>,
    hidden: bool,
}

impl Walk {
    /// The entries of `root/rel` that match, and of the folders under it within `depth`.
    fn folder(
        &self,
        root: &Path,
        rel: &str,
        depth: Option<usize>,
        seen: &mut HashSet<FileId>,
        out: &mut Vec<Result<(PathBuf, Kind)>>,
    ) {
        let dir = match (root.as_os_str().is_empty(), rel.is_empty()) {
            (true, true) => PathBuf::from("."),
            (true, false) => PathBuf::from(rel),
            (false, _) => root.join(rel),
        };
        let listing = std::fs::metadata(&dir).and_then(|meta| {
            if seen.insert(crate::io::read::file_id(&meta)) {
                std::fs::read_dir(&dir)?.collect::<std::io::Result<Vec<_>>>()
            } else {
                Ok(Vec::new())
            }
        });
        let entries = match listing {
            Ok(entries) => entries,
            // The pattern's fixed folders may not exist: then nothing matches.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(e) => {
                out.push(Err(Error::file(&dir, crate::io::read::describe_io(&e))));
                return;
            }
        };
        let options = glob::MatchOptions {
            case_sensitive: true,
            require_literal_separator: true,
            require_literal_leading_dot: true,
        };
        let mut names: Vec<(String, Kind)> = entries
            .iter()
            .map(|e| {
                let kind = match e.file_type() {
                    Ok(t) if !t.is_symlink() => Kind::of(t),
                    _ => {
                        std::fs::metadata(e.path()).map_or(Kind::Other, |m| Kind::of(m.file_type()))
                    }
                };
                (e.file_name().to_string_lossy().into_owned(), kind)
            })
            .filter(|(name, _)| self.hidden || !name.starts_with('.'))
            .collect();
        names.sort();
        for (name, kind) in names {
            let path = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            if self.glob.matches_with(&path, options) {
                let full = if root.as_os_str().is_empty() {
                    PathBuf::from(&path)
                } else {
                    root.join(&path)
                };
                out.push(Ok((full, kind)));
            }
            let deeper = depth.is_none_or(|d| d > 1);
            if kind == Kind::Folder && deeper {
                self.folder(root, &path, depth.map(|d| d - 1), seen, out);
            }
        }
    }
}

/// What a folder entry is. A FIFO, socket or device named `*.toml` in a folder is left out:
/// opening a FIFO would wait for a writer.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Folder,
    File,
    Other,
}

impl Kind {
    fn of(t: std::fs::FileType) -> Self {
        if t.is_dir() {
            Kind::Folder
        } else if t.is_file() {
            Kind::File
        } else {
            Kind::Other
        }
    }
}

/// A file as [`load`] found it.
enum Loaded {
    /// It could not be opened.
    Unopened(Error),
    Opened(FileId, Body),
}

enum Body {
    /// Left out: plainly not a schedule.
    NotSchedule,
    /// It could not be read, or is not UTF-8.
    Unreadable(Error),
    /// A schedule that does not load.
    Broken(Error),
    Schedule(Box<Schedule>),
}

/// Validates a schedule file's bytes; `path` is only for messages.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Schedule> {
    let text = crate::io::read::text_of(path, bytes)?;
    crate::schedule::load::parse(&Source::new(path, &text))
}

/// Reads and validates the schedule at `path`; the tests' way to load a fixture.
#[cfg(test)]
pub(crate) fn from_file(path: &Path) -> Result<Schedule> {
    from_bytes(path, crate::io::read::bytes(path, "a schedule file")?)
}

/// Opens, reads and parses one file; with `filtered`, one that is plainly not a schedule is
/// left out.
fn load(path: &Path, filtered: bool) -> Loaded {
    let opened = match crate::io::read::open(path, "a schedule file") {
        Ok(o) => o,
        Err(e) => return Loaded::Unopened(e),
    };
    let id = opened.id();
    let text = opened
        .read("a schedule file")
        .and_then(|bytes| crate::io::read::text_of(path, bytes));
    let body = match text {
        Err(e) => Body::Unreadable(e),
        Ok(text) if filtered && !looks_like_schedule(&text) => Body::NotSchedule,
        Ok(text) => match crate::schedule::load::parse(&Source::new(path, &text)) {
            Ok(schedule) => Body::Schedule(Box::new(schedule)),
            Err(e) => Body::Broken(e),
        },
    };
    Loaded::Opened(id, body)
}

/// Folders of fewer files are read on one thread: starting threads would cost more.
const PARALLEL_FILES: usize = 32;

/// [`load`] of every file of a folder, in the same order: on up to four threads for a folder
/// of [`PARALLEL_FILES`] or more, each taking the next file not yet taken.
fn load_all(files: &[PathBuf]) -> Vec<Loaded> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(4);
    if files.len() < PARALLEL_FILES || threads < 2 {
        return files.iter().map(|f| load(f, true)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut parts: Vec<Vec<(usize, Loaded)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut got = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(f) = files.get(i) else { break };
                        got.push((i, load(f, true)));
                    }
                    got
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut all: Vec<(usize, Loaded)> = parts.drain(..).flatten().collect();
    if all.len() != files.len() {
        // A thread that did not finish: read them all again here, where its panic shows.
        return files.iter().map(|f| load(f, true)).collect();
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, l)| l).collect()
}

/// The folder relative paths in a file are taken from: its own, or the current folder.
fn base_of(file: &Path) -> PathBuf {
    if file == Path::new(STDIN) {
        return PathBuf::new();
    }
    file.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// `schedule.toml:4`, where an include is written.
fn where_written(inc: &Include) -> String {
    format!("{}:{}", inc.at.path.display(), inc.at.line)
}

/// An error at an include's entry, or about the run when there is none.
fn located(via: Option<&Include>, message: String) -> Error {
    let mut e = Error::new(message);
    if let Some(inc) = via {
        e.location = Some(Box::new(inc.at.clone()));
    }
    e
}

/// A file that cannot be read, pointed at the include that names it.
fn relocated(e: Error, via: Option<&Include>) -> Error {
    match via {
        Some(inc) if e.location.is_none() => {
            let mut e = e;
            e.location = Some(Box::new(inc.at.clone()));
            e
        }
        _ => e,
    }
}

/// Whether TOML text has a `[[phase]]`, `[[cadence]]` or `[document]` table (as a header, a
/// dotted key or an inline value), so a folder's other `*.toml` files can be left out.
pub(crate) fn looks_like_schedule(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim_start();
        let key = if let Some(header) = line.strip_prefix('[') {
            // `[document]`, `[[phase]]`, `[ document.x ]`: the first name of the header.
            header
                .trim_start_matches(|c: char| c == '[' || c.is_whitespace())
                .split([']', '.'])
                .next()
                .unwrap_or("")
        } else {
            line.split(['=', '.']).next().unwrap_or("")
        };
        let key = key.trim().trim_matches(['"', '\'']);
        matches!(key, "phase" | "cadence" | "document")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_looks_like_a_schedule() {
        for yes in [
            "[[phase]]\nname = \"x\"",
            "  [document]\n",
            "[ [ cadence ] ]",
            "[[cadence.phase]]",
            "document.title = \"x\"",
            "phase = [{ name = \"x\", due = 2026-01-01 }]",
            "[\"document\"]",
        ] {
            assert!(looks_like_schedule(yes), "{yes}");
        }
        for no in [
            "[package]\nname = \"x\"",
            "[tool.phase]\n",
            "# [[phase]]",
            "phases = 3",
            "",
        ] {
            assert!(!looks_like_schedule(no), "{no}");
        }
    }
}
