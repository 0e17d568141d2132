import type { ClusterState } from '../cluster/cluster-state';
import { fixtureDir, loadFixtureCluster } from '../path/__testing__/load-fixture-cluster';
import { runChecks } from './run-checks';

const mapNode = (cluster: ClusterState, name: string, f: (n: ClusterState['nodes'][number]) => ClusterState['nodes'][number]): ClusterState => ({
  nodes: cluster.nodes.map((n) => (n.name === name ? f(n) : n)),
});

describe('runChecks on a Flannel VXLAN cluster (real captures)', () => {
  const cluster = loadFixtureCluster(fixtureDir('flannel-vxlan-2node'));

  it('should find nothing when the cluster is as flanneld programmed it', () => {
    expect(runChecks(cluster)).toEqual([]);
  });

  it('should name the node and subnet when a node loses its route to the other node pod subnet', () => {
    const broken = mapNode(cluster, 'node-1', (n) => ({ ...n, routes: n.routes.filter((r) => r.dst !== '10.244.2.0/24') }));
    expect(runChecks(broken)).toEqual([
      expect.objectContaining({ code: 'route-to-pod-subnet-missing', node: 'node-1', subject: 'node-1->node-2:10.244.2.0/24' }),
    ]);
  });

  it('should flag a stale VTEP MAC in the FDB and the neighbour table when the peer re-created flannel.1', () => {
    const broken = mapNode(cluster, 'node-2', (n) => ({
      ...n,
      links: n.links.map((l) => (l.ifname === 'flannel.1' ? { ...l, mac: '02:00:00:00:00:99' } : l)),
    }));
    const codes = runChecks(broken).filter((f) => f.code === 'vtep-mac-mismatch').map((f) => f.subject);
    expect(codes.sort()).toEqual(['node-1:flannel.1:fdb:192.168.250.12', 'node-1:flannel.1:neigh:10.244.2.0']);
  });

  it('should name the missing FDB entry when the entry to the peer VTEP is deleted', () => {
    const broken = mapNode(cluster, 'node-1', (n) => ({ ...n, fdb: n.fdb.filter((f) => !(f.dev === 'flannel.1' && f.dst)) }));
    expect(runChecks(broken)).toEqual([
      expect.objectContaining({ code: 'vxlan-fdb-missing', node: 'node-1', subject: 'node-1:flannel.1:10.244.2.0/24' }),
    ]);
  });

  it('should warn when pod interfaces are larger than the tunnel', () => {
    const broken = mapNode(cluster, 'node-1', (n) => ({ ...n, links: n.links.map((l) => (l.ifname === 'veth1' ? { ...l, mtu: 1500 } : l)) }));
    expect(runChecks(broken)).toEqual([expect.objectContaining({ code: 'pod-mtu-exceeds-tunnel', node: 'node-1' })]);
  });

  it('should report overlapping pod subnets when two nodes serve the same range', () => {
    const node2 = cluster.nodes.find((n) => n.name === 'node-2')!;
    const clash = { ...node2, name: 'node-3', identity: { ...node2.identity, underlayAddresses: ['192.168.250.13'] } };
    const overlapping: ClusterState = { nodes: [...cluster.nodes, clash] };
    expect(runChecks(overlapping).map((f) => f.code)).toContain('pod-cidr-overlap');
  });
});
