#!/usr/bin/env bash
# Runs a cargo-fuzz target for a while, installing cargo-fuzz first if it is missing.
#
#   scripts/fuzz.sh [TARGET] [SECONDS]      defaults: load_evaluate, 1800 (30 minutes)
#
# The machine has only a stable toolchain: RUSTC_BOOTSTRAP lets cargo-fuzz use the nightly
# flags it needs, and `-s none` builds without a sanitizer (stable has none). Findings land in
# fuzz/artifacts/TARGET/; the corpus grows in fuzz/corpus/TARGET/ (both ignored by git).
# Reproduce a finding with: scripts/fuzz.sh TARGET 0 fuzz/artifacts/TARGET/crash-...
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-load_evaluate}"
seconds="${2:-1800}"
shift $(( $# > 2 ? 2 : $# ))

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

corpus="fuzz/corpus/$target"
mkdir -p "$corpus"
# Seed with every schedule the tests know, so the fuzzer starts from real files.
for f in schedule.toml tests/bad_input/*.toml tests/fixtures/*/*.toml; do
    [ -f "$f" ] && cp -n "$f" "$corpus/seed-$(basename "$(dirname "$f")")-$(basename "$f")" || true
done

export RUSTC_BOOTSTRAP=1
if [ "$#" -gt 0 ]; then
    # Replay the given inputs (regression check of a finding).
    exec nice cargo fuzz run -s none "$target" "$@"
fi
exec nice cargo fuzz run -s none "$target" "$corpus" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -dict=fuzz/toml.dict -print_final_stats=1
