//! What every schedule command starts from: the schedules, each read once, each one's today,
//! and how to print.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use crate::app::args::Global;
use crate::dates::Days;
use crate::engine::overdue::Part;
use crate::engine::span::Span;
use crate::error::{Error, Result};
use crate::present::{Docs, Look};
use crate::schedule::config::{ColorChoice, Config};
use crate::schedule::portfolio::{Entry, Found, Input, Portfolio};
use crate::schedule::zone::{self, Zone};

pub(crate) const DEFAULT_HORIZON: Days = Days(30);

/// The variable that stands in for `--today`.
pub(crate) const TODAY_VAR: &str = "VISION_SCHED_TODAY";

#[derive(Debug)]
pub(crate) struct Context {
    /// Every document read, in the order reached (see [`crate::schedule::portfolio`]).
    pub(crate) portfolio: Portfolio,
    /// Each document's today, in its own zone (all the same with `--today`).
    pub(crate) todays: Vec<NaiveDate>,
    /// The top document's today.
    pub(crate) today: NaiveDate,
    /// The top document's zone, as reported in JSON.
    pub(crate) timezone: String,
    pub(crate) config: Config,
    pub(crate) look: Look,
    /// Whether the schedules were named (`-f`, `VISION_SCHED_FILE`) rather than found.
    pub(crate) named: bool,
    /// Whether a phase of the documents read has an owner, before any `--owner` filter.
    pub(crate) owners: bool,
    /// Whether the holiday warnings were said already (by `check`, in its output).
    warned: std::cell::Cell<bool>,
}

/// A holiday calendar whose data ended before a day an answer leaned on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HolidayWarning {
    /// Where the schedule names the calendar, the file as messages show it.
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) message: String,
}

/// However a command ends, it says once, on stderr, when an answer leaned on days past a holiday
/// calendar's data (unless it said so in its own output).
impl Drop for Context {
    fn drop(&mut self) {
        if self.warned.get() {
            return;
        }
        for w in self.holiday_warnings() {
            crate::io::output::warn(&format!("{}:{}: {}", w.file, w.line, w.message));
        }
    }
}

impl Context {
    /// Finds the schedules, reads each exactly once (so a pipe or `-f -` works), keeps the one
    /// `--document` names if given, and settles each one's today and the output style.
    pub(crate) fn load(global: &Global) -> Result<Context> {
        Context::load_at(global, None)
    }

    /// [`Context::load`], with today taken at the instant `at` rather than now when neither
    /// `--today` nor its variable gives it (a reproducible build's `SOURCE_DATE_EPOCH`).
    pub(crate) fn load_at(global: &Global, at: Option<DateTime<Utc>>) -> Result<Context> {
        let config_dir = crate::schedule::config::config_dir();
        let config = crate::schedule::config::load(config_dir.as_deref())?;
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let env = std::env::var_os("VISION_SCHED_FILE").map(PathBuf::from);
        let named =
            !global.schedule.is_empty() || env.as_ref().is_some_and(|e| !e.as_os_str().is_empty());
        let paths = if global.schedule.is_empty() {
            vec![crate::schedule::locate::find(
                None,
                env,
                &cwd,
                config.schedule.as_deref(),
                config_dir.as_deref(),
            )?]
        } else {
            global.schedule.clone()
        };
        let stdin = paths.iter().filter(|p| *p == Path::new("-")).count();
        if stdin > 1 {
            return Err(Error::new("standard input (-f -) can be read only once"));
        }
        let inputs: Vec<Input> = paths
            .into_iter()
            .map(|p| {
                if p == Path::new("-") {
                    Input::Stdin
                } else {
                    Input::Path(p)
                }
            })
            .collect();
        let mut portfolio = crate::schedule::portfolio::read(&inputs)?;
        if let Some(key) = &global.document {
            let i = pick(&portfolio, key, named)?;
            let entry = portfolio.documents.swap_remove(i);
            portfolio.documents = vec![entry];
        }
        let given = today(global)?;
        // Each zone is read once, however many documents name it: a thousand policies in one
        // zone cost one read of the zone's rules.
        let mut zones: Vec<(Option<&str>, Zone, NaiveDate)> = Vec::new();
        let mut todays = Vec::with_capacity(portfolio.documents.len());
        for entry in &portfolio.documents {
            let name = entry
                .schedule
                .settings
                .timezone
                .as_deref()
                .or(config.timezone.as_deref());
            let known = zones
                .iter()
                .find(|(n, ..)| *n == name)
                .map(|(.., day)| *day);
            let day = if let Some(day) = known {
                day
            } else {
                let zone = match name {
                    // Both were checked when read.
                    Some(name) => zone::parse_zone(name).unwrap_or_else(|_| Zone::utc()),
                    None => zone::system_zone().map_err(Error::new)?,
                };
                let day = given.unwrap_or_else(|| match at {
                    Some(at) => crate::app::clock::day_in(&zone, at),
                    None => crate::app::clock::today_in(&zone),
                });
                zones.push((name, zone, day));
                day
            };
            todays.push(day);
        }
        let zone = match zones.into_iter().next() {
            Some((_, zone, _)) => zone,
            None => zone::system_zone().map_err(Error::new)?,
        };
        let look = look(global.color.or(config.color));
        let owners = portfolio.documents.iter().any(|e| e.schedule.has_owners());
        Ok(Context {
            today: todays[0],
            todays,
            portfolio,
            timezone: zone.name().to_string(),
            config,
            look,
            named,
            owners,
            warned: std::cell::Cell::new(false),
        })
    }

