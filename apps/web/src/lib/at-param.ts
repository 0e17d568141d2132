import { isoTimeSchema } from '@meshlens/model';

/**
 * The time-travel instant every page passes to the API as `?at=`. Invalid values are dropped (the page then shows
 * the current state) rather than sent: the API would answer 400 for the whole page.
 */
export const parseAt = (raw: string | string[] | undefined): string | undefined => {
  const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!value) return undefined;
  const parsed = isoTimeSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

/** `href` with `at` set (or kept out when undefined); keeps the href's own query and hash. */
export const withAt = (href: string, at: string | undefined): string => {
  if (!at) return href;
  const hashIndex = href.indexOf('#');
  const hash = hashIndex >= 0 ? href.slice(hashIndex) : '';
  const base = hashIndex >= 0 ? href.slice(0, hashIndex) : href;
  const [path, query = ''] = base.split('?', 2);
  const search = new URLSearchParams(query);
  search.set('at', at);
  return `${path}?${search.toString()}${hash}`;
};

/** `?at=` text for API paths: "" or "?at=..." (or "&at=..." when the path already has a query). */
export const atSuffix = (path: string, at: string | undefined): string =>
  at ? `${path}${path.includes('?') ? '&' : '?'}at=${encodeURIComponent(at)}` : path;

/** datetime-local value (minutes, local time) of an ISO instant, and back. */
export const toLocalInput = (iso: string): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(
    date.getMinutes(),
  )}:${pad(date.getSeconds())}`;
};

export const fromLocalInput = (value: string): string | undefined => {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};
