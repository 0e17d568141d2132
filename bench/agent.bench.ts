// The agent's cost on a node: full collection time for a namespace holding 10k routes and 10k neighbours against the
// raw `ip -j`/`bridge -j` dumps of the same tables (target ratio <= 1.5), and the CPU share of a real agent process
// over a minute at --interval 5 against an ack-only receiver (target < 0.5% of a core on an unchanged node).
// The in-process collection has no change gate, so every collect() reads and parses every table; the agent processes
// run as shipped, with the gate (`ip monitor`) that skips tables the kernel did not touch.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { reportFigures, round } from './bench-output.util';
import { AckReceiver } from './support/ack-receiver';
import type { CollectProbeResult } from './support/agent-collect-probe';
import { AGENT_MAIN, REPO_ROOT, startNodeProcess, timeProcess, waitFor, type BenchProcess } from './support/agent-process';
import { countRows, createBenchNamespace, deleteBenchNamespace, netnsPreflight } from './support/bench-netns';
import { readCpuTimes } from './support/process-cpu';
import { median, sleep, timeRuns } from './support/timing.util';

/** Runs support/agent-collect-probe.ts in its own Node process (TypeScript through @swc-node/register). */
function collectProbe(netns: string, runs: number): Promise<CollectProbeResult> {
  const script = join(REPO_ROOT, 'bench', 'support', 'agent-collect-probe.ts');
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', script, netns, String(runs)],
      { cwd: REPO_ROOT, env: { ...process.env, SWC_NODE_PROJECT: join(REPO_ROOT, 'tsconfig.base.json') }, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => (error ? reject(new Error(`collect probe failed: ${stderr || error.message}`)) : resolve(JSON.parse(stdout) as CollectProbeResult)),
    ),
  );
}

const RUNS = Number(process.env['MESHLENS_BENCH_AGENT_RUNS'] ?? 7);
const CPU_SECONDS = Math.min(600, Number(process.env['MESHLENS_BENCH_AGENT_CPU_SECONDS'] ?? 60));
const ROWS = 10_000;
const LARGE = `bn-large-${process.pid}`;
// A typical node (a handful of routes and neighbours) for the CPU share the target is about.
const SMALL = `bn-small-${process.pid}`;

interface CpuRun {
  agent: BenchProcess;
  nodeName: string;
}

