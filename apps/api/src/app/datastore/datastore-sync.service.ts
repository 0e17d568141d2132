import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { DatastoreWatchStatus } from '@meshlens/model';
import type { WatchedPrefix } from '@meshlens/netparse';
import type { Etcd3 } from 'etcd3';
import { DATASTORE_CONFIG, isDatastoreConfigured, type DatastoreConfig } from './datastore-config';
import type { DatastoreSink, EntryChange, StoredEntry } from './datastore-sink';
import { DatastoreRepository } from './datastore.repository';
import { createEtcdClient } from './etcd-client.factory';
import { LeaseClock } from './lease-clock';
import { PrefixWatcher } from './prefix-watcher';

// flanneld keeps 24 h leases; a minute is plenty to notice one that stopped being renewed.
const LEASE_REFRESH_MS = 60_000;

const leasesOf = (entries: StoredEntry[]): string[] => entries.filter((e) => e.lease !== '0').map((e) => e.lease);

/** Runs one PrefixWatcher per configured prefix and stores what they read; does nothing without etcd endpoints. */
@Injectable()
export class DatastoreSyncService implements DatastoreSink, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Datastore');
  private client: Etcd3 | null = null;
  private watchers: PrefixWatcher[] = [];
  private clock: LeaseClock | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly leaseIds = new Map<string, string>();
  private readonly statuses = new Map<string, DatastoreWatchStatus>();

  constructor(
    @Inject(DATASTORE_CONFIG) private readonly config: DatastoreConfig,
    private readonly repository: DatastoreRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (!isDatastoreConfigured(this.config)) {
      this.logger.log('no etcd configured (MESHLENS_ETCD_ENDPOINTS): Flannel and Calico datastore features are off');
      return;
    }
    const client = createEtcdClient(this.config);
    this.client = client;
    this.clock = new LeaseClock(client);
    this.watchers = this.config.prefixes.map((where) => new PrefixWatcher(client, where, this, this.logger));
    for (const w of this.watchers) this.statuses.set(this.idOf(w.where), w.status());
    this.watchers.forEach((w) => w.start());
    this.timer = setInterval(() => void this.refreshLeases(), LEASE_REFRESH_MS);
    this.timer.unref();
    this.logger.log(`watching ${this.config.prefixes.map((p) => `${p.source} ${p.prefix}`).join(', ')} on ${this.config.endpoints.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.watchers.map((w) => w.stop()));
    this.watchers = [];
    this.client?.close();
    this.client = null;
  }

  watchStatuses(): DatastoreWatchStatus[] {
    return [...this.statuses.values()];
  }

  /** Epoch ms at which an etcd lease runs out, when known. */
  leaseExpiry(leaseId: string): number | undefined {
    return this.clock?.expiryOf(leaseId);
  }

  async replace(where: WatchedPrefix, entries: StoredEntry[], revision: string): Promise<void> {
    const counts = await this.repository.replaceAll(where, entries, revision, new Date());
    this.logger.log(`${where.prefix} listed at revision ${revision}: ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed`);
    for (const k of [...this.leaseIds.keys()]) if (k.startsWith(`${this.idOf(where)}|`)) this.leaseIds.delete(k);
    for (const e of entries) if (e.lease !== '0') this.leaseIds.set(`${this.idOf(where)}|${e.key}`, e.lease);
    await this.refreshLeases(leasesOf(entries));
  }

  async apply(where: WatchedPrefix, changes: EntryChange[], revision: string): Promise<void> {
    await this.repository.applyChanges(where, changes, new Date());
    const fresh: string[] = [];
    for (const c of changes) {
      const id = `${this.idOf(where)}|${c.type === 'put' ? c.stored.key : c.key}`;
      if (c.type === 'put' && c.stored.lease !== '0') {
        this.leaseIds.set(id, c.stored.lease);
        fresh.push(c.stored.lease);
      } else this.leaseIds.delete(id);
    }
    if (fresh.length) await this.refreshLeases(fresh);
    this.logger.debug(`${where.prefix} at revision ${revision}: ${changes.length} change(s)`);
  }

  status(status: DatastoreWatchStatus): void {
    this.statuses.set(this.idOf(status), status);
    void this.repository.saveWatchStatus(status, new Date()).catch(() => undefined);
  }

  private idOf(where: WatchedPrefix): string {
    return `${where.source}:${where.prefix}`;
  }

  /** Refreshes the given leases (default: all known); a failure keeps the last answers. */
  private async refreshLeases(only?: string[]): Promise<void> {
    if (!this.clock) return;
    try {
      if (only) {
        await this.clock.refresh(new Set([...this.leaseIds.values(), ...only]));
      } else await this.clock.refresh(this.leaseIds.values());
    } catch (error) {
      this.logger.debug(`lease TTLs not refreshed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
