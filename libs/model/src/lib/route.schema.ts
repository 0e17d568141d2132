import { z } from 'zod';
import { cidrSchema, familySchema, ipSchema } from './primitives.schema';

export const nextHopSchema = z.object({
  gateway: ipSchema.optional(),
  dev: z.string().optional(),
  weight: z.number().int().positive().optional(),
  flags: z.array(z.string()),
});
export type NextHop = z.infer<typeof nextHopSchema>;

/**
 * One kernel route. iproute2 omits defaults; the parser fills them in so that a missing key never means
 * "unknown": table "main", protocol "boot", scope "global", type "unicast", metric 0, tos 0.
 */
export const routeSchema = z.object({
  /** Table name as iproute2 prints it ("main", "local", "default") or the number as a string. */
  table: z.string().min(1),
  family: familySchema,
  type: z.string().min(1),
  /** Always a CIDR: "default" becomes 0.0.0.0/0 or ::/0, a host route gets /32 or /128. */
  dst: cidrSchema,
  /** Protocol name ("kernel", "boot", "static", "bird", "dhcp", "ra") or the number as a string (Calico Felix: "80"). */
  protocol: z.string().min(1),
  scope: z.string().min(1),
  metric: z.number().int().nonnegative(),
  tos: z.number().int().nonnegative(),
  gateway: ipSchema.optional(),
  dev: z.string().optional(),
  prefsrc: ipSchema.optional(),
  /** Route flags such as "onlink", "linkdown", "dead". */
  flags: z.array(z.string()),
  /** Multipath routes: one entry per next hop; gateway/dev above are then absent. */
  nexthops: z.array(nextHopSchema).optional(),
  mtu: z.number().int().positive().optional(),
});
export type Route = z.infer<typeof routeSchema>;
