import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
// eslint-disable-next-line @nx/enforce-module-boundaries -- checked against (or run with) the real API code and shared test helpers
import { eventually, freePort, startProcess, type RunningProcess } from '../e2e/support/processes';
import { REDIS_URL, redisUnavailable } from './support/redis';
import { droppedSession, establishedSession, fullReport, postReport, sessionDelta } from './support/reports';
import { WebhookReceiver } from './support/webhook-receiver';

const TOKEN = randomBytes(16).toString('hex');
const NODE = 'replica-node-1';

interface Replica {
  name: string;
  base: string;
  process: RunningProcess;
}

async function readiness(base: string): Promise<{ status: string; alertOwner: boolean; checks: Record<string, { status: string }> }> {
  return (await fetch(`${base}/readyz`)).json();
}

describe('two API replicas on one Postgres and one Redis', () => {
  let skip: string | null = null;
  let db: TestDatabase;
  const receiver = new WebhookReceiver();
  const replicas: Replica[] = [];
  const sockets: Socket[] = [];
  // One prefix per run: socket.io and relay channels of other runs (or other tests) never mix with these.
  const prefix = `meshlens-test-${randomBytes(6).toString('hex')}`;

  const startReplica = async (name: string): Promise<Replica> => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const process = startProcess(['dist/apps/api/main.js'], {
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      MESHLENS_AGENT_TOKENS: TOKEN,
      MESHLENS_REDIS_URL: REDIS_URL,
      MESHLENS_REDIS_PREFIX: prefix,
      MESHLENS_LEADER_CHECK_MS: '300',
      MESHLENS_ALERT_SWEEP_MS: '200',
      // Only the reports of this test raise alerts: no timed consistency sweep, no agent-silence noise.
      MESHLENS_FINDINGS_INTERVAL_MS: '0',
      LOG_LEVEL: 'warn',
    });
    const replica = { name, base, process };
    replicas.push(replica);
    await eventually(async () => ((await readiness(base)).status === 'ready' ? true : undefined), 60_000, `${name} ready\n${process.output()}`);
    return replica;
  };

  const owners = async (): Promise<Replica[]> => {
    const alive = replicas.filter((r) => r.process.child.exitCode === null && r.process.child.signalCode === null);
    const states = await Promise.all(alive.map(async (r) => ((await readiness(r.base)).alertOwner ? r : null)));
    return states.filter((r): r is Replica => r !== null);
  };

  const connect = async (replica: Replica): Promise<{ socket: Socket; firing: string[]; resolved: string[] }> => {
    const socket = io(replica.base, { transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    const seen = { socket, firing: [] as string[], resolved: [] as string[] };
    socket.on('alert:firing', (a: { ruleId: string; subject: string }) => seen.firing.push(`${a.ruleId} ${a.subject}`));
    socket.on('alert:resolved', (a: { ruleId: string; subject: string }) => seen.resolved.push(`${a.ruleId} ${a.subject}`));
    await new Promise<void>((res, rej) => {
      socket.once('connect', res);
      socket.once('connect_error', rej);
    });
    return seen;
  };

  const downNotices = (status: string) => receiver.alerts().filter((a) => a.labels['alertname'] === 'bgp-session-down' && a.status === status);

  beforeAll(async () => {
    skip = await redisUnavailable();
    if (skip) return;
    db = await createTestDatabase();
    await receiver.start();
    await startReplica('A');
    await startReplica('B');
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    await Promise.all(replicas.map((r) => r.process.stop()));
    await receiver.stop();
    await db?.drop();
  });

  it('should give alerting to exactly one replica', async () => {
    if (skip) return console.warn(`skipped: ${skip}`);
    const owner = await eventually(async () => ((await owners()).length === 1 ? await owners() : undefined), 10_000, 'one alert owner');
    expect(owner).toHaveLength(1);
  });

  it('should deliver an alert raised by a report on the non-owner once, and show it to browsers on both replicas', async () => {
    if (skip) return console.warn(`skipped: ${skip}`);
    const [owner] = await owners();
    const other = replicas.find((r) => r !== owner) as Replica;
    // The receiver is added through the replica that does not run the engine: the owner must learn of it.
    const created = await fetch(`${other.base}/api/v1/alert-receivers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'count-posts', url: receiver.url }),
    });
    expect(created.status).toBe(201);
    const onOther = await connect(other);
    const onOwner = await connect(owner);

    expect((await postReport(other.base, TOKEN, fullReport(NODE, [establishedSession]))).status).toBe(200);
    expect((await postReport(other.base, TOKEN, sessionDelta(NODE, 2, [droppedSession]))).status).toBe(200);

    const expected = `bgp-session-down ${droppedSession.name}`;
    await eventually(async () => (onOther.firing.includes(expected) ? true : undefined), 10_000, `alert:firing on ${other.name} (not the owner)`);
    await eventually(async () => (onOwner.firing.includes(expected) ? true : undefined), 10_000, `alert:firing on ${owner.name} (the owner)`);
    await eventually(async () => (downNotices('firing').length > 0 ? true : undefined), 10_000, 'the webhook POST');
    // Several sweeps of the outbox later, still one notification.
    await new Promise((r) => setTimeout(r, 1500));
    expect(downNotices('firing')).toHaveLength(1);
    expect(onOther.firing.filter((f) => f === expected)).toHaveLength(1);

    // A scrape of either replica shows the cluster: the owner from its engine, the other from what the owner stored.
    const scrape = async (r: Replica) => (await fetch(`${r.base}/metrics`)).text();
    for (const r of [owner, other]) {
      const text = await eventually(async () => {
        const t = await scrape(r);
        return t.includes('meshlens_alerts{rule="bgp-session-down",state="firing"} 1\n') ? t : undefined;
      }, 10_000, `the firing alert in ${r.name}'s /metrics`);
      expect(text).toContain(`meshlens_bgp_session_up{node="${NODE}",session="${droppedSession.name}"} 0\n`);
      expect(text).toMatch(new RegExp(`^meshlens_node_last_report_age_seconds\\{node="${NODE}"\\} [0-9.]+$`, 'm'));
      expect(text).toContain(`meshlens_alerting_owner ${r === owner ? 1 : 0}\n`);
    }
  });

  it('should hand alerting over when the owner dies, and the new owner should resolve the alert once', async () => {
    if (skip) return console.warn(`skipped: ${skip}`);
    const [owner] = await owners();
    const survivor = replicas.find((r) => r !== owner) as Replica;
    owner.process.child.kill('SIGKILL');
    await eventually(async () => ((await readiness(survivor.base)).alertOwner ? true : undefined), 10_000, `${survivor.name} taking over`);

    expect((await postReport(survivor.base, TOKEN, sessionDelta(NODE, 3, [establishedSession]))).status).toBe(200);
    await eventually(async () => (downNotices('resolved').length > 0 ? true : undefined), 10_000, 'the resolved POST from the new owner');
    await new Promise((r) => setTimeout(r, 1500));
    expect(downNotices('resolved')).toHaveLength(1);
    expect(downNotices('firing')).toHaveLength(1);
  });

  it('should fire a pending alert once, from the new owner, when the owner dies during its for-duration', async () => {
    if (skip) return console.warn(`skipped: ${skip}`);
    const [owner] = await owners();
    const joiner = await startReplica('C');
    // Through the replica that does not run the engine: the owner reloads its rules before this answers.
    const patched = await fetch(`${joiner.base}/api/v1/alert-rules/bgp-session-down`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ forSeconds: 3 }),
    });
    expect(patched.status).toBe(200);

    expect((await postReport(joiner.base, TOKEN, sessionDelta(NODE, 4, [droppedSession]))).status).toBe(200);
    await eventually(
      async () => {
        const { alerts } = (await (await fetch(`${joiner.base}/api/v1/alerts?state=pending`)).json()) as { alerts: unknown[] };
        return alerts.length === 1 ? true : undefined;
      },
      10_000,
      'the alert pending on the owner',
    );
    owner.process.child.kill('SIGKILL');

    await eventually(async () => ((await readiness(joiner.base)).alertOwner ? true : undefined), 10_000, `${joiner.name} taking over`);
    await eventually(async () => (downNotices('firing').length === 2 ? true : undefined), 15_000, 'the pending alert firing after its for-duration');
    await new Promise((r) => setTimeout(r, 1500));
    expect(downNotices('firing')).toHaveLength(2);
  });

  it('should hand alerting over at once when the owner is stopped with SIGTERM, and exit 0', async () => {
    if (skip) return console.warn(`skipped: ${skip}`);
    const [owner] = await owners();
    const next = await startReplica('D');
    const exit = new Promise<number | null>((res) => owner.process.child.once('exit', (code) => res(code)));
    owner.process.child.kill('SIGTERM');

    expect(await exit).toBe(0);
    await eventually(async () => ((await readiness(next.base)).alertOwner ? true : undefined), 10_000, `${next.name} taking over`);
    // Nothing was owed: no notification was sent again by the new owner.
    await new Promise((r) => setTimeout(r, 1000));
    expect(downNotices('firing')).toHaveLength(2);
    expect(downNotices('resolved')).toHaveLength(1);
  });
});
