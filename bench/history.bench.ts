// History storage and time travel: entity-table growth of a simulated 100-node cluster over a simulated day with no
// change and with 1% of routes changing per hour, and `?at=` latency on a node with 10k routes and 30 days of history.
// Reports are real captures (libs/netparse fixtures of a Calico BGP node, parsed with the agent's parsers) scaled up
// with per-pod /32 routes the way Calico programs them; they go through the real ingest service.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type DeltaReport,
  type FullReport,
  type ReportTables,
  type Route,
} from '@meshlens/model';
import {
  parseBirdProtocolsAll,
  parseBridgeFdb,
  parseCniConfig,
  parseIpAddr,
  parseIpLink,
  parseIpLinkCounters,
  parseIpNeigh,
  parseIpRoute,
} from '@meshlens/netparse';
import { PrismaService } from '../apps/api/src/app/database/prisma.service';
import {
  startHistoryTestApp,
  type HistoryTestApp,
} from '../apps/api/src/app/history/testing/history-test-app';
import { ReportIngestService } from '../apps/api/src/app/reports/report-ingest.service';
import { percentile, reportFigures, round } from './bench-output.util';

const NODES = Number(process.env['MESHLENS_BENCH_HISTORY_NODES'] ?? 100);
const ROUTES_PER_NODE = Number(
  process.env['MESHLENS_BENCH_HISTORY_ROUTES'] ?? 1000,
);
/** Simulated seconds between two reports of a node (heartbeat deltas between fulls, as the agent sends them). */
const INTERVAL_S = Number(
  process.env['MESHLENS_BENCH_HISTORY_INTERVAL_S'] ?? 900,
);
const DAY_S = 86_400;
const BIG_ROUTES = 10_000;
const BIG_DAYS = 30;
const AT_QUERIES = 40;
const ENTITY_TABLES = [
  'Link',
  'Address',
  'Route',
  'Neighbor',
  'FdbEntry',
  'BgpSession',
  'CniConfig',
];

const FIXTURES = join(
  resolve(__dirname, '..'),
  'libs/netparse/src/__fixtures__',
);
const BIRD = join(
  resolve(__dirname, '..'),
  'libs/netparse/src/lib/bird/__fixtures__/bird-1.6/show-protocols-all.txt',
);
const text = (dir: string, name: string) =>
  readFileSync(join(FIXTURES, dir, name), 'utf8');
function ok<T>(
  r: { ok: true; value: T } | { ok: false; error: { message: string } },
): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The captured Calico BGP node, plus `podRoutes` /32 routes to local pods (cali* devices) cloned from a real one. */
function calicoNodeTables(podRoutes: number): {
  tables: ReportTables;
  counters: FullReport['counters'];
} {
  const linkText = text('ip-link', 'calico-bgp-node.json');
  const routes = [
    ...ok(parseIpRoute(text('ip-route', 'calico-bgp-node.json'))),
    ...ok(parseIpRoute(text('ip-route', 'calico-bgp-node-inet6.json'))),
  ];
  const template =
    routes.find(
      (r) =>
        r.family === 'inet' &&
        r.table === 'main' &&
        r.dev !== undefined &&
        r.scope === 'link',
    ) ?? routes[0];
  const pods: Route[] = Array.from({ length: podRoutes }, (_, i) => ({
    ...template,
    dst: `10.200.${i >> 8}.${i & 255}/32`,
    dev: `cali${i.toString(16).padStart(11, '0')}`,
    scope: 'link',
  }));
  return {
    tables: {
      links: ok(parseIpLink(linkText)),
      addresses: ok(parseIpAddr(text('ip-addr', 'calico-bgp-node.json'))),
      routes: [...routes, ...pods],
      neighbors: ok(parseIpNeigh(text('ip-neigh', 'calico-bgp-node.json'))),
      fdb: ok(parseBridgeFdb(text('bridge-fdb', 'calico-bgp-node.json'))),
      bgpSessions: ok(parseBirdProtocolsAll(readFileSync(BIRD, 'utf8'))),
      cniConfigs: [
        parseCniConfig(
          '/etc/cni/net.d/10-calico.conflist',
          text('cni', '10-calico.conflist'),
        ),
      ],
    },
    counters: ok(parseIpLinkCounters(linkText)),
  };
}

