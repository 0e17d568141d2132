import { execFile, spawn } from 'node:child_process';

export class CommandError extends Error {
  constructor(
    readonly command: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`${command} failed (exit ${exitCode}): ${stderr.trim()}`);
  }
}

/** Runs a program without a shell; rejects with its stderr when it exits non-zero. */
export function run(file: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const code = typeof error.code === 'number' ? error.code : null;
        reject(new CommandError([file, ...args].join(' '), code, String(stderr || error.message)));
        return;
      }
      resolve(String(stdout));
    });
    if (input !== undefined) {
      child.stdin?.end(input);
    }
  });
}

/** Like run, but resolves to the exit status instead of rejecting (for probes such as ping). */
export function probe(file: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: 'ignore' });
    child.on('error', () => resolve(-1));
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

/** `ip -n NS -batch -`: one process for many changes; iproute2 stops at the first failing line. */
export async function ipBatch(netns: string | null, lines: string[], tool: 'ip' | 'bridge' = 'ip'): Promise<void> {
  if (lines.length === 0) return;
  const args = netns ? ['-n', netns, '-batch', '-'] : ['-batch', '-'];
  await run(tool, args, lines.join('\n') + '\n');
}

export function inNetns(netns: string, file: string, args: string[]): Promise<string> {
  return run('ip', ['netns', 'exec', netns, file, ...args]);
}

/**
 * Runs fn over items with at most `limit` running at once, keeping the input order in the result. On a failure
 * no new item starts, but the running ones finish before the first error is thrown, so a cleanup that follows
 * never races a half-started BIRD.
 */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const errors: unknown[] = [];
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length && errors.length === 0) {
      const i = next++;
      try {
        results[i] = await fn(items[i]);
      } catch (error) {
        errors.push(error);
      }
    }
  });
  await Promise.all(workers);
  if (errors.length) throw errors[0];
  return results;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
