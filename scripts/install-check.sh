#!/usr/bin/env bash
# Installs vision-sched from its release archive the ways a user does, against a local HTTP
# server (Python's http.server on 127.0.0.1) laid out as GitHub serves a release's downloads:
#
#   scripts/install-check.sh
#
# 1. scripts/release-build.sh builds and checks the host's archive into target/dist.
# 2. cargo-binstall: Cargo.toml's [package.metadata.binstall] templates, resolved as binstall
#    documents them (`{ key }`; a target's override replaces a key), for the host's target with
#    the repository at the local server: the URL must serve the archive and bin-dir must name its
#    binary. When cargo-binstall itself is on PATH, it also installs through those templates,
#    over TLS (it asks for HTTPS only) with a certificate authority of this script's own; tried
#    with 1.15.0 (`cargo install cargo-binstall --version 1.15.0 --locked --debug`; the newest
#    needs a newer rustc). .ci/run does not install it: its build takes over 4 minutes of CPU.
# 3. The Action's install step (action/install.sh) with the environment action.yml gives it,
#    VISION_SCHED_RELEASE_URL at the local server and a `cargo` that fails if called: it must
#    download, verify and install the archive's binary without building. It says how long that took.
# Each installed binary must print what the README shows for `status`. Nothing leaves 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
here="$PWD"

fail() {
    echo "install-check: $*" >&2
    exit 1
}

host="$(rustc -vV | sed -n 's/^host: //p')"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)"
name="vision-sched-v$version-$host"
scripts/release-build.sh "$host" target/dist
archive="target/dist/$name.tar.gz"

work="$(mktemp -d "${TMPDIR:-/tmp}/vision-sched-install.XXXXXX")"
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# The release as GitHub serves it: /OWNER/REPO/releases/download/vVERSION/ASSET.
repo_path="$(sed -n 's|^repository = "https://github.com/\(.*\)"$|\1|p' Cargo.toml | head -1)"
[ -n "$repo_path" ] || fail "Cargo.toml's repository is not a GitHub URL"
assets="$work/srv/$repo_path/releases/download/v$version"
mkdir -p "$assets"
cp "$archive" "$archive.sha256" "$assets/"

# The server: Python's http.server on a port it binds itself and names on its first line; given
# a certificate and its key, a second one serves the same over TLS.
serve() {
    python3 -u - "$work/srv" "$@" <<'PY'
import functools, http.server, ssl, sys, threading

handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
plain = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
ports = [str(plain.server_port)]
if len(sys.argv) == 4:
    tls = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(sys.argv[2], sys.argv[3])
    tls.socket = context.wrap_socket(tls.socket, server_side=True)
    ports.append(str(tls.server_port))
    threading.Thread(target=tls.serve_forever, daemon=True).start()
print(" ".join(ports), flush=True)
plain.serve_forever()
PY
}
tls=()
if command -v cargo-binstall >/dev/null; then
    # A certificate authority of the check's own, and the server's certificate for 127.0.0.1.
    (
        cd "$work"
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 \
            -subj /CN=install-check-ca -keyout ca.key -out ca.pem 2>/dev/null
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 \
            -keyout server.key -out server.csr 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' >server.ext
        openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 1 \
            -extfile server.ext -out server.pem 2>/dev/null
    )
    tls=("$work/server.pem" "$work/server.key")
fi
mkfifo "$work/banner"
serve "${tls[@]}" >"$work/banner" 2>"$work/server.log" &
server=$!
exec 3<"$work/banner"
read -r -t 30 port tls_port <&3 || fail "the HTTP server did not start: $(cat "$work/server.log")"
repo_url="http://127.0.0.1:$port/$repo_path"

# What every installed binary must print: the README's `status` on the bundled schedule.
mkdir -p "$work/home"
runs_status() {
    env -i PATH=/usr/bin:/bin HOME="$work/home" TZ=UTC \
        "$1" status -f "$here/schedule.toml" --today 2021-06-20 >"$work/status" ||
        fail "$1 status failed"
    cmp -s "$work/status" tests/cmd/status-2021-06-20.stdout ||
        fail "$1 status does not print what the README shows"
}

# 2. binstall's templates, from Cargo.toml as Python's tomllib reads it, for every binary of the
# package as `cargo metadata` lists them: the URL, then each binary's path in the archive.
cargo metadata --no-deps --format-version 1 >"$work/metadata.json"
resolved="$(python3 - "$host" "$repo_url" "$work/metadata.json" <<'PY'
import json, re, sys, tomllib

