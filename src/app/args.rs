//! The one clap definition of the command line. Everything clap-specific stays in this file:
//! commands read plain values from the structs below, and the layers under the command line
//! never see a clap type.

// Doc comments here are `--help` text, printed as written: no rustdoc backticks around names.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use clap::builder::PossibleValue;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::dates::Days;
use crate::present::Format;
use crate::present::post::PostFormat;
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
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) global: Global,
    /// Output format; given before a command, it applies to that command, which says which it
    /// takes [default: table]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) format: Option<Format>,
    /// How far ahead to look, like 14d or 2w; given before a command, it applies to that command
    #[arg(long, value_name = "DUR", value_parser = parse_days)]
    pub(crate) within: Option<Days>,
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
}

/// Options every command takes, before or after its name.
#[derive(Debug, Clone, Args)]
pub(crate) struct Global {
    /// A schedule file, a folder of them, or - for standard input; may be given several
    /// times [default: $VISION_SCHED_FILE, else schedule.toml here or in a parent folder, else
    /// the config file's `schedule`, else schedule.toml in the config folder]
    #[arg(short = 'f', long = "schedule", global = true, value_name = "PATH")]
    pub(crate) schedule: Vec<PathBuf>,
    /// Work on one of the documents read: its name (title, else file stem) or its file's path
    #[arg(long, global = true, value_name = "NAME")]
    pub(crate) document: Option<String>,
    /// Take this day as today instead of the clock's date in the schedule's time zone (also
    /// $VISION_SCHED_TODAY)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) today: Option<NaiveDate>,
    /// When to colour the output [default: auto, or the config file's `color`]
    #[arg(long, global = true, value_enum, value_name = "WHEN")]
    pub(crate) color: Option<ColorChoice>,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Where the schedule stands: current phase, upcoming events, overdue milestones (the default)
    Status(ReportArgs),
    /// Events from today to the horizon
    Upcoming(ReportArgs),
    /// Milestones past their due date and not done
    Overdue(OverdueArgs),
    /// Every phase with its state
    Phases(PhasesArgs),
    /// One line per overdue milestone or event in its warning period, or one chat message with
    /// --post; silent when there is none (for cron)
    Remind(RemindArgs),
    /// Exit 1 when a milestone is overdue or a page's table or chart is stale (a pre-release gate)
    Check(CheckArgs),
    /// Write the schedule as a Markdown table or Mermaid chart, or into a page's marker blocks
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
    /// Print a man page (roff), or write them all into a folder
    Man(ManArgs),
}

