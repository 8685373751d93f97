"""Dates to be announced in the calendar feed, read back by Python's icalendar (PyPI), an
independent parser: a milestone due "tba" is a VTODO with no DUE (RFC 5545 3.6.2 lets a to-do
have none) and no alarm with --todo, and no component at all without it; a key date on "tba" is no
event; a window whose end is "tba" is a one-day event on its first day.

    python ics_tba_check.py BINARY FIXTURE    (run by scripts/feed-clients.sh)
"""

import datetime
import subprocess
import sys

import icalendar

binary, fixture = sys.argv[1], sys.argv[2]


def feed(*args: str) -> icalendar.Calendar:
    out = subprocess.run(
        [binary, "-f", fixture, "--today", "2025-06-10", "export", "ics", *args],
        check=True,
        capture_output=True,
        env={"SOURCE_DATE_EPOCH": "1750000000", "TZ": "UTC"},
    ).stdout
    return icalendar.Calendar.from_ical(out)


failures = []


def expect(what: str, got, want) -> None:
    if got != want:
        failures.append(f"{what}: {got!r}, not {want!r}")


plain = feed()
events = {str(e["SUMMARY"]): e for e in plain.walk("VEVENT")}
expect("events without --todo", sorted(events), ["Beta", "Feature freeze"])
expect("to-dos without --todo", len(plain.walk("VTODO")), 0)
freeze = events["Feature freeze"]
expect("the freeze's first day", freeze.decoded("DTSTART"), datetime.date(2025, 5, 15))
expect("the freeze's end (exclusive)", freeze.decoded("DTEND"), datetime.date(2025, 5, 16))
expect(
    "the freeze's description",
    str(freeze["DESCRIPTION"]),
    "Runs from 2025-05-15; its end is to be announced.",
)

todo = feed("--todo", "--alarm", "1w")
todos = {str(t["SUMMARY"]): t for t in todo.walk("VTODO")}
expect("to-dos", sorted(todos), ["Beta", "Final release", "Release docs"])
for name in ["Final release", "Release docs"]:
    t = todos[name]
    expect(f"{name}: DUE", "DUE" in t, False)
    expect(f"{name}: STATUS", str(t["STATUS"]), "NEEDS-ACTION")
    expect(f"{name}: alarms", len(t.walk("VALARM")), 0)
    expect(f"{name}: description", str(t["DESCRIPTION"]), "Its due date is to be announced.")
expect("Beta: DUE", todos["Beta"].decoded("DUE"), datetime.date(2025, 6, 2))
expect("Beta: alarms", len(todos["Beta"].walk("VALARM")), 1)
expect(
    "no event for the key date to be announced",
    [str(e["SUMMARY"]) for e in todo.walk("VEVENT") if str(e["SUMMARY"]) == "Launch party"],
    [],
)

for f in failures:
    print(f"FAIL {f}", file=sys.stderr)
if failures:
    sys.exit(1)
print(f"ics tba check: icalendar {icalendar.__version__} reads both feeds as meant")
