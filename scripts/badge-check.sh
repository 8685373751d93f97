#!/usr/bin/env bash
# Checks `vision-sched export badge` against shields.io's endpoint schema, as its documentation
# states it (scripts/shields-endpoint.schema.json), with the jsonschema package: on the bundled
# schedule on days that give each message, and on every fixture that loads (scripts/badge_check.py).
#
#   scripts/badge-check.sh [BINARY]    (default: target/debug/vision-sched, built when missing)
#
# jsonschema comes from PyPI into the virtualenv scripts/schema-check.sh uses, under target/.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/debug/vision-sched}"
if [ ! -x "$bin" ]; then
    cargo build --quiet
fi
venv="target/schema-venv"
if ! "$venv/bin/python" -c 'import jsonschema' 2>/dev/null; then
    [ -x "$venv/bin/pip" ] || python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'jsonschema==4.26.0'
fi
exec "$venv/bin/python" scripts/badge_check.py "$bin"
