#!/usr/bin/env bash
# Builds two Flannel-UDP-backend nodes in network namespaces as flanneld sets them up (a tun device flannel0
# holding S.0 with the cluster prefix length, so the kernel routes the whole cluster network to it, and cni0 with
# one pod), and captures every table of both nodes with iproute2's JSON output into $1. No flanneld runs: the
# tables are what matters here, packets would need flanneld to move. Needs root. Removes everything it made.
set -euo pipefail
out=${1:?usage: capture-flannel-udp.sh OUTDIR}
p=anud$$
ul=${p}-ul; n1=${p}-n1; n2=${p}-n2; pod1=${p}-pod1; pod2=${p}-pod2
cleanup() { for ns in $ul $n1 $n2 $pod1 $pod2; do ip netns del $ns 2>/dev/null || true; done; }
trap cleanup EXIT
for ns in $ul $n1 $n2 $pod1 $pod2; do ip netns add $ns; ip -n $ns link set lo up; done
ip -n $ul link add br-ul type bridge; ip -n $ul link set br-ul up
for i in 1 2; do
  ns=${p}-n$i; pod=${p}-pod$i
  ip link add eth0 netns $ns type veth peer name ul$i netns $ul
  ip -n $ul link set ul$i master br-ul up
  ip -n $ns addr add 192.168.251.1$i/24 dev eth0; ip -n $ns link set eth0 up
  ip -n $ns route add default via 192.168.251.1 dev eth0 onlink
  ip -n $ns tuntap add dev flannel0 mode tun
  ip -n $ns link set flannel0 mtu 1472 up
  ip -n $ns addr add 10.246.$i.0/16 dev flannel0
  ip -n $ns link add cni0 type bridge; ip -n $ns link set cni0 mtu 1472 up
  ip -n $ns addr add 10.246.$i.1/24 dev cni0
  ip link add veth$i netns $ns mtu 1472 type veth peer name eth0 netns $pod mtu 1472
  ip -n $ns link set veth$i master cni0 up
  ip -n $pod addr add 10.246.$i.10/24 dev eth0; ip -n $pod link set eth0 up
  ip -n $pod route add default via 10.246.$i.1
  ip netns exec $pod ping -c 1 -W 1 10.246.$i.1 >/dev/null
done
mkdir -p "$out"
for i in 1 2; do
  ns=${p}-n$i; d="$out/node-$i"; mkdir -p "$d"
  ip -n $ns -j -d -s link show > "$d/link.json"
  ip -n $ns -j addr show > "$d/addr.json"
  ip -n $ns -j route show table all > "$d/route.json"
  ip -n $ns -j -6 route show table all > "$d/route6.json"
  ip -n $ns -j neigh show > "$d/neigh.json"
  bridge -n $ns -j fdb show > "$d/fdb.json"
  ip -n $ns -j route get 10.246.$((3 - i)).10 > "$d/route-get-remote-pod.json"
done
echo "captured into $out"
