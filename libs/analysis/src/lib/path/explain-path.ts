import type { Link, Route } from '@meshlens/model';
import type { ClusterState, NodeState } from '../cluster/cluster-state';
import { ClusterIndex } from '../cluster/cluster-index';
import { citeFdb, citeLink, citeNeighbor, citeRoute } from '../cluster/cite.util';
import { isPodDevice, linkByName, locateAddress } from '../cluster/node-facts.util';
import { cidrContains, parseIp } from '../net/ip-address.util';
import type { Encapsulation, PathExplanation, PathFailureCode, PathHop } from './path-explanation.types';

/** Bounds a walk through a misconfigured cluster (routing loops between nodes). */
const MAX_NODE_VISITS = 16;
const FLANNEL_UDP_PORT = 8285;

class Walk {
  readonly hops: PathHop[] = [];
  readonly warnings: string[] = [];
  failure?: PathExplanation['failure'];

  hop(h: PathHop): void {
    this.hops.push(h);
  }

  fail(code: PathFailureCode, node: string, message: string): false {
    this.failure = { code, node, message };
    return false;
  }
}

/**
 * Explains how a packet from `src` reaches `dst` through the cluster, hop by hop, from the nodes' tables alone:
 * longest-prefix match, device, on-link gateway, neighbour and FDB lookups, encapsulation, the underlay route, and
 * decapsulation on the peer, down to the destination pod's device. Every hop cites the rows it used; a broken path
 * stops at the failing hop and says why. Pass the same `index` to many calls over one snapshot to share its lookups.
 */
export function explainPath(cluster: ClusterState, src: string, dst: string, index = new ClusterIndex(cluster)): PathExplanation {
  const walk = new Walk();
  const result = (status: PathExplanation['status'], extra: Partial<PathExplanation> = {}): PathExplanation => ({
    src,
    dst,
    status,
    hops: walk.hops,
    warnings: walk.warnings,
    ...(walk.failure ? { failure: walk.failure } : {}),
    ...extra,
  });

  if (!parseIp(src) || !parseIp(dst)) {
    walk.fail('unknown-source', '', `src and dst must be IP addresses (got "${src}", "${dst}")`);
    return result('broken');
  }
  const from = locateAddress(cluster, src);
  if (!from) {
    walk.fail('unknown-source', '', `no reporting node owns ${src} or has a route to it as a local pod`);
    return result('broken');
  }
  const to = locateAddress(cluster, dst);
  walk.hop({
    node: from.node.name,
    kind: 'source',
    description: from.kind === 'pod' ? `${src} is a pod behind ${from.dev} on ${from.node.name}` : `${src} is ${from.node.name} itself`,
    dev: from.kind === 'pod' ? from.dev : undefined,
    cites: from.citation ? [from.citation] : [],
  });
  const podMtu = from.kind === 'pod' ? linkByName(from.node, from.dev)?.mtu : undefined;

  let node: NodeState = from.node;
  const visited = new Set<string>();
  for (let i = 0; i < MAX_NODE_VISITS; i++) {
    if (visited.has(node.name)) {
      walk.fail('loop', node.name, `the packet returns to ${node.name}: routing loop`);
      return result('broken', { srcNode: from.node.name, dstNode: to?.node.name });
    }
    visited.add(node.name);
    const step = routeOnNode(index, node, dst, walk, podMtu);
    if (step.kind === 'broken') return result('broken', { srcNode: from.node.name, dstNode: to?.node.name });
    if (step.kind === 'delivered') return result('delivered', { srcNode: from.node.name, dstNode: node.name });
    if (step.kind === 'leaves') return result('leaves-cluster', { srcNode: from.node.name });
    node = step.next;
  }
  walk.fail('loop', node.name, `more than ${MAX_NODE_VISITS} node hops: routing loop`);
  return result('broken', { srcNode: from.node.name });
}

type Step = { kind: 'broken' } | { kind: 'delivered' } | { kind: 'leaves' } | { kind: 'next'; next: NodeState };
/** Wraps Walk.fail (which records why) into the step result. */
const broken = (_failed: false): Step => ({ kind: 'broken' });

