//! The command-line layer: the clap definition ([`args`]), what every command starts from
//! ([`context`]), the clock ([`clock`]), and one module per command. [`run`] turns a command's
//! result into the exit code: 0 success, 1 a failed check, 2 bad input or usage, 3 a failure
//! outside the input (a webhook out of reach, a lock held by another program).

pub(crate) mod args;
pub(crate) mod check;
pub(crate) mod clock;
pub(crate) mod completions;
pub(crate) mod context;
pub(crate) mod export;
pub(crate) mod init;
pub(crate) mod locked_edit;
pub(crate) mod lookup;
pub(crate) mod man;
pub(crate) mod mdbook;
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

use crate::app::args::{Cli, Command, Global};
use crate::app::report::Which;
use crate::dates::Days;
use crate::error::{Error, Result};
use crate::present::Format;

/// Runs the program and returns its exit code.
pub fn run() -> ExitCode {
    // As `Cli::try_parse`, on the command line of `args::command`.
    let parsed = args::command().try_get_matches().and_then(|mut m| {
        <Cli as clap::FromArgMatches>::from_arg_matches_mut(&mut m)
            .map_err(|e| e.format(&mut args::command()))
    });
    let cli = match parsed {
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
            ExitCode::from(e.exit_code())
        }
    }
}

/// Runs one parsed command; `Ok` carries 0 or 1.
fn dispatch(cli: Cli) -> Result<u8> {
    let g = &cli.global;
    let command = cli
        .command
        .unwrap_or(Command::Status(args::ReportArgs::default()));
    let name = command_name(&command);
    // `--format` and `--within` may come before the command's name; the command's own win.
    let format = |own: Option<Format>, takes: &[Format]| -> Result<Option<Format>> {
        match own.or(cli.format) {
            Some(f) if !takes.contains(&f) => {
                let names: Vec<&str> = takes.iter().map(|t| t.name()).collect();
                let takes = match names.split_last() {
                    None => String::new(),
                    Some((last, [])) => format!(": it takes {last}"),
                    Some((last, rest)) => format!(": it takes {} or {last}", rest.join(", ")),
                };
                Err(Error::new(format!(
                    "--format {} does not apply to `{name}`{takes}",
                    f.name()
                )))
            }
            f => Ok(f),
        }
    };
    let within = |own: Option<Days>, takes: bool| match (own.or(cli.within), takes) {
        (Some(_), false) => Err(Error::new(format!("--within does not apply to `{name}`"))),
        (w, _) => Ok(w),
    };
    let plain = || format(None, &[]).and(within(None, false)).map(|_| ());
    match command {
        Command::Status(a) => {
            let which = Which::Status {
                within: within(a.within, true)?,
            };
            report::run(
                g,
                which,
                format(a.format.format, Format::REPORTS)?.unwrap_or_default(),
                &a.owner.owners,
            )
        }
        Command::Upcoming(a) => {
            let which = Which::Upcoming {
                within: within(a.within, true)?,
            };
            report::run(
                g,
                which,
                format(a.format.format, Format::REPORTS)?.unwrap_or_default(),
                &a.owner.owners,
            )
        }
        Command::Overdue(a) => {
            within(None, false)?;
            report::run(
                g,
                Which::Overdue,
                format(a.format.format, Format::REPORTS)?.unwrap_or_default(),
                &a.owner.owners,
            )
        }
        Command::Phases(a) => {
            within(None, false)?;
            let which = Which::Phases {
                from: a.from,
                to: a.to,
                explain: a.explain,
            };
            report::run(
                g,
                which,
                format(a.format.format, Format::REPORTS)?.unwrap_or_default(),
                &[],
            )
        }
        Command::Remind(a) => {
            format(None, &[])?;
            // Before the command, `--within` is remind's `--warn`, as it was once called.
            remind::run(g, &a, a.warn.or(cli.within))
        }
        Command::Check(a) => {
            within(None, false)?;
            let f = format(a.format, Format::CHECK)?;
            check::run(g, &a, f)
        }
        Command::Render(a) => {
            within(None, false)?;
            let f = format(a.format, Format::RENDER)?;
            render::run(g, &a, f)
        }
        Command::Publish(a) => plain().and_then(|()| publish::run(g, &a)),
        Command::Reschedule(a) => plain().and_then(|()| reschedule::run(g, &a)),
        Command::Export(a) => plain().and_then(|()| export::run(g, &a)),
        Command::Timeline(a) => plain().and_then(|()| timeline::run(g, &a)),
        Command::Init(a) => plain().and_then(|()| init::run(g, &a)),
        Command::Schema => plain()
            .and(no_schedule(g, name))
            .and_then(|()| schema::run()),
        Command::Completions(a) => plain()
            .and(no_schedule(g, name))
            .and_then(|()| completions::run(&a)),
        Command::Man(a) => plain()
            .and(no_schedule(g, name))
            .and_then(|()| man::run(&a)),
    }
}

/// Refuses the options about a schedule for a command that reads none.
fn no_schedule(g: &Global, name: &str) -> Result<()> {
    let given = [
        (!g.schedule.is_empty(), "-f/--schedule"),
        (g.document.is_some(), "--document"),
        (g.today.is_some(), "--today"),
        (g.color.is_some(), "--color"),
    ];
    match given.iter().find(|(given, _)| *given) {
        Some((_, flag)) => Err(Error::new(format!(
            "{flag} does not apply to `{name}`: it reads no schedule"
        ))),
        None => Ok(()),
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
        Command::Man(_) => "man",
    }
}
