import { z } from 'zod';
import { addressSchema } from './address.schema';
import { bgpSessionSchema, bgpStatusSchema } from './bgp-session.schema';
import { cniConfigSchema } from './cni.schema';
import { countersSchema } from './counters.schema';
import { fdbEntrySchema } from './fdb.schema';
import { linkSchema } from './link.schema';
import { neighborSchema } from './neighbor.schema';
import { nodeIdentitySchema } from './node-identity.schema';
import { isoTimeSchema, nodeNameSchema } from './primitives.schema';
import { routeSchema } from './route.schema';

/** Hard caps that keep one report bounded (a node with more is not a node we model). */
export const MAX_ROWS_PER_TABLE = 200_000;

export const collectorErrorSchema = z.object({
  /** Which source failed: "links", "routes", "bird", "cni", ... */
  source: z.string(),
  message: z.string(),
});
export type CollectorError = z.infer<typeof collectorErrorSchema>;

export const reportTablesSchema = z.object({
  links: z.array(linkSchema).max(MAX_ROWS_PER_TABLE),
  addresses: z.array(addressSchema).max(MAX_ROWS_PER_TABLE),
  routes: z.array(routeSchema).max(MAX_ROWS_PER_TABLE),
  neighbors: z.array(neighborSchema).max(MAX_ROWS_PER_TABLE),
  fdb: z.array(fdbEntrySchema).max(MAX_ROWS_PER_TABLE),
  bgpSessions: z.array(bgpSessionSchema).max(MAX_ROWS_PER_TABLE),
  cniConfigs: z.array(cniConfigSchema).max(MAX_ROWS_PER_TABLE),
});
export type ReportTables = z.infer<typeof reportTablesSchema>;

const tableDelta = <T extends z.ZodTypeAny>(row: T) =>
  z.object({
    upsert: z.array(row).max(MAX_ROWS_PER_TABLE).default([]),
    /** Natural keys (see natural-key.util.ts) of rows that disappeared. */
    remove: z.array(z.string()).max(MAX_ROWS_PER_TABLE).default([]),
  });

export const reportDeltaSchema = z.object({
  links: tableDelta(linkSchema).optional(),
  addresses: tableDelta(addressSchema).optional(),
  routes: tableDelta(routeSchema).optional(),
  neighbors: tableDelta(neighborSchema).optional(),
  fdb: tableDelta(fdbEntrySchema).optional(),
  bgpSessions: tableDelta(bgpSessionSchema).optional(),
  cniConfigs: tableDelta(cniConfigSchema).optional(),
});
export type ReportDelta = z.infer<typeof reportDeltaSchema>;

const reportBase = {
  nodeName: nodeNameSchema,
  /** Per-agent-run monotonic sequence number, starting at 1; the API acknowledges it after commit. */
  seq: z.number().int().positive(),
  /** Identifies one agent process run: a restarted agent starts a new epoch and a new sequence. */
  epoch: z.string().min(1).max(64),
  collectedAt: isoTimeSchema,
  identity: nodeIdentitySchema,
  bgp: bgpStatusSchema.optional(),
  counters: z.array(countersSchema).max(MAX_ROWS_PER_TABLE).default([]),
  errors: z.array(collectorErrorSchema).default([]),
};

export const fullReportSchema = z.object({
  ...reportBase,
  kind: z.literal('full'),
  tables: reportTablesSchema,
});

export const deltaReportSchema = z.object({
  ...reportBase,
  kind: z.literal('delta'),
  /** Sequence number of the report this delta applies on top of (the previous one of the same epoch). */
  baseSeq: z.number().int().positive(),
  changes: reportDeltaSchema,
});

export const nodeReportSchema = z.discriminatedUnion('kind', [fullReportSchema, deltaReportSchema]);
export type FullReport = z.infer<typeof fullReportSchema>;
export type DeltaReport = z.infer<typeof deltaReportSchema>;
export type NodeReport = z.infer<typeof nodeReportSchema>;

/** The API's answer to a report. */
export const reportAckSchema = z.object({
  nodeName: z.string(),
  epoch: z.string(),
  /** Highest sequence number committed for this epoch. */
  ackedSeq: z.number().int().nonnegative(),
  /** True when the API cannot apply deltas (unknown epoch, gap) and wants a full report next. */
  needFull: z.boolean(),
  applied: z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int() }),
});
export type ReportAck = z.infer<typeof reportAckSchema>;
