import { Etcd3, type IKeyValue } from 'etcd3';
import { readDatastoreEntry, type WatchedPrefix } from '@meshlens/netparse';
// tools/db is plain JS shared by every project's jest setup, not a library with an import path.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { createTestDatabase, type TestDatabase } from '../../../../../tools/db/test-database.cjs';
import { PrismaService } from '../database/prisma.service';
import type { DatastoreSink, EntryChange, StoredEntry } from './datastore-sink';
import { DatastoreSyncService } from './datastore-sync.service';
import { DatastoreRepository } from './datastore.repository';
import { PrefixWatcher } from './prefix-watcher';
import { etcdUnavailableReason, startEtcdTestServer, type EtcdTestServer } from './testing/etcd-test-server';
import { eventually, startDatastoreTestApp, type DatastoreTestApp } from './testing/datastore-test-app';

const FLANNEL: WatchedPrefix = { source: 'flannel', prefix: '/coreos.com/network' };
const CAUGHT_UP_WITHIN_MS = 15_000;
const unavailable = etcdUnavailableReason();
if (unavailable) console.warn(`datastore replica tests skipped: ${unavailable}`);
const describeWithEtcd = unavailable ? describe.skip : describe;

const flannelAt = (prefix: string): WatchedPrefix => ({ source: 'flannel', prefix });
const leaseValue = (ip: string): string => JSON.stringify({ PublicIP: ip, BackendType: 'host-gw' });
const subnetKey = (where: WatchedPrefix, i: number): string => `${where.prefix}/subnets/10.5.${i}.0-24`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the watcher would store for a key as etcd holds it now. */
const expectedOf = (where: WatchedPrefix, kv: IKeyValue) => {
  const decoded = { key: kv.key.toString(), value: kv.value.toString(), modRevision: String(kv.mod_revision), lease: String(kv.lease ?? '0') };
  return { key: decoded.key, entry: readDatastoreEntry(where, decoded), modRevision: BigInt(decoded.modRevision) };
};

const put = (where: WatchedPrefix, i: number, ip: string, modRevision: number): EntryChange => {
  const key = subnetKey(where, i);
  const entry = readDatastoreEntry(where, { key, value: leaseValue(ip), modRevision: String(modRevision), lease: '0' });
  if (!entry) throw new Error(`${key} is not a flannel key`);
  const stored: StoredEntry = { key, entry, modRevision: String(modRevision), lease: '0' };
  return { type: 'put', stored };
};
const del = (where: WatchedPrefix, i: number, modRevision: number): EntryChange => ({ type: 'delete', key: subnetKey(where, i), modRevision: String(modRevision) });
const storedOf = (c: EntryChange): StoredEntry => {
  if (c.type !== 'put') throw new Error('not a put');
  return c.stored;
};

/** A deterministic stream of flannel writes: new values, same-value rewrites, deletes, multi-key transactions. */
async function writeStream(writer: Etcd3, where: WatchedPrefix, operations: number): Promise<void> {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
  const ips = new Map<number, string>();
  for (let op = 0; op < operations; op++) {
    const i = next(15);
    const roll = next(10);
    if (roll < 4) {
      ips.set(i, `192.0.2.${op % 250}`);
      await writer.put(subnetKey(where, i)).value(leaseValue(ips.get(i) ?? ''));
    } else if (roll < 6 && ips.has(i)) {
      // etcd moves the key's mod_revision; the value is the same.
      await writer.put(subnetKey(where, i)).value(leaseValue(ips.get(i) ?? ''));
    } else if (roll < 8) {
      ips.delete(i);
      await writer.delete().key(subnetKey(where, i));
    } else if (roll < 9) {
      // One revision, several keys: 10.5.1.0-24 and 10.5.10.0-24 .. 10.5.14.0-24.
      for (const k of [...ips.keys()]) if (String(k).startsWith('1')) ips.delete(k);
      await writer.delete().prefix(`${where.prefix}/subnets/10.5.1`);
    } else {
      const keys = [i, (i + 1) % 15, (i + 2) % 15];
      for (const k of keys) ips.set(k, `198.51.100.${op % 250}`);
      await writer
        .if(subnetKey(where, i), 'Version', '>', -1)
        .then(...keys.map((k) => writer.put(subnetKey(where, k)).value(leaseValue(ips.get(k) ?? ''))))
        .commit();
    }
  }
}