/** One simulated agent: a full report, then deltas carrying moved counters and the given route changes. */
class BenchNode {
  private seq = 0;
  private counters: FullReport['counters'];
  readonly routes: Route[];
  constructor(
    readonly name: string,
    private readonly tables: ReportTables,
    counters: FullReport['counters'],
  ) {
    this.counters = counters;
    this.routes = [...tables.routes];
  }
  private base(at: number) {
    return {
      nodeName: this.name,
      epoch: 'bench',
      collectedAt: new Date(at).toISOString(),
      errors: [],
      identity: {
        hostname: this.name,
        underlayAddresses: [],
        modes: ['calico-bgp' as const],
        agentVersion: 'bench',
      },
    };
  }
  full(at: number): FullReport {
    this.seq += 1;
    return {
      ...this.base(at),
      seq: this.seq,
      kind: 'full',
      counters: this.counters,
      tables: this.tables,
    };
  }
  /** `change` routes move to a new cali device (the pod was re-created): one row closed, one opened, same key. */
  delta(at: number, change: number[]): DeltaReport {
    const baseSeq = this.seq;
    this.seq += 1;
    this.counters = this.counters.map((c) => ({
      ...c,
      rxBytes: c.rxBytes + 150_000,
      rxPackets: c.rxPackets + 100,
      txBytes: c.txBytes + 90_000,
      txPackets: c.txPackets + 60,
    }));
    const upsert = change.map(
      (i) =>
        (this.routes[i] = {
          ...this.routes[i],
          dev: `cali${(this.seq * 65_536 + i).toString(16).padStart(11, '0')}`,
        }),
    );
    return {
      ...this.base(at),
      seq: this.seq,
      baseSeq,
      kind: 'delta',
      counters: this.counters,
      changes: upsert.length ? { routes: { upsert, remove: [] } } : {},
    };
  }
}

