import { fixture, ok } from './fixtures.test-util';
import { parseIpRoute } from './parse-ip-route';

const routes = (name: string) =>
  ok(parseIpRoute(fixture('ip-route', `${name}.json`)));
const find = (name: string, dst: string, table = 'main') =>
  routes(name).find((r) => r.dst === dst && r.table === table);

describe('parseIpRoute', () => {
  it("should read Flannel's onlink routes to remote subnets with defaults filled in when given a Flannel VXLAN node", () => {
    expect(find('flannel-vxlan-node', '10.244.1.0/24')).toEqual({
      table: 'main',
      family: 'inet',
      type: 'unicast',
      dst: '10.244.1.0/24',
      protocol: 'boot',
      scope: 'global',
      metric: 0,
      tos: 0,
      gateway: '10.244.1.0',
      dev: 'flannel.1',
      flags: ['onlink'],
    });
  });

  it('should turn default into 0.0.0.0/0 and host routes into /32 in the local table', () => {
    expect(find('flannel-vxlan-node', '0.0.0.0/0')).toMatchObject({
      gateway: '192.168.50.254',
      dev: 'eth0',
    });
    expect(find('flannel-vxlan-node', '10.244.0.0/32', 'local')).toMatchObject({
      type: 'local',
      protocol: 'kernel',
      scope: 'host',
      prefsrc: '10.244.0.0',
      dev: 'flannel.1',
    });
  });

  it('should give IPv6 routes of the same dump family inet6 and their metric', () => {
    const v6 = routes('flannel-vxlan-node').filter((r) => r.family === 'inet6');
    expect(v6.length).toBeGreaterThan(0);
    expect(
      v6.find((r) => r.dst === 'fe80::/64' && r.dev === 'flannel.1'),
    ).toMatchObject({ metric: 256, table: 'main' });
    expect(
      routes('flannel-vxlan-node-inet6').every((r) => r.family === 'inet6'),
    ).toBe(true);
  });

  it('should read the IPv6 onlink route to a remote pod subnet when given a dual-stack Flannel node', () => {
    expect(find('flannel-vxlan-node-inet6', 'fd44:1::/64')).toEqual({
      table: 'main',
      family: 'inet6',
      type: 'unicast',
      dst: 'fd44:1::/64',
      protocol: 'boot',
      scope: 'global',
      metric: 1024,
      tos: 0,
      gateway: 'fd44:1::',
      dev: 'flannel-v6.1',
      flags: ['onlink'],
    });
    expect(find('flannel-vxlan-node-inet6', 'fd44::/128')).toMatchObject({
      dev: 'flannel-v6.1',
      protocol: 'kernel',
    });
  });

  it("should read BIRD's blackhole, underlay and per-pod routes when given a Calico BGP node", () => {
    expect(find('calico-bgp-node', '10.65.0.0/26')).toMatchObject({
      type: 'blackhole',
      protocol: 'bird',
    });
    expect(find('calico-bgp-node', '10.65.0.64/26')).toMatchObject({
      protocol: 'bird',
      gateway: '192.168.60.2',
      dev: 'eth0',
    });
    expect(find('calico-bgp-node', '10.65.0.0/32')).toMatchObject({
      scope: 'link',
      dev: 'cali1b2c3d4e5f6',
      protocol: 'boot',
    });
  });

  it("should keep Felix's numeric protocol 80 as a string when given a Calico VXLAN node", () => {
    expect(find('calico-vxlan-node', '10.66.0.64/26')).toMatchObject({
      protocol: '80',
      gateway: '10.66.0.64',
      dev: 'vxlan.calico',
      flags: ['onlink'],
    });
    expect(find('calico-vxlan-node', '10.66.0.0/26')).toMatchObject({
      type: 'blackhole',
      protocol: '80',
    });
  });

  it('should keep onlink and linkdown on routes via tunl0 when given a Calico IPIP node', () => {
    expect(find('calico-ipip-node', '10.67.0.64/26')).toMatchObject({
      dev: 'tunl0',
      protocol: 'bird',
      flags: ['onlink', 'linkdown'],
    });
  });

  it('should read multipath next hops, other tables, route types, mtu and tos when given the misc node', () => {
    expect(find('misc-node', '10.80.0.0/16')).toMatchObject({
      protocol: 'static',
      nexthops: [
        { gateway: '192.168.70.2', dev: 'eth0', weight: 1, flags: [] },
        { gateway: '192.168.71.2', dev: 'eth1', weight: 2, flags: [] },
      ],
    });
    expect(find('misc-node', '10.80.0.0/16')?.gateway).toBeUndefined();
    expect(find('misc-node', '10.81.0.0/24', '100')).toMatchObject({
      gateway: '192.168.70.3',
      protocol: 'static',
    });
    expect(find('misc-node', '0.0.0.0/0', '100')).toMatchObject({
      gateway: '192.168.71.254',
    });
    expect(find('misc-node', '10.82.0.0/24', 'default')).toMatchObject({
      dev: 'eth1',
      scope: 'link',
    });
    expect(find('misc-node', '10.83.0.0/24')?.type).toBe('unreachable');
    expect(find('misc-node', '10.84.0.0/24')?.type).toBe('prohibit');
    expect(find('misc-node', '10.85.0.1/32')).toMatchObject({
      mtu: 1400,
      prefsrc: '192.168.70.1',
    });
    expect(find('misc-node', '10.86.0.0/24')).toMatchObject({
      tos: 16,
      metric: 20,
    });
  });

  it('should read IPv6 multipath, host, blackhole and non-main routes when given `ip -j -6 route show table all`', () => {
    const v6 = routes('misc-node-inet6');
    const at = (dst: string, table = 'main') =>
      v6.find((r) => r.dst === dst && r.table === table);
    expect(at('fd80::/48')?.nexthops).toHaveLength(2);
    expect(at('fd81::1/128')).toMatchObject({
      protocol: 'static',
      gateway: 'fd70::3',
      metric: 1024,
    });
    expect(at('fd83::/64')).toMatchObject({ type: 'blackhole', dev: 'lo' });
    expect(at('fd82::/64', '100')).toMatchObject({ gateway: 'fd71::3' });
    expect(at('::/0')).toMatchObject({ gateway: 'fd70::fe', family: 'inet6' });
  });

  it('should skip a route whose family cannot be told and a tos given by name, with warnings', () => {
    const r = parseIpRoute(
      JSON.stringify([
        { type: 'unreachable', dst: 'default', flags: [] },
        { dst: '10.0.0.0/8', tos: 'lowdelay', flags: [] },
      ]),
    );
    expect(r).toMatchObject({ ok: true, value: [] });
    expect(r.ok && r.warnings).toHaveLength(2);
  });

  it('should take the gateway from `via` when it is of the other family', () => {
    const [route] = ok(
      parseIpRoute(
        JSON.stringify([
          {
            dst: '10.9.0.0/16',
            via: { family: 'inet6', host: 'fe80::1' },
            dev: 'eth0',
            flags: [],
          },
        ]),
      ),
    );
    expect(route).toMatchObject({ family: 'inet', gateway: 'fe80::1' });
  });
});
