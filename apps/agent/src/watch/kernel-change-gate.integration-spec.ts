import { execFileSync } from 'node:child_process';
import pino from 'pino';
import type { BgpReader } from '../collectors/bgp-reader';
import type { Snapshot } from '../collectors/collector';
import { createCollectors } from '../collectors/collector-factory';
import { SnapshotCollector } from '../collectors/snapshot-collector';
import { NodeExec } from '../runner/node-exec';
import { ProcessCommandRunner } from '../runner/process-command-runner';
import { KernelChangeGate } from './kernel-change-gate';

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
if (skipReason) console.warn(`kernel change gate integration tests skipped: ${skipReason}`);

const NS = `ag-gate-${process.pid}`;
const ipNs = (...args: string[]) => execFileSync('ip', ['-n', NS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
const noBird: BgpReader = { read: async (socket) => ({ status: { socket, status: 'missing' }, sessions: [] }) };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TABLES = ['links', 'addresses', 'routes', 'neighbors', 'fdb'];

describeNs('KernelChangeGate on a real namespace', () => {
  const runner = new ProcessCommandRunner(5000);
  const log = pino({ level: 'silent' });
  const gate = new KernelChangeGate(runner, NS, log, { warmupMs: 200, resyncMs: 60_000, restartDelayMs: 500 });
  const options = { netns: NS, cniDir: '/nonexistent', birdSockets: ['/nonexistent/bird.ctl'], collectors: ['links', 'addresses', 'routes', 'neighbors', 'fdb'] as const };
  const snapshots = new SnapshotCollector(createCollectors({ ...options, collectors: [...options.collectors] }, new NodeExec(runner, NS, 5000), noBird), log, NS, gate);
  let last: Snapshot | undefined;
  const tablesRead = async () => {
    last = await snapshots.collect();
    return Object.keys(last.tables).sort();
  };
  /** Cycles until the gate has noticed a change (ip monitor delivers within milliseconds; the wait is generous). */
  const readUntilChanged = async (): Promise<string[]> => {
    for (let i = 0; i < 40; i++) {
      const read = await tablesRead();
      if (read.length > 1) return read;
      await sleep(50);
    }
    return ['links'];
  };

  beforeAll(async () => {
    execFileSync('ip', ['netns', 'add', NS]);
    // No IPv6 in this namespace: link-local addresses finishing DAD a second or more after the links come up (later
    // on a loaded machine) would announce address changes in the middle of the test and make the gate read them.
    for (const scope of ['all', 'default']) {
      execFileSync('ip', ['netns', 'exec', NS, 'sysctl', '-qw', `net.ipv6.conf.${scope}.disable_ipv6=1`]);
    }
    ipNs('link', 'add', 'e0', 'type', 'veth', 'peer', 'name', 'p0');
    ipNs('link', 'set', 'e0', 'up');
    ipNs('link', 'set', 'p0', 'up');
    ipNs('addr', 'add', '10.0.0.1/16', 'dev', 'e0', 'nodad');
    await sleep(300);
  });

  afterAll(() => {
    gate.close();
    execFileSync('ip', ['netns', 'delete', NS]);
  });

  it('should read only links when nothing changed, and a changed table when the kernel changed it', async () => {
    expect(await tablesRead()).toEqual([...TABLES].sort());
    await sleep(300);
    // The first read after the monitor's warm-up is the one the gate can vouch for.
    await tablesRead();
    await sleep(100);
    // Wait for a quiet cycle: the links' own set-up events may still be arriving.
    let read = await tablesRead();
    for (let i = 0; i < 40 && read.length > 1; i++) {
      await sleep(100);
      read = await tablesRead();
    }
    expect(read).toEqual(['links']);

    ipNs('route', 'add', '10.9.0.0/24', 'via', '10.0.0.2', 'dev', 'e0', 'proto', 'bird');
    const afterRoute = await readUntilChanged();
    expect(afterRoute).toEqual(['links', 'routes']);
    expect(last?.tables.routes?.some((r) => r.dst === '10.9.0.0/24')).toBe(true);

    ipNs('neigh', 'add', '10.0.0.9', 'lladdr', '02:00:00:00:00:09', 'dev', 'e0', 'nud', 'permanent');
    expect(await readUntilChanged()).toEqual(['fdb', 'links', 'neighbors']);
    expect(last?.tables.neighbors?.some((n) => n.dst === '10.0.0.9')).toBe(true);

    ipNs('link', 'set', 'p0', 'mtu', '1400');
    expect(await readUntilChanged()).toEqual([...TABLES].sort());
  });
});
