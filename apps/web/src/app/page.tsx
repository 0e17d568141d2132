import type { NodeSummary } from '@meshlens/model';
import type { Metadata } from 'next';
import { AutoRefresh } from '../components/auto-refresh';
import { ErrorBanner } from '../components/error-banner';
import { NowProvider } from '../components/now-context';
import { DataTable } from '../components/table/data-table';
import { fetchNodes } from '../lib/api/api-client';
import { isStale } from '../lib/relative-time';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Nodes' };

const EmptyState = () => (
  <div className="empty-state">
    <h2>No node has reported yet</h2>
    <p>Start an agent on each node (or one per network namespace in the lab, with --netns); it reports every 5 s:</p>
    <pre className="mono">
      node dist/apps/agent/main.js --api http://&lt;api-host&gt;:3000 --token &lt;token&gt; --node-name &lt;node&gt;
    </pre>
    <p className="muted">
      The token must be one of the API&apos;s MESHLENS_AGENT_TOKENS. This page refreshes by itself; a node appears after
      its first full report.
    </p>
  </div>
);

export default async function NodesPage() {
  const now = Date.now();
  let nodes: NodeSummary[] | undefined;
  let failure: unknown;
  try {
    nodes = await fetchNodes();
  } catch (error) {
    failure = error;
  }
  const stale = nodes?.filter((n) => isStale(n.lastSeen, now)).length ?? 0;
  return (
    <NowProvider serverNow={now}>
      <AutoRefresh />
      <div className="page-header">
        <h1>Nodes</h1>
        {stale > 0 && (
          <p className="summary">
            <span className="badge badge-warn">
              {stale} of {nodes?.length} stale
            </span>
          </p>
        )}
      </div>
      {failure !== undefined && <ErrorBanner error={failure} />}
      {nodes && nodes.length === 0 && <EmptyState />}
      {nodes && nodes.length > 0 && <DataTable kind="nodes" rows={nodes} noun="nodes" one="node" />}
    </NowProvider>
  );
}
