#!/usr/bin/env bash
# Reads the calendar feed (`export ics`) with real calendar clients. The Rust tests parse the
# feed with the `ical` crate; they do not need this script.
# - Owners: each event names its owners where clients show them. Python's icalendar parses every
#   DESCRIPTION back, and khal (a terminal calendar) imports the feed and lists the events with
#   its default format, which shows the description (scripts/feed_clients.py).
# - Dates to be announced: tests/fixtures/tba/release.toml's feed, with and without --todo, read
#   by icalendar (scripts/ics_tba_check.py); then khal lists the freeze on its first day and no
#   event for the milestone or key date to be announced.
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
"$venv/bin/python" scripts/feed_clients.py "$bin" "$venv/bin/khal"

fixture="tests/fixtures/tba/release.toml"
"$venv/bin/python" scripts/ics_tba_check.py "$bin" "$fixture"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/config/khal" "$tmp/cal"
printf '[calendars]\n[[c]]\npath = %s\n[locale]\ndateformat = %%Y-%%m-%%d\nlongdateformat = %%Y-%%m-%%d\ndatetimeformat = %%Y-%%m-%%d %%H:%%M\nlongdatetimeformat = %%Y-%%m-%%d %%H:%%M\n' \
    "$tmp/cal" >"$tmp/config/khal/config"
SOURCE_DATE_EPOCH=1750000000 "$bin" -f "$fixture" --today 2025-06-10 export ics >"$tmp/feed.ics"
listed="$(XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" "$venv/bin/khal" printics "$tmp/feed.ics")"
grep -q 'Feature freeze' <<<"$listed" || { echo "khal lists no freeze: $listed" >&2; exit 1; }
if grep -q -e 'Final release' -e 'Launch party' <<<"$listed"; then
    echo "khal lists an event for a date to be announced: $listed" >&2
    exit 1
fi
echo "feed clients: khal lists the dates to be announced as meant"
