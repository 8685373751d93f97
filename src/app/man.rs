//! The man pages: `vision-sched.1` and one page per command (`vision-sched-status.1`, ...,
//! `vision-sched-export-ics.1`). `clap_mangen` writes NAME, SYNOPSIS, DESCRIPTION, OPTIONS and
//! the list of commands from the command line as `args::described` gives it; the sections clap
//! knows nothing of (EXIT STATUS, ENVIRONMENT, FILES, EXAMPLES, SEE ALSO) come from the table in
//! [`extra`], set with the roff crate `clap_mangen` re-exports, which escapes the text.

use std::path::Path;

use chrono::NaiveDate;

use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use crate::app::args::{ManArgs, described};
use crate::app::completions::BIN;
use crate::error::{Error, Result};
use crate::io::text::inert;

/// One man page: its name (`vision-sched-status`) and its roff text.
#[derive(Debug)]
pub(crate) struct Page {
    pub(crate) name: String,
    pub(crate) text: String,
}

pub(crate) fn run(args: &ManArgs) -> Result<u8> {
    // The day the pages carry: SOURCE_DATE_EPOCH's, as for a calendar feed, else today (UTC).
    let date = crate::app::clock::stamp()?.date();
    let pages = pages(date)?;
    if let Some(dir) = &args.dir {
        return write_all(&pages, dir);
    }
    let name = std::iter::once(BIN)
        .chain(args.command.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-");
    let Some(page) = pages.iter().find(|p| p.name == name) else {
        let commands: Vec<String> = pages
            .iter()
            .filter_map(|p| p.name.strip_prefix(&format!("{BIN}-")))
            .map(|c| c.replace('-', " "))
            .collect();
        return Err(Error::new(format!(
            "no man page for `{}`: there is one for each command, {}",
            inert(&args.command.join(" ")),
            commands.join(", ")
        )));
    };
    crate::io::output::print(&page.text)?;
    Ok(0)
}

/// `man --dir DIR`: every page, each written atomically; DIR is created when missing.
fn write_all(pages: &[Page], dir: &Path) -> Result<u8> {
    std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, crate::io::read::describe_io(&e)))?;
    for page in pages {
        crate::io::atomic::write(&dir.join(file_name(page)), page.text.as_bytes())?;
    }
    eprintln!(
        "wrote {} man pages into {}",
        pages.len(),
        inert(&dir.display().to_string())
    );
    Ok(0)
}

pub(crate) fn file_name(page: &Page) -> String {
    format!("{}.1", page.name)
}

/// Every page, the program's first, then each command's in the order of `--help`.
pub(crate) fn pages(date: NaiveDate) -> Result<Vec<Page>> {
    // The `help` command is a way to read the pages, not a page of its own.
    let mut top = described()
        .disable_help_subcommand(true)
        .mut_subcommands(|s| s.disable_help_subcommand(true));
    top.build();
    let mut pages = Vec::new();
    add(&top, "", &date.to_string(), &mut pages)?;
    Ok(pages)
}

