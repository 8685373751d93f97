//! Text from a schedule file, or a path, made harmless for a terminal or a CI log: [`inert`]
//! for text anywhere in a line, [`inert_line_start`] for text that may begin one,
//! [`shell_word`] for a word of a command to copy into a shell, and [`unbrace`] for text an
//! mdBook preprocessor writes into a chapter. This module holds the rules; every output goes
//! through them ([`visible`] and [`defuse`] for the formats that escape in their own way: JSON,
//! iCalendar, Markdown).
//!
//! What a CI log reads as a command, and so what is broken here:
//! - anywhere in a line, `##` then letters then `[`: GitHub Actions' legacy `##[command]`,
//!   Azure Pipelines' `##vso[...]` and `##[group]`-style formatting, `TeamCity`'s
//!   `##teamcity[...]` service messages;
//! - at the start of a line (spaces aside): GitHub Actions' `::command::`, and Buildkite's
//!   `---`, `+++`, `~~~` and `^^^ +++` group markers;
//! - control characters anywhere: the escape sequences of terminals, GitLab's and Travis's
//!   section markers (which need an escape or a carriage return), bidi overrides.

use std::borrow::Cow;

/// [`visible`], then [`defuse`] with a visible `\[`: text that neither acts on a terminal nor
/// reads as a command anywhere in a CI log's line.
pub(crate) fn inert(text: &str) -> Cow<'_, str> {
    match visible(text) {
        Cow::Borrowed(t) => defuse(t, "\\["),
        Cow::Owned(t) => Cow::Owned(defuse(&t, "\\[").into_owned()),
    }
}

