// jest globalSetup: provides a real Postgres server to every test file. DATABASE_URL's server when set (each test
// file then creates and drops its own database on it), otherwise an embedded Postgres in a temporary directory.
// Test files call createTestDatabase() from tools/db/test-database.cjs.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import embedded from './embedded-postgres.cjs';
import testDatabase from './test-database.cjs';

const STATE_KEY = Symbol.for('meshlens.test-postgres');

/**
 * Starts (or reuses) the test server and exports its maintenance URL to test workers through
 * MESHLENS_TEST_ADMIN_DATABASE_URL. Safe to call from several jest projects' global setups: the first one starts it.
 * @returns {Promise<{ adminUrl: string, stop: () => Promise<void> }>}
 */
export async function startTestPostgres() {
  if (globalThis[STATE_KEY]) return globalThis[STATE_KEY];
  let state;
  if (process.env.DATABASE_URL) {
    state = { adminUrl: process.env.DATABASE_URL, stop: async () => undefined };
  } else {
    const parent = await mkdtemp(join(tmpdir(), 'meshlens-pg-'));
    // mkdtemp makes it 0700; as root, Postgres runs as the `postgres` user, which must reach the data dir inside.
    await chmod(parent, 0o755);
    const dataDir = join(parent, 'data');
    const server = await embedded.startEmbeddedPostgres({ dataDir, database: 'postgres', persistent: false });
    const stop = async () => {
      await server.stop();
      await rm(parent, { recursive: true, force: true });
    };
    state = { adminUrl: server.adminUrl, stop };
  }
  process.env[testDatabase.TEST_ADMIN_URL_ENV] = state.adminUrl;
  globalThis[STATE_KEY] = state;
  return state;
}

/** Stops what startTestPostgres started (no-op with DATABASE_URL). */
export async function stopTestPostgres() {
  const state = globalThis[STATE_KEY];
  globalThis[STATE_KEY] = undefined;
  await state?.stop();
}

export default async function globalSetup() {
  await startTestPostgres();
}