fn add(command: &clap::Command, path: &str, date: &str, pages: &mut Vec<Page>) -> Result<()> {
    let name = command
        .get_display_name()
        .unwrap_or(command.get_name())
        .to_string();
    let extra = extra(path).ok_or_else(|| {
        Error::new(format!(
            "no man page text for `{path}` (this is a bug in vision-sched)"
        ))
    })?;
    let version = command.get_version().unwrap_or_default();
    let man = clap_mangen::Man::new(command.clone())
        .title(name.to_uppercase())
        .date(date)
        .source(format!("{BIN} {version}"))
        .manual("vision-sched manual");
    let mut bytes = Vec::new();
    man.render(&mut bytes)
        .map_err(|e| Error::new(format!("cannot render the man page {name}: {e}")))?;
    let page = String::from_utf8(bytes)
        .map_err(|_| Error::new("a man page is not UTF-8 (this is a bug in vision-sched)"))?
        // clap_mangen puts an empty line (a `.sp`) between two breaks before an option's
        // possible values, which roff readers skip with a warning: one `.sp` says it.
        .replace("\n.br\n\n.br\n", "\n.sp\n");
    let sub_pages: Vec<String> = command
        .get_subcommands()
        .filter_map(clap::Command::get_display_name)
        .map(str::to_string)
        .collect();
    let sections = sections(&extra, !path.is_empty(), &sub_pages);
    // After the options and the commands, before clap's VERSION, as man-pages(7) orders them.
    let at = page.find("\n.SH VERSION\n").map_or(page.len(), |i| i + 1);
    let mut text = format!("{}{sections}{}", &page[..at], &page[at..]);
    // And the description's own paragraphs at its end.
    if let Some(at) = text.find("\n.SH OPTIONS\n") {
        let mut more = Roff::new();
        for paragraph in extra.more {
            more.control("PP", []).text([roman(*paragraph)]);
        }
        text.insert_str(at + 1, &without_preamble(&more));
    }
    pages.push(Page { name, text });
    for sub in command.get_subcommands() {
        let path = format!("{path} {}", sub.get_name());
        add(sub, path.trim_start(), date, pages)?;
    }
    Ok(())
}

/// A section of tagged paragraphs (a name in `tag`'s font, then its meaning), or `none` when it
/// has none.
fn tagged(
    r: &mut Roff,
    title: &str,
    items: &[(&'static str, &'static str)],
    none: Option<&str>,
    tag: fn(&'static str) -> Inline,
) {
    r.control("SH", [title]);
    if let (true, Some(none)) = (items.is_empty(), none) {
        r.text([roman(none)]);
    }
    for (name, meaning) in items {
        r.control("TP", [])
            .text([tag(name)])
            .text([roman(*meaning)]);
    }
}

/// The extra sections in roff.
fn sections(extra: &Extra, is_command: bool, sub_pages: &[String]) -> String {
    let mut r = Roff::new();
    tagged(&mut r, "EXIT STATUS", extra.exit, None, bold);
    tagged(
        &mut r,
        "ENVIRONMENT",
        extra.env,
        Some("No variable changes what this command does."),
        bold,
    );
    tagged(
        &mut r,
        "FILES",
        extra.files,
        Some("This command reads and writes no file."),
        italic,
    );
    r.control("SH", ["EXAMPLES"]);
    for (i, (what, line)) in extra.examples.iter().enumerate() {
        if i > 0 {
            r.control("PP", []);
        }
        r.text([roman(*what)]);
        r.control("RS", ["4"]).control("nf", []);
        r.text([roman(*line)]);
        r.control("fi", []).control("RE", []);
    }
    r.control("SH", ["SEE ALSO"]);
    // A command's page leads back to the program's; the program's leads to every command's.
    let mut see: Vec<String> = is_command.then(|| BIN.to_string()).into_iter().collect();
    see.extend(extra.see_also.iter().map(|s| (*s).to_string()));
    see.extend(sub_pages.iter().cloned());
    // As man-pages(7) writes them, one `.BR` each, and never hyphenated inside a name.
    r.control("nh", []);
    for (i, name) in see.iter().enumerate() {
        let sep = if i + 1 < see.len() { "," } else { "" };
        // A control line's arguments are not escaped by the roff crate: the names are ours,
        // with no space or backslash, and their hyphens are escaped here as in text.
        let name = name.replace('-', "\\-");
        r.control("BR", [name.as_str(), &format!("(1){sep}")]);
    }
    r.control("hy", []);
    without_preamble(&r)
}

/// The roff text, without the preamble every rendering starts with (`clap_mangen`'s page has it
/// already).
fn without_preamble(roff: &Roff) -> String {
    let preamble = Roff::new().render();
    let text = roff.render();
    text.strip_prefix(&preamble).unwrap_or(&text).to_string()
}

/// What a page says beyond the options.
pub(crate) struct Extra {
    /// Paragraphs that end the description.
    more: &'static [&'static str],
    exit: &'static [(&'static str, &'static str)],
    env: &'static [(&'static str, &'static str)],
    files: &'static [(&'static str, &'static str)],
    /// What an example does, and its command line.
    examples: &'static [(&'static str, &'static str)],
    /// Pages to see besides the page's commands.
    pub(crate) see_also: &'static [&'static str],
}

