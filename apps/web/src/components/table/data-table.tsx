'use client';
import { startTransition, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { filterRows } from '../../lib/table-filter';
import { nextSort, sortRows, type SortSpec } from '../../lib/table-sort';
import { columnsFor, DEFAULT_SORT, type TableKind } from './table-columns';

/** Rendering tens of thousands of rows at once freezes the tab; the search narrows, "show all" is explicit. */
const ROW_LIMIT = 1000;
/**
 * Rows in the server's HTML: a screenful and then some. The rest are rendered in the browser right after hydration,
 * so a 1000-node table paints as fast as a short one (the server renders a tenth of the markup).
 */
const FIRST_PAINT_ROWS = 100;

export interface DataTableProps {
  kind: TableKind;
  rows: readonly unknown[];
  /** Plural noun for the count line: "42 of 311 routes". */
  noun: string;
  /** Singular, when a table can hold one row: "1 route". */
  one?: string;
  initialQuery?: string;
  initialSort?: SortSpec;
  /** Text shown when the API returned no row at all. */
  emptyMessage?: string;
}

/** Keeps q/sort/dir in the address bar without a server round trip (Next syncs useSearchParams with it). */
const replaceUrlState = (query: string, sort: SortSpec | undefined) => {
  const url = new URL(window.location.href);
  if (query) url.searchParams.set('q', query);
  else url.searchParams.delete('q');
  if (sort) {
    url.searchParams.set('sort', sort.column);
    url.searchParams.set('dir', sort.direction);
  }
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url);
};

export const DataTable = ({ kind, rows, noun, one, initialQuery = '', initialSort, emptyMessage }: DataTableProps) => {
  const columns = useMemo(() => columnsFor(kind, rows), [kind, rows]);
  const [query, setQuery] = useState(initialQuery);
  const [sort, setSort] = useState<SortSpec | undefined>(initialSort);
  const [showAll, setShowAll] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => startTransition(() => setHydrated(true)), []);
  const searchRef = useRef<HTMLInputElement>(null);
  const userChanged = useRef(false);

  const effectiveSort: SortSpec =
    sort && columns.some((c) => c.id === sort.column) ? sort : { column: DEFAULT_SORT[kind], direction: 'asc' };
  const sortColumn = columns.find((c) => c.id === effectiveSort.column) ?? columns[0];

  // Typing stays responsive on large tables: filtering may lag a keystroke behind the input.
  const deferredQuery = useDeferredValue(query);
  const visible = useMemo(() => {
    const filtered = filterRows(rows, columns, deferredQuery);
    return sortRows(filtered, sortColumn.sortValue ?? sortColumn.text, sortColumn.sortType, effectiveSort.direction);
  }, [rows, columns, deferredQuery, sortColumn, effectiveSort.direction]);

  useEffect(() => {
    if (userChanged.current) replaceUrlState(query, sort);
  }, [query, sort]);

  // "/" jumps to the search box, as in Grafana and GitHub.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || target?.closest('input, textarea, select, [contenteditable]')) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const limit = showAll ? visible.length : ROW_LIMIT;
  const shown = visible.slice(0, hydrated ? limit : Math.min(limit, FIRST_PAINT_ROWS));
  const searchId = `search-${kind}`;

  return (
    <section className="data-table" aria-label={noun}>
      <div className="table-toolbar">
        <label className="sr-only" htmlFor={searchId}>
          Search {noun}
        </label>
        <input
          id={searchId}
          ref={searchRef}
          className="search"
          type="search"
          placeholder={`Search ${noun}…`}
          title="Press / to focus. Every word must match; col:value matches one column (dev:eth0)."
          value={query}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => {
            userChanged.current = true;
            setQuery(event.target.value);
          }}
        />
        <span className="row-count" data-testid="row-count" aria-live="polite">
          {visible.length === rows.length
            ? `${rows.length} ${rows.length === 1 && one ? one : noun}`
            : `${visible.length} of ${rows.length} ${rows.length === 1 && one ? one : noun}`}
        </span>
      </div>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              {columns.map((column) => {
                const active = column.id === sortColumn.id;
                const ariaSort = active ? (effectiveSort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
                return (
                  <th
                    key={column.id}
                    aria-sort={ariaSort}
                    className={column.numeric ? 'num' : undefined}
                    title={column.title}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      data-column={column.id}
                      onClick={() => {
                        userChanged.current = true;
                        setSort(nextSort(effectiveSort, column.id));
                      }}
                    >
                      {column.label}
                      <span className="sort-indicator" aria-hidden="true">
                        {active ? (effectiveSort.direction === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, index) => (
              <tr key={index}>
                {columns.map((column) => (
                  <td
                    key={column.id}
                    data-column={column.id}
                    className={[column.mono && 'mono', column.numeric && 'num'].filter(Boolean).join(' ') || undefined}
                  >
                    {column.render ? column.render(row) : column.text(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 && <p className="table-empty">{emptyMessage ?? `No ${noun}.`}</p>}
        {rows.length > 0 && visible.length === 0 && (
          <p className="table-empty">
            No {noun} match “{deferredQuery}”.
          </p>
        )}
      </div>
      {!showAll && visible.length > ROW_LIMIT && (
        <button type="button" className="show-all" onClick={() => setShowAll(true)}>
          Showing the first {ROW_LIMIT}: show all {visible.length} {noun}
        </button>
      )}
    </section>
  );
};
