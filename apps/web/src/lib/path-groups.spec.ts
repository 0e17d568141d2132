import type { PathHop, Topology } from '@meshlens/model';
import { groupHopsByNode, podAddresses } from './path-groups';

const hop = (node: string, kind: PathHop['kind']): PathHop => ({ node, kind, description: kind, cites: [] });

describe('path groups', () => {
  it('should group consecutive hops by node and start a new block when the walk returns to a node', () => {
    const groups = groupHopsByNode([
      hop('a', 'source'),
      hop('a', 'route'),
      hop('b', 'decapsulate'),
      hop('a', 'deliver'),
    ]);
    expect(groups.map((g) => [g.node, g.hops.map((h) => h.kind)])).toEqual([
      ['a', ['source', 'route']],
      ['b', ['decapsulate']],
      ['a', ['deliver']],
    ]);
  });

  it('should list pod addresses without prefix length, IPv4 first in numeric order', () => {
    const topology: Topology = {
      nodes: [
        {
          name: 'n1',
          underlayAddresses: [],
          modes: [],
          podSubnets: [],
          externalPeers: [],
          endpoints: [
            { node: 'n1', dev: 'cali1', ips: ['10.0.0.10/32', 'fd00::a/128'], kind: 'calico' },
            { node: 'n1', dev: 'cali2', ips: ['10.0.0.9'], kind: 'calico' },
          ],
        },
      ],
      edges: [],
    };
    expect(podAddresses(topology).map((p) => p.ip)).toEqual(['10.0.0.9', '10.0.0.10', 'fd00::a']);
  });
});
