import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterState } from '../cluster/cluster-state';
import { explainPath } from './explain-path';
import { fixtureDir, loadFixtureCluster } from './__testing__/load-fixture-cluster';

const FLANNEL = fixtureDir('flannel-vxlan-2node');
const POD_ON_NODE_1 = '10.244.1.10';
const POD_ON_NODE_2 = '10.244.2.10';

const withoutRows = (cluster: ClusterState, node: string, table: 'fdb' | 'neighbors' | 'routes', drop: (row: never) => boolean): ClusterState => ({
  nodes: cluster.nodes.map((n) => (n.name === node ? { ...n, [table]: (n[table] as never[]).filter((r) => !drop(r)) } : n)),
});

describe('explainPath on a Flannel VXLAN cluster (real captures)', () => {
  const cluster = loadFixtureCluster(FLANNEL);

  it('should deliver pod to pod across the tunnel with the VXLAN encapsulation flanneld set up', () => {
    const path = explainPath(cluster, POD_ON_NODE_1, POD_ON_NODE_2);
    expect(path.failure).toBeUndefined();
    expect(path.status).toBe('delivered');
    expect(path.srcNode).toBe('node-1');
    expect(path.dstNode).toBe('node-2');
    const encap = path.hops.find((h) => h.kind === 'encapsulate')?.encapsulation;
    expect(encap).toMatchObject({ type: 'vxlan', vni: 1, port: 8472, outerSrc: '192.168.250.11', outerDst: '192.168.250.12', overhead: 50, mtu: 1450 });
    expect(path.hops.map((h) => `${h.node}:${h.kind}`)).toEqual([
      'node-1:source',
      'node-1:route',
      'node-1:neighbor',
      'node-1:fdb',
      'node-1:encapsulate',
      'node-1:underlay',
      'node-2:decapsulate',
      'node-2:route',
      'node-2:deliver',
    ]);
  });

  it('should agree with the kernel (ip route get) on the egress device and next hop of the first node', () => {
    const kernel = JSON.parse(readFileSync(join(FLANNEL, 'node-1', 'route-get-remote-pod.json'), 'utf8'))[0];
    const firstRoute = explainPath(cluster, POD_ON_NODE_1, POD_ON_NODE_2).hops.find((h) => h.kind === 'route');
    expect({ dev: firstRoute?.dev, gateway: firstRoute?.nextHop }).toEqual({ dev: kernel.dev, gateway: kernel.gateway });
  });

  it('should cite the route, neighbour and FDB rows it used', () => {
    const path = explainPath(cluster, POD_ON_NODE_1, POD_ON_NODE_2);
    const cited = path.hops.flatMap((h) => h.cites.map((c) => `${c.node}/${c.table}/${c.key}`));
    expect(cited).toContain('node-1/routes/main|inet|10.244.2.0/24|0|0');
    expect(cited).toContain('node-1/neighbors/flannel.1|10.244.2.0');
    expect(cited.some((c) => c.startsWith('node-1/fdb/flannel.1|'))).toBe(true);
  });

  it('should stop at the FDB hop when the FDB entry to the remote VTEP is missing', () => {
    const broken = withoutRows(cluster, 'node-1', 'fdb', (f: { dev: string; dst?: string }) => f.dev === 'flannel.1' && !!f.dst);
    const path = explainPath(broken, POD_ON_NODE_1, POD_ON_NODE_2);
    expect(path.status).toBe('broken');
    expect(path.failure).toMatchObject({ code: 'fdb-missing', node: 'node-1' });
    expect(path.hops.at(-1)?.kind).toBe('neighbor');
  });

  it('should name the missing neighbour when the VTEP MAC entry is gone', () => {
    const broken = withoutRows(cluster, 'node-1', 'neighbors', (n: { dev: string }) => n.dev === 'flannel.1');
    expect(explainPath(broken, POD_ON_NODE_1, POD_ON_NODE_2).failure).toMatchObject({ code: 'neighbor-missing', node: 'node-1' });
  });

  it('should follow the default route out of the cluster when the route to the remote pod subnet is deleted', () => {
    const broken = withoutRows(cluster, 'node-2', 'routes', (r: { dst: string }) => r.dst === '10.244.1.0/24');
    const path = explainPath(broken, POD_ON_NODE_2, POD_ON_NODE_1);
    expect(path.status).toBe('leaves-cluster');
    expect(path.hops.at(-1)).toMatchObject({ node: 'node-2', kind: 'underlay', nextHop: '192.168.250.1', dev: 'eth0' });
  });

  it('should report no route when the node has no route at all to the destination', () => {
    const broken = withoutRows(cluster, 'node-2', 'routes', (r: { dst: string }) => r.dst === '10.244.1.0/24' || r.dst === '0.0.0.0/0');
    expect(explainPath(broken, POD_ON_NODE_2, POD_ON_NODE_1).failure).toMatchObject({ code: 'no-route', node: 'node-2' });
  });

  it('should refuse when the source belongs to no node', () => {
    expect(explainPath(cluster, '203.0.113.9', POD_ON_NODE_2).failure?.code).toBe('unknown-source');
  });
});
