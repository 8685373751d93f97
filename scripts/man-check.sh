#!/usr/bin/env bash
# Lints the man pages: `vision-sched man --dir` writes one per command, mandoc's lint finds no
# warning or error in any of them, every vision-sched page that one names (SEE ALSO, the list
# of commands) is among those written, and every command's page is named by another.
#
#   scripts/man-check.sh [BINARY]    (default: target/debug/vision-sched, built when missing)
#
# Needs mandoc (Debian's `mandoc`, which .ci/run installs).
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/debug/vision-sched}"
if [ ! -x "$bin" ]; then
    cargo build --quiet
fi
command -v mandoc >/dev/null || { echo "man-check: mandoc is missing (apt-get install mandoc)" >&2; exit 1; }
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
"$bin" man --dir "$dir" 2>/dev/null
pages=("$dir"/*.1)
# Exit 2 on a warning, 3 or more on an error; each one printed.
mandoc -T lint -W warning "${pages[@]}"
named="$(for page in "${pages[@]}"; do
    sed 's/\\-/-/g' "$page" | grep -o 'vision-sched[a-z-]* \?(1)' | sed 's/ \?(1)$//'
done | sort -u)"
fail=0
while read -r name; do
    if [ ! -f "$dir/$name.1" ]; then
        echo "man-check: a page names $name(1), which was not written" >&2
        fail=1
    fi
done <<<"$named"
for page in "${pages[@]}"; do
    name="$(basename "$page" .1)"
    if [ "$name" != vision-sched ] && ! grep -qx "$name" <<<"$named"; then
        echo "man-check: no page names $name(1)" >&2
        fail=1
    fi
done
[ "$fail" = 0 ]
echo "man-check: ${#pages[@]} pages lint clean, and each page they name exists"
