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

/** True when y-m-d names a real calendar day from year 1 on (Postgres has no year 0; 2026-02-30 does not exist). */
function isRealDay(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  if (y < 1) return false;
  const date = new Date(Date.UTC(2000, m - 1, d));
  date.setUTCFullYear(y);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** ISO-8601 timestamp with offset, as produced by Date.prototype.toISOString(), on a day that exists. */
export const isoTimeSchema = z.iso
  .datetime({ offset: true })
  .refine(isRealDay, 'expected a date that exists, from year 0001 on');
