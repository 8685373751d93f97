//! `mdbook-vision-sched`, the mdBook preprocessor: a book shows its schedule as it stands on the
//! day the book is built. mdBook runs it as `mdbook-vision-sched supports RENDERER` (every
//! renderer is supported), then with `[context, book]` as JSON on standard input, and reads the
//! book back from standard output.
//!
//! Each `{{#vision-sched NAME key="value" ...}}` in a chapter becomes what the matching command
//! prints: `table` and `mermaid` what `render` writes into a page's blocks, `status` the headline
//! of the Markdown status report, `upcoming` and `overdue` those Markdown reports, `timeline`
//! the SVG of `export svg`, inline. The options are the command's own flags without their dashes
//! (`from="2021-01-01"`, `slips`), read by the same parsers, and the schedule comes from the
//! directive's `schedule`, else `book.toml`'s, else the usual lookup from the book's folder.
//!
//! As with mdBook's own `{{#include}}`, a directive is filled in wherever it stands, in code
//! blocks too, and a backslash before it (`\{{#vision-sched table}}`) shows it as written.
//!
//! Today is the build's date in each schedule's zone, at `SOURCE_DATE_EPOCH`'s instant when that
//! is set, unless the directive's `today` or `VISION_SCHED_TODAY` gives the day. Every directive
//! of the book is read before any is filled in, so one build names every bad option; then the
//! first directive that cannot be shown (a schedule that does not load, say) ends the build.
//! Errors name the chapter's file and line.

use std::ffi::OsString;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use mdbook_preprocessor::PreprocessorContext;
use mdbook_preprocessor::book::{Book, Chapter};

use crate::app::args::{Global, SpanArgs};
use crate::app::context::Context;
use crate::dates::Days;
use crate::error::{Error, Result, Source};
use crate::io::text::unbrace;
use crate::present::{Format, View};

/// The preprocessor's name: its table in `book.toml` is `[preprocessor.vision-sched]`, and
/// mdBook runs `mdbook-vision-sched` for it.
const NAME: &str = "vision-sched";

/// The keys of its table in `book.toml` that mdBook itself reads.
const MDBOOK_KEYS: &[&str] = &["command", "before", "after", "renderers", "optional"];

/// Runs the preprocessor as mdBook calls it and returns its exit code: 0, or 2 when the book
/// cannot be built as it is (the error on stderr names the chapter's file and line).
pub fn run() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let args: Vec<&str> = args.iter().map(|a| a.to_str().unwrap_or("")).collect();
    let done = match args.as_slice() {
        [] => preprocess(std::io::stdin().lock()).and_then(|book| {
            crate::io::output::with_stdout(|out| {
                serde_json::to_writer(&mut *out, &book).map_err(std::io::Error::from)
            })
        }),
        // Every renderer takes Markdown, and HTML within it.
        ["supports", _] => Ok(()),
        ["--version" | "-V"] => crate::io::output::print(&format!(
            "mdbook-vision-sched {}\n",
            env!("VISION_SCHED_VERSION")
        )),
        ["--help" | "-h"] => crate::io::output::print(HELP),
        _ => Err(Error::new(format!(
            "mdbook-vision-sched takes no arguments but `supports RENDERER`, and was given `{}`",
            args.join(" ")
        ))
        .help("mdBook runs it: add [preprocessor.vision-sched] to the book's book.toml")),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            crate::io::output::error(&e);
            ExitCode::from(e.exit_code())
        }
    }
}

const HELP: &str = "\
The mdBook preprocessor of vision-sched: fills in {{#vision-sched NAME}} in a book's chapters.

