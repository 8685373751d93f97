#!/usr/bin/env bash
# Writes .cargo/hot-symbols.txt: the functions the reporting commands run, which `cargo
# build-static` asks the linker to place side by side at the start of the code.
#
# A run of `status` takes well under 2 ms, and on these machines a fault on a page of code costs
# some 5 µs (the kernel maps 64 KiB around it). The linker lays functions out in the order it
# meets them, so the 500 or so that a report runs were spread over some 55 such windows of the
# 4.4 MiB of code; side by side they fill about 20. README "Performance" has the figures.
#
#   scripts/hot-symbols.sh            rewrite the list from the static build
#   scripts/hot-symbols.sh --check    fail when under 90% of the functions run are listed
#
# The list is of symbol names, so it holds for one compiler and one Cargo.lock: a new rustc or a
# dependency's new version renames what it touches, and --check (in .ci/run) says so. A stale
# list does no harm beyond speed: names the linker does not find are passed over.
# Needs valgrind (a Debian package; installed when missing) and nm.
set -euo pipefail
cd "$(dirname "$0")/.."
list=".cargo/hot-symbols.txt"
mode="${1:-write}"

if ! command -v valgrind >/dev/null; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -qq valgrind >/dev/null
fi
cargo build-static --quiet
bin="target/x86_64-unknown-linux-gnu/release/vision-sched"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config" HOME="$work"

# A schedule of 1,000 phases: windows, milestones delivered and not, key dates.
awk 'BEGIN {
    print "[document]\ntimezone = \"UTC\"";
    for (i = 0; i < 1000; i++) {
        d = sprintf("%04d-%02d-%02d", 2000 + int(i / 336), int(i / 28) % 12 + 1, i % 28 + 1);
        printf "\n[[phase]]\nname = \"Phase %d\"\n", i;
        if (i % 3 == 0) printf "start = %s\nend = %s\n", d, d;
        else if (i % 7 == 0) printf "on = %s\n", d;
        else if (i % 2 == 0) printf "due = %s\ndone = %s\n", d, d;
        else printf "due = %s\n", d;
    }
}' >"$work/many.toml"

# Every function a run executes, by its symbol (callgrind names them undemangled).
ran() {
    valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/out" \
        "$bin" --color never "$@" >/dev/null 2>&1 || true
    grep -ohE '^c?fn=\([0-9]+\) .*' "$work/out" | sed -E 's/^c?fn=\([0-9]+\) //'
}
{
    for f in schedule.toml "$work/many.toml" tests/fixtures/real/*.toml; do
        for today in 2021-06-20 2024-03-01 2000-06-01; do
            ran -f "$f" --today "$today" status
        done
        ran -f "$f" --today 2021-06-20 upcoming
        ran -f "$f" --today 2021-06-20 overdue
        ran -f "$f" --today 2021-06-20 phases
        ran -f "$f" --today 2021-06-20 status --format json
        ran -f "$f" --today 2021-06-20 remind
        ran -f "$f" --today 2021-06-20 check
    done
    ran -f tests/fixtures/portfolio --today 2021-06-20 status
} | awk '!seen[$0]++' >"$work/ran"
nm "$bin" | awk '$2 ~ /^[tTwW]$/ {print $3}' | sort -u >"$work/defined"
# In the order first run, only what the binary defines (not valgrind's own names).
awk 'NR == FNR {defined[$0] = 1; next} defined[$0]' "$work/defined" "$work/ran" >"$work/hot"

if [ "$mode" = "--check" ]; then
    total="$(wc -l <"$work/hot")"
    listed="$(grep -cxFf "$list" "$work/hot" || true)"
    echo "hot symbols: $listed of the $total functions the reports run are in $list"
    if [ $((listed * 100)) -lt $((total * 90)) ]; then
        echo "under 90%: run scripts/hot-symbols.sh and commit $list" >&2
        exit 1
    fi
else
    cp "$work/hot" "$list"
    echo "$list: $(wc -l <"$list") functions"
fi
