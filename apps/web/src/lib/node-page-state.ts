import { tableQuerySchema, type TableQuery } from '@meshlens/model';
import { isNodeTab, NODE_TAB_SPECS, type NodeTab } from './node-tabs';
import type { SortDirection, SortSpec } from './table-sort';

/** Everything the node page keeps in its URL, so that a view can be shared: ?tab=routes&q=...&dev=...&sort=dst */
export interface NodePageState {
  tab: NodeTab;
  q: string;
  sort?: SortSpec;
  /** API filters valid for the tab; invalid values are dropped and reported, not sent. */
  filters: Omit<TableQuery, 'q'>;
  invalid: string[];
}

export type RawSearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export const parseNodePageState = (params: RawSearchParams): NodePageState => {
  const tabParam = first(params['tab']);
  const tab: NodeTab = isNodeTab(tabParam) ? tabParam : 'routes';
  const filters: Omit<TableQuery, 'q'> = {};
  const invalid: string[] = [];
  for (const key of NODE_TAB_SPECS[tab].filters) {
    const raw = first(params[key]);
    if (raw === undefined) continue;
    const parsed = tableQuerySchema.shape[key].safeParse(raw);
    if (parsed.success) Object.assign(filters, { [key]: parsed.data });
    else invalid.push(`${key}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  const sortColumn = first(params['sort']);
  const direction: SortDirection = first(params['dir']) === 'desc' ? 'desc' : 'asc';
  return {
    tab,
    q: first(params['q']) ?? '',
    sort: sortColumn ? { column: sortColumn, direction } : undefined,
    filters,
    invalid,
  };
};

/** Query string of a node page URL; empty values are left out. */
export const nodePageHref = (name: string, state: Partial<Omit<NodePageState, 'invalid'>>): string => {
  const search = new URLSearchParams();
  if (state.tab) search.set('tab', state.tab);
  for (const [key, value] of Object.entries(state.filters ?? {})) if (value) search.set(key, String(value));
  if (state.q) search.set('q', state.q);
  if (state.sort) {
    search.set('sort', state.sort.column);
    search.set('dir', state.sort.direction);
  }
  const qs = search.toString();
  return `/nodes/${encodeURIComponent(name)}${qs ? `?${qs}` : ''}`;
};
