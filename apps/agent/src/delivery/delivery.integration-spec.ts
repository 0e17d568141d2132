import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { DeltaReport, routeKey } from '@meshlens/model';
import { AgentRunner } from '../agent/agent-runner';
import { createQueueSink } from '../agent/create-queue-sink';
import { SerialExecutor } from '../agent/serial-executor';
import type { BgpReader } from '../collectors/bgp-reader';
import { createCollectors } from '../collectors/collector-factory';
import { SnapshotCollector } from '../collectors/snapshot-collector';
import { ReportComposer } from '../report/report-composer';
import { NodeExec } from '../runner/node-exec';
import { labNodeFixture, labNodeRunner } from '../testing/scripted-command-runner';
import { TinyReportApi } from '../testing/tiny-report-api';
import { Backoff } from './backoff';

const log = pino({ level: 'silent' });
const TOKEN = 'secret-token';
const noBird: BgpReader = { read: async (socket) => ({ status: { socket, status: 'missing' }, sessions: [] }) };
const HOUR = 3_600_000;

async function waitFor(what: string, cond: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The node's IPv4 routing table as `ip -j route show table all` prints it; tests add and remove entries. */
const baseV4 = JSON.parse(labNodeFixture('ip-route-v4.json')) as Record<string, unknown>[];
const podRoute = (i: number) => ({ dst: `10.250.${i}.0/24`, gateway: `10.250.${i}.0`, dev: 'flannel.1', flags: ['onlink'] });

describe('report delivery against a real HTTP server', () => {
  let stateDir: string;
  let api: TinyReportApi;
  let v4: Record<string, unknown>[];
  const runner = labNodeRunner().command('ip -4 -j route show table all', () => JSON.stringify(v4));
  const agents: AgentRunner[] = [];

  const startAgent = async () => {
    const composer = new ReportComposer('node-1');
    const serial = new SerialExecutor();
    const sink = createQueueSink(
      { stateDir, queueMaxBytes: 1 << 20, api: api.url, token: TOKEN, once: false },
      composer,
      serial,
      log,
      new Backoff(10, 100),
    );
    const snapshots = new SnapshotCollector(
      createCollectors({ cniDir: '/etc/cni/net.d', birdSockets: ['/run/bird.ctl'] }, new NodeExec(runner, undefined, 1000), noBird),
      log,
    );
    const agent = new AgentRunner(snapshots, composer, sink, serial, log);
    // Hour-long intervals: the test drives each cycle itself, so every change is one known report.
    await agent.start({ intervalMs: HOUR, bgpIntervalMs: HOUR });
    agents.push(agent);
    return { agent, composer };
  };
  const routeKeysOf = (rows: { table: string; family: 'inet' | 'inet6'; dst: string; metric: number; tos: number }[]) =>
    rows.map(routeKey).sort();
  const apiRouteDsts = () => api.rows('routes').map((r) => r.dst);

  beforeEach(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'ag-delivery-it-'));
    api = new TinyReportApi(TOKEN);
    await api.start();
    v4 = [...baseV4];
  });

  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
    await api.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('should deliver every change made while the API was down, in order, each seq once, when it comes back', async () => {
    const { composer } = await startAgent();
    await waitFor('the first full report', () => api.lastSeq === 1);
    await api.stop();

    for (let i = 1; i <= 5; i++) {
      v4 = i === 3 ? [...v4.filter((r) => r['dst'] !== podRoute(1).dst), podRoute(i)] : [...v4, podRoute(i)];
      await agents[0].cycle();
    }
    expect(api.received).toHaveLength(1);
    await api.start();
    await waitFor('the queued reports', () => api.lastSeq === composer.lastSeq);

    expect(api.received.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(api.applied).toHaveLength(6);
    const deltas = api.received.slice(1) as DeltaReport[];
    expect(deltas.map((d) => d.changes.routes?.upsert.map((r) => r.dst))).toEqual([
      ['10.250.1.0/24'], ['10.250.2.0/24'], ['10.250.3.0/24'], ['10.250.4.0/24'], ['10.250.5.0/24'],
    ]);
    expect(deltas[2].changes.routes?.remove).toEqual(['main|inet|10.250.1.0/24|0|0']);
    expect(apiRouteDsts()).toEqual(expect.arrayContaining(['10.250.2.0/24', '10.250.5.0/24']));
    expect(apiRouteDsts()).not.toContain('10.250.1.0/24');
  });

  it('should send an earlier run\'s queued reports before the new run\'s full report when the agent restarts while the API is down', async () => {
    const first = await startAgent();
    await waitFor('the first full report', () => api.lastSeq === 1);
    await api.stop();
    v4 = [...v4, podRoute(1)];
    await first.agent.cycle();
    v4 = [...v4, podRoute(2)];
    await first.agent.cycle();
    await agents.shift()?.stop();

    v4 = [...v4, podRoute(3)];
    const second = await startAgent();
    await api.start();
    await waitFor('the new run\'s full report', () => api.epoch === second.composer.epoch && api.lastSeq === 1);

    expect(api.received.map((r) => `${r.epoch === first.composer.epoch ? 'old' : 'new'}:${r.kind}:${r.seq}`)).toEqual([
      'old:full:1', 'old:delta:2', 'old:delta:3', 'new:full:1',
    ]);
    expect(apiRouteDsts()).toEqual(expect.arrayContaining(['10.250.1.0/24', '10.250.2.0/24', '10.250.3.0/24']));
  });

  it('should resend everything as one full report when a restarted API lost its state', async () => {
    const { agent, composer } = await startAgent();
    await waitFor('the first full report', () => api.lastSeq === 1);
    await api.stop(true);
    await api.start();

    v4 = [...v4, podRoute(7)];
    await agent.cycle();
    await waitFor('the full report after 409', () => api.lastSeq === composer.lastSeq && api.applied.length === 2);

    expect(api.received.map((r) => `${r.kind}:${r.seq}`)).toEqual(['full:1', 'delta:2', 'full:3']);
    const agentRoutes = routeKeysOf(api.applied[1].kind === 'full' ? api.applied[1].tables.routes : []);
    expect(routeKeysOf(api.rows('routes'))).toEqual(agentRoutes);
    expect(apiRouteDsts()).toContain('10.250.7.0/24');
  });

  it('should collapse queued deltas into one full report without losing a change when the queue outgrows its bound', async () => {
    const composer = new ReportComposer('node-1');
    const serial = new SerialExecutor();
    const sink = createQueueSink(
      { stateDir, queueMaxBytes: 16 * 1024, api: api.url, token: TOKEN, once: false },
      composer,
      serial,
      log,
      new Backoff(10, 100),
    );
    const snapshots = new SnapshotCollector(
      createCollectors({ cniDir: '/etc/cni/net.d', birdSockets: ['/run/bird.ctl'] }, new NodeExec(runner, undefined, 1000), noBird),
      log,
    );
    const agent = new AgentRunner(snapshots, composer, sink, serial, log);
    await api.stop();
    await agent.start({ intervalMs: HOUR, bgpIntervalMs: HOUR });
    agents.push(agent);
    for (let i = 1; i <= 40; i++) {
      v4 = [...v4, podRoute(i)];
      await agent.cycle();
    }
    await api.start();
    await waitFor('the collapsed report', () => api.lastSeq === composer.lastSeq);

    expect(api.received.length).toBeLessThan(41);
    expect(api.received[0].kind).toBe('full');
    expect(api.received.map((r) => r.seq)).toEqual([...api.received.map((r) => r.seq)].sort((a, b) => a - b));
    for (let i = 1; i <= 40; i++) expect(apiRouteDsts()).toContain(podRoute(i).dst);
  });
});
