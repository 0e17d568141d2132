import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Finding, PathExplanation, Topology } from '@meshlens/model';
// test/lab and test/e2e are test projects without an import path: their helpers are imported, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { bgpDrop, bgpRestore, labPreflight, type LabNode, type LabPod } from '../lab';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually } from '../e2e/support/processes';
import { getJson, startCluster, stopCluster, type ClusterParts, type LabCluster } from './support/lab-cluster';

const exec = promisify(execFile);

const PREFIX = 'mlpath';
const STATE_DIR = `.data/lab-path-${process.pid}`;
const INTERVAL_S = 1;
const SETTLE_MS = 10_000;

const problems = labPreflight();
const describeLab = problems.length ? describe.skip : describe;

/** The kernel's own answer for a packet to `dst` leaving node namespace `netns`. */
async function routeGet(netns: string, dst: string): Promise<{ dev?: string; gateway?: string }> {
  const { stdout } = await exec('ip', ['-n', netns, '-j', 'route', 'get', dst]);
  const [r] = JSON.parse(stdout) as Array<{ dev?: string; gateway?: string }>;
  return { dev: r.dev, gateway: r.gateway };
}

/** The device each range's traffic really leaves by: Flannel VXLAN through flannel.1, the others in the clear. */
const EXPECTED_ENCAP: Record<LabPod['kind'], string | undefined> = {
  'flannel-vxlan': 'vxlan',
  calico: undefined,
  'flannel-host-gw': undefined,
};

