import { canonicalJson } from './canonical-json.util';

export interface RowChange<T> {
  key: string;
  before: T;
  after: T;
}

export interface RowsDiff<T> {
  added: T[];
  removed: { key: string; row: T }[];
  changed: RowChange<T>[];
}

/**
 * Compares two snapshots of one table by natural key. Rows whose canonical JSON is equal are unchanged; rows of
 * `after` that repeat a key keep the last one (the kernel never reports two rows with one natural key, so a repeat
 * is a re-read, not a second row).
 */
export function diffRows<T>(before: Iterable<T>, after: Iterable<T>, keyOf: (row: T) => string): RowsDiff<T> {
  const previous = new Map<string, { row: T; json: string }>();
  for (const row of before) previous.set(keyOf(row), { row, json: canonicalJson(row) });

  const next = new Map<string, T>();
  for (const row of after) next.set(keyOf(row), row);

  const diff: RowsDiff<T> = { added: [], removed: [], changed: [] };
  for (const [key, row] of next) {
    const old = previous.get(key);
    if (!old) diff.added.push(row);
    else if (old.json !== canonicalJson(row)) diff.changed.push({ key, before: old.row, after: row });
  }
  for (const [key, { row }] of previous) if (!next.has(key)) diff.removed.push({ key, row });
  return diff;
}

export const isEmptyDiff = (d: RowsDiff<unknown>): boolean =>
  d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
