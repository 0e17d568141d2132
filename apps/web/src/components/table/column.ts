import type { ReactNode } from 'react';
import type { SortType, SortValue } from '../../lib/table-sort';

/** One table column: `text` is what search matches and the default cell; `render` may decorate it. */
export interface Column<T> {
  id: string;
  label: string;
  /** Tooltip of the header. */
  title?: string;
  sortType: SortType;
  text: (row: T) => string;
  sortValue?: (row: T) => SortValue;
  render?: (row: T) => ReactNode;
  mono?: boolean;
  numeric?: boolean;
}

export const joinDefined = (values: readonly (string | number | undefined | null | false)[], sep = ' '): string =>
  values.filter((v) => v !== undefined && v !== null && v !== false && v !== '').join(sep);