// `--format` of a reporting command. (A comment, not a doc comment: clap would take it for the
// about of each command that flattens it.)
#[derive(Debug, Default, Clone, Args)]
pub(crate) struct FormatArgs {
    /// Output format [default: table]
    #[arg(long, value_name = "FORMAT", value_parser = formats(Format::REPORTS))]
    pub(crate) format: Option<Format>,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    pub(crate) format: FormatArgs,
    /// How far ahead to look, like 14d or 2w [default: 30d, or the config file's `horizon`]
    #[arg(long, value_name = "DUR", value_parser = parse_days)]
    pub(crate) within: Option<Days>,
    #[command(flatten)]
    pub(crate) owner: OwnerArgs,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct OverdueArgs {
    #[command(flatten)]
    pub(crate) format: FormatArgs,
    #[command(flatten)]
    pub(crate) owner: OwnerArgs,
}

// `--owner` of the commands that answer for one owner's phases. (A comment, not a doc comment,
// as for `FormatArgs`.)
#[derive(Debug, Default, Clone, Args)]
pub(crate) struct OwnerArgs {
    /// Only the phases NAME owns (their `owner`, else their document's), whole name in any
    /// letter case; given several times, those of any of them
    #[arg(long = "owner", value_name = "NAME", value_parser = parse_owner)]
    pub(crate) owners: Vec<String>,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct PhasesArgs {
    #[command(flatten)]
    pub(crate) format: FormatArgs,
    /// First day for cycles generated by cadences [default: January 1 of today's year]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) from: Option<NaiveDate>,
    /// Last day for cycles generated by cadences [default: December 31 of today's year]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) to: Option<NaiveDate>,
    /// Add a column showing how each date written relative to another phase was found (JSON
    /// always has them, in `from`)
    #[arg(long)]
    pub(crate) explain: bool,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct RemindArgs {
    /// Warn this long before every event, like 3d or 2w, instead of each phase's `warn`
    /// [default: the phase's `warn`, else the document's, else 7d]
    #[arg(long, alias = "within", value_name = "DUR", value_parser = parse_days)]
    pub(crate) warn: Option<Days>,
    /// Post the reminders as one message to this chat webhook instead of printing them; nothing
    /// is sent on a quiet day [default: $VISION_SCHED_WEBHOOK when set and not empty]
    #[arg(long, value_name = "URL")]
    pub(crate) post: Option<String>,
    /// What the webhook takes (Matrix: the token is in $VISION_SCHED_MATRIX_TOKEN; Zulip: the
    /// bot's email and API key in $VISION_SCHED_ZULIP_EMAIL and $VISION_SCHED_ZULIP_KEY)
    /// [default: slack]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub(crate) post_format: Option<PostFormat>,
    #[command(flatten)]
    pub(crate) owner: OwnerArgs,
    /// Zulip: the stream to post to (required with --post-format zulip)
    #[arg(long, value_name = "NAME", required_if_eq("post_format", "zulip"))]
    pub(crate) stream: Option<String>,
    /// Zulip: the topic to post on, at most 60 characters [default: the document's title]
    #[arg(long, value_name = "TEXT")]
    pub(crate) topic: Option<String>,
}

// The page's table and chart: the span of days they cover, and how the table shows a plan
// that moved. (A comment, not a doc comment, as for `FormatArgs`.)
#[derive(Debug, Default, Clone, Args)]
pub(crate) struct SpanArgs {
    /// First day the table and chart cover [default: January 1 of --to's year, or of today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) from: Option<NaiveDate>,
    /// Last day the table and chart cover [default: December 31 of --from's year, or of today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) to: Option<NaiveDate>,
    /// Write a slipped milestone's or key date's date with its plan struck through:
    /// "~~Oct 3~~ Oct 24"
    #[arg(long)]
    pub(crate) slips: bool,
    /// The chart's title [default: the document's name; with several, the set's]
    #[arg(long, value_name = "TEXT")]
    pub(crate) title: Option<String>,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct CheckArgs {
    /// Also fail when a milestone that is not done is due within DUR, like 7d or 2w (0d: today)
    #[arg(long, value_name = "DUR", value_parser = parse_days)]
    pub(crate) fail_within: Option<Days>,
    /// Also fail while a milestone's due date or a window's end is "tba" (to be announced)
    #[arg(long)]
    pub(crate) fail_tba: bool,
    /// Also fail when a block of this Markdown page (the schedule table, the Mermaid chart) is
    /// not what `render --write` writes
    #[arg(long, alias = "doc", value_name = "PAGE")]
    pub(crate) page: Option<PathBuf>,
    /// Also fail when this SVG timeline is not what `export svg` writes (--from/--to as for
    /// `export svg`)
    #[arg(long, value_name = "FILE")]
    pub(crate) svg: Option<PathBuf>,
    /// The width --svg's timeline was written with [default: 960]
    #[arg(long, value_name = "PX", requires = "svg", value_parser = parse_width)]
    pub(crate) width: Option<u16>,
    #[command(flatten)]
    pub(crate) span: SpanArgs,
    /// How to report problems [default: github when `GITHUB_ACTIONS=true`, else text]
    #[arg(long, value_name = "FORMAT", value_parser = formats(Format::CHECK))]
    pub(crate) format: Option<Format>,
    /// Print nothing when the check passes
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Append the step's outputs for GitHub Actions to FILE ($GITHUB_OUTPUT): ok, overdue,
    /// opened, closing and next, each as JSON on one line
    #[arg(long, value_name = "FILE")]
    pub(crate) github_output: Option<PathBuf>,
    /// Append a Markdown summary to FILE ($GITHUB_STEP_SUMMARY): the check's result, then the
    /// status headline and tables
    #[arg(long, value_name = "FILE")]
    pub(crate) github_summary: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) owner: OwnerArgs,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct RenderArgs {
    /// What to print; --write fills every block of the page, each in its own format
    /// [default: table]
    #[arg(long, value_name = "FORMAT", conflicts_with = "write", value_parser = formats(Format::RENDER))]
    pub(crate) format: Option<Format>,
    #[command(flatten)]
    pub(crate) span: SpanArgs,
    /// Instead of printing, write into this Markdown page between each pair of
    /// `vision-sched:begin` and `vision-sched:end` marker lines: the table, or the Mermaid
    /// chart where the begin marker says `mermaid`
    #[arg(long, value_name = "PAGE")]
    pub(crate) write: Option<PathBuf>,
    /// How long to wait for another program's lock on the page, like 30s or 2min (0s: do not
    /// wait) [default: 10s]
    #[arg(long, value_name = "DUR", value_parser = parse_wait, requires = "write")]
    pub(crate) wait: Option<Duration>,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct PublishArgs {
    /// The milestones' full names, as `vision-sched phases` shows them (several: one edit)
    #[arg(value_name = "NAME", required_unless_present = "through")]
    pub(crate) names: Vec<String>,
    /// Instead of names: every milestone due on or before this day that has no `done` yet,
    /// each recorded on its own due date unless --on is given (at most 1000 in one edit)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date,
          conflicts_with_all = ["names", "undo", "force"])]
    pub(crate) through: Option<NaiveDate>,
    /// The day it was published [default: today; with --through, each one's due date]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "undo")]
    pub(crate) on: Option<NaiveDate>,
    /// Remove the recorded publication instead
    #[arg(long)]
    pub(crate) undo: bool,
    /// Replace a publication date already recorded (keeping the comment on its line)
    #[arg(long, conflicts_with = "undo")]
    pub(crate) force: bool,
    /// Print what would be recorded (or removed) and write nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// How long to wait for another program's lock on the schedule, like 30s or 2min (0s: do
    /// not wait) [default: 10s]
    #[arg(long, value_name = "DUR", value_parser = parse_wait)]
    pub(crate) wait: Option<Duration>,
}

#[derive(Debug, Default, Clone, Args)]
#[command(group(
    clap::ArgGroup::new("how").required(true).multiple(true).args(["date", "start", "end", "undo", "cycle", "cycles_from"])
))]
pub(crate) struct ReschedArgs {
    /// The phase's full name, as `vision-sched phases` shows it
    #[arg(value_name = "NAME")]
    pub(crate) name: String,
    /// The new date of a milestone (`due`) or a key date (`on`), any day from 0001 to 9999
    #[arg(long, alias = "to", value_name = "YYYY-MM-DD", value_parser = parse_date,
          conflicts_with_all = ["start", "end", "undo"])]
    pub(crate) date: Option<NaiveDate>,
    /// The new first day of a window
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "undo")]
    pub(crate) start: Option<NaiveDate>,
    /// The new last day of a window (`end`, or `until`)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, conflicts_with = "undo")]
    pub(crate) end: Option<NaiveDate>,
    /// Go back to the plan: the plan's date becomes the date again and the plan is removed (for
    /// a cycle, the cadence's entry is removed)
    #[arg(long)]
    pub(crate) undo: bool,
    /// Move the whole cycle of a cadence's phase by days or weeks, like 1w or -3d (its rules'
    /// dates stay the plan)
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true,
          conflicts_with_all = ["date", "start", "end", "undo", "cycles_from"])]
    pub(crate) cycle: Option<String>,
    /// Move the cycle of a cadence's phase and every later cycle, like 1w or -3d
    #[arg(long, value_name = "DAYS", allow_hyphen_values = true,
          conflicts_with_all = ["date", "start", "end", "undo"])]
    pub(crate) cycles_from: Option<String>,
    /// How long to wait for another program's lock on the schedule, like 30s or 2min (0s: do
    /// not wait) [default: 10s]
    #[arg(long, value_name = "DUR", value_parser = parse_wait)]
    pub(crate) wait: Option<Duration>,
}