    /// Leaves only the phases one of `owners` owns, in every document; none given leaves all.
    /// Every answer is then about those phases alone (see [`crate::schedule::owners`]).
    pub(crate) fn keep_owned_by(&mut self, owners: &[String]) {
        let Some(wanted) = crate::schedule::owners::Wanted::new(owners) else {
            return;
        };
        for entry in &mut self.portfolio.documents {
            entry.schedule.keep_owned_by(&wanted);
        }
    }

    /// The holiday calendars whose data ends before the latest day the answers so far asked
    /// about, one warning each; taking them means the caller says them.
    pub(crate) fn take_holiday_warnings(&self) -> Vec<HolidayWarning> {
        self.warned.set(true);
        self.holiday_warnings()
    }

    fn holiday_warnings(&self) -> Vec<HolidayWarning> {
        let mut out: Vec<HolidayWarning> = Vec::new();
        for entry in &self.portfolio.documents {
            for (c, asked) in entry.schedule.settings.days_off.ran_out() {
                let w = HolidayWarning {
                    file: self.shown(&c.named_at.0),
                    line: c.named_at.1,
                    message: format!(
                        "the holiday calendar {} names holidays up to {}, and an answer counted working days in {asked} as if there were none: add the years to come",
                        c.calendar,
                        c.last_year.unwrap_or_default()
                    ),
                };
                if !out.contains(&w) {
                    out.push(w);
                }
            }
        }
        out
    }

    /// Refuses a picture (`what`) of `span` with more rows than [`limits::PICTURE_ROWS`].
    pub(crate) fn fits_a_picture(&self, span: Span, what: &str) -> Result<()> {
        let limit = crate::limits::PICTURE_ROWS;
        if crate::engine::chart::rows_up_to(&self.parts(), span, limit) <= limit {
            return Ok(());
        }
        Err(Error::new(format!(
            "{what} from {} to {} would have more than {limit} rows, more than it can show",
            span.from, span.to
        ))
        .help("narrow it with --from and --to, to a span with fewer phases"))
    }

    /// The horizon from the command line, else the config file, else 30 days.
    pub(crate) fn horizon(&self, flag: Option<Days>) -> Days {
        flag.or(self.config.horizon).unwrap_or(DEFAULT_HORIZON)
    }

    /// Each document's schedule with its today, for the engine.
    pub(crate) fn parts(&self) -> Vec<Part<'_>> {
        self.portfolio
            .documents
            .iter()
            .zip(&self.todays)
            .map(|(e, &today)| Part {
                schedule: &e.schedule,
                today,
            })
            .collect()
    }

    /// The documents as outputs name them.
    pub(crate) fn docs(&self) -> Docs {
        Docs {
            names: self
                .portfolio
                .documents
                .iter()
                .map(|e| e.name.clone())
                .collect(),
            files: self
                .portfolio
                .documents
                .iter()
                .map(|e| self.shown(&e.file))
                .collect(),
            todays: self.todays.clone(),
            left_out: self.portfolio.left_out,
            owners: self.owners,
        }
    }

    /// A schedule's path as `FILE:LINE` messages show it (see [`shown`]).
    pub(crate) fn shown(&self, path: &Path) -> String {
        shown(self.named, path)
    }

    /// The name of what was read, for a picture's title, a calendar's name and a chat topic:
    /// `given` (`--title`), else the one document's name, else the set's: its documents' names,
    /// "Vision, Roadmap and Security policy", or the first two and how many more, "Vision,
    /// Roadmap and 3 more documents".
    pub(crate) fn title(&self, given: Option<&str>) -> String {
        if let Some(t) = given {
            return t.to_string();
        }
        set_title(
            &self
                .portfolio
                .documents
                .iter()
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>(),
        )
    }

    /// True when more than one document was read.
    pub(crate) fn is_many(&self) -> bool {
        self.portfolio.is_many()
    }

    /// The one document a per-document command works on: the only one read, else an error
    /// listing them, to pick one with `--document`. `what` says what needs one.
    pub(crate) fn single(&self, what: &str) -> Result<(&Entry, NaiveDate)> {
        match self.portfolio.documents.as_slice() {
            [one] => Ok((one, self.todays[0])),
            many => Err(listing(
                Error::new(format!(
                    "{what} works on one document, and {} were read: pick one with --document NAME",
                    many.len()
                )),
                many.iter(),
                self.named,
            )),
        }
    }
}

