'use client';
import type { EdgeKind, Topology } from '@meshlens/model';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { withAt } from '../../lib/at-param';
import { distanceToSegment, fitToView, nearestWithin, type Point } from '../../lib/mesh/mesh-geometry';
import { buildMeshGraph, EDGE_KINDS, EDGE_STATE_COLOURS, type MeshEdge } from '../../lib/mesh/mesh-graph';
import { layoutMesh } from '../../lib/mesh/mesh-layout';
import { drawMesh, REFLECTOR_RADIUS, toScreen, type ViewTransform } from './mesh-draw';
import { MeshEdgeTable } from './mesh-edge-table';

const HEIGHT = 620;

const EdgeTooltip = ({ edge, at }: { edge: MeshEdge; at: Point }) => (
  <div className="mesh-tooltip" role="tooltip" style={{ left: at.x + 14, top: at.y + 14 }}>
    <div className="mesh-tooltip-title">
      <span className="badge">{edge.kind}</span> <span className="mono">{edge.a}</span> ↔{' '}
      <span className="mono">{edge.b}</span>{' '}
      <span className="state-dot" style={{ background: EDGE_STATE_COLOURS[edge.state] }} /> {edge.state}
    </div>
    <table>
      <tbody>
        {[edge.a, edge.b].flatMap((node) => {
          const sides = edge.sides.filter((side) => side.node === node);
          // A missing side is the finding: say so on that node's line instead of leaving it out.
          return sides.length
            ? sides.map((side, i) => (
                <tr key={`${node}|${i}`}>
                  <td className="mono">{node}</td>
                  <td className="mono">{side.via}</td>
                  <td>{side.state ?? 'present'}</td>
                </tr>
              ))
            : [
                <tr key={node} className="side-missing">
                  <td className="mono">{node}</td>
                  <td colSpan={2}>nothing on this node points back</td>
                </tr>,
              ];
        })}
      </tbody>
    </table>
  </div>
);

export const MeshView = ({
  topology,
  initialKinds,
  at,
}: {
  topology: Topology;
  initialKinds: EdgeKind[];
  at?: string;
}) => {
  const router = useRouter();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [kinds, setKinds] = useState<Set<EdgeKind>>(() => new Set(initialKinds));
  const [hover, setHover] = useState<{ edge?: number; node?: string; at?: Point }>({});
  const [drawn, setDrawn] = useState(-1);

  const present = useMemo(() => {
    const counts = new Map<EdgeKind, number>();
    for (const e of topology.edges) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
    return counts;
  }, [topology]);
  const graph = useMemo(() => buildMeshGraph(topology, kinds), [topology, kinds]);
  // Layout over every edge, whatever the filter: hiding a kind must not move the nodes around.
  const positions = useMemo(() => layoutMesh(buildMeshGraph(topology, new Set(EDGE_KINDS))), [topology]);
  const transform: ViewTransform = useMemo(
    () => fitToView([...positions.values()], Math.max(width, 1), HEIGHT, 60),
    [positions, width],
  );

  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const observer = new ResizeObserver(() => setWidth(wrap.clientWidth));
    observer.observe(wrap);
    setWidth(wrap.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    const style = getComputedStyle(canvas);
    setDrawn(drawMesh(ctx, graph, positions, transform, { text: style.color, panel: style.backgroundColor }, hover));
  }, [graph, positions, transform, width, hover]);

  const pick = (clientX: number, clientY: number) => {
    const rect = canvasRef.current?.getBoundingClientRect();
    if (!rect) return {};
    const p = { x: clientX - rect.left, y: clientY - rect.top };
    const screen = (name: string) => toScreen(positions.get(name) ?? { x: NaN, y: NaN }, transform);
    const nodeIndex = nearestWithin(
      graph.nodes,
      (n) => Math.hypot(screen(n.name).x - p.x, screen(n.name).y - p.y),
      REFLECTOR_RADIUS + 2,
    );
    if (nodeIndex >= 0) return { node: graph.nodes[nodeIndex]?.name, at: p };
    const edgeIndex = nearestWithin(graph.edges, (e) => distanceToSegment(p, screen(e.a), screen(e.b)), 6);
    return edgeIndex >= 0 ? { edge: graph.edges[edgeIndex]?.index, at: p } : {};
  };

  const hoveredEdge = hover.edge !== undefined ? graph.edges.find((e) => e.index === hover.edge) : undefined;
  const toggle = (kind: EdgeKind) =>
    setKinds((current) => {
      const next = new Set(current);
      if (next.has(kind)) next.delete(kind);
      else next.add(kind);
      return next;
    });

  return (
    <div className="mesh">
      <div className="mesh-toolbar">
        <fieldset className="kind-filter">
          <legend className="sr-only">Edge kinds</legend>
          {EDGE_KINDS.filter((k) => present.has(k)).map((kind) => (
            <label key={kind} className={kinds.has(kind) ? 'chip on' : 'chip'}>
              <input type="checkbox" checked={kinds.has(kind)} onChange={() => toggle(kind)} />
              {kind} <span className="muted">{present.get(kind)}</span>
            </label>
          ))}
        </fieldset>
        <ul className="legend" aria-label="Legend">
          {(['up', 'down', 'one-sided'] as const).map((state) => (
            <li key={state}>
              <span className={`legend-line legend-${state}`} style={{ borderColor: EDGE_STATE_COLOURS[state] }} />
              {state}
            </li>
          ))}
          <li>
            <span className="legend-diamond" /> route reflector
          </li>
          <li>
            <span className="legend-dot" style={{ background: '#c07a12' }} /> Calico
          </li>
          <li>
            <span className="legend-dot" style={{ background: '#4e79a7' }} /> Flannel
          </li>
        </ul>
      </div>
      <div className="mesh-canvas-wrap" ref={wrapRef}>
        <canvas
          ref={canvasRef}
          className="mesh-canvas"
          style={{ width: '100%', height: HEIGHT, cursor: hover.node ? 'pointer' : 'default' }}
          data-testid="mesh-canvas"
          data-nodes-drawn={graph.nodes.length}
          data-edges-drawn={drawn}
          role="img"
          aria-label={`Peer mesh: ${graph.nodes.length} nodes, ${graph.edges.length} edges`}
          onMouseMove={(event) => setHover(pick(event.clientX, event.clientY))}
          onMouseLeave={() => setHover({})}
          onClick={(event) => {
            const target = pick(event.clientX, event.clientY);
            if (target.node) router.push(withAt(`/nodes/${encodeURIComponent(target.node)}`, at));
          }}
        />
        {hoveredEdge && hover.at && <EdgeTooltip edge={hoveredEdge} at={hover.at} />}
        {hover.node && hover.at && (
          <div className="mesh-tooltip" role="tooltip" style={{ left: hover.at.x + 14, top: hover.at.y + 14 }}>
            <span className="mono">{hover.node}</span> <span className="muted">click to open</span>
          </div>
        )}
      </div>
      <MeshEdgeTable edges={graph.edges} />
    </div>
  );
};
