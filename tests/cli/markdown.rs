//! `--format markdown` on the reporting commands: GitHub-flavoured tables, text made inert.

use crate::common::bin;

const SEED: &str = repo!("tests/fixtures/export/seed.toml");
const TRICKY: &str = repo!("tests/fixtures/export/tricky.toml");

fn run(file: &str, today: &str, args: &[&str]) -> String {
    let out = bin()
        .args(["-f", file, "--today", today])
        .args(args)
        .args(["--format", "markdown"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).unwrap()
}

/// The cells of a table row, split on pipes that are not escaped.
fn cells(row: &str) -> Vec<String> {
    let inner = row
        .trim()
        .strip_prefix('|')
        .unwrap()
        .strip_suffix('|')
        .unwrap();
    let mut out = vec![String::new()];
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let last = out.last_mut().unwrap();
                last.push(c);
                last.extend(chars.next());
            }
            '|' => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out.into_iter().map(|c| c.trim().to_string()).collect()
}

/// Every table is well formed: a header, a `---` row, and rows with as many cells as the header.
fn assert_tables_well_formed(text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut tables = 0;
    while i < lines.len() {
        if !lines[i].starts_with('|') {
            i += 1;
            continue;
        }
        tables += 1;
        let width = cells(lines[i]).len();
        assert!(cells(lines[i + 1]).iter().all(|c| c == "---"), "{text}");
        assert_eq!(cells(lines[i + 1]).len(), width, "{text}");
        i += 2;
        while i < lines.len() && lines[i].starts_with('|') {
            assert_eq!(
                cells(lines[i]).len(),
                width,
                "row {:?} in\n{text}",
                lines[i]
            );
            i += 1;
        }
        // A table must be preceded by a blank line to render as one.
    }
    assert!(tables > 0, "no table in\n{text}");
}

#[test]
fn status_for_the_seed() {
    let text = run(SEED, "2021-06-20", &["status"]);
    assert_tables_well_formed(&text);
    insta::assert_snapshot!(text);
}

#[test]
fn status_with_nothing_current() {
    let text = run(SEED, "2021-07-01", &["status"]);
    assert_tables_well_formed(&text);
    insta::assert_snapshot!(text);
}

#[test]
fn upcoming_overdue_and_phases_for_the_seed() {
    let upcoming = run(SEED, "2021-06-20", &["upcoming"]);
    let overdue = run(SEED, "2021-07-01", &["overdue"]);
    let phases = run(SEED, "2021-07-01", &["phases"]);
    for text in [&upcoming, &overdue, &phases] {
        assert_tables_well_formed(text);
    }
    insta::assert_snapshot!("upcoming", upcoming);
    insta::assert_snapshot!("overdue", overdue);
    insta::assert_snapshot!("phases", phases);
}

#[test]
fn empty_lists_say_so() {
    assert_eq!(
        run(SEED, "2021-03-01", &["overdue"]).lines().nth(2),
        Some("Nothing overdue.")
    );
    let upcoming = run(SEED, "2022-01-01", &["upcoming"]);
    assert!(upcoming.contains("Nothing ahead."), "{upcoming}");
}

#[test]
fn phases_table_has_one_row_per_phase_with_its_state() {
    let text = run(SEED, "2021-07-01", &["phases"]);
    let rows: Vec<Vec<String>> = text
        .lines()
        .filter(|l| l.starts_with('|'))
        .skip(2)
        .map(cells)
        .collect();
    assert_eq!(rows.len(), 8);
    assert_eq!(
        rows[0],
        [
            "Drafting initial stories and proposals",
            "window",
            "until 2021-03-31",
            "past"
        ]
    );
    assert_eq!(
        rows[3],
        [
            "2021 Q2 revision published",
            "milestone",
            "due 2021-06-30",
            "overdue"
        ]
    );
}

#[test]
fn schedule_text_cannot_break_a_table_or_become_markup() {
    for (today, args) in [
        ("2021-06-08", &["status"][..]),
        ("2021-06-08", &["upcoming"][..]),
        ("2021-06-12", &["overdue"][..]),
        ("2021-06-12", &["phases"][..]),
    ] {
        let text = run(TRICKY, today, args);
        assert_tables_well_formed(&text);
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text}");
    }
    let text = run(TRICKY, "2021-06-12", &["phases"]);
    let first = text.lines().find(|l| l.starts_with("| Plan")).unwrap();
    assert_eq!(cells(first)[0], r"Plan \| review, \*draft\* \\ \<b\>");
}

#[test]
fn status_shows_the_most_recent_overdue_and_counts_the_rest() {
    let text = run(
        repo!("tests/fixtures/export/many_overdue.toml"),
        "2021-12-01",
        &["status"],
    );
    assert_tables_well_formed(&text);
    assert!(!text.contains("| Milestone 2 |"), "{text}");
    assert!(text.contains("| Milestone 3 |"), "{text}");
    assert!(text.contains("| Milestone 7 |"), "{text}");
    assert!(
        text.contains("... and 2 older overdue milestones; `vision-sched overdue` lists all 7."),
        "{text}"
    );
}

