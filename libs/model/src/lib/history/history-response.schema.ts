import { z } from 'zod';
import { historyTableSchema } from './history-query.schema';

/**
 * One change of one row: `added` (opened, no row of the key closed at the same instant), `removed` (closed, none
 * opened), `changed` (closed and reopened with other data at the same instant). `old`/`new` are the model objects.
 */
export const rowChangeSchema = z.object({
  at: z.string(),
  node: z.string(),
  table: historyTableSchema,
  key: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  old: z.unknown().optional(),
  new: z.unknown().optional(),
});
export type RowChange = z.infer<typeof rowChangeSchema>;

/** Changes of one node between two instants, oldest first, with per-kind counts. */
export const nodeChangesSchema = z.object({
  node: z.string(),
  from: z.string(),
  to: z.string(),
  counts: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    changed: z.number().int(),
  }),
  changes: z.array(rowChangeSchema),
});
export type NodeChanges = z.infer<typeof nodeChangesSchema>;

/** One page of the cluster-wide feed, newest first; `nextCursor` is null on the last page. */
export const changeFeedPageSchema = z.object({
  items: z.array(rowChangeSchema),
  nextCursor: z.string().nullable(),
});
export type ChangeFeedPage = z.infer<typeof changeFeedPageSchema>;

/** A bgpState change; null = the session was not reported (absent) at that side of the transition. */
export const bgpTransitionSchema = z.object({
  at: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type BgpTransition = z.infer<typeof bgpTransitionSchema>;

export const bgpTransitionsSchema = z.object({
  node: z.string(),
  session: z.string(),
  from: z.string(),
  to: z.string(),
  /** bgpState at `from` (null: not reported then). */
  initialState: z.string().nullable(),
  transitions: z.array(bgpTransitionSchema),
  /** Transitions out of Established within the window. */
  flaps: z.number().int(),
});
export type BgpTransitions = z.infer<typeof bgpTransitionsSchema>;

/** Rates over one step; null where no two samples cover the step. */
export const counterRatePointSchema = z.object({
  ts: z.string(),
  rxBitsPerSecond: z.number().nullable(),
  txBitsPerSecond: z.number().nullable(),
  rxPacketsPerSecond: z.number().nullable(),
  txPacketsPerSecond: z.number().nullable(),
  rxErrorsPerSecond: z.number().nullable(),
  txErrorsPerSecond: z.number().nullable(),
  rxDropsPerSecond: z.number().nullable(),
  txDropsPerSecond: z.number().nullable(),
});
export type CounterRatePoint = z.infer<typeof counterRatePointSchema>;

export const counterRatesSchema = z.object({
  node: z.string(),
  from: z.string(),
  to: z.string(),
  step: z.number().int(),
  /** Where the rates come from: raw samples, 1-minute or 1-hour rollups. */
  resolution: z.enum(['raw', '1m', '1h']),
  series: z.array(
    z.object({ ifname: z.string(), points: z.array(counterRatePointSchema) }),
  ),
});
export type CounterRates = z.infer<typeof counterRatesSchema>;
