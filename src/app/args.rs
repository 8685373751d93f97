//! The one clap definition of the command line. Everything clap-specific stays in this file:
//! commands read plain values from the structs below, and the layers under the command line
//! never see a clap type.

// Doc comments here are `--help` text, printed as written: no rustdoc backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::dates::Days;
use crate::present::check::Style;
use crate::present::post::PostFormat;
use crate::present::{BlockFormat, Format};
use crate::schedule::config::ColorChoice;

/// Keeps a living document on its revision schedule: the current phase, what comes next and
/// when, and which revisions are overdue.
#[derive(Debug, Parser)]
#[command(
    name = "vision-sched",
    // The package's version, and the commit when built from a git checkout (build.rs).
    version = env!("VISION_SCHED_VERSION"),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Output format; given before a command, it applies to that command [default: table]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<AnyFormat>,
    /// How far ahead to look, like 14d or 2w; given before a command, it applies to that command
    #[arg(long, value_name = "DUR", value_parser = parse_days)]
    pub within: Option<Days>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options every command takes, before or after its name.
#[derive(Debug, Clone, Args)]
pub struct Global {
    /// A schedule file, a folder of them, or - for standard input; may be given several
    /// times [default: $VISION_SCHED_FILE, else schedule.toml here or in a parent folder, else
    /// the config file's `schedule`, else schedule.toml in the config folder]
    #[arg(short = 'f', long = "schedule", global = true, value_name = "PATH")]
    pub schedule: Vec<PathBuf>,
    /// Work on one of the documents read: its name (title, else file stem) or its file's path
    #[arg(long, global = true, value_name = "NAME")]
    pub document: Option<String>,
    /// Take this day as today instead of the clock's date in the schedule's time zone (also
    /// $VISION_SCHED_TODAY)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
    /// When to colour the output [default: auto, or the config file's `color`]
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub color: Option<ColorChoice>,
}

/// The commands' own arguments are built only for the command given: building every command's
/// at each start was a third of a small schedule's run.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Where the schedule stands: current phase, upcoming events, overdue milestones (the default)
    Status(ReportArgs),
    /// Events from today to the horizon
    Upcoming(ReportArgs),
    /// Milestones past their due date and not done
    Overdue(FormatArgs),
    /// Every phase with its state
    Phases(PhasesArgs),
    /// One line per overdue milestone or event in its warning period, or one chat message with
    /// --post; silent when there is none (for cron)
    Remind(RemindArgs),
    /// Exit 1 when a milestone is overdue or the document's table is stale (a pre-release gate)
    Check(CheckArgs),
    /// Write the schedule as the document's Markdown table or Mermaid chart
    Render(RenderArgs),
    /// Record milestones as done by writing `done` into the schedule file
    Publish(PublishArgs),
    /// Move a phase's date, keeping the date first planned (`planned`)
    Reschedule(ReschedArgs),
    /// Export the schedule to another format
    Export(ExportArgs),
    /// Draw the schedule as a timeline
    Timeline(TimelineArgs),
    /// Write a commented starter schedule
    Init(InitArgs),
    /// Print the JSON Schema of the schedule file, for editors that validate TOML
    Schema,
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    Man,
}

// `--format` of a reporting command. (A comment, not a doc comment: clap would take it for the
// about of each command that flattens it.)
#[derive(Debug, Default, Clone, Args)]
pub struct FormatArgs {
    /// Output format [default: table]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,
}

#[derive(Debug, Default, Clone, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub format: FormatArgs,
    /// How far ahead to look, like 14d or 2w [default: 30d, or the config file's `horizon`]
    #[arg(long, value_name = "DUR", value_parser = parse_days)]
    pub within: Option<Days>,
}

#[derive(Debug, Default, Clone, Args)]
pub struct PhasesArgs {
    #[command(flatten)]
    pub format: FormatArgs,
    /// First day for cycles generated by cadences [default: January 1 of today's year]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day for cycles generated by cadences [default: December 31 of today's year]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Add a column showing how each date written relative to another phase was found (JSON
    /// always has them, in `from`)
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Default, Clone, Args)]
pub struct RemindArgs {
    /// Warn this long before every event, like 3d or 2w, instead of each phase's `warn`
    /// [default: the phase's `warn`, else the document's, else 7d]
    #[arg(long, value_name = "DUR", value_parser = parse_days)]
    pub within: Option<Days>,
    /// Post the reminders as one message to this chat webhook instead of printing them; nothing
    /// is sent on a quiet day [default: $VISION_SCHED_WEBHOOK when set and not empty]
    #[arg(long, value_name = "URL")]
    pub post: Option<String>,
    /// What the webhook takes (Matrix: the token is in $VISION_SCHED_MATRIX_TOKEN) [default:
    /// slack]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub post_format: Option<PostFormat>,
}

