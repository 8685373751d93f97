#!/usr/bin/env bash
# Draws vision-sched's pictures as readers see them, into PNGs under target/look/, and checks
# with the real renderers what the Rust tests cannot:
#
# - the SVG timeline (`export svg`) in Debian's Chromium, light and dark;
# - the Mermaid chart (`render --format mermaid`) with the Mermaid CLI (npm
#   @mermaid-js/mermaid-cli, with Mermaid pinned to 11.3.0, the version GitHub was last seen
#   running) in the same Chromium; its SVG is checked by scripts/look_check.py: "June 14 - June
#   30" is drawn over exactly 17 days, and every name of tests/fixtures/pictures/hostile.toml
#   is one task showing its own text;
# - the Mermaid chart's axis over tasks covering 3 weeks, 4 months (Kubernetes 1.30), a year
#   and 6 years, in Mermaid 11.3.0 and in 11.17.2: no tick label repeats ("Jan Jan Jan Feb").
#
#   scripts/look.sh [BINARY]    (default: target/debug/vision-sched, built when missing)
#
# The Mermaid CLI is installed under target/look/node, and again with Mermaid 11.17.2 under
# target/look/node-11.17 (puppeteer's browser download skipped).
# Chromium is installed with apt-get when missing and this runs as root; otherwise the script
# says how and exits 2. .ci/run runs it only when chromium is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="${1:-target/debug/vision-sched}"
if [ ! -x "$bin" ]; then
    cargo build --quiet
fi
out="target/look"
mkdir -p "$out"

chromium="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -q chromium >/dev/null
        chromium="$(command -v chromium)"
    else
        echo "look.sh: no chromium; install it (apt-get install chromium) and run again" >&2
        exit 2
    fi
fi

# install DIR VERSION: the Mermaid CLI with Mermaid VERSION in DIR, unless it is there.
install() {
    local node="$1" version="$2"
    if [ -x "$node/node_modules/.bin/mmdc" ] &&
        grep -q "\"version\": \"$version\"" "$node/node_modules/mermaid/package.json"; then
        return
    fi
    rm -rf "$node"
    mkdir -p "$node"
    cat >"$node/package.json" <<EOF
{
  "private": true,
  "dependencies": {
    "@mermaid-js/mermaid-cli": "11.4.2",
    "puppeteer": "23.11.1",
    "mermaid": "$version"
  },
  "overrides": { "mermaid": "$version" }
}
EOF
    (cd "$node" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund)
}
# Both at once: the time is npm's downloads.
install "$out/node" 11.3.0 &
first=$!
install "$out/node-11.17" 11.17.2 &
second=$!
wait "$first"
wait "$second"
mmdc="$out/node/node_modules/.bin/mmdc"
mmdc_new="$out/node-11.17/node_modules/.bin/mmdc"
# Chromium as the machine's own, without a sandbox (root) and without reaching out.
flags=(--no-sandbox --disable-gpu --disable-background-networking --disable-component-update
    --disable-sync --no-first-run --hide-scrollbars)
printf '{"executablePath": "%s", "args": [%s]}\n' "$chromium" \
    "$(printf '"%s",' "${flags[@]}" | sed 's/,$//')" >"$out/puppeteer.json"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

# svg NAME ARGS...: the SVG timeline, and its screenshots in the light and dark palettes.
svg() {
    local name="$1"
    shift
    "$bin" export svg "$@" -o "$out/$name.svg"
    local size
    size="$(sed -n '1s/.* width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' "$out/$name.svg")"
    for scheme in light dark; do
        local setting=1
        [ "$scheme" = dark ] && setting=0
        "$chromium" --headless "${flags[@]}" --user-data-dir="$profile" \
            --blink-settings="preferredColorScheme=$setting" --window-size="$size" \
            --screenshot="$out/$name-svg-$scheme.png" "file://$PWD/$out/$name.svg" 2>/dev/null
    done
    echo "$out/$name-svg-light.png, $out/$name-svg-dark.png ($size)"
}

