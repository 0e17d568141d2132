import { fixture, ok } from './fixtures.test-util';
import { parseIpNeigh } from './parse-ip-neigh';

const neigh = (name: string) =>
  ok(parseIpNeigh(fixture('ip-neigh', `${name}.json`)));

describe('parseIpNeigh', () => {
  it("should read Flannel's PERMANENT VTEP entries and learned REACHABLE ones when given a Flannel VXLAN node", () => {
    const list = neigh('flannel-vxlan-node');
    expect(list.find((n) => n.dst === '10.244.1.0')).toEqual({
      dev: 'flannel.1',
      family: 'inet',
      dst: '10.244.1.0',
      lladdr: '0a:58:0a:f4:01:00',
      state: ['PERMANENT'],
    });
    expect(list.find((n) => n.dst === '192.168.50.2')).toMatchObject({
      dev: 'eth0',
      state: ['REACHABLE'],
    });
    expect(
      list.find((n) => n.dev === 'cni0' && n.family === 'inet6')?.state,
    ).toEqual(['STALE']);
  });

  it('should read the IPv6 VTEP neighbour and the router flag when given `ip -j -6 neigh show` on a dual-stack Flannel node', () => {
    const list = neigh('flannel-vxlan-node-inet6');
    expect(list.find((n) => n.dev === 'flannel-v6.1')).toEqual({
      dev: 'flannel-v6.1',
      family: 'inet6',
      dst: 'fd44:1::',
      lladdr: '0a:58:fd:44:01:00',
      state: ['PERMANENT'],
    });
    expect(list.find((n) => n.dst === 'fd50::2')).toMatchObject({
      dev: 'eth0',
      router: true,
    });
  });

  it('should read NOARP entries from `nud all` and proxy entries from `show proxy`', () => {
    expect(
      neigh('misc-node-nud-all').find((n) => n.dst === '192.168.70.10'),
    ).toMatchObject({ state: ['NOARP'], lladdr: '02:00:00:00:70:0a' });
    expect(neigh('misc-node-proxy')).toEqual([
      {
        dev: 'eth0',
        family: 'inet',
        dst: '192.168.70.11',
        state: [],
        proxy: true,
      },
    ]);
  });

  it('should read FAILED entries without lladdr and DELAY/STALE ones in both families when given the misc node', () => {
    const list = neigh('misc-node');
    expect(list.find((n) => n.dst === '192.168.70.77')).toEqual({
      dev: 'eth0',
      family: 'inet',
      dst: '192.168.70.77',
      state: ['FAILED'],
    });
    expect(list.find((n) => n.dst === 'fd70::77')).toMatchObject({
      family: 'inet6',
      state: ['FAILED'],
    });
    expect(list.find((n) => n.dst === 'fd70::9')).toMatchObject({
      state: ['PERMANENT'],
      lladdr: '02:00:00:00:70:09',
    });
    const states = new Set(list.flatMap((n) => n.state));
    expect([...states]).toEqual(
      expect.arrayContaining(['PERMANENT', 'FAILED', 'STALE']),
    );
    expect(neigh('misc-node-inet6').every((n) => n.family === 'inet6')).toBe(
      true,
    );
  });

  it('should drop an IP address given as lladdr, keep router/proxy flags and skip rows without dev', () => {
    const text = JSON.stringify([
      {
        dst: '10.0.0.2',
        dev: 'tunl0',
        lladdr: '192.168.1.2',
        state: ['PERMANENT'],
      },
      {
        dst: 'fe80::1',
        dev: 'eth0',
        lladdr: '02:00:00:00:00:01',
        router: null,
        state: ['STALE'],
      },
      { dst: '10.0.0.9', dev: 'eth0', proxy: null },
      { dst: '10.0.0.3', state: ['STALE'] },
    ]);
    const r = parseIpNeigh(text);
    expect(r).toMatchObject({
      ok: true,
      value: [
        { dst: '10.0.0.2', dev: 'tunl0', state: ['PERMANENT'] },
        { dst: 'fe80::1', router: true, family: 'inet6' },
        { dst: '10.0.0.9', proxy: true, state: [] },
      ],
    });
    expect(r.ok && r.value[0].lladdr).toBeUndefined();
    expect(r.ok && r.warnings).toHaveLength(1);
  });
});
