import {
  alertListSchema,
  alertSilenceListSchema,
  apiErrorSchema,
  findingSchema,
  ipamBlocksResponseSchema,
  ipPoolsResponseSchema,
  nodeSummarySchema,
  pathExplanationSchema,
  subnetsResponseSchema,
  topologySchema,
  type Alert,
  type AlertSilence,
  type AlertState,
  type Finding,
  type IpamBlocksResponse,
  type IpPoolsResponse,
  type NodeSummary,
  type PathExplanation,
  type SubnetsResponse,
  type TableQuery,
  type Topology,
} from '@meshlens/model';
import { z } from 'zod';
import { atSuffix } from '../at-param';
import { NODE_TAB_SPECS, type NodeTab } from '../node-tabs';
import { sessionApiHeaders } from '../../app/login/session-key';
import { apiBaseUrl } from './api-base-url';
import { ApiFailure } from './api-failure';
import { StaleIfSlow } from './stale-if-slow';
import { topologyOutlineSchema, type TopologyOutline } from './topology-outline';

/** The API's own message (apiErrorSchema) when the body is one, else the start of the body. */
const errorDetail = async (response: Response): Promise<string> => {
  const body = await response.text().catch(() => '');
  try {
    const apiError = apiErrorSchema.safeParse(JSON.parse(body));
    if (apiError.success) return apiError.data.message;
  } catch {
    // not JSON
  }
  return `HTTP ${response.status} ${body.slice(0, 300)}`.trim();
};

/**
 * The fetch Next.js patched over (kept by Next as `_nextOriginalFetch`). Next tracks what a render fetches and holds
 * the response until those fetches end; a cluster read that goes on for the next request after the page painted from
 * the last answer (see `current`) must not hold this page back. These reads are never cached anyway (no-store).
 */
const untrackedFetch = (): typeof fetch =>
  (globalThis.fetch as typeof fetch & { _nextOriginalFetch?: typeof fetch })._nextOriginalFetch ?? globalThis.fetch;

/** Server-side only: the browser never talks to the API host (see app/api/[...path]/route.ts for the proxy). */
const getJson = async <T>(path: string, schema: z.ZodType<T>, timeoutMs = 10_000): Promise<T> => {
  const url = `${apiBaseUrl()}${path}`;
  let response: Response;
  try {
    response = await untrackedFetch()(url, {
      cache: 'no-store',
      headers: await sessionApiHeaders(),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new ApiFailure('unreachable', `${cause?.code ?? cause?.message ?? (error as Error).message}`, url);
  }
  if (response.status === 404) throw new ApiFailure('not-found', `${path} not found`, url, 404);
  if (!response.ok) {
    const code = response.status >= 400 && response.status < 500 ? 'rejected' : 'http';
    throw new ApiFailure(code, await errorDetail(response), url, response.status);
  }
  const parsed = schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiFailure('invalid', `${issue?.path.join('.') || '(root)'}: ${issue?.message}`, url);
  }
  return parsed.data;
};

/** Kept across requests (module copies of several routes share globalThis): see stale-if-slow.ts. */
const clusterReads: StaleIfSlow = ((globalThis as { meshlensClusterReads?: StaleIfSlow }).meshlensClusterReads ??=
  new StaleIfSlow(250));
/** A cluster-wide read may take the API seconds; it goes on for the next request meanwhile. */
const CLUSTER_READ_TIMEOUT_MS = 60_000;

/** A read of the cluster as it is now: fresh when the API answers within the budget, else its last answer. */
const current = <T>(path: string, schema: z.ZodType<T>, shape = 'full'): Promise<T> =>
  clusterReads.get(`${apiBaseUrl()}${path} ${shape}`, () => getJson(path, schema, CLUSTER_READ_TIMEOUT_MS));

export const fetchNodes = (): Promise<NodeSummary[]> => current('/api/v1/nodes', z.array(nodeSummarySchema));

export const fetchNode = (name: string): Promise<NodeSummary> =>
  getJson(`/api/v1/nodes/${encodeURIComponent(name)}`, nodeSummarySchema);

export const fetchNodeTable = (name: string, tab: NodeTab, query: Omit<TableQuery, 'q'>): Promise<unknown[]> => {
  const spec = NODE_TAB_SPECS[tab];
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  const qs = search.toString();
  return getJson(
    `/api/v1/nodes/${encodeURIComponent(name)}/${spec.endpoint}${qs ? `?${qs}` : ''}`,
    z.array(spec.schema),
  );
};

/** The past is read as asked; the present may come from the last answer (see `current`). */
export const fetchTopology = (at?: string): Promise<Topology> =>
  at ? getJson(atSuffix('/api/v1/topology', at), topologySchema) : current('/api/v1/topology', topologySchema);

/** Nodes and edge states without citations: for pages that draw no edge sides (see topology-outline.ts). */
export const fetchTopologyOutline = (at?: string): Promise<TopologyOutline> =>
  at
    ? getJson(atSuffix('/api/v1/topology', at), topologyOutlineSchema)
    : current('/api/v1/topology', topologyOutlineSchema, 'outline');

export const fetchChecks = (at?: string): Promise<Finding[]> =>
  at
    ? getJson(atSuffix('/api/v1/checks', at), z.array(findingSchema), CLUSTER_READ_TIMEOUT_MS)
    : current('/api/v1/checks', z.array(findingSchema));

export const fetchPath = (src: string, dst: string, at?: string): Promise<PathExplanation> =>
  getJson(atSuffix(`/api/v1/path?${new URLSearchParams({ src, dst }).toString()}`, at), pathExplanationSchema);

/** Datastore views read etcd as it is now: they take no ?at=. */
export const fetchSubnets = (): Promise<SubnetsResponse> => current('/api/v1/subnets', subnetsResponseSchema);
export const fetchIpPools = (): Promise<IpPoolsResponse> => current('/api/v1/ippools', ipPoolsResponseSchema);
export const fetchIpamBlocks = (): Promise<IpamBlocksResponse> =>
  current('/api/v1/ipam/blocks', ipamBlocksResponseSchema);

/** Alerts firing now (alerts have their own history: they take no ?at=). */
export const fetchFiringAlerts = async (): Promise<Alert[]> =>
  (await current('/api/v1/alerts?state=firing', alertListSchema)).alerts;

/** Alerts in one state, most recently changed first (the API's order); `node` narrows to one node. */
export const fetchAlerts = async (
  state: AlertState,
  options: { node?: string; limit?: number } = {},
): Promise<Alert[]> => {
  const search = new URLSearchParams({ state, limit: String(options.limit ?? 200) });
  if (options.node) search.set('node', options.node);
  return (await getJson(`/api/v1/alerts?${search.toString()}`, alertListSchema)).alerts;
};

/** Silences that have not ended. */
export const fetchSilences = async (): Promise<AlertSilence[]> =>
  (await getJson('/api/v1/alert-silences', alertSilenceListSchema)).silences;
