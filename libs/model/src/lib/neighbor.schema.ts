import { z } from 'zod';
import { familySchema, ipSchema, macSchema } from './primitives.schema';

export const neighborSchema = z.object({
  dev: z.string().min(1),
  family: familySchema,
  dst: ipSchema,
  lladdr: macSchema.optional(),
  /** NUD states as the kernel reports them: PERMANENT, REACHABLE, STALE, DELAY, PROBE, FAILED, INCOMPLETE, NOARP. */
  state: z.array(z.string()),
  router: z.boolean().optional(),
  proxy: z.boolean().optional(),
});
export type Neighbor = z.infer<typeof neighborSchema>;
