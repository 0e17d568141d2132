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
const keyOfChange = (c: EntryChange): string => (c.type === 'put' ? c.stored.key : c.key);
const revisionOfChange = (c: EntryChange): bigint => BigInt(c.type === 'put' ? c.stored.modRevision : c.modRevision);
// A reduce, not Math.max(...): a relist can hold more rows than a call may take arguments.
const latest = (dates: Date[]): Date => dates.reduce((a, b) => (b > a ? b : a));
const NOTHING: ChangeCounts = { added: 0, removed: 0, changed: 0 };

interface CurrentRow {
  id: bigint;
  key: string;
  hash: string;
  modRevision: bigint;
  validFrom: Date;
}

interface StoredRevision {
  revision: bigint;
  storedAt: Date;
}

/**
 * Flannel's and Calico's etcd keys with history: a row per value, closed (validTo) when the key changes or goes.
 * Every API replica watches etcd and stores the same stream into the one database, each at its own pace: writers of
 * a prefix take its advisory lock, store only what is newer than the prefix's DatastoreRevision, and move it on.
 */
@Injectable()
export class DatastoreRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Makes the prefix's current rows equal to `entries`, the full list read at `revision`: closes what is gone or
   * changed, opens the rest. A list no newer than what is stored (another replica got further) changes nothing.
   */
  replaceAll(where: WatchedPrefix, entries: StoredEntry[], revision: string, at: Date): Promise<ChangeCounts> {
    const listedAt = BigInt(revision);
    return this.transactions.run(async (tx) => {
      const stored = await this.lockPrefix(tx, where);
      if (stored && stored.revision >= listedAt) return NOTHING;
      const rows = await tx.datastoreEntry.findMany({
        where: { source: where.source, prefix: where.prefix, validTo: null },
        select: { id: true, key: true, hash: true, modRevision: true, validFrom: true },
      });
      // Rows written after the list was read stay (only possible for rows stored before DatastoreRevision existed).
      const newer = new Set(rows.filter((r) => r.modRevision > listedAt).map(keyOf));
      const current = rows.filter((r) => !newer.has(r.key));
      const listed = entries.filter((e) => !newer.has(e.key));
      const when = latest([at, stored?.storedAt ?? at, ...current.map((r) => r.validFrom)]);
      const byKey = new Map(listed.map((e) => [e.key, e]));
      const plan = planTableChanges(current, { upsert: listed.map(rowOf), removeMissing: true }, keyOf);
      await this.close(tx, plan.closeIds, when);
      await this.insert(tx, where, withStored(plan.insert, byKey), when);
      await this.advanceRewritten(tx, current, plan.closeIds, listed);
      await this.saveRevision(tx, where, listedAt, when);
      return { added: plan.added, removed: plan.removed, changed: plan.changed };
    });
  }

  /**
   * Applies watch events in order: a put opens a row (closing the previous value), a delete closes it. An event no
   * newer than the prefix's stored revision, or than the key's current row, was stored already and is skipped.
   */
  applyChanges(where: WatchedPrefix, changes: EntryChange[], at: Date): Promise<ChangeCounts> {
    if (changes.length === 0) return Promise.resolve(NOTHING);
    // The highest event revision, not the response header's: the header carries the store's revision, which for a
    // watcher catching up can be ahead of the events in that response.
    const upTo = changes.map(revisionOfChange).reduce((a, b) => (b > a ? b : a));
    return this.transactions.run(async (tx) => {
      const stored = await this.lockPrefix(tx, where);
      const fresh = stored ? changes.filter((c) => revisionOfChange(c) > stored.revision) : changes;
      if (fresh.length === 0) return NOTHING;
      // Only the last change of a key within one batch matters.
      const last = new Map<string, EntryChange>();
      for (const c of fresh) last.set(keyOfChange(c), c);
      const rows = await tx.datastoreEntry.findMany({
        where: { source: where.source, prefix: where.prefix, validTo: null, key: { in: [...last.keys()] } },
        select: { id: true, key: true, hash: true, modRevision: true, validFrom: true },
      });
      const byCurrentKey = new Map(rows.map((r) => [r.key, r]));
      const newest = [...last.values()].filter((c) => revisionOfChange(c) > (byCurrentKey.get(keyOfChange(c))?.modRevision ?? -1n));
      const puts = newest.flatMap((c) => (c.type === 'put' ? [c.stored] : []));
      const deletes = newest.flatMap((c) => (c.type === 'delete' ? [c.key] : []));
      const newestKeys = new Set(newest.map(keyOfChange));
      const current = rows.filter((r) => newestKeys.has(r.key));
      const when = latest([at, stored?.storedAt ?? at, ...current.map((r) => r.validFrom)]);
      const plan = planTableChanges(current, { upsert: puts.map(rowOf), remove: deletes }, keyOf);
      const byKey = new Map(puts.map((p) => [p.key, p]));
      await this.close(tx, plan.closeIds, when);
      await this.insert(tx, where, withStored(plan.insert, byKey), when);
      await this.advanceRewritten(tx, current, plan.closeIds, puts);
      await this.saveRevision(tx, where, upTo, when);
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

  /** Serialises the prefix's writers until the transaction ends; then reads where the prefix stands. */
  private async lockPrefix(tx: Tx, where: WatchedPrefix): Promise<StoredRevision | null> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`meshlens.datastore:${where.source}:${where.prefix}`}, 0))`;
    return tx.datastoreRevision.findUnique({
      where: { source_prefix: { source: where.source, prefix: where.prefix } },
      select: { revision: true, storedAt: true },
    });
  }

  private async saveRevision(tx: Tx, where: WatchedPrefix, revision: bigint, at: Date): Promise<void> {
    const data = { revision, storedAt: at };
    await tx.datastoreRevision.upsert({
      where: { source_prefix: { source: where.source, prefix: where.prefix } },
      create: { source: where.source, prefix: where.prefix, ...data },
      update: data,
    });
  }

  /**
   * etcd moves a key's mod_revision when the same value is written again; the row keeps the newest, so that an
   * older delete or put that arrives later is recognised as older.
   */
  private async advanceRewritten(tx: Tx, current: CurrentRow[], closed: bigint[], written: StoredEntry[]): Promise<void> {
    const closedIds = new Set(closed);
    const byKey = new Map(written.map((w) => [w.key, BigInt(w.modRevision)]));
    for (const row of current) {
      const revision = byKey.get(row.key);
      if (closedIds.has(row.id) || revision === undefined || revision <= row.modRevision) continue;
      await tx.datastoreEntry.update({ where: { id: row.id }, data: { modRevision: revision }, select: { id: true } });
    }
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