function routeOnNode(index: ClusterIndex, node: NodeState, dst: string, walk: Walk, podMtu?: number): Step {
  const route = index.routes(node).lookup(dst);
  if (!route) return broken(walk.fail('no-route', node.name, `${node.name} has no route to ${dst}`));
  const cites = [citeRoute(node.name, route)];
  if (route.type === 'blackhole' || route.type === 'unreachable' || route.type === 'prohibit') {
    walk.hop({ node: node.name, kind: 'route', description: `${route.type} ${route.dst}`, cites });
    return broken(walk.fail(route.type, node.name, `${node.name} drops ${dst}: ${route.type} route ${route.dst} (${route.protocol})`));
  }
  if (route.type === 'local') {
    walk.hop({ node: node.name, kind: 'deliver', description: `${dst} is local to ${node.name}`, dev: route.dev, cites });
    return { kind: 'delivered' };
  }
  const { gateway, dev } = firstNextHop(route, walk);
  const link = linkByName(node, dev);
  walk.hop({
    node: node.name,
    kind: 'route',
    description: `${route.dst}${gateway ? ` via ${gateway}` : ''} dev ${dev}${route.flags.includes('onlink') ? ' onlink' : ''} (table ${route.table}, proto ${route.protocol})`,
    dev,
    nextHop: gateway,
    cites,
  });
  if (!dev || !link) return broken(walk.fail('no-route', node.name, `route ${route.dst} names device ${dev ?? '(none)'} which ${node.name} does not have`));

  if (gateway && !route.flags.includes('onlink') && !index.routes(node).onLinkRoute(dev, gateway)) {
    return broken(walk.fail('gateway-not-onlink', node.name, `next hop ${gateway} is not on-link on ${dev} of ${node.name} (no connected route covers it)`));
  }
  switch (link.kind) {
    case 'vxlan':
      return viaVxlan(index, node, link, gateway ?? dst, dst, walk, podMtu);
    case 'ipip':
      return viaIpip(index, node, link, gateway, dst, walk, podMtu);
    case 'tun':
      return viaUdpBackend(index, node, link, dst, walk, podMtu);
    case 'bridge':
      if (!gateway) return deliverOnBridge(node, link, dst, walk);
      break;
    default:
      if (!gateway && isPodDevice(node, link)) {
        walk.hop({ node: node.name, kind: 'deliver', description: `delivered to the pod behind ${dev}`, dev, cites: [citeLink(node.name, link)] });
        return { kind: 'delivered' };
      }
  }
  return viaUnderlay(index, node, dev, gateway ?? dst, walk);
}

function firstNextHop(route: Route, walk: Walk): { gateway?: string; dev?: string } {
  if (route.nexthops?.length) {
    if (route.nexthops.length > 1) {
      walk.warnings.push(`${route.dst} has ${route.nexthops.length} next hops (ECMP, hashed per flow); following the first`);
    }
    return { gateway: route.nexthops[0].gateway, dev: route.nexthops[0].dev };
  }
  return { gateway: route.gateway, dev: route.dev };
}

/** A neighbour entry that can forward: FAILED/INCOMPLETE entries have no usable link-layer address. */
function usableNeighbor(node: NodeState, dev: string, ip: string) {
  const n = node.neighbors.find((x) => x.dev === dev && x.dst === ip);
  return { entry: n, usable: !!n?.lladdr && !n.state.some((s) => s === 'FAILED' || s === 'INCOMPLETE') };
}

function checkMtu(node: NodeState, tunnel: Link, walk: Walk, podMtu?: number): boolean {
  if (podMtu !== undefined && podMtu > tunnel.mtu) {
    return walk.fail('mtu-exceeds-tunnel', node.name, `pod MTU ${podMtu} exceeds ${tunnel.ifname} MTU ${tunnel.mtu}: full-size packets are dropped or fragmented`);
  }
  return true;
}

