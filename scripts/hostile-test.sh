#!/usr/bin/env bash
# Runs `cargo test` in a hostile environment: the suite must pass whatever the developer's shell
# says, because every run of the binary goes through the cli harness's sandbox
# (tests/cli/common.rs) and no unit test reads the environment. The sandbox alone cannot show
# that: the unit tests run in the test process, with its environment, and a test that ran a
# program another way would inherit it; so the whole suite runs again here.
#
#   scripts/hostile-test.sh [CARGO TEST ARGS]
#
# The hostile environment: a temp HOME whose ~/.config/vision-sched/config.toml, and the same
# under a temp XDG_CONFIG_HOME, say colour always, a 1-day horizon and the Pacific/Kiritimati
# zone (UTC+14); TZ=garbage, NO_COLOR=1, COLUMNS=20, GITHUB_ACTIONS=true, CLICOLOR_FORCE=1; and
# the program's other variables set to wrong values too. Cargo and rustup keep their own folders.
set -euo pipefail
cd "$(dirname "$0")/.."

# Cargo and rustup find their homes from HOME unless told: keep the real ones.
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"

hostile="$(mktemp -d "${TMPDIR:-/tmp}/vision-sched-hostile.XXXXXX")"
trap 'rm -rf "$hostile"' EXIT
config='color = "always"
horizon = "1d"
timezone = "Pacific/Kiritimati"'
mkdir -p "$hostile/home/.config/vision-sched" "$hostile/xdg/vision-sched"
printf '%s\n' "$config" >"$hostile/home/.config/vision-sched/config.toml"
printf '%s\n' "$config" >"$hostile/xdg/vision-sched/config.toml"

export HOME="$hostile/home"
export XDG_CONFIG_HOME="$hostile/xdg"
export TZ=garbage
export NO_COLOR=1
export COLUMNS=20
export GITHUB_ACTIONS=true
export CLICOLOR_FORCE=1
# Also wrong: the other variables the program reads.
export CLICOLOR=1
export TERM=dumb
export VISION_SCHED_FILE="$hostile/no-such-schedule.toml"
export VISION_SCHED_TODAY=1999-12-31
# A webhook nothing listens on, and a proxy that does not exist: `remind` would post or fail.
export VISION_SCHED_WEBHOOK=http://127.0.0.1:9/hostile
export VISION_SCHED_MATRIX_TOKEN=hostile
export ALL_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9
# Long waits: the sandbox sets its own short ones.
export VISION_SCHED_TEST_WAITS=lock=1m,post-timeout=1m,post-backoff=1m
# (Not SOURCE_DATE_EPOCH: a dependency's build script reads it, so setting it would rebuild the
# suite twice, here and in the next plain run. The sandbox never passes it on either way.)
export XDG_CACHE_HOME="$hostile/cache"
export XDG_DATA_HOME="$hostile/data"

# A check, not an update: snapshots and trycmd cases are compared, never rewritten.
export INSTA_UPDATE=no
unset TRYCMD
# Each property test draws the cases it asks for, as in the plain run: PROPTEST_CASES would
# override them all, the few cases of the slow ones included.
unset PROPTEST_CASES

echo "hostile environment: HOME=$HOME TZ=$TZ NO_COLOR=$NO_COLOR COLUMNS=$COLUMNS" \
    "GITHUB_ACTIONS=$GITHUB_ACTIONS CLICOLOR_FORCE=$CLICOLOR_FORCE"
cargo test "$@"
