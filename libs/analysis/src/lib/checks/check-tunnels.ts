import type { FdbEntry, Link, Neighbor, Route } from '@meshlens/model';
import type { ClusterState, NodeState } from '../cluster/cluster-state';
import { ClusterIndex, type AddressOwner } from '../cluster/cluster-index';
import { citeFdb, citeLink, citeNeighbor, citeRoute } from '../cluster/cite.util';
import { isPodDevice, linkByName, type PodSubnet } from '../cluster/node-facts.util';
import { cidrContains, cidrsOverlap } from '../net/ip-address.util';
import { FindingCollector, type FindingKind, type FindingSlot } from './finding-collector';

const FDB_DST_UNKNOWN: FindingKind = { code: 'fdb-dst-unknown', severity: 'warning' };
const VTEP_MAC_MISMATCH: FindingKind = { code: 'vtep-mac-mismatch', severity: 'critical' };
const MTU_EXCEEDS_UNDERLAY: FindingKind = { code: 'mtu-exceeds-underlay', severity: 'warning' };
const POD_MTU_EXCEEDS_TUNNEL: FindingKind = { code: 'pod-mtu-exceeds-tunnel', severity: 'warning' };
const VXLAN_NEIGHBOR_MISSING: FindingKind = { code: 'vxlan-neighbor-missing', severity: 'critical' };
const VXLAN_FDB_MISSING: FindingKind = { code: 'vxlan-fdb-missing', severity: 'critical' };

// Offered from functions of their own: closures over a loop's row inside the loop make V8 allocate a context for
// every row (a million at 1000 nodes), finding or not.
const offerFdbDstUnknown = (collector: FindingCollector, node: string, f: FdbEntry) =>
  collector.offer(FDB_DST_UNKNOWN, node, () => `${f.mac} to ${f.dst}`, () => ({
    subject: `${node}:${f.dev}:${f.mac}`,
    message: `${node} sends ${f.mac} on ${f.dev} to ${f.dst}, which no reporting node owns`,
    evidence: [citeFdb(node, f)],
  }));

const offerFdbVtepMismatch = (collector: FindingCollector, node: string, f: FdbEntry, peer: NodeState, vtep: Link) =>
  collector.offer(VTEP_MAC_MISMATCH, node, () => `fdb ${peer.name} ${f.dst}`, () => ({
    subject: `${node}:${f.dev}:fdb:${f.dst}`,
    message: `${node}'s FDB sends ${f.mac} to ${peer.name} (${f.dst}), whose ${vtep.ifname} has MAC ${vtep.mac}`,
    evidence: [citeFdb(node, f), citeLink(peer.name, vtep)],
  }));

const offerNeighborVtepMismatch = (collector: FindingCollector, node: string, n: Neighbor, peer: NodeState, vtep: Link) =>
  collector.offer(VTEP_MAC_MISMATCH, node, () => `neigh ${peer.name} ${n.dst}`, () => ({
    subject: `${node}:${n.dev}:neigh:${n.dst}`,
    message: `${node} resolves ${n.dst} to ${n.lladdr} on ${n.dev}, but ${peer.name}'s ${vtep.ifname} has MAC ${vtep.mac}`,
    evidence: [citeNeighbor(node, n), citeLink(peer.name, vtep)],
  }));

const offerVxlanNeighborMissing = (collector: FindingCollector, node: string, r: Route, link: Link) =>
  collector.offer(VXLAN_NEIGHBOR_MISSING, node, () => `${r.dst} via ${r.gateway}`, () => ({
    subject: `${node}:${link.ifname}:${r.dst}`,
    message: `${node} routes ${r.dst} via ${r.gateway} on ${link.ifname} but has no neighbour entry giving ${r.gateway}'s VTEP MAC`,
    evidence: [citeRoute(node, r)],
  }));

const offerVxlanFdbMissing = (collector: FindingCollector, node: string, r: Route, link: Link, neigh: Neighbor) =>
  collector.offer(VXLAN_FDB_MISSING, node, () => `${r.dst} via ${r.gateway}`, () => ({
    subject: `${node}:${link.ifname}:${r.dst}`,
    message: `${node} has no FDB entry on ${link.ifname} for VTEP MAC ${neigh.lladdr} (${r.gateway}): packets to ${r.dst} have no underlay destination`,
    evidence: [citeRoute(node, r), citeNeighbor(node, neigh)],
  }));

