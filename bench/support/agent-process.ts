import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createServer } from 'node:net';

export const REPO_ROOT = resolve(__dirname, '../..');
export const AGENT_MAIN = resolve(REPO_ROOT, 'dist/apps/agent/main.js');
export const API_MAIN = resolve(REPO_ROOT, 'dist/apps/api/main.js');

export interface BenchProcess {
  child: ChildProcess;
  pid: number;
  /** The last 8 KB of stdout+stderr, for failure messages. */
  tail: () => string;
  stop: () => Promise<void>;
}

/** A node process of the built product; output kept short (a long run would otherwise grow it without bound). */
export function startNodeProcess(args: string[], env: Record<string, string>): BenchProcess {
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d.toString('utf8')).slice(-8192);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (child.pid === undefined) throw new Error(`could not start node ${args.join(' ')}`);
  return {
    child,
    pid: child.pid,
    tail: () => out,
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

/** Wall time of one run of a command to its exit, ms; rejects when it fails. */
export function timeProcess(file: string, args: string[]): Promise<number> {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const child = spawn(file, args, { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr?.on('data', (d) => (err = (err + d).slice(-2000)));
    child.once('error', rej);
    child.once('exit', (code) => (code === 0 ? res(performance.now() - t0) : rej(new Error(`${file} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/** Polls until `probe` is true or the deadline passes. */
export async function waitFor(probe: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A free TCP port on loopback (asked from the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}
