import type { Route } from './route.schema';
import { routeKey } from './natural-key.util';

const linkLocal = (dev: string): Route => ({
  table: 'main',
  family: 'inet6',
  type: 'unicast',
  dst: 'fe80::/64',
  protocol: 'kernel',
  scope: 'global',
  metric: 256,
  tos: 0,
  dev,
  flags: [],
});

describe('routeKey', () => {
  it('should tell IPv6 routes apart by device when prefix and metric are equal', () => {
    expect(routeKey(linkLocal('eth0'))).not.toEqual(routeKey(linkLocal('cni0')));
  });

  it('should keep the IPv4 key free of the device when the family is inet', () => {
    const r: Route = { ...linkLocal('eth0'), family: 'inet', dst: '10.244.2.0/24', metric: 0 };
    expect(routeKey(r)).toBe('main|inet|10.244.2.0/24|0|0');
    expect(routeKey({ ...r, dev: 'flannel.1' })).toBe(routeKey(r));
  });
});