// The document's table and chart: the span of days they cover, and how the table shows a plan
// that moved. (A comment, not a doc comment, as for `FormatArgs`.)
#[derive(Debug, Default, Clone, Args)]
pub struct SpanArgs {
    /// First day the table and chart cover [default: January 1 of --to's year, or of today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day the table and chart cover [default: December 31 of --from's year, or of today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Write a slipped milestone's or key date's date with its plan struck through:
    /// "~~Oct 3~~ Oct 24"
    #[arg(long)]
    pub slips: bool,
}

#[derive(Debug, Default, Clone, Args)]
pub struct CheckArgs {
    /// Also fail when a milestone that is not done is due within DUR, like 7d or 2w (0d: today)
    #[arg(long, value_name = "DUR", value_parser = parse_days)]
    pub fail_within: Option<Days>,
    /// Also fail when a block of this Markdown document (the schedule table, the Mermaid chart)
    /// is not what `render --write` writes
    #[arg(long, value_name = "PATH")]
    pub doc: Option<PathBuf>,
    /// Also fail when this SVG timeline is not what `export svg` writes (--from/--to as for
    /// `export svg`)
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// The width --svg's timeline was written with [default: 960]
    #[arg(long, value_name = "PX", requires = "svg", value_parser = parse_width)]
    pub width: Option<u16>,
    #[command(flatten)]
    pub span: SpanArgs,
    /// How to report problems [default: github when `GITHUB_ACTIONS=true`, else text]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<Style>,
    /// Print nothing when the check passes
    #[arg(short, long)]
    pub quiet: bool,
}

#[derive(Debug, Default, Clone, Args)]
pub struct RenderArgs {
    /// What to print; --write fills every block of the document, each in its own format
    /// [default: table]
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "write")]
    pub format: Option<BlockFormat>,
    #[command(flatten)]
    pub span: SpanArgs,
    /// Instead of printing, write into this Markdown document between each pair of
    /// `vision-sched:begin` and `vision-sched:end` marker lines: the table, or the Mermaid
    /// chart where the begin marker says `mermaid`
    #[arg(long, value_name = "DOC")]
    pub write: Option<PathBuf>,
    /// How long to wait for another program's lock on the document, like 30s or 2m (0s: do not
    /// wait) [default: 10s]
    #[arg(long, value_name = "DUR", value_parser = parse_wait, requires = "write")]
    pub wait: Option<Duration>,
}

#[derive(Debug, Default, Clone, Args)]
pub struct PublishArgs {
    /// The milestones' full names, as `vision-sched phases` shows them (several: one edit)
    #[arg(value_name = "NAME", required_unless_present = "through")]
    pub names: Vec<String>,
    /// Instead of names: every milestone due on or before this day that has no `done` yet,
    /// each recorded on its own due date unless --on is given (at most 1000 in one edit)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date,
          conflicts_with_all = ["names", "undo", "force"])]
    pub through: Option<NaiveDate>,
    /// The day it was published [default: today; with --through, each one's due date]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "undo")]
    pub on: Option<NaiveDate>,
    /// Remove the recorded publication instead
    #[arg(long)]
    pub undo: bool,
    /// Replace a publication date already recorded (keeping the comment on its line)
    #[arg(long, conflicts_with = "undo")]
    pub force: bool,
    /// Print what would be recorded (or removed) and write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// How long to wait for another program's lock on the schedule, like 30s or 2m (0s: do not
    /// wait) [default: 10s]
    #[arg(long, value_name = "DUR", value_parser = parse_wait)]
    pub wait: Option<Duration>,
}

