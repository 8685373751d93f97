#!/usr/bin/env bash
# Runs the hook of .pre-commit-hooks.yaml with the real pre-commit (from PyPI) on a temp git
# repository, as `pre-commit try-repo` on this repository: pre-commit builds vision-sched with
# `cargo install` (language: rust) from this repository's HEAD, plus any uncommitted changes, and
# runs the hook. It must pass a schedule with nothing overdue, fail an overdue one with check's
# line, and skip a commit that touches neither the schedule nor a Markdown file. The build is
# unoptimised (the release profile overridden): what is checked is the hook, not the optimiser.
#
#   scripts/pre-commit-check.sh
#
# pre-commit goes into a virtualenv under target/; its cache (PRE_COMMIT_HOME) and the build
# (CARGO_TARGET_DIR) stay under target/ too, so a second run only rebuilds what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
here="$PWD"

venv="target/pre-commit-venv"
if ! "$venv/bin/pre-commit" --version >/dev/null 2>&1; then
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check 'pre-commit==4.7.0'
fi
pre_commit="$here/$venv/bin/pre-commit"
export PRE_COMMIT_HOME="$here/target/pre-commit-home"
export CARGO_TARGET_DIR="$here/target/pre-commit-target"
# `cargo install` builds with the release profile, whose fat LTO in one unit takes minutes and
# tells nothing about the hook: here it builds as a debug build does.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=256 CARGO_PROFILE_RELEASE_INCREMENTAL=false
# Nothing of the caller's environment may decide what the hook prints.
unset VISION_SCHED_FILE VISION_SCHED_TODAY GITHUB_ACTIONS NO_COLOR CLICOLOR CLICOLOR_FORCE \
    XDG_CONFIG_HOME GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export TZ=UTC

work="$(mktemp -d "${TMPDIR:-/tmp}/vision-sched-pre-commit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
mkdir -p "$HOME"
cd "$work"
mkdir repo && cd repo
git init -q
git config user.email test@example.org
git config user.name test

fail() {
    echo "pre-commit check: $*" >&2
    exit 1
}

try() {
    set +e
    "$pre_commit" try-repo "$here" vision-sched-check "$@" >"$work/out" 2>&1
    code=$?
    set -e
    cat "$work/out"
}

cat >schedule.toml <<'TOML'
[[phase]]
name = "Far milestone"
due = 9999-12-30
TOML
echo "# Notes" >README.md
git add schedule.toml README.md

try --all-files
[ "$code" = 0 ] || fail "a schedule with nothing overdue failed (exit $code)"
grep -q '^vision-sched check\.*Passed$' "$work/out" || fail "the hook did not run and pass"

cat >schedule.toml <<'TOML'
[[phase]]
name = "Late milestone"
due = 2000-01-01
TOML
git add schedule.toml
try --all-files
[ "$code" = 1 ] || fail "an overdue milestone did not fail the hook (exit $code)"
grep -q '^vision-sched check\.*Failed$' "$work/out" || fail "the hook did not fail"
grep -q '^schedule.toml:2: `Late milestone` is [0-9]* days overdue (due 2000-01-01)$' "$work/out" ||
    fail "check's line is not in the hook's output"

echo notes >notes.txt
git add notes.txt
try --files notes.txt
[ "$code" = 0 ] || fail "a commit of other files ran the hook (exit $code)"
grep -q '^vision-sched check\.*(no files to check)Skipped$' "$work/out" || fail "the hook was not skipped"

echo "pre-commit check: the hook passes, fails an overdue milestone and skips other files"
