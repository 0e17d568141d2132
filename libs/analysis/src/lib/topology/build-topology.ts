import type { EdgeKind, EdgeSide, Endpoint, Topology, TopologyEdge, TopologyNode } from '@meshlens/model';
import type { ClusterState, NodeState } from '../cluster/cluster-state';
import { citeFdb, citeLink, citeRoute } from '../cluster/cite.util';
import { isPodDevice, linkByName, nodeOwningAddress, podSubnetsOf } from '../cluster/node-facts.util';

/** Who talks to whom, and how, from the nodes' own tables. */
export function buildTopology(cluster: ClusterState): Topology {
  const edges = new Map<string, TopologyEdge>();
  const add = (kind: EdgeKind, from: NodeState, to: NodeState, side: EdgeSide) => {
    const [a, b] = [from.name, to.name].sort();
    const key = `${kind}|${a}|${b}`;
    const edge = edges.get(key) ?? { kind, a, b, state: 'one-sided', sides: [] };
    edge.sides.push(side);
    edges.set(key, edge);
  };
  const nodes: TopologyNode[] = cluster.nodes.map((node) => {
    const externalPeers: string[] = [];
    for (const s of node.bgpSessions) {
      if (!s.neighborAddress) continue;
      const peer = nodeOwningAddress(cluster, s.neighborAddress)?.node;
      if (!peer) externalPeers.push(s.neighborAddress);
      else add('bgp', node, peer, { node: node.name, via: s.name, state: s.bgpState, cites: [{ node: node.name, table: 'bgpSessions', key: s.name, row: s }] });
    }
    for (const f of node.fdb) {
      const link = linkByName(node, f.dev);
      if (!f.dst || link?.kind !== 'vxlan') continue;
      const peer = nodeOwningAddress(cluster, f.dst)?.node;
      if (peer && peer !== node) add('vxlan', node, peer, { node: node.name, via: f.dev, cites: [citeFdb(node.name, f)] });
    }
    for (const r of node.routes) {
      if (!r.gateway || r.table !== 'main' || r.dst.endsWith('/0')) continue;
      const link = linkByName(node, r.dev);
      const peer = nodeOwningAddress(cluster, r.gateway)?.node;
      if (!peer || peer === node || !link) continue;
      if (link.kind === 'ipip') add('ipip', node, peer, { node: node.name, via: r.dst, cites: [citeRoute(node.name, r)] });
      else if (link.kind !== 'vxlan' && r.protocol !== 'bird') add('host-gw', node, peer, { node: node.name, via: r.dst, cites: [citeRoute(node.name, r)] });
    }
    const tun = node.links.find((l) => l.kind === 'tun' && l.ifname.startsWith('flannel'));
    if (tun) {
      for (const peer of cluster.nodes) {
        if (peer !== node && peer.links.some((l) => l.kind === 'tun' && l.ifname.startsWith('flannel')) && podSubnetsOf(peer).length) {
          add('udp', node, peer, { node: node.name, via: tun.ifname, cites: [citeLink(node.name, tun)] });
        }
      }
    }
    return {
      name: node.name,
      underlayAddresses: node.identity.underlayAddresses,
      modes: node.identity.modes,
      podSubnets: podSubnetsOf(node).map((s) => s.cidr),
      externalPeers,
      endpoints: endpointsOf(node),
    };
  });
  for (const edge of edges.values()) edge.state = edgeState(edge);
  return { nodes, edges: [...edges.values()] };
}

function edgeState(edge: TopologyEdge): TopologyEdge['state'] {
  if (edge.kind === 'bgp') {
    if (edge.sides.some((s) => s.state !== 'Established')) return 'down';
    // In a mesh both sides hold a protocol; against a reflector too. One side alone means the peer lacks config.
    return new Set(edge.sides.map((s) => s.node)).size === 2 ? 'up' : 'one-sided';
  }
  return new Set(edge.sides.map((s) => s.node)).size === 2 ? 'up' : 'one-sided';
}

/** Pods on a node: Calico's /32 routes to cali devices, and neighbours learnt on bridges (Flannel's cni0). */
function endpointsOf(node: NodeState): Endpoint[] {
  const out = new Map<string, Endpoint>();
  for (const r of node.routes) {
    const link = linkByName(node, r.dev);
    if (!link || r.gateway || r.table !== 'main' || !isPodDevice(node, link)) continue;
    if (!(r.dst.endsWith('/32') || r.dst.endsWith('/128'))) continue;
    const e = out.get(link.ifname) ?? { node: node.name, dev: link.ifname, ips: [], kind: 'calico' as const };
    e.ips.push(r.dst.split('/')[0]);
    out.set(link.ifname, e);
  }
  for (const n of node.neighbors) {
    const bridge = linkByName(node, n.dev);
    if (bridge?.kind !== 'bridge' || !n.lladdr) continue;
    const port = node.fdb.find((f) => f.mac === n.lladdr && f.master === bridge.ifname && !f.flags.includes('self'));
    const dev = port?.dev ?? bridge.ifname;
    const e = out.get(`${dev}|${n.lladdr}`) ?? { node: node.name, dev, ips: [], mac: n.lladdr, kind: 'bridge-port' as const };
    e.ips.push(n.dst);
    out.set(`${dev}|${n.lladdr}`, e);
  }
  return [...out.values()];
}
