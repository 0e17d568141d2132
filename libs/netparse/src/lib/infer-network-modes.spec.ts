import { fixture, ok } from './fixtures.test-util';
import { inferNetworkModes } from './infer-network-modes';
import { parseCniConfig } from './parse-cni-config';
import { parseIpLink } from './parse-ip-link';
import { parseIpRoute } from './parse-ip-route';

const nodeInput = (name: string, cniFiles: string[] = []) => ({
  links: ok(parseIpLink(fixture('ip-link', `${name}.json`))),
  routes: ok(parseIpRoute(fixture('ip-route', `${name}.json`))),
  cniConfigs: cniFiles.map((f) => parseCniConfig(f, fixture('cni', f))),
});

describe('inferNetworkModes', () => {
  it.each([
    ['flannel-vxlan-node', ['flannel-vxlan']],
    ['flannel-vxlan-peer', ['flannel-vxlan']],
    ['flannel-udp-node', ['flannel-udp']],
    ['flannel-host-gw-node', ['flannel-host-gw']],
    ['calico-bgp-node', ['calico-bgp']],
    ['calico-ipip-node', ['calico-ipip']],
    ['calico-vxlan-node', ['calico-vxlan']],
    ['misc-node', []],
    ['host', []],
    ['flannel-pod', []],
  ])(
    'should find the data plane of %s from its links and routes',
    (name, modes) => {
      expect(inferNetworkModes(nodeInput(name))).toEqual(modes);
    },
  );

  it('should confirm flannel-host-gw from the CNI config when a cni0 node has no peers yet', () => {
    const input = nodeInput('flannel-host-gw-node', ['10-flannel.conflist']);
    const alone = {
      ...input,
      routes: input.routes.filter(
        (r) => r.dev !== 'eth0' || r.gateway === undefined,
      ),
    };
    expect(inferNetworkModes({ ...alone, cniConfigs: [] })).toEqual([]);
    expect(inferNetworkModes(alone)).toEqual(['flannel-host-gw']);
  });

  it('should not call a node calico-ipip when tunl0 exists but BIRD routes go via the underlay', () => {
    const bgp = nodeInput('calico-bgp-node');
    const tunl0 = ok(
      parseIpLink(fixture('ip-link', 'calico-ipip-node.json')),
    ).find((l) => l.ifname === 'tunl0')!;
    expect(inferNetworkModes({ ...bgp, links: [...bgp.links, tunl0] })).toEqual(
      ['calico-bgp'],
    );
  });

  it('should report both modes of a Calico IPIP CrossSubnet node', () => {
    const ipip = nodeInput('calico-ipip-node');
    const bgp = nodeInput('calico-bgp-node');
    const viaUnderlay = bgp.routes.filter(
      (r) => r.protocol === 'bird' && r.gateway,
    );
    expect(
      inferNetworkModes({ ...ipip, routes: [...ipip.routes, ...viaUnderlay] }),
    ).toEqual(['calico-bgp', 'calico-ipip']);
  });

  it('should return nothing rather than throw when given empty or missing tables', () => {
    expect(
      inferNetworkModes({ links: [], routes: [], cniConfigs: [] }),
    ).toEqual([]);
    expect(inferNetworkModes({} as never)).toEqual([]);
  });
});
