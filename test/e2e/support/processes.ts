import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a real process of the product, keeping its output for failure messages. */
export function startProcess(args: string[], env: Record<string, string>): RunningProcess {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  return {
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          res();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Polls `probe` until it returns a value or the deadline passes. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}

export interface RunningApi {
  base: string;
  port: number;
  process: RunningProcess;
}

/**
 * The built API as a real process on loopback (`port`, or a free one), once it answers /healthz. `env` holds the
 * rest of its configuration (DATABASE_URL, tokens, etcd...).
 */
export async function startApi(env: Record<string, string>, port?: number): Promise<RunningApi> {
  const p = port ?? (await freePort());
  const base = `http://127.0.0.1:${p}`;
  const api = startProcess(['dist/apps/api/main.js'], { ...env, PORT: String(p), HOST: '127.0.0.1' });
  await eventually(async () => ((await fetch(`${base}/healthz`)).ok ? true : undefined), 60_000, `API health\n${api.output()}`);
  return { base, port: p, process: api };
}
