//! The man pages: `man --dir` writes one per command and the program's own, each with the
//! sections a man page has, every page one refers to among them; `man [COMMAND]` prints one.
//! Where mandoc and groff are installed (`.ci/run` installs mandoc), every page lints clean and
//! reads as a man page; `scripts/man-check.sh` does the same for CI.

use std::collections::BTreeSet;
use std::path::Path;

use crate::common::{bin, fails, ok};
use crate::completions::listed;

/// The page of every command `--help` lists, `export`'s kinds included, and the program's own.
fn expected() -> BTreeSet<String> {
    let mut pages = BTreeSet::from(["vision-sched".to_string()]);
    for command in listed(&[]) {
        for sub in listed(&[command.as_str()]) {
            pages.insert(format!("vision-sched-{command}-{sub}"));
        }
        pages.insert(format!("vision-sched-{command}"));
    }
    assert!(
        pages.contains("vision-sched-export-ics") && pages.len() >= 18,
        "{pages:?}"
    );
    pages
}

const SECTIONS: &[&str] = &[
    "NAME",
    "SYNOPSIS",
    "DESCRIPTION",
    "OPTIONS",
    "EXIT STATUS",
    "ENVIRONMENT",
    "FILES",
    "EXAMPLES",
    "SEE ALSO",
];

/// A fixed date for the pages (2021-06-20), so two runs write the same bytes.
const EPOCH: &str = "1624147200";

/// Every page as `man --dir` writes it into a folder it has to create, by name.
fn written() -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("share/man/man1");
    let out = bin()
        .args(["man", "--dir"])
        .arg(&into)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap();
    assert_eq!(ok(&out), "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "wrote {} man pages into {}\n",
            expected().len(),
            into.display()
        )
    );
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(&into).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        let name = name.strip_suffix(".1").unwrap_or_else(|| panic!("{name}"));
        pages.push((name.to_string(), std::fs::read_to_string(&path).unwrap()));
    }
    pages.sort();
    (dir, pages)
}

/// The `.SH` headings of a page, in order.
fn sections(page: &str) -> Vec<String> {
    page.lines()
        .filter_map(|l| l.strip_prefix(".SH "))
        .map(|s| s.trim_matches('"').to_string())
        .collect()
}

/// The names of the `vision-sched` pages a page refers to, as `NAME(1)` or `.BR NAME (1)`.
fn references(page: &str) -> BTreeSet<String> {
    let text = page.replace("\\-", "-");
    let mut found = BTreeSet::new();
    for (at, _) in text.match_indices("vision-sched") {
        let rest = &text[at..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        let after = rest[name.len()..].trim_start_matches(' ');
        if after.starts_with("(1)") {
            found.insert(name.trim_end_matches('-').to_string());
        }
    }
    found
}

/// The text of one section.
fn section<'a>(page: &'a str, heading: &str) -> &'a str {
    let start = page
        .find(&format!(".SH {heading}\n"))
        .or_else(|| page.find(&format!(".SH \"{heading}\"\n")))
        .unwrap_or_else(|| panic!("no {heading}"));
    let rest = &page[start + 4..];
    &rest[..rest.find("\n.SH ").unwrap_or(rest.len())]
}

#[test]
fn man_dir_writes_a_page_per_command_each_with_every_section() {
    let (_dir, pages) = written();
    let names: BTreeSet<String> = pages.iter().map(|(n, _)| n.clone()).collect();
    let want = expected();
    assert_eq!(names, want);
    for (name, page) in &pages {
        let have = sections(page);
        for want in SECTIONS {
            assert!(
                have.iter().any(|h| h == want),
                "{name}: no {want} in {have:?}"
            );
        }
        assert!(
            page.contains(&format!(".TH {} 1 2021-06-20 ", name.to_uppercase())),
            "{name}"
        );
        // Every page it refers to is written, and a command's page leads back to the top.
        for reference in references(page) {
            assert!(
                names.contains(reference.as_str()),
                "{name} refers to {reference}(1)"
            );
        }
        if name != "vision-sched" {
            assert!(
                section(page, "SEE ALSO").contains(".BR vision\\-sched (1)"),
                "{name}"
            );
        }
    }
    // The program's page leads to every command's.
    let top = &pages.iter().find(|(n, _)| n == "vision-sched").unwrap().1;
    let see_also = references(section(top, "SEE ALSO"));
    let commands: BTreeSet<String> = listed(&[])
        .iter()
        .map(|c| format!("vision-sched-{c}"))
        .collect();
    assert_eq!(see_also, commands);
}

