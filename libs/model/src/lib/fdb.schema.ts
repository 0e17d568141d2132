import { z } from 'zod';
import { ipSchema, macSchema } from './primitives.schema';

export const fdbEntrySchema = z.object({
  mac: macSchema,
  dev: z.string().min(1),
  /** Remote VTEP underlay address for vxlan entries. */
  dst: ipSchema.optional(),
  vni: z.number().int().nonnegative().optional(),
  vlan: z.number().int().nonnegative().optional(),
  port: z.number().int().optional(),
  /** Bridge that learned the entry (`master cni0`). */
  master: z.string().optional(),
  /** flags such as "self", "master", "extern_learn", "offload". */
  flags: z.array(z.string()),
  /** "permanent", "static", or "" for learned entries (iproute2 prints no state then). */
  state: z.string(),
});
export type FdbEntry = z.infer<typeof fdbEntrySchema>;
