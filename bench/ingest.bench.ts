// The ingest endpoint under a fleet: simulated agents (real captured node tables, one name and address set each) send
// a full report, then a delta every 5 s (mostly heartbeats with moved counters, one in ten with a route swap), to the
// built API on a fresh database. Agents start at random instants within a ramp (MESHLENS_BENCH_INGEST_RAMP_SECONDS,
// default 30 s), as a fleet whose agents come up at unrelated times (a DaemonSet rolls out node by node): the full
// reports are neither an even train nor one burst. With the ramp at 5 s all 1000 full reports land in one interval. Target: p99 < 100 ms and no errors with 1000 agents on 2 cores.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createWriteStream, existsSync } from 'node:fs';
import { percentile, reportFigures, round } from './bench-output.util';
import { API_MAIN, freePort, startNodeProcess, waitFor, type BenchProcess } from './support/agent-process';
import { startBenchDatabase, type BenchDatabase } from './support/bench-database';
import { assertValidReport, CAPTURED_NODES, loadCapture, SimulatedNode } from './support/fixture-reports';
import { readCpuTimes, readMachineCpu, readPostgresBackendsCpuMs } from './support/process-cpu';
import { ReportClient } from './support/report-client';
import { median, sleep } from './support/timing.util';

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Number.isFinite(v) ? v : lo));
const AGENTS = clamp(Number(process.env['MESHLENS_BENCH_INGEST_AGENTS'] ?? 1000), 1, 5000);
const SECONDS = clamp(Number(process.env['MESHLENS_BENCH_INGEST_SECONDS'] ?? 60), 5, 600);
const INTERVAL_MS = 5000;
// The API's timed consistency sweep (FindingsSweepService) reads the whole cluster and checks it in a worker thread
// at the lowest priority. This fleet's nodes are clones that route none of each other's pod subnets: a cluster broken
// everywhere, about 16k findings at 1000 nodes (capped per node and code), whose read and alert evaluation still
// cost the event loop a few hundred ms every 15 s. Off by default so this suite measures ingest;
// MESHLENS_BENCH_INGEST_FINDINGS_MS=15000 runs it at the product's default interval.
const FINDINGS_INTERVAL_MS = clamp(Number(process.env['MESHLENS_BENCH_INGEST_FINDINGS_MS'] ?? 0), 0, 3_600_000);
const RAMP_MS = clamp(Number(process.env['MESHLENS_BENCH_INGEST_RAMP_SECONDS'] ?? 30), 0, 600) * 1000;
const ROUTE_CHANGE_EVERY = 10;
// Past the run's end, a report still in flight gets this long before the bench gives up on it.
const DRAIN_MS = 60_000;

