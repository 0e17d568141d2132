#!/usr/bin/env bash
# Re-captures the BIRD control-socket fixtures of libs/netparse/src/lib/bird/__fixtures__ from real daemons.
#   tools/bird2/capture-bird-fixtures.sh [1|2 ...]     (default: both; needs root, `bird`, and bird2 unpackable)
# Scenario (see bird-lab.sh): n1 peers n2 (Established), n3 (its BIRD stopped: Active, Socket: Connection refused),
# n4 (Mesh_10_0_0_14 disabled on n1 with birdc: down) and n5 over eBGP under a long protocol name.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
fixtures="$repo_root/libs/netparse/src/lib/bird/__fixtures__"
majors=("${@:-1 2}")
read -r -a majors <<<"${majors[*]}"

wait_for() {
  local sock=$1 birdc=$2 pattern=$3
  for _ in $(seq 100); do
    "$birdc" -s "$sock" show protocols 2>/dev/null | grep -Eq "$pattern" && return 0
    sleep 0.2
  done
  echo "capture: timed out waiting for /$pattern/ on $sock" >&2
  "$birdc" -s "$sock" show protocols >&2 || true
  return 1
}

lab_dir=""
cleanup() {
  if [[ -n $lab_dir ]]; then
    "$here/bird-lab.sh" down "$lab_dir" || true
    rm -rf "$lab_dir"
    lab_dir=""
  fi
}
trap cleanup EXIT

capture() {
  local major=$1 dir prefix="bd-cap$1" birdc version out
  dir="$(mktemp -d)"
  lab_dir="$dir"
  if [[ $major == 1 ]]; then birdc="$(command -v birdc)"; else birdc="$("$here/unpack-bird2.sh")/usr/sbin/birdc"; fi
  "$here/bird-lab.sh" up "$dir" "$major" "$prefix"
  wait_for "$dir/n1.ctl" "$birdc" '^Mesh_10_0_0_13 .*Established'
  wait_for "$dir/n1.ctl" "$birdc" '^Global_10_0_0_15_with_a_long_name .*Established'
  wait_for "$dir/n1.ctl" "$birdc" '^Mesh_10_0_0_14 .*Established'
  "$here/bird-lab.sh" stop "$dir" 3
  "$birdc" -s "$dir/n1.ctl" disable Mesh_10_0_0_14 >/dev/null
  wait_for "$dir/n1.ctl" "$birdc" '^Mesh_10_0_0_13 .*Connection refused'
  wait_for "$dir/n4.ctl" "$birdc" '^Mesh_10_0_0_11 .*Passive'
  # Let the keepalive timers tick so hold and keepalive show running values.
  sleep 2

  version="$("$birdc" -s "$dir/n1.ctl" show status | sed -n 's/^BIRD \([0-9.]*\).*/\1/p' | head -n1)"
  out="$fixtures/bird-${version%.*}"
  rm -rf "$out"
  mkdir -p "$out"
  node "$here/dump-bird-socket.mjs" "$dir/n1.ctl" "$out" \
    'show-protocols=show protocols' \
    'show-protocols-all=show protocols all' \
    'show-protocols-all-mesh-10-0-0-13=show protocols all Mesh_10_0_0_13' \
    'show-protocols-no-match=show protocols "Nothing*"' \
    'show-protocols-unknown-name=show protocols all Nothing' \
    'syntax-error=show protcols' \
    'show-status=show status' \
    'disable-already-disabled=disable Mesh_10_0_0_14'
  node "$here/dump-bird-socket.mjs" "$dir/n4.ctl" "$out/passive-peer" 'show-protocols-all=show protocols all'
  rm -f "$out/passive-peer/greeting.txt"
  "$birdc" -s "$dir/n1.ctl" show protocols all >"$out/show-protocols-all.birdc.txt"
  "$birdc" -s "$dir/n1.ctl" show protocols >"$out/show-protocols.birdc.txt"
  cp "$dir/n1.conf" "$out/n1.conf.txt"
  sed -i "s|$dir|/tmp/bd-lab|g" "$out/n1.conf.txt"
  cleanup
  echo "captured BIRD $version into $out"
}

for major in "${majors[@]}"; do capture "$major"; done
