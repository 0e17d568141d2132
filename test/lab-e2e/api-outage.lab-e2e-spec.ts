import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { BgpTransitions, NodeChanges, NodeSummary, Route } from '@meshlens/model';
// tools/db is plain JS shared by every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  allEstablished,
  bgpDrop,
  bgpRestore,
  FLANNEL_HOSTGW_PREFIX,
  FLANNEL_VXLAN_PREFIX,
  labDown,
  labPreflight,
  labUp,
  waitForSessions,
  type LabState,
} from '../lab';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { eventually, ROOT, startApi, type RunningProcess } from '../e2e/support/processes';
import { getJson, startLabAgents } from './support/lab-cluster';

// The issue's acceptance test for delivery: the real API (dist build, real Postgres) stopped for 60 s while a lab
// node's routes change and a BGP session with real BIRD drops and comes back; once the API runs again on the same
// database, every change and both transitions are there, each at the time the node saw it, and none twice.
const PREFIX = 'mlout';
const STATE_DIR = `.data/lab-outage-${process.pid}`;
const OUTAGE_MS = 60_000;
const INTERVAL_S = 1;
// One agent interval for the read, plus the composing and the clock step of the poll: when a change may be stamped.
const SEEN_WITHIN_MS = 2 * INTERVAL_S * 1000 + 1000;

const problems = labPreflight();
const describeLab = problems.length ? describe.skip : describe;
const exec = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const iso = (ms: number) => new Date(ms).toISOString();

