import { Injectable } from '@nestjs/common';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import {
  COUNTER_FIELDS,
  type CounterIncrement,
  type CounterSampleValues,
} from './counter-increments';

const SELECT_FIELDS = Object.fromEntries(
  COUNTER_FIELDS.map((f) => [f, true]),
) as Record<(typeof COUNTER_FIELDS)[number], true>;

/** Raw counter samples and their rollups, read for rates. */
@Injectable()
export class CounterHistoryRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Samples in [from, to] plus, per interface, the last one before `from` (the increase into the first sample). */
  async findSamples(
    nodeId: number,
    ifname: string | undefined,
    from: Date,
    to: Date,
  ): Promise<CounterSampleValues[]> {
    const ifFilter =
      ifname === undefined
        ? Prisma.empty
        : Prisma.sql`AND "ifname" = ${ifname}`;
    return this.prisma.$queryRaw<CounterSampleValues[]>`
      (SELECT DISTINCT ON ("ifname") "ifname", "ts", ${fieldList()} FROM "CounterSample"
       WHERE "nodeId" = ${nodeId} ${ifFilter} AND "ts" < ${from} AND "ts" >= ${new Date(from.getTime() - 3_600_000)}
       ORDER BY "ifname", "ts" DESC)
      UNION ALL
      (SELECT "ifname", "ts", ${fieldList()} FROM "CounterSample"
       WHERE "nodeId" = ${nodeId} ${ifFilter} AND "ts" >= ${from} AND "ts" <= ${to})
      ORDER BY 1, 2`;
  }

  async findRollups(
    nodeId: number,
    ifname: string | undefined,
    stepSeconds: number,
    from: Date,
    to: Date,
  ): Promise<CounterIncrement[]> {
    const rows = await this.prisma.counterRollup.findMany({
      where: {
        nodeId,
        stepSeconds,
        bucket: { gte: from, lt: to },
        ...(ifname !== undefined && { ifname }),
      },
      select: { ifname: true, bucket: true, seconds: true, ...SELECT_FIELDS },
      orderBy: [{ ifname: 'asc' }, { bucket: 'asc' }],
    });
    return rows.map(({ bucket, ...r }) => {
      const inc = {
        ifname: r.ifname,
        ts: bucket,
        seconds: r.seconds,
      } as CounterIncrement;
      for (const f of COUNTER_FIELDS) inc[f] = Number(r[f]);
      return inc;
    });
  }

  async findWatermarks(): Promise<Map<number, Date>> {
    const rows = await this.prisma.counterRollupWatermark.findMany();
    return new Map(rows.map((r) => [r.stepSeconds, r.rolledUntil]));
  }
}

const fieldList = (): Prisma.Sql =>
  Prisma.raw(COUNTER_FIELDS.map((f) => `"${f}"`).join(', '));
