import type { Topology, TopologyEdge } from '@meshlens/model';
import { bgpTallies, buildMeshGraph, countEdgeStates, findRouteReflectors } from './mesh-graph';

const edge = (
  a: string,
  b: string,
  state: TopologyEdge['state'] = 'up',
  kind: TopologyEdge['kind'] = 'bgp',
): TopologyEdge => ({
  kind,
  a,
  b,
  state,
  sides: [],
});

const node = (name: string) => ({
  name,
  underlayAddresses: [],
  modes: [],
  podSubnets: [],
  externalPeers: [],
  endpoints: [],
});

describe('mesh graph', () => {
  it('should single out the reflectors when they peer with every node and the others only with them', () => {
    const edges = ['n1', 'n2', 'n3', 'n4'].flatMap((n) => [edge('rr1', n), edge('rr2', n)]).concat(edge('rr1', 'rr2'));
    expect([...findRouteReflectors(edges)].sort()).toEqual(['rr1', 'rr2']);
  });

  it('should single out no node when every node peers with every other in a full mesh', () => {
    expect(findRouteReflectors([edge('a', 'b'), edge('a', 'c'), edge('b', 'c')]).size).toBe(0);
  });

  it('should ignore tunnel edges when looking for reflectors', () => {
    const edges = [edge('a', 'b'), edge('a', 'c'), edge('b', 'c', 'up', 'vxlan')];
    expect([...findRouteReflectors(edges)]).toEqual(['a']);
  });

  it('should keep every node but only the chosen kinds of edge when filtering', () => {
    const topology: Topology = {
      nodes: [node('a'), node('b'), node('c')],
      edges: [edge('a', 'b'), edge('a', 'c', 'down', 'vxlan')],
    };
    const graph = buildMeshGraph(topology, new Set(['vxlan']));
    expect(graph.nodes.map((n) => [n.name, n.degree])).toEqual([
      ['a', 1],
      ['b', 0],
      ['c', 1],
    ]);
    expect(graph.edges.map((e) => [e.kind, e.index])).toEqual([['vxlan', 0]]);
  });

  it('should count BGP edges up out of expected per node when some are down', () => {
    const tallies = bgpTallies([
      edge('a', 'b'),
      edge('a', 'c', 'down'),
      edge('b', 'c', 'one-sided'),
      edge('a', 'b', 'up', 'vxlan'),
    ]);
    expect(Object.fromEntries(tallies)).toEqual({
      a: { up: 1, expected: 2 },
      b: { up: 1, expected: 2 },
      c: { up: 0, expected: 2 },
    });
  });

  it('should count edges per state', () => {
    expect(countEdgeStates([edge('a', 'b'), edge('a', 'c', 'down'), edge('b', 'c', 'down')])).toEqual({
      up: 1,
      down: 2,
      'one-sided': 0,
    });
  });
});
