import type { Finding, Link } from '@meshlens/model';
import type { ClusterState, NodeState } from '../cluster/cluster-state';
import { citeFdb, citeLink, citeNeighbor, citeRoute } from '../cluster/cite.util';
import { isPodDevice, linkByName, nodeOwningAddress, podSubnetsOf } from '../cluster/node-facts.util';
import { cidrContains, cidrsOverlap } from '../net/ip-address.util';

/**
 * FDB and neighbour entries on vxlan devices must carry the MAC of the peer's VTEP with the same VNI: a stale
 * entry (the peer re-created its device, flanneld restarted with a new MAC) silently black-holes traffic.
 */
export function checkVtepEntries(cluster: ClusterState): Finding[] {
  const findings: Finding[] = [];
  for (const node of cluster.nodes) {
    for (const f of node.fdb) {
      const link = linkByName(node, f.dev);
      // Flannel never writes all-zero entries; Calico and BUM flooding do. They name no single VTEP MAC.
      if (link?.kind !== 'vxlan' || !f.dst || f.mac === '00:00:00:00:00:00') continue;
      const peer = nodeOwningAddress(cluster, f.dst)?.node;
      if (!peer) {
        findings.push({
          code: 'fdb-dst-unknown',
          severity: 'warning',
          node: node.name,
          subject: `${node.name}:${f.dev}:${f.mac}`,
          message: `${node.name} sends ${f.mac} on ${f.dev} to ${f.dst}, which no reporting node owns`,
          evidence: [citeFdb(node.name, f)],
        });
        continue;
      }
      const vtep = peer.links.find((l) => l.kind === 'vxlan' && l.vxlan?.vni === link.vxlan?.vni);
      if (vtep?.mac && vtep.mac !== f.mac) {
        findings.push({
          code: 'vtep-mac-mismatch',
          severity: 'critical',
          node: node.name,
          subject: `${node.name}:${f.dev}:fdb:${f.dst}`,
          message: `${node.name}'s FDB sends ${f.mac} to ${peer.name} (${f.dst}), whose ${vtep.ifname} has MAC ${vtep.mac}`,
          evidence: [citeFdb(node.name, f), citeLink(peer.name, vtep)],
        });
      }
    }
    for (const n of node.neighbors) {
      const link = linkByName(node, n.dev);
      if (link?.kind !== 'vxlan' || !n.lladdr) continue;
      const peer = nodeOwningAddress(cluster, n.dst);
      const vtep = peer?.node.links.find((l) => l.ifname === peer.address?.ifname && l.kind === 'vxlan');
      if (peer && vtep?.mac && vtep.mac !== n.lladdr) {
        findings.push({
          code: 'vtep-mac-mismatch',
          severity: 'critical',
          node: node.name,
          subject: `${node.name}:${n.dev}:neigh:${n.dst}`,
          message: `${node.name} resolves ${n.dst} to ${n.lladdr} on ${n.dev}, but ${peer.node.name}'s ${vtep.ifname} has MAC ${vtep.mac}`,
          evidence: [citeNeighbor(node.name, n), citeLink(peer.node.name, vtep)],
        });
      }
    }
  }
  return findings;
}

const ENCAP_OVERHEAD: Record<string, number> = { vxlan: 50, ipip: 20, tun: 28 };

