import { z } from 'zod';

/** Address family as iproute2 names it. */
export const familySchema = z.enum(['inet', 'inet6']);
export type Family = z.infer<typeof familySchema>;

/** Lower-case colon-separated link-layer address (MAC), as iproute2 prints it. */
export const macSchema = z
  .string()
  .regex(/^[0-9a-f]{2}(:[0-9a-f]{2})*$/, 'expected a colon-separated lower-case hex link-layer address');

/** A route destination or address with prefix length, canonical form `a.b.c.d/n` or `x::/n` (never "default"). */
export const cidrSchema = z
  .string()
  .regex(/^([0-9.]+|[0-9a-f:.]+)\/\d{1,3}$/i, 'expected an address with a prefix length, like 10.0.0.0/24');

/** One IPv4 or IPv6 address without prefix length. */
export const ipSchema = z.string().regex(/^([0-9.]+|[0-9a-f:.]+)$/i, 'expected an IPv4 or IPv6 address');

/** Node names follow Kubernetes' DNS-1123 subdomain rule (lower case, digits, '-', '.'). */
export const nodeNameSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'expected a DNS-1123 name (lower-case letters, digits, "-" and ".")');

/** ISO-8601 timestamp with offset, as produced by Date.prototype.toISOString(). */
export const isoTimeSchema = z.iso.datetime({ offset: true });
