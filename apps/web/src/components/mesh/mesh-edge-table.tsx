import { EDGE_STATE_COLOURS, type MeshEdge } from '../../lib/mesh/mesh-graph';
import { NodeLink } from '../node-link';

/** The drawn edges as text: for screen readers, for search (Ctrl-F) and for the browser test. */
export const MeshEdgeTable = ({ edges }: { edges: readonly MeshEdge[] }) => {
  const broken = edges.filter((e) => e.state !== 'up').length;
  return (
    <details className="edge-list" open={broken > 0 && broken <= 20}>
      <summary>
        {edges.length} {edges.length === 1 ? 'edge' : 'edges'} drawn{broken > 0 ? `, ${broken} not up` : ''}
      </summary>
      <div className="table-scroll">
        <table aria-label="Drawn edges">
          <thead>
            <tr>
              <th className="plain">Kind</th>
              <th className="plain">Node A</th>
              <th className="plain">Node B</th>
              <th className="plain">State</th>
              <th className="plain">Sides</th>
            </tr>
          </thead>
          <tbody>
            {[...edges]
              .sort((a, b) => Number(a.state === 'up') - Number(b.state === 'up'))
              .map((e) => (
                <tr key={e.index} data-testid="mesh-edge" data-state={e.state} data-kind={e.kind}>
                  <td>{e.kind}</td>
                  <td className="mono">
                    <NodeLink name={e.a} />
                  </td>
                  <td className="mono">
                    <NodeLink name={e.b} />
                  </td>
                  <td>
                    <span className="state-dot" style={{ background: EDGE_STATE_COLOURS[e.state] }} /> {e.state}
                  </td>
                  <td className="mono muted">
                    {e.sides.map((s) => `${s.node}: ${s.via}${s.state ? ` (${s.state})` : ''}`).join(' · ')}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </details>
  );
};
