import { Injectable } from '@nestjs/common';
import type { AlertReceiver } from '@meshlens/model';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import type { Db } from '../database/transaction-runner';

export interface NewDelivery {
  alertId: string;
  receiverId: string;
  event: 'firing' | 'resolved';
  payload: unknown;
}

export interface DueDelivery {
  id: bigint;
  alertId: string;
  event: string;
  payload: unknown;
  attempts: number;
  url: string;
}

export interface DeliveryCounts {
  receiver: string;
  status: string;
  count: number;
}

type ReceiverRow = Prisma.AlertReceiverGetPayload<object>;

/** Webhook receivers and the delivery outbox. */
@Injectable()
export class AlertDeliveryRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findReceivers(): Promise<AlertReceiver[]> {
    return (await this.prisma.alertReceiver.findMany({ orderBy: { name: 'asc' } })).map(toReceiver);
  }

  async createReceiver(receiver: AlertReceiver, at: Date): Promise<AlertReceiver> {
    return toReceiver(await this.prisma.alertReceiver.create({ data: { ...receiver, createdAt: at } }));
  }

  async deleteReceiver(id: string): Promise<boolean> {
    return (await this.prisma.alertReceiver.deleteMany({ where: { id } })).count > 0;
  }

  async insertDeliveries(db: Db, deliveries: NewDelivery[], at: Date): Promise<void> {
    if (deliveries.length === 0) return;
    await db.alertDelivery.createMany({
      data: deliveries.map((d) => ({ ...d, payload: d.payload as Prisma.InputJsonValue, status: 'pending', nextAttemptAt: at, createdAt: at })),
    });
  }

  /** Receivers with a pending delivery that is due and not claimed by a running attempt. */
  async findReceiverIdsWithDueDeliveries(now: Date): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ receiverId: string }>>`
      SELECT DISTINCT "receiverId" FROM "AlertDelivery"
      WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now} AND ("lockedUntil" IS NULL OR "lockedUntil" < ${now})`;
    return rows.map((r) => r.receiverId);
  }

  /**
   * Claims the oldest pending deliveries of one receiver, in order, up to the first that is not due yet: a
   * receiver gets its notifications in the order they happened (a resolution never overtakes its firing).
   */
  async claimDue(receiverId: string, now: Date, lockMs: number, limit = 50): Promise<DueDelivery[]> {
    const until = new Date(now.getTime() + lockMs);
    return this.prisma.$transaction(async (tx) => {
      const head = await tx.$queryRaw<Array<{ id: bigint; nextAttemptAt: Date; lockedUntil: Date | null }>>`
        SELECT "id", "nextAttemptAt", "lockedUntil" FROM "AlertDelivery"
        WHERE "receiverId" = ${receiverId} AND "status" = 'pending'
        ORDER BY "id" LIMIT ${limit} FOR UPDATE`;
      const ids: bigint[] = [];
      for (const row of head) {
        if (row.nextAttemptAt > now || (row.lockedUntil && row.lockedUntil > now)) break;
        ids.push(row.id);
      }
      if (ids.length === 0) return [];
      await tx.alertDelivery.updateMany({ where: { id: { in: ids } }, data: { lockedUntil: until } });
      const rows = await tx.alertDelivery.findMany({
        where: { id: { in: ids } },
        orderBy: { id: 'asc' },
        select: { id: true, alertId: true, event: true, payload: true, attempts: true, receiver: { select: { url: true } } },
      });
      return rows.map(({ receiver, ...r }) => ({ ...r, url: receiver.url }));
    });
  }

  async markDelivered(id: bigint, at: Date): Promise<void> {
    await this.prisma.alertDelivery.update({
      where: { id },
      data: { status: 'delivered', deliveredAt: at, lockedUntil: null, attempts: { increment: 1 }, lastError: null },
    });
  }

  async markFailed(id: bigint, error: string, nextAttemptAt: Date): Promise<void> {
    await this.prisma.alertDelivery.update({
      where: { id },
      data: { attempts: { increment: 1 }, lastError: error.slice(0, 1000), nextAttemptAt, lockedUntil: null },
    });
  }

  async release(ids: bigint[]): Promise<void> {
    if (ids.length > 0) await this.prisma.alertDelivery.updateMany({ where: { id: { in: ids } }, data: { lockedUntil: null } });
  }

  async countByReceiverAndStatus(): Promise<DeliveryCounts[]> {
    const rows = await this.prisma.$queryRaw<Array<{ receiver: string; status: string; count: number }>>`
      SELECT r."name" AS receiver, d."status", count(*)::int AS count
      FROM "AlertDelivery" d JOIN "AlertReceiver" r ON r."id" = d."receiverId"
      GROUP BY r."name", d."status"`;
    return rows;
  }
}

const toReceiver = (r: ReceiverRow): AlertReceiver => ({
  id: r.id,
  name: r.name,
  url: r.url,
  format: r.format as AlertReceiver['format'],
  enabled: r.enabled,
});
