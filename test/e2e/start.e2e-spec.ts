import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort, ROOT } from './support/processes';

/** Every process below `pid`, read from /proc (each one's parent is field 4 of its stat line). */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of parentOf) {
      if (parent === p) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

/** Files named `name` below `dir`. */
function findFiles(dir: string, name: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.split('/').pop() === name);
}

// README's first command, as a user runs it: `npm start` with no DATABASE_URL (embedded Postgres), then Ctrl-C.
describe('npm start (tools/start.mjs)', () => {
  let dataDir: string;
  let start: ChildProcess;
  let output = '';
  let apiPort: number;
  let webPort: number;
  const node = `e2e-start-${process.pid}`;
  /** Processes below start.mjs while it runs: whatever of them a failed test leaves is killed in afterAll. */
  let started: number[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meshlens-start-'));
    // As root the embedded Postgres runs as the postgres user, which must reach its folder (mkdtemp makes it 0700).
    chmodSync(dataDir, 0o755);
    [apiPort, webPort] = [await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MESHLENS_DATA_DIR: dataDir,
      MESHLENS_API_PORT: String(apiPort),
      MESHLENS_WEB_PORT: String(webPort),
      MESHLENS_NODE_NAME: node,
    };
    delete env['DATABASE_URL'];
    start = spawn(process.execPath, ['tools/start.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    start.stdout?.on('data', (d) => (output += d));
    start.stderr?.on('data', (d) => (output += d));
    await eventually(async () => (output.includes('Ctrl-C stops everything') ? true : undefined), 100_000, 'start.mjs ready').catch((error: Error) => {
      throw new Error(`${error.message}\n${output.slice(-4000)}`);
    });
  });

  afterAll(() => {
    if (start?.exitCode === null) start.kill('SIGKILL');
    for (const pid of started.filter(alive)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should serve the API behind the admin key it made, list this machine, and serve the dashboard', async () => {
    const key = readFileSync(join(dataDir, 'api-key'), 'utf8').trim();
    const api = `http://127.0.0.1:${apiPort}/api/v1/nodes`;
    expect((await fetch(api)).status).toBe(401);
    const nodes = await eventually(async () => {
      const res = await fetch(api, { headers: { authorization: `Bearer ${key}` } });
      const list = (await res.json()) as Array<{ name: string; counts: { routes: number } }>;
      return list.find((n) => n.name === node && n.counts.routes > 0) ? list : undefined;
    }, 30_000, `node ${node} listed\n${output.slice(-4000)}`);
    expect(nodes.map((n) => n.name)).toContain(node);
    expect((await fetch(`http://127.0.0.1:${webPort}/`)).status).toBe(200);
  });

  it('should stop every process it started, embedded Postgres included, on Ctrl-C', async () => {
    started = descendants(start.pid as number);
    expect(started.length).toBeGreaterThanOrEqual(3); // API, dashboard, agent (and what they run)
    const exited = new Promise<number | null>((res) => start.once('exit', (code) => res(code)));
    start.kill('SIGINT');
    expect(await exited).toBe(0);
    await eventually(async () => (started.some(alive) ? undefined : true), 20_000, `no process left of ${started.join(', ')}`);
    // The embedded Postgres runs daemonised (not below start.mjs): its pid file goes when it stops.
    expect(findFiles(dataDir, 'postmaster.pid')).toEqual([]);
  });
});
