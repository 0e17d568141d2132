import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
// tools/db is plain JS shared by the API and every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../../../tools/db/test-database.cjs';
import { findMigrationsDir } from './database-connection';
import { applyMigrations, readMigrations } from './migration-runner';

const quiet = { log: () => undefined, warn: () => undefined };

describe('applyMigrations (real Postgres)', () => {
  let database: TestDatabase;
  let db: Client;
  const dir = findMigrationsDir();

  beforeEach(async () => {
    database = await createTestDatabase();
    db = new Client({ connectionString: database.url });
    await db.connect();
  });

  afterEach(async () => {
    await db.end();
    await database.drop();
  });

  it('should apply every migration once and do nothing when run a second time', async () => {
    const names = readMigrations(dir).map((m) => m.name);

    const first = await applyMigrations(database.url, dir, quiet);
    const second = await applyMigrations(database.url, dir, quiet);

    expect(first).toEqual({ applied: names, alreadyApplied: [] });
    expect(second).toEqual({ applied: [], alreadyApplied: names });
    const { rows } = await db.query('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    expect(rows[0].n).toBe(names.length);
  });

  it('should record each migration as prisma migrate deploy does when it applies', async () => {
    await applyMigrations(database.url, dir, quiet);

    const { rows } = await db.query('SELECT * FROM "_prisma_migrations" ORDER BY started_at');
    const [first] = readMigrations(dir);
    expect(rows[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      checksum: createHash('sha256').update(readFileSync(join(dir, first.name, 'migration.sql'))).digest('hex'),
      finished_at: expect.any(Date),
      migration_name: first.name,
      logs: null,
      rolled_back_at: null,
      started_at: expect.any(Date),
      applied_steps_count: 1,
    });
    expect(rows[0].finished_at.getTime()).toBeGreaterThanOrEqual(rows[0].started_at.getTime());
    const columns = await db.query(
      `SELECT column_name, data_type, character_maximum_length, is_nullable FROM information_schema.columns
       WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.rows.map((c) => [c.column_name, c.data_type, c.character_maximum_length, c.is_nullable])).toEqual([
      ['id', 'character varying', 36, 'NO'],
      ['checksum', 'character varying', 64, 'NO'],
      ['finished_at', 'timestamp with time zone', null, 'YES'],
      ['migration_name', 'character varying', 255, 'NO'],
      ['logs', 'text', null, 'YES'],
      ['rolled_back_at', 'timestamp with time zone', null, 'YES'],
      ['started_at', 'timestamp with time zone', null, 'NO'],
      ['applied_steps_count', 'integer', null, 'NO'],
    ]);
  });

  it('should apply each migration exactly once when two replicas start together', async () => {
    const results = await Promise.all([applyMigrations(database.url, dir, quiet), applyMigrations(database.url, dir, quiet)]);

    expect(results.flatMap((r) => r.applied)).toEqual(readMigrations(dir).map((m) => m.name));
    const { rows } = await db.query('SELECT count(*)::int AS n FROM "_prisma_migrations"');
    expect(rows[0].n).toBe(readMigrations(dir).length);
  });

  describe('with a failing migration', () => {
    let broken: string;

    beforeEach(() => {
      broken = mkdtempSync(join(tmpdir(), 'meshlens-migrations-'));
      mkdirSync(join(broken, '20260101000000_ok'));
      writeFileSync(join(broken, '20260101000000_ok', 'migration.sql'), 'CREATE TABLE "Ok" (id int);\n');
      mkdirSync(join(broken, '20260102000000_broken'));
      writeFileSync(join(broken, '20260102000000_broken', 'migration.sql'), 'CREATE TABLE "Half" (id int);\nSELECT no_such_function();\n');
    });

    afterEach(() => rmSync(broken, { recursive: true, force: true }));

    it('should record the error, leave no half-applied schema and refuse to start again when a migration fails', async () => {
      await expect(applyMigrations(database.url, broken, quiet)).rejects.toThrow(/20260102000000_broken failed: .*no_such_function/);

      const { rows } = await db.query('SELECT migration_name, finished_at, logs, applied_steps_count FROM "_prisma_migrations" ORDER BY started_at');
      expect(rows).toEqual([
        { migration_name: '20260101000000_ok', finished_at: expect.any(Date), logs: null, applied_steps_count: 1 },
        { migration_name: '20260102000000_broken', finished_at: null, logs: expect.stringContaining('no_such_function'), applied_steps_count: 0 },
      ]);
      const half = await db.query(`SELECT to_regclass('"Half"') AS t`);
      expect(half.rows[0].t).toBeNull();
      await expect(applyMigrations(database.url, broken, quiet)).rejects.toThrow(/20260102000000_broken failed earlier/);
    });
  });
});