const OK: (&str, &str) = (
    "0",
    "Success; also when a reader closes the pipe early, as head(1) does.",
);
const BAD: (&str, &str) = (
    "2",
    "Bad input or usage, something to fix: a malformed schedule, a bad option, a missing or unreadable file. Nothing is written.",
);
const BAD_NO_SCHEDULE: (&str, &str) = (
    "2",
    "Bad usage: a bad option, or an option about a schedule, which this command does not read.",
);
const HELD: (&str, &str) = (
    "3",
    "Another program held the lock on the file past --wait: worth trying again later. Nothing is written.",
);

const FILE: (&str, &str) = (
    "VISION_SCHED_FILE",
    "The schedule to read when no -f is given; a leading ~ is the home folder.",
);
const TODAY: (&str, &str) = (
    "VISION_SCHED_TODAY",
    "The day taken as today when no --today is given, as YYYY-MM-DD.",
);
const TZ: (&str, &str) = (
    "TZ",
    "The time zone of today when neither the schedule nor the config file names one: an IANA name such as Europe/Berlin, a zone file, or a POSIX rule; else the system's zone.",
);
const XDG: (&str, &str) = (
    "XDG_CONFIG_HOME",
    "Where the config folder is, on Linux [default: ~/.config].",
);
const NO_COLOR: (&str, &str) = (
    "NO_COLOR",
    "Set and not empty: no colour, unless --color always (or the config file's color) says otherwise. TERM=dumb does the same.",
);
const COLUMNS: (&str, &str) = (
    "COLUMNS",
    "The width to fit when the output is not a terminal [default: no limit].",
);

/// What a command that reads a schedule reads.
const FOUND: (&str, &str) = (
    "schedule.toml",
    "The schedule, in the current folder or the nearest parent folder, when neither -f nor VISION_SCHED_FILE names one.",
);
const CONFIG: (&str, &str) = (
    "~/.config/vision-sched/config.toml",
    "The config file: schedule, horizon, timezone and color (on macOS in ~/Library/Application Support/vision-sched/).",
);
const FALLBACK: (&str, &str) = (
    "~/.config/vision-sched/schedule.toml",
    "The schedule when none of the above names or finds one.",
);
const READS: &[(&str, &str)] = &[FOUND, CONFIG, FALLBACK];
const READS_ENV: &[(&str, &str)] = &[FILE, TODAY, TZ, XDG];
const TABLES_ENV: &[(&str, &str)] = &[FILE, TODAY, TZ, NO_COLOR, COLUMNS, XDG];

