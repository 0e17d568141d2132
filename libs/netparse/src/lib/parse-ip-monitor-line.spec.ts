import { parseIpMonitorLine } from './parse-ip-monitor-line';

// Lines as `ip monitor all` (iproute2 6.1) printed them for a route, a neighbour, an address, a bridge FDB entry, a link.
describe('parseIpMonitorLine', () => {
  it.each([
    ['[ROUTE]10.6.0.0/24 via 10.0.0.2 dev e0 onlink linkdown ', 'route'],
    ['[NEIGH]10.0.0.10 dev e0 lladdr 02:00:00:00:00:0a PERMANENT ', 'neigh'],
    ['[NEIGH]Deleted dev br0 lladdr e6:39:d4:e4:71:25 PERMANENT ', 'neigh'],
    ['[NEIGH]dev p0 lladdr 02:00:00:00:00:0b NOARP ', 'neigh'],
    ['[ADDR]3: e0    inet 10.1.0.1/24 scope global e0', 'addr'],
    ['[LINK]2: p0@e0: <BROADCAST,MULTICAST> mtu 1400 qdisc noop state DOWN group default ', 'link'],
    ['[NETCONF]inet br0 forwarding off rp_filter off mc_forwarding off proxy_neigh off ignore_routes_with_linkdown off ', 'ignored'],
    ['       valid_lft forever preferred_lft forever', 'continuation'],
    ['    link/ether b6:c3:c0:e9:86:2c brd ff:ff:ff:ff:ff:ff', 'continuation'],
  ])('should classify %j as %s', (line, expected) => {
    expect(parseIpMonitorLine(line)).toBe(expected);
  });

  it('should call a line it cannot place unknown when iproute2 prints something new', () => {
    expect(parseIpMonitorLine('[SOMETHING]x')).toBe('unknown');
    expect(parseIpMonitorLine('10.6.0.0/24 via 10.0.0.2 dev e0')).toBe('unknown');
    expect(parseIpMonitorLine('[constructor]x')).toBe('unknown');
  });
});
