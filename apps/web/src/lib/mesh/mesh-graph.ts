import type { EdgeKind, Topology, TopologyEdge } from '@meshlens/model';

export const EDGE_KINDS: readonly EdgeKind[] = ['bgp', 'vxlan', 'ipip', 'host-gw', 'udp'];
export type EdgeState = TopologyEdge['state'];

/** Works on light and dark backgrounds; the legend and the canvas use the same values. */
export const EDGE_STATE_COLOURS: Readonly<Record<EdgeState, string>> = {
  up: '#2ea043',
  down: '#e5534b',
  'one-sided': '#d4a72c',
};

export type MeshRole = 'reflector' | 'node';

export interface MeshNode {
  name: string;
  modes: string[];
  role: MeshRole;
  /** Distinct peers over the kinds shown. */
  degree: number;
}

export interface MeshEdge extends TopologyEdge {
  /** Position in the drawn list: the hover and the accessible list refer to it. */
  index: number;
}

export interface MeshGraph {
  nodes: MeshNode[];
  edges: MeshEdge[];
}

const peersByNode = (edges: readonly TopologyEdge[]): Map<string, Set<string>> => {
  const peers = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    if (from === to) return;
    const set = peers.get(from) ?? new Set<string>();
    set.add(to);
    peers.set(from, set);
  };
  for (const e of edges) {
    add(e.a, e.b);
    add(e.b, e.a);
  }
  return peers;
};

/**
 * Route reflectors seen from the BGP edges alone: nodes that peer with every other BGP speaker while some speaker
 * peers with fewer. In a full node-to-node mesh every node reaches all others, so none is singled out.
 */
export const findRouteReflectors = (edges: readonly TopologyEdge[]): Set<string> => {
  const peers = peersByNode(edges.filter((e) => e.kind === 'bgp'));
  const speakers = [...peers.keys()];
  if (speakers.length < 3) return new Set();
  const full = speakers.filter((n) => (peers.get(n)?.size ?? 0) === speakers.length - 1);
  return full.length < speakers.length ? new Set(full) : new Set();
};

/** The graph drawn for the chosen edge kinds; every node is kept, even with no edge of those kinds. */
export const buildMeshGraph = (topology: Topology, kinds: ReadonlySet<EdgeKind>): MeshGraph => {
  const reflectors = findRouteReflectors(topology.edges);
  const edges = topology.edges.filter((e) => kinds.has(e.kind)).map((e, index) => ({ ...e, index }));
  const peers = peersByNode(edges);
  const nodes = topology.nodes.map((n) => ({
    name: n.name,
    modes: n.modes,
    role: reflectors.has(n.name) ? ('reflector' as const) : ('node' as const),
    degree: peers.get(n.name)?.size ?? 0,
  }));
  return { nodes, edges };
};

export interface BgpTally {
  up: number;
  expected: number;
}

/** Per node: BGP edges up out of the BGP edges the topology expects for it (one per peer pair). */
/** What tallies read of an edge: the outline without sides will do. */
type EdgeOutline = Pick<TopologyEdge, 'kind' | 'a' | 'b' | 'state'>;

export const bgpTallies = (edges: readonly EdgeOutline[]): Map<string, BgpTally> => {
  const tallies = new Map<string, BgpTally>();
  const bump = (node: string, up: boolean) => {
    const t = tallies.get(node) ?? { up: 0, expected: 0 };
    t.expected += 1;
    if (up) t.up += 1;
    tallies.set(node, t);
  };
  for (const e of edges) {
    if (e.kind !== 'bgp') continue;
    bump(e.a, e.state === 'up');
    bump(e.b, e.state === 'up');
  }
  return tallies;
};

export const countEdgeStates = (edges: readonly EdgeOutline[]): Record<EdgeState, number> => {
  const counts: Record<EdgeState, number> = { up: 0, down: 0, 'one-sided': 0 };
  for (const e of edges) counts[e.state] += 1;
  return counts;
};
