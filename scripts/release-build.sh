#!/usr/bin/env bash
# Builds vision-sched's release archive for one target, then checks it. The release workflow
# (.github/workflows/release.yml) runs it on a runner of each target; .ci/run for the host.
#
#   scripts/release-build.sh [TARGET [OUTDIR]]     (defaults: the host's target, target/dist)
#
# It writes OUTDIR/vision-sched-vVERSION-TARGET.tar.gz (.zip for Windows), holding one folder of
# that name: every binary of the package, README.md, the licences, and man/ and completions/
# when the binary runs here and can write them; beside it ARCHIVE.sha256, one `sha256sum` line.
# Linux binaries are static and non-PIE (`cargo build-static`), Windows ones link the C runtime
# statically; the release profile is Cargo.toml's.
#
# The check, on the archive as written: it holds that one folder and nothing else, the binaries
# are executable and the documents are the checkout's, the checksum file verifies with
# sha256sum -c, a Linux binary has no program interpreter, and, where the target runs here, the
# binary's --version is the package's and `status` on the bundled schedule prints what the README
# shows (tests/cmd/status-2021-06-20.stdout). `cargo-binstall` and the Action find the archive by
# this name and layout: Cargo.toml's [package.metadata.binstall], action/install.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
here="$PWD"

host="$(rustc -vV | sed -n 's/^host: //p')"
target="${1:-$host}"
out="${2:-target/dist}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)"
name="vision-sched-v$version-$target"

fail() {
    echo "release-build: $*" >&2
    exit 1
}

case "$target" in
    *-windows-*) exe=.exe format=zip ;;
    *) exe="" format=tar.gz ;;
esac
archive="$name.$format"

# The flags of `cargo build-static` (.cargo/config.toml) for any Linux target; for Windows, the C
# runtime linked in, so the binary needs no Visual C++ redistributable. Given as the target's
# rustflags, so build scripts and proc-macros stay as the host builds them; a RUSTFLAGS of the
# caller would replace them, so it is cleared.
case "$target" in
    *-linux-gnu) flags=(-C target-feature=+crt-static -C relocation-model=static) ;;
    *-windows-msvc) flags=(-C target-feature=+crt-static) ;;
    *) flags=() ;;
