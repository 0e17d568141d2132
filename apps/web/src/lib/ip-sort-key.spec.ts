import { ipSortKey } from './ip-sort-key';

describe('ipSortKey', () => {
  it('should read an IPv4 CIDR as family, value and prefix length', () => {
    expect(ipSortKey('10.244.1.0/24')).toEqual({ family: 4, value: 0x0af40100n, prefixlen: 24 });
  });

  it('should give a host address its full prefix length when it has none', () => {
    expect(ipSortKey('192.168.0.1')?.prefixlen).toBe(32);
    expect(ipSortKey('fe80::1')?.prefixlen).toBe(128);
  });

  it('should expand compressed IPv6 forms when reading them', () => {
    expect(ipSortKey('::1')?.value).toBe(1n);
    expect(ipSortKey('fe80::')?.value).toBe(0xfe80n << 112n);
    expect(ipSortKey('2001:db8::ff00:42:8329')?.value).toBe(
      ipSortKey('2001:0db8:0000:0000:0000:ff00:0042:8329')?.value,
    );
  });

  it('should read an embedded IPv4 tail when an IPv6 address ends with one', () => {
    expect(ipSortKey('::ffff:10.0.0.1')?.value).toBe((0xffffn << 32n) | 0x0a000001n);
  });

  it('should return undefined when the text is not an address', () => {
    for (const text of ['', 'blackhole', 'eth0', '10.0.0.256', '10.0.0/24', '1::2::3', '10.0.0.0/33', 'fe80::/129']) {
      expect(ipSortKey(text)).toBeUndefined();
    }
  });
});
