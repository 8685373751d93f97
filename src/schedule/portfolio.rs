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

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result, Source};
use crate::io::read::STDIN;
use crate::schedule::model::{Include, Schedule};

/// Where schedules come from: a file or folder, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Path(PathBuf),
    Stdin,
}

/// One schedule file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The document's title, else the file's stem.
    pub name: String,
    /// The path it was read from, as given or as joined from a folder or an include.
    pub file: PathBuf,
    pub schedule: Schedule,
}

/// Every document of a run, in the order reached.
#[derive(Debug, Clone)]
pub struct Portfolio {
    pub documents: Vec<Entry>,
    /// `*.toml` files under the folders read that are not schedules.
    pub left_out: usize,
}

/// What naming a document found.
#[derive(Debug)]
pub enum Found<'a> {
    One(usize),
    /// Several documents answer to the name: their entries.
    Several(Vec<&'a Entry>),
    None,
}

impl Portfolio {
    /// One document, as read from one file.
    pub fn single(file: PathBuf, schedule: Schedule) -> Portfolio {
        Portfolio {
            documents: vec![Entry {
                name: name_of(&file, &schedule),
                file,
                schedule,
            }],
            left_out: 0,
        }
    }

    /// True when more than one document was read: outputs then name the document of each row.
    pub fn is_many(&self) -> bool {
        self.documents.len() > 1
    }

    /// The document named `key`, by its name, else by its file's path.
    pub fn find(&self, key: &str) -> Found<'_> {
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
pub fn name_of(file: &Path, schedule: &Schedule) -> String {
    if let Some(t) = schedule.document.title.as_deref().map(str::trim)
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
pub fn read(inputs: &[Input]) -> Result<Portfolio> {
    let mut r = Reader::default();
    for input in inputs {
        match input {
            Input::Stdin => r.stdin(),
            Input::Path(p) if p.is_dir() => {
                let before = r.documents.len() + r.errors.len();
                r.folder(p, None);
                if r.documents.len() + r.errors.len() == before && !r.reached_any_in(p) {
                    r.errors.push(Error::file(
                        p,
                        "holds no schedule (no *.toml file with [[phase]], [[cadence]] or [document])",
                    ));
                }
            }
            Input::Path(p) => r.file(p, None, false),
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
    /// Every file reached, by its canonical path.
    seen: HashSet<PathBuf>,
    /// The files reached that are schedules (read, or broken), by canonical path.
    schedules: HashSet<PathBuf>,
    /// The files being read, outermost first, to find include loops: (canonical, as shown).
    stack: Vec<(PathBuf, PathBuf)>,
    /// Folders walked, by canonical path, so a symlink to a parent cannot loop.
    folders: HashSet<PathBuf>,
}

impl Reader {
    fn stdin(&mut self) {
        let path = PathBuf::from(STDIN);
        let loaded = crate::io::read::stdin_bytes("a schedule")
            .and_then(|bytes| crate::schedule::load::from_bytes(&path, bytes));
        match loaded {
            Ok(schedule) => self.add(path, schedule),
            Err(e) => self.errors.push(e),
        }
    }

    /// Whether some file under `dir` was already read (a folder named twice is not empty).
    fn reached_any_in(&self, dir: &Path) -> bool {
        let Ok(dir) = std::fs::canonicalize(dir) else {
            return false;
        };
        self.schedules.iter().any(|f| f.starts_with(&dir))
    }

    /// Reads one file. `filtered` leaves it out quietly when it is plainly not a schedule.
    fn file(&mut self, path: &Path, via: Option<&Include>, filtered: bool) {
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if let Some(at) = self.stack.iter().position(|(c, _)| *c == canonical) {
            let mut chain: Vec<String> = self.stack[at..]
                .iter()
                .map(|(_, shown)| shown.display().to_string())
                .collect();
            chain.push(path.display().to_string());
            let message = format!("include loop: {}", chain.join(" includes "));
            self.errors.push(located(via, message));
            return;
        }
        if !self.seen.insert(canonical.clone()) {
            return;
        }
        let text = crate::io::read::bytes(path, "a schedule file")
            .and_then(|bytes| crate::io::read::text_of(path, bytes));
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                self.errors.push(relocated(e, via));
                return;
            }
        };
        if filtered && !looks_like_schedule(&text) {
            self.left_out += 1;
            return;
        }
        self.schedules.insert(canonical.clone());
        match crate::schedule::load::parse(&Source::new(path, &text)) {
            Ok(schedule) => {
                drop(text);
                self.stack.push((canonical, path.to_path_buf()));
                self.add(path.to_path_buf(), schedule);
                self.stack.pop();
            }
            Err(e) => self.errors.push(match via {
                Some(inc) => e.help(format!("included from {}", where_written(inc))),
                None => e,
            }),
        }
    }

    /// Adds a document, then what it includes.
    fn add(&mut self, file: PathBuf, schedule: Schedule) {
        let includes = schedule.document.include.clone();
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
                let before = self.documents.len();
                self.folder(&path, Some(inc));
                if self.documents.len() == before && !self.reached_any_in(&path) {
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
        let full = if written.is_absolute() {
            written.display().to_string()
        } else if base.as_os_str().is_empty() {
            inc.pattern.clone()
        } else {
            format!(
                "{}/{}",
                glob::Pattern::escape(&base.display().to_string()),
                inc.pattern
            )
        };
        let options = glob::MatchOptions {
            case_sensitive: true,
            require_literal_separator: true,
            require_literal_leading_dot: true,
        };
        let matches = match glob::glob_with(&full, options) {
            Ok(m) => m,
            Err(e) => {
                self.errors.push(located(
                    Some(inc),
                    format!("`{}` is not a glob: {}", inc.pattern, e.msg),
                ));
                return;
            }
        };
        let before = (self.documents.len(), self.errors.len());
        let mut any = false;
        for m in matches {
            match m {
                Ok(path) if path.is_dir() => {
                    self.folder(&path, Some(inc));
                    any |= self.reached_any_in(&path);
                }
                Ok(path) => {
                    self.file(&path, Some(inc), true);
                    let canonical = std::fs::canonicalize(&path).unwrap_or(path);
                    any |= self.schedules.contains(&canonical);
                }
                Err(e) => self.errors.push(located(
                    Some(inc),
                    format!("cannot read {}: {}", e.path().display(), e.error()),
                )),
            }
        }
        let reached = (self.documents.len(), self.errors.len()) != before;
        if !reached && !any {
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

    /// Every `*.toml` schedule under `dir`, in path order.
    fn folder(&mut self, dir: &Path, via: Option<&Include>) {
        let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.folders.insert(canonical) {
            return;
        }
        let mut entries: Vec<(PathBuf, bool)> = match std::fs::read_dir(dir) {
            Ok(list) => list
                .filter_map(std::result::Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| {
                    let path = e.path();
                    let is_dir = path.is_dir();
                    (path, is_dir)
                })
                .collect(),
            Err(e) => {
                let err = Error::file(dir, crate::io::read::describe_io(&e));
                self.errors.push(relocated(err, via));
                return;
            }
        };
        entries.sort();
        for (path, is_dir) in entries {
            if is_dir {
                self.folder(&path, via);
            } else if path.extension().is_some_and(|e| e == "toml") {
                self.file(&path, via, true);
            }
        }
    }
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
pub fn looks_like_schedule(text: &str) -> bool {
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
