//! The one way a command edits the schedule file: `publish` and `reschedule` both go through
//! here, so both are as safe as each other.
//!
//! 1. [`open`] refuses standard input (`-f -`: there is no file to write), locks the file
//!    itself (see [`crate::io::lock`]: `flock` on the file, opened read-write, with a check
//!    that the path still names the locked file), waiting up to `--wait` (10 s) for another
//!    holder, then reads it again under the lock and parses it: what was read before the lock
//!    may already be stale.
//! 2. The command splices its change into [`Edit::text`] (see [`crate::schedule::edit`]), as
//!    many changes as it makes, and says what the schedule must then be.
//! 3. [`Edit::check`] parses the new text and compares it with that: it must load, and be the
//!    schedule as read with exactly the command's change. Phases are compared without their
//!    line numbers; a date written relative to another phase (`"Code freeze + 2w"`) is compared
//!    as written, not by the date it comes to, since that follows its anchor: moving "Code
//!    freeze" moves "Docs freeze", and that is no other change.
//! 4. [`Edit::commit`] puts a byte-order mark back where there was one, writes the new text to
//!    a temp file and fsyncs it, reads the file once more to check that it still holds what was
//!    read, and only then renames (see [`crate::io::lock::Locked::replace`]). A file that is
//!    read-only, has several hard links or cannot be given its owner back is refused (see
//!    [`crate::io::atomic`]). Commands say what they did only once this returns.
//!
//! A dry run ([`open`] with `dry_run`) reads the file without locking it (so a file it could
//! not write works too), checks the edit all the same, and [`Edit::commit`] writes nothing.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;

use crate::app::args::Global;
use crate::app::context::Context;
use crate::app::lookup::Wanted;
use crate::dates::FIRST_DAY;
use crate::error::{Error, Result, Source};
use crate::io::lock::{self, Locked, Wait};
use crate::io::read::STDIN;
use crate::io::text::inert;
use crate::schedule::model::Schedule;
use crate::schedule::phase::{Extra, Kind, When};

const BOM: &str = "\u{feff}";

/// A schedule file open for an edit: locked (unless a dry run), read and parsed.
#[derive(Debug)]
pub(crate) struct Edit {
    /// The file as given or found.
    pub(crate) path: PathBuf,
    pub(crate) today: NaiveDate,
    /// The names the command was given, as written in this file (a `DOCUMENT: ` taken off).
    pub(crate) names: Vec<String>,
    /// The schedule as read under the lock.
    pub(crate) schedule: Schedule,
    /// Its text, without a byte-order mark.
    pub(crate) text: String,
    bom: bool,
    original: Vec<u8>,
    /// `None` for a dry run.
    locked: Option<Locked>,
}

/// Finds the document holding `names` (see [`crate::app::lookup::document_of`]), locks its
/// file (unless `dry_run`) and reads it. `writes` says what the command writes, for the
/// refusal of standard input: "publish writes `done`".
pub(crate) fn open(
    global: &Global,
    writes: &str,
    wait: Option<Duration>,
    dry_run: bool,
    names: &[String],
    wanted: Wanted,
) -> Result<Edit> {
    let ctx = Context::load(global)?;
    let (doc, names) = crate::app::lookup::document_of(&ctx, names, wanted)?;
    let path = ctx.portfolio.documents[doc].file.clone();
    let today = ctx.todays[doc];
    if path == Path::new(STDIN) {
        return Err(Error::new(format!(
            "{writes} into the schedule file, so it cannot work on standard input (-f -)"
        )));
    }
    let (locked, original) = if dry_run {
        (None, crate::io::read::bytes(&path, "a schedule file")?)
    } else {
        let wait = Wait {
            limit: wait.unwrap_or_else(|| crate::app::clock::waits().lock),
            flag: "--wait",
        };
        let locked = lock::lock(&path, "a schedule file", wait)?;
        // Read again under the lock: another command may have written since the context loaded.
        let bytes = locked.read()?;
        (Some(locked), bytes)
    };
    let text = crate::io::read::text_of(&path, original.clone())?;
    let schedule = crate::schedule::load::parse(&Source::new(&path, &text))?;
    Ok(Edit {
        path,
        today,
        names,
        schedule,
        text,
        bom: original.starts_with(BOM.as_bytes()),
        original,
        locked,
    })
}

