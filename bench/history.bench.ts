// History storage and time travel. Prints (one JSON line):
// - the growth of the database (every table but the counter time series) for a simulated 100-node cluster over a
//   simulated day with no change (target < 1 MB) and over a day with 1% of routes changing per hour;
// - `?at=` over HTTP on a node with 10k routes and 30 days of history behind it (1% of its routes changing per hour,
//   beside a fleet of 100 nodes churning the same way over the same 30 days), p50/p99 (target p50 < 100 ms), with
//   the current state, /changes and the SQL plans beside it.
// Reports are real captures scaled up with per-pod routes (support/history-fleet.ts) and go through the real ingest
// service; only the background fleet's 30 days are written in SQL, the way ingest writes them.
import { loadavg } from 'node:os';
import { NATURAL_KEYS } from '@meshlens/model';
import { PrismaService } from '../apps/api/src/app/database/prisma.service';
import {
  startHistoryTestApp,
  type HistoryTestApp,
} from '../apps/api/src/app/history/testing/history-test-app';
import { ReportIngestService } from '../apps/api/src/app/reports/report-ingest.service';
import { percentile, reportFigures, round } from './bench-output.util';
import {
  BenchNode,
  calicoNodeTables,
  churnFleetRoutes,
} from './support/history-fleet';

const NODES = Number(process.env['MESHLENS_BENCH_HISTORY_NODES'] ?? 100);
const ROUTES_PER_NODE = Number(
  process.env['MESHLENS_BENCH_HISTORY_ROUTES'] ?? 1000,
);
/** Simulated seconds between two reports of a node (heartbeat deltas between fulls, as the agent sends them). */
const INTERVAL_S = Number(
  process.env['MESHLENS_BENCH_HISTORY_INTERVAL_S'] ?? 900,
);
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const BIG_ROUTES = 10_000;
const BIG_DAYS = Number(process.env['MESHLENS_BENCH_HISTORY_DAYS'] ?? 30);
const WARMUP_QUERIES = 5;
const AT_QUERIES = 100;
const CURRENT_QUERIES = 20;
const CHANGES_QUERIES = 10;
const SQL_INSTANTS = 9;
const COUNTER_TABLES = ['CounterSample', 'CounterRollup'];
const ENTITY_TABLES = [
  'Link',
  'Address',
  'Route',
  'Neighbor',
  'FdbEntry',
  'BgpSession',
  'CniConfig',
];

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
/**
 * `count` distinct indexes of pod routes (the last `pods` of `routes`), walking by a prime from `cursor.at`: pods
 * re-created at random. Only pod routes move: moving a captured IPv6 route to another device would make it another
 * route (the device is part of an IPv6 route's key).
 */
function nextPodIndexes(
  cursor: { at: number },
  count: number,
  routes: readonly unknown[],
  pods: number,
): number[] {
  const first = routes.length - pods;
  return [
    ...new Set(
      Array.from(
        { length: count },
        () => first + (cursor.at = (cursor.at + 7919) % pods),
      ),
    ),
  ];
}