target, repo, metadata = sys.argv[1:]
package = tomllib.load(open("Cargo.toml", "rb"))["package"]
meta = dict(package["metadata"]["binstall"])
meta.update(meta.pop("overrides", {}).get(target, {}))
if meta["pkg-fmt"] != "tgz":
    sys.exit(f"pkg-fmt is {meta['pkg-fmt']!r} for {target}, not the tgz the release has")
bins = [
    t["name"]
    for p in json.load(open(metadata))["packages"]
    if p["name"] == package["name"]
    for t in p["targets"]
    if "bin" in t["kind"]
]
values = {
    "name": package["name"],
    "version": package["version"],
    "repo": repo,
    "target": target,
    "binary-ext": ".exe" if "windows" in target else "",
}

def render(template, **more):
    def key(m):
        value = {**values, **more}.get(m.group(1))
        if value is None:
            sys.exit(f"no template key {m.group(1)!r} here: {template}")
        return value
    return re.sub(r"\{\s*([a-z-]+)\s*\}", key, template)

print(render(meta["pkg-url"]))
for bin in bins:
    print(render(meta["bin-dir"], bin=bin))
PY
)"
pkg_url="$(head -1 <<<"$resolved")"
[ "$pkg_url" = "$repo_url/releases/download/v$version/$name.tar.gz" ] ||
    fail "binstall's pkg-url gives $pkg_url, not the release's archive"
mkdir "$work/templates"
curl --fail --silent --show-error "$pkg_url" | tar -xzf - -C "$work/templates"
while read -r bin_dir; do
    if [ ! -f "$work/templates/$bin_dir" ] || [ ! -x "$work/templates/$bin_dir" ]; then
        fail "binstall's bin-dir $bin_dir is not an executable of the archive"
    fi
    echo "install-check: binstall's templates find $bin_dir in $pkg_url"
done < <(tail -n +2 <<<"$resolved")
runs_status "$work/templates/$(grep '/vision-sched$' <<<"$resolved")"

if command -v cargo-binstall >/dev/null; then
    # The manifest as published, its repository at the local server over TLS.
    mkdir "$work/crate"
    sed "s|^repository = .*|repository = \"https://127.0.0.1:$tls_port/$repo_path\"|" Cargo.toml \
        >"$work/crate/Cargo.toml"
    cp -R src "$work/crate/"
    CARGO_HOME="$work/cargo-home" cargo-binstall binstall --manifest-path "$work/crate" \
        --root "$work/binstall" --root-certificates "$work/ca.pem" --no-confirm \
        --no-discover-github-token --disable-telemetry --disable-strategies quick-install,compile \
        --targets "$host" vision-sched
    runs_status "$work/binstall/bin/vision-sched"
    echo "install-check: cargo-binstall $(cargo-binstall -V) installed it from the local server"
fi

# 3. The Action's install step, as the runner runs it, and nothing built.
mkdir -p "$work/stub" "$work/runner-temp"
printf '#!/bin/sh\necho "cargo $*: the release archive was not used" >&2\nexit 101\n' >"$work/stub/cargo"
chmod +x "$work/stub/cargo"
case "$host" in
    x86_64-unknown-linux-gnu) arch=X64 ;;
    aarch64-unknown-linux-gnu) arch=ARM64 ;;
    *) fail "the Action's runners do not run $host" ;;
esac
start="$(date +%s%N)"
env -i PATH="$work/stub:/usr/bin:/bin" HOME="$work/home" RUNNER_OS=Linux RUNNER_ARCH="$arch" \
    RUNNER_TEMP="$work/runner-temp" ROOT="$work/action/root" RUSTUP_TOOLCHAIN=stable \
    RUSTFLAGS="" CARGO_ENCODED_RUSTFLAGS="" VISION_SCHED_RELEASE_URL="$repo_url/releases/download" \
    bash --noprofile --norc -eo pipefail action/install.sh >"$work/action.out" 2>&1 ||
    fail "the Action's install step failed: $(cat "$work/action.out")"
end="$(date +%s%N)"
grep -q 'checksum verified' "$work/action.out" ||
    fail "the Action did not install the release: $(cat "$work/action.out")"
installed="$work/action/root/bin/vision-sched"
if [ ! -f "$installed" ] || [ -L "$installed" ]; then
    fail "the Action put no binary at $installed"
fi
runs_status "$installed"
echo "install-check: the Action's install step downloaded, verified and installed" \
    "$name.tar.gz in $(((end - start) / 1000000)) ms"
