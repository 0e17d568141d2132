import { Client } from 'pg';
import { capturedReport } from '../testing/captured-report.fixture';
import { brokenBody, mutatedReport, pathsOf, seededRandom, type FuzzBody } from '../testing/report-mutations';
import { reportTablesDigest } from '../testing/report-tables-digest';
import { startTestApi, TEST_AGENT_TOKEN, type TestApi } from '../testing/test-api';

/** MESHLENS_FUZZ_SEED replays a failing run; MESHLENS_FUZZ_RUNS sends more (or fewer) inputs. */
const SEED = Number(process.env['MESHLENS_FUZZ_SEED'] ?? 20261124);
const RUNS = Number(process.env['MESHLENS_FUZZ_RUNS'] ?? 2000);

describe('POST /api/v1/reports under fuzzed input (real API, real Postgres)', () => {
  let api: TestApi;
  let db: Client;
  const digest = async (): Promise<string> => JSON.stringify(await reportTablesDigest(db));
  /** The next transaction id: unchanged means nothing wrote at all since the last look (cheaper than a digest). */
  const nextXid = async (): Promise<string> => (await db.query('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS x')).rows[0].x;

  beforeAll(async () => {
    api = await startTestApi({ MESHLENS_BODY_LIMIT: '2mb', LOG_LEVEL: process.env['MESHLENS_FUZZ_LOG'] ?? 'fatal', MESHLENS_AGENT_RATE_LIMIT_PER_MINUTE: '1000000' });
    db = new Client({ connectionString: api.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it('should answer every generated and mutated body with a 2xx or 4xx, and change nothing when it answers 4xx', async () => {
    const base = capturedReport('node-1', 1, '2026-11-24T12:00:00.000Z');
    expect((await api.postReport(base)).status).toBe(200);
    const paths = pathsOf(base);
    const rng = seededRandom(SEED);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let before = await digest();
    let xid = await nextXid();
    let seq = 1;

    for (let i = 0; i < RUNS && failures.length < 5; i++) {
      // Mostly mutated reports (a fresh seq, so one that passes validation really is applied), some broken bodies.
      const input: FuzzBody = rng() < 0.8 ? mutatedReport(rng, base, paths, ++seq) : brokenBody(rng, base);
      const res = await fetch(`${api.baseUrl}/api/v1/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_AGENT_TOKEN}`, 'content-type': input.contentType },
        body: input.body,
      });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const what = `#${i} (seed ${SEED}) ${input.label}: ${res.status} ${text.slice(0, 300)}`;
      if (res.status >= 500 || res.status < 200) failures.push(what);
      if (res.status >= 400) {
        if (!/^application\/json/.test(res.headers.get('content-type') ?? '')) failures.push(`${what}: not a JSON error body`);
        // Nothing wrote since the last look, or whatever wrote left the report tables as they were.
        const now = await nextXid();
        if (now !== xid && (await digest()) !== before) failures.push(`${what}: the stored state changed`);
        xid = now;
      } else {
        before = await digest();
        xid = await nextXid();
      }
    }

    if (process.env['MESHLENS_FUZZ_LOG']) console.log(`statuses of ${RUNS} inputs:`, Object.fromEntries(statuses));
    expect(failures).toEqual([]);
    // The generator must reach both sides: bodies refused for many reasons, and mutated reports still applied.
    expect([...statuses.keys()].filter((s) => s >= 400).length).toBeGreaterThanOrEqual(3);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(RUNS);
  }, 180_000);
});
