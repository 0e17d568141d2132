#!/usr/bin/env bash
# Builds simulated Flannel / Calico nodes in network namespaces (all named np-*), sends a little traffic between
# their pods so that neighbour entries are real, captures iproute2's JSON into src/__fixtures__ and deletes the
# namespaces again. Run as root from the repository root: bash libs/netparse/scripts/capture-fixtures.sh
# Traffic stays inside the namespaces created here.
set -euo pipefail

OUT="$(cd "$(dirname "$0")/.." && pwd)/src/__fixtures__"
NODES=(np-fa np-fb np-fu np-fh np-fi np-ca np-cb np-cv np-cw np-ci np-misc)
PODS=(np-fa-p1 np-fa-p2 np-fb-p1 np-fh-p1 np-fi-p1 np-ca-p1 np-ca-p2 np-cb-p1 np-cv-p1 np-cw-p1 np-ci-p1 np-misc-p1)

cleanup() {
  for ns in "${PODS[@]}" "${NODES[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT
cleanup

x() { ip netns exec "$@"; }

node() { # name
  ip netns add "$1"
  ip -n "$1" link set lo up
  x "$1" sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
}

underlay() { # nsA ipA nsB ipB prefixlen: eth0 in both, a direct veth cable
  ip link add np-tmp-a netns "$1" type veth peer name np-tmp-b netns "$3"
  ip -n "$1" link set np-tmp-a name eth0
  ip -n "$3" link set np-tmp-b name eth0
  ip -n "$1" addr add "$2/$5" dev eth0
  ip -n "$3" addr add "$4/$5" dev eth0
  ip -n "$1" link set eth0 up
  ip -n "$3" link set eth0 up
  # Every node has a default route (the lab's gateway .254 does not exist); Calico's proxy ARP needs one.
  ip -n "$1" route add default via "${2%.*}.254" dev eth0
  ip -n "$3" route add default via "${4%.*}.254" dev eth0
}

flannel_pod() { # node podns hostveth podip/len gw
  ip netns add "$2"
  ip -n "$2" link set lo up
  ip link add np-tmp-h netns "$1" type veth peer name eth0 netns "$2"
  ip -n "$1" link set np-tmp-h name "$3"
  ip -n "$1" link set "$3" master cni0 up
  ip -n "$2" addr add "$4" dev eth0
  ip -n "$2" link set eth0 up
  ip -n "$2" route add default via "$5"
}

cni0() { # node gw/len
  ip -n "$1" link add cni0 type bridge
  ip -n "$1" addr add "$2" dev cni0
  ip -n "$1" link set cni0 up
}

calico_pod() { # node podns caliname podip
  ip netns add "$2"
  ip -n "$2" link set lo up
  ip link add np-tmp-h netns "$1" type veth peer name eth0 netns "$2"
  ip -n "$1" link set np-tmp-h name "$3"
  # Calico's host side of every pod veth has this fixed MAC and answers ARP for 169.254.1.1 by proxy ARP.
  ip -n "$1" link set "$3" address ee:ee:ee:ee:ee:ee up
  x "$1" sysctl -qw "net.ipv4.conf.$3.proxy_arp=1"
  ip -n "$2" addr add "$4/32" dev eth0
  ip -n "$2" link set eth0 up
  ip -n "$2" route add 169.254.1.1 dev eth0 scope link
  ip -n "$2" route add default via 169.254.1.1 dev eth0
  ip -n "$1" route add "$4/32" dev "$3" scope link
}

vtep() { # node dev vni local port mac addr
  ip -n "$1" link add "$2" type vxlan id "$3" local "$4" dev eth0 dstport "$5" nolearning
  ip -n "$1" link set "$2" address "$6" mtu 1450 up
  ip -n "$1" addr add "$7" dev "$2"
}

remote_vtep() { # node dev subnet gw mac underlay [proto]
  ip -n "$1" neigh add "$4" lladdr "$5" dev "$2" nud permanent
  bridge -n "$1" fdb add "$5" dev "$2" dst "$6" self permanent
  ip -n "$1" route add "$3" via "$4" dev "$2" onlink ${7:+proto $7}
}

# --- Flannel VXLAN: np-fa (10.244.0.0/24) <-> np-fb (10.244.1.0/24), underlay 192.168.50.0/24 ---
node np-fa; node np-fb
underlay np-fa 192.168.50.1 np-fb 192.168.50.2 24
vtep np-fa flannel.1 1 192.168.50.1 8472 0a:58:0a:f4:00:00 10.244.0.0/32
vtep np-fb flannel.1 1 192.168.50.2 8472 0a:58:0a:f4:01:00 10.244.1.0/32
cni0 np-fa 10.244.0.1/24; cni0 np-fb 10.244.1.1/24
flannel_pod np-fa np-fa-p1 veth3a1f0c2e 10.244.0.2/24 10.244.0.1
flannel_pod np-fa np-fa-p2 veth7b22d913 10.244.0.3/24 10.244.0.1
flannel_pod np-fb np-fb-p1 vethc04e51aa 10.244.1.2/24 10.244.1.1
remote_vtep np-fa flannel.1 10.244.1.0/24 10.244.1.0 0a:58:0a:f4:01:00 192.168.50.2
remote_vtep np-fb flannel.1 10.244.0.0/24 10.244.0.0 0a:58:0a:f4:00:00 192.168.50.1
# Dual stack: flanneld programs flannel-v6.1 over the IPv6 underlay the same way (pod subnets fd44:N::/64).
for n in a b; do
  [ $n = a ] && i=0 || i=1
  ip -n np-f$n addr add fd50::$((i + 1))/64 dev eth0 nodad
  ip -n np-f$n addr add fd44:$i::1/64 dev cni0 nodad
  ip -n np-f$n -6 route add default via fd50::fe dev eth0
done
ip netns exec np-fa-p1 ip addr add fd44:0::2/64 dev eth0 nodad
ip netns exec np-fb-p1 ip addr add fd44:1::2/64 dev eth0 nodad
ip -n np-fa-p1 -6 route add default via fd44:0::1
ip -n np-fb-p1 -6 route add default via fd44:1::1
vtep6() { # node mac local addr
  ip -n "$1" link add flannel-v6.1 type vxlan id 1 local "$3" dev eth0 dstport 8472 nolearning
  ip -n "$1" link set flannel-v6.1 address "$2" mtu 1430 up
  ip -n "$1" addr add "$4" dev flannel-v6.1 nodad
}
vtep6 np-fa 0a:58:fd:44:00:00 fd50::1 fd44:0::/128
vtep6 np-fb 0a:58:fd:44:01:00 fd50::2 fd44:1::/128
remote_vtep np-fa flannel-v6.1 fd44:1::/64 fd44:1:: 0a:58:fd:44:01:00 fd50::2
remote_vtep np-fb flannel-v6.1 fd44:0::/64 fd44:0:: 0a:58:fd:44:00:00 fd50::1
# A third node that is known (lease in etcd) but down: its neighbour/FDB entries exist, nothing answers.
remote_vtep np-fa flannel.1 10.244.2.0/24 10.244.2.0 0a:58:0a:f4:02:00 192.168.50.3

# --- Flannel UDP: np-fu, flannel0 is a tun device owned by flanneld (none runs here: NO-CARRIER) ---
node np-fu
ip -n np-fu link add eth0 type bridge
ip -n np-fu addr add 192.168.51.1/24 dev eth0
ip -n np-fu link set eth0 up
ip -n np-fu route add default via 192.168.51.254 dev eth0
ip -n np-fu tuntap add dev flannel0 mode tun
ip -n np-fu link set flannel0 mtu 1472 up
ip -n np-fu addr add 10.245.3.0/16 dev flannel0
cni0 np-fu 10.245.3.1/24

# --- Flannel host-gw: np-fh (10.246.0.0/24) <-> np-fi (10.246.1.0/24), same L2 192.168.52.0/24 ---
node np-fh; node np-fi
underlay np-fh 192.168.52.1 np-fi 192.168.52.2 24
cni0 np-fh 10.246.0.1/24; cni0 np-fi 10.246.1.1/24
flannel_pod np-fh np-fh-p1 veth11aa22bb 10.246.0.2/24 10.246.0.1
flannel_pod np-fi np-fi-p1 veth33cc44dd 10.246.1.2/24 10.246.1.1
ip -n np-fh route add 10.246.1.0/24 via 192.168.52.2 dev eth0
ip -n np-fi route add 10.246.0.0/24 via 192.168.52.1 dev eth0

# --- Calico BGP (no encapsulation): np-ca (block 10.65.0.0/26) <-> np-cb (10.65.0.64/26), 192.168.60.0/24 ---
node np-ca; node np-cb
underlay np-ca 192.168.60.1 np-cb 192.168.60.2 24
calico_pod np-ca np-ca-p1 cali1b2c3d4e5f6 10.65.0.0
calico_pod np-ca np-ca-p2 cali9a8b7c6d5e4 10.65.0.1
calico_pod np-cb np-cb-p1 calia1b2c3d4e5f 10.65.0.64
ip -n np-ca route add blackhole 10.65.0.0/26 proto bird
ip -n np-cb route add blackhole 10.65.0.64/26 proto bird
ip -n np-ca route add 10.65.0.64/26 via 192.168.60.2 dev eth0 proto bird
ip -n np-cb route add 10.65.0.0/26 via 192.168.60.1 dev eth0 proto bird

# --- Calico VXLAN: np-cv (10.66.0.0/26) <-> np-cw (10.66.0.64/26), 192.168.61.0/24, Felix routes proto 80 ---
node np-cv; node np-cw
underlay np-cv 192.168.61.1 np-cw 192.168.61.2 24
vtep np-cv vxlan.calico 4096 192.168.61.1 4789 66:c5:d3:00:00:01 10.66.0.0/32
vtep np-cw vxlan.calico 4096 192.168.61.2 4789 66:c5:d3:00:00:02 10.66.0.64/32
calico_pod np-cv np-cv-p1 calie1e2e3e4e5e 10.66.0.1
calico_pod np-cw np-cw-p1 calif1f2f3f4f5f 10.66.0.65
ip -n np-cv route add blackhole 10.66.0.0/26 proto 80
ip -n np-cw route add blackhole 10.66.0.64/26 proto 80
remote_vtep np-cv vxlan.calico 10.66.0.64/26 10.66.0.64 66:c5:d3:00:00:02 192.168.61.2 80
remote_vtep np-cw vxlan.calico 10.66.0.0/26 10.66.0.0 66:c5:d3:00:00:01 192.168.61.1 80

# --- Calico IPIP: np-ci. The kernel here has no ipip module, so "tunl0" is a tun device standing in for it
# (same name, MTU, address and routes as Calico's); the ip-link capture is edited afterwards, see its note. ---
node np-ci
ip -n np-ci link add eth0 type bridge
ip -n np-ci addr add 192.168.62.1/24 dev eth0
ip -n np-ci link set eth0 up
ip -n np-ci route add default via 192.168.62.254 dev eth0
ip -n np-ci tuntap add dev tunl0 mode tun
ip -n np-ci link set tunl0 mtu 1480 up
ip -n np-ci addr add 10.67.0.0/32 dev tunl0
calico_pod np-ci np-ci-p1 cali0c1d2e3f4a5 10.67.0.1
ip -n np-ci route add blackhole 10.67.0.0/26 proto bird
ip -n np-ci route add 10.67.0.64/26 via 192.168.62.2 dev tunl0 proto bird onlink
ip -n np-ci route add 10.67.0.128/26 via 192.168.62.3 dev tunl0 proto bird onlink

# --- Misc: IPv6, multipath, non-main tables, route types, neighbour states, macvlan, same-namespace veth pair ---
node np-misc
ip -n np-misc link add eth0 type veth peer name eth1
ip -n np-misc addr add 192.168.70.1/24 dev eth0
ip -n np-misc addr add 192.168.71.1/24 dev eth1
ip -n np-misc addr add fd70::1/64 dev eth0 nodad
ip -n np-misc addr add fd71::1/64 dev eth1 nodad
ip -n np-misc link set eth0 up; ip -n np-misc link set eth1 up
ip -n np-misc link add macvlan0 link eth0 type macvlan mode bridge
ip netns add np-misc-p1
ip link add np-tmp-h netns np-misc type veth peer name eth0 netns np-misc-p1
ip -n np-misc link set np-tmp-h name veth-pod
ip -n np-misc addr add 192.168.72.1/24 dev veth-pod
ip -n np-misc addr add fd72::1/64 dev veth-pod nodad
ip -n np-misc link set veth-pod up
ip -n np-misc-p1 link set lo up
ip -n np-misc-p1 addr add 192.168.72.2/24 dev eth0
ip -n np-misc-p1 addr add fd72::2/64 dev eth0 nodad
ip -n np-misc-p1 link set eth0 up
ip -n np-misc route add default via 192.168.70.254 dev eth0 metric 100
ip -n np-misc route add 10.80.0.0/16 proto static nexthop via 192.168.70.2 dev eth0 weight 1 nexthop via 192.168.71.2 dev eth1 weight 2
ip -n np-misc route add 10.81.0.0/24 via 192.168.70.3 dev eth0 table 100 proto static
ip -n np-misc route add default via 192.168.71.254 dev eth1 table 100
ip -n np-misc route add 10.82.0.0/24 dev eth1 table default
ip -n np-misc route add unreachable 10.83.0.0/24
ip -n np-misc route add prohibit 10.84.0.0/24
ip -n np-misc route add 10.85.0.1 via 192.168.70.4 dev eth0 mtu 1400 src 192.168.70.1
ip -n np-misc route add 10.86.0.0/24 via 192.168.70.5 dev eth0 tos 0x10 metric 20
ip -n np-misc -6 route add default via fd70::fe dev eth0 metric 1024
ip -n np-misc -6 route add fd80::/48 nexthop via fd70::2 dev eth0 weight 1 nexthop via fd71::2 dev eth1 weight 1
ip -n np-misc -6 route add fd81::1 via fd70::3 dev eth0 proto static
ip -n np-misc -6 route add fd82::/64 via fd71::3 dev eth1 table 100
ip -n np-misc -6 route add blackhole fd83::/64
ip -n np-misc neigh add 192.168.70.9 lladdr 02:00:00:00:70:09 dev eth0 nud permanent
ip -n np-misc neigh add 192.168.70.10 lladdr 02:00:00:00:70:0a dev eth0 nud noarp
ip -n np-misc neigh add fd70::9 lladdr 02:00:00:00:70:09 dev eth0 nud permanent
ip -n np-misc neigh add proxy 192.168.70.11 dev eth0
# STALE comes quickly when reachability times out fast on this one port.
x np-misc sysctl -qw net.ipv4.neigh.veth-pod.base_reachable_time_ms=500 net.ipv6.neigh.veth-pod.base_reachable_time_ms=500
# eth0/eth1 are the two ends of one pair inside np-misc: a gateway there is never answered -> FAILED.
x np-misc ping -c1 -W1 -I eth0 192.168.70.77 >/dev/null 2>&1 || true
x np-misc ping -6 -c1 -W1 -I eth0 fd70::77 >/dev/null 2>&1 || true

# --- traffic, so that learned entries and REACHABLE/STALE states are real ---
x np-fa-p1 ping -c2 -i0.2 -W2 10.244.1.2 >/dev/null
x np-fa-p2 ping -c1 -W2 10.244.0.2 >/dev/null
x np-fa-p1 ping -6 -c2 -i0.2 -W2 fd44:1::2 >/dev/null
x np-fh-p1 ping -c2 -i0.2 -W2 10.246.1.2 >/dev/null
x np-ca-p1 ping -c2 -i0.2 -W2 10.65.0.64 >/dev/null
x np-ca-p2 ping -c1 -W2 10.65.0.0 >/dev/null
x np-cv-p1 ping -c2 -i0.2 -W2 10.66.0.65 >/dev/null
x np-misc ping -c1 -W2 192.168.72.2 >/dev/null
x np-misc ping -6 -c1 -W2 fd72::2 >/dev/null
sleep 4 # veth-pod entries go STALE (fast reachable time), the others stay REACHABLE
x np-fa-p1 ping -c1 -W2 10.244.1.2 >/dev/null
x np-ca-p1 ping -c1 -W2 10.65.0.64 >/dev/null

capture() { # ns name  (ns "" = this machine's own namespace)
  local n=()
  [ -n "$1" ] && n=(-n "$1")
  mkdir -p "$OUT"/ip-link "$OUT"/ip-addr "$OUT"/ip-route "$OUT"/ip-neigh "$OUT"/bridge-fdb
  ip "${n[@]}" -j -d -s link show >"$OUT/ip-link/$2.json"
  ip "${n[@]}" -j addr show >"$OUT/ip-addr/$2.json"
  ip "${n[@]}" -j route show table all >"$OUT/ip-route/$2.json"
  ip "${n[@]}" -j -6 route show table all >"$OUT/ip-route/$2-inet6.json"
  ip "${n[@]}" -j neigh show >"$OUT/ip-neigh/$2.json"
  ip "${n[@]}" -j -6 neigh show >"$OUT/ip-neigh/$2-inet6.json"
  bridge "${n[@]}" -j fdb show >"$OUT/bridge-fdb/$2.json"
}

capture np-fa flannel-vxlan-node
capture np-fb flannel-vxlan-peer
capture np-fu flannel-udp-node
capture np-fh flannel-host-gw-node
capture np-ca calico-bgp-node
capture np-cv calico-vxlan-node
capture np-ci calico-ipip-node
capture np-misc misc-node
capture np-fa-p1 flannel-pod
capture "" host
# Entries the default listing hides: NOARP/INCOMPLETE/NONE states (nud all) and proxy entries.
ip -n np-misc -j neigh show nud all >"$OUT/ip-neigh/misc-node-nud-all.json"
ip -n np-misc -j neigh show proxy >"$OUT/ip-neigh/misc-node-proxy.json"
# The ipip stand-in: turn the captured tun "tunl0" into what iproute2 6.1 prints for Calico's tunl0 (the ipip
# fallback device), following ip/ipaddress.c ("link":null for IFLA_LINK 0) and ip/link_iptnl.c (info_data keys).
# Everything else in these two files (flags, qdisc, counters, addresses) stays as captured.
for f in "$OUT/ip-link/calico-ipip-node.json" "$OUT/ip-addr/calico-ipip-node.json"; do
  sed -i -E \
    -e 's/("ifindex":[0-9]+,)("ifname":"tunl0")/\1"link":null,\2/' \
    -e 's/"link_type":"none"/"link_type":"ipip","address":"0.0.0.0","broadcast":"0.0.0.0"/' \
    -e 's/"linkinfo":\{"info_kind":"tun","info_data":\{[^}]*\}\}/"linkinfo":{"info_kind":"ipip","info_data":{"proto":"ipip","remote":"any","local":"any","ttl":0,"pmtudisc":false}}/' \
    "$f"
done
# Link dump without -s/-d (the parsers accept both).
ip -n np-fa -j link show >"$OUT/ip-link/flannel-vxlan-node-plain.json"
echo "captured into $OUT"
