/**
 * Building blocks of the hand-written row guards. Each is at least as strict as the libs/model schema part it
 * stands for (row-guards.spec.ts holds them to that), so a row a guard accepts is one zod would accept too.
 */

/** The patterns of libs/model's primitives.schema.ts, kept verbatim; the spec compares them with the schema's own. */
export const IP_PATTERN = /^([0-9.]+|[0-9a-f:.]+)$/i;
export const CIDR_PATTERN = /^([0-9.]+|[0-9a-f:.]+)\/\d{1,3}$/i;
export const MAC_PATTERN = /^[0-9a-f]{2}(:[0-9a-f]{2})*$/;

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
export const isFamily = (v: unknown): boolean => v === 'inet' || v === 'inet6';
export const isIpString = (v: unknown): boolean => typeof v === 'string' && IP_PATTERN.test(v);
export const isCidrString = (v: unknown): boolean => typeof v === 'string' && CIDR_PATTERN.test(v);
export const isMacString = (v: unknown): boolean => typeof v === 'string' && MAC_PATTERN.test(v);
export const isNonNegativeInt = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) >= 0;
export const isPositiveInt = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) > 0;

export const isStringArray = (v: unknown): boolean => {
  if (!Array.isArray(v)) return false;
  for (const x of v) if (typeof x !== 'string') return false;
  return true;
};

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
