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

const IPV6 = /^[0-9a-f:.]+$/i;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2})+$/i;

/** Dotted quad, each part 1-3 digits and at most 255; a character scan, as it runs for every row of large dumps. */
export const isIpv4 = (s: string): boolean => {
  const n = s.length;
  if (n < 7 || n > 15) return false;
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? s.charCodeAt(i) : 46;
    if (c === 46) {
      if (digits === 0 || value > 255) return false;
      parts++;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57) {
      if (++digits > 3) return false;
      value = value * 10 + (c - 48);
    } else return false;
  }
  return parts === 4;
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

/**
 * Sets `key` only when `value` is defined: rows are built key by key instead of being cleaned with `delete`
 * afterwards, which would turn every row of a 10k-row dump into a slow dictionary object.
 */
export const setDefined = <T extends object, K extends keyof T>(o: T, key: K, value: T[K] | undefined): void => {
  if (value !== undefined) o[key] = value;
};

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
