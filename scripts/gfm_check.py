"""Checks that vision-sched's Markdown renders names as plain text on GitHub's renderer.

Also checks that the Mermaid chart (`render --format mermaid`) is one fenced `mermaid` code block
holding exactly its lines, whatever the names hold.

Run by scripts/gfm-check.sh, which installs cmarkgfm: `gfm_check.py BINARY`. Exit 0 when every
output passes, 1 with the failures listed otherwise.
"""

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

FIXTURE = "tests/fixtures/export/github.toml"
TODAY = "2021-06-20"

# What GitHub itself links in rendered text, after cmark-gfm: mentions, references, emoji.
GITHUB_FILTERS = [
    ("a mention or an email", re.compile(r"@[A-Za-z0-9]")),
    ("an issue reference", re.compile(r"#[0-9]")),
    ("a GH- reference", re.compile(r"(?i)\bgh-[0-9]")),
    ("an emoji", re.compile(r":[A-Za-z0-9_+-]+:")),
]
# The only elements a report's Markdown may render to.
ALLOWED = {"table", "thead", "tbody", "tr", "th", "td", "p", "strong"}


class Cells(HTMLParser):
    def __init__(self, allowed=ALLOWED):
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.cells = []
        self.texts = []
        self.problems = []
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag not in self.allowed:
            self.problems.append(f"<{tag}> element")
        if tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.cells.append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        self.texts.append(data)
        if self.cell is not None:
            self.cell += data

    def handle_comment(self, data):
        self.problems.append(f"an HTML comment <!--{data}-->")


# Nothing of the developer's environment (a config file, NO_COLOR, VISION_SCHED_*) reaches the
# runs: a home and a config folder of their own.
SANDBOX = tempfile.mkdtemp(prefix="vision-sched-gfm-")
atexit.register(shutil.rmtree, SANDBOX, ignore_errors=True)
ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "HOME": SANDBOX,
    "XDG_CONFIG_HOME": SANDBOX,
    "TZ": "UTC",
}


def run(binary, *args, today=TODAY):
    out = subprocess.run(
        [binary, "-f", FIXTURE, "--today", today, "--color", "never", *args],
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    )
    return out.stdout


def summary(binary):
    """The job summary of `check --github-summary`, of a check that fails on the fixture."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "summary.md")
        args = ["check", "--fail-within", "36525d", "--format", "json", "--github-summary", path]
        subprocess.run(
            [binary, "-f", FIXTURE, "--today", TODAY, "--color", "never", *args],
            capture_output=True,
            env=ENV,
        )
        with open(path, encoding="utf-8") as f:
            return f.read()


def check(what, markdown, names=None, allowed=ALLOWED):
    problems = []
    # GitHub's maths needs an unescaped `$`; cmark-gfm itself has no maths.
    if re.search(r"(?<!\\)\$", markdown):
        problems.append("an unescaped $ (maths on GitHub)")
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    parser = Cells(allowed)
    parser.feed(html)
    problems += parser.problems
    for text in parser.texts:
        for why, pattern in GITHUB_FILTERS:
            if pattern.search(text):
                problems.append(f"{why} in {text!r}")
    for name in names or []:
        if not any(cell.replace("\u200b", "") == name for cell in parser.cells):
            problems.append(f"{name!r} does not render as itself")
    for p in problems:
        print(f"gfm-check: {what}: {p}", file=sys.stderr)
    return not problems


class Fences(HTMLParser):
    """The text of every code block, and every other element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.others = []
        self.code = None
        self.lang = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "pre":
            # cmark-gfm writes the info string as GitHub does, `<pre lang="mermaid">`.
            self.lang = attrs.get("lang")
        elif tag == "code" and self.code is None:
            self.code = ""
            self.blocks.append(self.lang or attrs.get("class", "").removeprefix("language-"))
        else:
            self.others.append(tag)

    def handle_endtag(self, tag):
        if tag == "code" and self.code is not None:
            self.blocks[-1] = (self.blocks[-1], self.code)
            self.code = None

    def handle_data(self, data):
        if self.code is not None:
            self.code += data


def check_fence(binary, fixture):
    """`render --format mermaid` is one `mermaid` code block holding exactly its lines."""
    out = subprocess.run(
        [binary, "-f", fixture, "--today", TODAY, "render", "--format", "mermaid"],
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    ).stdout
    parser = Fences()
    parser.feed(cmarkgfm.github_flavored_markdown_to_html(out, options=Options.CMARK_OPT_UNSAFE))
    inner = "".join(out.splitlines(keepends=True)[1:-1])
    problems = []
    if parser.blocks != [("mermaid", inner)] or parser.others:
        problems.append(f"not one mermaid block: {parser.blocks!r} {parser.others!r}")
    for p in problems:
        print(f"gfm-check: render --format mermaid -f {fixture}: {p}", file=sys.stderr)
    return not problems


def main():
    binary = os.path.abspath(sys.argv[1])
    fences = [check_fence(binary, f) for f in (FIXTURE, "tests/fixtures/pictures/hostile.toml")]
    phases = json.loads(run(binary, "phases", "--format", "json"))["phases"]
    names = [p["name"] for p in phases]
    outputs = [
        ("phases --format markdown", run(binary, "phases", "--format", "markdown"), names),
        ("render", run(binary, "render"), names),
        ("status --format markdown", run(binary, "status", "--format", "markdown"), None),
        (
            "upcoming --format markdown",
            run(binary, "upcoming", "--within", "30d", "--format", "markdown"),
            None,
        ),
        (
            "overdue --format markdown",
            run(binary, "overdue", "--format", "markdown", today="2021-07-05"),
            None,
        ),
    ]
    ok = all([check(what, text, want) for what, text, want in outputs]) and all(fences)
    # The job summary, which starts with a heading of its own.
    ok = check("check --github-summary", summary(binary), None, ALLOWED | {"h3"}) and ok
    if not ok:
        sys.exit(1)
    print(f"gfm-check: {len(outputs) + 1} outputs, {len(names)} names render as plain text on cmark-gfm")
    print(f"gfm-check: the Mermaid chart is one `mermaid` code block for {len(fences)} schedules")


if __name__ == "__main__":
    main()
