import { cidrContains, cidrsOverlap, formatIp, networkOf, parseCidr, parseIp } from './ip-address.util';

describe('ip address utilities', () => {
  it('should place a Calico pod address inside its /26 block when the block starts at .192', () => {
    expect(cidrContains('10.201.7.192/26', '10.201.7.200')).toBe(true);
    expect(cidrContains('10.201.7.192/26', '10.201.8.0')).toBe(false);
  });

  it('should match every address when the prefix is the default route', () => {
    expect(cidrContains('0.0.0.0/0', '198.51.100.7')).toBe(true);
    expect(cidrContains('::/0', 'fd00::2')).toBe(true);
    expect(cidrContains('::/0', '10.0.0.1')).toBe(false);
  });

  it('should parse IPv6 with compressed zeros and an embedded IPv4 tail', () => {
    expect(parseIp('::ffff:10.0.0.1')?.value).toBe(0xffff0a000001n);
    expect(formatIp(parseIp('fd00:0:0:0:0:0:0:2')!)).toBe('fd00::2');
    expect(parseIp('fd00::1::2')).toBeNull();
  });

  it('should read IPv4 as four decimal groups of at most three digits when parsing', () => {
    expect(parseIp('010.0.0.255')?.value).toBe(0x0a0000ffn);
    expect(parseIp('255.255.255.255')?.value).toBe(0xffffffffn);
    for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '1..2.3', '1.2.3.0001', '1.2.3.', '.1.2.3', '1.2.3.4 ', '1.2.3.a', '']) {
      expect(parseIp(bad)).toBeNull();
    }
  });

  it('should reject prefix lengths beyond the family size', () => {
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('fd00::/129')).toBeNull();
  });

  it('should find overlap when one pool contains the other', () => {
    expect(cidrsOverlap('10.244.0.0/16', '10.244.3.0/24')).toBe(true);
    expect(cidrsOverlap('10.244.0.0/16', '10.245.0.0/16')).toBe(false);
  });

  it('should compute the network of an interface address', () => {
    expect(networkOf('10.244.1.1/24')).toBe('10.244.1.0/24');
    expect(networkOf('fd00::2/64')).toBe('fd00::/64');
  });
});