mdBook runs it for a book whose book.toml has a [preprocessor.vision-sched] table:

  [preprocessor.vision-sched]
  before = [\"links\"]
  schedule = \"schedule.toml\"   # relative to the book; else found as vision-sched finds it

NAME is table, status, upcoming, overdue, timeline or mermaid, with the matching command's
options after it: {{#vision-sched table document=\"Vision\" from=\"2021-01-01\"}}.

Usage: mdbook-vision-sched [supports RENDERER]
";

/// Reads the book mdBook gives on `input` and fills in every directive.
fn preprocess(input: impl Read) -> Result<Book> {
    let (ctx, mut book) = mdbook_preprocessor::parse_input(input).map_err(|e| {
        Error::new(format!("cannot read the book from standard input: {e:#}"))
            .help("mdBook runs mdbook-vision-sched: add [preprocessor.vision-sched] to book.toml")
    })?;
    let ours = mdbook_preprocessor::MDBOOK_VERSION;
    if minor(&ctx.mdbook_version) != minor(ours) {
        crate::io::output::warn(&format!(
            "mdbook-vision-sched was built for mdBook {ours}, and mdBook {} runs it",
            ctx.mdbook_version
        ));
    }
    let schedule = book_schedule(&ctx)?;
    let src = ctx.config.book.src.clone();
    let at = crate::app::clock::source_date_epoch()?;

    // Every directive is read first, so a build names every bad one at once.
    let mut errors = Vec::new();
    book.for_each_chapter_mut(|chapter| {
        let file = chapter_file(&src, chapter);
        let source = Source::new(&file, &chapter.content);
        for found in scan(&chapter.content) {
            if let Found::Directive {
                read: Err((span, message)),
                ..
            } = found
            {
                errors.push(source.error(span, message));
            }
        }
    });
    if !errors.is_empty() {
        return Err(Error::all(errors));
    }

    let mut filler = Filler {
        schedule,
        at,
        loaded: Vec::new(),
        timelines: 0,
    };
    let mut failed = None;
    book.for_each_chapter_mut(|chapter| {
        if failed.is_some() {
            return;
        }
        match filler.chapter(&chapter.content) {
            Ok(Some(content)) => chapter.content = content,
            Ok(None) => {}
            Err((span, what, e)) => {
                let file = chapter_file(&src, chapter);
                let here = Source::new(&file, &chapter.content)
                    .error(span, format!("cannot show the {}", what.noun()));
                // The command's advice names its flags, which a directive writes as options.
                let mut e = e;
                if e.to_string().contains(" --") {
                    e = e.help("in a directive, a flag `--key VALUE` is written key=\"VALUE\"");
                }
                failed = Some(Error::all(vec![here, e]));
            }
        }
    });
    match failed {
        Some(e) => Err(e),
        None => Ok(book),
    }
}

/// `0.5` of `0.5.4`.
fn minor(version: &str) -> String {
    version.split('.').take(2).collect::<Vec<_>>().join(".")
}

/// The chapter's file as errors name it: relative to the book's folder (`src/chapter.md`).
fn chapter_file(src: &Path, chapter: &Chapter) -> PathBuf {
    match &chapter.source_path {
        Some(p) => src.join(p),
        None => PathBuf::from(&chapter.name),
    }
}

/// `schedule` of the book's `[preprocessor.vision-sched]` table: a path or a list of them,
/// relative to the book's folder. Any key but it and mdBook's own is refused.
fn book_schedule(ctx: &PreprocessorContext) -> Result<Vec<PathBuf>> {
    let table = format!("preprocessor.{NAME}");
    let bad = |message: String| Error::new(format!("book.toml: [{table}] {message}"));
    let settings: Option<toml::Table> = ctx
        .config
        .get(&table)
        .map_err(|e| bad(format!("is not a table: {e:#}")))?;
    let mut schedule = Vec::new();
    for (key, value) in settings.unwrap_or_default() {
        match (key.as_str(), value) {
            ("schedule", toml::Value::String(path)) => schedule.push(PathBuf::from(path)),
            ("schedule", toml::Value::Array(paths)) => {
                for path in paths {
                    match path {
                        toml::Value::String(p) => schedule.push(PathBuf::from(p)),
                        other => {
                            return Err(bad(format!(
                                "`schedule` lists `{other}`: write paths, like [\"schedule.toml\"]"
                            )));
                        }
                    }
                }
            }
            ("schedule", other) => {
                return Err(bad(format!(
                    "`schedule = {other}` is not a path: write schedule = \"schedule.toml\""
                )));
            }
            (key, _) if MDBOOK_KEYS.contains(&key) => {}
            (key, _) => {
                return Err(bad(format!(
                    "has no key `{key}`: it takes `schedule`, and mdBook's own {}",
                    MDBOOK_KEYS.join(", ")
                )));
            }
        }
    }
    Ok(schedule)
}

/// What a directive shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Table,
    Status,
    Upcoming,
    Overdue,
    Timeline,
    Mermaid,
}

impl What {
    const ALL: [What; 6] = [
        What::Table,
        What::Status,
        What::Upcoming,
        What::Overdue,
        What::Timeline,
        What::Mermaid,
    ];

    fn name(self) -> &'static str {
        match self {
            What::Table => "table",
            What::Status => "status",
            What::Upcoming => "upcoming",
            What::Overdue => "overdue",
            What::Timeline => "timeline",
            What::Mermaid => "mermaid",
        }
    }

    /// What an error calls it.
    fn noun(self) -> &'static str {
        match self {
            What::Table => "schedule table",
            What::Status => "status headline",
            What::Upcoming => "upcoming events",
            What::Overdue => "overdue milestones",
            What::Timeline => "SVG timeline",
            What::Mermaid => "Mermaid chart",
        }
    }

    /// The options it takes: its command's own (`render`, `status`, `upcoming`, `overdue`,
    /// `export svg`), then the options about the schedule that every command takes.
    fn keys(self) -> &'static [&'static str] {
        match self {
            What::Table => &["from", "to", "slips", "document", "schedule", "today"],
            What::Mermaid => &["from", "to", "document", "schedule", "today"],
            What::Status | What::Upcoming => &["within", "document", "schedule", "today"],
            What::Overdue => &["document", "schedule", "today"],
            What::Timeline => &["from", "to", "width", "document", "schedule", "today"],
        }
    }
}

