import { Injectable } from '@nestjs/common';
import type { DatastoreEntry, DatastoreWatchStatus } from '@meshlens/model';
import type { WatchedPrefix } from '@meshlens/netparse';
import type { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../database/prisma.service';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { planTableChanges } from '../reports/plan-table-changes';
import type { EntryChange, StoredEntry } from './datastore-sink';

/** A current datastore row as the read side needs it. */
export interface CurrentDatastoreRow {
  source: string;
  prefix: string;
  key: string;
  entry: DatastoreEntry;
  modRevision: bigint;
}

export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
}

// The lease is part of what is stored: flanneld renews by writing the same value under a new etcd lease.
const rowOf = (s: StoredEntry) => ({ key: s.key, entry: s.entry, lease: s.lease });
const keyOf = (r: { key: string }): string => r.key;
const withStored = (rows: Array<{ hash: string; row: { key: string } }>, byKey: Map<string, StoredEntry>) =>
  rows.flatMap((r) => {
    const stored = byKey.get(r.row.key);
    return stored ? [{ hash: r.hash, stored }] : [];
  });
const leaseOrNull = (lease: string): bigint | null => (lease === '0' ? null : BigInt(lease));

/** Flannel's and Calico's etcd keys with history: a row per value, closed (validTo) when the key changes or goes. */
@Injectable()
export class DatastoreRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TransactionRunner,
  ) {}

  /** Makes the prefix's current rows equal to `entries` (a full list): closes what is gone or changed, opens the rest. */
  replaceAll(where: WatchedPrefix, entries: StoredEntry[], at: Date): Promise<ChangeCounts> {
    return this.transactions.run(async (tx) => {
      const current = await tx.datastoreEntry.findMany({
        where: { source: where.source, prefix: where.prefix, validTo: null },
        select: { id: true, key: true, hash: true },
      });
      const byKey = new Map(entries.map((e) => [e.key, e]));
      const plan = planTableChanges(current, { upsert: entries.map(rowOf), removeMissing: true }, keyOf);
      await this.close(tx, plan.closeIds, at);
      await this.insert(tx, where, withStored(plan.insert, byKey), at);
      return { added: plan.added, removed: plan.removed, changed: plan.changed };
    });
  }

  /** Applies watch events in order: a put opens a row (closing the previous value), a delete closes it. */
  applyChanges(where: WatchedPrefix, changes: EntryChange[], at: Date): Promise<ChangeCounts> {
    return this.transactions.run(async (tx) => {
      // Only the last change of a key within one batch matters.
      const last = new Map<string, EntryChange>();
      for (const c of changes) last.set(c.type === 'put' ? c.stored.key : c.key, c);
      const current = await tx.datastoreEntry.findMany({
        where: { source: where.source, prefix: where.prefix, validTo: null, key: { in: [...last.keys()] } },
        select: { id: true, key: true, hash: true },
      });
      const puts = [...last.values()].flatMap((c) => (c.type === 'put' ? [c.stored] : []));
      const deletes = [...last.values()].flatMap((c) => (c.type === 'delete' ? [c.key] : []));
      const plan = planTableChanges(current, { upsert: puts.map(rowOf), remove: deletes }, keyOf);
      const byKey = new Map(puts.map((p) => [p.key, p]));
      await this.close(tx, plan.closeIds, at);
      await this.insert(tx, where, withStored(plan.insert, byKey), at);
      return { added: plan.added, removed: plan.removed, changed: plan.changed };
    });
  }

  async findCurrent(): Promise<CurrentDatastoreRow[]> {
    const rows = await this.prisma.datastoreEntry.findMany({
      where: { validTo: null },
      select: { source: true, prefix: true, key: true, kind: true, data: true, modRevision: true },
      orderBy: [{ source: 'asc' }, { prefix: 'asc' }, { key: 'asc' }],
    });
    return rows.map((r) => ({
      source: r.source,
      prefix: r.prefix,
      key: r.key,
      entry: { kind: r.kind, value: r.data } as DatastoreEntry,
      modRevision: r.modRevision,
    }));
  }

  /** Values a key held over time, newest first. */
  async findHistoryByKey(key: string): Promise<Array<{ entry: DatastoreEntry; validFrom: Date; validTo: Date | null }>> {
    const rows = await this.prisma.datastoreEntry.findMany({
      where: { key },
      select: { kind: true, data: true, validFrom: true, validTo: true },
      orderBy: { validFrom: 'desc' },
    });
    return rows.map((r) => ({ entry: { kind: r.kind, value: r.data } as DatastoreEntry, validFrom: r.validFrom, validTo: r.validTo }));
  }

  async saveWatchStatus(status: DatastoreWatchStatus, at: Date): Promise<void> {
    const data = {
      source: status.source,
      prefix: status.prefix,
      state: status.state,
      revision: status.revision === null ? null : BigInt(status.revision),
      relists: status.relists,
      lastError: status.lastError,
      lastChangeAt: status.lastChangeAt ? new Date(status.lastChangeAt) : null,
      updatedAt: at,
    };
    const id = `${status.source}:${status.prefix}`;
    await this.prisma.datastoreWatch.upsert({ where: { id }, create: { id, ...data }, update: data });
  }

  private async close(tx: Tx, ids: bigint[], at: Date): Promise<void> {
    if (ids.length > 0) await tx.datastoreEntry.updateMany({ where: { id: { in: ids } }, data: { validTo: at } });
  }

  private async insert(tx: Tx, where: WatchedPrefix, rows: Array<{ hash: string; stored: StoredEntry }>, at: Date): Promise<void> {
    if (rows.length === 0) return;
    await tx.datastoreEntry.createMany({
      data: rows.map(({ hash, stored }) => ({
        source: where.source,
        prefix: where.prefix,
        key: stored.key,
        kind: stored.entry.kind,
        hash,
        data: stored.entry.value as Prisma.InputJsonValue,
        modRevision: BigInt(stored.modRevision),
        etcdLease: leaseOrNull(stored.lease),
        validFrom: at,
      })),
    });
  }
}
