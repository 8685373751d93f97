#!/usr/bin/env bash
# Reads the calendar feed (`export ics`) with real calendar clients and checks that each event
# names its owners where they show them: Python's icalendar parses every DESCRIPTION back, and
# khal (a terminal calendar) imports the feed and lists the events with its default format,
# which shows the description. The Rust tests parse the feed with the `ical` crate; they do not
# need this script.
#
#   scripts/feed-clients.sh [BINARY]    (default: target/debug/vision-sched, built when missing)
#
# icalendar and khal come from PyPI, into a virtualenv of their own under target/.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/debug/vision-sched}"
if [ ! -x "$bin" ]; then
    cargo build --quiet
fi
venv="target/feed-venv"
if ! "$venv/bin/python" -c 'import icalendar' 2>/dev/null || [ ! -x "$venv/bin/khal" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'icalendar==7.3.2' 'khal==0.14.1'
fi
exec "$venv/bin/python" scripts/feed_clients.py "$bin" "$venv/bin/khal"
