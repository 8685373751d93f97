#!/usr/bin/env bash
# Renders vision-sched's Markdown output (`--format markdown` on every report, `render`, and the
# job summary of `check --github-summary`) with cmark-gfm, the renderer GitHub runs, with GitHub's
# extensions (the cmarkgfm PyPI package), and checks that every name in
# tests/fixtures/export/github.toml renders as plain text: no link, bare URL, mention, reference,
# emoji, entity, maths, HTML or markup. The Rust tests check the
# same with pulldown-cmark, which has no autolink extension; they do not need this script.
#
#   scripts/gfm-check.sh [BINARY]    (default: target/debug/vision-sched, built when missing)
#
# cmarkgfm is installed into a virtualenv of its own under target/.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/debug/vision-sched}"
if [ ! -x "$bin" ]; then
    cargo build --quiet
fi
venv="target/gfm-venv"
if ! "$venv/bin/python" -c 'import cmarkgfm' 2>/dev/null; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'cmarkgfm==2025.10.22'
fi
exec "$venv/bin/python" scripts/gfm_check.py "$bin"
