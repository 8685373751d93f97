//! Markdown output of the reporting commands, for pasting into an issue or a chat: a bold heading
//! line, then GitHub-flavoured tables.
//!
//! Schedule text renders as plain text, as written, on a `CommonMark` renderer and on GitHub
//! ([`plain`] says how): control characters are made visible; every character of Markdown's
//! inline syntax, `|` (which would end a cell), `&` (an entity: `&lt;` stays `&lt;`) and `$`
//! (maths) is escaped with a backslash; and what GitHub would turn into a link, a mention, a
//! reference or an emoji is broken up so it stays text: the `:` of `://` and the `.` of `www.`
//! are escaped (no bare-URL links), and an invisible zero-width space (`&#8203;`) follows the
//! `@` of `@name` and of `a@b.org`, the `#` of `#12`, the `-` of `GH-12` and the first `:` of
//! `:tada:`. Commit hashes are left as written: GitHub links only those of its own repository.
//! The `render` table uses the same escaping.

use std::io::Write;

use chrono::NaiveDate;

use crate::engine::evaluate::{Current, Listing, Report, Tba, Upcoming};
use crate::engine::overdue::{Overdue, Overdues};
use crate::io::text::visible;
use crate::present::words;
use crate::present::{Docs, STATUS_OVERDUE_ROWS, View};
use crate::schedule::phase::Phase;

/// Writes a view as Markdown.
pub(crate) fn write(view: View, docs: &Docs, out: &mut dyn Write) -> std::io::Result<()> {
    match view {
        View::Status(r) => out.write_all(status(r, docs).as_bytes())?,
        View::Upcoming(r) => out.write_all(upcoming(r, docs).as_bytes())?,
        View::Overdue(list) => overdue(list, docs, out)?,
        View::Phases(listing) => phases(listing, docs, out)?,
    }
    match docs.footer() {
        Some(line) => out.write_all(format!("\n{line}").as_bytes()),
        None => Ok(()),
    }
}

/// With owners, a Who column after column `at`; with several documents, a Document column first.
fn columns<'h>(docs: &Docs, header: &[&'h str], at: usize) -> Vec<&'h str> {
    with_doc(docs, &docs.with_who(header.to_vec(), at, || "Who"))
}

/// A row's cells with `p`'s owners after cell `at` (see [`columns`]).
fn with_who(docs: &Docs, cells: Vec<String>, at: usize, p: &Phase) -> Vec<String> {
    docs.with_who(cells, at, || cell(&words::who(p)))
}

/// With several documents, a Document column first.
fn with_doc<'h>(docs: &Docs, header: &[&'h str]) -> Vec<&'h str> {
    let mut h = Vec::with_capacity(header.len() + 1);
    if docs.many() {
        h.push("Document");
    }
    h.extend_from_slice(header);
    h
}

/// The headline, then current, upcoming and overdue; long overdue lists show the most recent,
/// as the terminal table does.
fn status(r: &Report, docs: &Docs) -> String {
    let mut out = status_headline(r, docs);
    if !r.current.is_empty() {
        out.push_str(&format!(
            "\n**Current**\n\n{}",
            current_table(&r.current, docs, r.today)
        ));
    }
    out.push_str(&format!("\n**{}**\n\n", words::upcoming_title(r)));
    if r.upcoming.is_empty() {
        out.push_str("Nothing ahead.\n");
    } else {
        out.push_str(&upcoming_table(&r.upcoming, docs, r.today));
    }
    out.push_str(&tba_section(&r.tba, docs));
    out.push_str("\n**Overdue**\n\n");
    let shown = r.overdue.recent(STATUS_OVERDUE_ROWS);
    if shown.is_empty() {
        out.push_str("Nothing overdue.\n");
    } else {
        out.push_str(&table(
            &columns(docs, &OVERDUE_HEADER, 1),
            shown.iter().map(|o| overdue_row(o, docs, r.today)),
        ));
        let total = r.overdue.count();
        if total > shown.len() as u64 {
            out.push('\n');
            out.push_str(&words::more_overdue(total - shown.len() as u64, total));
        }
    }
    out
}

/// The status report's headline: its first line in bold, and with several documents a list
/// item for each.
pub(crate) fn status_headline(r: &Report, docs: &Docs) -> String {
    let (first, each) = headline(r, docs);
    let mut out = format!("**{first}**\n");
    if !each.is_empty() {
        out.push('\n');
        for line in each {
            out.push_str(&format!("- {line}\n"));
        }
    }
    out
}

