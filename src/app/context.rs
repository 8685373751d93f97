//! What every schedule command starts from: the schedule, read once, today, and how to print.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::app::args::Global;
use crate::dates::Days;
use crate::error::{Error, Result};
use crate::io::read::STDIN;
use crate::present::Look;
use crate::schedule::config::{ColorChoice, Config};
use crate::schedule::model::Schedule;
use crate::schedule::zone::{self, Zone};

pub const DEFAULT_HORIZON: Days = Days(30);

/// The variable that stands in for `--today`.
pub const TODAY_VAR: &str = "VISION_SCHED_TODAY";

#[derive(Debug, Clone)]
pub struct Context {
    /// The schedule file as given or found; `<stdin>` for `-f -`.
    pub path: PathBuf,
    pub schedule: Schedule,
    pub today: NaiveDate,
    /// The zone's name, as reported in JSON.
    pub timezone: String,
    pub config: Config,
    pub look: Look,
}

impl Context {
    /// Finds the schedule, reads it exactly once (so a pipe or `-f -` works) and settles today
    /// and the output style.
    pub fn load(global: &Global) -> Result<Context> {
        let config_dir = crate::schedule::config::config_dir();
        let config = crate::schedule::config::load(config_dir.as_deref())?;
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let path = crate::schedule::locate::find(
            global.schedule.as_deref(),
            std::env::var_os("VISION_SCHED_FILE").map(PathBuf::from),
            &cwd,
            config.schedule.as_deref(),
            config_dir.as_deref(),
        )?;
        let (path, schedule) = if path == Path::new("-") {
            let bytes = crate::io::read::stdin_bytes("a schedule")?;
            let path = PathBuf::from(STDIN);
            let schedule = crate::schedule::load::from_bytes(&path, bytes)?;
            (path, schedule)
        } else {
            let schedule = crate::schedule::load::load(&path)?;
            (path, schedule)
        };
        let zone = match schedule
            .document
            .timezone
            .as_ref()
            .or(config.timezone.as_ref())
        {
            // Both were checked when read.
            Some(name) => zone::parse_zone(name).unwrap_or_else(|_| Zone::utc()),
            None => zone::system_zone(),
        };
        let today = match today(global)? {
            Some(d) => d,
            None => crate::app::clock::today_in(&zone),
        };
        let look = look(global.color.or(config.color));
        Ok(Context {
            path,
            schedule,
            today,
            timezone: zone.name().to_string(),
            config,
            look,
        })
    }

    /// The horizon from the command line, else the config file, else 30 days.
    pub fn horizon(&self, flag: Option<Days>) -> Days {
        flag.or(self.config.horizon).unwrap_or(DEFAULT_HORIZON)
    }
}

/// `--today`, else `VISION_SCHED_TODAY` (set but empty is an error naming it), else none.
pub fn today(global: &Global) -> Result<Option<NaiveDate>> {
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
pub fn look(choice: Option<ColorChoice>) -> Look {
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
pub fn use_color(choice: ColorChoice) -> bool {
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
pub fn width() -> Option<u16> {
    let tty = std::io::stdout().is_terminal();
    let from_tty = tty
        .then(|| crossterm::terminal::size().ok().map(|(w, _)| w))
        .flatten();
    let from_env = || std::env::var("COLUMNS").ok()?.trim().parse::<u16>().ok();
    // A terminal that reports 0 columns would collapse every column.
    from_tty.or_else(from_env).filter(|&w| w >= 20)
}