/// A directive's options, as the commands' flags hold them.
#[derive(Debug, Default, Clone, PartialEq)]
struct Options {
    schedule: Vec<PathBuf>,
    document: Option<String>,
    today: Option<NaiveDate>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    slips: bool,
    within: Option<Days>,
    width: Option<u16>,
}

#[derive(Debug, Clone, PartialEq)]
struct Directive {
    what: What,
    options: Options,
}

/// A directive's bad part, and what is wrong with it.
type Bad = (Range<usize>, String);

/// What a chapter holds for this preprocessor.
#[derive(Debug, PartialEq)]
enum Found {
    /// `{{#vision-sched ...}}` at `span`, read, or its first bad part.
    Directive {
        span: Range<usize>,
        read: Result<Directive, Bad>,
    },
    /// `\{{#vision-sched ...}}`: the backslash at this offset is dropped, and the rest kept.
    Escaped { at: usize },
}

/// Every directive of `text` and every escaped one, in order. An unclosed directive (or
/// quote) is the last one found.
fn scan(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(k) = text[i..].find("{{") {
        let start = i + k;
        i = start + 2;
        // `{{#vision-sched` or `{{ #vision-sched`, then a space or the end: mdBook's own helpers
        // allow the space too.
        let inner = text[i..].trim_start();
        let Some(rest) = inner.strip_prefix("#vision-sched") else {
            continue;
        };
        if !(rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.starts_with("}}")) {
            continue;
        }
        if text[..start].ends_with('\\') {
            found.push(Found::Escaped { at: start - 1 });
            continue;
        }
        let body = text.len() - rest.len();
        match read(text, start, body) {
            Ok((items, end)) => {
                found.push(Found::Directive {
                    span: start..end,
                    read: directive(text, start..end, &items),
                });
                i = end;
            }
            Err(bad) => {
                found.push(Found::Directive {
                    span: start..bad.0.end,
                    read: Err(bad),
                });
                break;
            }
        }
    }
    found
}

/// One `key`, `key=value` or `key="value"` of a directive, by byte spans.
#[derive(Debug)]
struct Item {
    key: Range<usize>,
    value: Option<(String, Range<usize>)>,
}

impl Item {
    /// The whole item.
    fn span(&self) -> Range<usize> {
        let end = self.value.as_ref().map_or(self.key.end, |(_, v)| v.end);
        self.key.start..end
    }
}