fn upcoming(r: &Report, docs: &Docs) -> String {
    let mut out = format!("**{}**, as of {}\n\n", words::upcoming_title(r), r.today);
    if r.upcoming.is_empty() {
        out.push_str("Nothing ahead.\n");
    } else {
        out.push_str(&upcoming_table(&r.upcoming, docs, r.today));
    }
    out.push_str(&tba_section(&r.tba, docs));
    out
}

/// The events whose dates are to be announced, under their own heading; nothing when every
/// date is known.
fn tba_section(rows: &[Tba], docs: &Docs) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let body = rows.iter().map(|t| {
        let cells = vec![words::event(t.event).into(), cell(&t.phase.name)];
        docs.row(t.doc, cells, cell)
    });
    format!(
        "\n**{}**\n\n{}",
        words::TBA_TITLE,
        table(&with_doc(docs, &["Event", "Phase"]), body)
    )
}

/// Every overdue milestone, a row at a time as they are computed.
fn overdue(list: Overdues, docs: &Docs, out: &mut dyn Write) -> std::io::Result<()> {
    let today = list.today();
    write!(out, "**Overdue**, as of {today}\n\n")?;
    let mut rows = list.iter().peekable();
    if rows.peek().is_none() {
        return out.write_all(b"Nothing overdue.\n");
    }
    out.write_all(table(&columns(docs, &OVERDUE_HEADER, 1), std::iter::empty()).as_bytes())?;
    for o in rows {
        writeln!(out, "| {} |", overdue_row(&o, docs, today).join(" | "))?;
    }
    Ok(())
}

/// Every phase with its dates and its state on its document's today; with the listing's
/// `explain`, how each relative date was found. Written a row at a time, as computed.
fn phases(listing: Listing, docs: &Docs, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "**Phases**, as of {}\n", listing.today())?;
    let mut rows = listing.iter().peekable();
    if rows.peek().is_none() {
        return out.write_all(b"No phases.\n");
    }
    let header: &[&str] = if listing.explain {
        &["Phase", "Kind", "Dates", "State", "Derived"]
    } else {
        &["Phase", "Kind", "Dates", "State"]
    };
    let header = columns(docs, header, 0);
    write!(
        out,
        "| {} |\n|{}\n",
        header.join(" | "),
        " --- |".repeat(header.len())
    )?;
    let today = listing.today();
    for row in rows {
        let (kind, dates) = words::kind_and_dates(&row.phase, docs.today(row.doc, today));
        let mut cells = vec![
            cell(&row.phase.name),
            kind.into(),
            dates,
            row.state.as_str().into(),
        ];
        if listing.explain {
            cells.push(cell(&words::derivation(&row.derivations)));
        }
        let cells = with_who(docs, cells, 0, &row.phase);
        writeln!(out, "| {} |", docs.row(row.doc, cells, cell).join(" | "))?;
    }
    Ok(())
}

fn current_table(rows: &[Current], docs: &Docs, today: NaiveDate) -> String {
    let body = rows.iter().map(|c| {
        let progress = words::progress(c, docs.today(c.doc, today));
        let cells = vec![
            cell(&c.phase.name),
            c.start.map_or("-".to_string(), words::date),
            words::day(c.end),
            progress,
        ];
        docs.row(c.doc, with_who(docs, cells, 0, &c.phase), cell)
    });
    table(
        &columns(docs, &["Current phase", "From", "To", "Progress"], 0),
        body,
    )
}

fn upcoming_table(rows: &[Upcoming], docs: &Docs, today: NaiveDate) -> String {
    let body = rows.iter().map(|u| {
        let cells = vec![
            words::date(u.date),
            words::event(u.event).into(),
            cell(&u.phase.name),
            words::when(docs.today(u.doc, today), u.date),
        ];
        docs.row(u.doc, with_who(docs, cells, 2, &u.phase), cell)
    });
    table(&columns(docs, &["Date", "Event", "Phase", "When"], 2), body)
}

const OVERDUE_HEADER: [&str; 3] = ["Due", "Milestone", "Overdue"];

fn overdue_row(o: &Overdue, docs: &Docs, today: NaiveDate) -> Vec<String> {
    let cells = vec![
        words::date(o.due),
        cell(&o.phase.name),
        words::overdue_on(o.due, docs.today(o.doc, today)),
    ];
    docs.row(o.doc, with_who(docs, cells, 1, &o.phase), cell)
}

/// The same headline as the terminal's, with names escaped for Markdown: its first line, and
/// with several documents a line for each.
fn headline(r: &Report, docs: &Docs) -> (String, Vec<String>) {
    let escape = |r: &mut Report| {
        for c in &mut r.current {
            c.phase.name = cell(&c.phase.name);
        }
        for u in &mut r.upcoming {
            u.phase.name = cell(&u.phase.name);
        }
    };
    let mut escaped = r.clone();
    escape(&mut escaped);
    for each in &mut escaped.each {
        escape(each);
    }
    let mut docs = docs.clone();
    for name in &mut docs.names {
        *name = cell(name);
    }
    words::headline_parts(&escaped, &docs, None, "")
}

