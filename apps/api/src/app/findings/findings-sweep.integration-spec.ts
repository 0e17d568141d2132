import type { AlertList } from '@meshlens/model';
// test/e2e is a test project without an import path: its helper is imported, not copied.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually } from '../../../../../test/e2e/support/processes';
import { CAPTURED_NODES, capturedReport } from '../testing/captured-report.fixture';
import { startTestApi, type TestApi } from '../testing/test-api';

describe('consistency findings reach the alert engine (real Postgres)', () => {
  let api: TestApi;
  const previous = process.env['MESHLENS_FINDINGS_INTERVAL_MS'];

  beforeAll(async () => {
    process.env['MESHLENS_FINDINGS_INTERVAL_MS'] = '200';
    api = await startTestApi();
    for (const node of CAPTURED_NODES) expect((await api.postReport(capturedReport(node, 1, new Date().toISOString()))).status).toBe(200);
  });

  afterAll(async () => {
    process.env['MESHLENS_FINDINGS_INTERVAL_MS'] = previous;
    await api?.close();
  });

  const firing = async () => ((await (await api.get('/api/v1/alerts?state=firing')).json()) as AlertList).alerts;

  it('should fire a consistency alert naming the node when a node loses its FDB entry to the peer VTEP, and resolve it when it comes back', async () => {
    const broken = capturedReport('node-1', 2, new Date().toISOString());
    broken.tables.fdb = broken.tables.fdb.filter((f) => !(f.dev === 'flannel.1' && f.dst));
    expect((await api.postReport(broken)).status).toBe(200);

    const alerts = await eventually(async () => {
      const list = await firing();
      return list.some((a) => a.labels['code'] === 'vxlan-fdb-missing') ? list : undefined;
    }, 10_000, 'a firing vxlan-fdb-missing alert');
    expect(alerts.filter((a) => a.ruleId === 'consistency-finding').map((a) => [a.node, a.labels['code']])).toEqual([['node-1', 'vxlan-fdb-missing']]);

    expect((await api.postReport(capturedReport('node-1', 3, new Date().toISOString()))).status).toBe(200);
    await eventually(async () => ((await firing()).some((a) => a.ruleId === 'consistency-finding') ? undefined : true), 10_000, 'the alert resolved');
  });
});
