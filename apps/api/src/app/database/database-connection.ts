import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
// tools/db is plain JS shared by the API and every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startEmbeddedPostgres } from '../../../../../tools/db/embedded-postgres.cjs';

export interface DatabaseConnection {
  url: string;
  /** True when this process runs the server (embedded Postgres) and must stop it. */
  embedded: boolean;
  close(): Promise<void>;
}

export interface DatabaseLogger {
  log(message: string): void;
  debug(message: string): void;
}

/** DATABASE_URL when given, otherwise an embedded Postgres with its data in <dataDir>/postgres. */
export async function openDatabase(
  options: { databaseUrl?: string; dataDir: string },
  logger: DatabaseLogger,
): Promise<DatabaseConnection> {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: false, close: async () => undefined };
  const dataDir = resolve(options.dataDir, 'postgres');
  const server = await startEmbeddedPostgres({ dataDir, onLog: (m) => logger.debug(m) });
  logger.log(`embedded Postgres on 127.0.0.1:${server.port}, data in ${dataDir}`);
  return { url: server.url, embedded: true, close: server.stop };
}

/**
 * Where the migration folders are: beside the bundle (the build copies prisma/migrations there), or the
 * repository's prisma/migrations when running from source (tests).
 */
export function findMigrationsDir(explicit?: string): string {
  const candidates = [explicit, join(__dirname, 'migrations'), resolve(__dirname, '../../../../../prisma/migrations'), resolve('prisma/migrations')];
  const found = candidates.find((dir): dir is string => !!dir && existsSync(dir));
  if (!found) throw new Error(`no migrations folder found (looked in ${candidates.filter(Boolean).join(', ')})`);
  return found;
}
