#!/usr/bin/env bash
# Times `vision-sched status` against `remind` as whole processes, side by side, on generated
# schedules of 10, 1,000, 10,000 and 100,000 phases and on the bundled schedule, each with an
# equivalent remind file (a `REM date MSG` line per event). Prints medians, the ratio to remind,
# and peak memory at 100,000 phases.
#
#   scripts/bench.sh [RUNS]        default RUNS: 30 per command at 100,000 phases, 100 below
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
# The cache lives in the work folder: "cached" runs find their entry there; "first run" runs
# start with it removed, so they parse the file and write the entry, as after an edit.
export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"

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
echo "$("$bin" --version), remind $(remind -V 2>&1 | grep -m1 -o 'REMIND [0-9.]*' | cut -d' ' -f2), $(hyperfine --version)"
echo

while read -r name path today; do
    rem="$work/$name.rem"
    echo "== $name phases ($(wc -l <"$rem") remind lines), today $today"
    status="$bin -f $path --today $today --color never status"
    n="$runs"
    [ "$name" = 100000 ] || n=$((runs * 10 / 3))
    nice hyperfine -N --style basic --warmup 5 --runs "$n" \
        --export-json "$work/$name.json" \
        --prepare "true" -n "cached" "$status" \
        --prepare "rm -rf $XDG_CACHE_HOME" -n "first run" "$status" \
        --prepare "true" -n "remind" "remind $rem $today" \
        >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
done <"$work/cases"

echo
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
print("median wall time of whole processes, ms (small files without cadences are never cached)")
print(f"{'phases':>8} {'cached':>8} {'first run':>10} {'remind':>8} {'cached/remind':>14} {'first/remind':>13}")
for name in ('bundled', '10', '1000', '10000', '100000'):
    r = {x['command']: x for x in json.load(open(f'{work}/{name}.json'))['results']}
    med = lambda k: r[k]['median'] * 1000
    c, u, m = med('cached'), med('first run'), med('remind')
    print(f"{name:>8} {c:8.1f} {u:10.1f} {m:8.1f} {c / m:14.2f} {u / m:13.2f}")
PY

echo
echo "peak memory at 100,000 phases (maximum resident set, median of 5):"
today="$(awk '$1 == "100000" {print $3}' "$work/cases")"
peak() {
    for _ in 1 2 3 4 5; do
        /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'
    done | sort -n | sed -n 3p
}
printf '  %-30s %7s KiB\n' "vision-sched, cached" "$(peak "$bin" -f "$work/s100000.toml" --today "$today" status)"
printf '  %-30s %7s KiB\n' "vision-sched, no cache (parse)" \
    "$(peak env XDG_CACHE_HOME=/proc/none "$bin" -f "$work/s100000.toml" --today "$today" status)"
printf '  %-30s %7s KiB\n' "remind" "$(peak remind "$work/100000.rem" "$today")"

echo
echo "cost per phase, cached (linear if about constant):"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
med = lambda n: {x['command']: x for x in json.load(open(f'{work}/{n}.json'))['results']}['cached']['median'] * 1000
base = med('10')
for n in (1000, 10000, 100000):
    print(f"  {n:>7} phases: {(med(str(n)) - base) / n * 1000:6.2f} µs a phase above start-up")
PY
