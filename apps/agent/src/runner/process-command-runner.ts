import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { CommandResult, CommandRunner } from './command-runner';

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
}
