import type { Finding, PathExplanation, Topology } from '@meshlens/model';
import { CAPTURED_NODES, capturedReport as reportOf } from '../testing/captured-report.fixture';
import { startTestApi, type TestApi } from '../testing/test-api';

describe('analysis endpoints over stored reports (real Postgres)', () => {
  let api: TestApi;
  // Reports carry fixed instants, so ?at= can ask exactly at them: validity is [validFrom, validTo).
  const firstAt = new Date(Date.now() - 60_000);
  const breakAt = new Date(firstAt.getTime() + 30_000);
  const iso = (ms: number) => new Date(ms).toISOString();
  const beforeBreak = iso(breakAt.getTime() - 1);

  beforeAll(async () => {
    api = await startTestApi();
    for (const node of CAPTURED_NODES) {
      const res = await api.postReport(reportOf(node, 1, firstAt.toISOString()));
      expect(res.status).toBe(200);
    }
    // node-1 loses its FDB entry to node-2's VTEP (a second full report without it).
    const broken = reportOf('node-1', 2, breakAt.toISOString());
    broken.tables.fdb = broken.tables.fdb.filter((f) => !(f.dev === 'flannel.1' && f.dst));
    expect((await api.postReport(broken)).status).toBe(200);
  });

  afterAll(() => api?.close());

  const json = async <T>(path: string): Promise<T> => {
    const res = await api.get(path);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it('should explain the pod to pod path as it was before the FDB entry disappeared when asked with at=', async () => {
    const path = await json<PathExplanation>(`/api/v1/path?src=10.244.1.10&dst=10.244.2.10&at=${beforeBreak}`);
    expect(path.status).toBe('delivered');
    expect(path.hops.find((h) => h.kind === 'encapsulate')?.encapsulation).toMatchObject({ type: 'vxlan', vni: 1, outerDst: '192.168.250.12' });
  });

  it('should stop at the FDB hop on the current state and name the break', async () => {
    const path = await json<PathExplanation>('/api/v1/path?src=10.244.1.10&dst=10.244.2.10');
    expect(path.failure).toMatchObject({ code: 'fdb-missing', node: 'node-1' });
  });

  it('should show the vxlan edge as one-sided now and as up before the break', async () => {
    const now = await json<Topology>('/api/v1/topology');
    const then = await json<Topology>(`/api/v1/topology?at=${beforeBreak}`);
    expect(now.edges.map((e) => [e.kind, e.state])).toEqual([['vxlan', 'one-sided']]);
    expect(then.edges.map((e) => [e.kind, e.state])).toEqual([['vxlan', 'up']]);
  });

  it('should list no finding before the break', async () => {
    expect(await json<Finding[]>(`/api/v1/checks?at=${beforeBreak}`)).toEqual([]);
  });

  it('should see the break at its exact instant and the state before it one millisecond earlier', async () => {
    const codes = async (at: string) => (await json<Finding[]>(`/api/v1/checks?at=${at}`)).map((f) => f.code);
    expect(await codes(breakAt.toISOString())).toContain('vxlan-fdb-missing');
    expect(await codes(beforeBreak)).toEqual([]);
    const path = await json<PathExplanation>(`/api/v1/path?src=10.244.1.10&dst=10.244.2.10&at=${breakAt.toISOString()}`);
    expect(path.failure).toMatchObject({ code: 'fdb-missing', node: 'node-1' });
  });

  it('should know no node before its first report and every node from its exact instant', async () => {
    expect((await json<Topology>(`/api/v1/topology?at=${iso(firstAt.getTime() - 1)}`)).nodes).toEqual([]);
    const first = await json<Topology>(`/api/v1/topology?at=${firstAt.toISOString()}`);
    expect(first.nodes.map((n) => n.name).sort()).toEqual([...CAPTURED_NODES].sort());
    expect(first.edges.map((e) => [e.kind, e.state])).toEqual([['vxlan', 'up']]);
  });

  it('should answer 400 naming the parameter when src is not an address', async () => {
    const res = await api.get('/api/v1/path?src=pod-a&dst=10.244.2.10');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { path: string }[] };
    expect(body.issues.map((i) => i.path)).toContain('src');
  });
});
