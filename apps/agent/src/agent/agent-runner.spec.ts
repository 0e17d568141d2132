import pino from 'pino';
import type { BgpSession, DeltaReport, NodeReport } from '@meshlens/model';
import type { BgpReader } from '../collectors/bgp-reader';
import { createCollectors } from '../collectors/collector-factory';
import { SnapshotCollector } from '../collectors/snapshot-collector';
import { ReportComposer } from '../report/report-composer';
import { NodeExec } from '../runner/node-exec';
import { labNodeRunner } from '../testing/scripted-command-runner';
import { baseSession } from '../testing/snapshot.builder';
import { AgentRunner } from './agent-runner';
import type { ReportSink } from './report-sink';
import { SerialExecutor } from './serial-executor';

const log = pino({ level: 'silent' });
const HOUR = 3_600_000;

/** Keeps what it is given, like the queue would. */
class CollectingSink implements ReportSink {
  readonly reports: NodeReport[] = [];
  async open() {
    return undefined;
  }
  async accept(r: NodeReport) {
    this.reports.push(r);
  }
  async flush() {
    return true;
  }
  async close() {
    return undefined;
  }
}

async function waitFor(what: string, cond: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('AgentRunner', () => {
  let sessions: BgpSession[];
  let sink: CollectingSink;
  let agent: AgentRunner;
  let runner: ReturnType<typeof labNodeRunner>;

  let gate: Promise<void> | undefined;

  beforeEach(() => {
    sessions = [baseSession];
    gate = undefined;
    sink = new CollectingSink();
    runner = labNodeRunner();
    const bird: BgpReader = {
      read: async (socket) => {
        const seen = sessions;
        await gate;
        return { status: { socket, status: 'ok', version: '1.6.8' }, sessions: seen };
      },
    };
    const snapshots = new SnapshotCollector(
      createCollectors({ cniDir: '/etc/cni/net.d', birdSockets: ['/run/bird.ctl'] }, new NodeExec(runner, undefined, 1000), bird),
      log,
    );
    agent = new AgentRunner(snapshots, new ReportComposer('node-1'), sink, new SerialExecutor(), log);
  });

  afterEach(() => agent.stop());

  it('should report a BGP change at the next BGP read without waiting for the full interval', async () => {
    await agent.start({ intervalMs: HOUR, bgpIntervalMs: 20 });
    await waitFor('the first full report', () => sink.reports.length === 1);
    const ipCalls = runner.calls.length;
    const down = { ...baseSession, state: 'start', bgpState: 'Active', info: 'Active Socket: Connection refused' };
    sessions = [down];
    await waitFor('the BGP delta', () => sink.reports.length === 2);
    const delta = sink.reports[1] as DeltaReport;

    expect(delta).toMatchObject({ kind: 'delta', seq: 2, baseSeq: 1 });
    expect(delta.changes).toEqual({ bgpSessions: { upsert: [down], remove: [] } });
    expect(runner.calls.slice(ipCalls).filter((c) => c[0] === 'ip' || c[0] === 'bridge')).toEqual([]);
  });

  it('should send nothing from the BGP loop when only the BGP timers ticked', async () => {
    await agent.cycle();
    sessions = [{ ...baseSession, holdTimer: '12/240', keepaliveTimer: '3/80' }];
    await agent.bgpCycle();
    await agent.bgpCycle();

    expect(sink.reports).toHaveLength(1);
  });

  it('should not report BGP before the first full report exists', async () => {
    await agent.bgpCycle();

    expect(sink.reports).toEqual([]);
  });

  it('should not undo a newer BGP report with the older BGP read of a slow full cycle', async () => {
    await agent.cycle();
    let release: () => void = () => undefined;
    gate = new Promise((r) => (release = r));
    const slowCycle = agent.cycle();
    gate = undefined;
    const down = { ...baseSession, state: 'start', bgpState: 'Active', info: 'Active' };
    sessions = [down];
    await agent.bgpCycle();
    release();
    await slowCycle;
    await agent.bgpCycle();

    expect(sink.reports.map((r) => (r.kind === 'delta' ? Object.keys(r.changes) : 'full'))).toEqual(['full', ['bgpSessions'], []]);
  });
});
