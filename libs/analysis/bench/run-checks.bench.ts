// Times runChecks on a synthetic Flannel VXLAN cluster grown from the real capture in src/lib/__fixtures__.
// Run from the repository root:
//   TS_NODE_PROJECT=tsconfig.base.json node --expose-gc -r @swc-node/register -r tsconfig-paths/register \
//     libs/analysis/bench/run-checks.bench.ts [nodes...]   (default 100 300 1000; MESHLENS_BENCH_RUNS=3)
// Prints one JSON object: runChecks wall and CPU time per cluster size (median of the runs), the findings count and a
// digest of the findings (equal digests before and after a change: the same findings, in the same order).
import { createHash } from 'node:crypto';
import { runChecks } from '../src/lib/checks/run-checks';
import { fixtureDir, loadFixtureCluster } from '../src/lib/path/__testing__/load-fixture-cluster';
import { syntheticFlannelVxlanCluster } from '../src/lib/path/__testing__/synthetic-cluster';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 1);
const RUNS = Number(process.env['MESHLENS_BENCH_RUNS'] ?? 3);
const capture = loadFixtureCluster(fixtureDir('flannel-vxlan-2node'));

const figures: Record<string, number | string> = {};
for (const size of sizes.length ? sizes : [100, 300, 1000]) {
  const times: number[] = [];
  const cpu: number[] = [];
  let findings: ReturnType<typeof runChecks> = [];
  for (let i = 0; i < RUNS; i++) {
    // A fresh snapshot per run, as the API loads one per sweep: nothing parsed by an earlier run is reused.
    const cluster = syntheticFlannelVxlanCluster(capture, size);
    // One node loses a peer route and one peer's VTEP MAC goes stale, so the findings path is exercised too.
    const [a, b] = cluster.nodes;
    a.routes = a.routes.filter((r) => !r.dst.startsWith('10.100.2.'));
    b.links = b.links.map((l) => (l.ifname === 'flannel.1' ? { ...l, mac: '02:00:00:00:00:99' } : l));
    // The previous run's snapshot is garbage by now; collect it first (node --expose-gc) rather than time that.
    (globalThis as { gc?: () => void }).gc?.();
    const [t, c] = [performance.now(), process.cpuUsage()];
    findings = runChecks(cluster);
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => Math.round([...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]);
  figures[`runChecks${size}NodesMs`] = median(times);
  // CPU time (all threads, GC helpers included) says less about other load on a shared machine than wall time.
  figures[`runChecks${size}NodesCpuMs`] = median(cpu);
  figures[`runChecks${size}NodesFindings`] = findings.length;
  figures[`runChecks${size}NodesFindingsSha256`] = createHash('sha256').update(JSON.stringify(findings)).digest('hex').slice(0, 16);
}
process.stdout.write(`${JSON.stringify({ suite: 'analysis-run-checks', ...figures })}\n`);
