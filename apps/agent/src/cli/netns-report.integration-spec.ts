import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DeltaReport, FullReport, NodeReport } from '@meshlens/model';
import type { BgpReader } from '../collectors/bgp-reader';
import { createCollectors } from '../collectors/collector-factory';
import { SnapshotCollector } from '../collectors/snapshot-collector';
import { ReportComposer } from '../report/report-composer';
import { NodeExec } from '../runner/node-exec';
import { ProcessCommandRunner } from '../runner/process-command-runner';
import { runCli } from './run-cli';

const isRoot = process.getuid?.() === 0;
const hasIp = (() => {
  try {
    execFileSync('ip', ['-V']);
    return true;
  } catch {
    return false;
  }
})();
const skipReason = !isRoot ? 'needs root to create network namespaces' : !hasIp ? 'needs iproute2 (ip, bridge)' : '';
const describeNs = skipReason ? describe.skip : describe;
if (skipReason) console.warn(`netns report integration tests skipped: ${skipReason}`);

const NS = `ag-it-${process.pid}`;
const sh = (args: string[]) => execFileSync(args[0], args.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const ipNs = (...args: string[]) => sh(['ip', '-n', NS, ...args]);
const ipJson = <T>(...args: string[]): T[] => JSON.parse(ipNs('-j', ...args)) as T[];
const noBird: BgpReader = { read: async (socket) => ({ status: { socket, status: 'missing' }, sessions: [] }) };

interface RawRoute {
  dst: string;
  dev?: string;
  gateway?: string;
  table?: string;
}

/** What `ip -j route` prints, in the model's spelling: "default" and bare host addresses become CIDRs. */
function routeRow(r: RawRoute, family: 'inet' | 'inet6'): string {
  const any = family === 'inet' ? '0.0.0.0/0' : '::/0';
  const dst = r.dst === 'default' ? any : r.dst.includes('/') ? r.dst : `${r.dst}/${family === 'inet' ? 32 : 128}`;
  return `${r.table ?? 'main'} ${dst} dev=${r.dev ?? '-'} via=${r.gateway ?? '-'}`;
}

/**
 * IPv6 link-local addresses (and their local routes) appear only after duplicate address detection, about a second
 * after a link comes up: wait until the namespace stops changing so the agent and `ip` see the same state.
 */
async function settle(): Promise<void> {
  const read = () => ipNs('-j', 'addr', 'show') + ipNs('-j', '-6', 'route', 'show', 'table', 'all');
  const deadline = Date.now() + 15_000;
  let before = read();
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 300));
    const now = read();
    if (now === before && !now.includes('tentative')) return;
    before = now;
  }
  throw new Error(`namespace ${NS} did not settle`);
}

