import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { FLANNEL_HOSTGW_PREFIX, FLANNEL_VXLAN_PREFIX } from './lab-plan';
import { isOurProcess, processStartTicks, writeState, type LabProcess, type LabState } from './lab-state';
import { sleep } from './run-command';

export interface MeshlensOptions {
  /** API port on 127.0.0.1 (default 3000). */
  apiPort?: number;
  /** Dashboard port (default 4200). */
  webPort?: number;
  /** Run `nx run-many -t build -p api agent web` first (default true; Nx answers from its cache when nothing changed). */
  build?: boolean;
}

export interface LabStack {
  apiUrl: string;
  webUrl: string;
  tokenFile: string;
  logDir: string;
  dataDir: string;
}

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const HEALTH_TIMEOUT_MS = 120_000;
/** The API stops its embedded Postgres on SIGTERM: a fast shutdown checkpoint, which can take seconds. */
const API_GRACE_MS = 30_000;
const OTHER_GRACE_MS = 5_000;

function portIsFree(port: number, host?: string): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => done(true)));
  });
}

/** Throws naming the port and the option that changes it; checks loopback and the wildcard address. */
export async function assertPortsFree(options: MeshlensOptions): Promise<void> {
  const wanted: Array<[number, string]> = [
    [options.apiPort ?? 3000, '--api-port'],
    [options.webPort ?? 4200, '--web-port'],
  ];
  if (wanted[0][0] === wanted[1][0]) throw new Error(`--api-port and --web-port are both ${wanted[0][0]}`);
  for (const [port, option] of wanted) {
    if (!(await portIsFree(port, '127.0.0.1')) || !(await portIsFree(port))) {
      throw new Error(`port ${port} is already in use; choose another with ${option} PORT (or --no-meshlens to skip the API and dashboard)`);
    }
  }
}

export function buildProduct(log: (line: string) => void): void {
  log('building api, agent and web (nx run-many -t build; cached when unchanged)');
  const result = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '-p', 'api', 'agent', 'web'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`nx build failed (exit ${result.status}):\n${`${result.stdout}${result.stderr}`.slice(-4000)}`);
  }
}

/** Detached in a process group of its own, so `down` can also reach what it spawns (Postgres, Next workers). */
function startDetached(file: string, args: string[], env: Record<string, string>, logFile: string): number {
  const out = openSync(logFile, 'a');
  const child = spawn(file, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  if (!child.pid) throw new Error(`${file} ${args.join(' ')} did not start`);
  return child.pid;
}

function record(state: LabState, kind: LabProcess['kind'], pid: number, logFile: string, node?: string): LabProcess {
  const proc: LabProcess = { kind, node, pid, startTicks: processStartTicks(pid) ?? 0, logFile };
  state.processes.push(proc);
  writeState(state);
  return proc;
}

const tail = (file: string) => {
  try {
    return readFileSync(file, 'utf8').slice(-3000);
  } catch {
    return '';
  }
};

async function waitForHttp(url: string, proc: LabProcess, what: string, ok: (status: number) => boolean): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let last = '';
  while (Date.now() < deadline) {
    if (!isOurProcess(proc)) throw new Error(`${what} exited; its log ${proc.logFile}:\n${tail(proc.logFile ?? '')}`);
    try {
      const res = await fetch(url);
      if (ok(res.status)) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = String(error);
    }
    await sleep(250);
  }
  throw new Error(`${what} did not answer ${url} within ${HEALTH_TIMEOUT_MS / 1000} s (${last}); its log ${proc.logFile}:\n${tail(proc.logFile ?? '')}`);
}

