import { fixture, ok } from './fixtures.test-util';
import { parseBridgeFdb } from './parse-bridge-fdb';

const fdb = (name: string) =>
  ok(parseBridgeFdb(fixture('bridge-fdb', `${name}.json`)));

describe('parseBridgeFdb', () => {
  it('should read the VXLAN entries with their remote VTEP dst when given a Flannel VXLAN node', () => {
    expect(
      fdb('flannel-vxlan-node').filter((e) => e.dev === 'flannel.1'),
    ).toEqual([
      {
        mac: '0a:58:0a:f4:02:00',
        dev: 'flannel.1',
        dst: '192.168.50.3',
        flags: ['self'],
        state: 'permanent',
      },
      {
        mac: '0a:58:0a:f4:01:00',
        dev: 'flannel.1',
        dst: '192.168.50.2',
        flags: ['self'],
        state: 'permanent',
      },
    ]);
  });

  it('should read an IPv6 remote VTEP as dst when given a dual-stack Flannel node', () => {
    expect(
      fdb('flannel-vxlan-node').filter((e) => e.dev === 'flannel-v6.1'),
    ).toEqual([
      {
        mac: '0a:58:fd:44:01:00',
        dev: 'flannel-v6.1',
        dst: 'fd50::2',
        flags: ['self'],
        state: 'permanent',
      },
    ]);
  });

  it('should tell bridge-learned entries (state "") from the bridge\'s own permanent ones and the multicast self entries', () => {
    const list = fdb('flannel-vxlan-node');
    const learned = list.filter((e) => e.master === 'cni0' && e.state === '');
    expect(learned.length).toBeGreaterThan(0);
    expect(
      list.filter((e) => e.master === 'cni0' && e.state === 'permanent').length,
    ).toBeGreaterThan(0);
    expect(
      list.find((e) => e.mac === '33:33:00:00:00:01' && e.dev === 'cni0'),
    ).toEqual({
      mac: '33:33:00:00:00:01',
      dev: 'cni0',
      flags: ['self'],
      state: 'permanent',
    });
  });

  it('should read vxlan.calico entries when given a Calico VXLAN node', () => {
    expect(
      fdb('calico-vxlan-node').find((e) => e.dev === 'vxlan.calico'),
    ).toMatchObject({ mac: '66:c5:d3:00:00:02', dst: '192.168.61.2' });
  });

  it('should read vni, vlan and the older `dev` key and skip rows without a MAC', () => {
    const text = JSON.stringify([
      {
        mac: '00:00:00:00:00:00',
        dev: 'vxlan100',
        dst: '192.0.2.9',
        vni: 100,
        flags: ['self'],
        state: 'permanent',
      },
      {
        mac: 'AA:BB:CC:DD:EE:01',
        ifname: 'br0',
        vlan: 10,
        master: 'br0',
        flags: [],
      },
      { ifname: 'br0', flags: [] },
    ]);
    const r = parseBridgeFdb(text);
    expect(r).toMatchObject({
      ok: true,
      value: [
        {
          mac: '00:00:00:00:00:00',
          dev: 'vxlan100',
          vni: 100,
          dst: '192.0.2.9',
        },
        {
          mac: 'aa:bb:cc:dd:ee:01',
          dev: 'br0',
          vlan: 10,
          master: 'br0',
          state: '',
        },
      ],
    });
    expect(r.ok && r.warnings).toHaveLength(1);
  });
});
