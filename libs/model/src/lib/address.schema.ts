import { z } from 'zod';
import { familySchema, ipSchema } from './primitives.schema';

export const addressSchema = z.object({
  ifname: z.string().min(1),
  family: familySchema,
  local: ipSchema,
  prefixlen: z.number().int().min(0).max(128),
  scope: z.string(),
  /** Peer address of point-to-point links (tun/ipip), when it differs from local. */
  peer: ipSchema.optional(),
  broadcast: ipSchema.optional(),
  label: z.string().optional(),
  dynamic: z.boolean().optional(),
});
export type Address = z.infer<typeof addressSchema>;
