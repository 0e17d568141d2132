import { Client } from 'pg';
import type { FullReport } from '@meshlens/model';
import { capturedReport } from '../testing/captured-report.fixture';
import { reportTablesDigest } from '../testing/report-tables-digest';
import { startTestApi, type TestApi } from '../testing/test-api';

/** A route the injected fault recognises; TEST-NET-3, so it can be nothing real. */
const FAULT_DST = '203.0.113.77/32';

describe('one transaction per report (real API, real Postgres, a fault injected by a trigger)', () => {
  let api: TestApi;
  let db: Client;

  beforeAll(async () => {
    api = await startTestApi({ LOG_LEVEL: 'fatal' });
    db = new Client({ connectionString: api.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await api?.close();
  });

  it('should leave every row as it was when the database refuses one route after links and addresses were written', async () => {
    const first = capturedReport('node-1', 1, '2026-11-24T12:00:00.000Z');
    expect((await api.postReport(first)).status).toBe(200);
    // Postgres itself refuses the marked route, half-way through the second report's transaction (tables are
    // written links, addresses, then routes), as a full disk or a lost connection would.
    await db.query(`
      CREATE FUNCTION refuse_marked_route() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.data->>'dst' = '${FAULT_DST}' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_marked_route BEFORE INSERT ON "Route" FOR EACH ROW EXECUTE FUNCTION refuse_marked_route();`);
    const second: FullReport = {
      ...first,
      seq: 2,
      collectedAt: '2026-11-24T12:00:05.000Z',
      tables: {
        ...first.tables,
        links: first.tables.links.map((l) => ({ ...l, mtu: l.mtu - 1 })),
        addresses: first.tables.addresses.slice(1),
        routes: [...first.tables.routes, { ...first.tables.routes.filter((r) => r.family === 'inet' && r.dev)[0], dst: FAULT_DST }],
      },
    };
    const before = await reportTablesDigest(db);

    const refused = await api.postReport(second);

    expect(refused.status).toBe(500);
    expect(await reportTablesDigest(db)).toEqual(before);
    // The acknowledged seq did not move either: the agent's resend of seq 2 is applied, not taken as a duplicate.
    await db.query('DROP TRIGGER refuse_marked_route ON "Route"; DROP FUNCTION refuse_marked_route();');
    const resent = await api.postReport(second);
    expect(resent.status).toBe(200);
    expect((await resent.json()).ackedSeq).toBe(2);
    const after = Object.fromEntries((await reportTablesDigest(db)).map((t) => [t.t, t.n]));
    expect(after['Route']).toBeGreaterThan(Object.fromEntries(before.map((t) => [t.t, t.n]))['Route']);
  });
});
