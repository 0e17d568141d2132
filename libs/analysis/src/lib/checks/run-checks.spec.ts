import type { Finding } from '@meshlens/model';
import type { ClusterState } from '../cluster/cluster-state';
import { fixtureDir, loadFixtureCluster } from '../path/__testing__/load-fixture-cluster';
import { syntheticFlannelVxlanCluster } from '../path/__testing__/synthetic-cluster';
import { DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE } from './max-findings-per-node-and-code.constant';
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

describe('runChecks past the cap of findings per node and code (Flannel VXLAN cluster grown from the capture)', () => {
  const capture = loadFixtureCluster(fixtureDir('flannel-vxlan-2node'));
  // syntheticFlannelVxlanCluster gives node-k the pod subnet 10.100.(k-1).0/24; these nodes lose every peer's route.
  const losingPeerRoutes = (size: number, ...names: string[]): ClusterState => {
    let cluster = syntheticFlannelVxlanCluster(capture, size);
    for (const name of names) {
      const own = `10.100.${Number(name.slice('node-'.length)) - 1}.`;
      cluster = mapNode(cluster, name, (n) => ({ ...n, routes: n.routes.filter((r) => !r.dst.startsWith('10.100.') || r.dst.startsWith(own)) }));
    }
    return cluster;
  };
  const missingRoutes = (findings: Finding[]) => findings.filter((f) => f.code === 'route-to-pod-subnet-missing');

  it('should list the first K findings and one summary naming the count when a node misses more than K peer routes', () => {
    const K = DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE;
    const findings = runChecks(losingPeerRoutes(DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE + 5, 'node-1'));
    const missing = missingRoutes(findings);
    expect(missing).toHaveLength(DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE + 1);
    expect(missing.slice(0, -1).map((f) => f.subject)).toEqual(
      Array.from({ length: DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE }, (_, i) => `node-1->node-${i + 2}:10.100.${i + 1}.0/24`),
    );
    const summary = missing[missing.length - 1];
    expect(summary).toEqual({
      code: 'route-to-pod-subnet-missing',
      severity: 'critical',
      node: 'node-1',
      subject: 'node-1:route-to-pod-subnet-missing:more',
      message: `node-1: 4 more like the ${K} above: node-${K + 2} 10.100.${K + 1}.0/24, node-${K + 3} 10.100.${K + 2}.0/24, node-${K + 4} 10.100.${K + 3}.0/24, ...`,
      evidence: expect.any(Array),
    });
    expect(summary.evidence.length).toBeGreaterThan(0);
    expect(summary.evidence.length).toBeLessThanOrEqual(6);
    expect(summary.evidence.map((c) => c.node)).toContain(`node-${K + 2}`);
  });

  it('should keep the summary subject and change only its count when more peers are missed', () => {
    const summaryOf = (size: number) => missingRoutes(runChecks(losingPeerRoutes(size, 'node-1'), { maxPerNodeAndCode: 3 })).at(-1);
    const [few, many] = [summaryOf(8), summaryOf(12)];
    expect(few?.subject).toBe('node-1:route-to-pod-subnet-missing:more');
    expect(many?.subject).toBe(few?.subject);
    expect(few?.message).toMatch(/^node-1: 4 more like the 3 above: node-5 10\.100\.4\.0\/24, /);
    expect(many?.message).toMatch(/^node-1: 8 more like the 3 above: node-5 10\.100\.4\.0\/24, /);
  });

  it('should list every finding and no summary when a node misses K peer routes or fewer', () => {
    for (const size of [DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE, DEFAULT_MAX_FINDINGS_PER_NODE_AND_CODE + 1]) {
      const cluster = losingPeerRoutes(size, 'node-1');
      const findings = runChecks(cluster);
      expect(missingRoutes(findings)).toHaveLength(size - 1);
      expect(findings.filter((f) => f.subject.endsWith(':more'))).toEqual([]);
      expect(findings).toEqual(runChecks(cluster, { maxPerNodeAndCode: Infinity }));
    }
  });

  it('should keep the uncapped order, with each summary in the place of the first finding it stands for', () => {
    const cluster = losingPeerRoutes(10, 'node-1', 'node-4');
    // Two nodes' findings interleave (the check lists them by peer subnet, then node): the cap applies per node.
    const everything = runChecks(cluster, { maxPerNodeAndCode: Infinity });
    const seen = new Map<string, number>();
    const expected = everything.flatMap((f) => {
      const key = `${f.node}:${f.code}`;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      return n <= 2 ? [f.subject] : n === 3 ? [`${key}:more`] : [];
    });
    const capped = runChecks(cluster, { maxPerNodeAndCode: 2 });
    expect(capped.map((f) => f.subject)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['node-1:route-to-pod-subnet-missing:more', 'node-4:route-to-pod-subnet-missing:more']));
    expect(runChecks(cluster, { maxPerNodeAndCode: 2 })).toEqual(capped);
  });

  it('should summarise by node and code when two kinds of stale VTEP entry pass a cap of one', () => {
    const broken = mapNode(capture, 'node-2', (n) => ({
      ...n,
      links: n.links.map((l) => (l.ifname === 'flannel.1' ? { ...l, mac: '02:00:00:00:00:99' } : l)),
    }));
    expect(runChecks(broken, { maxPerNodeAndCode: 1 })).toEqual([
      expect.objectContaining({ code: 'vtep-mac-mismatch', node: 'node-1', subject: 'node-1:flannel.1:fdb:192.168.250.12' }),
      expect.objectContaining({
        code: 'vtep-mac-mismatch',
        severity: 'critical',
        node: 'node-1',
        subject: 'node-1:vtep-mac-mismatch:more',
        message: 'node-1: 1 more like the 1 above: neigh node-2 10.244.2.0',
      }),
    ]);
  });
});
