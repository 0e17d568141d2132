#!/usr/bin/env bash
# Re-captures the BIRD control-socket fixtures of libs/netparse/src/lib/bird/__fixtures__ from real daemons.
#   tools/bird2/capture-bird-fixtures.sh [1|2|dual ...]     (default: all; needs root, `bird`, and bird2 unpackable)
# Scenario (see bird-lab.sh): n1 peers n2 (Established), n3 (its BIRD stopped: Active, Socket: Connection refused),
# n4 (Mesh_10_0_0_14 disabled on n1 with birdc: down) and n5 over eBGP under a long protocol name.
# `dual`: two BIRD 2 namespaces with one iBGP session carrying an ipv4 and an ipv6 channel (routes per channel).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
fixtures="$repo_root/libs/netparse/src/lib/bird/__fixtures__"
majors=("${@:-1 2 dual}")
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
  mkdir -p "$out"
  # Keep dual-stack/ (its own capture below): replace only what this capture writes.
  rm -rf "$out"/*.txt "$out/passive-peer"
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

dual_dir=""
dual_cleanup() {
  if [[ -n $dual_dir ]]; then
    for n in a b; do [[ -f "$dual_dir/$n.pid" ]] && kill "$(cat "$dual_dir/$n.pid")" 2>/dev/null; done
    sleep 0.5
    ip netns del bd-cap2ds-a 2>/dev/null || true
    ip netns del bd-cap2ds-b 2>/dev/null || true
    rm -rf "$dual_dir"
    dual_dir=""
  fi
}

capture_dual() {
  local prefix birdc out me peer n
  prefix="$("$here/unpack-bird2.sh")/usr/sbin"
  birdc="$prefix/birdc"
  dual_dir="$(mktemp -d)"
  trap 'cleanup; dual_cleanup' EXIT
  ip netns add bd-cap2ds-a
  ip netns add bd-cap2ds-b
  ip -n bd-cap2ds-a link add eth0 type veth peer name eth0 netns bd-cap2ds-b
  for n in a b; do
    if [[ $n == a ]]; then me=11 peer=12; else me=12 peer=11; fi
    ip -n "bd-cap2ds-$n" link set lo up
    ip -n "bd-cap2ds-$n" link set eth0 up
    ip -n "bd-cap2ds-$n" addr add "10.0.0.$me/24" dev eth0
    ip -n "bd-cap2ds-$n" addr add "fd00::$me/64" dev eth0 nodad
    cat >"$dual_dir/$n.conf" <<CONF
log "$dual_dir/$n.log" all;
router id 10.0.0.$me;
protocol device { scan time 10; }
protocol direct { ipv4; ipv6; interface "eth0"; }
protocol static { ipv4; route 10.244.$me.0/26 blackhole; }
protocol static { ipv6; route fd00:244:$me::/64 blackhole; }
protocol bgp Mesh_10_0_0_$peer {
  local 10.0.0.$me as 64512;
  neighbor 10.0.0.$peer as 64512;
  ipv4 { import all; export all; };
  ipv6 { import all; export all; next hop address fd00::$me; };
}
CONF
    ip netns exec "bd-cap2ds-$n" "$prefix/bird" -c "$dual_dir/$n.conf" -s "$dual_dir/$n.ctl" -P "$dual_dir/$n.pid"
  done
  wait_for "$dual_dir/a.ctl" "$birdc" '^Mesh_10_0_0_12 .*Established'
  sleep 2
  out="$fixtures/bird-2.0/dual-stack"
  rm -rf "$out"
  mkdir -p "$out"
  node "$here/dump-bird-socket.mjs" "$dual_dir/a.ctl" "$out" 'show-protocols-all=show protocols all'
  rm -f "$out/greeting.txt"
  "$birdc" -s "$dual_dir/a.ctl" show protocols all >"$out/show-protocols-all.birdc.txt"
  sed "s|$dual_dir|/tmp/bd-lab|g" "$dual_dir/a.conf" >"$out/a.conf.txt"
  dual_cleanup
  echo "captured BIRD 2 dual-stack session into $out"
}

for major in "${majors[@]}"; do
  if [[ $major == dual ]]; then capture_dual; else capture "$major"; fi
done
