import type { EdgeKind, Topology } from '@meshlens/model';
import type { Metadata } from 'next';
import { AutoRefresh } from '../../components/auto-refresh';
import { ErrorBanner } from '../../components/error-banner';
import { LiveRefresh } from '../../components/live/live-refresh';
import { MeshView } from '../../components/mesh/mesh-view';
import { fetchTopology } from '../../lib/api/api-client';
import { parseAt } from '../../lib/at-param';
import { countEdgeStates, EDGE_KINDS, findRouteReflectors } from '../../lib/mesh/mesh-graph';
import type { RawSearchParams } from '../../lib/node-page-state';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Peer mesh' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function MeshPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = await searchParams;
  const at = parseAt(params['at']);
  const wanted = (first(params['kind']) ?? '')
    .split(',')
    .filter((k): k is EdgeKind => (EDGE_KINDS as string[]).includes(k));
  let topology: Topology | undefined;
  let failure: unknown;
  try {
    topology = await fetchTopology(at);
  } catch (error) {
    failure = error;
  }
  const states = topology ? countEdgeStates(topology.edges) : undefined;
  const reflectors = topology ? findRouteReflectors(topology.edges).size : 0;
  return (
    <>
      {!at && <AutoRefresh intervalMs={15_000} />}
      {/* A BGP session that drops raises an alert at once: redraw then, not at the next poll. */}
      {!at && <LiveRefresh />}
      <div className="page-header">
        <h1>Peer mesh</h1>
        {topology && states && (
          <p className="summary">
            <span>{topology.nodes.length} nodes</span>
            <span className="badge badge-good">{states.up} up</span>
            {states.down > 0 && <span className="badge badge-bad">{states.down} down</span>}
            {states['one-sided'] > 0 && <span className="badge badge-warn">{states['one-sided']} one-sided</span>}
            {reflectors > 0 && <span className="badge badge-accent">{reflectors} route reflectors</span>}
            {at && <span className="badge badge-warn">as of {at}</span>}
          </p>
        )}
      </div>
      {failure !== undefined && <ErrorBanner error={failure} />}
      {topology && topology.nodes.length === 0 && (
        <div className="empty-state">
          <h2>No node to draw</h2>
          <p>
            The mesh appears once agents report: BGP sessions from BIRD, tunnels and routes from each node&apos;s
            tables.
          </p>
        </div>
      )}
      {topology && topology.nodes.length > 0 && (
        <MeshView topology={topology} initialKinds={wanted.length ? wanted : [...EDGE_KINDS]} at={at} />
      )}
    </>
  );
}
