//! The mdBook preprocessor, `mdbook-vision-sched`, run by the real mdBook 0.5 on small books:
//! every directive filled in as its command prints it, today from `SOURCE_DATE_EPOCH` in the
//! schedule's zone, schedule text that cannot reach mdBook's own helpers, and builds that fail
//! naming the chapter's file and line. Where no mdBook 0.5 is on PATH these tests skip with a
//! note; `.ci/run` installs it before the suite runs.

use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{bin, ok, repo, sandboxed};

/// The preprocessor, as cargo built it beside `vision-sched`.
const PREPROCESSOR: &str = env!("CARGO_BIN_EXE_mdbook-vision-sched");

/// The real mdBook 0.5 on PATH, or `None` with a note.
fn mdbook() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&path)
        .map(|d| d.join("mdbook"))
        .find(|p| p.is_file());
    let Some(found) = found else {
        eprintln!("skipped: no mdbook on PATH (.ci/run installs it)");
        return None;
    };
    let version = sandboxed(found.to_str()?).arg("--version").output().ok()?;
    let version = String::from_utf8_lossy(&version.stdout).into_owned();
    if !version.starts_with("mdbook v0.5.") {
        eprintln!(
            "skipped: {} is `{}`, not mdBook 0.5",
            found.display(),
            version.trim()
        );
        return None;
    }
    Some(found)
}

/// A book in the folder `guide` of a temp folder: `book.toml` with `[preprocessor.vision-sched]`
/// and the lines `table` adds to it, one chapter per `(file, text)` under `src/`, and other
/// files by their path in the book's folder.
fn book(table: &str, chapters: &[(&str, &str)], files: &[(&str, &str)]) -> Book {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("guide");
    let at = |p: &str| dir.join(p);
    std::fs::create_dir_all(at("src")).unwrap();
    std::fs::write(
        at("book.toml"),
        format!("[book]\ntitle = \"Book\"\n\n[preprocessor.vision-sched]\n{table}"),
    )
    .unwrap();
    let mut summary = String::from("# Summary\n\n");
    for (file, text) in chapters {
        summary.push_str(&format!("- [{file}]({file})\n"));
        std::fs::write(at(&format!("src/{file}")), text).unwrap();
    }
    std::fs::write(at("src/SUMMARY.md"), summary).unwrap();
    for (path, text) in files {
        std::fs::write(at(path), text).unwrap();
    }
    Book { _temp: temp, dir }
}

struct Book {
    _temp: tempfile::TempDir,
    dir: PathBuf,
}

impl Book {
    fn path(&self) -> &Path {
        &self.dir
    }
}

