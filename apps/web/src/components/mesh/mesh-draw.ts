import type { Point } from '../../lib/mesh/mesh-geometry';
import { EDGE_STATE_COLOURS, type MeshGraph, type MeshNode } from '../../lib/mesh/mesh-graph';

export interface ViewTransform {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export interface DrawColours {
  text: string;
  panel: string;
}

export const NODE_RADIUS = 7;
export const REFLECTOR_RADIUS = 11;

/** Fill by CNI family, as the mode badges colour them: Calico amber-brown, Flannel violet, unknown grey. */
export const nodeFill = (node: MeshNode): string =>
  node.role === 'reflector'
    ? '#6e40c9'
    : node.modes.some((m) => m.startsWith('calico'))
      ? '#c07a12'
      : node.modes.some((m) => m.startsWith('flannel'))
        ? '#4e79a7'
        : '#8e95a1';

export const toScreen = (p: Point, t: ViewTransform): Point => ({
  x: p.x * t.scale + t.offsetX,
  y: p.y * t.scale + t.offsetY,
});

/** One frame: edges under nodes, the hovered edge and node on top; labels only where they stay readable. */
export const drawMesh = (
  ctx: CanvasRenderingContext2D,
  graph: MeshGraph,
  positions: ReadonlyMap<string, Point>,
  t: ViewTransform,
  colours: DrawColours,
  hover: { edge?: number; node?: string },
): number => {
  let drawn = 0;
  const many = graph.edges.length > 400;
  ctx.lineCap = 'round';
  // Broken edges last, so that hundreds of healthy ones never hide them.
  const ordered = [...graph.edges].sort((x, y) => Number(x.state !== 'up') - Number(y.state !== 'up'));
  for (const edge of ordered) {
    const a = positions.get(edge.a);
    const b = positions.get(edge.b);
    if (!a || !b) continue;
    const pa = toScreen(a, t);
    const pb = toScreen(b, t);
    const highlighted =
      hover.edge === edge.index || (hover.node !== undefined && (edge.a === hover.node || edge.b === hover.node));
    ctx.strokeStyle = EDGE_STATE_COLOURS[edge.state];
    // Up edges recede when the mesh is dense so that the broken ones stand out.
    ctx.globalAlpha = highlighted ? 1 : edge.state === 'up' ? (many ? 0.25 : 0.6) : 0.95;
    ctx.lineWidth = highlighted ? 3.5 : edge.state === 'up' ? 1.5 : 2.5;
    ctx.setLineDash(edge.state === 'one-sided' ? [6, 4] : []);
    ctx.beginPath();
    ctx.moveTo(pa.x, pa.y);
    ctx.lineTo(pb.x, pb.y);
    ctx.stroke();
    drawn += 1;
  }
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
  const showLabels = graph.nodes.length <= 60;
  ctx.font = '12px ui-monospace, "DejaVu Sans Mono", monospace';
  ctx.textBaseline = 'middle';
  for (const node of graph.nodes) {
    const p = positions.get(node.name);
    if (!p) continue;
    const s = toScreen(p, t);
    const r = node.role === 'reflector' ? REFLECTOR_RADIUS : NODE_RADIUS;
    ctx.fillStyle = nodeFill(node);
    ctx.strokeStyle = hover.node === node.name ? colours.text : colours.panel;
    ctx.lineWidth = 2;
    ctx.beginPath();
    if (node.role === 'reflector') {
      ctx.moveTo(s.x, s.y - r);
      ctx.lineTo(s.x + r, s.y);
      ctx.lineTo(s.x, s.y + r);
      ctx.lineTo(s.x - r, s.y);
      ctx.closePath();
    } else {
      ctx.arc(s.x, s.y, r, 0, Math.PI * 2);
    }
    ctx.fill();
    ctx.stroke();
  }
  // Labels after every node, with a halo in the panel colour: a dense mesh must not cover them.
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  for (const node of graph.nodes) {
    const p = positions.get(node.name);
    if (!p || !(showLabels || hover.node === node.name || node.role === 'reflector')) continue;
    const s = toScreen(p, t);
    const x = s.x + (node.role === 'reflector' ? REFLECTOR_RADIUS : NODE_RADIUS) + 4;
    ctx.strokeStyle = colours.panel;
    ctx.strokeText(node.name, x, s.y);
    ctx.fillStyle = colours.text;
    ctx.fillText(node.name, x, s.y);
  }
  return drawn;
};
