import { compareIpSortKeys, ipSortKey } from './ip-sort-key';

export type SortDirection = 'asc' | 'desc';
/** How a column's values compare: text naturally (eth2 < eth10), numbers numerically, addresses by value. */
export type SortType = 'text' | 'number' | 'ip';
export type SortValue = string | number | undefined | null;

export interface SortSpec {
  column: string;
  direction: SortDirection;
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

const isBlank = (v: SortValue): v is undefined | null | '' => v === undefined || v === null || v === '';

/** Compares two cell values; blanks always sort last, whatever the direction (see sortRows). */
export const compareSortValues = (a: SortValue, b: SortValue, type: SortType): number => {
  if (isBlank(a) || isBlank(b)) return isBlank(a) === isBlank(b) ? 0 : isBlank(a) ? 1 : -1;
  if (type === 'number') {
    const na = Number(a);
    const nb = Number(b);
    if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  }
  if (type === 'ip') {
    const ka = ipSortKey(String(a));
    const kb = ipSortKey(String(b));
    // Addresses before anything else (e.g. "blackhole" or a name), then text order among the rest.
    if (ka && kb) return compareIpSortKeys(ka, kb);
    if (ka || kb) return ka ? -1 : 1;
  }
  return collator.compare(String(a), String(b));
};

/**
 * Stable sort of rows by one column. Rows with no value stay at the end in both directions, so that sorting
 * descending by "gateway" shows gateways first rather than a screen of blanks.
 */
export const sortRows = <T>(
  rows: readonly T[],
  value: (row: T) => SortValue,
  type: SortType,
  direction: SortDirection,
): T[] => {
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      const blankA = isBlank(a.key);
      const blankB = isBlank(b.key);
      if (blankA !== blankB) return blankA ? 1 : -1;
      return sign * compareSortValues(a.key, b.key, type) || a.index - b.index;
    })
    .map((entry) => entry.row);
};

/** Next sort state when a header is activated: a new column starts ascending, the same column flips. */
export const nextSort = (current: SortSpec | undefined, column: string): SortSpec =>
  current?.column === column
    ? { column, direction: current.direction === 'asc' ? 'desc' : 'asc' }
    : { column, direction: 'asc' };