describeLab(`path explanation and checks on the lab${problems.length ? ` (skipped: ${problems.join('; ')})` : ''}`, () => {
  const parts: ClusterParts = {};
  let cluster: LabCluster;
  const path = (src: string, dst: string) => getJson<PathExplanation>(cluster.base, `/api/v1/path?src=${src}&dst=${dst}`);
  const checks = () => getJson<Finding[]>(cluster.base, '/api/v1/checks');
  const node = (i: number): LabNode => cluster.lab.nodes[i];

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 3, prefix: PREFIX, stateDir: STATE_DIR, intervalSeconds: INTERVAL_S }, parts);
    // Every node has reported its tables, the mesh is up in the API, and no finding is left (BGP routes installed).
    await eventually(
      async () => {
        const topology = await getJson<Topology>(cluster.base, '/api/v1/topology');
        const meshUp = topology.edges.filter((e) => e.kind === 'bgp' && e.state === 'up').length === 3;
        return topology.nodes.length === 3 && meshUp && (await checks()).length === 0 ? true : undefined;
      },
      30_000,
      `a healthy lab in the API\n${cluster.output()}`,
    );
  });

  afterAll(() => stopCluster(parts));

  it('should find nothing wrong on the healthy lab', async () => {
    expect(await checks()).toEqual([]);
  });

  it('should agree with ip route get on every node of every pod pair, with the encapsulation of the range', async () => {
    const pods = cluster.lab.nodes.flatMap((n) => n.pods.map((p) => ({ node: n, pod: p })));
    let compared = 0;
    for (const a of pods) {
      for (const b of pods) {
        if (a.node === b.node || a.pod.kind !== b.pod.kind) continue;
        const explained = await path(a.pod.ip, b.pod.ip);
        expect({ pair: `${a.pod.ip}->${b.pod.ip}`, status: explained.status, failure: explained.failure }).toEqual({
          pair: `${a.pod.ip}->${b.pod.ip}`,
          status: 'delivered',
          failure: undefined,
        });
        expect(explained.dstNode).toBe(b.node.name);
        for (const hop of explained.hops.filter((h) => h.kind === 'route')) {
          const netns = cluster.lab.nodes.find((n) => n.name === hop.node)!.netns;
          expect({ node: hop.node, ...(await routeGet(netns, b.pod.ip)) }).toEqual({ node: hop.node, dev: hop.dev, gateway: hop.nextHop });
          compared++;
        }
        expect(explained.hops.find((h) => h.kind === 'encapsulate')?.encapsulation?.type).toBe(EXPECTED_ENCAP[a.pod.kind]);
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('should name the missing FDB entry in the path and in the checks when it is deleted from flannel.1', async () => {
    const [n1, n3] = [node(0), node(2)];
    const src = n1.pods.find((p) => p.kind === 'flannel-vxlan')!;
    const dst = n3.pods.find((p) => p.kind === 'flannel-vxlan')!;
    await exec('bridge', ['-n', n1.netns, 'fdb', 'del', n3.vtepMac!, 'dev', 'flannel.1', 'dst', n3.underlayIp, 'self']);
    try {
      const broken = await eventually(async () => {
        const p = await path(src.ip, dst.ip);
        return p.failure?.code === 'fdb-missing' ? p : undefined;
      }, SETTLE_MS, 'path naming the FDB break');
      expect(broken.failure).toMatchObject({ code: 'fdb-missing', node: n1.name });
      const found = await checks();
      expect(found.map((f) => [f.code, f.node])).toEqual([['vxlan-fdb-missing', n1.name]]);
    } finally {
      await exec('bridge', ['-n', n1.netns, 'fdb', 'append', n3.vtepMac!, 'dev', 'flannel.1', 'dst', n3.underlayIp, 'self', 'permanent']);
    }
    await eventually(async () => ((await checks()).length === 0 ? true : undefined), SETTLE_MS, 'healed FDB');
  });

  it('should name the missing route in the path and in the checks when a host-gw route is deleted', async () => {
    const [n1, n2] = [node(0), node(1)];
    const dst = n2.pods.find((p) => p.kind === 'flannel-host-gw')!;
    const src = n1.pods.find((p) => p.kind === 'flannel-host-gw')!;
    await exec('ip', ['-n', n1.netns, 'route', 'del', n2.hostGwSubnet]);
    try {
      const broken = await eventually(async () => {
        const p = await path(src.ip, dst.ip);
        return p.status !== 'delivered' ? p : undefined;
      }, SETTLE_MS, 'path naming the route break');
      expect(broken.hops.at(-1)?.node).toBe(n1.name);
      const found = await checks();
      expect(found).toEqual([expect.objectContaining({ code: 'route-to-pod-subnet-missing', node: n1.name, subject: `${n1.name}->${n2.name}:${n2.hostGwSubnet}` })]);
    } finally {
      await exec('ip', ['-n', n1.netns, 'route', 'add', n2.hostGwSubnet, 'via', n2.underlayIp, 'dev', 'eth0']);
    }
    await eventually(async () => ((await checks()).length === 0 ? true : undefined), SETTLE_MS, 'healed route');
  });

  it('should show the BGP break and the withdrawn routes when a node stops speaking BGP', async () => {
    const [n1, n2] = [node(0), node(1)];
    const src = n1.pods.find((p) => p.kind === 'calico')!;
    const dst = n2.pods.find((p) => p.kind === 'calico')!;
    await bgpDrop(cluster.lab, n2.name);
    try {
      const found = await eventually(async () => {
        const f = await checks();
        const withdrawn = f.some((x) => x.subject === `${n1.name}->${n2.name}:${n2.calicoBlock}`);
        return withdrawn && f.some((x) => x.code === 'bgp-session-not-established') ? f : undefined;
      }, SETTLE_MS, 'checks naming the BGP break');
      expect(new Set(found.map((f) => f.code))).toEqual(new Set(['bgp-session-not-established', 'route-to-pod-subnet-missing']));
      expect(found.filter((f) => f.code === 'route-to-pod-subnet-missing').map((f) => f.subject)).toContain(`${n1.name}->${n2.name}:${n2.calicoBlock}`);
      const p = await path(src.ip, dst.ip);
      expect(p.status).not.toBe('delivered');
      expect(p.hops.at(-1)?.node).toBe(n1.name);
    } finally {
      await bgpRestore(cluster.lab, n2.name);
    }
    await eventually(async () => ((await checks()).length === 0 ? true : undefined), 20_000, 'healed BGP');
  });
});
