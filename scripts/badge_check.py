"""Checks `vision-sched export badge` against shields.io's endpoint schema, as shields.io
documents it (https://shields.io/badges/endpoint-badge; scripts/shields-endpoint.schema.json),
with the `jsonschema` package, which shares no code with vision-sched.

    python3 scripts/badge_check.py BINARY      (scripts/badge-check.sh sets it all up)

- The schema is a valid JSON Schema 2020-12, takes the page's own example and refuses what the
  page says shields.io refuses, so it says what the page says.
- On the bundled schedule, days that give each message: overdue (red), due soon (yellow), on
  schedule (bright green), and a label of hostile text.
- Every schedule under tests/fixtures/ that loads gives a badge the schema takes.

Each badge is one line of JSON and a newline, and its color one of shields.io's named colors.
"""

import json
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "scripts/shields-endpoint.schema.json").read_text())

# The eight named colors of shields.io's badges, and their aliases.
NAMED = {
    "brightgreen", "green", "yellowgreen", "yellow", "orange", "red", "blue", "lightgrey",
    "success", "important", "critical", "informational", "inactive",
}

GOOD = [
    {"schemaVersion": 1, "label": "hello", "message": "sweet world", "color": "orange"},
    {"schemaVersion": 1, "label": "", "message": "x"},
    {"schemaVersion": 1, "label": "a", "message": "b", "isError": True, "namedLogo": "rust",
     "logoColor": "white", "style": "flat-square", "cacheSeconds": 3600},
]
BAD = [
    {"label": "a", "message": "b"},
    {"schemaVersion": 2, "label": "a", "message": "b"},
    {"schemaVersion": "1", "label": "a", "message": "b"},
    {"schemaVersion": 1, "message": "b"},
    {"schemaVersion": 1, "label": "a", "message": ""},
    {"schemaVersion": 1, "label": "a", "message": 2},
    {"schemaVersion": 1, "label": "a", "message": "b", "colour": "red"},
    {"schemaVersion": 1, "label": "a", "message": "b", "namedLogo": "rust", "logoSvg": "<svg/>"},
    {"schemaVersion": 1, "label": "a", "message": "b", "cacheSeconds": 60},
    {"schemaVersion": 1, "label": "a", "message": "b", "style": "round"},
]


def badge(binary, before, after=()):
    """`export badge` with the options `before` and `after` it, in the repository's root."""
    return subprocess.run(
        [binary, *before, "export", "badge", *after], capture_output=True, text=True, cwd=ROOT
    )


def check(validator, text, where):
    assert text.endswith("\n") and "\n" not in text[:-1], f"{where}: not one line: {text!r}"
    value = json.loads(text)
    errors = list(validator.iter_errors(value))
    assert not errors, f"{where}: {[e.message for e in errors]}: {text}"
    assert value["color"] in NAMED, f"{where}: color {value['color']}"
    return value


def main():
    binary = str(Path(sys.argv[1]).resolve())
    Draft202012Validator.check_schema(SCHEMA)
    validator = Draft202012Validator(SCHEMA)
    for v in GOOD:
        assert validator.is_valid(v), v
    for v in BAD:
        assert not validator.is_valid(v), v

    days = [
        ("2021-07-01", "2 overdue", "red"),
        ("2021-03-25", "due in 6 days", "yellow"),
        ("2021-03-31", "due today", "yellow"),
        ("2021-01-15", "on schedule", "brightgreen"),
    ]
    for today, message, color in days:
        out = badge(binary, ["-f", "schedule.toml", "--today", today])
        assert out.returncode == 0, out.stderr
        value = check(validator, out.stdout, today)
        assert (value["label"], value["message"], value["color"]) == ("schedule", message, color), value
    label = 'Vision "Q3"\n##[error]x \x1b[31m'
    out = badge(binary, ["-f", "schedule.toml", "--today", "2021-07-01"], ["--label", label])
    value = check(validator, out.stdout, "a hostile label")
    assert value["label"] == 'Vision "Q3" ##[error]x \\u{1b}[31m', value

    fixtures = sorted((ROOT / "tests/fixtures").rglob("*.toml"))
    loaded = 0
    for f in fixtures:
        out = badge(binary, ["-f", str(f), "--today", "2021-06-20"])
        if out.returncode != 0:
            continue
        check(validator, out.stdout, f.relative_to(ROOT))
        loaded += 1
    assert loaded >= 20, f"only {loaded} fixtures loaded"
    print(f"badge-check: the schema and {len(GOOD) + len(BAD)} cases of its page; "
          f"{len(days) + 1} badges of the bundled schedule and {loaded} of the fixtures are valid")


main()
