import { compareSortValues, nextSort, sortRows } from './table-sort';

describe('sortRows', () => {
  const routes = [
    { dst: '10.244.10.0/24', metric: 0, dev: 'eth10' },
    { dst: '10.244.2.0/24', metric: 100, dev: 'eth2' },
    { dst: '0.0.0.0/0', metric: 20, dev: 'eth0' },
    { dst: 'fe80::/64', metric: 256, dev: 'eth0' },
    { dst: '10.244.0.0/16', metric: 5, dev: 'flannel.1' },
  ];

  it('should order destinations by address value then prefix length when sorting ip columns', () => {
    const sorted = sortRows(routes, (r) => r.dst, 'ip', 'asc').map((r) => r.dst);
    expect(sorted).toEqual(['0.0.0.0/0', '10.244.0.0/16', '10.244.2.0/24', '10.244.10.0/24', 'fe80::/64']);
  });

  it('should reverse the order when sorting descending', () => {
    const sorted = sortRows(routes, (r) => r.metric, 'number', 'desc').map((r) => r.metric);
    expect(sorted).toEqual([256, 100, 20, 5, 0]);
  });

  it('should compare names naturally when sorting text columns', () => {
    const sorted = sortRows(routes, (r) => r.dev, 'text', 'asc').map((r) => r.dev);
    expect(sorted).toEqual(['eth0', 'eth0', 'eth2', 'eth10', 'flannel.1']);
  });

  it('should keep rows without a value last in both directions when some cells are blank', () => {
    const rows = [{ gw: '' }, { gw: '10.0.0.2' }, { gw: undefined }, { gw: '10.0.0.10' }];
    expect(sortRows(rows, (r) => r.gw, 'ip', 'asc').map((r) => r.gw)).toEqual(['10.0.0.2', '10.0.0.10', '', undefined]);
    expect(sortRows(rows, (r) => r.gw, 'ip', 'desc').map((r) => r.gw)).toEqual([
      '10.0.0.10',
      '10.0.0.2',
      '',
      undefined,
    ]);
  });

  it('should keep the original order of equal rows when sorting (stable)', () => {
    const rows = [
      { k: 1, id: 'a' },
      { k: 0, id: 'b' },
      { k: 1, id: 'c' },
      { k: 0, id: 'd' },
    ];
    expect(sortRows(rows, (r) => r.k, 'number', 'asc').map((r) => r.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(sortRows(rows, (r) => r.k, 'number', 'desc').map((r) => r.id)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('should not change the input array when sorting', () => {
    const rows = [{ v: 2 }, { v: 1 }];
    sortRows(rows, (r) => r.v, 'number', 'asc');
    expect(rows.map((r) => r.v)).toEqual([2, 1]);
  });
});

describe('compareSortValues', () => {
  it('should put addresses before non-address text when an ip column mixes them', () => {
    expect(compareSortValues('10.0.0.1', 'blackhole', 'ip')).toBeLessThan(0);
    expect(compareSortValues('blackhole', '::1', 'ip')).toBeGreaterThan(0);
  });

  it('should order IPv4 before IPv6 when families differ', () => {
    expect(compareSortValues('255.255.255.255', '::', 'ip')).toBeLessThan(0);
  });
});

describe('nextSort', () => {
  it('should start ascending when a new column is chosen', () => {
    expect(nextSort({ column: 'dst', direction: 'desc' }, 'dev')).toEqual({ column: 'dev', direction: 'asc' });
    expect(nextSort(undefined, 'dev')).toEqual({ column: 'dev', direction: 'asc' });
  });

  it('should flip the direction when the same column is chosen again', () => {
    expect(nextSort({ column: 'dst', direction: 'asc' }, 'dst')).toEqual({ column: 'dst', direction: 'desc' });
    expect(nextSort({ column: 'dst', direction: 'desc' }, 'dst')).toEqual({ column: 'dst', direction: 'asc' });
  });
});