impl Edit {
    /// The file's path as messages show it.
    pub(crate) fn file(&self) -> String {
        inert(&self.path.display().to_string()).into_owned()
    }

    /// True for a dry run: nothing will be written.
    pub(crate) fn is_dry_run(&self) -> bool {
        self.locked.is_none()
    }

    /// An error about this file's edit.
    pub(crate) fn error(&self, message: impl std::fmt::Display) -> Error {
        Error::file(&self.path, message)
    }

    /// The schedule `new_text` describes, once it is checked to load and to be `expected`
    /// (the schedule as read, with the command's change; see the module's documentation).
    /// `what` names the change for the refusal ("the `done` of `NAME`"); `load_help` and
    /// `change_help` say what to do when the text would not load, or would change more.
    pub(crate) fn check(
        &self,
        new_text: &str,
        expected: Schedule,
        what: &str,
        load_help: &str,
        change_help: &str,
    ) -> Result<Schedule> {
        let refused = |why: String| self.error(format!("the edit was not written: {why}"));
        let new =
            crate::schedule::load::parse(&Source::new(&self.path, new_text)).map_err(|e| {
                refused(format!("the edited file would not load ({})", e.message)).help(load_help)
            })?;
        if comparable(expected) != comparable(new.clone()) {
            return Err(
                refused(format!("the edited file would change more than {what}")).help(change_help),
            );
        }
        Ok(new)
    }

    /// Writes `new_text` in place of the file, atomically and only if the file still holds
    /// what was read (`doing` says what for the message if not); a dry run writes nothing.
    pub(crate) fn commit(self, new_text: &str, doing: &str) -> Result<()> {
        let Some(locked) = self.locked else {
            return Ok(());
        };
        let mut bytes = Vec::with_capacity(new_text.len() + BOM.len());
        if self.bom {
            bytes.extend_from_slice(BOM.as_bytes());
        }
        bytes.extend_from_slice(new_text.as_bytes());
        locked.replace(&self.original, &bytes, doing)
    }
}

/// A schedule as edits are compared: without line numbers, and with every date written
/// relative to another phase as written only (its date and the chain that led to it cleared).
fn comparable(mut s: Schedule) -> Schedule {
    for p in &mut s.phases {
        p.line = 0;
        let keys: Vec<&'static str> = p.from().iter().map(|d| d.key).collect();
        for key in keys {
            p.kind = match (p.kind, key) {
                (Kind::Window { end, .. }, "start") => Kind::Window {
                    start: Some(FIRST_DAY),
                    end,
                },
                (Kind::Window { start, .. }, "end") => Kind::Window {
                    start,
                    end: When::On(FIRST_DAY),
                },
                (Kind::Milestone { done, .. }, "due") => Kind::Milestone {
                    due: When::On(FIRST_DAY),
                    done,
                },
                (Kind::KeyDate { .. }, "on") => Kind::KeyDate {
                    on: When::On(FIRST_DAY),
                },
                (k, _) => k,
            };
        }
        if let Some(e) = p.extra.as_mut() {
            for d in &mut e.from {
                d.step.clear();
                d.next = None;
            }
        }
        // A plan removed leaves no trace: no rarer parts is the same as empty ones.
        if p.extra.as_deref() == Some(&Extra::default()) {
            p.extra = None;
        }
    }
    for c in &mut s.cadences {
        c.line = 0;
        for slot in &mut c.slots {
            slot.line = 0;
        }
    }
    s
}
