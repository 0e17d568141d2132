import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import type { DeltaReport, NodeReport } from '@meshlens/model';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { droppedSession, establishedSession, fullReport, sessionDelta } from '../../apps/api/src/app/alerts/testing/alert-test-data';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually } from '../e2e/support/processes';
import { AGENT_TOKEN, ApiProcess } from './support/fleet';

const WEBHOOK_TIMEOUT_MS = 500;

/** Accepts connections and never answers (a receiver whose process hangs); counts the connections. */
class HangingReceiver {
  connections = 0;
  private readonly sockets = new Set<Socket>();
  private readonly server: Server = createServer((socket) => {
    this.connections++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
  });

  async start(): Promise<string> {
    await new Promise<void>((res) => this.server.listen(0, '127.0.0.1', res));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((res) => this.server.close(() => res()));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('a webhook receiver that accepts and never answers', () => {
  let db: TestDatabase;
  let api: ApiProcess;
  const receiver = new HangingReceiver();

  const post = async (report: NodeReport): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(`${api.base}/api/v1/reports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${AGENT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`report ${report.nodeName}#${report.seq}: ${res.status} ${body}`);
    return performance.now() - t0;
  };
  let steadySeq = 1;
  /** n heartbeats of one node, one after the other; their latencies in ms. */
  const heartbeats = async (n: number): Promise<number[]> => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const seq = ++steadySeq;
      const report: DeltaReport = { ...fullReport('steady', []), kind: 'delta', seq, baseSeq: seq - 1, collectedAt: new Date().toISOString(), changes: {} } as never;
      ms.push(await post(report));
    }
    return ms;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await ApiProcess.start({
      DATABASE_URL: db.url,
      MESHLENS_ALERT_WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
      MESHLENS_ALERT_RETRY_BASE_MS: '200',
      MESHLENS_ALERT_RETRY_MAX_MS: '400',
      MESHLENS_ALERT_SWEEP_MS: '200',
    });
    await post({ ...fullReport('steady', []), collectedAt: new Date().toISOString() });
  });

  afterAll(async () => {
    await api?.stop();
    await receiver.close();
    await db?.drop();
  });

  it('should keep ingest latency and time out and retry the deliveries when the receiver hangs', async () => {
    await heartbeats(20);
    const without = await heartbeats(60);

    const url = await receiver.start();
    const created = await fetch(`${api.base}/api/v1/alert-receivers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'hangs', url }),
    });
    expect(created.status).toBe(201);
    // Twenty nodes whose BGP session is down: twenty alerts fire, each owes the hanging receiver a delivery.
    const firingReports: number[] = [];
    for (let i = 0; i < 20; i++) {
      await post(fullReport(`bgp-${i}`, [establishedSession]));
      firingReports.push(await post(sessionDelta(`bgp-${i}`, 2, [droppedSession])));
    }
    await eventually(async () => receiver.connections > 0 || undefined, 10_000, 'a first delivery attempt').catch(async (e: Error) => {
      throw new Error(`${e.message}; alerts: ${JSON.stringify(await api.json('/api/v1/alerts')).slice(0, 1500)}\n${api.output().slice(-3000)}`);
    });
    const withHanging = await heartbeats(60);

    // Ingest never waits for a delivery: a generous bound, as the machine is shared (the hang alone would be 500 ms).
    expect(median(withHanging)).toBeLessThan(3 * median(without) + 25);
    // A report that fires an alert is acknowledged without waiting for the (hanging) delivery either.
    expect(median(firingReports)).toBeLessThan(WEBHOOK_TIMEOUT_MS);
    const firing = await api.json<{ alerts: { state: string }[] } | { state: string }[]>('/api/v1/alerts?state=firing');
    expect((Array.isArray(firing) ? firing : firing.alerts).length).toBeGreaterThanOrEqual(20);

    // Each attempt gives up after the timeout and the delivery is tried again, on new connections.
    await eventually(async () => receiver.connections >= 4 || undefined, 20_000, 'retried deliveries');
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ status: string; attempts: number; lastError: string | null }>(
        `SELECT status, attempts, "lastError" FROM "AlertDelivery" ORDER BY attempts DESC LIMIT 1`,
      );
      expect(rows[0]).toMatchObject({ status: 'pending', lastError: expect.stringMatching(/no answer within 500 ms/) });
      expect(rows[0].attempts).toBeGreaterThanOrEqual(2);
    } finally {
      await client.end();
    }
  });
});