/// Replaces control characters (escape, bell, carriage return, C1 controls, bidi overrides) with
/// a visible `\u{..}` form, and tabs and newlines with a space, so text never acts on a terminal.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_care) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' | '\n' => out.push(' '),
            c if needs_care(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `text` with the `[` of every `##`, letters, `[` (`##[error]`, `##vso[task.setvariable]`,
/// `##teamcity[message]`) replaced by `bracket`: a form of `[` the output's format shows as one,
/// or a visible escape. A CI log then sees no command, and a reader sees the same text.
pub(crate) fn defuse<'a>(text: &'a str, bracket: &str) -> Cow<'a, str> {
    if !text.contains("##") {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(at) = text[i..].find("##") {
        let mut j = i + at + 2;
        while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
            j += 1;
        }
        if bytes.get(j) == Some(&b'[') {
            out.push_str(&text[copied..j]);
            out.push_str(bracket);
            copied = j + 1;
        }
        // `###[` holds `##[` from its second `#`.
        i = i + at + 1;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// Longest text a table or headline shows of a name; JSON keeps names whole.
pub(crate) const SHOWN_CHARS: usize = 200;

/// [`inert`] text cut to [`SHOWN_CHARS`] characters, ending in `…` when cut: a name of 100,000
/// characters made a table of 130,000 lines that took 15 s to wrap in a 20-column terminal.
pub(crate) fn inert_short(text: &str) -> String {
    let safe = inert(text);
    match safe.char_indices().nth(SHOWN_CHARS) {
        Some((i, _)) => format!("{}…", &safe[..i]),
        None => safe.into_owned(),
    }
}

/// [`inert`] for text that may start a line: a leading `::` (a GitHub Actions workflow command)
/// or Buildkite group marker gets a visible backslash before it.
pub(crate) fn inert_line_start(text: &str) -> Cow<'_, str> {
    let safe = inert(text);
    if starts_a_command(&safe) {
        Cow::Owned(format!("\\{safe}"))
    } else {
        safe
    }
}

/// Whether a line that begins with `text` is read as a command by a CI log.
pub(crate) fn starts_a_command(text: &str) -> bool {
    let t = text.trim_start();
    ["::", "---", "+++", "~~~", "^^^"]
        .iter()
        .any(|p| t.starts_with(p))
}

fn needs_care(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The bidi embeddings, overrides and isolates, which can make text read differently on screen.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text as one word of a POSIX shell command: as it is when every character is one no shell
/// reads specially, else in single quotes (a `'` inside becomes `'\''`). `=` is quoted too:
/// zsh expands a word that starts with it.
pub(crate) fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./,:+@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text.to_string();
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// `text` with every `{` that follows a `{` replaced by `brace`, a form of `{` the output's
/// format shows as one: no `{{` is left. What an mdBook preprocessor writes into a chapter is
/// read again by the preprocessors after it, and mdBook's own reads `{{#include FILE}}` as
/// "put FILE's text here" and `{{#title X}}` as the page's title.
pub(crate) fn unbrace<'a>(text: &'a str, brace: &str) -> Cow<'a, str> {
    if !text.contains("{{") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut after_brace = false;
    for c in text.chars() {
        if c == '{' && after_brace {
            out.push_str(brace);
        } else {
            out.push(c);
        }
        after_brace = c == '{';
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::{inert, inert_line_start, shell_word};

    #[test]
    fn no_double_brace_is_left() {
        use super::unbrace;
        let cases = [
            ("a {b} c", "a {b} c"),
            ("{{#include x}}", "{\\{#include x}}"),
            ("{{{", "{\\{\\{"),
            ("\\{{#title t}}", "\\{\\{#title t}}"),
            ("{ {", "{ {"),
        ];
        for (text, want) in cases {
            assert_eq!(unbrace(text, "\\{"), want, "{text:?}");
            assert!(!unbrace(text, "&#123;").contains("{{"), "{text:?}");
        }
    }

    #[test]
    fn words_are_quoted_for_a_shell() {
        let cases = [
            ("a/b.toml", "a/b.toml"),
            ("/abs/path,x:y+z@1%", "/abs/path,x:y+z@1%"),
            ("2021 Q2 x", "'2021 Q2 x'"),
            ("it's", "'it'\\''s'"),
            ("=x", "'=x'"),
            (
                "$HOME/`x`;rm -rf ~|*?[a]{b}<c>&!#=\"\\.md",
                "'$HOME/`x`;rm -rf ~|*?[a]{b}<c>&!#=\"\\.md'",
            ),
            ("", "''"),
        ];
        for (text, want) in cases {
            assert_eq!(shell_word(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_line_never_starts_a_workflow_command() {
        assert_eq!(inert_line_start("::error::x"), "\\::error::x");
        assert_eq!(inert_line_start(" \n::warning::x"), "\\  ::warning::x");
        assert_eq!(inert_line_start("a::b"), "a::b");
        assert_eq!(inert_line_start("--- group"), "\\--- group");
        assert_eq!(inert_line_start("a --- b"), "a --- b");
    }

    #[test]
    fn log_commands_anywhere_in_a_line_are_broken() {
        use super::defuse;
        let cases = [
            ("plain", "plain"),
            (
                "Policy ##[stop-commands]zz9",
                "Policy ##\\[stop-commands]zz9",
            ),
            ("##vso[task.setvariable]x", "##vso\\[task.setvariable]x"),
            (
                "a ##teamcity[message 'x'] b",
                "a ##teamcity\\[message 'x'] b",
            ),
            ("###[error]", "###\\[error]"),
            ("##[a]##[b]", "##\\[a]##\\[b]"),
            ("## [not] #[one] ##1[no]", "## [not] #[one] ##1[no]"),
            ("ends with ##", "ends with ##"),
            ("é##[x]", "é##\\[x]"),
        ];
        for (text, want) in cases {
            assert_eq!(inert(text), want, "{text:?}");
        }
        assert_eq!(defuse("##[x]", "\\u005b"), "##\\u005bx]");
    }

    #[test]
    fn long_text_is_cut_after_escaping() {
        use super::{SHOWN_CHARS, inert_short};
        assert_eq!(inert_short("short"), "short");
        let long = "é".repeat(100_000);
        let shown = inert_short(&long);
        assert_eq!(shown.chars().count(), SHOWN_CHARS + 1);
        assert!(shown.ends_with("é…"));
        let escapes = "\u{1b}".repeat(1_000);
        assert!(inert_short(&escapes).starts_with("\\u{1b}\\u{1b}"));
        assert_eq!(inert_short(&escapes).chars().count(), SHOWN_CHARS + 1);
    }

    #[test]
    fn control_characters_become_visible() {
        let cases = [
            ("plain", "plain"),
            ("a\u{1b}[31mred", "a\\u{1b}[31mred"),
            ("bell\u{7}", "bell\\u{7}"),
            ("over\rwrite", "over\\u{d}write"),
            ("two\nlines\tx", "two lines x"),
            ("nul\0", "nul\\u{0}"),
            ("c1\u{9b}31m", "c1\\u{9b}31m"),
            ("bidi\u{202e}x", "bidi\\u{202e}x"),
            ("ünïcode ok", "ünïcode ok"),
        ];
        for (input, want) in cases {
            assert_eq!(inert(input), want, "{input:?}");
        }
    }
}
