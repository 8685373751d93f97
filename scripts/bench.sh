#!/usr/bin/env bash
# Times `vision-sched status` against `remind` as whole processes, side by side, on generated
# schedules of 10, 1,000, 10,000 and 100,000 phases and on the bundled schedule, each with an
# equivalent remind file (a `REM date MSG` line per event). Prints medians, the ratio to remind,
# and peak memory at 100,000 phases.
#
#   scripts/bench.sh [RUNS]        default RUNS: 30 per command
#
# Needs remind, hyperfine and GNU time (Debian packages; installed when missing) and python3.
# The machine may be shared: the script runs under `nice`, and medians are reported, not means.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-30}"

missing=()
command -v remind >/dev/null || missing+=(remind)
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}"
fi

nice cargo build --release --quiet
bin="$PWD/target/release/vision-sched"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The cache lives in the work folder; the uncached runs point at a folder that cannot exist.
export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"
nocache="/proc/vision-sched-no-cache"

# Schedules: phase i starts on day i from 2000-01-01 (two-week windows; milestones delivered two
# days late, every tenth never), today in the middle. Then each schedule.toml as a remind file.
python3 - "$work" <<'PY'
import datetime, sys, tomllib
work = sys.argv[1]
base = datetime.date(2000, 1, 1)
def day(i): return base + datetime.timedelta(days=i)

def generate(n):
    lines = ['[document]', 'timezone = "UTC"']
    for i in range(n):
        lines += ['', '[[phase]]', f'name = "Phase {i} of the generated schedule"']
        if i % 3 == 0:
            lines += [f'start = {day(i)}', f'end = {day(i + 13)}']
        elif i % 10 == 9:
            lines += [f'due = {day(i)}']
        else:
            lines += [f'due = {day(i)}', f'done = {day(i + 2)}']
    return '\n'.join(lines) + '\n', day(n // 2)

def remind_of(toml_path, today):
    """A REM line per event: a window's first and last day, a milestone's due date unless done."""
    with open(toml_path, 'rb') as f:
        doc = tomllib.load(f)
    out = []
    for p in doc.get('phase', []):
        name = p['name'].replace('[', '(').replace(']', ')')
        if 'start' in p:
            out.append(f"REM {p['start']} MSG {name} starts")
        if 'end' in p or 'until' in p:
            out.append(f"REM {p.get('end', p.get('until'))} MSG {name} ends")
        if 'due' in p and not ('done' in p and p['done'] <= today):
            out.append(f"REM {p['due']} MSG {name} due")
    return '\n'.join(out) + '\n'

cases = []
for n in (10, 1000, 10000, 100000):
    text, today = generate(n)
    with open(f'{work}/s{n}.toml', 'w') as f:
        f.write(text)
    cases.append((str(n), f'{work}/s{n}.toml', today))
cases.append(('bundled', 'schedule.toml', datetime.date(2021, 6, 20)))
with open(f'{work}/cases', 'w') as listing:
    for name, path, today in cases:
        with open(f'{work}/{name}.rem', 'w') as f:
            f.write(remind_of(path, today))
        listing.write(f'{name} {path} {today}\n')
PY

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$("$bin" --version), $(remind -V 2>&1 | head -1 | cut -d' ' -f1-2), $(hyperfine --version)"
echo

while read -r name path today; do
    rem="$work/$name.rem"
    echo "== $name phases ($(wc -l <"$rem") remind lines), today $today"
    nice hyperfine -N --style basic --warmup 3 --runs "$runs" \
        --export-json "$work/$name.json" \
        -n "vision-sched (cached)" "$bin -f $path --today $today --color never status" \
        -n "vision-sched (no cache)" "env XDG_CACHE_HOME=$nocache $bin -f $path --today $today --color never status" \
        -n "remind" "remind $rem $today" >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
done <"$work/cases"

echo
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
print(f"{'phases':>8} {'cached ms':>10} {'no cache ms':>12} {'remind ms':>10} {'cached/remind':>14} {'no cache/remind':>16}")
for name in ('bundled', '10', '1000', '10000', '100000'):
    r = {x['command']: x for x in json.load(open(f'{work}/{name}.json'))['results']}
    med = lambda k: r[k]['median'] * 1000
    c, u, m = med('vision-sched (cached)'), med('vision-sched (no cache)'), med('remind')
    print(f"{name:>8} {c:10.1f} {u:12.1f} {m:10.1f} {c / m:14.2f} {u / m:16.2f}")
PY

echo
echo "peak memory at 100,000 phases (maximum resident set, median of 5):"
today="$(awk '$1 == "100000" {print $3}' "$work/cases")"
peak() {
    for _ in 1 2 3 4 5; do
        /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'
    done | sort -n | sed -n 3p
}
printf '  %-24s %6s KiB\n' "vision-sched (cached)" "$(peak "$bin" -f "$work/s100000.toml" --today "$today" status)"
printf '  %-24s %6s KiB\n' "vision-sched (no cache)" "$(peak env XDG_CACHE_HOME=$nocache "$bin" -f "$work/s100000.toml" --today "$today" status)"
printf '  %-24s %6s KiB\n' "remind" "$(peak remind "$work/100000.rem" "$today")"
