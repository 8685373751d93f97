"""Checks that vision-sched's Markdown renders names as plain text on GitHub's renderer.

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
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.cells = []
        self.texts = []
        self.problems = []
        self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
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


def check(what, markdown, names=None):
    problems = []
    # GitHub's maths needs an unescaped `$`; cmark-gfm itself has no maths.
    if re.search(r"(?<!\\)\$", markdown):
        problems.append("an unescaped $ (maths on GitHub)")
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    parser = Cells()
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


def main():
    binary = os.path.abspath(sys.argv[1])
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
    ok = all([check(what, text, want) for what, text, want in outputs])
    if not ok:
        sys.exit(1)
    print(f"gfm-check: {len(outputs)} outputs, {len(names)} names render as plain text on cmark-gfm")


if __name__ == "__main__":
    main()
