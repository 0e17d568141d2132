import { fixture, ok } from './fixtures.test-util';
import { inferUnderlayAddresses } from './infer-underlay-addresses';
import { parseIpAddr } from './parse-ip-addr';
import { parseIpRoute } from './parse-ip-route';

const input = (name: string) => ({
  routes: ok(parseIpRoute(fixture('ip-route', `${name}.json`))),
  addresses: ok(parseIpAddr(fixture('ip-addr', `${name}.json`))),
});

describe('inferUnderlayAddresses', () => {
  it("should return the global addresses of both families of the default routes' device when given a dual-stack Flannel node", () => {
    expect(inferUnderlayAddresses(input('flannel-vxlan-node'))).toEqual([
      '192.168.50.1',
      'fd50::1',
    ]);
  });

  it("should return both families of the default route's device when given this machine's namespace", () => {
    const host = input('host');
    const eth0 = host.addresses
      .filter((a) => a.ifname === 'eth0' && a.scope === 'global')
      .map((a) => a.local);
    expect(inferUnderlayAddresses(host)).toEqual(eth0);
    expect(eth0.some((a) => a.includes(':'))).toBe(true);
  });

  it('should fall back to the first non-overlay device with a global address when there is no default route', () => {
    const node = input('calico-ipip-node');
    const noDefault = {
      ...node,
      routes: node.routes.filter((r) => r.dst !== '0.0.0.0/0'),
    };
    expect(inferUnderlayAddresses(noDefault)).toEqual(['192.168.62.1']);
  });

  it('should return nothing when there is no global address', () => {
    expect(inferUnderlayAddresses({ routes: [], addresses: [] })).toEqual([]);
  });
});
