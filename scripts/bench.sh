#!/usr/bin/env bash
# Times `vision-sched status` against `remind` as whole processes, side by side, on the bundled
# schedule and on generated schedules of 8, 1,000, 10,000 and 100,000 phases, each with an
# equivalent remind file (a `REM date MSG` line per event). Both builds are timed: the default
# release build and the static one (`cargo build-static`, see .cargo/config.toml). Each case is
# timed in interleaved rounds, one hyperfine run of the three commands a round, so that a
# neighbour's load falls on all three alike; it prints the median over rounds of each one's
# median and of the ratios to remind, peak memory at 100,000 phases, the cost per phase, and a
# daily cadence from 0001-01-01 asked about 9999-12-31. Then a portfolio: 1,000 and 10,000
# schedule files of 20 phases each in a folder tree (`status -f tree/`), against remind reading
# the same events through one INCLUDE per file; with the files read on every core and on one.
#
#   scripts/bench.sh [RUNS]        default RUNS: 30, as rounds of RUNS/3 + 2 runs of each command:
#                                  ten rounds, three at 100,000 phases
#
# Needs remind, hyperfine and GNU time (Debian packages; installed when missing) and python3.
# The machine may be shared: the script runs under `nice`, and medians are reported, not means.
# Nothing is cached between runs: every run reads and parses its schedule.
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
nice cargo build-static --quiet
dynamic="$PWD/target/release/vision-sched"
static="$PWD/target/x86_64-unknown-linux-gnu/release/vision-sched"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/cache" XDG_CONFIG_HOME="$work/config"

# Schedules: phase i starts on day i from 2000-01-01 (two-week windows; milestones delivered two
# days late, every tenth never), today in the middle. Then each schedule as a remind file.
python3 - "$work" <<'PY'
import datetime, sys
work = sys.argv[1]
base = datetime.date(2000, 1, 1)
def day(i): return base + datetime.timedelta(days=i)

