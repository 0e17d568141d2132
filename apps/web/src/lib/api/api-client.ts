import {
  alertListSchema,
  apiErrorSchema,
  findingSchema,
  ipamBlocksResponseSchema,
  ipPoolsResponseSchema,
  nodeSummarySchema,
  pathExplanationSchema,
  subnetsResponseSchema,
  topologySchema,
  type Alert,
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
import { apiBaseUrl } from './api-base-url';
import { ApiFailure } from './api-failure';

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

/** Server-side only: the browser never talks to the API host (see app/api/[...path]/route.ts for the proxy). */
const getJson = async <T>(path: string, schema: z.ZodType<T>): Promise<T> => {
  const url = `${apiBaseUrl()}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(10_000) });
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

export const fetchNodes = (): Promise<NodeSummary[]> => getJson('/api/v1/nodes', z.array(nodeSummarySchema));

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

export const fetchTopology = (at?: string): Promise<Topology> =>
  getJson(atSuffix('/api/v1/topology', at), topologySchema);

export const fetchChecks = (at?: string): Promise<Finding[]> =>
  getJson(atSuffix('/api/v1/checks', at), z.array(findingSchema));

export const fetchPath = (src: string, dst: string, at?: string): Promise<PathExplanation> =>
  getJson(atSuffix(`/api/v1/path?${new URLSearchParams({ src, dst }).toString()}`, at), pathExplanationSchema);

/** Datastore views read etcd as it is now: they take no ?at=. */
export const fetchSubnets = (): Promise<SubnetsResponse> => getJson('/api/v1/subnets', subnetsResponseSchema);
export const fetchIpPools = (): Promise<IpPoolsResponse> => getJson('/api/v1/ippools', ipPoolsResponseSchema);
export const fetchIpamBlocks = (): Promise<IpamBlocksResponse> =>
  getJson('/api/v1/ipam/blocks', ipamBlocksResponseSchema);

/** Alerts firing now (alerts have their own history: they take no ?at=). */
export const fetchFiringAlerts = async (): Promise<Alert[]> =>
  (await getJson('/api/v1/alerts?state=firing', alertListSchema)).alerts;
