import { Injectable } from '@nestjs/common';
import type { TableName } from '@meshlens/model';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { STORED_TABLES } from '../nodes/node-tables';
import { COUNTER_FIELDS } from './counter-increments';

// Any constant shared by every replica; "meshlens history" in ASCII, truncated to an int8.
const HISTORY_LOCK_KEY = 0x6d65_7368_6869_7374n;
// The job holds its lock for a whole pass (many short transactions), far longer than a report transaction.
const LOCK_HOLD_TIMEOUT_MS = 6 * 3600_000;

const cols = (prefix = ''): Prisma.Sql =>
  Prisma.raw(COUNTER_FIELDS.map((f) => `${prefix}"${f}"`).join(', '));
const sums = (): Prisma.Sql =>
  Prisma.raw(COUNTER_FIELDS.map((f) => `SUM("${f}")`).join(', '));
const excluded = (): Prisma.Sql =>
  Prisma.raw(
    ['seconds', ...COUNTER_FIELDS]
      .map((f) => `"${f}" = EXCLUDED."${f}"`)
      .join(', '),
  );
// A sample lower than the one before is a counter reset: the increase counts from zero.
const resetAwareIncreases = (): Prisma.Sql =>
  Prisma.raw(
    COUNTER_FIELDS.map(
      (f) =>
        `SUM(CASE WHEN "${f}" >= "p_${f}" THEN "${f}" - "p_${f}" ELSE "${f}" END)`,
    ).join(', '),
  );
const lags = (): Prisma.Sql =>
  Prisma.raw(
    COUNTER_FIELDS.map((f) => `lag("${f}") OVER w AS "p_${f}"`).join(', '),
  );

/** SQL of the history maintenance job: counter rollups, batched deletes, the one-replica lock. */
@Injectable()
export class HistoryMaintenanceRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Runs `work` while holding the cluster-wide maintenance lock, or returns false at once when another replica
   * holds it. The lock lives in a transaction that does nothing else (no snapshot held between statements, so it
   * does not hold back vacuum) and dies with its connection if this replica does; `work` uses other connections
   * for its own short transactions.
   */
  async withLock(work: () => Promise<void>): Promise<boolean> {
    return this.prisma.$transaction(
      async (tx) => {
        const [{ locked }] = await tx.$queryRaw<
          { locked: boolean }[]
        >`SELECT pg_try_advisory_xact_lock(${HISTORY_LOCK_KEY}) AS "locked"`;
        if (!locked) return false;
        await work();
        return true;
      },
      { timeout: LOCK_HOLD_TIMEOUT_MS, maxWait: 10_000 },
    );
  }

  async findWatermark(stepSeconds: number): Promise<Date | null> {
    const row = await this.prisma.counterRollupWatermark.findUnique({
      where: { stepSeconds },
    });
    return row?.rolledUntil ?? null;
  }

  async findOldestSample(): Promise<Date | null> {
    const row = await this.prisma.counterSample.findFirst({
      orderBy: { ts: 'asc' },
      select: { ts: true },
    });
    return row?.ts ?? null;
  }

  async findFirstSampleFrom(from: Date): Promise<Date | null> {
    const row = await this.prisma.counterSample.findFirst({
      where: { ts: { gte: from } },
      orderBy: { ts: 'asc' },
      select: { ts: true },
    });
    return row?.ts ?? null;
  }

  async saveWatermark(stepSeconds: number, rolledUntil: Date): Promise<void> {
    await this.setWatermark(stepSeconds, rolledUntil);
  }

  /** 1-minute rollups of the raw samples in [lo, hi) and the new watermark, in one short transaction. */
  async rollupSamplesToMinutes(lo: Date, hi: Date): Promise<void> {
    // The lag needs the sample before `lo`; agents report at most every few minutes.
    const lookback = new Date(lo.getTime() - 15 * 60_000);
    await this.prisma.$transaction([
      this.prisma.$executeRaw`
        INSERT INTO "CounterRollup" ("nodeId", "ifname", "stepSeconds", "bucket", "seconds", ${cols()})
        SELECT "nodeId", "ifname", 60, date_bin('60 seconds', "ts", TIMESTAMPTZ 'epoch'),
               SUM(EXTRACT(EPOCH FROM "ts" - "p_ts")), ${resetAwareIncreases()}
        FROM (SELECT "nodeId", "ifname", "ts", ${cols()}, lag("ts") OVER w AS "p_ts", ${lags()}
              FROM "CounterSample" WHERE "ts" >= ${lookback} AND "ts" < ${hi}
              WINDOW w AS (PARTITION BY "nodeId", "ifname" ORDER BY "ts")) s
        WHERE "ts" >= ${lo} AND "p_ts" IS NOT NULL AND "ts" > "p_ts"
        GROUP BY 1, 2, 4
        ON CONFLICT ("nodeId", "ifname", "stepSeconds", "bucket") DO UPDATE SET ${excluded()}`,
      this.setWatermark(60, hi),
    ]);
  }

  /** 1-hour rollups of the 1-minute rollups in [lo, hi) (whole hours) and the new watermark. */
  async rollupMinutesToHours(lo: Date, hi: Date): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.$executeRaw`
        INSERT INTO "CounterRollup" ("nodeId", "ifname", "stepSeconds", "bucket", "seconds", ${cols()})
        SELECT "nodeId", "ifname", 3600, date_bin('1 hour', "bucket", TIMESTAMPTZ 'epoch'), SUM("seconds"), ${sums()}
        FROM "CounterRollup" WHERE "stepSeconds" = 60 AND "bucket" >= ${lo} AND "bucket" < ${hi}
        GROUP BY 1, 2, 4
        ON CONFLICT ("nodeId", "ifname", "stepSeconds", "bucket") DO UPDATE SET ${excluded()}`,
      this.setWatermark(3600, hi),
    ]);
  }

  private setWatermark(stepSeconds: number, rolledUntil: Date) {
    return this.prisma.counterRollupWatermark.upsert({
      where: { stepSeconds },
      create: { stepSeconds, rolledUntil },
      update: { rolledUntil },
    });
  }

  /** Deletes at most `batch` raw samples older than `before`; returns how many. */
  deleteSamplesBefore(before: Date, batch: number): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "CounterSample" WHERE "id" IN (SELECT "id" FROM "CounterSample" WHERE "ts" < ${before} LIMIT ${batch})`;
  }

  deleteRollupsBefore(
    stepSeconds: number,
    before: Date,
    batch: number,
  ): Promise<number> {
    return this.prisma.$executeRaw`
      DELETE FROM "CounterRollup" WHERE ctid IN (
        SELECT ctid FROM "CounterRollup" WHERE "stepSeconds" = ${stepSeconds} AND "bucket" < ${before} LIMIT ${batch})`;
  }

  /** Deletes at most `batch` rows of `table` closed before `before` (current rows are never touched). */
  deleteClosedRowsBefore(
    table: TableName,
    before: Date,
    batch: number,
  ): Promise<number> {
    const t = Prisma.raw(`"${STORED_TABLES[table].sqlTable}"`);
    return this.prisma.$executeRaw`
      DELETE FROM ${t} WHERE "id" IN (SELECT "id" FROM ${t} WHERE "validTo" IS NOT NULL AND "validTo" < ${before} LIMIT ${batch})`;
  }
}
