import { sameRow } from './same-row';

describe('sameRow', () => {
  const route = { table: 'main', dst: '10.244.1.0/24', metric: 0, flags: ['onlink'], nexthops: [{ dev: 'eth0', flags: [] }] };

  it('should call two rows the same when only their key order differs', () => {
    expect(sameRow(route, { nexthops: [{ flags: [], dev: 'eth0' }], flags: ['onlink'], metric: 0, dst: '10.244.1.0/24', table: 'main' })).toBe(true);
  });

  it('should take an undefined value as an absent key when comparing', () => {
    expect(sameRow({ ...route, gateway: undefined }, route)).toBe(true);
    expect(sameRow(route, { ...route, gateway: undefined })).toBe(true);
  });

  it.each([
    ['a changed scalar', { ...route, metric: 1 }],
    ['a number that became a string', { ...route, metric: '0' }],
    ['an added key', { ...route, gateway: '10.0.0.1' }],
    ['a reordered array', { ...route, flags: ['linkdown', 'onlink'] }],
    ['a nested change', { ...route, nexthops: [{ dev: 'eth1', flags: [] }] }],
    ['null for an object', { ...route, nexthops: null }],
  ])('should tell rows apart when they differ by %s', (_what, other) => {
    expect(sameRow(route, other)).toBe(false);
    expect(sameRow(other, route)).toBe(false);
  });

  it('should ignore the named top-level fields when they are the only difference', () => {
    const session = { name: 'Mesh_10_0_0_2', state: 'up', holdTimer: '179/240' };
    const ignore = new Set(['holdTimer']);

    expect(sameRow(session, { ...session, holdTimer: '120/240' }, ignore)).toBe(true);
    expect(sameRow(session, { name: 'Mesh_10_0_0_2', state: 'up' }, ignore)).toBe(true);
    expect(sameRow(session, { ...session, state: 'start' }, ignore)).toBe(false);
  });
});