/// The text of the page at `path` (the command's words after `vision-sched`; "" for the
/// program's own page).
pub(crate) fn extra(path: &str) -> Option<Extra> {
    let report = |examples, see_also| Extra {
        more: &[],
        exit: &[OK, BAD],
        env: TABLES_ENV,
        files: READS,
        examples,
        see_also,
    };
    Some(match path {
        "" => Extra {
            more: &[
                "With no command, vision-sched runs status. The options about the schedule (-f, --document, --today, --color) may come before or after the command's name; --format and --within before it apply to the command.",
                "Each command has its page, listed below; vision-sched help COMMAND and vision-sched COMMAND --help show its options.",
            ],
            exit: &[
                OK,
                (
                    "1",
                    "A check failed (vision-sched check): a milestone is overdue, or a page or picture is stale.",
                ),
                BAD,
                (
                    "3",
                    "A failure outside the input, worth trying again later: a webhook out of reach or failing (remind --post), a lock held by another program past --wait (publish, reschedule, render --write).",
                ),
            ],
            env: TABLES_ENV,
            files: READS,
            examples: &[
                (
                    "Where the schedule found from the current folder stands:",
                    "vision-sched",
                ),
                (
                    "Fail a release while a milestone is overdue or due within a week:",
                    "vision-sched check --fail-within 7d",
                ),
                (
                    "Install every man page for the current user:",
                    "vision-sched man --dir ~/.local/share/man/man1",
                ),
            ],
            see_also: &[],
        },
        "status" => report(
            &[
                (
                    "Where the schedule stands, looking two weeks ahead:",
                    "vision-sched status --within 2w",
                ),
                (
                    "The same as JSON, for another tool:",
                    "vision-sched status -f docs/schedule.toml --format json",
                ),
            ],
            &[
                "vision-sched-upcoming",
                "vision-sched-overdue",
                "vision-sched-phases",
            ],
        ),
        "upcoming" => report(
            &[(
                "The events of the next 60 days:",
                "vision-sched upcoming --within 60d",
            )],
            &["vision-sched-status", "vision-sched-remind"],
        ),
        "overdue" => report(
            &[(
                "The overdue milestones as Markdown, for an issue:",
                "vision-sched overdue --format markdown",
            )],
            &[
                "vision-sched-status",
                "vision-sched-check",
                "vision-sched-publish",
            ],
        ),
        "phases" => report(
            &[(
                "Every phase of 2021, showing how each relative date was found:",
                "vision-sched phases --from 2021-01-01 --to 2021-12-31 --explain",
            )],
            &["vision-sched-status", "vision-sched-timeline"],
        ),
        "remind" => Extra {
            more: &["--within is an older name for --warn, still taken."],
            exit: &[
                OK,
                (
                    "2",
                    "Bad input or usage: a malformed schedule, a bad option, a webhook URL or token the service refuses (a 4xx answer).",
                ),
                (
                    "3",
                    "The webhook cannot be reached or keeps failing (a timeout, a refused connection, a 429 or 5xx after the retries): worth trying again later.",
                ),
            ],
            env: &[
                FILE,
                TODAY,
                TZ,
                (
                    "VISION_SCHED_WEBHOOK",
                    "Set and not empty: post to this webhook when no --post is given.",
                ),
                (
                    "VISION_SCHED_MATRIX_TOKEN",
                    "The access token for --post-format matrix.",
                ),
                (
                    "HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY",
                    "The proxy --post goes through (lower-case names too); a proxy that is set and cannot be read is an error, never gone around.",
                ),
                NO_COLOR,
                XDG,
            ],
            files: READS,
            examples: &[
                (
                    "A crontab line: the reminders by mail every weekday morning, nothing on a quiet day:",
                    "0 8 * * 1-5 vision-sched remind -f ~/docs/schedule.toml",
                ),
                (
                    "Post them to a Discord channel, warning three weeks ahead:",
                    "vision-sched remind --warn 3w --post \"$WEBHOOK\" --post-format discord",
                ),
            ],
            see_also: &["vision-sched-upcoming", "crontab"],
        },
        "check" => Extra {
            more: &["--doc is an older name for --page, still taken."],
            exit: &[
                (
                    "0",
                    "The check passed: no milestone is overdue (or due within --fail-within), and the page and picture given are current.",
                ),
                (
                    "1",
                    "The check failed: a milestone is overdue or due within --fail-within, or a block of --page or the --svg timeline is not what render --write or export svg writes now.",
                ),
                BAD,
            ],
            env: &[
                FILE,
                TODAY,
                TZ,
                (
                    "GITHUB_ACTIONS",
                    "true: problems are reported as GitHub Actions annotations unless --format says otherwise.",
                ),
                XDG,
            ],
            files: READS,
            examples: &[
                (
                    "A pre-release gate: fail while a milestone is overdue or due within a week, or the README's table is stale:",
                    "vision-sched check --fail-within 7d --page README.md",
                ),
                (
                    "Say nothing when all is well:",
                    "vision-sched check --quiet",
                ),
            ],
            see_also: &[
                "vision-sched-render",
                "vision-sched-export-svg",
                "vision-sched-overdue",
            ],
        },
        "render" => Extra {
            more: &[],
            exit: &[
                OK,
                BAD,
                (
                    "3",
                    "With --write, another program held the lock on the page past --wait. Nothing is written.",
                ),
            ],
            env: READS_ENV,
            files: &[
                (
                    "PAGE",
                    "With --write, the page whose marker blocks are filled; the page is locked and replaced atomically, and left as it was when nothing changed.",
                ),
                FOUND,
                CONFIG,
                FALLBACK,
            ],
            examples: &[
                (
                    "The schedule as a Mermaid chart:",
                    "vision-sched render --format mermaid",
                ),
                (
                    "Fill the marker blocks of the README with this year's table and chart:",
                    "vision-sched render --write README.md",
                ),
            ],
            see_also: &["vision-sched-check"],
        },
        "publish" => Extra {
            more: &[],
            exit: &[OK, BAD, HELD],
            env: READS_ENV,
            files: &[
                (
                    "schedule.toml",
                    "The schedule file holding the milestone, edited in place: locked, and replaced atomically, keeping its comments and layout.",
                ),
                CONFIG,
                FALLBACK,
            ],
            examples: &[
                (
                    "Record a milestone as published on a given day:",
                    "vision-sched publish \"2021 Q2 revision published\" --on 2021-07-02",
                ),
                (
                    "Show what recording every milestone due by the end of 2021 would write:",
                    "vision-sched publish --through 2021-12-31 --dry-run",
                ),
            ],
            see_also: &["vision-sched-reschedule", "vision-sched-overdue"],
        },
        "reschedule" => Extra {
            more: &["--to is an older name for --date, still taken."],
            exit: &[OK, BAD, HELD],
            env: READS_ENV,
            files: &[
                (
                    "schedule.toml",
                    "The schedule file holding the phase, edited in place: locked, and replaced atomically, keeping its comments and layout.",
                ),
                CONFIG,
                FALLBACK,
            ],
            examples: &[
                (
                    "Move a milestone two weeks later, keeping its plan:",
                    "vision-sched reschedule \"2021 Q2 revision published\" --date 2021-07-14",
                ),
                (
                    "Go back to the plan:",
                    "vision-sched reschedule \"2021 Q2 revision published\" --undo",
                ),
            ],
            see_also: &["vision-sched-publish", "vision-sched-phases"],
        },
        "export" => Extra {
            more: &[],
            exit: &[OK, BAD],
            env: READS_ENV,
            files: READS,
            examples: &[
                ("A calendar feed:", "vision-sched export ics -o vision.ics"),
                (
                    "An SVG timeline:",
                    "vision-sched export svg -o docs/timeline.svg",
                ),
            ],
            see_also: &[],
        },
        "export ics" => Extra {
            more: &[],
            exit: &[OK, BAD],
            env: &[
                FILE,
                TODAY,
                TZ,
                (
                    "SOURCE_DATE_EPOCH",
                    "The feed's DTSTAMP, in whole seconds since 1970-01-01 UTC, for reproducible builds [default: now].",
                ),
                XDG,
            ],
            files: &[
                (
                    "FILE",
                    "With -o, the feed; a file is replaced atomically, a FIFO or device is written as it is.",
                ),
                (
                    "DIR/NAME.ics",
                    "With --split, one feed per document, named after it.",
                ),
                FOUND,
                CONFIG,
                FALLBACK,
            ],
            examples: &[
                (
                    "Milestones as to-dos, each with an alarm a week before:",
                    "vision-sched export ics --todo --alarm 7d -o vision.ics",
                ),
                (
                    "One feed per document:",
                    "vision-sched export ics -f docs/ --split feeds/",
                ),
            ],
            see_also: &["vision-sched-export"],
        },
        "export svg" => Extra {
            more: &[],
            exit: &[OK, BAD],
            env: READS_ENV,
            files: &[
                (
                    "FILE",
                    "With -o, the picture; a file is replaced atomically, a FIFO or device is written as it is.",
                ),
                FOUND,
                CONFIG,
                FALLBACK,
            ],
            examples: &[(
                "The year 2021, 1200 pixels wide:",
                "vision-sched export svg --from 2021-01-01 --to 2021-12-31 --width 1200 -o timeline.svg",
            )],
            see_also: &[
                "vision-sched-export",
                "vision-sched-timeline",
                "vision-sched-check",
            ],
        },
        "export badge" => Extra {
            more: &[],
            exit: &[OK, BAD],
            env: READS_ENV,
            files: &[
                (
                    "FILE",
                    "With -o, the badge's JSON; a file is replaced atomically, a FIFO or device is written as it is.",
                ),
                FOUND,
                CONFIG,
                FALLBACK,
            ],
            examples: &[(
                "The badge's JSON for shields.io's endpoint badge, to publish with the site:",
                "vision-sched export badge --label vision -o site/badge.json",
            )],
            see_also: &[
                "vision-sched-export",
                "vision-sched-overdue",
                "vision-sched-remind",
            ],
        },
        "timeline" => report(
            &[(
                "The schedule drawn with ASCII characters only:",
                "vision-sched timeline --ascii",
            )],
            &["vision-sched-export-svg", "vision-sched-phases"],
        ),
        "init" => Extra {
            more: &[],
            exit: &[
                OK,
                (
                    "2",
                    "Bad usage, or the file exists already (it is never replaced), or its folder is missing. Nothing is written.",
                ),
            ],
            env: &[
                TODAY,
                (
                    "TZ",
                    "The time zone whose date is today when neither --today nor VISION_SCHED_TODAY gives the day: an IANA name such as Europe/Berlin, a zone file, or a POSIX rule [default: the system's zone].",
                ),
            ],
            files: &[(
                "schedule.toml",
                "The starter written, in the current folder unless PATH is given.",
            )],
            examples: &[
                (
                    "Start a schedule in the current folder:",
                    "vision-sched init",
                ),
                ("Or elsewhere:", "vision-sched init docs/schedule.toml"),
            ],
            see_also: &["vision-sched-status", "vision-sched-schema"],
        },
        "schema" => Extra {
            more: &[],
            exit: &[OK, BAD_NO_SCHEDULE],
            env: &[],
            files: &[],
            examples: &[(
                "Save the schema for an editor:",
                "vision-sched schema > vision-sched.schema.json",
            )],
            see_also: &["vision-sched-init"],
        },
        "completions" => Extra {
            more: &[],
            exit: &[OK, BAD_NO_SCHEDULE],
            env: &[],
            files: &[],
            examples: &[
                (
                    "Install the bash completions (bash-completion loads them on demand):",
                    "vision-sched completions bash > ~/.local/share/bash-completion/completions/vision-sched",
                ),
                (
                    "Install the fish completions:",
                    "vision-sched completions fish > ~/.config/fish/completions/vision-sched.fish",
                ),
            ],
            see_also: &["bash", "zsh", "fish"],
        },
        "man" => Extra {
            more: &[],
            exit: &[
                OK,
                (
                    "2",
                    "Bad usage: a command that has no page, an option about a schedule, or a folder that cannot be made or written.",
                ),
            ],
            env: &[(
                "SOURCE_DATE_EPOCH",
                "The date the pages carry, in whole seconds since 1970-01-01 UTC, for reproducible builds [default: today].",
            )],
            files: &[(
                "DIR/vision-sched.1, DIR/vision-sched-COMMAND.1",
                "With --dir, every page, each replaced atomically; other files in DIR are left alone.",
            )],
            examples: &[
                (
                    "Read the page of check:",
                    "vision-sched man check | man -l -",
                ),
                (
                    "Install every page for the current user:",
                    "vision-sched man --dir ~/.local/share/man/man1",
                ),
            ],
            see_also: &["man"],
        },
        _ => return None,
    })
}
