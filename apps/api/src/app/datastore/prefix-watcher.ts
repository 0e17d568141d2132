import type { DatastoreWatchStatus } from '@meshlens/model';
import { readDatastoreEntry, type EtcdKv, type WatchedPrefix } from '@meshlens/netparse';
import type { Etcd3, IKeyValue, IWatchResponse, Watcher } from 'etcd3';
import type { DatastoreSink, EntryChange, StoredEntry } from './datastore-sink';

export interface WatcherLogger {
  log(message: string): void;
  warn(message: string): void;
}

const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 2_000;

const decode = (kv: IKeyValue): EtcdKv => ({
  key: kv.key.toString('utf8'),
  value: kv.value.toString('utf8'),
  modRevision: String(kv.mod_revision),
  lease: String(kv.lease ?? '0'),
});

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Mirrors one prefix: lists it, then watches from the listed revision + 1. etcd3 re-creates a dropped watch
 * from the last revision it saw; when etcd cancels the watch (that revision was compacted away) this lists again,
 * and the sink's replace() turns the new list into the difference. Every sink call for the prefix is serialised.
 */
export class PrefixWatcher {
  private stopped = true;
  private watcher: Watcher | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private wake: (() => void) | null = null;
  private readonly state: DatastoreWatchStatus;

  constructor(
    private readonly client: Etcd3,
    readonly where: WatchedPrefix,
    private readonly sink: DatastoreSink,
    private readonly logger: WatcherLogger,
  ) {
    this.state = { ...where, state: 'starting', revision: null, relists: 0, lastError: null, lastChangeAt: null };
  }

  status(): DatastoreWatchStatus {
    return { ...this.state };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    const w = this.watcher;
    this.watcher = null;
    await w?.cancel().catch(() => undefined);
    await this.chain.catch(() => undefined);
    this.update({ state: 'stopped' });
  }

  private update(patch: Partial<DatastoreWatchStatus>): void {
    Object.assign(this.state, patch);
    this.sink.status(this.status());
  }

  /** Runs `work` after everything queued before it, so list and events are applied in etcd's order. */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async run(): Promise<void> {
    let delay = RETRY_MIN_MS;
    let listed = false;
    while (!this.stopped) {
      try {
        this.update({ state: 'listing' });
        const revision = await this.list();
        if (listed) this.update({ relists: this.state.relists + 1 });
        listed = true;
        delay = RETRY_MIN_MS;
        const reason = await this.watchFrom(revision);
        if (reason) this.logger.warn(`${this.where.prefix}: ${reason}; listing again`);
      } catch (error) {
        this.update({ state: 'disconnected', lastError: errorText(error) });
        await this.pause(delay);
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      }
    }
  }

  private async list(): Promise<string> {
    const res = await this.client.getAll().prefix(this.range()).exec();
    const revision = String(res.header.revision);
    const entries = res.kvs.map((kv) => this.toStored(decode(kv))).filter((e): e is StoredEntry => e !== null);
    await this.serial(() => this.sink.replace(this.where, entries, revision));
    this.update({ revision, lastChangeAt: new Date().toISOString() });
    return revision;
  }

  /** Resolves with the reason the watch ended for good (etcd cancelled it); never rejects. */
  private watchFrom(listedRevision: string): Promise<string | null> {
    return new Promise((resolve) => {
      const watcher = this.client
        .watch()
        .prefix(this.range())
        .startRevision(String(BigInt(listedRevision) + 1n))
        .watcher();
      this.watcher = watcher;
      let ended = false;
      const end = (reason: string | null, cancelledByEtcd = false) => {
        if (ended) return;
        ended = true;
        this.wake = null;
        if (this.watcher === watcher) this.watcher = null;
        // A watch etcd cancelled is already detached; cancelling it again makes etcd3 throw on the reply.
        if (!cancelledByEtcd) void watcher.cancel().catch(() => undefined);
        resolve(reason);
      };
      this.wake = () => end(null);
      watcher.on('connected', () => this.update({ state: 'watching', lastError: null }));
      watcher.on('disconnected', (error: unknown) => this.update({ state: 'disconnected', lastError: errorText(error) }));
      watcher.on('error', (error: unknown) => end(errorText(error), true));
      watcher.on('data', (res: IWatchResponse) => {
        const revision = String(res.header.revision);
        const changes = res.events
          .map((ev): EntryChange | null => {
            const kv = decode(ev.kv);
            // etcd gives a delete event's kv the revision of the delete as its mod_revision.
            if (ev.type === 'Delete') return { type: 'delete', key: kv.key, modRevision: kv.modRevision };
            const stored = this.toStored(kv);
            return stored && { type: 'put', stored };
          })
          .filter((c): c is EntryChange => c !== null);
        void this.serial(() => (changes.length ? this.sink.apply(this.where, changes, revision) : Promise.resolve()))
          .then(() => this.update({ revision, lastChangeAt: new Date().toISOString() }))
          // A change that cannot be stored is not lost: listing again rebuilds the difference.
          .catch((error: unknown) => end(`applying revision ${revision} failed: ${errorText(error)}`));
      });
    });
  }

  /** `/coreos.com/network/`: without the slash, /coreos.com/network-hostgw (another flanneld's prefix) would match too. */
  private range(): string {
    return `${this.where.prefix}/`;
  }

  private toStored(kv: EtcdKv): StoredEntry | null {
    const entry = readDatastoreEntry(this.where, kv);
    return entry && { key: kv.key, entry, modRevision: kv.modRevision, lease: kv.lease };
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
}
