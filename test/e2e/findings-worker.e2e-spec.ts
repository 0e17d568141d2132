import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertList, NodeReport } from '@meshlens/model';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { CAPTURED_NODES, capturedReport } from '../../apps/api/src/app/testing/captured-report.fixture';
import { eventually, freePort, ROOT, startApi, startProcess, type RunningProcess } from './support/processes';

const TOKEN = 'e2e-findings-worker-token';
const WORKER_STARTED = 'consistency checks run in a worker thread';

describe('the built API runs the consistency checks in a worker thread', () => {
  let db: TestDatabase;
  let api: RunningProcess;
  let base: string;

  const post = async (report: NodeReport) => {
    const res = await fetch(`${base}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(report),
    });
    expect(res.status).toBe(200);
  };
  const firing = async () => ((await (await fetch(`${base}/api/v1/alerts?state=firing`)).json()) as AlertList).alerts;

  beforeAll(async () => {
    db = await createTestDatabase();
    ({ base, process: api } = await startApi({
      DATABASE_URL: db.url,
      MESHLENS_AGENT_TOKENS: TOKEN,
      MESHLENS_FINDINGS_INTERVAL_MS: '500',
      LOG_LEVEL: 'info',
    }));
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('should fire a consistency alert from the worker thread when a node loses its FDB entry to the peer VTEP', async () => {
    for (const node of CAPTURED_NODES) await post(capturedReport(node, 1, new Date().toISOString()));
    const broken = capturedReport('node-1', 2, new Date().toISOString());
    broken.tables.fdb = broken.tables.fdb.filter((f) => !(f.dev === 'flannel.1' && f.dst));
    await post(broken);

    const alerts = await eventually(
      async () => {
        const list = await firing();
        return list.some((a) => a.labels['code'] === 'vxlan-fdb-missing') ? list : undefined;
      },
      20_000,
      `a firing vxlan-fdb-missing alert\n${api.output()}`,
    );
    expect(alerts.filter((a) => a.ruleId === 'consistency-finding').map((a) => [a.node, a.labels['code']])).toEqual([['node-1', 'vxlan-fdb-missing']]);
    // One thread started and kept: no run failed, none was abandoned.
    expect(api.output().split(WORKER_STARTED).length - 1).toBe(1);
    expect(api.output()).not.toContain('consistency sweep failed');
    expect(api.output()).not.toContain('run in-process');
  });

  it('should refuse to start when the bundle lacks its worker script', async () => {
    // A copy of the build without checks-worker.js, inside dist/ so that its requires resolve the workspace's
    // node_modules as the real bundle's do.
    const dir = join(ROOT, 'dist', `e2e-api-without-worker-${process.pid}`);
    cpSync(join(ROOT, 'dist/apps/api'), dir, { recursive: true, filter: (src) => !src.includes('checks-worker') });
    try {
      expect(existsSync(join(dir, 'main.js'))).toBe(true);
      const port = await freePort();
      const broken = startProcess([join(dir, 'main.js')], { DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', MESHLENS_AGENT_TOKENS: TOKEN });
      try {
        const code = await eventually(async () => broken.child.exitCode ?? undefined, 60_000, `the API to exit\n${broken.output()}`);
        expect(code).not.toBe(0);
        expect(broken.output()).toContain('checks-worker.js is missing');
      } finally {
        await broken.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