#[derive(Debug, Clone, Args)]
pub(crate) struct ExportArgs {
    #[command(subcommand)]
    pub(crate) target: ExportTarget,
}

#[derive(Debug, Clone, Subcommand)]
pub(crate) enum ExportTarget {
    /// An iCalendar feed (RFC 5545) to import or subscribe to in a calendar app
    Ics(IcsArgs),
    /// A standalone SVG timeline for a web page or a repository
    Svg(SvgArgs),
    /// A shields.io endpoint badge (JSON): how many milestones are overdue, or when one is due
    Badge(BadgeArgs),
}

#[derive(Debug, Clone, Args)]
pub(crate) struct IcsArgs {
    /// First day for cycles generated by cadences [default: a year before today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) from: Option<NaiveDate>,
    /// Last day for cycles generated by cadences [default: two years after today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) to: Option<NaiveDate>,
    /// Write milestones as to-dos (VTODO) with a due date, completed once done
    #[arg(long)]
    pub(crate) todo: bool,
    /// Remind this long before each milestone that is not done, like 7d or 1w
    #[arg(long, value_name = "DUR", value_parser = parse_days)]
    pub(crate) alarm: Option<Days>,
    /// Write the feed to FILE instead of stdout: a file is replaced atomically (through a
    /// symlink), a FIFO or device like /dev/stdout is written as it is
    #[arg(short = 'o', long, value_name = "FILE", conflicts_with = "split")]
    pub(crate) output: Option<PathBuf>,
    /// Write one feed per document into DIR (created if missing), each named after its
    /// document: DIR/security-policy.ics
    #[arg(long, value_name = "DIR")]
    pub(crate) split: Option<PathBuf>,
    /// The calendar's name (X-WR-CALNAME) [default: the document's name; with several, the
    /// set's]; UIDs do not depend on it
    #[arg(long, visible_alias = "title", value_name = "NAME")]
    pub(crate) name: Option<String>,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct SvgArgs {
    /// First day drawn [default: the first of the month three months before today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) from: Option<NaiveDate>,
    /// Last day drawn [default: twelve months after --from, less a day]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) to: Option<NaiveDate>,
    /// The picture's width in pixels, from 320 to 10000 [default: 960]
    #[arg(long, value_name = "PX", value_parser = parse_width)]
    pub(crate) width: Option<u16>,
    /// Write the SVG to FILE instead of stdout: a file is replaced atomically (through a
    /// symlink), a FIFO or device like /dev/stdout is written as it is
    #[arg(short = 'o', long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
    /// The picture's title [default: the document's name; with several, the set's]
    #[arg(long, value_name = "TEXT")]
    pub(crate) title: Option<String>,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct BadgeArgs {
    /// The badge's left text [default: schedule]
    #[arg(long, value_name = "TEXT")]
    pub(crate) label: Option<String>,
    /// Write the JSON to FILE instead of stdout: a file is replaced atomically (through a
    /// symlink), a FIFO or device like /dev/stdout is written as it is
    #[arg(short = 'o', long, value_name = "FILE")]
    pub(crate) output: Option<PathBuf>,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct TimelineArgs {
    /// First day drawn [default: the first of the month three months before today's]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) from: Option<NaiveDate>,
    /// Last day drawn [default: twelve months after --from, less a day]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub(crate) to: Option<NaiveDate>,
    /// Draw with plain ASCII characters only
    #[arg(long)]
    pub(crate) ascii: bool,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct InitArgs {
    /// Where to write it [default: ./schedule.toml]
    #[arg(value_name = "PATH")]
    pub(crate) path: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub(crate) shell: clap_complete::Shell,
}

#[derive(Debug, Default, Clone, Args)]
pub(crate) struct ManArgs {
    /// The command whose page to print, like status or export ics [default: the page of
    /// vision-sched itself]
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub(crate) command: Vec<String>,
    /// Write every page into DIR (created if missing) instead of printing one: vision-sched.1
    /// and one per command, such as vision-sched-status.1
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub(crate) dir: Option<PathBuf>,
}

/// The commands that read no schedule, and the options about reading one that each refuses
/// (init takes --today: the starter's dates follow it).
const REFUSED: [(&str, &[&str]); 4] = [
    ("init", &["schedule", "document", "color"]),
    ("schema", &["schedule", "document", "today", "color"]),
    ("completions", &["schedule", "document", "today", "color"]),
    ("man", &["schedule", "document", "today", "color"]),
];

fn refused_by(command: &str) -> &'static [&'static str] {
    REFUSED
        .iter()
        .find(|(name, _)| *name == command)
        .map_or(&[], |(_, ids)| ids)
}

/// The options about a schedule (`Global`), as clap has them.
fn globals(cli: &clap::Command) -> Vec<clap::Arg> {
    cli.get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect()
}

/// The command line as it is parsed and as `--help` shows it. The options about a schedule are
/// global, so they may come before or after a command's name. A command that refuses some gets
/// hidden copies of them instead (clap propagates no global option over one of the same name),
/// so its help leaves them out while the refusal can still say why they do not apply.
pub(crate) fn command() -> clap::Command {
    let cli = Cli::command();
    let globals = globals(&cli);
    cli.mut_subcommands(|sub| {
        let refused = refused_by(sub.get_name());
        let hidden = globals
            .iter()
            .filter(|a| refused.contains(&a.get_id().as_str()))
            .map(|a| a.clone().global(false).hide(true));
        sub.args(hidden)
    })
}

/// The command line as the completion scripts and the man pages describe it: every option
/// where it is taken, none where it is refused. (Their generators list hidden options too, so
/// this tree has none: the options about a schedule are given to each command that takes them.)
pub(crate) fn described() -> clap::Command {
    let cli = Cli::command();
    let globals = globals(&cli);
    cli.mut_args(|a| a.global(false)).mut_subcommands(|sub| {
        let refused = refused_by(sub.get_name());
        let taken = globals
            .iter()
            .filter(|a| !refused.contains(&a.get_id().as_str()))
            .map(|a| a.clone().global(true));
        sub.args(taken)
    })
}

impl ValueEnum for Format {
    fn value_variants<'a>() -> &'a [Self] {
        Format::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            Format::Table => "Tables; for render, the page's Markdown table",
            Format::Json => "A JSON object for other tools",
            Format::Markdown => "A heading and GitHub-flavoured Markdown tables",
            Format::Text => "check: `FILE:LINE: message`, one line per problem",
            Format::Github => {
                "check: GitHub Actions annotations (`::error file=..,line=..::message`)"
            }
            Format::Mermaid => "render: a Mermaid Gantt chart in a fenced `mermaid` block",
        };
        Some(PossibleValue::new(self.name()).help(help))
    }
}

/// `--format` of a command that takes only `takes`: clap offers and accepts only those.
fn formats(takes: &'static [Format]) -> impl clap::builder::TypedValueParser<Value = Format> {
    let names = takes.iter().filter_map(ValueEnum::to_possible_value);
    clap::builder::TypedValueParser::map(
        clap::builder::PossibleValuesParser::new(names),
        |name: String| Format::of_name(&name).unwrap_or_default(),
    )
}

impl ValueEnum for PostFormat {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            PostFormat::Slack,
            PostFormat::Mattermost,
            PostFormat::Discord,
            PostFormat::Matrix,
            PostFormat::Zulip,
            PostFormat::Json,
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        let help = match self {
            PostFormat::Slack => "Slack's incoming webhook",
            PostFormat::Mattermost => "Mattermost's incoming webhook",
            PostFormat::Discord => "A Discord webhook",
            PostFormat::Matrix => "A Matrix room: https://HOMESERVER/!ROOM_ID:SERVER",
            PostFormat::Zulip => "A Zulip stream: the organization's URL, with --stream",
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

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    crate::dates::parse_date(text)
}

pub(crate) fn parse_days(text: &str) -> Result<Days, String> {
    text.parse()
}

/// `--owner`: a name, not blank.
pub(crate) fn parse_owner(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("an owner's name cannot be empty".to_string());
    }
    Ok(text.to_string())
}

/// `--width`: whole pixels from 320 to 10000.
pub(crate) fn parse_width(text: &str) -> Result<u16, String> {
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

/// `--wait`: seconds (`10s`, `0s`, `1.5s`, or a bare `10`), milliseconds (`500ms`) or minutes
/// (`2min`), at most a day. `m` is months wherever a date takes an offset, so it is no unit here.
pub(crate) fn parse_wait(text: &str) -> Result<Duration, String> {
    let bad = || {
        format!("`{text}` is not a time to wait: write seconds like 10s or 0s, or 500ms or 2min")
    };
    let t = text.trim();
    if let Some(n) = t.strip_suffix('m')
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    {
        return Err(format!(
            "`{text}`: `m` means months in vision-sched; write minutes as {n}min, or seconds like {n}s"
        ));
    }
    let (number, unit_ms) = if let Some(n) = t.strip_suffix("ms") {
        (n, 1)
    } else if let Some(n) = t.strip_suffix("min") {
        (n, 60_000)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1000)
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
        .filter(|&ms| ms <= crate::limits::WAIT_SECS * 1000)
        .ok_or_else(|| format!("`{text}` is too long a wait: at most a day (86400s)"))?;
    Ok(Duration::from_millis(ms))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
        command().debug_assert();
        described().debug_assert();
    }

    /// Every command's options, as `--help` shows them: the long names of its visible
    /// arguments, and the same for each of its commands, by path.
    fn visible(c: &mut clap::Command, path: &str, out: &mut Vec<(String, Vec<String>)>) {
        c.build();
        let mut names: Vec<String> = c
            .get_arguments()
            .filter(|a| !a.is_hide_set())
            .map(|a| a.get_id().to_string())
            .collect();
        names.sort();
        out.push((path.to_string(), names));
        for sub in c.get_subcommands_mut() {
            let path = format!("{path} {}", sub.get_name());
            visible(sub, &path, out);
        }
    }

    /// The completions and man pages describe the options `--help` shows, command by command,
    /// and no hidden one (which their generators would offer).
    #[test]
    fn the_described_command_line_is_the_one_parsed() {
        let (mut parsed, mut shown) = (Vec::new(), Vec::new());
        visible(&mut command(), "vision-sched", &mut parsed);
        visible(&mut described(), "vision-sched", &mut shown);
        assert_eq!(parsed, shown);
        let mut all = described();
        all.build();
        fn hidden(c: &clap::Command) -> Vec<String> {
            let own = c.get_arguments().filter(|a| a.is_hide_set());
            own.map(|a| format!("{} {}", c.get_name(), a.get_id()))
                .chain(c.get_subcommands().flat_map(hidden))
                .collect()
        }
        assert_eq!(hidden(&all), Vec::<String>::new());
        // The commands that read no schedule show none of its options.
        for (name, refused) in REFUSED {
            let (_, names) = shown
                .iter()
                .find(|(p, _)| *p == format!("vision-sched {name}"))
                .unwrap();
            for id in refused {
                assert!(!names.iter().any(|n| n == id), "{name} {id}");
            }
        }
    }

    #[test]
    fn wait_takes_seconds_milliseconds_and_minutes() {
        let ms = |t: &str| parse_wait(t).map(|d| d.as_millis());
        assert_eq!(ms("10s"), Ok(10_000));
        assert_eq!(ms("0s"), Ok(0));
        assert_eq!(ms("10"), Ok(10_000));
        assert_eq!(ms("1.5s"), Ok(1_500));
        assert_eq!(ms("250ms"), Ok(250));
        assert_eq!(ms("2min"), Ok(120_000));
        assert!(parse_wait("2m").unwrap_err().contains("months"));
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
}
