import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the shared test database helper lives in tools/
import { createTestDatabase, type TestDatabase } from '../../tools/db/test-database.cjs';
import { eventually, freePort, startProcess, type RunningProcess } from './support/processes';

const TOKEN = randomBytes(16).toString('hex');
const NODE = `e2e-${hostname().toLowerCase().replace(/[^a-z0-9.-]/g, '-')}`.slice(0, 60);

/** What `ip -j route show table all` says, normalised only as iproute2 documents its omitted defaults. */
function kernelRoutes(): string[] {
  const raw = [
    ...JSON.parse(execFileSync('ip', ['-j', '-4', 'route', 'show', 'table', 'all'], { encoding: 'utf8' })),
    ...JSON.parse(execFileSync('ip', ['-j', '-6', 'route', 'show', 'table', 'all'], { encoding: 'utf8' })),
  ] as Array<Record<string, unknown>>;
  return raw
    .map((r) => {
      const v6 = String(r['dst']).includes(':') || String(r['gateway'] ?? '').includes(':');
      let dst = String(r['dst']);
      if (dst === 'default') dst = v6 ? '::/0' : '0.0.0.0/0';
      else if (!dst.includes('/')) dst = `${dst}/${v6 ? 128 : 32}`;
      return [r['table'] ?? 'main', dst, r['dev'] ?? '', r['gateway'] ?? '', r['protocol'] ?? 'boot', r['type'] ?? 'unicast'].join(' ');
    })
    .sort();
}

describe('the first slice: agent -> API -> Postgres, on this machine', () => {
  let db: TestDatabase;
  let api: RunningProcess;
  let agent: RunningProcess;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = startProcess(['dist/apps/api/main.js'], { DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', MESHLENS_AGENT_TOKENS: TOKEN });
    await eventually(async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 60_000, `API health\n${api.output()}`);
    agent = startProcess(['dist/apps/agent/main.js', '--api', base, '--node-name', NODE, '--interval', '2', '--state-dir', `.data/e2e-agent-${port}`], {
      MESHLENS_AGENT_TOKEN: TOKEN,
    });
  });

  afterAll(async () => {
    await agent?.stop();
    await api?.stop();
    await db?.drop();
  });

  it('should list this machine within 10 s of the agent starting', async () => {
    const nodes = await eventually(
      async () => {
        const list = (await (await fetch(`${base}/api/v1/nodes`)).json()) as Array<{ name: string }>;
        return list.some((n) => n.name === NODE) ? list : undefined;
      },
      10_000,
      `node ${NODE} in GET /api/v1/nodes\nagent: ${agent.output()}`,
    );
    expect(nodes.map((n) => n.name)).toContain(NODE);
  });

  it('should serve the same routes as ip -j route show table all prints', async () => {
    const res = await fetch(`${base}/api/v1/nodes/${NODE}/routes`);
    expect(res.status).toBe(200);
    const served = ((await res.json()) as Array<Record<string, unknown>>)
      .map((r) => [r['table'], r['dst'], r['dev'] ?? '', r['gateway'] ?? '', r['protocol'], r['type']].join(' '))
      .sort();
    expect(served).toEqual(kernelRoutes());
  });

  it('should answer 400 naming the field and keep stored state when a report has a bad shape', async () => {
    const before = await (await fetch(`${base}/api/v1/nodes/${NODE}/routes`)).json();
    const res = await fetch(`${base}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ nodeName: NODE, kind: 'full', seq: 'one', epoch: 'x', tables: {} }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; issues?: Array<{ path: string }> };
    expect(body.issues?.map((i) => i.path)).toContain('seq');
    expect(await (await fetch(`${base}/api/v1/nodes/${NODE}/routes`)).json()).toEqual(before);
  });

  it('should answer 401 when a report comes without a valid token', async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${base}/api/v1/reports`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: 'Bearer not-the-token' })).status).toBe(401);
  });

  it('should answer 404 with a message when the node is unknown', async () => {
    const res = await fetch(`${base}/api/v1/nodes/no-such-node/routes`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toMatch(/no-such-node/);
  });
});
