import { z } from 'zod';
import { networkModeSchema } from './node-identity.schema';
import { bgpStatusSchema } from './bgp-session.schema';
import { collectorErrorSchema } from './node-report.schema';
import { isoTimeSchema } from './primitives.schema';

/** One node as the API lists it. */
export const nodeSummarySchema = z.object({
  name: z.string(),
  hostname: z.string(),
  kernel: z.string().nullable(),
  underlayAddresses: z.array(z.string()),
  modes: z.array(networkModeSchema),
  agentVersion: z.string(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  lastSeq: z.number().int(),
  counts: z.object({
    links: z.number().int(),
    addresses: z.number().int(),
    routes: z.number().int(),
    neighbors: z.number().int(),
    fdb: z.number().int(),
    bgpSessions: z.number().int(),
  }),
  bgp: bgpStatusSchema.nullable(),
  /** Collectors that failed in the node's last report (their tables keep the last good rows); absent from older APIs. */
  collectorErrors: z.array(collectorErrorSchema).optional(),
});
export type NodeSummary = z.infer<typeof nodeSummarySchema>;

/** Query filters accepted by the per-node table endpoints. */
export const tableQuerySchema = z.object({
  /** Exact device name (links: ifname; routes: dev or any next hop's dev). */
  dev: z.string().min(1).max(64).optional(),
  /** Route table name or number. */
  table: z.string().min(1).max(32).optional(),
  /** Keep rows whose destination/address lies within this prefix (e.g. 10.244.0.0/16). */
  prefix: z
    .string()
    .regex(/^([0-9.]+|[0-9a-f:.]+)\/\d{1,3}$/i, 'prefix must be an address with a prefix length, like 10.0.0.0/8')
    .optional(),
  family: z.enum(['inet', 'inet6']).optional(),
  protocol: z.string().min(1).max(32).optional(),
  /** Free-text search over the row's JSON. */
  q: z.string().min(1).max(200).optional(),
  /** History: the rows as they were at this instant (ISO-8601) instead of the current ones. */
  at: isoTimeSchema.optional(),
});
export type TableQuery = z.infer<typeof tableQuerySchema>;

/** Uniform error body of the REST API. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
