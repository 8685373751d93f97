#!/usr/bin/env bash
# Dates to be announced in the calendar feed, read by Python's icalendar and listed by khal, a
# terminal calendar (both from PyPI, in target/feed-venv, the virtualenv the feed's other client
# checks share).
#
#   scripts/ics-tba-check.sh [BINARY]    (default: target/debug/vision-sched, built when missing)
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/debug/vision-sched}"
if [ ! -x "$bin" ]; then
    cargo build --quiet
fi
fixture="tests/fixtures/tba/release.toml"
venv="target/feed-venv"
if ! "$venv/bin/python" -c 'import icalendar' 2>/dev/null || [ ! -x "$venv/bin/khal" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'icalendar==7.3.2' 'khal==0.14.1'
fi
"$venv/bin/python" scripts/ics_tba_check.py "$bin" "$fixture"

# khal lists the feed's events: the freeze on its first day, no event for the milestone or key
# date to be announced.
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
echo "ics tba check: khal lists the feed as meant"