interface Tally {
  full: number[];
  delta: number[];
  /** Deltas that changed no table: what most of a quiet fleet sends. */
  heartbeat: number[];
  fullBytes: number[];
  errors: number;
  errorSamples: string[];
  maxLagMs: number;
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('ingest bench', () => {
  let db: BenchDatabase | undefined;
  let api: BenchProcess | undefined;
  let client: ReportClient | undefined;

  afterAll(async () => {
    client?.close();
    await api?.stop();
    await db?.stop();
  });

  it('measures report latency with a fleet of simulated agents', async () => {
    if (!existsSync(API_MAIN)) throw new Error('build the API first: npx nx build api');
    const captures = CAPTURED_NODES.map(loadCapture);
    for (const [i, capture] of captures.entries()) {
      const probe = new SimulatedNode('bench-probe', i, capture);
      assertValidReport(probe.full());
      assertValidReport(probe.delta(true));
      assertValidReport(probe.delta(true));
    }
    const nodes = Array.from({ length: AGENTS }, (_, i) => new SimulatedNode(`bench-node-${String(i).padStart(4, '0')}`, i, captures[i % captures.length]));

    db = await startBenchDatabase();
    const token = randomBytes(16).toString('hex');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // e.g. MESHLENS_BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/some/dir" to see where the API spends its time.
    const nodeArgs = (process.env['MESHLENS_BENCH_API_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
    api = startNodeProcess([...nodeArgs, API_MAIN], {
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      MESHLENS_AGENT_TOKENS: token,
      MESHLENS_FINDINGS_INTERVAL_MS: String(FINDINGS_INTERVAL_MS),
      // MESHLENS_BENCH_API_LOG=<file>: the API logs at debug level (sweep timings among them) into that file.
      LOG_LEVEL: process.env['MESHLENS_BENCH_API_LOG'] ? 'debug' : 'warn',
    });
    const logFile = process.env['MESHLENS_BENCH_API_LOG'];
    if (logFile) {
      const log = createWriteStream(logFile);
      api.child.stdout?.pipe(log);
      api.child.stderr?.pipe(log);
    }
    const running = api;
    await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.ok === true, 60_000, `API health\n${running.tail()}`);
    client = new ReportClient(base, token);
    const http = client;

    const tally: Tally = { full: [], delta: [], heartbeat: [], fullBytes: [], errors: 0, errorSamples: [], maxLagMs: 0 };
    const fail = (what: string) => {
      tally.errors++;
      if (tally.errorSamples.length < 5) tally.errorSamples.push(what.slice(0, 300));
    };
    const startOffsets = nodes.map(() => Math.random() * RAMP_MS);
    const startAt = performance.now() + 500;
    const endAt = startAt + SECONDS * 1000;
    const hardStop = endAt + DRAIN_MS;

    const runNode = async (node: SimulatedNode, i: number) => {
      let due = startAt + startOffsets[i];
      let needFull = true;
      let round_ = 0;
      while (due < endAt && performance.now() < hardStop) {
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        tally.maxLagMs = Math.max(tally.maxLagMs, performance.now() - due);
        const report = needFull ? node.full() : node.delta((++round_ + i) % ROUTE_CHANGE_EVERY === 0);
        const json = JSON.stringify(report);
        try {
          const r = await http.post(json);
          const ack = r.status === 200 ? (JSON.parse(r.body) as { ackedSeq?: number }) : undefined;
          if (ack?.ackedSeq !== report.seq) {
            fail(`${node.nodeName} ${report.kind} #${report.seq}: ${r.status} ${r.body}`);
            needFull = true;
          } else {
            if (report.kind === 'full') {
              tally.full.push(r.ms);
              tally.fullBytes.push(json.length);
            } else {
              tally.delta.push(r.ms);
              if (report.kind === 'delta' && Object.keys(report.changes).length === 0) tally.heartbeat.push(r.ms);
            }
            needFull = false;
          }
        } catch (e) {
          fail(`${node.nodeName} ${report.kind} #${report.seq}: ${(e as Error).message}`);
        }
        due += INTERVAL_MS;
      }
    };

    const database = db.name;
    const cpuBefore = readCpuTimes(running.pid);
    const pgBefore = readPostgresBackendsCpuMs(database);
    const machineBefore = readMachineCpu();
    const selfBefore = process.cpuUsage();
    const t0 = performance.now();
    // Once every agent has sent its full report (the ramp plus one interval), only deltas flow: CPU from then on is
    // the steady per-delta cost (about nine in ten of them heartbeats).
    let steady: { apiMs: number; pgMs: number; deltas: number; fullsDone: number } | undefined;
    const steadyTimer = setTimeout(() => {
      steady = { apiMs: readCpuTimes(running.pid).ownMs, pgMs: readPostgresBackendsCpuMs(database), deltas: tally.delta.length, fullsDone: tally.full.length };
    }, startAt + RAMP_MS + INTERVAL_MS - performance.now());
    await Promise.all(nodes.map(runNode));
    clearTimeout(steadyTimer);
    if (running.child.exitCode !== null || running.child.signalCode !== null) {
      throw new Error(`the API exited during the run (${running.child.exitCode ?? running.child.signalCode}):\n${running.tail()}`);
    }
    const wallMs = performance.now() - t0;
    const cpuAfter = readCpuTimes(running.pid);
    const pgAfter = readPostgresBackendsCpuMs(database);
    const machineAfter = readMachineCpu();
    const self = process.cpuUsage(selfBefore);
    const apiMs = cpuAfter.ownMs - cpuBefore.ownMs;
    const pgMs = pgAfter - pgBefore;

    // An API still busy past the run may not answer at once: a missing count (-1) must not hide the figures.
    const listed = (await fetch(`${base}/api/v1/nodes`, { signal: AbortSignal.timeout(120_000) })
      .then((r) => r.json())
      .catch(() => undefined)) as unknown[] | undefined;
    const full = sorted(tally.full);
    const delta = sorted(tally.delta);
    const heartbeat = sorted(tally.heartbeat);
    const all = sorted([...tally.full, ...tally.delta]);
    reportFigures('ingest', {
      agents: AGENTS,
      seconds: SECONDS,
      rampSeconds: RAMP_MS / 1000,
      findingsSweepIntervalMs: FINDINGS_INTERVAL_MS,
      fullReportP50Ms: round(percentile(full, 50), 1),
      fullReportP99Ms: round(percentile(full, 99), 1),
      fullReportMaxMs: round(full[full.length - 1] ?? NaN, 1),
      deltaP50Ms: round(percentile(delta, 50), 1),
      deltaP99Ms: round(percentile(delta, 99), 1),
      deltaMaxMs: round(delta[delta.length - 1] ?? NaN, 1),
      heartbeatP50Ms: round(percentile(heartbeat, 50), 1),
      heartbeatP99Ms: round(percentile(heartbeat, 99), 1),
      // Every report of the run, full ones included: the figure the < 100 ms target is about.
      allReportsP50Ms: round(percentile(all, 50), 1),
      allReportsP99Ms: round(percentile(all, 99), 1),
      errors: tally.errors,
      fullReports: full.length,
      deltas: delta.length,
      reportsPerSecond: round((full.length + delta.length) / (wallMs / 1000), 1),
      fullReportMedianBytes: median(tally.fullBytes),
      maxScheduleLagMs: round(tally.maxLagMs, 0),
      apiCpuPercentOfCore: round((100 * apiMs) / wallMs, 1),
      postgresCpuPercentOfCore: round((100 * pgMs) / wallMs, 1),
      apiCpuMsPerReport: round(apiMs / Math.max(1, full.length + delta.length), 2),
      postgresCpuMsPerReport: round(pgMs / Math.max(1, full.length + delta.length), 2),
      // Split by phase (only when every full report was answered before the steady phase began).
      ...(steady && steady.fullsDone === AGENTS && delta.length > steady.deltas
        ? (() => {
            const perDelta = (cpuAfter.ownMs - steady.apiMs) / (delta.length - steady.deltas);
            const pgPerDelta = (pgAfter - steady.pgMs) / (delta.length - steady.deltas);
            return {
              apiCpuMsPerSteadyDelta: round(perDelta, 2),
              postgresCpuMsPerSteadyDelta: round(pgPerDelta, 2),
              // What is left once the deltas' share is taken out.
              apiCpuMsPerFullReportEstimate: round((apiMs - perDelta * delta.length) / Math.max(1, full.length), 2),
              postgresCpuMsPerFullReportEstimate: round((pgMs - pgPerDelta * delta.length) / Math.max(1, full.length), 2),
            };
          })()
        : {}),
      // Everything on the machine: API, Postgres, this load generator and whatever else runs meanwhile.
      machineCpuBusyPercent: round((100 * (machineAfter.busy - machineBefore.busy)) / Math.max(1, machineAfter.total - machineBefore.total), 1),
      loadGeneratorCpuPercentOfCore: round((100 * (self.user + self.system)) / 1000 / wallMs, 1),
      nodesListed: Array.isArray(listed) ? listed.length : -1,
      database: process.env['DATABASE_URL'] ? 'DATABASE_URL' : 'embedded',
      // Other work on this 2-core machine skews wall times: read the figures with it in mind.
      loadAverage1m: round(loadavg()[0], 2),
      ...(tally.errorSamples.length ? { firstErrors: tally.errorSamples.join(' | ') } : {}),
    });
  });
});