const GITHUB: &str = repo!("tests/fixtures/export/github.toml");

/// Every phase name of a schedule, as the JSON carries it.
fn names(file: &str) -> Vec<String> {
    let out = bin()
        .args([
            "-f",
            file,
            "--today",
            "2021-06-20",
            "phases",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    v["phases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

/// What GitHub would still turn into something else in a piece of rendered text: its own
/// filters run on the text after Markdown is rendered (mentions, references, emoji).
fn github_would_link(text: &str) -> Option<&'static str> {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        if c == '@' && next.is_ascii_alphanumeric() {
            return Some("a mention or an email link");
        }
        if c == '#' && next.is_ascii_digit() {
            return Some("an issue reference");
        }
        if c == ':' {
            let name = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))
                .count();
            if name > 0 && chars.get(i + 1 + name) == Some(&':') {
                return Some("an emoji");
            }
        }
        if (c == 'G' || c == 'g')
            && text[text.char_indices().nth(i).unwrap().0..]
                .to_ascii_lowercase()
                .starts_with("gh-")
            && chars.get(i + 3).is_some_and(char::is_ascii_digit)
        {
            return Some("a GH- reference");
        }
    }
    None
}

/// Reads Markdown as `CommonMark` with GitHub's tables, strikethrough and maths (pulldown-cmark),
/// and returns the text of every table cell; anything but text, strong emphasis and the table
/// itself fails the test.
fn rendered_cells(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_MATH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut cells = Vec::new();
    let mut cell: Option<String> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::TableCell) => cell = Some(String::new()),
            Event::End(TagEnd::TableCell) => cells.push(cell.take().unwrap()),
            Event::Text(t) => {
                if let Some(c) = &mut cell {
                    c.push_str(&t);
                }
                if let Some(why) = github_would_link(&t) {
                    panic!("{t:?} would become {why} on GitHub:\n{markdown}");
                }
            }
            Event::Start(
                Tag::Table(_) | Tag::TableHead | Tag::TableRow | Tag::Paragraph | Tag::Strong,
            )
            | Event::End(_)
            | Event::SoftBreak => {}
            other => panic!("{other:?} in\n{markdown}"),
        }
    }
    cells
}

/// The source never holds what GitHub's autolink extension reads as a bare URL (pulldown-cmark
/// has no such extension; scripts/gfm-check.sh checks with GitHub's own renderer).
fn assert_no_bare_urls(markdown: &str) {
    let lower = markdown.to_ascii_lowercase();
    for (i, _) in lower.match_indices("://") {
        assert!(lower[..i].ends_with('\\'), "a bare URL in\n{markdown}");
    }
    for (i, _) in lower.match_indices("www.") {
        assert!(
            lower[i..].starts_with("www\\."),
            "a www. link in\n{markdown}"
        );
    }
}

#[test]
fn names_render_as_plain_text_on_github() {
    let names = names(GITHUB);
    let zwsp = |s: &str| s.replace('\u{200b}', "");
    // Every name, in the phases table, renders as exactly itself.
    let text = run(GITHUB, "2021-06-20", &["phases"]);
    assert_no_bare_urls(&text);
    let cells = rendered_cells(&text);
    for name in &names {
        assert!(
            cells.iter().any(|c| zwsp(c) == *name),
            "{name:?} is not a cell of\n{text}"
        );
    }
    // The other reports and the document's table hold nothing else either.
    for (today, args) in [
        ("2021-06-20", &["status"][..]),
        ("2021-06-20", &["upcoming", "--within", "30d"][..]),
        ("2021-07-05", &["overdue"][..]),
    ] {
        let text = run(GITHUB, today, args);
        assert_no_bare_urls(&text);
        assert!(!rendered_cells(&text).is_empty());
    }
    let render = bin()
        .args(["-f", GITHUB, "--today", "2021-06-20", "render"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let render = String::from_utf8(render).unwrap();
    assert_no_bare_urls(&render);
    let cells = rendered_cells(&render);
    for name in &names {
        assert!(
            cells.iter().any(|c| zwsp(c) == *name),
            "{name:?} is not a cell of\n{render}"
        );
    }
}

#[test]
fn the_plain_text_checks_catch_each_kind() {
    let table = |cell: &str| format!("| a |\n| --- |\n| {cell} |\n");
    for raw in [
        "@octocat",
        "#12",
        "GH-7",
        ":tada:",
        "*em*",
        "`code`",
        "<b>",
        "[l](u)",
        "$x$",
        "~~s~~",
        "<https://e.org>",
    ] {
        let text = table(raw);
        let caught = std::panic::catch_unwind(|| rendered_cells(&text)).is_err();
        assert!(caught, "{raw}");
    }
    assert_eq!(rendered_cells(&table("\\&lt;")), ["a", "&lt;"]);
    let caught = std::panic::catch_unwind(|| assert_no_bare_urls("see https://e.org")).is_err();
    assert!(caught);
    let caught = std::panic::catch_unwind(|| assert_no_bare_urls("see WWW.e.org")).is_err();
    assert!(caught);
    assert_no_bare_urls("see https\\://e.org and www\\.e.org");
}
