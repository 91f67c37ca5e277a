#!/usr/bin/env bash
# Proof that the .deb works on a clean Debian with no Swift: makes a minimal bookworm root
# with debootstrap, installs the package into it with apt (which pulls its Depends), and
# inside that root runs `locktop --version`, `locktop list --json` against a redis-server on
# loopback, and a 5-second `locktop demo --headless`.
#
#   make deb && sudo scripts/package-check.sh [locktop_<version>_amd64.deb]
#
# Needs root (debootstrap, chroot) and Debian's mirror: the first run downloads a few
# hundred MB. Not part of `make test`. CHECK_ROOT chooses the folder of the root (default a
# fresh one under /var/tmp, removed at the end); KEEP_ROOT=1 keeps it, and a CHECK_ROOT that
# already holds a bootstrapped root is reused (the package is installed into it again).
set -euo pipefail
cd "$(dirname "$0")/.."

deb="${1:-$(ls -t locktop_*_amd64.deb 2>/dev/null | head -n 1)}"
[ -f "$deb" ] || { echo "package-check.sh: no .deb (run make deb first, or give its path)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "package-check.sh: run as root (debootstrap and chroot need it)" >&2; exit 1; }
mirror="${MIRROR:-http://deb.debian.org/debian}"
root="${CHECK_ROOT:-$(mktemp -d /var/tmp/locktop-check.XXXXXX)}"

step() { printf '\n== %s\n' "$*"; }
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

redis_pid=""
cleanup() {
    [ -z "$redis_pid" ] || kill "$redis_pid" 2>/dev/null || true
    umount "$root/proc" 2>/dev/null || true
    if [ -z "${KEEP_ROOT:-}" ] && [ -z "${CHECK_ROOT:-}" ]; then rm -rf "$root"; fi
}
trap cleanup EXIT

if ! command -v debootstrap >/dev/null 2>&1; then
    step "installing debootstrap (Debian package)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi

if [ ! -x "$root/usr/bin/apt-get" ]; then
    step "debootstrap --variant=minbase bookworm $root ($mirror)"
    started=$SECONDS
    debootstrap --variant=minbase bookworm "$root" "$mirror" >"$root.debootstrap.log" 2>&1 \
        || { tail -n 20 "$root.debootstrap.log" >&2; exit 1; }
    rm -f "$root.debootstrap.log"
    echo "done in $((SECONDS - started)) s, $(du -sh "$root" | cut -f1)"
fi
mount -t proc proc "$root/proc"

step "no Swift in the root"
if in_root sh -c 'command -v swift || ls -d /opt/swift /usr/share/swift 2>/dev/null'; then
    echo "FAIL: the root has Swift" >&2; exit 1
fi
echo "ok: no swift on PATH, no /opt/swift"

step "apt-get install ./$(basename "$deb") (and redis-server for the checks)"
cp "$deb" "$root/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "./tmp/$(basename "$deb")" redis-server 2>&1 | grep -vE '^(Selecting|Preparing|Unpacking|\(Reading)' || true
in_root dpkg -s locktop | grep -E '^(Version|Depends|Installed-Size):'
echo "files:"
dpkg-query --admindir="$root/var/lib/dpkg" -L locktop | while read -r file; do
    [ -d "$root$file" ] || echo "  $file"
done

step "ldd /usr/bin/locktop (inside the root)"
in_root ldd /usr/bin/locktop

step "locktop --version"
in_root locktop --version

step "locktop list --json against redis-server on 127.0.0.1"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
in_root redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null &
redis_pid=$!
until in_root redis-cli -p "$port" ping >/dev/null 2>&1; do
    kill -0 "$redis_pid" 2>/dev/null || { echo "FAIL: redis-server did not start" >&2; exit 1; }
    sleep 0.1
done
in_root redis-cli -p "$port" set 'lock:{package-check}' "$(date +%s)000-check-1-deadbeef" PX 60000 >/dev/null
in_root locktop list --json -h 127.0.0.1 -p "$port"
in_root redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
wait "$redis_pid" 2>/dev/null || true
redis_pid=""

step "locktop demo --headless --seconds 5"
in_root locktop demo --headless --seconds 5

step "package check passed"