/// `mdbook build` in `book`, which finds the preprocessor first on PATH, with `env` set.
fn run_build(mdbook: &Path, book: &Path, env: &[(&str, &str)]) -> Output {
    let dir = Path::new(PREPROCESSOR).parent().unwrap();
    let path = std::env::join_paths(
        std::iter::once(dir.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let mut run = sandboxed(mdbook.to_str().unwrap());
    run.arg("build").current_dir(book).env("PATH", path);
    for (k, v) in env {
        run.env(k, v);
    }
    run.output().unwrap()
}

/// `mdbook build`, which must succeed.
fn build(mdbook: &Path, book: &Path, env: &[(&str, &str)]) {
    let out = run_build(mdbook, book, env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `mdbook build`, which must fail: what it printed on stderr.
fn build_fails(mdbook: &Path, book: &Path, env: &[(&str, &str)]) -> String {
    let out = run_build(mdbook, book, env);
    assert!(!out.status.success());
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A built chapter's HTML.
fn html(book: &Path, chapter: &str) -> String {
    std::fs::read_to_string(book.join("book").join(chapter)).unwrap()
}

/// What `vision-sched ARGS` prints for the bundled schedule.
fn prints(args: &[&str]) -> String {
    ok(&bin()
        .args(["-f", repo("schedule.toml").to_str().unwrap()])
        .args(args)
        .output()
        .unwrap())
}

/// The text of each `<text>` element of an SVG, in order.
fn svg_texts(svg: &str) -> Vec<&str> {
    svg.split("<text")
        .skip(1)
        .map(|t| {
            let t = &t[t.find('>').unwrap() + 1..];
            &t[..t.find("</text>").unwrap()]
        })
        .collect()
}

/// The `<svg>` element with this id in `html`.
fn svg_of<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .and_then(|i| html[..i].rfind("<svg"))
        .unwrap_or_else(|| panic!("no svg {id}"));
    let end = start + html[start..].find("</svg>").unwrap() + "</svg>".len();
    &html[start..end]
}

#[test]
fn every_directive_is_filled_in_as_its_command_prints_it() {
    let Some(mdbook) = mdbook() else { return };
    let chapter = r#"# Schedule

Status: {{#vision-sched status today="2021-06-20"}}

{{#vision-sched table today="2021-06-20"}}

{{#vision-sched upcoming today="2021-06-20" within="2w"}}

{{#vision-sched overdue today="2021-06-20"}}

{{#vision-sched timeline today="2021-06-20" from="2021-01-01" to="2021-12-31"}}

{{#vision-sched mermaid today="2021-06-20"}}

As written: \{{#vision-sched table}}
"#;
    let second = "# Again\n\n{{#vision-sched timeline today=\"2021-06-20\" width=\"640\"}}\n";
    // The schedule sits beside the book's folder, named relative to the book.
    let dir = book(
        "before = [\"links\"]\nschedule = \"../schedule.toml\"\n",
        &[("chapter.md", chapter), ("again.md", second)],
        &[],
    );
    let book_dir = dir.path();
    std::fs::copy(repo("schedule.toml"), book_dir.join("../schedule.toml")).unwrap();
    build(&mdbook, book_dir, &[]);
    let page = html(book_dir, "chapter.html");

    // status: the Markdown report's headline, here within a paragraph.
    let status = prints(&["status", "--format", "markdown", "--today", "2021-06-20"]);
    let headline = status.lines().next().unwrap().trim_matches('*');
    assert!(
        page.contains(&format!("<p>Status: <strong>{headline}</strong></p>")),
        "{page}"
    );
    // table: render's rows, as mdBook's table.
    let table = prints(&["render", "--today", "2021-06-20"]);
    assert_eq!(table.lines().count(), 10, "{table}");
    for row in table.lines().skip(2) {
        let cells: Vec<String> = row
            .trim_matches('|')
            .split(" | ")
            .map(|c| {
                let c = c.trim();
                match c.strip_prefix("**").and_then(|c| c.strip_suffix("**")) {
                    Some(bold) => format!("<strong>{bold}</strong>"),
                    None => c.to_string(),
                }
            })
            .collect();
        let want = format!("<tr><td>{}</td><td>{}</td></tr>", cells[0], cells[1]);
        assert!(page.contains(&want), "{want}\n{page}");
    }
    // upcoming, with its option, and overdue: the Markdown reports.
    assert!(
        page.contains("<p><strong>Upcoming (next 14 days)</strong>, as of 2021-06-20</p>"),
        "{page}"
    );
    assert!(
        page.contains("<tr><td>Wed 2021-06-30</td><td>due</td><td>2021 Q2 revision published</td><td>in 10 days</td></tr>"),
        "{page}"
    );
    assert!(
        page.contains("<p><strong>Overdue</strong>, as of 2021-06-20</p>")
            && page
                .contains("<td>2021 Q1 revision published</td><td>2 months 20 days overdue</td>"),
        "{page}"
    );
    // timeline: export svg's picture, inline, with an id of its own.
    let svg = prints(&[
        "export",
        "svg",
        "--today",
        "2021-06-20",
        "--from",
        "2021-01-01",
        "--to",
        "2021-12-31",
    ]);
    let inline = svg_of(&page, "vision-sched-timeline-1");
    assert_eq!(svg_texts(inline), svg_texts(&svg));
    assert!(svg_texts(&svg).contains(&"2021 Q2 revision process begins"));
    assert!(
        page.contains("<div class=\"vision-sched-timeline\">\n<svg"),
        "{page}"
    );
    // mermaid: render's chart, as a `mermaid` code block for mdbook-mermaid.
    let chart = prints(&["render", "--format", "mermaid", "--today", "2021-06-20"]);
    let body: String = chart
        .lines()
        .filter(|l| !l.starts_with("```"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(
        page.contains(&format!(
            "<pre><code class=\"language-mermaid\">{body}</code></pre>"
        )),
        "{page}"
    );
    // An escaped directive is shown as written.
    assert!(
        page.contains("<p>As written: {{#vision-sched table}}</p>"),
        "{page}"
    );
    assert!(!page.contains("{{#vision-sched table today"), "{page}");

    // The other chapter's timeline, with its width: each picture's id is the book's only one,
    // on the print page too, where every chapter stands.
    let again = html(book_dir, "again.html");
    let narrow = svg_of(&again, "vision-sched-timeline-2");
    assert!(narrow.contains("width=\"640\""), "{narrow}");
    let print = html(book_dir, "print.html");
    for id in ["vision-sched-timeline-1", "vision-sched-timeline-2"] {
        assert_eq!(print.matches(&format!("id=\"{id}\"")).count(), 1, "{id}");
        assert_eq!(
            print.matches(&format!("#{id} .bar.past")).count(),
            2,
            "{id}"
        );
    }
}

/// A phase's name is shown as written in every directive, and never read by mdBook's own
/// helpers (`{{#include FILE}}` would put the file's text into the book) nor as HTML.
#[test]
fn schedule_text_stays_text_in_the_book() {
    let Some(mdbook) = mdbook() else { return };
    let schedule = r#"[document]
title = "{{#title Owned}} <b>Doc</b>"
timezone = "UTC"

[[phase]]
name = "{{#include ../secret.txt}}"
due = 2021-06-01

[[phase]]
name = "<script>alert(1)</script> {{{#title Owned}}}"
start = 2021-06-10
end = 2021-06-30
"#;
    let chapter = "# Chapter\n\n{{#vision-sched status}}\n\n{{#vision-sched table}}\n\n\
                   {{#vision-sched overdue}}\n\n{{#vision-sched timeline}}\n\n\
                   {{#vision-sched mermaid}}\n";
    let dir = book(
        "before = [\"links\"]\n",
        &[("chapter.md", chapter)],
        &[("schedule.toml", schedule), ("secret.txt", "TOP-SECRET\n")],
    );
    build(&mdbook, dir.path(), &[("VISION_SCHED_TODAY", "2021-06-20")]);
    let page = html(dir.path(), "chapter.html");
    assert!(!page.contains("TOP-SECRET"), "{page}");
    assert!(!page.contains("<title>Owned"), "{page}");
    assert!(!page.contains("<script>alert"), "{page}");
    // Each name is there, as written: in the table, the overdue list and the picture.
    let main = &page[page.find("<main>").unwrap()..page.find("</main>").unwrap()];
    assert!(
        main.matches("<td>{{#include ../secret.txt}}</td>").count() >= 2,
        "{main}"
    );
    assert!(
        main.contains("&lt;script&gt;alert(1)&lt;/script&gt; {{{#title Owned}}}"),
        "{main}"
    );
    let texts = svg_texts(svg_of(main, "vision-sched-timeline-1"));
    assert!(texts.contains(&"{{#include ../secret.txt}}"), "{texts:?}");
}

#[test]
fn today_is_the_builds_date_in_the_schedules_zone() {
    let Some(mdbook) = mdbook() else { return };
    let schedule = "[document]\ntitle = \"Zoned\"\ntimezone = \"Pacific/Auckland\"\n\n\
                    [[phase]]\nname = \"Late June\"\nstart = 2021-06-20\nend = 2021-06-30\n";
    // The schedule is found as vision-sched finds it: schedule.toml in the book's folder.
    let dir = book(
        "",
        &[("chapter.md", "# Chapter\n\n{{#vision-sched status}}\n")],
        &[("schedule.toml", schedule)],
    );
    // 2021-06-19 18:00 UTC is 06:00 on the 20th in Auckland.
    build(&mdbook, dir.path(), &[("SOURCE_DATE_EPOCH", "1624125600")]);
    let page = html(dir.path(), "chapter.html");
    assert!(
        page.contains("<p><strong>2021-06-20 - Late June, day 1 of 11</strong></p>"),
        "{page}"
    );
    // The same build a day later says the next day: nothing is kept between builds.
    build(&mdbook, dir.path(), &[("SOURCE_DATE_EPOCH", "1624212000")]);
    let page = html(dir.path(), "chapter.html");
    assert!(
        page.contains("<strong>2021-06-21 - Late June, day 2 of 11</strong>"),
        "{page}"
    );

    let err = build_fails(&mdbook, dir.path(), &[("SOURCE_DATE_EPOCH", "soon")]);
    assert!(
        err.contains("error: SOURCE_DATE_EPOCH `soon` is not a time: it must be whole seconds since 1970-01-01 UTC"),
        "{err}"
    );
}

#[test]
fn a_bad_directive_or_schedule_fails_the_build_naming_the_chapters_file_and_line() {
    let Some(mdbook) = mdbook() else { return };
    let chapter = "# Chapter\n\nText.\n\n{{#vision-sched table color=\"always\"}}\n\n\
                   {{#vision-sched tabel}}\n";
    let dir = book(
        "",
        &[("intro.md", "# Intro\n"), ("chapter.md", chapter)],
        &[(
            "schedule.toml",
            &std::fs::read_to_string(repo("schedule.toml")).unwrap(),
        )],
    );
    let err = build_fails(&mdbook, dir.path(), &[]);
    // Both bad directives, each at its line and column, and mdBook's own line after them.
    assert!(
        err.contains(
            "error: `table` takes no option `color`: it takes from, to, slips, document, schedule and today\n --> src/chapter.md:5:23\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("error: `tabel` is not something vision-sched shows (did you mean `table`?)"),
        "{err}"
    );
    assert!(err.contains(" --> src/chapter.md:7:17\n"), "{err}");
    assert!(
        err.contains("The \"vision-sched\" preprocessor exited unsuccessfully"),
        "{err}"
    );

    // A schedule that does not load: the directive's place, then the schedule's error.
    std::fs::write(
        dir.path().join("src/chapter.md"),
        "# Chapter\n\n{{#vision-sched status schedule=\"bad.toml\"}}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[[phase]]\nname = \"x\"\ndue = 2021-02-30\n",
    )
    .unwrap();
    let err = build_fails(&mdbook, dir.path(), &[]);
    assert!(
        err.contains("error: cannot show the status headline\n --> src/chapter.md:3:1\n"),
        "{err}"
    );
    assert!(err.contains(" --> bad.toml:3:7\n"), "{err}");

    // A key book.toml's table does not have.
    let dir = book("schedul = \"s.toml\"\n", &[("chapter.md", "# C\n")], &[]);
    let err = build_fails(&mdbook, dir.path(), &[]);
    assert!(
        err.contains("error: book.toml: [preprocessor.vision-sched] has no key `schedul`"),
        "{err}"
    );
}

/// What mdBook asks before a build, and what a person typing the name gets.
#[test]
fn the_preprocessor_supports_every_renderer_and_takes_no_other_arguments() {
    for renderer in ["html", "markdown", "epub"] {
        let out = sandboxed(PREPROCESSOR)
            .args(["supports", renderer])
            .output()
            .unwrap();
        assert_eq!(ok(&out), "");
    }
    let out = sandboxed(PREPROCESSOR).arg("--version").output().unwrap();
    assert!(ok(&out).starts_with("mdbook-vision-sched 0."));
    let out = sandboxed(PREPROCESSOR).arg("build").output().unwrap();
    let err = crate::common::fails(&out);
    assert!(
        err.starts_with("error: mdbook-vision-sched takes no arguments"),
        "{err}"
    );
    // Input that is not mdBook's.
    let out = sandboxed(PREPROCESSOR).stdin("{}").output().unwrap();
    let err = crate::common::fails(&out);
    assert!(
        err.starts_with("error: cannot read the book from standard input"),
        "{err}"
    );
}

/// With several documents, a table is one document's, picked as `--document` picks it.
#[test]
fn a_document_of_several_is_picked_by_its_option() {
    let Some(mdbook) = mdbook() else { return };
    let portfolio = format!(
        "schedule = \"{}\"\n",
        repo("tests/fixtures/portfolio").display()
    );
    let dir = book(
        &portfolio,
        &[(
            "chapter.md",
            "# C\n\n{{#vision-sched table document=\"Privacy policy\" today=\"2026-12-01\"}}\n",
        )],
        &[],
    );
    build(&mdbook, dir.path(), &[]);
    let want = ok(&bin()
        .args(["-f", repo("tests/fixtures/portfolio").to_str().unwrap()])
        .args([
            "render",
            "--document",
            "Privacy policy",
            "--today",
            "2026-12-01",
        ])
        .output()
        .unwrap());
    assert_eq!(want.lines().count(), 4, "{want}");
    let page = html(dir.path(), "chapter.html");
    assert!(
        page.contains("<tr><td>2026 review window</td><td>Dec 7 - Dec 31</td></tr>"),
        "{page}"
    );
    assert!(
        want.contains("| 2026 review window | Dec 7 - Dec 31 |"),
        "{want}"
    );

    std::fs::write(
        dir.path().join("src/chapter.md"),
        "# C\n\n{{#vision-sched table}}\n",
    )
    .unwrap();
    let err = build_fails(&mdbook, dir.path(), &[]);
    assert!(
        err.contains("error: cannot show the schedule table\n --> src/chapter.md:3:1\n")
            && err.contains("pick one with --document NAME")
            && err.contains("  = in a directive, a flag `--key VALUE` is written key=\"VALUE\"\n"),
        "{err}"
    );
}