describe('history bench', () => {
  let api: HistoryTestApp;
  afterAll(async () => {
    await api?.close();
  });

  it('measures history growth and ?at= latency', async () => {
    api = await startHistoryTestApp();
    const ingest = api.app.get(ReportIngestService);
    const prisma = api.app.get(PrismaService);
    const size = async (tables: string[]) => {
      await prisma.$executeRawUnsafe(
        `VACUUM ${tables.map((t) => `"${t}"`).join(', ')}`,
      );
      const [{ bytes }] = await prisma.$queryRawUnsafe<{ bytes: bigint }[]>(
        `SELECT SUM(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c WHERE c.relname = ANY($1::text[]) AND c.relkind = 'r'`,
        tables,
      );
      return Number(bytes);
    };
    const t0 = Date.parse('2026-10-01T00:00:00.000Z');
    const capture = calicoNodeTables(ROUTES_PER_NODE);
    const nodes = Array.from(
      { length: NODES },
      (_, i) => new BenchNode(`bench-${i}`, capture.tables, capture.counters),
    );
    const started = Date.now();
    for (const n of nodes) await ingest.ingest(n.full(t0));

    /** A simulated day of reports from every node; `changesPerHour` routes per node change each hour. */
    const simulateDay = async (dayStart: number, changesPerHour: number) => {
      const perReport = (changesPerHour * INTERVAL_S) / 3600;
      let owed = 0;
      let changeCursor = 0;
      for (let s = INTERVAL_S; s <= DAY_S; s += INTERVAL_S) {
        owed += perReport;
        const k = Math.floor(owed);
        owed -= k;
        const idx = [
          ...new Set(
            Array.from(
              { length: k },
              () => (changeCursor = (changeCursor + 7919) % ROUTES_PER_NODE),
            ),
          ),
        ];
        // Nodes report concurrently, as a fleet does.
        for (let i = 0; i < nodes.length; i += 10)
          await Promise.all(
            nodes
              .slice(i, i + 10)
              .map((n) => ingest.ingest(n.delta(dayStart + s * 1000, idx))),
          );
      }
    };
    const entity0 = await size(ENTITY_TABLES);
    const counters0 = await size(['CounterSample']);
    await simulateDay(t0, 0);
    const entity1 = await size(ENTITY_TABLES);
    const counters1 = await size(['CounterSample']);
    const nodeRow1 = await size(['Node']);
    await simulateDay(t0 + DAY_S * 1000, ROUTES_PER_NODE / 100);
    const entity2 = await size(ENTITY_TABLES);
    const changedRoutes = await prisma.route.count({
      where: { validTo: { not: null } },
    });
    const simulateMs = Date.now() - started;

    // One node with 10k routes and 30 days of 1%/hour route churn behind it.
    const big = new BenchNode(
      'big-node',
      calicoNodeTables(BIG_ROUTES).tables,
      capture.counters,
    );
    const bigT0 = t0 + 3 * DAY_S * 1000;
    await ingest.ingest(big.full(bigT0));
    let cursor = 0;
    for (let h = 1; h <= BIG_DAYS * 24; h++) {
      const idx = [
        ...new Set(
          Array.from(
            { length: BIG_ROUTES / 100 },
            () => (cursor = (cursor + 7919) % BIG_ROUTES),
          ),
        ),
      ];
      await ingest.ingest(big.delta(bigT0 + h * 3_600_000, idx));
    }
    await prisma.$executeRawUnsafe('ANALYZE');
    const bigRows = await prisma.route.count({
      where: { node: { name: 'big-node' } },
    });
    const latencies: number[] = [];
    let rowsSeen = 0;
    for (let q = 0; q < AT_QUERIES; q++) {
      const at = new Date(
        bigT0 +
          1 +
          Math.floor(((q + 0.5) / AT_QUERIES) * BIG_DAYS * DAY_S * 1000),
      ).toISOString();
      const t = performance.now();
      const res = await api.get(`/api/v1/nodes/big-node/routes?at=${at}`);
      const rows = (await res.json()) as unknown[];
      latencies.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`?at= answered ${res.status}`);
      rowsSeen = rows.length;
    }
    latencies.sort((a, b) => a - b);

    // What the planner does with "state at T" and "changes between T1 and T2" on that volume.
    const [{ id: bigId }] = await prisma.$queryRawUnsafe<{ id: number }[]>(
      `SELECT "id" FROM "Node" WHERE "name" = 'big-node'`,
    );
    const mid = new Date(bigT0 + 15 * DAY_S * 1000).toISOString();
    const plan = async (sql: string) => {
      const rows = await prisma.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(
        `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
      );
      return rows.map((r) => r['QUERY PLAN']);
    };
    const atPlan = await plan(
      `SELECT "data" FROM "Route" WHERE "nodeId" = ${bigId} AND "validFrom" <= '${mid}' AND ("validTo" IS NULL OR "validTo" > '${mid}') ORDER BY "key" COLLATE "C"`,
    );
    const changesPlan = await plan(
      `SELECT "key" FROM "Route" WHERE "nodeId" = ${bigId} AND "validFrom" > '${mid}' AND "validFrom" <= ('${mid}'::timestamptz + interval '1 hour')`,
    );
    const feedPlan = await plan(
      `SELECT "key" FROM "Route" WHERE "validTo" IS NOT NULL AND "validTo" <= '${mid}' ORDER BY "validTo" DESC, "nodeId" DESC, "key" COLLATE "C" DESC LIMIT 101`,
    );
    const executionMs = (p: string[]) => Number(/Execution Time: ([\d.]+)/.exec(p.join('\n'))?.[1] ?? NaN);
    const scans = (p: string[]) =>
      p
        .filter((l) => /Scan|Sort|Bitmap/.test(l))
        .map((l) => l.trim().replace(/\s+\(cost.*$/, ''))
        .join(' | ');
    process.stderr.write(
      `\n-- ?at= plan\n${atPlan.join('\n')}\n-- changes plan\n${changesPlan.join('\n')}\n-- feed plan\n${feedPlan.join('\n')}\n`,
    );

    reportFigures('history', {
      nodes: NODES,
      routesPerNode: capture.tables.routes.length,
      reportIntervalS: INTERVAL_S,
      growthNoChangeBytes: entity1 - entity0,
      counterGrowthNoChangeBytes: counters1 - counters0,
      nodeTableBytes: nodeRow1,
      growthOnePercentPerHourBytes: entity2 - entity1,
      closedRouteRowsAfterChurnDay: changedRoutes,
      growthPerChangedRowBytes: round(
        (entity2 - entity1) / Math.max(1, changedRoutes),
        0,
      ),
      atQueryRoutes: rowsSeen,
      atQueryNodeRouteRows: bigRows,
      atQuery10kRoutesP50Ms: round(percentile(latencies, 50), 1),
      atQuery10kRoutesP95Ms: round(percentile(latencies, 95), 1),
      atQuerySqlMs: executionMs(atPlan),
      atPlan: scans(atPlan),
      changesSqlMs: executionMs(changesPlan),
      changesPlan: scans(changesPlan),
      feedPlan: scans(feedPlan),
      simulateSeconds: round(simulateMs / 1000, 0),
    });
  });
});
