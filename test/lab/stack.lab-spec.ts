import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort } from './src/etcd-server';
import { labDown, labPreflight, labStatus, labUp, type LabState } from './index';
import { processStartTicks } from './src/lab-state';

// testTimeout in a project's jest config is ignored when the root config runs every project.
jest.setTimeout(240000);

// Its own prefix and state folder: neither a hand-started lab nor lab.lab-spec.ts (prefix mlabt) is touched.
const prefix = 'mlabs';
const repoRoot = resolve(__dirname, '..', '..');
const stateDir = resolve(repoRoot, '.data', `lab-stack-test-${process.pid}`);
const problems = labPreflight();
const describeLab = problems.length ? describe.skip : describe;
if (problems.length) console.warn(`lab stack tests skipped: ${problems.join('; ')}`);

const labNamespaces = () => (existsSync('/run/netns') ? readdirSync('/run/netns').filter((n) => n.startsWith(`${prefix}-`)) : []);

async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  do {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // Not up yet: keep polling until the deadline.
    }
    await new Promise((r) => setTimeout(r, 250));
  } while (Date.now() < deadline);
  return undefined;
}

describeLab(`lab with the meshlens stack${problems.length ? ` (skipped: ${problems.join('; ')})` : ''}`, () => {
  let state: LabState;

  beforeAll(async () => {
    // The test runs the built product, as the lab-e2e tests do; `npm run lab -- up` builds it itself.
    for (const file of ['dist/apps/api/main.js', 'dist/apps/agent/main.js', 'apps/web/.next/BUILD_ID']) {
      if (!existsSync(resolve(repoRoot, file))) throw new Error(`${file} missing: run "npx nx run-many -t build -p api agent web" first`);
    }
    const [apiPort, webPort] = [await freePort(), await freePort()];
    state = await labUp({ nodes: 2, podsPerNode: 1, prefix, stateDir, meshlens: { apiPort, webPort, build: false } });
  });

  afterAll(async () => {
    await labDown({ stateDir });
  });

  it('should record the API, the dashboard and one agent per node when up starts the stack', async () => {
    const kinds = state.processes.map((p) => `${p.kind}${p.node ? `:${p.node}` : ''}`);
    expect(kinds).toEqual(expect.arrayContaining(['api', 'web', ...state.nodes.map((n) => `agent:${n.name}`)]));
    const status = await labStatus({ stateDir });
    expect(status?.processes.filter((p) => p.kind !== 'bird' && p.kind !== 'etcd').every((p) => p.alive)).toBe(true);
    expect(statSync(state.stack?.tokenFile ?? '').mode & 0o777).toBe(0o600);
  });

  it('should list every lab node in GET /api/v1/nodes when the agents have reported', async () => {
    const wanted = state.nodes.map((n) => n.name).sort();
    const names = await eventually(async () => {
      const res = await fetch(`${state.stack?.apiUrl}/api/v1/nodes`);
      const listed = ((await res.json()) as Array<{ name: string }>).map((n) => n.name).sort();
      return wanted.every((name) => listed.includes(name)) ? listed : undefined;
    }, 15000);
    expect(names).toEqual(wanted);
  });

  it('should serve the dashboard with 200 when the stack is up', async () => {
    const res = await fetch(`${state.stack?.webUrl}/`);
    expect(res.status).toBe(200);
  });

  it('should stop every stack process and delete every namespace when down runs', async () => {
    const stack = state.processes.filter((p) => p.kind === 'api' || p.kind === 'web' || p.kind === 'agent');
    expect(stack).toHaveLength(2 + state.nodes.length);
    const result = await labDown({ stateDir });
    expect(result.wasUp).toBe(true);
    for (const proc of stack) expect({ kind: proc.kind, pid: proc.pid, running: processStartTicks(proc.pid) === proc.startTicks }).toEqual({ kind: proc.kind, pid: proc.pid, running: false });
    expect(labNamespaces()).toEqual([]);
    expect(existsSync(stateDir)).toBe(false);
  });
});
