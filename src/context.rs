//! What every schedule command starts from: the schedule, today, and how to print.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::cli::{ColorChoice, Global};
use crate::config::Config;
use crate::duration::Days;
use crate::error::Result;
use crate::model::Schedule;

pub const DEFAULT_HORIZON: Days = Days(30);

#[derive(Debug, Clone)]
pub struct Context {
    pub path: PathBuf,
    pub schedule: Schedule,
    pub today: NaiveDate,
    /// The zone's name, as reported in JSON.
    pub timezone: String,
    pub config: Config,
    pub color: bool,
    /// Columns to fit tables in; `None` when there is no limit.
    pub width: Option<u16>,
}

impl Context {
    /// Finds and loads the schedule and settles today and the output style.
    pub fn load(global: &Global) -> Result<Context> {
        let config_dir = crate::config::config_dir();
        let config = crate::config::load(config_dir.as_deref())?;
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        let path = crate::locate::find(
            global.schedule.as_deref(),
            std::env::var_os("VISION_SCHED_FILE").map(PathBuf::from),
            &cwd,
            config.schedule.as_deref(),
            config_dir.as_deref(),
        )?;
        let schedule = crate::cache::load(&path)?;
        let zone = match schedule
            .document
            .timezone
            .as_ref()
            .or(config.timezone.as_ref())
        {
            // Both were checked when read.
            Some(name) => {
                crate::zone::parse_zone(name).unwrap_or_else(|_| crate::zone::Zone::utc())
            }
            None => crate::zone::system_zone(),
        };
        let today = global
            .today
            .unwrap_or_else(|| crate::clock::today_in(&zone));
        let color = use_color(global.color.or(config.color).unwrap_or(ColorChoice::Auto));
        Ok(Context {
            path,
            schedule,
            today,
            timezone: zone.name().to_string(),
            config,
            color,
            width: width(),
        })
    }

    /// The horizon from the command line, else the config file, else 30 days.
    pub fn horizon(&self, flag: Option<Days>) -> Days {
        flag.or(self.config.horizon).unwrap_or(DEFAULT_HORIZON)
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
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
        .flatten();
    let from_env = || std::env::var("COLUMNS").ok()?.trim().parse::<u16>().ok();
    // A terminal that reports 0 columns would collapse every column.
    from_tty.or_else(from_env).filter(|&w| w >= 20)
}
