"""Checks that calendar clients show each event's owners from vision-sched's feed.

Run by scripts/feed-clients.sh, which installs icalendar and khal: `feed_clients.py BINARY KHAL`.
The owners each phase should show come from `phases --format json`; the feed is `export ics`.
Exit 0 when every event passes, 1 with the failures listed otherwise.
"""

import json
import os
import subprocess
import sys
import tempfile

import icalendar

FIXTURE = "tests/fixtures/real/kubernetes-1.30-team.toml"
TODAY = "2024-03-14"
# Owners whose text the feed must escape: the iCalendar separators, a backslash, a quote.
HOSTILE = """[document]
owner = "Ops; on-call, EU \\\\ \\"night\\""

[[phase]]
name = "freeze"
on = 2024-03-20

[[phase]]
name = "ship"
due = 2024-03-21
owner = ["A, B", "C;D"]
"""


def run(binary, schedule, *args):
    env = {"PATH": os.environ["PATH"], "TZ": "UTC", "SOURCE_DATE_EPOCH": "1710374400"}
    out = subprocess.run(
        [binary, "-f", schedule, "--today", TODAY, *args],
        check=True, capture_output=True, text=True, env=env,
    )
    return out.stdout


def said(owners):
    """The line the feed's description names the owners with."""
    if not owners:
        return None
    return ("Owner: " if len(owners) == 1 else "Owners: ") + ", ".join(owners)


def check(binary, khal, schedule, work):
    failures = []
    phases = json.loads(run(binary, schedule, "phases", "--format", "json"))["phases"]
    want = {p["name"]: said(p["owners"]) for p in phases}
    feed = run(binary, schedule, "export", "ics")
    cal = icalendar.Calendar.from_ical(feed)
    events = [c for c in cal.walk() if c.name in ("VEVENT", "VTODO")]
    if len(events) != len(phases):
        failures.append(f"{schedule}: {len(events)} events for {len(phases)} phases")
    for e in events:
        name = str(e["SUMMARY"])
        description = str(e.get("DESCRIPTION", ""))
        w = want.get(name)
        if w is None and "Owner" in description:
            failures.append(f"{name}: no owners, yet the description says {description!r}")
        elif w is not None and w not in description.split("\n"):
            failures.append(f"{name}: icalendar reads {description!r}, without {w!r}")
    # khal: import into a calendar folder of its own, then list with its default format.
    os.makedirs(os.path.join(work, "cal"))
    conf = os.path.join(work, "khal.conf")
    with open(conf, "w") as f:
        f.write(
            f"[calendars]\n[[team]]\npath = {work}/cal\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n"
            "longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n"
            "longdatetimeformat = %Y-%m-%d %H:%M\n"
            "default_timezone = UTC\nlocal_timezone = UTC\n"
            f"[sqlite]\npath = {work}/khal.db\n"
        )
    path = os.path.join(work, "feed.ics")
    with open(path, "w") as f:
        f.write(feed)
    env = {"PATH": os.environ["PATH"], "TZ": "UTC", "HOME": work, "LANG": "C.UTF-8"}
    subprocess.run([khal, "-c", conf, "import", "--batch", "-a", "team", path],
                   check=True, capture_output=True, env=env)
    listed = subprocess.run(
        [khal, "-c", conf, "list", "2024-01-01", "2024-12-31"],
        check=True, capture_output=True, text=True, env=env,
    ).stdout
    lines = listed.splitlines()
    for name, w in want.items():
        mine = [l for l in lines if f" {name} :: " in l or l.strip().endswith(name)]
        if not mine:
            failures.append(f"{name}: khal does not list it:\n{listed}")
        elif w is not None and not any(l.endswith(f"{name} :: {w}") or f"{name} :: {w}" in l for l in mine):
            failures.append(f"{name}: khal shows {mine!r}, without {w!r}")
        elif w is None and any("Owner" in l for l in mine):
            failures.append(f"{name}: no owners, yet khal shows {mine!r}")
    return failures


def main():
    binary, khal = sys.argv[1], sys.argv[2]
    failures = []
    with tempfile.TemporaryDirectory() as work:
        failures += check(binary, khal, FIXTURE, os.path.join(work, "team"))
        hostile = os.path.join(work, "hostile.toml")
        with open(hostile, "w") as f:
            f.write(HOSTILE)
        failures += check(binary, khal, hostile, os.path.join(work, "hostile"))
    for f in failures:
        print(f, file=sys.stderr)
    if failures:
        return 1
    print("feed clients: icalendar and khal show every event's owners")
    return 0


if __name__ == "__main__":
    sys.exit(main())