describeNs(`agent reading network namespace ${NS}`, () => {
  let cniDir: string;

  beforeAll(async () => {
    try {
      sh(['ip', 'netns', 'del', NS]);
    } catch {
      // not there: the normal case
    }
    sh(['ip', 'netns', 'add', NS]);
    ipNs('link', 'set', 'lo', 'up');
    ipNs('link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', 'eth0-peer');
    ipNs('addr', 'add', '192.168.60.11/24', 'dev', 'eth0');
    ipNs('link', 'set', 'eth0', 'up');
    ipNs('link', 'set', 'eth0-peer', 'up');
    ipNs('link', 'add', 'cni0', 'type', 'bridge');
    ipNs('addr', 'add', '10.244.1.1/24', 'dev', 'cni0');
    ipNs('link', 'add', 'veth1a', 'type', 'veth', 'peer', 'name', 'veth1b');
    ipNs('link', 'set', 'veth1a', 'master', 'cni0');
    for (const dev of ['cni0', 'veth1a', 'veth1b']) ipNs('link', 'set', dev, 'up');
    ipNs('link', 'add', 'flannel.1', 'type', 'vxlan', 'id', '1', 'local', '192.168.60.11', 'dev', 'eth0', 'dstport', '8472', 'nolearning');
    ipNs('link', 'set', 'flannel.1', 'mtu', '1450', 'up');
    ipNs('addr', 'add', '10.244.1.0/32', 'dev', 'flannel.1');
    ipNs('route', 'add', 'default', 'via', '192.168.60.1', 'dev', 'eth0');
    ipNs('route', 'add', '10.244.2.0/24', 'via', '10.244.2.0', 'dev', 'flannel.1', 'onlink');
    ipNs('neigh', 'add', '10.244.2.0', 'lladdr', '5a:11:22:33:44:55', 'dev', 'flannel.1', 'nud', 'permanent');
    sh(['bridge', '-n', NS, 'fdb', 'append', '5a:11:22:33:44:55', 'dev', 'flannel.1', 'dst', '192.168.60.12', 'self', 'permanent']);
    ipNs('-6', 'addr', 'add', 'fd00:60::11/64', 'dev', 'eth0', 'nodad');
    ipNs('-6', 'route', 'add', 'fd00:244::/64', 'via', 'fd00:60::12', 'dev', 'eth0');
    cniDir = mkdtempSync(join(tmpdir(), 'ag-cni-'));
    writeFileSync(
      join(cniDir, '10-flannel.conflist'),
      JSON.stringify({ name: 'cbr0', cniVersion: '0.3.1', plugins: [{ type: 'flannel', delegate: { isDefaultGateway: true } }, { type: 'portmap' }] }),
    );
    await settle();
  }, 30_000);

  afterAll(() => {
    sh(['ip', 'netns', 'del', NS]);
    rmSync(cniDir, { recursive: true, force: true });
  });

  it('should print a full report equal to what ip and bridge print when run with --once --dry-run --netns', async () => {
    let out = '';
    const code = await runCli(
      ['--once', '--dry-run', '--netns', NS, '--node-name', 'node-it', '--cni-dir', cniDir, '--bird-socket', join(cniDir, 'no-bird.ctl'), '--log-level', 'silent'],
      { stdout: (t) => (out += t), stderr: () => undefined, env: {} },
    );
    const report = JSON.parse(out) as FullReport;

    expect(code).toBe(0);
    expect(report).toMatchObject({ kind: 'full', seq: 1, nodeName: 'node-it', errors: [] });
    expect(report.identity).toMatchObject({ netns: NS, modes: ['flannel-vxlan'] });
    expect(report.bgp).toMatchObject({ status: 'missing' });
    expect(report.identity.underlayAddresses).toContain('192.168.60.11');

    const links = ipJson<{ ifindex: number; ifname: string }>('-d', 'link', 'show');
    expect(report.tables.links.map((l) => `${l.ifindex}:${l.ifname}`).sort()).toEqual(links.map((l) => `${l.ifindex}:${l.ifname}`).sort());
    expect(report.tables.links.find((l) => l.ifname === 'flannel.1')).toMatchObject({
      kind: 'vxlan',
      mtu: 1450,
      vxlan: { vni: 1, port: 8472, local: '192.168.60.11', underlayDev: 'eth0', learning: false },
    });
    expect(report.tables.links.find((l) => l.ifname === 'veth1a')).toMatchObject({ kind: 'veth', master: 'cni0' });
    expect(report.counters.map((c) => c.ifname).sort()).toEqual(links.map((l) => l.ifname).sort());

    const routes = [
      ...ipJson<RawRoute>('-4', 'route', 'show', 'table', 'all').map((r) => routeRow(r, 'inet')),
      ...ipJson<RawRoute>('-6', 'route', 'show', 'table', 'all').map((r) => routeRow(r, 'inet6')),
    ].sort();
    const reported = report.tables.routes.map((r) => `${r.table} ${r.dst} dev=${r.dev ?? '-'} via=${r.gateway ?? '-'}`).sort();
    expect(reported).toEqual(routes);

    const addrs = ipJson<{ ifname: string; addr_info: { local: string; prefixlen: number }[] }>('addr', 'show').flatMap((l) =>
      l.addr_info.map((a) => `${l.ifname} ${a.local}/${a.prefixlen}`),
    );
    expect(report.tables.addresses.map((a) => `${a.ifname} ${a.local}/${a.prefixlen}`).sort()).toEqual(addrs.sort());

    const neigh = ipJson<{ dev: string; dst: string }>('neigh', 'show').map((n) => `${n.dev} ${n.dst}`);
    expect(report.tables.neighbors.map((n) => `${n.dev} ${n.dst}`).sort()).toEqual(neigh.sort());

    const fdb = (JSON.parse(sh(['bridge', '-n', NS, '-j', 'fdb', 'show'])) as { mac: string; ifname: string; dst?: string }[]).map(
      (f) => `${f.ifname} ${f.mac} ${f.dst ?? '-'}`,
    );
    expect(report.tables.fdb.map((f) => `${f.dev} ${f.mac} ${f.dst ?? '-'}`).sort()).toEqual(fdb.sort());
    expect(report.tables.cniConfigs).toEqual([expect.objectContaining({ plugin: 'flannel', plugins: ['flannel', 'portmap'] })]);
  });

  it('should report exactly the added and the removed route in the next delta when the namespace changes', async () => {
    const exec = new NodeExec(new ProcessCommandRunner(5000), NS, 5000);
    const snapshots = new SnapshotCollector(
      createCollectors({ netns: NS, cniDir, birdSockets: ['/nonexistent/bird.ctl'] }, exec, noBird),
      pino({ level: 'silent' }),
      NS,
    );
    const composer = new ReportComposer('node-it');
    const reports: NodeReport[] = [composer.compose(await snapshots.collect())];
    ipNs('route', 'add', '10.244.3.0/24', 'via', '10.244.3.0', 'dev', 'flannel.1', 'onlink');
    ipNs('route', 'del', '10.244.2.0/24');
    reports.push(composer.compose(await snapshots.collect()));
    const delta = reports[1] as DeltaReport;

    expect(delta.kind).toBe('delta');
    expect(delta.changes.routes?.upsert.map((r) => r.dst)).toEqual(['10.244.3.0/24']);
    expect(delta.changes.routes?.remove).toEqual(['main|inet|10.244.2.0/24|0|0']);
    expect(delta.changes.links).toBeUndefined();
  });
});