def generate(n):
    toml = ['[document]', 'timezone = "UTC"']
    rem = []
    today = day(n // 2)
    for i in range(n):
        name = f"Phase {i} of the generated schedule"
        toml += ['', '[[phase]]', f'name = "{name}"']
        if i % 3 == 0:
            toml += [f'start = {day(i)}', f'end = {day(i + 13)}']
            rem += [f"REM {day(i)} MSG {name} starts", f"REM {day(i + 13)} MSG {name} ends"]
        elif i % 10 == 9:
            toml += [f'due = {day(i)}']
            rem += [f"REM {day(i)} MSG {name} due"]
        else:
            toml += [f'due = {day(i)}', f'done = {day(i + 2)}']
            if day(i + 2) > today:
                rem += [f"REM {day(i)} MSG {name} due"]
    return '\n'.join(toml) + '\n', '\n'.join(rem) + '\n', today

with open(f'{work}/cases', 'w') as listing:
    for n in (8, 1000, 10000, 100000):
        toml, rem, today = generate(n)
        open(f'{work}/s{n}.toml', 'w').write(toml)
        open(f'{work}/{n}.rem', 'w').write(rem)
        listing.write(f'{n} {work}/s{n}.toml {today}\n')
    # The bundled schedule's 2021 rows as remind lines, and the same day.
    bundled = [
        "REM 2021-03-31 MSG Drafting initial stories and proposals ends",
        "REM 2021-03-31 MSG 2021 Q1 revision published due",
    ]
    for q, (s, e) in {2: ('06-14', '06-30'), 3: ('09-13', '09-30'), 4: ('11-29', '12-10')}.items():
        bundled += [f"REM 2021-{s} MSG 2021 Q{q} revision process begins starts",
                    f"REM 2021-{e} MSG 2021 Q{q} revision process begins ends",
                    f"REM 2021-{e} MSG 2021 Q{q} revision published due"]
    open(f'{work}/bundled.rem', 'w').write('\n'.join(bundled) + '\n')
    listing.write(f'bundled schedule.toml 2021-06-20\n')
PY

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$("$dynamic" --version), remind $(remind -V 2>&1 | grep -m1 -o 'REMIND [0-9.]*' | cut -d' ' -f2), $(hyperfine --version)"
echo

while read -r name path today; do
    rem="$work/$name.rem"
    echo "== $name phases ($(wc -l <"$rem") remind lines), today $today"
    rounds=10
    [ "$name" = 100000 ] && rounds=3
    for round in $(seq "$rounds"); do
        nice hyperfine -N --style basic --warmup 3 --runs $((runs / 3 + 2)) \
            --export-json "$work/$name.$round.json" \
            -n "default" "$dynamic -f $path --today $today --color never status" \
            -n "static" "$static -f $path --today $today --color never status" \
            -n "remind" "remind $rem $today" \
            >"$work/$name.log" 2>&1 || { cat "$work/$name.log"; exit 1; }
    done
done <"$work/cases"

echo
python3 - "$work" <<'PY'
import glob, json, statistics, sys
work = sys.argv[1]
print("wall time of whole processes, ms: the median over rounds of each round's median")
print(f"{'phases':>8} {'default':>8} {'static':>8} {'remind':>8} {'default/remind':>15} {'static/remind':>14}")
medians = {}
for name in ('bundled', '8', '1000', '10000', '100000'):
    rounds = []
    for f in glob.glob(f'{work}/{name}.*.json'):
        r = {x['command']: x['median'] * 1000 for x in json.load(open(f))['results']}
        rounds.append(r)
    med = lambda f: statistics.median(f(r) for r in rounds)
    d, s, m = med(lambda r: r['default']), med(lambda r: r['static']), med(lambda r: r['remind'])
    medians[name] = s
    dr, sr = med(lambda r: r['default'] / r['remind']), med(lambda r: r['static'] / r['remind'])
    print(f"{name:>8} {d:8.2f} {s:8.2f} {m:8.2f} {dr:15.2f} {sr:14.2f}")
json.dump(medians, open(f'{work}/static.json', 'w'))
PY

echo
echo "peak memory at 100,000 phases (maximum resident set, median of 5):"
today="$(awk '$1 == "100000" {print $3}' "$work/cases")"
peak() {
    for _ in 1 2 3 4 5; do
        /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident/ {print $2}'
    done | sort -n | sed -n 3p
}
printf '  %-30s %7s KiB\n' "vision-sched" "$(peak "$static" -f "$work/s100000.toml" --today "$today" status)"
printf '  %-30s %7s KiB\n' "remind" "$(peak remind "$work/100000.rem" "$today")"

echo
echo "cost per phase above start-up (linear if about constant), static build:"
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
med = json.load(open(f'{work}/static.json')).get
base = med('8')
for n in (1000, 10000, 100000):
    print(f"  {n:>7} phases: {(med(str(n)) - base) / n * 1000:6.2f} µs a phase")
PY

echo
echo "a daily cadence from 0001-01-01 on 9999-12-31 (3.65 million overdue cycles):"
cat >"$work/daily.toml" <<'TOML'
[[cadence]]
every = "day"
from = 0001-01-01

[[cadence.phase]]
name = "day {n} report"
due = "first day"
TOML
nice hyperfine -N --style basic --warmup 3 --runs 30 --export-json "$work/daily.json" \
    "$static -f $work/daily.toml --today 9999-12-31 --color never status" >/dev/null 2>&1
python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print(f\"  status: {r['median']*1000:.2f} ms median\")" "$work/daily.json"
printf '  status peak memory: %s KiB\n' "$(peak "$static" -f "$work/daily.toml" --today 9999-12-31 status)"
printf '  overdue (every line, streamed) peak memory: %s KiB\n' \
    "$(peak "$static" -f "$work/daily.toml" --today 9999-12-31 overdue --format json)"

# A portfolio: N schedule files of 20 phases each, 8 written and 12 generated (a yearly review
# cadence of 6 cycles with a two-week window and a due date), in folders of 100; and the same
# events as remind files, one per schedule, INCLUDEd by one top file.
python3 - "$work" <<'PY'
import datetime, os, sys
work = sys.argv[1]
today = datetime.date(2026, 12, 1)
base = datetime.date(2022, 1, 1)
def day(i): return base + datetime.timedelta(days=i)
for n in (1000, 10000):
    root = f"{work}/p{n}"
    top = []
    for f in range(n):
        team = f"team{f // 100:03d}"
        os.makedirs(f"{root}/tree/{team}", exist_ok=True)
        os.makedirs(f"{root}/rem/{team}", exist_ok=True)
        toml = [f'[document]\ntitle = "Policy {f}"\n']
        rem = []
        for i in range(8):
            k = (f * 37 + i * 131) % 1400
            name = f"Step {i}"
            if i % 4 == 0:
                toml.append(f'[[phase]]\nname = "{name}"\nstart = {day(k)}\nend = {day(k + 13)}\n')
                rem += [f"REM {day(k)} MSG Policy {f}: {name} starts",
                        f"REM {day(k + 13)} MSG Policy {f}: {name} ends"]
            elif i % 4 == 1:
                toml.append(f'[[phase]]\nname = "{name}"\ndue = {day(k)}\n')
                rem.append(f"REM {day(k)} MSG Policy {f}: {name} due")
            else:
                toml.append(f'[[phase]]\nname = "{name}"\ndue = {day(k)}\ndone = {day(k + 2)}\n')
                if day(k + 2) > today:
                    rem.append(f"REM {day(k)} MSG Policy {f}: {name} due")
        month = f % 12 + 1
        toml.append(f'[[cadence]]\nevery = "year"\nfrom = 2022-{month:02d}-01\ncount = 6\n\n'
                    '[[cadence.phase]]\nname = "{year} review window"\nstart = "first day"\nend = "day 14"\n\n'
                    '[[cadence.phase]]\nname = "{year} review"\ndue = "day 14"\n')
        for y in range(2022, 2028):
            s, e = datetime.date(y, month, 1), datetime.date(y, month, 14)
            rem += [f"REM {s} MSG Policy {f}: {y} review window starts",
                    f"REM {e} MSG Policy {f}: {y} review window ends",
                    f"REM {e} MSG Policy {f}: {y} review due"]
        open(f"{root}/tree/{team}/policy{f:05d}.toml", "w").write("\n".join(toml))
        open(f"{root}/rem/{team}/policy{f:05d}.rem", "w").write("\n".join(rem) + "\n")
        top.append(f"INCLUDE {root}/rem/{team}/policy{f:05d}.rem")
    open(f"{root}/rem/all.rem", "w").write("\n".join(top) + "\n")
PY

echo
echo "a portfolio of schedule files (20 phases each), status -f tree/ on 2026-12-01, median ms:"
printf '  %6s %9s %9s %9s %15s %15s\n' files default one-core remind default/remind one-core/remind
for n in 1000 10000; do
    p="$work/p$n"
    k="$runs"
    [ "$n" = 10000 ] && k=$((runs / 3 + 1))
    nice hyperfine -N --style basic --warmup 3 --runs "$k" --export-json "$work/p$n.json" \
        -n default "$dynamic -f $p/tree --today 2026-12-01 --color never status" \
        -n one-core "taskset -c 0 $dynamic -f $p/tree --today 2026-12-01 --color never status" \
        -n remind "remind $p/rem/all.rem 2026-12-01" >"$work/p$n.log" 2>&1 || { cat "$work/p$n.log"; exit 1; }
    python3 - "$work/p$n.json" "$n" <<'PY'
import json, sys
r = {x['command']: x['median'] * 1000 for x in json.load(open(sys.argv[1]))['results']}
d, o, m = r['default'], r['one-core'], r['remind']
print(f"  {sys.argv[2]:>6} {d:9.2f} {o:9.2f} {m:9.2f} {d / m:15.2f} {o / m:15.2f}")
PY
done
echo "portfolio peak memory (maximum resident set, median of 5):"
for n in 1000 10000; do
    printf '  %6s files: vision-sched %7s KiB, remind %7s KiB\n' "$n" \
        "$(peak "$dynamic" -f "$work/p$n/tree" --today 2026-12-01 status)" \
        "$(peak remind "$work/p$n/rem/all.rem" 2026-12-01)"
done
if command -v strace >/dev/null; then
    opened="$(strace -f -e trace=openat "$dynamic" -f "$work/p1000/tree" --today 2026-12-01 status \
        2>&1 >/dev/null | grep -c '\.toml", O_RDONLY')"
    echo "  schedule files opened for 1,000 files: $opened"
fi