/// Each page shows its command's options, none that it refuses, and no hidden alias.
#[test]
fn each_page_shows_what_its_command_takes() {
    let (_dir, pages) = written();
    let page = |name: &str| {
        let options = section(&pages.iter().find(|(n, _)| n == name).unwrap().1, "OPTIONS");
        options.replace("\\-", "-")
    };
    let check = page("vision-sched-check");
    for option in [
        "--fail-within",
        "--page",
        "--svg",
        "--quiet",
        "--schedule",
        "--today",
    ] {
        assert!(check.contains(&format!("{option}\\fR")), "check: {option}");
    }
    assert!(!check.contains("--doc\\fR"), "check shows its hidden --doc");
    // An older name is not an option of its own, but its page says what it is now.
    for (name, older, now) in [
        ("vision-sched-check", "--doc", "--page"),
        ("vision-sched-remind", "--within", "--warn"),
        ("vision-sched-reschedule", "--to", "--date"),
    ] {
        let page = &pages.iter().find(|(n, _)| n == name).unwrap().1;
        let description = section(page, "DESCRIPTION").replace("\\-", "-");
        assert!(
            description.contains(&format!("{older} is an older name for {now}, still taken.")),
            "{name}: {description}"
        );
    }
    assert!(!page("vision-sched-remind").contains("--within\\fR"));
    assert!(!page("vision-sched-reschedule").contains("--to\\fR"));
    let init = page("vision-sched-init");
    assert!(init.contains("--today\\fR"));
    for name in [
        "vision-sched-init",
        "vision-sched-schema",
        "vision-sched-completions",
        "vision-sched-man",
    ] {
        let options = page(name);
        for refused in ["--schedule", "--document", "--color"] {
            assert!(!options.contains(refused), "{name} shows {refused}");
        }
    }
    assert!(!page("vision-sched-schema").contains("--today"));
    // Check's own exit status, and the variable only it reads.
    let check_page = &pages
        .iter()
        .find(|(n, _)| n == "vision-sched-check")
        .unwrap()
        .1;
    assert!(section(check_page, "EXIT STATUS").contains("\\fB1\\fR"));
    assert!(section(check_page, "ENVIRONMENT").contains("GITHUB_ACTIONS"));
}

/// `man` prints the program's page, `man COMMAND` a command's: the pages `--dir` writes.
#[test]
fn man_prints_the_page_asked_for() {
    let (_dir, pages) = written();
    let page = |name: &str| pages.iter().find(|(n, _)| n == name).unwrap().1.clone();
    for (args, name) in [
        (&[][..], "vision-sched"),
        (&["check"][..], "vision-sched-check"),
        (&["export", "ics"][..], "vision-sched-export-ics"),
    ] {
        let out = bin()
            .arg("man")
            .args(args)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .output()
            .unwrap();
        assert_eq!(ok(&out), page(name), "{args:?}");
    }
    let err = fails(&bin().args(["man", "stat"]).output().unwrap());
    assert!(
        err.starts_with("error: no man page for `stat`: there is one for each command, status,"),
        "{err}"
    );
    assert!(err.contains("export ics"), "{err}");
    let err = fails(&bin().args(["man", "check", "--dir", "x"]).output().unwrap());
    assert!(err.contains("cannot be used with"), "{err}");
}

/// `man --dir` replaces the pages it wrote before, and leaves other files alone; a DIR that is
/// a file is refused.
#[test]
fn man_dir_replaces_its_pages_only() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("vision-sched-check.1");
    let other = dir.path().join("other.1");
    std::fs::write(&page, "old").unwrap();
    std::fs::write(&other, "mine").unwrap();
    let out = bin()
        .args(["man", "--dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    ok(&out);
    assert!(
        std::fs::read_to_string(&page)
            .unwrap()
            .contains(".SH \"EXIT STATUS\"")
    );
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "mine");
    let err = fails(&bin().args(["man", "--dir"]).arg(&other).output().unwrap());
    assert!(err.contains("other.1"), "{err}");
}

/// The program `name` when it is installed; otherwise a note, for `.ci/run` installs it.
fn installed(name: &str) -> bool {
    let found = std::process::Command::new(name)
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        crate::completions::skipped(&format!(
            "no {name} here; .ci/run installs it (mandoc, groff-base)"
        ));
    }
    found
}

/// mandoc's lint finds nothing to warn of in any page, and groff none either; the program's page
/// reads as a man page.
#[test]
fn every_page_lints_clean() {
    let (dir, pages) = written();
    let into = dir.path().join("share/man/man1");
    let file = |name: &str| into.join(format!("{name}.1"));
    if installed("mandoc") {
        for (name, _) in &pages {
            let out = formatter("mandoc")
                .args(["-T", "lint", "-W", "warning"])
                .arg(file(name))
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success() && said.is_empty(), "{name}: {said}");
        }
        let text = render(&["mandoc", "-T", "utf8"], &file("vision-sched"));
        assert!(
            text.contains("NAME vision-sched - Keeps a living document on its revision schedule"),
            "{text}"
        );
    }
    if installed("groff") {
        for (name, _) in &pages {
            let text = render(&["groff", "-man", "-Tutf8", "-P-cbou", "-ww"], &file(name));
            assert!(
                text.starts_with(&format!("{}(1) ", name.to_uppercase())),
                "{text}"
            );
            assert!(text.contains("EXIT STATUS"), "{name}");
        }
    }
}

/// `program` with nothing from the environment but `PATH`, so the developer's `MANWIDTH`,
/// `COLUMNS` or locale change nothing.
fn formatter(program: &str) -> std::process::Command {
    let mut c = std::process::Command::new(program);
    c.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    c
}

/// The page as plain words, from a formatter that must say nothing on stderr.
fn render(command: &[&str], file: &Path) -> String {
    let out = formatter(command[0])
        .args(&command[1..])
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{command:?} {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // mandoc's utf8 output overstrikes bold and underlined letters.
    let plain: String = {
        let mut s = String::new();
        for c in text.chars() {
            if c == '\u{8}' {
                s.pop();
            } else {
                s.push(c);
            }
        }
        s
    };
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}
