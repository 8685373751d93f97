//! The one clap definition, and the place that turns a command's result into an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::commands;
use crate::error::Error;

/// Keeps a living document on its revision schedule: the current phase, what comes next and
/// when, and which revisions are overdue.
#[derive(Debug, Parser)]
#[command(
    name = "vision-sched",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes, before or after its name.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// The schedule file [default: $VISION_SCHED_FILE, else schedule.toml here or in a parent
    /// folder, else the config file's `schedule`, else schedule.toml in the config folder]
    #[arg(short = 'f', long = "schedule", global = true, value_name = "PATH")]
    pub schedule: Option<PathBuf>,
    /// Take this day as today instead of the clock's date in the schedule's time zone
    #[arg(long, global = true, value_name = "YYYY-MM-DD", env = "VISION_SCHED_TODAY", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// When to colour the output [default: auto, or the config file's `color`]
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Where the schedule stands: current phase, upcoming events, overdue milestones (the default)
    Status(commands::status::Args),
    /// Events from today to the horizon
    Upcoming(commands::upcoming::Args),
    /// Milestones past their due date and not done
    Overdue(commands::overdue::Args),
    /// Every phase with its state
    Phases(commands::phases::Args),
    /// One line per overdue milestone or event in its warning period; silent when there is none (for cron)
    Remind(commands::remind::Args),
    /// Exit 1 when a milestone is overdue or the document's table is stale (a pre-release gate)
    Check(commands::check::Args),
    /// Write the schedule as the document's Markdown table
    Render(commands::render::Args),
    /// Record a milestone as done by writing `done` into the schedule file
    Publish(commands::publish::Args),
    /// Export the schedule to another format
    Export(commands::export::Args),
    /// Draw the schedule as a timeline
    Timeline(commands::timeline::Args),
    /// Write a commented starter schedule
    Init(commands::init::Args),
    /// Print a shell completion script
    Completions(commands::completions::Args),
    /// Print the man page (roff)
    Man,
}

/// The output formats of the reporting commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Markdown,
}

pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .filter(|_| text.trim().len() >= 10)
        .ok_or_else(|| format!("`{text}` is not a date: write it as YYYY-MM-DD, like 2021-06-20"))
}

pub fn parse_days(text: &str) -> Result<crate::duration::Days, String> {
    text.parse()
}

/// Runs the program and returns its exit code: 0 success, 1 a failed check, 2 bad input or usage.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            crate::output::error(&e);
            ExitCode::from(2)
        }
    }
}

/// Runs one parsed command; `Ok` carries 0 or 1.
pub fn run(cli: Cli) -> Result<u8, Error> {
    let g = &cli.global;
    match cli.command {
        None => commands::status::run(g, &commands::status::Args::default()),
        Some(Command::Status(a)) => commands::status::run(g, &a),
        Some(Command::Upcoming(a)) => commands::upcoming::run(g, &a),
        Some(Command::Overdue(a)) => commands::overdue::run(g, &a),
        Some(Command::Phases(a)) => commands::phases::run(g, &a),
        Some(Command::Remind(a)) => commands::remind::run(g, &a),
        Some(Command::Check(a)) => commands::check::run(g, &a),
        Some(Command::Render(a)) => commands::render::run(g, &a),
        Some(Command::Publish(a)) => commands::publish::run(g, &a),
        Some(Command::Export(a)) => commands::export::run(g, &a),
        Some(Command::Timeline(a)) => commands::timeline::run(g, &a),
        Some(Command::Init(a)) => commands::init::run(g, &a),
        Some(Command::Completions(a)) => commands::completions::run(&a),
        Some(Command::Man) => commands::completions::man(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn options_work_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "vision-sched",
            "status",
            "-f",
            "x.toml",
            "--today",
            "2021-06-20",
            "--color",
            "never",
        ])
        .unwrap();
        assert_eq!(cli.global.schedule, Some(PathBuf::from("x.toml")));
        assert_eq!(cli.global.today, NaiveDate::from_ymd_opt(2021, 6, 20));
        assert_eq!(cli.global.color, Some(ColorChoice::Never));
    }

    #[test]
    fn dates_must_be_whole() {
        assert!(parse_date("2021-06-20").is_ok());
        for bad in ["2021-6-2", "2021-02-30", "20210620", "yesterday", ""] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
