//! `timeline`: the picture is pinned by snapshots for the seed at a few dates, and checked for
//! what must hold at any size: the width, the marks, colour only when asked for.

use unicode_width::UnicodeWidthStr;

use crate::common::bin;

const SEED: &str = repo!("tests/fixtures/export/seed.toml");
const TRICKY: &str = repo!("tests/fixtures/export/tricky.toml");
const YEAR: [&str; 4] = ["--from", "2021-01-01", "--to", "2021-12-31"];

fn run_env(file: &str, today: &str, args: &[&str], columns: Option<&str>) -> String {
    let mut c = bin();
    c.args(["-f", file, "--today", today, "timeline"])
        .args(args);
    if let Some(w) = columns {
        c.env("COLUMNS", w);
    }
    let out = c.assert().success().get_output().stdout.clone();
    String::from_utf8(out).unwrap()
}

fn run(file: &str, today: &str, args: &[&str]) -> String {
    run_env(file, today, args, None)
}

fn assert_fits(text: &str, width: usize) {
    for line in text.lines() {
        assert!(line.width() <= width, "{} columns: {line:?}", line.width());
        assert!(!line.ends_with(' '), "trailing space: {line:?}");
    }
}

/// The row of the phase whose label starts with `name`.
fn row<'a>(text: &'a str, name: &str) -> &'a str {
    text.lines()
        .find(|l| l.starts_with(name))
        .unwrap_or_else(|| panic!("{name} in\n{text}"))
}

