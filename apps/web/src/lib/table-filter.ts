/**
 * Client-side search over the rows already fetched. The query is split on whitespace and every term must match
 * (AND). A term `column:value` matches only that column (by id or label, case-insensitive); a plain term matches
 * any column. Matching is a case-insensitive substring test on the text the table shows.
 */
export interface SearchTerm {
  column?: string;
  text: string;
}

export interface FilterColumn<T> {
  id: string;
  label: string;
  text: (row: T) => string;
}

export const parseSearch = (query: string): SearchTerm[] =>
  query
    .trim()
    .split(/\s+/)
    .filter((term) => term.length > 0)
    .map((term) => {
      const colon = term.indexOf(':');
      // "fe80::1" is an address, not column "fe80": a column name is letters only and the value is non-empty.
      if (colon > 0 && /^[a-z][a-z-]*$/i.test(term.slice(0, colon)) && colon < term.length - 1) {
        return { column: term.slice(0, colon).toLowerCase(), text: term.slice(colon + 1).toLowerCase() };
      }
      return { text: term.toLowerCase() };
    });

const normalise = (label: string) => label.toLowerCase().replace(/[^a-z0-9]/g, '');

export const filterRows = <T>(rows: readonly T[], columns: readonly FilterColumn<T>[], query: string): T[] => {
  const terms = parseSearch(query);
  if (terms.length === 0) return [...rows];
  const resolved = terms.map((term) => {
    if (term.column === undefined) return { text: term.text, columns };
    const wanted = normalise(term.column);
    const matching = columns.filter((c) => normalise(c.id) === wanted || normalise(c.label) === wanted);
    // An unknown column name is not a column filter after all: search the whole term as text.
    return matching.length > 0
      ? { text: term.text, columns: matching }
      : { text: `${term.column}:${term.text}`, columns };
  });
  return rows.filter((row) =>
    resolved.every((term) => term.columns.some((column) => column.text(row).toLowerCase().includes(term.text))),
  );
};