describe('history bench', () => {
  let api: HistoryTestApp | undefined;
  const findingsInterval = process.env['MESHLENS_FINDINGS_INTERVAL_MS'];
  afterAll(async () => {
    await api?.close();
    if (findingsInterval === undefined)
      delete process.env['MESHLENS_FINDINGS_INTERVAL_MS'];
    else process.env['MESHLENS_FINDINGS_INTERVAL_MS'] = findingsInterval;
  });

  it('measures history growth and ?at= latency', async () => {
    // The consistency sweep reads every node's whole state every 15 s: on this cluster it would compete with the
    // reports and queries measured here; its own cost is not what this suite measures.
    process.env['MESHLENS_FINDINGS_INTERVAL_MS'] = '0';
    const app = (api = await startHistoryTestApp());
    const ingest = app.app.get(ReportIngestService);
    const prisma = app.app.get(PrismaService);
    /** Bytes of the given tables (heap, indexes, TOAST), or of every table but those with `except`, after a VACUUM. */
    const size = async (tables: string[], except = false) => {
      await prisma.$executeRawUnsafe('VACUUM');
      const [{ bytes }] = await prisma.$queryRaw<{ bytes: bigint }[]>`
        SELECT COALESCE(SUM(pg_total_relation_size(relid)), 0)::bigint AS "bytes" FROM pg_stat_user_tables
        WHERE (relname = ANY(${tables}::text[])) <> ${except}`;
      return Number(bytes);
    };
    const sizes = async () => ({
      beside: await size(COUNTER_TABLES, true),
      entity: await size(ENTITY_TABLES),
      counters: await size(COUNTER_TABLES),
    });

    // --- growth: a 100-node cluster, a day without change, then a day with 1% of routes changing per hour
    const t0 = Date.parse('2026-10-01T00:00:00.000Z');
    const capture = calicoNodeTables(ROUTES_PER_NODE);
    const nodes = Array.from(
      { length: NODES },
      (_, i) => new BenchNode(`bench-${i}`, capture.tables, capture.counters),
    );
    const started = Date.now();
    for (const n of nodes) await ingest.ingest(n.full(t0));
    const simulateDay = async (dayStart: number, changesPerHour: number) => {
      const perReport = (changesPerHour * INTERVAL_S) / 3600;
      const cursor = { at: 0 };
      let owed = 0;
      for (let s = INTERVAL_S; s <= DAY_MS / 1000; s += INTERVAL_S) {
        owed += perReport;
        const k = Math.floor(owed);
        owed -= k;
        const idx = nextPodIndexes(
          cursor,
          k,
          capture.tables.routes,
          ROUTES_PER_NODE,
        );
        // Nodes report concurrently, as a fleet does.
        for (let i = 0; i < nodes.length; i += 10)
          await Promise.all(
            nodes
              .slice(i, i + 10)
              .map((n) => ingest.ingest(n.delta(dayStart + s * 1000, idx))),
          );
      }
    };
    const day0 = await sizes();
    await simulateDay(t0, 0);
    const day1 = await sizes();
    await simulateDay(t0 + DAY_MS, ROUTES_PER_NODE / 100);
    const day2 = await sizes();
    const changedRoutes = await prisma.route.count({
      where: { validTo: { not: null } },
    });
    const growthSeconds = (Date.now() - started) / 1000;

    // --- 30 days: the big node through ingest, an hourly delta of 1% of its routes; the fleet churns 1% per hour too
    const historyStarted = Date.now();
    const fleetIds = (await prisma.node.findMany({ select: { id: true } })).map(
      (n) => n.id,
    );
    const podKeys = capture.tables.routes
      .slice(-ROUTES_PER_NODE)
      .map((r) => NATURAL_KEYS.routes(r));
    const big = new BenchNode(
      'big-node',
      calicoNodeTables(BIG_ROUTES).tables,
      capture.counters,
    );
    // Rows of one natural key collapse into one (the capture lists a few routes twice, as the kernel can).
    const bigRoutes = new Set(big.routes.map((r) => NATURAL_KEYS.routes(r)))
      .size;
    const bigT0 = t0 + 3 * DAY_MS;
    await ingest.ingest(big.full(bigT0));
    const cursor = { at: 0 };
    for (let h = 1; h <= BIG_DAYS * 24; h++) {
      const slot = podKeys.filter((_, i) => i % 100 === h % 100);
      await churnFleetRoutes(
        prisma,
        fleetIds,
        slot,
        new Date(bigT0 + h * HOUR_MS - HOUR_MS / 2),
      );
      await ingest.ingest(
        big.delta(
          bigT0 + h * HOUR_MS,
          nextPodIndexes(cursor, BIG_ROUTES / 100, big.routes, BIG_ROUTES),
        ),
      );
    }
    // A live database has autovacuum; settle the state it would keep (visibility map, statistics).
    await prisma.$executeRawUnsafe('VACUUM ANALYZE');
    const historySeconds = (Date.now() - historyStarted) / 1000;
    const [{ id: bigId }] = await prisma.$queryRaw<
      { id: number }[]
    >`SELECT "id" FROM "Node" WHERE "name" = 'big-node'`;
    const bigRows = await prisma.route.count({ where: { nodeId: bigId } });
    const allRows = await prisma.route.count();

    // --- queries over HTTP, one at a time
    const timed = async (path: string) => {
      const t = performance.now();
      const res = await app.get(path);
      const body = await res.text();
      const ms = performance.now() - t;
      if (res.status !== 200)
        throw new Error(
          `${path} answered ${res.status}: ${body.slice(0, 300)}`,
        );
      return { ms, body };
    };
    const instant = (q: number, n: number) =>
      new Date(bigT0 + 1 + Math.floor(((q + 0.5) / n) * BIG_DAYS * DAY_MS));
    const routesPath = '/api/v1/nodes/big-node/routes';
    for (let q = 0; q < WARMUP_QUERIES; q++)
      await timed(
        `${routesPath}?at=${instant(q, WARMUP_QUERIES).toISOString()}`,
      );
    const atMs: number[] = [];
    let atBytes = 0;
    for (let q = 0; q < AT_QUERIES; q++) {
      const { ms, body } = await timed(
        `${routesPath}?at=${instant(q, AT_QUERIES).toISOString()}`,
      );
      atMs.push(ms);
      atBytes = body.length;
      const n = (JSON.parse(body) as unknown[]).length;
      if (n !== bigRoutes)
        throw new Error(
          `?at= gave ${n} routes, the node had ${bigRoutes} at every instant`,
        );
    }
    const currentMs: number[] = [];
    for (let q = 0; q < CURRENT_QUERIES; q++)
      currentMs.push((await timed(routesPath)).ms);
    const changesMs = async (spanMs: number) => {
      const times: number[] = [];
      let changes = 0;
      for (let q = 0; q < CHANGES_QUERIES; q++) {
        const from = instant(q, CHANGES_QUERIES);
        const to = new Date(from.getTime() + spanMs);
        const { ms, body } = await timed(
          `/api/v1/nodes/big-node/changes?from=${from.toISOString()}&to=${to.toISOString()}`,
        );
        times.push(ms);
        changes = (JSON.parse(body) as { changes: unknown[] }).changes.length;
      }
      return { times: sorted(times), changes };
    };
    const changesHour = await changesMs(HOUR_MS);
    const changesDay = await changesMs(DAY_MS);

    // --- what the planner does on that volume: state at T (as the repository asks, and as a btree-only query would),
    // changes in (T, T + 1 h], the cluster feed
    const mid = new Date(bigT0 + 15 * DAY_MS + 1).toISOString();
    const plan = async (sql: string) =>
      (
        await prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
          `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
        )
      ).map((r) => r['QUERY PLAN']);
    const stateSql = (validity: (t: string) => string) => (t: string) =>
      `SELECT COALESCE(json_agg("data" ORDER BY "key" COLLATE "C"), '[]')::text FROM "Route" WHERE "nodeId" = ${bigId} AND ${validity(t)}`;
    // As the repository asks (the GiST index), and as the btree indexes alone could answer it.
    const atSql = stateSql(
      (t) => `tstzrange("validFrom", "validTo") @> '${t}'::timestamptz`,
    );
    const btreeSql = stateSql(
      (t) =>
        `"validFrom" <= '${t}' AND ("validTo" IS NULL OR "validTo" > '${t}')`,
    );
    const atPlan = await plan(atSql(mid));
    const btreePlan = await plan(btreeSql(mid));
    const changesPlan = await plan(
      `SELECT "key" FROM "Route" WHERE "nodeId" = ${bigId} AND "validFrom" > '${mid}' AND "validFrom" <= ('${mid}'::timestamptz + interval '1 hour')`,
    );
    const feedPlan = await plan(
      `SELECT "key" FROM "Route" WHERE "validTo" IS NOT NULL AND "validTo" <= '${mid}' ORDER BY "validTo" DESC, "nodeId" DESC, "key" COLLATE "C" DESC LIMIT 101`,
    );
    const executionMs = (p: string[]) =>
      Number(/Execution Time: ([\d.]+)/.exec(p.join('\n'))?.[1] ?? NaN);
    /** Median execution time over instants spread across the 30 days (a btree's cost depends on where T falls). */
    const medianSqlMs = async (sql: (t: string) => string) => {
      const times: number[] = [];
      for (let q = 0; q < SQL_INSTANTS; q++)
        times.push(
          executionMs(await plan(sql(instant(q, SQL_INSTANTS).toISOString()))),
        );
      return percentile(sorted(times), 50);
    };
    const atSqlMs = await medianSqlMs(atSql);
    const btreeSqlMs = await medianSqlMs(btreeSql);
    const scans = (p: string[]) =>
      p
        .filter((l) => /Scan|Sort|Bitmap/.test(l))
        .map((l) => l.trim().replace(/\s+\(cost.*$/, ''))
        .join(' | ');
    process.stderr.write(
      [
        '?at=',
        atPlan,
        '?at= without the GiST index',
        btreePlan,
        'changes',
        changesPlan,
        'feed',
        feedPlan,
      ]
        .map((x) => (Array.isArray(x) ? x.join('\n') : `-- ${x} plan`))
        .join('\n') + '\n',
    );

    const at = sorted(atMs);
    const current = sorted(currentMs);
    reportFigures('history', {
      nodes: NODES,
      routesPerNode: capture.tables.routes.length,
      reportIntervalS: INTERVAL_S,
      growthNoChangeBytes: day1.beside - day0.beside,
      entityGrowthNoChangeBytes: day1.entity - day0.entity,
      counterRawGrowthNoChangeBytes: day1.counters - day0.counters,
      growthOnePercentPerHourBytes: day2.beside - day1.beside,
      entityGrowthOnePercentPerHourBytes: day2.entity - day1.entity,
      changedRouteRowsOnePercentPerHour: changedRoutes,
      growthPerChangedRowBytes: round(
        (day2.entity - day1.entity) / Math.max(1, changedRoutes),
        0,
      ),
      historyDays: BIG_DAYS,
      atQueryRoutes: bigRoutes,
      atQueryNodeRouteRows: bigRows,
      atQueryTableRouteRows: allRows,
      atQueryResponseBytes: atBytes,
      atQueries: AT_QUERIES,
      atQueryP50Ms: round(percentile(at, 50), 1),
      atQueryP99Ms: round(percentile(at, 99), 1),
      currentQueryP50Ms: round(percentile(current, 50), 1),
      currentQueryP99Ms: round(percentile(current, 99), 1),
      changesHourQueryP50Ms: round(percentile(changesHour.times, 50), 1),
      changesHourCount: changesHour.changes,
      changesDayQueryP50Ms: round(percentile(changesDay.times, 50), 1),
      changesDayCount: changesDay.changes,
      atSqlP50Ms: round(atSqlMs, 1),
      atPlan: scans(atPlan),
      atSqlBtreeOnlyP50Ms: round(btreeSqlMs, 1),
      changesSqlMs: executionMs(changesPlan),
      changesPlan: scans(changesPlan),
      feedPlan: scans(feedPlan),
      growthSimulationSeconds: round(growthSeconds, 0),
      historySimulationSeconds: round(historySeconds, 0),
      loadAverage1m: round(loadavg()[0], 2),
    });
  });
});
