import {
  forceCenter,
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  type SimulationNodeDatum,
} from 'd3-force';
import type { Point } from './mesh-geometry';
import type { MeshGraph } from './mesh-graph';

interface LayoutNode extends SimulationNodeDatum {
  name: string;
}

/**
 * Positions of every node, computed once per graph (not animated): d3-force's start positions and jiggle are
 * deterministic, so the same topology always draws the same picture. Reflectors start in the middle, where their
 * many edges pull them anyway. Ticks fall with size so 200 nodes stay well under a frame budget of a second.
 */
export const layoutMesh = (graph: MeshGraph): Map<string, Point> => {
  const n = graph.nodes.length;
  const nodes: LayoutNode[] = graph.nodes.map((node, i) =>
    node.role === 'reflector' ? { name: node.name, x: Math.cos(i) * 5, y: Math.sin(i) * 5 } : { name: node.name },
  );
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const links = graph.edges
    .filter((e) => e.a !== e.b && byName.has(e.a) && byName.has(e.b))
    .map((e) => ({ source: e.a, target: e.b }));
  const simulation = forceSimulation(nodes)
    .force('charge', forceManyBody().strength(n > 100 ? -60 : -300))
    .force(
      'link',
      forceLink<LayoutNode, { source: string; target: string }>(links)
        .id((d) => d.name)
        .distance(n > 100 ? 40 : 120)
        .strength(links.length > 4 * n ? 0.05 : 0.3),
    )
    .force('collide', forceCollide(14))
    .force('center', forceCenter(0, 0))
    .stop();
  simulation.tick(n > 100 ? 200 : 300);
  return new Map(nodes.map((node) => [node.name, { x: node.x ?? 0, y: node.y ?? 0 }]));
};