#[derive(Debug, Default, Clone, Args)]
#[command(group(
    clap::ArgGroup::new("how").required(true).multiple(true).args(["to", "start", "end", "undo"])
))]
pub struct ReschedArgs {
    /// The phase's full name, as `vision-sched phases` shows it
    #[arg(value_name = "NAME")]
    pub name: String,
    /// The new date of a milestone (`due`) or a key date (`on`), any day from 0001 to 9999
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date,
          conflicts_with_all = ["start", "end", "undo"])]
    pub to: Option<NaiveDate>,
    /// The new first day of a window
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "undo")]
    pub start: Option<NaiveDate>,
    /// The new last day of a window (`end`, or `until`)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "undo")]
    pub end: Option<NaiveDate>,
    /// Go back to the plan: the plan's date becomes the date again and the plan is removed (for
    /// a cycle, the cadence's entry is removed)
    #[arg(long)]
    pub undo: bool,
    /// How long to wait for another program's lock on the schedule, like 30s or 2m (0s: do not
    /// wait) [default: 10s]
    #[arg(long, value_name = "DUR", value_parser = parse_wait)]
    pub wait: Option<Duration>,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    #[command(subcommand)]
    pub target: ExportTarget,
}

#[derive(Debug, Clone, Subcommand)]
pub enum ExportTarget {
    /// An iCalendar feed (RFC 5545) to import or subscribe to in a calendar app
    Ics(IcsArgs),
    /// A standalone SVG timeline for a web page or a repository
    Svg(SvgArgs),
}

#[derive(Debug, Clone, Args)]
pub struct IcsArgs {
    /// First day for cycles generated by cadences [default: a year before today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day for cycles generated by cadences [default: two years after today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Write milestones as to-dos (VTODO) with a due date, completed once done
    #[arg(long)]
    pub todo: bool,
    /// Remind this long before each milestone that is not done, like 7d or 1w
    #[arg(long, value_name = "DUR", value_parser = parse_days)]
    pub alarm: Option<Days>,
    /// Write the feed to FILE instead of stdout: a file is replaced atomically (through a
    /// symlink), a FIFO or device like /dev/stdout is written as it is
    #[arg(short = 'o', long, value_name = "FILE", conflicts_with = "split")]
    pub output: Option<PathBuf>,
    /// Write one feed per document into DIR (created if missing), each named after its
    /// document: DIR/security-policy.ics
    #[arg(long, value_name = "DIR")]
    pub split: Option<PathBuf>,
    /// The calendar's name (X-WR-CALNAME) [default: the top document's name]; UIDs do not
    /// depend on it
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

#[derive(Debug, Default, Clone, Args)]
pub struct SvgArgs {
    /// First day drawn [default: the first of the month three months before today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day drawn [default: twelve months after --from, less a day]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// The picture's width in pixels, from 320 to 10000 [default: 960]
    #[arg(long, value_name = "PX", value_parser = parse_width)]
    pub width: Option<u16>,
    /// Write the SVG to FILE instead of stdout: a file is replaced atomically (through a
    /// symlink), a FIFO or device like /dev/stdout is written as it is
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Default, Clone, Args)]
pub struct TimelineArgs {
    /// First day drawn [default: the first of the month three months before today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub from: Option<NaiveDate>,
    /// Last day drawn [default: twelve months after --from, less a day]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub to: Option<NaiveDate>,
    /// Draw with plain ASCII characters only
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Debug, Default, Clone, Args)]
pub struct InitArgs {
    /// Where to write it (or give it with -f) [default: ./schedule.toml]
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Every `--format` name, for the one given before a command; each command says which it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AnyFormat {
    Table,
    Json,
    Markdown,
    Text,
    Github,
    Mermaid,
}

impl AnyFormat {
    pub fn name(self) -> &'static str {
        match self {
            AnyFormat::Table => "table",
            AnyFormat::Json => "json",
            AnyFormat::Markdown => "markdown",
            AnyFormat::Text => "text",
            AnyFormat::Github => "github",
            AnyFormat::Mermaid => "mermaid",
        }
    }
}

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        &[Format::Table, Format::Json, Format::Markdown]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

impl ValueEnum for BlockFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[BlockFormat::Table, BlockFormat::Mermaid]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            BlockFormat::Table => "The document's Markdown table",
            BlockFormat::Mermaid => "A Mermaid Gantt chart in a fenced `mermaid` block",
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}