function viaVxlan(index: ClusterIndex, node: NodeState, link: Link, nextHop: string, dst: string, walk: Walk, podMtu?: number): Step {
  const neigh = usableNeighbor(node, link.ifname, nextHop);
  if (!neigh.usable) {
    return broken(walk.fail(neigh.entry ? 'neighbor-failed' : 'neighbor-missing', node.name, `no usable neighbour entry for ${nextHop} on ${link.ifname} of ${node.name}: the VTEP MAC is unknown`));
  }
  const mac = neigh.entry!.lladdr!;
  walk.hop({ node: node.name, kind: 'neighbor', description: `${nextHop} is VTEP MAC ${mac}`, dev: link.ifname, cites: [citeNeighbor(node.name, neigh.entry!)] });
  const fdb = node.fdb.find((f) => f.dev === link.ifname && f.mac === mac && f.dst);
  if (!fdb?.dst) return broken(walk.fail('fdb-missing', node.name, `no FDB entry for ${mac} on ${link.ifname} of ${node.name}: the VTEP's underlay address is unknown`));
  walk.hop({ node: node.name, kind: 'fdb', description: `${mac} is reached at ${fdb.dst}`, dev: link.ifname, cites: [citeFdb(node.name, fdb)] });

  const v6 = fdb.dst.includes(':');
  const encapsulation: Encapsulation = {
    type: 'vxlan',
    outerSrc: link.vxlan?.local ?? node.identity.underlayAddresses[0],
    outerDst: fdb.dst,
    port: link.vxlan?.port,
    vni: link.vxlan?.vni,
    overhead: v6 ? 70 : 50,
    mtu: link.mtu,
  };
  walk.hop({ node: node.name, kind: 'encapsulate', description: `VXLAN VNI ${encapsulation.vni} to ${fdb.dst}:${encapsulation.port}`, dev: link.ifname, encapsulation, cites: [citeLink(node.name, link)] });
  if (!checkMtu(node, link, walk, podMtu)) return { kind: 'broken' };
  const peer = underlayHop(index, node, fdb.dst, walk);
  if (!peer) return { kind: 'broken' };
  const decap = peer.links.find((l) => l.kind === 'vxlan' && l.vxlan?.vni === link.vxlan?.vni && l.vxlan?.port === link.vxlan?.port);
  if (!decap) return broken(walk.fail('decap-missing', peer.name, `${peer.name} has no vxlan device with VNI ${link.vxlan?.vni} port ${link.vxlan?.port}: it drops the datagram`));
  if (decap.mac && decap.mac !== mac) {
    return broken(walk.fail('vtep-mac-mismatch', node.name, `${node.name} sends to VTEP MAC ${mac} but ${peer.name}'s ${decap.ifname} has ${decap.mac}: stale neighbour/FDB entry`));
  }
  walk.hop({ node: peer.name, kind: 'decapsulate', description: `${decap.ifname} decapsulates VNI ${decap.vxlan?.vni}`, dev: decap.ifname, cites: [citeLink(peer.name, decap)] });
  return { kind: 'next', next: peer };
}

function viaIpip(index: ClusterIndex, node: NodeState, link: Link, gateway: string | undefined, dst: string, walk: Walk, podMtu?: number): Step {
  if (!gateway) return broken(walk.fail('no-route', node.name, `route to ${dst} on ${link.ifname} has no gateway: IPIP needs the peer's underlay address`));
  const encapsulation: Encapsulation = {
    type: 'ipip',
    outerSrc: link.ipTunnel?.local ?? node.identity.underlayAddresses[0],
    outerDst: gateway,
    overhead: 20,
    mtu: link.mtu,
  };
  walk.hop({ node: node.name, kind: 'encapsulate', description: `IP-in-IP to ${gateway}`, dev: link.ifname, encapsulation, cites: [citeLink(node.name, link)] });
  if (!checkMtu(node, link, walk, podMtu)) return { kind: 'broken' };
  const peer = underlayHop(index, node, gateway, walk);
  if (!peer) return { kind: 'broken' };
  const decap = peer.links.find((l) => l.kind === 'ipip');
  if (!decap) return broken(walk.fail('decap-missing', peer.name, `${peer.name} has no ipip device: it drops the IP-in-IP packet`));
  walk.hop({ node: peer.name, kind: 'decapsulate', description: `${decap.ifname} decapsulates IP-in-IP`, dev: decap.ifname, cites: [citeLink(peer.name, decap)] });
  return { kind: 'next', next: peer };
}