/// The items of the directive at `start` whose name starts at `from`, and the offset after its
/// `}}`.
fn read(text: &str, start: usize, from: usize) -> Result<(Vec<Item>, usize), Bad> {
    let b = text.as_bytes();
    let mut items = Vec::new();
    let mut i = from;
    // Bytes, not chars: every byte a word ends at is ASCII, so spans stay on char boundaries.
    let word_end = |mut j: usize| {
        while j < b.len()
            && !b[j].is_ascii_whitespace()
            && !matches!(b[j], b'=' | b'"')
            && !b[j..].starts_with(b"}}")
        {
            j += 1;
        }
        j
    };
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if b[i..].starts_with(b"}}") {
            return Ok((items, i + 2));
        }
        if i >= b.len() {
            let line_end = text[start..].find('\n').map_or(text.len(), |n| start + n);
            return Err((
                start..line_end,
                "`{{#vision-sched` is not closed by `}}`".into(),
            ));
        }
        let key = i..word_end(i);
        if key.is_empty() {
            let c = text[i..].chars().next().unwrap_or(' ');
            return Err((
                i..i + c.len_utf8(),
                format!("`{c}` where an option's name belongs"),
            ));
        }
        i = key.end;
        let mut value = None;
        if b.get(i) == Some(&b'=') {
            i += 1;
            if b.get(i) == Some(&b'"') {
                let (v, end) = quoted(text, i)?;
                value = Some((v, i..end));
                i = end;
            } else {
                let end = word_end(i);
                value = Some((text[i..end].to_string(), i..end));
                i = end;
            }
        }
        items.push(Item { key, value });
    }
}

/// The value of the quoted string at `at` (`\"` and `\\` stand for `"` and `\`), and the offset
/// after its closing quote; it ends on its own line.
fn quoted(text: &str, at: usize) -> Result<(String, usize), Bad> {
    let mut value = String::new();
    let mut chars = text[at + 1..].char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            '"' => return Ok((value, at + 1 + k + 1)),
            '\\' => match chars.next() {
                Some((_, c @ ('"' | '\\'))) => value.push(c),
                _ => value.push('\\'),
            },
            '\n' => break,
            c => value.push(c),
        }
    }
    let end = text[at..].find('\n').map_or(text.len(), |n| at + n);
    Err((
        at..end,
        "this quoted value is not closed by `\"` on its line".into(),
    ))
}

/// A directive from its items: what it shows, then its options.
fn directive(text: &str, span: Range<usize>, items: &[Item]) -> Result<Directive, Bad> {
    let names: Vec<&str> = What::ALL.iter().map(|w| w.name()).collect();
    let Some((first, options)) = items.split_first() else {
        return Err((
            span,
            format!(
                "say what to show: {{{{#vision-sched table}}}}, or {}",
                names[1..].join(", ")
            ),
        ));
    };
    let name = &text[first.key.clone()];
    let what = What::ALL.iter().copied().find(|w| w.name() == name);
    let what = match (what, &first.value) {
        (Some(what), None) => what,
        (Some(what), Some(_)) => {
            return Err((
                first.span(),
                format!(
                    "`{name}` takes no value: write {{{{#vision-sched {}}}}}",
                    what.name()
                ),
            ));
        }
        (None, _) => {
            let nearest = names
                .iter()
                .min_by_key(|n| strsim::levenshtein(n, &name.to_lowercase()))
                .filter(|n| strsim::levenshtein(n, &name.to_lowercase()) <= 2)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            return Err((
                first.span(),
                format!(
                    "`{}` is not something vision-sched shows{nearest}: it shows {}",
                    &text[first.span()],
                    list(&names)
                ),
            ));
        }
    };
    let mut o = Options::default();
    let mut seen: Vec<&str> = Vec::new();
    for item in options {
        let key = &text[item.key.clone()];
        if !what.keys().contains(&key) {
            return Err((
                item.key.clone(),
                format!(
                    "`{}` takes no option `{key}`: it takes {}",
                    what.name(),
                    list(what.keys())
                ),
            ));
        }
        if seen.contains(&key) && key != "schedule" {
            return Err((item.span(), format!("`{key}` is given twice")));
        }
        seen.push(key);
        set(&mut o, key, item).map_err(|m| (item.span(), m))?;
    }
    Ok(Directive { what, options: o })
}

