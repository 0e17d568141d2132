import { explainPath } from './explain-path';
import { loadNetparseFixtureNode } from './__testing__/load-fixture-cluster';
import type { ClusterState } from '../cluster/cluster-state';

// libs/netparse's capture of a Calico IPIP node: block 10.67.0.0/26 (blackhole proto bird), pod 10.67.0.1 on a
// cali device, and `10.67.0.64/26 via 192.168.62.2 dev tunl0 proto bird onlink`. Its peers did not report.
const node = loadNetparseFixtureNode('calico-ipip-node');
const LOCAL_POD = '10.67.0.1';
const cluster: ClusterState = { nodes: [node] };
const withPodMtu = (mtu: number): ClusterState => ({
  nodes: [{ ...node, links: node.links.map((l) => (l.ifname.startsWith('cali') ? { ...l, mtu } : l)) }],
});

describe('explainPath on a Calico IPIP node (real capture)', () => {
  it('should encapsulate IP-in-IP to the peer named by the bird route and stop at the peer that does not report', () => {
    const path = explainPath(withPodMtu(1480), LOCAL_POD, '10.67.0.70');
    expect(path.hops.map((h) => h.kind)).toEqual(['source', 'route', 'encapsulate', 'underlay']);
    expect(path.hops[1]).toMatchObject({ dev: 'tunl0', nextHop: '192.168.62.2' });
    expect(path.hops[2].encapsulation).toEqual({ type: 'ipip', outerSrc: '192.168.62.1', outerDst: '192.168.62.2', overhead: 20, mtu: 1480 });
    expect(path.hops[3]).toMatchObject({ dev: 'eth0', nextHop: '192.168.62.2' });
    expect(path.failure).toMatchObject({ code: 'vtep-unknown', node: 'calico-ipip-node' });
  });

  it('should stop at the encapsulation when the pods MTU exceeds the tunnel MTU', () => {
    const path = explainPath(withPodMtu(1500), LOCAL_POD, '10.67.0.70');
    expect(path.hops.at(-1)?.kind).toBe('encapsulate');
    expect(path.failure?.code).toBe('mtu-exceeds-tunnel');
    expect(path.failure?.message).toContain('1500');
  });

  it('should name the blackhole route when the address is in the local block but no pod has it', () => {
    const path = explainPath(cluster, LOCAL_POD, '10.67.0.30');
    expect(path.status).toBe('broken');
    expect(path.failure).toMatchObject({ code: 'blackhole', node: 'calico-ipip-node' });
    expect(path.hops.at(-1)?.cites[0]).toMatchObject({ table: 'routes', key: 'main|inet|10.67.0.0/26|0|0' });
  });

  it('should deliver to the local pod over its cali device', () => {
    const path = explainPath(cluster, '192.168.62.1', LOCAL_POD);
    expect(path.status).toBe('delivered');
    expect(path.hops.at(-1)).toMatchObject({ kind: 'deliver', dev: 'cali0c1d2e3f4a5' });
  });
});
