//! The command-line layer: the clap definition ([`args`]), what every command starts from
//! ([`context`]), the clock ([`clock`]), and one module per command. [`run`] turns a command's
//! result into the exit code: 0 success, 1 a failed check, 2 bad input or usage.

pub(crate) mod args;
pub(crate) mod check;
pub(crate) mod clock;
pub(crate) mod completions;
pub(crate) mod context;
pub(crate) mod export;
pub(crate) mod init;
pub(crate) mod locked_edit;
pub(crate) mod lookup;
pub(crate) mod page;
#[cfg(feature = "post")]
pub(crate) mod post;
pub(crate) mod publish;
pub(crate) mod remind;
pub(crate) mod render;
pub(crate) mod report;
pub(crate) mod reschedule;
pub(crate) mod schema;
pub(crate) mod timeline;

use std::process::ExitCode;

use crate::app::args::{AnyFormat, Cli, Command};
use crate::app::report::Which;
use crate::error::{Error, Result};
use crate::present::check::Style;
use crate::present::{BlockFormat, Format};

/// Runs the program and returns its exit code.
pub fn run() -> ExitCode {
    let cli = match <Cli as clap::Parser>::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match dispatch(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            crate::io::output::error(&e);
            ExitCode::from(2)
        }
    }
}

/// Runs one parsed command; `Ok` carries 0 or 1.
fn dispatch(cli: Cli) -> Result<u8> {
    let g = &cli.global;
    // `--format` and `--within` may come before the command's name.
    let (early_format, early_within) = (cli.format, cli.within);
    let report = |which: Which, given: Option<Format>| -> Result<u8> {
        let format = match given {
            Some(f) => f,
            None => report_format(early_format, &which)?,
        };
        report::run(g, which, format)
    };
    let command = cli
        .command
        .unwrap_or(Command::Status(args::ReportArgs::default()));
    let name = command_name(&command);
    let refuse_within = |what: &str| match early_within {
        Some(_) => Err(Error::new(format!("--within does not apply to `{what}`"))),
        None => Ok(()),
    };
    let refuse_format = |what: &str| match early_format {
        Some(f) => Err(Error::new(format!(
            "--format {} does not apply to `{what}`",
            f.name()
        ))),
        None => Ok(()),
    };
    let plain = |what: &str| refuse_within(what).and_then(|()| refuse_format(what));
    match command {
        Command::Status(a) => report(
            Which::Status {
                within: a.within.or(early_within),
            },
            a.format.format,
        ),
        Command::Upcoming(a) => report(
            Which::Upcoming {
                within: a.within.or(early_within),
            },
            a.format.format,
        ),
        Command::Overdue(a) => {
            refuse_within(name)?;
            report(Which::Overdue, a.format)
        }
        Command::Phases(a) => {
            refuse_within(name)?;
            report(
                Which::Phases {
                    from: a.from,
                    to: a.to,
                    explain: a.explain,
                },
                a.format.format,
            )
        }
        Command::Remind(a) => {
            refuse_format(name)?;
            remind::run(g, &a, a.within.or(early_within))
        }
        Command::Check(a) => {
            refuse_within(name)?;
            let style = match a.format {
                Some(s) => Some(s),
                None => early_format.map(check_style).transpose()?,
            };
            check::run(g, &a, style)
        }
        Command::Render(a) => {
            refuse_within(name)?;
            let early = match early_format {
                None => None,
                Some(AnyFormat::Table) => Some(BlockFormat::Table),
                Some(AnyFormat::Mermaid) => Some(BlockFormat::Mermaid),
                Some(f) => {
                    return Err(Error::new(format!(
                        "--format {} does not apply to `render`: it takes table or mermaid",
                        f.name()
                    )));
                }
            };
            render::run(g, &a, early)
        }
        Command::Publish(a) => plain(name).and_then(|()| publish::run(g, &a)),
        Command::Reschedule(a) => plain(name).and_then(|()| reschedule::run(g, &a)),
        Command::Export(a) => plain(name).and_then(|()| export::run(g, &a)),
        Command::Timeline(a) => plain(name).and_then(|()| timeline::run(g, &a)),
        Command::Init(a) => plain(name).and_then(|()| init::run(g, &a)),
        Command::Schema => plain(name).and_then(|()| schema::run()),
        Command::Completions(a) => plain(name).and_then(|()| completions::run(&a)),
        Command::Man => plain(name).and_then(|()| completions::man()),
    }
}

fn command_name(c: &Command) -> &'static str {
    match c {
        Command::Status(_) => "status",
        Command::Upcoming(_) => "upcoming",
        Command::Overdue(_) => "overdue",
        Command::Phases(_) => "phases",
        Command::Remind(_) => "remind",
        Command::Check(_) => "check",
        Command::Render(_) => "render",
        Command::Publish(_) => "publish",
        Command::Reschedule(_) => "reschedule",
        Command::Export(_) => "export",
        Command::Timeline(_) => "timeline",
        Command::Init(_) => "init",
        Command::Schema => "schema",
        Command::Completions(_) => "completions",
        Command::Man => "man",
    }
}

/// A `--format` given before a reporting command.
fn report_format(early: Option<AnyFormat>, which: &Which) -> Result<Format> {
    let what = match which {
        Which::Status { .. } => "status",
        Which::Upcoming { .. } => "upcoming",
        Which::Overdue => "overdue",
        Which::Phases { .. } => "phases",
    };
    match early {
        None | Some(AnyFormat::Table) => Ok(Format::Table),
        Some(AnyFormat::Json) => Ok(Format::Json),
        Some(AnyFormat::Markdown) => Ok(Format::Markdown),
        Some(f) => Err(Error::new(format!(
            "--format {} does not apply to `{what}`: it takes table, json or markdown",
            f.name()
        ))),
    }
}

/// A `--format` given before `check`.
fn check_style(f: AnyFormat) -> Result<Style> {
    match f {
        AnyFormat::Text => Ok(Style::Text),
        AnyFormat::Github => Ok(Style::Github),
        AnyFormat::Json => Ok(Style::Json),
        other => Err(Error::new(format!(
            "--format {} does not apply to `check`: it takes text, github or json",
            other.name()
        ))),
    }
}
