import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { eventually, freePort, startApi, type RunningProcess } from '../e2e/support/processes';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the real etcd the API's own tests use
import { etcdUnavailableReason, startEtcdTestServer, type EtcdTestServer } from '../../apps/api/src/app/datastore/testing/etcd-test-server';

interface Readiness {
  status: string;
  checks: Record<string, { status: string; detail?: string }>;
  alertOwner: boolean;
}

describe('/readyz of a real API process', () => {
  let db: TestDatabase;
  let api: RunningProcess;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // Nothing listens on this port: etcd is configured but cannot be reached.
    const etcdPort = await freePort();
    ({ base, process: api } = await startApi({
      DATABASE_URL: db.url,
      MESHLENS_AGENT_TOKENS: randomBytes(8).toString('hex'),
      MESHLENS_ETCD_ENDPOINTS: `http://127.0.0.1:${etcdPort}`,
      MESHLENS_FINDINGS_INTERVAL_MS: '0',
      LOG_LEVEL: 'error',
    }));
  });

  afterAll(async () => {
    await api?.stop();
    await db?.drop();
  });

  it('should answer 503 naming etcd when the configured etcd is unreachable, while /healthz stays 200', async () => {
    const res = await fetch(`${base}/readyz`);
    const body = (await res.json()) as Readiness;

    expect(res.status).toBe(503);
    expect(body.status).toBe('not-ready');
    expect(body.checks['etcd']).toEqual({ status: 'failed', detail: expect.stringMatching(/flannel \/coreos\.com\/network: (starting|listing|disconnected)/) });
    expect(body.checks['database']).toEqual({ status: 'ok' });
    expect(body.checks['redis']).toEqual({ status: 'skipped' });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('should fail the migrations check when the database lacks a migration this build ships', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ name: string }>(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = (SELECT max("migration_name") FROM "_prisma_migrations") RETURNING "migration_name" AS name`);
      const body = (await (await fetch(`${base}/readyz`)).json()) as Readiness;

      expect(body.checks['migrations']).toEqual({ status: 'failed', detail: `not applied: ${rows[0].name}` });
    } finally {
      await client.end();
    }
  });
});

describe('/readyz with a real etcd', () => {
  const skip = etcdUnavailableReason();
  let db: TestDatabase;
  let etcd: EtcdTestServer;
  let api: RunningProcess;
  let base: string;

  const readiness = async (): Promise<Readiness> => (await fetch(`${base}/readyz`)).json() as Promise<Readiness>;

  beforeAll(async () => {
    if (skip) return;
    db = await createTestDatabase();
    etcd = await startEtcdTestServer();
    ({ base, process: api } = await startApi({
      DATABASE_URL: db.url,
      MESHLENS_AGENT_TOKENS: randomBytes(8).toString('hex'),
      MESHLENS_ETCD_ENDPOINTS: etcd.endpoint,
      MESHLENS_FINDINGS_INTERVAL_MS: '0',
      LOG_LEVEL: 'error',
    }));
  });

  afterAll(async () => {
    await api?.stop();
    await etcd?.destroy();
    await db?.drop();
  });

  it('should be ready once every prefix is watched, unready while etcd is down, and ready again after', async () => {
    if (skip) return console.warn(`skipped: ${skip}`);
    const ready = await eventually(async () => ((await readiness()).status === 'ready' ? readiness() : undefined), 20_000, 'ready with etcd');
    expect(ready.checks['etcd']).toEqual({ status: 'ok', detail: '2 prefixes watched' });

    await etcd.stop();
    const down = await eventually(async () => ((await readiness()).status === 'not-ready' ? readiness() : undefined), 20_000, 'unready without etcd');
    expect(down.checks['etcd'].status).toBe('failed');
    expect(down.checks['database']).toEqual({ status: 'ok' });

    await etcd.start();
    await eventually(async () => ((await readiness()).status === 'ready' ? true : undefined), 30_000, 'ready again after etcd restarted');
  });
});