describeWithEtcd('datastore with several API replicas on one database', () => {
  // The catch-up wait alone may take CAUGHT_UP_WITHIN_MS on a loaded machine (jest's 5 s default is too short).
  jest.setTimeout(CAUGHT_UP_WITHIN_MS + 30_000);
  let etcd: EtcdTestServer;
  let db: TestDatabase;
  let replicas: DatastoreTestApp[];
  let writer: Etcd3;

  const repository = () => replicas[0].app.get(DatastoreRepository);
  const prisma = () => replicas[0].app.get(PrismaService);
  const currentOf = async (where: WatchedPrefix) =>
    (await repository().findCurrent())
      .filter((r) => r.source === where.source && r.prefix === where.prefix)
      .map((r) => ({ key: r.key, entry: r.entry, modRevision: r.modRevision }));
  const historyOf = (where: WatchedPrefix) =>
    prisma().datastoreEntry.findMany({
      where: { source: where.source, prefix: where.prefix },
      select: { key: true, hash: true, modRevision: true, validFrom: true, validTo: true },
      orderBy: { id: 'asc' },
    });

  /** Each key's rows, in the order they were written: no etcd write twice, revisions and validity only forwards. */
  const expectHistoryForwardOnly = async (where: WatchedPrefix) => {
    const byKey = new Map<string, Awaited<ReturnType<typeof historyOf>>>();
    for (const row of await historyOf(where)) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
    for (const [key, rows] of byKey) {
      const problems: string[] = [];
      rows.forEach((row, n) => {
        if (row.validTo && row.validTo < row.validFrom) problems.push(`row ${n} closes before it opens`);
        if (n === rows.length - 1) return;
        const after = rows[n + 1];
        if (!row.validTo) problems.push(`row ${n} is still open under row ${n + 1}`);
        else if (after.validFrom < row.validTo) problems.push(`row ${n + 1} opens before row ${n} closed`);
        if (after.modRevision <= row.modRevision) problems.push(`revision ${after.modRevision} stored after ${row.modRevision}`);
      });
      expect({ key, problems }).toEqual({ key, problems: [] });
    }
  };

  beforeAll(async () => {
    etcd = await startEtcdTestServer();
    db = await createTestDatabase();
    writer = new Etcd3({ hosts: etcd.endpoint });
    await writer.put(`${FLANNEL.prefix}/config`).value(JSON.stringify({ Network: '10.5.0.0/16', Backend: { Type: 'host-gw' } }));
    const config = { endpoints: [etcd.endpoint], prefixes: [FLANNEL] };
    replicas = await Promise.all([startDatastoreTestApp(db.url, config), startDatastoreTestApp(db.url, config)]);
  });

  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.close()));
    writer?.close();
    await etcd?.destroy();
    await db?.drop();
  });

  it('should store etcd exactly once when two replicas and a lagging one store the same stream', async () => {
    // A third watcher whose every store waits, so it writes revisions the other two replicas stored long before.
    const problems: string[] = [];
    let delay = 0;
    const laggingSink: DatastoreSink = {
      replace: async (where, entries, revision) => {
        await sleep(150);
        await repository().replaceAll(where, entries, revision, new Date());
      },
      apply: async (where, changes) => {
        await sleep((delay = (delay + 37) % 90));
        await repository().applyChanges(where, changes, new Date());
      },
      status: () => undefined,
    };
    const client = new Etcd3({ hosts: etcd.endpoint });
    const lagging = new PrefixWatcher(client, FLANNEL, laggingSink, { log: () => undefined, warn: (m) => problems.push(m) });
    lagging.start();
    try {
      await writeStream(writer, FLANNEL, 240);
      const last = await writer.put(`${FLANNEL.prefix}/subnets/10.5.99.0-24`).value(leaseValue('203.0.113.9')).exec();
      const finalRevision = BigInt(last.header.revision);

      const watchers = () => [...replicas.flatMap((r) => r.app.get(DatastoreSyncService).watchStatuses()), lagging.status()];
      await eventually(
        async () => (watchers().every((s) => s.revision !== null && BigInt(s.revision) >= finalRevision) ? true : undefined),
        CAUGHT_UP_WITHIN_MS,
        `all three watchers at revision ${finalRevision}`,
      );
      // A store that failed (a unique-index violation, say) ends the watch: the watcher lists again and says why.
      expect(problems).toEqual([]);
      expect(watchers().map((s) => ({ relists: s.relists, lastError: s.lastError }))).toEqual(watchers().map(() => ({ relists: 0, lastError: null })));

      const inEtcd = (await client.getAll().prefix(`${FLANNEL.prefix}/`).exec()).kvs.map((kv) => expectedOf(FLANNEL, kv));
      const byKey = (a: { key: string }, b: { key: string }) => a.key.localeCompare(b.key);
      expect((await currentOf(FLANNEL)).sort(byKey)).toEqual(inEtcd.sort(byKey));
      await expectHistoryForwardOnly(FLANNEL);
      const mark = await prisma().datastoreRevision.findUnique({ where: { source_prefix: FLANNEL } });
      expect(mark?.revision).toBe(finalRevision);
    } finally {
      await lagging.stop();
      client.close();
    }
  });

  it('should not bring back a deleted key when a replica that batched the stream differently stores the older put', async () => {
    const where = flannelAt('/replica-test/batching');
    // The fast replica read put@5 and delete@7 in one response; the slow one read put@5 alone.
    await repository().applyChanges(where, [put(where, 1, '192.0.2.1', 5), del(where, 1, 7)], new Date());
    await repository().applyChanges(where, [put(where, 1, '192.0.2.1', 5)], new Date());
    expect(await currentOf(where)).toEqual([]);
    expect(await historyOf(where)).toEqual([]);
  });

  it('should keep the newer value when a list read at an older revision arrives after it', async () => {
    const where = flannelAt('/replica-test/stale-list');
    await repository().replaceAll(where, [storedOf(put(where, 1, '192.0.2.1', 3))], '4', new Date());
    await repository().applyChanges(where, [put(where, 1, '192.0.2.2', 9), put(where, 2, '192.0.2.3', 10)], new Date());
    // Listed at revision 6 by a replica that was cut off: key 2 did not exist yet, key 1 held its first value.
    const counts = await repository().replaceAll(where, [storedOf(put(where, 1, '192.0.2.1', 3))], '6', new Date());

    expect(counts).toEqual({ added: 0, removed: 0, changed: 0 });
    expect((await currentOf(where)).map((r) => [r.key, r.modRevision])).toEqual([
      [subnetKey(where, 1), 9n],
      [subnetKey(where, 2), 10n],
    ]);
    await expectHistoryForwardOnly(where);
  });

  it('should ignore an older delete when the key was written again with the same value', async () => {
    const where = flannelAt('/replica-test/rewrite');
    await repository().applyChanges(where, [put(where, 1, '192.0.2.1', 5)], new Date());
    await repository().applyChanges(where, [put(where, 1, '192.0.2.1', 8)], new Date());
    // Without the stored revision, only the row's revision would guard it: 8 after the rewrite, not 5.
    await prisma().datastoreRevision.delete({ where: { source_prefix: where } });
    await repository().applyChanges(where, [del(where, 1, 6)], new Date());

    expect((await currentOf(where)).map((r) => r.modRevision)).toEqual([8n]);
    expect(await historyOf(where)).toHaveLength(1);
  });

  it('should store one row per key when replicas store the same list at the same moment', async () => {
    const where = flannelAt('/replica-test/same-list');
    const entries = [1, 2, 3].map((i) => storedOf(put(where, i, `192.0.2.${i}`, 10 + i)));
    const results = await Promise.allSettled(
      replicas.flatMap((r) => [1, 2].map(() => r.app.get(DatastoreRepository).replaceAll(where, entries, '20', new Date()))),
    );

    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.added : -1)).sort()).toEqual([0, 0, 0, 3]);
    expect(await historyOf(where)).toHaveLength(3);
  });
});