#[test]
fn the_seeds_2021_at_a_glance_in_80_columns() {
    let text = run(SEED, "2021-06-20", &YEAR);
    assert_fits(&text, 80);
    assert!(!text.contains('\u{1b}'), "no colour when piped");
    // Every phase has a row; the state of each milestone shows in its glyph.
    assert_eq!(text.lines().filter(|l| l.starts_with("2021 Q")).count(), 7);
    assert!(
        row(&text, "2021 Q1 revision published").contains('✗'),
        "overdue"
    );
    assert!(
        row(&text, "2021 Q4 revision published").contains('◆'),
        "upcoming"
    );
    assert!(
        row(&text, "Drafting").contains("◂━"),
        "no start: from earlier"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn ascii_draws_the_same_picture_in_plain_ascii() {
    let unicode = run(SEED, "2021-06-20", &YEAR);
    let ascii = run(SEED, "2021-06-20", &[&YEAR[..], &["--ascii"]].concat());
    assert!(ascii.is_ascii(), "{ascii}");
    assert_eq!(unicode.lines().count(), ascii.lines().count());
    for (u, a) in unicode.lines().zip(ascii.lines()) {
        // Same columns, except where "…" became "...".
        if !u.contains('…') {
            assert_eq!(u.chars().count(), a.chars().count(), "{u}\n{a}");
        }
    }
    insta::assert_snapshot!(ascii);
}

#[test]
fn milestones_done_overdue_and_upcoming_differ_without_colour() {
    let text = run(
        TRICKY,
        "2021-06-20",
        &["--from", "2021-05-25", "--to", "2021-06-25"],
    );
    assert!(
        row(&text, "Ship the very long").contains('✓'),
        "done\n{text}"
    );
    assert!(row(&text, "Late report").contains('✗'), "overdue\n{text}");
    let earlier = run(
        TRICKY,
        "2021-06-12",
        &["--from", "2021-05-25", "--to", "2021-06-25"],
    );
    assert!(
        row(&earlier, "Ship the very long").contains('◆'),
        "not done yet\n{earlier}"
    );
    let legend = text.lines().rev().find(|l| l.contains("today")).unwrap();
    for item in [
        "▼ today 2021-06-20",
        "━ window",
        "✓ done",
        "✗ overdue",
        "◂ from earlier",
    ] {
        assert!(text.contains(item), "{item} in {legend}");
    }
    let ascii = run(
        TRICKY,
        "2021-06-20",
        &["--from", "2021-05-25", "--to", "2021-06-25", "--ascii"],
    );
    assert!(row(&ascii, "Ship the very long").contains('x'));
    assert!(row(&ascii, "Late report").contains('!'));
}

#[test]
fn today_is_marked_in_its_column_on_every_row() {
    let text = run(SEED, "2021-06-20", &YEAR);
    let axis = text.lines().find(|l| l.contains('▼')).unwrap();
    let col = axis.chars().position(|c| c == '▼').unwrap();
    for line in text
        .lines()
        .filter(|l| l.starts_with("2021 Q") || l.starts_with("Drafting"))
    {
        let c = line.chars().nth(col);
        // The line for today, or the bar of the window that holds today.
        assert!(matches!(c, Some('│' | '━')), "{c:?} in {line:?}");
    }
    assert!(row(&text, "2021 Q2 revision process").chars().nth(col) == Some('━'));
}

#[test]
fn long_names_are_cut_with_an_ellipsis() {
    let text = run(
        TRICKY,
        "2021-06-12",
        &["--from", "2021-05-25", "--to", "2021-06-25"],
    );
    assert_fits(&text, 80);
    assert!(row(&text, "Ship the very long").contains("…"), "{text}");
    // Schedule text is made inert: a name cannot carry control characters into the terminal.
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    insta::assert_snapshot!(text);
}

#[test]
fn fits_the_width_it_is_given() {
    for width in ["20", "40", "60", "100", "200"] {
        let text = run_env(SEED, "2021-06-20", &YEAR, Some(width));
        assert_fits(&text, width.parse().unwrap());
        // The header, then one row per phase up to the blank line before the legend.
        let rows = text
            .lines()
            .skip_while(|l| !l.starts_with("Dra"))
            .take_while(|l| !l.is_empty());
        assert_eq!(rows.count(), 8, "{text}");
    }
    insta::assert_snapshot!("width_60", run_env(SEED, "2021-06-20", &YEAR, Some("60")));
    insta::assert_snapshot!("width_120", run_env(SEED, "2021-06-20", &YEAR, Some("120")));
}

#[test]
fn defaults_to_a_year_around_today() {
    let text = run(SEED, "2021-06-20", &[]);
    assert_fits(&text, 80);
    assert!(text.contains("2021-03-01 - 2022-02-28"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn other_days_of_the_seed() {
    // Before anything is due, and after the last revision.
    insta::assert_snapshot!("seed_2021_02_01", run(SEED, "2021-02-01", &YEAR));
    insta::assert_snapshot!("seed_2021_12_20", run(SEED, "2021-12-20", &YEAR));
}

#[test]
fn phases_outside_the_range_are_counted() {
    let text = run(
        SEED,
        "2021-06-20",
        &["--from", "2021-06-01", "--to", "2021-07-31"],
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("2021 Q2")).count(),
        2,
        "{text}"
    );
    assert!(
        text.ends_with("6 phases outside 2021-06-01 - 2021-07-31 not shown.\n"),
        "{text}"
    );
    let none = run(
        SEED,
        "2021-06-20",
        &["--from", "2022-06-01", "--to", "2022-07-31"],
    );
    assert_eq!(
        none,
        "No phases between 2022-06-01 and 2022-07-31.\n8 phases outside 2022-06-01 - 2022-07-31 not shown.\n"
    );
}

#[test]
fn colour_only_when_asked_for() {
    let always = run(
        SEED,
        "2021-06-20",
        &[&YEAR[..], &["--color", "always"]].concat(),
    );
    assert!(always.contains("\u{1b}["), "{always}");
    let plain: String = strip_ansi(&always);
    assert_eq!(
        plain,
        run(SEED, "2021-06-20", &YEAR),
        "colour adds nothing but escapes"
    );
}

fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn a_bad_range_exits_2() {
    bin()
        .args([
            "-f",
            SEED,
            "--today",
            "2021-06-20",
            "timeline",
            "--from",
            "2021-06-01",
            "--to",
            "2021-05-01",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--to 2021-05-01 is before --from 2021-06-01",
        ));
}

#[test]
fn the_footer_fits_a_narrow_terminal() {
    // Issue 10, item 21: at 20 columns the line counting hidden phases was 51 columns wide.
    for (range, ascii) in [
        (["--from", "2021-06-01", "--to", "2021-07-31"], false),
        (["--from", "2022-06-01", "--to", "2022-07-31"], false),
        (["--from", "2021-06-21", "--to", "2021-07-01"], true),
    ] {
        let mut args = range.to_vec();
        if ascii {
            args.push("--ascii");
        }
        for width in ["20", "30"] {
            let text = run_env(SEED, "2021-06-20", &args, Some(width));
            assert_fits(&text, width.parse().unwrap());
            // Wrapped, not cut: every date of the footer is there whole.
            let words: Vec<&str> = text.split_whitespace().collect();
            assert!(
                words.contains(&range[1]) && words.contains(&range[3]),
                "{text}"
            );
        }
    }
    let text = run_env(
        SEED,
        "2021-06-20",
        &["--from", "2021-06-01", "--to", "2021-07-31"],
        Some("20"),
    );
    assert!(
        text.ends_with("6 phases outside\n2021-06-01 -\n2021-07-31 not\nshown.\n"),
        "{text}"
    );
    // The legend's items too: today outside the range is said in full.
    let text = run_env(
        SEED,
        "2021-06-20",
        &["--from", "2021-06-21", "--to", "2021-07-01"],
        Some("20"),
    );
    assert!(text.contains("\ntoday 2021-06-20\n(outside)\n"), "{text}");
}
