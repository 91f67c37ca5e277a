#!/usr/bin/env bash
# `make deb`: builds locktop_<version>_amd64.deb with dpkg-deb from the release binary
# ($BINARY, built by `make release`). It holds the files `make install` installs, under /usr.
# Depends is read from the binary, not written by hand: each library it needs (ELF NEEDED)
# is found in `ldd`'s output, its owner in `dpkg -S`, and the package's installed upstream
# version becomes the lower bound (the binary was linked and checked against it). A library
# no Debian package owns (the Swift toolchain's, say) stops the build.
set -euo pipefail
cd "$(dirname "$0")/.."
BINARY="${BINARY:-.build/release/locktop}"
OUT="${OUT:-.}"

[ -x "$BINARY" ] || { echo "make-deb.sh: no binary at $BINARY (run make release first)" >&2; exit 1; }
version="$("$BINARY" --version | cut -d' ' -f1)"
arch="$(dpkg --print-architecture)"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
DESTDIR="$stage/root" PREFIX=/usr BINARY="$BINARY" scripts/install.sh install >/dev/null

# The package owning a library path; dpkg records some under /lib, others under /usr/lib.
owner() {
    local path="$1" candidate
    for candidate in "$path" "$(readlink -f "$path")" "/usr${path#/usr}" "${path#/usr}"; do
        dpkg -S "$candidate" 2>/dev/null | head -n 1 | cut -d: -f1 && return 0
    done
    return 1
}

declare -A seen=()
depends=()
ldd_output="$(ldd "$BINARY")"
for needed in $(readelf -d "$BINARY" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
    # "lib.so => /path (addr)", or for the dynamic loader "/path/ld-linux....so.2 (addr)".
    path="$(awk -v lib="$needed" '
        $1 == lib && $3 ~ /^\// { print $3; exit }
        $1 ~ /^\// { n = split($1, part, "/"); if (part[n] == lib) { print $1; exit } }' <<<"$ldd_output")"
    [ -n "$path" ] || { echo "make-deb.sh: ldd does not resolve $needed" >&2; exit 1; }
    package="$(owner "$path")" || { echo "make-deb.sh: $needed ($path) belongs to no Debian package" >&2; exit 1; }
    [ -z "${seen[$package]:-}" ] || continue
    seen[$package]=1
    upstream="$(dpkg-query -W -f='${Version}' "$package" | sed -E 's/^[0-9]+://; s/-[^-]*$//')"
    depends+=("$package (>= $upstream)")
    echo "  $needed -> $path -> $package (>= $upstream)"
done
depends_line="$(printf '%s\n' "${depends[@]}" | sort | paste -sd, | sed 's/,/, /g')"

mkdir -p "$stage/root/DEBIAN"
cat > "$stage/root/DEBIAN/control" <<CONTROL
Package: locktop
Version: $version
Architecture: $arch
Maintainer: the locktop authors <locktop@localhost>
Installed-Size: $(du -sk --exclude=DEBIAN "$stage/root" | cut -f1)
Depends: $depends_line
Suggests: redis-server
Section: admin
Priority: optional
Description: htop for Redis locks
 A terminal dashboard of the locks living in a Redis right now: owner, TTL,
 who waits and in what order, the sagas and two-phase transactions built on
 them, and their events. Also prints snapshots for scripts (locktop list),
 runs contention simulations and serves Prometheus metrics.
CONTROL

deb="$OUT/locktop_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage/root" "$deb" >/dev/null
echo "Depends: $depends_line"
echo "wrote $deb ($(du -h "$deb" | cut -f1))"
