import type { NodeSummary } from '@meshlens/model';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '../../../components/auto-refresh';
import { ErrorBanner } from '../../../components/error-banner';
import { NodeHeader } from '../../../components/node-header';
import { NodeTabsNav } from '../../../components/node-tabs-nav';
import { NowProvider } from '../../../components/now-context';
import { DataTable } from '../../../components/table/data-table';
import { TableFilters } from '../../../components/table-filters';
import { InterfaceTraffic } from '../../../components/traffic/interface-traffic';
import { fetchNode, fetchNodeTable } from '../../../lib/api/api-client';
import { ApiFailure } from '../../../lib/api/api-failure';
import { parseAt } from '../../../lib/at-param';
import { parseNodePageState, type RawSearchParams } from '../../../lib/node-page-state';
import { NODE_TAB_SPECS } from '../../../lib/node-tabs';

export const dynamic = 'force-dynamic';

interface NodePageProps {
  params: Promise<{ name: string }>;
  searchParams: Promise<RawSearchParams>;
}

export async function generateMetadata({ params }: NodePageProps): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

export default async function NodePage({ params, searchParams }: NodePageProps) {
  const name = decodeURIComponent((await params).name);
  const raw = await searchParams;
  const state = parseNodePageState(raw);
  const at = parseAt(raw['at']);
  const spec = NODE_TAB_SPECS[state.tab];
  const now = Date.now();

  let node: NodeSummary;
  try {
    node = await fetchNode(name);
  } catch (error) {
    if (error instanceof ApiFailure && error.code === 'not-found') notFound();
    return (
      <>
        <div className="page-header">
          <h1 className="mono">{name}</h1>
        </div>
        <ErrorBanner error={error} />
      </>
    );
  }

  let rows: unknown[] | undefined;
  let tableFailure: unknown;
  try {
    rows = await fetchNodeTable(name, state.tab, { ...state.filters, at });
  } catch (error) {
    tableFailure = error;
  }

  const filterKey = JSON.stringify(state.filters);
  return (
    <NowProvider serverNow={now}>
      {!at && <AutoRefresh intervalMs={30_000} />}
      <NodeHeader node={node} />
      {at && (
        <p className="summary as-of">
          <span className="badge badge-warn">as of {at}</span>
          <span>the tables below are the rows that were valid then</span>
        </p>
      )}
      <InterfaceTraffic
        node={node.name}
        at={at}
        initialInterface={Array.isArray(raw['if']) ? raw['if'][0] : raw['if']}
      />
      <NodeTabsNav node={node} current={state.tab} at={at} />
      <TableFilters nodeName={node.name} state={state} at={at} />
      {state.invalid.length > 0 && (
        <div className="error-banner" role="alert">
          <strong>Ignored invalid filters</strong>
          <span className="mono">{state.invalid.join('; ')}</span>
        </div>
      )}
      {tableFailure !== undefined && <ErrorBanner error={tableFailure} />}
      {rows && (
        <DataTable
          key={`${state.tab}|${filterKey}|${at ?? ''}`}
          kind={state.tab}
          rows={rows}
          noun={spec.noun}
          one={spec.one}
          initialQuery={state.q}
          initialSort={state.sort}
          emptyMessage={
            filterKey === '{}' ? `This node reported no ${spec.noun}.` : `No ${spec.noun} match these filters.`
          }
        />
      )}
    </NowProvider>
  );
}
