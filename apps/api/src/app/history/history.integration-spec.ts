import {
  NATURAL_KEYS,
  TABLE_NAMES,
  type BgpSession,
  type ChangeFeedPage,
  type FullReport,
  type NodeChanges,
  type RowChange,
  type TableName,
} from '@meshlens/model';
import {
  flannelNodeReport,
  routeToNode2,
  routeToNode3,
} from '../testing/node-report.fixture';
import { HistoryMaintenanceService } from './history-maintenance.service';
import { HistoryService } from './history.service';
import {
  startHistoryTestApp,
  type HistoryTestApp,
} from './testing/history-test-app';

const MIN = 60_000;
// Recent enough that counter rates come from raw samples.
const T0 = Math.floor((Date.now() - 30 * MIN) / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

const session = (
  bgpState: string,
  since: string,
  routesImported: number,
): BgpSession => ({
  name: 'Mesh_192_0_2_12',
  state: bgpState === 'Established' ? 'up' : 'start',
  bgpState,
  since,
  neighborAddress: '192.0.2.12',
  neighborAs: 64512,
  routesImported,
});

const counters = (rxBytes: number) => [
  {
    ifname: 'eth0',
    rxBytes,
    rxPackets: rxBytes / 100,
    rxErrors: 0,
    rxDropped: 0,
    txBytes: 0,
    txPackets: 0,
    txErrors: 0,
    txDropped: 0,
  },
];

/** Five full reports a minute apart; each changes something, the last one goes back to a former state. */
const base = flannelNodeReport;
const reports: FullReport[] = [
  {
    ...base,
    seq: 1,
    collectedAt: iso(T0),
    counters: counters(1_000_000),
    tables: {
      ...base.tables,
      bgpSessions: [session('Established', '10:00:00', 5)],
    },
  },
  {
    ...base,
    seq: 2,
    collectedAt: iso(T0 + MIN),
    counters: counters(1_600_000),
    tables: {
      ...base.tables,
      links: base.tables.links.filter((l) => l.ifname !== 'veth1a2b3c4d'),
      routes: base.tables.routes
        .map((r) => (r === routeToNode2 ? { ...r, gateway: '10.244.2.1' } : r))
        .concat(routeToNode3),
      bgpSessions: [session('Established', '10:00:00', 6)],
    },
  },
  {
    ...base,
    seq: 3,
    collectedAt: iso(T0 + 2 * MIN),
    // The interface was re-created: its counters start again from zero.
    counters: counters(300_000),
    tables: {
      ...base.tables,
      links: base.tables.links.filter((l) => l.ifname !== 'veth1a2b3c4d'),
      bgpSessions: [session('Active', '10:02:00', 0)],
    },
  },
  {
    ...base,
    seq: 4,
    collectedAt: iso(T0 + 3 * MIN),
    counters: counters(900_000),
    tables: {
      ...base.tables,
      neighbors: base.tables.neighbors.slice(1),
      bgpSessions: [session('Established', '10:03:00', 5)],
    },
  },
  {
    ...base,
    seq: 5,
    collectedAt: iso(T0 + 4 * MIN),
    counters: counters(1_500_000),
    tables: { ...base.tables, bgpSessions: [] },
  },
];

const byKey = (table: TableName, rows: unknown[]) =>
  [...rows].sort((a, b) => {
    const [x, y] = [
      NATURAL_KEYS[table](a as never),
      NATURAL_KEYS[table](b as never),
    ];
    return x < y ? -1 : x > y ? 1 : 0;
  });

/** What /changes must say between two reports, computed from the reports themselves. */
function expectedChanges(
  before: FullReport,
  after: FullReport,
): Omit<RowChange, 'node'>[] {
  const out: Omit<RowChange, 'node'>[] = [];
  for (const table of TABLE_NAMES) {
    const keyOf = NATURAL_KEYS[table] as (r: unknown) => string;
    const old = new Map(
      (before.tables[table] as unknown[]).map((r) => [keyOf(r), r]),
    );
    const now = new Map(
      (after.tables[table] as unknown[]).map((r) => [keyOf(r), r]),
    );
    for (const [key, r] of now) {
      const o = old.get(key);
      if (o === undefined)
        out.push({ at: after.collectedAt, table, key, kind: 'added', new: r });
      else if (JSON.stringify(o) !== JSON.stringify(r))
        out.push({
          at: after.collectedAt,
          table,
          key,
          kind: 'changed',
          old: o,
          new: r,
        });
    }
    for (const [key, o] of old)
      if (!now.has(key))
        out.push({
          at: after.collectedAt,
          table,
          key,
          kind: 'removed',
          old: o,
        });
  }
  return out;
}

const withoutNode = (changes: RowChange[]) =>
  changes.map((c) => {
    const { node, ...rest } = c;
    void node;
    return rest;
  });

const sortChanges = <T extends { at: string; table: string; key: string }>(
  xs: T[],
) =>
  [...xs].sort((a, b) =>
    a.at + a.table + a.key < b.at + b.table + b.key ? -1 : 1,
  );

// Booting Nest on a fresh, migrated database takes seconds on a busy machine.
jest.setTimeout(60_000);

describe('history (real Postgres)', () => {
  let api: HistoryTestApp;
  const json = async <T>(path: string, status = 200): Promise<T> => {
    const res = await api.get(path);
    expect({ path, status: res.status }).toEqual({ path, status });
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    api = await startHistoryTestApp();
    for (const r of reports) expect((await api.postReport(r)).status).toBe(200);
    // A second node with its own history, so the feed is cluster-wide.
    const other = {
      ...base,
      nodeName: 'node-2',
      identity: { ...base.identity, hostname: 'node-2' },
    };
    expect(
      (
        await api.postReport({
          ...other,
          seq: 1,
          collectedAt: iso(T0 + 30_000),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api.postReport({
          ...other,
          seq: 2,
          collectedAt: iso(T0 + 90_000),
          tables: { ...other.tables, fdb: [] },
        })
      ).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('should return each past state exactly when tables are read with at', async () => {
    for (const [i, report] of reports.entries()) {
      // Just at the report, and just before the next one.
      for (const at of [
        Date.parse(report.collectedAt),
        Date.parse(report.collectedAt) + MIN - 1,
      ]) {
        for (const [table, path] of [
          ['links', 'links'],
          ['routes', 'routes'],
          ['neighbors', 'neighbors'],
          ['fdb', 'fdb'],
          ['bgpSessions', 'bgp-sessions'],
        ] as const) {
          const rows = await json<unknown[]>(
            `/api/v1/nodes/node-1/${path}?at=${iso(at)}`,
          );
          expect({ report: i, table, rows: byKey(table, rows) }).toEqual({
            report: i,
            table,
            rows: byKey(table, report.tables[table]),
          });
        }
      }
    }
    expect(
      await json<unknown[]>(`/api/v1/nodes/node-1/routes?at=${iso(T0 - 1)}`),
    ).toEqual([]);
  });

  it('should list exactly the changes of each step and of the whole window when asked for changes', async () => {
    for (let i = 1; i < reports.length; i++) {
      const body = await json<NodeChanges>(
        `/api/v1/nodes/node-1/changes?from=${reports[i - 1].collectedAt}&to=${reports[i].collectedAt}`,
      );
      expect(sortChanges(withoutNode(body.changes))).toEqual(
        sortChanges(expectedChanges(reports[i - 1], reports[i])),
      );
    }
    const all = await json<NodeChanges>(
      `/api/v1/nodes/node-1/changes?from=${iso(T0)}&to=${iso(T0 + 10 * MIN)}`,
    );
    const expected = reports
      .slice(1)
      .flatMap((r, i) => expectedChanges(reports[i], r));
    expect(all.changes.length).toBe(expected.length);
    expect(all.counts.added + all.counts.removed + all.counts.changed).toBe(
      expected.length,
    );
    const routesOnly = await json<NodeChanges>(
      `/api/v1/nodes/node-1/changes?from=${iso(T0)}&to=${iso(T0 + 10 * MIN)}&table=routes`,
    );
    expect(sortChanges(withoutNode(routesOnly.changes))).toEqual(
      sortChanges(expected.filter((c) => c.table === 'routes')),
    );
  });

  it('should page the cluster-wide feed newest first without gaps or repeats when limit is small', async () => {
    const whole = await json<ChangeFeedPage>(`/api/v1/changes?limit=1000`);
    expect(whole.nextCursor).toBeNull();
    const paged: RowChange[] = [];
    let cursor: string | null = null;
    do {
      const page: ChangeFeedPage = await json<ChangeFeedPage>(
        `/api/v1/changes?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole.items);
    const ats = paged.map((c) => c.at);
    expect(ats).toEqual([...ats].sort().reverse());
    // Initial states count as additions; every later change of node-1 is there too.
    const node1 = paged.filter(
      (c) => c.node === 'node-1' && c.at !== reports[0].collectedAt,
    );
    expect(node1.length).toBe(
      reports.slice(1).flatMap((r, i) => expectedChanges(reports[i], r)).length,
    );
    expect(
      paged
        .filter((c) => c.node === 'node-2' && c.kind === 'removed')
        .map((c) => c.table),
    ).toEqual(['fdb', 'fdb']);
    const onlyNode2 = await json<ChangeFeedPage>(
      `/api/v1/changes?node=node-2&table=fdb&from=${iso(T0 + MIN)}`,
    );
    expect(onlyNode2.items.map((c) => [c.node, c.table, c.kind])).toEqual([
      ['node-2', 'fdb', 'removed'],
      ['node-2', 'fdb', 'removed'],
    ]);
  });

  it('should list bgpState transitions and count flaps when a session goes down and comes back', async () => {
    const body = await json<{
      transitions: unknown[];
      flaps: number;
      initialState: string | null;
    }>(
      `/api/v1/nodes/node-1/bgp-sessions/Mesh_192_0_2_12/transitions?from=${iso(T0)}&to=${iso(T0 + 10 * MIN)}`,
    );
    expect(body.initialState).toBe('Established');
    expect(body.transitions).toEqual([
      { at: iso(T0 + 2 * MIN), from: 'Established', to: 'Active' },
      { at: iso(T0 + 3 * MIN), from: 'Active', to: 'Established' },
      { at: iso(T0 + 4 * MIN), from: 'Established', to: null },
    ]);
    expect(body.flaps).toBe(2);
  });

  it('should compute rates from samples and count a reset from zero when counters go back', async () => {
    const body = await json<{
      resolution: string;
      series: {
        ifname: string;
        points: { ts: string; rxBitsPerSecond: number | null }[];
      }[];
    }>(
      `/api/v1/nodes/node-1/counters?ifname=eth0&from=${iso(T0)}&to=${iso(T0 + 5 * MIN)}&step=60`,
    );
    expect(body.resolution).toBe('raw');
    const rates = body.series[0].points
      .filter((p) => p.rxBitsPerSecond !== null)
      .map((p) => p.rxBitsPerSecond);
    // 600 000, 300 000 (after the reset: from zero), 600 000, 600 000 bytes per 60 s.
    expect(rates).toEqual([80_000, 40_000, 80_000, 80_000]);
  });

  it('should answer 400 with the reason when times are malformed, reversed or the cursor is foreign', async () => {
    const bad = async (path: string, text: RegExp) => {
      const res = await api.get(path);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toMatch(text);
    };
    await bad(
      `/api/v1/nodes/node-1/changes?from=${iso(T0 + MIN)}&to=${iso(T0)}`,
      /from must be before to/,
    );
    await bad(
      `/api/v1/nodes/node-1/changes?from=yesterday&to=${iso(T0)}`,
      /from/,
    );
    await bad(`/api/v1/nodes/node-1/changes?from=${iso(T0)}`, /to/);
    await bad(`/api/v1/changes?cursor=bm90LWEtY3Vyc29y`, /cursor/);
    await bad(`/api/v1/changes?limit=100000`, /limit/);
    await bad(
      `/api/v1/nodes/node-1/counters?from=${iso(T0)}&to=${iso(T0 + MIN)}&step=0`,
      /step/,
    );
    expect(
      (
        await api.get(
          `/api/v1/nodes/nope/changes?from=${iso(T0)}&to=${iso(T0 + MIN)}`,
        )
      ).status,
    ).toBe(404);
  });

  it('should roll counters up, keep rates, and delete closed rows past retention while current rows stay', async () => {
    const maintenance = api.app.get(HistoryMaintenanceService);
    const history = api.app.get(HistoryService);
    const later = new Date(T0 + 3 * 3_600_000);
    const pass = await maintenance.runOnce(later);
    expect(pass.ran).toBe(true);
    expect(pass.deleted.samples).toBe(7);
    expect(pass.deleted.closedRows).toBe(0);
    const rates = await history.counterRates(
      'node-1',
      { ifname: 'eth0', from: iso(T0), to: iso(T0 + 5 * MIN), step: 60 },
      later,
    );
    expect(rates.resolution).toBe('1m');
    expect(
      rates.series[0].points
        .filter((p) => p.rxBitsPerSecond !== null)
        .map((p) => p.rxBitsPerSecond),
    ).toEqual([80_000, 40_000, 80_000, 80_000]);
    const hourly = await history.counterRates(
      'node-1',
      {
        ifname: 'eth0',
        from: iso(T0 - 3_600_000),
        to: iso(T0 + 3_600_000),
        step: 3600,
      },
      new Date(T0 + 10 * 86_400_000),
    );
    expect(hourly.resolution).toBe('1h');
    expect(
      hourly.series[0].points.some(
        (p) => p.rxBitsPerSecond !== null && p.rxBitsPerSecond > 0,
      ),
    ).toBe(true);

    const current = await json<unknown[]>(`/api/v1/nodes/node-1/routes`);
    const afterRetention = await maintenance.runOnce(
      new Date(T0 + 31 * 86_400_000),
    );
    expect(afterRetention.deleted.closedRows).toBeGreaterThan(0);
    expect(await json<unknown[]>(`/api/v1/nodes/node-1/routes`)).toEqual(
      current,
    );
    const none = await json<NodeChanges>(
      `/api/v1/nodes/node-1/changes?from=${iso(T0)}&to=${iso(T0 + 10 * MIN)}`,
    );
    expect(none.changes.every((c) => c.kind === 'added')).toBe(true);
  }, 60_000);
});