/** Flannel's UDP backend: flanneld reads the tun device and sends each packet to the node owning the subnet. */
function viaUdpBackend(index: ClusterIndex, node: NodeState, link: Link, dst: string, walk: Walk, podMtu?: number): Step {
  const owner = index.cluster.nodes.find((n) => n !== node && index.podSubnets(n).some((s) => cidrContains(s.cidr, dst)));
  if (!owner) return broken(walk.fail('vtep-unknown', node.name, `no node serves a pod subnet containing ${dst}: flanneld has nowhere to send it`));
  const outerDst = owner.identity.underlayAddresses[0];
  if (!outerDst) return broken(walk.fail('vtep-unknown', node.name, `${owner.name} reports no underlay address`));
  const encapsulation: Encapsulation = { type: 'udp', outerSrc: node.identity.underlayAddresses[0], outerDst, port: FLANNEL_UDP_PORT, overhead: 28, mtu: link.mtu };
  walk.hop({ node: node.name, kind: 'encapsulate', description: `flanneld UDP to ${outerDst}:${FLANNEL_UDP_PORT}`, dev: link.ifname, encapsulation, cites: [citeLink(node.name, link), ...index.podSubnets(owner).filter((s) => cidrContains(s.cidr, dst)).map((s) => s.citation)] });
  if (!checkMtu(node, link, walk, podMtu)) return { kind: 'broken' };
  const peer = underlayHop(index, node, outerDst, walk);
  if (!peer) return { kind: 'broken' };
  const decap = peer.links.find((l) => l.kind === 'tun');
  if (!decap) return broken(walk.fail('decap-missing', peer.name, `${peer.name} has no tun device (flannel0): flanneld is not running there`));
  walk.hop({ node: peer.name, kind: 'decapsulate', description: `flanneld writes the packet to ${decap.ifname}`, dev: decap.ifname, cites: [citeLink(peer.name, decap)] });
  return { kind: 'next', next: peer };
}

/** Routes the outer packet to a peer's underlay address and names the peer. */
function underlayHop(index: ClusterIndex, node: NodeState, outerDst: string, walk: Walk): NodeState | null {
  const route = index.routes(node).lookup(outerDst);
  if (!route || route.type !== 'unicast') {
    walk.fail('no-route', node.name, `${node.name} has no usable underlay route to ${outerDst}`);
    return null;
  }
  const { gateway, dev } = firstNextHop(route, walk);
  walk.hop({ node: node.name, kind: 'underlay', description: `outer packet to ${outerDst}${gateway ? ` via ${gateway}` : ''} dev ${dev}`, dev, nextHop: gateway ?? outerDst, cites: [citeRoute(node.name, route)] });
  const peer = index.owner(outerDst);
  if (!peer) {
    walk.fail('vtep-unknown', node.name, `${outerDst} belongs to no reporting node`);
    return null;
  }
  return peer.node;
}

function deliverOnBridge(node: NodeState, bridge: Link, dst: string, walk: Walk): Step {
  const neigh = usableNeighbor(node, bridge.ifname, dst);
  const cites = [citeLink(node.name, bridge)];
  if (neigh.entry?.lladdr) {
    cites.push(citeNeighbor(node.name, neigh.entry));
    const port = node.fdb.find((f) => f.mac === neigh.entry!.lladdr && f.master === bridge.ifname);
    if (port) {
      cites.push(citeFdb(node.name, port));
      walk.hop({ node: node.name, kind: 'deliver', description: `delivered on ${bridge.ifname} to port ${port.dev} (MAC ${port.mac})`, dev: port.dev, cites });
      return { kind: 'delivered' };
    }
  }
  walk.hop({ node: node.name, kind: 'deliver', description: `delivered on bridge ${bridge.ifname} (no ARP/FDB entry yet: the kernel resolves it on first packet)`, dev: bridge.ifname, cites });
  return { kind: 'delivered' };
}

/** Plain IP forwarding over an underlay device: host-gw, Calico BGP without encapsulation, or leaving the cluster. */
function viaUnderlay(index: ClusterIndex, node: NodeState, dev: string, nextHop: string, walk: Walk): Step {
  const neigh = usableNeighbor(node, dev, nextHop);
  if (neigh.entry && !neigh.usable) {
    return broken(walk.fail('neighbor-failed', node.name, `ARP/NDP for ${nextHop} on ${dev} of ${node.name} is ${neigh.entry.state.join(',')}`));
  }
  if (neigh.entry) walk.hop({ node: node.name, kind: 'neighbor', description: `${nextHop} is at ${neigh.entry.lladdr}`, dev, cites: [citeNeighbor(node.name, neigh.entry)] });
  else walk.warnings.push(`${node.name} has no neighbour entry for ${nextHop} on ${dev} yet (resolved on first packet)`);
  const peer = index.owner(nextHop);
  if (!peer) {
    walk.hop({ node: node.name, kind: 'underlay', description: `leaves the cluster via ${nextHop} on ${dev}`, dev, nextHop, cites: [] });
    return { kind: 'leaves' };
  }
  return { kind: 'next', next: peer.node };
}
