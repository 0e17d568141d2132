import { fixture, ok } from './fixtures.test-util';
import { parseIpLink } from './parse-ip-link';

const links = (name: string) =>
  ok(parseIpLink(fixture('ip-link', `${name}.json`)));
const byName = (name: string, ifname: string) =>
  links(name).find((l) => l.ifname === ifname);

describe('parseIpLink', () => {
  it('should read flannel.1 as a vxlan with VNI 1, port 8472, no learning and eth0 as underlay when given a Flannel VXLAN node', () => {
    const vtep = byName('flannel-vxlan-node', 'flannel.1');
    expect(vtep).toMatchObject({
      kind: 'vxlan',
      mtu: 1450,
      mac: '0a:58:0a:f4:00:00',
      vxlan: {
        vni: 1,
        port: 8472,
        local: '192.168.50.1',
        underlayDev: 'eth0',
        learning: false,
      },
    });
  });

  it('should read flannel-v6.1 with its IPv6 local address when given a dual-stack Flannel node', () => {
    expect(byName('flannel-vxlan-node', 'flannel-v6.1')).toMatchObject({
      kind: 'vxlan',
      mac: '0a:58:fd:44:00:00',
      vxlan: {
        vni: 1,
        port: 8472,
        local: 'fd50::1',
        underlayDev: 'eth0',
        learning: false,
      },
    });
  });

  it('should give bridge ports their master and keep the peer index and netns of veths whose peer is in a pod when given a Flannel node', () => {
    expect(byName('flannel-vxlan-node', 'cni0')).toMatchObject({
      kind: 'bridge',
      operstate: 'UP',
    });
    const port = byName('flannel-vxlan-node', 'veth3a1f0c2e');
    expect(port).toMatchObject({
      kind: 'veth',
      master: 'cni0',
      peerIfindex: 2,
      peerNetnsId: 1,
    });
    expect(port?.peerIfname).toBeUndefined();
    expect(byName('flannel-vxlan-node', 'lo')?.kind).toBe('loopback');
  });

  it('should read vxlan.calico with VNI 4096 on port 4789 and the cali veths with MAC ee:ee:ee:ee:ee:ee when given a Calico VXLAN node', () => {
    expect(byName('calico-vxlan-node', 'vxlan.calico')?.vxlan).toMatchObject({
      vni: 4096,
      port: 4789,
      underlayDev: 'eth0',
    });
    const cali = links('calico-vxlan-node').filter((l) =>
      l.ifname.startsWith('cali'),
    );
    expect(cali.length).toBeGreaterThan(0);
    for (const l of cali)
      expect(l).toMatchObject({
        kind: 'veth',
        mac: 'ee:ee:ee:ee:ee:ee',
        peerNetnsId: expect.any(Number),
      });
  });

  it('should read flannel0 as a tun device in tun mode when given a Flannel UDP node', () => {
    expect(byName('flannel-udp-node', 'flannel0')).toMatchObject({
      kind: 'tun',
      tun: { mode: 'tun' },
      mtu: 1472,
    });
  });

  it('should read tunl0 as an ipip tunnel without fixed endpoints and without a MAC when given a Calico IPIP node', () => {
    const tunl0 = byName('calico-ipip-node', 'tunl0');
    expect(tunl0).toMatchObject({
      kind: 'ipip',
      mtu: 1480,
      ipTunnel: { ttl: 0 },
    });
    expect(tunl0?.ipTunnel?.local).toBeUndefined();
    expect(tunl0?.ipTunnel?.remote).toBeUndefined();
    expect(tunl0?.mac).toBeUndefined();
  });

  it('should resolve the peer name of a veth pair in one namespace and the parent of a macvlan', () => {
    const eth0 = byName('misc-node', 'eth0');
    const eth1 = byName('misc-node', 'eth1');
    expect(eth1).toMatchObject({
      peerIfname: 'eth0',
      peerIfindex: eth0?.ifindex,
    });
    expect(eth0).toMatchObject({
      peerIfname: 'eth1',
      peerIfindex: eth1?.ifindex,
    });
    expect(byName('misc-node', 'macvlan0')).toMatchObject({
      kind: 'macvlan',
      peerIfname: 'eth0',
    });
  });

  it('should call NICs without linkinfo "device" when given this machine\'s own namespace', () => {
    expect(byName('host', 'eth0')).toMatchObject({
      kind: 'device',
      operstate: 'UP',
    });
    expect(byName('host', 'lo')?.kind).toBe('loopback');
  });

  it('should infer kinds from names when given a dump taken without -d', () => {
    const plain = ok(
      parseIpLink(fixture('ip-link', 'flannel-vxlan-node-plain.json')),
    );
    const kinds = Object.fromEntries(plain.map((l) => [l.ifname, l.kind]));
    expect(kinds).toMatchObject({
      lo: 'loopback',
      'flannel.1': 'vxlan',
      cni0: 'bridge',
      veth3a1f0c2e: 'veth',
    });
    expect(plain.find((l) => l.ifname === 'flannel.1')?.vxlan).toBeUndefined();
  });

  it('should read local, remote, ttl and underlay of a point-to-point ipip tunnel when info_data has them', () => {
    // Hand-written row with the keys ip/link_iptnl.c prints (no kernel here can create ipip devices).
    const row = {
      ifindex: 9,
      link: null,
      ifname: 'ipip1',
      flags: ['POINTOPOINT', 'NOARP', 'UP', 'LOWER_UP'],
      mtu: 1480,
      operstate: 'UNKNOWN',
      link_type: 'ipip',
      address: '192.0.2.1',
      link_pointtopoint: true,
      broadcast: '198.51.100.3',
      linkinfo: {
        info_kind: 'ipip',
        info_data: {
          proto: 'ipip',
          remote: '198.51.100.3',
          local: '192.0.2.1',
          link: 'eth0',
          ttl: 64,
          pmtudisc: true,
        },
      },
    };
    const [link] = ok(parseIpLink(JSON.stringify([row])));
    expect(link).toMatchObject({
      kind: 'ipip',
      ipTunnel: {
        local: '192.0.2.1',
        remote: '198.51.100.3',
        ttl: 64,
        underlayDev: 'eth0',
      },
    });
    expect(link.mac).toBeUndefined();
  });

  it('should skip rows without ifindex or ifname with a warning when given a partly broken dump', () => {
    const r = parseIpLink(
      JSON.stringify([
        { ifname: 'x' },
        7,
        { ifindex: 3, ifname: 'eth0', mtu: 1500, flags: ['UP'] },
      ]),
    );
    expect(r).toMatchObject({
      ok: true,
      value: [{ ifname: 'eth0', kind: 'device', operstate: 'UNKNOWN' }],
    });
    expect(r.ok && r.warnings).toHaveLength(2);
  });

  it('should fail as a whole when the text is not a JSON array', () => {
    expect(parseIpLink('Device "eth9" does not exist.').ok).toBe(false);
    expect(parseIpLink('{"ifindex":1}').ok).toBe(false);
  });
});
