import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** The key `prisma migrate deploy` locks with, so the API and Prisma's CLI never migrate at the same time. */
export const PRISMA_MIGRATE_ADVISORY_LOCK = 72707369;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export interface MigrationLogger {
  log(message: string): void;
  warn(message: string): void;
}

// Same table and columns as Prisma's schema engine creates.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Reads prisma/migrations/<name>/migration.sql in name (timestamp) order; checksum as Prisma computes it. */
export function readMigrations(dir: string): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}

/**
 * Applies pending migrations the way `prisma migrate deploy` does: under Prisma's advisory lock, one
 * `_prisma_migrations` row per migration (started, then finished with applied_steps_count 1, or logs on failure),
 * refusing to go on past a failed migration.
 */
export async function applyMigrations(
  connectionString: string,
  dir: string,
  logger: MigrationLogger,
): Promise<MigrationResult> {
  const migrations = readMigrations(dir);
  const client = new Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_ADVISORY_LOCK]);
    try {
      return await applyPending(client, migrations, logger);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_ADVISORY_LOCK]);
    }
  } finally {
    await client.end();
  }
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function applyPending(client: Client, migrations: MigrationFile[], logger: MigrationLogger): Promise<MigrationResult> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) {
    throw new Error(
      `migration ${failed.migration_name} failed earlier and is not rolled back; fix the database, then mark it ` +
        `(prisma migrate resolve, or set rolled_back_at in _prisma_migrations) before starting again`,
    );
  }
  const finished = new Map(rows.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r.checksum]));
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const checksum = finished.get(migration.name);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) logger.warn(`migration ${migration.name} was modified after it was applied`);
      result.alreadyApplied.push(migration.name);
      continue;
    }
    await applyOne(client, migration);
    logger.log(`applied migration ${migration.name}`);
    result.applied.push(migration.name);
  }
  return result;
}

async function applyOne(client: Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    // A parameterless query goes through the simple query protocol: the whole script runs as one implicit
    // transaction, so a failing migration leaves no half-applied schema behind.
    await client.query(migration.sql);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await client.query('UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1', [id, message]);
    throw new Error(`migration ${migration.name} failed: ${message}`);
  }
  await client.query(
    'UPDATE "_prisma_migrations" SET applied_steps_count = applied_steps_count + 1, finished_at = now() WHERE id = $1',
    [id],
  );
}