/// A GitHub-flavoured table of `rows`, whose cells are already Markdown ([`cell`]).
pub(crate) fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = format!("| {} |\n", header.join(" | "));
    out.push_str(&format!("|{}\n", " --- |".repeat(header.len())));
    for row in rows {
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out
}

/// Schedule text for a table cell: [`plain`] text.
pub(crate) fn cell(text: &str) -> String {
    plain(text)
}

/// The zero-width space that keeps GitHub from reading a mention, a reference or an emoji.
const BREAK: &str = "&#8203;";

/// Markdown that renders as `text` and as nothing else: see the module's documentation.
pub(crate) fn plain(text: &str) -> String {
    // Every `[` is escaped below, so `##[` cannot stay a log command: controls only here.
    let text = visible(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let word = |c: char| c.is_alphanumeric() || c == '_';
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if matches!(
            c,
            '\\' | '|' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '&' | '$'
        ) {
            out.push('\\');
        }
        // `https://`: the colon escaped, so no bare URL becomes a link.
        if c == ':' && chars[i + 1..].starts_with(&['/', '/']) {
            out.push('\\');
        }
        // `www.`, in any case.
        if c == '.'
            && i >= 3
            && chars[i - 3..i].iter().all(|w| w.eq_ignore_ascii_case(&'w'))
            && (i == 3 || !word(chars[i - 4]))
        {
            out.push('\\');
        }
        out.push(c);
        let breaks = match c {
            // `@name`, `@org/team`, `a@b.org`.
            '@' => next.is_some_and(|n| n.is_ascii_alphanumeric()),
            // `#12`, `org/repo#12`.
            '#' => next.is_some_and(|n| n.is_ascii_digit()),
            // `GH-12`.
            '-' => {
                i >= 2
                    && chars[i - 2..i]
                        .iter()
                        .collect::<String>()
                        .eq_ignore_ascii_case("gh")
                    && (i == 2 || !word(chars[i - 3]))
                    && next.is_some_and(|n| n.is_ascii_digit())
            }
            // `:tada:`, `:+1:`.
            ':' => shortcode_follows(&chars[i + 1..]),
            _ => false,
        };
        if breaks {
            out.push_str(BREAK);
        }
    }
    out
}

/// True when `rest` starts with an emoji shortcode's name and its closing `:`.
fn shortcode_follows(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-'))
        .count();
    name > 0 && rest.get(name) == Some(&':')
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_inert_and_escaped() {
        let cases = [
            ("2021 Q2 revision published", "2021 Q2 revision published"),
            ("a | b", "a \\| b"),
            ("C:\\docs", "C:\\\\docs"),
            ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
            ("[x](http://e)", "\\[x\\](http\\://e)"),
            ("<script>", "\\<script\\>"),
            ("two\nlines", "two lines"),
            ("esc\u{1b}[31m", "esc\\\\u{1b}\\[31m"),
        ];
        for (input, want) in cases {
            assert_eq!(cell(input), want, "{input:?}");
        }
    }

    #[test]
    fn nothing_becomes_a_link_a_mention_or_maths() {
        let z = "&#8203;";
        let cases = [
            ("see https://e.org/x", "see https\\://e.org/x".to_string()),
            ("www.e.org, WWW.E.ORG", "www\\.e.org, WWW\\.E.ORG".into()),
            ("awww.e and www", "awww.e and www".into()),
            ("@octocat, @org/team", format!("@{z}octocat, @{z}org/team")),
            ("mail a@b.org", format!("mail a@{z}b.org")),
            ("an @ alone", "an @ alone".into()),
            (
                "#12, org/repo#3, GH-7",
                format!("#{z}12, org/repo#{z}3, GH-{z}7"),
            ),
            ("# 1, #x, AGH-7, gh-x", "# 1, #x, AGH-7, gh-x".into()),
            (":tada: :+1:", format!(":{z}tada: :{z}+1:")),
            ("::error::x, 12: 30", format!("::{z}error::x, 12: 30")),
            ("&lt; &amp;", "\\&lt; \\&amp;".into()),
            ("$x^2$ $$y$$", "\\$x^2\\$ \\$\\$y\\$\\$".into()),
        ];
        for (input, want) in cases {
            assert_eq!(cell(input), want, "{input:?}");
        }
    }
}
