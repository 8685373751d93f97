#!/usr/bin/env bash
# The performance contract (BENCHMARKS.md): vision-sched against remind (the C tool) on the same
# events, as whole processes, in strictly alternating pairs.
#
#   scripts/bench.sh          the full run: 15 to 24 minutes on 2 shared cores under a load of 2
#                             to 12 (builds not counted), two thirds of it the 100,000 pairs of the
#                             everyday schedules, whose runs take 1 to 3 ms each
#   scripts/bench.sh quick    a sanity check in about a minute (30 to 66 s); too few pairs for
#                             the figures of BENCHMARKS.md
#
# It installs remind and GNU time from Debian when missing, builds the static release binary
# (`cargo build-static`) and the default one (`cargo build --release`), and a hello world each
# way under target/bench/hello, with the same profile and the same alias, as the floor to
# measure start-up from. Inputs (schedules of 8 to 100,000 phases, the bundled schedule, a
# folder of 10,000 files, each with a remind file of the same events) are written to
# target/bench/inputs by scripts/bench_inputs.py; scripts/bench_pairs.py times the pairs and
# prints Markdown tables, kept in target/bench/results-MODE.md to paste into BENCHMARKS.md.
# Everything runs under `nice`: the machine is shared, and pairs see a neighbour's load alike.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-full}"
case "$mode" in
    full | quick) ;;
    *)
        echo "usage: scripts/bench.sh [full|quick]" >&2
        exit 2
        ;;
esac

missing=()
command -v remind >/dev/null || missing+=(remind)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq "${missing[@]}"
fi

nice cargo build --release --quiet
nice cargo build-static --quiet
static="$PWD/target/x86_64-unknown-linux-gnu/release/vision-sched"
default="$PWD/target/release/vision-sched"

# The hello world: a package of its own (its own [workspace]), under this repository so that
# .cargo/config.toml's build-static alias links it exactly as vision-sched's static build. Its
# files are written only when they change, so that cargo does not build it again each time.
write() {
    if [ ! -f "$1" ] || [ "$(cat "$1")" != "$2" ]; then
        printf '%s\n' "$2" >"$1"
    fi
}
hello="$PWD/target/bench/hello"
mkdir -p "$hello/src"
profile="$(sed -n '/^\[profile.release\]/,/^$/p' Cargo.toml)"
write "$hello/Cargo.toml" "$(printf '%s\n' '[package]' 'name = "hello"' 'version = "0.0.0"' \
    'edition = "2024"' '' '[workspace]' '' "$profile")"
write "$hello/src/main.rs" 'fn main() { println!("Hello, world!"); }'
(cd "$hello" && nice cargo build --release --quiet && nice cargo build-static --quiet)

# Written again when the generator changes (its `cases` listing comes last): 20,000 small files
# take from 4 to 40 s to write on a busy disk.
inputs="$PWD/target/bench/inputs"
if [ ! -f "$inputs/cases" ] || [ scripts/bench_inputs.py -nt "$inputs/cases" ]; then
    rm -rf "$inputs"
    nice python3 scripts/bench_inputs.py "$inputs"
fi

out="target/bench/results-$mode.md"
{
    echo "## Machine"
    echo
    cpu="$(lscpu | sed -n 's/^Model name: *//p')"
    vm="$(lscpu | sed -n 's/^Hypervisor vendor: *//p')"
    echo "- $(nproc) cores: $cpu${vm:+ ($vm)}, Linux $(uname -r), Debian $(cat /etc/debian_version)"
    echo "- $(rustc -V), $(remind -V 2>&1 | grep -m1 -o 'REMIND [0-9.]*'), $(python3 -V)"
    echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- vision-sched $(git describe --always --dirty), \`scripts/bench.sh $mode\`"
    echo
    nice python3 scripts/bench_pairs.py "$mode" "$inputs" "$static" "$default" \
        "$hello/target/x86_64-unknown-linux-gnu/release/hello" "$hello/target/release/hello"
    echo
    echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "$out"
echo "(written to $out)" >&2
