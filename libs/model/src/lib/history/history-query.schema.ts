import { z } from 'zod';
import { TABLE_NAMES } from '../natural-key.util';
import { isoTimeSchema, nodeNameSchema } from '../primitives.schema';

export const historyTableSchema = z.enum(TABLE_NAMES);

const fromBeforeTo = (q: { from?: string; to?: string }) =>
  q.from === undefined ||
  q.to === undefined ||
  Date.parse(q.from) < Date.parse(q.to);
const fromBeforeToIssue = { message: 'from must be before to', path: ['from'] };

/** GET /nodes/:name/changes: every change of the node's tables in (from, to]. */
export const nodeChangesQuerySchema = z
  .object({
    from: isoTimeSchema,
    to: isoTimeSchema,
    table: historyTableSchema.optional(),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);
export type NodeChangesQuery = z.infer<typeof nodeChangesQuerySchema>;

export const CHANGE_FEED_DEFAULT_LIMIT = 100;
export const CHANGE_FEED_MAX_LIMIT = 1000;

/** GET /changes: the cluster-wide change feed, newest first; `cursor` is the `nextCursor` of the previous page. */
export const changeFeedQuerySchema = z
  .object({
    from: isoTimeSchema.optional(),
    to: isoTimeSchema.optional(),
    node: nodeNameSchema.optional(),
    table: historyTableSchema.optional(),
    cursor: z.string().min(1).max(1000).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(CHANGE_FEED_MAX_LIMIT)
      .default(CHANGE_FEED_DEFAULT_LIMIT),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);
export type ChangeFeedQuery = z.infer<typeof changeFeedQuerySchema>;

/** GET /nodes/:name/bgp-sessions/:session/transitions */
export const bgpTransitionsQuerySchema = z
  .object({ from: isoTimeSchema, to: isoTimeSchema })
  .refine(fromBeforeTo, fromBeforeToIssue);
export type BgpTransitionsQuery = z.infer<typeof bgpTransitionsQuerySchema>;

/** GET /nodes/:name/counters: rates per `step` seconds (default: what the window and the stored resolution allow). */
export const counterRatesQuerySchema = z
  .object({
    ifname: z.string().min(1).max(64).optional(),
    from: isoTimeSchema,
    to: isoTimeSchema,
    step: z.coerce.number().int().min(1).max(86_400).optional(),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);
export type CounterRatesQuery = z.infer<typeof counterRatesQuerySchema>;
