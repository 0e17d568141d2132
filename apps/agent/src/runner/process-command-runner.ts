import { execFile, spawn } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CommandResult, CommandRunner, WatchHandle, WatchListener } from './command-runner';

/** A full `ip -j -d -s link show` of a busy Calico node runs to megabytes; do not cut it off. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

export class ProcessCommandRunner implements CommandRunner {
  constructor(private readonly defaultTimeoutMs = 10_000) {}

  run(argv: readonly string[], opts: { timeoutMs?: number } = {}): Promise<CommandResult> {
    const [file, ...args] = argv;
    const timeout = opts.timeoutMs ?? this.defaultTimeoutMs;
    return new Promise((resolve) => {
      execFile(
        file,
        args,
        { timeout, killSignal: 'SIGKILL', maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', shell: false },
        (error, stdout, stderr) => {
          if (!error) return resolve({ stdout, stderr, exitCode: 0, timedOut: false });
          const e = error as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string };
          const timedOut = e.killed === true && e.signal === 'SIGKILL';
          const exitCode = typeof e.code === 'number' ? e.code : null;
          // A missing binary (ENOENT) never produced stderr: carry the error text instead.
          const detail = stderr || (typeof e.code === 'string' ? `${e.code}: ${e.message}` : '');
          resolve({ stdout, stderr: timedOut ? `timed out after ${timeout} ms\n${detail}` : detail, exitCode, timedOut });
        },
      );
    });
  }

  readFile(path: string): Promise<string> {
    return readFile(path, 'utf8');
  }

  listDir(path: string): Promise<string[]> {
    return readdir(path);
  }

  async fileIdentity(path: string): Promise<string | undefined> {
    try {
      const s = await stat(path);
      return `${s.dev}:${s.ino}`;
    } catch {
      return undefined;
    }
  }

  watch(argv: readonly string[], listener: WatchListener): WatchHandle {
    const [file, ...args] = argv;
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    let ended = false;
    const end = (detail: string) => {
      if (ended) return;
      ended = true;
      listener.exit(detail);
    };
    createInterface({ input: child.stdout }).on('line', (l) => listener.line(l));
    child.stderr.setEncoding('utf8').on('data', (d: string) => listener.error(d.trim()));
    child.once('error', (e) => end(`${argv.join(' ')}: ${e.message}`));
    child.once('close', (code, signal) => end(`${argv.join(' ')} ended (${signal ?? `exit ${code}`})`));
    return {
      stop: () => {
        ended = true;
        child.kill('SIGTERM');
      },
    };
  }
}
