import { buildTopology } from './build-topology';
import { fixtureDir, loadFixtureCluster } from '../path/__testing__/load-fixture-cluster';

describe('buildTopology on a Flannel VXLAN cluster (real captures)', () => {
  const topology = buildTopology(loadFixtureCluster(fixtureDir('flannel-vxlan-2node')));

  it('should join the two nodes with one vxlan edge seen from both sides when each FDB points at the other', () => {
    expect(topology.edges.filter((e) => e.kind === 'vxlan')).toEqual([
      expect.objectContaining({ a: 'node-1', b: 'node-2', state: 'up', sides: [expect.objectContaining({ node: 'node-1', via: 'flannel.1' }), expect.objectContaining({ node: 'node-2', via: 'flannel.1' })] }),
    ]);
  });

  it('should not mistake the underlay default gateway or the vxlan routes for host-gw edges', () => {
    expect(topology.edges.map((e) => e.kind)).toEqual(['vxlan']);
  });

  it('should list each node with its cni0 pod subnet and the pod it pinged from', () => {
    const node1 = topology.nodes.find((n) => n.name === 'node-1');
    expect(node1?.podSubnets).toEqual(['10.244.1.0/24']);
    expect(node1?.endpoints).toEqual([expect.objectContaining({ ips: ['10.244.1.10'], dev: 'veth1', kind: 'bridge-port' })]);
  });
});
