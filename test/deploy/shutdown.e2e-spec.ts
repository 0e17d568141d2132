import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { eventually, freePort, startProcess, type RunningProcess } from '../e2e/support/processes';
import { establishedSession, fullReport, postReport, sessionDelta } from './support/reports';

const TOKEN = randomBytes(16).toString('hex');
const NODE = 'draining-node';
// The key ingest takes per node (NodeRepository.lockName): holding it keeps a report in flight, deterministically.
const NODE_LOCK = `SELECT pg_advisory_lock(hashtextextended('meshlens.node:${NODE}', 0))`;

const exited = (p: RunningProcess): Promise<number | null> =>
  p.child.exitCode !== null ? Promise.resolve(p.child.exitCode) : new Promise((res) => p.child.once('exit', (code) => res(code)));

describe('SIGTERM while a report is in flight', () => {
  let db: TestDatabase;
  let holder: Client;
  const running: RunningProcess[] = [];

  const startApi = async (extra: Record<string, string> = {}): Promise<{ api: RunningProcess; base: string }> => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = startProcess(['dist/apps/api/main.js'], {
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      MESHLENS_AGENT_TOKENS: TOKEN,
      MESHLENS_FINDINGS_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
      ...extra,
    });
    running.push(api);
    await eventually(async () => ((await fetch(`${base}/readyz`)).ok ? true : undefined), 60_000, `API ready\n${api.output()}`);
    return { api, base };
  };

  const ackedSeq = async (): Promise<number | undefined> =>
    (await holder.query<{ ackedSeq: number }>('SELECT "ackedSeq" FROM "Node" WHERE "name" = $1', [NODE])).rows[0]?.ackedSeq;

  /** Waits until the report's transaction is queued behind our lock: it is in flight, inside the API. */
  const waitForBlockedIngest = () =>
    eventually(
      async () => ((await holder.query(`SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rowCount ? true : undefined),
      10_000,
      'the report waiting on the node lock',
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    holder = new Client({ connectionString: db.url });
    await holder.connect();
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    await holder?.end();
    await db?.drop();
  });

  it('should commit and acknowledge the report under way, refuse new connections, and exit 0', async () => {
    const { api, base } = await startApi();
    expect((await postReport(base, TOKEN, fullReport(NODE, [establishedSession]))).status).toBe(200);
    await holder.query(NODE_LOCK);
    const inFlight = postReport(base, TOKEN, sessionDelta(NODE, 2, [establishedSession]));
    await waitForBlockedIngest();

    api.child.kill('SIGTERM');
    // The listening socket closes at once: a new agent connection is refused (the agent keeps its report queued).
    await eventually(async () => (await fetch(`${base}/healthz`).then(() => undefined, () => true)), 5000, 'new connections refused');
    expect(api.child.exitCode).toBeNull();
    await holder.query(`SELECT pg_advisory_unlock_all()`);

    const answer = await inFlight;
    expect(answer).toEqual({ status: 200, body: expect.objectContaining({ nodeName: NODE, ackedSeq: 2 }) });
    expect(await exited(api)).toBe(0);
    expect(await ackedSeq()).toBe(2);
  });

  it('should exit 1 without acknowledging when the report cannot finish within MESHLENS_SHUTDOWN_TIMEOUT_MS', async () => {
    const { api, base } = await startApi({ MESHLENS_SHUTDOWN_TIMEOUT_MS: '1000' });
    await holder.query(NODE_LOCK);
    const inFlight = postReport(base, TOKEN, sessionDelta(NODE, 3, [establishedSession])).then(
      (r) => r.status,
      () => 'connection closed',
    );
    await waitForBlockedIngest();

    api.child.kill('SIGTERM');
    expect(await exited(api)).toBe(1);
    await holder.query(`SELECT pg_advisory_unlock_all()`);
    // Never acknowledged, and never committed: the agent resends seq 3 to the next replica.
    expect(await inFlight).toBe('connection closed');
    expect(await ackedSeq()).toBe(2);
  });
});
