import type { Alert, AlertSilence } from '@meshlens/model';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ErrorBanner } from '../../components/error-banner';
import { LiveRefresh } from '../../components/live/live-refresh';
import { DataTable } from '../../components/table/data-table';
import { fetchAlerts, fetchSilences } from '../../lib/api/api-client';
import type { RawSearchParams } from '../../lib/node-page-state';
import type { SortSpec } from '../../lib/table-sort';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alerts' };

const VIEWS = [
  { id: 'firing', label: 'Firing' },
  { id: 'pending', label: 'Pending' },
  { id: 'resolved', label: 'Resolved' },
  { id: 'silences', label: 'Silences' },
] as const;
type View = (typeof VIEWS)[number]['id'];

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
const isView = (v: string | undefined): v is View => VIEWS.some((view) => view.id === v);

/** Resolved alerts are history: the newest this many are listed. */
const RESOLVED_LIMIT = 200;

const settle = async <T,>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> => {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
};

const href = (view: View, node: string | undefined) => {
  const search = new URLSearchParams({ state: view });
  if (node) search.set('node', node);
  return `/alerts?${search.toString()}`;
};

/**
 * Alerts have their own history (firing, resolved, flaps, acks), so this page ignores ?at=: it is always now, kept
 * current by the alert events of the socket.
 */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = await searchParams;
  const requested = first(params['state']);
  const view: View = isView(requested) ? requested : 'firing';
  const node = first(params['node']);
  const q = first(params['q']) ?? '';
  const sortColumn = first(params['sort']);
  const sort: SortSpec | undefined = sortColumn
    ? {
        column: sortColumn,
        direction: first(params['dir']) === 'desc' ? 'desc' : 'asc',
      }
    : undefined;

  const [firing, pending, resolved, silences] = await Promise.all([
    settle(fetchAlerts('firing', { node })),
    settle(fetchAlerts('pending', { node })),
    settle(fetchAlerts('resolved', { node, limit: RESOLVED_LIMIT })),
    settle(fetchSilences()),
  ]);
  const results: Record<View, { value?: Alert[] | AlertSilence[]; error?: unknown }> = {
    firing,
    pending,
    resolved,
    silences,
  };
  const current = results[view];
  const counts: Record<View, number | undefined> = {
    firing: firing.value?.length,
    pending: pending.value?.length,
    resolved: resolved.value?.length,
    silences: silences.value?.length,
  };
  const noun = view === 'silences' ? 'silences' : `${view} alerts`;

  return (
    <>
      <LiveRefresh />
      <div className="page-header">
        <h1>Alerts</h1>
        <p className="summary">
          {firing.value && (
            <span className={`badge ${firing.value.length ? 'badge-bad' : 'badge-good'}`} data-testid="firing-count">
              {firing.value.length} firing
            </span>
          )}
          {node && (
            <span>
              on <span className="mono">{node}</span> · <Link href={href(view, undefined)}>all nodes</Link>
            </span>
          )}
          <span className="muted">live: updates as alerts fire, resolve, are acked or silenced</span>
        </p>
      </div>
      <nav className="tabs" aria-label="Alert views">
        {VIEWS.map((v) => (
          <Link
            key={v.id}
            href={href(v.id, node)}
            className={v.id === view ? 'tab active' : 'tab'}
            aria-current={v.id === view ? 'page' : undefined}
          >
            {v.label}
            {counts[v.id] !== undefined && (
              <span className="tab-count">
                {v.id === 'resolved' && counts[v.id] === RESOLVED_LIMIT ? `${RESOLVED_LIMIT}+` : counts[v.id]}
              </span>
            )}
          </Link>
        ))}
      </nav>
      {current.error !== undefined && <ErrorBanner error={current.error} />}
      {current.value && (
        <DataTable
          key={`${view}|${node ?? ''}`}
          kind={view === 'silences' ? 'silences' : 'alerts'}
          rows={current.value}
          noun={noun}
          one={view === 'silences' ? 'silence' : `${view} alert`}
          initialQuery={q}
          initialSort={sort}
          emptyMessage={
            view === 'firing'
              ? 'Nothing is firing.'
              : view === 'pending'
                ? 'No alert is waiting out its rule’s “for” time.'
                : view === 'resolved'
                  ? 'No alert has resolved yet.'
                  : 'No silence is active. Silence an alert from the Firing tab.'
          }
        />
      )}
    </>
  );
}