impl ValueEnum for Style {
    fn value_variants<'a>() -> &'a [Self] {
        &[Style::Text, Style::Github, Style::Json]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Style::Text => "`FILE:LINE: message`, one line per problem",
            Style::Github => "GitHub Actions annotations (`::error file=..,line=..::message`)",
            Style::Json => "A JSON object for other tools",
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}

impl ValueEnum for PostFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            PostFormat::Slack,
            PostFormat::Discord,
            PostFormat::Matrix,
            PostFormat::Json,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            PostFormat::Slack => "Slack's or Mattermost's incoming webhook",
            PostFormat::Discord => "A Discord webhook",
            PostFormat::Matrix => "A Matrix room: https://HOMESERVER/!ROOM_ID:SERVER",
            PostFormat::Json => "The reminders as JSON, for a webhook of one's own",
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}

impl ValueEnum for ColorChoice {
    fn value_variants<'a>() -> &'a [Self] {
        &[ColorChoice::Auto, ColorChoice::Always, ColorChoice::Never]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.name()))
    }
}

pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::dates::parse_date(text)
}

pub fn parse_days(text: &str) -> Result<Days, String> {
    text.parse()
}

/// `--width`: whole pixels from 320 to 10000.
pub fn parse_width(text: &str) -> Result<u16, String> {
    let range = crate::present::svg::MIN_WIDTH..=crate::present::svg::MAX_WIDTH;
    text.trim()
        .parse::<u16>()
        .ok()
        .filter(|w| range.contains(w))
        .ok_or_else(|| {
            format!(
                "`{text}` is not a width: write whole pixels from {} to {}, like 960",
                range.start(),
                range.end()
            )
        })
}

/// The longest `--wait`: a day.
const MAX_WAIT_SECS: u64 = 86_400;

/// `--wait`: seconds (`10s`, `0s`, `1.5s`, or a bare `10`), milliseconds (`500ms`) or minutes
/// (`2m`), at most a day.
pub fn parse_wait(text: &str) -> Result<Duration, String> {
    let bad =
        || format!("`{text}` is not a time to wait: write seconds like 10s or 0s, or 500ms or 2m");
    let t = text.trim();
    let (number, unit_ms) = if let Some(n) = t.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1000)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 60_000)
    } else {
        (t, 1000)
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 3 {
        return Err(bad());
    }
    let whole: u64 = whole.parse().map_err(|_| bad())?;
    let fraction: u64 = format!("{fraction:0<3}").parse().map_err(|_| bad())?;
    let ms = whole
        .checked_mul(unit_ms)
        .and_then(|w| w.checked_add(fraction * unit_ms / 1000))
        .filter(|&ms| ms <= MAX_WAIT_SECS * 1000)
        .ok_or_else(|| format!("`{text}` is too long a wait: at most a day (86400s)"))?;
    Ok(Duration::from_millis(ms))
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
        assert_eq!(cli.global.schedule, vec![PathBuf::from("x.toml")]);
        assert_eq!(cli.global.today, NaiveDate::from_ymd_opt(2021, 6, 20));
        assert_eq!(cli.global.color, Some(ColorChoice::Never));
    }

    #[test]
    fn wait_takes_seconds_milliseconds_and_minutes() {
        let ms = |t: &str| parse_wait(t).map(|d| d.as_millis());
        assert_eq!(ms("10s"), Ok(10_000));
        assert_eq!(ms("0s"), Ok(0));
        assert_eq!(ms("10"), Ok(10_000));
        assert_eq!(ms("1.5s"), Ok(1_500));
        assert_eq!(ms("250ms"), Ok(250));
        assert_eq!(ms("2m"), Ok(120_000));
        assert_eq!(ms("86400s"), Ok(86_400_000));
        for bad in [
            "",
            "s",
            "-1s",
            "1h",
            "1.2345s",
            "soon",
            "1e3",
            " 5 s",
            "86401s",
            "99999999999999999999s",
        ] {
            assert!(parse_wait(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn format_and_within_before_the_command() {
        let cli = Cli::try_parse_from(["vision-sched", "--format", "json", "overdue"]).unwrap();
        assert_eq!(cli.format, Some(AnyFormat::Json));
        let cli = Cli::try_parse_from(["vision-sched", "--within", "2w", "upcoming"]).unwrap();
        assert_eq!(cli.within, Some(Days(14)));
        assert!(Cli::try_parse_from(["vision-sched", "--format", "json"]).is_ok());
    }
}
