import { atSuffix, fromLocalInput, parseAt, toLocalInput, withAt } from './at-param';

describe('at param', () => {
  it('should keep a valid ISO instant and drop anything else when parsing ?at=', () => {
    expect(parseAt('2026-11-24T12:00:00.000Z')).toBe('2026-11-24T12:00:00.000Z');
    expect(parseAt(['2026-11-24T12:00:00Z', 'x'])).toBe('2026-11-24T12:00:00Z');
    expect(parseAt('yesterday')).toBeUndefined();
    expect(parseAt('')).toBeUndefined();
    expect(parseAt(undefined)).toBeUndefined();
  });

  it('should add at to an href and keep its query and hash when time travelling', () => {
    expect(withAt('/mesh', '2026-11-24T12:00:00Z')).toBe('/mesh?at=2026-11-24T12%3A00%3A00Z');
    expect(withAt('/nodes/a?tab=routes#x', 'T')).toBe('/nodes/a?tab=routes&at=T#x');
    expect(withAt('/mesh', undefined)).toBe('/mesh');
  });

  it('should append at to an API path with the right separator', () => {
    expect(atSuffix('/api/v1/topology', undefined)).toBe('/api/v1/topology');
    expect(atSuffix('/api/v1/topology', '2026-11-24T12:00:00Z')).toBe('/api/v1/topology?at=2026-11-24T12%3A00%3A00Z');
    expect(atSuffix('/api/v1/path?src=a', 'T')).toBe('/api/v1/path?src=a&at=T');
  });

  it('should round-trip an instant through the datetime-local value to the second', () => {
    const iso = '2026-11-24T12:34:56.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(fromLocalInput('nonsense')).toBeUndefined();
  });
});
