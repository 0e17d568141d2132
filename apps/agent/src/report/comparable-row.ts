import { canonicalJson } from '@meshlens/analysis';
import type { TableName } from '@meshlens/model';

/**
 * Fields that change on every read without the entity changing: BIRD's hold and keepalive timers count down each
 * second. They are sent with a row when it changes for another reason, but never make a row "changed" by themselves,
 * or every BGP node would send a delta per second and the API's history would grow with time instead of changes.
 */
export const VOLATILE_FIELDS: Partial<Record<TableName, readonly string[]>> = {
  bgpSessions: ['holdTimer', 'keepaliveTimer'],
};

const VOLATILE_SETS: Partial<Record<TableName, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries(VOLATILE_FIELDS).map(([t, fields]) => [t, new Set(fields)]),
);

/** The fields sameRow must skip for rows of `table`. */
export const volatileFieldsOf = (table: TableName): ReadonlySet<string> | undefined => VOLATILE_SETS[table];

/** Canonical JSON of a row without its volatile fields: equal strings mean "unchanged". */
export function comparableJson(table: TableName, row: object): string {
  const volatile = VOLATILE_FIELDS[table];
  if (!volatile) return canonicalJson(row);
  const copy: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const f of volatile) delete copy[f];
  return canonicalJson(copy);
}
