import type { Topology } from '@meshlens/model';
import { buildSubnetMaps } from './subnet-maps';

const topology: Topology = {
  nodes: [
    {
      name: 'node-1',
      underlayAddresses: [],
      modes: [],
      podSubnets: ['10.244.1.0/24'],
      externalPeers: [],
      endpoints: [],
    },
    {
      name: 'node-2',
      underlayAddresses: [],
      modes: [],
      podSubnets: ['10.244.2.0/24', 'fd00:1::/64'],
      externalPeers: [],
      endpoints: [],
    },
  ],
  edges: [],
};

describe('subnet maps', () => {
  it('should draw the reported pod subnets in their /16 when etcd is not watched', () => {
    const maps = buildSubnetMaps(undefined, undefined, undefined, topology);
    expect(maps.map((m) => [m.title, m.map.cells.length, m.map.used])).toEqual([
      ['Pod subnets in 10.244.0.0/16', 256, 2],
    ]);
  });

  it('should draw the Flannel network with its leases and not draw the reported subnets twice', () => {
    const subnets = {
      status: { configured: true, endpoints: [], watches: [] },
      findings: [],
      problems: [],
      networks: [
        {
          prefix: '/coreos.com/network',
          config: {
            prefix: '/coreos.com/network',
            network: '10.244.0.0/16',
            subnetLen: 24,
            enableIPv4: true,
            enableIPv6: false,
            backend: { type: 'vxlan' },
          },
          leases: [
            {
              prefix: '/coreos.com/network',
              key: '/coreos.com/network/subnets/10.244.2.0-24',
              subnet: '10.244.2.0/24',
              ipv6Subnet: null,
              publicIp: '192.168.250.13',
              publicIpv6: null,
              backendType: 'vxlan',
              vni: 1,
              vtepMac: null,
              ipv6VtepMac: null,
              etcdLeaseId: null,
              expiresAt: null,
              node: 'node-3',
            },
          ],
        },
      ],
    };
    const maps = buildSubnetMaps(subnets, undefined, undefined, topology);
    expect(maps).toHaveLength(1);
    expect(maps[0]?.title).toBe('Flannel 10.244.0.0/16');
    // node-2 reports a subnet etcd leases to node-3: the cell is a conflict.
    expect(maps[0]?.map.cells[2]?.conflict).toBe(true);
    expect(maps[0]?.map.cells[1]?.conflict).toBe(false);
  });
});
