#!/usr/bin/env bash
# A small BIRD lab in network namespaces, for fixture captures and integration tests.
#
#   bird-lab.sh up   <dir> <1|2> <prefix>   five nodes <prefix>-n1..n5 on a bridge in <prefix>-sw
#   bird-lab.sh down <dir>                  stops the daemons (by pid) and deletes the namespaces
#
# Node nK has 10.0.0.1K/24 on eth0 and its own BIRD (config, log, pid and control socket nK.ctl in <dir>).
# n1..n4 form a Calico-style iBGP mesh in AS 64512 (Mesh_<peer ip with _>, the lower address passive as Calico
# does); n5 is a passive eBGP peer in AS 64513 that n1 knows by a long name. BIRD 2 comes from tools/bird2/unpack-bird2.sh.
# Env: BIRD_LAB_BIRD2_PREFIX overrides where the unpacked bird2 lives.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$here/../.." && pwd)"
NODES=(1 2 3 4 5)
LONG_NAME="Global_10_0_0_15_with_a_long_name"

die() {
  echo "bird-lab: $*" >&2
  exit 1
}

ip_of() { echo "10.0.0.1$1"; }
mesh_name() { echo "Mesh_$(ip_of "$1" | tr . _)"; }

bird_bin() {
  if [[ $1 == 1 ]]; then
    command -v bird || die "bird (1.6) not found: apt-get install bird"
  else
    local prefix="${BIRD_LAB_BIRD2_PREFIX:-$repo_root/.data/bird2}"
    [[ -x "$prefix/usr/sbin/bird" ]] || prefix="$("$here/unpack-bird2.sh")" || die "bird2 is not unpacked"
    echo "$prefix/usr/sbin/bird"
  fi
}

bgp_template() {
  local major=$1 as=$2
  if [[ $major == 1 ]]; then
    cat <<T
template bgp bgp_template {
  local as $as;
  multihop;
  gateway recursive;
  import all;
  export all;
  add paths on;
  graceful restart;
  connect delay time 2;
  connect retry time 5;
  error wait time 5,30;
}
T
  else
    cat <<T
template bgp bgp_template {
  local as $as;
  multihop;
  ipv4 {
    gateway recursive;
    import all;
    export all;
    add paths on;
  };
  graceful restart;
  connect delay time 2;
  connect retry time 5;
  error wait time 5,30;
}
T
  fi
}

base_protocols() {
  local major=$1 node=$2
  if [[ $major == 1 ]]; then
    cat <<T
protocol kernel { learn; persist; scan time 10; import all; export all; graceful restart; }
protocol device { scan time 10; }
protocol direct { debug off; interface "eth0"; }
protocol static { route 10.244.$node.0/26 blackhole; }
T
  else
    cat <<T
protocol kernel { ipv4 { import all; export all; }; learn; persist; scan time 10; graceful restart; }
protocol device { scan time 10; }
protocol direct { ipv4; interface "eth0"; }
protocol static { ipv4; route 10.244.$node.0/26 blackhole; }
T
  fi
}

bgp_peer() {
  local name=$1 self=$2 peer=$3 as=$4 extra=${5:-}
  cat <<T
protocol bgp $name from bgp_template {
  neighbor $(ip_of "$peer") as $as;
  source address $(ip_of "$self");
$extra}
T
}

write_config() {
  local dir=$1 major=$2 node=$3 conf="$1/n$3.conf"
  {
    echo "log \"$dir/n$node.log\" all;"
    echo "router id $(ip_of "$node");"
    base_protocols "$major" "$node"
    if [[ $node == 5 ]]; then
      bgp_template "$major" 64513
      # Passive, like the mesh's higher side: two active eBGP speakers can collide and back off for seconds.
      bgp_peer "Global_10_0_0_11" 5 1 64512 "  passive on;"$'\n'
    else
      bgp_template "$major" 64512
      for peer in 1 2 3 4; do
        [[ $peer == "$node" ]] && continue
        # Calico's mesh is one-directional: the node with the higher address waits for the lower one.
        local extra=""
        if ((peer < node)); then extra="  passive on;"$'\n'; fi
        bgp_peer "$(mesh_name "$peer")" "$node" "$peer" 64512 "$extra"
      done
      if [[ $node == 1 ]]; then bgp_peer "$LONG_NAME" 1 5 64513; fi
    fi
  } >"$conf"
}

up() {
  local dir=$1 major=$2 prefix=$3
  [[ $(id -u) -eq 0 ]] || die "needs root (network namespaces)"
  [[ $major == 1 || $major == 2 ]] || die "BIRD major version must be 1 or 2"
  local bird
  bird="$(bird_bin "$major")"
  mkdir -p "$dir"
  echo "$prefix" >"$dir/prefix"
  ip netns add "$prefix-sw"
  ip -n "$prefix-sw" link add br0 type bridge
  ip -n "$prefix-sw" link set br0 up
  for n in "${NODES[@]}"; do
    ip netns add "$prefix-n$n"
    ip -n "$prefix-sw" link add "p$n" type veth peer name eth0 netns "$prefix-n$n"
    ip -n "$prefix-sw" link set "p$n" master br0 up
    ip -n "$prefix-n$n" link set lo up
    ip -n "$prefix-n$n" addr add "$(ip_of "$n")/24" dev eth0
    ip -n "$prefix-n$n" link set eth0 up
    write_config "$dir" "$major" "$n"
  done
  for n in "${NODES[@]}"; do
    ip netns exec "$prefix-n$n" "$bird" -c "$dir/n$n.conf" -s "$dir/n$n.ctl" -P "$dir/n$n.pid" ||
      die "bird failed to start in $prefix-n$n (see $dir/n$n.log)"
  done
}

stop_node() {
  local dir=$1 n=$2 pid
  [[ -f "$dir/n$n.pid" ]] || return 0
  pid="$(cat "$dir/n$n.pid")"
  kill "$pid" 2>/dev/null || true
  # BIRD daemonizes, so its parent may be an init that does not reap: a zombie counts as stopped.
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" == Z ]] && break
    sleep 0.1
  done
  rm -f "$dir/n$n.pid"
}

down() {
  local dir=$1 prefix
  [[ -f "$dir/prefix" ]] || die "no lab in $dir"
  prefix="$(cat "$dir/prefix")"
  for n in "${NODES[@]}"; do stop_node "$dir" "$n"; done
  for ns in "$prefix-sw" "${NODES[@]/#/$prefix-n}"; do
    ip netns del "$ns" 2>/dev/null || true
  done
}

case "${1:-}" in
  up) [[ $# -eq 4 ]] || die "usage: $0 up <dir> <1|2> <prefix>"; up "$2" "$3" "$4" ;;
  down) [[ $# -eq 2 ]] || die "usage: $0 down <dir>"; down "$2" ;;
  stop) [[ $# -eq 3 ]] || die "usage: $0 stop <dir> <node>"; stop_node "$2" "$3" ;;
  *) die "usage: $0 up <dir> <1|2> <prefix> | down <dir> | stop <dir> <node>" ;;
esac