/** Tunnel MTU + encapsulation overhead must fit the underlay; pod interfaces must not exceed the tunnel. */
export function checkMtu(cluster: ClusterState): Finding[] {
  const findings: Finding[] = [];
  for (const node of cluster.nodes) {
    const tunnels = node.links.filter((l) => l.kind in ENCAP_OVERHEAD && (l.kind !== 'tun' || l.ifname.startsWith('flannel')));
    for (const t of tunnels) {
      const underlay = linkByName(node, t.vxlan?.underlayDev ?? t.ipTunnel?.underlayDev) ??
        node.links.find((l) => node.addresses.some((a) => a.ifname === l.ifname && node.identity.underlayAddresses.includes(a.local)));
      const overhead = ENCAP_OVERHEAD[t.kind];
      if (underlay && t.mtu + overhead > underlay.mtu) {
        findings.push({
          code: 'mtu-exceeds-underlay',
          severity: 'warning',
          node: node.name,
          subject: `${node.name}:${t.ifname}`,
          message: `${t.ifname} MTU ${t.mtu} + ${overhead} bytes of ${t.kind} overhead exceeds ${underlay.ifname} MTU ${underlay.mtu}: large packets are fragmented or dropped`,
          evidence: [citeLink(node.name, t), citeLink(node.name, underlay)],
        });
      }
      const biggestPod = podDevicesBehind(node, t).reduce<(typeof node.links)[number] | undefined>(
        (m, l) => (!m || l.mtu > m.mtu ? l : m),
        undefined,
      );
      if (biggestPod && biggestPod.mtu > t.mtu) {
        findings.push({
          code: 'pod-mtu-exceeds-tunnel',
          severity: 'warning',
          node: node.name,
          subject: `${node.name}:${t.ifname}:pods`,
          message: `pod interface ${biggestPod.ifname} has MTU ${biggestPod.mtu}, more than ${t.ifname}'s ${t.mtu}: full-size pod packets do not fit the tunnel`,
          evidence: [citeLink(node.name, biggestPod), citeLink(node.name, t)],
        });
      }
    }
  }
  return findings;
}

/**
 * Every onlink route through a vxlan device needs the two entries flanneld (or Felix) programs with it: a
 * neighbour entry giving the gateway's VTEP MAC, and an FDB entry sending that MAC to the peer's underlay address.
 * Without either, the kernel drops the packet at the tunnel.
 */
export function checkVxlanForwarding(cluster: ClusterState): Finding[] {
  const findings: Finding[] = [];
  for (const node of cluster.nodes) {
    for (const r of node.routes) {
      const link = linkByName(node, r.dev);
      if (link?.kind !== 'vxlan' || !r.gateway || r.type !== 'unicast') continue;
      const neigh = node.neighbors.find((n) => n.dev === link.ifname && n.dst === r.gateway && n.lladdr);
      const subject = `${node.name}:${link.ifname}:${r.dst}`;
      if (!neigh) {
        findings.push({
          code: 'vxlan-neighbor-missing',
          severity: 'critical',
          node: node.name,
          subject,
          message: `${node.name} routes ${r.dst} via ${r.gateway} on ${link.ifname} but has no neighbour entry giving ${r.gateway}'s VTEP MAC`,
          evidence: [citeRoute(node.name, r)],
        });
        continue;
      }
      if (!node.fdb.some((f) => f.dev === link.ifname && f.mac === neigh.lladdr && f.dst)) {
        findings.push({
          code: 'vxlan-fdb-missing',
          severity: 'critical',
          node: node.name,
          subject,
          message: `${node.name} has no FDB entry on ${link.ifname} for VTEP MAC ${neigh.lladdr} (${r.gateway}): packets to ${r.dst} have no underlay destination`,
          evidence: [citeRoute(node.name, r), citeNeighbor(node.name, neigh)],
        });
      }
    }
  }
  return findings;
}

/**
 * The pod devices whose traffic to other nodes enters tunnel `t`: pods of the pod subnet the tunnel's own address
 * lives in (Flannel VXLAN holds S.0/32 of cni0's S, Flannel UDP S.0/16 around it, Calico's tunl0 and vxlan.calico an
 * address of the node's block). Pods of other ranges on the same node (host-gw, Calico without encapsulation) never
 * see this tunnel.
 */
function podDevicesBehind(node: NodeState, t: Link): Link[] {
  const tunnelCidrs = node.addresses.filter((a) => a.ifname === t.ifname && a.scope !== 'link').map((a) => `${a.local}/${a.prefixlen}`);
  const subnets = podSubnetsOf(node).filter((s) => tunnelCidrs.some((c) => cidrsOverlap(s.cidr, c)));
  if (subnets.length === 0) return [];
  const inSubnets = (ip: string) => subnets.some((s) => cidrContains(s.cidr, ip));
  const bridges = new Set(
    node.addresses.filter((a) => inSubnets(a.local) && linkByName(node, a.ifname)?.kind === 'bridge').map((a) => a.ifname),
  );
  const routed = new Set(node.routes.filter((r) => r.dev && !r.gateway && inSubnets(r.dst.split('/')[0])).map((r) => r.dev as string));
  return node.links.filter((l) => isPodDevice(node, l) && ((l.master && bridges.has(l.master)) || routed.has(l.ifname)));
}