# mermaid NAME ARGS...: the Mermaid block, drawn by the Mermaid CLI to SVG and PNG.
mermaid() {
    local name="$1"
    shift
    "$bin" render --format mermaid "$@" >"$out/$name.md"
    sed '1d;$d' "$out/$name.md" >"$out/$name.mmd"
    "$mmdc" --quiet -p "$out/puppeteer.json" -i "$out/$name.mmd" -o "$out/$name-mermaid.svg"
    "$mmdc" --quiet -p "$out/puppeteer.json" -i "$out/$name.mmd" -o "$out/$name-mermaid.png" \
        -w 1200 -b white
    echo "$out/$name-mermaid.png"
}

# axis NAME ARGS...: one more chart for the axis check, drawn by draw_axes with the others.
axes=()
axis() {
    local name="$1"
    shift
    "$bin" render --format mermaid "$@" >"$out/axis-$name.md"
    axes+=("$name")
}

# draw_axes: every axis chart in both Mermaid versions, each version in one run of the Mermaid
# CLI (a Markdown file's charts are drawn to OUT-1.svg, OUT-2.svg, ... in their order), since each
# run starts a browser.
draw_axes() {
    local name i
    for name in "${axes[@]}"; do cat "$out/axis-$name.md"; done >"$out/axes.md"
    for version in 11.3 11.17; do
        local cli="$mmdc"
        [ "$version" = 11.17 ] && cli="$mmdc_new"
        rm -f "$out"/axes-"$version"-*.svg
        "$cli" --quiet -p "$out/puppeteer.json" -i "$out/axes.md" -o "$out/axes-$version.svg"
        i=1
        for name in "${axes[@]}"; do
            mv "$out/axes-$version-$i.svg" "$out/axis-$name-$version.svg"
            i=$((i + 1))
        done
    done
}

pictures="tests/fixtures/pictures"
today=(--today 2021-06-20)
svg bundled -f schedule.toml "${today[@]}"
svg bundled-2021 -f schedule.toml "${today[@]}" --from 2021-01-01 --to 2021-12-31
mermaid bundled -f schedule.toml "${today[@]}"
svg forty -f "$pictures/forty.toml" "${today[@]}" --from 2021-01-01 --to 2021-12-31
mermaid forty -f "$pictures/forty.toml" "${today[@]}"
svg hostile -f "$pictures/hostile.toml" "${today[@]}" --from 2021-01-01 --to 2021-12-31
mermaid hostile -f "$pictures/hostile.toml" "${today[@]}"
svg one-day -f schedule.toml "${today[@]}" --from 2021-06-20 --to 2021-06-20
mermaid one-day -f schedule.toml "${today[@]}" --from 2021-06-20 --to 2021-06-20
svg fifty-years -f "$pictures/fifty-years.toml" "${today[@]}" --from 2000-01-01 --to 2049-12-31
mermaid fifty-years -f "$pictures/fifty-years.toml" "${today[@]}" --from 2000-01-01 --to 2049-12-31
mermaid days -f "$pictures/days.toml" "${today[@]}" --from 2021-06-01 --to 2021-07-10
axis 3-weeks -f "$pictures/days.toml" "${today[@]}" --from 2021-06-01 --to 2021-06-21
axis 4-months -f tests/fixtures/real/kubernetes-1.30.toml --today 2024-03-01 \
    --from 2024-01-01 --to 2024-12-31
axis 1-year -f schedule.toml "${today[@]}" --from 2021-01-01 --to 2021-12-31
axis 6-years -f schedule.toml "${today[@]}" --from 2021-01-01 --to 2026-12-31
draw_axes

"$bin" phases -f "$pictures/hostile.toml" "${today[@]}" --format json >"$out/hostile.json"
python3 scripts/look_check.py "$out"
