import type { Topology, TopologyEdge } from '@meshlens/model';
import { buildMeshGraph, EDGE_KINDS } from './mesh-graph';
import { layoutMesh } from './mesh-layout';

const ring = (count: number): Topology => {
  const names = Array.from({ length: count }, (_, i) => `node-${i}`);
  const edges: TopologyEdge[] = names.map((a, i) => ({
    kind: 'bgp',
    a: 'rr',
    b: a,
    state: i % 7 === 0 ? 'down' : 'up',
    sides: [],
  }));
  return {
    nodes: ['rr', ...names].map((name) => ({
      name,
      underlayAddresses: [],
      modes: [],
      podSubnets: [],
      externalPeers: [],
      endpoints: [],
    })),
    edges,
  };
};

describe('mesh layout', () => {
  it('should place every node at a finite, distinct position when the cluster has 200 nodes', () => {
    const graph = buildMeshGraph(ring(200), new Set(EDGE_KINDS));
    const positions = layoutMesh(graph);
    expect(positions.size).toBe(201);
    const keys = new Set([...positions.values()].map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
    expect(keys.size).toBeGreaterThan(190);
    for (const p of positions.values()) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
  });

  it('should draw the same picture twice when given the same topology', () => {
    const graph = buildMeshGraph(ring(20), new Set(EDGE_KINDS));
    expect([...layoutMesh(graph)]).toEqual([...layoutMesh(graph)]);
  });

  it('should keep the reflector near the middle when every node peers with it', () => {
    const graph = buildMeshGraph(ring(30), new Set(EDGE_KINDS));
    const positions = layoutMesh(graph);
    const rr = positions.get('rr') ?? { x: Infinity, y: Infinity };
    const others = [...positions].filter(([n]) => n !== 'rr').map(([, p]) => Math.hypot(p.x, p.y));
    expect(Math.hypot(rr.x, rr.y)).toBeLessThan(Math.min(...others));
  });
});