/// The set of documents `names` as a title (see [`Context::title`]).
pub(crate) fn set_title(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} more documents", rest.len()),
    }
}

/// The document `key` names (its name, else its file's path), or an error listing them.
pub(crate) fn pick(portfolio: &Portfolio, key: &str, named: bool) -> Result<usize> {
    match portfolio.find(key) {
        Found::One(i) => Ok(i),
        Found::Several(hits) => Err(listing(
            Error::new(format!(
                "{} documents are named `{key}`: pick one by its file with --document PATH",
                hits.len()
            )),
            hits.into_iter(),
            named,
        )),
        Found::None => Err(listing(
            Error::new(format!("no document is named `{key}`")),
            portfolio.documents.iter(),
            named,
        )),
    }
}

/// An error with the documents listed after it: name and file, eight at most. Files are
/// shown as in `FILE:LINE` messages (see [`shown`]).
pub(crate) fn listing<'a>(
    mut e: Error,
    docs: impl Iterator<Item = &'a Entry>,
    named: bool,
) -> Error {
    const SHOWN: usize = 8;
    let docs: Vec<&Entry> = docs.collect();
    e = e.help("documents:");
    for d in docs.iter().take(SHOWN) {
        e = e.help(format!("  {} ({})", d.name, shown(named, &d.file)));
    }
    if docs.len() > SHOWN {
        e = e.help(format!("  ... and {} more", docs.len() - SHOWN));
    }
    e
}

/// A schedule's path as a person (or GitHub) wants it in `FILE:LINE`: as given when named by
/// `-f` or `VISION_SCHED_FILE` (`/abs/path` stays absolute, even run from `/`); relative to the
/// current folder when found there or below it by looking upwards.
pub(crate) fn shown(named: bool, path: &Path) -> String {
    if named {
        return path.display().to_string();
    }
    let cwd = std::env::current_dir().ok();
    let rel = cwd.as_deref().and_then(|c| path.strip_prefix(c).ok());
    rel.filter(|r| !r.as_os_str().is_empty())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// `--today`, else `VISION_SCHED_TODAY` (set but empty is an error naming it), else none.
pub(crate) fn today(global: &Global) -> Result<Option<NaiveDate>> {
    if global.today.is_some() {
        return Ok(global.today);
    }
    match std::env::var_os(TODAY_VAR) {
        None => Ok(None),
        Some(v) => {
            let text = v.to_string_lossy();
            crate::dates::parse_date(&text)
                .map(Some)
                .map_err(|m| Error::new(format!("{TODAY_VAR}: {m}")))
        }
    }
}

/// Colour and width for this run. `choice` is the flag, else the config file's `color`: an
/// explicit `always` wins over `NO_COLOR` in every command (no-color.org), tables included.
pub(crate) fn look(choice: Option<ColorChoice>) -> Look {
    let color = use_color(choice.unwrap_or(ColorChoice::Auto));
    // crossterm, under comfy-table, honours NO_COLOR by itself and would write empty `ESC[m`
    // for every colour: told to colour, it does.
    if color {
        crossterm::style::force_color_output(true);
    }
    Look {
        color,
        width: width(),
    }
}

/// Colour only on a terminal, unless forced; `NO_COLOR` turns `auto` off.
pub(crate) fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
                && std::io::stdout().is_terminal()
        }
    }
}

/// The terminal's width on a terminal, else `$COLUMNS`, else no limit.
pub(crate) fn width() -> Option<u16> {
    let tty = std::io::stdout().is_terminal();
    let from_tty = tty
        .then(|| crossterm::terminal::size().ok().map(|(w, _)| w))
        .flatten();
    let from_env = || std::env::var("COLUMNS").ok()?.trim().parse::<u16>().ok();
    // A terminal that reports 0 columns would collapse every column.
    from_tty.or_else(from_env).filter(|&w| w >= 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_is_named_after_its_documents() {
        assert_eq!(set_title(&["Vision"]), "Vision");
        assert_eq!(set_title(&["Vision", "Roadmap"]), "Vision and Roadmap");
        assert_eq!(
            set_title(&["Vision", "Roadmap", "Security policy"]),
            "Vision, Roadmap and Security policy"
        );
        assert_eq!(
            set_title(&["Vision", "Roadmap", "a", "b", "c"]),
            "Vision, Roadmap and 3 more documents"
        );
    }
}