describe('agent bench', () => {
  const problems = netnsPreflight();
  const receiver = new AckReceiver();
  const agents: BenchProcess[] = [];
  let stateDir: string | undefined;

  afterAll(async () => {
    await Promise.all(agents.map((a) => a.stop()));
    await receiver.stop();
    deleteBenchNamespace(LARGE);
    deleteBenchNamespace(SMALL);
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('measures collection time against raw dumps and the CPU share of a running agent', async () => {
    if (problems.length) {
      reportFigures('agent', { skipped: problems.join('; ') });
      return;
    }
    createBenchNamespace(LARGE, { routes: ROWS, neighbors: ROWS });
    createBenchNamespace(SMALL, { routes: 20, neighbors: 5 });
    const built = countRows(LARGE);
    if (built.routes < ROWS || built.neighbors < ROWS) throw new Error(`namespace holds ${JSON.stringify(built)}, wanted ${ROWS} of each`);

    // Raw dumps (the agent's own argv, run as it runs them: all at once, output read into memory, nothing parsed) and
    // the agent's SnapshotCollector.collect() (dumps + parse + row checks, the real process runner), timed in a plain
    // Node process: see support/agent-collect-probe.ts.
    const probe = await collectProbe(LARGE, RUNS);
    const { breakdown } = probe;

    // Agent as a process: `--once --dry-run`, Node and Nest start-up included.
    const once = (netns: string) => timeRuns(3, () => timeProcess(process.execPath, [AGENT_MAIN, '--once', '--dry-run', '--netns', netns, '--node-name', 'bn-once', '--log-level', 'warn']), 1);
    const onceRuns = await once(LARGE);
    // The same on a small node: the difference is what 20k more rows cost the built agent, start-up left out.
    const onceSmallRuns = await once(SMALL);

    // CPU share: real agents at --interval 5 against an ack-only receiver, after their first full report.
    await receiver.start();
    stateDir = mkdtempSync(join(tmpdir(), 'meshlens-bench-agent-'));
    const startAgent = (netns: string, nodeName: string, extra: string[] = []): CpuRun => {
      const agent = startNodeProcess(
        [AGENT_MAIN, '--api', receiver.url, '--node-name', nodeName, '--netns', netns, '--interval', '5', '--state-dir', join(stateDir as string, nodeName), ...extra],
        { MESHLENS_AGENT_TOKEN: 'bench-token' },
      );
      agents.push(agent);
      return { agent, nodeName };
    };
    // The third agent leaves BIRD out (no socket here): what the once-a-second BGP loop costs on its own.
    const runs = [
      startAgent(SMALL, 'bn-cpu-small'),
      startAgent(LARGE, 'bn-cpu-large'),
      startAgent(SMALL, 'bn-cpu-small-nobgp', ['--collectors', 'links,addresses,routes,neighbors,fdb,cniConfigs']),
    ];
    for (const r of runs) {
      await waitFor(() => receiver.received.some((x) => x.nodeName === r.nodeName && x.kind === 'full'), 60_000, `${r.nodeName}'s full report\n${r.agent.tail()}`);
    }
    const before = runs.map((r) => readCpuTimes(r.agent.pid));
    const started = performance.now();
    const windowStart = Date.now();
    await sleep(CPU_SECONDS * 1000);
    const windowEnd = Date.now();
    const after = runs.map((r) => readCpuTimes(r.agent.pid));
    const wallMs = performance.now() - started;
    const share = (i: number, withChildren: boolean) =>
      round((100 * (after[i].ownMs - before[i].ownMs + (withChildren ? after[i].childrenMs - before[i].childrenMs : 0))) / wallMs, 3);
    const deltas = (nodeName: string) =>
      receiver.received.filter((x) => x.nodeName === nodeName && x.kind === 'delta' && x.at >= windowStart && x.at <= windowEnd);
    const heartbeats = (nodeName: string) => deltas(nodeName).filter((x) => x.changedTables.length === 0);
    for (const r of runs) {
      if (r.agent.child.exitCode !== null) throw new Error(`${r.nodeName} exited early\n${r.agent.tail()}`);
      if (deltas(r.nodeName).length === 0) throw new Error(`${r.nodeName} sent no delta in ${CPU_SECONDS} s\n${r.agent.tail()}`);
    }

    const collectMs = median(probe.collectMs);
    const rawMs = median(probe.rawMs);
    reportFigures('agent', {
      namespaceRoutes: built.routes,
      namespaceNeighbors: built.neighbors,
      agentCollectMs: round(collectMs, 1),
      rawDumpMs: round(rawMs, 1),
      agentCollectVsRawRatio: round(collectMs / rawMs, 2),
      rawDumpSequentialMs: round(median(probe.rawSequentialMs), 1),
      agentComposeFullMs: round(probe.composeFullMs, 1),
      agentComposeDeltaMs: round(probe.composeDeltaMs, 1),
      ...breakdown,
      agentOnceProcessMs: round(median(onceRuns), 0),
      agentOnceSmallNodeProcessMs: round(median(onceSmallRuns), 0),
      agentCpuSharePercentOfCore: share(0, true),
      agentCpuShareOwnPercentOfCore: share(0, false),
      agentCpuShare10kPercentOfCore: share(1, true),
      agentCpuShare10kOwnPercentOfCore: share(1, false),
      agentCpuShareNoBgpPercentOfCore: share(2, true),
      heartbeatBytes: median(heartbeats('bn-cpu-small').map((x) => x.bytes)),
      heartbeat10kBytes: median(heartbeats('bn-cpu-large').map((x) => x.bytes)),
      deltasInCpuWindow: deltas('bn-cpu-small').length,
      agent10kCpuMsPerCycle: round((after[1].ownMs - before[1].ownMs + after[1].childrenMs - before[1].childrenMs) / Math.max(1, deltas('bn-cpu-large').length), 0),
      cpuWindowS: round(wallMs / 1000, 1),
      rowsCollected: probe.rowsCollected,
      runs: RUNS,
      // Other work on this 2-core machine skews wall times: read the figures with it in mind.
      loadAverage1m: round(loadavg()[0], 2),
    });
  });
});