/** The built API (embedded Postgres under the lab's state folder), the dashboard and one agent per lab node. */
export async function startStack(state: LabState, options: MeshlensOptions, log: (line: string) => void): Promise<LabStack> {
  if (!state.etcd) throw new Error('the lab has no etcd');
  const apiPort = options.apiPort ?? 3000;
  const webPort = options.webPort ?? 4200;
  const logDir = join(state.stateDir, 'logs');
  const dataDir = join(state.stateDir, 'meshlens');
  const agentsDir = join(state.stateDir, 'agents');
  const tokenFile = join(state.stateDir, 'agent-token');
  const stack: LabStack = { apiUrl: `http://127.0.0.1:${apiPort}`, webUrl: `http://127.0.0.1:${webPort}`, tokenFile, logDir, dataDir };
  state.stack = stack;
  state.files.push(logDir, dataDir, agentsDir, tokenFile);
  writeState(state);
  mkdirSync(logDir, { recursive: true });
  mkdirSync(agentsDir, { recursive: true });
  const token = randomBytes(24).toString('hex');
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });

  const apiLog = join(logDir, 'api.log');
  const api = record(
    state,
    'api',
    startDetached(
      process.execPath,
      ['dist/apps/api/main.js'],
      {
        PORT: String(apiPort),
        HOST: '127.0.0.1',
        MESHLENS_AGENT_TOKENS: token,
        MESHLENS_DATA_DIR: dataDir,
        MESHLENS_ETCD_ENDPOINTS: state.etcd.endpoint,
        MESHLENS_FLANNEL_PREFIX: `${FLANNEL_VXLAN_PREFIX},${FLANNEL_HOSTGW_PREFIX}`,
        MESHLENS_CALICO_PREFIX: '/calico',
      },
      apiLog,
    ),
    apiLog,
  );
  await waitForHttp(`${stack.apiUrl}/healthz`, api, 'the API', (status) => status === 200);
  log(`API ${stack.apiUrl} healthy (pid ${api.pid}, log ${apiLog})`);

  const webLog = join(logDir, 'web.log');
  // next's own bin with this node, not npx: one PID that is the server, not a launcher in front of it.
  const nextBin = require.resolve('next/dist/bin/next', { paths: [REPO_ROOT] });
  const web = record(
    state,
    'web',
    startDetached(process.execPath, [nextBin, 'start', 'apps/web', '-p', String(webPort)], { MESHLENS_API_URL: stack.apiUrl }, webLog),
    webLog,
  );

  for (const node of state.nodes) {
    const agentLog = join(logDir, `agent-${node.name}.log`);
    const args = [
      'dist/apps/agent/main.js',
      '--api', stack.apiUrl,
      '--node-name', node.name,
      '--netns', node.netns,
      '--bird-socket', node.birdSocket,
      '--cni-dir', node.cniDir ?? join(node.dir, 'cni', 'net.d'),
      '--interval', '2',
      '--bgp-interval', '1',
      '--state-dir', join(agentsDir, node.name),
    ];
    record(state, 'agent', startDetached(process.execPath, args, { MESHLENS_AGENT_TOKEN: token }, agentLog), agentLog, node.name);
  }
  log(`${state.nodes.length} agents started (logs in ${logDir})`);

  await waitForHttp(stack.webUrl, web, 'the dashboard', (status) => status < 500);
  log(`dashboard ${stack.webUrl} up (pid ${web.pid}, log ${webLog})`);
  return stack;
}

/**
 * SIGTERM to the leader, SIGKILL to its whole group after the grace period (or once the leader is gone, to reach
 * what it left behind). A group is signalled only while its leader's start time still matches.
 */
export async function stopGroup(proc: LabProcess): Promise<void> {
  if (!isOurProcess(proc)) return;
  process.kill(proc.pid, 'SIGTERM');
  const deadline = Date.now() + (proc.kind === 'api' ? API_GRACE_MS : OTHER_GRACE_MS);
  while (Date.now() < deadline && isOurProcess(proc)) await sleep(50);
  try {
    process.kill(-proc.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already empty.
  }
  while (isOurProcess(proc)) await sleep(10);
}

export const isStackProcess = (proc: LabProcess) => proc.kind === 'api' || proc.kind === 'web' || proc.kind === 'agent';
