#!/usr/bin/env bash
# Unpacks Debian's bird2 package into .data/bird2 (git-ignored) without installing it: bird2 conflicts with the
# `bird` package (1.6, what Calico runs), and the lab and tests need both. Idempotent: a second run does nothing.
# Usage: tools/bird2/unpack-bird2.sh [target-dir]   (prints the unpacked prefix on success)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${1:-$repo_root/.data/bird2}"
bird_bin="$target/usr/sbin/bird"
birdc_bin="$target/usr/sbin/birdc"

fail() {
  echo "unpack-bird2: $*" >&2
  exit 1
}

if [[ -x "$bird_bin" && -x "$birdc_bin" ]] && "$bird_bin" --version >/dev/null 2>&1; then
  echo "$target"
  exit 0
fi

command -v apt-get >/dev/null || fail "apt-get not found: this needs a Debian-like system"
command -v dpkg >/dev/null || fail "dpkg not found: this needs a Debian-like system"

# bird2 links against libssh (gcrypt flavour); it is a plain library, so installing it does not conflict with bird 1.6.
if ! ldconfig -p 2>/dev/null | grep -q 'libssh-gcrypt\.so\.4'; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get install -y --no-install-recommends libssh-gcrypt-4 >/dev/null 2>&1 ||
      { apt-get update >/dev/null 2>&1 && apt-get install -y --no-install-recommends libssh-gcrypt-4 >/dev/null 2>&1; } ||
      fail "could not install libssh-gcrypt-4 (needed by bird2)"
  else
    fail "libssh-gcrypt-4 is missing; install it as root (apt-get install libssh-gcrypt-4)"
  fi
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(
  cd "$work"
  apt-get download bird2 >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get download bird2 >/dev/null 2>&1; }
) || fail "apt-get download bird2 failed (no package index or no access to the Debian archive?)"

deb="$(ls "$work"/bird2_*.deb 2>/dev/null | head -n1)"
[[ -n "$deb" ]] || fail "apt-get download bird2 produced no .deb"

rm -rf "$target.tmp"
mkdir -p "$target.tmp"
dpkg -x "$deb" "$target.tmp" || fail "dpkg -x failed on $(basename "$deb")"
[[ -x "$target.tmp/usr/sbin/bird" ]] || fail "unpacked package has no usr/sbin/bird"
"$target.tmp/usr/sbin/bird" --version >/dev/null 2>&1 ||
  fail "unpacked bird does not run: $("$target.tmp/usr/sbin/bird" --version 2>&1 | head -n1)"
rm -rf "$target"
mv "$target.tmp" "$target"
echo "$target"