describeLab(`API outage on the namespace lab${problems.length ? ` (skipped: ${problems.join('; ')})` : ''}`, () => {
  let lab: LabState;
  let db: TestDatabase;
  let api: RunningProcess | undefined;
  let agents = new Map<string, RunningProcess>();
  let base = '';
  let apiEnv: Record<string, string> = {};
  const stateDir = resolve(ROOT, STATE_DIR);
  const get = <T>(path: string) => getJson<T>(base, path);
  const output = () => [`--- api\n${api?.output().slice(-3000)}`, ...[...agents].map(([n, a]) => `--- agent ${n}\n${a.output().slice(-3000)}`)].join('\n');

  let apiPort = 0;
  // Started again on the same port after the outage: the agents keep the address they were given.
  async function restartableApi(): Promise<void> {
    ({ base, port: apiPort, process: api } = await startApi(apiEnv, apiPort || undefined));
  }

  beforeAll(async () => {
    lab = await labUp({ nodes: 2, prefix: PREFIX, stateDir });
    if (!lab.etcd) throw new Error('labUp returned no etcd');
    db = await createTestDatabase();
    const token = randomBytes(16).toString('hex');
    apiEnv = {
      DATABASE_URL: db.url,
      MESHLENS_AGENT_TOKENS: token,
      MESHLENS_ETCD_ENDPOINTS: lab.etcd.endpoint,
      MESHLENS_FLANNEL_PREFIX: `${FLANNEL_VXLAN_PREFIX},${FLANNEL_HOSTGW_PREFIX}`,
      MESHLENS_CALICO_PREFIX: '/calico',
    };
    await restartableApi();
    agents = startLabAgents(lab, { api: base, token, stateDir, intervalSeconds: INTERVAL_S });
    await eventually(
      async () => {
        const nodes = await get<NodeSummary[]>('/api/v1/nodes');
        const ready = lab.nodes.every((n) => {
          const s = nodes.find((x) => x.name === n.name);
          return s && s.bgp?.status === 'ok' && s.counts.bgpSessions === 1;
        });
        return ready ? true : undefined;
      },
      60_000,
      `both agents reporting with BGP\n${output()}`,
    );
  }, 180_000);

  afterAll(async () => {
    await Promise.all([...agents.values()].map((a) => a.stop()));
    await api?.stop();
    await db?.drop();
    await labDown({ stateDir }).catch(() => undefined);
    await rm(`${stateDir}-agents`, { recursive: true, force: true });
  }, 60_000);

  it('should lose no route change and no BGP transition when the API is stopped for 60 s', async () => {
    const [node1, node2] = lab.nodes;
    const session = node1.bgpProtocols[0];
    const ip = (...args: string[]) => exec('ip', ['-n', node1.netns, ...args]);
    const sessionState = async () => (await get<Array<{ name: string; bgpState?: string }>>(`/api/v1/nodes/${node1.name}/bgp-sessions`)).find((s) => s.name === session)?.bgpState;
    expect(await sessionState()).toBe('Established');

    await api?.stop();
    const downAt = Date.now();
    await sleep(1000);
    // Route changes on node 1: two additions, a change of one (same natural key, new type) and a removal.
    await ip('route', 'add', 'blackhole', '10.250.1.0/24', 'proto', 'static');
    const addedAt = Date.now();
    await ip('route', 'add', 'blackhole', '10.250.2.0/24', 'proto', 'static');
    const added2At = Date.now();
    await sleep(3000);
    await ip('route', 'replace', 'unreachable', '10.250.1.0/24', 'proto', 'static');
    const changedAt = Date.now();
    await sleep(3000);
    await ip('route', 'del', 'blackhole', '10.250.2.0/24');
    const removedAt = Date.now();
    await sleep(2000);

    // node 2 shuts its sessions down (Cease); node 1's side leaves Established, then both come back.
    const dropAt = Date.now();
    await bgpDrop(lab, node2.name);
    const dropped = await waitForSessions(lab, (s) => s.some((n) => n.node === node1.name && n.sessions.every((x) => !x.info.startsWith('Established'))), 20_000);
    expect(dropped.ok).toBe(true);
    await sleep(5000);
    const restoreAt = Date.now();
    await bgpRestore(lab, node2.name);
    const back = await waitForSessions(lab, allEstablished, 40_000);
    expect(back.ok).toBe(true);
    const establishedAt = Date.now();
    await sleep(Math.max(2000, OUTAGE_MS - (Date.now() - downAt)));

    await restartableApi();
    const upAt = Date.now();
    expect(upAt - downAt).toBeGreaterThanOrEqual(OUTAGE_MS);

    // The agents' queued reports arrive within their retry backoff (capped at 10 s).
    await eventually(
      async () => ((await sessionState()) === 'Established' && (await get<NodeSummary>(`/api/v1/nodes/${node1.name}`)).lastSeen >= iso(upAt) ? true : undefined),
      60_000,
      `node 1 reporting again after the outage\n${output()}`,
    );

    const routes = await get<Route[]>(`/api/v1/nodes/${node1.name}/routes?prefix=10.250.0.0/16`);
    expect(routes.map((r) => [r.dst, r.type])).toEqual([['10.250.1.0/24', 'unreachable']]);
    // The state in the middle of the outage, as the API now knows it.
    const midway = await get<Route[]>(`/api/v1/nodes/${node1.name}/routes?prefix=10.250.0.0/16&at=${iso(changedAt - 500)}`);
    expect(midway.map((r) => [r.dst, r.type]).sort()).toEqual([
      ['10.250.1.0/24', 'blackhole'],
      ['10.250.2.0/24', 'blackhole'],
    ]);

    const changes = await get<NodeChanges>(`/api/v1/nodes/${node1.name}/changes?table=routes&from=${iso(downAt - 1000)}&to=${iso(Date.now())}`);
    const ours = changes.changes.filter((c) => c.key.includes('10.250.'));
    const summary = ours.map((c) => [c.kind, c.key.includes('10.250.1.0/24') ? 'r1' : 'r2']);
    // Each change exactly once, in order: nothing lost, nothing applied twice.
    expect(summary).toEqual([
      ['added', 'r1'],
      ['added', 'r2'],
      ['changed', 'r1'],
      ['removed', 'r2'],
    ]);
    // Stamped when the node saw them, during the outage: not when the API got them.
    const stampedNear = (at: string, t: number) => Date.parse(at) >= t - 100 && Date.parse(at) <= t + SEEN_WITHIN_MS;
    expect(ours.map((c, i) => stampedNear(c.at, [addedAt, added2At, changedAt, removedAt][i]))).toEqual([true, true, true, true]);
    expect(ours.every((c) => Date.parse(c.at) < upAt)).toBe(true);

    const history = await get<BgpTransitions>(
      `/api/v1/nodes/${node1.name}/bgp-sessions/${session}/transitions?from=${iso(downAt)}&to=${iso(Date.now())}`,
    );
    const { transitions } = history;
    expect(transitions.length).toBeGreaterThanOrEqual(2);
    expect(transitions[0].from).toBe('Established');
    expect(Date.parse(transitions[0].at)).toBeGreaterThanOrEqual(dropAt - 100);
    expect(Date.parse(transitions[0].at)).toBeLessThan(restoreAt);
    expect(transitions[transitions.length - 1].to).toBe('Established');
    expect(Date.parse(transitions[transitions.length - 1].at)).toBeGreaterThanOrEqual(restoreAt - 100);
    expect(Date.parse(transitions[transitions.length - 1].at)).toBeLessThanOrEqual(establishedAt + SEEN_WITHIN_MS);
    expect(history.flaps).toBe(1);
    expect(transitions.every((t) => Date.parse(t.at) < upAt)).toBe(true);
  }, 240_000);
});
