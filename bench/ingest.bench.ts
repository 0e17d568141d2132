// The ingest endpoint under a fleet: simulated agents (real captured node tables, one name and address set each) send
// a full report, then a delta every 5 s (mostly heartbeats with moved counters, one in ten with a route swap), spread
// evenly, to the built API on a fresh database. Target: p99 < 100 ms and no errors with 1000 agents on 2 cores.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { existsSync } from 'node:fs';
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
const ROUTE_CHANGE_EVERY = 10;
// Past the run's end, a report still in flight gets this long before the bench gives up on it.
const DRAIN_MS = 60_000;

interface Tally {
  full: number[];
  delta: number[];
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
    api = startNodeProcess([...nodeArgs, API_MAIN], { DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', MESHLENS_AGENT_TOKENS: token });
    const running = api;
    await waitFor(async () => (await fetch(`${base}/healthz`).catch(() => undefined))?.ok === true, 60_000, `API health\n${running.tail()}`);
    client = new ReportClient(base, token);
    const http = client;

    const tally: Tally = { full: [], delta: [], fullBytes: [], errors: 0, errorSamples: [], maxLagMs: 0 };
    const fail = (what: string) => {
      tally.errors++;
      if (tally.errorSamples.length < 5) tally.errorSamples.push(what.slice(0, 300));
    };
    const startAt = performance.now() + 500;
    const endAt = startAt + SECONDS * 1000;
    const hardStop = endAt + DRAIN_MS;

    const runNode = async (node: SimulatedNode, i: number) => {
      let due = startAt + (i * INTERVAL_MS) / AGENTS;
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
            } else tally.delta.push(r.ms);
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
    // The first interval carries only full reports (deltas start one interval after each agent's full report).
    let fullPhase: { apiMs: number; pgMs: number; reports: number } | undefined;
    const fullPhaseTimer = setTimeout(() => {
      fullPhase = { apiMs: readCpuTimes(running.pid).ownMs - cpuBefore.ownMs, pgMs: readPostgresBackendsCpuMs(database) - pgBefore, reports: tally.full.length };
    }, startAt + INTERVAL_MS - performance.now());
    await Promise.all(nodes.map(runNode));
    clearTimeout(fullPhaseTimer);
    const wallMs = performance.now() - t0;
    const cpuAfter = readCpuTimes(running.pid);
    const pgAfter = readPostgresBackendsCpuMs(database);
    const machineAfter = readMachineCpu();
    const self = process.cpuUsage(selfBefore);
    const apiMs = cpuAfter.ownMs - cpuBefore.ownMs;
    const pgMs = pgAfter - pgBefore;

    const listed = (await (await fetch(`${base}/api/v1/nodes`)).json()) as unknown[];
    const full = sorted(tally.full);
    const delta = sorted(tally.delta);
    reportFigures('ingest', {
      agents: AGENTS,
      seconds: SECONDS,
      fullReportP50Ms: round(percentile(full, 50), 1),
      fullReportP99Ms: round(percentile(full, 99), 1),
      fullReportMaxMs: round(full[full.length - 1] ?? NaN, 1),
      deltaP50Ms: round(percentile(delta, 50), 1),
      deltaP99Ms: round(percentile(delta, 99), 1),
      deltaMaxMs: round(delta[delta.length - 1] ?? NaN, 1),
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
      // Split by phase (only meaningful when the first interval's full reports finished within it).
      ...(fullPhase && fullPhase.reports > 0
        ? {
            fullsDoneInFirstIntervalCount: fullPhase.reports,
            apiCpuMsPerFullReport: round(fullPhase.apiMs / fullPhase.reports, 2),
            postgresCpuMsPerFullReport: round(fullPhase.pgMs / fullPhase.reports, 2),
            apiCpuMsPerDelta: round((apiMs - fullPhase.apiMs) / Math.max(1, full.length + delta.length - fullPhase.reports), 2),
            postgresCpuMsPerDelta: round((pgMs - fullPhase.pgMs) / Math.max(1, full.length + delta.length - fullPhase.reports), 2),
          }
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