/**
 * FDB and neighbour entries on vxlan devices must carry the MAC of the peer's VTEP with the same VNI: a stale
 * entry (the peer re-created its device, flanneld restarted with a new MAC) silently black-holes traffic.
 */
export function checkVtepEntries(
  cluster: ClusterState,
  index = new ClusterIndex(cluster),
  collector = new FindingCollector(),
): FindingSlot[] {
  const findings: FindingSlot[] = [];
  const add = (slot: FindingSlot | undefined) => slot && findings.push(slot);
  // Every node holds an entry per peer, so each peer address comes up once per node: resolve it once per run.
  const fdbPeers = new Map<string, { vni: number | undefined; peer?: NodeState; vtep?: Link }>();
  const fdbPeer = (dst: string, vni: number | undefined) => {
    let hit = fdbPeers.get(dst);
    if (!hit || hit.vni !== vni) {
      const peer = index.owner(dst)?.node;
      hit = { vni, peer, vtep: peer?.links.find((l) => l.kind === 'vxlan' && l.vxlan?.vni === vni) };
      fdbPeers.set(dst, hit);
    }
    return hit;
  };
  const neighborPeers = new Map<string, { peer: AddressOwner | null; vtep?: Link }>();
  const neighborPeer = (dst: string) => {
    let hit = neighborPeers.get(dst);
    if (!hit) {
      const peer = index.owner(dst);
      const ownLink = peer?.address && index.link(peer.node, peer.address.ifname);
      neighborPeers.set(dst, (hit = { peer, vtep: ownLink?.kind === 'vxlan' ? ownLink : undefined }));
    }
    return hit;
  };
  for (const node of cluster.nodes) {
    const links = index.links(node);
    for (const f of node.fdb) {
      const link = links.get(f.dev);
      // Flannel never writes all-zero entries; Calico and BUM flooding do. They name no single VTEP MAC.
      if (link?.kind !== 'vxlan' || !f.dst || f.mac === '00:00:00:00:00:00') continue;
      const { peer, vtep } = fdbPeer(f.dst, link.vxlan?.vni);
      if (!peer) {
        add(offerFdbDstUnknown(collector, node.name, f));
        continue;
      }
      if (vtep?.mac && vtep.mac !== f.mac) {
        add(offerFdbVtepMismatch(collector, node.name, f, peer, vtep));
      }
    }
    for (const n of node.neighbors) {
      const link = links.get(n.dev);
      if (link?.kind !== 'vxlan' || !n.lladdr) continue;
      const { peer, vtep } = neighborPeer(n.dst);
      if (peer && vtep?.mac && vtep.mac !== n.lladdr) {
        add(offerNeighborVtepMismatch(collector, node.name, n, peer.node, vtep));
      }
    }
  }
  return findings;
}

const ENCAP_OVERHEAD: Record<string, number> = { vxlan: 50, ipip: 20, tun: 28 };

