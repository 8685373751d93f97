#!/usr/bin/env bash
# Validates schedules against schema/vision-sched.schema.json with two independent validators,
# the jsonschema package (on the TOML as Python's tomllib reads it) and taplo (the TOML toolkit
# behind Even Better TOML), and checks both against the loader: what loads is valid, and what does
# not load is refused, but for the faults no schema can see (scripts/schema_check.py lists them).
#
#   scripts/schema-check.sh [BINARY]    (default: target/debug/vision-sched, built when missing)
#
# jsonschema and taplo (PyPI's wheel of the taplo CLI) go into a virtualenv of their own under
# target/.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/debug/vision-sched}"
if [ ! -x "$bin" ]; then
    cargo build --quiet
fi
venv="target/schema-venv"
if ! "$venv/bin/python" -c 'import jsonschema' 2>/dev/null || [ ! -x "$venv/bin/taplo" ]; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'jsonschema==4.26.0' 'taplo==0.9.3'
fi
PATH="$PWD/$venv/bin:$PATH" exec "$venv/bin/python" scripts/schema_check.py "$bin"