/// "a, b and c".
fn list(words: &[&str]) -> String {
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Sets option `key` from `item` with the parser of its command's flag.
fn set(o: &mut Options, key: &str, item: &Item) -> std::result::Result<(), String> {
    if key == "slips" {
        return match item.value {
            None => {
                o.slips = true;
                Ok(())
            }
            Some(_) => Err("`slips` takes no value: write it alone".into()),
        };
    }
    let example = match key {
        "from" | "to" | "today" => "YYYY-MM-DD",
        "within" => "14d",
        "width" => "960",
        "document" => "NAME",
        _ => "schedule.toml",
    };
    let Some((value, _)) = &item.value else {
        return Err(format!("`{key}` needs a value: {key}=\"{example}\""));
    };
    let bad = |m: String| format!("{key}: {m}");
    let date = || crate::app::args::parse_date(value).map(Some).map_err(bad);
    match key {
        "from" => o.from = date()?,
        "to" => o.to = date()?,
        "today" => o.today = date()?,
        "within" => o.within = Some(crate::app::args::parse_days(value).map_err(bad)?),
        "width" => o.width = Some(crate::app::args::parse_width(value).map_err(bad)?),
        "document" => o.document = Some(value.clone()),
        _ => o.schedule.push(PathBuf::from(value)),
    }
    Ok(())
}

/// The options about the schedule every directive of the book shares, and the schedules read
/// so far: each set of them once, however many directives show it.
struct Filler {
    /// `book.toml`'s `schedule`.
    schedule: Vec<PathBuf>,
    /// `SOURCE_DATE_EPOCH`'s instant.
    at: Option<DateTime<Utc>>,
    loaded: Vec<(Global, Context)>,
    /// The timelines drawn so far, which number each one's id.
    timelines: usize,
}

impl Filler {
    /// The chapter's text with every directive filled in and every escaped one shown as written
    /// (`None` when it holds neither), or the first directive that cannot be shown.
    fn chapter(
        &mut self,
        text: &str,
    ) -> std::result::Result<Option<String>, (Range<usize>, What, Error)> {
        let found = scan(text);
        if found.is_empty() {
            return Ok(None);
        }
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for f in found {
            match f {
                Found::Escaped { at } => {
                    out.push_str(&text[copied..at]);
                    copied = at + 1;
                }
                Found::Directive { span, read } => {
                    // Every directive was read before any is filled in.
                    let Ok(d) = read else { continue };
                    let filled = self.fill(&d).map_err(|e| (span.clone(), d.what, e))?;
                    out.push_str(&text[copied..span.start]);
                    out.push_str(filled.trim_end_matches('\n'));
                    copied = span.end;
                }
            }
        }
        out.push_str(&text[copied..]);
        Ok(Some(out))
    }

    /// What the directive shows now, as its command prints it.
    fn fill(&mut self, d: &Directive) -> Result<String> {
        let o = &d.options;
        let global = Global {
            schedule: if o.schedule.is_empty() {
                self.schedule.clone()
            } else {
                o.schedule.clone()
            },
            document: o.document.clone(),
            today: o.today,
            color: None,
        };
        let ctx = context(&mut self.loaded, self.at, global)?;
        let markdown = |view: View| -> Result<String> {
            let mut out = Vec::new();
            crate::present::write(
                view,
                &ctx.docs(),
                Format::Markdown,
                ctx.look,
                &ctx.timezone,
                &mut out,
            )
            .map_err(|e| Error::new(e.to_string()))?;
            Ok(String::from_utf8_lossy(&out).into_owned())
        };
        let parts = ctx.parts();
        // What the preprocessors after this one would read as theirs is broken, each in a way
        // its format shows as written (see `unbrace`).
        let text = match d.what {
            What::Table | What::Mermaid => {
                let span = SpanArgs {
                    from: o.from,
                    to: o.to,
                    slips: o.slips,
                    title: None,
                };
                let (format, brace) = match d.what {
                    What::Table => (Format::Table, "\\{"),
                    _ => (Format::Mermaid, "#123;"),
                };
                let lines = crate::app::page::lines(ctx, &span, format)?;
                unbrace(&lines.join("\n"), brace).into_owned()
            }
            What::Status => {
                let report = crate::engine::evaluate::evaluate_all(&parts, ctx.horizon(o.within));
                let headline = crate::present::markdown::status_headline(&report, &ctx.docs());
                unbrace(&headline, "\\{").into_owned()
            }
            What::Upcoming => {
                let report = crate::engine::evaluate::evaluate_all(&parts, ctx.horizon(o.within));
                unbrace(&markdown(View::Upcoming(&report))?, "\\{").into_owned()
            }
            What::Overdue => {
                let overdue = crate::engine::overdue::Overdues::many(&parts);
                unbrace(&markdown(View::Overdue(overdue))?, "\\{").into_owned()
            }
            What::Timeline => {
                let (chart, hidden) = crate::app::export::svg_chart(ctx, o.from, o.to)?;
                let width = o.width.unwrap_or(crate::present::svg::DEFAULT_WIDTH);
                self.timelines += 1;
                let id = format!("vision-sched-timeline-{}", self.timelines);
                let title = ctx.title(None);
                let svg = crate::present::svg::inline(&chart, &title, width, hidden, &id);
                // A `<div>` starts an HTML block wherever it stands, and the picture has no
                // blank line to end it.
                format!(
                    "<div class=\"vision-sched-timeline\">\n{}</div>",
                    unbrace(&svg, "&#123;")
                )
            }
        };
        Ok(text)
    }
}

/// The schedules `global` names, read once for every directive that names them.
fn context(
    loaded: &mut Vec<(Global, Context)>,
    at: Option<DateTime<Utc>>,
    global: Global,
) -> Result<&Context> {
    let same = |g: &Global| {
        g.schedule == global.schedule && g.document == global.document && g.today == global.today
    };
    if let Some(i) = loaded.iter().position(|(g, _)| same(g)) {
        return Ok(&loaded[i].1);
    }
    let ctx = Context::load_at(&global, at)?;
    loaded.push((global, ctx));
    Ok(&loaded[loaded.len() - 1].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::date;

    /// What `scan` reads in `text`: each directive's name and options, or its error as the bad
    /// text and the message; escaped ones as `\`.
    fn reads(text: &str) -> Vec<std::result::Result<(What, Options), (String, String)>> {
        scan(text)
            .into_iter()
            .map(|f| match f {
                Found::Directive { read: Ok(d), .. } => Ok((d.what, d.options)),
                Found::Directive {
                    read: Err((span, m)),
                    ..
                } => Err((text[span].to_string(), m)),
                Found::Escaped { .. } => Err(("\\".into(), String::new())),
            })
            .collect()
    }

    /// A plain `{{#vision-sched table}}`, as [`reads`] gives it.
    const TABLE: std::result::Result<(What, Options), (String, String)> = Ok((
        What::Table,
        Options {
            schedule: Vec::new(),
            document: None,
            today: None,
            from: None,
            to: None,
            slips: false,
            within: None,
            width: None,
        },
    ));

    #[test]
    fn directives_are_found_as_mdbook_finds_its_own() {
        let dated = Options {
            from: Some(date(2021, 1, 1)),
            document: Some("Async \"vision\"".into()),
            slips: true,
            ..Options::default()
        };
        let cases: Vec<(&str, Vec<_>)> = vec![
            ("no directive {{#include x.md}} {{ x }}", vec![]),
            ("{{#vision-sched table}}", vec![TABLE]),
            ("a {{ #vision-sched  table }} b", vec![TABLE]),
            ("{{#vision-sched\ntable\n}}", vec![TABLE]),
            (
                "{{#vision-sched table}}{{#vision-sched status}}",
                vec![TABLE, Ok((What::Status, Options::default()))],
            ),
            (
                r#"{{#vision-sched table from=2021-01-01 slips document="Async \"vision\""}}"#,
                vec![Ok((What::Table, dated))],
            ),
            (
                r#"{{#vision-sched timeline width="640" schedule=a.toml schedule="b c.toml"}}"#,
                vec![Ok((
                    What::Timeline,
                    Options {
                        width: Some(640),
                        schedule: vec!["a.toml".into(), "b c.toml".into()],
                        ..Options::default()
                    },
                ))],
            ),
            (
                "{{#vision-sched upcoming within=2w today=2021-06-20}}",
                vec![Ok((
                    What::Upcoming,
                    Options {
                        within: Some(Days(14)),
                        today: Some(date(2021, 6, 20)),
                        ..Options::default()
                    },
                ))],
            ),
            // Another helper's name, or one that only starts the same.
            ("{{#vision-schedule table}} {{#vision-sched-x}}", vec![]),
            // Escaped: shown as written, once the backslash is dropped.
            (
                r"\{{#vision-sched table}} \{{ #vision-sched nonsense }}",
                vec![
                    Err(("\\".into(), String::new())),
                    Err(("\\".into(), String::new())),
                ],
            ),
            // In a code block too, as mdBook's {{#include}} is.
            ("```\n{{#vision-sched table}}\n```", vec![TABLE]),
        ];
        for (text, want) in cases {
            assert_eq!(reads(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_bad_directive_names_its_bad_part() {
        let cases = [
            ("{{#vision-sched}}", "{{#vision-sched}}", "say what to show"),
            ("{{#vision-sched tabel}}", "tabel", "did you mean `table`?"),
            (
                "{{#vision-sched table=1}}",
                "table=1",
                "`table` takes no value",
            ),
            (
                r#"{{#vision-sched table color="always"}}"#,
                "color",
                "`table` takes no option `color`: it takes from, to, slips, document, schedule and today",
            ),
            (
                "{{#vision-sched overdue within=3d}}",
                "within",
                "takes no option",
            ),
            (
                "{{#vision-sched status width=3}}",
                "width",
                "takes no option",
            ),
            (
                "{{#vision-sched table from=2021-02-30}}",
                "from=2021-02-30",
                "from: ",
            ),
            (
                "{{#vision-sched timeline width=9}}",
                "width=9",
                "is not a width",
            ),
            (
                "{{#vision-sched status within=soon}}",
                "within=soon",
                "within: ",
            ),
            (
                "{{#vision-sched table from}}",
                "from",
                "`from` needs a value",
            ),
            (
                "{{#vision-sched table slips=yes}}",
                "slips=yes",
                "takes no value",
            ),
            (
                "{{#vision-sched table to=2021-01-01 to=2021-02-01}}",
                "to=2021-02-01",
                "given twice",
            ),
            (
                "{{#vision-sched table document=\"Vis\n}}",
                "\"Vis",
                "not closed by `\"`",
            ),
            (
                "{{#vision-sched table\n\nmore",
                "{{#vision-sched table",
                "not closed by `}}`",
            ),
            (
                "{{#vision-sched table =x}}",
                "=",
                "where an option's name belongs",
            ),
        ];
        for (text, bad, message) in cases {
            match reads(text).as_slice() {
                [Err((b, m))] => {
                    assert_eq!(b, bad, "{text:?}");
                    assert!(m.contains(message), "{text:?}: {m}");
                }
                other => panic!("{text:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn only_mdbooks_keys_and_schedule_are_taken_from_book_toml() {
        let ctx = |table: &str| {
            let config: mdbook_preprocessor::config::Config =
                format!("[book]\ntitle = \"t\"\n[preprocessor.vision-sched]\n{table}")
                    .parse()
                    .unwrap();
            PreprocessorContext::new(".".into(), config, "html".into())
        };
        let paths = |v: &[&str]| v.iter().map(PathBuf::from).collect::<Vec<_>>();
        assert_eq!(book_schedule(&ctx("")).unwrap(), paths(&[]));
        assert_eq!(
            book_schedule(&ctx("schedule = \"../s.toml\"\nbefore = [\"links\"]")).unwrap(),
            paths(&["../s.toml"])
        );
        assert_eq!(
            book_schedule(&ctx("schedule = [\"a.toml\", \"b\"]")).unwrap(),
            paths(&["a.toml", "b"])
        );
        for bad in [
            "schedule = 1",
            "schedule = [1]",
            "schedul = \"x\"",
            "today = 2021-01-01",
        ] {
            let e = book_schedule(&ctx(bad)).unwrap_err().to_string();
            assert!(
                e.starts_with("error: book.toml: [preprocessor.vision-sched] "),
                "{e}"
            );
        }
    }

    #[test]
    fn versions_compare_by_minor() {
        assert_eq!(minor("0.5.4"), "0.5");
        assert_eq!(minor("0.5.0-beta.1"), "0.5");
        assert_ne!(minor("0.4.52"), minor(mdbook_preprocessor::MDBOOK_VERSION));
    }
}
