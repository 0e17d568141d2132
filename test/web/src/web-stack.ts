import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '../../..');
export const API_MAIN = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
const NEXT_BIN = join(WORKSPACE_ROOT, 'node_modules/next/dist/bin/next');

export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });

export interface RunningProcess {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

const start = async (
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  readyUrl: string,
  url: string,
): Promise<RunningProcess> => {
  let output = '';
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    try {
      const response = await fetch(readyUrl);
      if (response.ok) return { url, output: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`${name} did not answer ${readyUrl} within 90 s:\n${output.slice(-4000)}`);
};

/** The real API (dist/apps/api/main.js) on the given database, accepting reports with `token`. */
export const startApi = async (databaseUrl: string, token: string): Promise<RunningProcess> => {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'meshlens-web-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const api = await start(
    'api',
    [API_MAIN],
    {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      MESHLENS_DATA_DIR: dataDir,
      MESHLENS_AGENT_TOKENS: token,
      LOG_LEVEL: 'warn',
    },
    `${url}/healthz`,
    url,
  );
  return {
    ...api,
    stop: async () => {
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

/**
 * The built web app (`next start apps/web`) talking to `apiUrl`. Alert events are off unless `live` is set: the
 * browser's long-poll through the web's /socket.io relay is always in flight, so a page with them never reaches
 * Playwright's "networkidle", which the page tests wait for.
 */
export const startWeb = async (apiUrl: string, options: { live?: boolean } = {}): Promise<RunningProcess> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  return start(
    'web',
    [NEXT_BIN, 'start', 'apps/web', '-p', String(port), '-H', '127.0.0.1'],
    { MESHLENS_API_URL: apiUrl, PORT: String(port), MESHLENS_LIVE_EVENTS: options.live ? 'on' : 'off' },
    `${url}/favicon.ico`,
    url,
  );
};
