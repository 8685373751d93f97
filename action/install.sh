#!/usr/bin/env bash
# The Action's install step (action.yml): puts vision-sched in $ROOT/bin. It downloads the
# release archive of the action's own version (Cargo.toml's) for this runner and checks it
# against the release's .sha256; only when there is no such archive, or the download fails, does
# not match its checksum or does not run here, does it build from the action's own source, in
# its own folder, with the toolchain the step's environment chooses. A download that does not
# match its checksum is never run: a warning says so, and the build takes its place.
#
# What it reads: ROOT, RUNNER_OS, RUNNER_ARCH and RUNNER_TEMP from the runner; the version and
# the repository from the action's Cargo.toml; VISION_SCHED_RELEASE_URL, when set, in place of
# the repository's `releases/download` (the project's tests point it at a server on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)"
repository="$(sed -n 's/^repository = "\(.*\)"$/\1/p' Cargo.toml | head -1)"
releases="${VISION_SCHED_RELEASE_URL:-$repository/releases/download}"

# The release builds of .github/workflows/release.yml, by the runner's OS and architecture.
case "$RUNNER_OS/$RUNNER_ARCH" in
    Linux/X64) target=x86_64-unknown-linux-gnu ;;
    Linux/ARM64) target=aarch64-unknown-linux-gnu ;;
    macOS/X64) target=x86_64-apple-darwin ;;
    macOS/ARM64) target=aarch64-apple-darwin ;;
    Windows/X64) target=x86_64-pc-windows-msvc ;;
    Windows/ARM64) target=aarch64-pc-windows-msvc ;;
    *) target="" ;;
esac
case "$target" in
    *-windows-*) exe=.exe format=zip ;;
    *) exe="" format=tar.gz ;;
esac

build() {
    echo "vision-sched: $1; building it from the action's source"
    exec cargo install --locked --path . --root "$ROOT" --target-dir "$RUNNER_TEMP/vision-sched-target"
}

sha256() {
    if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi
}

[ -n "$target" ] || build "no release build for $RUNNER_OS $RUNNER_ARCH"
name="vision-sched-v$version-$target"
url="$releases/v$version/$name.$format"
work="$RUNNER_TEMP/vision-sched-download"
rm -rf "$work"
mkdir -p "$work"
# Redirects (GitHub's go to its storage) are followed over HTTPS only; a failing status is a
# failed download.
fetch() {
    curl --fail --silent --show-error --location --proto-redir '=https' \
        --connect-timeout 10 --max-time 300 --retry 2 --output "$2" "$1"
}
if ! fetch "$url.sha256" "$work/sum" || ! fetch "$url" "$work/$name.$format"; then
    build "could not download $url"
fi
# The checksum file is one `sha256sum` line naming the archive; only a checked hash is printed.
read -r expected file <"$work/sum" || true
actual="$(sha256 <"$work/$name.$format" | cut -d' ' -f1)"
if ! [[ "$expected" =~ ^[0-9a-f]{64}$ && "${file#\*}" == "$name.$format" ]]; then
    problem="its checksum file is not a sha256sum line for it"
elif [ "$actual" != "$expected" ]; then
    problem="it does not match its checksum (sha256 $actual, the release says $expected)"
else
    problem=""
fi
if [ -n "$problem" ]; then
    echo "::warning title=vision-sched::$name.$format is not used: $problem"
    rm -rf "$work"
    build "the download did not verify"
fi
unpack() {
    mkdir "$work/x"
    if [ "$format" = tar.gz ]; then
        tar -xzf "$work/$name.$format" -C "$work/x"
    elif command -v unzip >/dev/null; then
        unzip -q "$work/$name.$format" -d "$work/x"
    else
        # shellcheck disable=SC2016 # PowerShell's own variables, set here.
        ARCHIVE="$work/$name.$format" DEST="$work/x" pwsh -NoProfile -Command \
            'Expand-Archive -LiteralPath $env:ARCHIVE -DestinationPath $env:DEST' </dev/null
    fi
}
unpack || build "$name.$format did not unpack"
# Every binary of the archive, as `cargo install` would put them.
mkdir -p "$ROOT/bin"
for file in "$work/x/$name"/*; do
    case "$file" in
        *"$exe") if [ -f "$file" ] && [ -x "$file" ]; then cp "$file" "$ROOT/bin/"; fi ;;
    esac
done
if ! "$ROOT/bin/vision-sched$exe" --version >/dev/null 2>&1; then
    rm -rf "${ROOT:?}/bin" "$work"
    build "the release binary does not run here"
fi
rm -rf "$work"
echo "vision-sched: the release build for $target, from $url, checksum verified"
