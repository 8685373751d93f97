"""Checks schema/vision-sched.schema.json against the loader with two validators that share no
code with vision-sched: the `jsonschema` package (JSON Schema 2020-12, formats checked) on the
TOML as Python's `tomllib` reads it, dates turned to strings as editors see them, and taplo, the
TOML toolkit behind Even Better TOML.

    python3 scripts/schema_check.py BINARY      (scripts/schema-check.sh sets it all up)

The corpus: the bundled schedule.toml, every TOML block of the README and the guide
(docs/guide/src) that is a schedule (not a config file, not a `[document]` table alone), the starter `init` writes, every .toml under tests/fixtures/ and the bad-input
corpus tests/bad_input/. The loader (BINARY) says which of them load. Then:

- every file that loads is valid for both validators: the schema never refuses a good schedule;
- every file that does not load is invalid for both, unless it is listed in BEYOND, where each
  entry says why no schema can see the fault; those must be valid for both, so the list stays
  exact. Files that are not TOML at all (tomllib refuses them) are left to the loader.

Then the GRAMMAR table: values of every key with a grammar (a cadence's step, its day rules and
dates naming another of its phases, a relative date, "tba", a span of days, a shift, weekdays,
holidays), good ones and bad ones, each put into a small schedule; `vision-sched check` gives the
table's verdict on each, and both validators the same. GRAMMAR_BEYOND lists the values check
refuses for reasons no pattern can see (like the sum of an offset's terms); both validators take
them.
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema" / "vision-sched.schema.json"
ENGLAND = ROOT / "tests" / "fixtures" / "working-days" / "england-and-wales.ics"

# Files the loader refuses for reasons outside any schema, each with the reason.
BEYOND = {
    # A TOML date is a string to a JSON Schema validator, so a date where a string belongs, or a
    # string where a date belongs, looks right; and a string in a date key is a date relative to
    # another phase, which is any string naming a phase.
    "tests/bad_input/type-title.toml": "a date as a title: a TOML date is a string to JSON Schema",
    "tests/bad_input/type-due.toml": "a quoted \"June 30\" is a date relative to a phase named June 30",
    "tests/bad_input/date-is-string.toml": "a quoted date is a string, as a TOML date is to JSON Schema",
    "tests/bad_input/days-off-working-offset-bad-unit.toml": "a relative date's offset is part of any string",
    "tests/fixtures/inert/bad-date-bidi.toml": "a date after a bidi override is a relative date's string",
    # What needs the whole file, or files beside it.
    "tests/bad_input/duplicate-names.toml": "names are unique across the file",
    "tests/bad_input/duplicate-names-inline.toml": "names are unique across the file",
    "tests/fixtures/inert/duplicate-actions.toml": "names are unique across the file",
    "tests/bad_input/end-before-start.toml": "the order of two dates",
    "tests/bad_input/owner-twice.toml": "an owner named twice in another letter case: uniqueItems compares exact strings",
    "tests/bad_input/tba-start.toml": "\"tba\" is a date relative to a phase named tba where a first day is",
    "tests/bad_input/tba-until.toml": "\"tba\" is a date relative to a phase named tba where a first day is",
    "tests/bad_input/tba-start-relative.toml": "which dates are to be announced is the chain's",
    "tests/bad_input/days-off-missing-calendar.toml": "a calendar file that is not there",
    "tests/bad_input/days-off-whole-week.toml": "every weekday off is seven valid names",
    "tests/bad_input/days-off-no-working-day-in-reach.toml": "how many days off lie in a row",
    "tests/bad_input/unknown-time-zone.toml": "which zones exist is the time-zone database's",
    "tests/bad_input/unknown-time-zone-empty.toml": "which zones exist is the time-zone database's",
    "tests/fixtures/inert/timezone-esc.toml": "which zones exist is the time-zone database's",
    # A cadence's names are a small language; what they and its rules mean over cycles is the
    # loader's.
    "tests/bad_input/cadence-names-meet-across-cadences.toml": "two cadences generating one name",
    "tests/bad_input/cadence-names-meet-across-slots.toml": "two cadence phases generating one name",
    # A relative date names another phase: whether it is there, which kind it is, and where the
    # chain of dates ends are the loader's.
    "tests/bad_input/relative-unknown-name.toml": "a relative date naming no phase",
    "tests/bad_input/relative-start-of-milestone.toml": "a relative date's phase is a milestone",
    "tests/bad_input/relative-window-without-start-of.toml": "a relative date's phase has no start",
    "tests/bad_input/relative-circle.toml": "relative dates that name each other",
    "tests/bad_input/relative-before-0001.toml": "a relative date that ends before year 1",
    "tests/bad_input/relative-past-9999.toml": "a relative date that ends after year 9999",
}

# Blocks of the docs that are parts of a schedule, not whole ones, found by a line each holds.
BEYOND_DOCS = {
    'end = "start of v22 Active LTS - 1d"': "a part of a schedule: it names a phase not shown",
}


# Schedules with one value put in: each key with a grammar, as the loader reads it.
PLACES = {
    "every": '[[cadence]]\nevery = {}\nfrom = 2022-01-01\n[[cadence.phase]]\nname = "r{{n}}"\ndue = "first day"\n',
    "rule": '[[cadence]]\nevery = "year"\nfrom = 2022-01-01\n[[cadence.phase]]\nname = "{{year}} r"\ndue = {}\n',
    "q4 rule": '[[cadence]]\nevery = "quarter"\nfrom = 2022-01-01\n[[cadence.phase]]\nname = "{{year}} Q{{quarter}}"\nstart = "first day"\nend = "last day"\nq4 = {{ end = {} }}\n',
    "relative": '[[phase]]\nname = "A"\nstart = 2021-06-01\nend = 2021-06-30\n[[phase]]\nname = "M"\ndue = 2021-07-01\n[[phase]]\nname = "Q4-2026 review"\non = 2021-07-10\n[[phase]]\nname = "B"\ndue = {}\n',
    # Names may look like offsets, or begin with one.
    "relative to odd names": '[[phase]]\nname = "+ 3d"\ndue = 2021-06-01\n[[phase]]\nname = "- 1w"\nstart = 2021-06-01\nend = 2021-06-30\n[[phase]]\nname = "B"\ndue = {}\n',
    # A cadence's date naming another phase of the cadence by its template.
    "cadence phase": '[[cadence]]\nevery = "year"\nfrom = 2022-01-01\n[[cadence.phase]]\nname = "{{year}} branch"\ndue = "day 10"\n[[cadence.phase]]\nname = "{{year}} freeze"\nstart = "day 20"\nend = "day 40"\n[[cadence.phase]]\nname = "{{year}}-{{n}} r"\ndue = {}\n',
    "q4 cadence phase": '[[cadence]]\nevery = "quarter"\nfrom = 2022-01-01\n[[cadence.phase]]\nname = "{{year}} Q{{quarter}} branch"\ndue = "day 10"\n[[cadence.phase]]\nname = "{{year}} Q{{quarter}} r"\nstart = "first day"\nend = "last day"\nq4 = {{ start = {} }}\n',
    # "tba" where a written phase takes it.
    "tba due": '[[phase]]\nname = "M"\ndue = {}\n',
    "tba on": '[[phase]]\nname = "K"\non = {}\n',
    "tba end": '[[phase]]\nname = "W"\nstart = 2021-06-01\nend = {}\n',
    "tba planned": '[[phase]]\nname = "M"\ndue = 2021-07-01\nplanned = {}\n',
    "tba planned_end": '[[phase]]\nname = "W"\nstart = 2021-06-01\nend = 2021-06-30\nplanned_end = {}\n',
    "warn": '[document]\nwarn = {}\n[[phase]]\nname = "M"\ndue = 2021-07-01\n',
    "shift": '[document]\nshift = {}\nweekend = ["Sat", "Sun"]\n[[phase]]\nname = "M"\ndue = 2021-07-01\n',
    "weekend": '[document]\nweekend = [{}]\n[[phase]]\nname = "M"\ndue = 2021-07-01\n',
    "holidays": '[document]\nholidays = [{}]\n[[phase]]\nname = "M"\ndue = 2021-07-01\n',
    "include": '[document]\ninclude = [{}]\n[[phase]]\nname = "M"\ndue = 2021-07-01\n',
}

# Values (TOML) for each place, and whether `vision-sched check` takes them: the validators must
# give the same verdict. Limits are tried at their edge, and the loader's odd forms too (`the` is
# dropped anywhere in a rule's day words, never in its offset; a step's unit takes any `s`).
GRAMMAR = [
    ("every", '"quarter"', True),
    ("every", '" 2 QUARTERS "', True),
    ("every", '"6 weeks"', True),
    ("every", '"+007 days"', True),
    ("every", '"weekss"', True),
    ("every", '"100 years"', True),
    ("every", '"400 quarters"', True),
    ("every", '"1200 months"', True),
    ("every", '"5217 weeks"', True),
    ("every", '"36525 days"', True),
    ("every", '"fortnight"', False),
    ("every", '"6weeks"', False),
    ("every", '"six weeks"', False),
    ("every", '"0 weeks"', False),
    ("every", '"-1 month"', False),
    ("every", '"1 2 weeks"', False),
    ("every", '"101 years"', False),
    ("every", '"401 quarters"', False),
    ("every", '"1201 months"', False),
    ("every", '"5218 weeks"', False),
    ("every", '"36526 days"', False),
    ("every", '"99999999999999999999999 days"', False),
    ("every", '""', False),
    ("rule", '"last day"', True),
    ("rule", '"The Last Day"', True),
    ("rule", '"day 100"', True),
    ("rule", '"day 31 of month 2"', True),
    ("rule", '"2nd Monday of month 3"', True),
    ("rule", '"last Friday"', True),
    ("rule", '"2nd Friday of December"', True),
    ("rule", '"second thurs of dec"', True),
    ("rule", '"last working day"', True),
    ("rule", '"1st working day of month 2"', True),
    ("rule", '"last day - 3d"', True),
    ("rule", '"first day+2w"', True),
    ("rule", '"last day - 3 working days"', True),
    ("rule", '"last day -3WD"', True),
    ("rule", '"the last day of the month 2 the - 3 days"', True),
    ("rule", '"last day + 1m 7d"', True),
    ("rule", '"last day - 1w 2d"', True),
    ("rule", '"first day + 1w - 1d"', True),
    ("rule", '"first day + 1M7D"', True),
    ("rule", '"first day +1w-1d"', True),
    ("rule", '"first day + 3 working days 2d"', True),
    ("rule", '"first day + 3 workingdays"', True),
    ("rule", '"last day - 3d + 2d"', True),
    ("rule", '"first day - 1d + 36526d"', True),
    ("rule", '"first day + 5217 working days"', True),
    ("rule", '"first day + 36525 days"', True),
    ("rule", '"fortnightly"', False),
    ("rule", '"6th working day"', False),
    ("rule", '"2nd Caturday"', False),
    ("rule", '"day 0"', False),
    ("rule", '"day 32 of month 2"', False),
    ("rule", '"last day of"', False),
    ("rule", '"last day of Smarch"', False),
    ("rule", '"first day of month 1201"', False),
    ("rule", '"last daythe"', False),
    ("rule", '"last day - 3x"', False),
    ("rule", '"last day -"', False),
    ("rule", '"the last day of the month 2 - 3 the days"', False),
    ("rule", '"last day - 3d the"', False),
    ("rule", '"first day + 3 6 5d"', False),
    ("rule", '"first day + 3 working weeks"', False),
    ("rule", '"first day + 1w -"', False),
    ("rule", '"first day + - 1w"', False),
    ("rule", '"first day + 1m 7"', False),
    ("rule", '"first day - 1d + 73051d"', False),
    ("rule", '"tba"', False),
    ("rule", '"X + 3d"', False),
    ("rule", '"first day + 5218 working days"', False),
    ("rule", '"first day + 36526 days"', False),
    ("rule", '"first day + 3 6 5 2 6d"', False),
    ("rule", '"first day of + 2d"', False),
    ("q4 rule", '"last day - 1w"', True),
    ("q4 rule", '"5th Monday"', False),
    ("cadence phase", '"{year} branch + 3d"', True),
    ("cadence phase", '"{year} branch"', True),
    ("cadence phase", '"start of {year} freeze - 1w"', True),
    ("cadence phase", '"end of {year} freeze + 1m 7d"', True),
    ("cadence phase", '"{year} branch + 1w - 1d"', True),
    ("cadence phase", '"{year} branch + 3 working days"', True),
    ("cadence phase", '"{year} branch + 36526d"', False),
    ("cadence phase", '"{year} branch + 1201m"', False),
    ("q4 cadence phase", '"{year} Q{quarter} branch + 1d"', True),
    ("q4 cadence phase", '"Q4 branch + 1d"', False),
    ("relative", '"M"', True),
    ("relative", '"M + 2w"', True),
    ("relative", '"end of A + 1d"', True),
    ("relative", '"Start of A - 3 working days"', True),
    ("relative", '"Q4-2026 review - 3d"', True),
    ("relative", '"M + 36525d"', True),
    ("relative", '"M - 5217 WD"', True),
    ("relative", '"M + 1200 months"', True),
    ("relative", '"M + 1m 7d"', True),
    ("relative", '"M + 1 month 7 days"', True),
    ("relative", '"M - 1w 2d"', True),
    ("relative", '"M + 1w - 1d"', True),
    ("relative", '"M + 1m7d"', True),
    ("relative", '"M + 1m 3wd"', True),
    ("relative", '"M - 1d + 36526d"', True),
    ("relative", '"M - 1200m + 2400m"', True),
    ("relative", '"end of A + 3 Working Days 1w"', True),
    ("relative to odd names", '"+ 3d"', True),
    ("relative to odd names", '"END OF - 1w"', True),
    ("relative to odd names", '"+ 3d + 2d"', True),
    ("relative", '""', False),
    ("relative", '"  "', False),
    ("relative", '"start of"', False),
    ("relative", '"M - 1d + 73051d"', False),
    ("relative", '"M + 36526d"', False),
    ("relative", '"M - 5218 working days"', False),
    ("relative", '"M + 1201m"', False),
    ("relative", '"M + 99999999999999999999d"', False),
    ("warn", '"14d"', True),
    ("warn", '" 2 weeks "', True),
    ("warn", '"30"', True),
    ("warn", '"36525d"', True),
    ("warn", '"5217w"', True),
    ("warn", "0", True),
    ("warn", '"14D"', False),
    ("warn", '"d"', False),
    ("warn", '"-1d"', False),
    ("warn", '"2 fortnights"', False),
    ("warn", '"36526"', False),
    ("warn", '"5218w"', False),
    ("warn", "36526", False),
    ("shift", '"Next Working Day"', True),
    ("shift", '"next workday"', False),
    ("weekend", '"sat"', True),
    ("weekend", '"Caturday"', False),
    ("holidays", "2026-12-25", True),
    ("holidays", '"Christmas"', False),
    ("include", '"inc/*.toml"', True),
    ("include", '" "', False),
    ("tba due", '"tba"', True),
    ("tba due", '" TBA "', True),
    ("tba on", '"tba"', True),
    ("tba end", '"Tba"', True),
    ("tba planned", '"tba"', True),
    ("tba planned", '"tbd"', False),
    ("tba planned_end", '"TBA"', True),
    ("tba planned_end", '"to be announced"', False),
]

# Values `vision-sched check` refuses where they are put, for reasons no pattern can see, each
# with the reason: both validators must take them, so the list stays exact.
GRAMMAR_BEYOND = [
    ("relative", '"+ 3d"', "a name: a phase may be named + 3d"),
    ("relative", '"END OF + 3d"', "a name: a window may be named + 3d"),
    ("relative", '"M + 36525d 1d"', "the sum of an offset's terms: each is within a century"),
    ("relative", '"M + 1m 36526d"', "the sum of an offset's terms: a later term may reach two centuries"),
    ("relative", '"M - 5218w + 1d"', "which tail is the offset: the loader reads the leftmost, + 1d is one too"),
    ("rule", '"first day + 36525d 1d"', "the sum of an offset's terms: each is within a century"),
    ("cadence phase", '"{year} nothing + 3d"', "which templates the cadence's phases have"),
    ("cadence phase", '"{year} r + 3d"', "a phase's date that names the phase itself"),
    ("cadence phase", '"{year} branch + 3 the days"', "not an offset, so a name, which a template could be"),
]


def as_json(value):
    """TOML values as JSON sees them: dates, times and date-times as ISO 8601 strings."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


