import {
  buildAddressMap,
  cellPrefixFor,
  coveringNetwork,
  intToIpv4,
  ipv4ToInt,
  overlaps,
  parseCidr4,
} from './address-space';

describe('address space', () => {
  it('should convert addresses to integers and back over the whole range', () => {
    expect(ipv4ToInt('10.244.1.0')).toBe(0x0af40100);
    expect(ipv4ToInt('255.255.255.255')).toBe(2 ** 32 - 1);
    expect(intToIpv4(2 ** 32 - 1)).toBe('255.255.255.255');
    expect(ipv4ToInt('10.244.1')).toBeUndefined();
    expect(ipv4ToInt('10.244.1.256')).toBeUndefined();
  });

  it('should clear host bits and refuse IPv6 when parsing a CIDR', () => {
    expect(parseCidr4('10.244.1.7/24')).toEqual({ base: ipv4ToInt('10.244.1.0'), prefix: 24 });
    expect(parseCidr4('fd00::/64')).toBeUndefined();
    expect(parseCidr4('10.0.0.0/33')).toBeUndefined();
  });

  it('should tell overlapping ranges from adjacent ones', () => {
    const a = parseCidr4('10.244.0.0/16');
    const b = parseCidr4('10.244.3.0/24');
    const c = parseCidr4('10.245.0.0/24');
    if (!a || !b || !c) throw new Error('parse');
    expect(overlaps(a, b)).toBe(true);
    expect(overlaps(a, c)).toBe(false);
  });

  it('should draw one cell per block when the pool holds few enough blocks', () => {
    const pool = parseCidr4('192.168.0.0/16');
    if (!pool) throw new Error('parse');
    expect(cellPrefixFor(pool, 26)).toBe(26);
    const wide = parseCidr4('10.0.0.0/8');
    if (!wide) throw new Error('parse');
    expect(cellPrefixFor(wide, 26)).toBe(20);
  });

  it('should place each allocation on its cells and flag a cell two nodes claim', () => {
    const map = buildAddressMap('10.244.0.0/16', 24, [
      { cidr: '10.244.1.0/24', node: 'node-1', source: 'lease' },
      { cidr: '10.244.2.0/24', node: 'node-2', source: 'lease' },
      { cidr: '10.244.2.0/25', node: 'node-3', source: 'pod subnet' },
      { cidr: '10.245.0.0/24', node: 'node-4', source: 'lease' },
    ]);
    if (!map) throw new Error('map');
    expect(map.cells).toHaveLength(256);
    expect(map.cells[1]).toMatchObject({ cidr: '10.244.1.0/24', conflict: false });
    expect(map.cells[2]?.conflict).toBe(true);
    expect(map.cells[2]?.allocations.map((a) => a.node)).toEqual(['node-2', 'node-3']);
    expect(map.outside.map((a) => a.node)).toEqual(['node-4']);
    expect(map.used).toBe(2);
  });

  it('should spread an allocation wider than a cell over every cell it covers', () => {
    const map = buildAddressMap('10.244.0.0/22', 26, [{ cidr: '10.244.1.0/24', node: 'n', source: 'block' }]);
    expect(map?.cells.filter((c) => c.allocations.length).map((c) => c.cidr)).toEqual([
      '10.244.1.0/26',
      '10.244.1.64/26',
      '10.244.1.128/26',
      '10.244.1.192/26',
    ]);
  });

  it('should cover a pod subnet with its /16 when no network is known', () => {
    expect(coveringNetwork('10.244.7.0/24')).toBe('10.244.0.0/16');
    expect(coveringNetwork('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(coveringNetwork('fd00::/64')).toBeUndefined();
  });
});
