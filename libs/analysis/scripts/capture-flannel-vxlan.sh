#!/usr/bin/env bash
# Builds two Flannel-VXLAN nodes (plus one pod each) in network namespaces exactly as flanneld programs them,
# pings pod to pod through the tunnel, and captures every table of both nodes with iproute2's JSON output into
# the fixture folder given as $1. Needs root. Removes everything it made.
set -euo pipefail
out=${1:?usage: capture-flannel-vxlan.sh OUTDIR}
p=anfx$$
ul=${p}-ul; n1=${p}-n1; n2=${p}-n2; pod1=${p}-pod1; pod2=${p}-pod2
cleanup() { for ns in $ul $n1 $n2 $pod1 $pod2; do ip netns del $ns 2>/dev/null || true; done; }
trap cleanup EXIT
for ns in $ul $n1 $n2 $pod1 $pod2; do ip netns add $ns; ip -n $ns link set lo up; done
ip -n $ul link add br-ul type bridge; ip -n $ul link set br-ul up
i=0
for ns in $n1 $n2; do
  i=$((i+1))
  ip link add eth0 netns $ns type veth peer name ul$i netns $ul
  ip -n $ul link set ul$i master br-ul up
  ip -n $ns addr add 192.168.250.1$i/24 dev eth0; ip -n $ns link set eth0 up
  ip -n $ns route add default via 192.168.250.1 dev eth0 onlink
  ip netns exec $ns sysctl -qw net.ipv4.ip_forward=1
  ip -n $ns link add flannel.1 type vxlan id 1 local 192.168.250.1$i dev eth0 dstport 8472 nolearning
  ip -n $ns link set flannel.1 mtu 1450 up
  ip -n $ns addr add 10.244.$i.0/32 dev flannel.1
  ip -n $ns link add cni0 type bridge; ip -n $ns link set cni0 mtu 1450 up
  ip -n $ns addr add 10.244.$i.1/24 dev cni0
  pod=${p}-pod$i
  ip link add veth$i netns $ns mtu 1450 type veth peer name eth0 netns $pod mtu 1450
  ip -n $ns link set veth$i master cni0 up
  ip -n $pod addr add 10.244.$i.10/24 dev eth0; ip -n $pod link set eth0 up
  ip -n $pod route add default via 10.244.$i.1
done
mac() { ip -n $1 -j link show flannel.1 | python3 -c 'import json,sys;print(json.load(sys.stdin)[0]["address"])'; }
m1=$(mac $n1); m2=$(mac $n2)
# What flanneld programs per remote lease: onlink route, permanent neighbour, permanent FDB entry to the VTEP.
ip -n $n1 route add 10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink
ip -n $n1 neigh add 10.244.2.0 lladdr $m2 dev flannel.1 nud permanent
bridge -n $n1 fdb add $m2 dev flannel.1 dst 192.168.250.12 self permanent
ip -n $n2 route add 10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink
ip -n $n2 neigh add 10.244.1.0 lladdr $m1 dev flannel.1 nud permanent
bridge -n $n2 fdb add $m1 dev flannel.1 dst 192.168.250.11 self permanent
ip netns exec $pod1 ping -c 2 -W 2 10.244.2.10 >/dev/null
mkdir -p "$out"
for ns in $n1 $n2; do
  d="$out/node-${ns##*-n}"; mkdir -p "$d"
  ip -n $ns -j -d -s link show > "$d/link.json"
  ip -n $ns -j addr show > "$d/addr.json"
  ip -n $ns -j route show table all > "$d/route.json"
  ip -n $ns -j -6 route show table all > "$d/route6.json"
  ip -n $ns -j neigh show > "$d/neigh.json"
  bridge -n $ns -j fdb show > "$d/fdb.json"
  ip -n $ns -j route get 10.244.$((3 - ${ns##*-n})).10 > "$d/route-get-remote-pod.json"
done
echo "captured into $out"