esac
config=()
if [ ${#flags[@]} -gt 0 ]; then
    list="$(printf "'%s', " "${flags[@]}")"
    config=(--config "target.$target.rustflags = [${list%, }]")
fi
unset RUSTFLAGS CARGO_ENCODED_RUSTFLAGS

# Every binary of the package, as cargo reports them: their paths are the `executable` of its
# JSON messages (JSON-escaped on Windows, where the name after the last separator is all we use).
echo "release-build: building $name" >&2
messages="$(cargo build --release --locked --bins --target "$target" "${config[@]}" \
    --message-format=json-render-diagnostics)"
built="$out/.build-$target"
rm -rf "$built"
mkdir -p "$built"
bins=()
while read -r path; do
    path="${path//\\\\/\\}"
    bin="${path##*[\\/]}"
    cp "$path" "$built/$bin"
    bins+=("${bin%"$exe"}")
done < <(grep -o '"executable":"[^"]*"' <<<"$messages" | sed 's/^"executable":"//; s/"$//')
[ ${#bins[@]} -gt 0 ] || fail "cargo built no binary"
printf '%s\n' "${bins[@]}" | grep -qx vision-sched || fail "cargo built no vision-sched"

# The binary runs here when the target is the host's: then it writes its man page and completions.
runs=false
if [ "$target" = "$host" ]; then
    runs=true
fi
main="$built/vision-sched$exe"
sandbox() {
    # Nothing of the caller's environment or configuration reaches what the check compares.
    env -i PATH="$PATH" HOME="$built/home" XDG_CONFIG_HOME="$built/home/.config" TZ=UTC "$@"
}

stage="$built/stage/$name"
mkdir -p "$stage" "$built/home"
for bin in "${bins[@]}"; do
    cp "$built/$bin$exe" "$stage/"
    chmod 755 "$stage/$bin$exe"
done
cp README.md LICENSE-MIT LICENSE-APACHE "$stage/"
chmod 644 "$stage/README.md" "$stage/LICENSE-MIT" "$stage/LICENSE-APACHE"
if $runs; then
    # MAN PAGES: one per command when the binary can write a folder of them (`man --dir`, issue
    # 22 section 2.2, not merged yet); until then the one page `vision-sched man` prints. Once
    # `man --dir` exists this takes its pages with no change here.
    mkdir -p "$stage/man"
    if sandbox "$main" man --help 2>/dev/null | grep -q -- '--dir'; then
        sandbox "$main" man --dir "$stage/man" >/dev/null
    else
        sandbox "$main" man >"$stage/man/vision-sched.1"
    fi
    mkdir -p "$stage/completions"
    sandbox "$main" completions bash >"$stage/completions/vision-sched.bash"
    sandbox "$main" completions zsh >"$stage/completions/_vision-sched"
    sandbox "$main" completions fish >"$stage/completions/vision-sched.fish"
    sandbox "$main" completions powershell >"$stage/completions/_vision-sched.ps1"
    sandbox "$main" completions elvish >"$stage/completions/vision-sched.elv"
    find "$stage/man" "$stage/completions" -type f -exec chmod 644 {} +
else
    echo "release-build: $target does not run on $host: no man page or completions" >&2
fi
find "$stage" -type d -exec chmod 755 {} +

# The archive, the same bytes for the same files where GNU tar is there to say so (sorted names,
# no owner, the commit's time); gzip without a name or time of its own.
rm -f "$out/$archive" "$out/$archive.sha256"
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"
(
    cd "$built/stage"
    if [ "$format" = zip ]; then
        if command -v zip >/dev/null; then
            find "$name" -exec touch -d "@$epoch" {} + 2>/dev/null || true
            zip -qrX "$out/$archive" "$name"
        else
            7z a -tzip -bso0 -bsp0 "$out/$archive" "$name"
        fi
    else
        reproducible=()
        if tar --version 2>/dev/null | grep -q 'GNU tar'; then
            reproducible=(--sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch")
        fi
        tar "${reproducible[@]}" -cf - "$name" | gzip -9n >"$out/$archive"
    fi
)
sha256() {
    if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi
}
# Written by hand, not by sha256sum itself, which marks a file it read in binary mode with `*`
# on Windows: the same two-space line everywhere.
hash="$(sha256 <"$out/$archive" | cut -d' ' -f1)"
printf '%s  %s\n' "$hash" "$archive" >"$out/$archive.sha256"

# The check, on the archive as it was written.
check="$built/check"
mkdir -p "$check"
if [ "$format" = zip ]; then
    listing="$(unzip -Z1 "$out/$archive")"
    unzip -q "$out/$archive" -d "$check"
else
    listing="$(tar -tzf "$out/$archive")"
    tar -xzf "$out/$archive" -C "$check"
fi
if grep -v "^$name/" <<<"$listing"; then
    fail "$archive holds the entries above outside its folder $name/"
fi
[ "$(ls -A "$check")" = "$name" ] || fail "$archive holds more than its folder"
allowed="$(printf '%s\n' README.md LICENSE-MIT LICENSE-APACHE man completions "${bins[@]/%/$exe}" | sort)"
extra="$(comm -23 <(cd "$check/$name" && find . -mindepth 1 -maxdepth 1 | sed 's|^\./||' | sort) \
    <(echo "$allowed"))"
[ -z "$extra" ] || fail "$archive holds what it should not: $extra"
for bin in "${bins[@]}"; do
    if [ ! -f "$check/$name/$bin$exe" ] || [ ! -x "$check/$name/$bin$exe" ]; then
        fail "$archive has no executable $bin$exe"
    fi
done
for doc in README.md LICENSE-MIT LICENSE-APACHE; do
    cmp -s "$check/$name/$doc" "$doc" || fail "$archive's $doc is not the checkout's"
done
if command -v sha256sum >/dev/null; then
    (cd "$out" && sha256sum --quiet -c "$archive.sha256") || fail "$archive.sha256 does not verify"
else
    (cd "$out" && shasum -a 256 --quiet -c "$archive.sha256") || fail "$archive.sha256 does not verify"
fi
installed="$check/$name/vision-sched$exe"
case "$target" in
    *-linux-gnu)
        if command -v readelf >/dev/null && readelf -l "$installed" | grep -q 'program interpreter'; then
            fail "$archive's vision-sched is dynamically linked"
        fi
        ;;
esac
if $runs; then
    shown="$(sandbox "$installed" --version)"
    case "$shown" in
        "vision-sched $version" | "vision-sched $version ("*) ;;
        *) fail "$archive's vision-sched says \`$shown\`, not vision-sched $version" ;;
    esac
    sandbox "$installed" status -f "$here/schedule.toml" --today 2021-06-20 >"$built/status" ||
        fail "$archive's vision-sched status failed"
    cmp -s "$built/status" tests/cmd/status-2021-06-20.stdout ||
        fail "$archive's vision-sched status does not print what the README shows"
    ran=", ran \`status\`"
else
    ran=", not run ($target on $host)"
fi
rm -rf "$built"
echo "release-build: $out/$archive ($(wc -c <"$out/$archive" | tr -d ' ') bytes, $(printf '%s ' "${bins[@]}")checked$ran)"
echo "release-build: $out/$archive.sha256: $hash"