/** Tunnel MTU + encapsulation overhead must fit the underlay; pod interfaces must not exceed the tunnel. */
export function checkMtu(
  cluster: ClusterState,
  index = new ClusterIndex(cluster),
  collector = new FindingCollector(),
): FindingSlot[] {
  const findings: FindingSlot[] = [];
  const add = (slot: FindingSlot | undefined) => slot && findings.push(slot);
  for (const node of cluster.nodes) {
    const tunnels = node.links.filter((l) => l.kind in ENCAP_OVERHEAD && (l.kind !== 'tun' || l.ifname.startsWith('flannel')));
    for (const t of tunnels) {
      const underlay = linkByName(node, t.vxlan?.underlayDev ?? t.ipTunnel?.underlayDev) ??
        node.links.find((l) => node.addresses.some((a) => a.ifname === l.ifname && node.identity.underlayAddresses.includes(a.local)));
      const overhead = ENCAP_OVERHEAD[t.kind];
      if (underlay && t.mtu + overhead > underlay.mtu) {
        add(
          collector.offer(MTU_EXCEEDS_UNDERLAY, node.name, () => t.ifname, () => ({
            subject: `${node.name}:${t.ifname}`,
            message: `${t.ifname} MTU ${t.mtu} + ${overhead} bytes of ${t.kind} overhead exceeds ${underlay.ifname} MTU ${underlay.mtu}: large packets are fragmented or dropped`,
            evidence: [citeLink(node.name, t), citeLink(node.name, underlay)],
          })),
        );
      }
      const biggestPod = podDevicesBehind(node, t, index.podSubnets(node)).reduce<(typeof node.links)[number] | undefined>(
        (m, l) => (!m || l.mtu > m.mtu ? l : m),
        undefined,
      );
      if (biggestPod && biggestPod.mtu > t.mtu) {
        add(
          collector.offer(POD_MTU_EXCEEDS_TUNNEL, node.name, () => `${biggestPod.ifname} on ${t.ifname}`, () => ({
            subject: `${node.name}:${t.ifname}:pods`,
            message: `pod interface ${biggestPod.ifname} has MTU ${biggestPod.mtu}, more than ${t.ifname}'s ${t.mtu}: full-size pod packets do not fit the tunnel`,
            evidence: [citeLink(node.name, biggestPod), citeLink(node.name, t)],
          })),
        );
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
export function checkVxlanForwarding(
  cluster: ClusterState,
  index = new ClusterIndex(cluster),
  collector = new FindingCollector(),
): FindingSlot[] {
  const findings: FindingSlot[] = [];
  const add = (slot: FindingSlot | undefined) => slot && findings.push(slot);
  for (const node of cluster.nodes) {
    const tables = vxlanForwardingTables(node);
    const links = index.links(node);
    for (const r of node.routes) {
      const link = r.dev === undefined ? undefined : links.get(r.dev);
      if (link?.kind !== 'vxlan' || !r.gateway || r.type !== 'unicast') continue;
      const neigh = tables.neighbor(link.ifname, r.gateway);
      if (!neigh) {
        add(offerVxlanNeighborMissing(collector, node.name, r, link));
        continue;
      }
      if (!tables.hasFdb(link.ifname, neigh.lladdr ?? '')) {
        add(offerVxlanFdbMissing(collector, node.name, r, link, neigh));
      }
    }
  }
  return findings;
}

/**
 * A node's neighbours (with a link-layer address) and FDB entries (with a destination), keyed by address and MAC
 * alone: one device per address is the rule, so the first entry of a key answers; when it sits on another device
 * the scan the table replaces is run instead, keeping its first-listed answer.
 */
function vxlanForwardingTables(node: NodeState) {
  // Filled last to first, so the first listed entry of a key is the one left.
  const neighbors = new Map<string, Neighbor>();
  for (let i = node.neighbors.length - 1; i >= 0; i--) if (node.neighbors[i].lladdr) neighbors.set(node.neighbors[i].dst, node.neighbors[i]);
  const fdb = new Map<string, string>();
  for (let i = node.fdb.length - 1; i >= 0; i--) if (node.fdb[i].dst) fdb.set(node.fdb[i].mac, node.fdb[i].dev);
  return {
    neighbor(dev: string, dst: string): Neighbor | undefined {
      const n = neighbors.get(dst);
      return !n || n.dev === dev ? n : node.neighbors.find((x) => x.dev === dev && x.dst === dst && x.lladdr);
    },
    hasFdb(dev: string, mac: string): boolean {
      const onDev = fdb.get(mac);
      return onDev === dev || (onDev !== undefined && node.fdb.some((f) => f.dev === dev && f.mac === mac && f.dst));
    },
  };
}

/**
 * The pod devices whose traffic to other nodes enters tunnel `t`: pods of the pod subnet the tunnel's own address
 * lives in (Flannel VXLAN holds S.0/32 of cni0's S, Flannel UDP S.0/16 around it, Calico's tunl0 and vxlan.calico an
 * address of the node's block). Pods of other ranges on the same node (host-gw, Calico without encapsulation) never
 * see this tunnel.
 */
function podDevicesBehind(node: NodeState, t: Link, podSubnets: readonly PodSubnet[]): Link[] {
  const tunnelCidrs = node.addresses.filter((a) => a.ifname === t.ifname && a.scope !== 'link').map((a) => `${a.local}/${a.prefixlen}`);
  const subnets = podSubnets.filter((s) => tunnelCidrs.some((c) => cidrsOverlap(s.cidr, c)));
  if (subnets.length === 0) return [];
  const inSubnets = (ip: string) => subnets.some((s) => cidrContains(s.cidr, ip));
  const bridges = new Set(
    node.addresses.filter((a) => inSubnets(a.local) && linkByName(node, a.ifname)?.kind === 'bridge').map((a) => a.ifname),
  );
  const routed = new Set(node.routes.filter((r) => r.dev && !r.gateway && inSubnets(r.dst.split('/')[0])).map((r) => r.dev as string));
  return node.links.filter((l) => isPodDevice(node, l) && ((l.master && bridges.has(l.master)) || routed.has(l.ifname)));
}
