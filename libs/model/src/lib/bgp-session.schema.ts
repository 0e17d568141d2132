import { z } from 'zod';
import { ipSchema } from './primitives.schema';

export const BGP_STATES = ['Idle', 'Connect', 'Active', 'OpenSent', 'OpenConfirm', 'Established', 'Passive', 'Down'] as const;

export const bgpSessionSchema = z.object({
  /** BIRD protocol name, e.g. Calico's Mesh_10_0_0_12, Node_..., Global_... */
  name: z.string().min(1),
  /** BIRD's protocol state column: up, down, start, stop, feed, flush. */
  state: z.string(),
  /** BGP FSM state: Established, Active, Connect, Idle, OpenSent, OpenConfirm, or "Down" when disabled. */
  bgpState: z.string(),
  /** "since" column as BIRD prints it (time or date; BIRD 2 adds milliseconds). */
  since: z.string().optional(),
  info: z.string().optional(),
  neighborAddress: ipSchema.optional(),
  neighborAs: z.number().int().nonnegative().optional(),
  localAs: z.number().int().nonnegative().optional(),
  neighborId: z.string().optional(),
  sourceAddress: ipSchema.optional(),
  routesImported: z.number().int().nonnegative().optional(),
  routesExported: z.number().int().nonnegative().optional(),
  routesPreferred: z.number().int().nonnegative().optional(),
  holdTimer: z.string().optional(),
  keepaliveTimer: z.string().optional(),
  lastError: z.string().optional(),
});
export type BgpSession = z.infer<typeof bgpSessionSchema>;

/** What the agent saw of BIRD: sessions, or why it could not read them (never "zero sessions" for a dead BIRD). */
export const bgpStatusSchema = z.object({
  socket: z.string(),
  status: z.enum(['ok', 'missing', 'unreachable', 'error']),
  version: z.string().optional(),
  error: z.string().optional(),
});
export type BgpStatus = z.infer<typeof bgpStatusSchema>;
