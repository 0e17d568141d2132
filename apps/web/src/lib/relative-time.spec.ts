import { formatRelativeTime, isStale, STALE_AFTER_MS } from './relative-time';

const now = Date.parse('2026-01-01T12:00:00.000Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('formatRelativeTime', () => {
  it('should say how long ago in the largest fitting unit', () => {
    expect(formatRelativeTime(ago(500), now)).toBe('just now');
    expect(formatRelativeTime(ago(12_000), now)).toBe('12 s ago');
    expect(formatRelativeTime(ago(5 * 60_000 + 10_000), now)).toBe('5 min ago');
    expect(formatRelativeTime(ago(3 * 3_600_000), now)).toBe('3 h ago');
    expect(formatRelativeTime(ago(3 * 86_400_000), now)).toBe('3 d ago');
  });

  it('should say just now when the time is in the future (clock skew)', () => {
    expect(formatRelativeTime(ago(-5_000), now)).toBe('just now');
  });
});

describe('isStale', () => {
  it('should not mark a node stale when it reported within three intervals', () => {
    expect(isStale(ago(STALE_AFTER_MS), now)).toBe(false);
  });

  it('should mark a node stale when its last report is older than three intervals', () => {
    expect(isStale(ago(STALE_AFTER_MS + 1), now)).toBe(true);
  });

  it('should mark a node stale when its last-seen time cannot be read', () => {
    expect(isStale('not a time', now)).toBe(true);
  });
});
