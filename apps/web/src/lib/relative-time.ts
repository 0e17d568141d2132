/**
 * A node unheard for three report intervals is shown as stale. Agents report every 5 s by default and may be
 * configured up to about 10 s, so three of the longer interval.
 */
export const REPORT_INTERVAL_MS = 10_000;
export const STALE_AFTER_MS = 3 * REPORT_INTERVAL_MS;

export const isStale = (lastSeen: string, now: number, staleAfterMs = STALE_AFTER_MS): boolean => {
  const seen = Date.parse(lastSeen);
  return Number.isNaN(seen) || now - seen > staleAfterMs;
};

/** "just now", "12 s ago", "5 min ago", "3 h ago", "2 d ago"; future times (clock skew) read "just now". */
export const formatRelativeTime = (iso: string, now: number): string => {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'never';
  const seconds = Math.floor((now - then) / 1000);
  if (seconds < 2) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
};
