import { fixture, ok } from './fixtures.test-util';
import { parseIpAddr } from './parse-ip-addr';

const addrs = (name: string) =>
  ok(parseIpAddr(fixture('ip-addr', `${name}.json`)));

describe('parseIpAddr', () => {
  it('should give one address per addr_info entry with family, prefix and scope when given a Flannel VXLAN node', () => {
    const list = addrs('flannel-vxlan-node');
    expect(list.find((a) => a.ifname === 'flannel.1')).toEqual({
      ifname: 'flannel.1',
      family: 'inet',
      local: '10.244.0.0',
      prefixlen: 32,
      scope: 'global',
      label: 'flannel.1',
    });
    expect(
      list.find((a) => a.ifname === 'cni0' && a.family === 'inet'),
    ).toMatchObject({ local: '10.244.0.1', prefixlen: 24 });
    expect(
      list.filter((a) => a.family === 'inet6' && a.scope === 'link').length,
    ).toBeGreaterThan(0);
  });

  it("should keep broadcast and IPv6 global addresses when given this machine's namespace", () => {
    const eth0 = addrs('host').filter((a) => a.ifname === 'eth0');
    expect(eth0.find((a) => a.family === 'inet')).toMatchObject({
      broadcast: expect.stringMatching(/\.255$/),
      scope: 'global',
    });
    expect(
      eth0.find((a) => a.family === 'inet6' && a.scope === 'global'),
    ).toBeDefined();
  });

  it('should read the tunnel address of tunl0 when given a Calico IPIP node', () => {
    expect(
      addrs('calico-ipip-node').find((a) => a.ifname === 'tunl0'),
    ).toMatchObject({ local: '10.67.0.0', prefixlen: 32 });
  });

  it('should report the peer of a point-to-point address and skip unusable entries with a warning', () => {
    const text = JSON.stringify([
      {
        ifindex: 5,
        ifname: 'tun0',
        addr_info: [
          {
            family: 'inet',
            local: '10.8.0.1',
            address: '10.8.0.2',
            prefixlen: 32,
            scope: 'global',
          },
          { family: 'inet' },
        ],
      },
      { ifindex: 6, ifname: 'eth1' },
    ]);
    const r = parseIpAddr(text);
    expect(r).toMatchObject({
      ok: true,
      value: [{ ifname: 'tun0', local: '10.8.0.1', peer: '10.8.0.2' }],
    });
    expect(r.ok && r.warnings).toHaveLength(1);
  });
});
