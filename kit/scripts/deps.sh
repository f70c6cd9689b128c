#!/usr/bin/env bash
# Install what compatkit needs from Debian, idempotently.
# Unicorn must be >= 2.1: bookworm ships 2.0.1, whose stores all take a slow
# path (8-15x slower than qemu-user).  trixie's libunicorn2t64/libunicorn-dev
# need only libc6 >= 2.34, so we add a trixie source pinned to just those two
# packages.  The source's mirror is taken from the machine's own Debian source.
set -euo pipefail

# valgrind: memcheck of the kit (tests/valgrind/check.sh).
# libclang-rt-14-dev: libFuzzer/ASan runtimes for `make fuzz-probe`; only a
# Recommends of clang-14, and we install with --no-install-recommends.
PKGS=(build-essential pkg-config libelf-dev libcriterion-dev libcapstone-dev
      qemu-user-static binutils-multiarch
      gcc-i686-linux-gnu gcc-powerpc-linux-gnu gcc-powerpc64-linux-gnu
      gcc-powerpc64le-linux-gnu golang-go clang libclang-rt-14-dev
      libc6-dev-i386-cross libc6-dev-powerpc-cross libc6-dev-ppc64-cross libc6-dev-ppc64el-cross
      gdb-multiarch valgrind
      chromium)  # headless, for the suite's HTML page test (tests/suite/html-test.sh)

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

unicorn_ok() {
    local v
    v=$(dpkg-query -W -f='${Version}' libunicorn-dev 2>/dev/null) || return 1
    dpkg --compare-versions "$v" ge 2.1
}

missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ] && unicorn_ok; then
    echo "deps: all present"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive

if ! unicorn_ok; then
    # Find the mirror of the machine's main Debian source (deb822 or one-line).
    mirror=""
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        m=$(awk '/^URIs:/ {print $2}' "$f" | grep -v -- '-security' | grep '/debian/\?$' | head -1 || true)
        [ -n "$m" ] && { mirror=$m; break; }
    done
    if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
        mirror=$(awk '$1=="deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
    fi
    [ -n "$mirror" ] || { echo "deps: cannot find a Debian apt source to derive trixie from" >&2; exit 1; }
    echo "deps: adding trixie source for unicorn only ($mirror)"
    $SUDO tee /etc/apt/sources.list.d/compatkit-trixie.sources >/dev/null <<SRC
Types: deb
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    # Pin everything from trixie out, except the two unicorn packages.
    $SUDO tee /etc/apt/preferences.d/compatkit-unicorn >/dev/null <<PIN
Package: *
Pin: release n=trixie
Pin-Priority: -10

Package: libunicorn2t64 libunicorn-dev
Pin: release n=trixie
Pin-Priority: 990
PIN
fi

$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" libunicorn-dev libunicorn2t64
unicorn_ok || { echo "deps: unicorn >= 2.1 did not install" >&2; exit 1; }
echo "deps: done"
