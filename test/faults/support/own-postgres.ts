import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { freePort } from '../../e2e/support/processes';

/** A Postgres of the test's own (never the machine's shared server), which the test may stop and start again. */
export class OwnPostgres {
  private child?: ChildProcess;
  url = '';

  private constructor(
    private readonly root: string,
    readonly port: number,
  ) {}

  static async start(): Promise<OwnPostgres> {
    const root = mkdtempSync(join(tmpdir(), 'meshlens-faults-pg-'));
    // As root the server runs as the `postgres` user, which must reach the data dir.
    chmodSync(root, 0o755);
    const pg = new OwnPostgres(root, await freePort());
    await pg.start();
    return pg;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [resolve(__dirname, 'own-postgres.mjs'), join(this.root, 'data'), String(this.port)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    let err = '';
    child.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
    this.url = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`own Postgres did not start within 60 s: ${err}`)), 60_000);
      child.once('exit', (code) => rej(new Error(`own Postgres exited ${code}: ${err}`)));
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
        clearTimeout(timer);
        res((JSON.parse(line) as { url: string }).url);
      });
    });
  }

  /** Stops the server (fast shutdown: open connections are cut) and waits for it to be gone. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((res) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', () => {
        clearTimeout(timer);
        res();
      });
      child.kill('SIGTERM');
    });
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.root, { recursive: true, force: true });
  }
}