class Checker:
    def __init__(self, binary, work):
        self.binary = binary
        self.work = work
        schema = json.loads(SCHEMA.read_text())
        Draft202012Validator.check_schema(schema)
        self.validator = Draft202012Validator(
            schema, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        self.taplo = shutil.which("taplo") or str(Path(sys.executable).parent / "taplo")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(work),
            "XDG_CONFIG_HOME": str(work / "config"),
            "XDG_CACHE_HOME": str(work / "cache"),
            "TZ": "UTC",
        }
        self.failures = []
        self.taplo_unreadable = []

    def loads(self, path, today):
        """Whether vision-sched loads the schedule (exit 0), or refuses it (exit 2)."""
        run = subprocess.run(
            [self.binary, "phases", "-f", str(path), "--today", today],
            env=self.env,
            cwd=self.work,
            capture_output=True,
            timeout=60,
        )
        if run.returncode not in (0, 2):
            self.failures.append(f"{path}: vision-sched exited {run.returncode}")
        return run.returncode == 0

    def checks(self, path):
        """Whether `vision-sched check` takes the schedule (exit 0 or 1), or refuses it (exit 2)."""
        run = subprocess.run(
            [self.binary, "check", "-f", str(path), "--today", "2021-06-20"],
            env=self.env,
            cwd=self.work,
            capture_output=True,
            timeout=60,
        )
        if run.returncode not in (0, 1, 2):
            self.failures.append(f"{path}: vision-sched check exited {run.returncode}")
        return run.returncode != 2

    def grammar(self):
        """The GRAMMAR table: the loader's verdict is the table's, and both validators' too."""
        folder = self.work / "grammar"
        (folder / "inc").mkdir(parents=True)
        (folder / "inc" / "one.toml").write_text('[[phase]]\nname = "One"\ndue = 2021-07-02\n')
        for i, (place, value, takes) in enumerate(GRAMMAR):
            path = folder / f"{i}.toml"
            path.write_text(PLACES[place].format(value))
            shown = f"{place} = {value}"
            if self.checks(path) != takes:
                self.failures.append(
                    f"{shown}: the table says check {'takes' if takes else 'refuses'} it; it does not"
                )
                continue
            doc = as_json(tomllib.loads(path.read_text()))
            for tool, errors in [
                ("jsonschema", self.jsonschema_errors(doc)),
                ("taplo", self.taplo_errors(path)),
            ]:
                if takes and errors:
                    self.failures.append(f"{shown}: check takes it, {tool} says: {errors[0][:300]}")
                elif not takes and not errors:
                    self.failures.append(f"{shown}: check refuses it, {tool} does not")
        for i, (place, value, why) in enumerate(GRAMMAR_BEYOND):
            path = folder / f"beyond-{i}.toml"
            path.write_text(PLACES[place].format(value))
            shown = f"{place} = {value}"
            if self.checks(path):
                self.failures.append(f"{shown}: listed as beyond a schema ({why}), but check takes it")
                continue
            doc = as_json(tomllib.loads(path.read_text()))
            for tool, errors in [
                ("jsonschema", self.jsonschema_errors(doc)),
                ("taplo", self.taplo_errors(path)),
            ]:
                if errors:
                    self.failures.append(
                        f"{shown}: listed as beyond a schema ({why}), but {tool} refuses it: {errors[0][:300]}"
                    )
        return len(GRAMMAR)

    def directive(self, starter, printed):
        """init writes the schema beside the starter, and taplo finds it by the starter's own
        `#:schema` line (no --schema), from another folder: the starter passes, and a copy beside
        it with `every = "fortnight"` does not."""
        beside = starter.parent / "vision-sched.schema.json"
        if not beside.exists() or beside.read_text() != printed:
            self.failures.append("init wrote no copy of `vision-sched schema` beside the starter")
        bad = starter.parent / "fortnight.toml"
        text = starter.read_text()
        bad.write_text(text.replace('every = "quarter"', 'every = "fortnight"', 1))
        for path, valid in [(starter, True), (bad, False)]:
            run = subprocess.run(
                [self.taplo, "check", "--no-auto-config", "--colors", "never", str(path)],
                capture_output=True,
                text=True,
                timeout=60,
                cwd=self.work,
            )
            if valid and run.returncode != 0:
                self.failures.append(f"the init starter's #:schema: taplo says {run.stderr[-500:]}")
            if not valid and (run.returncode == 0 or '"fortnight" does not match' not in run.stderr):
                self.failures.append(
                    f"the init starter's #:schema does not refuse every = \"fortnight\": {run.stderr[-500:]}"
                )

    def jsonschema_errors(self, doc):
        return [e.message for e in self.validator.iter_errors(doc)]

    def taplo_errors(self, path):
        run = subprocess.run(
            [
                self.taplo, "check", "--no-auto-config", "--colors", "never",
                "--schema", SCHEMA.as_uri(), str(path),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=self.work,
        )
        return [] if run.returncode == 0 else [run.stderr.strip()]

    def check(self, path, shown, today="2021-06-20"):
        """Checks one file; returns 'good', 'bad' or 'not toml'."""
        try:
            doc = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
            if self.loads(path, today):
                self.failures.append(f"{shown}: loads, yet is not TOML to tomllib")
            return "not toml"
        good = self.loads(path, today)
        verdicts = {
            "jsonschema": self.jsonschema_errors(doc),
            "taplo": self.taplo_errors(path),
        }
        if verdicts["taplo"] and "invalid TOML" in verdicts["taplo"][0]:
            # taplo 0.9 reads no year before 1000 (0001-01-01 is "expected value"): only then.
            if re.search(r"(?m)=\s*0[0-9]{3}-[0-9]{2}-[0-9]{2}", path.read_text()):
                self.taplo_unreadable.append(shown)
                del verdicts["taplo"]
        for tool, errors in verdicts.items():
            if good and errors:
                self.failures.append(f"{shown}: loads, but {tool} says: {errors[0][:500]}")
            elif not good and shown in BEYOND and errors:
                self.failures.append(
                    f"{shown}: listed as beyond a schema ({BEYOND[shown]}), but {tool} refuses it: {errors[0][:300]}"
                )
            elif not good and shown not in BEYOND and not errors:
                self.failures.append(f"{shown}: the loader refuses it, {tool} does not")
        return "good" if good else "bad"


def readme_schedules(work):
    """The docs' TOML blocks that are schedules, each as a file with the calendars it names."""
    pages = [ROOT / "README.md"] + sorted((ROOT / "docs/guide/src").glob("*.md"))
    blocks = []
    for page in pages:
        found = re.findall(r"^```toml\n(.*?)^```", page.read_text(), flags=re.S | re.M)
        blocks += [(str(page.relative_to(ROOT)), b) for b in found]
    config_keys = {"schedule", "horizon", "timezone", "color"}
    out = []
    for i, (page, block) in enumerate(blocks, 1):
        keys = set(tomllib.loads(block))
        if keys and keys <= config_keys:
            continue
        # The `[document]` table alone is a part of a schedule, shown beside the rest.
        if not ("[[phase]]" in block or "[[cadence]]" in block):
            continue
        folder = work / f"docs-{i}"
        folder.mkdir()
        path = folder / "schedule.toml"
        path.write_text(block)
        calendars = tomllib.loads(block).get("document", {}).get("holiday_calendars", [])
        for calendar in calendars:
            target = folder / calendar
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(ENGLAND, target)
        shown = f"{page} block {i}"
        for line, reason in BEYOND_DOCS.items():
            if line in block:
                BEYOND[shown] = reason
        out.append((path, shown))
    return out


def main():
    binary = str(Path(sys.argv[1]).resolve())
    with tempfile.TemporaryDirectory(prefix="vision-sched-schema-") as tmp:
        work = Path(tmp)
        checker = Checker(binary, work)

        printed = subprocess.run(
            [binary, "schema"], env=checker.env, capture_output=True, text=True, check=True
        ).stdout
        if printed != SCHEMA.read_text():
            checker.failures.append(
                "schema/vision-sched.schema.json is not what `vision-sched schema` prints"
            )

        counts = {"good": 0, "bad": 0, "not toml": 0}
        cases = [(ROOT / "schedule.toml", "schedule.toml")]
        cases += readme_schedules(work)
        starter = work / "init" / "schedule.toml"
        starter.parent.mkdir()
        subprocess.run(
            [binary, "init", str(starter), "--today", "2026-11-23"],
            env=checker.env, capture_output=True, check=True,
        )
        cases.append((starter, "the init starter"))
        checker.directive(starter, printed)
        for folder in ["tests/fixtures", "tests/bad_input"]:
            for path in sorted((ROOT / folder).rglob("*.toml")):
                cases.append((path, str(path.relative_to(ROOT))))
        table = checker.grammar()
        for path, shown in cases:
            today = "2021-06-20"
            first = path.read_bytes()[:200].decode("utf-8", "replace")
            if m := re.search(r"^# today: (\S+)", first, flags=re.M):
                today = m.group(1)
            counts[checker.check(path, shown, today)] += 1
        for line in BEYOND_DOCS:
            if not any(reason == BEYOND_DOCS[line] for reason in BEYOND.values()):
                checker.failures.append(f"BEYOND_DOCS names a block with {line}, not there")
        for name in BEYOND:
            if " block " not in name and not (ROOT / name).exists():
                checker.failures.append(f"BEYOND names {name}, which is not there")

    for failure in checker.failures:
        print(f"FAIL {failure}")
    beyond = len(BEYOND)
    print(
        f"schema check: {counts['good']} schedules that load are valid; of {counts['bad']} that do "
        f"not, {counts['bad'] - beyond} are refused and {beyond} are beyond a schema (listed, and "
        f"accepted); {counts['not toml']} are not TOML. jsonschema and taplo agree (taplo read all "
        f"but {len(checker.taplo_unreadable)}, whose years before 1000 it cannot parse). Of "
        f"{table} values of keys with a grammar, check, jsonschema and taplo agree on each; "
        f"{len(GRAMMAR_BEYOND)} more that check refuses are beyond a pattern (listed, and accepted)."
        if not checker.failures
        else f"schema check: {len(checker.failures)} failures"
    )
    sys.exit(1 if checker.failures else 0)


if __name__ == "__main__":
    main()
