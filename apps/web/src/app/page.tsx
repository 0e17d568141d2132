import type { Finding, NodeSummary } from '@meshlens/model';
import type { Metadata } from 'next';
import { AutoRefresh } from '../components/auto-refresh';
import { ErrorBanner } from '../components/error-banner';
import { FindingsList } from '../components/findings-list';
import { LiveRefresh } from '../components/live/live-refresh';
import { NowProvider } from '../components/now-context';
import { StatCard } from '../components/overview/stat-card';
import { DataTable } from '../components/table/data-table';
import { fetchChecks, fetchFiringAlerts, fetchNodes, fetchTopologyOutline } from '../lib/api/api-client';
import type { TopologyOutline } from '../lib/api/topology-outline';
import { parseAt, withAt } from '../lib/at-param';
import { bgpTallies, countEdgeStates } from '../lib/mesh/mesh-graph';
import { nodeHealth, tallyFindings, type NodeRow } from '../lib/node-health';
import type { RawSearchParams } from '../lib/node-page-state';
import { isStale } from '../lib/relative-time';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Overview' };

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

const settle = async <T,>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> => {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
};

export default async function OverviewPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const at = parseAt((await searchParams)['at']);
  const now = Date.now();
  const [nodesResult, topologyResult, checksResult, alertsResult] = await Promise.all([
    settle(fetchNodes()),
    settle(fetchTopologyOutline(at)),
    settle(fetchChecks(at)),
    // Alerting may be off in a deployment: its absence shows as a dash, not as an error.
    settle(fetchFiringAlerts()),
  ]);
  const firing = alertsResult.value;
  const topology: TopologyOutline | undefined = topologyResult.value;
  const findings: Finding[] | undefined = checksResult.value;
  // The nodes list has no history: in the past, show the nodes the topology knew then.
  const known = at && topology ? new Set(topology.nodes.map((n) => n.name)) : undefined;
  const nodes: NodeSummary[] | undefined = nodesResult.value?.filter((n) => !known || known.has(n.name));

  const tallies = topology ? bgpTallies(topology.edges) : undefined;
  const findingTallies = findings ? tallyFindings(findings) : undefined;
  const rows: NodeRow[] | undefined = nodes?.map((n) => {
    const peers = tallies?.get(n.name);
    const f = findingTallies ? (findingTallies.get(n.name) ?? { critical: 0, warning: 0, info: 0 }) : undefined;
    return { ...n, peers, findings: f, health: nodeHealth(n, at ? Date.parse(at) : now, peers, f) };
  });

  const stale = at ? 0 : (nodes?.filter((n) => isStale(n.lastSeen, now)).length ?? 0);
  const failing = rows?.filter((r) => r.health?.tone === 'bad').length ?? 0;
  const bgpEdges = topology?.edges.filter((e) => e.kind === 'bgp') ?? [];
  const bgpUp = bgpEdges.filter((e) => e.state === 'up').length;
  const externalPeers = topology?.nodes.reduce((sum, n) => sum + n.externalPeers.length, 0) ?? 0;
  const tunnels = topology ? countEdgeStates(topology.edges.filter((e) => e.kind !== 'bgp')) : undefined;
  const tunnelTotal = tunnels ? tunnels.up + tunnels.down + tunnels['one-sided'] : 0;
  const critical = findings?.filter((f) => f.severity === 'critical').length ?? 0;
  const warnings = findings?.filter((f) => f.severity === 'warning').length ?? 0;

  return (
    <NowProvider serverNow={now}>
      {!at && <AutoRefresh />}
      {!at && <LiveRefresh />}
      <div className="page-header">
        <h1>Overview</h1>
        {at && (
          <p className="summary">
            <span className="badge badge-warn">as of {at}</span>
            <span>BGP, tunnels and findings as they were then; row counts and last seen are current.</span>
          </p>
        )}
      </div>
      {nodesResult.error !== undefined && <ErrorBanner error={nodesResult.error} />}
      {nodes && nodes.length === 0 && !at && <EmptyState />}
      {nodes && nodes.length > 0 && (
        <>
          <section className="stat-cards" aria-label="Cluster health">
            <StatCard
              label="Nodes"
              value={nodes.length}
              testId="stat-nodes"
              tone={failing ? 'bad' : stale ? 'warn' : 'good'}
              detail={failing || stale ? `${failing} failing · ${stale} stale` : 'all reporting'}
            />
            <StatCard
              label="BGP sessions up"
              testId="stat-bgp"
              value={topology ? `${bgpUp} / ${bgpEdges.length}` : '—'}
              tone={!topology || bgpEdges.length === 0 ? 'neutral' : bgpUp === bgpEdges.length ? 'good' : 'bad'}
              detail={
                bgpEdges.length
                  ? 'node pairs, every side Established'
                  : externalPeers
                    ? `no node pair; ${externalPeers} peers outside the cluster`
                    : 'no BGP speaker'
              }
              href={withAt('/mesh?kind=bgp', at)}
            />
            <StatCard
              label="Tunnels and routes"
              testId="stat-tunnels"
              value={tunnels ? `${tunnels.up} / ${tunnelTotal}` : '—'}
              tone={!tunnels || tunnelTotal === 0 ? 'neutral' : tunnels.up === tunnelTotal ? 'good' : 'warn'}
              detail={
                tunnels && tunnelTotal
                  ? `${tunnels.down} down · ${tunnels['one-sided']} one-sided`
                  : 'vxlan, ipip, host-gw, udp'
              }
              href={withAt('/mesh', at)}
            />
            <StatCard
              label="Alerts firing"
              testId="stat-alerts"
              value={firing ? firing.length : '—'}
              tone={!firing ? 'neutral' : firing.length ? 'bad' : 'good'}
              href="/alerts"
              detail={
                !firing
                  ? 'alerting unavailable'
                  : firing[0]
                    ? `${firing[0].ruleName} on ${firing[0].node}${firing.length > 1 ? ` and ${firing.length - 1} more` : ''}`
                    : 'nothing firing now'
              }
            />
            <StatCard
              label="Findings"
              testId="stat-findings"
              value={findings ? findings.length : '—'}
              tone={!findings ? 'neutral' : critical ? 'bad' : warnings ? 'warn' : 'good'}
              detail={findings ? `${critical} critical · ${warnings} warnings` : 'checks unavailable'}
              href="#findings"
            />
          </section>
          {topologyResult.error !== undefined && <ErrorBanner error={topologyResult.error} />}
          {checksResult.error !== undefined && <ErrorBanner error={checksResult.error} />}
          <DataTable kind="nodes" rows={rows ?? []} noun="nodes" one="node" />
          {findings && findings.length > 0 && (
            <section id="findings" className="section">
              <h2>Findings</h2>
              <FindingsList findings={findings} />
            </section>
          )}
        </>
      )}
      {nodes && nodes.length === 0 && at && (
        <div className="empty-state">
          <h2>No node had reported at {at}</h2>
        </div>
      )}
    </NowProvider>
  );
}
