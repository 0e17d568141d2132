import type { FullReport, ReportAck, Route } from '@meshlens/model';
import { Client } from 'pg';
import {
  flannelNodeDelta,
  flannelNodeReport,
  flannelNodeReportChanged,
  routeToNode2,
  routeToNode3,
} from '../testing/node-report.fixture';
import { startTestApi, type TestApi } from '../testing/test-api';

const byKey = <T>(rows: T[], keyOf: (r: T) => string) => [...rows].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
const routeId = (r: Route) => `${r.table}|${r.family}|${r.dst}|${r.metric}|${r.tos}`;

describe('POST /api/v1/reports (real Postgres)', () => {
  let api: TestApi;
  let db: Client;

  beforeEach(async () => {
    api = await startTestApi();
    db = new Client({ connectionString: api.database.url });
    await db.connect();
  });

  afterEach(async () => {
    await db.end();
    await api.close();
  });

  const post = async (body: unknown, auth?: string | null) => {
    const res = await api.postReport(body, auth);
    return { status: res.status, body: await res.json() };
  };
  const getJson = async (path: string) => (await api.get(path)).json();
  const routeRows = async () =>
    (
      await db.query<{ id: string; key: string; gateway: string; validFrom: Date; validTo: Date | null }>(
        `SELECT id, key, data->>'gateway' AS gateway, "validFrom", "validTo" FROM "Route" ORDER BY id`,
      )
    ).rows;

  it('should serve back every table equal to the full report when a node reports for the first time', async () => {
    const { status, body } = await post(flannelNodeReport);

    expect(status).toBe(200);
    expect(body).toEqual<ReportAck>({
      nodeName: 'node-1',
      epoch: 'run-a',
      ackedSeq: 1,
      needFull: false,
      applied: { added: 22, removed: 0, changed: 0 },
    });
    const t = flannelNodeReport.tables;
    expect(await getJson('/api/v1/nodes/node-1/routes')).toEqual(byKey(t.routes, routeId));
    expect(byKey(await getJson('/api/v1/nodes/node-1/links'), (l: { ifname: string }) => l.ifname)).toEqual(byKey(t.links, (l) => l.ifname));
    expect(await getJson('/api/v1/nodes/node-1/addresses')).toHaveLength(t.addresses.length);
    expect(await getJson('/api/v1/nodes/node-1/addresses')).toEqual(expect.arrayContaining(t.addresses));
    expect(await getJson('/api/v1/nodes/node-1/neighbors')).toEqual(expect.arrayContaining(t.neighbors));
    expect(await getJson('/api/v1/nodes/node-1/fdb')).toEqual(expect.arrayContaining(t.fdb));
    expect(await getJson('/api/v1/nodes/node-1/bgp-sessions')).toEqual([]);
    expect(await getJson('/api/v1/nodes/node-1/cni')).toEqual(t.cniConfigs);
    expect(await getJson('/api/v1/nodes/node-1')).toMatchObject({
      name: 'node-1',
      hostname: 'node-1',
      kernel: '6.1.0-40-amd64',
      underlayAddresses: ['192.0.2.11'],
      modes: ['flannel-vxlan'],
      lastSeq: 1,
      firstSeen: '2026-11-24T10:00:00.000Z',
      counts: { links: 5, addresses: 5, routes: 7, neighbors: 2, fdb: 2, bgpSessions: 0 },
      bgp: { socket: '/var/run/calico/bird.ctl', status: 'missing' },
    });
    const counters = await db.query(`SELECT ifname, "rxBytes" FROM "CounterSample"`);
    expect(counters.rows).toEqual([{ ifname: 'eth0', rxBytes: '1200' }]);
  });

  it('should close changed and removed rows and open new ones, leaving unchanged rows untouched, when a second report differs', async () => {
    await post(flannelNodeReport);
    const before = await routeRows();

    const { body } = await post(flannelNodeReportChanged);

    expect(body.applied).toEqual({ added: 1, removed: 1, changed: 1 });
    const after = await routeRows();
    const changedAt = new Date(flannelNodeReportChanged.collectedAt);
    const node2Key = routeId(routeToNode2);
    const node2Rows = after.filter((r) => r.key === node2Key);
    expect(node2Rows).toEqual([
      expect.objectContaining({ gateway: '10.244.2.0', validTo: changedAt }),
      expect.objectContaining({ gateway: '10.244.2.1', validFrom: changedAt, validTo: null }),
    ]);
    expect(after.filter((r) => r.key === routeId(routeToNode3))).toEqual([
      expect.objectContaining({ validFrom: changedAt, validTo: null }),
    ]);
    // Every other route keeps its row, id and validFrom.
    expect(after.filter((r) => r.key !== node2Key && r.key !== routeId(routeToNode3))).toEqual(
      before.filter((r) => r.key !== node2Key),
    );
    const veth = await db.query(`SELECT "validTo" FROM "Link" WHERE ifname = 'veth1a2b3c4d'`);
    expect(veth.rows).toEqual([{ validTo: changedAt }]);
    expect(await getJson('/api/v1/nodes/node-1/routes')).toEqual(byKey(flannelNodeReportChanged.tables.routes, routeId));
    // History: just before the change the first report's state is served back.
    const before2 = new Date(changedAt.getTime() - 1).toISOString();
    expect(await getJson(`/api/v1/nodes/node-1/routes?at=${before2}`)).toEqual(byKey(flannelNodeReport.tables.routes, routeId));
    expect(await getJson(`/api/v1/nodes/node-1/links?at=${changedAt.toISOString()}`)).toHaveLength(4);
    expect(await getJson('/api/v1/nodes/node-1/routes?at=2026-11-24T09:00:00.000Z')).toEqual([]);
  });

  it('should change nothing when the same full report arrives again in a new epoch', async () => {
    await post(flannelNodeReport);
    const before = await routeRows();

    const { body } = await post({ ...flannelNodeReport, epoch: 'run-b', collectedAt: '2026-11-24T11:00:00.000Z' });

    expect(body).toMatchObject({ epoch: 'run-b', ackedSeq: 1, applied: { added: 0, removed: 0, changed: 0 } });
    expect(await routeRows()).toEqual(before);
  });

  it('should keep the stored rows of a table when a full report names that table in its collector errors', async () => {
    await post(flannelNodeReport);
    const before = await routeRows();

    const { body } = await post({
      ...flannelNodeReport,
      epoch: 'run-c',
      collectedAt: '2026-11-24T11:30:00.000Z',
      tables: { ...flannelNodeReport.tables, routes: [] },
      errors: [{ source: 'routes', message: 'ip route: exit status 1' }],
    });

    expect(body).toMatchObject({ applied: { removed: 0 } });
    expect(await routeRows()).toEqual(before);
  });

  it('should answer 400 naming the field and store nothing when a route destination is not a CIDR', async () => {
    await post(flannelNodeReport);
    const bad = structuredClone(flannelNodeReportChanged);
    bad.tables.routes[0].dst = 'default';

    const { status, body } = await post(bad);

    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request', issues: [{ path: 'tables.routes.0.dst', message: expect.any(String) }] });
    expect(body.message).toContain('tables.routes.0.dst');
    expect((await getJson('/api/v1/nodes/node-1')).lastSeq).toBe(1);
    expect(await getJson('/api/v1/nodes/node-1/routes')).toEqual(byKey(flannelNodeReport.tables.routes, routeId));
  });

  it('should answer 400 naming the field when a destination has the shape of a CIDR but is no address', async () => {
    const bad: FullReport = structuredClone(flannelNodeReport);
    bad.tables.routes[2].dst = '10.244.999.0/24';

    const { status, body } = await post(bad);

    expect(status).toBe(400);
    expect(body.issues).toEqual([{ path: 'tables.routes.2.dst', message: 'not a valid CIDR: 10.244.999.0/24' }]);
    expect(await getJson('/api/v1/nodes')).toEqual([]);
  });

  it('should answer 400 when the body is not JSON', async () => {
    const { status, body } = await post('{"nodeName": ');

    expect(status).toBe(400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
  });

  it.each([
    ['no Authorization header', null],
    ['a wrong token', 'Bearer not-a-token'],
    ['another scheme', 'Basic dGVzdC1hZ2VudC10b2tlbg=='],
  ])('should answer 401 and store nothing when the request has %s', async (_what, auth) => {
    const { status, body } = await post(flannelNodeReport, auth);

    expect(status).toBe(401);
    expect(body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(await getJson('/api/v1/nodes')).toEqual([]);
  });

  it('should apply a delta on top of the acknowledged report when epoch and baseSeq match', async () => {
    await post(flannelNodeReport);

    const { status, body } = await post(flannelNodeDelta);

    expect(status).toBe(200);
    expect(body).toEqual({ nodeName: 'node-1', epoch: 'run-a', ackedSeq: 2, needFull: false, applied: { added: 1, removed: 1, changed: 0 } });
    const routes: Route[] = await getJson('/api/v1/nodes/node-1/routes');
    expect(routes.map(routeId)).toContain(routeId(routeToNode3));
    expect(routes.map(routeId)).not.toContain(routeId(routeToNode2));
  });

  it('should apply nothing and repeat the ack when a delta arrives twice', async () => {
    await post(flannelNodeReport);
    await post(flannelNodeDelta);
    const rows = await routeRows();

    const { status, body } = await post(flannelNodeDelta);

    expect(status).toBe(200);
    expect(body).toEqual({ nodeName: 'node-1', epoch: 'run-a', ackedSeq: 2, needFull: false, applied: { added: 0, removed: 0, changed: 0 } });
    expect(await routeRows()).toEqual(rows);
  });

  it.each([
    ['its baseSeq skips a report', { baseSeq: 2, seq: 3 }],
    ['it belongs to another epoch', { epoch: 'run-b' }],
  ])('should answer 409 with needFull and apply nothing when a delta does not follow because %s', async (_why, patch) => {
    await post(flannelNodeReport);

    const { status, body } = await post({ ...flannelNodeDelta, ...patch });

    expect(status).toBe(409);
    expect(body).toMatchObject({ statusCode: 409, error: 'Conflict', needFull: true, nodeName: 'node-1', epoch: 'run-a', ackedSeq: 1 });
    expect(await getJson('/api/v1/nodes/node-1/routes')).toEqual(byKey(flannelNodeReport.tables.routes, routeId));
  });

  describe('heartbeats (deltas that change no table)', () => {
    const eth0 = { ifname: 'eth0', rxBytes: 2 ** 40, rxPackets: 9, rxErrors: 0, rxDropped: 0, txBytes: 5, txPackets: 1, txErrors: 0, txDropped: 0 };
    const heartbeat = {
      ...flannelNodeDelta,
      identity: { ...flannelNodeDelta.identity, kernel: '6.1.0-99' },
      bgp: { socket: '/run/bird.ctl', status: 'ok' as const },
      errors: [{ source: 'bgpSessions', message: 'no BIRD socket' }],
      counters: [eth0],
      changes: {},
    };
    const samples = async () =>
      (await db.query<{ rxBytes: string; ts: Date }>(`SELECT "rxBytes", ts FROM "CounterSample" WHERE ifname = 'eth0' ORDER BY id`)).rows;
    const nodeRow = async () =>
      (await db.query(`SELECT kernel, "ackedSeq", "lastSeen", bgp, "collectorErrors" FROM "Node" WHERE name = 'node-1'`)).rows[0];

    it('should store identity, BGP status, errors and counters and acknowledge the seq when a heartbeat follows', async () => {
      await post(flannelNodeReport);
      const routesBefore = await routeRows();

      const { status, body } = await post(heartbeat);

      expect(status).toBe(200);
      expect(body).toEqual({ nodeName: 'node-1', epoch: 'run-a', ackedSeq: 2, needFull: false, applied: { added: 0, removed: 0, changed: 0 } });
      expect(await nodeRow()).toEqual({
        kernel: '6.1.0-99',
        ackedSeq: 2,
        lastSeen: new Date(heartbeat.collectedAt),
        bgp: heartbeat.bgp,
        collectorErrors: heartbeat.errors,
      });
      expect((await samples()).at(-1)).toEqual({ rxBytes: String(2 ** 40), ts: new Date(heartbeat.collectedAt) });
      expect(await routeRows()).toEqual(routesBefore);
    });

    it('should keep lastSeen and the sample time monotonic when the agent clock steps back', async () => {
      await post(flannelNodeReport);

      await post({ ...heartbeat, collectedAt: '2026-11-24T09:00:00.000Z' });

      const firstSeen = new Date(flannelNodeReport.collectedAt);
      expect((await nodeRow()).lastSeen).toEqual(firstSeen);
      expect((await samples()).at(-1)?.ts).toEqual(firstSeen);
    });

    it('should store one sample and one ack when copies of one heartbeat arrive at once', async () => {
      await post(flannelNodeReport);
      const before = (await samples()).length;

      const answers = await Promise.all(Array.from({ length: 8 }, () => post(heartbeat)));

      expect(answers.map((a) => [a.status, a.body.ackedSeq])).toEqual(Array(8).fill([200, 2]));
      expect(await samples()).toHaveLength(before + 1);
    });

    it('should answer 409 with needFull and store nothing when a heartbeat skips a seq', async () => {
      await post(flannelNodeReport);
      const before = await samples();

      const { status, body } = await post({ ...heartbeat, baseSeq: 2, seq: 3 });

      expect(status).toBe(409);
      expect(body).toMatchObject({ needFull: true, ackedSeq: 1 });
      expect(await samples()).toEqual(before);
      expect((await nodeRow()).kernel).toBe(flannelNodeReport.identity.kernel ?? null);
    });

    it('should apply a table-changing delta after heartbeats when its baseSeq is the last heartbeat', async () => {
      await post(flannelNodeReport);
      await post(heartbeat);

      const { status, body } = await post({ ...flannelNodeDelta, baseSeq: 2, seq: 3 });

      expect(status).toBe(200);
      expect(body).toMatchObject({ ackedSeq: 3, applied: { added: 1, removed: 1, changed: 0 } });
    });
  });

  it('should answer 409 with needFull when a delta arrives for a node never seen', async () => {
    const { status, body } = await post(flannelNodeDelta);

    expect(status).toBe(409);
    expect(body).toMatchObject({ needFull: true, ackedSeq: 0 });
  });
});

describe('POST /api/v1/reports body limit', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ MESHLENS_BODY_LIMIT: '2kb' });
  });

  afterAll(async () => {
    await api.close();
  });

  it('should answer 413 when the body is larger than MESHLENS_BODY_LIMIT', async () => {
    const res = await api.postReport(flannelNodeReport);

    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });
});
