import type { Family } from '@meshlens/model';

/** Reads of untrusted JSON values: each returns undefined instead of throwing when the shape is not the expected one. */
export type JsonRecord = Record<string, unknown>;

export const asRecord = (v: unknown): JsonRecord | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as JsonRecord)
    : undefined;

export const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : undefined;

export const nonEmptyStr = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 ? v : undefined;

export const int = (v: unknown): number | undefined =>
  Number.isSafeInteger(v) ? (v as number) : undefined;

export const bool = (v: unknown): boolean | undefined =>
  typeof v === 'boolean' ? v : undefined;

export const strArray = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const IPV6 = /^[0-9a-f:.]+$/i;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2})+$/i;

export const isIpv4 = (s: string): boolean => {
  const m = IPV4.exec(s);
  return m !== null && m.slice(1).every((o) => Number(o) <= 255);
};

export const isIpv6 = (s: string): boolean => s.includes(':') && IPV6.test(s);

/** An IPv4 or IPv6 address (no prefix length), lower-cased; anything else (names, "any", garbage) is undefined. */
export const ip = (v: unknown): string | undefined => {
  if (typeof v !== 'string') return undefined;
  if (isIpv4(v)) return v;
  return isIpv6(v) ? v.toLowerCase() : undefined;
};

export const familyOf = (address: string): Family | undefined =>
  isIpv4(address) ? 'inet' : isIpv6(address) ? 'inet6' : undefined;

/**
 * A link-layer address as the model wants it (lower-case hex pairs). Tunnel neighbours and ipip links carry an IP
 * address in the same JSON field; those are not MACs and come back undefined.
 */
export const mac = (v: unknown): string | undefined =>
  typeof v === 'string' && MAC.test(v) ? v.toLowerCase() : undefined;

/** iproute2 prints numeric identifiers (tables, protocols) either as numbers or as names. */
export const nameOrNumber = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0
    ? v
    : Number.isSafeInteger(v)
      ? String(v)
      : undefined;

/** Drops keys whose value is undefined (recursively in plain objects) so results compare and serialise cleanly. */
export const stripUndefined = <T extends object>(o: T): T => {
  for (const k of Object.keys(o) as (keyof T)[]) {
    const v = o[k];
    if (v === undefined) delete o[k];
    else if (typeof v === 'object' && v !== null && !Array.isArray(v))
      stripUndefined(v as object);
  }
  return o;
};
