import { canonicalJson } from '@meshlens/analysis';
import { createHash } from 'node:crypto';

/** What the database holds for one current row: enough to tell "same", "changed" and "gone" apart. */
export interface CurrentRowRef {
  id: bigint;
  key: string;
  hash: string;
}

export interface RowToInsert<T> {
  key: string;
  hash: string;
  row: T;
}

export interface TableChangePlan<T> {
  /** Current rows to close (validTo = report time): removed or changed. */
  closeIds: bigint[];
  /** Rows to open (validFrom = report time): added or changed. */
  insert: RowToInsert<T>[];
  added: number;
  removed: number;
  changed: number;
}

/** sha256 of the canonical JSON: equal model objects hash equal whatever their key order. */
export const rowHash = (row: unknown): string => createHash('sha256').update(canonicalJson(row)).digest('base64url');

/**
 * Plans how one table moves from `current` to a new state: `upsert` rows replace or add by natural key, `remove`
 * keys disappear. A full report passes every row as upsert and `removeMissing`; a delta passes its own lists.
 * Unchanged rows (same key, same hash) are left alone. A key repeated in `upsert` keeps its last row.
 */
export function planTableChanges<T>(
  current: CurrentRowRef[],
  change: { upsert: T[]; remove?: string[]; removeMissing?: boolean },
  keyOf: (row: T) => string,
): TableChangePlan<T> {
  const byKey = new Map(current.map((c) => [c.key, c]));
  const incoming = new Map<string, T>();
  for (const row of change.upsert) incoming.set(keyOf(row), row);

  const plan: TableChangePlan<T> = { closeIds: [], insert: [], added: 0, removed: 0, changed: 0 };
  const removeKeys = change.removeMissing ? [...byKey.keys()].filter((k) => !incoming.has(k)) : (change.remove ?? []);
  for (const key of new Set(removeKeys)) {
    const existing = byKey.get(key);
    if (!existing || incoming.has(key)) continue;
    plan.closeIds.push(existing.id);
    plan.removed++;
  }
  for (const [key, row] of incoming) {
    const hash = rowHash(row);
    const existing = byKey.get(key);
    if (existing?.hash === hash) continue;
    if (existing) {
      plan.closeIds.push(existing.id);
      plan.changed++;
    } else {
      plan.added++;
    }
    plan.insert.push({ key, hash, row });
  }
  return plan;
}
