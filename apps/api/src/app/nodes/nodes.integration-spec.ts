import type { Route } from '@meshlens/model';
import { flannelNodeReport, multipathRoute } from '../testing/node-report.fixture';
import { startTestApi, type TestApi } from '../testing/test-api';

describe('GET /api/v1/nodes (real Postgres)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    const report = structuredClone(flannelNodeReport);
    report.tables.routes.push(multipathRoute);
    expect((await api.postReport(report)).status).toBe(200);
    expect((await api.postReport({ ...flannelNodeReport, nodeName: 'node-2', identity: { ...flannelNodeReport.identity, hostname: 'node-2' } })).status).toBe(200);
  });

  afterAll(async () => {
    await api.close();
  });

  const get = async (path: string) => {
    const res = await api.get(path);
    return { status: res.status, body: await res.json() };
  };
  const dsts = async (query: string) => ((await get(`/api/v1/nodes/node-1/routes?${query}`)).body as Route[]).map((r) => r.dst);

  it('should list every node with its current row counts when nodes have reported', async () => {
    const { body } = await get('/api/v1/nodes');

    expect(body.map((n: { name: string }) => n.name)).toEqual(['node-1', 'node-2']);
    expect(body[0].counts).toEqual({ links: 5, addresses: 5, routes: 8, neighbors: 2, fdb: 2, bgpSessions: 0 });
  });

  it('should answer 404 with a message naming the node when it never reported', async () => {
    for (const path of ['/api/v1/nodes/node-9', '/api/v1/nodes/node-9/routes']) {
      const { status, body } = await get(path);
      expect(status).toBe(404);
      expect(body).toEqual({ statusCode: 404, error: 'Not Found', message: 'node node-9 is not known (no report received)' });
    }
  });

  it('should keep routes within the prefix when prefix is given', async () => {
    expect(await dsts('prefix=10.244.0.0/16')).toEqual(['10.244.1.1/32', '10.244.1.0/24', '10.244.2.0/24']);
  });

  it('should keep addresses within the prefix when prefix is given', async () => {
    const { body } = await get('/api/v1/nodes/node-1/addresses?prefix=10.244.0.0/16');

    expect(body.map((a: { local: string }) => a.local).sort()).toEqual(['10.244.1.0', '10.244.1.1']);
  });

  it('should keep only routes of that table when table is given', async () => {
    expect(await dsts('table=local')).toEqual(['10.244.1.1/32', '192.0.2.11/32']);
  });

  it('should keep only IPv6 rows when family is inet6', async () => {
    expect(await dsts('family=inet6')).toEqual(['fe80::/64']);
    const { body } = await get('/api/v1/nodes/node-1/addresses?family=inet6');
    expect(body).toEqual([expect.objectContaining({ local: 'fe80::42:c0ff:fe00:20b' })]);
  });

  it('should match a device by the route dev or any next hop dev when dev is given', async () => {
    expect(await dsts('dev=flannel.1')).toEqual(['198.51.100.0/24', '10.244.2.0/24']);
    const { body } = await get('/api/v1/nodes/node-1/links?dev=cni0');
    expect(body).toEqual([expect.objectContaining({ ifname: 'cni0', kind: 'bridge' })]);
  });

  it('should combine filters when several are given', async () => {
    expect(await dsts('table=main&protocol=kernel&family=inet&dev=cni0')).toEqual(['10.244.1.0/24']);
  });

  it('should search the row JSON when q is given', async () => {
    const { body } = await get('/api/v1/nodes/node-1/fdb?q=192.0.2.12');

    expect(body).toEqual([expect.objectContaining({ dev: 'flannel.1', dst: '192.0.2.12' })]);
  });

  it.each([
    ['family=ipx', 'family'],
    ['prefix=10.0.0.0', 'prefix'],
    ['prefix=10.0.0.0/33', 'prefix'],
    ['dev=', 'dev'],
    ['at=yesterday', 'at'],
  ])('should answer 400 naming the parameter when the query is %s', async (query, param) => {
    const { status, body } = await get(`/api/v1/nodes/node-1/routes?${query}`);

    expect(status).toBe(400);
    expect(body.issues[0].path).toBe(param);
    expect(body.message).toContain(param);
  });

  it('should answer ok when the health check reaches the database', async () => {
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });
});
